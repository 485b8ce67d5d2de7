//! Would TURN over TLS work from here, with the trust an ESP32 has, and how long does each step take? For every
//! `turns:` server of a channel (or one given by hand): DNS, TCP, TLS, TURN Allocate with long-term
//! credentials, an optional relay round trip, Refresh — each step timed, the first failure named.

mod certs;
pub(crate) mod client;
pub mod probe;
pub mod trust;

use crate::api::{self, CachePolicy};
use crate::aws::AwsContext;
use crate::error::{Error, Result};
use futures_util::StreamExt;
use kvs_core::names::{ChannelRef, ClientId, Role};
pub use kvs_core::stun::uri::{Transport, TurnUri};
pub use probe::{Report, Settings, Target, TlsVersions};
pub use trust::Trust;

/// The servers to probe and the URIs left out, with why.
#[derive(Debug, Default)]
pub struct Targets {
    pub targets: Vec<Target>,
    pub skipped: Vec<Skipped>,
}

/// A URI of GetIceServerConfig's answer that is not probed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// TURN over DTLS, which the probe does not speak.
    Dtls(String),
    /// A URI that cannot be read.
    Unreadable { uri: String, why: String },
}

/// The `turns:` servers (and, with `udp`, the plain `turn:` UDP ones) of a channel's GetIceServerConfig.
pub async fn channel_targets(
    ctx: &AwsContext,
    channel: &ChannelRef,
    role: Role,
    client_id: Option<ClientId>,
    policy: &CachePolicy,
    udp: bool,
) -> Result<Targets> {
    let (_, servers) = api::ice_server_config(ctx, channel, role, client_id, policy).await?;
    let mut found = Targets::default();
    for server in servers {
        for text in &server.uris {
            match text.parse::<TurnUri>() {
                Ok(uri) if uri.is_tls() || (udp && !uri.secure && uri.transport == Transport::Udp) => {
                    found.targets.push(Target {
                        uri,
                        username: server.username.clone().unwrap_or_default(),
                        password: server.password.clone().unwrap_or_default(),
                    })
                }
                Ok(uri) if uri.is_dtls() => found.skipped.push(Skipped::Dtls(uri.to_string())),
                Ok(_) => {}
                Err(why) => found.skipped.push(Skipped::Unreadable { uri: text.clone(), why }),
            }
        }
    }
    Ok(found)
}

/// Probes every target, `jobs` at a time, and returns the reports in the targets' order.
pub async fn probe_all(targets: &[Target], settings: &Settings, jobs: usize) -> Vec<Report> {
    let mut reports: Vec<(usize, Report)> = futures_util::stream::iter(targets.iter().enumerate())
        .map(|(i, target)| async move { (i, probe::probe(target, settings).await) })
        .buffer_unordered(jobs.max(1))
        .collect()
        .await;
    reports.sort_by_key(|(i, _)| *i);
    reports.into_iter().map(|(_, report)| report).collect()
}

/// The peer of `--peer HOST:PORT`, resolved.
pub async fn resolve_peer(peer: &str) -> Result<std::net::SocketAddr> {
    tokio::net::lookup_host(peer)
        .await
        .ok()
        .and_then(|mut found| found.next())
        .ok_or_else(|| Error::input(format!("invalid --peer \"{peer}\": expected HOST:PORT")))
}
