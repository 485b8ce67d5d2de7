//! Why the emulator could not start: a setting it refuses, or a local failure (a port taken, a state directory
//! it cannot use). Every error carries what to do next when there is something to do.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A setting that cannot work (an invalid region, key pair or TURN URI).
    Input,
    /// The machine refused: a port in use, a directory that cannot be written.
    Local,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl Error {
    pub fn input(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Input, message: message.into(), hint: None }
    }

    pub fn local(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Local, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<kvs_core::names::InvalidName> for Error {
    fn from(err: kvs_core::names::InvalidName) -> Self {
        Error::input(err.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
