//! The words of a WebRTC connection past signaling — ICE states, candidate types and transports, pair outcomes,
//! DTLS roles, codecs and the layers a verdict names — shared by the host's peer and the device so that their
//! event lines (`ev=ice`, `ev=dtls`, `ev=sctp`, `ev=rtp`, …) read the same on one timeline. Each word
//! round-trips through its text form.

use core::fmt;

/// Why a word is not one of a vocabulary's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownWord;

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a known word")
    }
}

/// A closed vocabulary: `ALL`, `as_str`, `Display` and `FromStr` that agree with each other.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Reports and JSON carry the word itself.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl core::str::FromStr for $name {
            type Err = $crate::webrtc::UnknownWord;

            fn from_str(text: &str) -> Result<Self, $crate::webrtc::UnknownWord> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|word| word.as_str().eq_ignore_ascii_case(text))
                    .ok_or($crate::webrtc::UnknownWord)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The ICE agent's connection state (RFC 8445; the names of `RTCIceConnectionState`).
    IceState {
        New => "new",
        Checking => "checking",
        Connected => "connected",
        Completed => "completed",
        Disconnected => "disconnected",
        Failed => "failed",
    }
}

vocabulary! {
    /// An ICE candidate's type (RFC 8445 §5.1.1), as `typ` writes it in SDP.
    CandidateType {
        Host => "host",
        ServerReflexive => "srflx",
        PeerReflexive => "prflx",
        Relay => "relay",
    }
}

vocabulary! {
    /// How a candidate's packets travel: to the peer (UDP, TCP) or, for a relay, to the TURN server (TLS too).
    Transport {
        Udp => "udp",
        Tcp => "tcp",
        Tls => "tls",
    }
}

vocabulary! {
    /// Which side of the connection a candidate belongs to.
    Side {
        Local => "local",
        Remote => "remote",
    }
}

vocabulary! {
    /// How a candidate pair's connectivity checks ended.
    PairOutcome {
        Succeeded => "succeeded",
        /// The peer answered with an error.
        Failed => "failed",
        /// Checks went out and nothing came back.
        TimedOut => "timed-out",
    }
}

vocabulary! {
    /// What a device's network check tried: a STUN Binding (its server-reflexive address) or a TURN allocation.
    PathStep {
        Stun => "stun",
        Turn => "turn",
    }
}

vocabulary! {
    /// Why a network check failed, as a user acts on it.
    PathCause {
        /// DNS, or the server's port: nothing answered the connection (a TCP reset, an ICMP unreachable).
        Unreachable => "unreachable",
        /// Requests went out and nothing came back (UDP dropped on the way).
        Timeout => "timeout",
        /// The TLS handshake failed: the server's root is not trusted, or its chain or dates are bad.
        Trust => "trust",
        /// 401 or 441: wrong or expired credentials.
        Credentials => "credentials",
        /// Any other refusal.
        Refused => "refused",
    }
}

vocabulary! {
    /// This side's DTLS role (from the SDP `a=setup` exchange): the client sends the ClientHello.
    DtlsRole {
        Client => "client",
        Server => "server",
    }
}

vocabulary! {
    /// A media track's kind.
    MediaKind {
        Audio => "audio",
        Video => "video",
    }
}

vocabulary! {
    /// The codecs KVS peers negotiate (the C SDK's `RTC_CODEC_*`), by their SDP `rtpmap` names.
    Codec {
        H264 => "H264",
        H265 => "H265",
        Vp8 => "VP8",
        Vp9 => "VP9",
        Av1 => "AV1",
        Opus => "opus",
        Pcmu => "PCMU",
        Pcma => "PCMA",
        G722 => "G722",
    }
}

impl Codec {
    pub fn kind(self) -> MediaKind {
        match self {
            Codec::Opus | Codec::Pcmu | Codec::Pcma | Codec::G722 => MediaKind::Audio,
            _ => MediaKind::Video,
        }
    }
}

vocabulary! {
    /// The layers of the media path, in the order a connection climbs them; a verdict names the first that
    /// failed.
    Layer {
        Signaling => "signaling",
        /// Candidates: host, server-reflexive (STUN), relay (TURN allocation).
        Gathering => "gathering",
        /// TURN allocation: credentials, trust of a TLS server.
        Turn => "turn",
        /// Connectivity checks between candidate pairs.
        Ice => "ice",
        Dtls => "dtls",
        /// The data channel over SCTP.
        Sctp => "sctp",
        /// Media packets.
        Rtp => "rtp",
        /// A decodable picture: a keyframe.
        Keyframe => "keyframe",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::str::FromStr;

    #[test]
    fn every_word_round_trips() {
        fn check<T: Copy + fmt::Display + FromStr + PartialEq + fmt::Debug>(all: &[T]) {
            for &word in all {
                let text = alloc::string::ToString::to_string(&word);
                assert_eq!(text.parse::<T>().ok(), Some(word), "{text}");
            }
        }
        check(IceState::ALL);
        check(CandidateType::ALL);
        check(Transport::ALL);
        check(Side::ALL);
        check(PairOutcome::ALL);
        check(DtlsRole::ALL);
        check(MediaKind::ALL);
        check(Codec::ALL);
        check(Layer::ALL);
        assert_eq!("h264".parse::<Codec>(), Ok(Codec::H264));
        assert_eq!("OPUS".parse::<Codec>(), Ok(Codec::Opus));
        assert_eq!("theora".parse::<Codec>(), Err(UnknownWord));
    }
}
