//! Finding the ESP32's serial port: `--port`, then `ESPFLASH_PORT`, then the one USB serial port whose VID:PID
//! is a chip or bridge that ESP32 boards use.

use crate::{Error, Result};
use serialport::{SerialPortType, UsbPortInfo};

/// Espressif's USB-Serial-JTAG and USB bridge, and the USB-UART bridges of common boards.
const KNOWN: [(u16, u16, &str); 7] = [
    (0x303a, 0x1001, "Espressif USB-Serial-JTAG"),
    (0x303a, 0x1002, "Espressif USB bridge"),
    (0x10c4, 0xea60, "Silicon Labs CP210x"),
    (0x1a86, 0x7523, "QinHeng CH340"),
    (0x1a86, 0x55d4, "QinHeng CH9102"),
    (0x0403, 0x6001, "FTDI FT232"),
    (0x0403, 0x6010, "FTDI FT2232"),
];

pub fn describe(info: &UsbPortInfo) -> String {
    let known = KNOWN.iter().find(|(v, p, _)| *v == info.vid && *p == info.pid).map(|(_, _, n)| *n);
    let product = info.product.clone().or(known.map(String::from)).unwrap_or_else(|| "USB serial".into());
    format!("{product} ({:04x}:{:04x})", info.vid, info.pid)
}

/// The USB identity of a port, for the loader's reset strategy (USB-Serial-JTAG resets differently) and for
/// finding the port again after the device re-enumerates; empty for a port that is not USB (or a pty).
pub fn usb_info(port: &str) -> UsbPortInfo {
    serialport::available_ports()
        .unwrap_or_default()
        .into_iter()
        .find_map(|p| match p.port_type {
            SerialPortType::UsbPort(info) if p.port_name == port => Some(info),
            _ => None,
        })
        .unwrap_or(UsbPortInfo { vid: 0, pid: 0, serial_number: None, manufacturer: None, product: None })
}

/// Where a USB serial device is now: the port with the same VID:PID and, when it has one, serial number.
pub fn find_by_identity(identity: &UsbPortInfo) -> Option<String> {
    serialport::available_ports().ok()?.into_iter().find_map(|p| match p.port_type {
        SerialPortType::UsbPort(info)
            if info.vid == identity.vid && info.pid == identity.pid && info.serial_number == identity.serial_number =>
        {
            Some(p.port_name)
        }
        _ => None,
    })
}

/// The port to use.
pub fn choose(flag: Option<&str>) -> Result<String> {
    if let Some(port) = flag {
        return Ok(port.to_string());
    }
    if let Some(port) = std::env::var("ESPFLASH_PORT").ok().filter(|p| !p.is_empty()) {
        return Ok(port);
    }
    let ports = serialport::available_ports().map_err(|e| Error::local(format!("cannot list serial ports: {e}")))?;
    let candidates: Vec<(String, String)> = ports
        .into_iter()
        .filter_map(|p| match p.port_type {
            SerialPortType::UsbPort(info) if KNOWN.iter().any(|(v, pid, _)| *v == info.vid && *pid == info.pid) => {
                Some((p.port_name, describe(&info)))
            }
            _ => None,
        })
        .collect();
    match candidates.as_slice() {
        [(port, _)] => Ok(port.clone()),
        [] => Err(Error::input("no ESP32 serial port was found").with_hint(
            "plug the board in (a data cable, not a charging one), or pass --port /dev/ttyUSB0 (or set ESPFLASH_PORT)",
        )),
        many => Err(Error::input(format!(
            "{} serial ports could be the ESP32: {}",
            many.len(),
            many.iter().map(|(p, d)| format!("{p} ({d})")).collect::<Vec<_>>().join(", ")
        ))
        .with_hint("choose one with --port")),
    }
}
