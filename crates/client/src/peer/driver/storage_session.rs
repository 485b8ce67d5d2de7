//! A recording master's storage session, as the KVS C SDK runs it: join whenever signaling connects, take the
//! next offer as the storage session's, and join again when no offer comes within 6 s or when the session's
//! connection ends. Time is an input; the join itself (an HTTPS call) is made by the task that `asks` reaches.

use crate::peer::report::StorageReport;
use kvs_core::event::Event;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// How long the C SDK waits for the storage session's offer before it joins again.
pub(super) const OFFER_WITHIN: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Signaling has not connected yet.
    Idle,
    /// A JoinStorageSession is on its way.
    Joining,
    AwaitingOffer {
        until: Instant,
    },
    /// The storage session's offer came from this peer.
    Joined {
        peer: String,
    },
    /// The last join failed: the next one at this time.
    RetryAt(Instant),
}

pub(super) struct StorageSession {
    asks: mpsc::UnboundedSender<()>,
    state: State,
    /// JoinStorageSession calls asked for so far.
    pub(super) joins: u32,
    /// The peer whose offer was the session's, last time one came.
    peer: Option<String>,
}

impl StorageSession {
    pub(super) fn new(asks: mpsc::UnboundedSender<()>) -> StorageSession {
        StorageSession { asks, state: State::Idle, joins: 0, peer: None }
    }

    fn join(&mut self) {
        self.joins += 1;
        self.state = State::Joining;
        let _ = self.asks.send(());
    }

    /// Signaling connected, the first time or again: join (the C SDK's JOIN_SESSION state follows every
    /// CONNECTED; the service ends a session whose master's connection went), unless a join is on its way.
    pub(super) fn connected(&mut self) {
        if self.state != State::Joining {
            self.join();
        }
    }

    /// A join's outcome: the event of a join, or the warning of a failed one.
    pub(super) fn joined(&mut self, outcome: &Result<u64, String>, now: Instant) -> Result<Event, String> {
        match outcome {
            Ok(ms) => {
                self.state = State::AwaitingOffer { until: now + OFFER_WITHIN };
                Ok(Event::StorageJoined { join: self.joins, ms: *ms })
            }
            Err(why) => {
                self.state = State::RetryAt(now + OFFER_WITHIN);
                Err(format!("JoinStorageSession failed ({why}); joining again in {} s", OFFER_WITHIN.as_secs()))
            }
        }
    }

    /// Whether an offer from `peer` is the storage session's: the first after a join, or the session's again.
    pub(super) fn claims_offer(&mut self, peer: &str) -> bool {
        match &self.state {
            State::AwaitingOffer { .. } => {
                self.state = State::Joined { peer: peer.to_string() };
                self.peer = Some(peer.to_string());
                true
            }
            State::Joined { peer: session } => session == peer,
            State::Idle | State::Joining | State::RetryAt(_) => false,
        }
    }

    pub(super) fn report(&self) -> StorageReport {
        StorageReport { joins: self.joins, peer: self.peer.clone() }
    }

    /// When [`StorageSession::tick`] next has something to do.
    pub(super) fn next_at(&self) -> Option<Instant> {
        match self.state {
            State::AwaitingOffer { until } => Some(until),
            State::RetryAt(at) => Some(at),
            State::Idle | State::Joining | State::Joined { .. } => None,
        }
    }

    /// Joins again when the offer is late, a failed join's pause is over, or the session's connection has ended
    /// (`ended` tells, by peer); what to tell the user, when it does.
    pub(super) fn tick(&mut self, now: Instant, ended: impl Fn(&str) -> bool) -> Option<String> {
        let why = match &self.state {
            State::AwaitingOffer { until } if now >= *until => {
                format!("no offer from the storage session within {} s: joining again", OFFER_WITHIN.as_secs())
            }
            State::RetryAt(at) if now >= *at => "joining the storage session again".to_string(),
            State::Joined { peer } if ended(peer) => {
                format!("the storage session's connection ({peer}) ended: joining again")
            }
            _ => return None,
        };
        self.join();
        Some(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_on_connect_and_again_when_the_offer_is_late_or_the_session_ends() {
        let (asks, mut asked) = mpsc::unbounded_channel();
        let mut session = StorageSession::new(asks);
        let t0 = Instant::now();
        assert!(!session.claims_offer("viewer-1"), "no join yet: an offer is a viewer's");
        session.connected();
        session.connected();
        assert_eq!(
            (session.joins, asked.try_recv().is_ok(), asked.try_recv().is_err()),
            (1, true, true),
            "one at once"
        );
        assert_eq!(session.joined(&Ok(4), t0), Ok(Event::StorageJoined { join: 1, ms: 4 }));
        assert_eq!(session.next_at(), Some(t0 + OFFER_WITHIN));
        assert_eq!(session.tick(t0 + Duration::from_secs(1), |_| false), None);
        let late = session.tick(t0 + OFFER_WITHIN, |_| false).unwrap();
        assert!(late.contains("within 6 s"), "{late}");
        assert_eq!(session.joins, 2);
        session.joined(&Ok(3), t0 + OFFER_WITHIN).unwrap();
        assert!(session.claims_offer("storage"));
        assert!(session.claims_offer("storage"), "a new offer from the session is still the session's");
        assert_eq!(session.report().peer.as_deref(), Some("storage"));
        assert!(!session.claims_offer("viewer-1"));
        assert_eq!(session.tick(t0 + OFFER_WITHIN * 9, |_| false), None, "a running session is left alone");
        session.connected();
        assert_eq!(session.joins, 3, "a reconnection joins again");
        session.joined(&Ok(2), t0).unwrap();
        assert!(session.claims_offer("storage"));
        assert!(session.tick(t0 + OFFER_WITHIN * 9, |peer| peer == "storage").unwrap().contains("(storage) ended"));
        let failed = session.joined(&Err("HTTP 400".into()), t0).unwrap_err();
        assert!(failed.contains("HTTP 400"), "{failed}");
        assert_eq!(session.next_at(), Some(t0 + OFFER_WITHIN));
        assert!(session.tick(t0 + OFFER_WITHIN, |_| false).is_some());
        assert_eq!(session.joins, 5);
    }
}
