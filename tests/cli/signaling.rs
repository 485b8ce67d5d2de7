//! WebSocket signaling end to end: a master and a viewer through the emulator, faults, bad frames.

use crate::support::{Emulator, Kvs, Session};
use serde_json::{Value, json};
use std::time::Duration;

const OFFER: &str = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
const ANSWER: &str = "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

fn candidate(n: u32) -> String {
    format!("candidate:{n} 1 udp 2122260223 127.0.0.1 {} typ host", 50_000 + n)
}

/// A kvs-esp over TLS to the emulator, and SDP files.
fn setup(emulator: &Emulator) -> (Kvs, tempfile::TempDir) {
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("offer.sdp"), OFFER).unwrap();
    std::fs::write(files.path().join("answer.sdp"), ANSWER).unwrap();
    let kvs = Kvs::new(&emulator.https).set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    kvs.run(&["channel", "create", "cam"]).ok();
    (kvs, files)
}

fn master(kvs: &Kvs, files: &tempfile::TempDir, extra: &[&str]) -> Session {
    let answer = files.path().join("answer.sdp");
    let mut args = vec![
        "-v",
        "-o",
        "json",
        "signal",
        "connect",
        "-c",
        "cam",
        "-r",
        "master",
        "--answer",
        answer.to_str().unwrap(),
    ];
    args.extend(extra);
    kvs.spawn(&args)
}

fn viewer(kvs: &Kvs, files: &tempfile::TempDir, id: &str, extra: &[&str]) -> Session {
    let offer = files.path().join("offer.sdp");
    let mut args = vec![
        "-v",
        "-o",
        "json",
        "signal",
        "connect",
        "-c",
        "cam",
        "-r",
        "viewer",
        "--client-id",
        id,
        "--offer",
        offer.to_str().unwrap(),
    ];
    args.extend(extra);
    kvs.spawn(&args)
}

fn of_type(kind: &'static str) -> impl Fn(&Value) -> bool {
    move |v| v["type"] == kind
}

fn candidate_line(n: u32, recipient: Option<&str>) -> String {
    let mut line = json!({ "action": "ICE_CANDIDATE", "payload": { "candidate": candidate(n), "sdpMid": "0", "sdpMLineIndex": 0 } });
    if let Some(r) = recipient {
        line["recipient"] = json!(r);
    }
    line.to_string()
}

#[test]
fn master_and_viewer_exchange_offer_answer_and_candidates_over_wss() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("ev=state from=CONNECT to=CONNECTED", 1);
    let mut viewer = viewer(&kvs, &files, "viewer-1", &[]);

    let offer = master.wait_for("the offer", of_type("SDP_OFFER"));
    assert_eq!(offer["sender"], "viewer-1");
    assert_eq!(offer["payload"]["type"], "offer");
    assert_eq!(offer["payload"]["sdp"], OFFER);
    let answer = viewer.wait_for("the answer", of_type("SDP_ANSWER"));
    assert_eq!(answer["sender"], Value::Null, "messages from the master carry no sender");
    assert_eq!(answer["payload"]["sdp"], ANSWER);

    for n in 0..3 {
        viewer.send(&candidate_line(n, None));
        master.send(&candidate_line(10 + n, Some("viewer-1")));
    }
    for n in 0..3 {
        let expected = candidate(n);
        let got = master.wait_for("a viewer candidate", |v| {
            v["type"] == "ICE_CANDIDATE" && v["payload"]["candidate"] == expected.as_str()
        });
        assert_eq!(got["sender"], "viewer-1");
        let expected = candidate(10 + n);
        viewer.wait_for("a master candidate", |v| {
            v["type"] == "ICE_CANDIDATE" && v["payload"]["candidate"] == expected.as_str()
        });
    }
    assert_eq!(master.of_type("ICE_CANDIDATE").len(), 3);
    assert_eq!(viewer.of_type("ICE_CANDIDATE").len(), 3);

    assert_eq!(viewer.interrupt(), 0);
    let metrics = viewer.wait_for("metrics", of_type("METRICS"));
    assert_eq!(metrics["messages_sent"], 4);
    assert_eq!(metrics["messages_received"], 4);
    assert!(metrics["offer_to_answer_ms"].is_u64());
    assert!(metrics["time_to_connected_ms"].is_u64());
    assert_eq!(master.interrupt(), 0);
    assert!(master.stderr().contains("ev=tx type=SDP_ANSWER peer=viewer-1"), "{}", master.stderr());
}

