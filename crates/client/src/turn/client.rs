//! A minimal TURN client for the probe: Allocate with long-term credentials (the 401 challenge, then an
//! authenticated request; a stale nonce is retried), CreatePermission, Send/Data indications and Refresh.
//! Messages, MESSAGE-INTEGRITY and FINGERPRINT come from the stun-types and turn-types crates.

use std::net::SocketAddr;
use std::time::Duration;
use stun_types::attribute::{ErrorCode, Nonce, Realm, Username, XorMappedAddress};
use stun_types::message::{
    IntegrityAlgorithm, LongTermCredentials, Message, MessageClass, MessageIntegrityCredentials, MessageWrite,
    MessageWriteExt, MessageWriteVec, Method, TransactionId,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::UdpSocket;
use turn_types::attribute::{Data, Lifetime, RequestedTransport, XorPeerAddress, XorRelayedAddress};
use turn_types::message::{ALLOCATE, CREATE_PERMISSION, DATA, REFRESH, SEND};

/// Messages are small; anything larger than this on the wire is not a TURN response.
const MAX_MESSAGE: usize = 64 << 10;

/// How the client talks to the server: a byte stream (TCP or TLS) or UDP datagrams.
pub enum Conn {
    Stream(Box<dyn Stream>),
    Udp(UdpSocket),
}

pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// Why a TURN exchange failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TurnError {
    /// The server answered with a STUN error code.
    Code { code: u16, reason: String },
    /// No answer in time.
    Timeout,
    /// The connection failed or closed.
    Io(String),
    /// Something that is not a valid STUN message, or a response without a needed attribute.
    Protocol(String),
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
        500 => "Server Error",
        508 => "Insufficient Capacity",
        _ => "Unknown Error",
    }
}

impl std::fmt::Display for TurnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TurnError::Code { code, reason } => write!(f, "{code} {} ({reason})", code_name(*code)),
            TurnError::Timeout => f.write_str("no answer"),
            TurnError::Io(e) => f.write_str(e),
            TurnError::Protocol(e) => f.write_str(e),
        }
    }
}

fn protocol(what: impl std::fmt::Display) -> TurnError {
    TurnError::Protocol(what.to_string())
}

impl Conn {
    async fn send(&mut self, bytes: &[u8]) -> Result<(), TurnError> {
        let result = match self {
            Conn::Stream(stream) => stream.write_all(bytes).await.and(stream.flush().await),
            Conn::Udp(socket) => socket.send(bytes).await.map(|_| ()),
        };
        result.map_err(|e| TurnError::Io(e.to_string()))
    }

    /// Reads one STUN message (TCP framing: the 20-byte header gives the length).
    async fn recv(&mut self) -> Result<Vec<u8>, TurnError> {
        match self {
            Conn::Stream(stream) => {
                let mut message = vec![0u8; 20];
                stream
                    .read_exact(&mut message)
                    .await
                    .map_err(|e| TurnError::Io(format!("the server closed the connection ({e})")))?;
                if message[0] & 0xC0 != 0 {
                    return Err(protocol("the server sent something that is not a STUN message"));
                }
                let length = usize::from(u16::from_be_bytes([message[2], message[3]]));
                message.resize(20 + length, 0);
                stream.read_exact(&mut message[20..]).await.map_err(|e| TurnError::Io(e.to_string()))?;
                Ok(message)
            }
            Conn::Udp(socket) => {
                let mut buf = vec![0u8; MAX_MESSAGE];
                let n = socket.recv(&mut buf).await.map_err(|e| TurnError::Io(e.to_string()))?;
                buf.truncate(n);
                Ok(buf)
            }
        }
    }

