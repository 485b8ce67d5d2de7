//! One timeline for two clocks: every host event and every device line, stamped with the host's receive time.

use crate::monitor::line::{self, DeviceEvent, Kind};
use kvs_core::event::Event;
use kvs_core::signaling::State;
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
    pub event: Option<DeviceEvent>,
}

impl Entry {
    /// One of the host's events.
    pub fn host_event(ms: u64, event: Event) -> Entry {
        let text = event.to_string();
        Entry { ms, side: Side::Host, device_ms: None, level: None, text, event: Some(DeviceEvent::Kvs(event)) }
    }

    /// A note of the host's (what it did, why its viewer stopped).
    pub fn host_note(ms: u64, text: String) -> Entry {
        Entry { ms, side: Side::Host, device_ms: None, level: None, text, event: None }
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

    /// The core event of the entry (a C SDK line's event is not one).
    pub fn event(&self) -> Option<&Event> {
        match &self.event {
            Some(DeviceEvent::Kvs(event)) => Some(event),
            _ => None,
        }
    }

    /// A state change into `to`.
    pub fn entered(&self, to: State) -> bool {
        matches!(self.event(), Some(Event::State { to: entered, .. }) if *entered == to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_lines_carry_their_event_and_timestamp() {
        let entry = Entry::device(40, "\x1b[0;32mI (1116) kvs: ev=connect status=101 ms=2\x1b[0m").unwrap();
        assert_eq!((entry.side, entry.device_ms), (Side::Device, Some(1116)));
        assert_eq!(entry.event(), Some(&Event::Connect { status: 101, ms: 2 }));
        assert!(Entry::device(1, "\r").is_none());
        let host = Entry::host_event(5, Event::State { from: State::Connect, to: State::Connected });
        assert!(host.entered(State::Connected) && host.side == Side::Host);
    }
}
