//! Clock-skew correction. SigV4 fails when the local clock is more than 5 minutes off the service's, which is
//! the everyday state of a device without SNTP and of many VMs. Every response's `Date` header is compared
//! with the local clock; beyond the threshold the offset is kept and applied to every later signature.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The C SDK's threshold: offsets within 5 minutes are left alone.
pub const SKEW_THRESHOLD: Duration = Duration::from_secs(5 * 60);

/// A signed offset, server time minus local time, in milliseconds.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: Mutex<i64>,
}

/// What observing one `Date` header found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkewChange {
    Unchanged,
    /// The offset crossed the threshold (or moved); the value is the new offset in ms.
    Detected(i64),
    /// The clocks agree again.
    Cleared,
}

impl Clock {
    /// The corrected time to sign with.
    pub fn now(&self) -> SystemTime {
        shift(SystemTime::now(), self.offset_ms())
    }

    pub fn offset_ms(&self) -> i64 {
        *self.offset_ms.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Compares a response's `Date` (whole seconds) with the local time it arrived at.
    pub fn observe(&self, server: SystemTime, local: SystemTime) -> SkewChange {
        let diff = signed_ms(server, local);
        let mut offset = self.offset_ms.lock().unwrap_or_else(|p| p.into_inner());
        // `Date` has one-second resolution; a corrected clock can still read up to a second off.
        if diff.unsigned_abs() > SKEW_THRESHOLD.as_millis() as u64 {
            let changed = (diff - *offset).abs() > 2_000;
            *offset = diff;
            if changed { SkewChange::Detected(diff) } else { SkewChange::Unchanged }
        } else if *offset != 0 {
            *offset = 0;
            SkewChange::Cleared
        } else {
            SkewChange::Unchanged
        }
    }
}

fn signed_ms(a: SystemTime, b: SystemTime) -> i64 {
    match a.duration_since(b) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    }
}

pub fn shift(time: SystemTime, offset_ms: i64) -> SystemTime {
    if offset_ms >= 0 {
        time + Duration::from_millis(offset_ms as u64)
    } else {
        time - Duration::from_millis(offset_ms.unsigned_abs())
    }
}

/// "about 12 min behind" / "about 3 h 2 min ahead of": how a person reads an offset. `Date` has one-second
/// resolution, so anything past a minute is rounded to the minute.
pub fn describe_offset(offset_ms: i64) -> String {
    let secs = (offset_ms.unsigned_abs() + 500) / 1000;
    let minutes = (secs + 30) / 60;
    let amount = match (secs, minutes / 60) {
        (0..60, _) => format!("{secs} s"),
        (_, 0) => format!("about {minutes} min"),
        (_, h) => format!("about {h} h {} min", minutes % 60),
    };
    // A positive offset means the service is ahead, so the local clock is behind.
    let side = if offset_ms > 0 { "behind" } else { "ahead of" };
    format!("{amount} {side}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_clears() {
        let clock = Clock::default();
        let local = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(clock.observe(local + Duration::from_secs(60), local), SkewChange::Unchanged);
        assert_eq!(clock.observe(local + Duration::from_secs(600), local), SkewChange::Detected(600_000));
        assert_eq!(clock.observe(local + Duration::from_secs(600), local), SkewChange::Unchanged);
        assert_eq!(clock.offset_ms(), 600_000);
        assert_eq!(clock.observe(local, local), SkewChange::Cleared);
        assert_eq!(clock.observe(local - Duration::from_secs(3600), local), SkewChange::Detected(-3_600_000));
    }

    #[test]
    fn describes() {
        assert_eq!(describe_offset(599_100), "about 10 min behind");
        assert_eq!(describe_offset(-3_720_000), "about 1 h 2 min ahead of");
        assert_eq!(describe_offset(42_000), "42 s behind");
    }
}
