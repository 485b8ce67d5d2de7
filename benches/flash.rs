//! Flash throughput through the ROM-loader double, kvs-esp next to esptool (PyPI) writing the same three
//! segments of the esp32c3 firmware through the same double, with the stub and with the ROM loader; then the
//! monitor's line throughput on a pseudo-terminal, plain and with every address symbolized.
//!
//! `cargo bench --bench flash`. Needs the esp32c3 firmware built (scripts/test does it) and esptool on PATH
//! (scripts/setup installs it).

use espflash::flasher::{FlashData, FlashSettings};
use espflash::image_format::ImageFormat;
use espflash::image_format::idf::IdfBootloaderFormat;
use espflash::target::{Chip, XtalFrequency};
use kvs_test_support::rom_double::{self, ESP32C3, RomDouble};
use serialport::SerialPort;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const LINES: usize = 50_000;

fn main() {
    let elf = kvs_test_support::root().join("firmware/app/target/riscv32imc-unknown-none-elf/release/kvs-esp-firmware");
    assert!(elf.exists(), "build the firmware first: (cd firmware/app && cargo build --release --features esp32c3)");
    let segments = segments(&std::fs::read(&elf).unwrap());
    let bytes: usize = segments.iter().map(|(_, data)| data.len()).sum();
    println!(
        "flash: the esp32c3 firmware, {} segments, {bytes} B, through the ROM-loader double on a pty ({RUNS} runs, median)",
        segments.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(u32, PathBuf)> = segments
        .iter()
        .map(|(addr, data)| {
            let path = dir.path().join(format!("{addr:#x}.bin"));
            std::fs::write(&path, data).unwrap();
            (*addr, path)
        })
        .collect();

    for (label, stub) in [("stub (compressed)", true), ("ROM loader", false)] {
        let kvs = median(|| flash_with_kvs_esp(&elf, &segments, stub));
        let esptool = median(|| flash_with_esptool(&files, &segments, stub));
        println!(
            "  {label:<18} kvs-esp {:>7.1} ms {:>7.1} KiB/s    esptool {:>7.1} ms {:>7.1} KiB/s   (process start to exit)",
            ms(kvs),
            kib_per_s(bytes, kvs),
            ms(esptool),
            kib_per_s(bytes, esptool)
        );
    }

    println!("monitor: {LINES} lines written to a pty as fast as it takes them, until kvs-esp has printed them all");
    for (label, with_elf) in [("plain", false), ("symbolized (--elf)", true)] {
        let elapsed = monitor_throughput(&elf, with_elf);
        println!("  {label:<18} {:>9.0} lines/s ({:.0} ms)", LINES as f64 / elapsed.as_secs_f64(), ms(elapsed));
    }
}

/// What espflash's image builder makes of the ELF (the same segments kvs-esp writes).
fn segments(elf: &[u8]) -> Vec<(u32, Vec<u8>)> {
    let flash_data = FlashData::new(FlashSettings::default(), 0, None, Chip::Esp32c3, XtalFrequency::_40Mhz);
    let image = IdfBootloaderFormat::new(elf, &flash_data, None, None, None, None).unwrap();
    ImageFormat::EspIdf(image).flash_segments().into_iter().map(|s| (s.addr, s.data.into_owned())).collect()
}

fn flash_with_kvs_esp(elf: &Path, segments: &[(u32, Vec<u8>)], stub: bool) -> Duration {
    let double = RomDouble::start(ESP32C3, None);
    let mut command = Command::new(kvs_test_support::bin());
    command.args(["-q", "flash", "--board", "esp32c3", "--before", "no-reset", "--after", "no-reset", "--port"]);
    command.arg(&double.path).arg("--elf").arg(elf);
    if !stub {
        command.arg("--no-stub");
    }
    let started = Instant::now();
    let status = command.stdout(Stdio::null()).status().unwrap();
    let elapsed = started.elapsed();
    assert!(status.success(), "kvs-esp flash failed");
    assert_holds(&double.finish(), segments, "kvs-esp");
    elapsed
}

fn flash_with_esptool(files: &[(u32, PathBuf)], segments: &[(u32, Vec<u8>)], stub: bool) -> Duration {
    let double = RomDouble::start(ESP32C3, None);
    let mut command = Command::new("esptool");
    command.args(["--port", &double.path, "--chip", "esp32c3", "--before", "no-reset", "--after", "no-reset"]);
    if !stub {
        command.arg("--no-stub");
    }
    command.arg("write-flash");
    for (addr, path) in files {
        command.arg(format!("{addr:#x}")).arg(path);
    }
    let started = Instant::now();
    let output = command.output().expect("esptool on PATH (scripts/setup installs it)");
    let elapsed = started.elapsed();
    let said = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    assert!(output.status.success(), "esptool failed: {}{}", said(&output.stdout), said(&output.stderr));
    assert_holds(&double.finish(), segments, "esptool");
    elapsed
}

/// Both tools are timed only for a correct result: the flash holds every segment.
fn assert_holds(recorded: &rom_double::Recorded, segments: &[(u32, Vec<u8>)], tool: &str) {
    for (addr, data) in segments {
        let start = *addr as usize;
        assert!(recorded.flash[start..start + data.len()] == data[..], "{tool} left {addr:#x} wrong");
    }
}

fn monitor_throughput(elf: &Path, with_elf: bool) -> Duration {
    let (mut master, slave) = serialport::TTYPort::pair().unwrap();
    let mut command = Command::new(kvs_test_support::bin());
    command.args(["-o", "json", "monitor", "--until", "120s", "--port", &slave.name().unwrap()]);
    if with_elf {
        command.arg("--elf").arg(elf);
    }
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let mut script = Vec::new();
    for n in 0..LINES {
        let line = match n % 4 {
            0 => format!("I ({n}) kvs: ev=api op=DescribeSignalingChannel status=200 ms={}\r\n", n % 97),
            1 => format!("\x1b[0;32mI ({n}) wifi: connected, RSSI -{} dBm\x1b[0m\r\n", n % 90),
            2 => format!("W ({n}) kvs: ev=backoff ms={} attempt=2\r\n", n % 1000),
            _ => "0x42000100\r\n".to_string(),
        };
        script.extend(line.into_bytes());
    }
    let started = Instant::now();
    let writer = std::thread::spawn(move || {
        master.write_all(&script).unwrap();
        master.flush().unwrap();
        master
    });
    let printed = BufReader::new(stdout).lines().take(LINES).count();
    let elapsed = started.elapsed();
    assert_eq!(printed, LINES, "the monitor printed every line");
    let _ = child.kill();
    let _ = child.wait();
    drop(writer.join());
    elapsed
}

fn median(mut run: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn kib_per_s(bytes: usize, duration: Duration) -> f64 {
    bytes as f64 / 1024.0 / duration.as_secs_f64()
}
