//! `kvs-esp cache show|clear`: the endpoint cache file.

use crate::cli::CacheCommand;
use crate::output::{Output, Render, table};
use kvs_client::Result;
use kvs_client::cache::EndpointCache;
use kvs_client::time::{now_secs, utc};

pub fn run(command: CacheCommand, out: Output) -> Result<()> {
    let mut cache = EndpointCache::open_default()?;
    if cache.was_damaged() {
        out.warn(&format!("ignoring the unreadable endpoint cache {}; it will be rewritten", cache.path().display()));
    }
    match command {
        CacheCommand::Show => {
            out.report(&Shown { cache: &cache, now: now_secs() });
            if !cache.entries().is_empty() {
                out.note(&format!("cache file: {}", cache.path().display()));
            }
        }
        CacheCommand::Clear => out.report(&Cleared(cache.clear()?)),
    }
    Ok(())
}

struct Shown<'a> {
    cache: &'a EndpointCache,
    now: u64,
}

impl Render for Shown<'_> {
    fn text(&self, _: &Output) -> String {
        if self.cache.entries().is_empty() {
            return format!("the endpoint cache is empty ({})", self.cache.path().display());
        }
        let mut rows = table::Table::new(&["CHANNEL", "REGION", "ROLE", "EXPIRES", "WSS", "HTTPS"]);
        for e in self.cache.entries() {
            let expires = if e.is_fresh(self.now) { utc(e.expires_at()) } else { "expired".into() };
            rows.row(vec![
                e.channel.clone(),
                e.region.clone(),
                e.role.to_string(),
                expires,
                e.wss_endpoint.clone(),
                e.https_endpoint.clone(),
            ]);
        }
        rows.render()
    }

    fn json(&self) -> serde_json::Value {
        let entries: Vec<_> = self
            .cache
            .entries()
            .iter()
            .map(|e| serde_json::json!({ "entry": e, "expires_at": e.expires_at(), "fresh": e.is_fresh(self.now) }))
            .collect();
        serde_json::json!({ "path": self.cache.path(), "entries": entries })
    }
}

struct Cleared(usize);

impl Render for Cleared {
    fn text(&self, _: &Output) -> String {
        format!("removed {} cached endpoint entries", self.0)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "removed": self.0 })
    }
}
