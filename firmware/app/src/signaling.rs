//! The device's driver of the core's signaling machine: what the host's tokio driver does, on embassy — the
//! signed HTTPS calls, the WebSocket, time — with the companion firmware's own behaviour: every event logged,
//! the heap reported at every state change, every new ICE configuration handed to the path checks once
//! CONNECTED, and a viewer's offer answered with the diagnostic SDP answer and the ICE-lite agent.

use crate::credentials;
use crate::http;
use crate::log::{self, error, info, warning};
use crate::store::Store;
use crate::tls::{self, Buffers};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine;
use edge_ws::FrameType;
use embassy_futures::select::{Either, Either3, select, select3};
use embassy_net::Stack;
use embassy_time::{Duration, Instant, Timer};
use esp_hal::rng::Rng;
use kvs_core::cache::EndpointCacheEntry;
use kvs_core::event::Event;
use kvs_core::message::{Incoming as Message, MessageType};
use kvs_core::names::{MessageTtl, Role};
use kvs_core::provision::Provisioning;
use kvs_core::signaling::{
    Config, ConnectRequest, Endpoints, HttpOutcome, HttpRequest, Machine, Output, Target, Timing,
};
use kvs_core::skew::{SkewChange, SkewTracker};
use kvs_ws::{self as ws, Frame, Incoming};
use mbedtls_rs::{Certificate, TlsReference};

/// How long a machine with nothing to do sleeps before looking again.
const IDLE: Duration = Duration::from_secs(1);

/// What the clients share: the network, TLS and its roots.
#[derive(Clone, Copy)]
pub struct Net {
    pub stack: Stack<'static>,
    pub tls: TlsReference<'static>,
    pub roots: &'static Certificate<'static>,
}

/// SigV4's time: the wall clock corrected by what the service's `Date` says (the core's SkewTracker).
pub struct Clock {
    pub skew: SkewTracker,
}

impl Clock {
    fn unix_secs(&self) -> u64 {
        self.skew.corrected_ms(crate::clock::unix_ms().unwrap_or(0)) / 1000
    }

    fn observe(&mut self, date: Option<&str>) {
        let (Some(server_secs), Some(local_ms)) =
            (date.and_then(kvs_core::time::parse_http_date), crate::clock::unix_ms())
        else {
            return;
        };
        if let SkewChange::Detected(offset_ms) = self.skew.observe(server_secs * 1000, local_ms) {
            log::event(&Event::ClockSkew { offset_ms });
        }
    }
}

/// The device as a signaling peer.
pub struct Device {
    pub net: Net,
    pub clock: Clock,
    pub provisioning: Provisioning,
    pub chip: &'static str,
    pub http_buffers: &'static mut Buffers,
    pub rng: Rng,
    /// The endpoint cache in NVS; `None` when NVS could not be opened (the device then calls every time).
    pub store: Option<Store>,
    /// The latest ICE configuration, for the path checks once CONNECTED.
    pub servers: Option<Vec<kvs_core::api::IceServer>>,
    pub connected: bool,
}

fn now() -> u64 {
    crate::clock::now_ms()
}

/// Runs the signaling flow for good: the machine reconnects, refreshes and backs off by itself; when it gives
/// up, the reason is logged and the device waits to be reset. When the credentials expire before the host renews
/// them, signaling stops until it provisions the device again, then starts over. The WebSocket's buffers are
/// apart from the device's because an HTTPS call (an ICE refresh) happens while the socket is open.
pub async fn run(mut device: Device, ws_buffers: &'static mut Buffers) -> ! {
    loop {
        let Expired = device.signal(ws_buffers).await;
        info!("kvs", "signaling stopped: the credentials expired; waiting to be provisioned again");
        device.provisioning = credentials::RENEWED.wait().await;
    }
}

/// The credentials expired: signaling stops.
struct Expired;

