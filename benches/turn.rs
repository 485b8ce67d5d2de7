//! Prints the TURN-over-TLS probe's time per server on loopback beside coturn's own `turnutils_uclient -t -S`
//! doing one allocation against the same server (run with `cargo bench --bench turn`; needs coturn).

use kvs_test_support::coturn::{Auth, Cert, Coturn, udp_echo};
use std::process::{Command, Stdio};
use std::time::Instant;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let server = Coturn::start(Auth::LongTerm { user: "kvsuser", password: "kvspass" }, Cert::Good);
    let peer = udp_echo();
    let (peer_host, peer_port) = peer.split_once(':').unwrap();
    let uri = server.uri("localhost");
    let ca = server.ca_file.to_str().unwrap().to_string();

    let mut wall = Vec::new();
    let mut inside = Vec::new();
    let mut tls = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let output = Command::new(kvs_test_support::bin())
            .args(["turn-tls", "probe", "--uri", &uri, "--username", "kvsuser", "--password", "kvspass"])
            .args(["--trust", &ca, "--peer", &peer, "-o", "json"])
            .output()
            .unwrap();
        wall.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let server = &report["servers"][0];
        inside.push(server["total_ms"].as_f64().unwrap());
        let step = server["steps"].as_array().unwrap().iter().find(|s| s["name"] == "TLS").unwrap();
        tls.push(step["ms"].as_f64().unwrap());
    }
    println!(
        "kvs-esp turn-tls probe, one server (DNS, TCP, TLS 1.2, Allocate, permission, relay echo, Refresh): \
         median {:.1} ms inside the probe ({:.1} ms TLS), {:.1} ms process start to exit",
        median(inside),
        median(tls),
        median(wall)
    );

    let mut uclient = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let status = Command::new("turnutils_uclient")
            .args(["-t", "-S", "-E", &ca, "-u", "kvsuser", "-w", "kvspass", "-n", "1", "-m", "1"])
            .args(["-p", &server.tls_port.to_string(), "-e", peer_host, "-r", peer_port, "127.0.0.1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("turnutils_uclient (coturn) must be installed");
        uclient.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(status.success());
    }
    println!(
        "coturn turnutils_uclient -t -S, one allocation with one message: median {:.1} ms process start to exit",
        median(uclient)
    );
}
