//! The KVS WebRTC C SDK's own log lines, so that users of the C port (on ESP-IDF or Linux) get the same
//! classification as the companion firmware: `2020-08-11 06:36:58.123 DEBUG   function(): message`, and the
//! messages that carry the signaling flow — state changes, the state machine's transitions, API calls and
//! their failures — turned into the core's event vocabulary (`state` with `to=CONNECTED`, …), wherever they
//! appear (printed directly, or inside an ESP-IDF log line).

/// A C SDK log line's parts.
pub struct CSdkLine<'a> {
    pub level: char,
    pub timestamp: &'a str,
    pub function: &'a str,
    pub message: &'a str,
}

/// `YYYY-MM-DD HH:MM:SS[.mmm] LEVEL function(): message`.
pub fn parse(text: &str) -> Option<CSdkLine<'_>> {
    let bytes = text.as_bytes();
    let dated = bytes.len() > 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b' '
        && bytes[13] == b':'
        && bytes[..4].iter().all(u8::is_ascii_digit);
    if !dated {
        return None;
    }
    let time_end = text[11..].find(' ')? + 11;
    let rest = text[time_end..].trim_start();
    let (level_word, rest) = rest.split_once(' ')?;
    let level = match level_word {
        "VERBOSE" => 'V',
        "DEBUG" => 'D',
        "INFO" => 'I',
        "WARN" | "WARNING" => 'W',
        "ERROR" | "FATAL" => 'E',
        _ => return None,
    };
    let rest = rest.trim_start();
    let (function, message) = rest.split_once("(): ").unwrap_or(("", rest));
    Some(CSdkLine { level, timestamp: &text[..time_end], function, message })
}

/// The C SDK's state display names and bits, as the core names its states.
const STATES: [(&str, u64, &str); 16] = [
    ("New", 0x1, "NEW"),
    ("Get Security Credentials", 0x2, "GET_TOKEN"),
    ("Describe Channel", 0x4, "DESCRIBE"),
    ("Create Channel", 0x8, "CREATE"),
    ("Get Channel Endpoint", 0x10, "GET_ENDPOINT"),
    ("Get ICE Server Configuration", 0x20, "GET_ICE_CONFIG"),
    ("Ready", 0x40, "READY"),
    ("Connecting", 0x80, "CONNECT"),
    ("Connected", 0x100, "CONNECTED"),
    ("Disconnected", 0x200, "DISCONNECTED"),
    ("Delete", 0x400, "DELETE"),
    ("Deleted", 0x800, "DELETED"),
    ("Describe Media Storage", 0x1000, "DESCRIBE_MEDIA"),
    ("Join Session", 0x2000, "JOIN_SESSION"),
    ("Join Session Waiting", 0x4000, "JOIN_SESSION_WAITING"),
    ("Join Session Connected", 0x8000, "JOIN_SESSION_CONNECTED"),
];

/// The API a C SDK URL calls, by its path's last segment.
const APIS: [(&str, &str); 6] = [
    ("describeSignalingChannel", "DescribeSignalingChannel"),
    ("createSignalingChannel", "CreateSignalingChannel"),
    ("getSignalingChannelEndpoint", "GetSignalingChannelEndpoint"),
    ("getIceServerConfig", "GetIceServerConfig"),
    ("deleteSignalingChannel", "DeleteSignalingChannel"),
    ("joinStorageSession", "JoinStorageSession"),
];

/// A signaling event a C SDK message stands for. The C SDK's state machine has states the core's does not
/// (GET_TOKEN, READY, JOIN_SESSION…), so its states are the C SDK's own names, spelled as the core spells its.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CSdkEvent {
    /// The signaling client's state changed (`from` when the line names it).
    State { from: Option<&'static str>, to: &'static str },
    /// An API call began: the operation's name (or the path's last segment when unknown) and the URL.
    ApiCall { op: String, url: String },
    /// An API call failed with this C SDK status code.
    ApiFailed { status: String },
}

impl CSdkEvent {
    /// The event's kind, as the monitor's JSON names it.
    pub fn kind(&self) -> &'static str {
        match self {
            CSdkEvent::State { .. } => "state",
            CSdkEvent::ApiCall { .. } => "api-call",
            CSdkEvent::ApiFailed { .. } => "api-failed",
        }
    }

    /// The event's fields, in order.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            CSdkEvent::State { from, to } => {
                from.map(|from| ("from", from.to_string())).into_iter().chain([("to", to.to_string())]).collect()
            }
            CSdkEvent::ApiCall { op, url } => vec![("op", op.clone()), ("url", url.clone())],
            CSdkEvent::ApiFailed { status } => vec![("status", status.clone())],
        }
    }
}

/// The event a C SDK message stands for.
pub fn event(message: &str) -> Option<CSdkEvent> {
    if let Some(rest) = message.split("state changed to ").nth(1) {
        let name = rest.split('\'').nth(1)?;
        let (_, _, to) = STATES.iter().find(|(display, _, _)| *display == name)?;
        return Some(CSdkEvent::State { from: None, to });
    }
    if let Some(rest) = message.strip_prefix("State Machine - Current state: ") {
        let (from, next) = rest.split_once(", Next state: ")?;
        return Some(CSdkEvent::State { from: Some(state_of_bits(from)?), to: state_of_bits(next)? });
    }
    if let Some(url) = message.split("call for URL: ").nth(1) {
        let url = url.trim();
        let path = url.rsplit('/').next().unwrap_or_default();
        let op = APIS.iter().find(|(segment, _)| *segment == path).map_or(path, |(_, op)| op);
        return Some(CSdkEvent::ApiCall { op: op.to_string(), url: url.to_string() });
    }
    if let Some(status) = message.split("Call Failed with Status: ").nth(1) {
        return Some(CSdkEvent::ApiFailed { status: status.trim().to_string() });
    }
    None
}

fn state_of_bits(hex: &str) -> Option<&'static str> {
    let bits = u64::from_str_radix(hex.trim().trim_start_matches("0x"), 16).ok()?;
    STATES.iter().find(|(_, b, _)| *b == bits).map(|(_, _, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_c_sdk_lines_and_their_signaling_events() {
        let line = parse(
            "2020-08-11 06:36:58 VERBOSE signalingClientStateChanged(): Signaling client state changed to 9 - 'Connected'",
        )
        .unwrap();
        assert_eq!(
            (line.level, line.timestamp, line.function),
            ('V', "2020-08-11 06:36:58", "signalingClientStateChanged")
        );
        assert_eq!(event(line.message), Some(CSdkEvent::State { from: None, to: "CONNECTED" }));

        let line = parse(
            "2023-11-03 15:46:30.368 DEBUG   stepStateMachine(): State Machine - Current state: 0x0000000000000004, Next state: 0x0000000000000010",
        )
        .unwrap();
        assert_eq!(event(line.message), Some(CSdkEvent::State { from: Some("DESCRIBE"), to: "GET_ENDPOINT" }));

        let call = event(
            "Perform secure synchronous call for URL: https://kinesisvideo.us-west-2.amazonaws.com/describeSignalingChannel",
        )
        .unwrap();
        assert_eq!((call.kind(), call.fields()[0].1.as_str()), ("api-call", "DescribeSignalingChannel"));
        let failed = event("Call Failed with Status: 0x5d000015").unwrap();
        assert_eq!(failed, CSdkEvent::ApiFailed { status: "0x5d000015".into() });

        assert!(parse("I (12) kvs: ev=ping").is_none());
        assert!(parse("2020-08-11 06:36:58 NOTALEVEL x").is_none());
        assert!(event("nothing to see").is_none());
    }
}