#[test]
fn until_answer_ends_the_viewer_and_prints_text_metrics() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("to=CONNECTED", 1);
    let offer = files.path().join("offer.sdp");
    let run = kvs
        .run(&[
            "signal",
            "connect",
            "-c",
            "cam",
            "-r",
            "viewer",
            "--offer",
            offer.to_str().unwrap(),
            "--until",
            "answer",
        ])
        .ok();
    let answer: Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(answer["type"], "SDP_ANSWER");
    assert!(run.stderr.contains("signaling metrics") && run.stderr.contains("offer → answer"), "{run:?}");
    let connected = kvs.run(&["signal", "connect", "-c", "cam", "-r", "viewer", "--until", "connected"]).ok();
    assert!(connected.stderr.contains("as viewer (viewer-"), "a random viewer id: {connected:?}");
    master.interrupt();
}

#[test]
fn missing_channel_and_bad_arguments() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let run = kvs.run(&["signal", "connect", "-c", "nowhere", "-r", "master", "--until", "connected"]).fails_with(4);
    assert!(run.stderr.contains("ResourceNotFoundException") && run.stderr.contains("--create-if-missing"), "{run:?}");
    kvs.run(&["signal", "connect", "-c", "made", "-r", "master", "--create-if-missing", "--until", "connected"]).ok();
    kvs.run(&["channel", "describe", "made"]).ok();
    let offer = files.path().join("offer.sdp");
    let run =
        kvs.run(&["signal", "connect", "-c", "cam", "-r", "master", "--offer", offer.to_str().unwrap()]).fails_with(2);
    assert!(run.stderr.contains("--offer is for viewers"), "{run:?}");
    kvs.run(&["signal", "connect", "-c", "cam", "-r", "viewer", "--client-id", "AWS_x"]).fails_with(2);
    kvs.run(&["signal", "connect", "-c", "cam", "-r", "viewer", "--until", "later"]).fails_with(2);
}

