//! Devices that outlive their credentials: a `kvs-esp virtual-device` provisioned by `kvs-esp monitor` with
//! session credentials that expire (the host's chain is a credential_process; the emulator's key expires with
//! them), asking for fresh ones before they do, and stopping — then resuming — when none come in time.

use crate::support::{Emulator, Kvs, Session, VirtualDevice};
use serde_json::Value;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FIRST: (&str, &str) = ("AKIDRENEWALFIRST0001", "first-secret");
const SECOND: (&str, &str) = ("AKIDRENEWALSECOND001", "second-secret");

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// The emulator accepts the first key until `expires` and the second for good; the host's chain is a
/// credential_process that hands out the first key (expiring at `expires`) until `switch`, the second (an hour's)
/// after.
fn setup(expires: u64, switch: u64) -> (Emulator, Kvs) {
    let emulator = Emulator::with(|config| {
        config.keys = vec![format!("{}:{}@{expires}", FIRST.0, FIRST.1), format!("{}:{}", SECOND.0, SECOND.1)];
    });
    let kvs = Kvs::for_emulator(&emulator).unset("AWS_ACCESS_KEY_ID").unset("AWS_SECRET_ACCESS_KEY");
    let script = kvs.home().join("credentials.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             if [ \"$(date +%s)\" -lt {switch} ]; then key={} secret={} exp={expires}; \
             else key={} secret={} exp={}; fi\n\
             printf '{{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"%s\",\"Expiration\":\"%s\"}}\\n' \
             \"$key\" \"$secret\" \"$(date -u -d @$exp +%Y-%m-%dT%H:%M:%SZ)\"\n",
            FIRST.0,
            FIRST.1,
            SECOND.0,
            SECOND.1,
            expires + 3600
        ),
    )
    .unwrap();
    std::fs::write(kvs.home().join("aws-config"), format!("[default]\ncredential_process = sh {}\n", script.display()))
        .unwrap();
    (emulator, kvs)
}

fn monitor(kvs: &Kvs, device: &VirtualDevice, channel: &str, until: &str) -> Session {
    let port = device.port.as_str();
    kvs.spawn(&["-o", "json", "monitor", "--port", port, "--channel", channel, "--wifi-ssid", "lab", "--until", until])
}

fn is_event(line: &Value, kind: &str) -> bool {
    line["event"]["kind"] == kind
}

fn field<'a>(line: &'a Value, name: &str) -> &'a str {
    line["event"]["fields"][name].as_str().unwrap_or_default()
}

