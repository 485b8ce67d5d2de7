//! The emulator's data plane: WebSocket endpoints per role, one master and up to ten viewers per channel,
//! routing with `senderClientId` stamped on viewer→master messages, a per-recipient queue kept for the
//! channel's MessageTtlSeconds, STATUS_RESPONSE for invalid messages that carry a correlation id, rate
//! limits, idle timeout and maximum duration (GO_AWAY first), and injected faults.

pub mod limits;
mod room;
mod session;

use super::api_error::ApiError;
use super::storage::Storage;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming as Body;
use kvs_core::names::ClientId;
use limits::Rates;
use room::Room;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

pub use room::Command;

/// How long SendAlexaOfferToMaster waits for the master's answer.
const ALEXA_ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// The data plane's limits and timeouts.
#[derive(Debug, Clone)]
pub struct Settings {
    pub max_viewers: usize,
    pub rates: Rates,
    pub idle_timeout: Duration,
    pub max_duration: Duration,
    /// How long after GO_AWAY the connection is closed.
    pub go_away_grace: Duration,
}

/// Who is on the other end of a connection.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Peer {
    Master,
    Viewer(String),
}

/// All channels' connections.
pub struct Hub {
    pub settings: Settings,
    rooms: Mutex<HashMap<String, Room>>,
    next_connection: AtomicU64,
    /// Handshakes still to refuse, and with which status.
    refusals: Mutex<(u32, u16)>,
    relayed: AtomicU64,
    /// A channel's storage session ends with its master's connection.
    storage: Arc<Storage>,
}

/// An admitted connection: its id, its command channel, and messages that waited for it.
pub struct Admission {
    pub connection: u64,
    pub commands: mpsc::Receiver<Command>,
    pub waiting: Vec<String>,
}

impl Hub {
    pub fn new(settings: Settings, storage: Arc<Storage>) -> Hub {
        Hub {
            settings,
            rooms: Mutex::new(HashMap::new()),
            next_connection: AtomicU64::new(1),
            refusals: Mutex::new((0, 503)),
            relayed: AtomicU64::new(0),
            storage,
        }
    }

    fn rooms(&self) -> std::sync::MutexGuard<'_, HashMap<String, Room>> {
        self.rooms.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The next `count` handshakes are answered with `status` instead of 101.
    pub fn refuse_handshakes(&self, count: u32, status: u16) {
        *self.refusals.lock().unwrap_or_else(|p| p.into_inner()) = (count, status);
    }

    fn take_refusal(&self) -> Option<u16> {
        let mut refusals = self.refusals.lock().unwrap_or_else(|p| p.into_inner());
        if refusals.0 == 0 {
            return None;
        }
        refusals.0 -= 1;
        Some(refusals.1)
    }

    /// Registers a connection. A new master replaces the old one; a viewer id already connected replaces
    /// that connection; an eleventh viewer is refused.
    pub fn admit(&self, arn: &str, ttl: Duration, peer: &Peer) -> Result<Admission, ApiError> {
        let connection = self.next_connection.fetch_add(1, Ordering::Relaxed);
        let (tx, commands) = mpsc::channel(room::OUTBOX);
        let mut rooms = self.rooms();
        let room = rooms.entry(arn.to_string()).or_insert_with(|| Room::new(ttl));
        if let Peer::Viewer(id) = peer
            && !room.has_viewer(id)
            && room.viewer_count() >= self.settings.max_viewers
        {
            return Err(ApiError::new(
                400,
                "ClientLimitExceededException",
                format!("the channel already has {} viewers connected", self.settings.max_viewers),
            ));
        }
        room.ttl = ttl;
        let waiting = room.join(peer.clone(), connection, tx);
        Ok(Admission { connection, commands, waiting })
    }

    pub fn leave(&self, arn: &str, peer: &Peer, connection: u64) {
        let left = self.rooms().get_mut(arn).is_some_and(|room| room.leave(peer, connection));
        if left {
            self.storage.left(arn, peer);
        }
    }

