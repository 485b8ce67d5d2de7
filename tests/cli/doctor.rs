//! `kvs-esp doctor` reports each failure at the right step with the right cause.

use crate::support::coturn::{Auth, Cert, Coturn};
use crate::support::{Config, Emulator, Kvs};
use serde_json::Value;

const SECRET: &str = "kvs-emulator-shared-secret";

fn doctor(kvs: &Kvs, emulator: &Emulator, extra: &[&str]) -> (i32, Value) {
    let ca = emulator.ca_file.to_str().unwrap().to_string();
    let mut args = vec!["-o", "json", "--endpoint-url", &emulator.https, "--ca-file", &ca, "doctor"];
    args.extend(extra);
    let run = kvs.run(&args);
    (run.code, run.json())
}

fn status(report: &Value, name: &str) -> String {
    let check = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {report}"));
    check["status"].as_str().unwrap().to_string()
}

fn first_failure(report: &Value) -> (String, String) {
    let failure = &report["first_failure"];
    (
        failure["name"].as_str().unwrap_or_default().to_string(),
        failure["cause"].as_str().unwrap_or_default().to_string(),
    )
}

fn with_turn(extra: impl FnOnce(&mut Config)) -> (Coturn, Emulator) {
    let coturn = Coturn::start(Auth::Secret(SECRET), Cert::Good);
    let uri = coturn.uri("localhost");
    let emulator = Emulator::with(|c| {
        c.turn_uris = vec![uri];
        c.turn_secret = SECRET.into();
        extra(c);
    });
    (coturn, emulator)
}

#[test]
fn every_check_passes_against_the_emulator_and_coturn() {
    let (coturn, emulator) = with_turn(|_| {});
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    let (code, report) = doctor(&kvs, &emulator, &["-c", "doc", "--turn-trust", coturn.ca_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["ok"], true);
    let names: Vec<&str> = report["checks"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "credentials",
            "region",
            "control plane DNS",
            "control plane TCP",
            "control plane TLS",
            "clock",
            "DescribeSignalingChannel",
            "GetSignalingChannelEndpoint",
            "GetIceServerConfig",
            "WebSocket",
            "TURN over TLS",
            "media storage"
        ]
    );
    assert_eq!(status(&report, "media storage"), "pass", "a channel that does not record is not a failure");
    assert_eq!(status(&report, "control plane TLS"), "warn", "an ESP32 would not trust the emulator's private CA");
    assert_eq!(status(&report, "TURN over TLS"), "pass");

    let ca = emulator.ca_file.to_str().unwrap().to_string();
    let text = kvs
        .run(&[
            "--endpoint-url",
            &emulator.https,
            "--ca-file",
            &ca,
            "doctor",
            "-c",
            "doc",
            "--turn-trust",
            coturn.ca_file.to_str().unwrap(),
        ])
        .ok();
    assert!(text.stdout.starts_with("✓ credentials"), "{text:?}");
    assert!(text.stdout.contains("every check passed"), "{text:?}");
}

#[test]
fn bad_credentials_fail_at_the_first_signed_call() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    let kvs = kvs.set("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    let (code, report) = doctor(&kvs, &emulator, &["-c", "doc"]);
    assert_eq!(code, 7);
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "DescribeSignalingChannel");
    assert!(cause.contains("InvalidSignatureException"), "{cause}");
    assert_eq!(status(&report, "clock"), "pass");
    assert_eq!(status(&report, "WebSocket"), "skip");
}

#[test]
fn a_skewed_clock_is_reported_at_the_clock_and_corrected_for_the_rest() {
    let emulator = Emulator::with(|c| c.clock_offset = -1500);
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    let (code, report) = doctor(&kvs, &emulator, &["-c", "doc"]);
    assert_eq!(code, 7);
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "clock");
    assert!(cause.contains("about 25 min ahead of"), "{cause}");
    assert_eq!(status(&report, "DescribeSignalingChannel"), "pass", "the offset is applied after the clock check");
    assert_eq!(status(&report, "WebSocket"), "pass", "the presigned URL uses the corrected clock too");
}

