//! The emulator's HTTP front: one hyper connection per socket, plain or TLS; routing by exact path; SigV4
//! on every API request; the service's headers (`Date` from the emulator's clock, `x-amzn-RequestId`).

use super::api_error::ApiError;
use super::auth::{Incoming, SigningKeys, Verifier};
use super::control::{self, Origin, Settings};
use super::keys::KeyPair;
use super::reply::Reply;
use super::request_body::BodyReader;
use super::signaling::{self, Command, Hub, Joining};
use super::state::Store;
use super::storage::Storage;
use bytes::Bytes;
use http::header::{CONTENT_TYPE, DATE, HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming as Body;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use kvs_core::api::{ApiEndpoint, Operation, SendAlexaOfferToMasterResponse};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// What a connection's requests share.
struct Connection {
    tls: bool,
    bodies: BodyReader,
}

/// One request served: what the `-v` request log shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// The API operation, `None` for a WebSocket upgrade or an unknown path.
    pub operation: Option<Operation>,
    /// The service error code of a failed request.
    pub code: Option<&'static str>,
    pub websocket: bool,
    pub elapsed: Duration,
}

/// What one request log line is handed to.
pub type RequestLog = Arc<dyn Fn(&RequestRecord) + Send + Sync>;

/// How requests are received: what is accepted of their timing, and who hears of each.
pub struct Reception {
    /// How far a request's X-Amz-Date may be from the emulator's clock, in seconds.
    pub tolerance: u64,
    /// Seconds added to the system clock at start.
    pub clock_offset: i64,
    /// How long a client may take to send a request's headers, and then its body.
    pub request_timeout: Duration,
    pub log: Option<RequestLog>,
}

/// The emulator's shared state and request handling, behind both listeners.
pub struct Service {
    pub settings: Settings,
    pub keys: Vec<KeyPair>,
    signing_keys: SigningKeys,
    pub tolerance: u64,
    /// Seconds added to the system clock (--clock-offset, or the admin endpoint).
    clock_offset: AtomicI64,
    pub store: Mutex<Store>,
    pub hub: Arc<Hub>,
    storage: Arc<Storage>,
    log: Option<RequestLog>,
    request_timeout: Duration,
    requests: AtomicU64,
    /// Requests by operation, indexed by `Operation as usize` (the order of `Operation::ALL`).
    by_operation: [AtomicU64; Operation::ALL.len()],
}

