//! The storage side of WebRTC ingestion. A master's JoinStorageSession is checked against the store (a channel
//! that records, into a stream that still exists) and handed to a [`StoragePeer`]: a WebRTC peer that joins the
//! channel as a viewer, sends the master its offer, takes the master's media and records it under the stream. A
//! viewer's JoinStorageSessionAsViewer gets a session of its own, whose peer the signaling hub bridges to that
//! viewer: it offers to the viewer and records the viewer's audio. The emulator carries no WebRTC engine of its
//! own; `kvs-esp emulator` plugs in kvs-esp's peer. A new join replaces the running session it would duplicate:
//! the most recent master wins, and a viewer's newer join takes precedence, as the service has it.

use crate::api_error::ApiError;
use crate::control::StorageTarget;
use crate::keys::KeyPair;
use crate::signaling::Peer;
use kvs_core::webrtc::MediaKind;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::oneshot;

/// One storage session to run: which channel to join, where its media goes, and how to reach the emulator.
#[derive(Debug, Clone)]
pub struct StorageJoin {
    pub channel_arn: String,
    /// The client id the session's peer connects with (the hub bridges a viewer's session by it).
    pub client_id: String,
    /// Whose media: the master's (`None`), or this viewer's (its audio only).
    pub viewer: Option<String>,
    pub stream_name: String,
    pub stream_arn: String,
    /// The session's own directory, `<state dir>/streams/<stream>/<session>/`, made before the session starts.
    pub directory: PathBuf,
    /// The emulator's plain-HTTP endpoint, where the peer makes its signaling calls.
    pub endpoint: String,
    pub region: String,
    /// A key the emulator accepts, to sign those calls with.
    pub key: KeyPair,
}

/// What one storage session took in, and why it ended.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recorded {
    pub video_frames: u64,
    pub video_bytes: u64,
    pub audio_frames: u64,
    pub audio_bytes: u64,
    /// The files written, as the peer named them.
    pub files: Vec<PathBuf>,
    /// Why the session ended: stopped, replaced by a newer join, or the media path's failure.
    pub ended: String,
}

/// A session in progress; resolves when it has ended.
pub type Session = Pin<Box<dyn Future<Output = Recorded> + Send>>;

/// Runs storage sessions: the emulator's plug-in for the peer that records.
pub trait StoragePeer: Send + Sync {
    /// Starts a session that runs until the master's media stops or `stop` fires; the session tells `arrivals`
    /// of each track's first frame as it comes.
    fn session(&self, join: StorageJoin, arrivals: Arrivals, stop: oneshot::Receiver<()>) -> Session;
}

/// Where a running session tells of the first frame of each kind it receives: the stream's counters show it at
/// once (its totals come when the session ends), so that a check can see media arrive while the session runs.
#[derive(Clone)]
pub struct Arrivals {
    storage: Arc<Storage>,
    stream: String,
    id: u64,
}

impl Arrivals {
    pub fn first_frame(&self, kind: MediaKind) {
        let mut counters = locked(&self.storage.counters);
        if let Some(stream) = counters.get_mut(&self.stream).filter(|s| s.session_id == self.id) {
            match kind {
                MediaKind::Video => stream.video_arrived = true,
                MediaKind::Audio => stream.audio_arrived = true,
            }
        }
    }
}

/// A stream's counters over every session that recorded into it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StreamCounters {
    pub sessions: u64,
    pub active: bool,
    pub video_frames: u64,
    pub video_bytes: u64,
    pub audio_frames: u64,
    pub audio_bytes: u64,
    /// The last session's directory and how it ended.
    pub last_directory: Option<PathBuf>,
    pub last_ended: Option<String>,
    /// Whether the last session has received video, and audio, so far.
    pub video_arrived: bool,
    pub audio_arrived: bool,
    /// Which session the last one is (arrivals from a replaced one are not counted).
    #[serde(skip)]
    session_id: u64,
}

/// Which participant a session records: one session per channel's master, one per viewer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SessionKey {
    Master(String),
    Viewer { channel_arn: String, client_id: String },
}

/// A running session: its number (so that a replaced one does not clear its successor) and its stop.
struct Running {
    id: u64,
    stop: oneshot::Sender<()>,
}

