//! The device's own network checks (STUN, TURN over UDP, TCP and TLS) and the host's connectivity checks to it,
//! read from the timeline: their phases on both sides, and a verdict that names what a user can act on — the
//! network blocks UDP, the TURN server's root is not in the device's bundle, an allocation refused, a device
//! reachable only through a relay.

use super::timeline::{Entry, Side};
use super::verdict::{Cause, Phase, Verdict};
use kvs_core::event::Event;
use kvs_core::webrtc::{CandidateType, PairOutcome, PathCause, PathStep, Transport};

const STUN: &str = "device STUN (server-reflexive)";
const TURN_UDP: &str = "device TURN/UDP allocation";
const TURN_TCP: &str = "device TURN/TCP allocation";
const TURN_TLS: &str = "device TURN/TLS allocation";
const TLS_HANDSHAKE: &str = "device TURN/TLS handshake";
const PAIRS: &str = "host → device ICE (best pair)";

/// The rows, when the device checked its paths (the companion firmware does, once CONNECTED).
pub fn phases(entries: &[Entry]) -> Vec<Phase> {
    let device = || entries.iter().filter(|e| e.side == Side::Device).filter_map(Entry::event);
    if !device().any(|e| matches!(e, Event::PathsChecking { .. })) {
        return Vec::new();
    }
    let turn = |transport: Transport| {
        device().find_map(|e| match e {
            Event::Turn { transport: t, ms, .. } if *t == transport => Some(*ms),
            _ => None,
        })
    };
    let stun = device().find_map(|e| match e {
        Event::Stun { ms, .. } => Some(*ms),
        _ => None,
    });
    let handshake = device().find_map(|e| match e {
        Event::TurnTls { ms, .. } => Some(*ms),
        _ => None,
    });
    let best_pair = entries
        .iter()
        .filter(|e| e.side == Side::Host)
        .filter_map(Entry::event)
        .filter_map(|e| match e {
            Event::Pair { outcome: PairOutcome::Succeeded, rtt_ms, .. } => Some(*rtt_ms),
            _ => None,
        })
        .min();
    let row = |name, device_ms| Phase { name, host_ms: None, device_ms };
    vec![
        row(STUN, stun),
        row(TURN_UDP, turn(Transport::Udp)),
        row(TURN_TCP, turn(Transport::Tcp)),
        row(TLS_HANDSHAKE, handshake),
        row(TURN_TLS, turn(Transport::Tls)),
        Phase { name: PAIRS, host_ms: best_pair, device_ms: None },
    ]
}

