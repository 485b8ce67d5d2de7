//! Headless Chromium (Debian's) with the official KVS WebRTC JS SDK's browser bundle, against `webrtc connect`
//! through the emulator: Chromium's fake camera and microphone to a kvs-esp viewer, and a kvs-esp master's clip
//! to a Chromium viewer whose getStats() reports decoded frames. Chromium gathers no loopback host candidates, so
//! its side goes through a coturn relay on loopback.

use crate::support::coturn::{Auth, Cert, Coturn};
use crate::support::{AKID, Emulator, Kvs, SECRET};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TURN_SECRET: &str = "chromium-test-secret";

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Chromium running the page; its console lines (JSON) arrive on a channel.
struct Browser {
    child: Child,
    lines: mpsc::Receiver<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new("chromium")
            .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"])
            // The emulator's certificate comes from its own CA, which this throwaway profile does not hold.
            .args([
                "--ignore-certificate-errors",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium (Debian's) must be installed: scripts/setup installs it");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // [pid:tid:date:INFO:CONSOLE:12] "{…}", source: file:///… (12)
                let Some(start) = line.find(":CONSOLE").and_then(|i| line[i..].find("] \"").map(|j| i + j + 3)) else {
                    continue;
                };
                let Some(end) = line.rfind("\", source:") else { continue };
                if let Ok(value) = serde_json::from_str::<Value>(&line[start..end])
                    && tx.send(value).is_err()
                {
                    break;
                }
            }
        });
        Browser { child, lines, _profile: profile }
    }

    /// Waits for the page's `event` line.
    #[track_caller]
    fn wait_for(&self, event: &str, within: Duration) -> Value {
        let deadline = Instant::now() + within;
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(value) if value["event"] == event => return value,
                Ok(value) => seen.push(value),
                Err(_) => panic!("no {event} from Chromium; it said {seen:?}"),
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// coturn, an emulator handing it out, a channel, and the page's URL for `role`.
fn setup(role: &str) -> (Coturn, Emulator, Kvs, String) {
    let coturn = Coturn::start(Auth::Secret(TURN_SECRET), Cert::Good);
    let turn = format!("turn:127.0.0.1:{}?transport=udp", coturn.udp_port);
    let emulator = Emulator::with(|c| {
        c.turn_uris = vec![turn];
        c.turn_secret = TURN_SECRET.into();
    });
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    kvs.run(&["channel", "create", "browser"]).ok();
    let endpoint_role = if role == "MASTER" { "master" } else { "viewer" };
    let endpoint = kvs.run(&["-o", "json", "endpoint", "get", "-c", "browser", "-r", endpoint_role]).ok().json();
    let ice = kvs.run(&["-o", "json", "ice-config", "get", "-c", "browser", "--show-passwords"]).ok().json();
    let servers: Vec<Value> = ice["IceServerList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| serde_json::json!({ "urls": s["Uris"], "username": s["Username"], "credential": s["Password"] }))
        .collect();
    let page = crate::support::root().join("tests/interop/chromium-peer.html");
    assert!(
        crate::support::root().join("tests/interop/node_modules/amazon-kinesis-video-streams-webrtc/dist").exists(),
        "run scripts/setup: it installs the JS SDK"
    );
    let url = format!(
        "file://{}?role={role}&client=chromium-viewer&arn={}&wss={}&region=us-west-2&akid={}&secret={}&ice={}",
        page.display(),
        encode(endpoint["ChannelARN"].as_str().unwrap()),
        encode(endpoint["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap()),
        encode(AKID),
        encode(SECRET),
        encode(&Value::Array(servers).to_string()),
    );
    (coturn, emulator, kvs, url)
}

/// `webrtc connect` on the page's channel with loopback host candidates and no relay of its own.
fn webrtc(kvs: &Kvs, role: &str, extra: &[&str]) -> crate::support::Session {
    let mut args = vec!["-o", "json", "webrtc", "connect", "-c", "browser", "-r", role, "--host-ip", "127.0.0.1"];
    args.push("--no-turn");
    args.extend(extra);
    kvs.spawn(&args)
}

#[test]
fn chromiums_fake_camera_reaches_a_kvs_esp_viewer_decodable() {
    let (_coturn, _emulator, kvs, url) = setup("MASTER");
    let browser = Browser::open(&url);
    browser.wait_for("ready", Duration::from_secs(30));
    let saved = tempfile::tempdir().unwrap();
    let mut viewer = webrtc(&kvs, "viewer", &["--duration", "3s", "--save", saved.path().to_str().unwrap()]);
    assert_eq!(viewer.finish(), 0, "{}", viewer.stderr());
    let report = viewer.of_type("report").pop().unwrap();
    let connection = &report["connections"][0];
    assert!(connection["nominated"].as_str().unwrap().contains("↔ relay/udp"), "Chromium relays: {connection}");
    assert!(connection["data_channel"]["echo_rtt_ms"].as_f64().is_some(), "the page echoes: {connection}");
    let tracks = connection["tracks"].as_array().unwrap();
    let video = tracks.iter().find(|t| t["kind"] == "video").unwrap();
    let audio = tracks.iter().find(|t| t["kind"] == "audio").unwrap();
    assert!(["H264", "VP8"].contains(&video["codec"].as_str().unwrap()), "{video}");
    assert!(video["first_keyframe_ms"].as_u64().is_some() && video["frames"].as_u64().unwrap() >= 20, "{video}");
    assert_eq!(audio["codec"], "opus");
    assert!(audio["frames"].as_u64().unwrap() >= 50, "{audio}");
    let file = video["saved"].as_str().unwrap();
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames"])
        .args(["-of", "csv=p=0", file])
        .output()
        .unwrap();
    let frames: u64 = String::from_utf8_lossy(&output.stdout).trim().parse().unwrap_or(0);
    assert!(frames >= 20, "ffprobe decodes {frames} frames of {file}");
}

#[test]
fn a_kvs_esp_masters_clip_is_decoded_by_a_chromium_viewer() {
    let (_coturn, _emulator, kvs, url) = setup("VIEWER");
    let mut master = webrtc(&kvs, "master", &["--duration", "60s"]);
    master.wait_for("the master's signaling", |v| v["event"] == "state" && v["to"] == "CONNECTED");
    let browser = Browser::open(&url);
    let done = browser.wait_for("done", Duration::from_secs(30));
    assert!(done["framesDecoded"].as_u64().unwrap() > 10, "{done}");
    assert!(done["audioPackets"].as_u64().unwrap() > 10, "{done}");
    assert_eq!(done["echoed"], true, "the master echoed Chromium's data channel message");
    drop(browser);
    assert_eq!(master.interrupt(), 0);
    let report = master.of_type("report").pop().unwrap();
    assert_eq!(report["connections"][0]["peer"], "chromium-viewer");
}
