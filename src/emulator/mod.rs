//! `kvs-esp emulator`: a local KVS on loopback, so that every command works and is tested without AWS.
//! It serves the control plane and GetIceServerConfig over HTTP and HTTPS (with a CA it generates),
//! verifies SigV4 on every request against the configured key pairs, and answers with the service's
//! error shapes. It does not relay TURN: it mints TURN REST credentials a real coturn accepts.

mod api_error;
mod auth;
mod control;
pub mod faults;
mod keys;
mod pki;
mod server;
mod signaling;

/// The data plane's rate settings, as the command line spells them.
pub mod signaling_rates {
    pub use super::signaling::limits::Rates;
}
mod state;
mod turn_rest;

use crate::cli::EmulatorArgs;
use crate::error::{Error, Result};
use crate::output;
use server::Emulator;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// Default TURN URIs: coturn's default TLS and UDP ports on this machine.
const DEFAULT_TURN_URIS: [&str; 2] = ["turns:localhost:5349?transport=tcp", "turn:localhost:3478?transport=udp"];

pub async fn run(args: EmulatorArgs) -> Result<()> {
    kvs_core::names::Region::new(args.region.clone())?;
    if args.account_id.len() != 12 || !args.account_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::input(format!("invalid account id \"{}\": use 12 digits", args.account_id)));
    }
    for uri in &args.turn_uris {
        if !(uri.starts_with("turn:") || uri.starts_with("turns:")) {
            return Err(Error::input(format!("invalid TURN URI \"{uri}\": it must start with turn: or turns:")));
        }
    }
    let keys = keys::from_args(&args.keys, &args.expired_keys, &args.denied_keys)?;
    let (_temp_dir, state_dir, store) = match &args.state_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::local(format!("cannot create {}: {e}", dir.display())))?;
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

    let turn_uris =
        if args.turn_uris.is_empty() { DEFAULT_TURN_URIS.map(String::from).to_vec() } else { args.turn_uris.clone() };
    let settings = control::Settings {
        region: args.region.clone(),
        account_id: args.account_id.clone(),
        turn_uris,
        turn_secret: args.turn_secret.clone(),
        turn_ttl: args.turn_ttl,
        max_channels: args.max_channels,
    };
    let hub = signaling::Hub::new(signaling::Settings {
        max_viewers: args.max_viewers,
        rates: args.rates,
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_duration: Duration::from_secs(args.max_duration),
        go_away_grace: Duration::from_millis(args.go_away_grace_ms),
    });
    let emulator = Arc::new(Emulator::new(
        settings,
        keys.clone(),
        args.skew_tolerance,
        args.clock_offset,
        store,
        hub,
        output::verbosity() > 0,
    ));
    announce(&args, &keys, http_addr, https_addr, &authority.cert_path, args.state_dir.as_ref());
    let serving = async {
        tokio::join!(emulator.clone().serve(http, None), emulator.clone().serve(https, Some(acceptor)));
    };
    tokio::select! {
        _ = serving => {}
        _ = shutdown_signal() => {}
    }
    Ok(())
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

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Prints where the emulator listens and how to point kvs-esp and the AWS CLI at it; JSON: one line.
fn announce(
    args: &EmulatorArgs,
    keys: &[keys::KeyPair],
    http: SocketAddr,
    https: SocketAddr,
    ca: &std::path::Path,
    state: Option<&PathBuf>,
) {
    let key = &keys[0];
    let default_pair = key.access_key_id == keys::DEFAULT_ACCESS_KEY_ID;
    let secret = if default_pair { Some(key.secret_access_key.as_str()) } else { None };
    let http_url = format!("http://{http}");
    let https_url = format!("https://{}", https.to_string().replace("127.0.0.1", "localhost"));
    if output::is_json() {
        let line = serde_json::json!({
            "event": "listening",
            "http": http_url,
            "https": https_url,
            "ca_file": ca,
            "region": args.region,
            "access_key_id": key.access_key_id,
            "secret_access_key": secret,
            "state_dir": state,
        });
        println!("{line}");
        return;
    }
    let secret_shown = secret.unwrap_or("<the secret you passed with --key>");
    let state_line = match state {
        Some(dir) => format!("{} (channels kept across restarts)", dir.display()),
        None => "in memory (--state-dir DIR keeps channels and the CA)".into(),
    };
    println!(
        "kvs-esp emulator: a local Amazon KVS signaling service for region {region}\n\n\
         \x20 HTTP   {http_url}\n\
         \x20 HTTPS  {https_url}   CA: {ca}\n\
         \x20 Key    {akid} / {secret_shown}\n\
         \x20 State  {state_line}\n\n\
         Point kvs-esp at it:\n\
         \x20 export AWS_ACCESS_KEY_ID={akid} AWS_SECRET_ACCESS_KEY={secret_shown} AWS_REGION={region}\n\
         \x20 export AWS_ENDPOINT_URL_KINESIS_VIDEO={http_url}\n\
         \x20 kvs-esp channel create demo\n\
         \x20 (over TLS: --endpoint-url {https_url} --ca-file {ca})\n\n\
         Point the AWS CLI at it (same environment):\n\
         \x20 aws kinesisvideo describe-signaling-channel --channel-name demo --endpoint-url {http_url}\n\n\
         Ctrl-C stops it.",
        region = args.region,
        ca = ca.display(),
        akid = key.access_key_id,
    );
}
