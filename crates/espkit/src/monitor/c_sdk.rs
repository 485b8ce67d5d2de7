//! The KVS WebRTC C SDK's own log lines, so that users of the C SDK (on Linux, or on ESP-IDF through its port)
//! get the same classification as the companion firmware. The SDK's logger prints
//! `2024-01-22 15:40:33.220 INFO    function(): message`; the ESP-IDF port's prints the same message through
//! `esp_log_writev` with no date, level or tag (`function(): message`); the port's own files log with ESP-IDF's
//! macros (`I (5120) kvs_signaling: …`). The messages that carry the flow — the signaling client's states and
//! its state machine's transitions, API calls and their times, the ICE agent's and TURN connections' states,
//! failed operations — become events, wherever they appear.

use kvs_core::api::Operation;

/// A C SDK log line's parts; `level` and `timestamp` are absent on the ESP-IDF port's raw lines.
pub struct CSdkLine<'a> {
    pub level: Option<char>,
    pub timestamp: Option<&'a str>,
    pub function: &'a str,
    pub message: &'a str,
}

/// `YYYY-MM-DD HH:MM:SS[.mmm] LEVEL function(): message` (the SDK's logger), or `function(): message` (the
/// ESP-IDF port's, printed without its metadata).
pub fn parse(text: &str) -> Option<CSdkLine<'_>> {
    let bytes = text.as_bytes();
    let dated = bytes.len() > 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b' '
        && bytes[13] == b':'
        && bytes[..4].iter().all(u8::is_ascii_digit);
    if !dated {
        let (function, message) = text.split_once("(): ")?;
        let identifier = !function.is_empty()
            && function.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !function.as_bytes()[0].is_ascii_digit();
        return identifier.then_some(CSdkLine { level: None, timestamp: None, function, message });
    }
    let time_end = text[11..].find(' ')? + 11;
    let rest = text[time_end..].trim_start();
    let (level_word, rest) = rest.split_once(' ')?;
    let level = match level_word {
        "VERBOSE" => 'V',
        "DEBUG" => 'D',
        "INFO" | "PROFILE" => 'I',
        "WARN" | "WARNING" => 'W',
        "ERROR" | "FATAL" => 'E',
        _ => return None,
    };
    let rest = rest.trim_start();
    let (function, message) = rest.split_once("(): ").unwrap_or(("", rest));
    Some(CSdkLine { level: Some(level), timestamp: Some(&text[..time_end]), function, message })
}

/// The signaling client's states: `SIGNALING_CLIENT_STATE` number, display name (`signalingClientGetStateString`),
/// state machine bit (`SIGNALING_STATE_*`), and the name the monitor gives it (the core's where it has one).
const STATES: [(u32, &str, u64, &str); 16] = [
    (1, "New", 0x1, "NEW"),
    (2, "Get Security Credentials", 0x2, "GET_TOKEN"),
    (3, "Describe Channel", 0x4, "DESCRIBE"),
    (4, "Create Channel", 0x8, "CREATE"),
    (5, "Get Channel Endpoint", 0x10, "GET_ENDPOINT"),
    (6, "Get ICE Server Configuration", 0x20, "GET_ICE_CONFIG"),
    (7, "Ready", 0x40, "READY"),
    (8, "Connecting", 0x80, "CONNECT"),
    (9, "Connected", 0x100, "CONNECTED"),
    (10, "Disconnected", 0x200, "DISCONNECTED"),
    (11, "Delete", 0x400, "DELETE"),
    (12, "Deleted", 0x800, "DELETED"),
    (13, "Describe Media Storage", 0x1000, "DESCRIBE_MEDIA"),
    (14, "Join Session", 0x2000, "JOIN_SESSION"),
    (15, "Join Session Waiting", 0x4000, "JOIN_SESSION_WAITING"),
    (16, "Join Session Connected", 0x8000, "JOIN_SESSION_CONNECTED"),
];

