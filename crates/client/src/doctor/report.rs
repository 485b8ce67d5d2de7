//! The doctor's checklist: a verdict per check, the first failure explained, what was skipped and why.

use crate::error::Error;
use crate::turn::probe::TlsInfo;
use serde::Serialize;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

impl Status {
    /// The one-character mark a checklist shows.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Warn => "!",
            Status::Fail => "✗",
            Status::Skip => "-",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub ms: f64,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsInfo>,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

impl Check {
    pub fn pass(name: &'static str, since: Instant, detail: impl Into<String>) -> Check {
        Check { name, status: Status::Pass, ms: ms(since), detail: detail.into(), cause: None, hint: None, tls: None }
    }

    pub fn warn(name: &'static str, since: Instant, detail: impl Into<String>) -> Check {
        Check { status: Status::Warn, ..Check::pass(name, since, detail) }
    }

    pub fn fail(name: &'static str, since: Instant, cause: impl Into<String>, hint: impl Into<String>) -> Check {
        let cause = cause.into();
        Check {
            name,
            status: Status::Fail,
            ms: ms(since),
            detail: cause.clone(),
            cause: Some(cause),
            hint: Some(hint.into()),
            tls: None,
        }
    }

    pub fn from_error(name: &'static str, since: Instant, err: &Error) -> Check {
        let code = err.code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        Check::fail(name, since, format!("{}{code}", err.message), err.hint.clone().unwrap_or_default())
    }

    pub fn skip(name: &'static str, why: impl Into<String>) -> Check {
        Check { name, status: Status::Skip, ms: 0.0, detail: why.into(), cause: None, hint: None, tls: None }
    }
}

/// The checklist, in the order the checks ran.
#[derive(Debug, Default)]
pub struct Doctor {
    checks: Vec<Check>,
}

impl Doctor {
    pub fn push(&mut self, check: Check) {
        self.checks.push(check);
    }

    /// Marks the named checks as skipped because of an earlier failure.
    pub fn skip_rest(&mut self, why: &str, names: &[&'static str]) {
        for name in names {
            self.checks.push(Check::skip(name, format!("skipped: {why}")));
        }
    }

    pub fn first_failure(&self) -> Option<&Check> {
        self.checks.iter().find(|c| c.status == Status::Fail)
    }

    /// Every check, in the order run.
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    pub fn ok(&self) -> bool {
        self.first_failure().is_none()
    }
}
