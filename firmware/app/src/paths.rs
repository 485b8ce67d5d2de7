//! The device proves its own network path: once CONNECTED, and again with every new ICE configuration, a STUN
//! Binding for its server-reflexive address, then a TURN allocation on every URI KVS handed out — over UDP, TCP,
//! and TLS with mbedtls and the compiled-in bundle (SNI, chain and dates verified, as ESP-TLS does) — each an
//! event line with its time, the relayed address, the TLS version or the exact mbedtls failure, and the heap
//! after the handshake. Between checks it is an ICE-lite agent on its UDP socket: the diagnostic answer states
//! its credentials and its host and server-reflexive candidates, and it answers the host's connectivity checks
//! there. Allocations are released once made (the device keeps no relay), and it has no DTLS or media.
//!
//! The STUN, TURN and ICE logic is the core's (`kvs_core::stun`), the machines the host runs too.

use crate::log::{self, warning};
use crate::signaling::Net;
use crate::tls::{self, Buffers};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;
use core::net::{IpAddr, SocketAddr};
use critical_section::Mutex;
use embassy_futures::select::{Either, select};
use embassy_net::IpEndpoint;
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::signal::Signal;
use embassy_time::{Duration, Instant, Timer};
use embedded_io_async::{Read, Write};
use kvs_core::api::IceServer;
use kvs_core::diagnostic::{Candidate, Lite};
use kvs_core::event::Event;
use kvs_core::stun::paths::{self, PathCheck};
use kvs_core::stun::{
    Allocation, Binding, BindingOutcome, IceCredentials, TurnConfig, TurnError, TurnEvent, TurnOutput, ice, message,
};
use kvs_core::webrtc::{CandidateType, PathCause, PathStep, Transport};
use static_cell::StaticCell;

/// How long one check may wait for its answers.
const CHECK_TIMEOUT_MS: u64 = 5_000;
/// The lifetime asked for: allocations are released at once, so the shortest TURN servers grant.
const LIFETIME_SECS: u32 = 600;
/// The largest datagram the agent reads: STUN answers and connectivity checks are a few hundred bytes.
const DATAGRAM: usize = 600;

/// The latest ICE configuration, handed over by signaling once CONNECTED.
pub static SERVERS: Signal<CriticalSectionRawMutex, Vec<IceServer>> = Signal::new();
static LITE: Mutex<RefCell<Option<Lite>>> = Mutex::new(RefCell::new(None));

/// The ICE-lite agent as the diagnostic answer states it; `None` until the agent has its socket.
pub fn lite() -> Option<Lite> {
    critical_section::with(|cs| LITE.borrow_ref(cs).clone())
}

fn set_candidates(candidates: Vec<Candidate>) {
    critical_section::with(|cs| {
        if let Some(lite) = LITE.borrow_ref_mut(cs).as_mut() {
            lite.candidates = candidates;
        }
    });
}

type Failure = (PathCause, String);

struct Agent {
    net: Net,
    socket: UdpSocket<'static>,
    local: SocketAddr,
    credentials: IceCredentials,
    regional_stun: String,
    buf: [u8; DATAGRAM],
    seed: u64,
}

