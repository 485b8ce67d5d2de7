//! Interoperability with independent peers from npm (`scripts/setup` installs them into tests/interop): the
//! official Amazon KVS WebRTC JS SDK — the wire shapes of reference/real-peers.md §2 hold in both directions,
//! for both roles — and werift, a WebRTC stack in TypeScript, against `webrtc connect` in both roles.

use crate::support::{AKID, Emulator, Kvs, SECRET, Session};
use serde_json::Value;
use std::process::{Command, Stdio};

fn setup() -> (Emulator, Kvs, tempfile::TempDir) {
    let emulator = Emulator::start();
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    kvs.run(&["channel", "create", "interop"]).ok();
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("answer.sdp"), "v=0\r\no=- 9 9 IN IP4 127.0.0.1\r\ns=kvs-esp\r\nt=0 0\r\n")
        .unwrap();
    std::fs::write(files.path().join("offer.sdp"), "v=0\r\no=- 8 8 IN IP4 127.0.0.1\r\ns=kvs-esp\r\nt=0 0\r\n")
        .unwrap();
    (emulator, kvs, files)
}

/// Starts the JS SDK peer; [`finish`] gives its exit code and its JSON event lines.
fn js_peer(kvs: &Kvs, emulator: &Emulator, role: &str) -> std::process::Child {
    node_peer(kvs, emulator, "kvs-js-peer.js", role, &[])
}

