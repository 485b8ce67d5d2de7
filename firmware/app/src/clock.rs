//! Wall time: SNTP's answer at boot plus the monotonic clock. SigV4 signs with it (through the signaling
//! driver's skew correction) and mbedtls checks certificates' validity periods with it, as ESP-TLS does once
//! the system time is set — before that, mbedtls is told there is no clock and refuses every certificate.

use core::cell::Cell;
use critical_section::Mutex;
use embassy_time::Instant;
use mbedtls_rs::sys::hook::timer::MbedtlsTimer;
use mbedtls_rs::sys::hook::wall_clock::MbedtlsWallClock;
use mbedtls_rs::sys::{mbedtls_ms_time_t, tm};

/// Unix milliseconds at boot; 0 until SNTP has answered.
static UNIX_MS_AT_BOOT: Mutex<Cell<u64>> = Mutex::new(Cell::new(0));
static CLOCK: WallClock = WallClock;

pub fn now_ms() -> u64 {
    Instant::now().as_millis()
}

/// Sets the wall time from a Unix time in milliseconds observed now.
pub fn set_unix_ms(unix_ms: u64) {
    let at_boot = unix_ms.saturating_sub(now_ms());
    critical_section::with(|cs| UNIX_MS_AT_BOOT.borrow(cs).set(at_boot));
}

/// The wall time in Unix milliseconds, once set.
pub fn unix_ms() -> Option<u64> {
    let at_boot = critical_section::with(|cs| UNIX_MS_AT_BOOT.borrow(cs).get());
    (at_boot != 0).then(|| at_boot + now_ms())
}

/// Gives mbedtls this clock (for certificate dates) and the monotonic timer (for its timeouts).
pub fn install() {
    // SAFETY: called once at boot, before any TLS session exists; `CLOCK` is a static, valid for ever.
    unsafe {
        mbedtls_rs::sys::hook::timer::hook_timer(Some(&CLOCK));
        mbedtls_rs::sys::hook::wall_clock::hook_wall_clock(Some(&CLOCK));
    }
}

struct WallClock;

impl MbedtlsTimer for WallClock {
    fn now(&self) -> mbedtls_ms_time_t {
        now_ms() as mbedtls_ms_time_t
    }
}

impl MbedtlsWallClock for WallClock {
    fn instant(&self) -> Option<tm> {
        let secs = unix_ms()? / 1000;
        let (year, month, day, hour, minute, second) = kvs_core::time::civil_from_unix(secs);
        let year_start = kvs_core::time::unix_from_civil(year, 1, 1, 0, 0, 0)?;
        Some(tm {
            tm_sec: second as _,
            tm_min: minute as _,
            tm_hour: hour as _,
            tm_mday: day as _,
            tm_mon: (month - 1) as _,
            tm_year: (year - 1900) as _,
            // 1970-01-01 was a Thursday.
            tm_wday: ((secs / 86_400 + 4) % 7) as _,
            tm_yday: ((secs - year_start) / 86_400) as _,
            tm_isdst: 0,
        })
    }
}
