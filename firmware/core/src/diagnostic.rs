//! The companion firmware's reply to a viewer's offer: a valid SDP answer that rejects every media section
//! (port 0, RFC 3264 §6) and says in its session name and `a=tool` that it comes from the companion firmware.
//! It lets the host time offer → answer through KVS without a media stack on the device. With [`Lite`] it also
//! carries the device's ICE-lite credentials and candidates, so that the host can run connectivity checks
//! against the device and tell which paths to it work.

use crate::message::{Action, Incoming, MessageType, Outgoing, sdp_of, sdp_payload};
use crate::names::ClientId;
use crate::stun::IceCredentials;
use crate::webrtc::CandidateType;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, SocketAddr};

/// Marks the answer as the companion firmware's (the host's diagnose looks for it).
pub const TOOL: &str = "kvs-esp-firmware";

/// A device's ICE-lite agent, as its answer states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lite {
    pub credentials: IceCredentials,
    pub candidates: Vec<Candidate>,
}

/// One of the device's candidates (all UDP: host, server-reflexive, relay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub typ: CandidateType,
    pub addr: SocketAddr,
}

impl Candidate {
    /// Its priority (RFC 8445 §5.1.2.1): type preference host 126, server-reflexive 100, relay 0; component 1.
    pub fn priority(&self) -> u32 {
        let preference: u32 = match self.typ {
            CandidateType::Host => 126,
            CandidateType::PeerReflexive => 110,
            CandidateType::ServerReflexive => 100,
            CandidateType::Relay => 0,
        };
        (preference << 24) | (65_535 << 8) | 255
    }

    /// The `candidate:` attribute's value.
    pub fn sdp(&self, foundation: usize) -> String {
        format!(
            "candidate:{foundation} 1 udp {} {} {} typ {}",
            self.priority(),
            self.addr.ip(),
            self.addr.port(),
            self.typ
        )
    }

    /// Reads a `candidate:` value (with or without `a=`); `None` for TCP candidates and what is unreadable.
    pub fn parse(line: &str) -> Option<Candidate> {
        let value = line.trim().trim_start_matches("a=").strip_prefix("candidate:")?;
        let fields: Vec<&str> = value.split_whitespace().collect();
        if fields.len() < 8 || !fields[2].eq_ignore_ascii_case("udp") || fields[6] != "typ" {
            return None;
        }
        let ip: IpAddr = fields[4].parse().ok()?;
        let port: u16 = fields[5].parse().ok()?;
        Some(Candidate { typ: fields[7].parse().ok()?, addr: SocketAddr::new(ip, port) })
    }
}

/// The ICE-lite agent an answer carries: its credentials and candidates; `None` when it carries none.
pub fn lite_of(sdp: &str) -> Option<Lite> {
    let value = |key: &str| sdp.lines().find_map(|l| l.trim_end().strip_prefix(key)).map(String::from);
    let credentials = IceCredentials { ufrag: value("a=ice-ufrag:")?, pwd: value("a=ice-pwd:")? };
    let candidates: Vec<Candidate> = sdp.lines().filter_map(Candidate::parse).collect();
    Some(Lite { credentials, candidates })
}

/// The answer's `{"type":"answer","sdp":…}` payload for an offer's payload; `None` when the payload is not
/// an SDP offer.
pub fn answer_payload(offer_payload: &str, device: &str, session_id: u64, lite: Option<&Lite>) -> Option<String> {
    let (kind, offer) = sdp_of(offer_payload)?;
    if kind != "offer" || !offer.starts_with("v=0") {
        return None;
    }
    Some(sdp_payload("answer", &answer_sdp(&offer, device, session_id, lite)))
}

/// Why an offer got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoAnswer {
    /// The message is not an SDP offer (nothing to answer).
    NotAnOffer,
    /// An offer without a sender id, or with one the service would refuse as a recipient.
    BadSender(String),
    /// An offer whose payload holds no SDP offer.
    NoSdp,
}

