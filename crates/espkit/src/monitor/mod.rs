//! The device's serial log: split into lines, classified (ROM banner, ESP-IDF log lines with the kvs events they
//! carry, panics, backtraces, core-dump markers), with every code address symbolized from the ELF, and the
//! firmware's provisioning prompt answered. Garbage bytes and partial lines are survived; a port that vanishes
//! (a reset over native USB) is reopened when it returns. Each line goes to a [`MonitorObserver`].

pub mod c_sdk;
pub mod filter;
pub mod line;
pub mod port;
mod redact;
pub mod symbols;
pub mod unwind;

use crate::Result;
use crate::provision::{Answer, Answerer};
use kvs_core::event::Event;
use kvs_core::provision::{PromptReason, Provisioning};
use line::{Kind, Line};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use symbols::{Backtrace, Symbol, Symbolizer};
use unwind::dump::{Completed, DumpCollector};

/// How often the loop looks for a control (reset, quit) while no line arrives.
const CONTROL_POLL: Duration = Duration::from_millis(100);

/// What to watch and how.
pub struct Watch {
    /// The port's name, for notices and to find it again.
    pub port: String,
    pub baud: u32,
    /// Symbolizes code addresses and checks that the device runs this build.
    pub symbolizer: Option<Symbolizer>,
    /// Stop after this long; `None` runs until quit or the port's end.
    pub until: Option<Duration>,
    /// What answers the provisioning prompt.
    pub provisioning: Answerer,
}

/// What the user can ask of a running monitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Pulse EN (reset the device).
    Reset,
    Quit,
}

/// One line as the monitor saw it.
#[derive(Debug)]
pub struct Seen<'a> {
    pub line: &'a Line,
    /// The bytes as received (lossily decoded, without the newline), for a faithful text rendering.
    pub raw: &'a str,
    /// Every code address of the line, symbolized.
    pub symbols: &'a [Symbol],
    /// Since the monitor started.
    pub elapsed_ms: u64,
}

/// Something about the monitoring itself, not a device line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Watching {
        port: String,
        baud: u32,
    },
    /// The port went away, and why; it is waited for.
    Lost {
        port: String,
        why: String,
    },
    Back {
        port: String,
        path: String,
    },
    ResetDone,
    ResetFailed {
        why: String,
    },
    /// The device asked to be provisioned and there is nothing to answer with.
    Unprovisioned,
    /// The provisioning line was written (never shown), in answer to a prompt with this reason.
    Provisioned {
        summary: String,
        reason: PromptReason,
    },
    /// The device asked, and the provisioning could not be made (the credentials could not be refreshed).
    NotProvisioned {
        why: String,
    },

    /// The device runs another build than the ELF the addresses are symbolized from.
    OtherBuild,
    CoreDumpSaved {
        path: std::path::PathBuf,
    },
    CoreDumpNotSaved {
        path: std::path::PathBuf,
        why: String,
    },
}

/// Receives what the monitor sees.
pub trait MonitorObserver {
    fn line(&mut self, seen: &Seen<'_>);
    fn notice(&mut self, elapsed_ms: u64, notice: Notice);
    /// A backtrace unwound from a panic's stack dump (with an ELF), right after the dump's lines.
    fn backtrace(&mut self, elapsed_ms: u64, backtrace: &Backtrace);
}

/// Shows the log of an open port until `until`, [`Control::Quit`], or the port's end.
pub fn watch(
    first: Box<dyn serialport::SerialPort>,
    watch: Watch,
    controls: &mpsc::Receiver<Control>,
    observer: &mut dyn MonitorObserver,
) -> Result<()> {
    let Watch { port, baud, symbolizer, until, provisioning } = watch;
    let started = Instant::now();
    observer.notice(0, Notice::Watching { port: port.clone(), baud });
    let link = port::SerialLink::spawn(first, &port, baud);
    let deadline = until.map(|d| started + d);
    let mut follower = Follower {
        symbolizer: symbolizer.as_ref(),
        started,
        warned_hash: false,
        answerer: provisioning,
        to_port: link.writer(),
        core_dump: None,
        stack_dumps: DumpCollector::default(),
        observer,
    };
    loop {
        let wait = deadline.map_or(CONTROL_POLL, |at| at.saturating_duration_since(Instant::now()).min(CONTROL_POLL));
        match controls.try_recv() {
            Ok(Control::Quit) => break,
            Ok(Control::Reset) => {
                let _ = follower.to_port.send(port::Command::Reset);
            }
            Err(_) => {}
        }
        match link.recv_timeout(wait) {
            Some(port::Input::Line(bytes)) => follower.line(&bytes),
            Some(port::Input::Lost(why)) => follower.notice(Notice::Lost { port: port.clone(), why }),
            Some(port::Input::Back(path)) => follower.notice(Notice::Back { port: port.clone(), path }),
            Some(port::Input::Reset(Ok(()))) => follower.notice(Notice::ResetDone),
            Some(port::Input::Reset(Err(why))) => follower.notice(Notice::ResetFailed { why }),
            None if link.closed() => break,
            None => {}
        }
        if deadline.is_some_and(|at| Instant::now() >= at) {
            break;
        }
    }
    follower.finish();
    Ok(())
}

/// Follows the line stream: core dumps across lines, the ELF hash check, provisioning prompts.
struct Follower<'a> {
    symbolizer: Option<&'a Symbolizer>,
    started: Instant,
    warned_hash: bool,
    answerer: Answerer,
    to_port: mpsc::Sender<port::Command>,
    /// The base64 lines of a core dump being shown, between its START and END markers.
    core_dump: Option<Vec<String>>,
    /// A panic's registers and stack memory being gathered, to unwind.
    stack_dumps: DumpCollector,
    observer: &'a mut dyn MonitorObserver,
}

