//! Prints two figures for the control plane on loopback (run with `cargo bench --bench control_plane`):
//!
//! 1. the wall time of one `kvs-esp channel describe` against the emulator, process start to exit
//!    (target: under 25 ms);
//! 2. the emulator's sustained DescribeSignalingChannel rate with SigV4 verification on every request
//!    (target: at least 5,000 requests/s on 2 cores).

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AKID: &str = "AKIDKVSESPEMULATOR";
const SECRET: &str = "kvs-esp-emulator-secret-key-not-for-aws";

fn main() {
    let mut emulator = Command::new(env!("CARGO_BIN_EXE_kvs-esp"))
        .args(["emulator", "--http-port", "0", "--https-port", "0", "--output", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the emulator");
    let mut banner = String::new();
    std::io::BufReader::new(emulator.stdout.take().unwrap()).read_line(&mut banner).unwrap();
    let banner: serde_json::Value = serde_json::from_str(&banner).unwrap();
    let http = banner["http"].as_str().unwrap().to_string();
    let cache = tempfile::tempdir().unwrap();

    let kvs = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_kvs-esp"))
            .env("AWS_ACCESS_KEY_ID", AKID)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("AWS_REGION", "us-west-2")
            .env("AWS_ENDPOINT_URL_KINESIS_VIDEO", &http)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("KVS_ESP_CACHE_DIR", cache.path())
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    kvs(&["channel", "create", "bench"]);

    let mut times: Vec<Duration> = (0..60)
        .map(|_| {
            let started = Instant::now();
            kvs(&["channel", "describe", "bench"]);
            started.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "command wall time (kvs-esp channel describe, process start to exit, {} runs): min {:.1} ms, p50 {:.1} ms, p95 {:.1} ms  [target < 25 ms]",
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100])
    );

    let rate = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(load(&http));
    println!("emulator DescribeSignalingChannel with SigV4 verification: {rate:.0} requests/s  [target >= 5000]");
    let _ = emulator.kill();
    let _ = emulator.wait();
}

/// Drives the emulator with 32 keep-alive connections for 3 s. One request is signed up front and replayed,
/// so the figure is the emulator's cost (verification included), not the load generator's signing.
async fn load(http: &str) -> f64 {
    let host = http.trim_start_matches("http://").to_string();
    let body = Bytes::from_static(br#"{"ChannelName":"bench"}"#);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let creds = kvs_core::sigv4::Credentials { access_key_id: AKID, secret_access_key: SECRET, session_token: None };
    let signed = kvs_core::sigv4::sign_request(
        &creds,
        "us-west-2",
        "kinesisvideo",
        now,
        &kvs_core::sigv4::HttpRequest {
            method: "POST",
            host: &host,
            path: "/describeSignalingChannel",
            headers: &[("content-type", "application/json")],
            body: &body,
        },
    );
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(64).build_http();
    let url: http::Uri = format!("{http}/describeSignalingChannel").parse().unwrap();
    let deadline = Instant::now() + Duration::from_secs(3);
    let started = Instant::now();
    let workers: Vec<_> = (0..32)
        .map(|_| {
            let (client, url, body, signed) = (client.clone(), url.clone(), body.clone(), signed.clone());
            tokio::spawn(async move {
                let mut done = 0u64;
                while Instant::now() < deadline {
                    let request = http::Request::post(url.clone())
                        .header("content-type", "application/json")
                        .header("x-amz-date", &signed.x_amz_date)
                        .header("authorization", &signed.authorization)
                        .body(Full::new(body.clone()))
                        .unwrap();
                    let response = client.request(request).await.expect("request");
                    assert_eq!(response.status(), 200);
                    response.into_body().collect().await.unwrap();
                    done += 1;
                }
                done
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker.await.unwrap();
    }
    total as f64 / started.elapsed().as_secs_f64()
}
