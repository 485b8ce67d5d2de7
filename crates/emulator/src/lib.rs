//! A local KVS on loopback, so that every command works and is tested without AWS. It serves the control plane
//! and GetIceServerConfig over HTTP and HTTPS (with a CA it generates), the signaling WebSocket data plane,
//! verifies SigV4 on every request against the configured key pairs, and answers with the service's error
//! shapes. It does not relay TURN: it mints TURN REST credentials a real coturn accepts.
//!
//! [`Emulator::start`] binds and serves on the current tokio runtime and returns a handle with the addresses, the
//! CA and the key; the `kvs-esp emulator` command, the tests and the benchmarks all run it this way.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod api_error;
mod auth;
mod control;
mod error;
pub mod faults;
mod keys;
mod pki;
mod reply;
mod request_body;
mod server;
mod signaling;
mod state;
pub mod storage;
mod turn_rest;

pub use error::{Error, ErrorKind, Result};
pub use keys::{DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, KeyPair};
use server::{Reception, Service};
pub use server::{RequestLog, RequestRecord};
pub use signaling::limits::Rates;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The farthest the emulator's clock may be shifted: ten years either way (dates stay within what HTTP and SigV4
/// can write).
pub const MAX_CLOCK_OFFSET_SECS: i64 = 10 * 365 * 24 * 3600;
/// The longest idle timeout, connection lifetime, GO_AWAY grace or skew tolerance it takes: a year.
const MAX_PERIOD: Duration = Duration::from_secs(365 * 24 * 3600);

/// Default TURN URIs: coturn's default TLS and UDP ports on this machine.
const DEFAULT_TURN_URIS: [&str; 2] = ["turns:localhost:5349?transport=tcp", "turn:localhost:3478?transport=udp"];

/// How the emulator runs: the `kvs-esp emulator` flags, as plain settings.
#[derive(Clone)]
pub struct Config {
    /// The address to listen on (loopback unless an unauthenticated test service is meant to be exposed).
    pub bind: IpAddr,
    /// Plain-HTTP port; 0 picks a free one.
    pub http_port: u16,
    /// HTTPS port; 0 picks a free one.
    pub https_port: u16,
    /// Where the CA and the channels are kept across restarts; `None` is a temporary directory, channels in memory.
    pub state_dir: Option<PathBuf>,
    /// Accepted key pairs, `AKID:SECRET[:TOKEN]`; empty means the default pair.
    pub keys: Vec<String>,
    /// Key pairs whose session has expired (`AKID:SECRET`).
    pub expired_keys: Vec<String>,
    /// Key pairs without permissions (`AKID:SECRET`).
    pub denied_keys: Vec<String>,
    /// The region it serves.
    pub region: String,
    /// The account id in the ARNs it mints (12 digits).
    pub account_id: String,
    /// How far a request's X-Amz-Date may be from the emulator's clock, in seconds.
    pub skew_tolerance: u64,
    /// Seconds added to the emulator's clock.
    pub clock_offset: i64,
    /// TURN URIs handed out in GetIceServerConfig; empty means coturn's defaults on this machine.
    pub turn_uris: Vec<String>,
    /// The TURN REST shared secret (coturn's static-auth-secret).
    pub turn_secret: String,
    /// Lifetime of minted TURN credentials, in seconds.
    pub turn_ttl: u32,
    /// Most channels before AccountChannelLimitExceededException; also the most streams (counted apart).
    pub max_channels: usize,
    /// Most viewers connected to one channel.
    pub max_viewers: usize,
    /// Messages per second per connection for offers, answers and candidates.
    pub rates: Rates,
    /// Quiet time before a connection gets GO_AWAY and is closed.
    pub idle_timeout: Duration,
    /// How long a connection may last before GO_AWAY.
    pub max_duration: Duration,
    /// Time between GO_AWAY and the close that follows.
    pub go_away_grace: Duration,
    /// How long a client may take to send a request's headers, and then its body (slow clients are cut off).
    pub request_timeout: Duration,
    /// Called once per request served (the command's `-v` request log).
    pub on_request: Option<RequestLog>,
    /// What runs a storage session when a master calls JoinStorageSession; without one, the call is refused.
    pub storage_peer: Option<Arc<dyn storage::StoragePeer>>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            http_port: 8480,
            https_port: 8443,
            state_dir: None,
            keys: Vec::new(),
            expired_keys: Vec::new(),
            denied_keys: Vec::new(),
            region: "us-west-2".into(),
            account_id: "111122223333".into(),
            skew_tolerance: 300,
            clock_offset: 0,
            turn_uris: Vec::new(),
            turn_secret: "kvs-emulator-shared-secret".into(),
            turn_ttl: 300,
            max_channels: 10_000,
            max_viewers: 10,
            rates: Rates::default(),
            idle_timeout: Duration::from_secs(600),
            max_duration: Duration::from_secs(3600),
            go_away_grace: Duration::from_millis(5_000),
            request_timeout: Duration::from_secs(10),
            on_request: None,
            storage_peer: None,
        }
    }
}

