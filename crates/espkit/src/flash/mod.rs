//! Flashing the companion firmware: build (or take) the ELF, check it for the board, connect to the chip's loader
//! with espflash, refuse another chip before writing, write each segment and verify its MD5. Progress goes to a
//! [`FlashProgress`]; the result is a [`FlashReport`], and the open port when the caller wants to monitor next.

mod build;
mod build_failure;
pub mod image;

use crate::board::Board;
use crate::ports;
use crate::{Error, Result};
use espflash::connection::{Connection, ResetAfterOperation, ResetBeforeOperation};
use espflash::flasher::Flasher;
use espflash::target::ProgressCallbacks;
use serde::Serialize;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The ROM loader always starts at this rate; the configured baud is switched to after connecting.
const LOADER_BAUD: u32 = 115_200;
/// The rate of the firmware's console, for the port handed back to monitor.
pub const MONITOR_BAUD: u32 = 115_200;

/// How to put the chip into download mode (esptool's and espflash's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Before {
    /// Toggle DTR/RTS (auto-reset circuits and USB-Serial-JTAG).
    DefaultReset,
    /// The chip is already waiting in its loader (BOOT held during reset).
    NoReset,
    UsbReset,
}

/// What to do when done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Start the new firmware.
    HardReset,
    /// Leave the chip in the loader.
    NoReset,
    WatchdogReset,
}

/// What to flash, where, and how.
#[derive(Debug, Clone)]
pub struct FlashConfig {
    pub board: Board,
    /// The serial port; `None` finds the one USB port of a known ESP32 chip or bridge.
    pub port: Option<String>,
    /// The rate to flash at; above 115200 the loader is asked to switch after connecting.
    pub baud: u32,
    /// A prebuilt ELF; `None` builds the firmware.
    pub elf: Option<PathBuf>,
    /// The firmware to build; `None` finds firmware/app of the kvs-esp checkout.
    pub firmware_dir: Option<PathBuf>,
    /// Erase the whole flash first (NVS too).
    pub erase: bool,
    pub before: Before,
    pub after: After,
    /// Upload espflash's stub loader (faster) instead of talking to the ROM loader.
    pub stub: bool,
    /// Hand the port back, set up for the firmware's console, instead of closing it.
    pub keep_port: bool,
}

/// What flashing reports as it goes: the build, the connection, each segment. Every method has a default that
/// ignores it.
pub trait FlashProgress {
    /// cargo started building the firmware for the board.
    fn build_started(&mut self, _board: Board) {}
    /// cargo finished compiling its n-th crate.
    fn build_compiled(&mut self, _count: usize, _name: &str) {}
    /// cargo printed a diagnostic (rendered, as the user would see it from cargo).
    fn build_message(&mut self, _rendered: &str) {}
    /// The build ended, with this many diagnostics.
    fn build_finished(&mut self, _diagnostics: usize) {}
    /// The loader answered: the chip and how it was reached.
    fn connected(&mut self, _port: &str, _chip: &ChipInfo) {}
    /// The whole flash was erased.
    fn erased(&mut self) {}
    /// A segment of `bytes` at `address` is being written in `chunks` blocks.
    fn segment_started(&mut self, _address: u32, _bytes: usize, _chunks: usize) {}
    /// `chunk` blocks of the current segment are written.
    fn segment_progress(&mut self, _chunk: usize) {}
    /// The current segment is being checked against its MD5.
    fn segment_verifying(&mut self) {}
    /// The current segment is done.
    fn segment_finished(&mut self, _segment: &SegmentReport) {}
}

/// The chip the loader reported.
#[derive(Debug, Clone, Serialize)]
pub struct ChipInfo {
    pub chip: String,
    pub revision: String,
    pub flash_bytes: u32,
    pub mac: Option<String>,
}

/// One segment as written.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentReport {
    pub address: u32,
    pub bytes: usize,
    pub ms: u64,
    /// Unchanged on the device, so not written.
    pub skipped: bool,
}

/// What was flashed, where, and how fast.
#[derive(Debug, Clone, Serialize)]
pub struct FlashReport {
    pub board: String,
    pub port: String,
    pub elf: PathBuf,
    #[serde(flatten)]
    pub chip: ChipInfo,
    pub stub: bool,
    pub segments: Vec<SegmentReport>,
    pub bytes: usize,
    pub write_ms: u64,
    pub total_ms: u64,
    pub kib_per_s: f64,
}

/// A finished flash: the report, and the port (set up for the console) when [`FlashConfig::keep_port`] asked.
pub struct Flashed {
    pub report: FlashReport,
    pub port: Option<Box<dyn serialport::SerialPort>>,
}

