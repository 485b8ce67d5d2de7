//! The STUN message format (RFC 8489) with the attributes TURN (RFC 8656) and ICE (RFC 8445) add: parsing that
//! refuses what is malformed, a builder, MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT (CRC-32), and TURN's
//! ChannelData framing.
//!
//! Written here rather than taken from stun-types: that crate declares `no_std`, but its `subtle` dependency keeps
//! `std` on and it draws transaction ids from the operating system, so it does not build for the ESP32's
//! bare-metal targets. The host tests check this codec against stun-types in both directions.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use hmac::{Hmac, KeyInit, Mac};
use md5::{Digest, Md5};
use sha1::Sha1;

pub const MAGIC_COOKIE: u32 = 0x2112_A442;
const HEADER: usize = 20;
const FINGERPRINT_XOR: u32 = 0x5354_554E;

/// A STUN method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Method(pub u16);

impl Method {
    pub const BINDING: Method = Method(0x001);
    pub const ALLOCATE: Method = Method(0x003);
    pub const REFRESH: Method = Method(0x004);
    pub const SEND: Method = Method(0x006);
    pub const DATA: Method = Method(0x007);
    pub const CREATE_PERMISSION: Method = Method(0x008);
    pub const CHANNEL_BIND: Method = Method(0x009);

    pub fn name(self) -> &'static str {
        match self {
            Method::BINDING => "Binding",
            Method::ALLOCATE => "Allocate",
            Method::REFRESH => "Refresh",
            Method::SEND => "Send",
            Method::DATA => "Data",
            Method::CREATE_PERMISSION => "CreatePermission",
            Method::CHANNEL_BIND => "ChannelBind",
            _ => "an unknown method",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Request,
    Indication,
    Success,
    Error,
}

/// Attribute types this codec reads or writes.
pub mod attr {
    pub const MAPPED_ADDRESS: u16 = 0x0001;
    pub const USERNAME: u16 = 0x0006;
    pub const MESSAGE_INTEGRITY: u16 = 0x0008;
    pub const ERROR_CODE: u16 = 0x0009;
    pub const CHANNEL_NUMBER: u16 = 0x000C;
    pub const LIFETIME: u16 = 0x000D;
    pub const XOR_PEER_ADDRESS: u16 = 0x0012;
    pub const DATA: u16 = 0x0013;
    pub const REALM: u16 = 0x0014;
    pub const NONCE: u16 = 0x0015;
    pub const XOR_RELAYED_ADDRESS: u16 = 0x0016;
    pub const REQUESTED_TRANSPORT: u16 = 0x0019;
    pub const XOR_MAPPED_ADDRESS: u16 = 0x0020;
    pub const PRIORITY: u16 = 0x0024;
    pub const USE_CANDIDATE: u16 = 0x0025;
    pub const SOFTWARE: u16 = 0x8022;
    pub const FINGERPRINT: u16 = 0x8028;
    pub const ICE_CONTROLLED: u16 = 0x8029;
    pub const ICE_CONTROLLING: u16 = 0x802A;
}

/// Why bytes are not a STUN message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    TooShort,
    /// The first two bits are not zero (ChannelData or something else).
    NotStun,
    BadCookie,
    /// The header's length disagrees with the bytes, or is not a multiple of 4.
    BadLength,
    /// An attribute runs past the end.
    TruncatedAttribute,
    /// FINGERPRINT is not the last attribute, or its CRC does not match.
    BadFingerprint,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseError::TooShort => "shorter than a STUN header",
            ParseError::NotStun => "not a STUN message",
            ParseError::BadCookie => "no STUN magic cookie",
            ParseError::BadLength => "the STUN length field does not match the message",
            ParseError::TruncatedAttribute => "a STUN attribute runs past the end",
            ParseError::BadFingerprint => "the STUN FINGERPRINT does not match",
        })
    }
}

/// A parsed message: its header and attributes, borrowed from the bytes.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    raw: &'a [u8],
    pub method: Method,
    pub class: Class,
    pub transaction: [u8; 12],
    /// Type, value, and where the attribute starts in `raw`.
    attributes: Vec<(u16, &'a [u8], usize)>,
}

