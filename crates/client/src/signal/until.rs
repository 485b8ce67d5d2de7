//! When a signaling session ends: `--until connected|answer|N|DURATION`.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    Connected,
    Answer,
    Messages(u64),
    Elapsed(Duration),
}

impl std::str::FromStr for Until {
    type Err = String;

    fn from_str(text: &str) -> Result<Until, String> {
        let bad = || {
            format!(
                "invalid --until \"{text}\": use connected, answer, a message count (5) or a duration (30s, 500ms, 2m)"
            )
        };
        match text {
            "connected" => return Ok(Until::Connected),
            "answer" => return Ok(Until::Answer),
            _ => {}
        }
        if let Ok(count) = text.parse::<u64>() {
            return if count > 0 { Ok(Until::Messages(count)) } else { Err(bad()) };
        }
        let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (number, unit) = text.split_at(split);
        let number: u64 = number.parse().map_err(|_| bad())?;
        let duration = match unit {
            "ms" => Duration::from_millis(number),
            "s" => Duration::from_secs(number),
            "m" | "min" => Duration::from_secs(number * 60),
            "h" => Duration::from_secs(number * 3600),
            _ => return Err(bad()),
        };
        Ok(Until::Elapsed(duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!("connected".parse(), Ok(Until::Connected));
        assert_eq!("3".parse(), Ok(Until::Messages(3)));
        assert_eq!("250ms".parse(), Ok(Until::Elapsed(Duration::from_millis(250))));
        assert_eq!("2m".parse(), Ok(Until::Elapsed(Duration::from_secs(120))));
        assert!("0".parse::<Until>().is_err());
        assert!("soon".parse::<Until>().is_err());
        assert!("5parsecs".parse::<Until>().is_err());
    }
}