impl Device {
    /// One run of the machine, until the credentials expire.
    async fn signal(&mut self, ws_buffers: &mut Buffers) -> Expired {
        let cached = self.cached_endpoints();
        if cached.is_some() {
            log::event(&Event::CacheHit {
                channel: self.provisioning.channel.to_string(),
                role: self.provisioning.role,
            });
        }
        let config = Config {
            channel: self.provisioning.channel.clone(),
            role: self.provisioning.role,
            client_id: self.provisioning.client_id.clone(),
            create_if_missing: MessageTtl::new(60).ok(),
            cached,
            timing: Timing::default(),
            seed: u64::from(self.rng.random()) << 32 | u64::from(self.rng.random()),
        };
        let mut machine = Machine::new(config);
        machine.start(now());
        loop {
            let mut connect = None;
            while let Some(output) = machine.poll_output() {
                match output {
                    Output::Http(request) => self.http(&mut machine, request).await,
                    Output::Connect(request) => connect = Some(request),
                    other => self.observe(&mut machine, other),
                }
            }
            if connect.is_some() {
                while let Some(request) = connect {
                    connect = match self.connected(&mut machine, request, ws_buffers).await {
                        Ok(next) => next,
                        Err(expired) => return expired,
                    };
                }
                continue;
            }
            let wake = machine.poll_timeout().map_or(Instant::now() + IDLE, Instant::from_millis);
            match select(Timer::at(wake), credentials::EXPIRED.wait()).await {
                Either::First(()) => machine.handle_timeout(now()),
                Either::Second(()) => return Expired,
            }
        }
    }
}

impl Device {
    /// Outputs that need no I/O: events to the log, the machine's end, offers to answer.
    fn observe(&mut self, machine: &mut Machine, output: Output) {
        match output {
            Output::Event(event) => {
                log::event(&event);
                if let Event::State { to, .. } = event {
                    crate::report_heap();
                    self.connected = to == kvs_core::signaling::State::Connected;
                    self.check_paths();
                }
            }
            Output::IceServers(servers) => {
                self.servers = Some(servers);
                self.check_paths();
            }
            Output::Message(message) => self.on_message(machine, &message),
            Output::SendFailed { action, reason, .. } => warning!("kvs", "{} not delivered: {reason}", action.as_str()),
            Output::Closed(Some(failure)) => error!("kvs", "signaling stopped: {failure}; reset the device to retry"),
            Output::CacheStore(endpoints) => self.remember(&endpoints),
            Output::CacheInvalidate => {
                let (channel, region) = (self.provisioning.channel.to_string(), self.provisioning.region.to_string());
                if let Some(store) = self.store.as_mut() {
                    store.forget(&channel, &region);
                }
            }
            _ => {}
        }
    }

    /// Hands a new ICE configuration to the path checks once CONNECTED.
    fn check_paths(&mut self) {
        if self.connected
            && let Some(servers) = self.servers.take()
        {
            crate::paths::SERVERS.signal(servers);
        }
    }

    fn control_plane(&self) -> String {
        kvs_core::endpoint::control_plane_url(&self.provisioning.region)
    }

    /// Fresh endpoints from NVS, so that a reset device skips Describe and GetSignalingChannelEndpoint.
    fn cached_endpoints(&mut self) -> Option<Endpoints> {
        let (channel, region, role) =
            (self.provisioning.channel.to_string(), self.provisioning.region.to_string(), self.provisioning.role);
        let control_plane = self.control_plane();
        let now = self.clock.unix_secs();
        self.store.as_mut()?.endpoints(&channel, &region, role, &control_plane, now)?.endpoints()
    }

    fn remember(&mut self, endpoints: &Endpoints) {
        let entry = EndpointCacheEntry::new(
            self.provisioning.channel.to_string(),
            &self.provisioning.region,
            self.provisioning.role,
            endpoints,
            self.control_plane(),
            self.clock.unix_secs(),
        );
        if let Some(Err(why)) = self.store.as_mut().map(|store| store.remember(&entry)) {
            warning!("kvs", "{why}");
        }
    }

    fn on_message(&mut self, machine: &mut Machine, message: &Message) {
        if message.message_type != MessageType::SdpOffer || self.provisioning.role != Role::Master {
            return;
        }
        let lite = crate::paths::lite();
        let reply = kvs_core::diagnostic::reply_to(message, self.chip, u64::from(self.rng.random()), lite.as_ref());
        match reply.map(|reply| machine.send(now(), reply)) {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => warning!("kvs", "offer not answered: {e}"),
            Err(why) => warning!("kvs", "offer not answered: {why}"),
        }
    }