/// The storage sessions of every channel, and the streams' counters.
pub struct Storage {
    peer: Option<Arc<dyn StoragePeer>>,
    /// `<state dir>/streams`.
    recordings: PathBuf,
    endpoint: String,
    region: String,
    key: KeyPair,
    running: Mutex<HashMap<SessionKey, Running>>,
    counters: Mutex<BTreeMap<String, StreamCounters>>,
    next_id: AtomicU64,
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Storage {
    pub fn new(
        peer: Option<Arc<dyn StoragePeer>>,
        recordings: PathBuf,
        endpoint: String,
        region: String,
        key: KeyPair,
    ) -> Storage {
        Storage {
            peer,
            recordings,
            endpoint,
            region,
            key,
            running: Mutex::new(HashMap::new()),
            counters: Mutex::new(BTreeMap::new()),
            next_id: AtomicU64::new(1),
        }
    }

    /// Starts a storage session for the channel's master (or for `viewer`), replacing the one running;
    /// `before_start` hears the client id its peer will connect with before the peer exists (a viewer's session
    /// is bridged to the viewer by it, so that its first offer already finds the way).
    pub fn join(
        self: &Arc<Self>,
        target: &StorageTarget,
        viewer: Option<&str>,
        before_start: impl FnOnce(&str),
    ) -> Result<(), ApiError> {
        let peer = self.peer.clone().ok_or_else(|| {
            ApiError::new(
                501,
                "NotImplementedException",
                "this emulator runs without a storage peer: start it with `kvs-esp emulator`",
            )
        })?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
        let whose = viewer.map_or_else(String::new, |v| format!("-viewer-{v}"));
        let directory = self.recordings.join(&target.stream_name).join(format!("session-{started}-{id}{whose}"));
        std::fs::create_dir_all(&directory).map_err(|e| {
            ApiError::new(500, "InternalFailure", format!("cannot create {}: {e}", directory.display()))
        })?;
        let client_id = format!("KvsStorageSession-{id:08x}");
        let join = StorageJoin {
            channel_arn: target.channel_arn.clone(),
            client_id: client_id.clone(),
            viewer: viewer.map(String::from),
            stream_name: target.stream_name.clone(),
            stream_arn: target.stream_arn.clone(),
            directory: directory.clone(),
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            key: self.key.clone(),
        };
        let key = match viewer {
            Some(viewer) => {
                SessionKey::Viewer { channel_arn: target.channel_arn.clone(), client_id: viewer.to_string() }
            }
            None => SessionKey::Master(target.channel_arn.clone()),
        };
        let (stop, stopped) = oneshot::channel();
        if let Some(previous) = locked(&self.running).insert(key.clone(), Running { id, stop }) {
            let _ = previous.stop.send(());
        }
        {
            let mut counters = locked(&self.counters);
            let stream = counters.entry(target.stream_name.clone()).or_default();
            stream.sessions += 1;
            stream.active = true;
            stream.last_directory = Some(directory);
            (stream.video_arrived, stream.audio_arrived, stream.session_id) = (false, false, id);
        }
        before_start(&client_id);
        let arrivals = Arrivals { storage: self.clone(), stream: target.stream_name.clone(), id };
        let session = peer.session(join, arrivals, stopped);
        let storage = self.clone();
        let stream = target.stream_name.clone();
        tokio::spawn(async move {
            let recorded = session.await;
            storage.ended(&key, &stream, id, recorded);
        });
        Ok(())
    }

    /// A participant has gone: its storage session ends (it joins again when it is back).
    pub fn left(&self, channel_arn: &str, peer: &Peer) {
        let key = match peer {
            Peer::Master => SessionKey::Master(channel_arn.to_string()),
            Peer::Viewer(client_id) => {
                SessionKey::Viewer { channel_arn: channel_arn.to_string(), client_id: client_id.clone() }
            }
        };
        if let Some(running) = locked(&self.running).remove(&key) {
            let _ = running.stop.send(());
        }
    }

    /// Adds a finished session's figures to its stream's, and forgets it unless a newer one replaced it.
    fn ended(&self, key: &SessionKey, stream_name: &str, id: u64, recorded: Recorded) {
        let replaced = {
            let mut running = locked(&self.running);
            match running.get(key) {
                Some(current) if current.id == id => {
                    running.remove(key);
                    false
                }
                Some(_) => true,
                None => false,
            }
        };
        let mut counters = locked(&self.counters);
        let stream = counters.entry(stream_name.to_string()).or_default();
        stream.active = replaced;
        stream.video_frames += recorded.video_frames;
        stream.video_bytes += recorded.video_bytes;
        stream.audio_frames += recorded.audio_frames;
        stream.audio_bytes += recorded.audio_bytes;
        stream.last_ended = Some(recorded.ended);
    }

    /// Every stream's counters, for the stats endpoint.
    pub fn counters(&self) -> BTreeMap<String, StreamCounters> {
        locked(&self.counters).clone()
    }
}
