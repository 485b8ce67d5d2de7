//! Every error path: what the user sees, the exit code, and that nothing is sent for bad input.

use crate::support::{AKID, Emulator, Kvs, SECRET, canned_server};

#[test]
fn invalid_input_is_refused_before_anything_is_sent() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let too_many_tags: Vec<String> = (0..51).map(|i| format!("k{i}=v")).collect();
    let mut tag_args = vec!["channel", "create", "tags"];
    for tag in &too_many_tags {
        tag_args.extend(["--tag", tag.as_str()]);
    }
    let long_key = format!("{}=v", "k".repeat(129));
    let long_name = "x".repeat(257);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["channel", "create", "bad name"], "invalid channel name \"bad name\""),
        (vec!["channel", "create", &long_name], "1–256 characters"),
        (vec!["channel", "describe", "arn:aws:kinesisvideo:us-west-2:1:channel/x"], "invalid channel ARN"),
        (vec!["channel", "create", "ttl", "--message-ttl", "4"], "between 5 and 120"),
        (vec!["channel", "create", "ttl", "--message-ttl", "121"], "between 5 and 120"),
        (vec!["channel", "create", "tag", "--tag", "novalue"], "KEY=VALUE"),
        (vec!["channel", "create", "tag", "--tag", &long_key], "invalid tag key"),
        (tag_args.clone(), "at most 50"),
        (vec!["ice-config", "get", "-c", "x", "--client-id", "AWS_reserved"], "prefix AWS_ is reserved"),
        (vec!["ice-config", "get", "-c", "x", "--client-id", "has space"], "invalid client id"),
        (vec!["--region", "Mars", "channel", "list"], "invalid region"),
        (vec!["--endpoint-url", "ftp://x", "channel", "list"], "invalid endpoint URL"),
        (vec!["endpoint", "get", "-c", "x", "-r", "boss"], "invalid value 'boss'"),
    ];
    for (args, expected) in cases {
        let run = kvs.run(&args).fails_with(2);
        assert!(run.stderr.contains(expected), "{args:?}: {run:?}");
    }
    assert_eq!(emulator.requests(), 0, "nothing may reach the service");
}

#[test]
fn not_found_says_how_to_create() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    for args in [
        vec!["channel", "describe", "ghost"],
        vec!["channel", "delete", "ghost"],
        vec!["endpoint", "get", "-c", "ghost", "-r", "master"],
        vec!["ice-config", "get", "-c", "ghost"],
    ] {
        let run = kvs.run(&args).fails_with(4);
        assert!(run.stderr.contains("error: (ResourceNotFoundException)"), "{run:?}");
        assert!(run.stderr.contains("kvs-esp channel create ghost"), "{run:?}");
    }
    let json = kvs.run(&["-o", "json", "channel", "describe", "ghost"]).fails_with(4).json();
    assert_eq!(json["error"]["code"], "ResourceNotFoundException");
    assert_eq!(json["error"]["kind"], "not_found");
    assert_eq!(json["error"]["exit_code"], 4);
}

#[test]
fn duplicate_create_is_a_service_error() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "twice"]).ok();
    let run = kvs.run(&["channel", "create", "twice"]).fails_with(5);
    assert!(run.stderr.contains("ResourceInUseException") && run.stderr.contains("channel describe"), "{run:?}");
}

#[test]
fn access_denied_names_the_identity() {
    let emulator = Emulator::with(|c| c.denied_keys = vec!["AKIDNOPERMISSIONS:nosecret".into()]);
    let kvs = Kvs::for_emulator(&emulator)
        .set("AWS_ACCESS_KEY_ID", "AKIDNOPERMISSIONS")
        .set("AWS_SECRET_ACCESS_KEY", "nosecret");
    let run = kvs.run(&["channel", "describe", "any"]).fails_with(3);
    assert!(run.stderr.contains("AccessDeniedException"), "{run:?}");
    assert!(run.stderr.contains("access key AKIDNOPERMISSIONS from Environment"), "{run:?}");
    assert!(run.stderr.contains("kinesisvideo:DescribeSignalingChannel"), "{run:?}");
}