/// Starts a Node.js peer script of tests/interop on the channel `interop`.
fn node_peer(kvs: &Kvs, emulator: &Emulator, script: &str, role: &str, env: &[(&str, &str)]) -> std::process::Child {
    let endpoint = kvs.run(&["-o", "json", "endpoint", "get", "-c", "interop", "-r", &role.to_lowercase()]).ok().json();
    let wss = endpoint["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap().to_string();
    let dir = crate::support::root().join("tests/interop");
    assert!(dir.join("node_modules/werift").exists(), "run scripts/setup: it installs the JS SDK and werift");
    Command::new("node")
        .arg(dir.join(script))
        .current_dir(&dir)
        .env("ROLE", role)
        .env("CHANNEL_ARN", endpoint["ChannelARN"].as_str().unwrap())
        .env("WSS_ENDPOINT", wss)
        .env("REGION", "us-west-2")
        .env("AWS_ACCESS_KEY_ID", AKID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("CLIENT_ID", "js-viewer-1")
        .env("NODE_EXTRA_CA_CERTS", &emulator.ca_file)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node (Node.js) must be installed")
}

fn finish(child: std::process::Child) -> (i32, Vec<Value>) {
    let output = child.wait_with_output().unwrap();
    let events = String::from_utf8_lossy(&output.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    (output.status.code().unwrap_or(-1), events)
}

fn event<'a>(events: &'a [Value], name: &str) -> &'a Value {
    events.iter().find(|e| e["event"] == name).unwrap_or_else(|| panic!("no {name} event in {events:?}"))
}

#[test]
fn a_js_sdk_viewer_talks_to_a_kvs_esp_master() {
    let (emulator, kvs, files) = setup();
    let answer = files.path().join("answer.sdp");
    let mut master: Session = kvs.spawn(&[
        "-v",
        "-o",
        "json",
        "signal",
        "connect",
        "-c",
        "interop",
        "-r",
        "master",
        "--answer",
        answer.to_str().unwrap(),
    ]);
    master.wait_for_stderr("to=CONNECTED", 1);
    let viewer = js_peer(&kvs, &emulator, "VIEWER");

    let offer = master.wait_for("the JS SDK's offer", |v| v["type"] == "SDP_OFFER");
    assert_eq!(offer["sender"], "js-viewer-1");
    assert_eq!(offer["payload"]["type"], "offer");
    let candidate = master.wait_for("the JS SDK's candidate", |v| v["type"] == "ICE_CANDIDATE");
    assert_eq!(candidate["payload"]["sdpMid"], "0");
    master.send(r#"{"action":"ICE_CANDIDATE","recipient":"js-viewer-1","payload":{"candidate":"candidate:7 1 udp 1 127.0.0.1 9 typ host","sdpMid":"0","sdpMLineIndex":0}}"#);

    let (code, events) = finish(viewer);
    assert_eq!(code, 0, "{events:?}");
    assert!(event(&events, "sdpAnswer")["answer"]["sdp"].as_str().unwrap().contains("o=- 9 9"), "{events:?}");
    let ice = event(&events, "iceCandidate");
    assert_eq!(ice["candidate"]["candidate"], "candidate:7 1 udp 1 127.0.0.1 9 typ host");
    assert_eq!(ice["remoteClientId"], Value::Null, "messages from the master carry no sender");
    master.interrupt();
}

#[test]
fn a_kvs_esp_viewer_talks_to_a_js_sdk_master() {
    let (emulator, kvs, files) = setup();
    let master = js_peer(&kvs, &emulator, "MASTER");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let offer = files.path().join("offer.sdp");
    let mut viewer = kvs.spawn(&[
        "-v",
        "-o",
        "json",
        "signal",
        "connect",
        "-c",
        "interop",
        "-r",
        "viewer",
        "--client-id",
        "kvs-viewer",
        "--offer",
        offer.to_str().unwrap(),
    ]);
    let answer = viewer.wait_for("the JS SDK's answer", |v| v["type"] == "SDP_ANSWER");
    assert!(answer["payload"]["sdp"].as_str().unwrap().contains("s=kvs-js-answer"), "{answer}");
    viewer.wait_for("the JS SDK's candidate", |v| v["type"] == "ICE_CANDIDATE");
    viewer.send(r#"{"action":"ICE_CANDIDATE","payload":{"candidate":"candidate:3 1 udp 1 127.0.0.1 7 typ host","sdpMid":"0","sdpMLineIndex":0}}"#);

    let (code, events) = finish(master);
    assert_eq!(code, 0, "{events:?}");
    let offer = event(&events, "sdpOffer");
    assert_eq!(offer["remoteClientId"], "kvs-viewer");
    assert!(offer["offer"]["sdp"].as_str().unwrap().contains("o=- 8 8"));
    assert_eq!(event(&events, "iceCandidate")["remoteClientId"], "kvs-viewer");
    viewer.interrupt();
}

/// `webrtc connect` with loopback host candidates on the channel `interop`, JSON lines out.
fn webrtc(kvs: &Kvs, role: &str, extra: &[&str]) -> Session {
    let mut args = vec!["-o", "json", "webrtc", "connect", "-c", "interop", "-r", role, "--host-ip", "127.0.0.1"];
    args.push("--no-turn");
    args.extend(extra);
    kvs.spawn(&args)
}

#[test]
fn a_werift_viewer_receives_a_kvs_esp_masters_media_and_echo() {
    let (emulator, kvs, _) = setup();
    let mut master = webrtc(&kvs, "master", &["--duration", "40s"]);
    master.wait_for("the master's signaling", |v| v["event"] == "state" && v["to"] == "CONNECTED");
    let viewer = node_peer(&kvs, &emulator, "werift-peer.js", "VIEWER", &[("CLIENT_ID", "werift-viewer")]);
    let (code, events) = finish(viewer);
    assert_eq!(code, 0, "{events:?}\n{}", master.stderr());
    let done = event(&events, "done");
    assert!(done["received"]["video"].as_u64().unwrap() >= 20 && done["received"]["audio"].as_u64().unwrap() >= 20);
    assert_eq!(event(&events, "message")["text"], "ping from werift", "the master echoed the viewer's message");
    assert_eq!(master.interrupt(), 0);
    let report = master.of_type("report").pop().unwrap();
    let served = &report["connections"][0];
    assert_eq!(served["peer"], "werift-viewer");
    assert!(served["data_channel"]["received"].as_u64().unwrap() >= 1);
    let codecs: Vec<&str> = served["tracks"].as_array().unwrap().iter().filter_map(|t| t["codec"].as_str()).collect();
    assert!(codecs.contains(&"H264") && codecs.contains(&"opus"), "{served}");
}

#[test]
fn a_kvs_esp_viewer_reaches_a_werift_master_and_names_its_silence() {
    let (emulator, kvs, _) = setup();
    let master = node_peer(&kvs, &emulator, "werift-peer.js", "MASTER", &[]);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let mut viewer = webrtc(&kvs, "viewer", &["--duration", "2s", "--timeout", "15s"]);
    let code = viewer.finish();
    let report = viewer.of_type("report").pop().unwrap_or_else(|| panic!("{}", viewer.stderr()));
    let connection = &report["connections"][0];
    assert!(connection["dtls"]["fingerprint"].as_str().is_some(), "{report}");
    assert!(connection["data_channel"]["echo_rtt_ms"].as_f64().is_some(), "werift echoed the probe: {report}");
    assert_eq!(code, 7, "the werift master sends no media");
    assert_eq!(report["verdict"]["layer"], "rtp");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains("sent nothing"));
    let (_, events) = finish(master);
    assert!(events.iter().any(|e| e["event"] == "message" && e["text"] == "kvs-esp echo probe"), "{events:?}");
}

#[test]
fn a_tampered_fingerprint_in_the_masters_answer_fails_dtls() {
    let (emulator, kvs, _) = setup();
    let master = node_peer(&kvs, &emulator, "werift-peer.js", "MASTER", &[("TAMPER_FINGERPRINT", "1")]);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let mut viewer = webrtc(&kvs, "viewer", &["--duration", "2s", "--timeout", "8s"]);
    assert_eq!(viewer.finish(), 7, "{}", viewer.stderr());
    let report = viewer.of_type("report").pop().unwrap();
    assert_eq!(report["verdict"]["layer"], "dtls", "{report}");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains("does not match the fingerprint"), "{report}");
    drop(master);
}

#[test]
fn a_master_that_never_sends_a_keyframe_is_named_after_a_pli() {
    let (emulator, kvs, _) = setup();
    let master = node_peer(&kvs, &emulator, "werift-peer.js", "MASTER", &[("SEND_INTERFRAMES", "1")]);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let mut viewer = webrtc(&kvs, "viewer", &["--duration", "7s", "--timeout", "15s"]);
    assert_eq!(viewer.finish(), 7, "{}", viewer.stderr());
    let report = viewer.of_type("report").pop().unwrap();
    assert_eq!(report["verdict"]["layer"], "keyframe", "{report}");
    assert!(report["verdict"]["cause"].as_str().unwrap().contains("no keyframe, even 3 s after a PLI"));
    let video = report["connections"][0]["tracks"].as_array().unwrap().iter().find(|t| t["kind"] == "video").cloned();
    let video = video.unwrap();
    assert!(video["frames"].as_u64().unwrap() > 50, "interframes kept arriving: {video}");
    assert!(video["plis"].as_u64().unwrap() >= 1, "the viewer asked for a keyframe: {video}");
    drop(master);
}
