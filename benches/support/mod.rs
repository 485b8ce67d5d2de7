//! What the benchmarks share: a spawned emulator, kvs-esp commands pointed at it, and requests signed with the
//! core's SigV4 (so that the load generator's own signing is not what is measured).
#![allow(dead_code)]

use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};

pub const AKID: &str = "AKIDKVSESPEMULATOR";
pub const SECRET: &str = "kvs-esp-emulator-secret-key-not-for-aws";

pub struct Emulator {
    pub child: std::process::Child,
    pub http: String,
    pub https: String,
    pub ca: String,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start_emulator(extra: &[&str]) -> Emulator {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kvs-esp"))
        .args(["emulator", "--http-port", "0", "--https-port", "0", "--output", "json"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the emulator");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let banner: serde_json::Value = serde_json::from_str(&line).unwrap();
    let field = |k: &str| banner[k].as_str().unwrap().to_string();
    Emulator { http: field("http"), https: field("https"), ca: field("ca_file"), child }
}

/// kvs-esp with the emulator's key pair, its CA, and a cache directory of its own.
pub fn kvs(emulator: &Emulator, endpoint: &str, cache: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kvs-esp"));
    command
        .env("AWS_ACCESS_KEY_ID", AKID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_REGION", "us-west-2")
        .env("AWS_ENDPOINT_URL_KINESIS_VIDEO", endpoint)
        .env("AWS_CA_BUNDLE", &emulator.ca)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("KVS_ESP_CACHE_DIR", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

pub fn credentials() -> kvs_core::sigv4::Credentials<'static> {
    kvs_core::sigv4::Credentials { access_key_id: AKID, secret_access_key: SECRET, session_token: None }
}

/// `x-amz-date` and `authorization` for a JSON POST to `host` (as sent in `Host`).
pub fn sign(host: &str, path: &str, body: &[u8]) -> kvs_core::sigv4::SignedHeaders {
    kvs_core::sigv4::sign_request(
        &credentials(),
        "us-west-2",
        "kinesisvideo",
        now(),
        &kvs_core::sigv4::HttpRequest {
            method: "POST",
            host,
            path,
            headers: &[("content-type", "application/json")],
            body,
        },
    )
}
