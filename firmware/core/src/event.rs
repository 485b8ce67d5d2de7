//! The diagnostic event vocabulary. Every event has exactly one text form, `ev=<kind> key=value …`; the
//! firmware prints it inside an ESP-IDF log line (`I (12345) kvs: ev=…`), the host prints the same with
//! `-v`, and the monitor parses device lines back into events so host and device line up.

use alloc::string::String;
use core::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The signaling machine moved between states.
    State {
        from: &'static str,
        to: &'static str,
    },
    /// An API call finished: its operation, HTTP status (0 when no response arrived) and duration.
    Api {
        op: &'static str,
        status: u16,
        ms: u64,
    },
    /// Waiting before the next attempt.
    Backoff {
        ms: u64,
        attempt: u32,
    },
    /// A TLS handshake finished (the driver's, before the WebSocket upgrade): how long it took.
    Tls {
        ms: u64,
    },
    /// The WebSocket opened (`status=101`) or was refused (the HTTP status, 0 for a timeout or network error).
    Connect {
        status: u16,
        ms: u64,
    },
    /// The WebSocket closed without being asked to.
    Closed {
        code: u16,
    },
    /// A message arrived: its type, the sender (`-` for the master) and the frame size.
    Rx {
        kind: String,
        peer: String,
        bytes: usize,
    },
    /// A message went out.
    Tx {
        kind: &'static str,
        peer: String,
        bytes: usize,
        corr: String,
    },
    /// The service reported a message as failed.
    StatusResponse {
        corr: String,
        status: u16,
        error: String,
    },
    /// A frame that could not be read; the connection stays up.
    BadFrame {
        reason: String,
    },
    /// The service asked the client to reconnect (GO_AWAY) or to refresh its TURN servers.
    GoAway,
    ReconnectIce,
    /// New ICE servers: how many, and the smallest TTL.
    IceConfig {
        servers: usize,
        ttl: u32,
    },
    /// A keepalive ping went out after a quiet period.
    Ping,
    /// The service's clock differs from ours by more than the threshold; later signatures use the offset.
    ClockSkew {
        offset_ms: i64,
    },
    /// A cached endpoint was used instead of a call.
    CacheHit {
        channel: String,
        role: &'static str,
    },
    /// The device's heap: free now and the lowest it has been.
    Heap {
        free: usize,
        min: usize,
    },
    /// Something failed; `what` is one word, `detail` free text (always last on the line).
    Error {
        what: &'static str,
        detail: String,
    },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::State { from, to } => write!(f, "ev=state from={from} to={to}"),
            Event::Api { op, status, ms } => write!(f, "ev=api op={op} status={status} ms={ms}"),
            Event::Backoff { ms, attempt } => write!(f, "ev=backoff ms={ms} attempt={attempt}"),
            Event::Connect { status, ms } => write!(f, "ev=connect status={status} ms={ms}"),
            Event::Closed { code } => write!(f, "ev=closed code={code}"),
            Event::Rx { kind, peer, bytes } => write!(f, "ev=rx type={kind} peer={peer} bytes={bytes}"),
            Event::Tx { kind, peer, bytes, corr } => {
                write!(f, "ev=tx type={kind} peer={peer} bytes={bytes} corr={corr}")
            }
            Event::StatusResponse { corr, status, error } => {
                write!(f, "ev=status corr={corr} status={status} error={error}")
            }
            Event::BadFrame { reason } => write!(f, "ev=bad-frame reason={reason}"),
            Event::GoAway => f.write_str("ev=go-away"),
            Event::ReconnectIce => f.write_str("ev=reconnect-ice"),
            Event::IceConfig { servers, ttl } => write!(f, "ev=ice-config servers={servers} ttl={ttl}"),
            Event::Ping => f.write_str("ev=ping"),
            Event::Tls { ms } => write!(f, "ev=tls ms={ms}"),
            Event::ClockSkew { offset_ms } => write!(f, "ev=skew offset_ms={offset_ms}"),
            Event::CacheHit { channel, role } => write!(f, "ev=cache hit=1 channel={channel} role={role}"),
            Event::Heap { free, min } => write!(f, "ev=heap free={free} min={min}"),
            Event::Error { what, detail } => write!(f, "ev=error what={what} detail={detail}"),
        }
    }
}

/// An event line read back (by the host's monitor, from a device's log): its kind and its fields in order.
/// `detail=` always runs to the end of the line, so it may hold spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLine {
    pub kind: String,
    pub fields: alloc::vec::Vec<(String, String)>,
}

