//! Server-reflexive candidates: a STUN Binding from every host socket to every STUN server, each the core's
//! Binding machine (`kvs_core::stun::Binding`, the one the device's path checks run), its outcome in the report.

use super::super::report::StunOutcome;
use super::Peer;
use kvs_core::stun::{Binding, BindingOutcome};
use kvs_core::webrtc::{CandidateType, Transport};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use str0m::Candidate;

/// A Binding gives up after this long: requests at 0, 500 and 1500 ms (RFC 8489's schedule, cut short).
const GIVE_UP_MS: u64 = 3000;

/// A Binding in flight from a host socket to a STUN server.
pub(super) struct StunQuery {
    server: usize,
    socket: usize,
    binding: Binding,
}

impl Peer<'_> {
    pub(super) fn query_stun(&mut self, server: usize, socket: usize, now: Instant) {
        let Some(destination) = self.stun_servers[server].1 else { return };
        let mut binding = Binding::new(rand::random(), false, GIVE_UP_MS);
        let request = binding.start(self.ms(now));
        let _ = self.sockets[socket].1.try_send_to(&request, destination);
        self.stun_queries.push(StunQuery { server, socket, binding });
    }

    /// When the next retransmission or deadline is due.
    pub(super) fn next_stun(&self) -> Option<Instant> {
        let at = self.stun_queries.iter().filter_map(|q| q.binding.poll_timeout()).min()?;
        Some(self.epoch + Duration::from_millis(at))
    }

    /// Takes a datagram on a host socket; true when it answered one of the queries.
    pub(super) fn on_stun_datagram(&mut self, data: &[u8], now: Instant) -> bool {
        let ms = self.ms(now);
        let Some(at) = self.stun_queries.iter_mut().position(|q| q.binding.handle_input(ms, data)) else {
            return false;
        };
        let query = self.stun_queries.swap_remove(at);
        // One answer per socket and server is enough.
        self.stun_queries.retain(|q| !(q.server == query.server && q.socket == query.socket));
        let (mapped, error): (Option<SocketAddr>, Option<String>) = match query.binding.outcome() {
            Some(BindingOutcome::Mapped { address, .. }) => (Some(*address), None),
            Some(BindingOutcome::Refused { code, reason }) => (None, Some(format!("{code} {reason}"))),
            _ => (None, Some("no answer".to_string())),
        };
        let server = self.stun_servers[query.server].0.clone();
        self.report.stun.push(StunOutcome { server: server.clone(), mapped, error, ms });
        let base = self.sockets[query.socket].0;
        if let Some(mapped) = mapped {
            self.found_server_reflexive(mapped, base, &server);
        }
        true
    }

    /// Retransmits what is due; reports the queries that got no answer in time.
    pub(super) fn stun_timeouts(&mut self, now: Instant) {
        let ms = self.ms(now);
        let mut i = 0;
        while i < self.stun_queries.len() {
            let query = &mut self.stun_queries[i];
            if let Some(again) = query.binding.handle_timeout(ms)
                && let Some(destination) = self.stun_servers[query.server].1
            {
                let _ = self.sockets[query.socket].1.try_send_to(&again, destination);
            }
            if query.binding.outcome() == Some(&BindingOutcome::TimedOut) {
                let query = self.stun_queries.swap_remove(i);
                let server = self.stun_servers[query.server].0.clone();
                let error = Some(format!("no answer from {server} within {GIVE_UP_MS} ms"));
                self.report.stun.push(StunOutcome { server, mapped: None, error, ms });
                continue;
            }
            i += 1;
        }
    }

    /// Servers still unanswered when the run ends, reported once each.
    pub(super) fn unanswered_stun(&mut self) {
        for query in std::mem::take(&mut self.stun_queries) {
            let name = self.stun_servers[query.server].0.clone();
            if !self.report.stun.iter().any(|s| s.server == name) {
                let error = Some("no answer before the run ended".into());
                self.report.stun.push(StunOutcome { server: name, mapped: None, error, ms: 0 });
            }
        }
    }

    fn found_server_reflexive(&mut self, mapped: SocketAddr, base: SocketAddr, server: &str) {
        if let Ok(candidate) = Candidate::server_reflexive(mapped, base, "udp") {
            let via = Some(format!("stun:{server}"));
            self.found(candidate, CandidateType::ServerReflexive, Transport::Udp, base, via);
        }
    }
}
