//! The ESP32 side of kvs-esp: boards, serial ports, building and flashing the companion firmware, the monitor
//! (line classification, symbols, KVS C SDK lines), the provisioning answer, the virtual device, and `diagnose`
//! (device and host on one timeline, with a verdict).
//!
//! It takes plain configuration and never prints: flashing reports progress through [`flash::FlashProgress`]
//! (as espflash's `ProgressCallbacks`), the monitor hands each classified line to a [`monitor::MonitorObserver`],
//! and diagnose returns a report.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod board;
pub mod diagnose;
pub mod flash;
pub mod monitor;
pub mod ports;
pub mod provision;
pub mod virtual_device;

pub use board::Board;
pub use kvs_client::{Error, Kind, Result};
