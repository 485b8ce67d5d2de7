//! The companion firmware's reply to a viewer's offer: a valid SDP answer that rejects every media section
//! (port 0, RFC 3264 §6) and says in its session name and `a=tool` that it comes from the companion firmware.
//! It lets the host time offer → answer through KVS without a media stack on the device.

use crate::message::{Action, Incoming, MessageType, Outgoing, sdp_of, sdp_payload};
use crate::names::ClientId;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Marks the answer as the companion firmware's (the host's diagnose looks for it).
pub const TOOL: &str = "kvs-esp-firmware";

/// The answer's `{"type":"answer","sdp":…}` payload for an offer's payload; `None` when the payload is not
/// an SDP offer.
pub fn answer_payload(offer_payload: &str, device: &str, session_id: u64) -> Option<String> {
    let (kind, offer) = sdp_of(offer_payload)?;
    if kind != "offer" || !offer.starts_with("v=0") {
        return None;
    }
    Some(sdp_payload("answer", &answer_sdp(&offer, device, session_id)))
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
pub fn reply_to(offer: &Incoming, device: &str, session_id: u64) -> Result<Outgoing, NoAnswer> {
    if offer.message_type != MessageType::SdpOffer {
        return Err(NoAnswer::NotAnOffer);
    }
    let sender = offer.sender.as_deref().ok_or_else(|| NoAnswer::BadSender(String::from("it has none")))?;
    let recipient = ClientId::new(sender).map_err(|e| NoAnswer::BadSender(format!("{e}")))?;
    let payload =
        offer.payload.as_deref().and_then(|p| answer_payload(p, device, session_id)).ok_or(NoAnswer::NoSdp)?;
    Ok(Outgoing { action: Action::SdpAnswer, payload, recipient: Some(recipient), correlation_id: None })
}

/// The SDP answer text for an offer's SDP text.
pub fn answer_sdp(offer: &str, device: &str, session_id: u64) -> String {
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
    for (media, mid) in &sections {
        sdp.push_str(media);
        sdp.push_str("\r\nc=IN IP4 0.0.0.0\r\n");
        if let Some(mid) = mid {
            sdp.push_str(&format!("a=mid:{mid}\r\n"));
        }
        sdp.push_str("a=inactive\r\n");
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
        let answer = answer_sdp(OFFER, "esp32c3", 7);
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
        let reply = reply_to(&offer, "esp32c3", 9).expect("a reply");
        assert_eq!(reply.action, Action::SdpAnswer);
        assert_eq!(reply.recipient.as_ref().map(|r| r.as_str()), Some("viewer-1"));
        assert!(is_diagnostic_answer(&sdp_of(&reply.payload).unwrap().1));
        let anonymous = Incoming { sender: None, ..offer.clone() };
        assert!(matches!(reply_to(&anonymous, "esp32c3", 9), Err(NoAnswer::BadSender(_))));
        let empty = Incoming { payload: Some("{}".into()), ..offer.clone() };
        assert_eq!(reply_to(&empty, "esp32c3", 9), Err(NoAnswer::NoSdp));
        let answer = Incoming { message_type: MessageType::SdpAnswer, ..offer };
        assert_eq!(reply_to(&answer, "esp32c3", 9), Err(NoAnswer::NotAnOffer));
    }

    #[test]
    fn answers_only_offers() {
        let offer = sdp_payload("offer", OFFER);
        let answer = answer_payload(&offer, "esp32c6", 1).expect("an answer");
        let (kind, sdp) = sdp_of(&answer).expect("an SDP payload");
        assert_eq!(kind, "answer");
        assert!(is_diagnostic_answer(&sdp));
        assert_eq!(answer_payload(&sdp_payload("answer", OFFER), "esp32c6", 1), None);
        assert_eq!(answer_payload("not json", "esp32c6", 1), None);
        assert_eq!(answer_payload(&sdp_payload("offer", "garbage"), "esp32c6", 1), None);
    }
}