/// The signaling steps the SDK times (`PROFILE … [Describe signaling call] Time taken: N ms`), as the core names
/// the calls; the WebSocket connect is no API call and keeps the SDK's word.
const TIMED: [(&str, &str); 5] = [
    ("Describe signaling call", "DescribeSignalingChannel"),
    ("Create signaling call", "CreateSignalingChannel"),
    ("Get endpoint signaling call", "GetSignalingChannelEndpoint"),
    ("Get ICE config signaling call", "GetIceServerConfig"),
    ("Connect signaling call", "Connect"),
];

/// The ICE agent's states (`ICE_AGENT_STATE_*`, IceAgent.h), as the monitor names them.
const ICE_AGENT_STATES: [&str; 8] =
    ["NEW", "CHECK_CONNECTION", "CONNECTED", "NOMINATING", "READY", "DISCONNECTED", "FAILED", "NONE"];

/// A TURN connection's states (`TURN_STATE_*`, TurnConnection.h).
const TURN_STATES: [&str; 10] = [
    "NEW",
    "CHECK_SOCKET_CONNECTION",
    "GET_CREDENTIALS",
    "ALLOCATION",
    "CREATE_PERMISSION",
    "BIND_CHANNEL",
    "READY",
    "CLEAN_UP",
    "FAILED",
    "NONE",
];

/// An event a C SDK message stands for. Its words are the SDK's (its state machines have states the core's do
/// not), from the fixed tables above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CSdkEvent {
    /// The signaling client's state changed (`from` when the line names it).
    State { from: Option<&'static str>, to: &'static str },
    /// An API call began: the core's name of the operation (the URL's path when it is none of the core's).
    ApiCall { op: String, url: String },
    /// A signaling step finished, and how long it took.
    ApiTime { op: &'static str, ms: u64 },
    /// The service answered an HTTP call with this status.
    HttpStatus { status: u16 },
    /// The ICE agent's state changed.
    IceAgent { from: &'static str, to: &'static str },
    /// A TURN connection's state changed.
    Turn { from: &'static str, to: &'static str },
    /// An operation in `function` failed with this SDK status code (`0x5a00000d`, …).
    Failed { function: String, status: String },
}

impl CSdkEvent {
    /// The event's kind, as the monitor's JSON names it.
    pub fn kind(&self) -> &'static str {
        match self {
            CSdkEvent::State { .. } => "state",
            CSdkEvent::ApiCall { .. } => "api-call",
            CSdkEvent::ApiTime { .. } => "api-time",
            CSdkEvent::HttpStatus { .. } => "http-status",
            CSdkEvent::IceAgent { .. } => "ice-agent",
            CSdkEvent::Turn { .. } => "turn-state",
            CSdkEvent::Failed { .. } => "failed",
        }
    }

    /// The event's fields, in order.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            CSdkEvent::State { from, to } => {
                from.map(|from| ("from", from.to_string())).into_iter().chain([("to", to.to_string())]).collect()
            }
            CSdkEvent::ApiCall { op, url } => vec![("op", op.clone()), ("url", url.clone())],
            CSdkEvent::ApiTime { op, ms } => vec![("op", op.to_string()), ("ms", ms.to_string())],
            CSdkEvent::HttpStatus { status } => vec![("status", status.to_string())],
            CSdkEvent::IceAgent { from, to } | CSdkEvent::Turn { from, to } => {
                vec![("from", from.to_string()), ("to", to.to_string())]
            }
            CSdkEvent::Failed { function, status } => vec![("function", function.clone()), ("status", status.clone())],
        }
    }
}

