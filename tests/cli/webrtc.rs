//! `webrtc connect` end to end on loopback: two kvs-esp peers through the emulator's signaling, media checked
//! with ffprobe, relays through a real coturn over UDP, TCP and TLS, and each verdict reached by a real fault.

use crate::support::coturn::{Auth, Cert, Coturn};
use crate::support::{Emulator, Kvs, Session};
use serde_json::Value;
use std::process::Command;

const SECRET: &str = "webrtc-test-secret";

fn kvs(emulator: &Emulator) -> Kvs {
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    kvs.run(&["channel", "create", "cam"]).ok();
    kvs
}

/// A peer on loopback host candidates, JSON lines out.
fn peer(kvs: &Kvs, role: &str, extra: &[&str]) -> Session {
    let mut args = vec!["-o", "json", "webrtc", "connect", "-c", "cam", "-r", role, "--host-ip", "127.0.0.1"];
    args.extend(extra);
    kvs.spawn(&args)
}

/// A master that serves for up to a minute (stopped by the test).
fn master(kvs: &Kvs, extra: &[&str]) -> Session {
    let mut args = vec!["--duration", "60s"];
    args.extend(extra);
    let mut master = peer(kvs, "master", &args);
    master.wait_for("the master's signaling", |v| v["event"] == "state" && v["to"] == "CONNECTED");
    master
}

/// Runs a viewer to its end: its exit code and report.
fn viewer(kvs: &Kvs, extra: &[&str]) -> (i32, Value, Session) {
    let mut args = extra.to_vec();
    for (flag, default) in [("--duration", "2s"), ("--timeout", "15s")] {
        if !extra.contains(&flag) {
            args.extend([flag, default]);
        }
    }
    let mut viewer = peer(kvs, "viewer", &args);
    let code = viewer.finish();
    let report = viewer.of_type("report").pop().unwrap_or_else(|| panic!("no report:\n{}", viewer.stderr()));
    (code, report, viewer)
}

fn events(session: &mut Session, kind: &str) -> Vec<Value> {
    session.of_type("event").into_iter().filter(|e| e["event"] == kind).collect()
}

/// The frames ffprobe decodes in a file.
fn decoded_frames(path: &str, stream: &str) -> u64 {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-select_streams", stream, "-show_entries"])
        .args(["stream=nb_read_frames", "-of", "csv=p=0", path])
        .output()
        .expect("ffprobe (Debian's ffmpeg) must be installed: scripts/setup installs it");
    String::from_utf8_lossy(&output.stdout).trim().parse().unwrap_or(0)
}

#[test]
fn a_viewer_receives_the_masters_clip_decodes_it_and_gets_its_echo() {
    let emulator = Emulator::start();
    let kvs = kvs(&emulator);
    let mut master = master(&kvs, &["--no-turn"]);
    let saved = tempfile::tempdir().unwrap();
    let (code, report, mut viewer) =
        viewer(&kvs, &["--no-turn", "--save", saved.path().to_str().unwrap(), "--duration", "3s"]);
    assert_eq!(code, 0, "{}", viewer.stderr());
    assert_eq!(report["verdict"]["ok"], true, "{report}");
    let connection = &report["connections"][0];
    assert_eq!(connection["peer"], "-");
    assert!(connection["nominated"].as_str().unwrap().starts_with("host/udp 127.0.0.1:"), "{connection}");
    assert_eq!(connection["dtls"]["role"], "client", "the master answers active: the viewer is the DTLS client");
    assert!(connection["dtls"]["fingerprint"].as_str().unwrap().starts_with("sha-256 "));
    assert!(connection["data_channel"]["echo_rtt_ms"].as_f64().is_some(), "the master echoes: {connection}");
    let tracks = connection["tracks"].as_array().unwrap();
    let video = tracks.iter().find(|t| t["codec"] == "H264").expect("an H.264 track");
    let audio = tracks.iter().find(|t| t["codec"] == "opus").expect("an Opus track");
    assert!(video["frames"].as_u64().unwrap() >= 50, "25 fps for 3 s: {video}");
    assert!(video["first_keyframe_ms"].as_u64().is_some());
    assert!((20.0..=30.0).contains(&video["fps"].as_f64().unwrap()), "{video}");
    assert!(audio["frames"].as_u64().unwrap() >= 100, "20 ms packets for 3 s: {audio}");
    for kind in ["ice", "ice-pair", "dtls", "sctp", "rtp", "keyframe", "track"] {
        assert!(!events(&mut viewer, kind).is_empty(), "no {kind} event");
    }

    let h264 = video["saved"].as_str().unwrap();
    let ogg = audio["saved"].as_str().unwrap();
    assert!(h264.ends_with("master-video.h264") && ogg.ends_with("master-audio.ogg"));
    assert!(decoded_frames(h264, "v:0") >= 50, "ffprobe decodes the saved H.264");
    assert!(decoded_frames(ogg, "a:0") >= 100, "ffprobe decodes the saved Opus");

    assert_eq!(master.interrupt(), 0, "{}", master.stderr());
    let report = master.of_type("report").pop().unwrap();
    let served = &report["connections"][0];
    assert_eq!(served["dtls"]["role"], "server");
    let sent: Vec<&Value> = served["tracks"].as_array().unwrap().iter().filter(|t| t["direction"] == "send").collect();
    assert_eq!(sent.len(), 2, "{served}");
    assert!(sent.iter().all(|t| t["frames"].as_u64().unwrap() > 0));
    assert!(served["data_channel"]["received"].as_u64().unwrap() >= 1, "the viewer's probe arrived");
}

