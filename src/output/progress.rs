//! Flashing's progress on the terminal: a spinner while cargo builds the firmware, then one indicatif bar per
//! segment (a line per segment when stderr is not a terminal), hidden for JSON and -q.

use super::{Output, group};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use kvs_espkit::Board;
use kvs_espkit::flash::{ChipInfo, FlashProgress, SegmentReport};
use std::time::Duration;

pub struct FlashBars {
    out: Output,
    bars: MultiProgress,
    build: Option<ProgressBar>,
    current: Option<ProgressBar>,
}

impl FlashBars {
    pub fn new(out: Output) -> FlashBars {
        let bars = MultiProgress::new();
        if !out.shows_progress() {
            bars.set_draw_target(ProgressDrawTarget::hidden());
        }
        FlashBars { out, bars, build: None, current: None }
    }
}

impl FlashProgress for FlashBars {
    fn build_started(&mut self, board: Board) {
        let bar = self.bars.add(ProgressBar::new_spinner());
        bar.set_style(ProgressStyle::default_spinner());
        bar.set_prefix(board.name());
        bar.set_message(format!("building the firmware for {board}"));
        bar.enable_steady_tick(Duration::from_millis(120));
        self.build = Some(bar);
    }

    fn build_compiled(&mut self, count: usize, name: &str) {
        if let Some(bar) = &self.build {
            bar.set_message(format!("{count} crates: {name}"));
        }
    }

    fn build_message(&mut self, rendered: &str) {
        match &self.build {
            Some(bar) => bar.suspend(|| eprint!("{rendered}")),
            None => eprint!("{rendered}"),
        }
    }

    fn build_finished(&mut self, diagnostics: usize) {
        if let Some(bar) = self.build.take() {
            bar.finish_and_clear();
        }
        if diagnostics > 0 {
            self.out.note(&format!("the firmware built with {diagnostics} compiler message(s), shown above"));
        }
    }

    fn connected(&mut self, port: &str, chip: &ChipInfo) {
        let flash = if chip.flash_bytes >= 1 << 20 {
            format!("{} MB", chip.flash_bytes >> 20)
        } else {
            format!("{} KB", chip.flash_bytes >> 10)
        };
        self.out.note(&format!(
            "connected on {port}: {} rev {}, {flash} flash, MAC {}",
            chip.chip,
            chip.revision,
            chip.mac.as_deref().unwrap_or("unknown")
        ));
    }

    fn erased(&mut self) {
        self.out.note("erased the whole flash");
    }

    fn segment_started(&mut self, address: u32, bytes: usize, chunks: usize) {
        let bar = self.bars.add(ProgressBar::new(chunks as u64));
        bar.set_style(
            ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} blocks {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(format!("{address:#08x} {:>9} B", group(bytes)));
        self.current = Some(bar);
    }

    fn segment_progress(&mut self, chunk: usize) {
        if let Some(bar) = &self.current {
            bar.set_position(chunk as u64);
        }
    }

    fn segment_verifying(&mut self) {
        if let Some(bar) = &self.current {
            bar.set_message("verifying MD5");
        }
    }

    fn segment_finished(&mut self, segment: &SegmentReport) {
        let Some(bar) = self.current.take() else { return };
        let what = if segment.skipped { "unchanged, skipped" } else { "written, MD5 verified" };
        bar.finish_with_message(what);
        if bar.is_hidden() && self.out.shows_progress() {
            self.out.text(&format!(
                "  {:#08x}  {:>9} B  {what} in {} ms",
                segment.address,
                group(segment.bytes),
                segment.ms
            ));
        }
    }
}
