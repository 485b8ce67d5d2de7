//! The host's side of a diagnosis: a WebRTC viewer (the project's peer) on the device's channel. Its offer is a
//! real one — candidates, a data channel, receive-only audio and video — so that the companion firmware answers
//! it with its diagnostic answer and a device running a media master (the KVS C SDK's sample, say) with media,
//! whose path the viewer then climbs layer by layer.

use super::verdict::HostFailure;
use kvs_client::aws::AwsContext;
use kvs_client::peer::{self, PeerConfig, PeerObserver, Report};
use kvs_client::turn::{Settings, Trust};
use kvs_core::event::Event;
use kvs_core::names::{ChannelRef, ClientId, Role};
use kvs_core::signaling::{Config, Machine, Timing};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// How long the viewer stays once its media path is up: long enough for a keyframe (masters send one at least
/// every 2 s) and a second of track figures.
const WATCH_MEDIA: Duration = Duration::from_secs(3);

/// What the viewer tells the watch loop.
pub enum HostUpdate {
    Event(u64, Event),
    Note(u64, String),
    /// The viewer's run ended: its report, or why its session failed.
    Done(Result<Report, HostFailure>),
}

/// A running viewer: stop it early with `stop`; its last update is `Done`.
pub struct Viewer {
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Viewer {
    /// Starts a viewer on `channel` that may take until `timeout` for its media path; its updates are stamped
    /// with the time since `started`.
    pub fn start(
        ctx: Arc<AwsContext>,
        channel: &ChannelRef,
        host_ips: Vec<IpAddr>,
        timeout: Duration,
        started: Instant,
        updates: mpsc::UnboundedSender<HostUpdate>,
    ) -> crate::Result<Viewer> {
        let machine = Machine::new(Config {
            channel: channel.clone(),
            role: Role::Viewer,
            client_id: ClientId::new(format!("diagnose-{:08x}", rand::random::<u32>()))?,
            create_if_missing: None,
            cached: None,
            timing: Timing::default(),
            seed: rand::random(),
        });
        let turn = Settings::new(&Trust::Native, Duration::from_secs(10))?;
        let config = PeerConfig {
            stun: peer::default_stun(&ctx),
            host_ips,
            timeout,
            duration: Some(WATCH_MEDIA),
            ..PeerConfig::new(Role::Viewer, Arc::new(turn))
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let mut relay = Relay { started, updates };
            let stop = async move {
                let _ = stopped.await;
            };
            let result = peer::run(ctx, machine, None, config, &mut relay, stop).await;
            let done = result.map_err(|err| HostFailure { kind: err.kind, message: err.message });
            let _ = relay.updates.send(HostUpdate::Done(done));
        });
        Ok(Viewer { stop, task })
    }

    /// Stops the viewer and waits (briefly) for its report.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(5), self.task).await;
    }
}

/// Every event and note of the viewer onto the timeline, in host receive time.
struct Relay {
    started: Instant,
    updates: mpsc::UnboundedSender<HostUpdate>,
}

impl Relay {
    fn now(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }
}

impl PeerObserver for Relay {
    fn event(&mut self, _ms: u64, event: &Event) {
        let _ = self.updates.send(HostUpdate::Event(self.now(), event.clone()));
    }

    fn note(&mut self, text: &str) {
        let _ = self.updates.send(HostUpdate::Note(self.now(), text.to_string()));
    }
}