/// The event a C SDK message (from `function`, when the line names it) stands for.
pub fn event(function: &str, message: &str) -> Option<CSdkEvent> {
    let message = message.trim_end();
    // samples/Common.c: "Signaling client state changed to %d - '%s'".
    if let Some(rest) = message.strip_prefix("Signaling client state changed to ") {
        let name = rest.split('\'').nth(1);
        let number = rest.split(' ').next().and_then(|n| n.parse::<u32>().ok());
        let state =
            STATES.iter().find(|(n, display, _, _)| Some(*display) == name || (name.is_none() && Some(*n) == number));
        return state.map(|(_, _, _, to)| CSdkEvent::State { from: None, to });
    }
    // The ESP-IDF port's kvs_signaling.c: "KVS signaling state changed to %d".
    if let Some(number) = message.strip_prefix("KVS signaling state changed to ") {
        let number: u32 = number.trim().parse().ok()?;
        let (_, _, _, to) = STATES.iter().find(|(n, _, _, _)| *n == number)?;
        return Some(CSdkEvent::State { from: None, to });
    }
    // The common state machine (PIC src/state/src/State.c, stepStateMachine): "[%s] State Machine - Current
    // state: 0x%016llx, Next state: 0x%016llx, …" (named), the same without the name, and older releases' bare
    // "State Machine - Current state: 0x…, Next state: 0x…". Only the signaling client's machine is read: the
    // ICE agent's and TURN connections' have their own bits, and their own lines below.
    if let Some((name, rest)) = state_machine_line(message) {
        if name.is_some_and(|name| name != "SIGNALING") {
            return None;
        }
        let (from, rest) = rest.split_once(", Next state: ")?;
        let next = rest.split(',').next()?;
        return Some(CSdkEvent::State { from: Some(state_of_bits(from)?), to: state_of_bits(next)? });
    }
    // Signaling/LwsApiCalls.c (lwsCompleteSync): "Perform %s synchronous call for URL: %s".
    if let Some(url) = message.split(" synchronous call for URL: ").nth(1) {
        let url = url.trim();
        let op = Operation::ALL.iter().find(|op| url.ends_with(op.path())).map(|op| op.name().to_string());
        let op = op.unwrap_or_else(|| url.rsplit('/').next().unwrap_or_default().to_string());
        return Some(CSdkEvent::ApiCall { op, url: url.to_string() });
    }
    // Signaling/StateMachine.c (PROFILE_WITH_START_TIME_OBJ): "[Describe signaling call] Time taken: %llu ms".
    if let Some(rest) = message.strip_prefix('[') {
        let (step, rest) = rest.split_once("] Time taken: ")?;
        let (_, op) = TIMED.iter().find(|(label, _)| *label == step)?;
        let ms = rest.trim().strip_suffix("ms")?.trim().parse().ok()?;
        return Some(CSdkEvent::ApiTime { op, ms });
    }
    // Signaling/LwsApiCalls.c (lwsHttpCallbackRoutine): "Connected with server response: %d".
    if let Some(status) = message.strip_prefix("Connected with server response: ") {
        return Some(CSdkEvent::HttpStatus { status: status.trim().parse().ok()? });
    }
    // Ice/IceAgent.c (stepIceAgentStateMachine): "Ice agent state changed from %s to %s.".
    if let Some(rest) = message.strip_prefix("Ice agent state changed from ") {
        let (from, to) = rest.trim_end_matches('.').split_once(" to ")?;
        let word = |s: &str| ICE_AGENT_STATES.iter().copied().find(|w| s.strip_prefix("ICE_AGENT_STATE_") == Some(*w));
        return Some(CSdkEvent::IceAgent { from: word(from)?, to: word(to)? });
    }
    // Ice/TurnConnection.c (turnConnectionStepState): "TurnConnection state changed from %s to %s".
    if let Some(rest) = message.strip_prefix("TurnConnection state changed from ") {
        let (from, to) = rest.split_once(" to ")?;
        let word = |s: &str| TURN_STATES.iter().copied().find(|w| s.strip_prefix("TURN_STATE_") == Some(*w));
        return Some(CSdkEvent::Turn { from: word(from)?, to: word(to)? });
    }
    // CHK_LOG_ERR (PIC's common headers): "operation returned status code: 0x%08x".
    if let Some(status) = message.strip_prefix("operation returned status code: ") {
        let status = status.trim();
        let hex = status.strip_prefix("0x").filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
        return Some(CSdkEvent::Failed { function: function.to_string(), status: format!("0x{hex}") });
    }
    None
}

/// `[NAME] State Machine - Current state: …` → (`Some(NAME)`, after "Current state: "); unnamed → `None`.
fn state_machine_line(message: &str) -> Option<(Option<&str>, &str)> {
    const MARK: &str = "State Machine - Current state: ";
    match message.strip_prefix('[') {
        Some(named) => {
            let (name, rest) = named.split_once("] ")?;
            Some((Some(name), rest.strip_prefix(MARK)?))
        }
        None => Some((None, message.strip_prefix(MARK)?)),
    }
}

