//! `kvs-esp diagnose` end to end: the emulator, a `kvs-esp virtual-device` on a pseudo-terminal (the core run
//! by the host driver, writing the firmware's log format and provisioned over the pty), and the report —
//! timeline, phases, verdict, HTML — checked; then the verdicts for a device that is refused, silent, or not
//! running the companion firmware; then a device that answers with media (the virtual device running the
//! project's WebRTC master, relays from a real coturn), whose media path diagnose climbs on both sides.

use crate::support::coturn::{Auth, Cert, Coturn};
use crate::support::{Emulator, Kvs, Run, VirtualDevice};
use serde_json::Value;
use serialport::SerialPort;

fn diagnose(kvs: &Kvs, port: &str, extra: &[&str]) -> Run {
    let mut args = vec!["-o", "json", "diagnose", "--board", "esp32c3", "--port", port, "--wifi-ssid", "lab"];
    args.extend(extra);
    kvs.run(&args)
}

fn phase<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["phases"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn diagnoses_a_virtual_device_end_to_end() {
    let (coturn, emulator) = with_turn(|_, _| {});
    // Over HTTPS and WSS, so that both sides have a TLS handshake to time.
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    // A firmware built with a bundle that holds the TURN server's root.
    let bundle = coturn.ca_file.to_str().unwrap();
    let device = VirtualDevice::answering(&kvs, &["--host-ip", "127.0.0.1", "--bundle", bundle]);
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let args = ["--channel", "porch", "--host-ip", "127.0.0.1", "--report", html.to_str().unwrap()];
    let run = diagnose(&kvs, &device.port, &args).ok();
    let report = run.json();

    assert_eq!(report["verdict"]["ok"], true, "{report:#}");
    for name in ["DescribeSignalingChannel", "GetSignalingChannelEndpoint", "GetIceServerConfig", "start to CONNECTED"]
    {
        let phase = phase(&report, name);
        assert!(phase["host_ms"].is_u64() && phase["device_ms"].is_u64(), "{phase}");
    }
    assert!(phase(&report, "CreateSignalingChannel")["device_ms"].is_u64(), "the device created the channel");
    assert!(phase(&report, "offer to answer")["host_ms"].is_u64());
    assert!(phase(&report, "WebSocket connect (TCP, TLS, upgrade)")["device_ms"].is_u64());
    let tls = phase(&report, "TLS handshake (WebSocket)");
    assert!(tls["host_ms"].is_u64() && tls["device_ms"].is_u64(), "both sides time their TLS handshake: {tls}");

    let timeline = report["timeline"].as_array().unwrap();
    let times: Vec<u64> = timeline.iter().map(|e| e["ms"].as_u64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "host receive order");
    let position = |side: &str, kind: &str, ty: Option<&str>| {
        timeline
            .iter()
            .position(|e| {
                e["side"] == side && e["event"]["kind"] == kind && ty.is_none_or(|t| e["event"]["fields"]["type"] == t)
            })
            .unwrap_or_else(|| panic!("no {side} {kind} {ty:?} in {timeline:#?}"))
    };
    let prompt = position("device", "provision-prompt", None);
    let device_connected =
        timeline.iter().position(|e| e["side"] == "device" && e["event"]["fields"]["to"] == "CONNECTED").unwrap();
    let offer_sent = position("host", "tx", Some("SDP_OFFER"));
    let offer_received = position("device", "rx", Some("SDP_OFFER"));
    let answer_sent = position("device", "tx", Some("SDP_ANSWER"));
    let answer_received = position("host", "rx", Some("SDP_ANSWER"));
    assert!(prompt < device_connected && device_connected < offer_sent, "{timeline:#?}");
    assert!(offer_sent < answer_received && offer_received < answer_sent, "{timeline:#?}");
    assert!(!run.stdout.contains(crate::support::SECRET));

    // The device checked its own paths with the core's machines, and the host checked its way to the device.
    for name in ["device STUN (server-reflexive)", "device TURN/UDP allocation", "device TURN/TCP allocation"] {
        assert!(phase(&report, name)["device_ms"].is_u64(), "{name}: {report:#}");
    }
    assert!(phase(&report, "device TURN/TLS handshake")["device_ms"].is_u64(), "{report:#}");
    assert!(phase(&report, "device TURN/TLS allocation")["device_ms"].is_u64());
    assert!(phase(&report, "host → device ICE (best pair)")["host_ms"].is_u64());
    let tls = timeline.iter().find(|e| e["event"]["kind"] == "turn-tls").expect("the TLS handshake, described");
    assert_eq!(tls["side"], "device");
    assert!(tls["event"]["fields"]["root"].as_str().unwrap().contains("kvs-test-ca"), "{tls}");
    let pairs: Vec<&Value> =
        timeline.iter().filter(|e| e["side"] == "host" && e["event"]["kind"] == "ice-pair").collect();
    let worked = |local: &str, remote: &str| {
        pairs.iter().any(|p| {
            let f = &p["event"]["fields"];
            f["local"] == local && f["remote"] == remote && f["outcome"] == "succeeded"
        })
    };
    assert!(worked("host", "host") && worked("host", "relay") && worked("relay", "srflx"), "{pairs:#?}");
    assert!(timeline.iter().any(|e| e["side"] == "device" && e["event"]["kind"] == "ice-answer"));
    let message = report["verdict"]["message"].as_str().unwrap();
    assert!(message.contains("its STUN and TURN checks passed"), "{message}");

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>") && page.contains("<svg") && page.ends_with("</html>\n"));
    assert!(page.contains("SDP_OFFER") && page.contains("SDP_ANSWER") && page.contains("porch"));
    assert!(!page.contains("<script") && !page.contains("src=\"http"), "self-contained");

    // The device stays master of the channel: a WebRTC viewer gets its diagnostic answer and is told what it is.
    let args =
        ["-o", "json", "webrtc", "connect", "-c", "porch", "-r", "viewer", "--host-ip", "127.0.0.1", "--no-turn"];
    let run = kvs.run(&args).fails_with(7);
    let report = run.stdout.lines().rev().find_map(|l| serde_json::from_str::<Value>(l).ok()).unwrap();
    assert_eq!(report["type"], "report", "{run:?}");
    assert_eq!(report["verdict"]["layer"], "signaling", "{report:#}");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains("the kvs-esp companion firmware"), "{report:#}");
    assert_eq!(report["connections"][0]["diagnostic_answer"], true);
}

