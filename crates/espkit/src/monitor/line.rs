//! One serial line, classified: the ROM boot banner, an ESP-IDF log line (level, timestamp, tag, message) with
//! the kvs event it may carry, a KVS C SDK log line (with the signaling event it stands for), panics with their
//! register dumps and backtraces, core-dump markers, the application's ELF hash.

use super::c_sdk::{self, CSdkEvent};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Rom,
    Log,
    Event,
    Panic,
    /// A panic's register dump (`PC : 0x…  PS : 0x…`, `MEPC : 0x…  RA : 0x…`) or stack memory.
    Registers,
    Backtrace,
    CoreDump,
    ElfHash,
    Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<char>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The line without colours (for a log line: the message after `tag: `).
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<DeviceEvent>,
}

/// The event a line carries: one of the core's (the companion firmware's, or the virtual device's), or one the KVS
/// C SDK's log stands for. As JSON: `{"kind": …, "fields": {…}}`, every field as text.
#[derive(Debug, Clone, PartialEq)]
pub enum DeviceEvent {
    Kvs(kvs_core::event::Event),
    CSdk(CSdkEvent),
}

impl DeviceEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            DeviceEvent::Kvs(event) => event.kind(),
            DeviceEvent::CSdk(event) => event.kind(),
        }
    }

    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            DeviceEvent::Kvs(event) => event.fields(),
            DeviceEvent::CSdk(event) => event.fields(),
        }
    }
}

impl Serialize for DeviceEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields: serde_json::Map<String, serde_json::Value> =
            self.fields().into_iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v))).collect();
        let mut out = serializer.serialize_struct("Event", 2)?;
        out.serialize_field("kind", self.kind())?;
        out.serialize_field("fields", &fields)?;
        out.end()
    }
}

impl Line {
    /// The core event the line carries, if any.
    pub fn kvs_event(&self) -> Option<&kvs_core::event::Event> {
        match &self.event {
            Some(DeviceEvent::Kvs(event)) => Some(event),
            _ => None,
        }
    }
}

/// Removes ANSI colour sequences, control characters other than tabs, and the replacement characters that
/// stand for bytes that were not UTF-8 (line noise at a wrong baud rate, a reset mid-byte).
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else if (!c.is_control() || c == '\t') && c != char::REPLACEMENT_CHARACTER {
            out.push(c);
        }
    }
    out
}

const ROM_PREFIXES: [&str; 10] =
    ["ESP-ROM:", "ets ", "rst:", "boot:", "load:0x", "entry 0x", "SPIWP:", "mode:", "configsip:", "Build:"];

/// `L (timestamp) tag: message`, the ESP-IDF log format. The tag ends at its colon, whether a space follows
/// (`kvs: ev=…`) or not (the Wi-Fi driver's `wifi:mode : sta`); a line without a tag has none.
fn idf_log(text: &str) -> Option<(char, &str, Option<&str>, &str)> {
    let mut chars = text.chars();
    let level = chars.next().filter(|c| matches!(c, 'E' | 'W' | 'I' | 'D' | 'V'))?;
    let rest = text.get(1..)?.strip_prefix(" (")?;
    let (timestamp, rest) = rest.split_once(") ")?;
    if timestamp.is_empty() || !timestamp.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ' ' | '-')) {
        return None;
    }
    let tagged = rest
        .split_once(':')
        .filter(|(tag, _)| !tag.is_empty() && tag.len() <= 32 && !tag.contains(' ') && !tag.ends_with("()"));
    Some(match tagged {
        Some((tag, message)) => (level, timestamp, Some(tag), message.strip_prefix(' ').unwrap_or(message)),
        None => (level, timestamp, None, rest),
    })
}

/// The event a log message carries: the core's, else a C SDK message's (with or without its `function(): `).
fn event_in(message: &str) -> Option<DeviceEvent> {
    if let Some(event) = kvs_core::event::Event::find_in(message) {
        return Some(DeviceEvent::Kvs(event));
    }
    let (function, message) = c_sdk::parse(message).map_or(("", message), |line| (line.function, line.message));
    c_sdk::event(function, message).map(DeviceEvent::CSdk)
}

