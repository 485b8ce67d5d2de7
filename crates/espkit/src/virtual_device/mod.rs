//! `kvs-esp virtual-device`: the companion firmware's behaviour without the chip. The core's signaling
//! machine runs in the host's driver, and everything the firmware shows on its serial console — boot banner,
//! provisioning prompt, event lines, the diagnostic answer to offers — goes to a pseudo-terminal in the
//! firmware's format. `monitor` and `diagnose` cannot tell it from a board, which is the point: they are
//! tested end to end against it, and users can try them before they have hardware.
//!
//! Like the firmware, once CONNECTED it checks its own network paths (STUN, TURN over UDP, TCP and TLS, the TLS
//! chain against its bundle) and answers connectivity checks on its candidates as an ICE-lite agent, whose
//! credentials and candidates its diagnostic answer carries.
//!
//! It can also stand for a board that runs a real WebRTC master (the KVS C SDK's sample, say): then it answers
//! offers with the project's WebRTC peer — ICE, DTLS, the data channel's echo and the built-in test clip — and
//! logs the media path's events as such a board's console would, so that `diagnose` is tested on that path too.

mod console;
mod credentials;
mod network;

use crate::Result;
use crate::board::Board;
use aws_credential_types::provider::SharedCredentialsProvider;
use console::Console;
use credentials::Provisioned;
use kvs_client::aws::endpoint::EndpointSource;
use kvs_client::aws::{AwsConfig, AwsContext};
use kvs_client::observer::Silent;
use kvs_client::peer::{self, Media, PeerConfig, PeerObserver};
use kvs_client::signal::session::{Input, Session, Sink};
use kvs_client::turn::{Settings, Trust};
use kvs_core::api::IceServer;
use kvs_core::diagnostic::{Candidate, Lite};
use kvs_core::event::{ErrorSite, Event};
use kvs_core::message::{Incoming, MessageType, sdp_of};
use kvs_core::names::{MessageTtl, Role};
use kvs_core::provision::{self, PromptReason, ProvisionError, Provisioning};
use kvs_core::signaling::{Config, Machine, Output, State, Timing};
use kvs_core::stun::IceCredentials;
use std::future::Future;
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc;

/// How often the prompt repeats until a provisioning line arrives (the firmware waits 5 s; quicker here).
const PROMPT_EVERY: Duration = Duration::from_secs(2);
const TAG: &str = "kvs";

/// How the device answers a viewer's offer.
#[derive(Debug, Clone, Copy)]
pub enum Answering {
    /// The companion firmware's diagnostic answer: every media section rejected, its ICE-lite agent stated.
    Diagnostic,
    /// A real WebRTC answer, as a board running a media master gives: host candidates and relays from the
    /// channel's TURN servers, the data channel's echo, and the built-in test clip — or no media at all when
    /// `send_media` is false (a master whose camera pipeline is stuck).
    Media { send_media: bool },
}

/// The device's network: where its host candidates are and what it trusts for TURN over TLS.
#[derive(Debug, Clone)]
pub struct DeviceNetwork {
    /// Every non-loopback IPv4 interface when empty.
    pub host_ips: Vec<IpAddr>,
    /// The firmware's bundle (ESP-IDF's common bundle), or another for a firmware built with one.
    pub bundle: Trust,
}

/// A virtual ESP32 on a pseudo-terminal, switched on but not yet booted.
pub struct VirtualDevice {
    board: Board,
    answering: Answering,
    network: DeviceNetwork,
    console: Console,
    lines: mpsc::Receiver<String>,
}

impl VirtualDevice {
    /// Opens the pseudo-terminal (and a symlink to it at `link`).
    pub fn open(
        board: Board,
        answering: Answering,
        network: DeviceNetwork,
        link: Option<&Path>,
    ) -> Result<VirtualDevice> {
        let (console, lines) = Console::open(link)?;
        Ok(VirtualDevice { board, answering, network, console, lines })
    }

    /// The path a monitor opens.
    pub fn path(&self) -> &str {
        &self.console.path
    }

    /// Boots, waits for provisioning, then runs the signaling flow as the firmware does, against the endpoint and
    /// CA of `aws` with the provisioned credentials, until `stop` resolves. Credentials that expire are asked
    /// for again before they do; when they expire first, signaling stops until the device is provisioned again.
    /// A device whose signaling failed stays on its console, as the firmware does, until it is switched off.
    pub async fn run(mut self, aws: &AwsConfig, stop: impl Future<Output = ()>) -> Result<()> {
        tokio::pin!(stop);
        boot(&self.console, self.board.name());
        let mut reason = PromptReason::Unprovisioned;
        loop {
            let provisioning = tokio::select! {
                provisioning = wait_for_provisioning(&self.console, &mut self.lines, reason) => provisioning,
                _ = &mut stop => return Ok(()),
            };
            let joins_wifi = reason == PromptReason::Unprovisioned;
            match self.signal(aws, &provisioning, joins_wifi, &mut stop).await? {
                Ended::Stopped => return Ok(()),
                Ended::Expired => {
                    self.console.event(&Event::CredentialsExpired);
                    reason = PromptReason::Expired;
                }
                Ended::Failed(why) => {
                    self.console.log('E', TAG, format!("signaling stopped: {why}"));
                    stop.await;
                    return Ok(());
                }
            }
        }
    }