/// Waits until `n` lines match; returns the `n`th.
#[track_caller]
fn wait_for_nth(session: &mut Session, what: &str, n: usize, matches: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    loop {
        let seen: Vec<Value> = session.of_type_all().into_iter().filter(|line| matches(line)).collect();
        if let Some(found) = seen.get(n - 1) {
            return found.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {n}× {what}:\n{:#?}",
            session.of_type_all()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_until(unix: u64) {
    while unix_now() < unix {
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_device_takes_fresh_credentials_before_its_own_expire_without_dropping_its_websocket() {
    let start = unix_now();
    let (expires, switch) = (start + 20, start + 8);
    let (emulator, kvs) = setup(expires, switch);
    let device = VirtualDevice::start(&kvs);
    let mut monitor = monitor(&kvs, &device, "renewing", "40s");

    let connected = |line: &Value| is_event(line, "state") && field(line, "to") == "CONNECTED";
    wait_for_nth(&mut monitor, "CONNECTED", 1, connected);
    let first = wait_for_nth(&mut monitor, "the first ev=provisioned", 1, |l| is_event(l, "provisioned"));
    let lasts: u64 = field(&first, "expires_in").parse().unwrap();
    assert!((10..=20).contains(&lasts), "the first credentials are the expiring ones: {first}");

    // Halfway through what is left, the device asks again and keeps signaling; the host's chain has the second
    // key by then, and the device takes it.
    let prompt = wait_for_nth(&mut monitor, "an expiring prompt", 1, |l| {
        is_event(l, "provision-prompt") && field(l, "reason") == "expiring"
    });
    assert!(unix_now() < expires, "asked before the expiry: {prompt}");
    let renewed = wait_for_nth(&mut monitor, "the renewal", 2, |l| is_event(l, "provisioned"));
    let lasts: u64 = field(&renewed, "expires_in").parse().unwrap();
    assert!(lasts > 3000, "the fresh credentials last an hour: {renewed}");
    let notices: Vec<String> = monitor
        .of_type_all()
        .iter()
        .filter(|l| l["kind"] == "monitor")
        .map(|l| l["message"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        notices.iter().any(|n| n.contains("sent the device fresh credentials (its own are expiring)")),
        "{notices:?}"
    );

    // Past the first key's expiry the same WebSocket carries on: no state changed since CONNECTED.
    wait_until(expires + 2);
    let lines = monitor.of_type_all();
    let states: Vec<&Value> = lines.iter().skip_while(|l| !connected(l)).filter(|l| is_event(l, "state")).collect();
    assert_eq!(states.len(), 1, "still the first connection: {states:#?}");
    assert!(!lines.iter().any(|l| is_event(l, "credentials-expired")), "{lines:#?}");
    let first_key =
        Kvs::for_emulator(&emulator).set("AWS_ACCESS_KEY_ID", FIRST.0).set("AWS_SECRET_ACCESS_KEY", FIRST.1);
    let refused = first_key.run(&["channel", "list"]).fails_with(3);
    assert!(refused.stderr.contains("ExpiredTokenException"), "the emulator's first key has expired: {refused:?}");
    // The service asks for a refresh (which reconnects): the call and the new WebSocket are signed with the
    // second key, since the emulator refuses the first one now.
    assert_eq!(emulator.fault(serde_json::json!({"fault": "reconnect-ice-server", "channel": "renewing"})), 1);
    wait_for_nth(&mut monitor, "CONNECTED again", 2, connected);
    let lines = monitor.of_type_all();
    let after: Vec<&Value> = lines.iter().skip_while(|l| !is_event(l, "reconnect-ice")).collect();
    let call = after.iter().find(|l| is_event(l, "api") && field(l, "op") == "GetIceServerConfig").expect("a call");
    let connect = after.iter().find(|l| is_event(l, "connect")).expect("a connect");
    assert_eq!((field(call, "status"), field(connect, "status")), ("200", "101"), "{after:#?}");
    assert!(!lines.iter().any(|l| l.to_string().contains(SECOND.1)), "no secret is shown");
}

#[test]
fn a_device_whose_credentials_expire_stops_then_resumes_when_provisioned() {
    let start = unix_now();
    let expires = start + 16;
    // The host has nothing fresher than the first key until it has expired.
    let (_emulator, kvs) = setup(expires, expires);
    let device = VirtualDevice::start(&kvs);
    let mut monitor = monitor(&kvs, &device, "lapsing", "45s");

    let connected = |line: &Value| is_event(line, "state") && field(line, "to") == "CONNECTED";
    wait_for_nth(&mut monitor, "CONNECTED", 1, connected);
    // Asked early, the host answers with the same key: the device takes it, and asks again later.
    wait_for_nth(&mut monitor, "an expiring prompt", 1, |l| {
        is_event(l, "provision-prompt") && field(l, "reason") == "expiring"
    });
    let expired = wait_for_nth(&mut monitor, "ev=credentials-expired", 1, |l| is_event(l, "credentials-expired"));
    assert_eq!(expired["level"], "E", "{expired}");
    assert!(unix_now() >= expires);
    // Signaling stopped; the device prompts, the host's chain now has the second key, and signaling resumes.
    wait_for_nth(&mut monitor, "an expired prompt", 1, |l| {
        is_event(l, "provision-prompt") && field(l, "reason") == "expired"
    });
    wait_for_nth(&mut monitor, "CONNECTED again", 2, connected);
    let lines = monitor.of_type_all();
    let provisioned: Vec<&Value> = lines.iter().filter(|l| is_event(l, "provisioned")).collect();
    let last: u64 = field(provisioned.last().unwrap(), "expires_in").parse().unwrap();
    assert!(last > 3000, "resumed with the fresh credentials: {provisioned:#?}");
    let api_after: Vec<&Value> =
        lines.iter().skip_while(|l| !is_event(l, "credentials-expired")).filter(|l| is_event(l, "api")).collect();
    assert!(!api_after.is_empty() && api_after.iter().all(|l| field(l, "status") == "200"), "{api_after:#?}");
}
