//! `kvs-esp turn-tls probe`: would TURN over TLS work from here, with the trust an ESP32 has, and how long
//! does each step take? For every `turns:` server of a channel (or one given by hand): DNS, TCP, TLS, TURN
//! Allocate with long-term credentials, an optional relay round trip, Refresh.

mod certs;
mod client;
pub mod probe;
pub mod trust;
mod uri;

use crate::api::{self, CachePolicy};
use crate::aws::AwsContext;
use crate::cli::{GlobalArgs, ProbeArgs};
use crate::error::{Error, Kind, Result};
use crate::output;
use futures_util::StreamExt;
pub use probe::{Report, TlsVersions};
use probe::{Settings, Target};
use std::time::Duration;
pub use trust::Trust;
pub use uri::TurnUri;

pub async fn run(global: &GlobalArgs, args: ProbeArgs) -> Result<()> {
    let targets = targets(global, &args).await?;
    if targets.is_empty() {
        return Err(Error::new(Kind::Service, "there is no TURN server to probe")
            .with_hint("GetIceServerConfig returned no turns:…?transport=tcp URI (use --udp for turn: UDP URIs)"));
    }
    let peer = match &args.peer {
        Some(peer) => Some(
            tokio::net::lookup_host(peer.as_str())
                .await
                .ok()
                .and_then(|mut a| a.next())
                .ok_or_else(|| Error::input(format!("invalid --peer \"{peer}\": expected HOST:PORT")))?,
        ),
        None => None,
    };
    let settings = Settings {
        trust: trust::TrustStore::load(&args.trust)?,
        esp: trust::TrustStore::load(&Trust::EspCommon)?,
        versions: args.tls,
        peer,
        timeout: Duration::from_secs(args.timeout),
    };
    let reports: Vec<(usize, Report)> = futures_util::stream::iter(targets.iter().enumerate())
        .map(|(i, target)| {
            let settings = &settings;
            async move { (i, probe::probe(target, settings).await) }
        })
        .buffer_unordered(args.jobs.max(1))
        .collect()
        .await;
    let mut reports = reports;
    reports.sort_by_key(|(i, _)| *i);
    let reports: Vec<Report> = reports.into_iter().map(|(_, r)| r).collect();
    let failed = reports.iter().filter(|r| !r.ok).count();
    if output::is_json() {
        output::json(&serde_json::json!({ "servers": reports, "failed": failed }));
    } else {
        output::text(&render(&reports));
    }
    if failed > 0 {
        let first = reports.iter().find_map(|r| r.failure.as_ref().map(|f| (r, f)));
        let (message, hint) = match first {
            Some((report, failure)) => (
                format!(
                    "{failed} of {} TURN servers failed; first: {} at {}: {}",
                    reports.len(),
                    report.uri,
                    failure.step,
                    failure.cause
                ),
                failure.hint.clone(),
            ),
            None => (format!("{failed} TURN servers failed"), String::new()),
        };
        return Err(Error::new(Kind::Check, message).with_hint(hint).in_report());
    }
    Ok(())
}

/// The servers to probe: from GetIceServerConfig for --channel, or the one given with --uri.
async fn targets(global: &GlobalArgs, args: &ProbeArgs) -> Result<Vec<Target>> {
    let wanted = |uri: &TurnUri| uri.is_tls() || (args.udp && !uri.secure && uri.transport == uri::Transport::Udp);
    if let Some(uri) = &args.uri {
        let username = args.username.clone().ok_or_else(|| Error::input("--uri needs --username (and --password)"))?;
        let password =
            args.password.clone().ok_or_else(|| Error::input("--uri needs --password (or KVS_ESP_TURN_PASSWORD)"))?;
        return Ok(vec![Target { uri: uri.clone(), username, password }]);
    }
    let channel =
        args.channel.as_ref().ok_or_else(|| Error::input("give --channel, or --uri with --username and --password"))?;
    let ctx = AwsContext::load(global).await?;
    let policy = CachePolicy { enabled: !global.no_cache };
    let (_, servers) = api::ice_server_config(&ctx, channel, args.role.into(), args.client_id.clone(), &policy).await?;
    let mut targets = Vec::new();
    for server in servers {
        for text in &server.uris {
            match text.parse::<TurnUri>() {
                Ok(uri) if wanted(&uri) => targets.push(Target {
                    uri,
                    username: server.username.clone().unwrap_or_default(),
                    password: server.password.clone().unwrap_or_default(),
                }),
                Ok(uri) if uri.is_dtls() => output::note(&format!("skipping {uri}: TURN over DTLS is not probed")),
                Ok(_) => {}
                Err(why) => output::warn(&why),
            }
        }
    }
    Ok(targets)
}

fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        let mark = if report.ok { "✓" } else { "✗" };
        let summary = match (&report.allocation, &report.failure) {
            (_, Some(f)) => format!("failed at {}", f.step),
            (Some(a), None) => format!("relay {}", a.relayed),
            (None, None) => String::new(),
        };
        out.push_str(&format!("{mark} {}  {summary}  ({:.1} ms)\n", report.uri, report.total_ms));
        for step in &report.steps {
            out.push_str(&format!("    {:<16} {:>8.1} ms  {}\n", step.name, step.ms, step.detail));
        }
        if let Some(tls) = &report.tls {
            for (i, cert) in tls.chain.iter().enumerate() {
                let label = if i == 0 { "certificate" } else { "issued by" };
                let sans = if cert.sans.is_empty() { String::new() } else { format!("; SAN {}", cert.sans.join(", ")) };
                out.push_str(&format!(
                    "    {label:<16} {} (issuer {}; valid {} → {}{sans})\n",
                    cert.subject, cert.issuer, cert.not_before, cert.not_after
                ));
            }
            let esp = match &tls.esp_default_bundle {
                v if v.trusted => {
                    "an ESP32 with ESP-IDF's default certificate bundle would trust this chain".to_string()
                }
                v => format!(
                    "an ESP32 with ESP-IDF's default certificate bundle would NOT trust this chain ({})",
                    v.reason.clone().unwrap_or_default()
                ),
            };
            out.push_str(&format!("    {:<16} {esp}\n", "ESP32"));
        }
        if let Some(failure) = &report.failure {
            out.push_str(&format!("    {:<16} {}\n", "next step", failure.hint));
        }
    }
    out
}