impl EventLine {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Reads `ev=<kind> key=value …` anywhere in a line (after a log prefix such as `I (123) kvs: `).
    pub fn parse(line: &str) -> Option<EventLine> {
        let start = line.find("ev=")?;
        if start > 0 && !line[..start].ends_with(' ') {
            return None;
        }
        // A coloured log line ends with the reset sequence.
        let mut rest = line[start..].trim_end().trim_end_matches("\x1b[0m").trim_end();
        let mut kind = None;
        let mut fields = alloc::vec::Vec::new();
        while !rest.is_empty() {
            let (key, after) = rest.split_once('=')?;
            if key.is_empty() || key.contains(' ') {
                return None;
            }
            let (value, next) =
                if key == "detail" { (after, "") } else { after.split_once(' ').unwrap_or((after, "")) };
            if key == "ev" {
                kind = Some(String::from(value));
            } else {
                fields.push((String::from(key), String::from(value)));
            }
            rest = next.trim_start();
        }
        Some(EventLine { kind: kind?, fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// The contract between host and device: every event's text form reads back with its kind and values.
    /// Serial noise around and inside event lines never panics the parser.
    #[test]
    fn survives_noise() {
        let mut next = crate::test_noise(0x2545_f491_4f6c_dd1d_u64);
        let alphabet: alloc::vec::Vec<char> = "ev= kvs:dtail=é中\u{1b}[0m\u{fffd}ab01 ".chars().collect();
        for _ in 0..20_000 {
            let len = (next() % 60) as usize;
            let text: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            if let Some(line) = EventLine::parse(&text) {
                assert!(text.contains(&alloc::format!("ev={}", line.kind)), "{text:?} gave {line:?}");
            }
        }
    }

    #[test]
    fn every_event_line_parses_back() {
        let events = [
            Event::State { from: "DESCRIBE", to: "GET_ENDPOINT" },
            Event::Api { op: "DescribeSignalingChannel", status: 200, ms: 3 },
            Event::Backoff { ms: 120, attempt: 2 },
            Event::Connect { status: 101, ms: 7 },
            Event::Closed { code: 1006 },
            Event::Rx { kind: "SDP_OFFER".into(), peer: "viewer-1".into(), bytes: 2210 },
            Event::Tx { kind: "SDP_ANSWER", peer: "viewer-1".into(), bytes: 1800, corr: "kvs-1".into() },
            Event::StatusResponse { corr: "c".into(), status: 400, error: "InvalidArgumentException".into() },
            Event::BadFrame { reason: "x".into() },
            Event::GoAway,
            Event::ReconnectIce,
            Event::IceConfig { servers: 2, ttl: 300 },
            Event::Ping,
            Event::Tls { ms: 12 },
            Event::ClockSkew { offset_ms: -5 },
            Event::CacheHit { channel: "c".into(), role: "MASTER" },
            Event::Heap { free: 1000, min: 900 },
            Event::Error { what: "retry", detail: "GetIceServerConfig failed with HTTP 500 : oops".into() },
        ];
        for event in events {
            let text = event.to_string();
            let line = alloc::format!("\x1b[0;32mI (12345) kvs: {text}\x1b[0m");
            let parsed = EventLine::parse(&line).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(parsed.kind, text.split(' ').next().unwrap().trim_start_matches("ev="), "{text}");
            let rebuilt: alloc::vec::Vec<String> =
                parsed.fields.iter().map(|(k, v)| alloc::format!("{k}={v}")).collect();
            let rebuilt = if rebuilt.is_empty() {
                alloc::format!("ev={}", parsed.kind)
            } else {
                alloc::format!("ev={} {}", parsed.kind, rebuilt.join(" "))
            };
            assert_eq!(rebuilt, text);
        }
        let error = EventLine::parse("E (9) kvs: ev=error what=fatal detail=no such channel: demo").unwrap();
        assert_eq!(error.get("detail"), Some("no such channel: demo"));
        assert_eq!(EventLine::parse("I (9) wifi: connected"), None);
        assert_eq!(EventLine::parse("prev=1"), None);
    }

    #[test]
    fn text_forms() {
        assert_eq!(
            Event::Api { op: "GetSignalingChannelEndpoint", status: 200, ms: 84 }.to_string(),
            "ev=api op=GetSignalingChannelEndpoint status=200 ms=84"
        );
        assert_eq!(
            Event::State { from: "GET_ICE_CONFIG", to: "CONNECT" }.to_string(),
            "ev=state from=GET_ICE_CONFIG to=CONNECT"
        );
        assert_eq!(
            Event::Rx { kind: "SDP_OFFER".into(), peer: "viewer-1".into(), bytes: 2210 }.to_string(),
            "ev=rx type=SDP_OFFER peer=viewer-1 bytes=2210"
        );
        assert_eq!(Event::ClockSkew { offset_ms: -600_000 }.to_string(), "ev=skew offset_ms=-600000");
    }
}
