//! Clock-skew tracking, shared by the host and the device. SigV4 fails when the local clock is more than 5
//! minutes off the service's, which is the everyday state of a device without SNTP and of many VMs. Every
//! response's `Date` is compared with the local clock; beyond the threshold the offset is kept and applied to
//! every later signature, the WebSocket presign included.

/// The C SDK's threshold: offsets within 5 minutes are left alone.
pub const SKEW_THRESHOLD_MS: u64 = 5 * 60 * 1000;

/// What observing one `Date` header found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkewChange {
    Unchanged,
    /// The offset crossed the threshold (or moved); the value is the new offset in ms (server − local).
    Detected(i64),
    /// The clocks agree again.
    Cleared,
}

/// The signed offset, server time minus local time, in milliseconds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SkewTracker {
    offset_ms: i64,
}

impl SkewTracker {
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    /// The time to sign with, for a local Unix time in milliseconds.
    pub fn corrected_ms(&self, local_unix_ms: u64) -> u64 {
        local_unix_ms.saturating_add_signed(self.offset_ms)
    }

    /// Compares a response's `Date` (Unix ms, whole seconds) with the local Unix ms it arrived at.
    pub fn observe(&mut self, server_unix_ms: u64, local_unix_ms: u64) -> SkewChange {
        let diff = server_unix_ms as i64 - local_unix_ms as i64;
        if diff.unsigned_abs() > SKEW_THRESHOLD_MS {
            // `Date` has one-second resolution; a corrected clock can still read up to a second off.
            let moved = (diff - self.offset_ms).abs() > 2_000;
            self.offset_ms = diff;
            if moved { SkewChange::Detected(diff) } else { SkewChange::Unchanged }
        } else if self.offset_ms != 0 {
            self.offset_ms = 0;
            SkewChange::Cleared
        } else {
            SkewChange::Unchanged
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_clears() {
        let mut skew = SkewTracker::default();
        let local = 1_000_000_000;
        assert_eq!(skew.observe(local + 60_000, local), SkewChange::Unchanged);
        assert_eq!(skew.observe(local + 600_000, local), SkewChange::Detected(600_000));
        assert_eq!(skew.observe(local + 600_000, local), SkewChange::Unchanged);
        assert_eq!(skew.corrected_ms(local), local + 600_000);
        assert_eq!(skew.observe(local, local), SkewChange::Cleared);
        assert_eq!(skew.observe(local - 3_600_000, local), SkewChange::Detected(-3_600_000));
        assert_eq!(skew.corrected_ms(local), local - 3_600_000);
    }
}