pub fn classify(raw: &str) -> Line {
    let text = clean(raw);
    let trimmed = text.trim();
    let plain =
        |kind| Line { kind, level: None, timestamp: None, tag: None, message: trimmed.to_string(), event: None };
    if let Some((level, timestamp, tag, message)) = idf_log(trimmed) {
        let event = event_in(message);
        // ESP-IDF's app_init (and the companion firmware) print the running build's hash at boot.
        let kind = match event {
            Some(_) => Kind::Event,
            None if message.starts_with("ELF file SHA256:") => Kind::ElfHash,
            None => Kind::Log,
        };
        return Line {
            kind,
            level: Some(level),
            timestamp: Some(timestamp.to_string()),
            tag: tag.map(str::to_string),
            message: message.to_string(),
            event,
        };
    }
    if let Some(line) = c_sdk::parse(trimmed) {
        let event = c_sdk::event(line.function, line.message).map(DeviceEvent::CSdk);
        return Line {
            kind: if event.is_some() { Kind::Event } else { Kind::Log },
            level: line.level,
            timestamp: line.timestamp.map(str::to_string),
            tag: Some(line.function.to_string()).filter(|f| !f.is_empty()),
            message: line.message.to_string(),
            event,
        };
    }
    if ROM_PREFIXES.iter().any(|p| trimmed.starts_with(p)) {
        return plain(Kind::Rom);
    }
    if trimmed.contains("Guru Meditation Error")
        || trimmed.contains("====== PANIC ======")
        || trimmed.starts_with("panicked at")
        || trimmed.contains("abort() was called")
    {
        return plain(Kind::Panic);
    }
    if trimmed.contains("register dump:") || trimmed == "Stack memory:" || is_register_line(trimmed) {
        return plain(Kind::Registers);
    }
    if trimmed.starts_with("Backtrace:") || trimmed.starts_with("STACKDUMP:") || is_bare_address(trimmed) {
        return plain(Kind::Backtrace);
    }
    if trimmed.contains("CORE DUMP START") || trimmed.contains("CORE DUMP END") {
        return plain(Kind::CoreDump);
    }
    if trimmed.starts_with("ELF file SHA256:") {
        return plain(Kind::ElfHash);
    }
    plain(Kind::Text)
}

/// `NAME : 0x…` pairs (Xtensa `PC      : 0x400d1234  PS : …`, RISC-V `MEPC    : 0x42001234  RA : …`), or a
/// stack memory row (`3fc8f6a0: 0x00000000 0x3fc8f6c0 …`).
fn is_register_line(text: &str) -> bool {
    let Some((name, value)) = text.split_once(':') else { return false };
    let name = name.trim();
    let register = !name.is_empty()
        && name.len() <= 8
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'/');
    let stack_row = name.len() == 8 && name.bytes().all(|b| b.is_ascii_hexdigit());
    (register || stack_row) && value.trim_start().starts_with("0x")
}

