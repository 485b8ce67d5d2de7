//! The flags of `webrtc connect`.

use super::{SessionArgs, parse_duration};
use clap::{Args, Subcommand, ValueEnum};
use kvs_client::turn::Trust;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum WebrtcCommand {
    /// Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus,
    /// PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the
    /// channel's TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their
    /// round trips, the nominated pair, DTLS, the data channel's echo, each track's first packet and keyframe
    /// and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a
    /// built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK's
    /// sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7).
    Connect(WebrtcArgs),
}

/// What a track plays: `clip` (the built-in test clip), `none`, or a file.
#[derive(Debug, Clone)]
pub struct MediaArg(pub kvs_client::peer::Media);

impl std::str::FromStr for MediaArg {
    type Err = String;
    fn from_str(text: &str) -> Result<MediaArg, String> {
        use kvs_client::peer::Media;
        Ok(MediaArg(match text {
            "clip" => Media::Clip,
            "none" => Media::None,
            "" => return Err("give a file, `clip` or `none`".into()),
            path => Media::File(PathBuf::from(path)),
        }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IceTransportArg {
    /// Host, server-reflexive and relay candidates.
    All,
    /// Relay (TURN) candidates only, as iceTransportPolicy "relay".
    Relay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TurnTransportArg {
    Udp,
    Tcp,
    Tls,
}

#[derive(Debug, Args)]
pub struct WebrtcArgs {
    #[command(flatten)]
    pub session: SessionArgs,

    /// Which candidates to use: all, or relay only (every packet through TURN).
    #[arg(long, value_enum, default_value_t = IceTransportArg::All)]
    pub ice_transport: IceTransportArg,

    /// A STUN server for server-reflexive candidates, as HOST:PORT or stun:HOST:PORT (repeatable) [default:
    /// stun.kinesisvideo.<region>.amazonaws.com:443 against AWS; none against another --endpoint-url].
    #[arg(long, value_name = "HOST:PORT")]
    pub stun: Vec<String>,

    /// Use no STUN server.
    #[arg(long, conflicts_with = "stun")]
    pub no_stun: bool,

    /// Which of the channel's TURN URIs to allocate on, by how they reach the server (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [TurnTransportArg::Udp, TurnTransportArg::Tcp, TurnTransportArg::Tls])]
    pub turn_transport: Vec<TurnTransportArg>,

    /// Allocate on none of the channel's TURN servers (no relay candidates).
    #[arg(long, conflicts_with = "turn_transport")]
    pub no_turn: bool,

    /// Roots to trust for TURN over TLS: native, esp-common (ESP-IDF's default bundle, what a device has),
    /// esp-full, or a PEM file.
    #[arg(long, value_name = "STORE", default_value = "native")]
    pub trust: Trust,

    /// The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface].
    #[arg(long, value_name = "ADDR")]
    pub host_ip: Vec<std::net::IpAddr>,

    /// As master: the video to send, an H.264 Annex-B file (`ffmpeg … -c:v libx264 -bsf:v h264_mp4toannexb
    /// -f h264 out.h264`), `clip` or `none`; looped.
    #[arg(long, value_name = "FILE", default_value = "clip")]
    pub video: MediaArg,

    /// As master: the audio to send, an Ogg Opus file (`ffmpeg … -c:a libopus -f ogg out.opus`), `clip` or
    /// `none`; looped.
    #[arg(long, value_name = "FILE", default_value = "clip")]
    pub audio: MediaArg,

    /// The frame rate of a --video file.
    #[arg(long, default_value_t = 25)]
    pub fps: u32,

    /// The codecs to negotiate (comma-separated, e.g. h264,opus) [default: h264,vp8,opus,pcmu,pcma].
    #[arg(long, value_delimiter = ',', value_parser = parse_codec)]
    pub codec: Vec<kvs_core::webrtc::Codec>,

    /// As viewer: save what arrives in this directory (H.264 as .h264, VP8 as .ivf, Opus as .ogg; ffplay plays
    /// them).
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,

    /// How long the media path may take to come up (from the start).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "30s")]
    pub timeout: std::time::Duration,

    /// How long to stay connected: a viewer from its connection [default: 10s], a master from the start
    /// [default: until Ctrl-C].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub duration: Option<std::time::Duration>,

    /// As master: how many viewers to serve at once.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=10))]
    pub max_viewers: u16,

    /// On a channel that records (`kvs-esp channel storage enable`): join its storage session whenever signaling
    /// connects and answer the session's offer — a master (JoinStorageSession) with H.264 video and Opus audio
    /// (KVS ingestion takes both), a viewer (JoinStorageSessionAsViewer) with its Opus audio, instead of offering
    /// to the master; join again when no offer comes within 6 s or the session ends.
    #[arg(long)]
    pub join_storage: bool,
}

fn parse_codec(text: &str) -> Result<kvs_core::webrtc::Codec, String> {
    text.parse().map_err(|_| format!("unknown codec \"{text}\": use h264, vp8, vp9, opus, pcmu, pcma or g722"))
}
