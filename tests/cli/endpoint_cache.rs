//! The endpoint cache: a repeated lookup makes no call, a 404 invalidates, --no-cache bypasses.

use crate::support::{Emulator, Kvs};

#[test]
fn repeated_lookup_is_served_from_the_cache() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "cached"]).ok();
    let first = kvs.run(&["-o", "json", "endpoint", "get", "-c", "cached", "-r", "master"]).ok().json();
    assert_eq!(first["Cached"], false);
    let calls = emulator.requests();

    let second = kvs.run(&["-o", "json", "endpoint", "get", "-c", "cached", "-r", "master"]).ok().json();
    assert_eq!(second["Cached"], true);
    assert_eq!(second["ResourceEndpointList"], first["ResourceEndpointList"]);
    assert_eq!(emulator.requests(), calls, "a cached lookup must not call the service");
    let text = kvs.run(&["endpoint", "get", "-c", "cached", "-r", "master"]).ok();
    assert!(text.stdout.starts_with("PROTOCOL  ENDPOINT\nWSS       ws://127.0.0.1:"), "{text:?}");
    assert!(text.stderr.contains("from the endpoint cache"), "{text:?}");

    let viewer = kvs.run(&["-o", "json", "endpoint", "get", "-c", "cached", "-r", "viewer"]).ok().json();
    assert_eq!(viewer["Cached"], false, "roles are cached separately");
    let bypass = kvs.run(&["--no-cache", "-o", "json", "endpoint", "get", "-c", "cached", "-r", "master"]).ok().json();
    assert_eq!(bypass["Cached"], false);

    let shown = kvs.run(&["-o", "json", "cache", "show"]).ok().json();
    assert_eq!(shown["entries"].as_array().unwrap().len(), 2);
    let table = kvs.run(&["cache", "show"]).ok().stdout;
    assert!(table.starts_with("CHANNEL  REGION     ROLE    EXPIRES"), "{table}");

    emulator.stop();
    kvs.run(&["endpoint", "get", "-c", "cached", "-r", "master"]).ok();
    kvs.run(&["--no-cache", "endpoint", "get", "-c", "cached", "-r", "master"]).fails_with(6);

    assert_eq!(kvs.run(&["-o", "json", "cache", "clear"]).ok().json()["removed"], 2);
    assert!(kvs.run(&["cache", "show"]).ok().stdout.contains("empty"));
}

#[test]
fn a_404_invalidates_the_entry_and_the_lookup_is_retried() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let old =
        kvs.run(&["-o", "json", "channel", "create", "moving"]).ok().json()["ChannelARN"].as_str().unwrap().to_string();
    kvs.run(&["endpoint", "get", "-c", "moving", "-r", "viewer"]).ok();

    // Replace the channel behind the cache's back: the cached ARN is now unknown to the service.
    let other = Kvs::for_emulator(&emulator);
    other.run(&["channel", "delete", "moving"]).ok();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let new = other.run(&["-o", "json", "channel", "create", "moving"]).ok().json()["ChannelARN"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(old, new);

    let ice = kvs.run(&["ice-config", "get", "-c", "moving", "-r", "viewer"]).ok();
    assert!(ice.stderr.contains("answered 404"), "{ice:?}");
    let cached = kvs.run(&["-o", "json", "endpoint", "get", "-c", "moving", "-r", "viewer"]).ok().json();
    assert_eq!(cached["Cached"], true);
    assert_eq!(cached["ChannelARN"], new.as_str(), "the stale entry was replaced");
}

#[test]
fn a_damaged_cache_file_is_replaced_not_fatal() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    kvs.run(&["channel", "create", "c"]).ok();
    let path = kvs.home().join("cache/endpoints.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"\x00garbage{").unwrap();
    let run = kvs.run(&["endpoint", "get", "-c", "c", "-r", "master"]).ok();
    assert!(run.stderr.contains("ignoring the unreadable endpoint cache"), "{run:?}");
    let rewritten: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(rewritten["entries"].as_array().unwrap().len(), 1);
}

#[test]
fn processes_side_by_side_lose_no_cache_entry() {
    let emulator = Emulator::start();
    let kvs = Kvs::for_emulator(&emulator);
    let names: Vec<String> = (0..20).map(|n| format!("side-{n}")).collect();
    for name in &names {
        kvs.run(&["channel", "create", name]).ok();
    }
    let children: Vec<_> = names
        .iter()
        .map(|name| kvs.silent(&["endpoint", "get", "-c", name, "-r", "viewer"]).spawn().unwrap())
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let cached = kvs.run(&["-o", "json", "cache", "show"]).ok().json();
    let mut channels: Vec<&str> =
        cached["entries"].as_array().unwrap().iter().map(|e| e["entry"]["channel"].as_str().unwrap()).collect();
    channels.sort_unstable();
    let mut expected: Vec<&str> = names.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(channels, expected, "every process's entry is kept");
}
