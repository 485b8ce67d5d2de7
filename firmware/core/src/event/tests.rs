//! The contract between host and device: every event's text form reads back as the same event.

use super::*;
use alloc::format;

fn every_kind() -> Vec<Event> {
    let mut events = alloc::vec![
        Event::State { from: State::Describe, to: State::GetEndpoint },
        Event::Backoff { ms: 120, attempt: 2 },
        Event::Connect { status: 101, ms: 7 },
        Event::Closed { code: 1006 },
        Event::Rx { kind: MessageType::SdpOffer, peer: "viewer-1".into(), bytes: 2210 },
        Event::Rx { kind: MessageType::Other("NEW_KIND".into()), peer: "-".into(), bytes: 9 },
        Event::Tx { kind: Action::SdpAnswer, peer: "viewer-1".into(), bytes: 1800, corr: "kvs-1".into() },
        Event::StatusResponse { corr: "c".into(), status: 400, error: "InvalidArgumentException".into() },
        Event::BadFrame { reason: "not JSON: expected value".into() },
        Event::GoAway,
        Event::ReconnectIce,
        Event::IceConfig { servers: 2, ttl: 300 },
        Event::Ping,
        Event::Tls { ms: 12 },
        Event::ClockSkew { offset_ms: -5 },
        Event::CacheHit { channel: "c".into(), role: Role::Master },
        Event::Heap { free: 1000, min: 900 },
        Event::ProvisionPrompt { version: crate::provision::VERSION, reason: PromptReason::Unprovisioned },
        Event::ProvisionPrompt { version: crate::provision::VERSION, reason: PromptReason::Expiring },
        Event::ProvisionPrompt { version: crate::provision::VERSION, reason: PromptReason::Expired },
        Event::Provisioned { expires_in: Some(3599) },
        Event::Provisioned { expires_in: None },
        Event::CredentialsExpired,
        Event::Ice { peer: "viewer-1".into(), state: IceState::Connected, ms: 41 },
        Event::Candidate {
            peer: "-".into(),
            side: Side::Remote,
            typ: CandidateType::Relay,
            transport: Transport::Udp,
            addr: "[2001:db8::1]:3478".into(),
        },
        Event::Pair {
            peer: "-".into(),
            local: CandidateType::Relay,
            remote: CandidateType::ServerReflexive,
            transport: Transport::Tls,
            outcome: PairOutcome::TimedOut,
            rtt_ms: 0,
        },
        Event::Dtls { peer: "viewer-1".into(), role: DtlsRole::Server, ms: 12 },
        Event::Sctp { peer: "viewer-1".into(), ms: 80 },
        Event::StorageJoined { join: 2, ms: 4 },
        Event::StorageOffer { peer: "KvsStorageSession-1".into() },
        Event::Rtp { peer: "-".into(), codec: Codec::Opus, ms: 95 },
        Event::Keyframe { peer: "-".into(), codec: Codec::H264, ms: 120 },
        Event::Track {
            peer: "-".into(),
            codec: Codec::Vp8,
            packets: 250,
            kbps: 2500,
            fps: 30,
            loss_pct: 1,
            jitter_ms: 4,
            nack: 2,
            pli: 1,
        },
    ];
    events.extend(Layer::ALL.iter().map(|&layer| Event::MediaFailed { layer, detail: "every pair failed".into() }));
    events.extend([
        Event::Stun {
            server: "stun.kinesisvideo.us-west-2.amazonaws.com:443".into(),
            mapped: "203.0.113.9:61000".into(),
            ms: 41,
        },
        Event::Turn {
            server: "turns:1-2-3-4.t-1.kinesisvideo.us-west-2.amazonaws.com:443?transport=tcp".into(),
            transport: Transport::Tls,
            relayed: "198.51.100.1:49152".into(),
            ms: 310,
        },
        Event::TurnTls {
            server: "turns:a:443?transport=tcp".into(),
            version: "TLSv1.2".into(),
            cipher: "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256".into(),
            ms: 220,
            root: "Amazon Root CA 1".into(),
        },
        Event::IceAnswer { local: "192.168.1.20:50000".into(), remote: "192.168.1.2:40000".into(), code: 401 },
        Event::PathsChecking { checks: 4 },
        Event::PathsChecked { ok: 3, failed: 1 },
    ]);
    events.extend(PathCause::ALL.iter().map(|&cause| Event::PathFailed {
        step: PathStep::Turn,
        transport: Transport::Tls,
        server: "turns:a:443?transport=tcp".into(),
        cause,
        detail: "X509 - Certificate verification failed, e.g. CRL, CA or signature check failed".into(),
    }));
    events.extend(State::ALL.iter().map(|&to| Event::State { from: State::New, to }));
    events.extend(Operation::ALL.iter().map(|&op| Event::Api { op, status: 200, ms: 3 }));
    events.extend(
        ErrorSite::ALL.iter().map(|&what| Event::Error { what, detail: "GetIceServerConfig failed: oops".into() }),
    );
    events
}

