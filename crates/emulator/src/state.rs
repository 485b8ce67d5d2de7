//! The emulator's channels and streams: in memory, and in `<state-dir>/channels.json` (written atomically after
//! every change) when a state directory is kept.

use crate::error::{Error, Result};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const CHANNELS_FILE: &str = "channels.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Channel {
    pub name: String,
    pub arn: String,
    pub channel_type: String,
    pub status: String,
    pub message_ttl: u16,
    /// Epoch seconds with milliseconds, as the service reports `CreationTime`.
    pub creation_time: f64,
    pub version: String,
    pub tags: BTreeMap<String, String>,
    /// Set by UpdateMediaStorageConfiguration; a channel never configured reports DISABLED with no stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_storage: Option<MediaStorage>,
    /// The DescribeSignalingChannel answer, serialized when first asked for and forgotten whenever the store lends
    /// the channel out to be changed: every client describes its channel as it starts, so this is the emulator's
    /// most frequent answer, and it changes rarely. A cell, not a lock: the store is only reached under its mutex.
    #[serde(skip)]
    pub described: OnceCell<Bytes>,
}

/// Where a channel's media is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaStorage {
    pub stream_arn: Option<String>,
    pub enabled: bool,
}

/// A Kinesis video stream, as far as WebRTC ingestion needs one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stream {
    pub name: String,
    pub arn: String,
    pub device_name: Option<String>,
    pub media_type: Option<String>,
    pub kms_key_id: String,
    pub retention_hours: u32,
    pub status: String,
    pub creation_time: f64,
    pub version: String,
    pub tags: BTreeMap<String, String>,
}

impl Channel {
    /// The 8 hex digits that name this channel's endpoints (`m-…`, `v-…`, `r-…`).
    pub fn endpoint_id(&self) -> String {
        kvs_core::sigv4::hex_sha256(self.arn.as_bytes())[..8].to_string()
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    channels: Vec<Channel>,
    /// Absent from files written before streams existed.
    #[serde(default)]
    streams: Vec<Stream>,
}

/// Channels and streams by name (names are unique per account and region; the emulator serves one region).
pub struct Store {
    channels: BTreeMap<String, Channel>,
    streams: BTreeMap<String, Stream>,
    path: Option<PathBuf>,
}

impl Store {
    pub fn in_memory() -> Store {
        Store { channels: BTreeMap::new(), streams: BTreeMap::new(), path: None }
    }

    /// Loads `channels.json` from the state directory, or starts empty when there is none.
    pub fn persistent(dir: PathBuf) -> Result<Store> {
        let path = dir.join(CHANNELS_FILE);
        let state = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice::<StateFile>(&bytes).map_err(|e| {
                Error::local(format!("{} is damaged: {e}", path.display()))
                    .with_hint("move it away to start with no channels")
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => StateFile::default(),
            Err(err) => return Err(Error::local(format!("cannot read {}: {err}", path.display()))),
        };
        Ok(Store {
            channels: state.channels.into_iter().map(|c| (c.name.clone(), c)).collect(),
            streams: state.streams.into_iter().map(|s| (s.name.clone(), s)).collect(),
            path: Some(path),
        })
    }

    pub fn len(&self) -> usize {
        self.channels.len()
    }

    pub fn by_name(&self, name: &str) -> Option<&Channel> {
        self.channels.get(name)
    }

    pub fn by_arn(&self, arn: &str) -> Option<&Channel> {
        self.channels.values().find(|c| c.arn == arn)
    }

    pub fn by_arn_mut(&mut self, arn: &str) -> Option<&mut Channel> {
        let channel = self.channels.values_mut().find(|c| c.arn == arn)?;
        channel.described.take();
        Some(channel)
    }

    /// Channels in name order, starting after `after`.
    pub fn after<'a>(&'a self, after: Option<&'a str>) -> impl Iterator<Item = &'a Channel> + 'a {
        self.channels.values().filter(move |c| after.is_none_or(|a| c.name.as_str() > a))
    }

    pub fn insert(&mut self, channel: Channel) {
        self.channels.insert(channel.name.clone(), channel);
    }

    pub fn remove_by_arn(&mut self, arn: &str) -> Option<Channel> {
        let name = self.by_arn(arn)?.name.clone();
        self.channels.remove(&name)
    }

    pub fn stream_count(&self) -> usize {
        self.streams.len()
    }

    pub fn stream_by_name(&self, name: &str) -> Option<&Stream> {
        self.streams.get(name)
    }

    pub fn stream_by_arn(&self, arn: &str) -> Option<&Stream> {
        self.streams.values().find(|s| s.arn == arn)
    }

    /// Streams in name order, starting after `after`.
    pub fn streams_after<'a>(&'a self, after: Option<&'a str>) -> impl Iterator<Item = &'a Stream> + 'a {
        self.streams.values().filter(move |s| after.is_none_or(|a| s.name.as_str() > a))
    }

    /// The channel, other than `except`, whose media goes to this stream.
    pub fn channel_storing_into(&self, stream_arn: &str, except: &str) -> Option<&Channel> {
        self.channels.values().find(|c| {
            c.arn != except
                && c.media_storage.as_ref().is_some_and(|m| m.enabled && m.stream_arn.as_deref() == Some(stream_arn))
        })
    }

    pub fn insert_stream(&mut self, stream: Stream) {
        self.streams.insert(stream.name.clone(), stream);
    }

    pub fn remove_stream_by_arn(&mut self, arn: &str) -> Option<Stream> {
        let name = self.stream_by_arn(arn)?.name.clone();
        self.streams.remove(&name)
    }

    /// Writes the state file, if this store keeps one.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let file = StateFile {
            channels: self.channels.values().cloned().collect(),
            streams: self.streams.values().cloned().collect(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        write_atomic(path, &bytes)
    }
}

/// The temporary files of [`write_atomic`] start with this: one left by a killed emulator is removed at start.
const TEMP_PREFIX: &str = ".kvs-esp-writing-";

/// Writes a file so that readers see the old content or the new, never a torn one: a temporary file in the same
/// directory, flushed to disk, renamed over the target, and the directory flushed so that the rename survives a
/// power cut (the CA, its key and the channels).
pub(crate) fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    std::fs::File::open(dir)?.sync_all()
}

/// Removes the temporary files a killed emulator left in the state directory.
pub(crate) fn remove_orphans(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
