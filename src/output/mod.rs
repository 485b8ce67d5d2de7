//! Rendering, done once, here: text for people (aligned tables, notes and warnings on stderr), JSON for scripts
//! (one document per command on stdout, or one object per line for streaming commands). Commands build a value
//! that implements [`Render`] and hand it over; libraries report through typed notices that [`Output`] renders.

pub mod html;
pub mod keyboard;
mod notices;
pub mod peer;
pub mod progress;
pub mod table;

use crate::cli::{GlobalArgs, OutputFormat};
use kvs_client::{Error, Kind};
use std::io::{IsTerminal, Write};

/// A result as people and scripts read it.
pub trait Render {
    /// The text form (stdout).
    fn text(&self, out: &Output) -> String;
    /// The JSON form: the whole document, or one line of a stream.
    fn json(&self) -> serde_json::Value;
}

/// How output is rendered: the global flags, resolved once in `main` and handed to every command.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    format: OutputFormat,
    verbose: u8,
    quiet: bool,
    color: bool,
}

impl Output {
    pub fn new(global: &GlobalArgs) -> Output {
        let color = !global.no_color && std::io::stderr().is_terminal();
        Output { format: global.output, verbose: global.verbose, quiet: global.quiet, color }
    }

    pub fn is_json(self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Whether stdout may carry colours (a terminal, and not --no-color/NO_COLOR).
    pub fn colors(self) -> bool {
        self.color && std::io::stdout().is_terminal()
    }

    pub fn verbosity(self) -> u8 {
        self.verbose
    }

    /// Whether progress (bars, spinners) may be drawn: text output, not quiet.
    pub fn shows_progress(self) -> bool {
        !self.is_json() && !self.quiet
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    /// A command's result: its text on stdout, or one pretty JSON document.
    pub fn report(self, result: &dyn Render) {
        match self.format {
            OutputFormat::Json => self.json(&result.json()),
            OutputFormat::Text => self.text(&result.text(&self)),
        }
    }

    /// One item of a stream: a line of text, or one JSON object on one line, flushed at once.
    pub fn stream(self, item: &dyn Render) {
        match self.format {
            OutputFormat::Json => self.json_line(&item.json()),
            OutputFormat::Text => self.text(&item.text(&self)),
        }
    }

    /// Something the user should know that did not stop the command (stderr; hidden by -q).
    pub fn warn(self, message: &str) {
        if !self.quiet {
            eprintln!("{} {message}", self.paint("33", "warning:"));
        }
    }

    /// A side remark, such as "served from the cache" (stderr; text output only; hidden by -q).
    pub fn note(self, message: &str) {
        if !self.quiet && !self.is_json() {
            eprintln!("{}", self.paint("2", message));
        }
    }

    /// A block of text for people beside the result, such as a session's metrics (stderr; hidden by -q).
    pub fn summary(self, text: &str) {
        if !self.quiet {
            eprint!("{text}");
        }
    }

    /// Detail for `-v` (level 1) or `-vv` (level 2), on stderr.
    pub fn detail(self, level: u8, message: &str) {
        if self.verbose >= level {
            eprintln!("{message}");
        }
    }

    /// Prints one JSON document on stdout.
    pub fn json(self, value: &serde_json::Value) {
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer_pretty(&mut out, value);
        let _ = writeln!(out);
    }

    /// Prints one JSON object on one line, flushed at once.
    pub fn json_line(self, value: &serde_json::Value) {
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer(&mut out, value);
        let _ = writeln!(out);
        let _ = out.flush();
    }

    /// Prints text on stdout, ending it with a newline.
    pub fn text(self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = writeln!(out);
        }
        let _ = out.flush();
    }

    /// Prints a failed command's error: as JSON on stdout with --output json, else as text on stderr.
    pub fn error(self, err: &Error) {
        if self.is_json() {
            if !err.in_report {
                self.json(&error_json(err));
            }
            return;
        }
        if err.in_report && err.kind != Kind::Check {
            // Shown beside the result it could not complete (the result is on stdout already).
            eprintln!("{} {}", self.paint("1;31", "error:"), err.message);
            return;
        }
        let code = err.code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        eprintln!("{}{code} {}", self.paint("1;31", "error:"), err.message);
        if let Some(hint) = &err.hint {
            eprintln!("  {} {hint}", self.paint("36", "hint:"));
        }
    }
}

/// The documented exit code of each kind of failure (README, "Exit codes").
pub fn exit_code(kind: Kind) -> u8 {
    match kind {
        Kind::Local => 1,
        Kind::Input => 2,
        Kind::Auth => 3,
        Kind::NotFound => 4,
        Kind::Service => 5,
        Kind::Network => 6,
        Kind::Check => 7,
    }
}

fn error_json(err: &Error) -> serde_json::Value {
    serde_json::json!({
        "error": {
            "kind": err.kind.as_str(),
            "code": err.code,
            "message": err.message,
            "hint": err.hint,
            "exit_code": exit_code(err.kind),
        }
    })
}

/// 91760 → "91,760".
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::group(0), "0");
        assert_eq!(super::group(999), "999");
        assert_eq!(super::group(91_760), "91,760");
        assert_eq!(super::group(4_194_304), "4,194,304");
    }
}
