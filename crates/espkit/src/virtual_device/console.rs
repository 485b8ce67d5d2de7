//! The virtual device's serial console: the master side of a pseudo-terminal, written in the firmware's
//! ESP-IDF log format and read a line at a time, like the firmware's USB-Serial-JTAG console.

use crate::{Error, Result};
use serialport::{SerialPort, TTYPort};
use std::fmt::Display;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Lines waiting to be written; when nobody reads the port, more are dropped, as the chip's console drops them.
const OUTPUT_BACKLOG: usize = 256;
const MAX_INPUT_LINE: usize = 8 << 10;

pub struct Console {
    lines: SyncSender<String>,
    booted: Instant,
    /// The path the host opens.
    pub path: String,
    /// Kept open so that the pseudo-terminal survives the host closing and reopening it.
    _slave: TTYPort,
    _link: Option<Link>,
}

impl Console {
    /// Opens a pseudo-terminal (and a symlink to it at `link`), and returns the console and its input lines.
    pub fn open(link: Option<&Path>) -> Result<(Console, mpsc::Receiver<String>)> {
        let (master, slave) = TTYPort::pair()
            .map_err(|e| Error::local(format!("cannot create a pseudo-terminal for the virtual device: {e}")))?;
        let path = slave.name().ok_or_else(|| Error::local("the pseudo-terminal has no name"))?;
        let link = link.map(|at| Link::create(at, &path)).transpose()?;
        let mut reader = master.try_clone_native().map_err(|e| Error::local(format!("cannot clone the pty: {e}")))?;
        reader.set_timeout(Duration::from_millis(200)).map_err(|e| Error::local(format!("pty timeout: {e}")))?;

        let (lines, outgoing) = sync_channel::<String>(OUTPUT_BACKLOG);
        let mut writer = master;
        std::thread::spawn(move || {
            for line in outgoing {
                if writer.write_all(line.as_bytes()).and_then(|()| writer.flush()).is_err() {
                    break;
                }
            }
        });
        let (input, received) = mpsc::channel(16);
        std::thread::spawn(move || read_lines(reader, input));
        Ok((Console { lines, booted: Instant::now(), path, _slave: slave, _link: link }, received))
    }

    /// Milliseconds since boot, as the firmware's log prints them.
    pub fn millis(&self) -> u64 {
        self.booted.elapsed().as_millis() as u64
    }

    /// One ESP-IDF log line: `L (ms) tag: message`.
    pub fn log(&self, level: char, tag: &str, message: impl Display) {
        self.raw(format!("{level} ({}) {tag}: {message}\r\n", self.millis()));
    }

    /// One of the core's events, levelled by its severity, under the firmware's tag.
    pub fn event(&self, event: &kvs_core::event::Event) {
        self.log(event.severity().letter(), "kvs", event);
    }

    /// Text as it is (the ROM's banner has no log prefix).
    pub fn raw(&self, text: String) {
        // A full backlog drops the line, as the chip's console does when nobody reads it.
        let _ = self.lines.try_send(text);
    }
}

/// Splits what the host writes into lines (without the line ending); garbage bytes become replacement
/// characters, overlong lines are cut.
fn read_lines(mut port: TTYPort, lines: mpsc::Sender<String>) {
    let mut buf = [0u8; 512];
    let mut line = Vec::new();
    loop {
        match port.read(&mut buf) {
            Ok(0) => std::thread::sleep(Duration::from_millis(20)),
            Ok(n) => {
                for &byte in &buf[..n] {
                    if byte == b'\n' || byte == b'\r' {
                        if !line.is_empty() {
                            let text = String::from_utf8_lossy(&std::mem::take(&mut line)).into_owned();
                            if lines.blocking_send(text).is_err() {
                                return;
                            }
                        }
                    } else if line.len() < MAX_INPUT_LINE {
                        line.push(byte);
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
        if lines.is_closed() {
            return;
        }
    }
}

/// A symlink to the pty, removed when the device stops.
struct Link(PathBuf);

impl Link {
    fn create(at: &Path, target: &str) -> Result<Link> {
        if at.symlink_metadata().is_ok() {
            std::fs::remove_file(at).map_err(|e| Error::local(format!("cannot replace {}: {e}", at.display())))?;
        }
        std::os::unix::fs::symlink(target, at)
            .map_err(|e| Error::local(format!("cannot link {} to {target}: {e}", at.display())))?;
        Ok(Link(at.to_path_buf()))
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
