//! `kvs-esp monitor`: the device's serial log, split into lines, classified (ROM banner, ESP-IDF log lines
//! with the kvs event lines they carry, panics, backtraces, core-dump markers), with every code address
//! symbolized from the ELF. Garbage bytes and partial lines are survived; a port that vanishes (a reset over
//! native USB) is reopened when it returns.

pub mod c_sdk;
mod keys;
pub mod line;
pub mod port;
pub mod symbols;

use crate::cli::MonitorArgs;
use crate::error::Result;
use crate::output;
use kvs_core::provision::Provisioning;
use line::{Kind, Line};
use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use symbols::Symbolizer;

/// How often the loop looks at the keyboard.
const KEY_POLL: Duration = Duration::from_millis(100);

/// Answers to the firmware's provisioning prompt at most this many times (a refused line makes it ask again).
const MAX_PROVISIONING_ANSWERS: u32 = 3;

/// What to watch and how: `kvs-esp monitor`'s flags, or `flash --monitor`'s.
pub struct Watch {
    pub port: String,
    pub baud: u32,
    pub symbolizer: Option<Symbolizer>,
    pub until: Option<Duration>,
    pub provisioning: Option<Provisioning>,
}

pub fn run(args: MonitorArgs, provisioning: Option<Provisioning>) -> Result<()> {
    let symbolizer = args.elf.as_deref().map(Symbolizer::open).transpose()?;
    let port = super::ports::choose(args.port.as_deref())?;
    let first = port::open(&port, args.baud)?;
    watch(first, Watch { port, baud: args.baud, symbolizer, until: args.until, provisioning })
}

/// Shows the log of an open port until `until`, Ctrl-C, or the port's end.
pub fn watch(first: Box<dyn serialport::SerialPort>, watch: Watch) -> Result<()> {
    let Watch { port, baud, symbolizer, until, provisioning } = watch;
    if !output::is_json() {
        output::note(&format!("monitoring {port} at {baud} baud; Ctrl-C exits"));
    }
    let device = port::Device::spawn(first, &port, baud);
    let (key_tx, keys) = mpsc::channel();
    let keyboard = keys::Keyboard::start(key_tx);
    if keyboard.is_some() && !output::is_json() {
        output::note("Ctrl-R resets the device, Ctrl-C quits");
    }

    let started = Instant::now();
    let deadline = until.map(|d| started + d);
    let mut printer = Printer {
        symbolizer: symbolizer.as_ref(),
        started,
        warned_hash: false,
        provisioning,
        answers: 0,
        to_port: device.writer(),
        core_dump: None,
    };
    loop {
        let wait = deadline.map_or(KEY_POLL, |at| at.saturating_duration_since(Instant::now()).min(KEY_POLL));
        match keys.try_recv() {
            Ok(keys::Key::Quit) => break,
            Ok(keys::Key::Reset) => {
                let _ = printer.to_port.send(port::Command::Reset);
            }
            Err(_) => {}
        }
        match device.recv_timeout(wait) {
            Some(port::Input::Line(bytes)) => printer.line(&bytes),
            Some(port::Input::Lost(why)) => {
                printer.note(&format!("{port} went away ({why}); waiting for it to come back"))
            }
            Some(port::Input::Back(path)) => printer.note(&format!("{port} is back (as {path})")),
            Some(port::Input::Reset(Ok(()))) => printer.note("reset the device"),
            Some(port::Input::Reset(Err(why))) => printer.note(&format!("cannot reset the device: {why}")),
            None if device.closed() => break,
            None => {}
        }
        if deadline.is_some_and(|at| Instant::now() >= at) {
            break;
        }
    }
    Ok(())
}

struct Printer<'a> {
    symbolizer: Option<&'a Symbolizer>,
    started: Instant,
    warned_hash: bool,
    provisioning: Option<Provisioning>,
    answers: u32,
    to_port: mpsc::Sender<port::Command>,
    /// The base64 lines of a core dump being printed, between its START and END markers.
    core_dump: Option<Vec<String>>,
}