/// Runs the agent: its socket at once, the checks on every configuration, checks answered in between.
#[embassy_executor::task]
pub async fn run(net: Net, regional_stun: String, random: [u8; 16], seed: u64) -> ! {
    type UdpBuffers = ([PacketMetadata; 4], [u8; 2 * DATAGRAM], [PacketMetadata; 2], [u8; DATAGRAM]);
    static UDP: StaticCell<UdpBuffers> = StaticCell::new();
    static TCP: StaticCell<Buffers> = StaticCell::new();
    let (rx_meta, rx, tx_meta, tx) =
        UDP.init(([PacketMetadata::EMPTY; 4], [0; 2 * DATAGRAM], [PacketMetadata::EMPTY; 2], [0; DATAGRAM]));
    let tcp = TCP.init(Buffers::new());
    let mut socket = UdpSocket::new(net.stack, rx_meta, rx, tx_meta, tx);
    if let Err(e) = socket.bind(0) {
        warning!("ice", "no UDP socket for the ICE-lite agent: {e:?}");
        loop {
            Timer::after(Duration::from_secs(3600)).await;
        }
    }
    let address = net.stack.config_v4().map_or(IpAddr::from([0, 0, 0, 0]), |c| IpAddr::V4(c.address.address()));
    let local = SocketAddr::new(address, socket.endpoint().port);
    let credentials = IceCredentials::from_random(random);
    let host = Candidate { typ: CandidateType::Host, addr: local };
    critical_section::with(|cs| {
        *LITE.borrow_ref_mut(cs) = Some(Lite { credentials: credentials.clone(), candidates: alloc::vec![host] });
    });
    let mut agent = Agent { net, socket, local, credentials, regional_stun, buf: [0; DATAGRAM], seed };
    loop {
        match select(SERVERS.wait(), agent.socket.recv_from(&mut agent.buf)).await {
            Either::First(servers) => agent.check(&servers, tcp).await,
            Either::Second(Ok((n, meta))) => {
                let bytes = agent.buf[..n].to_vec();
                agent.answer(&bytes, socket_addr(meta.endpoint)).await;
            }
            Either::Second(Err(_)) => {}
        }
    }
}

fn socket_addr(endpoint: IpEndpoint) -> SocketAddr {
    SocketAddr::new(endpoint.addr.into(), endpoint.port)
}

impl Agent {
    fn seed(&mut self) -> u64 {
        self.seed = self.seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.seed
    }

    /// The checks of one configuration, in order; the candidates they find replace the last ones.
    async fn check(&mut self, servers: &[IceServer], tcp: &mut Buffers) {
        let stun = paths::stun_server(true, self.regional_stun.clone(), servers);
        let checks = paths::checks(stun.as_deref(), servers);
        log::event(&Event::PathsChecking { checks: checks.len() });
        let mut candidates = alloc::vec![Candidate { typ: CandidateType::Host, addr: self.local }];
        let mut failed = 0;
        for check in &checks {
            let started = Instant::now();
            let outcome = match (check.step, check.transport) {
                (PathStep::Stun, _) => self.stun(check).await,
                (PathStep::Turn, Transport::Udp) => self.turn_udp(check).await,
                (PathStep::Turn, Transport::Tcp) => self.turn_tcp(check, tcp).await,
                (PathStep::Turn, Transport::Tls) => self.turn_tls(check, tcp).await,
            };
            match outcome {
                Ok(Some(srflx)) => candidates.push(srflx),
                Ok(None) => {}
                Err((cause, detail)) => {
                    failed += 1;
                    log::event(&Event::PathFailed {
                        step: check.step,
                        transport: check.transport,
                        server: check.server.clone(),
                        cause,
                        detail: format!("{detail} (after {} ms)", started.elapsed().as_millis()),
                    });
                }
            }
        }
        log::event(&Event::PathsChecked { ok: checks.len() - failed, failed });
        set_candidates(candidates);
    }

    async fn resolve(&self, check: &PathCheck) -> Result<SocketAddr, Failure> {
        match crate::net::resolve(self.net.stack, &check.host).await {
            Some(ip) => Ok(SocketAddr::new(ip.into(), check.port)),
            None => Err((PathCause::Unreachable, format!("cannot resolve {}", check.host))),
        }
    }

    async fn send(&self, bytes: &[u8], to: SocketAddr) {
        // The stack speaks IPv4 only.
        let SocketAddr::V4(to) = to else { return };
        if let Err(e) = self.socket.send_to(bytes, to).await {
            warning!("ice", "cannot send to {to}: {e:?}");
        }
    }

    /// A connectivity check on the host candidate is answered (or refused, for wrong credentials).
    async fn answer(&self, bytes: &[u8], from: SocketAddr) {
        let (reply, code) = match ice::answer(bytes, from, &self.credentials) {
            ice::Answer::Respond { bytes, .. } => (bytes, 200),
            ice::Answer::Refuse { bytes, code } => (bytes, code),
            ice::Answer::Ignore => return,
        };
        self.send(&reply, from).await;
        log::event(&Event::IceAnswer { local: self.local.to_string(), remote: from.to_string(), code });
    }