    /// Sends a request and waits for the response with the same transaction id.
    async fn transact(&mut self, request: &[u8], timeout: Duration) -> Result<Vec<u8>, TurnError> {
        let id = Message::from_bytes(request).map_err(protocol)?.transaction_id();
        self.send(request).await?;
        tokio::time::timeout(timeout, async {
            loop {
                let response = self.recv().await?;
                let parsed =
                    Message::from_bytes(&response).map_err(|e| protocol(format!("an unreadable STUN message: {e}")))?;
                if parsed.transaction_id() == id && parsed.is_response() {
                    return Ok(response);
                }
            }
        })
        .await
        .map_err(|_| TurnError::Timeout)?
    }
}

/// The long-term credential state after the 401 challenge.
#[derive(Clone)]
pub struct Auth {
    username: String,
    password: String,
    realm: String,
    nonce: String,
}

impl Auth {
    /// A 438 Stale Nonce carries the nonce to use from now on.
    pub fn set_nonce(&mut self, nonce: String) {
        self.nonce = nonce;
    }

    /// New credentials for the same allocation (fresh TURN REST credentials before the old ones expire).
    pub fn set_credentials(&mut self, username: String, password: String) {
        self.username = username;
        self.password = password;
    }

    fn credentials(&self) -> MessageIntegrityCredentials {
        LongTermCredentials::new(self.username.clone(), self.password.clone()).to_key(self.realm.clone()).into()
    }
}

/// What a successful Allocate returned.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Allocation {
    pub relayed: SocketAddr,
    pub mapped: Option<SocketAddr>,
    pub lifetime_secs: u32,
    pub realm: String,
}

pub type Attr<'a> = Box<dyn stun_types::attribute::AttributeWrite + 'a>;

pub fn error_of(message: &Message<'_>) -> TurnError {
    match message.attribute::<ErrorCode>() {
        Ok(error) => TurnError::Code { code: error.code(), reason: error.reason().to_string() },
        Err(_) => protocol("an error response without ERROR-CODE"),
    }
}

