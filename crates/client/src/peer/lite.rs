//! Connectivity checks against an ICE-lite device — the companion firmware, whose diagnostic answer states its
//! credentials and candidates but has no DTLS or media: a check from every host socket and relay of this side
//! to every candidate of the device (the core's ICE checks, short-term credentials), each retried, each pair
//! ending succeeded, failed or timed out with its round trip. It tells which paths to the device work.

use super::report::PairReport;
use kvs_core::diagnostic::{Candidate, Lite};
use kvs_core::stun::IceCredentials;
use kvs_core::stun::ice::{self, CheckResult};
use kvs_core::webrtc::{CandidateType, PairOutcome, Transport};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// A check is sent again this often until answered…
const RESEND: Duration = Duration::from_millis(250);
/// …and the pair times out this long after its first check.
const GIVE_UP: Duration = Duration::from_millis(3000);

/// Where a check leaves from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A host socket, by index.
    Socket(usize),
    /// A relay, by index.
    Relay(usize),
}

/// One of this side's candidates a check can leave from.
#[derive(Debug, Clone, Copy)]
pub struct From {
    pub via: Via,
    pub typ: CandidateType,
    pub transport: Transport,
    pub addr: SocketAddr,
}

struct Check {
    from: From,
    to: Candidate,
    transaction: [u8; 12],
    bytes: Vec<u8>,
    first: Option<Instant>,
    next: Instant,
    outcome: Option<(PairOutcome, Option<Duration>)>,
    sends: u32,
}

pub struct LiteChecks {
    remote: Lite,
    local: IceCredentials,
    tiebreaker: u64,
    checks: Vec<Check>,
}

impl LiteChecks {
    /// Every pair of `locals` and the device's candidates of the same address family.
    pub fn new(device: Lite, locals: &[From], now: Instant) -> LiteChecks {
        let local = IceCredentials::from_random(rand::random());
        let mut checks = LiteChecks { remote: device, local, tiebreaker: rand::random(), checks: Vec::new() };
        for from in locals {
            checks.add(*from, now);
        }
        checks
    }

    /// Pairs one more candidate of this side (a relay allocated late) with every device candidate of its family.
    pub fn add(&mut self, from: From, now: Instant) {
        for to in self.remote.candidates.iter().filter(|c| c.addr.is_ipv4() == from.addr.is_ipv4()) {
            let transaction: [u8; 12] = rand::random();
            let priority = Candidate { typ: from.typ, addr: from.addr }.priority();
            let bytes = ice::check(transaction, &self.local, &self.remote.credentials, priority, self.tiebreaker);
            let check = Check { from, to: *to, transaction, bytes, first: None, next: now, outcome: None, sends: 0 };
            self.checks.push(check);
        }
    }

    /// The checks to send now: where from, where to, the bytes. Pairs past their time are given up.
    pub fn due(&mut self, now: Instant) -> Vec<(Via, SocketAddr, Vec<u8>)> {
        let mut due = Vec::new();
        for check in self.checks.iter_mut().filter(|c| c.outcome.is_none()) {
            if check.first.is_some_and(|first| now >= first + GIVE_UP) {
                check.outcome = Some((PairOutcome::TimedOut, None));
            } else if now >= check.next {
                check.first.get_or_insert(now);
                check.next = now + RESEND;
                check.sends += 1;
                due.push((check.from.via, check.to.addr, check.bytes.clone()));
            }
        }
        due
    }

    /// Takes a datagram; true when it answered one of the checks.
    pub fn on_datagram(&mut self, bytes: &[u8], now: Instant) -> bool {
        for check in self.checks.iter_mut().filter(|c| c.outcome.is_none()) {
            if let Some(result) = ice::check_result(bytes, &check.transaction, &self.remote.credentials) {
                let rtt = check.first.map(|first| now.saturating_duration_since(first));
                check.outcome = Some(match result {
                    CheckResult::Succeeded { .. } => (PairOutcome::Succeeded, rtt),
                    CheckResult::Refused { .. } => (PairOutcome::Failed, rtt),
                });
                return true;
            }
        }
        false
    }

    pub fn next_at(&self) -> Option<Instant> {
        let pending = self.checks.iter().filter(|c| c.outcome.is_none());
        pending.map(|c| c.first.map_or(c.next, |first| c.next.min(first + GIVE_UP))).min()
    }

    pub fn done(&self) -> bool {
        self.checks.iter().all(|c| c.outcome.is_some())
    }

    /// Every pair's outcome (those still waiting count as timed out).
    pub fn results(&self) -> Vec<PairReport> {
        self.checks
            .iter()
            .map(|c| {
                let (outcome, rtt) = c.outcome.unwrap_or((PairOutcome::TimedOut, None));
                PairReport {
                    local: c.from.typ,
                    local_transport: c.from.transport,
                    local_addr: c.from.addr,
                    remote: c.to.typ,
                    remote_addr: c.to.addr,
                    outcome,
                    rtt_ms: rtt.map(|r| r.as_secs_f64() * 1000.0),
                    checks: c.sends,
                }
            })
            .collect()
    }
}