impl<'a> Message<'a> {
    /// Parses one message (exactly: trailing bytes are refused). A FINGERPRINT, when present, must be last and
    /// must match.
    pub fn parse(raw: &'a [u8]) -> Result<Message<'a>, ParseError> {
        if raw.len() < HEADER {
            return Err(ParseError::TooShort);
        }
        if raw[0] & 0xC0 != 0 {
            return Err(ParseError::NotStun);
        }
        if u32::from_be_bytes([raw[4], raw[5], raw[6], raw[7]]) != MAGIC_COOKIE {
            return Err(ParseError::BadCookie);
        }
        let length = usize::from(u16::from_be_bytes([raw[2], raw[3]]));
        if length % 4 != 0 || HEADER + length != raw.len() {
            return Err(ParseError::BadLength);
        }
        let kind = u16::from_be_bytes([raw[0], raw[1]]);
        let method = Method((kind & 0x000F) | ((kind & 0x00E0) >> 1) | ((kind & 0x3E00) >> 2));
        let class = match ((kind >> 4) & 1) | ((kind >> 7) & 2) {
            0 => Class::Request,
            1 => Class::Indication,
            2 => Class::Success,
            _ => Class::Error,
        };
        let mut transaction = [0u8; 12];
        transaction.copy_from_slice(&raw[8..20]);
        let mut attributes = Vec::new();
        let mut at = HEADER;
        while at < raw.len() {
            if raw.len() - at < 4 {
                return Err(ParseError::TruncatedAttribute);
            }
            let typ = u16::from_be_bytes([raw[at], raw[at + 1]]);
            let len = usize::from(u16::from_be_bytes([raw[at + 2], raw[at + 3]]));
            let end = at + 4 + len;
            if end > raw.len() {
                return Err(ParseError::TruncatedAttribute);
            }
            if typ == attr::FINGERPRINT {
                let expected = fingerprint(&raw[..at], at + 8);
                if len != 4 || end != raw.len() || raw[at + 4..end] != expected.to_be_bytes() {
                    return Err(ParseError::BadFingerprint);
                }
            }
            attributes.push((typ, &raw[at + 4..end], at));
            at = end + (4 - len % 4) % 4;
        }
        if at != raw.len() {
            return Err(ParseError::TruncatedAttribute);
        }
        Ok(Message { raw, method, class, transaction, attributes })
    }

    /// The first attribute of a type (RFC 8489: later duplicates are ignored).
    pub fn get(&self, typ: u16) -> Option<&'a [u8]> {
        self.attributes.iter().find(|(t, _, _)| *t == typ).map(|(_, value, _)| *value)
    }

    pub fn has(&self, typ: u16) -> bool {
        self.get(typ).is_some()
    }

    pub fn text(&self, typ: u16) -> Option<&'a str> {
        self.get(typ).and_then(|value| core::str::from_utf8(value).ok())
    }

    pub fn u32(&self, typ: u16) -> Option<u32> {
        let value = self.get(typ)?;
        Some(u32::from_be_bytes(value.get(..4)?.try_into().ok()?))
    }

    /// An XOR-encoded address (XOR-MAPPED-, XOR-PEER-, XOR-RELAYED-ADDRESS).
    pub fn xor_address(&self, typ: u16) -> Option<SocketAddr> {
        let value = self.get(typ)?;
        let mut mask = [0u8; 16];
        mask[..4].copy_from_slice(&MAGIC_COOKIE.to_be_bytes());
        mask[4..].copy_from_slice(&self.transaction);
        decode_address(value, Some(&mask))
    }

    /// A plain MAPPED-ADDRESS (servers that predate RFC 5389).
    pub fn address(&self, typ: u16) -> Option<SocketAddr> {
        decode_address(self.get(typ)?, None)
    }

    /// ERROR-CODE's number and reason phrase.
    pub fn error(&self) -> Option<(u16, &'a str)> {
        let value = self.get(attr::ERROR_CODE)?;
        if value.len() < 4 {
            return None;
        }
        let code = u16::from(value[2] & 0x07) * 100 + u16::from(value[3]);
        Some((code, core::str::from_utf8(&value[4..]).unwrap_or("")))
    }

    /// Whether MESSAGE-INTEGRITY is present and verifies with `key`.
    pub fn verify(&self, key: &[u8]) -> bool {
        let Some(&(_, value, at)) = self.attributes.iter().find(|(t, _, _)| *t == attr::MESSAGE_INTEGRITY) else {
            return false;
        };
        value.len() == 20 && integrity(&self.raw[..at], key, at + 24).as_slice() == value
    }
}

