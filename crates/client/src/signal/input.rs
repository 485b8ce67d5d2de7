//! Messages the user asks to send, as JSON lines:
//! `{"action":"SDP_OFFER","payload":{"type":"offer","sdp":"…"},"recipient":"viewer-1","correlationId":"c1"}`.
//! `payload` may be a JSON value (sent as its JSON text) or a string (sent as is); `type` is accepted for
//! `action`, and the wire names (`messagePayload`, `recipientClientId`) for the others.

use kvs_core::message::{Action, Outgoing, sdp_payload};
use kvs_core::names::{ClientId, CorrelationId};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(alias = "type")]
    action: String,
    #[serde(alias = "messagePayload")]
    payload: serde_json::Value,
    #[serde(default, alias = "recipientClientId")]
    recipient: Option<String>,
    #[serde(default, rename = "correlationId")]
    correlation_id: Option<String>,
}

/// Reads one line; the error says what is wrong with it.
pub fn parse_line(text: &str) -> Result<Outgoing, String> {
    let line: Line = serde_json::from_str(text).map_err(|e| format!("not a message line ({e})"))?;
    let action = Action::parse(&line.action)
        .ok_or_else(|| format!("unknown action \"{}\": use SDP_OFFER, SDP_ANSWER or ICE_CANDIDATE", line.action))?;
    let payload = match line.payload {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    };
    Ok(Outgoing {
        action,
        payload,
        recipient: line.recipient.map(ClientId::new).transpose().map_err(|e| e.to_string())?,
        correlation_id: line.correlation_id.map(CorrelationId::new).transpose().map_err(|e| e.to_string())?,
    })
}

/// An SDP file's content as a payload: JSON `{"type":…,"sdp":…}` is used as is, plain SDP text is wrapped.
pub fn sdp_file_payload(kind: &str, content: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(content) {
        Ok(value) if value.get("sdp").is_some() => value.to_string(),
        _ => sdp_payload(kind, content),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines() {
        let m = parse_line(r#"{"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0"}}"#).unwrap();
        assert_eq!((m.action, m.payload.as_str()), (Action::SdpOffer, r#"{"sdp":"v=0","type":"offer"}"#));
        let m = parse_line(r#"{"type":"ICE_CANDIDATE","payload":"{}","recipient":"v1","correlationId":"c"}"#).unwrap();
        assert_eq!(m.recipient.unwrap().as_str(), "v1");
        assert!(parse_line("nope").is_err());
        assert!(parse_line(r#"{"action":"HELLO","payload":"x"}"#).unwrap_err().contains("unknown action"));
        assert!(parse_line(r#"{"action":"SDP_OFFER","payload":"x","recipient":"AWS_x"}"#).is_err());
        assert!(parse_line(r#"{"action":"SDP_OFFER","payload":"x","extra":1}"#).is_err());
    }

    #[test]
    fn sdp_files() {
        assert_eq!(sdp_file_payload("offer", "v=0\r\n"), r#"{"type":"offer","sdp":"v=0\r\n"}"#);
        assert_eq!(sdp_file_payload("offer", r#"{"type":"offer","sdp":"x"}"#), r#"{"sdp":"x","type":"offer"}"#);
    }
}
