//! `kvs-esp diagnose` end to end: the emulator, a `kvs-esp virtual-device` on a pseudo-terminal (the core run
//! by the host driver, writing the firmware's log format and provisioned over the pty), and the report —
//! timeline, phases, verdict, HTML — checked; then the verdicts for a device that is refused, silent, or not
//! running the companion firmware.

use crate::support::{Emulator, Kvs, Run};
use serde_json::Value;
use serialport::SerialPort;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

/// A `kvs-esp virtual-device` process, killed when dropped.
struct VirtualDevice {
    child: Child,
    port: String,
}

impl VirtualDevice {
    fn start(kvs: &Kvs) -> VirtualDevice {
        let mut child =
            kvs.command(&["-o", "json", "virtual-device", "--until", "60s"]).stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let banner: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("banner {line:?}: {e}"));
        VirtualDevice { child, port: banner["port"].as_str().unwrap().to_string() }
    }
}

impl Drop for VirtualDevice {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
    let emulator = Emulator::start();
    // Over HTTPS and WSS, so that both sides have a TLS handshake to time.
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    let device = VirtualDevice::start(&kvs);
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let run = diagnose(&kvs, &device.port, &["--channel", "porch", "--report", html.to_str().unwrap()]).ok();
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

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>") && page.contains("<svg") && page.ends_with("</html>\n"));
    assert!(page.contains("SDP_OFFER") && page.contains("SDP_ANSWER") && page.contains("porch"));
    assert!(!page.contains("<script") && !page.contains("src=\"http"), "self-contained");
}

#[test]
fn a_report_file_that_cannot_be_written_does_not_take_the_diagnosis_away() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let device = VirtualDevice::start(&kvs);
    let run = diagnose(&kvs, &device.port, &["--channel", "full", "--report", "/dev/full"]).fails_with(1);
    let report = run.json();
    assert_eq!(report["verdict"]["ok"], true, "the diagnosis is printed: {run:?}");
    assert!(report["report_error"].as_str().unwrap().contains("cannot write the report to /dev/full"), "{run:?}");
    drop(device);
    let device = VirtualDevice::start(&kvs);
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
