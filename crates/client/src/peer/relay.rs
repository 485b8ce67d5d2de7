//! A TURN relay for the peer's relay candidates: one allocation per `turn:`/`turns:` URI, made over UDP, TCP or
//! TLS with the project's TURN client (the TLS handshake with the probe's trust, so that "refused by trust"
//! names the root), then served by the core's allocation machine: CreatePermission for each peer before its
//! first packet, Send indications out, Data indications in, Refresh before the lifetime runs out, permissions
//! renewed, fresh credentials taken when signaling hands out new ICE servers.

use crate::turn::client::{self, Client, Conn, Parts, TurnError};
use crate::turn::probe::{self, Settings, TlsInfo};
use crate::turn::{Transport as UriTransport, TurnUri};
use kvs_core::stun::{TurnEvent, TurnOutput};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::sync::mpsc;

/// A TURN server of GetIceServerConfig's answer (or `--turn`), with its credentials.
#[derive(Debug, Clone)]
pub struct Server {
    pub uri: TurnUri,
    pub username: String,
    pub password: String,
}

/// Why an allocation was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// DNS, TCP or UDP: the server could not be reached.
    Unreachable,
    /// The TLS handshake failed: the trust store has no root for the server's chain, or the chain is bad.
    Trust,
    /// 401 or 441: wrong or expired credentials.
    Credentials,
    /// Requests went out and nothing came back (UDP dropped on the way, or not a TURN server).
    Silent,
    /// Any other refusal.
    Refused,
}

/// What a relay reports to the peer.
#[derive(Debug)]
pub enum RelayEvent {
    Allocated {
        relayed: SocketAddr,
        mapped: Option<SocketAddr>,
        /// For a `turns:` server: the TLS handshake's version, cipher suite and anchoring root, and its time.
        tls: Option<(Box<TlsInfo>, u64)>,
        /// From the start (DNS, TCP, TLS) to the allocation.
        ms: u64,
    },
    Failed {
        kind: FailureKind,
        cause: String,
        hint: String,
    },
    /// A packet from `from` arrived through the relay.
    Data {
        from: SocketAddr,
        data: Vec<u8>,
    },
    /// A working allocation stopped (its connection closed, or a Refresh was refused).
    Lost {
        why: String,
    },
}

enum Command {
    Send(SocketAddr, Vec<u8>),
    Permit(IpAddr),
    Credentials(String, String),
}

/// The handle of a running relay; dropping it ends the allocation.
pub struct Relay {
    commands: mpsc::UnboundedSender<Command>,
}

impl Relay {
    /// Starts allocating; every event goes to `events` tagged with `id`.
    pub fn spawn(
        id: usize,
        server: Server,
        settings: Arc<Settings>,
        events: mpsc::UnboundedSender<(usize, RelayEvent)>,
    ) -> Relay {
        let (commands, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let report = |event| {
                let _ = events.send((id, event));
            };
            let started = Instant::now();
            let (conn, tls) = match connect(&server.uri, &settings).await {
                Ok(connected) => connected,
                Err(event) => return report(event),
            };
            run(conn, tls, started, server, &settings, rx, &report).await;
        });
        Relay { commands }
    }

    /// Sends a packet to `peer` through the relay.
    pub fn send(&self, peer: SocketAddr, data: Vec<u8>) {
        let _ = self.commands.send(Command::Send(peer, data));
    }

    /// Installs a permission for a peer's address before anything is sent to it, so that the peer's first
    /// checks through this relay are let in (without it, both sides' first checks are dropped and ICE waits a
    /// retransmission).
    pub fn permit(&self, ip: IpAddr) {
        let _ = self.commands.send(Command::Permit(ip));
    }

    /// Uses new credentials for the Refreshes and permissions to come.
    pub fn renew(&self, username: String, password: String) {
        let _ = self.commands.send(Command::Credentials(username, password));
    }
}

async fn connect(uri: &TurnUri, settings: &Settings) -> Result<(Conn, Option<(Box<TlsInfo>, u64)>), RelayEvent> {
    let unreachable = |cause: String, hint: &str| RelayEvent::Failed {
        kind: FailureKind::Unreachable,
        cause,
        hint: hint.to_string(),
    };
    let lookup = tokio::time::timeout(settings.timeout, tokio::net::lookup_host((uri.host.as_str(), uri.port))).await;
    let addr = match lookup {
        Ok(Ok(mut found)) => found.next().ok_or_else(|| unreachable(format!("{} has no address", uri.host), ""))?,
        _ => return Err(unreachable(format!("cannot resolve {}", uri.host), "check the host name and DNS")),
    };
    match uri.transport {
        UriTransport::Udp => {
            let bind: SocketAddr = if addr.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
            let socket = UdpSocket::bind(bind).await.map_err(|e| unreachable(e.to_string(), ""))?;
            socket.connect(addr).await.map_err(|e| unreachable(format!("{addr}: {e}"), ""))?;
            Ok((Conn::Udp(socket), None))
        }
        UriTransport::Tcp => {
            let stream = match tokio::time::timeout(settings.timeout, TcpStream::connect(addr)).await {
                Ok(Ok(stream)) => stream,
                Ok(Err(e)) => return Err(unreachable(format!("TCP to {addr}: {e}"), "is the TURN server running?")),
                Err(_) => return Err(unreachable(format!("TCP to {addr} timed out"), "a firewall may drop it")),
            };
            let _ = stream.set_nodelay(true);
            if !uri.secure {
                return Ok((Conn::Stream(Box::new(stream)), None));
            }
            let t = Instant::now();
            match probe::handshake(stream, &uri.host, settings).await {
                Ok(done) => {
                    let ms = t.elapsed().as_millis() as u64;
                    Ok((Conn::Stream(Box::new(done.stream)), Some((Box::new(done.info), ms))))
                }
                Err(failure) => {
                    Err(RelayEvent::Failed { kind: FailureKind::Trust, cause: failure.cause, hint: failure.hint })
                }
            }
        }
    }
}

