//! Streams and a channel's media storage configuration: every command in text and JSON against the emulator, the
//! service's refusals, the WEBRTC endpoint of a recording channel, and botocore (the AWS CLI) driving the same
//! calls and parsing every answer.

use crate::support::{Emulator, Kvs, aws_cli};

#[test]
fn streams_and_storage_through_kvs_esp() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "porch"]).ok();
    let created = kvs
        .run(&[
            "-o",
            "json",
            "stream",
            "create",
            "porch-rec",
            "--media-type",
            "video/h264,audio/opus",
            "--tag",
            "site=lab",
        ])
        .ok()
        .json();
    let stream_arn = created["StreamARN"].as_str().unwrap().to_string();
    assert!(stream_arn.starts_with("arn:aws:kinesisvideo:us-west-2:111122223333:stream/porch-rec/"), "{stream_arn}");
    let text = kvs.run(&["stream", "create", "scratch", "--retention-hours", "0"]).ok().stdout;
    assert!(text.starts_with("created stream scratch (keeps no media: it cannot record a channel)\n"), "{text}");

    let info = kvs.run(&["-o", "json", "stream", "describe", "porch-rec"]).ok().json()["StreamInfo"].clone();
    assert_eq!(info["DataRetentionInHours"], 24, "the command's default retention");
    assert_eq!(info["MediaType"], "video/h264,audio/opus");
    assert_eq!(info["Status"], "ACTIVE");
    let described = kvs.run(&["stream", "describe", &stream_arn]).ok().stdout;
    assert!(described.lines().any(|l| l == "Retention   24 h"), "{described}");
    let listed = kvs.run(&["-o", "json", "stream", "list", "--page-size", "1"]).ok().json();
    let names: Vec<&str> =
        listed["StreamInfoList"].as_array().unwrap().iter().map(|s| s["StreamName"].as_str().unwrap()).collect();
    assert_eq!(names, ["porch-rec", "scratch"], "NextToken must be followed to the end");
    let prefixed = kvs.run(&["-o", "json", "stream", "list", "--prefix", "scr"]).ok().json();
    assert_eq!(prefixed["StreamInfoList"].as_array().unwrap().len(), 1);

    let before = kvs.run(&["channel", "storage", "describe", "porch"]).ok().stdout;
    assert_eq!(before.trim_end(), "channel porch does not record its media (media storage DISABLED)");
    let refused = kvs.run(&["endpoint", "get", "-c", "porch", "-r", "master", "--protocols", "webrtc"]).fails_with(2);
    assert!(refused.stderr.contains("not configured for WebRTC ingestion"), "{refused:?}");
    assert!(refused.stderr.contains("kvs-esp channel storage enable porch --stream <stream>"), "{refused:?}");

    let enabled =
        kvs.run(&["-o", "json", "channel", "storage", "enable", "porch", "--stream", "porch-rec"]).ok().json();
    assert_eq!(
        enabled["MediaStorageConfiguration"],
        serde_json::json!({"Status": "ENABLED", "StreamARN": stream_arn}),
        "what the service holds after the change"
    );
    let endpoints = kvs
        .run(&["-o", "json", "endpoint", "get", "-c", "porch", "-r", "master", "--protocols", "wss,https,webrtc"])
        .ok()
        .json();
    let webrtc = endpoints["ResourceEndpointList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["Protocol"] == "WEBRTC")
        .unwrap()["ResourceEndpoint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(webrtc.starts_with(&format!("{}/w-", emulator.http)), "{webrtc}");

    let text = kvs.run(&["channel", "storage", "disable", "porch"]).ok().stdout;
    assert!(text.contains("does not record its media (media storage DISABLED)"), "{text}");
    let deleted = kvs.run(&["-o", "json", "stream", "delete", "porch-rec"]).ok().json();
    assert_eq!(deleted, serde_json::json!({"StreamARN": stream_arn, "Deleted": true}));
    kvs.run(&["stream", "describe", "porch-rec"]).fails_with(4);
}

#[test]
fn storage_refusals_say_what_to_do() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    for channel in ["front", "back"] {
        kvs.run(&["channel", "create", channel]).ok();
    }
    kvs.run(&["stream", "create", "keeps"]).ok();
    kvs.run(&["stream", "create", "forgets", "--retention-hours", "0"]).ok();

    let no_retention = kvs.run(&["channel", "storage", "enable", "front", "--stream", "forgets"]).fails_with(5);
    assert!(no_retention.stderr.contains("(NoDataRetentionException)"), "{no_retention:?}");
    assert!(no_retention.stderr.contains("--retention-hours"), "the hint names the flag: {no_retention:?}");

    kvs.run(&["channel", "storage", "enable", "front", "--stream", "keeps"]).ok();
    let in_use = kvs.run(&["channel", "storage", "enable", "back", "--stream", "keeps"]).fails_with(5);
    assert!(
        in_use.stderr.contains("(ResourceInUseException)") && in_use.stderr.contains("channel front"),
        "{in_use:?}"
    );

    let missing = kvs.run(&["channel", "storage", "enable", "front", "--stream", "ghost"]).fails_with(4);
    assert!(missing.stderr.contains("kvs-esp stream create ghost"), "{missing:?}");
    let no_channel = kvs.run(&["channel", "storage", "describe", "nowhere"]).fails_with(4);
    assert!(no_channel.stderr.contains("(ResourceNotFoundException)"), "{no_channel:?}");

    for bad in [
        vec!["stream", "create", "bad name"],
        vec!["stream", "create", "ok", "--device-name", "a/b"],
        vec!["stream", "describe", "arn:aws:kinesisvideo:us-west-2:1:stream"],
        vec!["channel", "storage", "enable", "front", "--stream", "arn:aws:s3:::bucket"],
    ] {
        let run = kvs.run(&bad).fails_with(2);
        assert!(run.stderr.contains("invalid"), "{bad:?}: {run:?}");
    }
    let media_type = kvs.run(&["stream", "create", "ok", "--media-type", "h264"]).fails_with(2);
    assert!(media_type.stderr.contains("MediaType"), "the service's refusal, shown: {media_type:?}");
    let taken = kvs.run(&["stream", "create", "keeps"]).fails_with(5);
    assert!(taken.stderr.contains("(ResourceInUseException)"), "{taken:?}");
}