/// The contract between host and device: every event's text form reads back as the same event, bare and
/// inside a coloured ESP-IDF log line.
#[test]
fn every_event_round_trips_through_its_text_form() {
    for event in every_kind() {
        let text = event.to_string();
        assert_eq!(text.parse::<Event>(), Ok(event.clone()), "{text}");
        let line = format!("\x1b[0;32mI (12345) kvs: {text}\x1b[0m");
        assert_eq!(Event::find_in(&line), Some(event), "{line}");
    }
}

/// Serial noise around and inside event lines never panics the parser, and whatever it accepts formats
/// back to a text that parses to the same event.
#[test]
fn survives_noise() {
    let mut next = crate::test_noise(0x2545_f491_4f6c_dd1d_u64);
    let alphabet: Vec<char> = "ev= kvs:dtailstatemop=é中\u{1b}[0m\u{fffd}ab01 ".chars().collect();
    let seeds: Vec<String> = every_kind().iter().map(|e| e.to_string()).collect();
    for n in 0..20_000 {
        let text: String = if n % 2 == 0 {
            let len = (next() % 60) as usize;
            (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect()
        } else {
            let mut chars: Vec<char> = seeds[(next() % seeds.len() as u64) as usize].chars().collect();
            for _ in 0..(next() % 4) {
                let at = (next() % (chars.len() as u64 + 1)) as usize;
                chars.insert(at, alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            chars.into_iter().collect()
        };
        if let Some(event) = Event::find_in(&text) {
            assert_eq!(event.to_string().parse::<Event>(), Ok(event.clone()), "{text:?} gave {event:?}");
        }
    }
}

#[test]
fn text_forms() {
    assert_eq!(
        Event::Api { op: Operation::GetSignalingChannelEndpoint, status: 200, ms: 84 }.to_string(),
        "ev=api op=GetSignalingChannelEndpoint status=200 ms=84"
    );
    assert_eq!(
        Event::State { from: State::GetIceConfig, to: State::Connect }.to_string(),
        "ev=state from=GET_ICE_CONFIG to=CONNECT"
    );
    assert_eq!(
        Event::Rx { kind: MessageType::SdpOffer, peer: "viewer-1".into(), bytes: 2210 }.to_string(),
        "ev=rx type=SDP_OFFER peer=viewer-1 bytes=2210"
    );
    assert_eq!(Event::ClockSkew { offset_ms: -600_000 }.to_string(), "ev=skew offset_ms=-600000");
    assert_eq!(
        Event::ProvisionPrompt { version: 1, reason: PromptReason::Expiring }.to_string(),
        "ev=provision-prompt version=1 prefix=KVS-PROVISION reason=expiring"
    );
    // Older firmware says no reason: it prompts at boot only.
    assert_eq!(
        "ev=provision-prompt version=1 prefix=KVS-PROVISION".parse(),
        Ok(Event::ProvisionPrompt { version: 1, reason: PromptReason::Unprovisioned })
    );
    assert_eq!("ev=provisioned expires_in=never".parse(), Ok(Event::Provisioned { expires_in: None }));
    assert!("ev=provision-prompt version=1 reason=tired".parse::<Event>().is_err());
}

#[test]
fn refuses_what_is_not_an_event() {
    let error = Event::find_in("E (9) kvs: ev=error what=fatal detail=no such channel: demo").unwrap();
    assert_eq!(error, Event::Error { what: ErrorSite::Fatal, detail: "no such channel: demo".into() });
    assert_eq!(Event::find_in("I (9) wifi: connected"), None);
    assert_eq!(Event::find_in("prev=1"), None);
    assert_eq!("ev=warp speed=9".parse::<Event>(), Err(ParseEventError::UnknownKind));
    assert_eq!("ev=api op=Nope status=200 ms=1".parse::<Event>(), Err(ParseEventError::BadValue("op")));
    assert_eq!("ev=heap free=1".parse::<Event>(), Err(ParseEventError::Missing("min")));
    assert_eq!("ev=heap free=x min=1".parse::<Event>(), Err(ParseEventError::BadValue("free")));
    assert_eq!("op=x".parse::<Event>(), Err(ParseEventError::NotAnEvent));
}
