//! `turn-tls probe` against a real coturn (Debian's) on loopback.

use crate::support::coturn::{Auth, Cert, Coturn, closes_mid_handshake, rest_password, udp_echo};
use crate::support::{Emulator, Kvs, now};

const LONG_TERM: Auth<'static> = Auth::LongTerm { user: "kvsuser", password: "kvspass" };

fn probe(kvs: &Kvs, coturn: &Coturn, host: &str, password: &str, extra: &[&str]) -> crate::support::Run {
    let uri = coturn.uri(host);
    let mut args = vec!["turn-tls", "probe", "--uri", &uri, "--username", "kvsuser", "--password", password, "--trust"];
    let ca = coturn.ca_file.to_str().unwrap().to_string();
    args.push(&ca);
    args.extend(extra);
    kvs.run(&args)
}

#[test]
fn allocates_and_relays_with_long_term_credentials() {
    let coturn = Coturn::start(LONG_TERM, Cert::Good);
    let kvs = Kvs::new("http://127.0.0.1:1");
    let peer = udp_echo();
    let run = probe(&kvs, &coturn, "localhost", "kvspass", &["--peer", &peer, "-o", "json"]).ok();
    let report = run.json();
    let server = &report["servers"][0];
    assert_eq!(server["ok"], true, "{report}");
    let steps: Vec<&str> = server["steps"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(steps, ["DNS", "TCP", "TLS", "Allocate", "CreatePermission", "Relay", "Refresh"]);
    assert_eq!(server["tls"]["version"], "TLS 1.2", "coturn speaks TLS 1.2 only");
    assert!(server["tls"]["cipher_suite"].as_str().unwrap().contains("ECDHE"));
    assert_eq!(server["tls"]["anchor"], "kvs-test-ca");
    assert_eq!(server["tls"]["chain"][0]["subject"], "localhost");
    assert_eq!(server["tls"]["chain"][0]["sans"], serde_json::json!(["localhost", "127.0.0.1"]));
    assert_eq!(server["tls"]["esp_default_bundle"]["trusted"], false, "a private CA is not in ESP-IDF's bundle");
    assert!(server["allocation"]["relayed"].as_str().unwrap().starts_with("127.0.0.1:"));
    assert!(server["allocation"]["lifetime_secs"].as_u64().unwrap() > 0);
    assert!(coturn.log().contains("ALLOCATE processed, success"), "{}", coturn.log());

    let text = probe(&kvs, &coturn, "localhost", "kvspass", &[]).ok().stdout;
    assert!(text.starts_with("✓ turns:localhost:"), "{text}");
    for expected in ["TLS 1.2", "anchored by kvs-test-ca", "would NOT trust", "allocation released"] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
}

#[test]
fn probes_the_channel_servers_with_turn_rest_credentials_from_the_emulator() {
    let secret = "kvs-emulator-shared-secret";
    let coturn = Coturn::start(Auth::Secret(secret), Cert::Good);
    let uri = coturn.uri("localhost");
    let emulator = Emulator::with(|c| {
        c.turn_uris = vec![uri.clone(), "turns:localhost:9?transport=udp".into()];
        c.turn_secret = secret.into();
    });
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "relay"]).ok();
    let run = kvs.run(&["turn-tls", "probe", "--channel", "relay", "--trust", coturn.ca_file.to_str().unwrap()]).ok();
    assert!(run.stdout.starts_with(&format!("✓ {uri}")), "{run:?}");
    assert!(run.stderr.contains("TURN over DTLS is not probed"), "the turns: UDP URI is skipped: {run:?}");
}

#[test]
fn wrong_password_and_expired_rest_credentials() {
    let coturn = Coturn::start(LONG_TERM, Cert::Good);
    let kvs = Kvs::new("http://127.0.0.1:1");
    let run = probe(&kvs, &coturn, "localhost", "WRONG", &[]).fails_with(7);
    assert!(run.stdout.contains("401 Unauthorized") && run.stdout.contains("wrong username or password"), "{run:?}");
    assert!(run.stderr.contains("at Allocate"), "{run:?}");

    let secret = "s3cret";
    let rest = Coturn::start(Auth::Secret(secret), Cert::Good);
    let username = format!("{}:kvsviewer", now() - 60);
    let uri = rest.uri("localhost");
    let password = rest_password(secret, &username);
    let ca = rest.ca_file.to_str().unwrap();
    let run = kvs
        .run(&["turn-tls", "probe", "--uri", &uri, "--username", &username, "--password", &password, "--trust", ca])
        .fails_with(7);
    assert!(run.stdout.contains("TURN REST credential expired at") && run.stdout.contains("s ago"), "{run:?}");
    let fresh = format!("{}:kvsviewer", now() + 300);
    let password = rest_password(secret, &fresh);
    kvs.run(&["turn-tls", "probe", "--uri", &uri, "--username", &fresh, "--password", &password, "--trust", ca]).ok();
}