fn aws(emulator: &Emulator, home: &std::path::Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let output = aws_cli(home)
        .args(args)
        .args(["--endpoint-url", &emulator.http, "--output", "json"])
        .output()
        .expect("the AWS CLI must be installed (.ci/run installs awscli)");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (output.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// botocore's kinesisvideo model as the oracle: every new call made by the AWS CLI, every answer parsed by it.
#[test]
fn aws_cli_drives_streams_and_media_storage() {
    let emulator = Emulator::start();
    let home = tempfile::tempdir().unwrap();
    let call = |args: &[&str]| aws(&emulator, home.path(), args);

    let (code, created, err) = call(&[
        "kinesisvideo",
        "create-stream",
        "--stream-name",
        "cli-rec",
        "--data-retention-in-hours",
        "2",
        "--media-type",
        "video/h264",
        "--device-name",
        "esp32s3-cam",
        "--tags",
        "site=lab",
    ]);
    assert_eq!(code, 0, "{err}");
    let stream = created["StreamARN"].as_str().unwrap().to_string();
    let (code, described, err) = call(&["kinesisvideo", "describe-stream", "--stream-arn", &stream]);
    assert_eq!(code, 0, "{err}");
    let info = &described["StreamInfo"];
    assert_eq!((info["StreamName"].as_str(), info["DataRetentionInHours"].as_i64()), (Some("cli-rec"), Some(2)));
    assert_eq!(info["DeviceName"], "esp32s3-cam");
    assert!(info["CreationTime"].is_string() || info["CreationTime"].is_number(), "botocore parsed the timestamp");
    let (code, listed, err) = call(&[
        "kinesisvideo",
        "list-streams",
        "--stream-name-condition",
        "ComparisonOperator=BEGINS_WITH,ComparisonValue=cli",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed["StreamInfoList"].as_array().unwrap().len(), 1);

    let (code, channel, err) = call(&["kinesisvideo", "create-signaling-channel", "--channel-name", "cli-cam"]);
    assert_eq!(code, 0, "{err}");
    let channel = channel["ChannelARN"].as_str().unwrap().to_string();
    let (code, before, err) =
        call(&["kinesisvideo", "describe-media-storage-configuration", "--channel-arn", &channel]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(before["MediaStorageConfiguration"]["Status"], "DISABLED");
    let enable = |stream: &str| {
        let config = format!("StreamARN={stream},Status=ENABLED");
        call(&[
            "kinesisvideo",
            "update-media-storage-configuration",
            "--channel-arn",
            &channel,
            "--media-storage-configuration",
            &config,
        ])
    };
    let (code, _, err) = enable(&stream);
    assert_eq!(code, 0, "{err}");
    let (code, after, err) =
        call(&["kinesisvideo", "describe-media-storage-configuration", "--channel-name", "cli-cam"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(after["MediaStorageConfiguration"], serde_json::json!({"StreamARN": stream, "Status": "ENABLED"}));
    let (code, endpoints, err) = call(&[
        "kinesisvideo",
        "get-signaling-channel-endpoint",
        "--channel-arn",
        &channel,
        "--single-master-channel-endpoint-configuration",
        "Protocols=WSS,HTTPS,WEBRTC,Role=MASTER",
    ]);
    assert_eq!(code, 0, "{err}");
    let protocols: Vec<&str> =
        endpoints["ResourceEndpointList"].as_array().unwrap().iter().map(|e| e["Protocol"].as_str().unwrap()).collect();
    assert_eq!(protocols, ["WSS", "HTTPS", "WEBRTC"]);

    let (code, _, err) = call(&["kinesisvideo", "create-stream", "--stream-name", "cli-empty"]);
    assert_eq!(code, 0, "{err}");
    let (_, empty, _) = call(&["kinesisvideo", "describe-stream", "--stream-name", "cli-empty"]);
    let empty = empty["StreamInfo"]["StreamARN"].as_str().unwrap().to_string();
    let (code, _, err) = enable(&empty);
    assert_eq!(code, 255);
    assert!(err.contains("(NoDataRetentionException)"), "botocore knows the error: {err}");

    let version = info["Version"].as_str().unwrap();
    let (code, _, err) =
        call(&["kinesisvideo", "delete-stream", "--stream-arn", &stream, "--current-version", version]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = call(&["kinesisvideo", "describe-stream", "--stream-name", "cli-rec"]);
    assert_eq!(code, 255);
    assert!(err.contains("(ResourceNotFoundException) when calling the DescribeStream operation"), "{err}");
}
