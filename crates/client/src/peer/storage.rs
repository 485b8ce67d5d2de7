//! The storage session's side of WebRTC ingestion, as a local KVS plays it: a viewer that offers what KVS's
//! storage session takes (H.264 video and Opus audio, nothing else), records what the master sends into a
//! directory, and stays until it is stopped or the master's media path fails.

use super::{PeerConfig, PeerObserver, Report};
use crate::aws::{AwsConfig, AwsContext};
use crate::error::Result;
use crate::observer::Silent;
use crate::turn::probe::Settings;
use crate::turn::trust::Trust;
use aws_credential_types::provider::SharedCredentialsProvider;
use kvs_core::event::Event;
use kvs_core::names::{ChannelArn, ClientId, Region, ResourceRef, Role};
use kvs_core::signaling::{Config, Machine, Timing};
use kvs_core::webrtc::{Codec, MediaKind};
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How long the storage peer waits for the master's answer and the media path.
const CONNECT_WITHIN: Duration = Duration::from_secs(30);
/// How long a session may record: a day (the service's sessions are shorter; this only bounds a forgotten one).
const LONGEST: Duration = Duration::from_secs(24 * 3600);

/// Where to record, and how to reach the service that runs the session (a local KVS, signing with its key).
pub struct Recording {
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub channel: ChannelArn,
    pub client_id: ClientId,
    /// A viewer's session: it takes the viewer's audio alone (viewers ingest no video).
    pub audio_only: bool,
    pub directory: PathBuf,
}

/// Tells of each track's first frame, and nothing else.
struct FirstFrames<F>(F);

impl<F: FnMut(MediaKind) + Send> PeerObserver for FirstFrames<F> {
    fn event(&mut self, _: u64, event: &Event) {
        if let Event::Rtp { codec, .. } = event {
            (self.0)(codec.kind());
        }
    }

    fn note(&mut self, _: &str) {}
}

/// Joins the channel as the storage session's viewer and records until `stop` resolves or the media path fails;
/// `first_frame` hears of each track's first frame as it arrives.
pub async fn record(
    recording: Recording,
    first_frame: impl FnMut(MediaKind) + Send,
    stop: impl Future<Output = ()>,
) -> Result<Report> {
    let region = Region::new(recording.region.clone())?;
    let audio_only = recording.audio_only;
    let config = AwsConfig { endpoint_url: Some(recording.endpoint.clone()), ..AwsConfig::default() };
    let credentials = aws_credential_types::Credentials::new(
        recording.access_key_id,
        recording.secret_access_key,
        recording.session_token,
        None,
        "kvs-esp storage session",
    );
    let ctx =
        AwsContext::with_provider(&config, region, SharedCredentialsProvider::new(credentials), Arc::new(Silent))?;
    let machine = Machine::new(Config {
        channel: ResourceRef::Arn(recording.channel),
        role: Role::Viewer,
        client_id: recording.client_id,
        create_if_missing: None,
        cached: None,
        timing: Timing::default(),
        seed: rand::random(),
    });
    let peer = PeerConfig {
        codecs: if audio_only { vec![Codec::Opus] } else { vec![Codec::H264, Codec::Opus] },
        stun: Vec::new(),
        turn_transports: Vec::new(),
        save: Some(recording.directory),
        timeout: CONNECT_WITHIN,
        duration: Some(LONGEST),
        ..PeerConfig::new(Role::Viewer, Arc::new(Settings::new(&Trust::Native, CONNECT_WITHIN)?))
    };
    super::run(Arc::new(ctx), machine, None, peer, &mut FirstFrames(first_frame), stop).await
}
