//! The emulator on the wire: SigV4 refusals, error shapes, headers, persistence.

use crate::support::{Emulator, Kvs, SECRET, now, raw_http, signed_headers};

fn post(
    emulator: &Emulator,
    path: &str,
    body: &[u8],
    headers: &[(String, String)],
) -> (u16, Vec<(String, String)>, serde_json::Value) {
    let refs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, headers, body) = raw_http(&emulator.addr(), "POST", path, &refs, body);
    (status, headers, serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn refuses_what_sigv4_forbids() {
    let emulator = Emulator::start();
    let host = emulator.addr();
    let body = br#"{"ChannelName":"x"}"#;
    let path = "/describeSignalingChannel";
    let good = signed_headers(&host, path, body, SECRET, "us-west-2", "kinesisvideo", now());
    let (status, headers, json) = post(&emulator, path, body, &good);
    assert_eq!(status, 404, "a well-signed request reaches the handler: {json}");
    assert_eq!(header(&headers, "x-amzn-errortype"), Some("ResourceNotFoundException"));
    assert!(header(&headers, "x-amzn-requestid").is_some_and(|id| id.len() == 36));
    assert!(header(&headers, "date").is_some());
    assert_eq!(json["__type"], "ResourceNotFoundException");
    assert!(json["Message"].is_string());

    let cases = [
        (
            "tampered signature",
            {
                let mut h = good.clone();
                h[2].1 = h[2].1.replace("Signature=", "Signature=0");
                h
            },
            "InvalidSignatureException",
            "does not match",
        ),
        (
            "wrong service",
            signed_headers(&host, path, body, SECRET, "us-west-2", "s3", now()),
            "InvalidSignatureException",
            "correct service",
        ),
        (
            "wrong region",
            signed_headers(&host, path, body, SECRET, "eu-west-1", "kinesisvideo", now()),
            "InvalidSignatureException",
            "valid region",
        ),
        (
            "expired date",
            signed_headers(&host, path, body, SECRET, "us-west-2", "kinesisvideo", now() - 600),
            "InvalidSignatureException",
            "Signature expired",
        ),
        (
            "future date",
            signed_headers(&host, path, body, SECRET, "us-west-2", "kinesisvideo", now() + 600),
            "InvalidSignatureException",
            "not yet current",
        ),
        (
            "wrong secret",
            signed_headers(&host, path, body, "nope", "us-west-2", "kinesisvideo", now()),
            "InvalidSignatureException",
            "does not match",
        ),
        ("no authorization", good[..2].to_vec(), "MissingAuthenticationTokenException", "Missing Authentication Token"),
    ];
    for (what, headers, code, message) in cases {
        let (status, _, json) = post(&emulator, path, body, &headers);
        assert_eq!(status, 403, "{what}");
        assert_eq!(json["__type"], code, "{what}");
        assert!(json["Message"].as_str().unwrap().contains(message), "{what}: {json}");
    }

    let changed_body = post(&emulator, path, br#"{"ChannelName":"y"}"#, &good);
    assert_eq!((changed_body.0, changed_body.2["__type"].as_str()), (403, Some("InvalidSignatureException")));
}

#[test]
fn routes_and_body_rules() {
    let emulator = Emulator::start();
    let host = emulator.addr();
    let unknown = post(&emulator, "/describeSignalingchannel", b"{}", &[]);
    assert_eq!((unknown.0, unknown.2["__type"].as_str()), (404, Some("UnknownOperationException")));
    let (status, _, _) = raw_http(&host, "GET", "/describeSignalingChannel", &[], b"");
    assert_eq!(status, 405);
    for (body, code) in
        [(&b"{oops"[..], "SerializationException"), (b"{\"ChannelName\":\"a b\"}", "InvalidArgumentException")]
    {
        let headers =
            signed_headers(&host, "/createSignalingChannel", body, SECRET, "us-west-2", "kinesisvideo", now());
        let (status, _, json) = post(&emulator, "/createSignalingChannel", body, &headers);
        assert_eq!((status, json["__type"].as_str()), (400, Some(code)), "{json}");
    }
    let big = vec![b' '; (64 << 10) + 1];
    let headers = signed_headers(&host, "/createSignalingChannel", &big, SECRET, "us-west-2", "kinesisvideo", now());
    assert_eq!(post(&emulator, "/createSignalingChannel", &big, &headers).0, 413);
}

#[test]
fn state_dir_keeps_channels_streams_and_the_ca_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().to_str().unwrap();
    let first = Emulator::with(|c| c.state_dir = Some(state.into()));
    let ca = std::fs::read(&first.ca_file).unwrap();
    let kvs = Kvs::for_emulator(&first);
    let arn = kvs.run(&["-o", "json", "channel", "create", "kept"]).ok().json()["ChannelARN"].clone();
    let stream = kvs.run(&["-o", "json", "stream", "create", "kept-rec"]).ok().json()["StreamARN"].clone();
    kvs.run(&["channel", "storage", "enable", "kept", "--stream", "kept-rec"]).ok();
    first.stop();
    assert!(dir.path().join("channels.json").exists());

    let second = Emulator::with(|c| c.state_dir = Some(state.into()));
    assert_eq!(std::fs::read(&second.ca_file).unwrap(), ca, "the CA survives a restart");
    let kvs = Kvs::new(&second.https).set("AWS_CA_BUNDLE", second.ca_file.to_str().unwrap());
    let info = kvs.run(&["-o", "json", "channel", "describe", "kept"]).ok().json();
    assert_eq!(info["ChannelInfo"]["ChannelARN"], arn);
    let storage = kvs.run(&["-o", "json", "channel", "storage", "describe", "kept"]).ok().json();
    assert_eq!(storage["MediaStorageConfiguration"], serde_json::json!({"StreamARN": stream, "Status": "ENABLED"}));
}

#[test]
fn banner_tells_how_to_connect() {
    let output = std::process::Command::new(crate::support::bin())
        .args(["emulator", "--http-port", "0", "--https-port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = output;
    let mut text = String::new();
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    while !text.contains("Ctrl-C") {
        use std::io::BufRead;
        if reader.read_line(&mut text).unwrap() == 0 {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    for expected in [
        "AWS_ACCESS_KEY_ID=AKIDKVSESPEMULATOR",
        "AWS_ENDPOINT_URL_KINESIS_VIDEO=http://127.0.0.1:",
        "--ca-file",
        "aws kinesisvideo",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn websocket_handshakes_follow_the_service_rules() {
    use crate::support::ws_handshake;
    let emulator = Emulator::with(|c| c.max_viewers = 1);
    let kvs = Kvs::for_emulator(&emulator);
    let arn =
        kvs.run(&["-o", "json", "channel", "create", "ws"]).ok().json()["ChannelARN"].as_str().unwrap().to_string();
    let endpoints = kvs.run(&["-o", "json", "endpoint", "get", "-c", "ws", "-r", "viewer"]).ok().json();
    let viewer_path = endpoints["ResourceEndpointList"][0]["ResourceEndpoint"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let viewer_path = format!("/{viewer_path}");
    let master_path = viewer_path.replacen("/v-", "/m-", 1);
    let host = emulator.addr();
    let t = now();
    let arn_only = [("X-Amz-ChannelARN", arn.as_str())];
    let with_id = [("X-Amz-ChannelARN", arn.as_str()), ("X-Amz-ClientId", "viewer-1")];

    let status =
        |path: &str, params: &[(&str, &str)], secret: &str, t: u64| ws_handshake(&host, path, params, secret, t).0;
    let (master, _master_socket) = ws_handshake(&host, &master_path, &arn_only, SECRET, t);
    assert_eq!(master, 101, "a master");
    let (viewer, _viewer_socket) = ws_handshake(&host, &viewer_path, &with_id, SECRET, t);
    assert_eq!(viewer, 101, "a viewer");
    assert_eq!(status(&master_path, &with_id, SECRET, t), 400, "a master must not send a client id");
    assert_eq!(status(&viewer_path, &arn_only, SECRET, t), 400, "a viewer must send one");
    let reserved = [("X-Amz-ChannelARN", arn.as_str()), ("X-Amz-ClientId", "AWS_viewer")];
    assert_eq!(status(&viewer_path, &reserved, SECRET, t), 400, "AWS_ is reserved");
    assert_eq!(status(&viewer_path, &with_id, "wrong", t), 403, "a bad signature");
    assert_eq!(status(&viewer_path, &with_id, SECRET, t - 400), 403, "an expired URL");
    let unknown = [("X-Amz-ChannelARN", "arn:aws:kinesisvideo:us-west-2:111122223333:channel/none/1")];
    assert_eq!(status(&master_path, &unknown, SECRET, t), 404, "an unknown channel");
    assert_eq!(status("/m-00000000", &arn_only, SECRET, t), 404, "another channel's endpoint");
    let second = [("X-Amz-ChannelARN", arn.as_str()), ("X-Amz-ClientId", "viewer-2")];
    assert_eq!(status(&viewer_path, &second, SECRET, t), 400, "more viewers than --max-viewers");
}

#[test]
fn out_of_range_settings_are_refused_at_start() {
    for args in [
        &["--clock-offset", "-2000000000"][..],
        &["--max-duration", "18446744073709551615"],
        &["--idle-timeout", "18446744073709551615"],
        &["--skew-tolerance", "18446744073709551615"],
    ] {
        let mut command = std::process::Command::new(crate::support::bin());
        command.args(["emulator", "--http-port", "0", "--https-port", "0"]).args(args);
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stderr).contains("out of range"), "{args:?}");
    }
    let emulator = Emulator::start();
    let (status, _, body) = raw_http(
        &emulator.addr(),
        "POST",
        "/_emulator/faults",
        &[],
        br#"{"fault":"clock-offset","seconds":-2000000000}"#,
    );
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&body));
}

#[test]
fn a_damaged_state_directory_is_refused_naming_the_file_and_orphans_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().to_path_buf();
    drop(Emulator::with(|c| c.state_dir = Some(state.clone())));
    let orphan = state.join(".kvs-esp-writing-abc123");
    std::fs::write(&orphan, b"half a file").unwrap();
    drop(Emulator::with(|c| c.state_dir = Some(state.clone())));
    assert!(!orphan.exists(), "a killed writer's temporary file is removed at start");

    let start = |state: &std::path::Path| {
        let mut command = std::process::Command::new(crate::support::bin());
        command.args(["emulator", "--http-port", "0", "--https-port", "0", "--state-dir"]).arg(state);
        command.output().unwrap()
    };
    let key = std::fs::read(state.join("ca.key")).unwrap();
    std::fs::remove_file(state.join("ca.key")).unwrap();
    let ca = std::fs::read(state.join("ca.pem")).unwrap();
    let output = start(&state);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ca.key is missing"), "{stderr}");
    assert_eq!(std::fs::read(state.join("ca.pem")).unwrap(), ca, "the CA clients trust is not overwritten");

    let other = tempfile::tempdir().unwrap();
    drop(Emulator::with(|c| c.state_dir = Some(other.path().to_path_buf())));
    std::fs::copy(other.path().join("ca.key"), state.join("ca.key")).unwrap();
    let output = start(&state);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("do not belong together"), "{stderr}");
    std::fs::write(state.join("ca.key"), key).unwrap();
    drop(Emulator::with(|c| c.state_dir = Some(state.clone())));
}

/// A masked client text frame of `len` bytes.
fn masked_text_frame(len: usize) -> Vec<u8> {
    let mut frame = vec![0x81, 0x80 | 127];
    frame.extend_from_slice(&(len as u64).to_be_bytes());
    let mask = [1u8, 2, 3, 4];
    frame.extend_from_slice(&mask);
    frame.extend((0..len).map(|i| b'a' ^ mask[i % 4]));
    frame
}

#[test]
fn answers_as_the_service_model_says() {
    use std::io::{Read, Write};
    let emulator = Emulator::start();
    let host = emulator.addr();
    let kvs = Kvs::for_emulator(&emulator);
    let arn =
        kvs.run(&["-o", "json", "channel", "create", "model"]).ok().json()["ChannelARN"].as_str().unwrap().to_string();
    let signed =
        |path: &str, body: &[u8]| signed_headers(&host, path, body, SECRET, "us-west-2", "kinesisvideo", now());
    let call = |path: &str, body: String| {
        let headers = signed(path, body.as_bytes());
        post(&emulator, path, body.as_bytes(), &headers)
    };

    // A 256-character client id still gets a username within the model's 256.
    let id = "c".repeat(256);
    let ice = kvs.run(&["-o", "json", "ice-config", "get", "-c", "model", "--client-id", &id]).ok().json();
    assert!(ice["IceServerList"][0]["Username"].as_str().unwrap().len() <= 256, "{ice}");

    let cn_arn = arn.replacen("arn:aws:", "arn:aws-cn:", 1);
    let (status, _, json) = call("/v1/get-ice-server-config", format!(r#"{{"ChannelARN":"{cn_arn}"}}"#));
    assert_eq!((status, json["__type"].as_str()), (400, Some("InvalidArgumentException")), "another partition: {json}");

    let (status, _, json) = call("/createSignalingChannel", r#"{"ChannelName":"t","Tags":[{"Key":"a"}]}"#.into());
    assert_eq!(
        (status, json["__type"].as_str()),
        (400, Some("InvalidArgumentException")),
        "a tag needs a Value: {json}"
    );

    for version in ["x!".to_string(), "v".repeat(65)] {
        let (status, _, json) =
            call("/deleteSignalingChannel", format!(r#"{{"ChannelARN":"{arn}","CurrentVersion":"{version}"}}"#));
        assert_eq!((status, json["__type"].as_str()), (400, Some("InvalidArgumentException")), "{version}: {json}");
    }

    // A session token the key does not have.
    let body = br#"{"ChannelName":"model"}"#;
    let mut headers = signed("/describeSignalingChannel", body);
    headers.push(("x-amz-security-token".into(), "not-this-keys".into()));
    let (status, _, json) = post(&emulator, "/describeSignalingChannel", body, &headers);
    assert_eq!((status, json["__type"].as_str()), (403, Some("UnrecognizedClientException")), "{json}");

    // A malformed chunked body is a bad request, not an oversized one.
    let mut stream = std::net::TcpStream::connect(&host).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    let request = format!(
        "POST /describeSignalingChannel HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 400"), "{response}");
    assert!(response.contains("SerializationException"), "{response}");
}

#[test]
fn an_oversized_frame_is_closed_with_1009_and_refusals_read_plainly() {
    use crate::support::ws_handshake;
    use std::io::{Read, Write};
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let arn =
        kvs.run(&["-o", "json", "channel", "create", "big"]).ok().json()["ChannelARN"].as_str().unwrap().to_string();
    let endpoints = kvs.run(&["-o", "json", "endpoint", "get", "-c", "big", "-r", "master"]).ok().json();
    let path = format!(
        "/{}",
        endpoints["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap().rsplit('/').next().unwrap()
    );
    let open = || {
        let (status, socket) =
            ws_handshake(&emulator.addr(), &path, &[("X-Amz-ChannelARN", arn.as_str())], SECRET, now());
        assert_eq!(status, 101);
        socket.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        socket
    };

    let mut socket = open();
    let bogus = br#"{"action":"BOGUS","messagePayload":"e30=","correlationId":"c1"}"#;
    let mut frame = vec![0x81, 0x80 | bogus.len() as u8, 0, 0, 0, 0];
    frame.extend_from_slice(bogus);
    socket.write_all(&frame).unwrap();
    let mut buf = [0u8; 4096];
    let n = socket.read(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.contains("STATUS_RESPONSE"), "{text}");
    let status: serde_json::Value = serde_json::from_str(&text[text.find('{').unwrap()..]).unwrap();
    let description = status["statusResponse"]["description"].as_str().unwrap();
    assert_eq!(description, r#"unknown action "BOGUS": use SDP_OFFER, SDP_ANSWER or ICE_CANDIDATE"#);

    let mut socket = open();
    socket.write_all(&masked_text_frame(70 << 10)).unwrap();
    let mut reply = Vec::new();
    let _ = socket.read_to_end(&mut reply);
    assert!(reply.len() >= 4 && reply[0] == 0x88, "a close frame, not a dropped connection: {reply:?}");
    assert_eq!(u16::from_be_bytes([reply[2], reply[3]]), 1009, "{reply:?}");
}
