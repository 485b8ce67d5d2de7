//! Faults the emulator injects on request, through its admin endpoint `POST /_emulator/faults` (loopback,
//! unauthenticated), e.g. `curl -d '{"fault":"go-away","channel":"demo"}' http://127.0.0.1:8480/_emulator/faults`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Send GO_AWAY to the channel's clients, then close after the grace period.
    GoAway,
    /// Send RECONNECT_ICE_SERVER to the channel's clients.
    ReconnectIceServer,
    /// Drop the channel's connections without a close frame.
    Drop,
    /// Refuse the next handshakes (`count`, default 1) with an HTTP status (`status`, default 503).
    RefuseHandshakes,
    /// Shift the emulator's clock by `seconds` (0 puts it back).
    ClockOffset,
    /// Send raw frames to the channel's clients: each of `frames` as a text frame, and a binary frame when
    /// `binary` is true (for testing how clients survive garbage).
    RawFrames,
}

/// One fault request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    #[serde(rename = "fault")]
    pub kind: Kind,
    /// The channel whose clients get the fault; all channels when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<String>,
    #[serde(default)]
    pub binary: bool,
}
