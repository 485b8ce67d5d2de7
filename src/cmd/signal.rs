//! `kvs-esp signal connect`: a WebSocket signaling session as master or viewer. Received messages go to
//! stdout as JSON lines; messages to send come from stdin or files; event lines with `-v`; a metrics summary
//! at exit.

use crate::cli::{AlexaOfferArgs, GlobalArgs, SignalArgs};
use crate::output::{Output, Render, table};
use kvs_client::aws::AwsContext;
use kvs_client::signal::Until;
use kvs_client::signal::input;
use kvs_client::signal::session::{Input, Session, Sink, failure_error};
use kvs_client::{Error, Result};
use kvs_core::event::Event;
use kvs_core::message::MAX_PAYLOAD_BASE64;
use kvs_core::message::{Action, MessageType, Outgoing};
use kvs_core::names::{ClientId, MessageTtl, Role};
use kvs_core::signaling::{Metrics, Output as MachineOutput, State};
use std::sync::Arc;
use tokio::io::AsyncBufReadExt;
use tokio::sync::mpsc;

pub async fn run(ctx: Arc<AwsContext>, global: &GlobalArgs, args: SignalArgs, out: Output) -> Result<()> {
    let role: Role = args.session.role.into();
    let client_id = super::client_id(&args.session)?;
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

    let create = if args.create_if_missing { Some(MessageTtl::new(i64::from(args.message_ttl))?) } else { None };
    let (machine, cache) = super::signaling(&ctx, global, &args.session.channel, role, client_id.clone(), create)?;
    out.note(&format!("connecting to {} as {} ({client_id})", args.session.channel, role.as_str().to_lowercase()));

    let mut session = Session::new(ctx.clone(), machine)?;
    if let Some((cache, key)) = cache {
        session = session.with_cache(cache, key);
    }
    let (tx, rx) = mpsc::channel(256);
    let mut sink = SessionView {
        out,
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
                    _ = super::interrupted() => {}
                }
            }
            None => super::interrupted().await,
        }
    };
    let mut invalid = |why: String| report_invalid(out, &why);
    session.run(&mut sink, rx, &mut invalid, stop).await?;
    print_metrics(out, session.machine().metrics());
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

/// `kvs-esp signal alexa-offer`: SendAlexaOfferToMaster, and the master's answer.
pub async fn alexa_offer(ctx: &AwsContext, global: &GlobalArgs, args: AlexaOfferArgs, out: Output) -> Result<()> {
    let offer = read_sdp(Some(&args.offer), "offer")?.unwrap_or_default();
    let sender = match args.sender_client_id {
        Some(id) => id,
        None => ClientId::new(format!("alexa-{:08x}", rand::random::<u32>()))?,
    };
    let answer =
        kvs_client::api::send_alexa_offer(ctx, &args.channel, sender, &offer, &super::cache_policy(global)).await?;
    out.report(&AlexaAnswer(answer));
    Ok(())
}

/// The master's answer: its SDP as text, the payload as JSON.
struct AlexaAnswer(String);

impl Render for AlexaAnswer {
    fn text(&self, _: &Output) -> String {
        kvs_core::message::sdp_of(&self.0).map_or_else(|| self.0.clone(), |(_, sdp)| sdp)
    }

    fn json(&self) -> serde_json::Value {
        let answer = serde_json::from_str(&self.0).unwrap_or_else(|_| serde_json::Value::String(self.0.clone()));
        serde_json::json!({ "Answer": answer })
    }
}

fn read_sdp(path: Option<&std::path::Path>, kind: &str) -> Result<Option<String>> {
    let Some(path) = path else { return Ok(None) };
    let too_large = || {
        Error::input(format!(
            "{} is too large for one message: the service takes payloads of at most {MAX_PAYLOAD_BASE64} characters \
             in base64 (about 7,500 bytes)",
            path.display()
        ))
        .with_hint("an SDP is a few KB; check that the file is the SDP you mean")
    };
    let size = std::fs::metadata(path).map_err(|e| Error::input(format!("cannot read {}: {e}", path.display())))?.len();
    if size > MAX_PAYLOAD_BASE64 as u64 {
        return Err(too_large());
    }
    let content =
        std::fs::read_to_string(path).map_err(|e| Error::input(format!("cannot read {}: {e}", path.display())))?;
    if content.trim().is_empty() {
        return Err(Error::input(format!("{} is empty; it should hold an SDP {kind}", path.display())));
    }
    let payload = input::sdp_file_payload(kind, &content);
    if payload.len().div_ceil(3) * 4 > MAX_PAYLOAD_BASE64 {
        return Err(too_large());
    }
    Ok(Some(payload))
}

