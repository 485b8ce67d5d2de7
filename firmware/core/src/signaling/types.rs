//! The machine's configuration and the vocabulary it speaks with its driver: what it asks for (outputs) and
//! what it is told (HTTP outcomes, connect requests), and how it fails.

use crate::api::{IceServer, Operation};
use crate::event::Event;
use crate::message::{Action, EncodeError, Incoming};
use crate::names::{ChannelArn, ChannelRef, ClientId, MessageTtl, Role};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The timing constants, defaulting to the C SDK's (see the reference's constants cheat sheet).
#[derive(Debug, Clone)]
pub struct Timing {
    /// How long a WebSocket handshake may take (C SDK 5 s, ESP port 10 s).
    pub connect_timeout_ms: u64,
    /// A ping goes out after this long without traffic (lws and the ESP port: 10 s).
    pub ping_after_idle_ms: u64,
    /// With no traffic this long after a ping, the connection is taken for dead.
    pub pong_timeout_ms: u64,
    /// The service closes connections after 1 hour; reconnect this long before that.
    pub max_connection_ms: u64,
    pub reconnect_before_end_ms: u64,
    /// ICE servers are refreshed this long before the smallest TTL runs out.
    pub ice_refresh_grace_ms: u64,
    /// Consecutive failed API calls (or handshakes) before giving up.
    pub max_attempts: u32,
    pub backoff_base_ms: u64,
    pub backoff_cap_ms: u64,
    /// A connection that lasted this long resets the backoff.
    pub backoff_reset_ms: u64,
    /// Messages held while the socket is down.
    pub max_queued: usize,
    /// How long a sent message's correlation id is kept to match a STATUS_RESPONSE.
    pub correlation_window_ms: u64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            connect_timeout_ms: 10_000,
            ping_after_idle_ms: 10_000,
            pong_timeout_ms: 20_000,
            max_connection_ms: 3_600_000,
            reconnect_before_end_ms: 60_000,
            ice_refresh_grace_ms: 30_000,
            max_attempts: 8,
            backoff_base_ms: 100,
            backoff_cap_ms: 10_000,
            backoff_reset_ms: 90_000,
            max_queued: 64,
            correlation_window_ms: 60_000,
        }
    }
}

/// Endpoints remembered from an earlier lookup (the endpoint cache).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub channel_arn: ChannelArn,
    pub wss: String,
    pub https: String,
}

/// What the machine is asked to do.
#[derive(Debug, Clone)]
pub struct Config {
    pub channel: ChannelRef,
    pub role: Role,
    /// Sent as `X-Amz-ClientId` by a viewer and as `ClientId` in GetIceServerConfig by both roles.
    pub client_id: ClientId,
    /// On DescribeSignalingChannel 404, create the channel (SINGLE_MASTER, this TTL) instead of failing.
    pub create_if_missing: Option<MessageTtl>,
    /// Endpoints from the cache; when given the machine starts at GET_ICE_CONFIG.
    pub cached: Option<Endpoints>,
    pub timing: Timing,
    /// Seeds the backoff jitter.
    pub seed: u64,
}

/// The states of the flow. CONNECTED means the socket is open and the ICE servers are fresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    New,
    Describe,
    Create,
    GetEndpoint,
    GetIceConfig,
    Connect,
    Connected,
    Closed,
}

impl State {
    pub const ALL: [State; 8] = [
        State::New,
        State::Describe,
        State::Create,
        State::GetEndpoint,
        State::GetIceConfig,
        State::Connect,
        State::Connected,
        State::Closed,
    ];

    /// The state its text form names (`GET_ICE_CONFIG`).
    pub fn parse(text: &str) -> Option<State> {
        State::ALL.into_iter().find(|state| state.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::New => "NEW",
            State::Describe => "DESCRIBE",
            State::Create => "CREATE",
            State::GetEndpoint => "GET_ENDPOINT",
            State::GetIceConfig => "GET_ICE_CONFIG",
            State::Connect => "CONNECT",
            State::Connected => "CONNECTED",
            State::Closed => "CLOSED",
        }
    }
}

/// Where an HTTP request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    ControlPlane,
    /// The channel's HTTPS resource endpoint (GetIceServerConfig).
    Url(String),
}

/// An API call for the driver to sign (SigV4, service `kinesisvideo`) and send as `POST <target><op path>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub id: u64,
    pub op: Operation,
    pub target: Target,
    pub body: Vec<u8>,
}

/// How an HTTP request ended.
#[derive(Debug, Clone, Copy)]
pub enum HttpOutcome<'a> {
    /// A response, with its `x-amzn-ErrorType` header when it had one.
    Response { status: u16, error_type: Option<&'a str>, body: &'a [u8] },
    /// No response: refused, reset, timed out or a TLS failure.
    Failed,
}

/// A WebSocket to open: the driver presigns `url` with these query parameters (SigV4 query form, GET,
/// `X-Amz-SignedHeaders=host`) and reports back with the same `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRequest {
    pub id: u64,
    pub url: String,
    pub params: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The channel does not exist (and was not to be created), or is being deleted.
    NotFound,
    /// Credentials refused, access denied.
    Auth,
    /// The service kept failing or refusing.
    Service,
    /// The service could not be reached.
    Network,
}

/// Why the machine stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub state: State,
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (in {})", self.message, self.state.as_str())
    }
}

/// What the driver must do, or learn.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Http(HttpRequest),
    Connect(ConnectRequest),
    /// A text frame to send on the open socket.
    Frame(String),
    /// A WebSocket ping to send.
    Ping,
    /// Close the socket; no further reports about it are expected.
    CloseSocket,
    /// A message for the application (offers, answers, candidates, and types this build does not know).
    Message(Incoming),
    /// A message the user asked to send that will not arrive, and why.
    SendFailed {
        correlation_id: String,
        action: Action,
        reason: String,
    },
    /// Fresh ICE servers.
    IceServers(Vec<IceServer>),
    /// Endpoints to remember in the endpoint cache.
    CacheStore(Endpoints),
    /// The cached endpoints are stale: forget them.
    CacheInvalidate,
    Event(Event),
    /// The machine stopped: `None` after [`Machine::close`], else why.
    Closed(Option<Failure>),
}

/// Why [`Machine::send`] refused a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    Encode(EncodeError),
    /// A master must name the viewer it sends to.
    NoRecipient,
    /// A viewer can only send to the master; recipients are the master's business.
    ViewerRecipient,
    QueueFull,
    Closed,
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Encode(e) => e.fmt(f),
            SendError::NoRecipient => f.write_str("a master must give recipientClientId (the viewer's client id)"),
            SendError::ViewerRecipient => f.write_str("a viewer sends only to the master; leave recipientClientId out"),
            SendError::QueueFull => f.write_str("too many messages are waiting for the connection"),
            SendError::Closed => f.write_str("the signaling client has stopped"),
        }
    }
}
