//! The host's TURN client: the core's allocation machine (`kvs_core::stun::turn`, the one the device runs)
//! driven over UDP, TCP or TLS. The probe uses it step by step (Allocate, CreatePermission, a relayed round
//! trip, release); the WebRTC peer's relays take it over once allocated ([`Client::into_parts`]).

use kvs_core::stun::message::{self, code_name};
use kvs_core::stun::{Allocation as Machine, TurnConfig, TurnEvent, TurnOutput};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::UdpSocket;

/// Messages are small; a datagram larger than this is not a TURN message.
const MAX_DATAGRAM: usize = 64 << 10;
/// The lifetime asked for (KVS's TURN servers grant 600 s at most).
const LIFETIME_SECS: u32 = 600;

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

impl From<kvs_core::stun::TurnError> for TurnError {
    fn from(error: kvs_core::stun::TurnError) -> TurnError {
        match error {
            kvs_core::stun::TurnError::Code { code, reason } => TurnError::Code { code, reason },
            kvs_core::stun::TurnError::Timeout => TurnError::Timeout,
            kvs_core::stun::TurnError::Protocol(what) => TurnError::Protocol(what.into()),
        }
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

impl Conn {
    pub async fn send(&mut self, bytes: &[u8]) -> Result<(), TurnError> {
        let result = match self {
            Conn::Stream(stream) => stream.write_all(bytes).await.and(stream.flush().await),
            Conn::Udp(socket) => socket.send(bytes).await.map(|_| ()),
        };
        result.map_err(|e| TurnError::Io(e.to_string()))
    }

    pub fn is_reliable(&self) -> bool {
        matches!(self, Conn::Stream(_))
    }
}

/// One message from a stream: the first 4 bytes say how long it is.
pub async fn read_frame(stream: &mut (impl AsyncRead + Unpin + ?Sized)) -> Result<Vec<u8>, TurnError> {
    let mut frame = vec![0u8; 4];
    stream
        .read_exact(&mut frame)
        .await
        .map_err(|e| TurnError::Io(format!("the server closed the connection ({e})")))?;
    let length = message::frame_length(&frame)
        .ok_or_else(|| TurnError::Protocol("the server sent something that is neither STUN nor ChannelData".into()))?;
    frame.resize(length, 0);
    stream.read_exact(&mut frame[4..]).await.map_err(|e| TurnError::Io(e.to_string()))?;
    Ok(frame)
}

/// What a successful Allocate returned.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Allocation {
    pub relayed: SocketAddr,
    pub mapped: Option<SocketAddr>,
    pub lifetime_secs: u32,
    pub realm: String,
}

/// An allocation being driven: the connection, the machine and the machine's clock.
pub struct Client {
    conn: Conn,
    machine: Machine,
    epoch: Instant,
    /// Bytes read from a stream that do not make a whole message yet.
    unread: Vec<u8>,
}

/// What [`Client::into_parts`] hands over.
pub struct Parts {
    pub conn: Conn,
    pub machine: Machine,
    /// The instant the machine's clock counts from.
    pub epoch: Instant,
    /// Bytes read from a stream that do not make a whole message yet.
    pub unread: Vec<u8>,
}

impl Client {
    /// Allocates a UDP relay with long-term credentials.
    pub async fn allocate(
        conn: Conn,
        username: &str,
        password: &str,
        timeout: Duration,
    ) -> Result<(Client, Allocation), TurnError> {
        let config = TurnConfig {
            username: username.into(),
            password: password.into(),
            reliable: conn.is_reliable(),
            lifetime_secs: LIFETIME_SECS,
            timeout_ms: timeout.as_millis() as u64,
            seed: rand::random(),
        };
        let mut client = Client { conn, machine: Machine::new(config), epoch: Instant::now(), unread: Vec::new() };
        client.machine.start(0);
        let allocation = client
            .until(timeout, |event| match event {
                TurnEvent::Allocated { relayed, mapped, lifetime_secs, realm, .. } => Some(Ok(Allocation {
                    relayed: *relayed,
                    mapped: *mapped,
                    lifetime_secs: *lifetime_secs,
                    realm: realm.clone(),
                })),
                TurnEvent::Failed(error) => Some(Err(TurnError::from(error.clone()))),
                _ => None,
            })
            .await??;
        Ok((client, allocation))
    }

