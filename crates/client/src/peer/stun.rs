//! The STUN the peer reads itself: Binding requests to the STUN servers for server-reflexive candidates, and a
//! look at str0m's connectivity checks as they pass (their transaction ids pair requests with answers, which
//! gives each candidate pair its outcome and round-trip time).

use std::net::SocketAddr;
use stun_types::attribute::XorMappedAddress;
use stun_types::message::{
    BINDING, Message, MessageClass, MessageType, MessageWrite, MessageWriteExt, MessageWriteVec, TransactionId,
};

/// A Binding request to a STUN server, and its transaction id.
pub fn binding_request() -> (TransactionId, Vec<u8>) {
    let id = TransactionId::generate();
    let mut msg =
        Message::builder(MessageType::from_class_method(MessageClass::Request, BINDING), id, MessageWriteVec::new());
    // A FINGERPRINT lets servers (and the peer's demultiplexer) tell STUN from other traffic.
    let _ = msg.add_fingerprint();
    (id, msg.finish())
}

/// What a datagram is, as far as STUN Binding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Request(TransactionId),
    /// A success response, with the XOR-MAPPED-ADDRESS when it carries one.
    Success(TransactionId, Option<SocketAddr>),
    Error(TransactionId),
}

/// Reads a datagram as a STUN Binding message; `None` for anything else (DTLS, SRTP, other STUN methods).
pub fn binding(bytes: &[u8]) -> Option<Binding> {
    // STUN's first two bits are zero and its magic cookie follows the length (RFC 5389 §6).
    if bytes.len() < 20 || bytes[0] & 0xC0 != 0 || bytes[4..8] != [0x21, 0x12, 0xA4, 0x42] {
        return None;
    }
    let message = Message::from_bytes(bytes).ok()?;
    if message.method() != BINDING {
        return None;
    }
    let id = message.transaction_id();
    Some(match message.class() {
        MessageClass::Request => Binding::Request(id),
        MessageClass::Success => Binding::Success(id, message.attribute::<XorMappedAddress>().ok().map(|a| a.addr(id))),
        MessageClass::Error => Binding::Error(id),
        MessageClass::Indication => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_own_requests_and_refuses_other_traffic() {
        let (id, request) = binding_request();
        assert_eq!(binding(&request), Some(Binding::Request(id)));
        assert_eq!(binding(&[0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), None, "DTLS");
        assert_eq!(binding(&[0x80; 40]), None, "RTP");
        let mut garbage = request.clone();
        garbage.truncate(19);
        assert_eq!(binding(&garbage), None);
    }
}
