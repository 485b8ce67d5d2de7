//! WebRTC ingestion end to end against the real emulator process (`kvs-esp emulator`, whose storage peer is
//! kvs-esp's WebRTC peer): a recording channel's master joins the storage session, sends the built-in H.264 and
//! Opus clip, and the files the storage peer wrote play (ffprobe, from Debian's ffmpeg, checks them); the
//! service's refusals of JoinStorageSession, parsed by botocore's kinesis-video-webrtc-storage model.

use crate::support::{EmulatorProcess, Kvs, aws_cli};
use std::path::Path;
use std::time::{Duration, Instant};

fn stats(emulator: &EmulatorProcess) -> serde_json::Value {
    let addr = emulator.http.trim_start_matches("http://");
    let (status, _, body) = crate::support::raw_http(addr, "GET", "/_emulator/stats", &[], b"");
    assert_eq!(status, 200);
    serde_json::from_slice(&body).unwrap()
}

/// ffprobe's answer for one file, as JSON (streams, format, and frames counted when asked).
fn probe(file: &Path, count_frames: bool) -> serde_json::Value {
    let mut command = std::process::Command::new("ffprobe");
    command.args(["-v", "error", "-print_format", "json", "-show_streams", "-show_format"]);
    if count_frames {
        command.arg("-count_frames");
    }
    let output = command.arg(file).output().expect("ffprobe must be installed (.ci/run installs ffmpeg)");
    assert!(output.status.success(), "ffprobe {}: {}", file.display(), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn recording_channel(kvs: &Kvs, channel: &str, stream: &str) {
    kvs.run(&["channel", "create", channel]).ok();
    kvs.run(&["stream", "create", stream, "--retention-hours", "2"]).ok();
    kvs.run(&["channel", "storage", "enable", channel, "--stream", stream]).ok();
}

#[test]
fn a_recording_master_joins_the_storage_session_and_its_media_plays() {
    let state = tempfile::tempdir().unwrap();
    let emulator = EmulatorProcess::spawn(&["--state-dir", state.path().to_str().unwrap()]);
    let kvs = Kvs::new(&emulator.http);
    recording_channel(&kvs, "porch", "porch-rec");

    let master = kvs
        .run(&["webrtc", "connect", "-c", "porch", "-r", "master", "--join-storage", "--duration", "6s", "--no-turn"])
        .ok();
    assert!(master.stderr.contains("storage    joined the storage session (join 1, "), "{master:?}");
    assert!(master.stderr.contains("storage    offer from the storage session [KvsStorageSession-"), "{master:?}");
    assert!(master.stdout.contains("video H264 send") && master.stdout.contains("audio opus send"), "{master:?}");

    // The session ends with the master's connection; its figures land in the stream's counters.
    let deadline = Instant::now() + Duration::from_secs(15);
    let counters = loop {
        let counters = stats(&emulator)["streams"]["porch-rec"].clone();
        if counters["active"] == false || Instant::now() > deadline {
            break counters;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(counters["active"], false, "the session ended when the master left: {counters}");
    assert_eq!(counters["sessions"], 1);
    assert!(counters["video_frames"].as_u64().unwrap() >= 100, "{counters}");
    assert!(counters["audio_frames"].as_u64().unwrap() >= 200, "{counters}");

    let through_the_cli = kvs.run(&["-o", "json", "emulator", "stats"]).ok().json();
    assert_eq!(through_the_cli["streams"]["porch-rec"], counters, "`kvs-esp emulator stats` reads the same counters");
    let table = kvs.run(&["emulator", "stats"]).ok().stdout;
    let row = table.lines().find(|l| l.starts_with("porch-rec")).unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains(&format!("{} frames", counters["video_frames"])), "{table}");
    let session = Path::new(counters["last_directory"].as_str().unwrap()).to_path_buf();
    assert!(session.starts_with(state.path().join("streams").join("porch-rec")), "{}", session.display());
    let video = probe(&session.join("master-video.h264"), true);
    assert_eq!(video["streams"][0]["codec_name"], "h264");
    let frames: u64 = video["streams"][0]["nb_read_frames"].as_str().unwrap().parse().unwrap();
    assert!((100..=160).contains(&frames), "6 s of 25 fps video, less the first frames' set-up: {frames}");
    let audio = probe(&session.join("master-audio.ogg"), false);
    assert_eq!(audio["streams"][0]["codec_name"], "opus");
    let seconds: f64 = audio["format"]["duration"].as_str().unwrap().parse().unwrap();
    assert!((4.5..=6.5).contains(&seconds), "6 s of audio: {seconds}");
}

#[test]
fn a_participant_without_what_the_session_records_is_refused_before_it_connects() {
    let state = tempfile::tempdir().unwrap();
    let emulator = EmulatorProcess::spawn(&["--state-dir", state.path().to_str().unwrap()]);
    let kvs = Kvs::new(&emulator.http);
    recording_channel(&kvs, "mute", "mute-rec");
    let audio_only = kvs.run(&["webrtc", "connect", "-c", "mute", "-r", "master", "--join-storage", "--video", "none"]);
    let audio_only = audio_only.fails_with(2);
    assert!(audio_only.stderr.contains("--join-storage with --video none"), "{audio_only:?}");
    assert!(audio_only.stderr.contains("H.264 video and Opus audio together"), "{audio_only:?}");
    let vp8 = kvs.run(&["webrtc", "connect", "-c", "mute", "-r", "master", "--join-storage", "--codec", "vp8,opus"]);
    assert!(vp8.fails_with(2).stderr.contains("--codec leaving out h264"));
    let viewer = kvs.run(&["webrtc", "connect", "-c", "mute", "-r", "viewer", "--join-storage", "--audio", "none"]);
    assert!(viewer.fails_with(2).stderr.contains("as a viewer sends Opus audio"));
    assert_eq!(stats(&emulator)["by_operation"]["JoinStorageSession"], serde_json::Value::Null, "nothing was called");
}

/// botocore's kinesis-video-webrtc-storage model drives JoinStorageSession on the WEBRTC endpoint: an accepted join
/// (an empty 200) and every refusal, each parsed into its error code.
#[test]
fn aws_cli_joins_and_sees_every_refusal() {
    let state = tempfile::tempdir().unwrap();
    let emulator = EmulatorProcess::spawn(&["--state-dir", state.path().to_str().unwrap()]);
    let kvs = Kvs::new(&emulator.http);
    recording_channel(&kvs, "gate", "gate-rec");
    kvs.run(&["channel", "create", "plain"]).ok();
    let arn = |channel: &str| {
        kvs.run(&["-o", "json", "channel", "describe", channel]).ok().json()["ChannelInfo"]["ChannelARN"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let webrtc = kvs.run(&["-o", "json", "endpoint", "get", "-c", "gate", "-r", "master", "--protocols", "webrtc"]);
    let webrtc = webrtc.ok().json()["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap().to_string();
    let home = tempfile::tempdir().unwrap();
    let join = |channel_arn: &str| {
        let output = aws_cli(home.path())
            .args(["kinesis-video-webrtc-storage", "join-storage-session", "--channel-arn", channel_arn])
            .args(["--endpoint-url", &webrtc])
            .output()
            .expect("the AWS CLI must be installed (.ci/run installs awscli)");
        (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
    };

    let (code, err) = join(&arn("gate"));
    assert_eq!(code, 0, "an accepted join: {err}");
    let started = stats(&emulator)["streams"]["gate-rec"].clone();
    assert_eq!((started["sessions"].as_u64(), started["active"].as_bool()), (Some(1), Some(true)), "{started}");
    let (code, err) = join(&arn("gate"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(stats(&emulator)["streams"]["gate-rec"]["sessions"], 2, "a second join replaces the first session");

    let as_viewer = |client_id: &str| {
        let output = aws_cli(home.path())
            .args(["kinesis-video-webrtc-storage", "join-storage-session-as-viewer", "--channel-arn", &arn("gate")])
            .args(["--client-id", client_id, "--endpoint-url", &webrtc])
            .output()
            .unwrap();
        (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, err) = as_viewer("cli-viewer");
    assert_eq!(code, 0, "a viewer's join: {err}");
    assert_eq!(stats(&emulator)["streams"]["gate-rec"]["sessions"], 3, "a session of the viewer's own");
    let (code, err) = as_viewer("AWS_reserved");
    assert_eq!(code, 255);
    assert!(err.contains("(InvalidArgumentException)") && err.contains("AWS_"), "{err}");

    let (code, err) = join(&arn("plain"));
    assert_eq!(code, 255);
    assert!(err.contains("(InvalidArgumentException)") && err.contains("not mapped to a stream"), "{err}");
    let (code, err) = join("arn:aws:kinesisvideo:us-west-2:111122223333:channel/ghost/1");
    assert_eq!(code, 255);
    assert!(err.contains("(ResourceNotFoundException)"), "{err}");
    kvs.run(&["stream", "delete", "gate-rec"]).ok();
    let (code, err) = join(&arn("gate"));
    assert_eq!(code, 255);
    assert!(err.contains("(ResourceNotFoundException)") && err.contains("gate-rec"), "a deleted stream: {err}");
}

/// The doctor knows ingestion: the storage configuration of a recording channel, and (asked) a storage session
/// joined as its master with media sent; a stream deleted under the channel fails at "media storage".
#[test]
fn the_doctor_checks_the_storage_configuration_and_joins_the_session() {
    let state = tempfile::tempdir().unwrap();
    let emulator = EmulatorProcess::spawn(&["--state-dir", state.path().to_str().unwrap()]);
    let kvs = Kvs::new(&emulator.http);
    recording_channel(&kvs, "den", "den-rec");
    kvs.run(&["channel", "create", "hall"]).ok();
    let check = |report: &serde_json::Value, name: &str| {
        report["checks"].as_array().unwrap().iter().find(|c| c["name"] == name).cloned().unwrap_or_default()
    };
    let doctor = |args: &[&str]| {
        let mut all = vec!["-o", "json", "doctor", "--timeout", "5"];
        all.extend_from_slice(args);
        kvs.run(&all).json()
    };

    let report = doctor(&["-c", "den", "--storage-session"]);
    let storage = check(&report, "media storage");
    assert_eq!(storage["status"], "pass", "{report}");
    assert!(
        storage["detail"].as_str().unwrap().contains("records into den-rec (kept 2 h); WEBRTC endpoint"),
        "{storage}"
    );
    let session = check(&report, "storage session");
    assert_eq!(session["status"], "pass", "{report}");
    assert!(session["detail"].as_str().unwrap().contains("H.264 frames and"), "{session}");

    let report = doctor(&["-c", "hall", "--storage-session"]);
    assert!(check(&report, "media storage")["detail"].as_str().unwrap().contains("does not record"), "{report}");
    assert_eq!(check(&report, "storage session")["status"], "skip", "{report}");

    kvs.run(&["stream", "delete", "den-rec"]).ok();
    let report = doctor(&["-c", "den"]);
    let storage = check(&report, "media storage");
    assert_eq!(storage["status"], "fail", "{report}");
    assert!(storage["hint"].as_str().unwrap().contains("the stream it records into is gone"), "{storage}");
}

/// The master's connection dropped: the service ends its storage session, and the master, once reconnected, joins
/// again (the C SDK's JOIN_SESSION follows every CONNECTED) and records into a second session.
#[test]
fn a_master_that_reconnects_joins_the_storage_session_again() {
    let state = tempfile::tempdir().unwrap();
    let emulator = EmulatorProcess::spawn(&["--state-dir", state.path().to_str().unwrap()]);
    let kvs = Kvs::new(&emulator.http);
    recording_channel(&kvs, "yard", "yard-rec");
    let mut master = kvs.spawn(&[
        "webrtc",
        "connect",
        "-c",
        "yard",
        "-r",
        "master",
        "--join-storage",
        "--duration",
        "8s",
        "--no-turn",
    ]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while stats(&emulator)["streams"]["yard-rec"]["active"] != true {
        assert!(Instant::now() < deadline, "the first session did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(2));
    let addr = emulator.http.trim_start_matches("http://");
    let (status, _, body) =
        crate::support::raw_http(addr, "POST", "/_emulator/faults", &[], br#"{"fault":"drop","channel":"yard"}"#);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));

    assert_eq!(master.exited_within(Duration::from_secs(20)), Some(0), "{}", master.stderr());
    assert_eq!(master.count("storage    joined the storage session"), 2, "{}", master.stderr());
    let deadline = Instant::now() + Duration::from_secs(15);
    let counters = loop {
        let counters = stats(&emulator)["streams"]["yard-rec"].clone();
        if counters["active"] == false || Instant::now() > deadline {
            break counters;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!((counters["sessions"].as_u64(), counters["active"].as_bool()), (Some(2), Some(false)), "{counters}");
    let second = Path::new(counters["last_directory"].as_str().unwrap()).join("master-video.h264");
    let frames: u64 = probe(&second, true)["streams"][0]["nb_read_frames"].as_str().unwrap().parse().unwrap();
    assert!(frames >= 25, "the second session recorded too: {frames} frames");
}

/// JoinStorageSessionAsViewer: a viewer answers its own storage session's offer with its audio (the emulator's hub
/// bridges the two, the master hears none of it), which the session records, and the session ends with the
/// viewer's connection.
#[test]
fn a_viewer_ingests_its_audio_through_a_storage_session_of_its_own() {
    let state = tempfile::tempdir().unwrap();
    let emulator = EmulatorProcess::spawn(&["--state-dir", state.path().to_str().unwrap()]);
    let kvs = Kvs::new(&emulator.http);
    recording_channel(&kvs, "lobby", "lobby-rec");
    let args = ["webrtc", "connect", "-c", "lobby", "-r", "viewer", "--client-id", "guest-1", "--join-storage"];
    let viewer = kvs.run(&[&args[..], &["--duration", "4s", "--no-turn"]].concat()).ok();
    assert!(viewer.stderr.contains("storage    offer from the storage session"), "{viewer:?}");
    assert!(viewer.stdout.contains("audio opus send") && viewer.stdout.contains("media flows: 1 track(s) sent"));

    let deadline = Instant::now() + Duration::from_secs(15);
    let counters = loop {
        let counters = stats(&emulator)["streams"]["lobby-rec"].clone();
        if counters["active"] == false || Instant::now() > deadline {
            break counters;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(counters["active"], false, "the session ended with the viewer's connection: {counters}");
    assert_eq!((counters["audio_arrived"].as_bool(), counters["video_frames"].as_u64()), (Some(true), Some(0)));
    let session = Path::new(counters["last_directory"].as_str().unwrap()).to_path_buf();
    assert!(session.to_string_lossy().ends_with("-viewer-guest-1"), "{}", session.display());
    let audio = probe(&session.join("master-audio.ogg"), false);
    assert_eq!(audio["streams"][0]["codec_name"], "opus");
    let seconds: f64 = audio["format"]["duration"].as_str().unwrap().parse().unwrap();
    assert!((3.0..=4.5).contains(&seconds), "4 s of the viewer's audio: {seconds}");
}