    /// Delivers or queues a message; the error is the STATUS_RESPONSE to send back.
    pub fn route(
        &self,
        arn: &str,
        from: &Peer,
        action: kvs_core::message::Action,
        payload: &str,
        recipient: Option<&str>,
    ) -> Result<(), ApiError> {
        let mut rooms = self.rooms();
        let room = rooms.get_mut(arn).ok_or_else(|| ApiError::not_found("the channel has no connections"))?;
        room.route(from, action, payload, recipient)?;
        self.relayed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Makes `viewer` and the storage session's peer `storage` talk to each other on the channel.
    pub fn bridge_storage(&self, arn: &str, ttl: Duration, viewer: &str, storage: &str) {
        self.rooms().entry(arn.to_string()).or_insert_with(|| Room::new(ttl)).bridge_storage(viewer, storage);
    }

    /// SendAlexaOfferToMaster: hands the offer to the master as from the viewer `sender` (kept for the channel's TTL
    /// when the master is away) and waits for the master's answer to that viewer.
    pub async fn alexa_offer(&self, arn: &str, ttl: Duration, sender: &str, payload: &str) -> Result<String, ApiError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        {
            let mut rooms = self.rooms();
            let room = rooms.entry(arn.to_string()).or_insert_with(|| Room::new(ttl));
            room.expect_alexa_answer(sender, answer);
            room.route(&Peer::Viewer(sender.to_string()), kvs_core::message::Action::SdpOffer, payload, None)?;
        }
        match tokio::time::timeout(ALEXA_ANSWER_WITHIN, answered).await {
            Ok(Ok(answer)) => Ok(answer),
            _ => {
                if let Some(room) = self.rooms().get_mut(arn) {
                    room.forget_alexa(sender);
                }
                Err(ApiError::not_found(format!(
                    "the channel's master did not answer within {} s",
                    ALEXA_ANSWER_WITHIN.as_secs()
                )))
            }
        }
    }

    /// Sends a command to every connection of a channel (all channels when `arn` is None); returns how many.
    pub fn broadcast(&self, arn: Option<&str>, command: impl Fn() -> Command) -> usize {
        self.rooms()
            .iter()
            .filter(|(a, _)| arn.is_none_or(|wanted| *a == wanted))
            .map(|(_, room)| room.broadcast(&command))
            .sum()
    }

    pub fn stats(&self) -> serde_json::Value {
        let rooms = self.rooms();
        let connections: usize = rooms.values().map(Room::connection_count).sum();
        serde_json::json!({ "connections": connections, "relayed": self.relayed.load(Ordering::Relaxed) })
    }
}

/// Where a WebSocket endpoint path points: `/m-<id>` (master) or `/v-<id>` (viewer).
pub fn endpoint_role(path: &str) -> Option<(bool, &str)> {
    let path = path.trim_end_matches('/');
    let (master, id) =
        if let Some(id) = path.strip_prefix("/m-") { (true, id) } else { (false, path.strip_prefix("/v-")?) };
    (id.len() == 8 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some((master, id))
}

/// What the handshake checks found about the connecting client.
pub struct Joining {
    pub arn: String,
    pub peer: Peer,
    pub ttl: Duration,
}

/// Checks the role's rules on the query: a master sends no client id, a viewer a valid one.
pub fn peer_from_query(master: bool, client_id: Option<&str>) -> Result<Peer, ApiError> {
    match (master, client_id) {
        (true, None) => Ok(Peer::Master),
        (true, Some(_)) => Err(ApiError::invalid_argument("a master must not send X-Amz-ClientId")),
        (false, None) => Err(ApiError::invalid_argument("a viewer must send X-Amz-ClientId")),
        (false, Some(id)) => ClientId::new(id)
            .map(|id| Peer::Viewer(id.to_string()))
            .map_err(|e| ApiError::invalid_argument(e.to_string())),
    }
}

/// Answers the upgrade with 101 and runs the session once hyper hands over the connection.
pub fn accept(hub: Arc<Hub>, req: Request<Body>, joining: Joining) -> Result<Response<Full<bytes::Bytes>>, ApiError> {
    if let Some(status) = hub.take_refusal() {
        return Err(ApiError::new(status, "ServiceUnavailableException", "handshake refused by an injected fault"));
    }
    let key = req
        .headers()
        .get("sec-websocket-key")
        .ok_or_else(|| ApiError::invalid_argument("not a WebSocket upgrade: Sec-WebSocket-Key is missing"))?;
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
    let protocol = req
        .headers()
        .get("sec-websocket-protocol")
        .and_then(|p| p.to_str().ok())
        .and_then(|p| p.split(',').next())
        .map(|p| p.trim().to_string());
    let admission = hub.admit(&joining.arn, joining.ttl, &joining.peer)?;
    tokio::spawn(async move {
        match hyper::upgrade::on(req).await {
            Ok(upgraded) => session::run(hub, upgraded, joining, admission).await,
            Err(_) => hub.leave(&joining.arn, &joining.peer, admission.connection),
        }
    });
    let mut response = Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header("connection", "Upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-accept", accept);
    if let Some(protocol) = protocol {
        response = response.header("sec-websocket-protocol", protocol);
    }
    response.body(Full::default()).map_err(|e| ApiError::new(500, "InternalFailure", e.to_string()))
}
