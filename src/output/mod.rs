//! Rendering: text for people (aligned tables, notes and warnings on stderr), JSON for scripts (one
//! document per command on stdout). Settings are process-wide, set once by `main`.

pub mod table;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::error::Error;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy)]
struct Settings {
    format: OutputFormat,
    verbose: u8,
    quiet: bool,
    color: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

fn settings() -> Settings {
    *SETTINGS.get_or_init(|| Settings { format: OutputFormat::Text, verbose: 0, quiet: false, color: false })
}

pub fn init(global: &GlobalArgs) {
    let color = !global.no_color && std::io::stderr().is_terminal();
    let _ = SETTINGS.set(Settings { format: global.output, verbose: global.verbose, quiet: global.quiet, color });
}

pub fn is_json() -> bool {
    settings().format == OutputFormat::Json
}

/// Whether stdout may carry colours (a terminal, and not --no-color/NO_COLOR).
pub fn colors() -> bool {
    settings().color && std::io::stdout().is_terminal()
}

pub fn quiet() -> bool {
    settings().quiet
}

pub fn verbosity() -> u8 {
    settings().verbose
}

fn paint(code: &str, text: &str) -> String {
    if settings().color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}

/// Something the user should know that did not stop the command (stderr; hidden by -q).
pub fn warn(message: &str) {
    if !settings().quiet {
        eprintln!("{} {message}", paint("33", "warning:"));
    }
}

/// A side remark, such as "served from the cache" (stderr; hidden by -q).
pub fn note(message: &str) {
    if !settings().quiet && settings().format == OutputFormat::Text {
        eprintln!("{}", paint("2", message));
    }
}

/// A diagnostic event line, printed with -v.
pub fn event(event: &kvs_core::event::Event) {
    if settings().verbose > 0 {
        eprintln!("kvs: {event}");
    }
}

/// Prints one JSON document on stdout.
pub fn json(value: &impl serde::Serialize) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut out, value);
    let _ = writeln!(out);
}

/// Prints one JSON object on one line, flushed at once: streaming commands' output (NDJSON).
pub fn json_line(value: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, value);
    let _ = writeln!(out);
    let _ = out.flush();
}

/// Prints text output on stdout.
pub fn text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = writeln!(out);
    }
}

/// Prints a failed command's error: as JSON on stdout with --output json, else as text on stderr.
pub fn error(err: &Error) {
    if is_json() {
        if !err.in_report {
            json(&err.json());
        }
        return;
    }
    let code = err.code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
    eprintln!("{}{code} {}", paint("1;31", "error:"), err.message);
    if let Some(hint) = &err.hint {
        eprintln!("  {} {hint}", paint("36", "hint:"));
    }
}

/// `2026-11-25 15:22:01 UTC` from epoch seconds.
pub fn utc(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = kvs_core::time::civil_from_unix(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
}
