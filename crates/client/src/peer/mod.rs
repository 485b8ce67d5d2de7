//! A real WebRTC peer over the signaling session, to answer "does media flow between me and this channel's
//! master (or viewers), and if not, at which layer does it stop, and why".
//!
//! str0m is the engine (sans-IO: ICE agent, DTLS, SCTP, SRTP, RTP); this module is its driver: it gathers
//! candidates (host sockets, server-reflexive from STUN, relays allocated with the project's own TURN client
//! over UDP, TCP or TLS), carries offers, answers and trickled candidates over the signaling session, plays a
//! master's media and saves a viewer's, and watches each layer come up — every milestone an event line of the
//! core's vocabulary — to end in a [`Report`] whose [`Verdict`] names the first layer that failed.

mod connection;
mod driver;
mod lite;
pub mod media;
mod pairs;
pub mod relay;
pub mod report;
mod sdp;
pub mod storage;
mod stun;
mod track;

use crate::aws::AwsContext;
use crate::aws::endpoint::EndpointSource;
use crate::cache::EndpointCache;
use crate::error::Result;
use crate::signal::session::{Session, Sink, failure_error};
use crate::turn::probe::Settings;
use kvs_core::event::Event;
use kvs_core::names::{ChannelRef, ClientId, Role};
use kvs_core::signaling::{Machine, Output};
use kvs_core::webrtc::{Codec, Transport};
pub use media::source::Media;
pub use report::{Report, Verdict};
use std::future::Future;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};

/// Which candidates the peer offers: the SDKs' `iceTransportPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IcePolicy {
    /// Host, server-reflexive and relay candidates.
    All,
    /// Relay candidates only: every packet goes through a TURN server.
    Relay,
}

impl std::fmt::Display for IcePolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IcePolicy::All => "all",
            IcePolicy::Relay => "relay",
        })
    }
}

/// How a peer run goes.
#[derive(Clone)]
pub struct PeerConfig {
    pub role: Role,
    pub ice_transport: IcePolicy,
    /// STUN servers (`HOST:PORT`) for server-reflexive candidates.
    pub stun: Vec<String>,
    /// Which of the handed-out TURN URIs to allocate on, by how they reach the server; empty for none.
    pub turn_transports: Vec<Transport>,
    /// Trust and timeout for TURN over TLS (the TURN probe's settings).
    pub turn: Arc<Settings>,
    /// The addresses of host candidates; empty for every non-loopback IPv4 interface.
    pub host_ips: Vec<IpAddr>,
    /// What a master sends.
    pub video: Media,
    pub audio: Media,
    /// The frame rate of an H.264 file (the built-in clip has its own).
    pub fps: u32,
    /// The codecs to negotiate; empty for the ones KVS peers use (H.264, VP8, Opus, PCMU, PCMA).
    pub codecs: Vec<Codec>,
    /// Where a viewer saves what it receives.
    pub save: Option<PathBuf>,
    /// How long the media path may take to come up.
    pub timeout: Duration,
    /// How long to stay once connected (a viewer), or to serve viewers (a master; `None`: until stopped).
    pub duration: Option<Duration>,
    /// How many viewers a master serves at once: a KVS channel takes 10.
    pub max_viewers: usize,
    /// Join the channel's storage session (WebRTC ingestion) whenever signaling connects, and again when the
    /// session's offer does not come or its connection ends.
    pub join_storage: Option<StorageParticipant>,
}

impl PeerConfig {
    /// What users get without flags: every kind of candidate (host ones on every interface, relays over UDP,
    /// TCP and TLS, no STUN server), KVS's codecs, a master sending the built-in clip to up to 10 viewers, 30 s
    /// for the media path to come up.
    pub fn new(role: Role, turn: Arc<Settings>) -> PeerConfig {
        let media = if role == Role::Master { Media::Clip } else { Media::None };
        PeerConfig {
            role,
            ice_transport: IcePolicy::All,
            stun: Vec::new(),
            turn_transports: vec![Transport::Udp, Transport::Tcp, Transport::Tls],
            turn,
            host_ips: Vec::new(),
            video: media.clone(),
            audio: media,
            fps: 25,
            codecs: Vec::new(),
            save: None,
            timeout: Duration::from_secs(30),
            duration: None,
            max_viewers: 10,
            join_storage: None,
        }
    }

    pub fn codecs(&self) -> Vec<Codec> {
        if self.codecs.is_empty() {
            vec![Codec::H264, Codec::Vp8, Codec::Opus, Codec::Pcmu, Codec::Pcma]
        } else {
            self.codecs.clone()
        }
    }
}

/// How a peer takes part in its channel's storage session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageParticipant {
    /// The channel's master (JoinStorageSession): it answers the session's offer with H.264 and Opus.
    Master(ChannelRef),
    /// A viewer with this client id (JoinStorageSessionAsViewer): it answers the session's offer with its audio
    /// (viewers ingest no video) instead of offering to the master.
    Viewer(ChannelRef, ClientId),
}

/// The STUN servers a peer uses unless told otherwise: KVS's for the region against AWS (what the SDKs use), none
/// against another endpoint (an emulator hands out no STUN server).
pub fn default_stun(ctx: &AwsContext) -> Vec<String> {
    match ctx.control_plane.source {
        EndpointSource::RegionalDefault => vec![kvs_core::endpoint::stun_server(&ctx.region)],
        EndpointSource::Flag | EndpointSource::ServiceEnv | EndpointSource::GlobalEnv => Vec::new(),
    }
}

