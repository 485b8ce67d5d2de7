//! `kvs-esp monitor`: the device's serial log, classified and symbolized, rendered a line at a time (text, or
//! one JSON object per line); Ctrl-R resets the device and Ctrl-C quits when stdin is a terminal.

use super::{device_identity, load};
use crate::cli::{GlobalArgs, MonitorArgs, ProvisionArgs};
use crate::output::keyboard::Keyboard;
use crate::output::{Output, Render};
use kvs_client::{Error, Result};
use kvs_core::provision::PromptReason;
use kvs_espkit::monitor::filter::PrintFilter;
use kvs_espkit::monitor::line::{self, Kind};
use kvs_espkit::monitor::port::Port;
use kvs_espkit::monitor::symbols::{Backtrace, Symbolizer};
use kvs_espkit::monitor::{self, MonitorObserver, Notice, Seen, Watch};
use kvs_espkit::provision::Answerer;
use kvs_espkit::{ports, provision};
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc;

pub async fn run(global: &GlobalArgs, args: MonitorArgs, out: Output) -> Result<()> {
    let provisioning = provisioning(global, &args.provision, out).await?;
    let symbolizer = args.elf.as_deref().map(Symbolizer::open).transpose()?;
    let port = ports::choose(args.serial.port.as_deref())?;
    let first = monitor::port::open(&port, args.baud)?;
    let watch = Watch { port, baud: args.baud, symbolizer, until: args.until, provisioning };
    let log_file = match &args.log_file {
        Some(path) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| Error::input(format!("cannot open the log file {}: {e}", path.display())))?,
        ),
        None => None,
    };
    let view = View { filter: args.filter, timestamps: args.timestamps, log_file };
    tokio::task::spawn_blocking(move || show(first, watch, view, out))
        .await
        .map_err(|e| Error::local(format!("the monitor stopped: {e}")))?
}

/// What answers the device's provisioning prompts: nothing without --channel; else a provisioning made afresh at
/// each prompt (the credentials refreshed as they near expiry), checked once here so that a mistake shows at start.
pub async fn provisioning(global: &GlobalArgs, args: &ProvisionArgs, out: Output) -> Result<Answerer> {
    let Some(channel) = args.channel.clone() else { return Ok(Answerer::new(None)) };
    let device = device_identity(channel, args.role.into(), &args.device)?;
    let ctx = Arc::new(load(global, out).await?);
    provision::provisioning(&ctx, device.clone()).await?;
    let runtime = tokio::runtime::Handle::current();
    Ok(Answerer::fresh(Box::new(move || runtime.block_on(provision::provisioning(&ctx, device.clone())))))
}

/// How lines are shown: which, with the time or not, and where everything is also written.
#[derive(Default)]
pub struct View {
    pub filter: Option<PrintFilter>,
    pub timestamps: bool,
    pub log_file: Option<std::fs::File>,
}

/// Watches an open port until its end, --until or Ctrl-C, rendering every line.
pub fn show(first: Port, watch: Watch, view: View, out: Output) -> Result<()> {
    let (controls, keys) = mpsc::channel();
    let keyboard = Keyboard::start(controls);
    let mut view = MonitorView { out, keyboard: keyboard.is_some(), view };
    monitor::watch(first, watch, &keys, &mut view)
}

/// Renders the monitor's lines and notices.
struct MonitorView {
    out: Output,
    /// Ctrl-R and Ctrl-C are read from the terminal.
    keyboard: bool,
    view: View,
}

impl MonitorObserver for MonitorView {
    fn line(&mut self, seen: &Seen<'_>) {
        if let Some(file) = &mut self.view.log_file
            && let Err(e) = writeln!(file, "{}", seen.raw)
        {
            self.out.warn(&format!("cannot write to the log file: {e}; it is closed"));
            self.view.log_file = None;
        }
        if self.view.filter.as_ref().is_some_and(|filter| !filter.allows(seen.line)) {
            return;
        }
        self.out.stream(&Shown { seen, timestamp: self.view.timestamps.then(now_utc) });
    }

