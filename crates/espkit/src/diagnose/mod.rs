//! Diagnose: the device and the host on one channel, watched together. The device (a board with the
//! companion firmware, or `kvs-esp virtual-device`) is provisioned as master over its serial console; once it
//! is CONNECTED, a host viewer — the project's WebRTC peer — sends an offer. The companion firmware answers
//! with its diagnostic answer; a device that runs a media master (the KVS C SDK's sample, say; it needs no
//! provisioning) answers with media, and the viewer climbs its media path: ICE, DTLS, the data channel, the
//! first frames. Both sides' events land on one timeline in host receive time, followed by each phase's duration
//! on both sides, the device's heap, and a verdict naming the first phase that failed and its likely cause.

mod media;
mod paths;
pub mod storage;
pub mod timeline;
pub mod verdict;
mod viewer;

use crate::Result;
use crate::board::Board;
use crate::monitor::port;
use crate::provision::{self, Answer, Answerer, DeviceIdentity};
use kvs_client::aws::AwsContext;
use kvs_client::peer;
use kvs_core::event::{ErrorSite, Event};
use kvs_core::message::MessageType;
use kvs_core::names::{ChannelRef, Role};
use kvs_core::signaling::State;
use serde::Serialize;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use timeline::{Entry, Side};
use tokio::sync::mpsc;
pub use verdict::{Cause, Heap, HostFailure, Outcome, Phase, Verdict};
use viewer::{HostUpdate, Viewer};

/// How long to keep listening after the host's viewer is done, for the device's own lines about it.
const AFTER_ANSWER: Duration = Duration::from_millis(500);
/// After the device is CONNECTED, how long to wait for it to say it checks its network paths (the companion
/// firmware does at once) before the viewer's offer goes out; when it does, the offer waits for the checks, so
/// that the answer carries the candidates they found.
const PATHS_GRACE: Duration = Duration::from_millis(1500);
/// The longest the offer waits for the device's path checks.
const PATHS_AT_MOST: Duration = Duration::from_secs(30);

/// What to diagnose: the board on a port, as master of a channel, with a host viewer.
#[derive(Debug, Clone)]
pub struct DiagnoseConfig {
    pub board: Board,
    /// The device's serial port (already chosen).
    pub port: String,
    pub baud: u32,
    pub channel: ChannelRef,
    /// The device's client id and Wi-Fi when it is provisioned first (it runs the companion firmware; its role
    /// is master: the host joins as viewer). `None`: it runs a master of its own on the channel already, and
    /// the host's viewer starts at once.
    pub provision: Option<DeviceIdentity>,
    /// The host viewer's candidate addresses; every non-loopback IPv4 interface when empty.
    pub host_ips: Vec<IpAddr>,
    /// Give up after this long.
    pub timeout: Duration,
}

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
    /// The host viewer's report on the media path, when the device answered with media.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<peer::Report>,
    /// For a channel that records: the device's storage session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<storage::StorageCheck>,
    pub timeline: Vec<Entry>,
}