/// Builds or takes the ELF, checks it, flashes it and verifies every segment.
pub fn flash(config: &FlashConfig, progress: &mut dyn FlashProgress) -> Result<Flashed> {
    let board = config.board;
    if let Some(why) = board.unsupported() {
        return Err(Error::input(format!("cannot flash the companion firmware to an {board}: {why}"))
            .with_hint("the firmware runs on esp32c3, esp32c6 and esp32s3 boards"));
    }
    let elf_path = match &config.elf {
        Some(path) => path.clone(),
        None => build::firmware(board, config.firmware_dir.as_deref(), progress)?,
    };
    let elf = std::fs::read(&elf_path).map_err(|e| Error::input(format!("cannot read {}: {e}", elf_path.display())))?;
    image::check(&elf, &elf_path, board)?;

    let port = ports::choose(config.port.as_deref())?;
    let started = Instant::now();
    let mut flasher = connect(&port, config)?;
    let info = flasher.device_info().map_err(|e| device_error("cannot read the chip's details", e))?;
    let (major, minor) = info.revision.unwrap_or_default();
    let chip = ChipInfo {
        chip: info.chip.to_string(),
        revision: format!("v{major}.{minor}"),
        flash_bytes: info.flash_size.size(),
        mac: info.mac_address.clone(),
    };
    progress.connected(&port, &chip);
    if config.erase {
        flasher.erase_flash().map_err(|e| device_error("cannot erase the flash", e))?;
        progress.erased();
    }

    let segments = image::segments(&elf, &elf_path, board, info.crystal_frequency)?;
    let mut callbacks = Callbacks {
        progress,
        sizes: segments.iter().map(|s| (s.addr, s.data.len())).collect(),
        current: None,
        reports: Vec::new(),
    };
    let writing = Instant::now();
    flasher.write_bins_to_flash(&segments, &mut callbacks).map_err(|e| device_error("flashing failed", e))?;
    let write_time = writing.elapsed();
    let bytes: usize = segments.iter().map(|s| s.data.len()).sum();
    let throughput = bytes as f64 / 1024.0 / write_time.as_secs_f64().max(1e-6);
    let report = FlashReport {
        board: board.name().into(),
        port: port.clone(),
        elf: elf_path,
        chip,
        stub: config.stub,
        segments: callbacks.reports,
        bytes,
        write_ms: millis(write_time),
        total_ms: millis(started.elapsed()),
        kib_per_s: (throughput * 10.0).round() / 10.0,
    };
    if !config.keep_port {
        return Ok(Flashed { report, port: None });
    }
    let mut serial: espflash::connection::Port = flasher.into_connection().into_serial();
    serialport::SerialPort::set_baud_rate(&mut serial, MONITOR_BAUD)
        .and_then(|()| serialport::SerialPort::set_timeout(&mut serial, Duration::from_millis(100)))
        .map_err(|e| Error::local(format!("cannot reconfigure {port} for the monitor: {e}")))?;
    Ok(Flashed { report, port: Some(Box::new(serial)) })
}

/// espflash's callbacks, turned into [`FlashProgress`] calls and segment reports.
struct Callbacks<'a> {
    progress: &'a mut dyn FlashProgress,
    /// The size of each segment, by address.
    sizes: Vec<(u32, usize)>,
    current: Option<(u32, Instant)>,
    reports: Vec<SegmentReport>,
}

impl Callbacks<'_> {
    fn size_of(&self, address: u32) -> usize {
        self.sizes.iter().find(|(a, _)| *a == address).map_or(0, |(_, size)| *size)
    }
}

impl ProgressCallbacks for Callbacks<'_> {
    fn init(&mut self, address: u32, chunks: usize) {
        self.current = Some((address, Instant::now()));
        let bytes = self.size_of(address);
        self.progress.segment_started(address, bytes, chunks);
    }

    fn update(&mut self, chunk: usize) {
        self.progress.segment_progress(chunk);
    }

    fn verifying(&mut self) {
        self.progress.segment_verifying();
    }

    fn finish(&mut self, skipped: bool) {
        let Some((address, started)) = self.current.take() else { return };
        let report = SegmentReport { address, bytes: self.size_of(address), ms: millis(started.elapsed()), skipped };
        self.progress.segment_finished(&report);
        self.reports.push(report);
    }
}

fn millis(duration: Duration) -> u64 {
    duration.as_millis() as u64
}

fn connect(port: &str, config: &FlashConfig) -> Result<Flasher> {
    let serial =
        serialport::new(port, LOADER_BAUD).flow_control(serialport::FlowControl::None).open_native().map_err(|e| {
            Error::local(format!("cannot open {port}: {e}"))
                .with_hint("check the port name and that no other program (a monitor, an IDE) holds it")
        })?;
    let before = match config.before {
        Before::DefaultReset => ResetBeforeOperation::DefaultReset,
        Before::NoReset => ResetBeforeOperation::NoReset,
        Before::UsbReset => ResetBeforeOperation::UsbReset,
    };
    let after = match config.after {
        After::HardReset => ResetAfterOperation::HardReset,
        After::NoReset => ResetAfterOperation::NoReset,
        After::WatchdogReset => ResetAfterOperation::WatchdogReset,
    };
    let connection = Connection::new(serial, ports::usb_info(port), after, before, LOADER_BAUD);
    let baud = (config.baud != LOADER_BAUD).then_some(config.baud);
    Flasher::connect(connection, config.stub, true, false, Some(config.board.chip()), baud).map_err(|e| match e {
        espflash::Error::ChipMismatch(wanted, found) => {
            let found_board = found.parse::<Board>().map_or(found.clone(), |b| b.to_string());
            Error::input(format!("the device on {port} is an {found}, but --board is {wanted}: nothing was written"))
                .with_hint(format!("pass --board {found_board}, or check that {port} is the board you mean"))
        }
        other => device_error(&format!("cannot talk to the chip's loader on {port}"), other),
    })
}

/// A device-side failure, with the likely way out.
fn device_error(what: &str, err: espflash::Error) -> Error {
    let hint = match &err {
        espflash::Error::Connection(_) => {
            "put the chip in download mode (hold BOOT, press RESET), check the cable and --port; boards without \
             an auto-reset circuit need --before no-reset"
        }
        espflash::Error::VerifyFailed => "the flash did not read back as written: retry, then try a lower --baud",
        _ => "retry; if it persists, try --no-stub or a lower --baud",
    };
    Error::local(format!("{what}: {}", kvs_client::error::causes(&err))).with_hint(hint)
}