#[test]
fn send_failures_are_reported_against_their_message() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("to=CONNECTED", 1);
    master.send(r#"{"action":"SDP_ANSWER","payload":{"type":"answer","sdp":"v=0"},"recipient":"nobody","correlationId":"answer-7"}"#);
    let failed = master.wait_for("SEND_FAILED", of_type("SEND_FAILED"));
    assert_eq!(failed["correlationId"], "answer-7");
    assert_eq!(failed["action"], "SDP_ANSWER");
    assert!(failed["reason"].as_str().unwrap().contains("nobody"), "{failed}");

    master.send(r#"{"action":"ICE_CANDIDATE","payload":"x"}"#);
    let refused = master.wait_for("INPUT_ERROR", of_type("INPUT_ERROR"));
    assert!(refused["error"].as_str().unwrap().contains("recipientClientId"), "{refused}");
    let big = format!(r#"{{"action":"ICE_CANDIDATE","recipient":"v","payload":"{}"}}"#, "x".repeat(8000));
    master.send(&big);
    master.send("this is not json");
    master.wait_for("oversized refused", |v| {
        v["type"] == "INPUT_ERROR" && v["error"].as_str().unwrap().contains("at most 10000")
    });
    master.wait_for("garbage refused", |v| {
        v["type"] == "INPUT_ERROR" && v["error"].as_str().unwrap().contains("not a message line")
    });
    assert_eq!(master.count("ev=closed"), 0, "nothing here drops the connection");
    master.interrupt();
}

#[test]
fn bad_frames_neither_crash_nor_disconnect_the_client() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut viewer =
        kvs.spawn(&["-v", "-o", "json", "signal", "connect", "-c", "cam", "-r", "viewer", "--client-id", "v9"]);
    viewer.wait_for_stderr("to=CONNECTED", 1);
    let oversized = format!(r#"{{"messageType":"SDP_ANSWER","messagePayload":"{}"}}"#, "QUFB".repeat(5_000));
    let sent = emulator.fault(json!({
        "fault": "raw-frames",
        "channel": "cam",
        "binary": true,
        "frames": [
            "this is not json",
            "[1,2,3]",
            r#"{"messageType":"SDP_ANSWER","messagePayload":"%%%not base64"}"#,
            r#"{"messageType":"SOMETHING_NEW","messagePayload":"e30=","extra":{"nested":true}}"#,
            r#"{"MessageType":"ICE_CANDIDATE","MessagePayload":"eyJjYW5kaWRhdGUiOiJwYXNjYWwifQ=="}"#,
            oversized,
        ],
    }));
    assert_eq!(sent, 1);
    let unknown = viewer.wait_for("the unknown type", of_type("SOMETHING_NEW"));
    assert_eq!(unknown["payload"], json!({}));
    let pascal = viewer.wait_for("the PascalCase message", of_type("ICE_CANDIDATE"));
    assert_eq!(pascal["payload"]["candidate"], "pascal");
    viewer.wait_for_stderr("ev=bad-frame", 5);
    for reason in ["not a JSON object", "not valid base64", "exceeds the 18750-byte limit", "binary frame"] {
        assert!(viewer.stderr().contains(reason), "{reason} missing:\n{}", viewer.stderr());
    }
    assert_eq!(viewer.count("ev=closed"), 0, "bad frames must not disconnect");
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("to=CONNECTED", 1);
    viewer.send(&candidate_line(1, None));
    master.wait_for("a candidate after the garbage", of_type("ICE_CANDIDATE"));
    viewer.interrupt();
    master.interrupt();
}

/// Waits until both ends are connected again after a fault (`n`: connections so far).
fn reconnected(master: &Session, viewer: &Session, n: usize) {
    master.wait_for_stderr("to=CONNECTED", n);
    viewer.wait_for_stderr("to=CONNECTED", n);
}

#[test]
fn every_injected_fault_recovers_with_nothing_lost_or_duplicated() {
    let emulator = Emulator::with(|c| c.go_away_grace = Duration::from_millis(200));
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("to=CONNECTED", 1);
    let mut viewer = viewer(&kvs, &files, "viewer-1", &[]);
    viewer.wait_for("the answer", of_type("SDP_ANSWER"));
    let mut next = 0;
    let exchange = |master: &mut Session, viewer: &mut Session, next: &mut u32, count: u32| {
        for _ in 0..count {
            viewer.send(&candidate_line(*next, None));
            let expected = candidate(*next);
            master.wait_for("a candidate", |v| {
                v["type"] == "ICE_CANDIDATE" && v["payload"]["candidate"] == expected.as_str()
            });
            *next += 1;
        }
    };
    exchange(&mut master, &mut viewer, &mut next, 2);

    assert_eq!(emulator.fault(json!({"fault": "go-away", "channel": "cam"})), 2);
    master.wait_for_stderr("ev=go-away", 1);
    viewer.wait_for_stderr("ev=go-away", 1);
    reconnected(&master, &viewer, 2);
    assert!(master.count("op=DescribeSignalingChannel") >= 2, "GO_AWAY re-describes");
    exchange(&mut master, &mut viewer, &mut next, 2);

    assert_eq!(emulator.fault(json!({"fault": "reconnect-ice-server", "channel": "cam"})), 2);
    reconnected(&master, &viewer, 3);
    master.wait_for_stderr("op=GetIceServerConfig status=200", 2);
    exchange(&mut master, &mut viewer, &mut next, 2);

    // An abrupt drop: the viewer sends while it is down; its messages wait in the client and go out after.
    assert_eq!(emulator.fault(json!({"fault": "drop", "channel": "cam"})), 2);
    viewer.wait_for_stderr("ev=closed", 1);
    let queued: Vec<u32> = (next..next + 3).collect();
    for n in &queued {
        viewer.send(&candidate_line(*n, None));
    }
    reconnected(&master, &viewer, 4);
    for n in &queued {
        let expected = candidate(*n);
        master.wait_for("a queued candidate", |v| {
            v["type"] == "ICE_CANDIDATE" && v["payload"]["candidate"] == expected.as_str()
        });
    }
    next += 3;

    // Refused handshakes: the next three are answered 503; backoff and retries get through.
    emulator.fault(json!({"fault": "refuse-handshakes", "count": 3, "status": 503}));
    emulator.fault(json!({"fault": "drop", "channel": "cam"}));
    reconnected(&master, &viewer, 5);
    assert!(master.count("ev=connect status=503") + viewer.count("ev=connect status=503") >= 3);
    exchange(&mut master, &mut viewer, &mut next, 2);

    let received: Vec<String> = master
        .of_type("ICE_CANDIDATE")
        .iter()
        .map(|v| v["payload"]["candidate"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..next).map(candidate).collect();
    assert_eq!(received, expected, "every candidate exactly once, in order");
    master.interrupt();
    let metrics = master.wait_for("metrics", of_type("METRICS"));
    assert!(metrics["reconnects"].as_u64().unwrap() >= 4, "{metrics}");
    viewer.interrupt();
}

#[test]
fn a_shifted_emulator_clock_is_corrected_for_the_presigned_url_too() {
    let emulator = Emulator::with(|c| c.clock_offset = 1200);
    let (kvs, _files) = setup(&emulator);
    let run = kvs.run(&["-v", "signal", "connect", "-c", "cam", "-r", "viewer", "--until", "connected"]).ok();
    assert!(run.stderr.contains("ev=connect status=101"), "{run:?}");
    assert!(run.stderr.contains("about 20 min behind"), "{run:?}");
}

#[test]
fn a_newer_master_supersedes_the_older_one() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let first = master(&kvs, &files, &[]);
    first.wait_for_stderr("to=CONNECTED", 1);
    let second = master(&kvs, &files, &[]);
    second.wait_for_stderr("to=CONNECTED", 1);
    first.wait_for_stderr("ev=closed", 1);
    assert!(emulator.connections() <= 2);
}

#[test]
fn idle_timeout_and_maximum_duration_send_go_away_and_the_client_reconnects() {
    for limit in ["idle timeout", "maximum duration"] {
        let emulator = Emulator::with(|c| {
            match limit {
                "idle timeout" => c.idle_timeout = Duration::from_secs(1),
                _ => c.max_duration = Duration::from_secs(1),
            }
            c.go_away_grace = Duration::from_millis(200);
        });
        let (kvs, _files) = setup(&emulator);
        let run = kvs.run(&["-v", "signal", "connect", "-c", "cam", "-r", "viewer", "--until", "3500ms"]).ok();
        assert!(run.stderr.contains("ev=go-away"), "{limit:?}: {run:?}");
        assert!(run.stderr.matches("to=CONNECTED").count() >= 2, "reconnected after GO_AWAY ({limit:?}): {run:?}");
    }
}

#[test]
fn until_ends_the_session_whatever_stdin_does() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &["--until", "1s"]);
    let code = master.exited_within(Duration::from_secs(10));
    assert_eq!(code, Some(0), "stdin is still open, yet --until ends it:\n{}", master.stderr());
    assert!(master.stderr().contains("signaling metrics") || master.of_type("METRICS").len() == 1);
}

