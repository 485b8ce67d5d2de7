//! `kvs-esp signal connect`: a WebSocket signaling session as master or viewer. Received messages go to
//! stdout as JSON lines; messages to send come from stdin or files; event lines with `-v`; a metrics summary
//! at exit.

mod input;
pub mod session;
mod until;
pub mod websocket;

use crate::aws::AwsContext;
use crate::aws::clock::now_secs;
use crate::cache::EndpointCache;
use crate::cli::{GlobalArgs, SignalArgs};
use crate::error::{Error, Kind, Result};
use crate::output;
use kvs_core::cache::EndpointCacheEntry;
use kvs_core::message::{Action, MessageType, Outgoing};
use kvs_core::names::{ClientId, MessageTtl, Role};
use kvs_core::signaling::{Config, Endpoints, FailureKind, Machine, Metrics, Output, Timing};
use session::{Input, Session, Sink};
use std::sync::Arc;
use tokio::io::AsyncBufReadExt;
use tokio::sync::mpsc;
pub use until::Until;

pub async fn run(ctx: Arc<AwsContext>, global: &GlobalArgs, args: SignalArgs) -> Result<()> {
    let role: Role = args.role.into();
    let client_id = match (&args.client_id, role) {
        (Some(id), _) => id.clone(),
        (None, Role::Viewer) => ClientId::new(format!("viewer-{:08x}", rand::random::<u32>()))?,
        (None, Role::Master) => ClientId::new("kvs-esp-master")?,
    };
    if args.offer.is_some() && role == Role::Master {
        return Err(Error::input("--offer is for viewers: a master answers offers (use --answer FILE)"));
    }
    if args.answer.is_some() && role == Role::Viewer {
        return Err(Error::input("--answer is for masters: a viewer sends the offer (use --offer FILE)"));
    }
    let offer = read_sdp(args.offer.as_deref(), "offer")?;
    let answer = read_sdp(args.answer.as_deref(), "answer")?;
    let script = match &args.send {
        Some(path) => Some(
            std::fs::read_to_string(path).map_err(|e| Error::input(format!("cannot read {}: {e}", path.display())))?,
        ),
        None => None,
    };

    let mut cache = if global.no_cache { None } else { Some(EndpointCache::open_default()?) };
    let key = args.channel.to_string();
    let cached =
        cache.as_ref().and_then(|c| c.lookup(&key, ctx.region.as_str(), role, &ctx.control_plane.url)).and_then(|e| {
            Some(Endpoints {
                channel_arn: kvs_core::names::ChannelArn::new(e.channel_arn.clone()).ok()?,
                wss: e.wss_endpoint.clone(),
                https: e.https_endpoint.clone(),
            })
        });
    let config = Config {
        channel: args.channel.clone(),
        role,
        client_id: client_id.clone(),
        create_if_missing: if args.create_if_missing {
            Some(MessageTtl::new(i64::from(args.message_ttl))?)
        } else {
            None
        },
        cached,
        timing: Timing::default(),
        seed: rand::random(),
    };
    if !output::is_json() || output::verbosity() > 0 {
        output::note(&format!("connecting to {} as {} ({client_id})", args.channel, role.as_str().to_lowercase()));
    }

    let tls = crate::aws::tls::client_config(global.ca_file.as_deref())?;
    let mut session = Session::new(ctx.clone(), Machine::new(config), tls);
    let (tx, rx) = mpsc::channel(256);
    let mut sink = Printer {
        role,
        until: args.until,
        answer,
        offer,
        connected: false,
        received: 0,
        answered: false,
        failure: None,
        pending_sends: tx.clone(),
        script,
        cache: cache.as_mut(),
        cache_key: key,
        ctx: ctx.clone(),
    };
    if sink.script.is_none() {
        tokio::spawn(read_stdin(tx));
    } else {
        drop(tx);
    }
    let deadline = match args.until {
        Some(Until::Elapsed(d)) => Some(tokio::time::Instant::now() + d),
        _ => None,
    };
    let stop = async move {
        match deadline {
            Some(at) => {
                tokio::select! {
                    _ = tokio::time::sleep_until(at) => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    };
    let mut invalid = |why: String| report_invalid(&why);
    session.run(&mut sink, rx, &mut invalid, stop).await?;
    print_metrics(session.machine().metrics());
    match sink.failure.take() {
        Some(err) => Err(err),
        None => match args.until {
            Some(Until::Connected) if !sink.connected => Err(Error::network("the session ended before it connected")),
            Some(Until::Answer) if !sink.answered => Err(Error::network("the session ended before an SDP answer")),
            Some(Until::Messages(n)) if sink.received < n => {
                Err(Error::network(format!("the session ended after {} of {n} messages", sink.received)))
            }
            _ => Ok(()),
        },
    }
}

fn read_sdp(path: Option<&std::path::Path>, kind: &str) -> Result<Option<String>> {
    let Some(path) = path else { return Ok(None) };
    let content =
        std::fs::read_to_string(path).map_err(|e| Error::input(format!("cannot read {}: {e}", path.display())))?;
    if content.trim().is_empty() {
        return Err(Error::input(format!("{} is empty; it should hold an SDP {kind}", path.display())));
    }
    Ok(Some(input::sdp_file_payload(kind, &content)))
}

async fn read_stdin(tx: mpsc::Sender<Input>) {
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if line.trim().is_empty() {
            continue;
        }
        let input = match input::parse_line(&line) {
            Ok(message) => Input::Send(message),
            Err(why) => Input::Invalid(format!("ignoring an input line: {why}")),
        };
        if tx.send(input).await.is_err() {
            break;
        }
    }
}

fn report_invalid(why: &str) {
    if output::is_json() {
        output::json_line(&serde_json::json!({ "type": "INPUT_ERROR", "error": why }));
    } else {
        output::warn(why);
    }
}

/// Turns the machine's outputs into what the user sees, and reacts to them (the scripted sends, --answer).
struct Printer<'a> {
    role: Role,
    until: Option<Until>,
    answer: Option<String>,
    offer: Option<String>,
    connected: bool,
    received: u64,
    answered: bool,
    failure: Option<Error>,
    pending_sends: mpsc::Sender<Input>,
    script: Option<String>,
    cache: Option<&'a mut EndpointCache>,
    cache_key: String,
    ctx: Arc<AwsContext>,
}

impl Printer<'_> {
    fn queue(&mut self, message: Outgoing) {
        if self.pending_sends.try_send(Input::Send(message)).is_err() {
            report_invalid("too many messages waiting to be sent; one was dropped");
        }
    }

    fn on_connected(&mut self) {
        if self.connected {
            return;
        }
        self.connected = true;
        if let Some(offer) = self.offer.take() {
            self.queue(Outgoing { action: Action::SdpOffer, payload: offer, recipient: None, correlation_id: None });
        }
        if let Some(script) = self.script.take() {
            for (n, line) in script.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                match input::parse_line(line) {
                    Ok(message) => self.queue(message),
                    Err(why) => report_invalid(&format!("--send line {}: {why}", n + 1)),
                }
            }
        }
    }

    fn on_message(&mut self, elapsed_ms: u64, message: &kvs_core::message::Incoming) {
        self.received += 1;
        let payload = message
            .payload_json()
            .unwrap_or_else(|| message.payload.clone().map(serde_json::Value::String).unwrap_or_default());
        output::json_line(&serde_json::json!({
            "type": message.message_type.as_str(),
            "sender": message.sender,
            "payload": payload,
            "bytes": message.bytes,
            "received_at": httpdate::fmt_http_date(std::time::SystemTime::now()),
            "elapsed_ms": elapsed_ms,
        }));
        match (&message.message_type, self.role) {
            (MessageType::SdpOffer, Role::Master) => {
                if let (Some(answer), Some(sender)) = (self.answer.clone(), message.sender.as_deref()) {
                    match ClientId::new(sender) {
                        Ok(recipient) => self.queue(Outgoing {
                            action: Action::SdpAnswer,
                            payload: answer,
                            recipient: Some(recipient),
                            correlation_id: None,
                        }),
                        Err(e) => report_invalid(&format!("cannot answer the offer: {e}")),
                    }
                }
            }
            (MessageType::SdpAnswer, Role::Viewer) => self.answered = true,
            _ => {}
        }
    }

    fn remember(&mut self, endpoints: &Endpoints) {
        let Some(cache) = self.cache.as_deref_mut() else { return };
        let entry = EndpointCacheEntry {
            channel: self.cache_key.clone(),
            region: self.ctx.region.to_string(),
            role: self.role,
            channel_arn: endpoints.channel_arn.to_string(),
            wss_endpoint: endpoints.wss.clone(),
            https_endpoint: endpoints.https.clone(),
            control_plane: self.ctx.control_plane.url.clone(),
            fetched_at: now_secs(),
        };
        if let Err(err) = cache.insert(entry) {
            output::warn(&err.message);
        }
    }
}