#[test]
fn a_report_file_that_cannot_be_written_does_not_take_the_diagnosis_away() {
    let (coturn, emulator) = with_turn(|_, _| {});
    let kvs = Kvs::for_emulator(&emulator);
    let device_args = ["--host-ip", "127.0.0.1", "--bundle", coturn.ca_file.to_str().unwrap()];
    let device = VirtualDevice::answering(&kvs, &device_args);
    let run = diagnose(&kvs, &device.port, &["--channel", "full", "--report", "/dev/full"]).fails_with(1);
    let report = run.json();
    assert_eq!(report["verdict"]["ok"], true, "the diagnosis is printed: {run:?}");
    assert!(report["report_error"].as_str().unwrap().contains("cannot write the report to /dev/full"), "{run:?}");
    drop(device);
    let device = VirtualDevice::answering(&kvs, &device_args);
    let mut args = vec!["diagnose", "--board", "esp32c3", "--port", &device.port, "--wifi-ssid", "lab"];
    args.extend(["--channel", "full-text", "--report", "/dev/full"]);
    let run = kvs.run(&args).fails_with(1);
    assert!(run.stdout.contains("the device signals through KVS"), "the diagnosis is printed: {run:?}");
    assert!(run.stderr.contains("cannot write the report to /dev/full"), "{run:?}");
}

#[test]
fn names_credentials_when_the_device_is_refused() {
    let emulator = Emulator::with(|c| c.denied_keys = vec!["AKIDNOPERMISSIONS:nosecret".into()]);
    let kvs = Kvs::for_emulator(&emulator)
        .set("AWS_ACCESS_KEY_ID", "AKIDNOPERMISSIONS")
        .set("AWS_SECRET_ACCESS_KEY", "nosecret");
    let device = VirtualDevice::start(&kvs);
    let run = diagnose(&kvs, &device.port, &["--channel", "gate", "--timeout", "20s"]).fails_with(7);
    let report = run.json();
    assert_eq!(report["verdict"]["ok"], false);
    assert_eq!(report["verdict"]["cause"], "credentials", "{report:#}");
    assert_eq!(report["verdict"]["phase"], "device API call");
    assert!(report["verdict"]["message"].as_str().unwrap().contains("DescribeSignalingChannel"), "{report:#}");
}

