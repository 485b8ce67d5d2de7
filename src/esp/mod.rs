//! The ESP32 side: serial ports and the monitor (more to come: boards, firmware builds, flashing).

pub mod monitor;
pub mod ports;
pub mod provision;
