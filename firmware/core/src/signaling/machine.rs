//! The machine itself. Time is milliseconds on any monotonic clock the driver chooses.

use super::backoff::Backoff;
use super::metrics::Metrics;
use super::types::*;
use crate::api::{
    ChannelInfo, DescribeSignalingChannelResponse, EndpointProtocol, GetIceServerConfigResponse,
    GetSignalingChannelEndpointResponse, Operation,
};
use crate::event::{ErrorSite, Event};
use crate::message::{self, Action, DecodeError, Incoming, MessageType, Outgoing};
use crate::names::{ChannelArn, ChannelRef, CorrelationId, Role};
use crate::service_error::ServiceError;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::format;
use alloc::string::{String, ToString};

mod requests;

/// What a pending HTTP call was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pending {
    id: u64,
    op: Operation,
    sent_at: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Socket {
    Down,
    Opening { id: u64, since: u64 },
    Open { id: u64, since: u64 },
}

/// The signaling client's state machine.
pub struct Machine {
    config: Config,
    state: State,
    started_at: u64,
    arn: Option<ChannelArn>,
    endpoints: Option<Endpoints>,
    /// The next step waits for this time (backoff), then enters `retry_state`.
    retry_at: Option<(u64, State)>,
    pending: Option<Pending>,
    socket: Socket,
    last_traffic: u64,
    ping_sent_at: Option<u64>,
    ice_refresh_at: Option<u64>,
    /// ICE servers are being refreshed over an open socket.
    refreshing: bool,
    failures: u32,
    auth_failures: u32,
    backoff: Backoff,
    next_id: u64,
    next_correlation: u64,
    queue: VecDeque<Outgoing>,
    sent: VecDeque<(String, Action, u64)>,
    offers: BTreeMap<String, u64>,
    outputs: VecDeque<Output>,
    metrics: Metrics,
    connected_once: bool,
}