/// A running emulator. Dropping it (or [`Emulator::shutdown`]) stops it; a temporary state directory goes with it.
pub struct Emulator {
    http: SocketAddr,
    https: SocketAddr,
    ca_file: PathBuf,
    region: String,
    key: KeyPair,
    state_dir: Option<PathBuf>,
    stop: Option<oneshot::Sender<()>>,
    served: Option<tokio::task::JoinHandle<()>>,
    _temp_dir: Option<tempfile::TempDir>,
}

impl Emulator {
    /// Checks the configuration, binds both ports and starts serving on the current tokio runtime.
    pub async fn start(config: Config) -> Result<Emulator> {
        let args = &config;
        kvs_core::names::Region::new(args.region.clone())?;
        if args.account_id.len() != 12 || !args.account_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::input(format!("invalid account id \"{}\": use 12 digits", args.account_id)));
        }
        for uri in &args.turn_uris {
            if !(uri.starts_with("turn:") || uri.starts_with("turns:")) {
                return Err(Error::input(format!("invalid TURN URI \"{uri}\": it must start with turn: or turns:")));
            }
        }
        check_ranges(args)?;
        let keys = keys::from_specs(&args.keys, &args.expired_keys, &args.denied_keys)?;
        let (temp_dir, state_dir, store) = match &args.state_dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::local(format!("cannot create {}: {e}", dir.display())))?;
                state::remove_orphans(dir);
                (None, dir.clone(), state::Store::persistent(dir.clone())?)
            }
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("kvs-esp-emulator-")
                    .tempdir()
                    .map_err(|e| Error::local(format!("cannot create a temporary directory: {e}")))?;
                let dir = temp.path().to_path_buf();
                (Some(temp), dir, state::Store::in_memory())
            }
        };
        let authority = pki::Authority::load_or_create(&state_dir)?;
        let acceptor = tokio_rustls::TlsAcceptor::from(authority.server_config(args.bind)?);
        let http = bind(args.bind, args.http_port, "--http-port").await?;
        let https = bind(args.bind, args.https_port, "--https-port").await?;
        let (http_addr, https_addr) = (local(&http)?, local(&https)?);

        let turn_uris = if args.turn_uris.is_empty() {
            DEFAULT_TURN_URIS.map(String::from).to_vec()
        } else {
            args.turn_uris.clone()
        };
        let settings = control::Settings {
            region: args.region.clone(),
            account_id: args.account_id.clone(),
            turn_uris,
            turn_secret: args.turn_secret.clone(),
            turn_ttl: args.turn_ttl,
            max_channels: args.max_channels,
        };
        let storage = Arc::new(storage::Storage::new(
            args.storage_peer.clone(),
            state_dir.join("streams"),
            format!("http://{http_addr}"),
            args.region.clone(),
            keys[0].clone(),
        ));
        let hub = signaling::Hub::new(
            signaling::Settings {
                max_viewers: args.max_viewers,
                rates: args.rates,
                idle_timeout: args.idle_timeout,
                max_duration: args.max_duration,
                go_away_grace: args.go_away_grace,
            },
            storage.clone(),
        );
        let reception = Reception {
            tolerance: args.skew_tolerance,
            clock_offset: args.clock_offset,
            request_timeout: args.request_timeout,
            log: args.on_request.clone(),
        };
        let service = Arc::new(Service::new(settings, keys.clone(), store, hub, storage, reception));
        let (stop, stopped) = oneshot::channel::<()>();
        let served = tokio::spawn(async move {
            let serving = async {
                tokio::join!(service.clone().serve(http, None), service.clone().serve(https, Some(acceptor)));
            };
            tokio::select! {
                _ = serving => {}
                _ = stopped => {}
            }
        });
        Ok(Emulator {
            http: http_addr,
            https: https_addr,
            ca_file: authority.cert_path.clone(),
            region: args.region.clone(),
            key: keys[0].clone(),
            state_dir: args.state_dir.clone(),
            stop: Some(stop),
            served: Some(served),
            _temp_dir: temp_dir,
        })
    }

    /// The plain-HTTP endpoint, `http://127.0.0.1:PORT`.
    pub fn http_url(&self) -> String {
        format!("http://{}", self.http)
    }

    /// The HTTPS endpoint, named `localhost` (the name its certificate carries for loopback).
    pub fn https_url(&self) -> String {
        format!("https://{}", self.https.to_string().replace("127.0.0.1", "localhost"))
    }

    pub fn http_addr(&self) -> SocketAddr {
        self.http
    }

    pub fn https_addr(&self) -> SocketAddr {
        self.https
    }

    /// The CA that issued the HTTPS certificate, as a PEM file.
    pub fn ca_file(&self) -> &Path {
        &self.ca_file
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// The first accepted key pair (the default one unless keys were configured).
    pub fn key(&self) -> &KeyPair {
        &self.key
    }

    /// The state directory given in the configuration (`None`: a temporary one, channels in memory).
    pub fn state_dir(&self) -> Option<&Path> {
        self.state_dir.as_deref()
    }

    /// Stops serving and waits until the listeners are closed.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(served) = self.served.take() {
            let _ = served.await;
        }
    }
}

