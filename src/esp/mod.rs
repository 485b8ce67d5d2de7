//! The ESP32 side: boards, serial ports, building and flashing the companion firmware, and the monitor.

pub mod board;
pub mod flash;
pub mod monitor;
pub mod ports;
pub mod provision;
pub mod virtual_device;
