//! Wire conformance with an official client: the AWS CLI (botocore) against the emulator, over HTTP and
//! HTTPS, with and without a session token. `.ci/run` installs the CLI.

use crate::support::{AKID, Emulator, SECRET, aws_cli};

fn aws(emulator_url: &str, token: Option<&str>, args: &[&str]) -> (i32, serde_json::Value, String) {
    let home = tempfile::tempdir().unwrap();
    let mut command = aws_cli(home.path());
    command.args(args).args(["--endpoint-url", emulator_url, "--output", "json"]);
    match token {
        Some(token) => command.env("AWS_SESSION_TOKEN", token),
        None => command.env_remove("AWS_SESSION_TOKEN"),
    };
    let output = command.output().expect("the AWS CLI must be installed (.ci/run installs awscli)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (output.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn full_flow(emulator: &Emulator, url: &str, token: Option<&str>, ca: Option<&str>) {
    let extra: Vec<&str> = ca.map(|c| vec!["--ca-bundle", c]).unwrap_or_default();
    let with = |args: &[&str]| -> Vec<String> { args.iter().chain(extra.iter()).map(|s| s.to_string()).collect() };
    let call = |args: &[&str]| {
        let owned = with(args);
        let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
        aws(url, token, &refs)
    };

    let (code, created, err) = call(&[
        "kinesisvideo",
        "create-signaling-channel",
        "--channel-name",
        "cli",
        "--channel-type",
        "SINGLE_MASTER",
        "--single-master-configuration",
        "MessageTtlSeconds=30",
        "--tags",
        "Key=k,Value=v",
    ]);
    assert_eq!(code, 0, "{err}");
    let arn = created["ChannelARN"].as_str().unwrap().to_string();

    let (code, described, err) = call(&["kinesisvideo", "describe-signaling-channel", "--channel-name", "cli"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(described["ChannelInfo"]["SingleMasterConfiguration"]["MessageTtlSeconds"], 30);
    assert!(
        described["ChannelInfo"]["CreationTime"].is_string() || described["ChannelInfo"]["CreationTime"].is_number()
    );

    let (code, endpoints, err) = call(&[
        "kinesisvideo",
        "get-signaling-channel-endpoint",
        "--channel-arn",
        &arn,
        "--single-master-channel-endpoint-configuration",
        "Protocols=WSS,HTTPS,Role=VIEWER",
    ]);
    assert_eq!(code, 0, "{err}");
    let https = endpoints["ResourceEndpointList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["Protocol"] == "HTTPS")
        .unwrap()["ResourceEndpoint"]
        .as_str()
        .unwrap()
        .to_string();

    let owned = with(&[
        "kinesis-video-signaling",
        "get-ice-server-config",
        "--channel-arn",
        &arn,
        "--client-id",
        "viewer1",
        "--service",
        "TURN",
    ]);
    let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
    let (code, ice, err) = aws(&https, token, &refs);
    assert_eq!(code, 0, "{err}");
    assert_eq!(ice["IceServerList"][0]["Ttl"], 300);
    assert!(ice["IceServerList"][0]["Username"].as_str().unwrap().ends_with(":viewer1"));

    let (code, tags, err) = call(&["kinesisvideo", "list-tags-for-resource", "--resource-arn", &arn]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(tags["Tags"]["k"], "v");
    let (code, _, err) =
        call(&["kinesisvideo", "tag-resource", "--resource-arn", &arn, "--tags", "Key=site,Value=lab"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = call(&["kinesisvideo", "untag-resource", "--resource-arn", &arn, "--tag-key-list", "k"]);
    assert_eq!(code, 0, "{err}");
    let (_, tags, _) = call(&["kinesisvideo", "list-tags-for-resource", "--resource-arn", &arn]);
    assert_eq!(tags["Tags"], serde_json::json!({"site": "lab"}));

    let version = described["ChannelInfo"]["Version"].as_str().unwrap().to_string();
    let (code, _, err) = call(&[
        "kinesisvideo",
        "update-signaling-channel",
        "--channel-arn",
        &arn,
        "--current-version",
        &version,
        "--single-master-configuration",
        "MessageTtlSeconds=90",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) =
        call(&["kinesisvideo", "update-signaling-channel", "--channel-arn", &arn, "--current-version", &version]);
    assert_eq!(code, 255, "the version changed");
    assert!(err.contains("VersionMismatchException"), "{err}");
    let (_, described, _) = call(&["kinesisvideo", "describe-signaling-channel", "--channel-arn", &arn]);
    assert_eq!(described["ChannelInfo"]["SingleMasterConfiguration"]["MessageTtlSeconds"], 90);

    let (code, listed, _) = call(&["kinesisvideo", "list-signaling-channels"]);
    assert_eq!(code, 0);
    assert_eq!(listed["ChannelInfoList"].as_array().unwrap().len(), 1);

    let (code, _, err) = call(&["kinesisvideo", "delete-signaling-channel", "--channel-arn", &arn]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = call(&["kinesisvideo", "describe-signaling-channel", "--channel-name", "cli"]);
    assert_eq!(code, 255);
    assert!(
        err.contains(
            "An error occurred (ResourceNotFoundException) when calling the DescribeSignalingChannel operation"
        ),
        "{err}"
    );
    let _ = emulator;
}

#[test]
fn aws_cli_over_http() {
    let emulator = Emulator::start();
    full_flow(&emulator, &emulator.http, None, None);
}

#[test]
fn aws_cli_over_https_with_a_session_token() {
    let token = "FQoGZXIvYXdzEXAMPLETOKEN";
    let key = format!("{AKID}:{SECRET}:{token}");
    let emulator = Emulator::with(|c| c.keys = vec![key.clone()]);
    full_flow(&emulator, &emulator.https, Some(token), Some(emulator.ca_file.to_str().unwrap()));
    let (code, _, err) = aws(&emulator.http, Some("a-different-token"), &["kinesisvideo", "list-signaling-channels"]);
    assert_eq!(code, 255);
    assert!(err.contains("UnrecognizedClientException"), "{err}");
}

#[test]
fn aws_cli_sees_validation_errors() {
    let emulator = Emulator::start();
    let (code, _, err) = aws(
        &emulator.http,
        None,
        &[
            "kinesisvideo",
            "create-signaling-channel",
            "--channel-name",
            "ok",
            "--single-master-configuration",
            "MessageTtlSeconds=500",
        ],
    );
    assert_eq!(code, 255);
    assert!(err.contains("InvalidArgumentException") || err.contains("ParamValidation"), "{err}");
    let (code, _, err) = aws(&emulator.http, None, &["kinesisvideo", "describe-signaling-channel"]);
    assert_eq!(code, 255);
    assert!(err.contains("InvalidArgumentException"), "{err}");
}

/// botocore's kinesis-video-signaling model as the oracle for SendAlexaOfferToMaster: the CLI's request reaches a
/// kvs-esp master as an offer from its SenderClientId, and the master's answer is what the CLI prints.
#[test]
fn aws_cli_sends_an_alexa_offer_to_a_kvs_esp_master() {
    let emulator = Emulator::start();
    let kvs = crate::support::Kvs::for_emulator(&emulator);
    let arn =
        kvs.run(&["-o", "json", "channel", "create", "alexa"]).ok().json()["ChannelARN"].as_str().unwrap().to_string();
    let https =
        kvs.run(&["-o", "json", "endpoint", "get", "-c", "alexa", "-r", "viewer"]).ok().json()["ResourceEndpointList"]
            [1]["ResourceEndpoint"]
            .as_str()
            .unwrap()
            .to_string();
    let files = tempfile::tempdir().unwrap();
    let answer_sdp = "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    std::fs::write(files.path().join("answer.sdp"), answer_sdp).unwrap();
    let answer = files.path().join("answer.sdp");
    let mut master = kvs.spawn(&[
        "-v",
        "-o",
        "json",
        "signal",
        "connect",
        "-c",
        "alexa",
        "-r",
        "master",
        "--answer",
        answer.to_str().unwrap(),
    ]);
    master.wait_for_stderr("to=CONNECTED", 1);
    let offer = kvs_core::message::to_base64(r#"{"type":"offer","sdp":"v=0\r\n"}"#);
    let (code, reply, err) = aws(
        &https,
        None,
        &[
            "kinesis-video-signaling",
            "send-alexa-offer-to-master",
            "--channel-arn",
            &arn,
            "--sender-client-id",
            "echo-cli",
            "--message-payload",
            &offer,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let decoded = kvs_core::message::from_base64(reply["Answer"].as_str().unwrap()).unwrap();
    assert_eq!(kvs_core::message::sdp_of(&decoded).unwrap().1, answer_sdp);
    let received = master.wait_for("the offer", |v| v["type"] == "SDP_OFFER");
    assert_eq!(received["sender"], "echo-cli");
    assert_eq!(master.interrupt(), 0);
}