/// Settings a request's arithmetic could not survive are refused at start, not per request.
fn check_ranges(config: &Config) -> Result<()> {
    if config.clock_offset.unsigned_abs() > MAX_CLOCK_OFFSET_SECS.unsigned_abs() {
        return Err(Error::input(format!(
            "clock offset {} s is out of range: at most {MAX_CLOCK_OFFSET_SECS} s either way",
            config.clock_offset
        )));
    }
    let periods = [
        ("idle timeout", config.idle_timeout),
        ("maximum duration", config.max_duration),
        ("GO_AWAY grace", config.go_away_grace),
        ("request timeout", config.request_timeout),
        ("skew tolerance", Duration::from_secs(config.skew_tolerance)),
        ("TURN credential lifetime", Duration::from_secs(u64::from(config.turn_ttl))),
    ];
    for (name, period) in periods {
        if period > MAX_PERIOD {
            return Err(Error::input(format!("the {name} of {} s is out of range: at most a year", period.as_secs())));
        }
    }
    Ok(())
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(served) = self.served.take() {
            served.abort();
        }
    }
}

async fn bind(ip: std::net::IpAddr, port: u16, flag: &str) -> Result<TcpListener> {
    TcpListener::bind((ip, port)).await.map_err(|e| {
        Error::local(format!("cannot listen on {ip}:{port}: {e}"))
            .with_hint(format!("another emulator may be running; pick another port with {flag} (0 picks a free one)"))
    })
}

fn local(listener: &TcpListener) -> Result<SocketAddr> {
    listener.local_addr().map_err(|e| Error::local(e.to_string()))
}
