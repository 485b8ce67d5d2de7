//! A TURN client allocation (RFC 8656) as a sans-IO machine: the driver moves bytes and time, the machine
//! decides. Allocate with long-term credentials (the unauthenticated request draws 401 with REALM and NONCE,
//! the second carries them; a 438 Stale Nonce is retried with the new nonce), CreatePermission before a peer's
//! first packet (packets wait for it), ChannelBind on request, Send indications or ChannelData out, Data
//! indications or ChannelData in, Refresh before the lifetime ends, permissions and channels renewed before
//! they lapse, and Refresh with LIFETIME 0 to release.

use super::message::{self, Builder, Class, Message, Method, attr};
use super::small_map::SmallMap;
use super::transactions::{Ids, Transactions};
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{IpAddr, SocketAddr};

/// Permissions last 300 s (RFC 8656 §9): renewed after 240.
const PERMISSION_RENEW_MS: u64 = 240_000;
/// Channel bindings last 600 s (§12): renewed after 540.
const CHANNEL_RENEW_MS: u64 = 540_000;
/// Packets held per peer while its permission is requested.
const MAX_WAITING: usize = 64;
const FIRST_CHANNEL: u16 = 0x4000;
const UDP: u8 = 17;

#[derive(Debug, Clone)]
pub struct TurnConfig {
    pub username: String,
    pub password: String,
    /// Over TCP or TLS: no retransmissions, and ChannelData padded to 4 bytes.
    pub reliable: bool,
    /// The lifetime asked for in Allocate and Refresh.
    pub lifetime_secs: u32,
    /// How long one request may wait for its answer.
    pub timeout_ms: u64,
    /// Seeds the transaction ids.
    pub seed: u64,
}

/// Why a TURN request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TurnError {
    /// The server answered with an error code.
    Code { code: u16, reason: String },
    /// No answer in time.
    Timeout,
    /// An answer that breaks the protocol (no XOR-RELAYED-ADDRESS, integrity that does not verify, …).
    Protocol(&'static str),
}

impl fmt::Display for TurnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TurnError::Code { code, reason } => write!(f, "{code} {} ({reason})", message::code_name(*code)),
            TurnError::Timeout => f.write_str("no answer"),
            TurnError::Protocol(what) => f.write_str(what),
        }
    }
}

/// What the allocation tells its driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TurnEvent {
    Allocated {
        relayed: SocketAddr,
        mapped: Option<SocketAddr>,
        lifetime_secs: u32,
        realm: String,
        rtt_ms: u64,
    },
    /// The allocation could not be made.
    Failed(TurnError),
    Permitted {
        peer: IpAddr,
        rtt_ms: u64,
    },
    PermissionRefused {
        peer: IpAddr,
        error: TurnError,
    },
    ChannelBound {
        peer: SocketAddr,
        channel: u16,
    },
    /// Application data from a peer, through the relay.
    Data {
        from: SocketAddr,
        data: Vec<u8>,
    },
    Refreshed {
        lifetime_secs: u32,
    },
    /// A working allocation stopped: a Refresh was refused or went unanswered.
    Lost(TurnError),
    /// The Refresh with LIFETIME 0 was answered.
    Released,
}

#[derive(Debug)]
pub enum TurnOutput {
    /// Bytes for the server (one STUN or ChannelData message).
    Transmit(Vec<u8>),
    Event(TurnEvent),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    /// The first Allocate, without credentials.
    Challenge,
    Allocate,
    Refresh,
    Release,
    Permission(IpAddr),
    Bind(SocketAddr, u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Allocating,
    Allocated,
    Done,
}

struct Auth {
    realm: String,
    nonce: String,
    key: [u8; 16],
}

pub struct Allocation {
    config: TurnConfig,
    phase: Phase,
    ids: Ids,
    transactions: Transactions<Request>,
    auth: Option<Auth>,
    outputs: VecDeque<TurnOutput>,
    relayed: Option<SocketAddr>,
    refresh_at: Option<u64>,
    /// Granted permissions and when they are renewed.
    permissions: SmallMap<IpAddr, u64>,
    /// Peers whose permission is being asked for, with the packets waiting for it.
    waiting: SmallMap<IpAddr, Vec<(SocketAddr, Vec<u8>)>>,
    /// Bound channels by peer: the number, whether the server confirmed it, and when it is renewed.
    channels: SmallMap<SocketAddr, (u16, bool, u64)>,
}

impl Allocation {
    pub fn new(config: TurnConfig) -> Allocation {
        let transactions = Transactions::new(config.reliable, config.timeout_ms);
        let ids = Ids::new(config.seed);
        Allocation {
            config,
            phase: Phase::Idle,
            ids,
            transactions,
            auth: None,
            outputs: VecDeque::new(),
            relayed: None,
            refresh_at: None,
            permissions: SmallMap::new(),
            waiting: SmallMap::new(),
            channels: SmallMap::new(),
        }
    }

