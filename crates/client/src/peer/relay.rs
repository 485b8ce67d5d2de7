//! A TURN relay for the peer's relay candidates: one allocation per `turn:`/`turns:` URI, made over UDP, TCP or
//! TLS with the project's TURN client (the TLS handshake with the probe's trust, so that "refused by trust"
//! names the root), then served: CreatePermission for each peer before its first packet, Send indications
//! out, Data indications in, Refresh before the lifetime runs out, fresh credentials taken when signaling
//! hands out new ICE servers.

use crate::turn::client::{self, Attr, Auth, Conn, TurnError};
use crate::turn::probe::{self, Settings};
use crate::turn::{Transport as UriTransport, TurnUri};
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stun_types::attribute::Nonce;
use stun_types::message::{Message, MessageClass, MessageWrite, MessageWriteExt, MessageWriteVec, TransactionId};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::sync::mpsc;
use turn_types::attribute::{Data, Lifetime, XorPeerAddress};
use turn_types::message::{CREATE_PERMISSION, DATA, REFRESH, SEND};

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
    /// Any other refusal or a silent server.
    Refused,
}

/// What a relay reports to the peer.
#[derive(Debug)]
pub enum RelayEvent {
    Allocated {
        relayed: SocketAddr,
        mapped: Option<SocketAddr>,
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
            let conn = match connect(&server.uri, &settings).await {
                Ok(conn) => conn,
                Err(event) => return report(event),
            };
            run(conn, server, &settings, rx, &report).await;
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

async fn connect(uri: &TurnUri, settings: &Settings) -> Result<Conn, RelayEvent> {
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
            Ok(Conn::Udp(socket))
        }
        UriTransport::Tcp => {
            let stream = match tokio::time::timeout(settings.timeout, TcpStream::connect(addr)).await {
                Ok(Ok(stream)) => stream,
                Ok(Err(e)) => return Err(unreachable(format!("TCP to {addr}: {e}"), "is the TURN server running?")),
                Err(_) => return Err(unreachable(format!("TCP to {addr} timed out"), "a firewall may drop it")),
            };
            let _ = stream.set_nodelay(true);
            if !uri.secure {
                return Ok(Conn::Stream(Box::new(stream)));
            }
            match probe::handshake(stream, &uri.host, settings).await {
                Ok(done) => Ok(Conn::Stream(Box::new(done.stream))),
                Err(failure) => {
                    Err(RelayEvent::Failed { kind: FailureKind::Trust, cause: failure.cause, hint: failure.hint })
                }
            }
        }
    }
}

/// The requests in flight, by what they were for.
enum Pending {
    Permission(IpAddr),
    Refresh,
}

/// How often permissions are renewed: they last 300 s (RFC 8656 §9).
const PERMISSION_REFRESH: Duration = Duration::from_secs(240);

