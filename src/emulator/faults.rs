//! Faults the emulator injects on request, through `POST /_emulator/faults` (or `kvs-esp emulator fault`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Send GO_AWAY to the channel's clients, then close after the grace period.
    GoAway,
    /// Send RECONNECT_ICE_SERVER to the channel's clients.
    ReconnectIceServer,
    /// Drop the channel's connections without a close frame.
    Drop,
    /// Refuse the next handshakes (--count, default 1) with an HTTP status (--status, default 503).
    RefuseHandshakes,
    /// Shift the emulator's clock by --seconds (0 puts it back).
    ClockOffset,
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
}