fn state_of_bits(hex: &str) -> Option<&'static str> {
    let bits = u64::from_str_radix(hex.trim().trim_start_matches("0x"), 16).ok()?;
    STATES.iter().find(|(_, _, b, _)| *b == bits).map(|(_, _, _, name)| *name)
}

#[cfg(test)]
mod tests {
    //! Every line here is one the SDK prints: its format string (the file beside it) filled in, most of them as
    //! a device's log showed them (a T31 camera on the C SDK, January 2024).
    use super::*;

    fn event_of(text: &str) -> Option<CSdkEvent> {
        let line = parse(text)?;
        event(line.function, line.message)
    }

    #[test]
    fn signaling_states_from_the_callbacks_and_the_state_machine() {
        // samples/Common.c, signalingClientStateChanged: DLOGV("Signaling client state changed to %d - '%s'", …)
        let line = "2024-01-22 15:39:58.273 VERBOSE signalingClientStateChanged(): Signaling client state changed to 9 - 'Connected'";
        assert_eq!(event_of(line), Some(CSdkEvent::State { from: None, to: "CONNECTED" }));
        // PIC src/state/src/State.c, stepStateMachine (named machines): DLOGV("[%s] State Machine - Current state: …")
        let named = "2024-06-10 09:12:44.101 VERBOSE stepStateMachine(): [SIGNALING] State Machine - Current state: 0x0000000000000004, Next state: 0x0000000000000010, Current local state retry count [0], Max local state retry count [5], State transition wait time [0] ms";
        assert_eq!(event_of(named), Some(CSdkEvent::State { from: Some("DESCRIBE"), to: "GET_ENDPOINT" }));
        // The same, unnamed, as the ESP-IDF port prints it through esp_log_writev: no date, level or tag.
        let port = "stepStateMachine(): State Machine - Current state: 0x0000000000000080, Next state: 0x0000000000000100, Current local state retry count [0], Max local state retry count [5], State transition wait time [0] ms";
        let line = parse(port).unwrap();
        assert_eq!((line.level, line.timestamp, line.function), (None, None, "stepStateMachine"));
        assert_eq!(event_of(port), Some(CSdkEvent::State { from: Some("CONNECT"), to: "CONNECTED" }));
        // Older releases: DLOGD("State Machine - Current state: 0x%016" PRIx64 ", Next state: 0x%016" PRIx64, …)
        let old = "2020-08-11 06:36:58.123 DEBUG   stepStateMachine(): State Machine - Current state: 0x0000000000000020, Next state: 0x0000000000000080";
        assert_eq!(event_of(old), Some(CSdkEvent::State { from: Some("GET_ICE_CONFIG"), to: "CONNECT" }));
        // A TURN connection's machine (named "TURN-%p" in TurnConnection.c) has bits of its own: not signaling's.
        let turn = "stepStateMachine(): [TURN-0x3fcb2a40] State Machine - Current state: 0x0000000000000004, Next state: 0x0000000000000008, Current local state retry count [0], Max local state retry count [0], State transition wait time [0] ms";
        assert_eq!(event_of(turn), None);
    }

    #[test]
    fn the_esp_idf_ports_own_lines() {
        // components/kvs_signaling/src/kvs_signaling.c: ESP_LOGI(TAG, "KVS signaling state changed to %d", state)
        assert_eq!(
            event("", "KVS signaling state changed to 9"),
            Some(CSdkEvent::State { from: None, to: "CONNECTED" })
        );
        assert_eq!(
            event("", "KVS signaling state changed to 3"),
            Some(CSdkEvent::State { from: None, to: "DESCRIBE" })
        );
        assert_eq!(event("", "KVS signaling state changed to 99"), None);
    }

