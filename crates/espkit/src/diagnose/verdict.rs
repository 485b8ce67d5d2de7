//! What the timeline says: each phase's duration on both sides, the device's heap, and a verdict that names
//! the first phase that failed and its likely cause.

use super::timeline::{Entry, Side};
use kvs_client::Kind;
use kvs_client::peer::Report;
use kvs_core::api::Operation;
use kvs_core::event::{ErrorSite, Event};
use kvs_core::message::{Action, MessageType};
use kvs_core::signaling::State;
use serde::Serialize;

/// The API calls both sides go through, in order.
const API_PHASES: [Operation; 4] = [
    Operation::DescribeSignalingChannel,
    Operation::CreateSignalingChannel,
    Operation::GetSignalingChannelEndpoint,
    Operation::GetIceServerConfig,
];

#[derive(Debug, Serialize)]
pub struct Phase {
    pub name: &'static str,
    pub host_ms: Option<u64>,
    pub device_ms: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    Credentials,
    Clock,
    TrustStore,
    Network,
    Firmware,
    Service,
}

impl Cause {
    pub fn describe(self) -> &'static str {
        match self {
            Cause::Credentials => "credentials",
            Cause::Clock => "clock",
            Cause::TrustStore => "trust store",
            Cause::Network => "network",
            Cause::Firmware => "firmware",
            Cause::Service => "service",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Verdict {
    pub ok: bool,
    /// The first phase that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Heap {
    pub free: u64,
    pub min_free: u64,
}

pub fn phases(entries: &[Entry]) -> Vec<Phase> {
    let mut phases: Vec<Phase> = API_PHASES
        .iter()
        .map(|&op| Phase {
            name: op.name(),
            host_ms: api_ms(entries, Side::Host, op),
            device_ms: api_ms(entries, Side::Device, op),
        })
        .collect();
    phases.push(Phase {
        name: "TLS handshake (WebSocket)",
        host_ms: tls_before_connect(entries, Side::Host),
        device_ms: tls_before_connect(entries, Side::Device),
    });
    let connect = |side| {
        side_entries(entries, side).find_map(|e| match e.event() {
            Some(Event::Connect { status: 101, ms }) => Some(*ms),
            _ => None,
        })
    };
    phases.push(Phase {
        name: "WebSocket connect (TCP, TLS, upgrade)",
        host_ms: connect(Side::Host),
        device_ms: connect(Side::Device),
    });
    phases.push(Phase {
        name: "start to CONNECTED",
        host_ms: start_to_connected(entries, Side::Host),
        device_ms: start_to_connected(entries, Side::Device),
    });
    phases.push(Phase {
        name: "offer to answer",
        host_ms: host_offer_to_answer(entries),
        device_ms: device_turnaround(entries),
    });
    phases.extend(super::media::phases(entries));
    phases.extend(super::paths::phases(entries));
    phases
}

/// The TLS handshake that opened the WebSocket: the last one before the first successful upgrade.
fn tls_before_connect(entries: &[Entry], side: Side) -> Option<u64> {
    let mut last_tls = None;
    for entry in side_entries(entries, side) {
        match entry.event() {
            Some(Event::Tls { ms }) => last_tls = Some(*ms),
            Some(Event::Connect { status: 101, .. }) => return last_tls,
            _ => {}
        }
    }
    None
}

fn side_entries(entries: &[Entry], side: Side) -> impl Iterator<Item = &Entry> {
    entries.iter().filter(move |e| e.side == side)
}

/// The call's duration: its successful attempt, else its last one.
fn api_ms(entries: &[Entry], side: Side, op: Operation) -> Option<u64> {
    let calls: Vec<(u16, u64)> = side_entries(entries, side)
        .filter_map(|e| match e.event() {
            Some(Event::Api { op: called, status, ms }) if *called == op => Some((*status, *ms)),
            _ => None,
        })
        .collect();
    calls.iter().find(|(status, _)| *status == 200).or(calls.last()).map(|(_, ms)| *ms)
}

/// The first entry of a side whose event `wanted` accepts.
pub(super) fn first(entries: &[Entry], side: Side, wanted: impl Fn(&Event) -> bool) -> Option<&Entry> {
    side_entries(entries, side).find(|e| e.event().is_some_and(&wanted))
}

/// The side's own clock where it has one (the device's log timestamps), else the host's receive time.
pub(super) fn clock(entry: &Entry) -> u64 {
    entry.device_ms.unwrap_or(entry.ms)
}

fn start_to_connected(entries: &[Entry], side: Side) -> Option<u64> {
    let start = first(entries, side, |e| matches!(e, Event::State { from: State::New, .. }))?;
    let connected = side_entries(entries, side).find(|e| e.entered(State::Connected))?;
    Some(clock(connected).saturating_sub(clock(start)))
}

/// From the host's offer going out to the answer coming in: the round trip through KVS and the device.
fn host_offer_to_answer(entries: &[Entry]) -> Option<u64> {
    let offer = first(entries, Side::Host, |e| matches!(e, Event::Tx { kind: Action::SdpOffer, .. }))?;
    let answer = side_entries(entries, Side::Host)
        .find(|e| e.ms >= offer.ms && matches!(e.event(), Some(Event::Rx { kind: MessageType::SdpAnswer, .. })))?;
    Some(answer.ms - offer.ms)
}

/// From the offer reaching the device to its answer leaving it, on the device's clock.
fn device_turnaround(entries: &[Entry]) -> Option<u64> {
    let offer = first(entries, Side::Device, |e| matches!(e, Event::Rx { kind: MessageType::SdpOffer, .. }))?;
    let answer = side_entries(entries, Side::Device)
        .find(|e| e.ms >= offer.ms && matches!(e.event(), Some(Event::Tx { kind: Action::SdpAnswer, .. })))?;
    Some(clock(answer).saturating_sub(clock(offer)))
}

/// The device's last heap report.
pub fn heap(entries: &[Entry]) -> Option<Heap> {
    side_entries(entries, Side::Device)
        .filter_map(|e| match e.event() {
            Some(Event::Heap { free, min }) => Some(Heap { free: *free as u64, min_free: *min as u64 }),
            _ => None,
        })
        .last()
}

/// Why the host's viewer stopped.
#[derive(Debug, Clone)]
pub struct HostFailure {
    pub kind: Kind,
    pub message: String,
}

/// What the run ended with, as the verdict reads it.
pub struct Outcome<'a> {
    /// Whether diagnose was to provision the device (it was not told the device runs its own firmware).
    pub provision: bool,
    pub prompted: bool,
    pub provisioned: bool,
    pub answered: bool,
    /// Whether the answer carried the companion firmware's mark.
    pub answer_from_firmware: bool,
    /// The host viewer's report on an answer with media.
    pub media: Option<&'a Report>,
    /// Why the host's own session failed, if it did.
    pub host_failure: Option<&'a HostFailure>,
    pub board: &'a str,
}

pub fn verdict(entries: &[Entry], outcome: &Outcome<'_>) -> Verdict {
    let device: Vec<&Entry> = side_entries(entries, Side::Device).collect();
    let fail = |phase, cause, message: String, hint: &str| Verdict {
        ok: false,
        phase: Some(phase),
        cause: Some(cause),
        message,
        hint: Some(hint.to_string()),
    };
    // A device running its own firmware may well be quiet on its console while it serves the channel.
    if device.is_empty() && outcome.provision {
        return fail(
            "device output",
            Cause::Firmware,
            "the device printed nothing".into(),
            "check --port and the cable; reset the board; flash it with `kvs-esp flash --board <board>`",
        );
    }
    if !outcome.provision && outcome.prompted {
        return fail(
            "provisioning",
            Cause::Firmware,
            "the device asks to be provisioned: it runs the companion firmware, which --no-provision skips".into(),
            "run diagnose without --no-provision",
        );
    }
    if outcome.provision && !outcome.prompted && !outcome.provisioned {
        let running = device.iter().any(|e| matches!(e.event(), Some(Event::State { .. })));
        return if running {
            fail(
                "provisioning",
                Cause::Firmware,
                "the device is already provisioned and running, so it did not ask for diagnose's settings".into(),
                "press RESET on the board and run diagnose again within a few seconds, or pass --no-provision if \
                 it runs its own firmware on this channel",
            )
        } else {
            fail(
                "provisioning",
                Cause::Firmware,
                "the device never asked to be provisioned: it does not seem to run the companion firmware".into(),
                &format!(
                    "flash it: kvs-esp flash --board {}; or, if it runs its own KVS master on this channel, pass \
                     --no-provision",
                    outcome.board
                ),
            )
        };
    }
    let refusal = device.iter().find_map(|e| match e.event() {
        Some(Event::Error { what: ErrorSite::Provision, detail }) => Some(detail),
        _ => None,
    });
    if let Some(why) = refusal {
        return fail(
            "provisioning",
            Cause::Firmware,
            format!("the device refused its settings: {why}"),
            "update the firmware to this kvs-esp's version",
        );
    }
    if let Some(verdict) = first_device_failure(&device) {
        return verdict;
    }
    let signals = device.iter().any(|e| matches!(e.event(), Some(Event::State { .. })));
    if (outcome.provision || signals) && !device.iter().any(|e| e.entered(State::Connected)) {
        return fail(
            "device connect",
            Cause::Network,
            "the device did not reach CONNECTED".into(),
            "check the device's Wi-Fi (SSID, passphrase, 2.4 GHz) and that it can reach the internet",
        );
    }
    if let Some(failure) = outcome.host_failure {
        let cause = match failure.kind {
            Kind::Auth => Cause::Credentials,
            Kind::Network => Cause::Network,
            Kind::Service | Kind::NotFound | Kind::Local | Kind::Input | Kind::Check => Cause::Service,
        };
        return fail(
            "host viewer",
            cause,
            format!("the host's viewer session failed: {}", failure.message),
            "run `kvs-esp doctor --channel <channel>` for the host's side",
        );
    }
    if !outcome.answered {
        let reached = device.iter().any(|e| matches!(e.event(), Some(Event::Rx { kind: MessageType::SdpOffer, .. })));
        return if reached {
            fail(
                "offer to answer",
                Cause::Firmware,
                "the offer reached the device, but no answer came back".into(),
                "look for errors after the offer in the device's column",
            )
        } else {
            fail(
                "offer to answer",
                Cause::Service,
                "the host's offer did not reach the device".into(),
                "check that the device is the channel's master and no other master replaced it",
            )
        };
    }
    if !outcome.answer_from_firmware {
        return super::media::verdict(outcome.media, &device);
    }
    if let Some(verdict) = super::paths::verdict(entries) {
        return verdict;
    }
    let checked = device.iter().any(|e| matches!(e.event(), Some(Event::PathsChecked { .. })));
    let message = match checked {
        true => {
            "the device signals through KVS: provisioned, connected, answered the offer; its STUN and TURN \
                 checks passed and the host reaches it directly"
        }
        false => "the device signals through KVS: provisioned, connected, answered the offer",
    };
    Verdict { ok: true, phase: None, cause: None, message: message.into(), hint: None }
}

/// The first failure in the device's events, with its likely cause.
fn first_device_failure(device: &[&Entry]) -> Option<Verdict> {
    let skewed = device.iter().any(|e| matches!(e.event(), Some(Event::ClockSkew { .. })));
    for entry in device {
        let Some(event) = entry.event() else { continue };
        let (failed, status) = match event {
            Event::Api { status, .. } => (*status != 200 && *status != 404, Some(*status)),
            Event::Connect { status, .. } => (*status != 101, Some(*status)),
            _ => (false, None),
        };
        let tls = matches!(event, Event::Error { what: ErrorSite::Tls, .. });
        let unreachable = matches!(event, Event::Error { what: ErrorSite::Dns | ErrorSite::Tcp, .. });
        let (cause, hint) = match (failed, status) {
            _ if unreachable => {
                (Cause::Network, "the device could not reach the endpoint: check its Wi-Fi, DNS and internet access")
            }
            _ if tls => (
                Cause::TrustStore,
                "the device does not trust the endpoint's certificate: its CA bundle lacks the root",
            ),
            (true, Some(401 | 403)) if skewed => {
                (Cause::Clock, "the device's clock is off: check that SNTP ran before the first request")
            }
            (true, Some(401 | 403)) => (
                Cause::Credentials,
                "the credentials the device got were refused: check them with `kvs-esp doctor`, and their expiry",
            ),
            (true, Some(0)) => {
                (Cause::Network, "the device could not reach the endpoint: check its Wi-Fi, DNS and internet access")
            }
            (true, _) => {
                (Cause::Service, "the service refused the device's request: the device's column shows the status")
            }
            (false, _) => continue,
        };
        let phase = match event {
            Event::Connect { .. } => "device connect",
            Event::Api { .. } => "device API call",
            _ => "device connection",
        };
        return Some(Verdict {
            ok: false,
            phase: Some(phase),
            cause: Some(cause),
            message: format!("on the device: {}", entry.text.trim_start_matches("kvs: ")),
            hint: Some(hint.into()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(lines: &[&str]) -> Vec<Entry> {
        lines.iter().enumerate().filter_map(|(i, l)| Entry::device(i as u64 * 10, l)).collect()
    }

    fn outcome(answered: bool) -> Outcome<'static> {
        Outcome {
            provision: true,
            prompted: true,
            provisioned: true,
            answered,
            answer_from_firmware: answered,
            media: None,
            host_failure: None,
            board: "esp32c3",
        }
    }

    #[test]
    fn names_credentials_clock_and_network() {
        let denied = device(&[
            "I (1) kvs: ev=provision-prompt version=1 prefix=KVS-PROVISION",
            "I (5) kvs: ev=api op=DescribeSignalingChannel status=403 ms=80",
        ]);
        assert_eq!(verdict(&denied, &outcome(false)).cause, Some(Cause::Credentials));
        let skewed = device(&[
            "I (4) kvs: ev=skew offset_ms=-900000",
            "I (5) kvs: ev=api op=DescribeSignalingChannel status=403 ms=80",
        ]);
        assert_eq!(verdict(&skewed, &outcome(false)).cause, Some(Cause::Clock));
        let offline = device(&["I (5) kvs: ev=api op=DescribeSignalingChannel status=0 ms=5000"]);
        assert_eq!(verdict(&offline, &outcome(false)).cause, Some(Cause::Network));
        let untrusted = device(&["E (5) kvs: ev=error what=tls detail=unknown issuer"]);
        assert_eq!(verdict(&untrusted, &outcome(false)).cause, Some(Cause::TrustStore));
        let no_dns =
            device(&["E (5) kvs: ev=error what=dns detail=cannot resolve kinesisvideo.us-west-2.amazonaws.com"]);
        assert_eq!(verdict(&no_dns, &outcome(false)).cause, Some(Cause::Network));
        let silent: Vec<Entry> = Vec::new();
        assert_eq!(verdict(&silent, &outcome(false)).phase, Some("device output"));
    }

    #[test]
    fn measures_both_sides() {
        let host = |ms, text: &str| Entry::host_event(ms, text.parse().unwrap());
        let mut entries = vec![
            host(0, "ev=state from=NEW to=DESCRIBE"),
            host(3, "ev=api op=DescribeSignalingChannel status=200 ms=3"),
            host(9, "ev=state from=CONNECT to=CONNECTED"),
            host(10, "ev=tx type=SDP_OFFER peer=- bytes=300 corr=-"),
            host(19, "ev=rx type=SDP_ANSWER peer=- bytes=400"),
        ];
        entries.extend(device(&[
            "I (100) kvs: ev=state from=NEW to=DESCRIBE",
            "I (104) kvs: ev=api op=DescribeSignalingChannel status=404 ms=4",
            "I (110) kvs: ev=api op=DescribeSignalingChannel status=200 ms=2",
            "I (126) kvs: ev=tls ms=420",
            "I (128) kvs: ev=connect status=101 ms=3",
            "I (130) kvs: ev=state from=CONNECT to=CONNECTED",
            "I (140) kvs: ev=rx type=SDP_OFFER peer=viewer-1 bytes=300",
            "I (141) kvs: ev=tx type=SDP_ANSWER peer=viewer-1 bytes=400 corr=-",
            "I (150) kvs: ev=heap free=40000 min=31000",
        ]));
        let phases = phases(&entries);
        assert_eq!((phases[0].host_ms, phases[0].device_ms), (Some(3), Some(2)));
        let total = phases.iter().find(|p| p.name == "start to CONNECTED").unwrap();
        assert_eq!((total.host_ms, total.device_ms), (Some(9), Some(30)));
        let offer = phases.last().unwrap();
        assert_eq!((offer.host_ms, offer.device_ms), (Some(9), Some(1)));
        let tls = phases.iter().find(|p| p.name == "TLS handshake (WebSocket)").unwrap();
        assert_eq!((tls.host_ms, tls.device_ms), (None, Some(420)));
        let heap = heap(&entries).unwrap();
        assert_eq!((heap.free, heap.min_free), (40_000, 31_000));
        assert!(verdict(&entries, &outcome(true)).ok);
    }
}