    /// Signals with one provisioning (its credentials renewed as they near expiry) until it fails, the
    /// credentials expire, or `stop`.
    async fn signal(
        &mut self,
        aws: &AwsConfig,
        provisioning: &Provisioning,
        joins_wifi: bool,
        stop: &mut std::pin::Pin<&mut impl Future<Output = ()>>,
    ) -> Result<Ended> {
        let console = &self.console;
        console.log(
            'I',
            TAG,
            format!(
                "provisioned: channel {} as {} ({}) in {}, Wi-Fi \"{}\"",
                provisioning.channel,
                provisioning.role.as_str().to_lowercase(),
                provisioning.client_id,
                provisioning.region,
                provisioning.wifi_ssid
            ),
        );
        if joins_wifi {
            console.log(
                'I',
                "wifi",
                format!("connected to \"{}\" (virtual: the host's network)", provisioning.wifi_ssid),
            );
        }
        let provider = Provisioned::new(provisioning);
        let ctx = Arc::new(AwsContext::with_provider(
            aws,
            provisioning.region.clone(),
            SharedCredentialsProvider::new(provider.clone()),
            Arc::new(Silent),
        )?);
        let config = Config {
            channel: provisioning.channel.clone(),
            role: provisioning.role,
            client_id: provisioning.client_id.clone(),
            create_if_missing: Some(MessageTtl::new(60)?),
            cached: None,
            timing: Timing::default(),
            seed: rand::random(),
        };
        let machine = Machine::new(config);
        let renewal = credentials::until_expired(console, &mut self.lines, provisioning, &provider, &ctx);
        let stopped = match self.answering {
            Answering::Diagnostic => {
                let lite = Arc::new(Mutex::new(Lite {
                    credentials: IceCredentials::from_random(rand::random()),
                    candidates: Vec::new(),
                }));
                let setup = network::Setup {
                    host_ips: self.network.host_ips.clone(),
                    settings: Arc::new(Settings::new(&self.network.bundle, network::CHECK_TIMEOUT)?),
                    regional_stun: kvs_core::endpoint::stun_server(&provisioning.region),
                    on_aws: ctx.control_plane.source == EndpointSource::RegionalDefault,
                };
                let (agent_tx, agent_rx) = mpsc::unbounded_channel();
                let mut session = Session::new(ctx.clone(), machine)?;
                let (answers, inputs) = mpsc::channel(16);
                let mut firmware = Firmware {
                    console,
                    role: provisioning.role,
                    board: self.board.name(),
                    answers,
                    lite: lite.clone(),
                    agent: agent_tx,
                    servers: None,
                    connected: false,
                };
                let mut refused = |why: String| console.log('W', TAG, format!("message not sent: {why}"));
                let agent = network::run(console, setup, lite, agent_rx);
                tokio::select! {
                    result = session.run(&mut firmware, inputs, &mut refused, std::future::pending()) => result.err(),
                    () = agent => None,
                    () = renewal => return Ok(Ended::Expired),
                    _ = stop.as_mut() => return Ok(Ended::Stopped),
                }
            }
            Answering::Media { send_media } => {
                let turn = Arc::new(Settings::new(&self.network.bundle, Duration::from_secs(10))?);
                let mut config = media_peer(provisioning.role, &self.network.host_ips, turn, send_media);
                // As the C SDK's master does: a channel that records has its storage session joined.
                if provisioning.role == Role::Master && send_media && records(&ctx, &provisioning.channel).await {
                    console.log('I', TAG, "the channel records its media: joining its storage session");
                    config.join_storage = Some(peer::StorageParticipant::Master(provisioning.channel.clone()));
                }
                let mut board = MediaBoard { console };
                tokio::select! {
                    result = peer::run(ctx.clone(), machine, None, config, &mut board, std::future::pending()) => {
                        result.err()
                    }
                    () = renewal => return Ok(Ended::Expired),
                    _ = stop.as_mut() => return Ok(Ended::Stopped),
                }
            }
        };
        Ok(match stopped {
            Some(err) => Ended::Failed(err.message),
            // The session ended by itself (the agent's end, or an orderly close): the device idles until stopped.
            None => {
                stop.as_mut().await;
                Ended::Stopped
            }
        })
    }
}

/// How a provisioning's signaling ended.
enum Ended {
    Stopped,
    /// The credentials expired before new ones came.
    Expired,
    Failed(String),
}