#[test]
fn tls_failures_name_their_cause() {
    let kvs = Kvs::new("http://127.0.0.1:1");
    let coturn = Coturn::start(LONG_TERM, Cert::LocalhostOnly);

    let untrusted = kvs
        .run(&[
            "turn-tls",
            "probe",
            "--uri",
            &coturn.uri("localhost"),
            "--username",
            "kvsuser",
            "--password",
            "kvspass",
        ])
        .fails_with(7);
    assert!(untrusted.stdout.contains("unknown issuer, \"kvs-test-ca\""), "{untrusted:?}");
    let esp = kvs
        .run(&[
            "turn-tls",
            "probe",
            "--trust",
            "esp-common",
            "--uri",
            &coturn.uri("localhost"),
            "--username",
            "kvsuser",
            "--password",
            "kvspass",
        ])
        .fails_with(7);
    assert!(esp.stdout.contains("ESP-IDF's default (common) certificate bundle has no root"), "{esp:?}");

    let mismatch = probe(&kvs, &coturn, "127.0.0.1", "kvspass", &[]).fails_with(7);
    assert!(mismatch.stdout.contains("not for \"127.0.0.1\" (it names: localhost)"), "{mismatch:?}");

    let tls13 = probe(&kvs, &coturn, "localhost", "kvspass", &["--tls", "1.3"]).fails_with(7);
    assert!(tls13.stdout.contains("no common TLS version"), "{tls13:?}");

    let expired = Coturn::start(LONG_TERM, Cert::Expired);
    let run = probe(&kvs, &expired, "localhost", "kvspass", &[]).fails_with(7);
    assert!(run.stdout.contains("the certificate has expired") && run.stdout.contains("2021-01-01"), "{run:?}");
    assert!(run.stdout.contains("SNTP"), "a hint about the device clock: {run:?}");

    let port = closes_mid_handshake();
    let uri = format!("turns:localhost:{port}?transport=tcp");
    let run = kvs.run(&["turn-tls", "probe", "--uri", &uri, "--username", "u", "--password", "p"]).fails_with(7);
    assert!(run.stdout.contains("closed the connection during the TLS handshake"), "{run:?}");
}

#[test]
fn unreachable_servers_and_bad_input() {
    let kvs = Kvs::new("http://127.0.0.1:1");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let uri = format!("turns:127.0.0.1:{closed}?transport=tcp");
    let run = kvs.run(&["turn-tls", "probe", "--uri", &uri, "--username", "u", "--password", "p"]).fails_with(7);
    assert!(run.stdout.contains("failed at TCP") && run.stdout.contains("refused"), "{run:?}");
    let run = kvs
        .run(&["turn-tls", "probe", "--uri", "turns:no-such-host.invalid:443", "--username", "u", "--password", "p"])
        .fails_with(7);
    assert!(run.stdout.contains("failed at DNS"), "{run:?}");
    kvs.run(&["turn-tls", "probe", "--uri", "stun:x", "--username", "u", "--password", "p"]).fails_with(2);
    kvs.run(&["turn-tls", "probe", "--uri", "turns:x:443", "--password", "p"]).fails_with(2);
    kvs.run(&["turn-tls", "probe"]).fails_with(2);
}

#[test]
fn plain_udp_turn_with_udp_flag() {
    let coturn = Coturn::start(LONG_TERM, Cert::Good);
    let kvs = Kvs::new("http://127.0.0.1:1");
    let uri = format!("turn:127.0.0.1:{}?transport=udp", coturn.udp_port);
    let peer = udp_echo();
    let run = kvs
        .run(&["turn-tls", "probe", "--uri", &uri, "--username", "kvsuser", "--password", "kvspass", "--peer", &peer])
        .ok();
    assert!(run.stdout.contains("UDP") && run.stdout.contains("Relay"), "{run:?}");
}
