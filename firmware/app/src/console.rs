//! Lines typed (or written by the host) on the serial console: the USB-Serial-JTAG port on the chips that have
//! one. Bytes that are not text and lines that are too long are dropped with the rest of their line.

use alloc::string::String;
use alloc::vec::Vec;
use esp_hal::Blocking;
use esp_hal::peripherals::USB_DEVICE;
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;
use kvs_core::provision::MAX_LINE;

pub struct Console<'d> {
    port: UsbSerialJtag<'d, Blocking>,
    line: Vec<u8>,
    overflowed: bool,
}

impl<'d> Console<'d> {
    pub fn new(usb: USB_DEVICE<'d>) -> Self {
        Console { port: UsbSerialJtag::new(usb), line: Vec::new(), overflowed: false }
    }

    /// Reads what is waiting; returns a complete line when one has arrived.
    pub fn poll_line(&mut self) -> Option<String> {
        while let Ok(byte) = self.port.read_byte() {
            match byte {
                b'\n' | b'\r' => {
                    let line = core::mem::take(&mut self.line);
                    let overflowed = core::mem::replace(&mut self.overflowed, false);
                    if overflowed || line.is_empty() {
                        continue;
                    }
                    if let Ok(text) = String::from_utf8(line) {
                        return Some(text);
                    }
                }
                _ if self.line.len() >= MAX_LINE => self.overflowed = true,
                _ => self.line.push(byte),
            }
        }
        None
    }
}
