//! The peer's event loop: sockets and relays in, the connections' datagrams out, signaling messages both ways,
//! timers for every engine, the media players and the STUN retransmissions.

mod lite_checks;
mod server_reflexive;
mod storage_session;

use super::connection::Connection;
use super::lite::LiteChecks;
use super::media::source::{Player, Track};
use super::pairs::Local;
use super::relay::{self, Relay, RelayEvent};
use super::report::{self, LocalCandidate, Report, StunOutcome, TurnFailure, TurnOutcome};
use super::{IcePolicy, PeerConfig, PeerObserver, Signal, sdp};
use crate::error::{Error, Result};
use crate::signal::session::Input;
use crate::turn::TurnUri;
use kvs_core::event::Event;
use kvs_core::message::{Action, Incoming, MessageType, Outgoing};
use kvs_core::names::{ClientId, Role};
use kvs_core::signaling::{Failure, Output, State};
use kvs_core::webrtc::{CandidateType, Codec, Side, Transport};
use server_reflexive::StunQuery;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use storage_session::StorageSession;
use str0m::net::Protocol;
use str0m::{Candidate, Rtc};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

/// The H.264 profiles offered — constrained baseline (what the KVS C SDK sends), baseline, main, high — in
/// packetization mode 1, each with its RTX payload type. Every profile and mode str0m knows would make an offer
/// of about 7 KB, near the service's 10,000-character message limit.
const H264_PROFILES: [(u8, u8, u32); 4] =
    [(108, 109, 0x42e01f), (127, 121, 0x42001f), (123, 119, 0x4d001f), (114, 115, 0x64001f)];

/// How long a viewer stays connected when no `--duration` is given.
const VIEWER_DURATION: Duration = Duration::from_secs(10);

/// A relay and what it gave.
struct RelaySlot {
    relay: Relay,
    uri: TurnUri,
    relayed: Option<SocketAddr>,
    started: Instant,
    /// The peer addresses it has been asked to permit.
    permitted: std::collections::HashSet<IpAddr>,
}

pub(super) struct Peer<'a> {
    config: PeerConfig,
    epoch: Instant,
    observer: &'a mut dyn PeerObserver,
    send: mpsc::Sender<Input>,
    sockets: Vec<(SocketAddr, Arc<UdpSocket>)>,
    /// Where a datagram from a host socket is read into.
    buffer: Vec<u8>,
    relays: Vec<RelaySlot>,
    relay_tx: mpsc::UnboundedSender<(usize, RelayEvent)>,
    relay_rx: mpsc::UnboundedReceiver<(usize, RelayEvent)>,
    stun_servers: Vec<(String, Option<SocketAddr>)>,
    stun_queries: Vec<StunQuery>,
    /// Local candidates so far (what a new connection starts with) and what each base is.
    locals: Vec<Candidate>,
    bases: Vec<(SocketAddr, Local)>,
    media: (Option<Track>, Option<Track>),
    connections: Vec<Connection>,
    /// The first media section's mid of each connection, which its trickled candidates name.
    mids: HashMap<String, String>,
    /// Candidates that arrived before their connection existed (a master's, before the viewer's offer).
    early: HashMap<String, Vec<String>>,
    report: Report,
    /// Why signaling stopped, when it gave up.
    failure: Option<Failure>,
    connected_at: Option<Instant>,
    /// Checks against an ICE-lite device that gave the companion firmware's diagnostic answer.
    lite: Option<LiteChecks>,
    /// A recording master's storage session.
    storage: Option<StorageSession>,
}