impl Sink for Printer<'_> {
    fn output(&mut self, elapsed_ms: u64, out: &Output) {
        match out {
            Output::Event(event) => {
                output::event(event);
                if let kvs_core::event::Event::State { to: "CONNECTED", .. } = event {
                    self.on_connected();
                }
                if let kvs_core::event::Event::Tx { kind: "SDP_ANSWER", .. } = event
                    && self.role == Role::Master
                {
                    self.answered = true;
                }
            }
            Output::Message(message) => self.on_message(elapsed_ms, message),
            Output::SendFailed { correlation_id, action, reason } => {
                output::json_line(&serde_json::json!({
                    "type": "SEND_FAILED",
                    "correlationId": correlation_id,
                    "action": action.as_str(),
                    "reason": reason,
                }));
            }
            Output::CacheStore(endpoints) => self.remember(endpoints),
            Output::CacheInvalidate => {
                if let Some(cache) = self.cache.as_deref_mut()
                    && let Err(err) = cache.invalidate(&self.cache_key, self.ctx.region.as_str())
                {
                    output::warn(&err.message);
                }
            }
            Output::Closed(Some(failure)) => {
                let kind = match failure.kind {
                    FailureKind::NotFound => Kind::NotFound,
                    FailureKind::Auth => Kind::Auth,
                    FailureKind::Service => Kind::Service,
                    FailureKind::Network => Kind::Network,
                };
                let hint = match failure.kind {
                    FailureKind::NotFound => {
                        "create the channel (`kvs-esp channel create`), or pass --create-if-missing"
                    }
                    FailureKind::Auth => "check the credentials and the clock; -v shows every call",
                    FailureKind::Service => "the service kept refusing; -v shows every call and answer",
                    FailureKind::Network => "check the network path to the endpoint; -v shows every attempt",
                };
                self.failure = Some(Error::new(kind, failure.to_string()).with_hint(hint));
            }
            _ => {}
        }
    }

    fn done(&self) -> bool {
        match self.until {
            Some(Until::Connected) => self.connected,
            Some(Until::Answer) => self.answered,
            Some(Until::Messages(n)) => self.received >= n,
            _ => false,
        }
    }
}