fn is_bare_address(text: &str) -> bool {
    text.strip_prefix("0x").is_some_and(|hex| hex.len() == 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Every `0x` followed by 8 hex digits in a line: the code addresses worth symbolizing.
pub fn addresses(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        if bytes[i] == b'0' && (bytes[i + 1] == b'x' || bytes[i + 1] == b'X') {
            // Bytes, not a str slice: the line may hold multi-byte characters right after the `0x`.
            let hex = &bytes[i + 2..i + 10];
            let ends = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_hexdigit());
            if hex.iter().all(u8::is_ascii_hexdigit) && ends {
                let digits =
                    hex.iter().fold(0u64, |value, &b| value << 4 | u64::from((b as char).to_digit(16).unwrap_or(0)));
                found.push(digits);
                i += 10;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_formats() {
        let event = classify("\x1b[0;32mI (12345) kvs: ev=api op=GetSignalingChannelEndpoint status=200 ms=84\x1b[0m");
        assert_eq!(event.kind, Kind::Event);
        assert_eq!(
            (event.level, event.tag.as_deref(), event.timestamp.as_deref()),
            (Some('I'), Some("kvs"), Some("12345"))
        );
        assert_eq!(
            event.kvs_event(),
            Some(&kvs_core::event::Event::Api {
                op: kvs_core::api::Operation::GetSignalingChannelEndpoint,
                status: 200,
                ms: 84
            })
        );
        let log = classify("W (10:02:03.456) wifi: disconnected, reason 201");
        assert_eq!((log.kind, log.message.as_str()), (Kind::Log, "disconnected, reason 201"));
        assert_eq!(classify("ESP-ROM:esp32c3-api1-20210207").kind, Kind::Rom);
        assert_eq!(classify("rst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)").kind, Kind::Rom);
        assert_eq!(classify("Guru Meditation Error: Core  0 panic'ed (LoadProhibited).").kind, Kind::Panic);
        assert_eq!(classify("====================== PANIC ======================").kind, Kind::Panic);
        assert_eq!(classify("0x42001234").kind, Kind::Backtrace);
        assert_eq!(classify("Backtrace: 0x40081234:0x3ffb0000 0x400d1234:0x3ffb0020").kind, Kind::Backtrace);
        assert_eq!(classify("================= CORE DUMP START =================").kind, Kind::CoreDump);
        assert_eq!(classify("ELF file SHA256: 0123456789abcdef").kind, Kind::ElfHash);
        let boot = classify("I (57) app_init: ELF file SHA256:  0123456789abcdef...");
        assert_eq!((boot.kind, boot.tag.as_deref()), (Kind::ElfHash, Some("app_init")));
        assert_eq!(classify("\u{0}\u{7}garbage \x1b[31mtext").message, "garbage text");
        assert_eq!(classify("I (x) tag: not a timestamp").kind, Kind::Text);
        assert_eq!(classify("Core  0 register dump:").kind, Kind::Registers);
        assert_eq!(classify("PC      : 0x400d1234  PS      : 0x00060e30  A0      : 0x800d5678").kind, Kind::Registers);
        assert_eq!(classify("MEPC    : 0x42000abc  RA      : 0x42000def  SP      : 0x3fc8f6a0").kind, Kind::Registers);
        assert_eq!(classify("3fc8f6a0: 0x00000000 0x3fc8f6c0 0x42000def 0x00000001").kind, Kind::Registers);
        // samples/Common.c: "Signaling client state changed to %d - '%s'", as the SDK's logger prints it.
        let c_sdk = classify(
            "2024-01-22 15:39:58.273 VERBOSE signalingClientStateChanged(): Signaling client state changed to 3 - 'Describe Channel'",
        );
        assert_eq!(
            (c_sdk.kind, c_sdk.level, c_sdk.tag.as_deref()),
            (Kind::Event, Some('V'), Some("signalingClientStateChanged"))
        );
        assert_eq!(c_sdk.event, Some(DeviceEvent::CSdk(CSdkEvent::State { from: None, to: "DESCRIBE" })));
        // The ESP-IDF port's kvs_signaling.c: ESP_LOGI(TAG, "KVS signaling state changed to %d", state).
        let esp_port = classify("\x1b[0;32mI (5120) kvs_signaling: KVS signaling state changed to 9\x1b[0m");
        assert_eq!(esp_port.tag.as_deref(), Some("kvs_signaling"));
        assert_eq!(esp_port.event, Some(DeviceEvent::CSdk(CSdkEvent::State { from: None, to: "CONNECTED" })));
        // The port's SDK lines: esp_log_writev with no date, level or tag.
        let raw = classify(
            "stepIceAgentStateMachine(): Ice agent state changed from ICE_AGENT_STATE_NEW to ICE_AGENT_STATE_CHECK_CONNECTION.",
        );
        assert_eq!((raw.kind, raw.level, raw.tag.as_deref()), (Kind::Event, None, Some("stepIceAgentStateMachine")));
        // ESP-IDF's Wi-Fi driver: the tag ends at its colon; every level.
        let wifi = classify("I (300) wifi:mode : sta (a0:b7:65:01:02:03)");
        assert_eq!((wifi.tag.as_deref(), wifi.message.as_str()), (Some("wifi"), "mode : sta (a0:b7:65:01:02:03)"));
        let warning = classify("W (310) wifi:Haven't to connect to a suitable AP now!");
        assert_eq!((warning.kind, warning.level, warning.tag.as_deref()), (Kind::Log, Some('W'), Some("wifi")));
        let untagged = classify("I (45) no tag here");
        assert_eq!((untagged.kind, untagged.tag, untagged.message.as_str()), (Kind::Log, None, "no tag here"));
        assert_eq!(classify("2024-01-02 03:04:05.678 INFO    main(): [KVS Master] started").kind, Kind::Log);
    }

    /// Real ESP-IDF boot logs (bootloader, esp_image, app_init, efuse_init, heap_init, spi_flash, Wi-Fi,
    /// task_wdt; ESP32, ESP32-S3 and ESP32-C3 boards, ESP-IDF v5.3 to v6.0, from public projects' logs): every line
    /// is a log line whose level, timestamp, tag and message put back together give the line.
    #[test]
    fn a_corpus_of_real_boot_logs_round_trips() {
        for original in include_str!("testdata/esp-idf-boot.log").lines() {
            let line = classify(original);
            assert!(matches!(line.kind, Kind::Log | Kind::ElfHash), "{original}: {line:?}");
            let (level, timestamp, tag) = (line.level.unwrap(), line.timestamp.unwrap(), line.tag.unwrap());
            let head = format!("{level} ({timestamp}) {tag}:");
            let rest = original.strip_prefix(&head).unwrap_or_else(|| panic!("{original}: {head}"));
            let separator = if rest.starts_with(' ') { " " } else { "" };
            assert_eq!(format!("{head}{separator}{}", line.message), original.trim_end(), "{original}");
            assert!(!tag.contains(' ') && !tag.contains(':'), "{original}: tag {tag:?}");
        }
        let wifi = classify("I (594) wifi:wifi driver task: 3ffc380c, prio:23, stack:6656, core=0");
        assert_eq!(
            (wifi.tag.as_deref(), wifi.message.as_str()),
            (Some("wifi"), "wifi driver task: 3ffc380c, prio:23, stack:6656, core=0")
        );
    }

    /// Real panics: an ESP32-C3's (RISC-V register dump and stack memory), an ESP32-H2's, an ESP32's (Xtensa
    /// registers and a backtrace), as ESP-IDF's panic handler prints them.
    #[test]
    fn a_corpus_of_real_panics_is_classified_line_by_line() {
        let kinds: Vec<Kind> = include_str!("testdata/panics.log").lines().map(|l| classify(l).kind).collect();
        use Kind::{Backtrace, Panic, Registers};
        assert_eq!(
            kinds,
            [
                Panic, Registers, Registers, Registers, Registers, Registers, Registers, Registers, Registers, Panic,
                Registers, Registers, Registers, Registers, Registers, Backtrace
            ]
        );
    }

    /// Serial noise of every shape: classification never panics and always keeps a readable message.
    #[test]
    fn survives_random_bytes() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let seeds: [&[u8]; 4] =
            [b"2020-08-11 06:36:58 INFO  f(): ", b"I (12) kvs: ev=", b"MEPC    : 0x", b"ESP-ROM:esp32c3"];
        for _ in 0..20_000 {
            let mut bytes = seeds[rng.random_range(0..seeds.len())].to_vec();
            let noise: Vec<u8> = (0..rng.random_range(0..80)).map(|_| rng.random()).collect();
            let at = rng.random_range(0..=bytes.len());
            bytes.splice(at..at, noise);
            let text = String::from_utf8_lossy(&bytes);
            let line = classify(&text);
            assert!(!line.message.contains('\x1b'));
            let _ = addresses(&line.message);
        }
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(addresses("Backtrace: 0x40081234:0x3FFB0000 0x123 0x4200123456"), [0x4008_1234, 0x3ffb_0000]);
        assert!(addresses("no address").is_empty());
    }
}
