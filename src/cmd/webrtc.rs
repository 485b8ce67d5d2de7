//! `kvs-esp webrtc connect`: a WebRTC peer over the signaling session, its progress as it happens and a report
//! with a verdict at the end (exit 7 when the media path failed).

use crate::cli::{GlobalArgs, IceTransportArg, TurnTransportArg, WebrtcArgs};
use crate::output::Output;
use crate::output::peer::{EventLine, PeerSummary};
use kvs_client::aws::AwsContext;
use kvs_client::peer::{self, IcePolicy, Media, PeerConfig, PeerObserver, StorageParticipant};
use kvs_client::turn::probe::Settings;
use kvs_client::{Error, Kind, Result};
use kvs_core::event::Event;
use kvs_core::names::Role;
use kvs_core::webrtc::{Codec, Transport};
use std::sync::Arc;
use std::time::Duration;

pub async fn run(ctx: Arc<AwsContext>, global: &GlobalArgs, args: WebrtcArgs, out: Output) -> Result<()> {
    let role: Role = args.session.role.into();
    if args.save.is_some() && role == Role::Master {
        return Err(Error::input("--save is for viewers: a master sends media (use --video and --audio)"));
    }
    if args.join_storage {
        check_ingestible(role, &args)?;
    }
    let client_id = super::client_id(&args.session)?;
    let stun = match (&args.stun[..], args.no_stun) {
        (_, true) => Vec::new(),
        ([], false) => peer::default_stun(&ctx),
        (given, false) => given.iter().map(|s| s.trim_start_matches("stun:").to_string()).collect(),
    };
    let turn = Settings::new(&args.trust, Duration::from_secs(10))?;
    let config = PeerConfig {
        ice_transport: match args.ice_transport {
            IceTransportArg::All => IcePolicy::All,
            IceTransportArg::Relay => IcePolicy::Relay,
        },
        stun,
        turn_transports: args
            .turn_transport
            .iter()
            .filter(|_| !args.no_turn)
            .map(|t| match t {
                TurnTransportArg::Udp => Transport::Udp,
                TurnTransportArg::Tcp => Transport::Tcp,
                TurnTransportArg::Tls => Transport::Tls,
            })
            .collect(),
        host_ips: args.host_ip.clone(),
        video: if role == Role::Master { args.video.0.clone() } else { Media::None },
        // A viewer that joins the storage session sends its audio.
        audio: if role == Role::Master || args.join_storage { args.audio.0.clone() } else { Media::None },
        fps: args.fps,
        codecs: args.codec.clone(),
        save: args.save.clone(),
        timeout: args.timeout,
        duration: args.duration,
        max_viewers: usize::from(args.max_viewers),
        join_storage: args.join_storage.then(|| match role {
            Role::Master => StorageParticipant::Master(args.session.channel.clone()),
            Role::Viewer => StorageParticipant::Viewer(args.session.channel.clone(), client_id.clone()),
        }),
        ..PeerConfig::new(role, Arc::new(turn))
    };
    let (machine, cache) = super::signaling(&ctx, global, &args.session.channel, role, client_id.clone(), None)?;
    out.note(&format!("webrtc: {} of {} ({client_id})", role.as_str().to_lowercase(), args.session.channel));
    // The peer runs on a worker thread, where tokio's I/O driver also runs: a datagram's readiness wakes it
    // without a hand-off to the main thread (a third less CPU to receive a 2.5 Mbit/s stream).
    let running = tokio::spawn(async move {
        let mut view = View { out };
        peer::run(ctx, machine, cache, config, &mut view, super::interrupted()).await
    });
    let report = running.await.map_err(|e| Error::local(format!("the WebRTC peer stopped: {e}")))??;
    out.stream(&PeerSummary(&report));
    match report.verdict.ok {
        true => Ok(()),
        false => {
            let layer = report.verdict.layer.map_or("media path", |l| l.as_str());
            Err(Error::new(Kind::Check, format!("the media path stopped at {layer}: {}", report.verdict.cause))
                .with_hint(report.verdict.hint.clone())
                .in_report())
        }
    }
}

/// KVS's storage session takes a master's H.264 video and Opus audio together, and a viewer's Opus audio alone: a
/// participant that would join it without them is refused before it connects.
fn check_ingestible(role: Role, args: &WebrtcArgs) -> Result<()> {
    if role == Role::Viewer {
        if matches!(args.audio.0, Media::None) || (!args.codec.is_empty() && !args.codec.contains(&Codec::Opus)) {
            return Err(Error::input("--join-storage as a viewer sends Opus audio, the one thing a viewer ingests")
                .with_hint("leave --audio at the built-in clip or give an Ogg Opus file, and keep opus in --codec"));
        }
        if args.save.is_some() {
            return Err(Error::input(
                "--save with --join-storage: a viewer that ingests sends its audio, it receives nothing",
            ));
        }
        return Ok(());
    }
    const TAKES: &str = "KVS's storage session records H.264 video and Opus audio together";
    let missing: Vec<&str> = [("--video", &args.video.0), ("--audio", &args.audio.0)]
        .into_iter()
        .filter(|(_, media)| matches!(media, Media::None))
        .map(|(flag, _)| flag)
        .collect();
    if !missing.is_empty() {
        return Err(Error::input(format!("--join-storage with {} none: {TAKES}", missing.join(" and ")))
            .with_hint("send both (the built-in clip is the default for each)"));
    }
    let refused: Vec<&str> = [(Codec::H264, "h264"), (Codec::Opus, "opus")]
        .into_iter()
        .filter(|(codec, _)| !args.codec.is_empty() && !args.codec.contains(codec))
        .map(|(_, name)| name)
        .collect();
    if !refused.is_empty() {
        return Err(Error::input(format!(
            "--join-storage with --codec leaving out {}: {TAKES}",
            refused.join(" and ")
        ))
        .with_hint("add h264 and opus to --codec, or leave --codec out"));
    }
    Ok(())
}

/// Shows the run as it goes: the media path's events as lines (JSON lines with -o json), signaling's with -v.
struct View {
    out: Output,
}

impl PeerObserver for View {
    fn event(&mut self, ms: u64, event: &Event) {
        let line = EventLine { ms, event };
        if self.out.is_json() {
            self.out.stream(&line);
        } else if line.is_media() {
            self.out.note(&crate::output::Render::text(&line, &self.out));
            self.out.detail(1, &format!("kvs: {event}"));
        } else {
            self.out.detail(1, &format!("kvs: {event}"));
        }
    }

    fn note(&mut self, text: &str) {
        self.out.warn(text);
    }
}
