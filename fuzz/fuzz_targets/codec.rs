//! The message codec on arbitrary input: decoding a frame never panics, and what decodes re-encodes into a
//! frame that decodes to the same message. Run: `cargo +nightly fuzz run codec`.
#![no_main]

use kvs_core::message::{self, MessageType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(decoded) = message::decode(text) else { return };
    let payload = decoded.payload.as_deref().map(message::to_base64);
    let frame = message::encode_incoming(decoded.message_type.as_str(), payload.as_deref(), decoded.sender.as_deref(), decoded.status.as_ref());
    if frame.len() > message::MAX_FRAME_BYTES {
        return;
    }
    let again = message::decode(&frame).expect("a re-encoded message decodes");
    assert_eq!(again.message_type, decoded.message_type);
    assert_eq!(again.sender, decoded.sender);
    assert_eq!(again.payload, decoded.payload);
    if decoded.message_type == MessageType::StatusResponse {
        assert_eq!(again.status, decoded.status);
    }
});