/// The addresses of host candidates by default: every IPv4 interface address that is not loopback or
/// link-local; loopback when there is none.
pub fn host_addresses() -> Vec<IpAddr> {
    let found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(|ip| matches!(ip, IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified()))
        .collect();
    if found.is_empty() { vec![IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)] } else { found }
}

/// Where a peer run's progress goes: every event line (signaling's and the media path's), and notes.
pub trait PeerObserver: Send {
    /// An event, `ms` after the run began.
    fn event(&mut self, ms: u64, event: &Event);
    /// Something worth telling that is not an event (a refused viewer, a message that was not sent).
    fn note(&mut self, text: &str);
}

/// An observer for runs whose report is all that is wanted (the doctor's media path, a storage session).
pub(crate) struct Quiet;

impl PeerObserver for Quiet {
    fn event(&mut self, _: u64, _: &Event) {}
    fn note(&mut self, _: &str) {}
}

/// What the signaling session (and, for a recording master, the storage session's joins) tells the peer.
enum Signal {
    Output(Output),
    Invalid(String),
    /// A JoinStorageSession's outcome: the call's milliseconds, or why it failed.
    StorageJoined(std::result::Result<u64, String>),
}

/// Forwards the session's outputs to the peer; done once the peer is.
struct Forward {
    tx: mpsc::UnboundedSender<Signal>,
    done: Arc<AtomicBool>,
}

impl Sink for Forward {
    fn output(&mut self, _: u64, output: &Output) {
        let _ = self.tx.send(Signal::Output(output.clone()));
    }

    fn done(&self) -> bool {
        self.done.load(Ordering::Relaxed)
    }
}

/// Runs the peer over a signaling session driven by `machine` until the media path is proven (or has failed),
/// `config.duration` has passed, or `stop` resolves. A session that gives up is an error; everything past
/// signaling is in the report's verdict.
pub async fn run(
    ctx: Arc<AwsContext>,
    machine: Machine,
    cache: Option<(EndpointCache, String)>,
    config: PeerConfig,
    observer: &mut dyn PeerObserver,
    stop: impl Future<Output = ()>,
) -> Result<Report> {
    let (signal_tx, signal_rx) = mpsc::unbounded_channel();
    let joiner = config.join_storage.clone().map(|target| storage_joiner(ctx.clone(), target, signal_tx.clone()));
    let (storage_joins, joiner) = joiner.unzip();
    // The media files and sockets first: a bad file is refused before anything connects.
    let (input_tx, input_rx) = mpsc::channel(256);
    let peer = driver::Peer::start(config, input_tx, storage_joins, observer).await?;
    let mut session = Session::new(ctx, machine)?;
    if let Some((cache, key)) = cache {
        session = session.with_cache(cache, key);
    }
    let done = Arc::new(AtomicBool::new(false));
    let ended = Arc::new(Notify::new());
    let mut forward = Forward { tx: signal_tx.clone(), done: done.clone() };
    let invalid_tx = signal_tx;
    let mut invalid = move |why: String| {
        let _ = invalid_tx.send(Signal::Invalid(why));
    };
    let session_ended = ended.clone();
    // Signaling runs as its own task: joined with the peer in one future, it would be polled (and its
    // WebSocket read) on every datagram the peer receives.
    let signaling = tokio::spawn(async move {
        session.run(&mut forward, input_rx, &mut invalid, async move { session_ended.notified().await }).await
    });
    let outcome = peer.run(signal_rx, stop).await;
    if let Some(joiner) = joiner {
        joiner.abort();
    }
    done.store(true, Ordering::Relaxed);
    ended.notify_one();
    let session_result =
        signaling.await.map_err(|e| crate::Error::local(format!("the signaling session stopped: {e}")))?;
    session_result?;
    let (report, failure) = outcome?;
    match failure {
        Some(failure) if report.connections.is_empty() => Err(failure_error(&failure)),
        _ => Ok(report),
    }
}

/// The task that makes a storage participant's JoinStorageSession(AsViewer) calls, one per ask, and tells the peer how each went.
fn storage_joiner(
    ctx: Arc<AwsContext>,
    target: StorageParticipant,
    signals: mpsc::UnboundedSender<Signal>,
) -> (mpsc::UnboundedSender<()>, tokio::task::JoinHandle<()>) {
    let (asks, mut asked) = mpsc::unbounded_channel::<()>();
    let task = tokio::spawn(async move {
        while asked.recv().await.is_some() {
            let started = std::time::Instant::now();
            let joined = match &target {
                StorageParticipant::Master(channel) => crate::api::storage::join_storage_session(&ctx, channel).await,
                StorageParticipant::Viewer(channel, client_id) => {
                    crate::api::storage::join_storage_session_as_viewer(&ctx, channel, client_id).await
                }
            };
            let outcome = joined.map(|()| started.elapsed().as_millis() as u64).map_err(|err| err.to_string());
            if signals.send(Signal::StorageJoined(outcome)).is_err() {
                break;
            }
        }
    });
    (asks, task)
}
