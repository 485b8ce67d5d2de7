//! `kvs-esp diagnose`: the device and the host on one channel, watched together. The device (a board with the
//! companion firmware, or `kvs-esp virtual-device`) is provisioned as master over its serial console; once it
//! is CONNECTED, a host viewer sends an offer and waits for the device's diagnostic answer. Both sides' events
//! land on one timeline in host receive time, followed by each phase's duration on both sides, the device's
//! heap, and a verdict naming the first phase that failed and its likely cause.

mod html;
mod timeline;
mod verdict;

use crate::aws::AwsContext;
use crate::cli::{DiagnoseArgs, GlobalArgs, ProvisionArgs, RoleArg};
use crate::error::{Error, Kind, Result};
use crate::esp::monitor::port;
use crate::esp::{ports, provision};
use crate::output;
use crate::signal::session::{Input, Session, Sink};
use kvs_core::message::{Action, MessageType, Outgoing, sdp_of, sdp_payload};
use kvs_core::names::{ClientId, Role};
use kvs_core::signaling::{Config, Machine, Output, Timing};
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
use timeline::Entry;
use tokio::sync::{mpsc, oneshot};
use verdict::{Heap, Outcome, Phase, Verdict};

/// How long to keep listening after the answer, for the device's own lines about it.
const AFTER_ANSWER: Duration = Duration::from_millis(500);
/// Answers to the provisioning prompt at most this often (a refused line makes the firmware ask again).
const MAX_PROVISIONING_ANSWERS: u32 = 3;

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
    Event(u64, String),
    Answer { from_firmware: bool },
    Failed(String),
}

