//! The one error type of the host's libraries. Each error has a kind (which the binary maps to its documented
//! exit code) and carries a next step for the user; the binary renders it, in text or as JSON.

use std::fmt;

/// What kind of failure: what the user should look at, and which exit code the binary uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A local failure: a file that cannot be written, an internal fault. Exit 1.
    Local,
    /// Invalid usage or input, refused before anything was sent. Exit 2.
    Input,
    /// Missing, expired or rejected credentials, denied access, or a signature the service refused. Exit 3.
    Auth,
    /// The channel (or other resource) does not exist. Exit 4.
    NotFound,
    /// The service refused or failed the request for another reason. Exit 5.
    Service,
    /// The service could not be reached or answered with something unreadable. Exit 6.
    Network,
    /// A diagnostic ran and found a failure (a TURN server that does not work, a failed doctor check). Exit 7.
    Check,
}

impl Kind {
    /// The kind's name in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Local => "local",
            Kind::Input => "input",
            Kind::Auth => "auth",
            Kind::NotFound => "not_found",
            Kind::Service => "service",
            Kind::Network => "network",
            Kind::Check => "check",
        }
    }
}

/// An error with what failed, why, and what to do next.
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    /// The service's error code, when the service answered.
    pub code: Option<String>,
    /// Worth retrying as it is (a refused connection, a timeout), unlike a certificate or input problem.
    pub transient: bool,
    /// The command's own JSON report already carries this failure; `--output json` prints nothing more.
    pub in_report: bool,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None, code: None, transient: false, in_report: false }
    }

    pub fn local(message: impl Into<String>) -> Self {
        Error::new(Kind::Local, message)
    }

    pub fn input(message: impl Into<String>) -> Self {
        Error::new(Kind::Input, message)
    }

    pub fn network(message: impl Into<String>) -> Self {
        Error::new(Kind::Network, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn in_report(mut self) -> Self {
        self.in_report = true;
        self
    }

    pub fn transient(mut self) -> Self {
        self.transient = true;
        self
    }

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
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

/// An error and its sources, joined with ": " (repeats dropped), so that "certificate unknown issuer" is not
/// hidden behind "client error".
pub fn causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(inner) = source {
        let text = inner.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = inner.source();
    }
    parts.join(": ")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
