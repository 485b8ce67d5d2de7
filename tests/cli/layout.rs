//! The house rules, read from the manifests: which crate may use which. The compiler enforces what the
//! manifests allow; this pins the manifests, so that a dependency that breaks the architecture fails here.

use serde_json::Value;
use std::collections::BTreeSet;

/// The workspace crates and external crates each package declares (normal dependencies only).
fn dependencies() -> Vec<(String, BTreeSet<String>)> {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(crate::support::root())
        .output()
        .expect("cargo metadata");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|package| {
            let normal = package["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().unwrap().to_string())
                .collect();
            (package["name"].as_str().unwrap().to_string(), normal)
        })
        .collect()
}

#[test]
fn each_crate_uses_only_what_its_room_allows() {
    let all = dependencies();
    let of = |name: &str| all.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no crate {name}")).1.clone();
    let workspace = |deps: &BTreeSet<String>| -> BTreeSet<String> {
        deps.iter().filter(|d| d.starts_with("kvs-")).cloned().collect()
    };
    let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<BTreeSet<_>>();

    assert_eq!(workspace(&of("kvs-core")), set(&[]), "the core uses nothing of the workspace");
    assert_eq!(workspace(&of("kvs-ws")), set(&[]), "the WebSocket client uses nothing of the workspace");
    assert_eq!(workspace(&of("kvs-client")), set(&["kvs-core"]));
    assert_eq!(workspace(&of("kvs-emulator")), set(&["kvs-core"]), "the emulator never uses client code");
    assert_eq!(workspace(&of("kvs-espkit")), set(&["kvs-client", "kvs-core"]));
    assert_eq!(workspace(&of("kvs-test-support")), set(&["kvs-core", "kvs-emulator"]));
    for library in ["kvs-core", "kvs-ws", "kvs-client", "kvs-emulator", "kvs-espkit"] {
        let deps = of(library);
        for terminal in ["clap", "clap_complete", "indicatif"] {
            assert!(!deps.contains(terminal), "{library} depends on {terminal}: flags and terminals are the binary's");
        }
    }
    for (name, deps) in &all {
        assert!(!deps.contains("kvs-test-support"), "{name} depends on the test support outside its dev-dependencies");
    }
}