impl Printer<'_> {
    fn line(&mut self, bytes: &[u8]) {
        let raw = String::from_utf8_lossy(bytes);
        let raw = raw.trim_end_matches('\r');
        let mut line = line::classify(raw);
        if line.kind == Kind::Text && line.message.is_empty() {
            return;
        }
        let finished_core_dump = self.follow_core_dump(&mut line);
        let symbols: Vec<symbols::Symbol> = match (self.symbolizer, line.kind) {
            (Some(symbolizer), kind) if kind != Kind::Rom && kind != Kind::CoreDump => {
                line::addresses(&line.message).into_iter().filter_map(|a| symbolizer.symbolize(a)).collect()
            }
            _ => Vec::new(),
        };
        if line.kind == Kind::ElfHash {
            self.check_hash(&line);
        }
        if line.event.as_ref().is_some_and(|e| e.kind == "provision-prompt") {
            self.answer_prompt();
        }
        if output::is_json() {
            let mut value = serde_json::to_value(&line).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("elapsed_ms".into(), (self.started.elapsed().as_millis() as u64).into());
                if !symbols.is_empty() {
                    object.insert("symbols".into(), serde_json::to_value(&symbols).unwrap_or_default());
                }
            }
            output::json_line(&value);
        } else {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", render(&line, raw));
            for symbol in symbols {
                let location = symbol.location.map(|l| format!(" at {l}")).unwrap_or_default();
                let _ = writeln!(out, "    {}: {}{location}", symbol.address, symbol.function);
            }
            let _ = out.flush();
        }
        if let Some(lines) = finished_core_dump {
            self.save_core_dump(&lines);
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

    fn save_core_dump(&self, lines: &[String]) {
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let path = std::env::temp_dir().join(format!("kvs-esp-coredump-{seconds}.b64"));
        let note = match std::fs::write(&path, lines.join("\n") + "\n") {
            Ok(()) => format!(
                "core dump saved to {0}; decode it with `esp-coredump info_corefile --core {0} --core-format b64 <app.elf>`",
                path.display()
            ),
            Err(e) => format!("cannot save the core dump to {}: {e}", path.display()),
        };
        self.note(&note);
    }

    /// Writes the provisioning line (never shown) when the device asks for it.
    fn answer_prompt(&mut self) {
        let Some(provisioning) = &self.provisioning else {
            if self.answers == 0 {
                self.answers = 1;
                self.note("the device asks to be provisioned: pass --channel and --wifi-ssid to answer it");
            }
            return;
        };
        if self.answers >= MAX_PROVISIONING_ANSWERS {
            return;
        }
        self.answers += 1;
        let line = format!("{}\n", kvs_core::provision::format_line(provisioning));
        let _ = self.to_port.send(port::Command::Write(line.into_bytes()));
        let note = format!(
            "provisioned the device: channel {} as {} ({}), access key {}, Wi-Fi \"{}\"",
            provisioning.channel,
            provisioning.role.as_str().to_lowercase(),
            provisioning.client_id,
            provisioning.access_key_id,
            provisioning.wifi_ssid
        );
        self.note(&note);
    }

    /// Warns once when the device runs another build than the local ELF.
    fn check_hash(&mut self, line: &Line) {
        let Some(symbolizer) = self.symbolizer else { return };
        let device = line.message.trim_start_matches("ELF file SHA256:").trim();
        if !device.is_empty() && !symbolizer.sha256.starts_with(device) && !self.warned_hash {
            self.warned_hash = true;
            self.note(
                "the device runs another build than the ELF given with --elf: addresses may be symbolized wrongly",
            );
        }
    }

    fn note(&self, text: &str) {
        if output::is_json() {
            output::json_line(
                &serde_json::json!({ "kind": "monitor", "message": text, "elapsed_ms": self.started.elapsed().as_millis() as u64 }),
            );
        } else {
            output::warn(text);
        }
    }
}

/// Text output: the line without the device's control bytes, coloured by what it is (when colour is on).
fn render(line: &Line, raw: &str) -> String {
    let text = line::clean(raw);
    let colour = match (line.kind, line.level) {
        (Kind::Panic | Kind::Registers | Kind::Backtrace, _) | (_, Some('E')) => "\x1b[31m",
        (_, Some('W')) => "\x1b[33m",
        (Kind::Event, _) => "\x1b[36m",
        (Kind::Rom, _) => "\x1b[2m",
        _ => "",
    };
    if output::colors() && !colour.is_empty() { format!("{colour}{text}\x1b[0m") } else { text }
}
