//! Logging in ESP-IDF's format, `L (milliseconds) tag: message`, with ESP-IDF's colours, so that one parser
//! (the host's monitor, or esp-idf-monitor) reads this firmware and ESP-IDF firmware alike. The core's event
//! lines go out as `I (…) kvs: ev=…`.

use core::fmt;

#[derive(Clone, Copy)]
pub enum Level {
    Error,
    Warn,
    Info,
}

impl Level {
    fn letter(self) -> char {
        match self {
            Level::Error => 'E',
            Level::Warn => 'W',
            Level::Info => 'I',
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Level::Error => "\x1b[0;31m",
            Level::Warn => "\x1b[0;33m",
            Level::Info => "\x1b[0;32m",
        }
    }
}

pub fn millis() -> u64 {
    esp_hal::time::Instant::now().duration_since_epoch().as_millis()
}

pub fn write(level: Level, tag: &str, message: fmt::Arguments<'_>) {
    esp_println::println!("{}{} ({}) {}: {}\x1b[0m", level.colour(), level.letter(), millis(), tag, message);
}

/// One of the core's events, in its one text form, at the level its severity asks for.
pub fn event(event: &kvs_core::event::Event) {
    let level = match event.severity() {
        kvs_core::event::Severity::Error => Level::Error,
        kvs_core::event::Severity::Warning => Level::Warn,
        kvs_core::event::Severity::Info => Level::Info,
    };
    write(level, "kvs", format_args!("{event}"));
}

macro_rules! info {
    ($tag:expr, $($arg:tt)*) => { $crate::log::write($crate::log::Level::Info, $tag, format_args!($($arg)*)) };
}

macro_rules! warning {
    ($tag:expr, $($arg:tt)*) => { $crate::log::write($crate::log::Level::Warn, $tag, format_args!($($arg)*)) };
}

macro_rules! error {
    ($tag:expr, $($arg:tt)*) => { $crate::log::write($crate::log::Level::Error, $tag, format_args!($($arg)*)) };
}

pub(crate) use {error, info, warning};