pub async fn run(global: &GlobalArgs, args: DiagnoseArgs) -> Result<()> {
    let board = args.board;
    let provision_args = ProvisionArgs {
        channel: Some(args.channel.clone()),
        role: RoleArg::Master,
        device: args.device.clone(),
        keep_wifi: false,
    };
    let provisioning =
        provision::from_args(global, &provision_args).await?.ok_or_else(|| Error::input("diagnose needs --channel"))?;
    let provisioning_line = format!("{}\n", kvs_core::provision::format_line(&provisioning));
    let ctx = Arc::new(AwsContext::load(global).await?);
    let tls = crate::aws::tls::client_config(global.ca_file.as_deref())?;

    let port_name = ports::choose(args.port.as_deref())?;
    let device = port::Device::spawn(port::open(&port_name, args.baud)?, &port_name, args.baud);
    let to_device = device.writer();
    let mut device_lines = forward_lines(device);
    if !output::is_json() {
        output::note(&format!(
            "diagnosing the {board} on {port_name} on channel {} (up to {} s)",
            args.channel,
            args.timeout.as_secs()
        ));
    }

    let started = Instant::now();
    let started_at = httpdate::fmt_http_date(std::time::SystemTime::now());
    let ms = move || started.elapsed().as_millis() as u64;
    let deadline = tokio::time::Instant::now() + args.timeout;
    let mut finish_at = deadline;
    let (host_tx, mut host_rx) = mpsc::channel::<HostUpdate>(256);
    let mut viewer: Option<(oneshot::Sender<()>, tokio::task::JoinHandle<()>)> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let (mut prompted, mut answers) = (false, 0u32);
    let (mut answered, mut answer_from_firmware, mut host_failure) = (false, false, None);

    loop {
        tokio::select! {
            line = device_lines.recv() => {
                let Some(bytes) = line else { break };
                let raw = String::from_utf8_lossy(&bytes);
                let Some(entry) = Entry::device(ms(), raw.trim_end_matches('\r')) else { continue };
                let prompt = entry.kind() == Some("provision-prompt");
                let stopped = entry.text.contains("signaling stopped");
                if entry.entered("CONNECTED") && viewer.is_none() {
                    viewer = Some(start_viewer(ctx.clone(), tls.clone(), &args.channel, started, host_tx.clone())?);
                }
                entries.push(entry);
                if prompt {
                    prompted = true;
                    if answers < MAX_PROVISIONING_ANSWERS {
                        answers += 1;
                        let _ = to_device.send(port::Command::Write(provisioning_line.clone().into_bytes()));
                        entries.push(Entry::host(ms(), format!(
                            "provisioned the device: {} as master ({}), access key {}",
                            provisioning.channel, provisioning.client_id, provisioning.access_key_id
                        )));
                    }
                }
                if stopped {
                    finish_at = tokio::time::Instant::now() + AFTER_ANSWER;
                }
            }
            Some(update) = host_rx.recv() => match update {
                HostUpdate::Event(at, text) => entries.push(Entry::host(at, text)),
                HostUpdate::Answer { from_firmware } => {
                    answered = true;
                    answer_from_firmware = from_firmware;
                    finish_at = tokio::time::Instant::now() + AFTER_ANSWER;
                }
                HostUpdate::Failed(why) => {
                    entries.push(Entry::host(ms(), format!("viewer stopped: {why}")));
                    host_failure = Some(why);
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
            if let HostUpdate::Event(at, text) = update {
                entries.push(Entry::host(at, text));
            }
        }
    }
    entries.sort_by_key(|entry| entry.ms);

    let outcome = Outcome {
        prompted,
        provisioned: answers > 0,
        answered,
        answer_from_firmware,
        host_failure: host_failure.as_deref(),
        board: board.name(),
    };
    let report = Report {
        channel: args.channel.to_string(),
        board: board.name().to_string(),
        port: port_name,
        started_at,
        verdict: verdict::verdict(&entries, &outcome),
        phases: verdict::phases(&entries),
        heap: verdict::heap(&entries),
        timeline: entries,
    };
    if let Some(path) = &args.report {
        std::fs::write(path, html::render(&report))
            .map_err(|e| Error::local(format!("cannot write the report to {}: {e}", path.display())))?;
        if !output::is_json() {
            output::note(&format!("wrote {}", path.display()));
        }
    }
    print(&report);
    if report.verdict.ok {
        return Ok(());
    }
    let phase = report.verdict.phase.unwrap_or("diagnose");
    let cause = report.verdict.cause.map_or("unknown", |c| c.describe());
    Err(Error::new(Kind::Check, format!("{phase} failed ({cause}): {}", report.verdict.message))
        .with_hint(report.verdict.hint.clone().unwrap_or_default())
        .in_report())
}

/// Moves the device's lines from the port thread into the async world.
fn forward_lines(device: port::Device) -> mpsc::Receiver<Vec<u8>> {
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
    tls: Arc<rustls::ClientConfig>,
    channel: &kvs_core::names::ChannelRef,
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
    let mut session = Session::new(ctx, Machine::new(config), tls);
    let (inputs, inputs_rx) = mpsc::channel(8);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut viewer = Viewer { started, updates, inputs, offered: false, answered: false };
        let failures = viewer.updates.clone();
        let mut invalid = move |why: String| {
            let _ = failures.try_send(HostUpdate::Event(started.elapsed().as_millis() as u64, why));
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
                let _ = self.updates.try_send(HostUpdate::Event(now, event.to_string()));
                if let kvs_core::event::Event::State { to: "CONNECTED", .. } = event
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
                let _ = self.updates.try_send(HostUpdate::Failed(failure.to_string()));
            }
            _ => {}
        }
    }

    fn done(&self) -> bool {
        false
    }
}

fn print(report: &Report) {
    if output::is_json() {
        output::json(report);
        return;
    }
    let mut text = timeline::render(&report.timeline, &report.board);
    text.push_str("\nphase                                   host      device\n");
    for phase in &report.phases {
        let ms = |v: Option<u64>| v.map_or("-".to_string(), |v| format!("{v} ms"));
        text.push_str(&format!("{:<38} {:>8}  {:>10}\n", phase.name, ms(phase.host_ms), ms(phase.device_ms)));
    }
    match &report.heap {
        Some(heap) => text.push_str(&format!("device heap: {} B free, {} B at the lowest\n", heap.free, heap.min_free)),
        None => text.push_str("device heap: not reported\n"),
    }
    let mark = if report.verdict.ok { "✓" } else { "✗" };
    text.push_str(&format!("\n{mark} {}\n", report.verdict.message));
    if let Some(hint) = &report.verdict.hint {
        text.push_str(&format!("  next: {hint}\n"));
    }
    output::text(&text);
}