#[test]
fn an_untrusted_ca_stops_at_tls() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let run = kvs.run(&["-o", "json", "--endpoint-url", &emulator.https, "doctor", "-c", "doc"]).fails_with(7);
    let report = run.json();
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "control plane TLS");
    assert!(cause.contains("unknown issuer, \"kvs-esp emulator CA\""), "{cause}");
    assert_eq!(status(&report, "DescribeSignalingChannel"), "skip");
    assert!(report["first_failure"]["hint"].as_str().unwrap().contains("--ca-file"));
}

#[test]
fn a_missing_channel_stops_at_describe() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let (code, report) = doctor(&kvs, &emulator, &["-c", "ghost"]);
    assert_eq!(code, 7);
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "DescribeSignalingChannel");
    assert!(cause.contains("ResourceNotFoundException"), "{cause}");
    assert_eq!(status(&report, "GetIceServerConfig"), "skip");
}

#[test]
fn a_refused_websocket_handshake() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    emulator.fault(serde_json::json!({"fault": "refuse-handshakes", "count": 1, "status": 503}));
    let (_, report) = doctor(&kvs, &emulator, &["-c", "doc"]);
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "WebSocket");
    assert!(cause.contains("503"), "{cause}");
}

#[test]
fn an_unreachable_turn_server_and_an_expired_turn_credential() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let uri = format!("turns:localhost:{closed}?transport=tcp");
    let emulator = Emulator::with(|c| c.turn_uris = vec![uri.clone()]);
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    let (_, report) = doctor(&kvs, &emulator, &["-c", "doc"]);
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "TURN over TLS");
    assert!(cause.contains("at TCP") && cause.contains("refused"), "{cause}");

    // The emulator's clock runs a minute behind (within SigV4's tolerance): what it mints has expired.
    let (coturn, emulator) = with_turn(|c| {
        c.turn_ttl = 0;
        c.clock_offset = -60;
    });
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    let (_, report) = doctor(&kvs, &emulator, &["-c", "doc", "--turn-trust", coturn.ca_file.to_str().unwrap()]);
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "TURN over TLS");
    assert!(cause.contains("at Allocate") && cause.contains("TURN REST credential expired"), "{cause}");
}

#[test]
fn without_a_channel_the_checks_stop_after_the_clock() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let (code, report) = doctor(&kvs, &emulator, &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(status(&report, "DescribeSignalingChannel"), "skip");
}

#[test]
fn the_media_path_step_connects_to_the_channels_master_or_names_where_it_stopped() {
    let (coturn, emulator) = with_turn(|_| {});
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "doc"]).ok();
    let trust = coturn.ca_file.to_str().unwrap();
    let peer = ["-c", "doc", "--turn-trust", trust, "--peer", "--host-ip", "127.0.0.1", "--timeout", "5"];

    let (code, report) = doctor(&kvs, &emulator, &peer);
    assert_eq!(code, 7, "no master is connected: {report}");
    let (name, cause) = first_failure(&report);
    assert_eq!(name, "media path");
    assert!(cause.contains("signaling") && cause.contains("never answered"), "{cause}");

    let mut master = kvs.spawn(&[
        "-o",
        "json",
        "webrtc",
        "connect",
        "-c",
        "doc",
        "-r",
        "master",
        "--host-ip",
        "127.0.0.1",
        "--trust",
        trust,
        "--duration",
        "60s",
    ]);
    master.wait_for("the master's signaling", |v| v["event"] == "state" && v["to"] == "CONNECTED");
    let (code, report) = doctor(&kvs, &emulator, &peer);
    assert_eq!(code, 0, "{report}");
    assert_eq!(status(&report, "media path"), "pass");
    let check = report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "media path").unwrap();
    assert!(check["detail"].as_str().unwrap().contains("data channel open"), "{check}");
    master.interrupt();
}
