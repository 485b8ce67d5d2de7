//! The device's own network checks and its ICE-lite agent, run on the host's sockets with the core's machines
//! (the firmware runs the same ones on its own): once CONNECTED, and with every new ICE configuration, a STUN
//! Binding for the server-reflexive address and a TURN allocation on every URI — over UDP, TCP and TLS, the TLS
//! chain checked against the device's bundle — each an event line; then it answers the host's connectivity
//! checks on its host, server-reflexive and relay candidates.

use super::console::Console;
use kvs_client::peer::relay::{FailureKind, Relay, RelayEvent, Server};
use kvs_client::turn::{Settings, TurnUri};
use kvs_core::api::IceServer;
use kvs_core::diagnostic::{Candidate, Lite};
use kvs_core::event::Event;
use kvs_core::stun::paths::{self, PathCheck};
use kvs_core::stun::{Binding, BindingOutcome, ice};
use kvs_core::webrtc::{CandidateType, PathCause, PathStep};
use std::collections::HashSet;
use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// How long one check may wait for an answer.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// What the device's signaling tells its network agent.
pub enum Input {
    /// A new ICE configuration, once CONNECTED: check every path again.
    Servers(Vec<IceServer>),
    /// A viewer's candidate address: relays let its packets in from now on.
    Peer(IpAddr),
}

/// The agent's credentials and candidates, which the device's answer states.
pub type SharedLite = Arc<Mutex<Lite>>;

/// Where the checks go and what they trust.
pub struct Setup {
    pub host_ips: Vec<IpAddr>,
    /// TURN over TLS: the device's bundle.
    pub settings: Arc<Settings>,
    /// KVS's regional STUN server (`host:port`), used against AWS.
    pub regional_stun: String,
    pub on_aws: bool,
}

struct Agent<'a> {
    console: &'a Console,
    setup: Setup,
    lite: SharedLite,
    sockets: Vec<Arc<UdpSocket>>,
    relays: Vec<(Relay, SocketAddr)>,
    relay_tx: mpsc::UnboundedSender<(usize, RelayEvent)>,
    relay_rx: mpsc::UnboundedReceiver<(usize, RelayEvent)>,
    /// Datagrams on the host sockets: the socket's index, the bytes, the sender.
    datagrams: mpsc::UnboundedReceiver<(usize, Vec<u8>, SocketAddr)>,
    peers: HashSet<IpAddr>,
    /// Relays of earlier configurations are numbered below this; their events are ignored.
    generation: usize,
}

/// Runs the agent until `inputs` closes: host candidates at once, the checks on every `Servers`.
pub async fn run(console: &Console, setup: Setup, lite: SharedLite, mut inputs: mpsc::UnboundedReceiver<Input>) {
    let ips = if setup.host_ips.is_empty() { kvs_client::peer::host_addresses() } else { setup.host_ips.clone() };
    let mut sockets = Vec::new();
    for ip in ips {
        match UdpSocket::bind(SocketAddr::new(ip, 0)).await {
            Ok(socket) => sockets.push(Arc::new(socket)),
            Err(e) => console.log('W', "ice", format!("no host candidate on {ip}: {e}")),
        }
    }
    if let Ok(mut lite) = lite.lock() {
        lite.candidates = sockets
            .iter()
            .filter_map(|s| s.local_addr().ok())
            .map(|addr| Candidate { typ: CandidateType::Host, addr })
            .collect();
    }
    let (relay_tx, relay_rx) = mpsc::unbounded_channel();
    let (datagram_tx, datagrams) = mpsc::unbounded_channel();
    for (index, socket) in sockets.iter().enumerate() {
        let (socket, datagram_tx) = (socket.clone(), datagram_tx.clone());
        tokio::spawn(async move {
            let mut buf = vec![0u8; 2048];
            loop {
                match socket.recv_from(&mut buf).await {
                    Ok((n, from)) => {
                        if datagram_tx.send((index, buf[..n].to_vec(), from)).is_err() {
                            return;
                        }
                    }
                    // An ICMP error for an earlier datagram: the socket is fine.
                    Err(e) if matches!(e.kind(), ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset) => {}
                    Err(_) => return,
                }
            }
        });
    }
    let mut agent = Agent {
        console,
        setup,
        lite,
        sockets,
        relays: Vec::new(),
        relay_tx,
        relay_rx,
        datagrams,
        peers: HashSet::new(),
        generation: 0,
    };
    loop {
        tokio::select! {
            input = inputs.recv() => match input {
                Some(Input::Servers(servers)) => agent.check(&servers).await,
                Some(Input::Peer(ip)) => agent.permit(ip),
                None => return,
            },
            Some((index, bytes, from)) = agent.datagrams.recv() => agent.on_datagram(index, &bytes, from).await,
            Some((id, event)) = agent.relay_rx.recv() => agent.on_relay(id, event),
        }
    }
}

