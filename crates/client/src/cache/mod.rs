//! The endpoint cache file: one JSON document in the user's cache directory (or `KVS_ESP_CACHE_DIR`), entries
//! keyed by (channel, region, role, control plane). Written atomically; a damaged file is reported and
//! replaced, never fatal.

use crate::error::{Error, Result};
use crate::time::now_secs;
use kvs_core::cache::EndpointCacheEntry;
use kvs_core::names::Role;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The C SDK keeps 32 entries in its file; a developer's machine juggles more channels, so keep a few more.
const MAX_ENTRIES: usize = 64;
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: Vec<EndpointCacheEntry>,
}

/// The endpoint cache file, read once and changed under a lock (see [`EndpointCache::insert`]).
pub struct EndpointCache {
    path: PathBuf,
    entries: Vec<EndpointCacheEntry>,
    /// The file existed but could not be read; it is treated as empty and rewritten on the next change.
    damaged: bool,
}

/// Where the cache lives: `$KVS_ESP_CACHE_DIR/endpoints.json`, else the platform cache directory.
pub fn default_path() -> Result<PathBuf> {
    let dir = match std::env::var_os("KVS_ESP_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::cache_dir()
            .ok_or_else(|| {
                Error::local("no cache directory is known for this user")
                    .with_hint("set KVS_ESP_CACHE_DIR or pass --no-cache")
            })?
            .join("kvs-esp"),
    };
    Ok(dir.join("endpoints.json"))
}

impl EndpointCache {
    pub fn open_default() -> Result<Self> {
        Self::open(default_path()?)
    }

    pub fn open(path: PathBuf) -> Result<Self> {
        let (entries, damaged) = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<CacheFile>(&bytes) {
                Ok(file) if file.version == FORMAT_VERSION => (file.entries, false),
                Ok(_) | Err(_) => (Vec::new(), true),
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => (Vec::new(), false),
            Err(err) => return Err(Error::local(format!("cannot read the endpoint cache {}: {err}", path.display()))),
        };
        Ok(EndpointCache { path, entries, damaged })
    }

    /// Whether the file was there but unreadable (and is being ignored).
    pub fn was_damaged(&self) -> bool {
        self.damaged
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn entries(&self) -> &[EndpointCacheEntry] {
        &self.entries
    }

    pub fn lookup(&self, channel: &str, region: &str, role: Role, control_plane: &str) -> Option<&EndpointCacheEntry> {
        let now = now_secs();
        self.entries.iter().find(|e| e.matches(channel, region, role, control_plane) && e.is_fresh(now))
    }

    /// Adds or replaces the entry for its key, dropping expired entries and the oldest beyond the limit.
    pub fn insert(&mut self, entry: EndpointCacheEntry) -> Result<()> {
        self.update(|entries| {
            // Read under the lock: an entry another process wrote while this one waited is not from the future.
            let now = now_secs();
            entries.retain(|e| {
                e.is_fresh(now) && !e.matches(&entry.channel, &entry.region, entry.role, &entry.control_plane)
            });
            entries.push(entry);
            entries.sort_by_key(|e| std::cmp::Reverse(e.fetched_at));
            entries.truncate(MAX_ENTRIES);
            true
        })
    }

    /// Drops every entry for a channel (all roles), as a 404 from any call about it requires.
    pub fn invalidate(&mut self, channel: &str, region: &str) -> Result<bool> {
        let mut removed = false;
        self.update(|entries| {
            let before = entries.len();
            entries.retain(|e| !((e.channel == channel || e.channel_arn == channel) && e.region == region));
            removed = entries.len() != before;
            removed
        })?;
        Ok(removed)
    }

    /// Applies `change` to the file's current entries under an exclusive lock, and writes them when it says they
    /// changed: kvs-esp processes running side by side each add their entries, none lost.
    fn update(&mut self, change: impl FnOnce(&mut Vec<EndpointCacheEntry>) -> bool) -> Result<()> {
        let _lock = self.lock()?;
        let mut entries = match EndpointCache::open(self.path.clone()) {
            Ok(current) if !current.damaged => current.entries,
            _ => Vec::new(),
        };
        if change(&mut entries) {
            self.entries = entries;
            self.save()?;
        } else {
            self.entries = entries;
        }
        Ok(())
    }

    /// An exclusive lock on the file beside the cache, released when dropped.
    fn lock(&self) -> Result<std::fs::File> {
        let lock_path = self.path.with_extension("lock");
        let cannot =
            |e: std::io::Error| Error::local(format!("cannot lock the endpoint cache {}: {e}", lock_path.display()));
        if let Some(dir) = lock_path.parent() {
            std::fs::create_dir_all(dir).map_err(cannot)?;
        }
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(cannot)?;
        file.lock().map_err(cannot)?;
        Ok(file)
    }

    pub fn clear(&mut self) -> Result<usize> {
        let _lock = self.lock()?;
        let removed = self.entries.len();
        self.entries.clear();
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(removed),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(removed),
            Err(err) => Err(Error::local(format!("cannot remove {}: {err}", self.path.display()))),
        }
    }

    fn save(&self) -> Result<()> {
        let file = CacheFile { version: FORMAT_VERSION, entries: self.entries.clone() };
        let bytes = serde_json::to_vec_pretty(&file).map_err(|e| Error::local(e.to_string()))?;
        crate::fsutil::write_atomic(&self.path, &bytes)
            .map_err(|e| Error::local(format!("cannot write the endpoint cache {}: {e}", self.path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(channel: &str, role: Role, fetched_at: u64) -> EndpointCacheEntry {
        EndpointCacheEntry {
            channel: channel.into(),
            region: "us-west-2".into(),
            role,
            channel_arn: format!("arn:aws:kinesisvideo:us-west-2:1:channel/{channel}/1"),
            wss_endpoint: "wss://x".into(),
            https_endpoint: "https://x".into(),
            control_plane: "http://cp".into(),
            fetched_at,
        }
    }

    #[test]
    fn insert_lookup_invalidate_persist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/endpoints.json");
        let mut cache = EndpointCache::open(path.clone()).unwrap();
        cache.insert(entry("a", Role::Master, now_secs())).unwrap();
        cache.insert(entry("a", Role::Viewer, now_secs())).unwrap();
        cache.insert(entry("old", Role::Master, 1)).unwrap();
        let reopened = EndpointCache::open(path.clone()).unwrap();
        assert!(reopened.lookup("a", "us-west-2", Role::Master, "http://cp").is_some());
        assert!(reopened.lookup("old", "us-west-2", Role::Master, "http://cp").is_none());
        assert!(reopened.lookup("a", "eu-west-1", Role::Master, "http://cp").is_none());
        let mut cache = reopened;
        assert!(cache.invalidate("a", "us-west-2").unwrap());
        assert!(EndpointCache::open(path).unwrap().entries().iter().all(|e| e.channel != "a"));
    }

    #[test]
    fn damaged_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("endpoints.json");
        std::fs::write(&path, b"{not json").unwrap();
        let mut cache = EndpointCache::open(path.clone()).unwrap();
        assert!(cache.entries().is_empty() && cache.was_damaged());
        cache.insert(entry("a", Role::Master, now_secs())).unwrap();
        assert_eq!(EndpointCache::open(path).unwrap().entries().len(), 1);
    }
}
