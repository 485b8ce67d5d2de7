//! Every command and flag kvs-esp accepts, in one place. The doc comments here are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use kvs_client::signal::Until;
use kvs_client::turn::{TlsVersions, Trust, TurnUri};
use kvs_core::names::{ChannelRef, ClientId, MessageTtl, Role as ApiRole, Tag};
use std::net::IpAddr;
use std::path::PathBuf;

/// Amazon Kinesis Video Streams WebRTC signaling, for people who put it on ESP32 devices.
///
/// Does what the KVS C SDK's signaling client does — the control-plane and signaling API calls, SigV4, a
/// WebSocket signaling session with reconnection — probes TURN over TLS as an ESP32 would, checks everything
/// with `doctor`, and reads an ESP32's serial log with `monitor`; against AWS or against the local emulator
/// (`kvs-esp emulator`). Credentials and region come from the AWS default chain (environment, profile, SSO,
/// web identity, container, instance metadata).
#[derive(Debug, Parser)]
#[command(name = "kvs-esp", version, propagate_version = true, max_term_width = 110)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Named profile from ~/.aws/config and ~/.aws/credentials.
    #[arg(long, global = true, value_name = "NAME", env = "AWS_PROFILE")]
    pub profile: Option<String>,

    /// Control-plane endpoint, e.g. the emulator's http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO,
    /// then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com].
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// A PEM file of extra CA certificates to trust, e.g. the emulator's ca.pem (also AWS_CA_BUNDLE).
    #[arg(long, global = true, value_name = "PEM", env = "AWS_CA_BUNDLE")]
    pub ca_file: Option<PathBuf>,

    /// Output format: text for people, json for scripts (one JSON document per command).
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,

    /// Print more: -v shows every API call as an event line, -vv adds debug detail.
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Print only results and errors, no warnings or notes.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Never colour the output (also NO_COLOR).
    #[arg(long, global = true, env = "NO_COLOR", value_parser = clap::builder::BoolishValueParser::new(), default_value_t = false)]
    pub no_color: bool,

    /// Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

mod device;
mod lazy;
mod storage;
mod webrtc;

pub use device::*;
pub use lazy::{Lazy, declare_at_once};
pub use storage::*;
pub use webrtc::*;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, describe, list and delete signaling channels (the control plane).
    #[command(subcommand)]
    Channel(Lazy<ChannelCommand>),

    /// Create, describe, list and delete Kinesis video streams: what a channel's media is recorded into once
    /// `kvs-esp channel storage enable` names one (WebRTC ingestion).
    #[command(subcommand)]
    Stream(Lazy<StreamCommand>),

    /// Look up a channel's signaling endpoints (GetSignalingChannelEndpoint).
    #[command(subcommand)]
    Endpoint(Lazy<EndpointCommand>),

    /// Fetch TURN servers and credentials (GetIceServerConfig, on the channel's HTTPS endpoint).
    #[command(subcommand, name = "ice-config")]
    IceConfig(Lazy<IceConfigCommand>),

    /// Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines).
    #[command(subcommand)]
    Signal(Lazy<SignalCommand>),

    /// Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer,
    /// whether media flows and where it stops.
    #[command(subcommand)]
    Webrtc(Lazy<WebrtcCommand>),

    /// Probe TURN over TLS as an ESP32 with its certificate bundle would use it.
    #[command(subcommand, name = "turn-tls")]
    TurnTls(Lazy<TurnTlsCommand>),

    /// Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials,
    /// region, DNS/TCP/TLS to the control plane, clock, the channel's API calls, the WebSocket, TURN over TLS.
    Doctor(Lazy<DoctorArgs>),

    /// Build the companion firmware for a board and flash it over the serial port (espflash's stub loader,
    /// compressed, MD5-verified); --monitor then shows the device's log and answers its provisioning prompt.
    Flash(Lazy<FlashArgs>),

    /// Show an ESP32's serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code
    /// address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one
    /// JSON object per line.
    Monitor(Lazy<MonitorArgs>),

    /// Watch a device and the host signal on one channel: provision the device as master over its serial port,
    /// send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase's
    /// duration and a verdict that names the first failing phase and its likely cause. The companion firmware
    /// checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and
    /// answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device
    /// that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media
    /// path checked instead: ICE, DTLS, the data channel, the first frames and keyframe.
    Diagnose(Lazy<DiagnoseArgs>),

    /// Run a virtual ESP32 on a pseudo-terminal: the companion firmware's console (boot log, provisioning
    /// prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core's
    /// machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer
    /// media). `monitor` and `diagnose` work with it as with a board.
    #[command(name = "virtual-device")]
    VirtualDevice(Lazy<VirtualDeviceArgs>),

    /// Show or clear the endpoint cache.
    #[command(subcommand)]
    Cache(Lazy<CacheCommand>),

    /// Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`.
    Completions {
        /// The shell to generate for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and
    /// WebRTC ingestion's storage sessions (recorded under --state-dir); `emulator stats` asks a running one what
    /// it has served and recorded.
    #[command(args_conflicts_with_subcommands = true)]
    Emulator(EmulatorArgs),
}

