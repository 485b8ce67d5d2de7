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
use kvs_test_support::{Emulator, Kvs, sign};
use std::time::{Duration, Instant};

fn main() {
    let emulator = Emulator::start();
    let http = emulator.http.clone();
    let cache = tempfile::tempdir().unwrap();
    let kvs = Kvs::over_tls(&http, &emulator.ca_file, cache.path());
    let run = |args: &[&str]| {
        let status = kvs.silent(args).status().unwrap();
        assert!(status.success());
    };
    run(&["channel", "create", "bench"]);

    let mut times: Vec<Duration> = (0..60)
        .map(|_| {
            let started = Instant::now();
            run(&["channel", "describe", "bench"]);
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
}

/// Drives the emulator with 32 keep-alive connections for 3 s. One request is signed up front and replayed,
/// so the figure is the emulator's cost (verification included), not the load generator's signing.
async fn load(http: &str) -> f64 {
    let host = http.trim_start_matches("http://").to_string();
    let body = Bytes::from_static(br#"{"ChannelName":"bench"}"#);
    let signed = sign(&host, "/describeSignalingChannel", &body);
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
