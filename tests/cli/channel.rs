//! Every control-plane command, in text and JSON, over HTTP and HTTPS.

use crate::support::{Emulator, Kvs};

#[test]
fn create_describe_list_delete_in_json() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let created = kvs
        .run(&[
            "-o",
            "json",
            "channel",
            "create",
            "cam-1",
            "--message-ttl",
            "30",
            "--tag",
            "team=video",
            "--tag",
            "site=lab 2",
        ])
        .ok()
        .json();
    let arn = created["ChannelARN"].as_str().unwrap().to_string();
    assert!(arn.starts_with("arn:aws:kinesisvideo:us-west-2:111122223333:channel/cam-1/"), "{arn}");

    let info = kvs.run(&["-o", "json", "channel", "describe", "cam-1"]).ok().json();
    assert_eq!(info["ChannelInfo"]["ChannelARN"], arn.as_str());
    assert_eq!(info["ChannelInfo"]["ChannelStatus"], "ACTIVE");
    assert_eq!(info["ChannelInfo"]["SingleMasterConfiguration"]["MessageTtlSeconds"], 30);
    let by_arn = kvs.run(&["-o", "json", "channel", "describe", &arn]).ok().json();
    assert_eq!(by_arn["ChannelInfo"]["ChannelName"], "cam-1");

    kvs.run(&["channel", "create", "cam-2"]).ok();
    kvs.run(&["channel", "create", "door"]).ok();
    let listed = kvs.run(&["-o", "json", "channel", "list", "--page-size", "1"]).ok().json();
    let names: Vec<&str> =
        listed["ChannelInfoList"].as_array().unwrap().iter().map(|c| c["ChannelName"].as_str().unwrap()).collect();
    assert_eq!(names, ["cam-1", "cam-2", "door"], "NextToken must be followed to the end");
    let cams = kvs.run(&["-o", "json", "channel", "list", "--prefix", "cam"]).ok().json();
    assert_eq!(cams["ChannelInfoList"].as_array().unwrap().len(), 2);

    let deleted = kvs.run(&["-o", "json", "channel", "delete", "cam-1"]).ok().json();
    assert_eq!(deleted["Deleted"], true);
    kvs.run(&["channel", "describe", "cam-1"]).fails_with(4);
}

#[test]
fn text_output_is_aligned_for_people() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let created = kvs.run(&["channel", "create", "hall"]).ok();
    assert!(created.stdout.starts_with("created channel hall\narn:aws:kinesisvideo:"), "{created:?}");
    let described = kvs.run(&["channel", "describe", "hall"]).ok().stdout;
    let lines: Vec<&str> = described.lines().collect();
    assert_eq!(lines[0], "Name         hall");
    assert_eq!(lines[3], "Status       ACTIVE");
    assert_eq!(lines[4], "Message TTL  60 s");
    assert!(lines[5].starts_with("Created      20") && lines[5].ends_with(" UTC"), "{described}");
    let listed = kvs.run(&["channel", "list"]).ok().stdout;
    let header = listed.lines().next().unwrap();
    assert!(header.starts_with("NAME  STATUS  TTL  CREATED"), "{listed}");
    assert!(listed.lines().nth(1).unwrap().starts_with("hall  ACTIVE  60s  20"), "{listed}");
    let deleted = kvs.run(&["channel", "delete", "hall"]).ok().stdout;
    assert!(deleted.starts_with("deleted channel hall\n"), "{deleted}");
    let empty = kvs.run(&["channel", "list"]).ok();
    assert_eq!(empty.stdout, "");
    assert!(empty.stderr.contains("no channels"));
}

#[test]
fn https_with_the_emulator_ca() {
    let emulator = Emulator::start();
    let kvs = Kvs::new(&emulator.https);
    let refused = kvs.run(&["channel", "create", "tls"]).fails_with(6);
    assert!(refused.stderr.contains("UnknownIssuer") && refused.stderr.contains("--ca-file"), "{refused:?}");
    kvs.run(&["--ca-file", emulator.ca_file.to_str().unwrap(), "channel", "create", "tls"]).ok();
    let kvs = kvs.set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap());
    let endpoints = kvs.run(&["-o", "json", "endpoint", "get", "-c", "tls", "-r", "viewer"]).ok().json();
    let list = endpoints["ResourceEndpointList"].as_array().unwrap();
    assert!(list[0]["ResourceEndpoint"].as_str().unwrap().starts_with("wss://localhost:"), "{endpoints}");
    assert!(list[1]["ResourceEndpoint"].as_str().unwrap().starts_with("https://localhost:"), "{endpoints}");
    let ice = kvs.run(&["-o", "json", "ice-config", "get", "-c", "tls"]).ok().json();
    assert_eq!(ice["IceServerList"][0]["Ttl"], 300);
}

