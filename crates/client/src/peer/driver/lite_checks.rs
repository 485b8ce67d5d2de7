//! The driver's side of checks against an ICE-lite device: which of its sockets and relays they leave from,
//! and sending them when they are due (the checks themselves are `peer::lite`'s).

use super::super::lite::{self, LiteChecks};
use super::{Peer, transport_of};
use kvs_core::webrtc::{CandidateType, Transport};
use std::time::Instant;

impl Peer<'_> {
    /// Starts checks from every host socket and relay to the candidates of an ICE-lite device.
    pub(super) fn check_lite(&mut self, device: kvs_core::diagnostic::Lite, now: Instant) {
        let sockets = self.sockets.iter().enumerate().map(|(i, (addr, _))| lite::From {
            via: lite::Via::Socket(i),
            typ: CandidateType::Host,
            transport: Transport::Udp,
            addr: *addr,
        });
        let relays = self.relays.iter().enumerate().filter_map(|(i, slot)| {
            let addr = slot.relayed?;
            Some(lite::From {
                via: lite::Via::Relay(i),
                typ: CandidateType::Relay,
                transport: transport_of(&slot.uri),
                addr,
            })
        });
        let locals: Vec<lite::From> = sockets.chain(relays).collect();
        self.lite = Some(LiteChecks::new(device, &locals, now));
        self.send_lite(now);
    }

    /// A relay allocated after the checks began: its pairs join them.
    pub(super) fn check_lite_from_relay(&mut self, id: usize, now: Instant) {
        let Some(slot) = self.relays.get(id) else { return };
        let (Some(addr), Some(lite)) = (slot.relayed, self.lite.as_mut()) else { return };
        let from = lite::From {
            via: lite::Via::Relay(id),
            typ: CandidateType::Relay,
            transport: transport_of(&slot.uri),
            addr,
        };
        lite.add(from, now);
        self.send_lite(now);
    }

    /// Whether a relay is still being allocated (neither allocated nor failed yet).
    pub(super) fn relays_pending(&self) -> bool {
        self.relays
            .iter()
            .any(|slot| slot.relayed.is_none() && !self.report.turn.iter().any(|t| t.uri == slot.uri.text))
    }

    pub(super) fn send_lite(&mut self, now: Instant) {
        let Some(lite) = &mut self.lite else { return };
        for (via, to, bytes) in lite.due(now) {
            match via {
                lite::Via::Socket(i) => _ = self.sockets[i].1.try_send_to(&bytes, to),
                lite::Via::Relay(i) => self.relays[i].relay.send(to, bytes),
            }
        }
    }
}
