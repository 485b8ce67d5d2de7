//! The host's view of the core's skew tracker: shared between concurrent calls, in `SystemTime`.

use kvs_core::skew::{SkewChange, SkewTracker};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

#[derive(Debug, Default)]
pub struct Clock {
    tracker: Mutex<SkewTracker>,
}

fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

impl Clock {
    /// The corrected time to sign with.
    pub fn now(&self) -> SystemTime {
        shift(SystemTime::now(), self.offset_ms())
    }

    pub fn offset_ms(&self) -> i64 {
        self.tracker.lock().unwrap_or_else(|p| p.into_inner()).offset_ms()
    }

    /// Compares a response's `Date` with the local time it arrived at.
    pub fn observe(&self, server: SystemTime, local: SystemTime) -> SkewChange {
        self.tracker.lock().unwrap_or_else(|p| p.into_inner()).observe(unix_ms(server), unix_ms(local))
    }
}

/// `time` moved by a signed offset (the service's clock from ours).
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
    fn applies_the_offset() {
        let clock = Clock::default();
        let local = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(clock.observe(local + Duration::from_secs(600), local), SkewChange::Detected(600_000));
        let ahead = clock.now().duration_since(SystemTime::now()).unwrap();
        assert!(ahead > Duration::from_secs(599));
    }

    #[test]
    fn describes() {
        assert_eq!(describe_offset(599_100), "about 10 min behind");
        assert_eq!(describe_offset(-3_720_000), "about 1 h 2 min ahead of");
        assert_eq!(describe_offset(42_000), "42 s behind");
    }
}