/// coturn with TURN REST credentials, and an emulator that hands it out with the same secret (or `secret`).
fn with_coturn(secret: &str, configure: impl FnOnce(&mut crate::support::Config)) -> (Coturn, Emulator) {
    let coturn = Coturn::start(Auth::Secret(SECRET), Cert::Good);
    let uris = vec![
        format!("turn:127.0.0.1:{}?transport=udp", coturn.udp_port),
        format!("turn:127.0.0.1:{}?transport=tcp", coturn.udp_port),
        format!("turns:localhost:{}?transport=tcp", coturn.tls_port),
    ];
    let emulator = Emulator::with(|c| {
        c.turn_uris = uris;
        c.turn_secret = secret.into();
        configure(c);
    });
    (coturn, emulator)
}

#[test]
fn relay_only_connects_through_coturn_over_udp_tcp_and_tls() {
    let (coturn, emulator) = with_coturn(SECRET, |_| {});
    let kvs = kvs(&emulator);
    let ca = coturn.ca_file.to_str().unwrap();
    let mut master = master(&kvs, &["--ice-transport", "relay", "--turn-transport", "udp"]);
    for transport in ["udp", "tcp", "tls"] {
        let (code, report, viewer) =
            viewer(&kvs, &["--ice-transport", "relay", "--turn-transport", transport, "--trust", ca]);
        assert_eq!(code, 0, "over {transport}: {}", viewer.stderr());
        let connection = &report["connections"][0];
        let nominated = connection["nominated"].as_str().unwrap();
        assert!(nominated.starts_with(&format!("relay/{transport} ")), "{nominated}");
        assert!(nominated.contains(" via turn"), "{nominated}");
        assert!(nominated.contains(" ↔ relay/udp 127.0.0.1:"), "the master's relay is over UDP: {nominated}");
        assert!(report["candidates"].as_array().unwrap().iter().all(|c| c["typ"] == "relay"), "relay only");
        assert!(connection["tracks"].as_array().unwrap().iter().all(|t| t["frames"].as_u64().unwrap() > 0));
    }
    master.interrupt();
}

#[test]
fn a_stun_server_that_does_not_answer_is_named_though_media_flows_on_host_candidates() {
    let emulator = Emulator::start();
    let kvs = kvs(&emulator);
    let mut master = master(&kvs, &["--no-turn"]);
    let closed = std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let (code, report, _) = viewer(&kvs, &["--no-turn", "--stun", &closed]);
    assert_eq!(code, 7);
    assert_eq!(report["verdict"]["layer"], "gathering", "{report}");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains(&closed));
    assert!(report["stun"][0]["error"].as_str().unwrap().contains("no answer"));
    assert!(report["connections"][0]["tracks"][0]["frames"].as_u64().unwrap() > 0, "media still flowed");
    master.interrupt();
}

