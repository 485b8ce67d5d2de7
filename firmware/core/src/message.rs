//! The WebSocket message codec. Out: camelCase keys, absent fields dropped, the payload base64 (standard,
//! padded) and checked against the service's limit before anything is sent. In: camelCase or PascalCase
//! keys (the C SDK's), `action` accepted for `messageType` (the ESP port's quirk), unknown fields and unknown
//! message types tolerated, payloads decoded when they are JSON and kept raw when not.

use crate::names::{ClientId, CorrelationId};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use core::fmt;
use serde::{Deserialize, Serialize};

/// The most base64 characters a `messagePayload` may carry (the service's "10k" limit, as
/// SendAlexaOfferToMaster's model states it).
pub const MAX_PAYLOAD_BASE64: usize = 10_000;

/// Frames larger than this are not read: the C SDK's receive buffer, comfortably above any valid message.
pub const MAX_FRAME_BYTES: usize = 18_750;

/// What a client sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    #[serde(rename = "SDP_OFFER")]
    SdpOffer,
    #[serde(rename = "SDP_ANSWER")]
    SdpAnswer,
    #[serde(rename = "ICE_CANDIDATE")]
    IceCandidate,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SdpOffer => "SDP_OFFER",
            Action::SdpAnswer => "SDP_ANSWER",
            Action::IceCandidate => "ICE_CANDIDATE",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        match text {
            "SDP_OFFER" => Some(Action::SdpOffer),
            "SDP_ANSWER" => Some(Action::SdpAnswer),
            "ICE_CANDIDATE" => Some(Action::IceCandidate),
            _ => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message to send, before encoding: the payload is the JSON text (an SDP or a candidate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub action: Action,
    pub payload: String,
    pub recipient: Option<ClientId>,
    pub correlation_id: Option<CorrelationId>,
}

/// Why a message cannot be sent as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeError {
    EmptyPayload,
    TooLarge { base64_len: usize },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::EmptyPayload => f.write_str("the message payload is empty"),
            EncodeError::TooLarge { base64_len } => write!(
                f,
                "the payload is {base64_len} characters in base64; the service takes at most {MAX_PAYLOAD_BASE64}"
            ),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireOut<'a> {
    action: Action,
    message_payload: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient_client_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    correlation_id: Option<&'a str>,
}

impl Outgoing {
    /// The text frame, or why it cannot be sent.
    pub fn encode(&self) -> Result<String, EncodeError> {
        if self.payload.is_empty() {
            return Err(EncodeError::EmptyPayload);
        }
        let encoded = STANDARD.encode(self.payload.as_bytes());
        if encoded.len() > MAX_PAYLOAD_BASE64 {
            return Err(EncodeError::TooLarge { base64_len: encoded.len() });
        }
        let wire = WireOut {
            action: self.action,
            message_payload: &encoded,
            recipient_client_id: self.recipient.as_ref().map(ClientId::as_str),
            correlation_id: self.correlation_id.as_ref().map(CorrelationId::as_str),
        };
        Ok(serde_json::to_string(&wire).unwrap_or_default())
    }
}

/// The `statusResponse` of a STATUS_RESPONSE: the service's report that a message failed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    #[serde(default, alias = "CorrelationId")]
    pub correlation_id: Option<String>,
    #[serde(default, alias = "ErrorType", skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// A string on the wire ("400"); kept as text, read with [`StatusResponse::status_code`].
    #[serde(
        default,
        alias = "StatusCode",
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub status_code: Option<String>,
    #[serde(default, alias = "Description", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl StatusResponse {
    pub fn status_code(&self) -> Option<u16> {
        self.status_code.as_deref()?.trim().parse().ok()
    }
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(String),
        Number(i64),
    }
    Ok(Option::<Either>::deserialize(d)?.map(|v| match v {
        Either::Text(t) => t,
        Either::Number(n) => n.to_string(),
    }))
}

/// The service-to-client message types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageType {
    SdpOffer,
    SdpAnswer,
    IceCandidate,
    GoAway,
    ReconnectIceServer,
    StatusResponse,
    /// A type this build does not know; kept, reported, not acted on.
    Other(String),
}

impl MessageType {
    pub fn parse(text: &str) -> MessageType {
        match text {
            "SDP_OFFER" => MessageType::SdpOffer,
            "SDP_ANSWER" => MessageType::SdpAnswer,
            "ICE_CANDIDATE" => MessageType::IceCandidate,
            "GO_AWAY" => MessageType::GoAway,
            "RECONNECT_ICE_SERVER" => MessageType::ReconnectIceServer,
            "STATUS_RESPONSE" => MessageType::StatusResponse,
            other => MessageType::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            MessageType::SdpOffer => "SDP_OFFER",
            MessageType::SdpAnswer => "SDP_ANSWER",
            MessageType::IceCandidate => "ICE_CANDIDATE",
            MessageType::GoAway => "GO_AWAY",
            MessageType::ReconnectIceServer => "RECONNECT_ICE_SERVER",
            MessageType::StatusResponse => "STATUS_RESPONSE",
            MessageType::Other(other) => other,
        }
    }
}