    fn credentials(&self) -> kvs_core::sigv4::Credentials<'_> {
        kvs_core::sigv4::Credentials {
            access_key_id: &self.provisioning.access_key_id,
            secret_access_key: &self.provisioning.secret_access_key,
            session_token: self.provisioning.session_token.as_deref(),
        }
    }

    /// Signs with the credentials the host renewed, if it did since the last call.
    fn take_renewal(&mut self) {
        if let Some(renewed) = credentials::RENEWED.try_take() {
            self.provisioning = renewed;
        }
    }

    /// One signed API call, its outcome handed to the machine.
    async fn http(&mut self, machine: &mut Machine, request: HttpRequest) {
        self.take_renewal();
        let base = match &request.target {
            Target::ControlPlane => self.control_plane(),
            Target::Url(url) => url.clone(),
        };
        let Some((host, port, prefix)) = kvs_core::http1::split_url(&base) else {
            error!("kvs", "cannot call {base}: not an https URL");
            machine.handle_http(request.id, now(), HttpOutcome::Failed);
            return;
        };
        let path = format!("{prefix}{}", request.op.path());
        let authority = if port == 443 { String::from(host) } else { format!("{host}:{port}") };
        let signed = kvs_core::sigv4::sign_request(
            &self.credentials(),
            self.provisioning.region.as_str(),
            kvs_core::SIGNING_SERVICE,
            self.clock.unix_secs(),
            &kvs_core::sigv4::HttpRequest {
                method: "POST",
                host: &authority,
                path: &path,
                headers: &[("content-type", "application/json")],
                body: &request.body,
            },
        );
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(4);
        headers.push(("content-type", "application/json"));
        headers.push(("x-amz-date", &signed.x_amz_date));
        headers.push(("authorization", &signed.authorization));
        if let Some(token) = signed.security_token.as_deref() {
            headers.push(("x-amz-security-token", token));
        }
        let net = self.net;
        let reply =
            http::post(net.stack, net.tls, net.roots, self.http_buffers, host, port, &path, &headers, &request.body)
                .await;
        match reply {
            Ok(response) => {
                self.clock.observe(response.date.as_deref());
                let outcome = HttpOutcome::Response {
                    status: response.status,
                    error_type: response.error_type.as_deref(),
                    body: &response.body,
                };
                machine.handle_http(request.id, now(), outcome);
            }
            Err(failure) => {
                log::event(&Event::Error { what: failure.step, detail: failure.detail });
                machine.handle_http(request.id, now(), HttpOutcome::Failed);
            }
        }
    }

    /// Opens the WebSocket the machine asked for and serves it until it closes; returns the next connection the
    /// machine asked for meanwhile (a reconnect before the service's one-hour limit), if it did, or that the
    /// credentials expired (the socket is closed then).
    async fn connected(
        &mut self,
        machine: &mut Machine,
        request: ConnectRequest,
        buffers: &mut Buffers,
    ) -> Result<Option<ConnectRequest>, Expired> {
        self.take_renewal();
        let Some((host, port, path)) = kvs_core::http1::split_url(&request.url) else {
            error!("kvs", "cannot connect to {}: not a wss URL", request.url);
            machine.handle_connect_failed(request.id, now(), None);
            return Ok(None);
        };
        let authority = if port == 443 { String::from(host) } else { format!("{host}:{port}") };
        let path = if path.is_empty() { "/" } else { path };
        let params: Vec<(&str, &str)> = request.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let query = kvs_core::sigv4::presign_query(
            &self.credentials(),
            self.provisioning.region.as_str(),
            kvs_core::SIGNING_SERVICE,
            self.clock.unix_secs(),
            &kvs_core::sigv4::PresignRequest { host: &authority, path, params: &params, expires_secs: 300 },
        );
        let name = match tls::server_name(host) {
            Ok(name) => name,
            Err(why) => {
                error!("kvs", "{why}");
                machine.handle_connect_failed(request.id, now(), None);
                return Ok(None);
            }
        };
        let net = self.net;
        let mut session = match tls::connect(net.stack, net.tls, net.roots, &name, port, buffers).await {
            Ok((session, ms)) => {
                log::event(&Event::Tls { ms });
                session
            }
            Err(failure) => {
                log::event(&Event::Error { what: failure.step, detail: failure.detail });
                machine.handle_connect_failed(request.id, now(), None);
                return Ok(None);
            }
        };
        let mut key = [0u8; 16];
        self.rng.read(&mut key);
        let key = base64::engine::general_purpose::STANDARD.encode(key);
        let mut incoming = Incoming::default();
        match ws::handshake(&mut session, &authority, &format!("{path}?{query}"), &key).await {
            Ok(leftover) => incoming.push(&leftover),
            Err(refused) => {
                error!("kvs", "{}", refused.detail);
                machine.handle_connect_failed(request.id, now(), refused.status);
                return Ok(None);
            }
        }
        let id = request.id;
        machine.handle_connected(id, now());
        let (mut reader, mut writer) = match session.split().await {
            Ok(halves) => halves,
            Err(e) => {
                warning!("kvs", "cannot serve the WebSocket: {e:?}");
                machine.handle_closed(id, now(), None);
                return Ok(None);
            }
        };
        let mut chunk = [0u8; 1024];
        loop {
            while let Some(output) = machine.poll_output() {
                let sent = match output {
                    Output::Frame(text) => {
                        ws::send(&mut writer, FrameType::Text(false), text.as_bytes(), self.rng.random()).await
                    }
                    Output::Ping => ws::send(&mut writer, FrameType::Ping, &[], self.rng.random()).await,
                    Output::CloseSocket => {
                        let _ =
                            ws::send(&mut writer, FrameType::Close, &1000u16.to_be_bytes(), self.rng.random()).await;
                        return Ok(None);
                    }
                    Output::Http(http) => {
                        self.http(machine, http).await;
                        Ok(())
                    }
                    Output::Connect(next) => {
                        let _ =
                            ws::send(&mut writer, FrameType::Close, &1000u16.to_be_bytes(), self.rng.random()).await;
                        return Ok(Some(next));
                    }
                    other => {
                        self.observe(machine, other);
                        Ok(())
                    }
                };
                if let Err(why) = sent {
                    warning!("kvs", "{why}");
                    machine.handle_closed(id, now(), None);
                    return Ok(None);
                }
            }
            loop {
                match incoming.next_frame() {
                    Ok(Some(Frame::Text(text))) => machine.handle_frame(id, now(), &text),
                    Ok(Some(Frame::Ping(payload))) => {
                        machine.handle_traffic(id, now());
                        let _ = ws::send(&mut writer, FrameType::Pong, &payload, self.rng.random()).await;
                    }
                    Ok(Some(Frame::Traffic)) => machine.handle_traffic(id, now()),
                    Ok(Some(Frame::Close(code))) => {
                        machine.handle_closed(id, now(), code);
                        return Ok(None);
                    }
                    Ok(Some(Frame::Unreadable(what))) => machine.handle_unreadable_frame(id, now(), what),
                    Ok(None) => break,
                    Err(what) => {
                        machine.handle_unreadable_frame(id, now(), what);
                        machine.handle_closed(id, now(), None);
                        return Ok(None);
                    }
                }
            }
            let wake = machine.poll_timeout().map_or(Instant::now() + IDLE, Instant::from_millis);
            match select3(reader.read(&mut chunk), Timer::at(wake), credentials::EXPIRED.wait()).await {
                Either3::First(Ok(0)) | Either3::First(Err(_)) => {
                    machine.handle_closed(id, now(), None);
                    return Ok(None);
                }
                Either3::First(Ok(n)) => incoming.push(&chunk[..n]),
                Either3::Second(()) => machine.handle_timeout(now()),
                Either3::Third(()) => {
                    let _ = ws::send(&mut writer, FrameType::Close, &1000u16.to_be_bytes(), self.rng.random()).await;
                    return Err(Expired);
                }
            }
            if machine.poll_timeout().is_none() && machine.state() == kvs_core::signaling::State::Closed {
                info!("kvs", "the signaling machine stopped");
                return Ok(None);
            }
        }
    }
}
