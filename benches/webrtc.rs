//! Prints the WebRTC peer's figures beside werift's, same machine, same run (`cargo bench --bench webrtc`):
//!
//! 1. process start to data channel open on loopback: host candidates, and relay-only through coturn over TLS
//!    (targets: ≤ 100 ms host, ≤ 150 ms relay over TLS);
//! 2. CPU per second of a viewer receiving a 2.5 Mbit/s H.264 stream, and of the master sending it (target:
//!    receiving at ≤ 2% of one core);
//! 3. peak RSS of a viewer receiving that video for 60 s (target: ≤ 24 MiB).
//!
//! Needs ffmpeg (the stream is encoded here), node with tests/interop's werift, and coturn: `scripts/setup`.

use kvs_test_support::coturn::{Auth, Cert, Coturn};
use kvs_test_support::{AKID, Emulator, Kvs, SECRET};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TURN_SECRET: &str = "bench-secret";
/// Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux).
const TICKS: f64 = 100.0;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// User plus system CPU seconds a process has used.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / TICKS
}

fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Spawns `command` and returns the milliseconds until a stdout line contains `marker`. Runs are spaced by
/// 300 ms: the service takes at most 5 SDP answers a second on the master's connection.
fn time_to_line(mut command: Command, marker: &str) -> f64 {
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let found = BufReader::new(stdout).lines().map_while(Result::ok).any(|line| {
        let hit = line.contains(marker);
        seen.push(line);
        hit
    });
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait");
    assert!(found, "no {marker} line in {seen:?}:\n{}", String::from_utf8_lossy(&output.stderr));
    ms
}

struct Setup {
    emulator: Emulator,
    kvs: Kvs,
    coturn: Coturn,
}