fn decode_address(value: &[u8], mask: Option<&[u8; 16]>) -> Option<SocketAddr> {
    if value.len() < 4 {
        return None;
    }
    let unmask = |i: usize, byte: u8| mask.map_or(byte, |m| byte ^ m[i]);
    let port = u16::from_be_bytes([unmask(0, value[2]), unmask(1, value[3])]);
    let ip = match (value[1], value.len()) {
        (1, 8) => IpAddr::V4(Ipv4Addr::new(
            unmask(0, value[4]),
            unmask(1, value[5]),
            unmask(2, value[6]),
            unmask(3, value[7]),
        )),
        (2, 20) => {
            let mut octets = [0u8; 16];
            for (i, byte) in value[4..20].iter().enumerate() {
                octets[i] = unmask(i, *byte);
            }
            IpAddr::V6(Ipv6Addr::from(octets))
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

/// The long-term credential key: MD5(username ":" realm ":" password) (RFC 8489 §9.2.2; KVS's credentials are
/// ASCII, which SASLprep leaves as they are).
pub fn long_term_key(username: &str, realm: &str, password: &str) -> [u8; 16] {
    let mut md5 = Md5::new();
    md5.update(username.as_bytes());
    md5.update(b":");
    md5.update(realm.as_bytes());
    md5.update(b":");
    md5.update(password.as_bytes());
    md5.finalize().into()
}

/// HMAC-SHA1 over the message up to the attribute, its length field set as if the message ended `length_to`
/// bytes in (after MESSAGE-INTEGRITY).
fn integrity(before: &[u8], key: &[u8], length_to: usize) -> [u8; 20] {
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(key) else { return [0; 20] };
    mac.update(&before[..2]);
    mac.update(&((length_to - HEADER) as u16).to_be_bytes());
    mac.update(&before[4..]);
    mac.finalize().into_bytes().into()
}

fn fingerprint(before: &[u8], length_to: usize) -> u32 {
    let length = ((length_to - HEADER) as u16).to_be_bytes();
    let bytes = before[..2].iter().chain(&length).chain(&before[4..]);
    !bytes.fold(!0u32, |crc, &byte| crc32_byte(crc, byte)) ^ FINGERPRINT_XOR
}

/// CRC-32 (IEEE 802.3, reflected), one byte at a time, four bits per step: a 16-entry table instead of
/// crc32fast's 16 KiB of them, which would cost the device's flash more than STUN's few messages gain in speed.
fn crc32_byte(crc: u32, byte: u8) -> u32 {
    const NIBBLES: [u32; 16] = [
        0x0000_0000,
        0x1DB7_1064,
        0x3B6E_20C8,
        0x26D9_30AC,
        0x76DC_4190,
        0x6B6B_51F4,
        0x4DB2_6158,
        0x5005_713C,
        0xEDB8_8320,
        0xF00F_9344,
        0xD6D6_A3E8,
        0xCB61_B38C,
        0x9B64_C2B0,
        0x86D3_D2D4,
        0xA00A_E278,
        0xBDBD_F21C,
    ];
    let crc = crc ^ u32::from(byte);
    let crc = (crc >> 4) ^ NIBBLES[(crc & 0xF) as usize];
    (crc >> 4) ^ NIBBLES[(crc & 0xF) as usize]
}

/// Writes a message attribute by attribute; MESSAGE-INTEGRITY and FINGERPRINT go last.
pub struct Builder {
    bytes: Vec<u8>,
    transaction: [u8; 12],
}

impl Builder {
    pub fn new(class: Class, method: Method, transaction: [u8; 12]) -> Builder {
        let m = method.0;
        let c: u16 = match class {
            Class::Request => 0,
            Class::Indication => 1,
            Class::Success => 2,
            Class::Error => 3,
        };
        let kind = (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
        let mut bytes = Vec::with_capacity(128);
        bytes.extend_from_slice(&kind.to_be_bytes());
        bytes.extend_from_slice(&[0, 0]);
        bytes.extend_from_slice(&MAGIC_COOKIE.to_be_bytes());
        bytes.extend_from_slice(&transaction);
        Builder { bytes, transaction }
    }

    pub fn attr(mut self, typ: u16, value: &[u8]) -> Builder {
        self.bytes.extend_from_slice(&typ.to_be_bytes());
        self.bytes.extend_from_slice(&(value.len() as u16).to_be_bytes());
        self.bytes.extend_from_slice(value);
        self.bytes.resize(self.bytes.len() + (4 - value.len() % 4) % 4, 0);
        self.set_length();
        self
    }

    pub fn u32(self, typ: u16, value: u32) -> Builder {
        self.attr(typ, &value.to_be_bytes())
    }

    pub fn text(self, typ: u16, value: &str) -> Builder {
        self.attr(typ, value.as_bytes())
    }

    pub fn xor_address(self, typ: u16, address: SocketAddr) -> Builder {
        let mut mask = [0u8; 16];
        mask[..4].copy_from_slice(&MAGIC_COOKIE.to_be_bytes());
        mask[4..].copy_from_slice(&self.transaction);
        let port = address.port().to_be_bytes();
        let mut value = Vec::with_capacity(20);
        value.push(0);
        match address.ip() {
            IpAddr::V4(ip) => {
                value.extend_from_slice(&[1, port[0] ^ mask[0], port[1] ^ mask[1]]);
                value.extend(ip.octets().iter().zip(mask).map(|(b, m)| b ^ m));
            }
            IpAddr::V6(ip) => {
                value.extend_from_slice(&[2, port[0] ^ mask[0], port[1] ^ mask[1]]);
                value.extend(ip.octets().iter().zip(mask).map(|(b, m)| b ^ m));
            }
        }
        self.attr(typ, &value)
    }

    /// ERROR-CODE with its class, number and reason.
    pub fn error(self, code: u16, reason: &str) -> Builder {
        let mut value = Vec::with_capacity(4 + reason.len());
        value.extend_from_slice(&[0, 0, (code / 100) as u8, (code % 100) as u8]);
        value.extend_from_slice(reason.as_bytes());
        self.attr(attr::ERROR_CODE, &value)
    }

    /// MESSAGE-INTEGRITY with `key` (the short-term password, or the long-term key).
    pub fn integrity(mut self, key: &[u8]) -> Builder {
        let at = self.bytes.len();
        let mac = integrity(&self.bytes, key, at + 24);
        self = self.attr(attr::MESSAGE_INTEGRITY, &mac);
        self
    }

    pub fn fingerprint(mut self) -> Vec<u8> {
        let at = self.bytes.len();
        let crc = fingerprint(&self.bytes, at + 8);
        self = self.u32(attr::FINGERPRINT, crc);
        self.bytes
    }

    /// The message without a FINGERPRINT (indications on a TURN connection need none).
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    fn set_length(&mut self) {
        let length = ((self.bytes.len() - HEADER) as u16).to_be_bytes();
        self.bytes[2..4].copy_from_slice(&length);
    }
}

/// A TURN ChannelData message: the channel (0x4000–0x4FFF) and the application data.
pub fn channel_data(channel: u16, data: &[u8], padded: bool) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(4 + data.len() + 3);
    bytes.extend_from_slice(&channel.to_be_bytes());
    bytes.extend_from_slice(&(data.len() as u16).to_be_bytes());
    bytes.extend_from_slice(data);
    if padded {
        bytes.resize(bytes.len() + (4 - data.len() % 4) % 4, 0);
    }
    bytes
}

/// Reads a ChannelData message: its channel and data.
pub fn parse_channel_data(bytes: &[u8]) -> Option<(u16, &[u8])> {
    let channel = u16::from_be_bytes([*bytes.first()?, *bytes.get(1)?]);
    if !(0x4000..=0x4FFF).contains(&channel) {
        return None;
    }
    let len = usize::from(u16::from_be_bytes([*bytes.get(2)?, *bytes.get(3)?]));
    Some((channel, bytes.get(4..4 + len)?))
}

/// How many bytes the next STUN or ChannelData message on a stream (TCP, TLS) takes, once 4 bytes are there:
/// what a reader needs to cut a stream into messages. `None` for bytes that start neither.
pub fn frame_length(start: &[u8]) -> Option<usize> {
    let head = start.get(..4)?;
    let length = usize::from(u16::from_be_bytes([head[2], head[3]]));
    match head[0] >> 6 {
        0 => Some(HEADER + length),
        // ChannelData over a stream is padded to 4 bytes (RFC 8656 §12.5).
        1 => Some(4 + length + (4 - length % 4) % 4),
        _ => None,
    }
}

/// The registered name of a STUN/TURN error code.
pub fn code_name(code: u16) -> &'static str {
    match code {
        300 => "Try Alternate",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        405 => "Mobility Forbidden",
        420 => "Unknown Attribute",
        437 => "Allocation Mismatch",
        438 => "Stale Nonce",
        440 => "Address Family not Supported",
        441 => "Wrong Credentials",
        442 => "Unsupported Transport Protocol",
        443 => "Peer Address Family Mismatch",
        486 => "Allocation Quota Reached",
        487 => "Role Conflict",
        500 => "Server Error",
        508 => "Insufficient Capacity",
        _ => "Unknown Error",
    }
}

/// A reason phrase owned, for errors that outlive the message.
pub fn reason(message: &Message<'_>) -> (u16, String) {
    match message.error() {
        Some((code, reason)) => (code, String::from(reason)),
        None => (0, String::from("an error response without ERROR-CODE")),
    }
}
