//! Candidate pairs as the wire shows them: str0m's connectivity checks (STUN Binding requests) are matched
//! with their answers by transaction id, which gives every pair its outcome and round-trip time without
//! asking the engine for internals.

use super::stun::{self, Binding, TransactionId};
use kvs_core::webrtc::{CandidateType, PairOutcome, Transport};
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// What this side knows about one of its candidates' bases.
#[derive(Debug, Clone)]
pub struct Local {
    pub typ: CandidateType,
    pub transport: Transport,
    /// The STUN or TURN server behind it.
    pub via: Option<String>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Pair {
    checks: u32,
    outcome: Option<PairOutcome>,
    rtt: Option<Duration>,
}

struct Check {
    local: SocketAddr,
    remote: SocketAddr,
    sent: Instant,
    bytes: Vec<u8>,
    resent: bool,
}

/// A pair's result.
pub struct Checked {
    pub local: SocketAddr,
    pub remote: SocketAddr,
    pub outcome: PairOutcome,
    pub rtt: Option<Duration>,
    pub checks: u32,
}

#[derive(Default)]
pub struct Pairs {
    locals: HashMap<SocketAddr, Local>,
    /// Checks in flight: their pair, when they went out, their bytes, and whether they were sent again.
    checks: HashMap<TransactionId, Check>,
    pairs: BTreeMap<(SocketAddr, SocketAddr), Pair>,
}

impl Pairs {
    pub fn set_local(&mut self, addr: SocketAddr, local: Local) {
        self.locals.insert(addr, local);
    }

    pub fn local_kind(&self, addr: SocketAddr) -> (CandidateType, Transport) {
        self.locals.get(&addr).map_or((CandidateType::Host, Transport::Udp), |l| (l.typ, l.transport))
    }

    /// `relay/tls 127.0.0.1:50010 via turns:…`.
    pub fn local_name(&self, addr: SocketAddr) -> String {
        let (typ, transport) = self.local_kind(addr);
        let via = self.locals.get(&addr).and_then(|l| l.via.clone()).map(|v| format!(" via {v}")).unwrap_or_default();
        format!("{typ}/{transport} {addr}{via}")
    }

    /// A datagram the engine sends: a connectivity check is remembered.
    pub fn on_transmit(&mut self, source: SocketAddr, destination: SocketAddr, data: &[u8], now: Instant) {
        if let Some(Binding::Request(id)) = stun::binding(data) {
            let check = Check { local: source, remote: destination, sent: now, bytes: data.to_vec(), resent: false };
            self.checks.insert(id, check);
            self.pairs.entry((source, destination)).or_default().checks += 1;
        }
    }

    /// A datagram that arrived: an answer to a check decides its pair; returns the pair's first outcome.
    pub fn on_receive(&mut self, data: &[u8], now: Instant) -> Option<Checked> {
        let (id, outcome) = match stun::binding(data)? {
            Binding::Success(id) => (id, PairOutcome::Succeeded),
            Binding::Error(id) => (id, PairOutcome::Failed),
            Binding::Request(_) => return None,
        };
        let Check { local, remote, sent, .. } = self.checks.remove(&id)?;
        let pair = self.pairs.entry((local, remote)).or_default();
        let first =
            pair.outcome.is_none() || (pair.outcome == Some(PairOutcome::Failed) && outcome == PairOutcome::Succeeded);
        if !first {
            return None;
        }
        pair.outcome = Some(outcome);
        let rtt = (outcome == PairOutcome::Succeeded).then(|| now.saturating_duration_since(sent));
        pair.rtt = rtt;
        Some(Checked { local, remote, outcome, rtt, checks: pair.checks })
    }

    /// A check from `local` to `remote` still unanswered, to send again now that the peer has shown it can be
    /// reached (its own check arrived): the first check through a TURN relay is often dropped because the peer's
    /// permission was not installed yet, and the engine would wait a whole retransmission timeout.
    pub fn resend_to(&mut self, local: SocketAddr, remote: SocketAddr) -> Option<Vec<u8>> {
        let check = self.checks.values_mut().find(|c| c.local == local && c.remote == remote && !c.resent)?;
        check.resent = true;
        Some(check.bytes.clone())
    }

    /// Every pair checked, the unanswered ones timed out.
    pub fn results(&self) -> Vec<Checked> {
        self.pairs
            .iter()
            .map(|(&(local, remote), pair)| Checked {
                local,
                remote,
                outcome: pair.outcome.unwrap_or(PairOutcome::TimedOut),
                rtt: pair.rtt,
                checks: pair.checks,
            })
            .collect()
    }

    /// `4 pairs checked: 3 timed out, 1 failed`.
    pub fn summary(&self) -> String {
        let results = self.results();
        let count = |o| results.iter().filter(|r| r.outcome == o).count();
        format!(
            "{} pairs checked: {} timed out, {} failed",
            results.len(),
            count(PairOutcome::TimedOut),
            count(PairOutcome::Failed)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kvs_core::stun::message::{Builder, Class, Method};

    fn response(id: TransactionId, class: Class) -> Vec<u8> {
        Builder::new(class, Method::BINDING, id).finish()
    }

    #[test]
    fn matches_checks_with_answers() {
        let (a, b, c): (SocketAddr, SocketAddr, SocketAddr) =
            ("127.0.0.1:1".parse().unwrap(), "127.0.0.1:2".parse().unwrap(), "127.0.0.1:3".parse().unwrap());
        let mut pairs = Pairs::default();
        let now = Instant::now();
        let (id1, check1) = stun::tests::binding_request();
        let (id2, check2) = stun::tests::binding_request();
        let (_, check3) = stun::tests::binding_request();
        pairs.on_transmit(a, b, &check1, now);
        pairs.on_transmit(a, c, &check2, now);
        pairs.on_transmit(b, c, &check3, now);
        pairs.on_transmit(a, b, b"\x16\xfe\xfd not a check", now);
        let ok = pairs.on_receive(&response(id1, Class::Success), now + Duration::from_millis(3)).unwrap();
        assert_eq!(
            (ok.local, ok.remote, ok.outcome, ok.rtt),
            (a, b, PairOutcome::Succeeded, Some(Duration::from_millis(3)))
        );
        assert!(pairs.on_receive(&response(id1, Class::Success), now).is_none(), "answered once");
        assert_eq!(pairs.on_receive(&response(id2, Class::Error), now).unwrap().outcome, PairOutcome::Failed);
        let outcomes: Vec<PairOutcome> = pairs.results().iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, vec![PairOutcome::Succeeded, PairOutcome::Failed, PairOutcome::TimedOut]);
        assert_eq!(pairs.summary(), "3 pairs checked: 1 timed out, 1 failed");
    }
}
