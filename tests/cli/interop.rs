//! Interoperability with the official Amazon KVS WebRTC JS SDK (from npm; `scripts/setup` installs it into
//! tests/interop): the wire shapes of reference/real-peers.md §2 hold in both directions, for both roles.

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

/// Runs the JS SDK peer to completion; returns its exit code and its JSON event lines.
fn js_peer(kvs: &Kvs, emulator: &Emulator, role: &str) -> std::process::Child {
    let endpoint = kvs.run(&["-o", "json", "endpoint", "get", "-c", "interop", "-r", &role.to_lowercase()]).ok().json();
    let wss = endpoint["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap().to_string();
    let dir = crate::support::root().join("tests/interop");
    assert!(
        dir.join("node_modules/amazon-kinesis-video-streams-webrtc").exists(),
        "run scripts/setup: it installs the JS SDK"
    );
    Command::new("node")
        .arg(dir.join("kvs-js-peer.js"))
        .current_dir(&dir)
        .env("ROLE", role)
        .env("CHANNEL_ARN", endpoint["ChannelARN"].as_str().unwrap())
        .env("WSS_ENDPOINT", wss)
        .env("REGION", "us-west-2")
        .env("AWS_ACCESS_KEY_ID", AKID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("CLIENT_ID", "js-viewer-1")
        .env("NODE_EXTRA_CA_CERTS", &emulator.ca_file)
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
