//! Civil time for SigV4 without a clock or a date library: the caller supplies Unix seconds.

use alloc::format;
use alloc::string::String;

/// Splits Unix seconds into (year, month, day, hour, minute, second) in UTC.
pub fn civil_from_unix(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (h, m, s) = ((rem / 3600) as u32, ((rem % 3600) / 60) as u32, (rem % 60) as u32);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, h, m, s)
}

/// Unix seconds of a UTC civil time; `None` for fields out of range.
pub fn unix_from_civil(year: i64, month: u32, day: u32, h: u32, m: u32, s: u32) -> Option<u64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s);
    u64::try_from(secs).ok()
}

/// The SigV4 timestamp form, `20240102T030405Z`.
pub fn amz_date(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// Parses the SigV4 timestamp form back into Unix seconds.
pub fn parse_amz_date(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |range: core::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    unix_from_civil(i64::from(num(0..4)?), num(4..6)?, num(6..8)?, num(9..11)?, num(11..13)?, num(13..15)?)
}

/// Parses an HTTP `Date` (IMF-fixdate, `Wed, 25 Nov 2026 18:12:35 GMT`) into Unix seconds: what a device
/// without a trustworthy clock compares its own with.
pub fn parse_http_date(text: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (_, rest) = text.trim().split_once(", ")?;
    let mut parts = rest.split(' ');
    let day: u32 = parts.next()?.parse().ok()?;
    let month = MONTHS.iter().position(|m| Some(*m) == parts.next())? as u32 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|n| n.parse::<u32>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next() != Some("GMT") || h > 23 || m > 59 || s > 60 {
        return None;
    }
    unix_from_civil(year, month, day, h, m, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_http_dates() {
        assert_eq!(parse_http_date("Tue, 02 Jan 2024 03:04:05 GMT"), Some(1_704_164_645));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("Tue, 02 Foo 2024 03:04:05 GMT"), None);
        assert_eq!(parse_http_date("Tue, 02 Jan 2024 03:04:05 PST"), None);
        assert_eq!(parse_http_date("02 Jan 2024"), None);
        assert_eq!(parse_http_date("Tue, 02 Jan 2024 25:04:05 GMT"), None);
    }

    #[test]
    fn formats_and_parses_known_dates() {
        assert_eq!(amz_date(1_704_164_645), "20240102T030405Z");
        assert_eq!(amz_date(0), "19700101T000000Z");
        assert_eq!(parse_amz_date("20240102T030405Z"), Some(1_704_164_645));
        assert_eq!(parse_amz_date("20240229T235959Z"), Some(1_709_251_199));
        assert_eq!(parse_amz_date("2024-01-02T03:04"), None);
        assert_eq!(parse_amz_date("20241302T030405Z"), None);
        assert_eq!(parse_amz_date("2024010xT030405Z"), None);
        assert_eq!(parse_amz_date("20240102T03+405Z"), None);
    }

    #[test]
    fn round_trips_across_centuries() {
        for secs in (0..5_000_000_000u64).step_by(86_399 * 37) {
            assert_eq!(parse_amz_date(&amz_date(secs)), Some(secs));
        }
    }
}
