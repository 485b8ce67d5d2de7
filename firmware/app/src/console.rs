//! Lines typed (or written by the host) on the serial console — on both of a chip's consoles: the
//! USB-Serial-JTAG port (boards plugged in through the chip's own USB) and UART0 (boards behind a CP210x, CH340
//! or FTDI bridge), whichever the line arrives on; esp-println writes to the one a host listens on. Bytes that
//! are not text and lines that are too long are dropped with the rest of their line.

use alloc::string::String;
use alloc::vec::Vec;
use esp_hal::Blocking;
use esp_hal::peripherals::{UART0, USB_DEVICE};
use esp_hal::uart::{Config, UartRx};
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;
use kvs_core::provision::MAX_LINE;

/// One console's line so far.
#[derive(Default)]
struct Line {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl Line {
    /// Takes one byte; a complete line when it ends one.
    fn push(&mut self, byte: u8) -> Option<String> {
        match byte {
            b'\n' | b'\r' => {
                let bytes = core::mem::take(&mut self.bytes);
                let overflowed = core::mem::replace(&mut self.overflowed, false);
                if overflowed || bytes.is_empty() {
                    return None;
                }
                String::from_utf8(bytes).ok()
            }
            _ if self.bytes.len() >= MAX_LINE => {
                self.overflowed = true;
                None
            }
            _ => {
                self.bytes.push(byte);
                None
            }
        }
    }
}

pub struct Console<'d> {
    usb: UsbSerialJtag<'d, Blocking>,
    uart: Option<UartRx<'d, Blocking>>,
    usb_line: Line,
    uart_line: Line,
}

impl<'d> Console<'d> {
    /// `uart_rx` is UART0's RX pin on this chip (GPIO20 on the ESP32-C3, GPIO17 on the C6, GPIO44 on the S3).
    pub fn new(
        usb: USB_DEVICE<'d>,
        uart0: UART0<'d>,
        uart_rx: impl esp_hal::gpio::interconnect::PeripheralInput<'d>,
    ) -> Self {
        let uart = UartRx::new(uart0, Config::default()).ok().map(|uart| uart.with_rx(uart_rx));
        Console { usb: UsbSerialJtag::new(usb), uart, usb_line: Line::default(), uart_line: Line::default() }
    }

    /// Reads what is waiting on either console; returns a complete line when one has arrived.
    pub fn poll_line(&mut self) -> Option<String> {
        while let Ok(byte) = self.usb.read_byte() {
            if let Some(line) = self.usb_line.push(byte) {
                return Some(line);
            }
        }
        let uart = self.uart.as_mut()?;
        // A byte at a time: what follows a line's end stays in the FIFO for the next call.
        let mut byte = [0u8; 1];
        while let Ok(1) = uart.read_buffered(&mut byte) {
            if let Some(line) = self.uart_line.push(byte[0]) {
                return Some(line);
            }
        }
        None
    }
}