impl Agent<'_> {
    fn permit(&mut self, ip: IpAddr) {
        if self.peers.insert(ip) {
            for (relay, _) in &self.relays {
                relay.permit(ip);
            }
        }
    }

    /// The checks of one ICE configuration, in order; their candidates replace the last configuration's.
    async fn check(&mut self, servers: &[IceServer]) {
        let stun = paths::stun_server(self.setup.on_aws, self.setup.regional_stun.clone(), servers);
        let checks = paths::checks(stun.as_deref(), servers);
        self.generation += self.relays.len();
        self.relays.clear();
        let mut found: Vec<Candidate> = Vec::new();
        self.console.event(&Event::PathsChecking { checks: checks.len() });
        let mut failed = 0;
        for check in &checks {
            let started = Instant::now();
            let outcome = match check.step {
                PathStep::Stun => self.stun(check).await,
                PathStep::Turn => self.turn(check).await,
            };
            match outcome {
                Ok(candidate) => found.push(candidate),
                Err((cause, detail)) => {
                    failed += 1;
                    self.console.event(&Event::PathFailed {
                        step: check.step,
                        transport: check.transport,
                        server: check.server.clone(),
                        cause,
                        detail: format!("{detail} (after {} ms)", started.elapsed().as_millis()),
                    });
                }
            }
        }
        self.console.event(&Event::PathsChecked { ok: checks.len() - failed, failed });
        if let Ok(mut lite) = self.lite.lock() {
            lite.candidates.retain(|c| c.typ == CandidateType::Host);
            lite.candidates.extend(found);
        }
    }

    /// A Binding from the first host candidate's socket: its server-reflexive address.
    async fn stun(&mut self, check: &PathCheck) -> Result<Candidate, (PathCause, String)> {
        let socket = self.sockets.first().cloned().ok_or((PathCause::Unreachable, "no host socket".to_string()))?;
        let server = match tokio::net::lookup_host((check.host.as_str(), check.port)).await.map(|mut a| a.next()) {
            Ok(Some(server)) => server,
            _ => return Err((PathCause::Unreachable, format!("cannot resolve {}", check.host))),
        };
        let epoch = Instant::now();
        let now = || epoch.elapsed().as_millis() as u64;
        let mut query = Binding::new(rand::random(), false, CHECK_TIMEOUT.as_millis() as u64);
        let send = |bytes: Vec<u8>| {
            let socket = socket.clone();
            async move { socket.send_to(&bytes, server).await }
        };
        if let Err(e) = send(query.start(now())).await {
            return Err((PathCause::Unreachable, format!("cannot send to {server}: {e}")));
        }
        while query.outcome().is_none() {
            let wake = epoch + Duration::from_millis(query.poll_timeout().unwrap_or_default());
            tokio::select! {
                received = self.datagrams.recv() => match received {
                    Some((0, bytes, from)) if from == server => {
                        query.handle_input(now(), &bytes);
                    }
                    Some((index, bytes, from)) => self.on_datagram(index, &bytes, from).await,
                    None => return Err((PathCause::Unreachable, format!("the socket to {server} closed"))),
                },
                _ = tokio::time::sleep_until(wake.into()) => {
                    if let Some(bytes) = query.handle_timeout(now()) {
                        let _ = send(bytes).await;
                    }
                }
            }
        }
        match query.outcome() {
            Some(BindingOutcome::Mapped { address, rtt_ms }) => {
                let (server, mapped, ms) = (check.server.clone(), address.to_string(), *rtt_ms);
                self.console.event(&Event::Stun { server, mapped, ms });
                Ok(Candidate { typ: CandidateType::ServerReflexive, addr: *address })
            }
            Some(BindingOutcome::Refused { code, reason }) => Err((PathCause::Refused, format!("{code} {reason}"))),
            _ => Err((PathCause::Timeout, format!("no answer from {server}"))),
        }
    }

    /// An allocation, kept as the device's relay candidate.
    async fn turn(&mut self, check: &PathCheck) -> Result<Candidate, (PathCause, String)> {
        let uri: TurnUri = check.server.parse().map_err(|why| (PathCause::Refused, why))?;
        let server = Server { uri, username: check.username.clone(), password: check.password.clone() };
        let id = self.generation + self.relays.len();
        let relay = Relay::spawn(id, server, self.setup.settings.clone(), self.relay_tx.clone());
        let deadline = tokio::time::sleep(CHECK_TIMEOUT * 3);
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                Some((from, event)) = self.relay_rx.recv() => {
                    if from != id {
                        continue;
                    }
                    return match event {
                        RelayEvent::Allocated { relayed, tls, ms, .. } => {
                            if let Some((info, tls_ms)) = tls {
                                self.console.event(&Event::TurnTls {
                                    server: check.server.clone(),
                                    // rustls says "TLS 1.2"; mbedtls, on the device, "TLSv1.2": one word.
                                    version: info.version.replace("TLS ", "TLSv"),
                                    cipher: info.cipher_suite.clone(),
                                    ms: tls_ms,
                                    root: info.anchor.clone().unwrap_or_else(|| "-".into()),
                                });
                            }
                            let (server, transport) = (check.server.clone(), check.transport);
                            self.console.event(&Event::Turn { server, transport, relayed: relayed.to_string(), ms });
                            for ip in &self.peers {
                                relay.permit(*ip);
                            }
                            self.relays.push((relay, relayed));
                            Ok(Candidate { typ: CandidateType::Relay, addr: relayed })
                        }
                        RelayEvent::Failed { kind: FailureKind::Trust, cause, hint } => {
                            Err((PathCause::Trust, format!("{cause}; {hint}")))
                        }
                        RelayEvent::Failed { kind, cause, .. } => Err((path_cause(kind), cause)),
                        RelayEvent::Lost { why } => Err((PathCause::Refused, why)),
                        RelayEvent::Data { .. } => continue,
                    };
                }
                _ = &mut deadline => return Err((PathCause::Timeout, "no allocation in time".into())),
            }
        }
    }

    /// A datagram on a host candidate: a connectivity check is answered.
    async fn on_datagram(&mut self, index: usize, bytes: &[u8], from: SocketAddr) {
        let Some(socket) = self.sockets.get(index).cloned() else { return };
        let local = socket.local_addr().map(|a| a.to_string()).unwrap_or_default();
        if let Some((answer, code)) = self.answer(bytes, from) {
            let _ = socket.send_to(&answer, from).await;
            self.console.event(&Event::IceAnswer { local, remote: from.to_string(), code });
        }
    }

    /// Data through a relay: a connectivity check to the relay candidate is answered through it.
    fn on_relay(&mut self, id: usize, event: RelayEvent) {
        let Some((relay, relayed)) = id.checked_sub(self.generation).and_then(|i| self.relays.get(i)) else { return };
        match event {
            RelayEvent::Data { from, data } => {
                if let Some((answer, code)) = self.answer(&data, from) {
                    relay.send(from, answer);
                    let local = relayed.to_string();
                    self.console.event(&Event::IceAnswer { local, remote: from.to_string(), code });
                }
            }
            RelayEvent::Lost { why } => self.console.log('W', "turn", format!("relay {relayed} lost: {why}")),
            _ => {}
        }
    }

    fn answer(&self, bytes: &[u8], from: SocketAddr) -> Option<(Vec<u8>, u16)> {
        let credentials = self.lite.lock().ok()?.credentials.clone();
        match ice::answer(bytes, from, &credentials) {
            ice::Answer::Respond { bytes, .. } => Some((bytes, 200)),
            ice::Answer::Refuse { bytes, code } => Some((bytes, code)),
            ice::Answer::Ignore => None,
        }
    }
}

fn path_cause(kind: FailureKind) -> PathCause {
    match kind {
        FailureKind::Unreachable => PathCause::Unreachable,
        FailureKind::Trust => PathCause::Trust,
        FailureKind::Credentials => PathCause::Credentials,
        FailureKind::Silent => PathCause::Timeout,
        FailureKind::Refused => PathCause::Refused,
    }
}
