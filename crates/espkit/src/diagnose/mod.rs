//! Diagnose: the device and the host on one channel, watched together. The device (a board with the
//! companion firmware, or `kvs-esp virtual-device`) is provisioned as master over its serial console; once it
//! is CONNECTED, a host viewer sends an offer and waits for the device's diagnostic answer. Both sides' events
//! land on one timeline in host receive time, followed by each phase's duration on both sides, the device's
//! heap, and a verdict naming the first phase that failed and its likely cause.

pub mod timeline;
pub mod verdict;

use crate::Result;
use crate::board::Board;
use crate::monitor::port;
use crate::provision::{self, Answer, Answerer, DeviceIdentity};
use kvs_client::aws::AwsContext;
use kvs_client::signal::session::{Input, Session, Sink};
use kvs_core::event::{ErrorSite, Event};
use kvs_core::message::{Action, MessageType, Outgoing, sdp_of, sdp_payload};
use kvs_core::names::{ChannelRef, ClientId, Role};
use kvs_core::signaling::{Config, Machine, Output, State, Timing};
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use timeline::{Entry, Side};
use tokio::sync::{mpsc, oneshot};
pub use verdict::{Cause, Heap, HostFailure, Outcome, Phase, Verdict};

/// How long to keep listening after the answer, for the device's own lines about it.
const AFTER_ANSWER: Duration = Duration::from_millis(500);

/// What to diagnose: the board on a port, as master of a channel, with a host viewer.
#[derive(Debug, Clone)]
pub struct DiagnoseConfig {
    pub board: Board,
    /// The device's serial port (already chosen).
    pub port: String,
    pub baud: u32,
    /// The device's channel, client id and Wi-Fi (its role is master: the host joins as viewer).
    pub device: DeviceIdentity,
    /// Give up after this long.
    pub timeout: Duration,
}

/// A browser-like offer: one audio and one video section, enough for the device to answer section by section.
const OFFER_SDP: &str = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
    a=group:BUNDLE 0 1\r\na=msid-semantic: WMS\r\n\
    m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:kvsd\r\na=ice-pwd:kvsespdiagnosekvsespdiag\r\n\
    a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n\
    a=setup:actpass\r\na=mid:0\r\na=recvonly\r\na=rtpmap:111 opus/48000/2\r\n\
    m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=recvonly\r\na=rtpmap:96 H264/90000\r\n";

/// The whole report: what --output json prints and --report draws.
#[derive(Debug, Serialize)]
pub struct Report {
    pub channel: String,
    pub board: String,
    pub port: String,
    pub started_at: String,
    pub verdict: Verdict,
    pub phases: Vec<Phase>,
    pub heap: Option<Heap>,
    pub timeline: Vec<Entry>,
}

/// What the host's viewer tells the watch loop.
enum HostUpdate {
    Event(u64, Event),
    Note(u64, String),
    Answer { from_firmware: bool },
    Failed(HostFailure),
}

/// Provisions the device as master, starts a host viewer once it is CONNECTED, sends an offer, and returns the
/// timeline of both sides with each phase's duration and a verdict. `ctx` is the host's (its credentials are the
/// ones the device is given).
pub async fn run(ctx: Arc<AwsContext>, config: DiagnoseConfig) -> Result<Report> {
    let DiagnoseConfig { board, port: port_name, baud, device, timeout } = config;
    let channel = device.channel.clone();
    let device = DeviceIdentity { role: Role::Master, keep_wifi: false, ..device };
    let provisioning = provision::provisioning(&ctx, device).await?;
    let summary = format!(
        "provisioned the device: {} as master ({}), access key {}",
        provisioning.channel, provisioning.client_id, provisioning.access_key_id
    );
    let mut answerer = Answerer::new(Some(provisioning));

    let link = port::SerialLink::spawn(port::open(&port_name, baud)?, &port_name, baud);
    let to_device = link.writer();
    let mut device_lines = forward_lines(link);

    let started = Instant::now();
    let started_at = httpdate::fmt_http_date(std::time::SystemTime::now());
    let ms = move || started.elapsed().as_millis() as u64;
    let deadline = tokio::time::Instant::now() + timeout;
    let mut finish_at = deadline;
    let (host_tx, mut host_rx) = mpsc::channel::<HostUpdate>(256);
    let mut viewer: Option<(oneshot::Sender<()>, tokio::task::JoinHandle<()>)> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let (mut prompted, mut provisioned) = (false, false);
    let (mut answered, mut answer_from_firmware, mut host_failure) = (false, false, None);

    loop {
        tokio::select! {
            line = device_lines.recv() => {
                let Some(bytes) = line else { break };
                let raw = String::from_utf8_lossy(&bytes);
                let Some(entry) = Entry::device(ms(), raw.trim_end_matches('\r')) else { continue };
                let prompt = matches!(entry.event(), Some(Event::ProvisionPrompt { .. }));
                let stopped = matches!(entry.event(), Some(Event::Error { what: ErrorSite::Fatal, .. }));
                if entry.entered(State::Connected) && viewer.is_none() {
                    viewer = Some(start_viewer(ctx.clone(), &channel, started, host_tx.clone())?);
                }
                entries.push(entry);
                if prompt {
                    prompted = true;
                    if let Answer::Write(line) = answerer.on_prompt() {
                        provisioned = true;
                        let _ = to_device.send(port::Command::Write(line));
                        entries.push(Entry::host_note(ms(), summary.clone()));
                    }
                }
                if stopped {
                    finish_at = tokio::time::Instant::now() + AFTER_ANSWER;
                }
            }
            Some(update) = host_rx.recv() => match update {
                HostUpdate::Event(at, event) => entries.push(Entry::host_event(at, event)),
                HostUpdate::Note(at, text) => entries.push(Entry::host_note(at, text)),
                HostUpdate::Answer { from_firmware } => {
                    answered = true;
                    answer_from_firmware = from_firmware;
                    finish_at = tokio::time::Instant::now() + AFTER_ANSWER;
                }
                HostUpdate::Failed(failure) => {
                    entries.push(Entry::host_note(ms(), format!("viewer stopped: {}", failure.message)));
                    host_failure = Some(failure);
                    finish_at = tokio::time::Instant::now();
                }
            },
            _ = tokio::time::sleep_until(finish_at) => break,
        }
    }
    if let Some((stop, task)) = viewer {
        let _ = stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
        while let Ok(update) = host_rx.try_recv() {
            match update {
                HostUpdate::Event(at, event) => entries.push(Entry::host_event(at, event)),
                HostUpdate::Note(at, text) => entries.push(Entry::host_note(at, text)),
                _ => {}
            }
        }
    }
    entries.sort_by_key(|entry| entry.ms);

    let outcome = Outcome {
        prompted,
        provisioned,
        answered,
        answer_from_firmware,
        host_failure: host_failure.as_ref(),
        board: board.name(),
    };
    Ok(Report {
        channel: channel.to_string(),
        board: board.name().to_string(),
        port: port_name,
        started_at,
        verdict: verdict::verdict(&entries, &outcome),
        phases: verdict::phases(&entries),
        heap: verdict::heap(&entries),
        timeline: entries,
    })
}