    /// The next datagram from `server`, answering checks from anyone else meanwhile; `None` at `wake`.
    async fn receive_from(&mut self, server: SocketAddr, wake: Instant) -> Option<Vec<u8>> {
        loop {
            match select(self.socket.recv_from(&mut self.buf), Timer::at(wake)).await {
                Either::First(Ok((n, meta))) => {
                    let (bytes, from) = (self.buf[..n].to_vec(), socket_addr(meta.endpoint));
                    if from == server {
                        return Some(bytes);
                    }
                    self.answer(&bytes, from).await;
                }
                Either::First(Err(_)) => {}
                Either::Second(()) => return None,
            }
        }
    }

    /// A Binding from the agent's socket: its server-reflexive address, a candidate.
    async fn stun(&mut self, check: &PathCheck) -> Result<Option<Candidate>, Failure> {
        let server = self.resolve(check).await?;
        let epoch = Instant::now();
        let now = || epoch.elapsed().as_millis();
        let mut query = Binding::new(self.seed(), false, CHECK_TIMEOUT_MS);
        let request = query.start(now());
        self.send(&request, server).await;
        while query.outcome().is_none() {
            let wake = epoch + Duration::from_millis(query.poll_timeout().unwrap_or_default());
            match self.receive_from(server, wake).await {
                Some(bytes) => _ = query.handle_input(now(), &bytes),
                None => {
                    if let Some(again) = query.handle_timeout(now()) {
                        self.send(&again, server).await;
                    }
                }
            }
        }
        match query.outcome() {
            Some(BindingOutcome::Mapped { address, rtt_ms }) => {
                let event = Event::Stun { server: check.server.clone(), mapped: address.to_string(), ms: *rtt_ms };
                log::event(&event);
                Ok(Some(Candidate { typ: CandidateType::ServerReflexive, addr: *address }))
            }
            Some(BindingOutcome::Refused { code, reason }) => Err((PathCause::Refused, format!("{code} {reason}"))),
            _ => Err((PathCause::Timeout, format!("no answer from {server}"))),
        }
    }

    fn allocation(&mut self, check: &PathCheck, reliable: bool) -> Allocation {
        Allocation::new(TurnConfig {
            username: check.username.clone(),
            password: check.password.clone(),
            reliable,
            lifetime_secs: LIFETIME_SECS,
            timeout_ms: CHECK_TIMEOUT_MS,
            seed: self.seed(),
        })
    }

    /// An allocation over the agent's UDP socket.
    async fn turn_udp(&mut self, check: &PathCheck) -> Result<Option<Candidate>, Failure> {
        let server = self.resolve(check).await?;
        let mut turn = self.allocation(check, false);
        let epoch = Instant::now();
        let now = || epoch.elapsed().as_millis();
        turn.start(now());
        loop {
            while let Some(output) = turn.poll_output() {
                match output {
                    TurnOutput::Transmit(bytes) => self.send(&bytes, server).await,
                    TurnOutput::Event(event) => {
                        if let Some(done) = allocated(&mut turn, check, event, now()) {
                            while let Some(TurnOutput::Transmit(bytes)) = turn.poll_output() {
                                self.send(&bytes, server).await;
                            }
                            return done;
                        }
                    }
                }
            }
            let wake = epoch + Duration::from_millis(turn.poll_timeout().unwrap_or(CHECK_TIMEOUT_MS));
            match self.receive_from(server, wake).await {
                Some(bytes) => turn.handle_input(now(), &bytes),
                None => turn.handle_timeout(now()),
            }
        }
    }

    async fn turn_tcp(&mut self, check: &PathCheck, buffers: &mut Buffers) -> Result<Option<Candidate>, Failure> {
        let mut stream = tls::tcp(self.net.stack, &check.host, check.port, buffers)
            .await
            .map_err(|failure| (PathCause::Unreachable, failure.detail))?;
        let turn = self.allocation(check, true);
        over_stream(&mut stream, turn, check).await
    }