/// What the ROM and the firmware print at power-on.
fn boot(console: &Console, chip: &str) {
    console.raw(format!("ESP-ROM:{chip}-virtual\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n"));
    console.log('I', TAG, format!("kvs-esp virtual device {} ({chip})", env!("CARGO_PKG_VERSION")));
}

/// Prompts until a valid provisioning line arrives; explains every refused one, as the firmware does.
async fn wait_for_provisioning(
    console: &Console,
    lines: &mut mpsc::Receiver<String>,
    reason: PromptReason,
) -> Provisioning {
    let mut prompt = tokio::time::interval(PROMPT_EVERY);
    loop {
        tokio::select! {
            _ = prompt.tick() => console.event(&Event::ProvisionPrompt { version: provision::VERSION, reason }),
            line = lines.recv() => match line.map(|line| provision::parse_line(&line)) {
                Some(Ok(provisioning)) => return provisioning,
                Some(Err(ProvisionError::NotProvisioning)) => {}
                Some(Err(err)) => console.event(&Event::Error { what: ErrorSite::Provision, detail: err.to_string() }),
                None => return std::future::pending().await,
            },
        }
    }
}

/// Whether the channel's media storage is enabled (DescribeMediaStorageConfiguration); a failed call is a no.
async fn records(ctx: &AwsContext, channel: &kvs_core::names::ChannelRef) -> bool {
    kvs_client::api::storage::describe_media_storage(ctx, channel)
        .await
        .is_ok_and(|config| config.status.as_deref() == Some(kvs_core::api::MediaStorageStatus::Enabled.as_str()))
}

/// A media master's peer, as a board runs it: the TURN servers' chains checked against the device's bundle.
fn media_peer(role: Role, host_ips: &[IpAddr], turn: Arc<Settings>, send_media: bool) -> PeerConfig {
    let mut config = PeerConfig { host_ips: host_ips.to_vec(), ..PeerConfig::new(role, turn) };
    if !send_media {
        (config.video, config.audio) = (Media::None, Media::None);
    }
    config
}

/// The firmware's reaction to the machine: every event as a log line, its network checked once CONNECTED and
/// with every new ICE configuration, offers answered with its ICE-lite agent, viewers' addresses let in.
struct Firmware<'a> {
    console: &'a Console,
    role: Role,
    board: &'static str,
    answers: mpsc::Sender<Input>,
    lite: network::SharedLite,
    agent: mpsc::UnboundedSender<network::Input>,
    /// The latest ICE configuration, until it is checked.
    servers: Option<Vec<IceServer>>,
    connected: bool,
}

impl Firmware<'_> {
    fn answer(&self, offer: &Incoming) {
        self.permit(offer.payload.as_deref().and_then(sdp_of).map(|(_, sdp)| sdp).as_deref().unwrap_or_default());
        let session_id = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let lite = self.lite.lock().ok().map(|lite| lite.clone());
        match kvs_core::diagnostic::reply_to(offer, self.board, session_id, lite.as_ref()) {
            Ok(reply) => {
                let _ = self.answers.try_send(Input::Send(reply));
            }
            Err(why) => self.console.log('W', TAG, format!("offer not answered: {why}")),
        }
    }

    /// Lets the viewer's candidates in through the relays.
    fn permit(&self, text: &str) {
        for candidate in text.lines().filter_map(Candidate::parse) {
            let _ = self.agent.send(network::Input::Peer(candidate.addr.ip()));
        }
    }

    fn check_network(&mut self) {
        if self.connected
            && let Some(servers) = self.servers.take()
        {
            let _ = self.agent.send(network::Input::Servers(servers));
        }
    }
}

impl Sink for Firmware<'_> {
    fn output(&mut self, _elapsed_ms: u64, output: &Output) {
        match output {
            Output::Event(event) => {
                self.console.event(event);
                if let Event::State { to, .. } = event {
                    self.connected = *to == State::Connected;
                    self.check_network();
                }
            }
            Output::IceServers(servers) => {
                self.servers = Some(servers.clone());
                self.check_network();
            }
            Output::Message(message) if message.message_type == MessageType::SdpOffer && self.role == Role::Master => {
                self.answer(message)
            }
            Output::Message(message) if message.message_type == MessageType::IceCandidate => {
                let candidate =
                    message.payload.as_deref().and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok());
                let line = candidate.as_ref().and_then(|c| c["candidate"].as_str()).unwrap_or_default();
                self.permit(line);
            }
            Output::Closed(Some(failure)) => {
                self.console.log('E', TAG, format!("signaling stopped: {failure}"));
            }
            _ => {}
        }
    }

    fn done(&self) -> bool {
        false
    }
}

/// A board with a media master: every event of the session and the media path on its console.
struct MediaBoard<'a> {
    console: &'a Console,
}

impl PeerObserver for MediaBoard<'_> {
    fn event(&mut self, _ms: u64, event: &Event) {
        self.console.event(event);
    }

    fn note(&mut self, text: &str) {
        self.console.log('W', TAG, text);
    }
}