    /// Sends the first Allocate.
    pub fn start(&mut self, now: u64) {
        if self.phase == Phase::Idle {
            self.phase = Phase::Allocating;
            self.request(now, Request::Challenge);
        }
    }

    pub fn relayed(&self) -> Option<SocketAddr> {
        self.relayed
    }

    pub fn is_allocated(&self) -> bool {
        self.phase == Phase::Allocated
    }

    pub fn poll_output(&mut self) -> Option<TurnOutput> {
        self.outputs.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<u64> {
        let renewals = self.permissions.values().chain(self.channels.values().map(|(_, _, at)| at)).copied();
        [self.transactions.poll_timeout(), self.refresh_at, renewals.min()].into_iter().flatten().min()
    }

    /// New credentials for the requests to come (fresh TURN REST credentials before the old ones expire).
    pub fn set_credentials(&mut self, username: String, password: String) {
        self.config.username = username;
        self.config.password = password;
        if let Some(auth) = &mut self.auth {
            auth.key = message::long_term_key(&self.config.username, &auth.realm, &self.config.password);
        }
    }

    /// Asks for a permission for `peer` (before anything is sent to it, so that its first packets are let in).
    pub fn permit(&mut self, now: u64, peer: IpAddr) {
        if self.phase == Phase::Allocated && !self.permissions.contains_key(&peer) && !self.waiting.contains_key(&peer)
        {
            self.waiting.insert(peer, Vec::new());
            self.request(now, Request::Permission(peer));
        }
    }

    /// Binds a channel to `peer`: later packets to it go as ChannelData (4 bytes of header instead of 36).
    pub fn bind_channel(&mut self, now: u64, peer: SocketAddr) {
        if self.phase != Phase::Allocated || self.channels.contains_key(&peer) {
            return;
        }
        let channel = FIRST_CHANNEL + self.channels.len() as u16;
        if channel > 0x4FFF {
            return;
        }
        self.channels.insert(peer, (channel, false, now + CHANNEL_RENEW_MS));
        self.request(now, Request::Bind(peer, channel));
    }

    /// Sends `data` to `peer` through the relay: as ChannelData on a confirmed channel, else in a Send
    /// indication once the peer is permitted (asking for the permission first, holding the data meanwhile).
    pub fn send(&mut self, now: u64, peer: SocketAddr, data: &[u8]) {
        if self.phase != Phase::Allocated {
            return;
        }
        if let Some((channel, true, _)) = self.channels.get(&peer) {
            let bytes = message::channel_data(*channel, data, self.config.reliable);
            return self.outputs.push_back(TurnOutput::Transmit(bytes));
        }
        if self.permissions.contains_key(&peer.ip()) {
            let bytes = self.send_indication(peer, data);
            return self.outputs.push_back(TurnOutput::Transmit(bytes));
        }
        self.permit(now, peer.ip());
        if let Some(queue) = self.waiting.get_mut(&peer.ip())
            && queue.len() < MAX_WAITING
        {
            queue.push((peer, data.to_vec()));
        }
    }

    /// Releases the allocation (Refresh with LIFETIME 0).
    pub fn release(&mut self, now: u64) {
        if self.phase == Phase::Allocated {
            self.refresh_at = None;
            self.permissions.clear();
            self.channels.clear();
            self.request(now, Request::Release);
        }
    }

    /// One message from the server.
    pub fn handle_input(&mut self, now: u64, bytes: &[u8]) {
        if let Some((channel, data)) = message::parse_channel_data(bytes) {
            let bound = self.channels.iter().find(|(_, (c, confirmed, _))| *c == channel && *confirmed);
            if let Some(peer) = bound.map(|(peer, _)| *peer) {
                self.event(TurnEvent::Data { from: peer, data: data.to_vec() });
            }
            return;
        }
        let Ok(message) = Message::parse(bytes) else { return };
        if message.class == Class::Indication {
            if message.method == Method::DATA
                && let (Some(from), Some(data)) = (message.xor_address(attr::XOR_PEER_ADDRESS), message.get(attr::DATA))
            {
                self.event(TurnEvent::Data { from, data: data.to_vec() });
            }
            return;
        }
        let Some((request, rtt_ms)) = self.transactions.answered(&message.transaction, now) else { return };
        match message.class {
            Class::Success => self.on_success(now, request, &message, rtt_ms),
            _ => self.on_error(now, request, &message),
        }
    }

    pub fn handle_timeout(&mut self, now: u64) {
        let expired = self.transactions.handle_timeout(now);
        for bytes in expired.resend {
            self.outputs.push_back(TurnOutput::Transmit(bytes));
        }
        for request in expired.gave_up {
            self.failed(request, TurnError::Timeout);
        }
        if self.phase != Phase::Allocated {
            return;
        }
        if self.refresh_at.is_some_and(|at| now >= at) {
            self.refresh_at = None;
            self.request(now, Request::Refresh);
        }
        let due: Vec<IpAddr> = self.permissions.iter().filter(|(_, at)| now >= **at).map(|(ip, _)| *ip).collect();
        for ip in due {
            self.permissions.insert(ip, now + PERMISSION_RENEW_MS);
            self.request(now, Request::Permission(ip));
        }
        let due: Vec<(SocketAddr, u16)> =
            self.channels.iter().filter(|(_, (_, _, at))| now >= *at).map(|(peer, (c, _, _))| (*peer, *c)).collect();
        for (peer, channel) in due {
            if let Some(entry) = self.channels.get_mut(&peer) {
                entry.2 = now + CHANNEL_RENEW_MS;
            }
            self.request(now, Request::Bind(peer, channel));
        }
    }

    fn on_success(&mut self, now: u64, request: Request, message: &Message<'_>, rtt_ms: u64) {
        let verified = self.auth.as_ref().is_some_and(|auth| message.verify(&auth.key));
        match request {
            Request::Challenge => {
                self.phase = Phase::Done;
                self.event(TurnEvent::Failed(TurnError::Protocol(
                    "the server allocated without asking for credentials",
                )));
            }
            Request::Allocate => {
                if !verified {
                    self.phase = Phase::Done;
                    return self.event(TurnEvent::Failed(TurnError::Protocol(
                        "the Allocate response's MESSAGE-INTEGRITY does not verify",
                    )));
                }
                let Some(relayed) = message.xor_address(attr::XOR_RELAYED_ADDRESS) else {
                    self.phase = Phase::Done;
                    return self.event(TurnEvent::Failed(TurnError::Protocol("no XOR-RELAYED-ADDRESS")));
                };
                let lifetime_secs = message.u32(attr::LIFETIME).unwrap_or(self.config.lifetime_secs);
                self.phase = Phase::Allocated;
                self.relayed = Some(relayed);
                self.schedule_refresh(now, lifetime_secs);
                let realm = self.auth.as_ref().map(|a| a.realm.clone()).unwrap_or_default();
                let mapped = message.xor_address(attr::XOR_MAPPED_ADDRESS);
                self.event(TurnEvent::Allocated { relayed, mapped, lifetime_secs, realm, rtt_ms });
            }
            Request::Refresh => {
                let lifetime_secs = message.u32(attr::LIFETIME).unwrap_or(self.config.lifetime_secs);
                self.schedule_refresh(now, lifetime_secs);
                self.event(TurnEvent::Refreshed { lifetime_secs });
            }
            Request::Release => {
                self.phase = Phase::Done;
                self.event(TurnEvent::Released);
            }
            Request::Permission(peer) => {
                let first = !self.permissions.contains_key(&peer);
                self.permissions.insert(peer, now + PERMISSION_RENEW_MS);
                for (to, data) in self.waiting.remove(&peer).unwrap_or_default() {
                    let bytes = self.send_indication(to, &data);
                    self.outputs.push_back(TurnOutput::Transmit(bytes));
                }
                if first {
                    self.event(TurnEvent::Permitted { peer, rtt_ms });
                }
            }
            Request::Bind(peer, channel) => {
                if let Some(entry) = self.channels.get_mut(&peer) {
                    let first = !entry.1;
                    entry.1 = true;
                    // A channel binding also installs a permission (§12).
                    if !self.permissions.contains_key(&peer.ip()) {
                        self.permissions.insert(peer.ip(), now + PERMISSION_RENEW_MS);
                    }
                    if first {
                        self.event(TurnEvent::ChannelBound { peer, channel });
                    }
                }
            }
        }
    }

    fn on_error(&mut self, now: u64, request: Request, message: &Message<'_>) {
        let (code, reason) = message::reason(message);
        match (request, code) {
            (Request::Challenge, 401) => {
                let (Some(realm), Some(nonce)) = (message.text(attr::REALM), message.text(attr::NONCE)) else {
                    self.phase = Phase::Done;
                    return self.event(TurnEvent::Failed(TurnError::Protocol("the 401 carried no REALM or NONCE")));
                };
                let key = message::long_term_key(&self.config.username, realm, &self.config.password);
                self.auth = Some(Auth { realm: realm.into(), nonce: nonce.into(), key });
                self.request(now, Request::Allocate);
            }
            (_, 438) if self.auth.is_some() && message.has(attr::NONCE) => {
                if let (Some(auth), Some(nonce)) = (&mut self.auth, message.text(attr::NONCE)) {
                    auth.nonce = nonce.into();
                }
                self.request(now, request);
            }
            _ => self.failed(request, TurnError::Code { code, reason }),
        }
    }

    fn failed(&mut self, request: Request, error: TurnError) {
        match request {
            Request::Challenge | Request::Allocate => {
                self.phase = Phase::Done;
                self.event(TurnEvent::Failed(error));
            }
            Request::Refresh => {
                self.phase = Phase::Done;
                self.event(TurnEvent::Lost(error));
            }
            Request::Release => {
                self.phase = Phase::Done;
                self.event(TurnEvent::Released);
            }
            Request::Permission(peer) => {
                self.waiting.remove(&peer);
                if self.permissions.remove(&peer).is_none() {
                    self.event(TurnEvent::PermissionRefused { peer, error });
                }
            }
            Request::Bind(peer, _) => {
                self.channels.remove(&peer);
            }
        }
    }

    fn schedule_refresh(&mut self, now: u64, lifetime_secs: u32) {
        let lifetime = u64::from(lifetime_secs.max(60)) * 1000;
        self.refresh_at = Some(now + lifetime.saturating_sub(60_000).max(lifetime / 2));
    }

    fn request(&mut self, now: u64, request: Request) {
        let id = self.ids.draw();
        let method = match request {
            Request::Challenge | Request::Allocate => Method::ALLOCATE,
            Request::Refresh | Request::Release => Method::REFRESH,
            Request::Permission(_) => Method::CREATE_PERMISSION,
            Request::Bind(..) => Method::CHANNEL_BIND,
        };
        let mut builder = Builder::new(Class::Request, method, id);
        builder = match request {
            Request::Challenge | Request::Allocate => {
                builder.attr(attr::REQUESTED_TRANSPORT, &[UDP, 0, 0, 0]).u32(attr::LIFETIME, self.config.lifetime_secs)
            }
            Request::Refresh => builder.u32(attr::LIFETIME, self.config.lifetime_secs),
            Request::Release => builder.u32(attr::LIFETIME, 0),
            Request::Permission(ip) => builder.xor_address(attr::XOR_PEER_ADDRESS, SocketAddr::new(ip, 0)),
            Request::Bind(peer, channel) => builder
                .attr(attr::CHANNEL_NUMBER, &[(channel >> 8) as u8, channel as u8, 0, 0])
                .xor_address(attr::XOR_PEER_ADDRESS, peer),
        };
        if let (Some(auth), false) = (&self.auth, request == Request::Challenge) {
            builder = builder
                .text(attr::USERNAME, &self.config.username)
                .text(attr::REALM, &auth.realm)
                .text(attr::NONCE, &auth.nonce)
                .integrity(&auth.key);
        }
        let bytes = builder.fingerprint();
        self.transactions.sent(now, id, request, bytes.clone());
        self.outputs.push_back(TurnOutput::Transmit(bytes));
    }

    fn send_indication(&mut self, peer: SocketAddr, data: &[u8]) -> Vec<u8> {
        Builder::new(Class::Indication, Method::SEND, self.ids.draw())
            .xor_address(attr::XOR_PEER_ADDRESS, peer)
            .attr(attr::DATA, data)
            .finish()
    }

    fn event(&mut self, event: TurnEvent) {
        self.outputs.push_back(TurnOutput::Event(event));
    }
}