#[test]
fn names_the_firmware_when_the_device_is_silent_or_runs_something_else() {
    let kvs = Kvs::new("http://127.0.0.1:1");
    let (mut master, slave) = serialport::TTYPort::pair().unwrap();
    let port = slave.name().unwrap();
    let run = diagnose(&kvs, &port, &["--channel", "quiet", "--timeout", "1500ms"]).fails_with(7);
    assert_eq!(run.json()["verdict"]["phase"], "device output");
    assert_eq!(run.json()["verdict"]["cause"], "firmware");

    let other = port.clone();
    let run = std::thread::spawn(move || {
        diagnose(&Kvs::new("http://127.0.0.1:1"), &other, &["--channel", "other", "--timeout", "2s"])
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let boot_log = b"ESP-ROM:esp32c3-api1-20210207\r\nI (30) app: hello from another firmware\r\n\xff\xfe garbage\r\n";
    std::io::Write::write_all(&mut master, boot_log).unwrap();
    let report = run.join().unwrap().fails_with(7).json();
    let message = report["verdict"]["message"].as_str().unwrap();
    assert!(message.contains("companion firmware"), "{report:#}");
    assert!(report["verdict"]["hint"].as_str().unwrap().contains("kvs-esp flash --board esp32c3"));
}

const TURN_SECRET: &str = "diagnose-turn-secret";

/// coturn with TURN REST credentials, and an emulator that hands it out over UDP, TCP and TLS (`configure` may
/// change that).
fn with_turn(configure: impl FnOnce(&Coturn, &mut crate::support::Config)) -> (Coturn, Emulator) {
    let coturn = Coturn::start(Auth::Secret(TURN_SECRET), Cert::Good);
    let emulator = Emulator::with(|c| {
        c.turn_uris = vec![
            format!("turn:127.0.0.1:{}?transport=udp", coturn.udp_port),
            format!("turn:127.0.0.1:{}?transport=tcp", coturn.udp_port),
            format!("turns:localhost:{}?transport=tcp", coturn.tls_port),
        ];
        c.turn_secret = TURN_SECRET.into();
        configure(&coturn, c);
    });
    (coturn, emulator)
}

fn host_and_device_ms(report: &Value, name: &str) -> (Option<u64>, Option<u64>) {
    let phase = phase(report, name);
    (phase["host_ms"].as_u64(), phase["device_ms"].as_u64())
}

#[test]
fn a_device_that_answers_with_media_has_its_media_path_checked_on_both_sides() {
    let (_coturn, emulator) = with_turn(|_, _| {});
    let kvs = Kvs::for_emulator(&emulator);
    let device = VirtualDevice::answering(&kvs, &["--answer", "media", "--host-ip", "127.0.0.1"]);
    let loopback = ["--channel", "live", "--host-ip", "127.0.0.1", "--timeout", "30s"];
    let report = diagnose(&kvs, &device.port, &loopback).ok().json();

    assert_eq!(report["verdict"]["ok"], true, "{report:#}");
    let message = report["verdict"]["message"].as_str().unwrap();
    assert!(message.starts_with("the device answered with media: media flows: 2 track(s) received"), "{message}");
    for layer in ["offer to ICE connected", "DTLS handshake", "offer to data channel open"] {
        let (host, device) = host_and_device_ms(&report, layer);
        assert!(host.is_some() && device.is_some(), "{layer} on both sides: {report:#}");
    }
    assert!(host_and_device_ms(&report, "offer to first media frame").0.is_some());
    assert!(host_and_device_ms(&report, "offer to first keyframe").0.is_some());
    let connection = &report["media"]["connections"][0];
    assert!(connection["nominated"].as_str().unwrap().contains("127.0.0.1"), "{connection:#}");
    let video = connection["tracks"].as_array().unwrap().iter().find(|t| t["kind"] == "video").unwrap();
    assert!(video["frames"].as_u64().unwrap() > 10 && video["keyframes"].as_u64().unwrap() >= 1, "{video:#}");
    let timeline = report["timeline"].as_array().unwrap();
    let has = |side: &str, kind: &str| timeline.iter().any(|e| e["side"] == side && e["event"]["kind"] == kind);
    assert!(has("host", "keyframe") && has("device", "dtls") && has("device", "tx"), "{timeline:#?}");

    // The device keeps serving the channel: diagnosed again as a board that runs its own master (no prompt, no
    // provisioning, no Wi-Fi settings needed).
    let mut args = vec!["-o", "json", "diagnose", "--board", "esp32c3", "--port", &device.port, "--no-provision"];
    args.extend(loopback);
    let again = kvs.run(&args).ok().json();
    assert_eq!(again["verdict"]["ok"], true, "{again:#}");
    assert!(!again["timeline"].as_array().unwrap().iter().any(|e| e["text"].as_str().unwrap().contains("provisioned")));
}

#[test]
fn a_device_that_connects_but_sends_no_media_is_named() {
    let (_coturn, emulator) = with_turn(|_, _| {});
    let kvs = Kvs::for_emulator(&emulator);
    let device = VirtualDevice::answering(&kvs, &["--answer", "no-media", "--host-ip", "127.0.0.1"]);
    let run = diagnose(&kvs, &device.port, &["--channel", "stuck", "--host-ip", "127.0.0.1"]).fails_with(7);
    let report = run.json();
    assert_eq!(report["verdict"]["phase"], "offer to first media frame", "{report:#}");
    assert_eq!(report["verdict"]["cause"], "firmware");
    let message = report["verdict"]["message"].as_str().unwrap();
    assert!(message.contains("the device answered with media, but the media path stopped at rtp"), "{message}");
    let (host, device_ms) = host_and_device_ms(&report, "offer to data channel open");
    assert!(host.is_some() && device_ms.is_some(), "everything below media came up: {report:#}");
}

/// The device's verdict on its own paths, each reached by a real fault.
fn device_verdict(emulator: &Emulator, device_args: &[&str]) -> Value {
    let kvs = Kvs::for_emulator(emulator);
    let mut args = vec!["--host-ip", "127.0.0.1"];
    args.extend(device_args);
    let device = VirtualDevice::answering(&kvs, &args);
    let run = diagnose(&kvs, &device.port, &["--channel", "paths", "--host-ip", "127.0.0.1"]).fails_with(7);
    run.json()["verdict"].clone()
}

#[test]
fn the_devices_own_paths_name_an_untrusted_root_wrong_credentials_and_blocked_udp() {
    // The firmware's bundle (ESP-IDF's common roots) lacks the test CA: TURN over TLS refused by trust, named
    // as the host's probe with the same bundle names it.
    let (coturn, emulator) = with_turn(|_, _| {});
    let verdict = device_verdict(&emulator, &[]);
    assert_eq!(
        (verdict["phase"].as_str(), verdict["cause"].as_str()),
        (Some("device TURN/TLS allocation"), Some("trust-store"))
    );
    let message = verdict["message"].as_str().unwrap();
    assert!(message.contains("\"kvs-test-ca\"") && message.contains("common) certificate bundle"), "{message}");
    let uri = format!("turns:localhost:{}?transport=tcp", coturn.tls_port);
    let kvs = Kvs::for_emulator(&emulator);
    let probe = ["-o", "json", "turn-tls", "probe", "--uri", &uri, "--username", "u", "--password", "p"];
    let mut refused = probe.to_vec();
    refused.extend(["--trust", "esp-common"]);
    let host = kvs.run(&refused).fails_with(7).json();
    assert!(host.to_string().contains("kvs-test-ca"), "the host's probe agrees: {host:#}");
    // With the root in the bundle, both pass: the device (the end-to-end test) and the host's probe.
    let expiry = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 600;
    let username = format!("{expiry}:probe");
    let password = crate::support::coturn::rest_password(TURN_SECRET, &username);
    let trusted = ["turn-tls", "probe", "--uri", &uri, "--username", &username, "--password", &password, "--trust"];
    let mut trusted = trusted.to_vec();
    trusted.push(coturn.ca_file.to_str().unwrap());
    kvs.run(&trusted).ok();

    // The emulator mints TURN credentials with another secret than coturn's.
    let (coturn, emulator) = with_turn(|_, c| c.turn_secret = "not-coturns-secret".into());
    let verdict = device_verdict(&emulator, &["--bundle", coturn.ca_file.to_str().unwrap()]);
    assert_eq!(verdict["cause"], "credentials", "{verdict:#}");
    assert!(verdict["message"].as_str().unwrap().contains("refused the allocation"), "{verdict:#}");

    // UDP to the TURN server's port is closed (nothing listens there); TLS on its own port works.
    let closed = std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (coturn, emulator) = with_turn(|coturn, c| {
        c.turn_uris = vec![
            format!("turn:127.0.0.1:{closed}?transport=udp"),
            format!("turns:localhost:{}?transport=tcp", coturn.tls_port),
        ]
    });
    let verdict = device_verdict(&emulator, &["--bundle", coturn.ca_file.to_str().unwrap()]);
    assert_eq!(verdict["cause"], "network", "{verdict:#}");
    assert!(verdict["message"].as_str().unwrap().contains("the network blocks UDP"), "{verdict:#}");
    assert!(verdict["hint"].as_str().unwrap().contains("TURN over TLS on 443"));
}

#[test]
fn expired_turn_credentials_are_named_on_the_device() {
    // The emulator's clock runs a minute behind (within SigV4's tolerance): the TURN credentials it mints for a
    // zero TTL have expired when coturn sees them.
    let (coturn, emulator) = with_turn(|_, c| {
        c.turn_ttl = 0;
        c.clock_offset = -60;
    });
    let verdict = device_verdict(&emulator, &["--bundle", coturn.ca_file.to_str().unwrap()]);
    assert!(matches!(verdict["cause"].as_str(), Some("credentials" | "clock")), "{verdict:#}");
    assert!(verdict["message"].as_str().unwrap().contains("expired"), "{verdict:#}");
}

/// A recording channel: coturn, and the emulator's own process (its storage peer records) with coturn's URIs.
fn recording_emulator(coturn: &Coturn, state: &std::path::Path) -> crate::support::EmulatorProcess {
    let uris = [
        format!("turn:127.0.0.1:{}?transport=udp", coturn.udp_port),
        format!("turns:localhost:{}?transport=tcp", coturn.tls_port),
    ];
    crate::support::EmulatorProcess::spawn(&[
        "--state-dir",
        state.to_str().unwrap(),
        "--turn-uri",
        &uris[0],
        "--turn-uri",
        &uris[1],
        "--turn-secret",
        TURN_SECRET,
    ])
}

fn record(kvs: &Kvs, channel: &str) {
    kvs.run(&["channel", "create", channel]).ok();
    kvs.run(&["stream", "create", &format!("{channel}-rec")]).ok();
    kvs.run(&["channel", "storage", "enable", channel, "--stream", &format!("{channel}-rec")]).ok();
}

#[test]
fn a_recording_channel_has_the_devices_storage_session_checked() {
    let coturn = Coturn::start(Auth::Secret(TURN_SECRET), Cert::Good);
    let state = tempfile::tempdir().unwrap();
    let emulator = recording_emulator(&coturn, state.path());
    let kvs = Kvs::new(&emulator.http);
    record(&kvs, "rec-live");
    let device = VirtualDevice::answering(&kvs, &["--answer", "media", "--host-ip", "127.0.0.1"]);
    let args = ["--channel", "rec-live", "--host-ip", "127.0.0.1", "--timeout", "30s"];
    let report = diagnose(&kvs, &device.port, &args).ok().json();

    assert_eq!(report["verdict"]["ok"], true, "{report:#}");
    let storage = &report["storage"];
    assert!(storage["stream"].as_str().unwrap().contains(":stream/rec-live-rec/"), "{storage}");
    assert_eq!((storage["joined"].as_bool(), storage["offered"].as_bool()), (Some(true), Some(true)), "{storage}");
    assert_eq!(
        (storage["video_arrived"].as_bool(), storage["audio_arrived"].as_bool()),
        (Some(true), Some(true)),
        "the emulator's storage peer received the device's media: {storage}"
    );
    assert!(host_and_device_ms(&report, "JoinStorageSession").1.is_some(), "{report:#}");
    assert!(host_and_device_ms(&report, "storage session joined to its offer").1.is_some(), "{report:#}");
}

#[test]
fn a_device_that_does_not_join_its_channels_storage_session_is_named() {
    let coturn = Coturn::start(Auth::Secret(TURN_SECRET), Cert::Good);
    let state = tempfile::tempdir().unwrap();
    let emulator = recording_emulator(&coturn, state.path());
    let kvs = Kvs::new(&emulator.http);
    record(&kvs, "rec-fw");
    // The companion firmware answers with its diagnostic answer and has no storage session to join.
    let bundle = coturn.ca_file.to_str().unwrap();
    let device = VirtualDevice::answering(&kvs, &["--host-ip", "127.0.0.1", "--bundle", bundle]);
    let args = ["--channel", "rec-fw", "--host-ip", "127.0.0.1", "--timeout", "30s"];
    let report = diagnose(&kvs, &device.port, &args).fails_with(7).json();
    assert_eq!(report["verdict"]["phase"], "storage session", "{report:#}");
    assert!(report["verdict"]["message"].as_str().unwrap().contains("did not join its storage session"), "{report:#}");
    assert_eq!(report["storage"]["joined"], false);
}