async fn run(
    mut conn: Conn,
    server: Server,
    settings: &Settings,
    mut commands: mpsc::UnboundedReceiver<Command>,
    report: &impl Fn(RelayEvent),
) {
    let (allocation, mut auth) =
        match client::allocate(&mut conn, &server.username, &server.password, settings.timeout).await {
            Ok(done) => done,
            Err(err) => {
                let kind = match err {
                    TurnError::Code { code: 401 | 441, .. } => FailureKind::Credentials,
                    TurnError::Io(_) => FailureKind::Unreachable,
                    _ => FailureKind::Refused,
                };
                let (cause, hint) = probe::explain_allocate(&err, &server.username);
                return report(RelayEvent::Failed { kind, cause, hint });
            }
        };
    report(RelayEvent::Allocated { relayed: allocation.relayed, mapped: allocation.mapped });
    let (mut writer, mut incoming) = split(conn);
    let mut permitted: HashSet<IpAddr> = HashSet::new();
    let mut waiting: HashMap<IpAddr, Vec<(SocketAddr, Vec<u8>)>> = HashMap::new();
    let mut pending: HashMap<TransactionId, Pending> = HashMap::new();
    let lifetime = Duration::from_secs(u64::from(allocation.lifetime_secs.max(60)));
    let mut refresh_at = Instant::now() + lifetime.saturating_sub(Duration::from_secs(60)).max(lifetime / 2);
    let mut permissions_at = Instant::now() + PERMISSION_REFRESH;

    loop {
        let next = refresh_at.min(permissions_at);
        tokio::select! {
            command = commands.recv() => match command {
                None => break,
                Some(Command::Credentials(username, password)) => auth.set_credentials(username, password),
                Some(Command::Permit(ip)) => {
                    if !permitted.contains(&ip) && !waiting.contains_key(&ip) {
                        waiting.insert(ip, Vec::new());
                        request(&mut writer, &mut pending, &auth, Pending::Permission(ip)).await;
                    }
                }
                Some(Command::Send(peer, data)) => {
                    if permitted.contains(&peer.ip()) {
                        if writer.send(&send_indication(peer, &data)).await.is_err() {
                            return report(RelayEvent::Lost { why: "the connection to the TURN server closed".into() });
                        }
                    } else {
                        if !waiting.contains_key(&peer.ip()) {
                            request(&mut writer, &mut pending, &auth, Pending::Permission(peer.ip())).await;
                        }
                        let queue = waiting.entry(peer.ip()).or_default();
                        if queue.len() < 64 {
                            queue.push((peer, data));
                        }
                    }
                }
            },
            message = incoming.recv() => {
                let Some(bytes) = message else {
                    return report(RelayEvent::Lost { why: "the connection to the TURN server closed".into() });
                };
                let Ok(message) = Message::from_bytes(&bytes) else { continue };
                if message.has_method(DATA) && message.class() == MessageClass::Indication {
                    let id = message.transaction_id();
                    if let (Ok(peer), Ok(data)) = (message.attribute::<XorPeerAddress>(), message.attribute::<Data>()) {
                        report(RelayEvent::Data { from: peer.addr(id), data: data.data().to_vec() });
                    }
                    continue;
                }
                let Some(what) = pending.remove(&message.transaction_id()) else { continue };
                match message.class() {
                    MessageClass::Success => {
                        if let Pending::Permission(ip) = what {
                            permitted.insert(ip);
                            for (peer, data) in waiting.remove(&ip).unwrap_or_default() {
                                let _ = writer.send(&send_indication(peer, &data)).await;
                            }
                        }
                    }
                    _ => {
                        let error = client::error_of(&message);
                        if let (TurnError::Code { code: 438, .. }, Ok(nonce)) = (&error, message.attribute::<Nonce>()) {
                            auth.set_nonce(nonce.nonce().to_string());
                            request(&mut writer, &mut pending, &auth, what).await;
                        } else if matches!(what, Pending::Refresh) {
                            return report(RelayEvent::Lost { why: format!("Refresh refused: {error}") });
                        } else if let Pending::Permission(ip) = what {
                            waiting.remove(&ip);
                        }
                    }
                }
            },
            _ = tokio::time::sleep_until(next.into()) => {
                if Instant::now() >= refresh_at {
                    request(&mut writer, &mut pending, &auth, Pending::Refresh).await;
                    refresh_at = Instant::now() + lifetime / 2;
                }
                if Instant::now() >= permissions_at {
                    for ip in permitted.clone() {
                        request(&mut writer, &mut pending, &auth, Pending::Permission(ip)).await;
                    }
                    permissions_at = Instant::now() + PERMISSION_REFRESH;
                }
            }
        }
    }
    let release = |_| -> Vec<Attr<'static>> { vec![Box::new(Lifetime::new(0))] };
    if let Ok(request) = client::build_with(REFRESH, &release, Some(&auth)) {
        let _ = writer.send(&request).await;
    }
}

/// Sends an authenticated request and remembers what it was for.
async fn request(writer: &mut Writer, pending: &mut HashMap<TransactionId, Pending>, auth: &Auth, what: Pending) {
    let built = match &what {
        Pending::Permission(ip) => {
            let peer = SocketAddr::new(*ip, 0);
            let attrs = move |id| -> Vec<Attr<'static>> { vec![Box::new(XorPeerAddress::new(peer, id))] };
            client::build_with(CREATE_PERMISSION, &attrs, Some(auth))
        }
        Pending::Refresh => {
            let attrs = |_| -> Vec<Attr<'static>> { vec![Box::new(Lifetime::new(600))] };
            client::build_with(REFRESH, &attrs, Some(auth))
        }
    };
    let Ok(bytes) = built else { return };
    if let Ok(message) = Message::from_bytes(&bytes) {
        pending.insert(message.transaction_id(), what);
    }
    let _ = writer.send(&bytes).await;
}

fn send_indication(peer: SocketAddr, data: &[u8]) -> Vec<u8> {
    let mtype = stun_types::message::MessageType::from_class_method(MessageClass::Indication, SEND);
    let id = TransactionId::generate();
    let mut msg = Message::builder(mtype, id, MessageWriteVec::new());
    let _ = msg.add_attribute(&XorPeerAddress::new(peer, id));
    let _ = msg.add_attribute(&Data::new(data));
    msg.finish()
}

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

/// Splits the connection: a reader task hands over whole STUN messages (for a stream, framed by their
/// length field), so that reading never stops halfway through one.
fn split(conn: Conn) -> (Writer, mpsc::Receiver<Vec<u8>>) {
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
            let (mut read, write) = tokio::io::split(stream);
            tokio::spawn(async move {
                loop {
                    let mut message = vec![0u8; 20];
                    if read.read_exact(&mut message).await.is_err() || message[0] & 0xC0 != 0 {
                        break;
                    }
                    let length = usize::from(u16::from_be_bytes([message[2], message[3]]));
                    message.resize(20 + length, 0);
                    if read.read_exact(&mut message[20..]).await.is_err() || tx.send(message).await.is_err() {
                        break;
                    }
                }
            });
            (Writer::Stream(write), rx)
        }
    }
}
