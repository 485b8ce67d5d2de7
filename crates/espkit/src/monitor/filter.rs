//! esp-idf-monitor's print filter, so that its users' habits carry over: `tag:level` items separated by spaces,
//! `*` for every other tag, levels `N` (none) `E` `W` `I` `D` `V` (and `*`, all); a tag without a level is `V`.
//! A log line passes when its tag's level (else `*`'s) lets its level through; with no `*` item, tags not named
//! are filtered out. Lines that are not log lines (boot banner, panics, backtraces) pass unless `*:N`.

use super::line::Line;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintFilter {
    items: Vec<(String, Verbosity)>,
}

/// How much of a tag is shown, from nothing to everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    None,
    Error,
    Warning,
    Info,
    Debug,
    Verbose,
}

impl Verbosity {
    fn of_letter(letter: char) -> Option<Verbosity> {
        Some(match letter {
            'N' => Verbosity::None,
            'E' => Verbosity::Error,
            'W' => Verbosity::Warning,
            'I' => Verbosity::Info,
            'D' => Verbosity::Debug,
            'V' | '*' => Verbosity::Verbose,
            _ => return None,
        })
    }
}

impl FromStr for PrintFilter {
    type Err = String;

    fn from_str(spec: &str) -> Result<PrintFilter, String> {
        let mut items = Vec::new();
        for item in spec.split_whitespace() {
            let (tag, level) = item.rsplit_once(':').unwrap_or((item, "V"));
            let mut letters = level.chars();
            let verbosity = match (letters.next(), letters.next()) {
                (Some(letter), None) => Verbosity::of_letter(letter),
                _ => None,
            };
            let verbosity = verbosity
                .ok_or_else(|| format!("\"{item}\": the level after the colon is one of N, E, W, I, D, V or *"))?;
            if tag.is_empty() {
                return Err(format!("\"{item}\": a tag (or *) comes before the colon"));
            }
            items.push((tag.to_string(), verbosity));
        }
        if items.is_empty() {
            return Err("give at least one tag:level, e.g. \"kvs:I wifi:W *:E\"".into());
        }
        Ok(PrintFilter { items })
    }
}

impl PrintFilter {
    pub fn allows(&self, line: &Line) -> bool {
        let star = self.items.iter().find(|(tag, _)| tag == "*").map(|(_, v)| *v);
        let (Some(tag), Some(level)) = (line.tag.as_deref(), line.level) else {
            return star != Some(Verbosity::None);
        };
        let allowed = self.items.iter().find(|(t, _)| t == tag).map(|(_, v)| *v).or(star).unwrap_or(Verbosity::None);
        Verbosity::of_letter(level).is_some_and(|level| level != Verbosity::None && level <= allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitor::line::classify;

    #[test]
    fn reads_and_applies_esp_idf_monitors_syntax() {
        let filter: PrintFilter = "kvs:I wifi:W".parse().unwrap();
        assert!(filter.allows(&classify("I (12) kvs: ev=ping")));
        assert!(!filter.allows(&classify("D (12) kvs: detail")));
        assert!(filter.allows(&classify("W (310) wifi:Haven't to connect to a suitable AP now!")));
        assert!(!filter.allows(&classify("I (300) wifi:mode : sta")));
        assert!(!filter.allows(&classify("I (30) boot: ESP-IDF v5.1")), "tags not named are out without *");
        assert!(filter.allows(&classify("Guru Meditation Error: Core  0 panic'ed")), "non-log lines pass");

        let quiet: PrintFilter = "*:E kvs".parse().unwrap();
        assert!(quiet.allows(&classify("D (12) kvs: detail")), "a bare tag is V");
        assert!(quiet.allows(&classify("E (30) boot: failed")));
        assert!(!quiet.allows(&classify("I (30) boot: fine")));
        let none: PrintFilter = "*:N".parse().unwrap();
        assert!(!none.allows(&classify("ESP-ROM:esp32c3-api1-20210207")));

        assert!("kvs:X".parse::<PrintFilter>().is_err());
        assert!(":I".parse::<PrintFilter>().is_err());
        assert!("   ".parse::<PrintFilter>().is_err());
    }
}