#[test]
fn ctrl_c_and_sigterm_end_a_session_at_once_with_stdin_open() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    for signal in ["INT", "TERM"] {
        let mut master = master(&kvs, &files, &[]);
        master.wait_for_stderr("to=CONNECTED", 1);
        master.signal(signal);
        let code = master.exited_within(Duration::from_secs(5));
        assert_eq!(code, Some(0), "SIG{signal} ends the session cleanly:\n{}", master.stderr());
        assert_eq!(master.of_type("METRICS").len(), 1, "the metrics still come out after SIG{signal}");
    }
}

#[test]
fn every_unreadable_input_line_is_reported_by_number_and_the_rest_still_go_out() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("to=CONNECTED", 1);
    let mut viewer = viewer(&kvs, &files, "viewer-1", &[]);
    viewer.wait_for("the answer", of_type("SDP_ANSWER"));
    let mut input = Vec::new();
    input.extend_from_slice(format!("{}\n", candidate_line(1, Some("viewer-1"))).as_bytes());
    input.extend_from_slice(b"\xff\xfe not UTF-8 \xc3\n");
    input.extend_from_slice(b"{\"action\":\"SDP_OFFER\"\n");
    input.extend_from_slice(format!("{}\n", candidate_line(2, Some("viewer-1"))).as_bytes());
    master.send_bytes(&input);
    viewer.wait_for("the second candidate", |v| {
        v["type"] == "ICE_CANDIDATE" && v["payload"]["candidate"] == candidate(2)
    });
    let errors = master.wait_for("the input errors", |v| {
        v["type"] == "INPUT_ERROR" && v["error"].as_str().is_some_and(|e| e.contains("line 3"))
    });
    assert!(errors["error"].as_str().unwrap().contains("input line 3"), "{errors}");
    let errors = master.of_type("INPUT_ERROR");
    assert!(
        errors.iter().any(|e| e["error"].as_str().unwrap().contains("input line 2: it is not UTF-8")),
        "{errors:?}"
    );
    assert_eq!(viewer.of_type("ICE_CANDIDATE").len(), 2, "the lines before and after the bad ones went out");
    assert_eq!(master.interrupt(), 0);
    assert_eq!(viewer.interrupt(), 0);
}

