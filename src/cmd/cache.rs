use crate::aws::clock::now_secs;
use crate::cache::EndpointCache;
use crate::cli::CacheCommand;
use crate::error::Result;
use crate::output::{self, table};

pub fn run(command: CacheCommand) -> Result<()> {
    let mut cache = EndpointCache::open_default()?;
    match command {
        CacheCommand::Show => {
            let now = now_secs();
            if output::is_json() {
                let entries: Vec<_> = cache
                    .entries()
                    .iter()
                    .map(|e| serde_json::json!({ "entry": e, "expires_at": e.expires_at(), "fresh": e.is_fresh(now) }))
                    .collect();
                output::json(&serde_json::json!({ "path": cache.path(), "entries": entries }));
                return Ok(());
            }
            if cache.entries().is_empty() {
                output::text(&format!("the endpoint cache is empty ({})", cache.path().display()));
                return Ok(());
            }
            let mut rows = table::Table::new(&["CHANNEL", "REGION", "ROLE", "EXPIRES", "WSS", "HTTPS"]);
            for e in cache.entries() {
                let expires = if e.is_fresh(now) { output::utc(e.expires_at()) } else { "expired".into() };
                rows.row(vec![
                    e.channel.clone(),
                    e.region.clone(),
                    e.role.to_string(),
                    expires,
                    e.wss_endpoint.clone(),
                    e.https_endpoint.clone(),
                ]);
            }
            output::text(&rows.render());
            output::note(&format!("cache file: {}", cache.path().display()));
        }
        CacheCommand::Clear => {
            let removed = cache.clear()?;
            if output::is_json() {
                output::json(&serde_json::json!({ "removed": removed }));
            } else {
                output::text(&format!("removed {removed} cached endpoint entries"));
            }
        }
    }
    Ok(())
}