    #[test]
    fn api_calls_as_the_core_names_them_with_their_times_and_statuses() {
        // Signaling/LwsApiCalls.c: DLOGV("Perform %s synchronous call for URL: %s", …)
        let call = "2024-01-22 15:39:58.273 VERBOSE lwsCompleteSync(): Perform secure synchronous call for URL: https://r-bd9d2fe4.kinesisvideo.us-east-1.amazonaws.com/v1/get-ice-server-config";
        let Some(CSdkEvent::ApiCall { op, .. }) = event_of(call) else { panic!("an API call") };
        assert_eq!(op, "GetIceServerConfig");
        let describe = "lwsCompleteSync(): Perform secure synchronous call for URL: https://kinesisvideo.us-east-1.amazonaws.com/describeSignalingChannel";
        assert!(matches!(event_of(describe), Some(CSdkEvent::ApiCall { op, .. }) if op == "DescribeSignalingChannel"));
        // Signaling/StateMachine.c (PROFILE_WITH_START_TIME_OBJ), as the device logged it.
        let timed = "2024-01-22 15:40:00.070 PROFILE executeDescribeSignalingState(): [Describe signaling call] Time taken: 1797 ms";
        assert_eq!(parse(timed).map(|l| l.level), Some(Some('I')));
        assert_eq!(event_of(timed), Some(CSdkEvent::ApiTime { op: "DescribeSignalingChannel", ms: 1797 }));
        let ice = "2024-01-22 15:40:03.236 PROFILE executeGetIceConfigSignalingState(): [Get ICE config signaling call] Time taken: 1388 ms";
        assert_eq!(event_of(ice), Some(CSdkEvent::ApiTime { op: "GetIceServerConfig", ms: 1388 }));
        // Signaling/LwsApiCalls.c, lwsHttpCallbackRoutine: DLOGD("Connected with server response: %d", status)
        let status = "2024-01-22 15:40:00.069 DEBUG   lwsHttpCallbackRoutine(): Connected with server response: 200";
        assert_eq!(event_of(status), Some(CSdkEvent::HttpStatus { status: 200 }));
    }

    #[test]
    fn ice_agent_and_turn_states_and_failures() {
        // Ice/IceAgent.c, stepIceAgentStateMachine: "Ice agent state changed from %s to %s."
        let ice = "2024-01-22 15:40:34.680 INFO    stepIceAgentStateMachine(): Ice agent state changed from ICE_AGENT_STATE_CHECK_CONNECTION to ICE_AGENT_STATE_CONNECTED.";
        assert_eq!(event_of(ice), Some(CSdkEvent::IceAgent { from: "CHECK_CONNECTION", to: "CONNECTED" }));
        // Ice/TurnConnection.c, turnConnectionStepState: DLOGD("TurnConnection state changed from %s to %s", …)
        let turn = "2024-01-22 15:40:34.679 DEBUG   turnConnectionStepState(): TurnConnection state changed from TURN_STATE_ALLOCATION to TURN_STATE_CREATE_PERMISSION";
        assert_eq!(event_of(turn), Some(CSdkEvent::Turn { from: "ALLOCATION", to: "CREATE_PERMISSION" }));
        // CHK_LOG_ERR: "operation returned status code: 0x%08x", from the function that failed.
        let failed =
            "2024-01-22 15:40:33.561 ERROR   turnConnectionStepState(): operation returned status code: 0x15000020";
        assert_eq!(
            event_of(failed),
            Some(CSdkEvent::Failed { function: "turnConnectionStepState".into(), status: "0x15000020".into() })
        );
        assert_eq!(event_of("2024-01-22 15:40:33.561 ERROR   f(): operation returned status code: 0xnothex"), None);
    }

    #[test]
    fn what_is_not_a_c_sdk_line() {
        assert!(parse("I (12) kvs: ev=ping").is_none());
        assert!(parse("2020-08-11 06:36:58 NOTALEVEL x").is_none());
        assert!(parse("1x(): starts with a digit").is_none());
        assert!(parse("a b(): has a space").is_none());
        assert_eq!(event("", "nothing to see"), None);
        // Lines the SDK prints that carry no event stay log lines.
        assert_eq!(
            event_of("2024-01-22 15:39:58.273 INFO    describeChannel(): Calling because call is uncached"),
            None
        );
    }
}