#[test]
fn an_offer_over_the_payload_limit_is_refused_before_connecting() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let huge = files.path().join("huge.sdp");
    std::fs::write(&huge, format!("v=0\r\n{}", "a=x\r\n".repeat(2_000))).unwrap();
    let before = emulator.requests();
    let run = kvs.run(&["signal", "connect", "-c", "cam", "-r", "viewer", "--offer", huge.to_str().unwrap()]);
    let run = run.fails_with(2);
    assert!(run.stderr.contains("too large for one message"), "{run:?}");
    assert_eq!(emulator.requests(), before, "nothing was sent");
    let enormous = files.path().join("enormous.sdp");
    std::fs::write(&enormous, vec![b'a'; 50 << 20]).unwrap();
    kvs.run(&["signal", "connect", "-c", "cam", "-r", "viewer", "--offer", enormous.to_str().unwrap()]).fails_with(2);
}

#[test]
fn credentials_that_expire_mid_session_are_refreshed() {
    let emulator = Emulator::start();
    let (kvs, _files) = setup(&emulator);
    let kvs = kvs.unset("AWS_ACCESS_KEY_ID").unset("AWS_SECRET_ACCESS_KEY");
    let script = kvs.home().join("short-lived.sh");
    let calls = kvs.home().join("calls");
    std::fs::write(
        &script,
        format!(
            "echo call >> '{}'\nprintf '{{\"Version\": 1, \"AccessKeyId\": \"{}\", \"SecretAccessKey\": \"{}\", \
             \"Expiration\": \"%s\"}}' \"$(date -u -d '+3 seconds' +%Y-%m-%dT%H:%M:%SZ)\"\n",
            calls.display(),
            crate::support::AKID,
            crate::support::SECRET
        ),
    )
    .unwrap();
    let config = format!("[profile short]\ncredential_process = sh {}\n", script.display());
    std::fs::write(kvs.home().join("aws-config"), config).unwrap();
    let mut viewer =
        kvs.spawn(&["-v", "--profile", "short", "signal", "connect", "-c", "cam", "-r", "viewer", "--until", "8s"]);
    viewer.wait_for_stderr("to=CONNECTED", 1);
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(emulator.fault(json!({"fault": "drop", "channel": "cam"})), 1, "the viewer's socket is dropped");
    viewer.wait_for_stderr("to=CONNECTED", 2);
    assert_eq!(viewer.finish(), 0, "{}", viewer.stderr());
    let fetched = std::fs::read_to_string(&calls).unwrap().lines().count();
    assert!(fetched >= 2, "the credential process ran again before its credentials expired ({fetched} calls)");
    assert!(viewer.stderr().contains("credentials: access key"), "-v says where the credentials came from");
}

