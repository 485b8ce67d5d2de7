//! A look at str0m's connectivity checks as they pass: their transaction ids pair requests with answers, which
//! gives each candidate pair its outcome and round-trip time. (Server-reflexive queries are the core's Binding
//! machine: `driver/server_reflexive.rs`.)

use kvs_core::stun::message::{Class, Message, Method};

/// A STUN transaction id.
pub type TransactionId = [u8; 12];

/// What a datagram is, as far as STUN Binding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Request(TransactionId),
    Success(TransactionId),
    Error(TransactionId),
}

/// Reads a datagram as a STUN Binding message; `None` for anything else (DTLS, SRTP, other STUN methods).
pub fn binding(bytes: &[u8]) -> Option<Binding> {
    let message = Message::parse(bytes).ok()?;
    if message.method != Method::BINDING {
        return None;
    }
    let id = message.transaction;
    Some(match message.class {
        Class::Request => Binding::Request(id),
        Class::Success => Binding::Success(id),
        Class::Error => Binding::Error(id),
        Class::Indication => return None,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use kvs_core::stun::message::Builder;

    /// A Binding request with a FINGERPRINT, and its transaction id.
    pub fn binding_request() -> (TransactionId, Vec<u8>) {
        let id: TransactionId = rand::random();
        (id, Builder::new(Class::Request, Method::BINDING, id).fingerprint())
    }

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
