//! The tokio driver of the core's signaling machine: it performs the HTTP calls, opens and serves the
//! WebSocket, feeds the machine the time, and hands received messages and results to a [`Sink`].

use super::websocket::{self, Socket};
use crate::api::client::call_raw;
use crate::aws::AwsContext;
use crate::cache::EndpointCache;
use crate::error::Result;
use crate::observer::Notice;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use kvs_core::api::Operation;
use kvs_core::event::Event;
use kvs_core::message::Outgoing;
use kvs_core::signaling::{
    ConnectRequest, Failure, FailureKind, HttpOutcome, HttpRequest, Machine, Output, SendError, Target,
};
use kvs_core::skew::SkewChange;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// What the session reports to its user.
pub trait Sink {
    /// Every output the machine produces, before the driver acts on it.
    fn output(&mut self, elapsed_ms: u64, output: &Output);
    /// Whether the session should end now.
    fn done(&self) -> bool;
}

/// Commands from the user's side: a message to send, or the end of input.
pub enum Input {
    Send(Outgoing),
    /// A message that could not be read or accepted, reported through the sink's error path.
    Invalid(String),
}

type HttpFuture = Pin<Box<dyn Future<Output = (u64, Result<crate::api::client::RawReply>)> + Send>>;
type ConnectFuture =
    Pin<Box<dyn Future<Output = (u64, std::result::Result<websocket::Opened, websocket::HandshakeFailure>)> + Send>>;

/// One signaling session: the machine and the I/O it asks for (HTTP calls, the WebSocket, timers).
pub struct Session {
    ctx: Arc<AwsContext>,
    machine: Machine,
    /// The endpoint cache the machine's finds go to, with the key they are kept under.
    cache: Option<(EndpointCache, String)>,
    started: Instant,
    tls: Arc<rustls::ClientConfig>,
    http: Option<HttpFuture>,
    connecting: Option<ConnectFuture>,
    socket: Option<(u64, Socket)>,
}

impl Session {
    /// A session over the context's transport (its TLS trust for the WebSocket too).
    pub fn new(ctx: Arc<AwsContext>, machine: Machine) -> Result<Session> {
        let tls = ctx.transport.tls_config()?;
        Ok(Session {
            ctx,
            machine,
            cache: None,
            started: Instant::now(),
            tls,
            http: None,
            connecting: None,
            socket: None,
        })
    }

    /// Keeps the endpoints the machine finds in `cache` under `key` (the channel as the user named it), and drops
    /// them when the machine says they are stale.
    pub fn with_cache(mut self, cache: EndpointCache, key: String) -> Session {
        self.cache = Some((cache, key));
        self
    }

