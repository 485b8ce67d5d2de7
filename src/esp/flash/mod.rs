//! `kvs-esp flash`: build (or take) the firmware ELF, check it for the board, connect to the chip's loader with
//! espflash, refuse another chip before writing, write each segment with a progress bar and verify its MD5,
//! then optionally hand the port to the monitor.

mod build;
pub mod image;
pub mod progress;

use crate::cli::{AfterArg, BeforeArg, FlashArgs};
use crate::error::{Error, Result};
use crate::esp::board::Board;
use crate::esp::monitor::symbols::Symbolizer;
use crate::esp::monitor::{self, Watch};
use crate::esp::ports;
use crate::output;
use espflash::connection::{Connection, ResetAfterOperation, ResetBeforeOperation};
use espflash::flasher::Flasher;
use kvs_core::provision::Provisioning;
use progress::{SegmentBars, group, millis};
use serde_json::json;
use std::time::{Duration, Instant};

/// The ROM loader always starts at this rate; --baud is switched to after connecting.
const LOADER_BAUD: u32 = 115_200;
const MONITOR_BAUD: u32 = 115_200;

pub fn run(args: FlashArgs, provisioning: Option<Provisioning>) -> Result<()> {
    let board = args.board;
    if let Some(why) = board.unsupported() {
        return Err(Error::input(format!("cannot flash the companion firmware to an {board}: {why}"))
            .with_hint("the firmware runs on esp32c3, esp32c6 and esp32s3 boards"));
    }
    let elf_path = match &args.elf {
        Some(path) => path.clone(),
        None => build::firmware(board, args.firmware_dir.as_deref())?,
    };
    let elf = std::fs::read(&elf_path).map_err(|e| Error::input(format!("cannot read {}: {e}", elf_path.display())))?;
    image::check(&elf, &elf_path, board)?;
    let symbolizer = if args.monitor { Some(Symbolizer::open(&elf_path)?) } else { None };

    let port = ports::choose(args.port.as_deref())?;
    let started = Instant::now();
    let mut flasher = connect(&port, &args)?;
    let info = flasher.device_info().map_err(|e| device_error("cannot read the chip's details", e))?;
    let (major, minor) = info.revision.unwrap_or_default();
    let chip_line = format!(
        "{} rev v{major}.{minor}, {} flash, MAC {}",
        info.chip,
        flash_size(info.flash_size.size()),
        info.mac_address.as_deref().unwrap_or("unknown")
    );
    if !output::is_json() {
        output::note(&format!("connected on {port}: {chip_line}"));
    }
    if args.erase {
        flasher.erase_flash().map_err(|e| device_error("cannot erase the flash", e))?;
        if !output::is_json() {
            output::note("erased the whole flash");
        }
    }

    let segments = image::segments(&elf, &elf_path, board, info.crystal_frequency)?;
    let mut bars = SegmentBars::new(segments.iter().map(|s| (s.addr, s.data.len())).collect());
    let writing = Instant::now();
    flasher.write_bins_to_flash(&segments, &mut bars).map_err(|e| device_error("flashing failed", e))?;
    let write_time = writing.elapsed();
    let bytes: usize = segments.iter().map(|s| s.data.len()).sum();
    let throughput = bytes as f64 / 1024.0 / write_time.as_secs_f64().max(1e-6);

    if output::is_json() {
        let report = json!({
            "board": board.name(),
            "port": port,
            "elf": elf_path,
            "chip": info.chip.to_string(),
            "revision": format!("v{major}.{minor}"),
            "flash_bytes": info.flash_size.size(),
            "mac": info.mac_address,
            "stub": !args.no_stub,
            "segments": bars.reports,
            "bytes": bytes,
            "write_ms": millis(write_time),
            "total_ms": millis(started.elapsed()),
            "kib_per_s": (throughput * 10.0).round() / 10.0,
        });
        if args.monitor { output::json_line(&report) } else { output::json(&report) }
    } else {
        output::text(&format!(
            "flashed {} B to the {board} on {port} in {:.2} s ({throughput:.1} KiB/s), every segment MD5-verified",
            group(bytes),
            write_time.as_secs_f64()
        ));
    }

    if !args.monitor {
        return Ok(());
    }
    let mut serial: espflash::connection::Port = flasher.into_connection().into_serial();
    serialport::SerialPort::set_baud_rate(&mut serial, MONITOR_BAUD)
        .and_then(|()| serialport::SerialPort::set_timeout(&mut serial, Duration::from_millis(100)))
        .map_err(|e| Error::local(format!("cannot reconfigure {port} for the monitor: {e}")))?;
    monitor::watch(Box::new(serial), Watch { port, baud: MONITOR_BAUD, symbolizer, until: args.until, provisioning })
}

fn connect(port: &str, args: &FlashArgs) -> Result<Flasher> {
    let serial =
        serialport::new(port, LOADER_BAUD).flow_control(serialport::FlowControl::None).open_native().map_err(|e| {
            Error::local(format!("cannot open {port}: {e}"))
                .with_hint("check the port name and that no other program (a monitor, an IDE) holds it")
        })?;
    let before = match args.before {
        BeforeArg::DefaultReset => ResetBeforeOperation::DefaultReset,
        BeforeArg::NoReset => ResetBeforeOperation::NoReset,
        BeforeArg::UsbReset => ResetBeforeOperation::UsbReset,
    };
    let after = match args.after {
        AfterArg::HardReset => ResetAfterOperation::HardReset,
        AfterArg::NoReset => ResetAfterOperation::NoReset,
        AfterArg::WatchdogReset => ResetAfterOperation::WatchdogReset,
    };
    let connection = Connection::new(serial, ports::usb_info(port), after, before, LOADER_BAUD);
    let baud = (args.baud != LOADER_BAUD).then_some(args.baud);
    Flasher::connect(connection, !args.no_stub, true, false, Some(args.board.chip()), baud).map_err(|e| match e {
        espflash::Error::ChipMismatch(wanted, found) => {
            let found_board = found.parse().ok().and_then(Board::of_chip).map_or(found.clone(), |b| b.to_string());
            Error::input(format!("the device on {port} is an {found}, but --board is {wanted}: nothing was written"))
                .with_hint(format!("pass --board {found_board}, or check that {port} is the board you mean"))
        }
        other => device_error(&format!("cannot talk to the chip's loader on {port}"), other),
    })
}

fn flash_size(bytes: u32) -> String {
    if bytes >= 1 << 20 { format!("{} MB", bytes >> 20) } else { format!("{} KB", bytes >> 10) }
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
    Error::local(format!("{what}: {}", crate::error::causes(&err))).with_hint(hint)
}
