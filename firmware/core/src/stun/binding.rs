//! A STUN Binding query: the server-reflexive address of the socket it is sent from (what a device behind a NAT
//! looks like from the internet), with its round trip.

use super::message::{Builder, Class, Message, Method, attr};
use super::transactions::{Ids, Transactions};
use alloc::string::String;
use alloc::vec::Vec;
use core::net::SocketAddr;

/// How a query ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingOutcome {
    Mapped {
        address: SocketAddr,
        rtt_ms: u64,
    },
    Refused {
        code: u16,
        reason: String,
    },
    /// No answer, even after retransmissions.
    TimedOut,
}

pub struct Binding {
    transactions: Transactions<()>,
    ids: Ids,
    outcome: Option<BindingOutcome>,
}

impl Binding {
    /// `reliable`: over TCP (no retransmission).
    pub fn new(seed: u64, reliable: bool, timeout_ms: u64) -> Binding {
        Binding { transactions: Transactions::new(reliable, timeout_ms), ids: Ids::new(seed), outcome: None }
    }

    /// The request to send.
    pub fn start(&mut self, now: u64) -> Vec<u8> {
        let id = self.ids.draw();
        let bytes = Builder::new(Class::Request, Method::BINDING, id).fingerprint();
        self.transactions.sent(now, id, (), bytes.clone());
        bytes
    }

    /// Takes a datagram; true when it was this query's answer.
    pub fn handle_input(&mut self, now: u64, bytes: &[u8]) -> bool {
        let Ok(message) = Message::parse(bytes) else { return false };
        if message.method != Method::BINDING || !matches!(message.class, Class::Success | Class::Error) {
            return false;
        }
        let Some(((), rtt_ms)) = self.transactions.answered(&message.transaction, now) else { return false };
        self.outcome = Some(match message.class {
            Class::Success => {
                match message.xor_address(attr::XOR_MAPPED_ADDRESS).or_else(|| message.address(attr::MAPPED_ADDRESS)) {
                    Some(address) => BindingOutcome::Mapped { address, rtt_ms },
                    None => BindingOutcome::Refused { code: 0, reason: "the answer carried no mapped address".into() },
                }
            }
            _ => {
                let (code, reason) = super::message::reason(&message);
                BindingOutcome::Refused { code, reason }
            }
        });
        true
    }

    /// A retransmission to send, if one is due; gives up at the deadline.
    pub fn handle_timeout(&mut self, now: u64) -> Option<Vec<u8>> {
        let expired = self.transactions.handle_timeout(now);
        if !expired.gave_up.is_empty() {
            self.outcome = Some(BindingOutcome::TimedOut);
        }
        expired.resend.into_iter().next()
    }

    pub fn poll_timeout(&self) -> Option<u64> {
        self.outcome.is_none().then(|| self.transactions.poll_timeout()).flatten()
    }

    pub fn outcome(&self) -> Option<&BindingOutcome> {
        self.outcome.as_ref()
    }
}