impl Follower<'_> {
    fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn notice(&mut self, notice: Notice) {
        let at = self.elapsed_ms();
        self.observer.notice(at, notice);
    }

    fn line(&mut self, bytes: &[u8]) {
        let raw = String::from_utf8_lossy(bytes);
        let raw = raw.trim_end_matches('\r');
        let mut line = line::classify(raw);
        if line.kind == Kind::Text && line.message.is_empty() {
            return;
        }
        let finished_core_dump = self.follow_core_dump(&mut line);
        let symbols: Vec<Symbol> = match (self.symbolizer, line.kind) {
            (Some(symbolizer), kind) if kind != Kind::Rom && kind != Kind::CoreDump => {
                line::addresses(&line.message).into_iter().filter_map(|a| symbolizer.symbolize(a)).collect()
            }
            _ => Vec::new(),
        };
        if line.kind == Kind::ElfHash {
            self.check_hash(&line);
        }
        match line.kvs_event() {
            Some(Event::ProvisionPrompt { reason, .. }) => self.answer_prompt(*reason),
            Some(Event::Provisioned { .. }) => self.answerer.on_provisioned(),
            _ => {}
        }
        let stack_dump =
            self.symbolizer.and_then(|symbolizer| self.stack_dumps.feed(&line.message, symbolizer.stack_start));
        if let Some((dump, Completed::BeforeTheLine)) = &stack_dump {
            self.unwind(dump);
        }
        let seen = Seen { line: &line, raw, symbols: &symbols, elapsed_ms: self.elapsed_ms() };
        self.observer.line(&seen);
        if let Some((dump, Completed::WithTheLine)) = &stack_dump {
            self.unwind(dump);
        }
        if let Some(lines) = finished_core_dump {
            self.save_core_dump(&lines);
        }
    }

    /// Shows the backtrace of a panic's stack dump.
    fn unwind(&mut self, dump: &unwind::Dump) {
        if let Some(symbolizer) = self.symbolizer {
            let backtrace = symbolizer.backtrace(dump);
            let at = self.elapsed_ms();
            self.observer.backtrace(at, &backtrace);
        }
    }

    /// At the stream's end: the stack dump of a device that died right after printing it.
    fn finish(&mut self) {
        if let Some(dump) = self.stack_dumps.finish() {
            self.unwind(&dump);
        }
    }

    /// Marks the lines of a core dump as such; at its END marker, returns them (to save once it is shown).
    fn follow_core_dump(&mut self, line: &mut Line) -> Option<Vec<String>> {
        let marker = line.kind == Kind::CoreDump;
        match (&mut self.core_dump, marker) {
            (None, true) if line.message.contains("START") => self.core_dump = Some(Vec::new()),
            (Some(_), true) if line.message.contains("END") => return self.core_dump.take(),
            (Some(lines), false) => {
                line.kind = Kind::CoreDump;
                lines.push(line.message.clone());
            }
            _ => {}
        }
        None
    }

    fn save_core_dump(&mut self, lines: &[String]) {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let path = std::env::temp_dir().join(format!("kvs-esp-coredump-{seconds}.b64"));
        let notice = match std::fs::write(&path, lines.join("\n") + "\n") {
            Ok(()) => Notice::CoreDumpSaved { path },
            Err(e) => Notice::CoreDumpNotSaved { path, why: e.to_string() },
        };
        self.notice(notice);
    }

    /// Writes the provisioning line (never shown) when the device asks for it.
    fn answer_prompt(&mut self, reason: PromptReason) {
        match self.answerer.on_prompt(Instant::now()) {
            Answer::Write(line) => {
                let _ = self.to_port.send(port::Command::Write(line));
                let summary = self.answerer.provisioning().map(describe).unwrap_or_default();
                self.notice(Notice::Provisioned { summary, reason });
            }
            Answer::Unprovisioned => self.notice(Notice::Unprovisioned),
            Answer::Unavailable(why) => self.notice(Notice::NotProvisioned { why }),
            Answer::Quiet => {}
        }
    }

    /// Warns once when the device runs another build than the local ELF.
    fn check_hash(&mut self, line: &Line) {
        let Some(symbolizer) = self.symbolizer else { return };
        // `ELF file SHA256: 0123…` after a panic; `ELF file SHA256:  0123456789abcdef...` at boot.
        let device = line.message.trim_start_matches("ELF file SHA256:").trim().trim_end_matches("...");
        if !device.is_empty() && !symbolizer.sha256.starts_with(device) && !self.warned_hash {
            self.warned_hash = true;
            self.notice(Notice::OtherBuild);
        }
    }
}

/// What a provisioning says, without its secrets: the channel, role, client id, access key and Wi-Fi network.
pub fn describe(provisioning: &Provisioning) -> String {
    format!(
        "channel {} as {} ({}), access key {}, Wi-Fi \"{}\"",
        provisioning.channel,
        provisioning.role.as_str().to_lowercase(),
        provisioning.client_id,
        provisioning.access_key_id,
        provisioning.wifi_ssid
    )
}