    pub async fn create_permission(&mut self, peer: SocketAddr, timeout: Duration) -> Result<(), TurnError> {
        let now = self.now();
        self.machine.permit(now, peer.ip());
        self.until(timeout, |event| match event {
            TurnEvent::Permitted { peer: ip, .. } if *ip == peer.ip() => Some(Ok(())),
            TurnEvent::PermissionRefused { peer: ip, error } if *ip == peer.ip() => {
                Some(Err(TurnError::from(error.clone())))
            }
            _ => None,
        })
        .await?
    }

    /// Sends `payload` to the peer through the relay and waits for the peer's echo.
    pub async fn relay_round_trip(
        &mut self,
        peer: SocketAddr,
        payload: &[u8],
        timeout: Duration,
    ) -> Result<usize, TurnError> {
        let now = self.now();
        self.machine.send(now, peer, payload);
        self.until(timeout, |event| match event {
            TurnEvent::Data { data, .. } if data == payload => Some(data.len()),
            _ => None,
        })
        .await
    }

    /// Refresh with LIFETIME 0: releases the allocation.
    pub async fn release(&mut self, timeout: Duration) -> Result<(), TurnError> {
        let now = self.now();
        self.machine.release(now);
        self.until(timeout, |event| matches!(event, TurnEvent::Released).then_some(())).await
    }

    /// Everything a driver of its own needs to go on.
    pub fn into_parts(self) -> Parts {
        Parts { conn: self.conn, machine: self.machine, epoch: self.epoch, unread: self.unread }
    }

    /// One STUN or ChannelData message. Cancel-safe: what a stream gave so far is kept for the next call.
    async fn recv(&mut self) -> Result<Vec<u8>, TurnError> {
        let stream = match &mut self.conn {
            Conn::Udp(socket) => {
                let mut buf = vec![0u8; MAX_DATAGRAM];
                let n = socket.recv(&mut buf).await.map_err(|e| TurnError::Io(e.to_string()))?;
                buf.truncate(n);
                return Ok(buf);
            }
            Conn::Stream(stream) => stream,
        };
        loop {
            match message::frame_length(&self.unread) {
                Some(length) if self.unread.len() >= length => return Ok(self.unread.drain(..length).collect()),
                None if self.unread.len() >= 4 => {
                    return Err(TurnError::Protocol(
                        "the server sent something that is neither STUN nor ChannelData".into(),
                    ));
                }
                _ => {}
            }
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await.map_err(|e| TurnError::Io(e.to_string()))?;
            if n == 0 {
                return Err(TurnError::Io("the server closed the connection".into()));
            }
            self.unread.extend_from_slice(&chunk[..n]);
        }
    }

    fn now(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    /// Drives the machine until an event `wanted` accepts, the machine's own deadlines pass, or `timeout`.
    async fn until<R>(&mut self, timeout: Duration, wanted: impl Fn(&TurnEvent) -> Option<R>) -> Result<R, TurnError> {
        let give_up = Instant::now() + timeout;
        loop {
            while let Some(output) = self.machine.poll_output() {
                match output {
                    TurnOutput::Transmit(bytes) => self.conn.send(&bytes).await?,
                    TurnOutput::Event(event) => {
                        if let Some(found) = wanted(&event) {
                            return Ok(found);
                        }
                    }
                }
            }
            let wake =
                self.machine.poll_timeout().map_or(give_up, |at| (self.epoch + Duration::from_millis(at)).min(give_up));
            tokio::select! {
                received = self.recv() => {
                    let bytes = received?;
                    let now = self.now();
                    self.machine.handle_input(now, &bytes);
                }
                _ = tokio::time::sleep_until(wake.into()) => {
                    if Instant::now() >= give_up {
                        return Err(TurnError::Timeout);
                    }
                    let now = self.now();
                    self.machine.handle_timeout(now);
                }
            }
        }
    }
}