fn print_metrics(metrics: &Metrics) {
    if output::is_json() {
        let mut value = serde_json::to_value(metrics).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("type".into(), "METRICS".into());
        }
        output::json_line(&value);
        return;
    }
    let ms = |v: Option<u64>| v.map(|v| format!("{v} ms")).unwrap_or_else(|| "-".into());
    let text = crate::output::table::key_values(&[
        ("time to connected", ms(metrics.time_to_connected_ms)),
        ("DescribeSignalingChannel", ms(metrics.describe_ms)),
        ("CreateSignalingChannel", ms(metrics.create_ms)),
        ("GetSignalingChannelEndpoint", ms(metrics.get_endpoint_ms)),
        ("GetIceServerConfig", ms(metrics.get_ice_config_ms)),
        ("WebSocket connect", ms(metrics.connect_ms)),
        ("offer → answer", ms(metrics.offer_to_answer_ms)),
        ("messages sent / received", format!("{} / {}", metrics.messages_sent, metrics.messages_received)),
        ("reconnects", metrics.reconnects.to_string()),
        ("ICE refreshes", metrics.ice_refreshes.to_string()),
        ("API errors / retries", format!("{} / {}", metrics.api_errors, metrics.api_retries)),
        ("runtime errors", metrics.runtime_errors.to_string()),
    ]);
    if !output::quiet() {
        eprint!("signaling metrics\n{}", text.lines().map(|l| format!("  {l}\n")).collect::<String>());
    }
}