#[test]
fn signature_errors_point_at_the_secret_and_the_clock() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator).set("AWS_SECRET_ACCESS_KEY", "wrong-secret");
    let run = kvs.run(&["channel", "list"]).fails_with(3);
    assert!(run.stderr.contains("InvalidSignatureException") && run.stderr.contains("does not match"), "{run:?}");
    assert!(run.stderr.contains("secret key") && run.stderr.contains("clock"), "{run:?}");

    let unknown = Kvs::for_emulator(&emulator).set("AWS_ACCESS_KEY_ID", "AKIDUNKNOWN");
    let run = unknown.run(&["channel", "list"]).fails_with(3);
    assert!(run.stderr.contains("UnrecognizedClientException") && run.stderr.contains("emulator"), "{run:?}");

    let region = Kvs::for_emulator(&emulator);
    let run = region.run(&["--region", "eu-west-1", "channel", "list"]).fails_with(3);
    assert!(run.stderr.contains("valid region, not 'eu-west-1'"), "{run:?}");
}

#[test]
fn expired_credentials() {
    let emulator = Emulator::with(|c| c.expired_keys = vec!["AKIDEXPIRED:oldsecret".into()]);
    let kvs =
        Kvs::for_emulator(&emulator).set("AWS_ACCESS_KEY_ID", "AKIDEXPIRED").set("AWS_SECRET_ACCESS_KEY", "oldsecret");
    let run = kvs.run(&["channel", "list"]).fails_with(3);
    assert!(run.stderr.contains("ExpiredTokenException") && run.stderr.contains("refresh"), "{run:?}");

    // Credentials whose own expiry has passed are refused before signing.
    let kvs = Kvs::for_emulator(&emulator).unset("AWS_ACCESS_KEY_ID").unset("AWS_SECRET_ACCESS_KEY");
    let process = format!(
        "credential_process = echo '{{\"Version\": 1, \"AccessKeyId\": \"{AKID}\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"t\", \"Expiration\": \"2020-01-01T00:00:00Z\"}}'\n"
    );
    std::fs::write(kvs.home().join("aws-config"), format!("[profile old]\n{process}")).unwrap();
    let run = kvs.run(&["--profile", "old", "channel", "list"]).fails_with(3);
    assert!(run.stderr.contains("expired"), "{run:?}");
    assert_eq!(emulator.requests(), 1, "only the --expired-key call reached the service");
}

/// The providers that fetch credentials over HTTP (the container endpoint here; STS, SSO and the instance metadata
/// service go the same way) use kvs-esp's own transport: the credentials arrive and sign, and an endpoint that
/// answers garbage or nothing is an auth error that says so, with nothing sent to the service.
#[test]
fn credentials_from_a_container_endpoint() {
    let emulator = Emulator::with(|c| c.keys = vec![format!("{AKID}:{SECRET}:container-token")]);
    let document = format!(
        r#"{{"AccessKeyId":"{AKID}","SecretAccessKey":"{SECRET}","Token":"container-token","Expiration":"2099-01-01T00:00:00Z"}}"#
    );
    let answer = |status: &str, body: &str| {
        canned_server(
            format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
                .into_bytes(),
        )
    };
    let from = |endpoint: &str| {
        Kvs::for_emulator(&emulator)
            .unset("AWS_ACCESS_KEY_ID")
            .unset("AWS_SECRET_ACCESS_KEY")
            .set("AWS_CONTAINER_CREDENTIALS_FULL_URI", &format!("{endpoint}/credentials"))
    };
    let run = from(&answer("200 OK", &document)).run(&["-v", "channel", "list"]).ok();
    assert!(run.stderr.contains(&format!("credentials: access key {AKID}")), "{run:?}");
    assert_eq!(emulator.requests(), 1, "the call was signed with the container's session credentials");

    let garbage = from(&answer("200 OK", "{not json")).run(&["channel", "list"]).fails_with(3);
    assert!(garbage.stderr.contains("loading AWS credentials failed"), "{garbage:?}");
    let refused = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let nothing = from(&format!("http://{refused}")).run(&["channel", "list"]).fails_with(3);
    assert!(nothing.stderr.contains("loading AWS credentials failed"), "{nothing:?}");
    assert_eq!(emulator.requests(), 1, "nothing was sent without credentials");
}

