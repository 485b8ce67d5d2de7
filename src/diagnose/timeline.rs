//! One timeline for two clocks: every host event and every device line, stamped with the host's receive
//! time, and drawn as two columns.

use crate::esp::monitor::line::{self, Kind};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Host,
    Device,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Milliseconds since diagnose started, when the host saw it.
    pub ms: u64,
    pub side: Side,
    /// The device's own timestamp (ms since its boot), for its log lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<char>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<line::Event>,
}

impl Entry {
    /// A host-side event or note.
    pub fn host(ms: u64, text: String) -> Entry {
        let event = kvs_core::event::EventLine::parse(&text).map(|e| line::Event {
            kind: e.kind,
            fields: e.fields.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect(),
        });
        Entry { ms, side: Side::Host, device_ms: None, level: None, text, event }
    }

    /// A device line, classified as the monitor does; `None` for what carries nothing (blank lines, noise).
    pub fn device(ms: u64, raw: &str) -> Option<Entry> {
        let line = line::classify(raw);
        if line.message.is_empty() {
            return None;
        }
        let text = match (line.kind, &line.tag) {
            (Kind::Log | Kind::Event, Some(tag)) => format!("{tag}: {}", line.message),
            _ => line.message.clone(),
        };
        let device_ms = line.timestamp.as_deref().and_then(|t| t.parse().ok());
        Some(Entry { ms, side: Side::Device, device_ms, level: line.level, text, event: line.event })
    }

    pub fn kind(&self) -> Option<&str> {
        self.event.as_ref().map(|e| e.kind.as_str())
    }

    pub fn field(&self, key: &str) -> Option<&str> {
        self.event.as_ref()?.fields.get(key)?.as_str()
    }

    pub fn number(&self, key: &str) -> Option<u64> {
        self.field(key)?.parse().ok()
    }

    /// A state change into `to`.
    pub fn entered(&self, to: &str) -> bool {
        self.kind() == Some("state") && self.field("to") == Some(to)
    }
}

const COLUMN: usize = 52;

/// The timeline as text: host on the left, device on the right, one row per entry.
pub fn render(entries: &[Entry], device_name: &str) -> String {
    let mut out = format!("{:>7}  {:<COLUMN$} device ({device_name})\n", "ms", "host (viewer)");
    out.push_str(&format!("{:>7}  {:-<COLUMN$} {:-<COLUMN$}\n", "", "", ""));
    for entry in entries {
        let text = shorten(&entry.text, COLUMN);
        match entry.side {
            Side::Host => out.push_str(&format!("{:>7}  {text}\n", entry.ms)),
            Side::Device => out.push_str(&format!("{:>7}  {:<COLUMN$} {text}\n", entry.ms, "")),
        }
    }
    out
}

/// Cuts a line to `width` characters, marking the cut.
fn shorten(text: &str, width: usize) -> String {
    let text = text.strip_prefix("kvs: ").unwrap_or(text);
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_lines_carry_their_event_and_timestamp() {
        let entry = Entry::device(40, "\x1b[0;32mI (1116) kvs: ev=connect status=101 ms=2\x1b[0m").unwrap();
        assert_eq!((entry.side, entry.device_ms, entry.kind()), (Side::Device, Some(1116), Some("connect")));
        assert_eq!(entry.number("ms"), Some(2));
        assert!(Entry::device(1, "\r").is_none());
        let host = Entry::host(5, "ev=state from=CONNECT to=CONNECTED".into());
        assert!(host.entered("CONNECTED") && host.side == Side::Host);
    }

    #[test]
    fn renders_two_columns() {
        let entries = [
            Entry::host(3, "ev=api op=DescribeSignalingChannel status=200 ms=3".into()),
            Entry::device(9, "I (20) kvs: ev=state from=CONNECT to=CONNECTED").unwrap(),
        ];
        let text = render(&entries, "esp32c3");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].contains("host (viewer)") && lines[0].contains("device (esp32c3)"));
        assert!(lines[2].trim_start().starts_with("3  ev=api op=DescribeSignalingChannel"));
        assert_eq!(lines[3].find("ev=state"), Some(9 + COLUMN + 1));
        assert_eq!(shorten(&"x".repeat(80), 10).chars().count(), 10);
    }
}
