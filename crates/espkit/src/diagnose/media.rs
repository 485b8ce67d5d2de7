//! The media path of a device that answers with media: each layer's time on both sides (from the event lines
//! both write), and the verdict of the host's viewer translated into diagnose's terms.

use super::timeline::{Entry, Side};
use super::verdict::{Cause, Phase, Verdict, clock, first};
use kvs_client::peer::Report;
use kvs_client::peer::relay::FailureKind;
use kvs_core::event::Event;
use kvs_core::message::{Action, MessageType};
use kvs_core::webrtc::{IceState, Layer};

/// The media path's phases, when either side has climbed any of it (a device with the companion firmware
/// never does: its answer has no media). Each is timed from the offer on that side's own clock — the host's
/// from sending it, the device's from receiving it — except the DTLS handshake, which both time themselves.
pub fn phases(entries: &[Entry]) -> Vec<Phase> {
    let rows: [(&'static str, Reached); 4] = [
        (ICE, |e| matches!(e, Event::Ice { state: IceState::Connected | IceState::Completed, .. })),
        (DATA_CHANNEL, |e| matches!(e, Event::Sctp { .. })),
        (FIRST_FRAME, |e| matches!(e, Event::Rtp { .. })),
        (FIRST_KEYFRAME, |e| matches!(e, Event::Keyframe { .. })),
    ];
    let mut phases: Vec<Phase> = rows
        .iter()
        .map(|&(name, reached)| Phase {
            name,
            host_ms: since_offer(entries, Side::Host, reached),
            device_ms: since_offer(entries, Side::Device, reached),
        })
        .collect();
    let handshake = |side| {
        entries.iter().filter(|e| e.side == side).find_map(|e| match e.event() {
            Some(Event::Dtls { ms, .. }) => Some(*ms),
            _ => None,
        })
    };
    phases.insert(1, Phase { name: DTLS, host_ms: handshake(Side::Host), device_ms: handshake(Side::Device) });
    match phases.iter().any(|p| p.host_ms.is_some() || p.device_ms.is_some()) {
        true => phases,
        false => Vec::new(),
    }
}

/// Whether an event marks the layer's arrival.
type Reached = fn(&Event) -> bool;

const ICE: &str = "offer to ICE connected";
const DTLS: &str = "DTLS handshake";
const DATA_CHANNEL: &str = "offer to data channel open";
const FIRST_FRAME: &str = "offer to first media frame";
const FIRST_KEYFRAME: &str = "offer to first keyframe";

/// From the side's offer (sent by the host, received by the device) to the first event `reached` accepts.
fn since_offer(entries: &[Entry], side: Side, reached: Reached) -> Option<u64> {
    let offer = |e: &Event| match side {
        Side::Host => matches!(e, Event::Tx { kind: Action::SdpOffer, .. }),
        Side::Device => matches!(e, Event::Rx { kind: MessageType::SdpOffer, .. }),
    };
    let offered = first(entries, side, offer)?;
    let at =
        entries.iter().filter(|e| e.side == side && e.ms >= offered.ms).find(|e| e.event().is_some_and(reached))?;
    Some(clock(at).saturating_sub(clock(offered)))
}

/// The verdict on a media answer: the host viewer's, with the phase it stopped at and a cause a user acts on.
/// `device` is the device's side of the timeline: whether it shows an answer of its own tells a device that
/// answered from another master that did.
pub fn verdict(report: Option<&Report>, device: &[&Entry]) -> Verdict {
    let Some(report) = report else {
        return Verdict {
            ok: false,
            phase: Some("media path"),
            cause: Some(Cause::Firmware),
            message: "an answer with media came back, but the host's viewer did not finish".into(),
            hint: Some("run `kvs-esp webrtc connect --role viewer` on the channel for the media path alone".into()),
        };
    };
    let own_answer = device.iter().any(|e| matches!(e.event(), Some(Event::Tx { kind: Action::SdpAnswer, .. })));
    let who = match own_answer {
        true => "the device answered with media",
        false => "an answer with media came back (the device's log shows no answer of its own: another master?)",
    };
    let verdict = &report.verdict;
    let pair = report.connections.first().and_then(|c| c.nominated.as_deref()).unwrap_or("a candidate pair");
    let Some(layer) = verdict.layer.filter(|_| !verdict.ok) else {
        return Verdict {
            ok: true,
            phase: None,
            cause: None,
            message: format!("{who}: {} over {pair}", verdict.cause),
            hint: None,
        };
    };
    let flowing = report.connections.iter().flat_map(|c| &c.tracks).any(|t| t.frames > 0);
    let turn_failure = report.turn.iter().find_map(|t| t.failure.as_ref()).map(|f| f.kind);
    let cause = match layer {
        Layer::Turn => match turn_failure {
            Some(FailureKind::Trust) => Cause::TrustStore,
            Some(FailureKind::Credentials) => Cause::Credentials,
            _ => Cause::Network,
        },
        Layer::Gathering | Layer::Ice => Cause::Network,
        Layer::Signaling | Layer::Dtls | Layer::Sctp | Layer::Rtp | Layer::Keyframe => Cause::Firmware,
    };
    Verdict {
        ok: false,
        phase: Some(phase_of(layer)),
        cause: Some(cause),
        message: match flowing {
            // Gathering failures (no relay, no server-reflexive address) do not stop media between hosts that
            // reach each other directly, but they will stop it behind a NAT.
            true => format!("{who} and media flows over {pair}, but {layer} failed: {}", verdict.cause),
            false => format!("{who}, but the media path stopped at {layer}: {}", verdict.cause),
        },
        hint: Some(verdict.hint.clone()),
    }
}

fn phase_of(layer: Layer) -> &'static str {
    match layer {
        Layer::Signaling => "media negotiation",
        Layer::Gathering => "ICE gathering",
        Layer::Turn => "TURN allocation",
        Layer::Ice => ICE,
        Layer::Dtls => DTLS,
        Layer::Sctp => DATA_CHANNEL,
        Layer::Rtp => FIRST_FRAME,
        Layer::Keyframe => FIRST_KEYFRAME,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_climb_the_same_layers_timed_from_the_offer() {
        let host = |ms, text: &str| Entry::host_event(ms, text.parse().unwrap());
        let mut entries = vec![
            host(100, "ev=tx type=SDP_OFFER peer=- bytes=5000 corr=-"),
            host(110, "ev=ice peer=- state=checking ms=2"),
            host(160, "ev=ice peer=- state=completed ms=60"),
            host(161, "ev=dtls peer=- role=client ms=6"),
            host(170, "ev=sctp peer=- ms=21"),
            host(180, "ev=rtp peer=- codec=opus ms=30"),
            host(185, "ev=rtp peer=- codec=H264 ms=25"),
        ];
        let device = [
            "I (900) kvs: ev=rx type=SDP_OFFER peer=diagnose-1 bytes=5000",
            "I (940) kvs: ev=ice peer=diagnose-1 state=connected ms=7",
            "I (945) kvs: ev=dtls peer=diagnose-1 role=server ms=5",
        ];
        entries.extend(device.iter().filter_map(|l| Entry::device(120, l)));
        let phases = phases(&entries);
        let row = |name: &str| phases.iter().find(|p| p.name == name).map(|p| (p.host_ms, p.device_ms)).unwrap();
        assert_eq!(row(ICE), (Some(60), Some(40)), "each side on its own clock");
        assert_eq!(row(DTLS), (Some(6), Some(5)));
        assert_eq!(row(DATA_CHANNEL), (Some(70), None));
        assert_eq!(row(FIRST_FRAME), (Some(80), None));
        assert_eq!(row(FIRST_KEYFRAME), (None, None));
        assert!(super::phases(&entries[..1]).is_empty(), "no media path, no rows");
    }
}