/// Provisions the device as master (unless told not to), starts a host viewer once it is CONNECTED, and returns
/// the timeline of both sides with each phase's duration and a verdict. `ctx` is the host's (its credentials are
/// the ones the device is given).
pub async fn run(ctx: Arc<AwsContext>, config: DiagnoseConfig) -> Result<Report> {
    let DiagnoseConfig { board, port: port_name, baud, channel, provision, host_ips, timeout } = config;
    let provision_device = provision.is_some();
    let (mut answerer, summary) = match provision {
        Some(device) => {
            let device = DeviceIdentity { channel: channel.clone(), role: Role::Master, ..device };
            let provisioning = provision::provisioning(&ctx, device).await?;
            let summary = format!(
                "provisioned the device: {} as master ({}), access key {}",
                provisioning.channel, provisioning.client_id, provisioning.access_key_id
            );
            (Some(Answerer::new(Some(provisioning))), summary)
        }
        None => (None, String::new()),
    };

    let recording = storage::recording_stream(&ctx, &channel).await;
    let link = port::SerialLink::spawn(port::open(&port_name, baud)?, &port_name, baud);
    let to_device = link.writer();
    let mut device_lines = forward_lines(link);

    let started = Instant::now();
    let started_at = httpdate::fmt_http_date(std::time::SystemTime::now());
    let ms = move || started.elapsed().as_millis() as u64;
    let deadline = tokio::time::Instant::now() + timeout;
    let mut finish_at = deadline;
    let (host_tx, mut host_rx) = mpsc::unbounded_channel::<HostUpdate>();
    let start_viewer = || {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        Viewer::start(ctx.clone(), &channel, host_ips.clone(), left, started, host_tx.clone())
    };
    let mut viewer = match provision_device {
        true => None,
        false => Some(start_viewer()?),
    };
    let mut viewer_at: Option<tokio::time::Instant> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let (mut prompted, mut provisioned) = (false, false);
    let mut host_done = None;

    loop {
        tokio::select! {
            line = device_lines.recv() => {
                let Some(bytes) = line else { break };
                let raw = String::from_utf8_lossy(&bytes);
                let Some(entry) = Entry::device(ms(), raw.trim_end_matches('\r')) else { continue };
                let prompt = matches!(entry.event(), Some(Event::ProvisionPrompt { .. }));
                if let (Some(Event::Provisioned { .. }), Some(answerer)) = (entry.event(), answerer.as_mut()) {
                    answerer.on_provisioned();
                }
                let stopped = matches!(entry.event(), Some(Event::Error { what: ErrorSite::Fatal, .. }));
                match entry.event() {
                    _ if viewer.is_some() => {}
                    Some(Event::State { to: State::Connected, .. }) => {
                        viewer_at = Some(tokio::time::Instant::now() + PATHS_GRACE);
                    }
                    Some(Event::PathsChecking { .. }) => viewer_at = Some(tokio::time::Instant::now() + PATHS_AT_MOST),
                    Some(Event::PathsChecked { .. }) => viewer = Some(start_viewer()?),
                    _ => {}
                }
                entries.push(entry);
                if prompt {
                    prompted = true;
                    if let Some(Answer::Write(line)) = answerer.as_mut().map(|a| a.on_prompt(Instant::now())) {
                        provisioned = true;
                        let _ = to_device.send(port::Command::Write(line));
                        entries.push(Entry::host_note(ms(), summary.clone()));
                    }
                }
                if stopped {
                    finish_at = tokio::time::Instant::now() + AFTER_ANSWER;
                }
            }
            Some(update) = host_rx.recv() => {
                if let HostUpdate::Done(Err(failure)) = &update {
                    entries.push(Entry::host_note(ms(), format!("viewer stopped: {}", failure.message)));
                    finish_at = tokio::time::Instant::now();
                } else if let HostUpdate::Done(Ok(_)) = &update {
                    finish_at = tokio::time::Instant::now() + AFTER_ANSWER;
                }
                record(update, &mut entries, &mut host_done);
            }
            _ = tokio::time::sleep_until(viewer_at.unwrap_or(finish_at)), if viewer_at.is_some() => {
                viewer_at = None;
                viewer = Some(start_viewer()?);
            }
            _ = tokio::time::sleep_until(finish_at) => break,
        }
    }
    if let Some(viewer) = viewer {
        viewer.stop().await;
        while let Ok(update) = host_rx.try_recv() {
            record(update, &mut entries, &mut host_done);
        }
    }
    entries.sort_by_key(|entry| entry.ms);

    let (media, host_failure) = match host_done {
        Some(Ok(report)) => (Some(report), None),
        Some(Err(failure)) => (None, Some(failure)),
        None => (None, None),
    };
    let answered = entries
        .iter()
        .any(|e| e.side == Side::Host && matches!(e.event(), Some(Event::Rx { kind: MessageType::SdpAnswer, .. })));
    let diagnostic = media.as_ref().and_then(|r| r.connections.first()).is_some_and(|c| c.diagnostic_answer);
    let media = media.filter(|_| !diagnostic);
    let outcome = Outcome {
        provision: provision_device,
        prompted,
        provisioned,
        answered,
        answer_from_firmware: diagnostic,
        media: media.as_ref(),
        host_failure: host_failure.as_ref(),
        board: board.name(),
    };
    let storage = match &recording {
        Some(stream) => Some(storage::check(&ctx, stream, &entries).await),
        None => None,
    };
    let mut verdict = verdict::verdict(&entries, &outcome);
    if let Some(failed) = storage.as_ref().filter(|_| verdict.ok).and_then(storage::verdict) {
        verdict = failed;
    }
    let mut phases = verdict::phases(&entries);
    phases.extend(storage::phases(&entries));
    Ok(Report {
        channel: channel.to_string(),
        board: board.name().to_string(),
        port: port_name,
        started_at,
        verdict,
        phases,
        heap: verdict::heap(&entries),
        media,
        storage,
        timeline: entries,
    })
}

/// Puts a viewer's update on the timeline, or keeps its outcome.
fn record(
    update: HostUpdate,
    entries: &mut Vec<Entry>,
    done: &mut Option<std::result::Result<peer::Report, HostFailure>>,
) {
    match update {
        HostUpdate::Event(at, event) => entries.push(Entry::host_event(at, event)),
        HostUpdate::Note(at, text) => entries.push(Entry::host_note(at, text)),
        HostUpdate::Done(outcome) => *done = Some(outcome),
    }
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