/// Sends an authenticated request; a 438 Stale Nonce is retried once with the new nonce.
async fn authenticated(
    conn: &mut Conn,
    auth: &mut Auth,
    method: Method,
    attrs: &(dyn Fn(TransactionId) -> Vec<Attr<'static>> + Sync),
    timeout: Duration,
) -> Result<Vec<u8>, TurnError> {
    for _ in 0..2 {
        let request = build_with(method, attrs, Some(auth))?;
        let response = conn.transact(&request, timeout).await?;
        let message = Message::from_bytes(&response).map_err(protocol)?;
        if message.class() == MessageClass::Success {
            return Ok(response);
        }
        let error = error_of(&message);
        match (&error, message.attribute::<Nonce>()) {
            (TurnError::Code { code: 438, .. }, Ok(nonce)) => auth.nonce = nonce.nonce().to_string(),
            _ => return Err(error),
        }
    }
    Err(TurnError::Code { code: 438, reason: "the nonce went stale twice".into() })
}

/// Builds a request whose attributes may depend on its transaction id (the XOR-encoded addresses).
pub fn build_with(
    method: Method,
    attrs: &(dyn Fn(TransactionId) -> Vec<Attr<'static>> + Sync),
    auth: Option<&Auth>,
) -> Result<Vec<u8>, TurnError> {
    let id = TransactionId::generate();
    let mtype = stun_types::message::MessageType::from_class_method(MessageClass::Request, method);
    let mut msg = Message::builder(mtype, id, MessageWriteVec::new());
    for attr in attrs(id) {
        msg.add_attribute(attr.as_ref()).map_err(protocol)?;
    }
    if let Some(auth) = auth {
        msg.add_attribute(&Username::new(&auth.username).map_err(protocol)?).map_err(protocol)?;
        msg.add_attribute(&Realm::new(&auth.realm).map_err(protocol)?).map_err(protocol)?;
        msg.add_attribute(&Nonce::new(&auth.nonce).map_err(protocol)?).map_err(protocol)?;
        msg.add_message_integrity(&auth.credentials(), IntegrityAlgorithm::Sha1).map_err(protocol)?;
    }
    msg.add_fingerprint().map_err(protocol)?;
    Ok(msg.finish())
}

const UDP: u8 = 17;

/// Allocate a UDP relay: the unauthenticated request draws the 401 with REALM and NONCE, the second one
/// carries the long-term credentials.
pub async fn allocate(
    conn: &mut Conn,
    username: &str,
    password: &str,
    timeout: Duration,
) -> Result<(Allocation, Auth), TurnError> {
    let transport = |_| -> Vec<Attr<'static>> { vec![Box::new(RequestedTransport::new(UDP))] };
    let first = conn.transact(&build_with(ALLOCATE, &transport, None)?, timeout).await?;
    let challenge = Message::from_bytes(&first).map_err(protocol)?;
    if challenge.class() == MessageClass::Success {
        return Err(protocol("the server allocated without asking for credentials"));
    }
    let error = error_of(&challenge);
    if !matches!(error, TurnError::Code { code: 401, .. }) {
        return Err(error);
    }
    let realm = challenge.attribute::<Realm>().map_err(|_| protocol("the 401 carried no REALM"))?.realm().to_string();
    let nonce = challenge.attribute::<Nonce>().map_err(|_| protocol("the 401 carried no NONCE"))?.nonce().to_string();
    let mut auth = Auth { username: username.into(), password: password.into(), realm, nonce };
    let response = authenticated(conn, &mut auth, ALLOCATE, &transport, timeout).await?;
    let message = Message::from_bytes(&response).map_err(protocol)?;
    message
        .validate_integrity(&auth.credentials())
        .map_err(|_| protocol("the response's MESSAGE-INTEGRITY does not verify"))?;
    let id = message.transaction_id();
    let relayed = message.attribute::<XorRelayedAddress>().map_err(|_| protocol("no XOR-RELAYED-ADDRESS"))?.addr(id);
    let mapped = message.attribute::<XorMappedAddress>().ok().map(|a| a.addr(id));
    let lifetime_secs = message.attribute::<Lifetime>().map(|l| l.seconds()).unwrap_or(0);
    Ok((Allocation { relayed, mapped, lifetime_secs, realm: auth.realm.clone() }, auth))
}

pub async fn create_permission(
    conn: &mut Conn,
    auth: &mut Auth,
    peer: SocketAddr,
    timeout: Duration,
) -> Result<(), TurnError> {
    let attrs = move |id| -> Vec<Attr<'static>> { vec![Box::new(XorPeerAddress::new(peer, id))] };
    authenticated(conn, auth, CREATE_PERMISSION, &attrs, timeout).await.map(|_| ())
}

/// Sends `payload` to the peer through the relay and waits for the peer's echo in a Data indication.
pub async fn relay_round_trip(
    conn: &mut Conn,
    peer: SocketAddr,
    payload: &[u8],
    timeout: Duration,
) -> Result<usize, TurnError> {
    let mtype = stun_types::message::MessageType::from_class_method(MessageClass::Indication, SEND);
    let id = TransactionId::generate();
    let mut msg = Message::builder(mtype, id, MessageWriteVec::new());
    msg.add_attribute(&XorPeerAddress::new(peer, id)).map_err(protocol)?;
    msg.add_attribute(&Data::new(payload)).map_err(protocol)?;
    conn.send(&msg.finish()).await?;
    tokio::time::timeout(timeout, async {
        loop {
            let bytes = conn.recv().await?;
            let message = Message::from_bytes(&bytes).map_err(protocol)?;
            if message.has_method(DATA) && message.class() == MessageClass::Indication {
                let data = message.attribute::<Data>().map_err(|_| protocol("a Data indication without DATA"))?;
                if data.data() == payload {
                    return Ok(data.data().len());
                }
            }
        }
    })
    .await
    .map_err(|_| TurnError::Timeout)?
}

/// Refresh with LIFETIME 0: releases the allocation.
pub async fn release(conn: &mut Conn, auth: &mut Auth, timeout: Duration) -> Result<(), TurnError> {
    let attrs = |_| -> Vec<Attr<'static>> { vec![Box::new(Lifetime::new(0))] };
    authenticated(conn, auth, REFRESH, &attrs, timeout).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    //! The codec against RFC 5769's test vectors.
    use stun_types::attribute::{Software, XorMappedAddress};
    use stun_types::message::{Message, MessageIntegrityCredentials, ShortTermCredentials};

    fn hex(text: &str) -> Vec<u8> {
        let digits: String = text.split_whitespace().collect();
        (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap()).collect()
    }

    const PASSWORD: &str = "VOkJxbRl1RmTxUk/WvJxBt";

    /// RFC 5769 2.1: a request with short-term credentials and FINGERPRINT.
    #[test]
    fn sample_request() {
        let bytes = hex("00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
             80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
             00 24 00 04 6e 00 01 ff 80 29 00 08 93 2f f9 b1 51 26 3b 36
             00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20 00 08 00 14
             9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
             80 28 00 04 e5 7a 3b cf");
        let message = Message::from_bytes(&bytes).expect("parses, FINGERPRINT included");
        let software = message.attribute::<Software>().unwrap();
        assert_eq!(software.software(), "STUN test client");
        let credentials: MessageIntegrityCredentials = ShortTermCredentials::new(PASSWORD.into()).into();
        message.validate_integrity(&credentials).expect("MESSAGE-INTEGRITY verifies");
        let wrong: MessageIntegrityCredentials = ShortTermCredentials::new("wrong".into()).into();
        assert!(message.validate_integrity(&wrong).is_err());
        let mut tampered = bytes.clone();
        tampered[30] ^= 1;
        assert!(
            Message::from_bytes(&tampered).is_err()
                || Message::from_bytes(&tampered).unwrap().validate_integrity(&credentials).is_err()
        );
    }

    /// RFC 5769 2.2 and 2.3: responses with an IPv4 and an IPv6 XOR-MAPPED-ADDRESS.
    #[test]
    fn sample_responses() {
        let v4 = hex("01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
             80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20 00 20 00 08
             00 01 a1 47 e1 12 a6 43 00 08 00 14 2b 91 f5 99 fd 9e 90 c3
             8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7 80 28 00 04 c0 7d 4c 96");
        let message = Message::from_bytes(&v4).unwrap();
        let mapped = message.attribute::<XorMappedAddress>().unwrap().addr(message.transaction_id());
        assert_eq!(mapped, "192.0.2.1:32853".parse().unwrap());
        let credentials: MessageIntegrityCredentials = ShortTermCredentials::new(PASSWORD.into()).into();
        message.validate_integrity(&credentials).unwrap();

        let v6 = hex("01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
             80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20 00 20 00 14
             00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
             00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75
             bf e3 ed 41 80 28 00 04 c8 fb 0b 4c");
        let message = Message::from_bytes(&v6).unwrap();
        let mapped = message.attribute::<XorMappedAddress>().unwrap().addr(message.transaction_id());
        assert_eq!(mapped, "[2001:db8:1234:5678:11:2233:4455:6677]:32853".parse().unwrap());
        message.validate_integrity(&credentials).unwrap();
    }

    /// RFC 5769 2.4: a request with long-term credentials (the password after SASLprep is "TheMatrIX").
    #[test]
    fn sample_long_term_request() {
        let bytes = hex("00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
             00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3
             82 b9 00 00 00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36
             4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41 00 14 00 0b
             65 78 61 6d 70 6c 65 2e 6f 72 67 00 00 08 00 14 f6 70 24 65
             6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66");
        let message = Message::from_bytes(&bytes).unwrap();
        let credentials: MessageIntegrityCredentials = stun_types::message::LongTermCredentials::new(
            "\u{30de}\u{30c8}\u{30ea}\u{30c3}\u{30af}\u{30b9}".into(),
            "TheMatrIX".into(),
        )
        .to_key("example.org".into())
        .into();
        message.validate_integrity(&credentials).expect("long-term MESSAGE-INTEGRITY verifies");
    }
}