impl Command {
    /// A few calls and out: the control-plane commands run on the calling thread alone (no worker threads to
    /// start and hand work between), which is most of what a short command's wall time would otherwise be.
    pub fn is_brief(&self) -> bool {
        matches!(
            self,
            Command::Channel(_)
                | Command::Stream(_)
                | Command::Endpoint(_)
                | Command::IceConfig(_)
                | Command::Cache(_)
                | Command::Completions { .. }
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum ChannelCommand {
    /// Create a signaling channel (CreateSignalingChannel).
    Create {
        /// Channel name: 1–256 of A–Z a–z 0–9 _ . -
        name: String,

        /// Channel type.
        #[arg(long = "type", value_enum, default_value_t = ChannelTypeArg::SingleMaster)]
        channel_type: ChannelTypeArg,

        /// Seconds an undelivered message waits for its recipient (5–120).
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = parse_ttl)]
        message_ttl: u16,

        /// A tag KEY=VALUE; repeat for more (at most 50).
        #[arg(long = "tag", value_name = "KEY=VALUE", value_parser = parse_tag)]
        tags: Vec<Tag>,
    },

    /// Show a channel's ARN, status, version and message TTL (DescribeSignalingChannel).
    Describe {
        /// Channel name or ARN.
        #[arg(value_parser = parse_channel)]
        channel: ChannelRef,
    },

    /// Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel).
    Delete {
        /// Channel name or ARN.
        #[arg(value_parser = parse_channel)]
        channel: ChannelRef,
    },

    /// List channels, following every page (ListSignalingChannels).
    List {
        /// Only channels whose name begins with this.
        #[arg(long, value_name = "PREFIX")]
        prefix: Option<String>,

        /// Channels asked for per ListSignalingChannels call (1–10000).
        #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(i64).range(1..=10_000))]
        page_size: i64,
    },

    /// Record the channel's media into a Kinesis video stream, stop, or show where it goes (the channel's
    /// media storage configuration). A recording channel's master joins the storage session with
    /// JoinStorageSession and sends it H.264 video and Opus audio.
    #[command(subcommand)]
    Storage(StorageCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChannelTypeArg {
    SingleMaster,
    FullMesh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Master,
    Viewer,
}

impl From<RoleArg> for ApiRole {
    fn from(role: RoleArg) -> ApiRole {
        match role {
            RoleArg::Master => ApiRole::Master,
            RoleArg::Viewer => ApiRole::Viewer,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProtocolArg {
    Wss,
    Https,
    Webrtc,
}

#[derive(Debug, Subcommand)]
pub enum EndpointCommand {
    /// Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache.
    Get {
        /// Channel name or ARN.
        #[arg(long, short = 'c', value_parser = parse_channel)]
        channel: ChannelRef,

        /// The role the endpoints are for.
        #[arg(long, short = 'r', value_enum)]
        role: RoleArg,

        /// Protocols to ask for (WEBRTC needs a channel configured for ingestion; always asked of the service).
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [ProtocolArg::Wss, ProtocolArg::Https])]
        protocols: Vec<ProtocolArg>,
    },
}

#[derive(Debug, Subcommand)]
pub enum IceConfigCommand {
    /// Get TURN servers with short-lived credentials for a client.
    Get {
        /// Channel name or ARN.
        #[arg(long, short = 'c', value_parser = parse_channel)]
        channel: ChannelRef,

        /// The role whose HTTPS endpoint is asked.
        #[arg(long, short = 'r', value_enum, default_value_t = RoleArg::Viewer)]
        role: RoleArg,

        /// Client id sent as ClientId (1–256 of A–Z a–z 0–9 _ . -, not starting with AWS_).
        #[arg(long, value_parser = parse_client_id)]
        client_id: Option<ClientId>,

        /// Print TURN passwords instead of hiding them.
        #[arg(long)]
        show_passwords: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SignalCommand {
    /// Connect and stay connected: print every received message as one JSON object per line on stdout; send
    /// the JSON lines read from stdin (or --send FILE), e.g.
    /// {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master,
    /// {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}.
    /// Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit.
    Connect(SignalArgs),

    /// Send an SDP offer to the channel's master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses
    /// instead of a WebSocket) and print the master's answer. The master must be connected (or connect within the
    /// channel's message TTL) and answer within 10 s.
    #[command(name = "alexa-offer")]
    AlexaOffer(AlexaOfferArgs),
}

#[derive(Debug, Args)]
pub struct AlexaOfferArgs {
    /// Channel name or ARN.
    #[arg(long, short = 'c', value_parser = parse_channel)]
    pub channel: ChannelRef,

    /// The SDP offer to send (an SDP text, or {"type":"offer","sdp":…} JSON).
    #[arg(long, value_name = "FILE")]
    pub offer: PathBuf,

    /// The client id the master sees the offer from [default: a random alexa-xxxxxxxx].
    #[arg(long, value_parser = parse_client_id)]
    pub sender_client_id: Option<ClientId>,
}

/// Which channel, in which role, under which client id: how `signal connect` and `webrtc connect` join.
#[derive(Debug, Args)]
pub struct SessionArgs {
    /// Channel name or ARN.
    #[arg(long, short = 'c', value_parser = parse_channel)]
    pub channel: ChannelRef,

    /// The role to connect as.
    #[arg(long, short = 'r', value_enum)]
    pub role: RoleArg,

    /// Client id (a viewer's X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random
    /// viewer-xxxxxxxx for viewers, kvs-esp-master for masters].
    #[arg(long, value_parser = parse_client_id)]
    pub client_id: Option<ClientId>,
}

#[derive(Debug, Args)]
pub struct SignalArgs {
    #[command(flatten)]
    pub session: SessionArgs,

    /// Create the channel (SINGLE_MASTER, --message-ttl) when it does not exist.
    #[arg(long)]
    pub create_if_missing: bool,

    /// Message TTL for a channel made by --create-if-missing (5–120 seconds).
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = parse_ttl)]
    pub message_ttl: u16,

    /// Send the JSON lines of this file (after connecting) instead of reading stdin.
    #[arg(long, value_name = "FILE")]
    pub send: Option<PathBuf>,

    /// As viewer: send this SDP offer once connected (an SDP text, or {"type":"offer","sdp":…} JSON).
    #[arg(long, value_name = "FILE", conflicts_with = "answer")]
    pub offer: Option<PathBuf>,

    /// As master: answer every SDP offer with this SDP (an SDP text, or {"type":"answer","sdp":…} JSON).
    #[arg(long, value_name = "FILE")]
    pub answer: Option<PathBuf>,

    /// End the session: `connected` (once connected), `answer` (once an SDP answer is received or sent), a
    /// number of received messages, or a duration such as 30s, 500ms or 2m [default: run until Ctrl-C].
    #[arg(long, value_name = "WHEN")]
    pub until: Option<Until>,
}

#[derive(Debug, Subcommand)]
pub enum TurnTlsCommand {
    /// For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version,
    /// cipher, anchoring root, whether ESP-IDF's default bundle trusts it), TURN Allocate with long-term
    /// credentials, an optional relay round trip (--peer), and Refresh to release — each step timed.
    Probe(ProbeArgs),
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Take the servers from the channel's GetIceServerConfig.
    #[arg(long, short = 'c', value_parser = parse_channel, required_unless_present = "uri", conflicts_with = "uri")]
    pub channel: Option<ChannelRef>,

    /// The role whose HTTPS endpoint GetIceServerConfig is sent to.
    #[arg(long, short = 'r', value_enum, default_value_t = RoleArg::Viewer)]
    pub role: RoleArg,

    /// Client id for GetIceServerConfig.
    #[arg(long, value_parser = parse_client_id)]
    pub client_id: Option<ClientId>,

    /// Probe one server by hand, e.g. 'turns:turn.example.com:443?transport=tcp'.
    #[arg(long, value_name = "URI")]
    pub uri: Option<TurnUri>,

    /// The TURN username for --uri.
    #[arg(long, requires = "uri")]
    pub username: Option<String>,

    /// The TURN password for --uri (also KVS_ESP_TURN_PASSWORD).
    #[arg(long, requires = "uri", env = "KVS_ESP_TURN_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,

    /// Also probe the plain turn: UDP URIs.
    #[arg(long)]
    pub udp: bool,

    /// After allocating, permit this peer and check that data relayed to it comes back (an echo service).
    #[arg(long, value_name = "HOST:PORT")]
    pub peer: Option<String>,

    /// Roots to trust: native (this machine), esp-common (ESP-IDF's default bundle), esp-full (the whole
    /// Mozilla store ESP-IDF can bundle), or a PEM file. The report always says whether esp-common would trust.
    #[arg(long, value_name = "STORE", default_value = "native")]
    pub trust: Trust,

    /// TLS versions to offer: 1.2, 1.3 or any.
    #[arg(long, value_name = "VERSION", default_value = "any")]
    pub tls: TlsVersions,

    /// Servers probed at once.
    #[arg(long, default_value_t = 4)]
    pub jobs: usize,

    /// Seconds each step may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The channel to check (without it, the checks stop after the clock).
    #[arg(long, short = 'c', value_parser = parse_channel)]
    pub channel: Option<ChannelRef>,

    /// The role to check the endpoints and the WebSocket for.
    #[arg(long, short = 'r', value_enum, default_value_t = RoleArg::Viewer)]
    pub role: RoleArg,

    /// Client id for GetIceServerConfig and the viewer's WebSocket [default: a random doctor-xxxxxxxx].
    #[arg(long, value_parser = parse_client_id)]
    pub client_id: Option<ClientId>,

    /// Roots to trust for the TURN servers: native, esp-common, esp-full or a PEM file.
    #[arg(long, value_name = "STORE", default_value = "native")]
    pub turn_trust: Trust,

    /// Seconds each check may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,

    /// Add a media-path step: connect as a viewer to the channel's master (which must be running) and require
    /// ICE, DTLS and the data channel within --timeout, with the channel's TURN servers and KVS's STUN server.
    #[arg(long, requires = "channel")]
    pub peer: bool,

    /// Add a storage-session step for a channel that records: connect as its master (superseding the master
    /// connected now, for a few seconds), join the storage session (JoinStorageSession) and require DTLS with it
    /// and H.264 and Opus sent into it.
    #[arg(long, requires = "channel")]
    pub storage_session: bool,

    /// For --peer and --storage-session: the address of a host candidate (repeatable) [default: every
    /// non-loopback IPv4 interface].
    #[arg(long, value_name = "ADDR")]
    pub host_ip: Vec<std::net::IpAddr>,
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// List cached endpoint entries and when each expires.
    Show,
    /// Remove every cached entry.
    Clear,
}

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Address to listen on. Loopback unless you mean to expose an unauthenticated test service.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Plain-HTTP port (0 picks a free one).
    #[arg(long, default_value_t = 8480)]
    pub http_port: u16,

    /// HTTPS port (0 picks a free one); its certificate is issued by the CA in --state-dir.
    #[arg(long, default_value_t = 8443)]
    pub https_port: u16,

    /// Keep the CA and channels here, across restarts [default: a new temporary directory].
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,

    /// An accepted key pair ACCESS_KEY_ID:SECRET[:SESSION_TOKEN]; repeat for more. Replaces the default pair.
    /// With @EXPIRATION (Unix seconds) it expires then, as session credentials do: later requests get
    /// ExpiredTokenException.
    #[arg(long = "key", value_name = "AKID:SECRET[:TOKEN][@EXPIRATION]")]
    pub keys: Vec<String>,

    /// An accepted key pair whose session has expired: requests signed with it get ExpiredTokenException.
    #[arg(long = "expired-key", value_name = "AKID:SECRET")]
    pub expired_keys: Vec<String>,

    /// An accepted key pair without permissions: its requests get AccessDeniedException (401).
    #[arg(long = "denied-key", value_name = "AKID:SECRET")]
    pub denied_keys: Vec<String>,

    /// The region the emulator serves; requests signed for another region are refused.
    #[arg(long = "emulated-region", default_value = "us-west-2")]
    pub region: String,

    /// The account id in the ARNs it mints.
    #[arg(long, default_value = "111122223333")]
    pub account_id: String,

    /// How far a request's X-Amz-Date may be from the emulator's clock, in seconds.
    #[arg(long, default_value_t = 300)]
    pub skew_tolerance: u64,

    /// Shift the emulator's clock by this many seconds (negative: behind), to test clock-skew handling.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub clock_offset: i64,

    /// A TURN URI to hand out in GetIceServerConfig, e.g. turns:localhost:5349?transport=tcp; repeat for more.
    #[arg(long = "turn-uri", value_name = "URI")]
    pub turn_uris: Vec<String>,

    /// The TURN REST shared secret (coturn's static-auth-secret) used to mint ICE credentials.
    #[arg(long, value_name = "SECRET", default_value = "kvs-emulator-shared-secret")]
    pub turn_secret: String,

    /// Lifetime of minted TURN credentials, in seconds (the service uses 300).
    #[arg(long, default_value_t = 300)]
    pub turn_ttl: u32,

    /// Most channels it holds before AccountChannelLimitExceededException, and most streams (counted apart)
    /// before AccountStreamLimitExceededException.
    #[arg(long, default_value_t = 10_000)]
    pub max_channels: usize,

    /// Most viewers connected to one channel; one more is refused at the handshake.
    #[arg(long, default_value_t = 10)]
    pub max_viewers: usize,

    /// Messages per second per connection for SDP offers, SDP answers and ICE candidates.
    #[arg(long, value_name = "OFFERS,ANSWERS,CANDIDATES", default_value = "5,5,20")]
    pub rates: kvs_emulator::Rates,

    /// Seconds without a message or ping before a connection gets GO_AWAY and is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub idle_timeout: u64,

    /// Seconds a connection may last before it gets GO_AWAY and is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    pub max_duration: u64,

    /// Milliseconds between GO_AWAY and the close that follows it (the service allows up to a minute).
    #[arg(long, value_name = "MS", default_value_t = 5_000)]
    pub go_away_grace_ms: u64,

    /// Seconds a client may take to send a request's headers, and then its body; slower clients are cut off.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub request_timeout: u64,

    #[command(subcommand)]
    pub command: Option<EmulatorCommand>,
}

#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by
    /// operation, signaling connections and relayed messages, and per stream the storage sessions it recorded
    /// (frames, bytes, the last session's directory and how it ended).
    Stats,
}

/// The board names, offered as the possible values in --help and the completions.
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    match text.parse::<Until>()? {
        Until::Elapsed(duration) => Ok(duration),
        _ => Err(format!("invalid duration \"{text}\": write it like 30s, 500ms or 2m")),
    }
}

fn parse_channel(text: &str) -> Result<ChannelRef, String> {
    text.parse::<ChannelRef>().map_err(|e| e.to_string())
}

fn parse_client_id(text: &str) -> Result<ClientId, String> {
    ClientId::new(text).map_err(|e| e.to_string())
}

fn parse_ttl(text: &str) -> Result<u16, String> {
    let seconds: i64 = text.parse().map_err(|_| format!("\"{text}\" is not a whole number of seconds"))?;
    MessageTtl::new(seconds).map(MessageTtl::seconds).map_err(|e| e.to_string())
}

fn parse_tag(text: &str) -> Result<Tag, String> {
    text.parse::<Tag>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