/// Sends every message line of stdin; a line that cannot be read (not UTF-8, not a message) is reported with its
/// number and the lines after it still go out.
async fn read_stdin(tx: mpsc::Sender<Input>) {
    let mut stdin = tokio::io::BufReader::new(tokio::io::stdin());
    let mut bytes = Vec::new();
    for number in 1.. {
        bytes.clear();
        match stdin.read_until(b'\n', &mut bytes).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let input = match std::str::from_utf8(&bytes) {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => match input::parse_line(line.trim_end()) {
                Ok(message) => Input::Send(message),
                Err(why) => Input::Invalid(format!("ignoring input line {number}: {why}")),
            },
            Err(_) => Input::Invalid(format!("ignoring input line {number}: it is not UTF-8 text")),
        };
        if tx.send(input).await.is_err() {
            break;
        }
    }
}

fn report_invalid(out: Output, why: &str) {
    if out.is_json() {
        out.json_line(&serde_json::json!({ "type": "INPUT_ERROR", "error": why }));
    } else {
        out.warn(why);
    }
}

/// Turns the machine's outputs into what the user sees, and reacts to them (the scripted sends, --answer).
struct SessionView {
    out: Output,
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
}

impl SessionView {
    fn queue(&mut self, message: Outgoing) {
        if self.pending_sends.try_send(Input::Send(message)).is_err() {
            report_invalid(self.out, "too many messages waiting to be sent; one was dropped");
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
                    Err(why) => report_invalid(self.out, &format!("--send line {}: {why}", n + 1)),
                }
            }
        }
    }

    fn on_message(&mut self, elapsed_ms: u64, message: &kvs_core::message::Incoming) {
        self.received += 1;
        let payload = message
            .payload_json()
            .unwrap_or_else(|| message.payload.clone().map(serde_json::Value::String).unwrap_or_default());
        self.out.json_line(&serde_json::json!({
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
                        Err(e) => report_invalid(self.out, &format!("cannot answer the offer: {e}")),
                    }
                }
            }
            (MessageType::SdpAnswer, Role::Viewer) => self.answered = true,
            _ => {}
        }
    }
}

impl Sink for SessionView {
    fn output(&mut self, elapsed_ms: u64, output: &MachineOutput) {
        match output {
            MachineOutput::Event(event) => {
                self.out.detail(1, &format!("kvs: {event}"));
                if let Event::State { to: State::Connected, .. } = event {
                    self.on_connected();
                }
                if let Event::Tx { kind: Action::SdpAnswer, .. } = event
                    && self.role == Role::Master
                {
                    self.answered = true;
                }
            }
            MachineOutput::Message(message) => self.on_message(elapsed_ms, message),
            MachineOutput::SendFailed { correlation_id, action, reason } => {
                self.out.json_line(&serde_json::json!({
                    "type": "SEND_FAILED",
                    "correlationId": correlation_id,
                    "action": action.as_str(),
                    "reason": reason,
                }));
            }
            MachineOutput::Closed(Some(failure)) => self.failure = Some(failure_error(failure)),
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

fn print_metrics(out: Output, metrics: &Metrics) {
    if out.is_json() {
        let mut value = serde_json::to_value(metrics).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("type".into(), "METRICS".into());
        }
        out.json_line(&value);
        return;
    }
    let ms = |v: Option<u64>| v.map(|v| format!("{v} ms")).unwrap_or_else(|| "-".into());
    let text = table::key_values(&[
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
    out.summary(&format!("signaling metrics\n{}", text.lines().map(|l| format!("  {l}\n")).collect::<String>()));
}
