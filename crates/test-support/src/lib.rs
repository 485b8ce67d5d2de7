//! What kvs-esp's tests and benchmarks share: the emulator in-process on loopback, the real kvs-esp binary run in
//! a clean environment (no ~/.aws, no instance metadata, its own cache directory), coturn, the ROM-loader double,
//! and small raw-HTTP helpers for what the binary cannot be made to send.

pub mod bare_server;
pub mod coturn;
pub mod rom_double;

pub use kvs_emulator::Config;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The emulator's default key pair.
pub const AKID: &str = kvs_emulator::DEFAULT_ACCESS_KEY_ID;
pub const SECRET: &str = kvs_emulator::DEFAULT_SECRET_ACCESS_KEY;

/// The kvs-esp binary cargo built beside the running test or benchmark (in the target directory, above `deps/`).
pub fn bin() -> &'static Path {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test's own path");
        let dir = exe.parent().and_then(|deps| deps.parent()).expect("a target directory above deps/");
        let bin = dir.join(format!("kvs-esp{}", std::env::consts::EXE_SUFFIX));
        assert!(bin.exists(), "{} is not built: run the tests with cargo test", bin.display());
        bin
    })
}

/// The checkout's root directory (for firmware/app, completions/, tests/interop).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The emulator, run in-process on a runtime of its own (so that synchronous tests can use it), on free loopback
/// ports; stopped when dropped.
pub struct Emulator {
    pub http: String,
    pub https: String,
    pub ca_file: PathBuf,
    running: Option<kvs_emulator::Emulator>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Emulator {
    pub fn start() -> Emulator {
        Emulator::with(|_| {})
    }

    /// An emulator with its configuration changed by `configure` (the ports are always free ones).
    pub fn with(configure: impl FnOnce(&mut Config)) -> Emulator {
        let mut config = Config { http_port: 0, https_port: 0, ..Config::default() };
        configure(&mut config);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("emulator")
            .enable_all()
            .build()
            .expect("a runtime for the emulator");
        let running = runtime
            .block_on(kvs_emulator::Emulator::start(config))
            .unwrap_or_else(|e| panic!("the emulator did not start: {e}"));
        Emulator {
            http: running.http_url(),
            https: running.https_url(),
            ca_file: running.ca_file().to_path_buf(),
            running: Some(running),
            runtime: Some(runtime),
        }
    }

    pub fn addr(&self) -> String {
        self.http.trim_start_matches("http://").to_string()
    }

    /// How many API requests it has served, from its stats endpoint.
    pub fn requests(&self) -> u64 {
        let (status, _, body) = raw_http(&self.addr(), "GET", "/_emulator/stats", &[], b"");
        assert_eq!(status, 200);
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["requests"].as_u64().unwrap()
    }

    /// Stops it and waits until its ports are closed.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let (Some(running), Some(runtime)) = (self.running.take(), self.runtime.take()) {
            runtime.block_on(running.shutdown());
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// The `kvs-esp emulator` command as a process of its own, killed when dropped: for figures about the emulator
/// itself (its memory per connection), measured apart from the load generator.
pub struct EmulatorProcess {
    child: Child,
    pub http: String,
    pub https: String,
    pub ca_file: PathBuf,
}

impl EmulatorProcess {
    pub fn spawn(args: &[&str]) -> EmulatorProcess {
        let mut child = Command::new(bin())
            .args(["emulator", "--http-port", "0", "--https-port", "0", "--output", "json"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read the banner");
        let banner: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("banner {line:?}: {e}"));
        let field = |k: &str| banner[k].as_str().unwrap_or_else(|| panic!("no {k} in {line}")).to_string();
        EmulatorProcess { http: field("http"), https: field("https"), ca_file: field("ca_file").into(), child }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The machine's CPU time so far, from /proc/stat, to tell how much of a measurement's time the hypervisor gave to
/// other guests (steal): on a shared VM, a latency tail of several milliseconds follows it, whatever the code does.
pub struct CpuTimes {
    steal: u64,
    total: u64,
}

impl CpuTimes {
    pub fn now() -> CpuTimes {
        let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
        let fields: Vec<u64> = stat
            .lines()
            .find(|line| line.starts_with("cpu "))
            .map(|line| line.split_whitespace().skip(1).filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default();
        // user nice system idle iowait irq softirq steal guest guest_nice; the guests' time is in user's already.
        CpuTimes { steal: fields.get(7).copied().unwrap_or(0), total: fields.iter().take(8).sum() }
    }

    /// The percentage of the CPU time since `self` that was stolen.
    pub fn steal_percent_since(&self) -> f64 {
        let now = CpuTimes::now();
        let total = now.total.saturating_sub(self.total).max(1);
        100.0 * now.steal.saturating_sub(self.steal) as f64 / total as f64
    }
}

/// The core's SigV4 credentials for the emulator's default pair.
pub fn credentials() -> kvs_core::sigv4::Credentials<'static> {
    kvs_core::sigv4::Credentials { access_key_id: AKID, secret_access_key: SECRET, session_token: None }
}

/// `x-amz-date` and `authorization` for a JSON POST to `host` (as sent in `Host`), signed now with the core's
/// SigV4 for the emulator's default pair (so that a load generator's own signing is not what is measured).
pub fn sign(host: &str, path: &str, body: &[u8]) -> kvs_core::sigv4::SignedHeaders {
    sign_scoped(host, path, body, SECRET, "us-west-2", "kinesisvideo", now())
}

/// A JSON POST signed with the core's SigV4 for the default key id with `secret`, in a chosen scope and time.
fn sign_scoped(
    host: &str,
    path: &str,
    body: &[u8],
    secret: &str,
    region: &str,
    service: &str,
    unix: u64,
) -> kvs_core::sigv4::SignedHeaders {
    let creds = kvs_core::sigv4::Credentials { access_key_id: AKID, secret_access_key: secret, session_token: None };
    let request = kvs_core::sigv4::HttpRequest {
        method: "POST",
        host,
        path,
        headers: &[("content-type", "application/json")],
        body,
    };
    kvs_core::sigv4::sign_request(&creds, region, service, unix, &request)
}

/// The result of one kvs-esp run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "{self:?}");
        self
    }

    #[track_caller]
    pub fn fails_with(self, code: i32) -> Run {
        assert_eq!(self.code, code, "{self:?}");
        self
    }
}

/// kvs-esp in a clean environment pointed at an endpoint with the emulator's default key pair.
pub struct Kvs {
    home: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Kvs {
    pub fn new(endpoint: &str) -> Kvs {
        let home = tempfile::tempdir().unwrap();
        let cache = home.path().join("cache");
        let env = [
            ("HOME", home.path().to_str().unwrap()),
            ("AWS_ACCESS_KEY_ID", AKID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_REGION", "us-west-2"),
            ("AWS_ENDPOINT_URL_KINESIS_VIDEO", endpoint),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_CONFIG_FILE", home.path().join("aws-config").to_str().unwrap()),
            ("AWS_SHARED_CREDENTIALS_FILE", home.path().join("aws-credentials").to_str().unwrap()),
            ("KVS_ESP_CACHE_DIR", cache.to_str().unwrap()),
            ("NO_COLOR", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        Kvs { home, env }
    }

    pub fn for_emulator(emulator: &Emulator) -> Kvs {
        Kvs::new(&emulator.http)
    }

    /// Pointed at `endpoint` over TLS, trusting `ca` (the emulator's CA), with the endpoint cache in `cache`.
    pub fn over_tls(endpoint: &str, ca: &Path, cache: &Path) -> Kvs {
        Kvs::new(endpoint)
            .set("AWS_CA_BUNDLE", &ca.to_string_lossy())
            .set("KVS_ESP_CACHE_DIR", &cache.to_string_lossy())
    }

    /// The binary with this environment and these arguments, its standard streams closed: for timing runs.
    pub fn silent(&self, args: &[&str]) -> Command {
        let mut command = self.command(args);
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        command
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn set(mut self, key: &str, value: &str) -> Kvs {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn unset(mut self, key: &str) -> Kvs {
        self.env.retain(|(k, _)| k != key);
        self
    }

    /// Lets the binary run cargo and rustup (which find their homes through HOME, replaced here).
    pub fn with_toolchain(self) -> Kvs {
        let real_home = std::env::var("HOME").unwrap_or_default();
        let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{real_home}/.cargo"));
        let rustup_home = std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{real_home}/.rustup"));
        self.set("CARGO_HOME", &cargo_home).set("RUSTUP_HOME", &rustup_home)
    }

    /// The binary with this environment and these arguments, to run as the caller likes.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = self.with_env(bin());
        command.args(args);
        command
    }

    /// Another program (the AWS CLI, strace around the binary) with this environment.
    pub fn with_env(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run kvs-esp");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// The esp32c3 firmware ELF, built when it is not there yet (scripts/test builds it before the tests).
pub fn firmware_elf() -> PathBuf {
    firmware_elf_for("esp32c3", "riscv32imc-unknown-none-elf")
}

/// The firmware ELF for a chip feature and its target, built when it is not there yet.
pub fn firmware_elf_for(feature: &str, target: &str) -> PathBuf {
    let app = root().join("firmware/app");
    let elf = app.join(format!("target/{target}/release/kvs-esp-firmware"));
    if !elf.exists() {
        let status = Command::new("cargo")
            .args(["build", "--release", "--features", feature, "--target", target])
            .current_dir(&app)
            .status()
            .expect("cargo");
        assert!(status.success(), "the firmware must build (rustup target add {target})");
    }
    elf
}

/// One HTTP/1.1 request over a fresh connection; returns status, headers (lowercase names) and body.
pub fn raw_http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n", body.len());
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    // A server may answer (413) and close before it has read the whole body.
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("header end");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string())).collect();
    (status, headers, response[split + 4..].to_vec())
}

/// A TCP server that answers every connection with the same bytes, then closes: for malformed, oversized
/// and dropped responses.
pub fn canned_server(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buf = [0u8; 65536];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(&response);
        }
    });
    format!("http://{addr}")
}

/// Signs a request with the core's SigV4 for a chosen scope, to send what kvs-esp itself never would.
pub fn signed_headers(
    host: &str,
    path: &str,
    body: &[u8],
    secret: &str,
    region: &str,
    service: &str,
    unix: u64,
) -> Vec<(String, String)> {
    let signed = sign_scoped(host, path, body, secret, region, service, unix);
    vec![
        ("content-type".into(), "application/json".into()),
        ("x-amz-date".into(), signed.x_amz_date),
        ("authorization".into(), signed.authorization),
    ]
}

pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// A running `kvs-esp signal connect` (or any long-running kvs-esp command): stdin to write JSON lines to,
/// stdout JSON lines and stderr lines collected by threads.
pub struct Session {
    child: Child,
    stdin: Option<std::process::ChildStdin>,
    stdout: std::sync::mpsc::Receiver<serde_json::Value>,
    seen: Vec<serde_json::Value>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Kvs {
    pub fn spawn(&self, args: &[&str]) -> Session {
        let mut child = Command::new(bin())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn kvs-esp");
        let (tx, stdout) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let value = serde_json::from_str(&line).unwrap_or(serde_json::Value::String(line));
                if tx.send(value).is_err() {
                    break;
                }
            }
        });
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = stderr.clone();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut text = sink.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        Session { stdin: child.stdin.take(), child, stdout, seen: Vec::new(), stderr }
    }
}

impl Session {
    pub fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Writes raw bytes to stdin (which stays open).
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends a signal (`INT`, `TERM`) without touching stdin.
    pub fn signal(&self, name: &str) {
        let _ = Command::new("kill").args([&format!("-{name}"), &self.child.id().to_string()]).status();
    }

    /// Waits up to `within` for the process to exit, stdin left as it is; `None` when it is still running.
    pub fn exited_within(&mut self, within: Duration) -> Option<i32> {
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                while let Ok(value) = self.stdout.try_recv() {
                    self.seen.push(value);
                }
                return Some(status.code().unwrap_or(-1));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// How many stderr lines contain `text`.
    pub fn count(&self, text: &str) -> usize {
        self.stderr().lines().filter(|l| l.contains(text)).count()
    }

    /// Waits until stderr has `n` lines containing `text`.
    #[track_caller]
    pub fn wait_for_stderr(&self, text: &str, n: usize) {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while self.count(text) < n {
            assert!(std::time::Instant::now() < deadline, "timed out waiting for {n}× {text:?} in:\n{}", self.stderr());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the next stdout line that matches, keeping every line seen.
    #[track_caller]
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        if let Some(found) = self.seen.iter().find(|v| matches(v)) {
            return found.clone();
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(value) => {
                    self.seen.push(value.clone());
                    if matches(&value) {
                        return value;
                    }
                }
                Err(_) => panic!("timed out waiting for {what}; stdout {:?}\nstderr:\n{}", self.seen, self.stderr()),
            }
        }
    }

    /// Every stdout line of a type seen so far (after draining what has arrived).
    pub fn of_type(&mut self, kind: &str) -> Vec<serde_json::Value> {
        while let Ok(value) = self.stdout.try_recv() {
            self.seen.push(value);
        }
        self.seen.iter().filter(|v| v["type"] == kind).cloned().collect()
    }

    /// Every stdout line seen so far, whatever its type.
    pub fn of_type_all(&mut self) -> Vec<serde_json::Value> {
        while let Ok(value) = self.stdout.try_recv() {
            self.seen.push(value);
        }
        self.seen.clone()
    }

    /// Closes stdin and waits for the process to exit; returns its exit code.
    #[track_caller]
    pub fn finish(&mut self) -> i32 {
        self.stdin.take();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                while let Ok(value) = self.stdout.try_recv() {
                    self.seen.push(value);
                }
                return status.code().unwrap_or(-1);
            }
            assert!(std::time::Instant::now() < deadline, "the session did not end:\n{}", self.stderr());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops it with SIGINT (as Ctrl-C) and waits for it.
    pub fn interrupt(&mut self) -> i32 {
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        self.finish()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Emulator {
    /// Injects a fault through the admin endpoint; returns how many connections it reached.
    pub fn fault(&self, fault: serde_json::Value) -> u64 {
        let body = fault.to_string();
        let (status, _, response) = raw_http(&self.addr(), "POST", "/_emulator/faults", &[], body.as_bytes());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&response));
        serde_json::from_slice::<serde_json::Value>(&response).unwrap()["affected"].as_u64().unwrap()
    }

    pub fn connections(&self) -> u64 {
        let (_, _, body) = raw_http(&self.addr(), "GET", "/_emulator/stats", &[], b"");
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["signaling"]["connections"].as_u64().unwrap()
    }
}

/// A WebSocket upgrade request presigned with the core's signer; returns the HTTP status of the answer and
/// the connection (which holds the WebSocket open while it lives).
pub fn ws_handshake(addr: &str, path: &str, params: &[(&str, &str)], secret: &str, unix: u64) -> (u16, TcpStream) {
    let creds = kvs_core::sigv4::Credentials { access_key_id: AKID, secret_access_key: secret, session_token: None };
    let query = kvs_core::sigv4::presign_query(
        &creds,
        "us-west-2",
        "kinesisvideo",
        unix,
        &kvs_core::sigv4::PresignRequest { host: addr, path, params, expires_secs: 299 },
    );
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let request = format!(
        "GET {path}?{query} HTTP/1.1\r\nhost: {addr}\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    (text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0), stream)
}

/// A small ESP32-S3 (Xtensa) application ELF, made here with Debian's binutils-xtensa-lx106 (no Xtensa Rust
/// toolchain exists on this machine): an ESP-IDF app descriptor in `.flash.appdesc` at the start of the data
/// mapping (0x3C000020), read-only data, code in the instruction mapping (0x42010020) and in IRAM (0x40370000).
pub fn xtensa_elf(dir: &std::path::Path) -> PathBuf {
    const ASSEMBLY: &str = "    .section .flash.appdesc, \"a\"\n    .global esp_app_desc\nesp_app_desc:\n\
        \x20   .word 0xABCD5432\n    .word 0\n    .word 0, 0\n    .ascii \"1\"\n    .space 31\n\
        \x20   .ascii \"kvs-esp-xtensa-test\"\n    .space 13\n    .space 16\n    .space 16\n    .space 32\n    .space 32\n\
        \x20   .short 0, 0\n    .byte 16\n    .space 75\n\
        \x20   .section .flash.rodata, \"a\"\n    .ascii \"an Xtensa image made for the flash tests\\0\"\n\
        \x20   .section .flash.text, \"ax\"\n    .global _start\n    .align 4\n_start:\n    j _start\n\
        \x20   .section .iram0.text, \"ax\"\n    .align 4\niram_loop:\n    j iram_loop\n";
    const LINKER_SCRIPT: &str = "ENTRY(_start)\nSECTIONS {\n  .flash.appdesc 0x3C000020 : { KEEP(*(.flash.appdesc)) }\n\
        \x20 .flash.rodata : { *(.flash.rodata) }\n  .flash.text 0x42010020 : { *(.flash.text) }\n\
        \x20 .iram0.text 0x40370000 : { *(.iram0.text) }\n}\n";
    std::fs::write(dir.join("app.s"), ASSEMBLY).unwrap();
    std::fs::write(dir.join("app.ld"), LINKER_SCRIPT).unwrap();
    let run = |tool: &str, args: &[&str]| {
        let status = Command::new(tool)
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap_or_else(|e| panic!("{tool} (Debian's binutils-xtensa-lx106; scripts/setup installs it): {e}"));
        assert!(status.success(), "{tool} {args:?}");
    };
    run("xtensa-lx106-elf-as", &["-o", "app.o", "app.s"]);
    run("xtensa-lx106-elf-ld", &["-T", "app.ld", "-o", "app.elf", "app.o"]);
    dir.join("app.elf")
}

/// A `kvs-esp virtual-device` process, killed when dropped.
pub struct VirtualDevice {
    child: std::process::Child,
    /// The pseudo-terminal a monitor opens.
    pub port: String,
}

impl VirtualDevice {
    pub fn start(kvs: &Kvs) -> VirtualDevice {
        VirtualDevice::answering(kvs, &[])
    }

    /// A virtual device started with extra flags (`--answer media`, …).
    pub fn answering(kvs: &Kvs, extra: &[&str]) -> VirtualDevice {
        let mut args = vec!["-o", "json", "virtual-device", "--until", "60s"];
        args.extend(extra);
        let mut child = kvs.command(&args).stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let banner: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("banner {line:?}: {e}"));
        VirtualDevice { child, port: banner["port"].as_str().unwrap().to_string() }
    }
}

impl Drop for VirtualDevice {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The AWS CLI with the emulator's default key pair and region, its profile files pointed at nothing under `home`:
/// the official client, as the conformance tests and the control-plane benchmark run it.
pub fn aws_cli(home: &Path) -> Command {
    let mut command = Command::new("aws");
    command
        .env("HOME", home)
        .env("AWS_ACCESS_KEY_ID", AKID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_DEFAULT_REGION", "us-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
        .env_remove("AWS_PROFILE");
    command
}