#[test]
fn codecs_that_do_not_intersect_are_named() {
    let emulator = Emulator::start();
    let kvs = kvs(&emulator);
    let mut master = master(&kvs, &["--no-turn", "--codec", "pcmu", "--video", "none", "--audio", "none"]);
    let (code, report, _) = viewer(&kvs, &["--no-turn", "--codec", "h264,opus"]);
    assert_eq!(code, 7);
    assert_eq!(report["verdict"]["layer"], "rtp", "{report}");
    let cause = report["verdict"]["cause"].as_str().unwrap();
    assert!(
        cause.contains("no common codec") && cause.contains("video H264") && cause.contains("audio opus"),
        "{cause}"
    );
    master.interrupt();
}

#[test]
fn a_master_that_never_sends_media_is_named() {
    let emulator = Emulator::start();
    let kvs = kvs(&emulator);
    let mut master = master(&kvs, &["--no-turn", "--video", "none", "--audio", "none"]);
    let (code, report, _) = viewer(&kvs, &["--no-turn"]);
    assert_eq!(code, 7);
    assert_eq!(report["verdict"]["layer"], "rtp", "{report}");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains("sent nothing"), "{report}");
    assert!(report["connections"][0]["data_channel"]["echo_rtt_ms"].as_f64().is_some(), "the layers below work");
    master.interrupt();
}

#[test]
fn a_wrong_turn_secret_is_refused_credentials() {
    let (_coturn, emulator) = with_coturn("not-the-servers-secret", |_| {});
    let kvs = kvs(&emulator);
    let (code, report, _) = viewer(&kvs, &["--ice-transport", "relay", "--turn-transport", "udp", "--timeout", "3s"]);
    assert_eq!(code, 7);
    assert_eq!(report["verdict"]["layer"], "turn", "{report}");
    let cause = report["verdict"]["cause"].as_str().unwrap();
    assert!(cause.contains("401") && cause.contains("wrong username or password"), "{cause}");
    assert_eq!(report["turn"][0]["failure"]["kind"], "credentials");
}

#[test]
fn expired_turn_rest_credentials_are_named_as_expired() {
    // The service's clock is an hour behind: what it mints has expired, and its signatures still pass.
    let (_coturn, emulator) = with_coturn(SECRET, |c| {
        c.clock_offset = -3600;
        c.skew_tolerance = 7200;
    });
    let kvs = kvs(&emulator);
    let (code, report, _) = viewer(&kvs, &["--ice-transport", "relay", "--turn-transport", "udp", "--timeout", "3s"]);
    assert_eq!(code, 7);
    assert_eq!(report["verdict"]["layer"], "turn", "{report}");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains("credential expired"), "{report}");
}

#[test]
fn a_turn_tls_server_whose_root_is_not_trusted_names_the_root() {
    let (_coturn, emulator) = with_coturn(SECRET, |_| {});
    let kvs = kvs(&emulator);
    let (code, report, _) = viewer(&kvs, &["--ice-transport", "relay", "--turn-transport", "tls", "--timeout", "3s"]);
    assert_eq!(code, 7);
    assert_eq!(report["verdict"]["layer"], "turn", "{report}");
    let cause = report["verdict"]["cause"].as_str().unwrap();
    assert!(cause.contains("refused by trust") && cause.contains("kvs-test-ca"), "{cause}");
    assert_eq!(report["turn"][0]["failure"]["kind"], "trust");
}

#[test]
fn bad_media_files_are_refused_before_connecting() {
    let emulator = Emulator::start();
    let kvs = kvs(&emulator);
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("camera.mp4");
    std::fs::write(&bogus, b"\x00\x00\x00\x18ftypmp42 not annex-b").unwrap();
    let run = kvs.run(&["webrtc", "connect", "-c", "cam", "-r", "master", "--video", bogus.to_str().unwrap()]);
    let run = run.fails_with(2);
    assert!(run.stderr.contains("--video") && run.stderr.contains("Annex-B"), "{}", run.stderr);
    let run = kvs.run(&["webrtc", "connect", "-c", "cam", "-r", "master", "--audio", bogus.to_str().unwrap()]);
    assert!(run.fails_with(2).stderr.contains("Ogg"));
    let run = kvs.run(&["webrtc", "connect", "-c", "cam", "-r", "viewer", "--codec", "theora"]);
    assert!(run.fails_with(2).stderr.contains("unknown codec"));
}