fn werift(setup: &Setup, channel: &str, stay_ms: Option<u64>) -> Command {
    let endpoint =
        setup.kvs.command(&["-o", "json", "endpoint", "get", "-c", channel, "-r", "viewer"]).output().unwrap();
    let endpoint: serde_json::Value = serde_json::from_slice(&endpoint.stdout).unwrap();
    let dir = kvs_test_support::root().join("tests/interop");
    let mut command = Command::new("node");
    command
        .arg(dir.join("werift-peer.js"))
        .current_dir(&dir)
        .env("ROLE", "VIEWER")
        .env("CHANNEL_ARN", endpoint["ChannelARN"].as_str().unwrap())
        .env("WSS_ENDPOINT", endpoint["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap())
        .env("REGION", "us-west-2")
        .env("AWS_ACCESS_KEY_ID", AKID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("CLIENT_ID", format!("werift-{}", rand_id()))
        .env("NODE_EXTRA_CA_CERTS", &setup.emulator.ca_file)
        .env("TIMEOUT_MS", "90000");
    if let Some(ms) = stay_ms {
        command.env("STAY_MS", ms.to_string());
    }
    command
}

fn rand_id() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos())
}

fn viewer(setup: &Setup, channel: &str, extra: &[&str]) -> Command {
    let mut args = vec!["-o", "json", "webrtc", "connect", "-c", channel, "-r", "viewer", "--host-ip", "127.0.0.1"];
    args.extend(extra);
    setup.kvs.command(&args)
}

/// A master on a channel of its own (made here), so that series do not meet.
fn master(setup: &Setup, channel: &str, extra: &[&str]) -> Child {
    assert!(setup.kvs.silent(&["channel", "create", channel]).status().unwrap().success());
    let mut args = vec!["webrtc", "connect", "-c", channel, "-r", "master", "--host-ip", "127.0.0.1"];
    args.extend(extra);
    let log = std::fs::File::create(std::env::temp_dir().join("kvs-esp-bench-master.log")).unwrap();
    let child = setup.kvs.command(&args).stdout(Stdio::null()).stderr(log).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    child
}

fn summary(label: &str, mut times: Vec<f64>, target: &str) {
    times.sort_by(f64::total_cmp);
    println!("{label}: p50 {:.0} ms, min {:.0} ms  [{target}]", percentile(&times, 0.5), times[0]);
}

fn main() {
    let coturn = Coturn::start(Auth::Secret(TURN_SECRET), Cert::Good);
    let uris = vec![format!("turns:localhost:{}?transport=tcp", coturn.tls_port)];
    let emulator = Emulator::with(|c| {
        c.turn_uris = uris;
        c.turn_secret = TURN_SECRET.into();
    });
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    let setup = Setup { emulator, kvs, coturn };
    let ca = setup.coturn.ca_file.to_str().unwrap().to_string();

    // 1. Start to data channel open.
    let mut serving = master(&setup, "host", &["--no-turn", "--duration", "600s"]);
    let host: Vec<f64> = (0..5)
        .map(|_| time_to_line(viewer(&setup, "host", &["--no-turn", "--duration", "1s"]), "\"event\":\"sctp\""))
        .collect();
    summary("kvs-esp: process start to data channel open, host candidates", host, "target <= 100 ms");
    let _ = serving.kill();
    let _ = serving.wait();
    let mut serving = master(&setup, "werift", &["--no-turn", "--duration", "600s"]);
    let host: Vec<f64> = (0..5).map(|_| time_to_line(werift(&setup, "werift", None), "channel-open")).collect();
    summary("werift:  process start to data channel open, host candidates", host, "same run");
    let _ = serving.kill();
    let _ = serving.wait();

    let mut serving = master(&setup, "relay", &["--ice-transport", "relay", "--trust", &ca, "--duration", "600s"]);
    let relay: Vec<f64> = (0..5)
        .map(|_| {
            let args = ["--ice-transport", "relay", "--trust", &ca, "--duration", "1s"];
            time_to_line(viewer(&setup, "relay", &args), "\"event\":\"sctp\"")
        })
        .collect();
    summary("kvs-esp: process start to data channel open, relay only, TURN over TLS", relay, "target <= 150 ms");
    let _ = serving.kill();
    let _ = serving.wait();

    // 2 and 3. A 2.5 Mbit/s H.264 stream for 60 s, to a kvs-esp viewer and a werift viewer at once.
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("stream.h264");
    let encoded = Command::new("ffmpeg")
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "10"])
        .args(["-c:v", "libx264", "-profile:v", "baseline", "-pix_fmt", "yuv420p", "-g", "30", "-bf", "0"])
        .args(["-b:v", "2500k", "-minrate", "2500k", "-maxrate", "2500k", "-bufsize", "2500k"])
        .args(["-x264-params", "repeat-headers=1:nal-hrd=cbr", "-f", "h264"])
        .arg(&video)
        .status()
        .expect("ffmpeg must be installed: scripts/setup installs it");
    assert!(encoded.success());
    let video = video.to_str().unwrap();
    let sender = master(
        &setup,
        "stream",
        &["--no-turn", "--video", video, "--fps", "30", "--audio", "clip", "--duration", "600s"],
    );
    let mut ours = viewer(&setup, "stream", &["--no-turn", "--duration", "60s"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut theirs =
        werift(&setup, "stream", Some(62_000)).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(Duration::from_secs(5));
    let (ours_cpu, theirs_cpu, sender_cpu) =
        (cpu_seconds(ours.id()), cpu_seconds(theirs.id()), cpu_seconds(sender.id()));
    let window = Instant::now();
    std::thread::sleep(Duration::from_secs(20));
    let seconds = window.elapsed().as_secs_f64();
    let per_second = |before: f64, pid: u32| (cpu_seconds(pid) - before) / seconds * 100.0;
    println!(
        "kvs-esp: CPU to receive 2.5 Mbit/s H.264 (+ Opus): {:.2}% of one core  [target <= 2%]",
        per_second(ours_cpu, ours.id())
    );
    println!(
        "werift:  CPU to receive the same stream: {:.2}% of one core  [same run]",
        per_second(theirs_cpu, theirs.id())
    );
    println!(
        "kvs-esp: CPU to send it to both viewers: {:.2}% of one core  [same run]",
        per_second(sender_cpu, sender.id())
    );
    std::thread::sleep(Duration::from_secs(34));
    println!(
        "kvs-esp: peak RSS of a viewer receiving the video, 60 s: {:.1} MiB  [target <= 24 MiB]",
        peak_rss_mib(ours.id())
    );
    println!(
        "werift:  peak RSS of a viewer receiving the video, 60 s: {:.1} MiB  [same run]",
        peak_rss_mib(theirs.id())
    );
    let _ = ours.wait();
    let _ = theirs.kill();
    let _ = theirs.wait();
    let mut sender = sender;
    let _ = sender.kill();
    let _ = sender.wait();
}