#[derive(Deserialize)]
struct WireIn {
    #[serde(default, rename = "messageType", alias = "MessageType", alias = "action", alias = "Action")]
    message_type: Option<String>,
    #[serde(default, rename = "messagePayload", alias = "MessagePayload")]
    message_payload: Option<String>,
    #[serde(default, rename = "senderClientId", alias = "SenderClientId")]
    sender_client_id: Option<String>,
    #[serde(default, rename = "statusResponse", alias = "StatusResponse")]
    status_response: Option<StatusResponse>,
}

/// A message from the service, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub message_type: MessageType,
    /// Absent on messages from the master (and the storage session).
    pub sender: Option<String>,
    /// The decoded payload text (usually JSON), when there was a payload.
    pub payload: Option<String>,
    pub status: Option<StatusResponse>,
    /// The frame's size, for the event line.
    pub bytes: usize,
}

impl Incoming {
    /// The payload as JSON, when it is JSON.
    pub fn payload_json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self.payload.as_deref()?).ok()
    }
}

/// Why a frame was not understood. None of these ends the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge(usize),
    NotJson,
    NoMessageType,
    BadBase64,
    NotUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge(n) => write!(f, "a {n}-byte frame exceeds the {MAX_FRAME_BYTES}-byte limit"),
            DecodeError::NotJson => f.write_str("the frame is not a JSON object"),
            DecodeError::NoMessageType => f.write_str("the frame has no messageType"),
            DecodeError::BadBase64 => f.write_str("the messagePayload is not valid base64"),
            DecodeError::NotUtf8 => f.write_str("the decoded messagePayload is not UTF-8 text"),
        }
    }
}

/// Decodes one text frame from the service.
pub fn decode(frame: &str) -> Result<Incoming, DecodeError> {
    if frame.len() > MAX_FRAME_BYTES {
        return Err(DecodeError::TooLarge(frame.len()));
    }
    let wire: WireIn = serde_json::from_str(frame).map_err(|_| DecodeError::NotJson)?;
    let message_type = MessageType::parse(wire.message_type.as_deref().ok_or(DecodeError::NoMessageType)?);
    let payload = match wire.message_payload.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(b64) => {
            let bytes = STANDARD.decode(b64).map_err(|_| DecodeError::BadBase64)?;
            Some(String::from_utf8(bytes).map_err(|_| DecodeError::NotUtf8)?)
        }
        None => None,
    };
    Ok(Incoming {
        message_type,
        sender: wire.sender_client_id.filter(|s| !s.is_empty()),
        payload,
        status: wire.status_response,
        bytes: frame.len(),
    })
}

/// Encodes a message as the service sends it (the emulator's side of the codec).
pub fn encode_incoming(
    message_type: &str,
    payload_b64: Option<&str>,
    sender: Option<&str>,
    status: Option<&StatusResponse>,
) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct WireEvent<'a> {
        message_type: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        message_payload: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        sender_client_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status_response: Option<&'a StatusResponse>,
    }
    serde_json::to_string(&WireEvent {
        message_type,
        message_payload: payload_b64,
        sender_client_id: sender,
        status_response: status,
    })
    .unwrap_or_default()
}

/// A client message as the service reads it (the emulator's side): keys in either case, extras ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct ClientFrame {
    #[serde(default, alias = "Action")]
    pub action: Option<String>,
    #[serde(default, rename = "messagePayload", alias = "MessagePayload")]
    pub message_payload: Option<String>,
    #[serde(default, rename = "recipientClientId", alias = "RecipientClientId")]
    pub recipient_client_id: Option<String>,
    #[serde(default, rename = "correlationId", alias = "CorrelationId")]
    pub correlation_id: Option<String>,
}

/// Checks that a payload is standard base64 without decoding it into a buffer the caller keeps.
pub fn is_valid_base64(text: &str) -> bool {
    STANDARD.decode(text).is_ok()
}

/// The base64 form of a payload (for tests and the emulator's synthetic messages).
pub fn to_base64(payload: &str) -> String {
    STANDARD.encode(payload.as_bytes())
}

/// The text a base64 payload carries; `None` when it is not base64 of UTF-8 text.
pub fn from_base64(text: &str) -> Option<String> {
    String::from_utf8(STANDARD.decode(text).ok()?).ok()
}

/// Splits a decoded SDP payload `{"type":"offer","sdp":"…"}` into its type and SDP text.
pub fn sdp_of(payload: &str) -> Option<(String, String)> {
    #[derive(Deserialize)]
    struct Sdp {
        #[serde(rename = "type")]
        kind: String,
        sdp: String,
    }
    let sdp: Sdp = serde_json::from_str(payload).ok()?;
    Some((sdp.kind, sdp.sdp))
}

/// The `{"type":…,"sdp":…}` JSON text for an SDP, keys in the browsers' order.
pub fn sdp_payload(kind: &str, sdp: &str) -> String {
    #[derive(Serialize)]
    struct Sdp<'a> {
        #[serde(rename = "type")]
        kind: &'a str,
        sdp: &'a str,
    }
    serde_json::to_string(&Sdp { kind, sdp }).unwrap_or_default()
}