#[test]
fn missing_credentials_and_region() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator).unset("AWS_ACCESS_KEY_ID").unset("AWS_SECRET_ACCESS_KEY");
    let run = kvs.run(&["channel", "list"]).fails_with(3);
    assert!(
        run.stderr.contains("no AWS credentials were found") && run.stderr.contains("AWS_ACCESS_KEY_ID"),
        "{run:?}"
    );
    let kvs = Kvs::for_emulator(&emulator).unset("AWS_REGION");
    let run = kvs.run(&["channel", "list"]).fails_with(2);
    assert!(run.stderr.contains("no AWS region") && run.stderr.contains("--region"), "{run:?}");
}

#[test]
fn clock_skew_is_detected_corrected_and_reported() {
    for offset in [900, -900] {
        let emulator = Emulator::with(|c| c.clock_offset = offset);
        let kvs = Kvs::for_emulator(&emulator);
        let run = kvs.run(&["channel", "create", "skewed"]).ok();
        let side = if offset < 0 { "about 15 min ahead of" } else { "about 15 min behind" };
        assert!(run.stderr.contains(&format!("clock is {side} the service's")), "{offset}: {run:?}");
        // The delete makes two calls; both are signed with the corrected clock.
        kvs.run(&["channel", "delete", "skewed"]).ok();
    }
}

#[test]
fn malformed_oversized_and_dropped_responses() {
    let garbage = canned_server(b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\nconnection: close\r\n\r\n{not json".to_vec());
    let run = Kvs::new(&garbage).run(&["channel", "list"]).fails_with(6);
    assert!(run.stderr.contains("malformed response"), "{run:?}");

    let not_kvs =
        canned_server(b"HTTP/1.1 500 Internal\r\ncontent-length: 6\r\nconnection: close\r\n\r\n<html>".to_vec());
    let run = Kvs::new(&not_kvs).run(&["channel", "list"]).fails_with(5);
    assert!(run.stderr.contains("HTTP 500"), "{run:?}");

    let mut huge = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", 2 << 20).into_bytes();
    huge.extend(std::iter::repeat_n(b' ', 2 << 20));
    let run = Kvs::new(&canned_server(huge)).run(&["channel", "list"]).fails_with(6);
    assert!(run.stderr.contains("limited to 1024 KiB"), "{run:?}");

    let dropped = canned_server(Vec::new());
    let run = Kvs::new(&dropped).run(&["channel", "list"]).fails_with(6);
    assert!(run.stderr.contains("could not reach"), "{run:?}");

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let run = Kvs::new(&closed).run(&["channel", "list"]).fails_with(6);
    assert!(run.stderr.contains("refused") && run.stderr.contains("emulator running"), "{run:?}");
}

#[test]
fn endpoint_urls_that_would_send_elsewhere_are_usage_errors() {
    let emulator = Emulator::start();
    for url in [
        "http://127.0.0.1:99999",
        "http://256.256.256.256",
        "http://[::zz]:1",
        "http://[fe80::1%25lo]:80",
        "http://localhost:1/?x=y",
    ] {
        let run = Kvs::for_emulator(&emulator).run(&["--endpoint-url", url, "channel", "list"]).fails_with(2);
        assert!(run.stderr.contains("invalid endpoint URL"), "{url}: {run:?}");
    }
    assert_eq!(emulator.requests(), 0);
}

#[test]
fn a_wrong_session_token_is_named_as_such() {
    let emulator = Emulator::start();
    let run =
        Kvs::for_emulator(&emulator).set("AWS_SESSION_TOKEN", "not-this-keys").run(&["channel", "list"]).fails_with(3);
    assert!(run.stderr.contains("UnrecognizedClientException"), "{run:?}");
    assert!(run.stderr.contains("the session token of access key"), "{run:?}");
    assert!(!run.stderr.contains("does not know"), "{run:?}");
}
