//! `kvs-esp turn-tls probe`: would TURN over TLS work from here, with the trust an ESP32 has, and how long does
//! each step take? For every `turns:` server of a channel (or one given by hand).

use super::{cache_policy, load};
use crate::cli::{GlobalArgs, ProbeArgs};
use crate::output::{Output, Render};
use kvs_client::turn::{self, Report, Settings, Skipped, Target, Trust, trust::TrustStore};
use kvs_client::{Error, Kind, Result};
use std::time::Duration;

pub async fn run(global: &GlobalArgs, args: ProbeArgs, out: Output) -> Result<()> {
    let targets = targets(global, &args, out).await?;
    if targets.is_empty() {
        return Err(Error::new(Kind::Service, "there is no TURN server to probe")
            .with_hint("GetIceServerConfig returned no turns:…?transport=tcp URI (use --udp for turn: UDP URIs)"));
    }
    let peer = match &args.peer {
        Some(peer) => Some(turn::resolve_peer(peer).await?),
        None => None,
    };
    let settings = Settings {
        trust: TrustStore::load(&args.trust)?,
        esp: TrustStore::load(&Trust::EspCommon)?,
        versions: args.tls,
        peer,
        timeout: Duration::from_secs(args.timeout),
    };
    let reports = turn::probe_all(&targets, &settings, args.jobs).await;
    out.report(&Probed(&reports));
    let failed = reports.iter().filter(|r| !r.ok).count();
    if failed == 0 {
        return Ok(());
    }
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
    Err(Error::new(Kind::Check, message).with_hint(hint).in_report())
}

/// The servers to probe: from GetIceServerConfig for --channel, or the one given with --uri.
async fn targets(global: &GlobalArgs, args: &ProbeArgs, out: Output) -> Result<Vec<Target>> {
    if let Some(uri) = &args.uri {
        let username = args.username.clone().ok_or_else(|| Error::input("--uri needs --username (and --password)"))?;
        let password =
            args.password.clone().ok_or_else(|| Error::input("--uri needs --password (or KVS_ESP_TURN_PASSWORD)"))?;
        return Ok(vec![Target { uri: uri.clone(), username, password }]);
    }
    let channel =
        args.channel.as_ref().ok_or_else(|| Error::input("give --channel, or --uri with --username and --password"))?;
    let ctx = load(global, out).await?;
    let found =
        turn::channel_targets(&ctx, channel, args.role.into(), args.client_id.clone(), &cache_policy(global), args.udp)
            .await?;
    for skipped in &found.skipped {
        match skipped {
            Skipped::Dtls(uri) => out.note(&format!("skipping {uri}: TURN over DTLS is not probed")),
            Skipped::Unreadable { why, .. } => out.warn(why),
        }
    }
    Ok(found.targets)
}

struct Probed<'a>(&'a [Report]);

impl Render for Probed<'_> {
    fn text(&self, _: &Output) -> String {
        render(self.0)
    }

    fn json(&self) -> serde_json::Value {
        let failed = self.0.iter().filter(|r| !r.ok).count();
        serde_json::json!({ "servers": self.0, "failed": failed })
    }
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
