//! What the peer reads from SDP and signaling payloads: the JSON shapes KVS peers exchange (`{"type","sdp"}`
//! and `{"candidate","sdpMid","sdpMLineIndex"}`), the codecs of each media section, the DTLS setup role and
//! fingerprint, the remote candidates.

use kvs_core::webrtc::{Codec, DtlsRole, MediaKind};
use serde_json::{Value, json};

/// The payload of an SDP_OFFER or SDP_ANSWER message, as the JS and C SDKs send it.
pub fn description_payload(kind: &str, sdp: &str) -> String {
    json!({ "type": kind, "sdp": sdp }).to_string()
}

/// The SDP of an offer or answer payload; some clients send the SDP text bare.
pub fn description_of(payload: &str) -> Option<String> {
    match serde_json::from_str::<Value>(payload) {
        Ok(value) => value.get("sdp")?.as_str().map(str::to_string),
        Err(_) => payload.trim_start().starts_with("v=0").then(|| payload.to_string()),
    }
}

/// The payload of an ICE_CANDIDATE message for a candidate line (`candidate:…`).
pub fn candidate_payload(candidate: &str, mid: &str) -> String {
    json!({ "candidate": candidate, "sdpMid": mid, "sdpMLineIndex": 0 }).to_string()
}

/// The candidate line of an ICE_CANDIDATE payload; `None` for the empty end-of-candidates one.
pub fn candidate_of(payload: &str) -> Result<Option<String>, String> {
    let value: Value = serde_json::from_str(payload).map_err(|e| format!("the ICE candidate is not JSON: {e}"))?;
    let line = value.get("candidate").and_then(Value::as_str).ok_or("the ICE candidate has no \"candidate\" field")?;
    let line = line.trim().trim_start_matches("a=");
    Ok((!line.is_empty()).then(|| line.to_string()))
}

/// The first media section's `a=mid`, which trickled candidates name.
pub fn first_mid(sdp: &str) -> String {
    lines(sdp).find_map(|l| l.strip_prefix("a=mid:")).unwrap_or("0").to_string()
}

fn lines(sdp: &str) -> impl Iterator<Item = &str> {
    sdp.lines().map(str::trim_end)
}

/// The codecs of each media section, in the section's order; a rejected section (port 0) lists none.
pub fn codecs(sdp: &str) -> Vec<(MediaKind, Vec<Codec>)> {
    // Each section: its kind (none for the data channel's), whether it is accepted, its codecs.
    let mut sections: Vec<(Option<MediaKind>, bool, Vec<Codec>)> = Vec::new();
    for line in lines(sdp) {
        if let Some(m) = line.strip_prefix("m=") {
            let mut words = m.split_whitespace();
            let kind = match words.next() {
                Some("audio") => Some(MediaKind::Audio),
                Some("video") => Some(MediaKind::Video),
                _ => None,
            };
            sections.push((kind, words.next() != Some("0"), Vec::new()));
        } else if let Some(rtpmap) = line.strip_prefix("a=rtpmap:")
            && let Some((_, name)) = rtpmap.split_once(' ')
            && let Some((_, true, codecs)) = sections.last_mut()
            && let Ok(codec) = name.split('/').next().unwrap_or("").parse::<Codec>()
            && !codecs.contains(&codec)
        {
            codecs.push(codec);
        }
    }
    sections.into_iter().filter_map(|(kind, _, codecs)| Some((kind?, codecs))).collect()
}

/// This side's DTLS role given the remote description's `a=setup`: the remote's `active` makes us the server.
pub fn our_dtls_role(remote_sdp: &str) -> Option<DtlsRole> {
    match lines(remote_sdp).find_map(|l| l.strip_prefix("a=setup:"))? {
        "active" => Some(DtlsRole::Server),
        "passive" => Some(DtlsRole::Client),
        _ => None,
    }
}

/// The remote's certificate fingerprint as its SDP states it (`sha-256 AB:CD:…`).
pub fn fingerprint(sdp: &str) -> Option<String> {
    lines(sdp).find_map(|l| l.strip_prefix("a=fingerprint:")).map(str::to_string)
}

/// The candidate lines of a description.
pub fn candidates(sdp: &str) -> Vec<String> {
    lines(sdp)
        .filter_map(|l| l.strip_prefix("a="))
        .filter(|l| l.starts_with("candidate:"))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANSWER: &str = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1 2\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\na=mid:0\r\na=setup:active\r\n\
        a=fingerprint:sha-256 AB:CD\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n\
        m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n\
        m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:2\r\n\
        a=candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host\r\n";

    #[test]
    fn reads_what_the_verdict_needs() {
        assert_eq!(
            codecs(ANSWER),
            vec![(MediaKind::Audio, vec![Codec::Opus, Codec::Pcmu]), (MediaKind::Video, vec![])],
            "the rejected video section lists no codec, the data channel is no media section"
        );
        assert_eq!(our_dtls_role(ANSWER), Some(DtlsRole::Server));
        assert_eq!(fingerprint(ANSWER).as_deref(), Some("sha-256 AB:CD"));
        assert_eq!(first_mid(ANSWER), "0");
        assert_eq!(candidates(ANSWER), vec!["candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host"]);
    }

    #[test]
    fn payloads_round_trip_and_refuse_garbage() {
        assert_eq!(description_of(&description_payload("offer", "v=0\r\n")).as_deref(), Some("v=0\r\n"));
        assert_eq!(description_of("v=0\r\ns=bare"), Some("v=0\r\ns=bare".into()));
        assert_eq!(description_of("{\"type\":\"offer\"}"), None);
        let line = "candidate:1 1 udp 1 127.0.0.1 9 typ host";
        assert_eq!(candidate_of(&candidate_payload(line, "0")), Ok(Some(line.to_string())));
        assert_eq!(candidate_of("{\"candidate\":\"\"}"), Ok(None));
        assert!(candidate_of("{oops").unwrap_err().contains("not JSON"));
        assert!(candidate_of("{}").unwrap_err().contains("no \"candidate\""));
    }
}