impl<'a> Peer<'a> {
    /// Reads the media, opens the host sockets and starts gathering; `send` is where messages for the
    /// signaling session go, `storage_joins` where a recording master asks for a JoinStorageSession.
    pub(super) async fn start(
        config: PeerConfig,
        send: mpsc::Sender<Input>,
        storage_joins: Option<mpsc::UnboundedSender<()>>,
        observer: &'a mut dyn PeerObserver,
    ) -> Result<Peer<'a>> {
        let epoch = Instant::now();
        let media = match (config.role, &config.join_storage) {
            (Role::Master, _) => {
                let video =
                    Track::video(&config.video, config.fps).map_err(|e| Error::input(format!("--video: {e}")))?;
                let audio = Track::audio(&config.audio).map_err(|e| Error::input(format!("--audio: {e}")))?;
                (video, audio)
            }
            // A viewer that ingests sends its audio to the storage session.
            (Role::Viewer, Some(_)) => {
                (None, Track::audio(&config.audio).map_err(|e| Error::input(format!("--audio: {e}")))?)
            }
            (Role::Viewer, None) => (None, None),
        };
        let ips = if config.host_ips.is_empty() { super::host_addresses() } else { config.host_ips.clone() };
        let mut sockets = Vec::new();
        for ip in ips {
            let socket = UdpSocket::bind((ip, 0))
                .await
                .map_err(|e| Error::local(format!("cannot open a UDP socket on {ip}: {e}")))?;
            let local = socket.local_addr().map_err(|e| Error::local(e.to_string()))?;
            sockets.push((local, Arc::new(socket)));
        }
        let mut stun_servers = Vec::new();
        for server in &config.stun {
            let addr =
                tokio::net::lookup_host(server.as_str()).await.ok().and_then(|mut a| a.find(SocketAddr::is_ipv4));
            stun_servers.push((server.clone(), addr));
        }
        let (relay_tx, relay_rx) = mpsc::unbounded_channel();
        let report = Report {
            role: config.role.as_str().to_lowercase(),
            ice_transport: config.ice_transport,
            elapsed_ms: 0,
            signaling_ms: None,
            candidates: Vec::new(),
            stun: Vec::new(),
            turn: Vec::new(),
            connections: Vec::new(),
            storage: None,
            verdict: report::Verdict { ok: false, layer: None, peer: None, cause: String::new(), hint: String::new() },
        };
        let mut peer = Peer {
            config,
            epoch,
            observer,
            send,
            sockets,
            buffer: vec![0; 2048],
            relays: Vec::new(),
            relay_tx,
            relay_rx,
            stun_servers,
            stun_queries: Vec::new(),
            locals: Vec::new(),
            bases: Vec::new(),
            media,
            connections: Vec::new(),
            mids: HashMap::new(),
            early: HashMap::new(),
            report,
            failure: None,
            connected_at: None,
            lite: None,
            storage: storage_joins.map(StorageSession::new),
        };
        peer.gather_host();
        Ok(peer)
    }

    fn ms(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.epoch).as_millis() as u64
    }

    fn emit(&mut self, event: Event) {
        let ms = self.ms(Instant::now());
        self.observer.event(ms, &event);
    }

    /// Host candidates, and the STUN queries for server-reflexive ones.
    fn gather_host(&mut self) {
        let now = Instant::now();
        for index in 0..self.sockets.len() {
            let addr = self.sockets[index].0;
            if self.config.ice_transport == IcePolicy::All
                && let Ok(candidate) = Candidate::host(addr, "udp")
            {
                self.found(candidate, CandidateType::Host, Transport::Udp, addr, None);
            }
            for server in 0..self.stun_servers.len() {
                if self.config.ice_transport == IcePolicy::All && self.stun_servers[server].1.is_some() {
                    self.query_stun(server, index, now);
                }
            }
        }
        for (name, addr) in self.stun_servers.clone() {
            if addr.is_none() {
                self.report.stun.push(StunOutcome {
                    server: name.clone(),
                    mapped: None,
                    error: Some(format!("{name} does not resolve to an IPv4 address")),
                    ms: 0,
                });
            }
        }
    }

    /// A new local candidate: reported, remembered for connections to come, trickled to the live ones.
    fn found(
        &mut self,
        candidate: Candidate,
        typ: CandidateType,
        transport: Transport,
        base: SocketAddr,
        via: Option<String>,
    ) {
        let now = Instant::now();
        let addr = candidate.addr();
        self.report.candidates.push(LocalCandidate { typ, transport, addr, via: via.clone(), ms: self.ms(now) });
        self.emit(Event::Candidate { peer: "-".into(), side: Side::Local, typ, transport, addr: addr.to_string() });
        let local = Local { typ, transport, via };
        if typ != CandidateType::ServerReflexive {
            self.bases.push((base, local.clone()));
        }
        self.locals.push(candidate.clone());
        for index in 0..self.connections.len() {
            self.connections[index].set_local(base, local.clone());
            if let Some(line) = self.connections[index].add_local(candidate.clone(), now) {
                let peer = self.connections[index].peer.clone();
                self.trickle(&peer, &line);
            }
            self.flush(index);
        }
    }

    fn trickle(&mut self, peer: &str, line: &str) {
        let mid = self.mids.get(peer).cloned().unwrap_or_else(|| "0".into());
        self.signal(Action::IceCandidate, sdp::candidate_payload(line, &mid), peer);
    }

    fn signal(&mut self, action: Action, payload: String, peer: &str) {
        let recipient = if peer == "-" { None } else { ClientId::new(peer).ok() };
        let message = Outgoing { action, payload, recipient, correlation_id: None };
        if self.send.try_send(Input::Send(message)).is_err() {
            self.observer.note("a signaling message was dropped: the session's queue is full or closed");
        }
    }

    fn rtc(&self) -> Rtc {
        let mut config = Rtc::builder().clear_codecs().set_stats_interval(Some(Duration::from_secs(1)));
        for codec in self.config.codecs() {
            config = match codec {
                Codec::H264 => {
                    for (pt, rtx, profile) in H264_PROFILES {
                        config.codec_config().add_h264(pt.into(), Some(rtx.into()), true, profile);
                    }
                    config
                }
                Codec::Vp8 => config.enable_vp8(true),
                Codec::Vp9 => config.enable_vp9(true),
                Codec::Opus => config.enable_opus(true, false),
                Codec::Pcmu => config.enable_pcmu(true, false),
                Codec::Pcma => config.enable_pcma(true, false),
                Codec::G722 => config.enable_g722(true, false),
                Codec::H265 | Codec::Av1 => config,
            };
        }
        config.build(Instant::now())
    }

    /// Runs until the verdict is in; returns the report and, when signaling gave up, why.
    pub(super) async fn run(
        mut self,
        mut signals: mpsc::UnboundedReceiver<Signal>,
        stop: impl Future<Output = ()>,
    ) -> Result<(Report, Option<Failure>)> {
        tokio::pin!(stop);
        let deadline = self.epoch + self.config.timeout;
        // One timer, moved each turn (a new one per datagram would be registered and dropped every time).
        let timer = tokio::time::sleep_until(deadline.into());
        tokio::pin!(timer);
        loop {
            let now = Instant::now();
            if self.finished(now, deadline) {
                break;
            }
            let mut next = self.next_stun().unwrap_or(deadline).min(deadline);
            if let Some(end) = self.end_of_duration() {
                next = next.min(end);
            }
            if let Some(at) = self.lite.as_ref().and_then(LiteChecks::next_at) {
                next = next.min(at);
            }
            if let Some(at) = self.storage.as_ref().and_then(StorageSession::next_at) {
                next = next.min(at);
            }
            for index in 0..self.connections.len() {
                let timeout = self.connections[index].timeout(now);
                next = next.min(self.connections[index].next_at(timeout));
                self.flush(index);
            }
            timer.as_mut().reset(next.into());
            tokio::select! {
                signal = signals.recv() => match signal {
                    Some(signal) => self.on_signal(signal),
                    None => break,
                },
                Ok(index) = readable(&self.sockets) => self.read_socket(index),
                Some((id, event)) = self.relay_rx.recv() => self.on_relay(id, event),
                _ = &mut timer => self.on_timeout(),
                _ = &mut stop => break,
            }
        }
        Ok(self.finish())
    }

    /// Whether the run is over: signaling failed, the duration has passed, or a viewer's connection failed or
    /// did not connect in time.
    fn finished(&self, now: Instant, deadline: Instant) -> bool {
        if self.failure.is_some() {
            return true;
        }
        // Checks against an ICE-lite device go on until each pair has its outcome, and every relay still being
        // allocated has had its turn (its pairs are added when it is).
        if self.lite.as_ref().is_some_and(|lite| !lite.done()) || (self.lite.is_some() && self.relays_pending()) {
            return false;
        }
        if let Some(end) = self.end_of_duration()
            && now >= end
        {
            return true;
        }
        let connected = self.connections.iter().any(Connection::is_connected);
        match self.config.role {
            Role::Viewer => {
                self.connections.first().is_some_and(Connection::is_failed) || (!connected && now >= deadline)
            }
            // A master serves until its duration ends or it is stopped.
            Role::Master => false,
        }
    }

    /// When a run with a duration ends: a viewer's counts from its connection, a master's from the start.
    fn end_of_duration(&self) -> Option<Instant> {
        match self.config.role {
            Role::Viewer => Some(self.connected_at? + self.config.duration.unwrap_or(VIEWER_DURATION)),
            Role::Master => Some(self.epoch + self.config.duration?),
        }
    }

    fn on_signal(&mut self, signal: Signal) {
        match signal {
            Signal::Invalid(why) => self.observer.note(&why),
            Signal::StorageJoined(outcome) => {
                match self.storage.as_mut().map(|storage| storage.joined(&outcome, Instant::now())) {
                    Some(Ok(event)) => self.emit(event),
                    Some(Err(warning)) => self.observer.note(&warning),
                    None => {}
                }
            }
            Signal::Output(output) => match output {
                Output::Event(event) => {
                    if let Event::State { to: State::Connected, .. } = &event {
                        self.on_signaling_connected();
                    }
                    self.emit(event);
                }
                Output::Message(message) => self.on_message(message),
                Output::IceServers(servers) => self.on_ice_servers(servers),
                Output::SendFailed { reason, action, .. } => {
                    self.observer.note(&format!("{} was not delivered: {reason}", action.as_str()));
                }
                Output::Closed(Some(failure)) => self.failure = Some(failure),
                _ => {}
            },
        }
    }

    fn on_signaling_connected(&mut self) {
        if self.report.signaling_ms.is_none() {
            self.report.signaling_ms = Some(self.ms(Instant::now()));
        }
        if let Some(storage) = &mut self.storage {
            storage.connected();
        }
        // A viewer that ingests waits for the storage session's offer instead of offering to the master.
        if self.config.role != Role::Viewer || self.storage.is_some() || !self.connections.is_empty() {
            return;
        }
        let rtc = self.rtc();
        match Connection::offer(rtc, &self.locals, self.epoch, self.config.save.clone()) {
            Ok((mut conn, offer)) => {
                for (base, local) in &self.bases {
                    conn.set_local(*base, local.clone());
                }
                self.mids.insert("-".into(), sdp::first_mid(&offer));
                self.signal(Action::SdpOffer, sdp::description_payload("offer", &offer), "-");
                self.connections.push(conn);
            }
            Err(why) => self.observer.note(&format!("cannot make an offer: {why}")),
        }
    }

    fn on_message(&mut self, message: Incoming) {
        let peer = message.sender.clone().unwrap_or_else(|| "-".into());
        let now = Instant::now();
        let Some(payload) = message.payload.as_deref() else { return };
        match message.message_type {
            MessageType::SdpOffer if self.config.role == Role::Master || self.storage.is_some() => {
                self.on_offer(peer, payload)
            }
            MessageType::SdpAnswer if self.config.role == Role::Viewer => {
                let Some(text) = sdp::description_of(payload) else {
                    return self.observer.note("the SDP answer holds no SDP; ignored");
                };
                if let Some(index) = self.connections.iter().position(|c| c.peer == peer) {
                    if let Err(why) = self.connections[index].accept_answer(&text, now) {
                        self.connections[index].refused(why);
                    }
                    self.flush(index);
                    if let Some(device) =
                        kvs_core::diagnostic::lite_of(&text).filter(|_| self.connections[index].is_diagnostic())
                    {
                        self.check_lite(device, now);
                    }
                }
            }
            MessageType::IceCandidate => {
                let line = match sdp::candidate_of(payload) {
                    Ok(Some(line)) => line,
                    Ok(None) => return,
                    Err(why) => return self.observer.note(&format!("from {peer}: {why}")),
                };
                match self.connections.iter().position(|c| c.peer == peer) {
                    Some(index) => {
                        if let Err(why) = self.connections[index].add_remote(&line, now) {
                            self.observer.note(&why);
                        }
                        self.flush(index);
                    }
                    None => {
                        let early = self.early.entry(peer).or_default();
                        if early.len() < 64 {
                            early.push(line);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// A viewer's offer: a new connection (a repeated offer from the same viewer replaces its old one).
    fn on_offer(&mut self, peer: String, payload: &str) {
        let Some(text) = sdp::description_of(payload) else {
            return self.observer.note(&format!("the offer from {peer} holds no SDP; ignored"));
        };
        if self.storage.as_mut().is_some_and(|storage| storage.claims_offer(&peer)) {
            self.emit(Event::StorageOffer { peer: peer.clone() });
        }
        if let Some(index) = self.connections.iter().position(|c| c.peer == peer) {
            let mut old = self.connections.remove(index);
            self.report.connections.push(old.finish(Instant::now()));
        }
        let live = self.connections.iter().filter(|c| c.is_live()).count();
        if live >= self.config.max_viewers {
            return self.observer.note(&format!(
                "refusing {peer}: {live} viewers are connected, the most a KVS channel takes (--max-viewers)"
            ));
        }
        let now = Instant::now();
        let players: Vec<Player> =
            [&self.media.0, &self.media.1].into_iter().flatten().map(|t| Player::new(t.clone(), now)).collect();
        let rtc = self.rtc();
        match Connection::answer(peer.clone(), rtc, &text, &self.locals, players, self.epoch) {
            Ok((mut conn, answer)) => {
                for (base, local) in &self.bases {
                    conn.set_local(*base, local.clone());
                }
                self.mids.insert(peer.clone(), sdp::first_mid(&answer));
                self.signal(Action::SdpAnswer, sdp::description_payload("answer", &answer), &peer);
                for line in self.early.remove(&peer).unwrap_or_default() {
                    let _ = conn.add_remote(&line, now);
                }
                self.connections.push(conn);
                let index = self.connections.len() - 1;
                self.flush(index);
            }
            Err(why) => self.observer.note(&format!("cannot answer {peer}: {why}")),
        }
    }

    /// TURN servers from GetIceServerConfig: a relay per URI the policy and `--turn-transport` take; fresh
    /// credentials for the relays already running.
    fn on_ice_servers(&mut self, servers: Vec<kvs_core::api::IceServer>) {
        for server in servers {
            let (Some(username), Some(password)) = (server.username.clone(), server.password.clone()) else {
                continue;
            };
            for text in &server.uris {
                let Ok(uri) = text.parse::<TurnUri>() else { continue };
                if uri.is_dtls() || !self.config.turn_transports.contains(&transport_of(&uri)) {
                    continue;
                }
                if let Some(slot) = self.relays.iter().find(|s| s.uri.text == uri.text) {
                    slot.relay.renew(username.clone(), password.clone());
                    continue;
                }
                let id = self.relays.len();
                let server = relay::Server { uri: uri.clone(), username: username.clone(), password: password.clone() };
                let relay = Relay::spawn(id, server, self.config.turn.clone(), self.relay_tx.clone());
                let permitted = Default::default();
                self.relays.push(RelaySlot { relay, uri, relayed: None, started: Instant::now(), permitted });
            }
        }
    }

    fn on_relay(&mut self, id: usize, event: RelayEvent) {
        let now = Instant::now();
        let Some(slot) = self.relays.get_mut(id) else { return };
        let uri = slot.uri.text.clone();
        let transport = transport_of(&slot.uri);
        let ms = now.saturating_duration_since(slot.started).as_millis() as u64;
        match event {
            RelayEvent::Allocated { relayed, .. } => {
                slot.relayed = Some(relayed);
                self.report.turn.push(TurnOutcome { uri: uri.clone(), relayed: Some(relayed), failure: None, ms });
                if let Ok(candidate) = Candidate::relayed(relayed, relayed, "udp") {
                    self.found(candidate, CandidateType::Relay, transport, relayed, Some(uri));
                }
                for index in 0..self.connections.len() {
                    self.permit(index);
                }
                self.check_lite_from_relay(id, now);
            }
            RelayEvent::Failed { kind, cause, hint } => {
                self.emit(Event::MediaFailed {
                    layer: kvs_core::webrtc::Layer::Turn,
                    detail: format!("{uri}: {cause}"),
                });
                self.report.turn.push(TurnOutcome {
                    uri,
                    relayed: None,
                    failure: Some(TurnFailure { kind, cause, hint }),
                    ms,
                });
            }
            RelayEvent::Lost { why } => self.observer.note(&format!("the relay on {uri} stopped: {why}")),
            RelayEvent::Data { from, data } => {
                let Some(relayed) = slot.relayed else { return };
                if self.lite.as_mut().is_some_and(|lite| lite.on_datagram(&data, now)) {
                    return;
                }
                self.deliver(Protocol::Udp, from, relayed, &data, now);
            }
        }
    }

    /// Reads every datagram waiting on a host socket (read in the loop itself: no task and channel per packet).
    fn read_socket(&mut self, index: usize) {
        let (local, socket) = self.sockets[index].clone();
        let mut buffer = std::mem::take(&mut self.buffer);
        while let Ok((n, source)) = socket.try_recv_from(&mut buffer) {
            self.on_datagram(local, source, &buffer[..n]);
        }
        self.buffer = buffer;
    }

    fn on_datagram(&mut self, local: SocketAddr, source: SocketAddr, data: &[u8]) {
        let now = Instant::now();
        if self.lite.as_mut().is_some_and(|lite| lite.on_datagram(data, now)) {
            return;
        }
        if self.on_stun_datagram(data, now) {
            return;
        }
        self.deliver(Protocol::Udp, source, local, data, now);
    }

    /// Hands a datagram to the connection it belongs to.
    fn deliver(&mut self, proto: Protocol, source: SocketAddr, destination: SocketAddr, data: &[u8], now: Instant) {
        // The engine recognises its checks and the traffic of pairs that succeeded; a DTLS ClientHello that
        // overtakes the nomination comes from an address only the signaled candidates name.
        let index = self.connections.iter().position(|c| c.accepts(proto, source, destination, data));
        let index = index.or_else(|| self.connections.iter().position(|c| c.knows(source)));
        if let Some(index) = index {
            self.connections[index].receive(proto, source, destination, data, now);
            self.flush(index);
        }
    }

    fn on_timeout(&mut self) {
        let now = Instant::now();
        let connections = &self.connections;
        let ended = |peer: &str| connections.iter().find(|c| c.peer == peer).is_none_or(|c| !c.is_live());
        if let Some(note) = self.storage.as_mut().and_then(|storage| storage.tick(now, ended)) {
            self.observer.note(&note);
        }
        self.send_lite(now);
        self.stun_timeouts(now);
        for index in 0..self.connections.len() {
            self.connections[index].tick(now);
            self.flush(index);
        }
    }

    /// Asks every allocated relay to permit the addresses of a connection's remote candidates.
    fn permit(&mut self, index: usize) {
        for ip in self.connections[index].remote_ips() {
            for slot in self.relays.iter_mut().filter(|s| s.relayed.is_some()) {
                if slot.permitted.insert(ip) {
                    slot.relay.permit(ip);
                }
            }
        }
    }

    /// Sends a connection's datagrams (through a relay when they leave from its address) and passes its
    /// events on.
    fn flush(&mut self, index: usize) {
        if self.connections[index].take_new_remote() {
            self.permit(index);
        }
        let outgoing = self.connections[index].take_outgoing();
        for datagram in outgoing {
            if let Some(slot) = self.relays.iter().find(|s| s.relayed == Some(datagram.source)) {
                slot.relay.send(datagram.destination, datagram.data);
            } else if let Some((_, socket)) = self.sockets.iter().find(|(addr, _)| *addr == datagram.source) {
                let _ = socket.try_send_to(&datagram.data, datagram.destination);
            }
        }
        let was_connected = self.connected_at.is_some();
        let events = self.connections[index].take_events();
        for event in events {
            self.emit(event);
        }
        if !was_connected && self.connections[index].is_connected() {
            self.connected_at = Some(Instant::now());
        }
    }

    fn finish(mut self) -> (Report, Option<Failure>) {
        let now = Instant::now();
        for index in 0..self.connections.len() {
            let report = self.connections[index].finish(now);
            self.report.connections.push(report);
            self.flush(index);
        }
        let at = self.ms(now);
        if let (Some(lite), Some(connection)) = (self.lite.take(), self.report.connections.first_mut()) {
            for pair in lite.results() {
                let (local, remote, transport, outcome) = (pair.local, pair.remote, pair.local_transport, pair.outcome);
                let rtt_ms = pair.rtt_ms.map_or(0, |ms| ms.round() as u64);
                self.observer.event(at, &Event::Pair { peer: "-".into(), local, remote, transport, outcome, rtt_ms });
                connection.pairs.push(pair);
            }
        }
        self.unanswered_stun();
        self.report.storage = self.storage.as_ref().map(StorageSession::report);
        self.report.elapsed_ms = self.ms(now);
        let relay_only = self.config.ice_transport == IcePolicy::Relay;
        self.report.verdict = report::verdict(&self.report, relay_only);
        // A connection's failure was told when it happened; a run-wide one (gathering, TURN) is told here.
        if !self.report.verdict.ok
            && self.report.verdict.peer.is_none()
            && let Some(layer) = self.report.verdict.layer
        {
            let detail = self.report.verdict.cause.clone();
            self.emit(Event::MediaFailed { layer, detail });
        }
        (self.report, self.failure)
    }
}

fn transport_of(uri: &TurnUri) -> Transport {
    match (uri.secure, uri.transport) {
        (true, _) => Transport::Tls,
        (false, crate::turn::Transport::Tcp) => Transport::Tcp,
        (false, crate::turn::Transport::Udp) => Transport::Udp,
    }
}

/// Waits until one of the host sockets has a datagram to read; its index. Cancel-safe: nothing is read here.
async fn readable(sockets: &[(SocketAddr, Arc<UdpSocket>)]) -> std::io::Result<usize> {
    if sockets.len() == 1 {
        return sockets[0].1.readable().await.map(|()| 0);
    }
    let waits = sockets.iter().map(|(_, socket)| Box::pin(socket.readable()));
    let (ready, index, _) = futures_util::future::select_all(waits).await;
    ready.map(|()| index)
}