impl fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoAnswer::NotAnOffer => f.write_str("the message is not an SDP offer"),
            NoAnswer::BadSender(why) => write!(f, "the offer's sender cannot be answered: {why}"),
            NoAnswer::NoSdp => f.write_str("the offer holds no readable SDP"),
        }
    }
}

/// The diagnostic answer to a viewer's offer, addressed to its sender: what the companion firmware (and the
/// virtual device) send back.
pub fn reply_to(offer: &Incoming, device: &str, session_id: u64, lite: Option<&Lite>) -> Result<Outgoing, NoAnswer> {
    if offer.message_type != MessageType::SdpOffer {
        return Err(NoAnswer::NotAnOffer);
    }
    let sender = offer.sender.as_deref().ok_or_else(|| NoAnswer::BadSender(String::from("it has none")))?;
    let recipient = ClientId::new(sender).map_err(|e| NoAnswer::BadSender(format!("{e}")))?;
    let payload =
        offer.payload.as_deref().and_then(|p| answer_payload(p, device, session_id, lite)).ok_or(NoAnswer::NoSdp)?;
    Ok(Outgoing { action: Action::SdpAnswer, payload, recipient: Some(recipient), correlation_id: None })
}

/// The SDP answer text for an offer's SDP text.
pub fn answer_sdp(offer: &str, device: &str, session_id: u64, lite: Option<&Lite>) -> String {
    let mut sections: Vec<(String, Option<&str>)> = Vec::new();
    for line in offer.lines().map(str::trim_end) {
        if let Some(media) = line.strip_prefix("m=") {
            let mut fields = media.split(' ');
            let kind = fields.next().unwrap_or("application");
            let proto = fields.nth(1).unwrap_or("UDP/TLS/RTP/SAVPF");
            let formats: Vec<&str> = fields.collect();
            let formats = if formats.is_empty() { String::from("0") } else { formats.join(" ") };
            sections.push((format!("m={kind} 0 {proto} {formats}"), None));
        } else if let (Some(mid), Some(last)) = (line.strip_prefix("a=mid:"), sections.last_mut()) {
            last.1 = Some(mid);
        }
    }
    let mut sdp = format!(
        "v=0\r\no={TOOL} {session_id} 2 IN IP4 0.0.0.0\r\ns=kvs-esp companion firmware diagnostic answer ({device})\r\n\
         t=0 0\r\na=tool:{TOOL} {}\r\n",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(lite) = lite {
        sdp.push_str(&format!(
            "a=ice-lite\r\na=ice-ufrag:{}\r\na=ice-pwd:{}\r\n",
            lite.credentials.ufrag, lite.credentials.pwd
        ));
    }
    for (i, (media, mid)) in sections.iter().enumerate() {
        sdp.push_str(media);
        sdp.push_str("\r\nc=IN IP4 0.0.0.0\r\n");
        if let Some(mid) = mid {
            sdp.push_str(&format!("a=mid:{mid}\r\n"));
        }
        sdp.push_str("a=inactive\r\n");
        for (foundation, candidate) in lite.iter().filter(|_| i == 0).flat_map(|l| l.candidates.iter().enumerate()) {
            sdp.push_str(&format!("a={}\r\n", candidate.sdp(foundation + 1)));
        }
    }
    sdp
}

/// Whether an answer's SDP is the companion firmware's diagnostic answer.
pub fn is_diagnostic_answer(sdp: &str) -> bool {
    sdp.lines().any(|line| line.starts_with("a=tool:") && line.contains(TOOL))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFER: &str = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
        a=group:BUNDLE 0 1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
        m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n";

    #[test]
    fn rejects_every_offered_section_in_order_and_keeps_the_mids() {
        let answer = answer_sdp(OFFER, "esp32c3", 7, None);
        let media: Vec<&str> = answer.lines().filter(|l| l.starts_with("m=")).collect();
        assert_eq!(media, ["m=audio 0 UDP/TLS/RTP/SAVPF 111 0", "m=video 0 UDP/TLS/RTP/SAVPF 96 97"]);
        let mids: Vec<&str> = answer.lines().filter_map(|l| l.strip_prefix("a=mid:")).collect();
        assert_eq!(mids, ["0", "1"]);
        assert!(answer.starts_with("v=0\r\no=kvs-esp-firmware 7 2 IN IP4 0.0.0.0\r\ns="));
        assert!(answer.contains("esp32c3"));
        assert!(is_diagnostic_answer(&answer));
        assert!(!is_diagnostic_answer(OFFER));
    }

    #[test]
    fn replies_to_the_sender_of_an_offer() {
        let offer = Incoming {
            message_type: MessageType::SdpOffer,
            sender: Some("viewer-1".into()),
            payload: Some(sdp_payload("offer", OFFER)),
            status: None,
            bytes: 300,
        };
        let reply = reply_to(&offer, "esp32c3", 9, None).expect("a reply");
        assert_eq!(reply.action, Action::SdpAnswer);
        assert_eq!(reply.recipient.as_ref().map(|r| r.as_str()), Some("viewer-1"));
        assert!(is_diagnostic_answer(&sdp_of(&reply.payload).unwrap().1));
        let anonymous = Incoming { sender: None, ..offer.clone() };
        assert!(matches!(reply_to(&anonymous, "esp32c3", 9, None), Err(NoAnswer::BadSender(_))));
        let empty = Incoming { payload: Some("{}".into()), ..offer.clone() };
        assert_eq!(reply_to(&empty, "esp32c3", 9, None), Err(NoAnswer::NoSdp));
        let answer = Incoming { message_type: MessageType::SdpAnswer, ..offer };
        assert_eq!(reply_to(&answer, "esp32c3", 9, None), Err(NoAnswer::NotAnOffer));
    }

    #[test]
    fn answers_only_offers() {
        let offer = sdp_payload("offer", OFFER);
        let answer = answer_payload(&offer, "esp32c6", 1, None).expect("an answer");
        let (kind, sdp) = sdp_of(&answer).expect("an SDP payload");
        assert_eq!(kind, "answer");
        assert!(is_diagnostic_answer(&sdp));
        assert_eq!(answer_payload(&sdp_payload("answer", OFFER), "esp32c6", 1, None), None);
        assert_eq!(answer_payload("not json", "esp32c6", 1, None), None);
        assert_eq!(answer_payload(&sdp_payload("offer", "garbage"), "esp32c6", 1, None), None);
    }

    #[test]
    fn carries_the_ice_lite_agent_and_reads_it_back() {
        let lite = Lite {
            credentials: IceCredentials { ufrag: "dev1".into(), pwd: "a-password-of-22-chars".into() },
            candidates: alloc::vec![
                Candidate { typ: CandidateType::Host, addr: "192.168.1.20:50000".parse().unwrap() },
                Candidate { typ: CandidateType::ServerReflexive, addr: "203.0.113.9:61000".parse().unwrap() },
                Candidate { typ: CandidateType::Relay, addr: "[2001:db8::7]:49152".parse().unwrap() },
            ],
        };
        let answer = answer_sdp(OFFER, "esp32c3", 7, Some(&lite));
        assert!(answer.contains("a=ice-lite\r\n") && is_diagnostic_answer(&answer));
        assert!(answer.contains("a=candidate:1 1 udp 2130706431 192.168.1.20 50000 typ host\r\n"), "{answer}");
        assert_eq!(lite_of(&answer), Some(lite));
        assert_eq!(lite_of(&answer_sdp(OFFER, "esp32c3", 7, None)), None);
        assert_eq!(Candidate::parse("a=candidate:1 1 tcp 1 10.0.0.1 9 typ host tcptype active"), None);
        assert_eq!(Candidate::parse("candidate:garbage"), None);
    }
}
