//! espflash's progress callbacks as one indicatif bar per segment, and a record of each segment for the summary.

use crate::output;
use espflash::target::ProgressCallbacks;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::time::{Duration, Instant};

/// One segment as written.
#[derive(Debug, Serialize)]
pub struct SegmentReport {
    pub address: u32,
    pub bytes: usize,
    pub ms: u64,
    /// Unchanged on the device, so not written.
    pub skipped: bool,
}

pub struct SegmentBars {
    bars: MultiProgress,
    current: Option<(ProgressBar, u32, Instant)>,
    /// The size of each segment, by address, for the bars' labels and the report.
    sizes: Vec<(u32, usize)>,
    pub reports: Vec<SegmentReport>,
}

impl SegmentBars {
    pub fn new(sizes: Vec<(u32, usize)>) -> SegmentBars {
        let bars = MultiProgress::new();
        if output::is_json() || output::quiet() {
            bars.set_draw_target(ProgressDrawTarget::hidden());
        }
        SegmentBars { bars, current: None, sizes, reports: Vec::new() }
    }

    fn size_of(&self, address: u32) -> usize {
        self.sizes.iter().find(|(a, _)| *a == address).map_or(0, |(_, size)| *size)
    }
}

impl ProgressCallbacks for SegmentBars {
    fn init(&mut self, address: u32, chunks: usize) {
        let bar = self.bars.add(ProgressBar::new(chunks as u64));
        bar.set_style(
            ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} blocks {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(format!("{address:#08x} {:>9} B", group(self.size_of(address))));
        self.current = Some((bar, address, Instant::now()));
    }

    fn update(&mut self, chunk: usize) {
        if let Some((bar, _, _)) = &self.current {
            bar.set_position(chunk as u64);
        }
    }

    fn verifying(&mut self) {
        if let Some((bar, _, _)) = &self.current {
            bar.set_message("verifying MD5");
        }
    }

    fn finish(&mut self, skipped: bool) {
        let Some((bar, address, started)) = self.current.take() else { return };
        bar.finish_with_message(if skipped { "unchanged, skipped" } else { "written, MD5 verified" });
        let report = SegmentReport { address, bytes: self.size_of(address), ms: millis(started.elapsed()), skipped };
        if bar.is_hidden() && !output::is_json() && !output::quiet() {
            output::text(&format!(
                "  {address:#08x}  {:>9} B  {} in {} ms",
                group(report.bytes),
                if skipped { "unchanged, skipped" } else { "written, MD5 verified" },
                report.ms
            ));
        }
        self.reports.push(report);
    }
}

pub fn millis(duration: Duration) -> u64 {
    duration.as_millis() as u64
}

/// 91760 → "91,760".
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::group(0), "0");
        assert_eq!(super::group(999), "999");
        assert_eq!(super::group(91_760), "91,760");
        assert_eq!(super::group(4_194_304), "4,194,304");
    }
}