impl Machine {
    pub fn new(config: Config) -> Machine {
        let backoff = Backoff::new(config.timing.backoff_base_ms, config.timing.backoff_cap_ms, config.seed);
        let arn = match &config.channel {
            ChannelRef::Arn(arn) => Some(arn.clone()),
            ChannelRef::Name(_) => None,
        };
        Machine {
            arn,
            endpoints: None,
            config,
            state: State::New,
            started_at: 0,
            retry_at: None,
            pending: None,
            socket: Socket::Down,
            last_traffic: 0,
            ping_sent_at: None,
            ice_refresh_at: None,
            refreshing: false,
            failures: 0,
            auth_failures: 0,
            backoff,
            next_id: 1,
            next_correlation: 1,
            queue: VecDeque::new(),
            sent: VecDeque::new(),
            offers: BTreeMap::new(),
            outputs: VecDeque::new(),
            metrics: Metrics::default(),
            connected_once: false,
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The role the machine signals as.
    pub fn role(&self) -> Role {
        self.config.role
    }

    pub fn channel_arn(&self) -> Option<&ChannelArn> {
        self.arn.as_ref()
    }

    /// Begins the flow: from the cache straight to GET_ICE_CONFIG, with an ARN to GET_ENDPOINT, else DESCRIBE.
    pub fn start(&mut self, now: u64) {
        self.started_at = now;
        let first = match self.config.cached.clone() {
            Some(cached) => {
                self.arn = Some(cached.channel_arn.clone());
                self.endpoints = Some(cached);
                State::GetIceConfig
            }
            None if self.arn.is_some() => State::GetEndpoint,
            None => State::Describe,
        };
        self.enter(first, now);
    }

    /// Stops: closes the socket and reports every queued message as failed.
    pub fn close(&mut self, now: u64) {
        if self.state == State::Closed {
            return;
        }
        self.finish(now, None);
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// The next time [`Machine::handle_timeout`] must be called.
    pub fn poll_timeout(&self) -> Option<u64> {
        if self.state == State::Closed {
            return None;
        }
        let mut next: Option<u64> = None;
        let mut consider = |t: Option<u64>| {
            if let Some(t) = t {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        };
        consider(self.retry_at.map(|(t, _)| t));
        match self.socket {
            Socket::Opening { since, .. } => consider(Some(since + self.config.timing.connect_timeout_ms)),
            Socket::Open { since, .. } => {
                let t = &self.config.timing;
                consider(Some(match self.ping_sent_at {
                    Some(sent) => sent + t.pong_timeout_ms,
                    None => self.last_traffic + t.ping_after_idle_ms,
                }));
                consider(Some(since + t.max_connection_ms - t.reconnect_before_end_ms));
                if !self.refreshing {
                    consider(self.ice_refresh_at);
                }
            }
            Socket::Down => {}
        }
        next
    }

    pub fn handle_timeout(&mut self, now: u64) {
        if self.state == State::Closed {
            return;
        }
        if let Some((at, state)) = self.retry_at
            && now >= at
        {
            self.retry_at = None;
            self.enter(state, now);
        }
        let t = self.config.timing.clone();
        match self.socket {
            Socket::Opening { since, .. } if now >= since + t.connect_timeout_ms => {
                self.outputs.push_back(Output::CloseSocket);
                self.socket = Socket::Down;
                self.handshake_failed(now, None);
            }
            Socket::Open { since, .. } => {
                if now >= since + t.max_connection_ms - t.reconnect_before_end_ms {
                    self.reconnect(now, State::GetEndpoint, false);
                } else if let Some(sent) = self.ping_sent_at {
                    if now >= sent + t.pong_timeout_ms {
                        self.event(Event::Error { what: ErrorSite::Keepalive, detail: "no answer to a ping".into() });
                        self.reconnect(now, State::Connect, true);
                    }
                } else if now >= self.last_traffic + t.ping_after_idle_ms {
                    self.ping_sent_at = Some(now);
                    self.outputs.push_back(Output::Ping);
                    self.event(Event::Ping);
                }
                if !self.refreshing
                    && matches!(self.socket, Socket::Open { .. })
                    && self.ice_refresh_at.is_some_and(|at| now >= at)
                {
                    self.refreshing = true;
                    self.metrics.ice_refreshes += 1;
                    self.enter(State::GetIceConfig, now);
                }
            }
            _ => {}
        }
    }

    /// Queues or sends a message. Messages wait while the socket is down and go out in order once it is up.
    /// Returns the correlation id (one is attached when the message has none).
    pub fn send(&mut self, now: u64, mut message: Outgoing) -> Result<String, SendError> {
        if self.state == State::Closed {
            return Err(SendError::Closed);
        }
        match (self.config.role, &message.recipient) {
            (Role::Master, None) => return Err(SendError::NoRecipient),
            (Role::Viewer, Some(_)) => return Err(SendError::ViewerRecipient),
            _ => {}
        }
        message.encode().map_err(SendError::Encode)?;
        let correlation = match &message.correlation_id {
            Some(c) => c.to_string(),
            None => {
                let id = format!("kvs-{}", self.next_correlation);
                self.next_correlation += 1;
                message.correlation_id = CorrelationId::new(id.clone()).ok();
                id
            }
        };
        if matches!(self.socket, Socket::Open { .. }) {
            self.transmit(now, message);
        } else if self.queue.len() >= self.config.timing.max_queued {
            return Err(SendError::QueueFull);
        } else {
            self.queue.push_back(message);
        }
        Ok(correlation)
    }

    pub fn handle_http(&mut self, id: u64, now: u64, outcome: HttpOutcome<'_>) {
        let Some(pending) = self.pending.filter(|p| p.id == id) else { return };
        self.pending = None;
        let ms = now.saturating_sub(pending.sent_at);
        let status = match outcome {
            HttpOutcome::Response { status, .. } => status,
            HttpOutcome::Failed => 0,
        };
        self.event(Event::Api { op: pending.op, status, ms });
        let slot = match pending.op {
            Operation::DescribeSignalingChannel => &mut self.metrics.describe_ms,
            Operation::CreateSignalingChannel => &mut self.metrics.create_ms,
            Operation::GetSignalingChannelEndpoint => &mut self.metrics.get_endpoint_ms,
            _ => &mut self.metrics.get_ice_config_ms,
        };
        *slot = Some(ms);
        match outcome {
            HttpOutcome::Response { status: 200, body, .. } => {
                self.auth_failures = 0;
                self.failures = 0;
                self.on_api_success(pending.op, body, now);
            }
            HttpOutcome::Response { status, error_type, body } => {
                self.metrics.api_errors += 1;
                let error = ServiceError::parse(status, error_type, body);
                self.on_api_error(pending.op, &error, now);
            }
            HttpOutcome::Failed => {
                self.metrics.api_errors += 1;
                let state = self.state;
                self.retry(now, state, FailureKind::Network, format!("{} got no response", pending.op.name()));
            }
        }
    }

    /// The WebSocket handshake completed.
    pub fn handle_connected(&mut self, id: u64, now: u64) {
        let Socket::Opening { id: expected, since } = self.socket else { return };
        if id != expected {
            return;
        }
        self.socket = Socket::Open { id, since: now };
        self.last_traffic = now;
        self.ping_sent_at = None;
        let ms = now.saturating_sub(since);
        self.metrics.connect_ms = Some(ms);
        self.event(Event::Connect { status: 101, ms });
        if !self.connected_once {
            self.connected_once = true;
            self.metrics.time_to_connected_ms = Some(now.saturating_sub(self.started_at));
        }
        self.auth_failures = 0;
        self.failures = 0;
        self.set_state(State::Connected);
        while let Some(message) = self.queue.pop_front() {
            self.transmit(now, message);
        }
    }

    /// The handshake failed with this HTTP status (`None`: timeout, refused, TLS).
    pub fn handle_connect_failed(&mut self, id: u64, now: u64, status: Option<u16>) {
        match self.socket {
            Socket::Opening { id: expected, .. } if expected == id => {
                self.socket = Socket::Down;
                self.handshake_failed(now, status);
            }
            _ => {}
        }
    }

    /// The socket closed without being asked to (dropped, or closed by the service).
    pub fn handle_closed(&mut self, id: u64, now: u64, code: Option<u16>) {
        let Socket::Open { id: expected, .. } = self.socket else { return };
        if id != expected {
            return;
        }
        self.event(Event::Closed { code: code.unwrap_or(1006) });
        self.note_disconnect(now);
        self.socket = Socket::Down;
        if self.refreshing {
            self.refreshing = false;
            self.pending = None;
        }
        self.metrics.reconnects += 1;
        let delay = self.backoff.next_delay_ms();
        self.event(Event::Backoff { ms: delay, attempt: self.backoff.attempt() });
        self.wait_then(now + delay, State::Connect);
    }

    /// A text frame arrived. Nothing in a frame ends the connection.
    pub fn handle_frame(&mut self, id: u64, now: u64, text: &str) {
        if !matches!(self.socket, Socket::Open { id: open, .. } if open == id) {
            return;
        }
        self.handle_traffic(id, now);
        let incoming = match message::decode(text) {
            Ok(incoming) => incoming,
            Err(err) => return self.bad_frame(&err),
        };
        self.metrics.messages_received += 1;
        self.event(Event::Rx {
            kind: incoming.message_type.clone(),
            peer: incoming.sender.clone().unwrap_or_else(|| "-".into()),
            bytes: incoming.bytes,
        });
        match incoming.message_type {
            MessageType::GoAway => {
                self.event(Event::GoAway);
                let again = self.asked_again(now);
                self.reconnect(now, State::Describe, again);
            }
            MessageType::ReconnectIceServer => {
                self.event(Event::ReconnectIce);
                let again = self.asked_again(now);
                self.reconnect(now, State::GetIceConfig, again);
            }
            MessageType::StatusResponse => self.on_status_response(&incoming),
            MessageType::SdpOffer => {
                if let Some(sender) = &incoming.sender {
                    self.offers.insert(sender.clone(), now);
                }
                self.outputs.push_back(Output::Message(incoming));
            }
            MessageType::SdpAnswer => {
                if let Some(sent) = self.offers.remove("") {
                    self.metrics.offer_to_answer_ms = Some(now.saturating_sub(sent));
                }
                self.outputs.push_back(Output::Message(incoming));
            }
            _ => self.outputs.push_back(Output::Message(incoming)),
        }
    }

    /// Any sign of life on the socket (a frame, a pong) counts as traffic.
    pub fn handle_traffic(&mut self, id: u64, now: u64) {
        if matches!(self.socket, Socket::Open { id: open, .. } if open == id) {
            self.last_traffic = now;
            self.ping_sent_at = None;
        }
    }

    /// A frame that is not text (binary, or not UTF-8): reported and ignored.
    pub fn handle_unreadable_frame(&mut self, id: u64, now: u64, what: &str) {
        if matches!(self.socket, Socket::Open { id: open, .. } if open == id) {
            self.handle_traffic(id, now);
            self.metrics.runtime_errors += 1;
            self.event(Event::BadFrame { reason: what.to_string() });
        }
    }

    fn bad_frame(&mut self, err: &DecodeError) {
        self.metrics.runtime_errors += 1;
        self.event(Event::BadFrame { reason: err.to_string() });
    }

    fn on_status_response(&mut self, incoming: &Incoming) {
        self.metrics.runtime_errors += 1;
        let status = incoming.status.clone().unwrap_or_default();
        let corr = status.correlation_id.clone().unwrap_or_default();
        let code = status.status_code().unwrap_or(0);
        let error = status.error_type.clone().unwrap_or_else(|| "Unknown".into());
        self.event(Event::StatusResponse { corr: corr.clone(), status: code, error: error.clone() });
        let action =
            self.sent.iter().position(|(c, _, _)| *c == corr).and_then(|i| self.sent.remove(i)).map(|(_, a, _)| a);
        if let Some(action) = action {
            let description = status.description.unwrap_or_default();
            self.outputs.push_back(Output::SendFailed {
                correlation_id: corr,
                action,
                reason: format!("{error} ({code}): {description}"),
            });
        }
    }

    fn transmit(&mut self, now: u64, message: Outgoing) {
        let Ok(frame) = message.encode() else { return };
        let corr = message.correlation_id.as_ref().map(|c| c.to_string()).unwrap_or_default();
        let peer = message.recipient.as_ref().map(|r| r.to_string()).unwrap_or_else(|| "-".into());
        match message.action {
            Action::SdpOffer if self.config.role == Role::Viewer => {
                self.offers.insert(String::new(), now);
            }
            Action::SdpAnswer => {
                if let Some(received) = self.offers.remove(&peer) {
                    self.metrics.offer_to_answer_ms = Some(now.saturating_sub(received));
                }
            }
            _ => {}
        }
        self.event(Event::Tx { kind: message.action, peer, bytes: frame.len(), corr: corr.clone() });
        self.metrics.messages_sent += 1;
        let window = self.config.timing.correlation_window_ms;
        while self.sent.front().is_some_and(|(_, _, at)| now.saturating_sub(*at) > window) || self.sent.len() >= 256 {
            self.sent.pop_front();
        }
        self.sent.push_back((corr, message.action, now));
        self.outputs.push_back(Output::Frame(frame));
    }

    fn on_api_success(&mut self, op: Operation, body: &[u8], now: u64) {
        match op {
            Operation::DescribeSignalingChannel => {
                let info: Option<ChannelInfo> =
                    serde_json::from_slice::<DescribeSignalingChannelResponse>(body).ok().and_then(|r| r.channel_info);
                let Some(info) = info else {
                    return self.malformed(op, now);
                };
                if info.channel_status.as_deref() == Some("DELETING") {
                    return self.fail(now, FailureKind::NotFound, "the channel is being deleted".into());
                }
                match info.channel_arn.map(ChannelArn::new) {
                    Some(Ok(arn)) => {
                        self.arn = Some(arn);
                        self.enter(State::GetEndpoint, now);
                    }
                    _ => self.malformed(op, now),
                }
            }
            Operation::CreateSignalingChannel => self.enter(State::Describe, now),
            Operation::GetSignalingChannelEndpoint => {
                let parsed: Option<GetSignalingChannelEndpointResponse> = serde_json::from_slice(body).ok();
                let (Some(parsed), Some(arn)) = (parsed, self.arn.clone()) else {
                    return self.malformed(op, now);
                };
                match (parsed.endpoint(EndpointProtocol::Wss), parsed.endpoint(EndpointProtocol::Https)) {
                    (Some(wss), Some(https)) => {
                        let endpoints = Endpoints { channel_arn: arn, wss: wss.into(), https: https.into() };
                        self.outputs.push_back(Output::CacheStore(endpoints.clone()));
                        self.endpoints = Some(endpoints);
                        self.enter(State::GetIceConfig, now);
                    }
                    _ => self.malformed(op, now),
                }
            }
            _ => {
                let servers = serde_json::from_slice::<GetIceServerConfigResponse>(body)
                    .ok()
                    .map(|r| r.ice_server_list.unwrap_or_default());
                let Some(servers) = servers else {
                    return self.malformed(op, now);
                };
                let ttl_s = servers.iter().filter_map(|s| s.ttl).min().unwrap_or(300);
                let lifetime = u64::from(ttl_s) * 1000;
                let grace = self.config.timing.ice_refresh_grace_ms.min(lifetime / 2);
                self.ice_refresh_at = Some(now + lifetime - grace);
                self.event(Event::IceConfig { servers: servers.len(), ttl: ttl_s });
                self.outputs.push_back(Output::IceServers(servers));
                if self.refreshing {
                    self.refreshing = false;
                    self.set_state(State::Connected);
                } else {
                    self.enter(State::Connect, now);
                }
            }
        }
    }

    fn malformed(&mut self, op: Operation, now: u64) {
        let state = self.state;
        self.retry(now, state, FailureKind::Service, format!("{} answered with an unreadable body", op.name()));
    }

    fn on_api_error(&mut self, op: Operation, error: &ServiceError, now: u64) {
        let detail = if error.message.is_empty() { String::new() } else { format!(": {}", error.message) };
        let message = format!("{} failed with HTTP {} {}{detail}", op.name(), error.status, error.code);
        match error.status {
            404 => match op {
                Operation::DescribeSignalingChannel => match self.config.create_if_missing {
                    Some(_) => self.enter(State::Create, now),
                    None => self.fail(now, FailureKind::NotFound, message),
                },
                Operation::CreateSignalingChannel => self.fail(now, FailureKind::Service, message),
                _ => {
                    self.outputs.push_back(Output::CacheInvalidate);
                    self.endpoints = None;
                    if matches!(self.config.channel, ChannelRef::Arn(_)) && op == Operation::GetSignalingChannelEndpoint
                    {
                        self.fail(now, FailureKind::NotFound, message);
                    } else {
                        self.retry(now, State::Describe, FailureKind::NotFound, message);
                    }
                }
            },
            403 if error.is_clock_skew() => {
                let state = self.state;
                self.retry(now, state, FailureKind::Auth, message);
            }
            401 | 403 => {
                self.auth_failures += 1;
                if self.auth_failures > 1 {
                    self.fail(now, FailureKind::Auth, message);
                } else {
                    let state = self.state;
                    self.retry(now, state, FailureKind::Auth, message);
                }
            }
            400 if op == Operation::CreateSignalingChannel && error.code == "ResourceInUseException" => {
                self.enter(State::Describe, now)
            }
            400 if error.code != "ClientLimitExceededException" => self.fail(now, FailureKind::Service, message),
            _ => {
                let state = self.state;
                self.retry(now, state, FailureKind::Service, message);
            }
        }
    }

    fn handshake_failed(&mut self, now: u64, status: Option<u16>) {
        let code = status.unwrap_or(0);
        self.event(Event::Connect { status: code, ms: 0 });
        let message = match status {
            Some(s) => format!("the WebSocket handshake was refused with HTTP {s}"),
            None => "the WebSocket handshake did not complete".to_string(),
        };
        match code {
            404 => {
                self.outputs.push_back(Output::CacheInvalidate);
                self.retry(now, State::Describe, FailureKind::NotFound, message);
            }
            401 | 403 => {
                self.auth_failures += 1;
                if self.auth_failures > 1 {
                    self.fail(now, FailureKind::Auth, message);
                } else {
                    self.retry(now, State::Connect, FailureKind::Auth, message);
                }
            }
            _ => self.retry(now, State::GetEndpoint, FailureKind::Network, message),
        }
    }

    /// Drops the socket on purpose (GO_AWAY, RECONNECT_ICE_SERVER, lifetime, dead keepalive) and goes to `next`.
    fn reconnect(&mut self, now: u64, next: State, with_backoff: bool) {
        if matches!(self.socket, Socket::Open { .. }) {
            self.outputs.push_back(Output::CloseSocket);
            self.note_disconnect(now);
        }
        self.socket = Socket::Down;
        self.refreshing = false;
        self.metrics.reconnects += 1;
        if next == State::Describe {
            self.outputs.push_back(Output::CacheInvalidate);
        }
        if with_backoff {
            let delay = self.backoff.next_delay_ms();
            self.event(Event::Backoff { ms: delay, attempt: self.backoff.attempt() });
            self.wait_then(now + delay, next);
        } else {
            self.enter(next, now);
        }
    }

    /// Whether the service asks to reconnect on a connection that has not lasted long: then the reconnect backs
    /// off like a failure, so that a service that keeps saying GO_AWAY is not called in a tight loop.
    fn asked_again(&self, now: u64) -> bool {
        match self.socket {
            Socket::Open { since, .. } => now.saturating_sub(since) < self.config.timing.backoff_reset_ms,
            _ => true,
        }
    }

    fn note_disconnect(&mut self, now: u64) {
        if let Socket::Open { since, .. } = self.socket {
            let lasted = now.saturating_sub(since);
            self.metrics.connected_ms += lasted;
            if lasted >= self.config.timing.backoff_reset_ms {
                self.backoff.reset();
            }
        }
    }

    /// Counts a failure and tries `state` again after a backoff, or gives up after too many.
    fn retry(&mut self, now: u64, state: State, kind: FailureKind, message: String) {
        self.failures += 1;
        if self.failures >= self.config.timing.max_attempts {
            return self.fail(now, kind, message);
        }
        self.metrics.api_retries += 1;
        self.event(Event::Error { what: ErrorSite::Retry, detail: message });
        if self.refreshing && matches!(self.socket, Socket::Open { .. }) {
            // A failed ICE refresh keeps the connection; the next attempt comes after a backoff.
            self.refreshing = false;
            self.set_state(State::Connected);
            let delay = self.backoff.next_delay_ms();
            self.ice_refresh_at = Some(now + delay);
            return;
        }
        let delay = self.backoff.next_delay_ms();
        self.event(Event::Backoff { ms: delay, attempt: self.backoff.attempt() });
        self.wait_then(now + delay, state);
    }

    fn wait_then(&mut self, at: u64, state: State) {
        self.retry_at = Some((at, state));
    }

    fn fail(&mut self, now: u64, kind: FailureKind, message: String) {
        let failure = Failure { kind, state: self.state, message };
        self.finish(now, Some(failure));
    }

    fn finish(&mut self, now: u64, failure: Option<Failure>) {
        if !matches!(self.socket, Socket::Down) {
            self.outputs.push_back(Output::CloseSocket);
            self.note_disconnect(now);
        }
        self.socket = Socket::Down;
        self.retry_at = None;
        self.pending = None;
        let reason = match &failure {
            Some(f) => format!("not sent: {}", f.message),
            None => "not sent: the client stopped before it was connected".to_string(),
        };
        while let Some(message) = self.queue.pop_front() {
            self.outputs.push_back(Output::SendFailed {
                correlation_id: message.correlation_id.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                action: message.action,
                reason: reason.clone(),
            });
        }
        if let Some(f) = &failure {
            self.event(Event::Error { what: ErrorSite::Fatal, detail: f.message.clone() });
        }
        self.set_state(State::Closed);
        self.outputs.push_back(Output::Closed(failure));
    }

    fn set_state(&mut self, to: State) {
        if self.state != to {
            self.event(Event::State { from: self.state, to });
            self.state = to;
        }
    }

    fn event(&mut self, event: Event) {
        self.outputs.push_back(Output::Event(event));
    }

    fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}
