//! The control plane on loopback, each figure beside its peer in the same run (`cargo bench --bench
//! control_plane`):
//!
//! 1. `kvs-esp channel describe` against the emulator, process start to exit, over HTTP and over HTTPS, with its
//!    peak RSS (targets: p50 ≤ 4 ms over HTTP, ≤ 6 ms over HTTPS; RSS ≤ 8 MiB) — beside the AWS CLI's
//!    `describe-signaling-channel` against the same emulator;
//! 2. the emulator's DescribeSignalingChannel rate with SigV4 verification on every request — beside a hyper
//!    server that answers every request with the same bytes and does nothing else, under the same load (target:
//!    ≥ 85% of it), the two loads alternating in twelve half-second slices each; and each server's CPU time per request.
//!    Every request describes one channel, as clients starting at once do: the emulator verifies and parses each,
//!    and serializes the channel's answer once (it keeps it until the channel changes).
//!
//! `cargo bench --bench control_plane -- throughput` (or `-- startup`) runs one of the two.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use kvs_test_support::{CpuTimes, Emulator, Kvs, aws_cli, sign};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run: how long, and the process's peak RSS in KiB (from wait4's rusage).
#[allow(clippy::zombie_processes, reason = "wait4 reaps the child: std's wait cannot report its rusage")]
fn measure(command: &mut Command) -> (Duration, u64) {
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let started = Instant::now();
    let child = command.spawn().expect("spawn");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; status and usage are valid for writes.
    let waited = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert!(waited > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{command:?} failed");
    (elapsed, usage.ru_maxrss as u64)
}

struct Figures {
    p50_ms: f64,
    p95_ms: f64,
    rss_mib: f64,
}

fn runs(n: usize, mut command: impl FnMut() -> Command) -> Figures {
    let mut times = Vec::with_capacity(n);
    let mut rss = 0;
    for _ in 0..n {
        let (elapsed, peak) = measure(&mut command());
        times.push(elapsed.as_secs_f64() * 1000.0);
        rss = rss.max(peak);
    }
    times.sort_by(f64::total_cmp);
    Figures { p50_ms: times[n / 2], p95_ms: times[n * 95 / 100], rss_mib: rss as f64 / 1024.0 }
}

fn main() {
    let only: Option<String> = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let emulator = Emulator::start();
    let cache = tempfile::tempdir().unwrap();
    let http = Kvs::new(&emulator.http).set("KVS_ESP_CACHE_DIR", &cache.path().to_string_lossy());
    assert!(http.silent(&["channel", "create", "bench"]).status().unwrap().success());
    if only.as_deref().is_none_or(|name| name == "startup") {
        startup(&emulator, &http, cache.path());
    }
    if only.as_deref().is_none_or(|name| name == "throughput") {
        throughput(&emulator);
    }
}

fn startup(emulator: &Emulator, http: &Kvs, cache: &std::path::Path) {
    let https = Kvs::over_tls(&emulator.https, &emulator.ca_file, cache);

    println!("channel describe against the emulator, process start to exit:");
    let ours = runs(60, || http.command(&["channel", "describe", "bench"]));
    println!(
        "  kvs-esp, HTTP    p50 {:.1} ms, p95 {:.1} ms, peak RSS {:.1} MiB  [target p50 <= 4 ms, RSS <= 8 MiB]",
        ours.p50_ms, ours.p95_ms, ours.rss_mib
    );
    let tls = runs(60, || https.command(&["channel", "describe", "bench"]));
    println!(
        "  kvs-esp, HTTPS   p50 {:.1} ms, p95 {:.1} ms, peak RSS {:.1} MiB  [target p50 <= 6 ms]",
        tls.p50_ms, tls.p95_ms, tls.rss_mib
    );
    let home = tempfile::tempdir().unwrap();
    let theirs = runs(10, || {
        let mut aws = aws_cli(home.path());
        aws.args(["kinesisvideo", "describe-signaling-channel", "--channel-name", "bench"])
            .args(["--endpoint-url", &emulator.http]);
        aws
    });
    println!(
        "  AWS CLI, HTTP    p50 {:.1} ms, p95 {:.1} ms, peak RSS {:.1} MiB  (kvs-esp: {:.0}x faster, {:.1}x less memory)",
        theirs.p50_ms,
        theirs.p95_ms,
        theirs.rss_mib,
        theirs.p50_ms / ours.p50_ms,
        theirs.rss_mib / ours.rss_mib
    );
}

/// Half-second slices of load per server, alternating. The VM's neighbours moved the ratio of six slices each by ±8%
/// from run to run; the spread narrows with the square root of the slices.
const SLICES: u32 = 12;

fn throughput(emulator: &Emulator) {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let body = Bytes::from_static(br#"{"ChannelName":"bench"}"#);
    let reply = runtime.block_on(describe_reply(&emulator.http, body.clone()));
    let (_server, address) = kvs_test_support::bare_server::start(reply);
    let bare_url = format!("http://{address}");
    // Alternating slices rather than one run each: the machine's speed drifts with its neighbours by more than the
    // difference measured, and this way a drift falls on both servers alike.
    let (mut emulated, mut bare) = (Served::default(), Served::default());
    let cpu = CpuTimes::now();
    for _ in 0..SLICES {
        emulated.add(measure_load(&runtime, "emulator", &emulator.http, &body));
        bare.add(measure_load(&runtime, "bare-server", &bare_url, &body));
    }
    println!(
        "DescribeSignalingChannel, 32 keep-alive connections, {} s each in alternating slices:\n  \
         emulator, SigV4 verified   {:.0} requests/s, {:.1} us of server CPU each  ({:.0}% of the bare server)  \
         [target >= 85%]\n  \
         hyper, same reply, no work {:.0} requests/s, {:.1} us of server CPU each\n  \
         (CPU stolen by the hypervisor meanwhile: {:.1}%)",
        SLICES / 2,
        emulated.rate(),
        emulated.cpu_us(),
        100.0 * emulated.rate() / bare.rate(),
        bare.rate(),
        bare.cpu_us(),
        cpu.steal_percent_since()
    );
}

/// Requests served under load, in how long, and the CPU time the server's threads spent on them: the server's own
/// cost, which the rate shows only mixed with the load generator's (both share the machine's cores).
#[derive(Default)]
struct Served {
    requests: u64,
    elapsed: Duration,
    cpu: Duration,
}

impl Served {
    fn add(&mut self, slice: Served) {
        self.requests += slice.requests;
        self.elapsed += slice.elapsed;
        self.cpu += slice.cpu;
    }

    fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    fn cpu_us(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.requests as f64
    }
}

/// One slice of load (half a second) on the server whose threads are named `server_threads`.
fn measure_load(runtime: &tokio::runtime::Runtime, server_threads: &str, http: &str, body: &Bytes) -> Served {
    let before = cpu_of_threads(server_threads);
    let (requests, elapsed) = runtime.block_on(load(http, body.clone(), Duration::from_millis(500)));
    Served { requests, elapsed, cpu: cpu_of_threads(server_threads) - before }
}

/// How long the threads named `name` have run, from the kernel's scheduler statistics (nanoseconds).
fn cpu_of_threads(name: &str) -> Duration {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim_end() == name {
            let schedstat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
            total += schedstat.split_whitespace().next().and_then(|ns| ns.parse::<u64>().ok()).unwrap_or(0);
        }
    }
    Duration::from_nanos(total)
}

/// What the emulator answers a describe with: the bytes the bare server answers every request with.
async fn describe_reply(http: &str, body: Bytes) -> Bytes {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let response = client.request(request(http, &body)).await.expect("a describe");
    response.into_body().collect().await.unwrap().to_bytes()
}

fn request(http: &str, body: &Bytes) -> http::Request<Full<Bytes>> {
    let host = http.trim_start_matches("http://");
    let signed = sign(host, "/describeSignalingChannel", body);
    http::Request::post(format!("{http}/describeSignalingChannel"))
        .header("content-type", "application/json")
        .header("x-amz-date", &signed.x_amz_date)
        .header("authorization", &signed.authorization)
        .body(Full::new(body.clone()))
        .unwrap()
}

/// Drives a server with 32 keep-alive connections for `duration`: how many requests it served, in how long. One
/// request is signed up front and replayed, so the figure is the server's cost (verification included), not the
/// load generator's signing.
async fn load(http: &str, body: Bytes, duration: Duration) -> (u64, Duration) {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(64).build_http();
    let template = request(http, &body);
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let workers: Vec<_> = (0..32)
        .map(|_| {
            let client = client.clone();
            let (uri, headers, body) = (template.uri().clone(), template.headers().clone(), body.clone());
            tokio::spawn(async move {
                let mut done = 0u64;
                while Instant::now() < deadline {
                    let mut request = http::Request::post(uri.clone()).body(Full::new(body.clone())).unwrap();
                    *request.headers_mut() = headers.clone();
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
    (total, started.elapsed())
}