#[test]
fn ice_config_mints_turn_rest_credentials_on_the_https_endpoint() {
    let emulator = Emulator::with(|c| {
        c.turn_uris = vec!["turns:localhost:15349?transport=tcp".into()];
        c.turn_secret = "s3cret".into();
    });
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "ice"]).ok();
    let hidden = kvs.run(&["-o", "json", "ice-config", "get", "-c", "ice", "--client-id", "viewer-7"]).ok().json();
    let server = &hidden["IceServerList"][0];
    assert_eq!(server["Uris"][0], "turns:localhost:15349?transport=tcp");
    assert_eq!(server["Password"], "(hidden; --show-passwords)");
    let username = server["Username"].as_str().unwrap();
    let (expiry, id) = username.split_once(':').unwrap();
    assert_eq!(id, "viewer-7");
    let expiry: u64 = expiry.parse().unwrap();
    assert!(expiry.abs_diff(crate::support::now() + 300) <= 5, "{username}");

    let shown = kvs
        .run(&["-o", "json", "ice-config", "get", "-c", "ice", "--client-id", "viewer-7", "--show-passwords"])
        .ok()
        .json();
    let server = &shown["IceServerList"][0];
    let username = server["Username"].as_str().unwrap();
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha1::Sha1> as KeyInit>::new_from_slice(b"s3cret").unwrap();
    mac.update(username.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(server["Password"], expected.as_str());

    let text = kvs.run(&["ice-config", "get", "-c", "ice"]).ok().stdout;
    assert!(text.starts_with("URI  ") || text.starts_with("URI "), "{text}");
    assert!(text.contains("turns:localhost:15349?transport=tcp") && text.contains("300s"), "{text}");
}

#[test]
fn verbose_prints_event_lines() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let run = kvs.run(&["-v", "channel", "create", "ev"]).ok();
    assert!(
        run.stderr.lines().any(|l| l.starts_with("kvs: ev=api op=CreateSignalingChannel status=200 ms=")),
        "{run:?}"
    );
}

/// Whether a run succeeded, and the files it opened or looked at under /etc/ssl, /etc/pki or `also`, as strace
/// sees them.
fn certificate_store_reads(kvs: &Kvs, args: &[&str], also: Option<&std::path::Path>) -> (bool, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let mut strace = kvs.with_env("strace");
    strace.args(["-f", "-qq", "-e", "trace=file", "-o", trace.to_str().unwrap()]).arg(crate::support::bin()).args(args);
    strace.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let status = strace.status().expect("strace (scripts/setup installs it)");
    let also = also.map(|path| format!("\"{}", path.display()));
    let trace = std::fs::read_to_string(trace).unwrap();
    let reads = trace
        .lines()
        .filter(|line| {
            line.contains("\"/etc/ssl")
                || line.contains("\"/etc/pki")
                || also.as_ref().is_some_and(|p| line.contains(p))
        })
        .map(String::from)
        .collect();
    (status.success(), reads)
}

#[test]
fn the_certificate_store_is_read_only_when_needed_and_once() {
    let emulator = Emulator::start();
    Kvs::new(&emulator.http).run(&["channel", "create", "store"]).ok();
    let describe = ["channel", "describe", "store"];
    // Keys in the environment, plain HTTP: aws-config's providers and the transport leave the store alone.
    let (ok, plain) = certificate_store_reads(&Kvs::new(&emulator.http), &describe, None);
    assert!(ok && plain.is_empty(), "nothing under /etc/ssl without TLS: {plain:#?}");
    // HTTPS to a server the extra CA vouches for (the emulator's): the system's roots are not needed.
    let tls = || Kvs::new(&emulator.https);
    let (ok, reads) =
        certificate_store_reads(&tls().set("AWS_CA_BUNDLE", emulator.ca_file.to_str().unwrap()), &describe, None);
    assert!(ok && reads.is_empty(), "the emulator's CA is enough: {reads:#?}");
    // One the extra CA does not vouch for: the system's roots, from the distribution's one bundle file, opened once
    // (no walk of the hashed directory), and the certificate is refused as untrusted.
    let stranger = Emulator::start();
    let (ok, reads) =
        certificate_store_reads(&tls().set("AWS_CA_BUNDLE", stranger.ca_file.to_str().unwrap()), &describe, None);
    assert!(!ok, "the emulator's certificate is trusted by neither");
    assert_eq!(reads.len(), 1, "one bundle file: {reads:#?}");
    assert!(reads[0].contains("openat") && (reads[0].contains(".crt\"") || reads[0].contains(".pem\"")), "{reads:#?}");
    // SSL_CERT_FILE names the bundle: that file alone, even beside SSL_CERT_DIR, and what it trusts is trusted.
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle.pem");
    std::fs::write(&bundle, std::fs::read(&emulator.ca_file).unwrap()).unwrap();
    let named = tls().set("SSL_CERT_FILE", bundle.to_str().unwrap()).set("SSL_CERT_DIR", "/etc/ssl/certs");
    let (ok, reads) = certificate_store_reads(&named, &describe, Some(&bundle));
    assert!(ok, "SSL_CERT_FILE's roots are trusted");
    assert_eq!(reads.len(), 1, "{reads:#?}");
    assert!(reads[0].contains("bundle.pem"), "{reads:#?}");
}