/// The first thing wrong with the device's paths, or the host's checks to it; `None` when all is well or the
/// device did not check.
pub fn verdict(entries: &[Entry]) -> Option<Verdict> {
    let device: Vec<&Event> = entries.iter().filter(|e| e.side == Side::Device).filter_map(Entry::event).collect();
    let failures: Vec<(PathStep, Transport, &str, PathCause, &str)> = device
        .iter()
        .filter_map(|e| match e {
            Event::PathFailed { step, transport, server, cause, detail } => {
                Some((*step, *transport, server.as_str(), *cause, detail.as_str()))
            }
            _ => None,
        })
        .collect();
    let allocated =
        |transport: Transport| device.iter().any(|e| matches!(e, Event::Turn { transport: t, .. } if *t == transport));
    let fail = |phase, cause, message: String, hint: &str| {
        Some(Verdict { ok: false, phase: Some(phase), cause: Some(cause), message, hint: Some(hint.into()) })
    };
    if let Some((_, _, server, _, detail)) = failures.iter().find(|f| f.3 == PathCause::Trust) {
        return fail(
            TURN_TLS,
            Cause::TrustStore,
            format!("on the device: TURN over TLS to {server} refused by trust: {detail}"),
            "the TURN server's root is not in the device's bundle: add it to firmware/app/certs (scripts/make-crt-bundle) \
             and flash again; `kvs-esp turn-tls probe --trust esp-common` shows the same from the host",
        );
    }
    if let Some((_, transport, server, _, detail)) = failures.iter().find(|f| f.3 == PathCause::Credentials) {
        let skewed = device.iter().any(|e| matches!(e, Event::ClockSkew { .. }));
        let (cause, hint) = match skewed {
            true => (Cause::Clock, "the device's clock is off: TURN REST credentials carry their expiry time"),
            false => (
                Cause::Credentials,
                "the TURN credentials from GetIceServerConfig were refused: they expire (TTL 300 s) and are fetched \
                 again with every ICE configuration",
            ),
        };
        return fail(
            turn_phase(*transport),
            cause,
            format!("on the device: {server} refused the allocation: {detail}"),
            hint,
        );
    }
    let udp_failed = failures.iter().any(|f| f.1 == Transport::Udp);
    let stream_ok = allocated(Transport::Tls) || allocated(Transport::Tcp);
    if udp_failed && stream_ok && !allocated(Transport::Udp) {
        return fail(
            if failures.iter().any(|f| f.0 == PathStep::Stun) { STUN } else { TURN_UDP },
            Cause::Network,
            "on the device: the network blocks UDP (no STUN answer, no TURN/UDP allocation), TURN over TLS works"
                .into(),
            "keep TURN over TLS on 443 (turns:…?transport=tcp) in the device's ICE configuration; media will be relayed",
        );
    }
    let answered = device.iter().any(|e| matches!(e, Event::Stun { .. } | Event::Turn { .. }));
    if !answered && failures.len() > 1 {
        let (_, _, server, cause, detail) = failures[0];
        return fail(
            STUN,
            Cause::Network,
            format!(
                "on the device: none of {} STUN and TURN checks worked; first, {server} ({cause}): {detail}",
                failures.len()
            ),
            "the device's network lets no WebRTC path through: check its firewall for UDP and TCP (443) to KVS",
        );
    }
    if let Some((step, transport, server, cause, detail)) = failures.first() {
        let phase = match step {
            PathStep::Stun => STUN,
            PathStep::Turn => turn_phase(*transport),
        };
        return fail(
            phase,
            Cause::Network,
            format!("on the device: {step} to {server} failed ({cause}): {detail}"),
            "the device's network does not let this path through: check its firewall for UDP and TCP to the server",
        );
    }
    host_pairs(entries)
}

fn turn_phase(transport: Transport) -> &'static str {
    match transport {
        Transport::Udp => TURN_UDP,
        Transport::Tcp => TURN_TCP,
        Transport::Tls => TURN_TLS,
    }
}

/// The host's checks to the device: none working is a failure; only relayed ones working is worth saying.
fn host_pairs(entries: &[Entry]) -> Option<Verdict> {
    let pairs: Vec<(CandidateType, CandidateType, PairOutcome)> = entries
        .iter()
        .filter(|e| e.side == Side::Host)
        .filter_map(Entry::event)
        .filter_map(|e| match e {
            Event::Pair { local, remote, outcome, .. } => Some((*local, *remote, *outcome)),
            _ => None,
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let working: Vec<_> = pairs.iter().filter(|p| p.2 == PairOutcome::Succeeded).collect();
    if working.is_empty() {
        return Some(Verdict {
            ok: false,
            phase: Some(PAIRS),
            cause: Some(Cause::Network),
            message: format!("the host reaches the device on none of {} candidate pairs", pairs.len()),
            hint: Some("a firewall between them drops UDP: give both sides a TURN server they can reach".into()),
        });
    }
    let direct = working.iter().any(|p| p.0 != CandidateType::Relay && p.1 != CandidateType::Relay);
    (!direct).then(|| Verdict {
        ok: true,
        phase: None,
        cause: None,
        message: "the device signals through KVS and checks its paths, but the host reaches it only through a relay: \
                  media will flow through TURN"
            .into(),
        hint: None,
    })
}
