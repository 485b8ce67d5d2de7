//! The diagnostic event vocabulary. Every event has exactly one text form, `ev=<kind> key=value …`; the
//! firmware prints it inside an ESP-IDF log line (`I (12345) kvs: ev=…`), the host prints the same with
//! `-v`, and the monitor parses device lines back into events so host and device line up.

use alloc::string::String;
use core::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// An API call finished: its operation, HTTP status (0 when no response arrived) and duration.
    Api { op: &'static str, status: u16, ms: u64 },
    /// The service's clock differs from ours by more than the threshold; later signatures use the offset.
    ClockSkew { offset_ms: i64 },
    /// A cached endpoint was used instead of a call.
    CacheHit { channel: String, role: &'static str },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Api { op, status, ms } => write!(f, "ev=api op={op} status={status} ms={ms}"),
            Event::ClockSkew { offset_ms } => write!(f, "ev=skew offset_ms={offset_ms}"),
            Event::CacheHit { channel, role } => write!(f, "ev=cache hit=1 channel={channel} role={role}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn text_forms() {
        assert_eq!(
            Event::Api { op: "GetSignalingChannelEndpoint", status: 200, ms: 84 }.to_string(),
            "ev=api op=GetSignalingChannelEndpoint status=200 ms=84"
        );
        assert_eq!(Event::ClockSkew { offset_ms: -600_000 }.to_string(), "ev=skew offset_ms=-600000");
    }
}