/// Moves the device's lines from the port thread into the async world.
fn forward_lines(device: port::SerialLink) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel(256);
    std::thread::spawn(move || {
        loop {
            let keep_going = match device.recv_timeout(Duration::from_millis(100)) {
                Some(port::Input::Line(bytes)) => tx.blocking_send(bytes).is_ok(),
                Some(_) => true,
                None => !device.closed() && !tx.is_closed(),
            };
            if !keep_going {
                return;
            }
        }
    });
    rx
}

fn start_viewer(
    ctx: Arc<AwsContext>,
    channel: &ChannelRef,
    started: Instant,
    updates: mpsc::Sender<HostUpdate>,
) -> Result<(oneshot::Sender<()>, tokio::task::JoinHandle<()>)> {
    let config = Config {
        channel: channel.clone(),
        role: Role::Viewer,
        client_id: ClientId::new(format!("diagnose-{:08x}", rand::random::<u32>()))?,
        create_if_missing: None,
        cached: None,
        timing: Timing::default(),
        seed: rand::random(),
    };
    let mut session = Session::new(ctx, Machine::new(config))?;
    let (inputs, inputs_rx) = mpsc::channel(8);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut viewer = Viewer { started, updates, inputs, offered: false, answered: false };
        let failures = viewer.updates.clone();
        let mut invalid = move |why: String| {
            let _ = failures.try_send(HostUpdate::Note(started.elapsed().as_millis() as u64, why));
        };
        let stop = async move {
            let _ = stopped.await;
        };
        let _ = session.run(&mut viewer, inputs_rx, &mut invalid, stop).await;
    });
    Ok((stop, task))
}

/// The host's viewer: every event onto the timeline, the offer once CONNECTED, the answer recognised.
struct Viewer {
    started: Instant,
    updates: mpsc::Sender<HostUpdate>,
    inputs: mpsc::Sender<Input>,
    offered: bool,
    answered: bool,
}

impl Sink for Viewer {
    fn output(&mut self, _elapsed_ms: u64, out: &Output) {
        let now = self.started.elapsed().as_millis() as u64;
        match out {
            Output::Event(event) => {
                let _ = self.updates.try_send(HostUpdate::Event(now, event.clone()));
                if let Event::State { to: State::Connected, .. } = event
                    && !self.offered
                {
                    self.offered = true;
                    let offer = Outgoing {
                        action: Action::SdpOffer,
                        payload: sdp_payload("offer", OFFER_SDP),
                        recipient: None,
                        correlation_id: None,
                    };
                    let _ = self.inputs.try_send(Input::Send(offer));
                }
            }
            Output::Message(message) if message.message_type == MessageType::SdpAnswer && !self.answered => {
                self.answered = true;
                let from_firmware = message
                    .payload
                    .as_deref()
                    .and_then(sdp_of)
                    .is_some_and(|(_, sdp)| kvs_core::diagnostic::is_diagnostic_answer(&sdp));
                let _ = self.updates.try_send(HostUpdate::Answer { from_firmware });
            }
            Output::Closed(Some(failure)) => {
                let failure = HostFailure { kind: failure.kind, message: failure.to_string() };
                let _ = self.updates.try_send(HostUpdate::Failed(failure));
            }
            _ => {}
        }
    }

    fn done(&self) -> bool {
        false
    }
}