    fn now(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    pub fn machine(&self) -> &Machine {
        &self.machine
    }

    /// Runs until the sink is done, the machine stops, or `stop` resolves; then closes cleanly.
    pub async fn run(
        &mut self,
        sink: &mut impl Sink,
        mut inputs: mpsc::Receiver<Input>,
        invalid: &mut impl FnMut(String),
        stop: impl Future<Output = ()>,
    ) -> Result<()> {
        tokio::pin!(stop);
        self.machine.start(self.now());
        let mut inputs_open = true;
        loop {
            if self.drain(sink).await || sink.done() {
                break;
            }
            let timeout = self.machine.poll_timeout().map(|t| self.started + Duration::from_millis(t));
            let sleep = async {
                match timeout {
                    Some(at) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                Some((id, reply)) = maybe(&mut self.http) => {
                    self.http = None;
                    let now = self.now();
                    match &reply {
                        Ok(reply) => self.machine.handle_http(id, now, HttpOutcome::Response {
                            status: reply.status,
                            error_type: reply.error_type.as_deref(),
                            body: &reply.body,
                        }),
                        Err(_) => self.machine.handle_http(id, now, HttpOutcome::Failed),
                    }
                }
                Some((id, result)) = maybe(&mut self.connecting) => {
                    self.connecting = None;
                    let now = self.now();
                    match result {
                        Ok(opened) => {
                            if let Some(ms) = opened.tls_ms {
                                sink.output(now, &Output::Event(Event::Tls { ms }));
                            }
                            self.socket = Some((id, opened.socket));
                            self.machine.handle_connected(id, now);
                        }
                        Err(failure) => {
                            // A refused presigned URL may be a clock that moved: correct it before the retry, as
                            // the HTTPS calls do.
                            if let Some((server, local)) = failure.date
                                && let SkewChange::Detected(offset_ms) = self.ctx.clock.observe(server, local)
                            {
                                let skew = Event::ClockSkew { offset_ms };
                                self.ctx.observer.notice(Notice::ClockSkew { offset_ms });
                                sink.output(now, &Output::Event(skew));
                            }
                            self.ctx.observer.notice(Notice::HandshakeFailed { detail: failure.detail });
                            self.machine.handle_connect_failed(id, now, failure.status);
                        }
                    }
                }
                frame = next_frame(&mut self.socket) => self.on_frame(frame),
                input = inputs.recv(), if inputs_open => match input {
                    Some(Input::Send(message)) => {
                        if let Err(err) = self.machine.send(self.now(), message) {
                            invalid(refusal(&err));
                        }
                    }
                    Some(Input::Invalid(why)) => invalid(why),
                    None => inputs_open = false,
                },
                _ = sleep => self.machine.handle_timeout(self.now()),
                _ = &mut stop => break,
            }
        }
        self.machine.close(self.now());
        self.drain(sink).await;
        Ok(())
    }

    /// Lets the machine see a frame (or the socket's end).
    fn on_frame(&mut self, frame: (u64, Option<std::result::Result<Message, tokio_tungstenite::tungstenite::Error>>)) {
        let now = self.now();
        let (id, frame) = frame;
        match frame {
            Some(Ok(Message::Text(text))) => self.machine.handle_frame(id, now, text.as_str()),
            Some(Ok(Message::Binary(_))) => self.machine.handle_unreadable_frame(id, now, "binary frame"),
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => self.machine.handle_traffic(id, now),
            Some(Ok(Message::Close(close))) => {
                self.socket = None;
                self.machine.handle_closed(id, now, close.map(|c| u16::from(c.code)));
            }
            Some(Err(err)) => {
                self.socket = None;
                let unreadable = matches!(
                    err,
                    tokio_tungstenite::tungstenite::Error::Utf8(_) | tokio_tungstenite::tungstenite::Error::Capacity(_)
                );
                if unreadable {
                    self.machine.handle_unreadable_frame(id, now, &err.to_string());
                }
                self.machine.handle_closed(id, now, None);
            }
            None => {
                self.socket = None;
                self.machine.handle_closed(id, now, None);
            }
        }
    }

    /// Acts on every pending output; true when the machine has stopped.
    async fn drain(&mut self, sink: &mut impl Sink) -> bool {
        let mut closed = false;
        while let Some(output) = self.machine.poll_output() {
            sink.output(self.now(), &output);
            match output {
                Output::Http(request) => self.start_http(request),
                Output::Connect(request) => self.start_connect(request).await,
                Output::Frame(text) => self.write(Message::text(text)).await,
                Output::Ping => self.write(Message::Ping(Bytes::new())).await,
                Output::CloseSocket => {
                    self.connecting = None;
                    if let Some((_, mut socket)) = self.socket.take() {
                        let _ = tokio::time::timeout(Duration::from_secs(1), socket.close(None)).await;
                    }
                }
                Output::Closed(_) => closed = true,
                Output::CacheStore(endpoints) => self.remember(&endpoints),
                Output::CacheInvalidate => self.forget(),
                _ => {}
            }
        }
        closed
    }

    fn remember(&mut self, endpoints: &kvs_core::signaling::Endpoints) {
        let Some((cache, key)) = &mut self.cache else { return };
        let entry = kvs_core::cache::EndpointCacheEntry::new(
            key.clone(),
            &self.ctx.region,
            self.machine.role(),
            endpoints,
            self.ctx.control_plane.url.clone(),
            crate::time::now_secs(),
        );
        if let Err(err) = cache.insert(entry) {
            self.ctx.observer.notice(Notice::CacheNotWritten { why: err.message });
        }
    }

    fn forget(&mut self) {
        let Some((cache, key)) = &mut self.cache else { return };
        if let Err(err) = cache.invalidate(key, self.ctx.region.as_str()) {
            self.ctx.observer.notice(Notice::CacheNotWritten { why: err.message });
        }
    }

    async fn write(&mut self, message: Message) {
        let Some((id, socket)) = &mut self.socket else { return };
        let id = *id;
        if socket.send(message).await.is_err() {
            self.socket = None;
            self.machine.handle_closed(id, self.now(), None);
        }
    }

    fn start_http(&mut self, request: HttpRequest) {
        let ctx = self.ctx.clone();
        let base = match &request.target {
            Target::ControlPlane => ctx.control_plane.url.clone(),
            Target::Url(url) => url.clone(),
        };
        let (id, op, body): (u64, Operation, Bytes) = (request.id, request.op, request.body.into());
        self.http = Some(Box::pin(async move { (id, call_raw(&ctx, &base, op, body).await) }));
    }

    async fn start_connect(&mut self, request: ConnectRequest) {
        let url = match websocket::presign(&self.ctx, &request.url, &request.params).await {
            Ok(url) => url,
            Err(err) => {
                self.ctx.observer.notice(Notice::PresignFailed { why: err.message });
                self.machine.handle_connect_failed(request.id, self.now(), None);
                return;
            }
        };
        self.ctx.observer.notice(Notice::Connecting { url: websocket::redact(&url) });
        let tls = self.tls.clone();
        let id = request.id;
        self.connecting = Some(Box::pin(async move { (id, websocket::connect(&url, tls).await) }));
    }
}

/// The error a session that gave up ends with: the failure's kind, and what to try.
pub fn failure_error(failure: &Failure) -> crate::Error {
    let (kind, hint) = match failure.kind {
        FailureKind::NotFound => {
            (crate::Kind::NotFound, "create the channel (`kvs-esp channel create`), or pass --create-if-missing")
        }
        FailureKind::Auth => (crate::Kind::Auth, "check the credentials and the clock; -v shows every call"),
        FailureKind::Service => (crate::Kind::Service, "the service kept refusing; -v shows every call and answer"),
        FailureKind::Network => {
            (crate::Kind::Network, "check the network path to the endpoint; -v shows every attempt")
        }
    };
    crate::Error::new(kind, failure.to_string()).with_hint(hint)
}

fn refusal(err: &SendError) -> String {
    format!("message not sent: {err}")
}

/// Polls an optional future; pending forever when there is none.
async fn maybe<T>(future: &mut Option<Pin<Box<dyn Future<Output = T> + Send>>>) -> Option<T> {
    match future {
        Some(f) => Some(f.await),
        None => std::future::pending().await,
    }
}

type Frame = (u64, Option<std::result::Result<Message, tokio_tungstenite::tungstenite::Error>>);

async fn next_frame(socket: &mut Option<(u64, Socket)>) -> Frame {
    match socket {
        Some((id, socket)) => (*id, socket.next().await),
        None => std::future::pending().await,
    }
}
