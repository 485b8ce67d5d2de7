//! `kvs-esp doctor`: every check a KVS WebRTC connection depends on, in order, one verdict each; the checklist
//! rendered once, exit 7 when a check failed.

use super::aws_config;
use crate::cli::{DoctorArgs, GlobalArgs};
use crate::output::{Output, Render};
use kvs_client::doctor::{self, Doctor, DoctorConfig, Status};
use kvs_client::{Error, Kind, Result};
use std::sync::Arc;
use std::time::Duration;

pub async fn run(global: &GlobalArgs, args: DoctorArgs, out: Output) -> Result<()> {
    let config = DoctorConfig {
        channel: args.channel,
        role: args.role.into(),
        client_id: args.client_id,
        turn_trust: args.turn_trust,
        timeout: Duration::from_secs(args.timeout),
        peer: args.peer.then(|| doctor::PeerStep { host_ips: args.host_ip.clone() }),
        storage_session: args.storage_session.then(|| doctor::PeerStep { host_ips: args.host_ip.clone() }),
    };
    let doctor = doctor::run(&aws_config(global), &config, Arc::new(out)).await?;
    out.report(&Checklist(&doctor));
    match doctor.first_failure() {
        Some(check) => {
            Err(Error::new(Kind::Check, format!("{} failed: {}", check.name, check.cause.clone().unwrap_or_default()))
                .with_hint(check.hint.clone().unwrap_or_default())
                .in_report())
        }
        None => Ok(()),
    }
}

struct Checklist<'a>(&'a Doctor);

impl Render for Checklist<'_> {
    fn text(&self, _: &Output) -> String {
        let checks = self.0.checks();
        let width = checks.iter().map(|c| c.name.chars().count()).max().unwrap_or(0);
        let mut out = String::new();
        for check in checks {
            let time = if check.status == Status::Skip { String::new() } else { format!("{:.1} ms", check.ms) };
            out.push_str(&format!("{} {:<width$}  {time:>9}  {}\n", check.status.mark(), check.name, check.detail));
        }
        match self.0.first_failure() {
            Some(failure) => {
                out.push_str(&format!(
                    "\nfirst failure: {} — {}\n",
                    failure.name,
                    failure.cause.clone().unwrap_or_default()
                ));
                if let Some(hint) = &failure.hint {
                    out.push_str(&format!("next step: {hint}\n"));
                }
            }
            None => out.push_str("\nevery check passed\n"),
        }
        out
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "ok": self.0.ok(),
            "checks": self.0.checks(),
            "first_failure": self.0.first_failure(),
        })
    }
}