    fn notice(&mut self, elapsed_ms: u64, notice: Notice) {
        let text = match notice {
            Notice::Watching { port, baud } => {
                self.out.note(&format!("monitoring {port} at {baud} baud; Ctrl-C exits"));
                if self.keyboard {
                    self.out.note("Ctrl-R resets the device, Ctrl-C quits");
                }
                return;
            }
            Notice::Lost { port, why } => format!("{port} went away ({why}); waiting for it to come back"),
            Notice::Back { port, path } => format!("{port} is back (as {path})"),
            Notice::ResetDone => "reset the device".to_string(),
            Notice::ResetFailed { why } => format!("cannot reset the device: {why}"),
            Notice::Unprovisioned => {
                "the device asks to be provisioned: pass --channel and --wifi-ssid to answer it".to_string()
            }
            Notice::Provisioned { summary, reason: PromptReason::Unprovisioned } => {
                format!("provisioned the device: {summary}")
            }
            Notice::Provisioned { summary, reason } => {
                format!("sent the device fresh credentials (its own are {reason}): {summary}")
            }
            Notice::NotProvisioned { why } => format!("the device asks to be provisioned, but {why}"),
            Notice::OtherBuild => {
                "the device runs another build than the ELF given with --elf: addresses may be symbolized wrongly"
                    .to_string()
            }
            Notice::CoreDumpSaved { path } => format!(
                "core dump saved to {0}; decode it with `esp-coredump info_corefile --core {0} --core-format b64 <app.elf>`",
                path.display()
            ),
            Notice::CoreDumpNotSaved { path, why } => format!("cannot save the core dump to {}: {why}", path.display()),
        };
        if self.out.is_json() {
            self.out.json_line(&serde_json::json!({ "kind": "monitor", "message": text, "elapsed_ms": elapsed_ms }));
        } else {
            self.out.warn(&text);
        }
    }

    fn backtrace(&mut self, elapsed_ms: u64, backtrace: &Backtrace) {
        self.out.stream(&ShownBacktrace { backtrace, elapsed_ms });
    }
}

/// A backtrace unwound from a stack dump: a frame a line, then why it ends; as JSON, `kind: "unwound"`.
struct ShownBacktrace<'a> {
    backtrace: &'a Backtrace,
    elapsed_ms: u64,
}

impl Render for ShownBacktrace<'_> {
    fn text(&self, out: &Output) -> String {
        let heading = "Backtrace (unwound from the stack dump by the ELF's frame information):";
        let mut text = if out.colors() { format!("\x1b[31m{heading}\x1b[0m") } else { heading.to_string() };
        for frame in &self.backtrace.frames {
            let function = frame.function.as_deref().unwrap_or("??");
            let location = frame.location.as_ref().map(|l| format!(" at {l}")).unwrap_or_default();
            text.push_str(&format!("\n    {}: {function}{location}", frame.address));
            for inlined in &frame.inlined_into {
                let location = inlined.location.as_ref().map(|l| format!(" at {l}")).unwrap_or_default();
                text.push_str(&format!("\n      (inlined into) {}{location}", inlined.function));
            }
        }
        text.push_str(&format!("\n    (ends: {})", self.backtrace.stop));
        text
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "kind": "unwound",
            "frames": self.backtrace.frames,
            "stop": self.backtrace.stop,
            "ends": self.backtrace.stop.to_string(),
            "elapsed_ms": self.elapsed_ms,
        })
    }
}

/// One device line as rendered: the line without its control bytes (coloured by what it is) and its symbols, or
/// the line's JSON with `elapsed_ms` and `symbols`; with --timestamps, the time it arrived first (`time` in JSON).
struct Shown<'a, 'b> {
    seen: &'a Seen<'b>,
    timestamp: Option<String>,
}

impl Render for Shown<'_, '_> {
    fn text(&self, out: &Output) -> String {
        let seen = self.seen;
        let line = seen.line;
        let text = line::clean(seen.raw);
        let colour = match (line.kind, line.level) {
            (Kind::Panic | Kind::Registers | Kind::Backtrace, _) | (_, Some('E')) => "\x1b[31m",
            (_, Some('W')) => "\x1b[33m",
            (Kind::Event, _) => "\x1b[36m",
            (Kind::Rom, _) => "\x1b[2m",
            _ => "",
        };
        let mut rendered = if out.colors() && !colour.is_empty() { format!("{colour}{text}\x1b[0m") } else { text };
        if let Some(time) = &self.timestamp {
            rendered = format!("{time} {rendered}");
        }
        for symbol in seen.symbols {
            let location = symbol.location.as_ref().map(|l| format!(" at {l}")).unwrap_or_default();
            rendered.push_str(&format!("\n    {}: {}{location}", symbol.address, symbol.function));
            for frame in &symbol.inlined_into {
                let location = frame.location.as_ref().map(|l| format!(" at {l}")).unwrap_or_default();
                rendered.push_str(&format!("\n      (inlined into) {}{location}", frame.function));
            }
        }
        rendered
    }

    fn json(&self) -> serde_json::Value {
        let seen = self.seen;
        let mut value = serde_json::to_value(seen.line).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("elapsed_ms".into(), seen.elapsed_ms.into());
            if let Some(time) = &self.timestamp {
                object.insert("time".into(), time.clone().into());
            }
            if !seen.symbols.is_empty() {
                object.insert("symbols".into(), serde_json::to_value(seen.symbols).unwrap_or_default());
            }
        }
        value
    }
}

/// `2026-11-27 23:58:44.123` (UTC), for --timestamps.
fn now_utc() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let (y, mo, d, h, mi, s) = kvs_core::time::civil_from_unix(now.as_secs());
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{:03}", now.subsec_millis())
}
