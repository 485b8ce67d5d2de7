//! Wall-clock helpers shared by the client's modules.

use std::time::SystemTime;

/// Unix seconds now (the local clock, uncorrected): cache ages, credential and certificate expiry.
pub fn now_secs() -> u64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// `2026-11-25 15:22:01 UTC` from Unix seconds.
pub fn utc(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = kvs_core::time::civil_from_unix(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
}
