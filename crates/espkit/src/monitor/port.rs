//! A device's serial port as a stream of lines, served by a thread: bytes split at newlines, a partial line
//! let out after a quiet moment, overlong lines cut, and a port that vanishes (a reset over native USB,
//! a replugged cable) reopened when it returns — by its path, or by its USB identity if it comes back under
//! another name.

use super::redact::Redactor;
use crate::ports;
use crate::{Error, Result};
use serialport::{SerialPort, UsbPortInfo};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A line with no newline after this long is let out as it is.
const PARTIAL_LINE_AFTER: Duration = Duration::from_millis(300);
const MAX_LINE: usize = 16 << 10;
const READ_TIMEOUT: Duration = Duration::from_millis(100);
const REOPEN_EVERY: Duration = Duration::from_millis(250);

/// An open serial port, as the monitor and flashing hand it over.
pub type Port = Box<dyn SerialPort>;

pub enum Input {
    /// A line without its newline (a trailing `\r` is the reader's to trim).
    Line(Vec<u8>),
    /// The port went away, and why.
    Lost(String),
    /// It is back, at this path.
    Back(String),
    /// A reset was asked for: done, or why not.
    Reset(std::result::Result<(), String>),
}

/// What the port thread is asked to do.
pub enum Command {
    Write(Vec<u8>),
    /// Pulse EN through RTS, as auto-reset circuits and USB-Serial-JTAG wire it (IO0 left high: a normal boot).
    Reset,
}

/// How long EN is held low for a reset.
const RESET_PULSE: Duration = Duration::from_millis(100);

pub fn open(port: &str, baud: u32) -> Result<Box<dyn SerialPort>> {
    serialport::new(port, baud).timeout(READ_TIMEOUT).open().map_err(|e| {
        Error::local(format!("cannot open {port}: {e}"))
            .with_hint("check the port name and that no other program (another monitor, an IDE) holds it")
    })
}

/// The running port thread: lines from the device, bytes to it.
pub struct SerialLink {
    lines: mpsc::Receiver<Input>,
    writer: mpsc::Sender<Command>,
    closed: std::cell::Cell<bool>,
}

impl SerialLink {
    pub fn spawn(first: Box<dyn SerialPort>, path: &str, baud: u32) -> SerialLink {
        let (tx, lines) = mpsc::channel();
        let (writer, outgoing) = mpsc::channel::<Command>();
        let server = Server {
            redactor: Redactor::default(),
            path: path.to_string(),
            baud,
            identity: usb_identity(path),
            lines: tx,
            outgoing,
        };
        std::thread::spawn(move || server.run(first));
        SerialLink { lines, writer, closed: std::cell::Cell::new(false) }
    }

    /// A handle to write to (and reset) the device with.
    pub fn writer(&self) -> mpsc::Sender<Command> {
        self.writer.clone()
    }

    /// The next input, or `None` after `wait` (or when the thread has ended: see [`SerialLink::closed`]).
    pub fn recv_timeout(&self, wait: Duration) -> Option<Input> {
        match self.lines.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                self.closed.set(true);
                None
            }
        }
    }

    pub fn closed(&self) -> bool {
        self.closed.get()
    }
}

fn reset(port: &mut dyn SerialPort) -> std::result::Result<(), String> {
    port.write_data_terminal_ready(false)
        .and_then(|()| port.write_request_to_send(true))
        .and_then(|()| {
            std::thread::sleep(RESET_PULSE);
            port.write_request_to_send(false)
        })
        .map_err(|e| format!("the port has no usable DTR/RTS lines ({e})"))
}

/// A USB port's identity: enough to find it again under another name.
fn usb_identity(path: &str) -> Option<UsbPortInfo> {
    let info = ports::usb_info(path);
    (info.vid != 0).then_some(info)
}

struct Server {
    /// Keeps what the host wrote (the provisioning's secrets) out of every line read back.
    redactor: Redactor,
    path: String,
    baud: u32,
    identity: Option<UsbPortInfo>,
    lines: mpsc::Sender<Input>,
    outgoing: mpsc::Receiver<Command>,
}

impl Server {
    fn run(mut self, mut port: Box<dyn SerialPort>) {
        let mut buf = [0u8; 1024];
        let mut pending = Vec::new();
        let mut last_byte = Instant::now();
        loop {
            while let Ok(command) = self.outgoing.try_recv() {
                match command {
                    Command::Write(bytes) => {
                        self.redactor.learn(&bytes);
                        let _ = port.write_all(&bytes).and_then(|()| port.flush());
                    }
                    Command::Reset => {
                        if !self.send(Input::Reset(reset(port.as_mut()))) {
                            return;
                        }
                    }
                }
            }
            // A serial port with nothing to say times out; end of file means the device side hung up.
            let read = match port.read(&mut buf) {
                Ok(0) => Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the device hung up")),
                other => other,
            };
            match read {
                Ok(0) => {}
                Ok(n) => {
                    last_byte = Instant::now();
                    for &byte in &buf[..n] {
                        if byte == b'\n' {
                            if !self.send(Input::Line(std::mem::take(&mut pending))) {
                                return;
                            }
                        } else if pending.len() < MAX_LINE {
                            pending.push(byte);
                        }
                    }
                }
                Err(e) if matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::Interrupted) => {}
                Err(e) => {
                    if !self.send(Input::Lost(e.to_string())) {
                        return;
                    }
                    let (back, path) = self.reopen();
                    port = back;
                    if !self.send(Input::Back(path)) {
                        return;
                    }
                }
            }
            if !pending.is_empty()
                && last_byte.elapsed() >= PARTIAL_LINE_AFTER
                && !self.send(Input::Line(std::mem::take(&mut pending)))
            {
                return;
            }
        }
    }

    fn send(&self, input: Input) -> bool {
        let input = match input {
            Input::Line(line) => Input::Line(self.redactor.line(line)),
            other => other,
        };
        self.lines.send(input).is_ok()
    }

    /// Waits for the port to return, under its old path or, for a USB port, wherever its identity shows up.
    fn reopen(&self) -> (Box<dyn SerialPort>, String) {
        loop {
            std::thread::sleep(REOPEN_EVERY);
            if let Ok(port) = open(&self.path, self.baud) {
                return (port, self.path.clone());
            }
            if let Some(path) = self.identity.as_ref().and_then(ports::find_by_identity)
                && let Ok(port) = open(&path, self.baud)
            {
                return (port, path);
            }
        }
    }
}