/// Every `correlationId` in a list of pending messages (for reports).
pub fn correlation_ids<'a>(messages: impl IntoIterator<Item = &'a Outgoing>) -> Vec<&'a str> {
    messages.into_iter().filter_map(|m| m.correlation_id.as_ref().map(CorrelationId::as_str)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_js_sdk() {
        let offer = Outgoing {
            action: Action::SdpOffer,
            payload: sdp_payload("offer", "v=0\r\n"),
            recipient: None,
            correlation_id: None,
        };
        let frame = offer.encode().unwrap();
        assert_eq!(frame, r#"{"action":"SDP_OFFER","messagePayload":"eyJ0eXBlIjoib2ZmZXIiLCJzZHAiOiJ2PTBcclxuIn0="}"#);
        let answer = Outgoing {
            action: Action::SdpAnswer,
            payload: "{}".into(),
            recipient: Some(ClientId::new("viewer1").unwrap()),
            correlation_id: Some(CorrelationId::new("corr-1").unwrap()),
        };
        assert_eq!(
            answer.encode().unwrap(),
            r#"{"action":"SDP_ANSWER","messagePayload":"e30=","recipientClientId":"viewer1","correlationId":"corr-1"}"#
        );
    }

    #[test]
    fn refuses_oversized_and_empty_payloads() {
        let big =
            Outgoing { action: Action::SdpOffer, payload: "x".repeat(7_501), recipient: None, correlation_id: None };
        assert_eq!(big.encode(), Err(EncodeError::TooLarge { base64_len: 10_004 }));
        let fits = Outgoing { payload: "x".repeat(7_500), ..big.clone() };
        assert!(fits.encode().is_ok());
        assert_eq!(Outgoing { payload: String::new(), ..big }.encode(), Err(EncodeError::EmptyPayload));
    }

    #[test]
    fn decodes_camel_pascal_and_action() {
        let camel =
            decode(r#"{"messageType":"SDP_OFFER","messagePayload":"e30=","senderClientId":"v1","extra":1}"#).unwrap();
        assert_eq!(
            (camel.message_type, camel.sender.as_deref(), camel.payload.as_deref()),
            (MessageType::SdpOffer, Some("v1"), Some("{}"))
        );
        let pascal = decode(r#"{"MessageType":"SDP_ANSWER","MessagePayload":"e30="}"#).unwrap();
        assert_eq!(pascal.message_type, MessageType::SdpAnswer);
        assert_eq!(pascal.sender, None);
        let action = decode(r#"{"action":"GO_AWAY"}"#).unwrap();
        assert_eq!(action.message_type, MessageType::GoAway);
        let unknown = decode(r#"{"messageType":"NEW_THING","messagePayload":""}"#).unwrap();
        assert_eq!(unknown.message_type, MessageType::Other("NEW_THING".into()));
    }

    #[test]
    fn decodes_status_responses() {
        let status = decode(
            r#"{"messageType":"STATUS_RESPONSE","statusResponse":{"correlationId":"c1","errorType":"InvalidArgumentException","statusCode":"400","description":"bad"}}"#,
        )
        .unwrap();
        let s = status.status.unwrap();
        assert_eq!((s.correlation_id.as_deref(), s.status_code()), (Some("c1"), Some(400)));
        let numeric =
            decode(r#"{"messageType":"STATUS_RESPONSE","statusResponse":{"correlationId":"c1","statusCode":403}}"#)
                .unwrap();
        assert_eq!(numeric.status.unwrap().status_code(), Some(403));
    }

    #[test]
    fn bad_frames_are_errors_not_panics() {
        assert_eq!(decode("not json"), Err(DecodeError::NotJson));
        assert_eq!(decode("[1,2]"), Err(DecodeError::NotJson));
        assert_eq!(decode(r#"{"messagePayload":"e30="}"#), Err(DecodeError::NoMessageType));
        assert_eq!(decode(r#"{"messageType":"SDP_OFFER","messagePayload":"!!!"}"#), Err(DecodeError::BadBase64));
        assert_eq!(decode(r#"{"messageType":"SDP_OFFER","messagePayload":"//79"}"#), Err(DecodeError::NotUtf8));
        let huge =
            alloc::format!(r#"{{"messageType":"SDP_OFFER","messagePayload":"{}"}}"#, "A".repeat(MAX_FRAME_BYTES));
        assert!(matches!(decode(&huge), Err(DecodeError::TooLarge(_))));
    }

    #[test]
    fn round_trips_through_the_service_form() {
        let frame = encode_incoming("SDP_ANSWER", Some(&to_base64(r#"{"type":"answer","sdp":"v=0"}"#)), None, None);
        let decoded = decode(&frame).unwrap();
        assert_eq!(sdp_of(decoded.payload.as_deref().unwrap()), Some(("answer".into(), "v=0".into())));
    }
}
