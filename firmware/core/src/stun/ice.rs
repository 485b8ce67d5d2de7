//! ICE connectivity checks (RFC 8445 §7) with short-term credentials: the checks a controlling agent sends, and
//! an ICE-lite agent's answers to them — what the device does so that the host can tell which paths to it work.

use super::message::{Builder, Class, Message, Method, attr};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::SocketAddr;

/// One side's ICE credentials (`a=ice-ufrag`, `a=ice-pwd`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceCredentials {
    pub ufrag: String,
    pub pwd: String,
}

impl IceCredentials {
    /// Credentials from 16 random bytes: a 4-character ufrag and a 24-character password (RFC 8839 asks for at
    /// least 4 and 22 ICE characters).
    pub fn from_random(random: [u8; 16]) -> IceCredentials {
        const ICE_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = random.iter().map(|b| char::from(ICE_CHARS[usize::from(b & 63)]));
        let ufrag: String = bits.by_ref().take(4).collect();
        let mut pwd: String = bits.collect();
        for b in random.iter().take(12) {
            pwd.push(char::from(ICE_CHARS[usize::from(b >> 2)]));
        }
        IceCredentials { ufrag, pwd }
    }
}

/// A check from the controlling agent (`local`) to the agent whose credentials are `remote`.
pub fn check(
    transaction: [u8; 12],
    local: &IceCredentials,
    remote: &IceCredentials,
    priority: u32,
    tiebreaker: u64,
) -> Vec<u8> {
    Builder::new(Class::Request, Method::BINDING, transaction)
        .text(attr::USERNAME, &format!("{}:{}", remote.ufrag, local.ufrag))
        .u32(attr::PRIORITY, priority)
        .attr(attr::ICE_CONTROLLING, &tiebreaker.to_be_bytes())
        .attr(attr::USE_CANDIDATE, &[])
        .integrity(remote.pwd.as_bytes())
        .fingerprint()
}

/// How a check was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckResult {
    /// The agent answered and its integrity holds: the path works; `mapped` is how the agent saw us.
    Succeeded { mapped: Option<SocketAddr> },
    /// The agent refused (e.g. 401 for wrong credentials, 487 for a role conflict).
    Refused { code: u16 },
}

/// Reads an answer to a check sent with `transaction`; `None` when the bytes are not that answer, or its
/// integrity does not hold with the agent's password.
pub fn check_result(bytes: &[u8], transaction: &[u8; 12], remote: &IceCredentials) -> Option<CheckResult> {
    let message = Message::parse(bytes).ok()?;
    if message.method != Method::BINDING || &message.transaction != transaction {
        return None;
    }
    match message.class {
        Class::Success if message.verify(remote.pwd.as_bytes()) => {
            Some(CheckResult::Succeeded { mapped: message.xor_address(attr::XOR_MAPPED_ADDRESS) })
        }
        Class::Error => Some(CheckResult::Refused { code: message.error().map_or(0, |(code, _)| code) }),
        _ => None,
    }
}

/// What an ICE-lite agent does with a datagram on a candidate's socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A valid check: answer with these bytes. `from` is the checking agent's ufrag, `nominated` whether it
    /// carried USE-CANDIDATE.
    Respond { bytes: Vec<u8>, from: String, nominated: bool },
    /// A check with wrong credentials or integrity: answer with this error (400 or 401).
    Refuse { bytes: Vec<u8>, code: u16 },
    /// Not a check for this agent (another STUN message, media, noise): nothing to send.
    Ignore,
}

/// An ICE-lite agent's answer to a datagram from `source` (RFC 8445 §7.3): the USERNAME must start with our
/// ufrag, MESSAGE-INTEGRITY must verify with our password, FINGERPRINT must be there; the success response
/// carries XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT.
pub fn answer(bytes: &[u8], source: SocketAddr, local: &IceCredentials) -> Answer {
    let Ok(message) = Message::parse(bytes) else { return Answer::Ignore };
    if message.method != Method::BINDING || message.class != Class::Request {
        return Answer::Ignore;
    }
    let refuse = |code: u16, reason: &str| Answer::Refuse {
        bytes: Builder::new(Class::Error, Method::BINDING, message.transaction).error(code, reason).fingerprint(),
        code,
    };
    let Some(username) = message.text(attr::USERNAME) else { return refuse(400, "Bad Request: no USERNAME") };
    let Some((ours, theirs)) = username.split_once(':') else { return refuse(400, "Bad Request: USERNAME") };
    if ours != local.ufrag || !message.has(attr::FINGERPRINT) {
        return refuse(401, "Unauthorized");
    }
    if !message.verify(local.pwd.as_bytes()) {
        return refuse(401, "Unauthorized");
    }
    let bytes = Builder::new(Class::Success, Method::BINDING, message.transaction)
        .xor_address(attr::XOR_MAPPED_ADDRESS, source)
        .integrity(local.pwd.as_bytes())
        .fingerprint();
    Answer::Respond { bytes, from: String::from(theirs), nominated: message.has(attr::USE_CANDIDATE) }
}