    /// TLS first (the bundle's trust, the host name as SNI), then the allocation through it.
    async fn turn_tls(&mut self, check: &PathCheck, buffers: &mut Buffers) -> Result<Option<Candidate>, Failure> {
        let name = tls::server_name(&check.host).map_err(|why| (PathCause::Unreachable, why))?;
        let net = self.net;
        let (mut session, ms) = match tls::connect(net.stack, net.tls, net.roots, &name, check.port, buffers).await {
            Ok(connected) => connected,
            Err(failure) => {
                crate::report_heap();
                let cause = match failure.step {
                    kvs_core::event::ErrorSite::Tls if failure.detail.contains("the certificate:") => PathCause::Trust,
                    kvs_core::event::ErrorSite::Tls => PathCause::Refused,
                    _ => PathCause::Unreachable,
                };
                return Err((cause, failure.detail));
            }
        };
        let version = match session.tls_version() {
            Some(mbedtls_rs::TlsVersion::Tls1_3) => "TLSv1.3",
            Some(mbedtls_rs::TlsVersion::Tls1_2) => "TLSv1.2",
            None => "-",
        };
        // mbedtls-rs does not say which cipher suite or root was used: "-" rather than a guess.
        let (server, version) = (check.server.clone(), String::from(version));
        log::event(&Event::TurnTls { server, version, cipher: "-".into(), ms, root: "-".into() });
        crate::report_heap();
        let turn = self.allocation(check, true);
        over_stream(&mut session, turn, check).await
    }
}

/// An allocation's end: the event of a relay made (released at once) or the failure; `None` to go on.
fn allocated(
    turn: &mut Allocation,
    check: &PathCheck,
    event: TurnEvent,
    now: u64,
) -> Option<Result<Option<Candidate>, Failure>> {
    match event {
        TurnEvent::Allocated { relayed, rtt_ms, .. } => {
            let (server, transport) = (check.server.clone(), check.transport);
            log::event(&Event::Turn { server, transport, relayed: relayed.to_string(), ms: rtt_ms });
            turn.release(now);
            Some(Ok(None))
        }
        TurnEvent::Failed(error) => Some(Err((cause_of(&error), error.to_string()))),
        _ => None,
    }
}

fn cause_of(error: &TurnError) -> PathCause {
    match error {
        TurnError::Code { code: 401 | 441, .. } => PathCause::Credentials,
        TurnError::Timeout => PathCause::Timeout,
        _ => PathCause::Refused,
    }
}

/// Drives an allocation over a byte stream (TCP or TLS): messages framed by their length field.
async fn over_stream<S: Read + Write>(
    stream: &mut S,
    mut turn: Allocation,
    check: &PathCheck,
) -> Result<Option<Candidate>, Failure> {
    let epoch = Instant::now();
    let now = || epoch.elapsed().as_millis();
    let closed = |what: &str| (PathCause::Unreachable, format!("{} {what}", check.server));
    let mut unread: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 512];
    turn.start(now());
    loop {
        while let Some(output) = turn.poll_output() {
            match output {
                TurnOutput::Transmit(bytes) => {
                    let sent = async {
                        stream.write_all(&bytes).await?;
                        stream.flush().await
                    };
                    sent.await.map_err(|e| closed(&format!("closed the connection: {e:?}")))?;
                }
                TurnOutput::Event(event) => {
                    if let Some(done) = allocated(&mut turn, check, event, now()) {
                        while let Some(TurnOutput::Transmit(bytes)) = turn.poll_output() {
                            let _ = stream.write_all(&bytes).await;
                        }
                        let _ = stream.flush().await;
                        return done;
                    }
                }
            }
        }
        if let Some(length) = message::frame_length(&unread).filter(|length| unread.len() >= *length) {
            let frame: Vec<u8> = unread.drain(..length).collect();
            turn.handle_input(now(), &frame);
            continue;
        }
        let wake = epoch + Duration::from_millis(turn.poll_timeout().unwrap_or(CHECK_TIMEOUT_MS));
        match select(stream.read(&mut chunk), Timer::at(wake)).await {
            Either::First(Ok(0)) => return Err(closed("closed the connection")),
            Either::First(Ok(n)) => unread.extend_from_slice(&chunk[..n]),
            Either::First(Err(e)) => return Err(closed(&format!("failed: {e:?}"))),
            Either::Second(()) => turn.handle_timeout(now()),
        }
    }
}