impl Service {
    pub fn new(
        settings: Settings,
        keys: Vec<KeyPair>,
        store: Store,
        hub: Hub,
        storage: Arc<Storage>,
        reception: Reception,
    ) -> Self {
        Service {
            settings,
            keys,
            signing_keys: SigningKeys::new(),
            tolerance: reception.tolerance,
            clock_offset: AtomicI64::new(reception.clock_offset),
            store: Mutex::new(store),
            hub: Arc::new(hub),
            storage,
            log: reception.log,
            request_timeout: reception.request_timeout,
            requests: AtomicU64::new(0),
            by_operation: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }

    /// The emulator's clock: the system clock shifted by --clock-offset.
    pub fn now(&self) -> SystemTime {
        let offset = self.clock_offset.load(Ordering::Relaxed);
        let shift = Duration::from_secs(offset.unsigned_abs());
        if offset >= 0 { SystemTime::now() + shift } else { SystemTime::now() - shift }
    }

    fn now_ms(&self) -> u64 {
        self.now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
    }

    /// Accepts connections until the task is dropped. An accept that fails (out of file descriptors) is retried
    /// after a pause that grows, rather than at once in a loop.
    pub async fn serve(self: Arc<Self>, listener: TcpListener, tls: Option<TlsAcceptor>) {
        let mut pause = Duration::from_millis(10);
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => {
                    pause = Duration::from_millis(10);
                    stream
                }
                Err(_) => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(1));
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let emulator = self.clone();
            let emulator_timeout = self.request_timeout;
            let tls = tls.clone();
            tokio::spawn(async move {
                let connection = Arc::new(Connection { tls: tls.is_some(), bodies: BodyReader::new(emulator_timeout) });
                let service = service_fn(move |req| {
                    let (emulator, connection) = (emulator.clone(), connection.clone());
                    async move { Ok::<_, std::convert::Infallible>(emulator.respond(req, &connection).await) }
                });
                // A client that trickles its headers (slowloris) is cut off.
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(emulator_timeout);
                match tls {
                    Some(acceptor) => {
                        let Ok(Ok(stream)) =
                            tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await
                        else {
                            return;
                        };
                        let _ = builder.serve_connection(TokioIo::new(stream), service).with_upgrades().await;
                    }
                    None => {
                        let _ = builder.serve_connection(TokioIo::new(stream), service).with_upgrades().await;
                    }
                }
            });
        }
    }

    async fn respond(&self, req: Request<Body>, connection: &Connection) -> Response<Full<Bytes>> {
        if is_websocket_upgrade(&req) {
            let path = req.uri().path().to_string();
            let started = Instant::now();
            let result = self.websocket(req);
            if let Some(log) = &self.log {
                log(&RequestRecord {
                    method: "GET".into(),
                    path,
                    status: result.as_ref().map(|r| r.status().as_u16()).unwrap_or_else(|e| e.status),
                    operation: None,
                    code: result.as_ref().err().map(|e| e.code),
                    websocket: true,
                    elapsed: started.elapsed(),
                });
            }
            return result.unwrap_or_else(|err| self.error_response(&err));
        }
        let started = Instant::now();
        let request = self.log.as_ref().map(|_| (req.method().to_string(), req.uri().path().to_string()));
        let (op, result) = self.dispatch(req, connection).await;
        if let (Some(log), Some((method, path))) = (&self.log, request) {
            log(&RequestRecord {
                method,
                path,
                status: result.as_ref().map(|_| 200).unwrap_or_else(|e| e.status),
                operation: op,
                code: result.as_ref().err().map(|e| e.code),
                websocket: false,
                elapsed: started.elapsed(),
            });
        }
        match result {
            Ok(reply) => self.json_response(200, None, reply.into_bytes()),
            Err(err) => self.error_response(&err),
        }
    }

    fn error_response(&self, err: &ApiError) -> Response<Full<Bytes>> {
        self.json_response(err.status, Some(err.code), err.body())
    }

    /// A response with the service's headers; `error` is the `x-amzn-ErrorType` of a failure.
    fn json_response(&self, status: u16, error: Option<&'static str>, body: Bytes) -> Response<Full<Bytes>> {
        let mut response = Response::new(Full::new(body));
        *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.reserve(4);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(DATE, self.date());
        headers.insert(REQUEST_ID, request_id());
        if let Some(code) = error {
            headers.insert(ERROR_TYPE, HeaderValue::from_static(code));
        }
        response
    }

    /// The `Date` header from the emulator's clock, formatted once a second per worker thread (as hyper does for
    /// its own).
    fn date(&self) -> HeaderValue {
        thread_local! {
            static FORMATTED: RefCell<(u64, HeaderValue)> =
                const { RefCell::new((u64::MAX, HeaderValue::from_static(""))) };
        }
        let now = self.now();
        let second = now.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        FORMATTED.with_borrow_mut(|(at, value)| {
            if *at != second {
                *value = HeaderValue::from_str(&httpdate::fmt_http_date(now))
                    .unwrap_or_else(|_| HeaderValue::from_static(""));
                *at = second;
            }
            value.clone()
        })
    }

    async fn dispatch(
        &self,
        req: Request<Body>,
        connection: &Connection,
    ) -> (Option<Operation>, Result<Reply, ApiError>) {
        if req.method() == Method::GET && req.uri().path() == "/_emulator/stats" {
            return (None, Ok(self.stats()));
        }
        if req.method() == Method::POST && req.uri().path() == "/_emulator/faults" {
            return (None, self.fault(req, connection).await);
        }
        let path = req.uri().path();
        let (endpoint, operation_path) = split_endpoint(path);
        // A channel's operation is also taken at its bare path (as SDK users who set no endpoint prefix send it);
        // the control plane's never under a channel's endpoint, nor one endpoint's under another's.
        let op = match Operation::from_path(operation_path) {
            Some(op) if op.endpoint() == endpoint || endpoint == ApiEndpoint::ControlPlane => op,
            _ => {
                return (None, Err(ApiError::new(404, "UnknownOperationException", format!("no operation at {path}"))));
            }
        };
        if req.method() != Method::POST {
            return (
                Some(op),
                Err(ApiError::new(405, "MethodNotAllowedException", format!("{} takes POST", op.name()))),
            );
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.by_operation[op as usize].fetch_add(1, Ordering::Relaxed);
        let result = self.call(op, req, connection).await;
        match op.endpoint() {
            ApiEndpoint::ChannelWebrtc => (Some(op), result.map_err(ApiError::in_storage_shape)),
            ApiEndpoint::ControlPlane | ApiEndpoint::ChannelHttps => (Some(op), result),
        }
    }

    async fn call(&self, op: Operation, req: Request<Body>, connection: &Connection) -> Result<Reply, ApiError> {
        let (parts, body) = req.into_parts();
        let body = connection.bodies.read(body).await?;
        // Listed once: the verifier asks for half a dozen headers by name, and a `HeaderMap` lookup by a string
        // parses and hashes the name every time. A value is read as text only when asked for, and by `from_utf8`
        // (which checks eight bytes at a time) rather than `HeaderValue::to_str` (one at a time): hyper has already
        // refused control characters, and SigV4 signs whatever UTF-8 the client sent.
        let mut listed: Vec<(&str, &[u8])> = Vec::with_capacity(parts.headers.len());
        listed.extend(parts.headers.iter().map(|(name, value)| (name.as_str(), value.as_bytes())));
        let header = |name: &str| -> Option<Cow<'_, str>> {
            let mut values = listed
                .iter()
                .filter(|(listed, _)| listed.eq_ignore_ascii_case(name))
                .filter_map(|(_, value)| std::str::from_utf8(value).ok());
            let first = values.next()?;
            Some(values.fold(Cow::Borrowed(first), |joined, next| Cow::Owned(format!("{joined},{next}"))))
        };
        let verifier = self.verifier();
        let key = verifier.verify_header(&Incoming {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            header: &header,
            body: &body,
        })?;
        if key.denied {
            // The storage API's model has AccessDenied at 403, the others at 401.
            let status = if op.endpoint() == ApiEndpoint::ChannelWebrtc { 403 } else { 401 };
            return Err(ApiError::new(
                status,
                "AccessDeniedException",
                format!(
                    "User: arn:aws:iam::{}:user/{} is not authorized to perform: kinesisvideo:{}",
                    self.settings.account_id,
                    key.access_key_id,
                    op.name()
                ),
            ));
        }
        if op == Operation::SendAlexaOfferToMaster {
            let offer =
                control::alexa_offer(&self.settings, &self.store.lock().unwrap_or_else(|p| p.into_inner()), &body)?;
            let answer = self.hub.alexa_offer(&offer.arn, offer.ttl, &offer.sender, &offer.payload).await?;
            return Ok(Reply::json(&SendAlexaOfferToMasterResponse { answer: Some(answer) }));
        }
        if matches!(op, Operation::JoinStorageSession | Operation::JoinStorageSessionAsViewer) {
            let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
            let (target, viewer) = control::storage_target(&self.settings, &store, op, &body)?;
            drop(store);
            self.storage.join(&target, viewer.as_deref(), |peer| {
                if let Some(viewer) = &viewer {
                    self.hub.bridge_storage(&target.channel_arn, target.message_ttl, viewer, peer);
                }
            })?;
            return Ok(Reply::none());
        }
        let host = header("host").unwrap_or_default();
        let origin = Origin { host: &host, tls: connection.tls };
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let value = control::handle(&self.settings, &mut store, op, &body, &origin, self.now_ms())?;
        if mutates(op) {
            store.save().map_err(|e| ApiError::new(500, "InternalFailure", format!("saving the state failed: {e}")))?;
        }
        Ok(value)
    }

    fn stats(&self) -> Reply {
        let by_op: BTreeMap<&str, u64> = Operation::ALL
            .iter()
            .map(|op| (op.name(), self.by_operation[*op as usize].load(Ordering::Relaxed)))
            .filter(|(_, count)| *count > 0)
            .collect();
        Reply::json(&serde_json::json!({
            "requests": self.requests.load(Ordering::Relaxed),
            "by_operation": by_op,
            "signaling": self.hub.stats(),
            "streams": self.storage.counters(),
            "clock_offset": self.clock_offset.load(Ordering::Relaxed),
        }))
    }

    /// The WebSocket handshake: presigned URL, channel, role rules, then 101.
    fn websocket(&self, req: Request<Body>) -> Result<Response<Full<Bytes>>, ApiError> {
        let path = req.uri().path().to_string();
        let (master, endpoint_id) = signaling::endpoint_role(&path).ok_or_else(|| {
            ApiError::new(404, "UnknownOperationException", format!("no WebSocket endpoint at {path}"))
        })?;
        let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(Cow::Borrowed);
        let query = req.uri().query().unwrap_or("").to_string();
        self.verifier().verify_presigned(&Incoming {
            method: "GET",
            path: &path,
            query: &query,
            header: &header,
            body: b"",
        })?;
        let params = super::auth::parse_query(&query)?;
        let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let arn =
            param("X-Amz-ChannelARN").ok_or_else(|| ApiError::invalid_argument("X-Amz-ChannelARN is required"))?;
        let ttl = {
            let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
            let channel = store
                .by_arn(arn)
                .ok_or_else(|| ApiError::not_found("The requested channel is not found or not active."))?;
            if channel.endpoint_id() != endpoint_id {
                return Err(ApiError::not_found("this endpoint belongs to another channel"));
            }
            Duration::from_secs(u64::from(channel.message_ttl))
        };
        let peer = signaling::peer_from_query(master, param("X-Amz-ClientId"))?;
        let joining = Joining { arn: arn.to_string(), peer, ttl };
        signaling::accept(self.hub.clone(), req, joining)
    }

    fn verifier(&self) -> Verifier<'_> {
        Verifier {
            keys: &self.keys,
            signing_keys: &self.signing_keys,
            region: &self.settings.region,
            now: self.now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
            tolerance: self.tolerance,
        }
    }

    /// The admin endpoint: `{"fault": "go-away" | "reconnect-ice-server" | "drop" | "refuse-handshakes" |
    /// "clock-offset", "channel": NAME, "count": N, "status": S, "seconds": S}`.
    async fn fault(&self, req: Request<Body>, connection: &Connection) -> Result<Reply, ApiError> {
        let body = connection.bodies.read(req.into_body()).await?;
        let fault: super::faults::Fault = super::control::parse(&body)?;
        let arn = match &fault.channel {
            Some(name) => Some(
                self.store
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .by_name(name)
                    .map(|c| c.arn.clone())
                    .ok_or_else(|| ApiError::not_found(format!("no channel {name}")))?,
            ),
            None => None,
        };
        let arn = arn.as_deref();
        let affected = match fault.kind {
            super::faults::Kind::GoAway => self.hub.broadcast(arn, || Command::GoAway),
            super::faults::Kind::ReconnectIceServer => self.hub.broadcast(arn, || Command::ReconnectIce),
            super::faults::Kind::Drop => self.hub.broadcast(arn, || Command::Drop),
            super::faults::Kind::RefuseHandshakes => {
                self.hub.refuse_handshakes(fault.count.unwrap_or(1), fault.status.unwrap_or(503));
                0
            }
            super::faults::Kind::RawFrames => {
                let mut sent = 0;
                for frame in &fault.frames {
                    sent = self.hub.broadcast(arn, || Command::Frame(frame.clone()));
                }
                if fault.binary {
                    sent = self.hub.broadcast(arn, || Command::Binary(vec![0xde, 0xad, 0xbe, 0xef]));
                }
                sent
            }
            super::faults::Kind::ClockOffset => {
                let seconds = fault.seconds.unwrap_or(0);
                if seconds.unsigned_abs() > super::MAX_CLOCK_OFFSET_SECS.unsigned_abs() {
                    return Err(ApiError::invalid_argument(format!(
                        "seconds must be within {} either way",
                        super::MAX_CLOCK_OFFSET_SECS
                    )));
                }
                self.clock_offset.store(seconds, Ordering::Relaxed);
                0
            }
        };
        Ok(Reply::json(&serde_json::json!({ "affected": affected })))
    }
}