#[test]
fn an_explicit_profile_wins_over_keys_in_the_environment() {
    let emulator = Emulator::start();
    let (kvs, _files) = setup(&emulator);
    let kvs = kvs.set("AWS_ACCESS_KEY_ID", "AKIDNOTTHEPROFILE").set("AWS_SECRET_ACCESS_KEY", "wrong");
    let profile = format!(
        "[other]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
        crate::support::AKID,
        crate::support::SECRET
    );
    std::fs::write(kvs.home().join("aws-credentials"), profile).unwrap();
    let run = kvs.run(&["-v", "--profile", "other", "channel", "describe", "cam"]).ok();
    assert!(run.stderr.contains(&format!("access key {} from ProfileFile", crate::support::AKID)), "{run:?}");
    kvs.run(&["channel", "describe", "cam"]).fails_with(3);
}

#[test]
fn a_clock_skew_that_appears_mid_session_is_corrected_on_reconnect() {
    let emulator = Emulator::start();
    let (kvs, _files) = setup(&emulator);
    let mut viewer = kvs.spawn(&["-v", "signal", "connect", "-c", "cam", "-r", "viewer", "--until", "6s"]);
    viewer.wait_for_stderr("to=CONNECTED", 1);
    emulator.fault(json!({"fault": "clock-offset", "seconds": 900}));
    emulator.fault(json!({"fault": "drop", "channel": "cam"}));
    viewer.wait_for_stderr("to=CONNECTED", 2);
    assert_eq!(viewer.finish(), 0, "{}", viewer.stderr());
    let stderr = viewer.stderr();
    assert!(stderr.contains("about 15 min behind"), "the skew is named: {stderr}");
    assert!(!stderr.contains("what=fatal"), "{stderr}");
}

#[test]
fn a_service_that_keeps_saying_go_away_is_not_called_in_a_tight_loop() {
    let emulator = Emulator::with(|c| {
        c.idle_timeout = Duration::ZERO;
        c.go_away_grace = Duration::from_millis(50);
    });
    let (kvs, _files) = setup(&emulator);
    let before = emulator.requests();
    let run = kvs.run(&["-v", "signal", "connect", "-c", "cam", "-r", "viewer", "--until", "2s"]).ok();
    let calls = emulator.requests() - before;
    let reconnects = run.stderr.matches("ev=go-away").count();
    assert!(reconnects >= 2, "GO_AWAY came more than once: {run:?}");
    assert!(calls <= 40, "{calls} API calls in 2 s: repeated GO_AWAYs must back off ({reconnects} GO_AWAYs)");
    assert!(run.stderr.contains("ev=backoff"), "{run:?}");
}

#[test]
fn an_alexa_offer_reaches_the_master_and_its_answer_comes_back() {
    let emulator = Emulator::start();
    let (kvs, files) = setup(&emulator);
    let mut master = master(&kvs, &files, &[]);
    master.wait_for_stderr("to=CONNECTED", 1);
    let offer = files.path().join("offer.sdp");
    let run = kvs
        .run(&[
            "-o",
            "json",
            "signal",
            "alexa-offer",
            "-c",
            "cam",
            "--offer",
            offer.to_str().unwrap(),
            "--sender-client-id",
            "echo-1",
        ])
        .ok();
    let answer = run.json();
    assert_eq!(answer["Answer"]["type"], "answer", "{answer}");
    assert_eq!(answer["Answer"]["sdp"], ANSWER, "the master's own answer comes back");
    let received = master.wait_for("the offer", of_type("SDP_OFFER"));
    assert_eq!(received["sender"], "echo-1", "{received}");
    let text = kvs.run(&["signal", "alexa-offer", "-c", "cam", "--offer", offer.to_str().unwrap()]).ok();
    assert_eq!(text.stdout.trim_end(), ANSWER.trim_end());
    assert_eq!(master.interrupt(), 0);

    // No master: the call waits for one, then says none answered.
    let started = std::time::Instant::now();
    let run = kvs.run(&["signal", "alexa-offer", "-c", "cam", "--offer", offer.to_str().unwrap()]).fails_with(4);
    assert!(run.stderr.contains("did not answer"), "{run:?}");
    assert!(started.elapsed() >= Duration::from_secs(9), "it waited for a master to answer");
}