async fn run(
    conn: Conn,
    tls: Option<(Box<TlsInfo>, u64)>,
    started: Instant,
    server: Server,
    settings: &Settings,
    mut commands: mpsc::UnboundedReceiver<Command>,
    report: &impl Fn(RelayEvent),
) {
    let (client, allocation) = match Client::allocate(conn, &server.username, &server.password, settings.timeout).await
    {
        Ok(done) => done,
        Err(err) => {
            let kind = match err {
                TurnError::Code { code: 401 | 441, .. } => FailureKind::Credentials,
                TurnError::Io(_) => FailureKind::Unreachable,
                TurnError::Timeout => FailureKind::Silent,
                _ => FailureKind::Refused,
            };
            let (cause, hint) = probe::explain_allocate(&err, &server.username);
            return report(RelayEvent::Failed { kind, cause, hint });
        }
    };
    let ms = started.elapsed().as_millis() as u64;
    report(RelayEvent::Allocated { relayed: allocation.relayed, mapped: allocation.mapped, tls, ms });
    let Parts { conn, mut machine, epoch, unread } = client.into_parts();
    let now = move || epoch.elapsed().as_millis() as u64;
    let (mut writer, mut incoming) = split(conn, unread);
    let lost = |why: &str| report(RelayEvent::Lost { why: why.into() });
    loop {
        while let Some(output) = machine.poll_output() {
            match output {
                TurnOutput::Transmit(bytes) => {
                    if writer.send(&bytes).await.is_err() {
                        return lost("the connection to the TURN server closed");
                    }
                }
                TurnOutput::Event(TurnEvent::Data { from, data }) => report(RelayEvent::Data { from, data }),
                TurnOutput::Event(TurnEvent::Lost(error)) => return lost(&format!("Refresh refused: {error}")),
                TurnOutput::Event(_) => {}
            }
        }
        let wake = machine.poll_timeout().map_or(Instant::now() + IDLE, |at| epoch + Duration::from_millis(at));
        tokio::select! {
            command = commands.recv() => match command {
                None => break,
                Some(Command::Credentials(username, password)) => machine.set_credentials(username, password),
                Some(Command::Permit(ip)) => machine.permit(now(), ip),
                Some(Command::Send(peer, data)) => machine.send(now(), peer, &data),
            },
            message = incoming.recv() => match message {
                Some(bytes) => machine.handle_input(now(), &bytes),
                None => return lost("the connection to the TURN server closed"),
            },
            _ = tokio::time::sleep_until(wake.into()) => machine.handle_timeout(now()),
        }
    }
    machine.release(now());
    while let Some(output) = machine.poll_output() {
        if let TurnOutput::Transmit(bytes) = output {
            let _ = writer.send(&bytes).await;
        }
    }
}

/// How long the loop sleeps when the machine has nothing scheduled.
const IDLE: Duration = Duration::from_secs(3600);

/// The sending half of the connection to the TURN server.
enum Writer {
    Udp(Arc<UdpSocket>),
    Stream(tokio::io::WriteHalf<Box<dyn client::Stream>>),
}

impl Writer {
    async fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Writer::Udp(socket) => socket.send(bytes).await.map(|_| ()),
            Writer::Stream(stream) => stream.write_all(bytes).await,
        }
    }
}

/// Splits the connection: a reader task hands over whole messages (on a stream, framed by their length field,
/// starting with the bytes the allocation left unread), so that reading never stops halfway through one.
fn split(conn: Conn, unread: Vec<u8>) -> (Writer, mpsc::Receiver<Vec<u8>>) {
    let (tx, rx) = mpsc::channel(256);
    match conn {
        Conn::Udp(socket) => {
            let socket = Arc::new(socket);
            let reader = socket.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65_536];
                while let Ok(n) = reader.recv(&mut buf).await {
                    if tx.send(buf[..n].to_vec()).await.is_err() {
                        break;
                    }
                }
            });
            (Writer::Udp(socket), rx)
        }
        Conn::Stream(stream) => {
            let (read, write) = tokio::io::split(stream);
            tokio::spawn(async move {
                let mut read = std::io::Cursor::new(unread).chain(read);
                while let Ok(message) = client::read_frame(&mut read).await {
                    if tx.send(message).await.is_err() {
                        break;
                    }
                }
            });
            (Writer::Stream(write), rx)
        }
    }
}