fn is_websocket_upgrade(req: &Request<Body>) -> bool {
    req.method() == Method::GET
        && req
            .headers()
            .get("upgrade")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

fn mutates(op: Operation) -> bool {
    matches!(
        op,
        Operation::CreateSignalingChannel
            | Operation::DeleteSignalingChannel
            | Operation::UpdateSignalingChannel
            | Operation::TagResource
            | Operation::UntagResource
            | Operation::CreateStream
            | Operation::DeleteStream
            | Operation::UpdateMediaStorageConfiguration
    )
}

/// Which endpoint a path was sent to, and the operation's path: the channel's endpoints carry their id in the
/// path (`/r-1234abcd/v1/get-ice-server-config`, `/w-1234abcd/joinStorageSession`), the control plane none.
fn split_endpoint(path: &str) -> (ApiEndpoint, &str) {
    let endpoint = match path.get(..3) {
        Some("/r-") => ApiEndpoint::ChannelHttps,
        Some("/w-") => ApiEndpoint::ChannelWebrtc,
        _ => return (ApiEndpoint::ControlPlane, path),
    };
    match path[3..].split_once('/') {
        Some((id, _)) if id.len() == 8 && id.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (endpoint, &path[3 + id.len()..])
        }
        _ => (ApiEndpoint::ControlPlane, path),
    }
}

/// A random (version 4) UUID, as the service's request ids are.
fn request_id() -> HeaderValue {
    let id = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
    let mut text = uuid::Uuid::encode_buffer();
    HeaderValue::from_str(id.hyphenated().encode_lower(&mut text)).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_its_own_counter() {
        for (index, op) in Operation::ALL.iter().enumerate() {
            assert_eq!(*op as usize, index, "{op:?}");
        }
    }

    #[test]
    fn splits_the_endpoint_from_the_path() {
        assert_eq!(
            split_endpoint("/r-1234abcd/v1/get-ice-server-config"),
            (ApiEndpoint::ChannelHttps, "/v1/get-ice-server-config")
        );
        assert_eq!(
            split_endpoint("/w-1234abcd/joinStorageSession"),
            (ApiEndpoint::ChannelWebrtc, "/joinStorageSession")
        );
        assert_eq!(
            split_endpoint("/v1/get-ice-server-config"),
            (ApiEndpoint::ControlPlane, "/v1/get-ice-server-config")
        );
        assert_eq!(split_endpoint("/r-xyz/v1"), (ApiEndpoint::ControlPlane, "/r-xyz/v1"));
    }
}
