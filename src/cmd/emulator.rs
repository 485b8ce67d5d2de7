//! `kvs-esp emulator`: a local KVS on loopback until Ctrl-C or SIGTERM; says where it listens and how to point
//! kvs-esp and the AWS CLI at it, and logs every request with `-v`. `kvs-esp emulator stats` asks a running one
//! what it has served and recorded.

use crate::cli::{EmulatorArgs, GlobalArgs};
use crate::output::{Output, Render, table};
use kvs_client::peer::storage::{Recording, record};
use kvs_client::{Error, Result};
use kvs_core::names::{ChannelArn, ClientId};
use kvs_core::webrtc::MediaKind;
use kvs_emulator::storage::{Arrivals, Recorded, Session, StorageJoin, StoragePeer};
use kvs_emulator::{Config, DEFAULT_ACCESS_KEY_ID, Emulator, ErrorKind, RequestLog, RequestRecord};
use std::sync::Arc;
use std::time::Duration;

pub async fn run(args: EmulatorArgs, out: Output) -> Result<()> {
    let on_request: Option<RequestLog> =
        (out.verbosity() > 0).then(|| Arc::new(move |record: &RequestRecord| log(out, record)) as RequestLog);
    let config = Config {
        bind: args.bind,
        http_port: args.http_port,
        https_port: args.https_port,
        state_dir: args.state_dir,
        keys: args.keys,
        expired_keys: args.expired_keys,
        denied_keys: args.denied_keys,
        region: args.region,
        account_id: args.account_id,
        skew_tolerance: args.skew_tolerance,
        clock_offset: args.clock_offset,
        turn_uris: args.turn_uris,
        turn_secret: args.turn_secret,
        turn_ttl: args.turn_ttl,
        max_channels: args.max_channels,
        max_viewers: args.max_viewers,
        rates: args.rates,
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_duration: Duration::from_secs(args.max_duration),
        go_away_grace: Duration::from_millis(args.go_away_grace_ms),
        request_timeout: Duration::from_secs(args.request_timeout),
        on_request,
        storage_peer: Some(Arc::new(RecordingPeer)),
    };
    let emulator = Emulator::start(config).await.map_err(|err| {
        let error = match err.kind {
            ErrorKind::Input => Error::input(err.message),
            ErrorKind::Local => Error::local(err.message),
        };
        match err.hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    })?;
    out.stream(&Listening(&emulator));
    super::interrupted().await;
    emulator.shutdown().await;
    Ok(())
}

/// The storage sessions of JoinStorageSession(AsViewer): kvs-esp's own WebRTC peer joins the channel as a viewer
/// and saves what the master (or the bridged viewer) sends, H.264 Annex-B and Ogg Opus, in the session's directory.
struct RecordingPeer;

impl StoragePeer for RecordingPeer {
    fn session(&self, join: StorageJoin, arrivals: Arrivals, stop: tokio::sync::oneshot::Receiver<()>) -> Session {
        Box::pin(async move {
            let stopped = async move {
                let _ = stop.await;
            };
            let first_frame = move |kind| arrivals.first_frame(kind);
            match recording(join) {
                Ok(recording) => match record(recording, first_frame, stopped).await {
                    Ok(report) => recorded(&report),
                    Err(err) => Recorded { ended: err.to_string(), ..Recorded::default() },
                },
                Err(err) => Recorded { ended: err.to_string(), ..Recorded::default() },
            }
        })
    }
}

fn recording(join: StorageJoin) -> Result<Recording> {
    Ok(Recording {
        endpoint: join.endpoint,
        region: join.region,
        access_key_id: join.key.access_key_id,
        secret_access_key: join.key.secret_access_key,
        session_token: join.key.session_token,
        channel: ChannelArn::new(join.channel_arn)?,
        client_id: ClientId::new(join.client_id)?,
        audio_only: join.viewer.is_some(),
        directory: join.directory,
    })
}

/// What the storage peer received, from its report.
fn recorded(report: &kvs_client::peer::Report) -> Recorded {
    let mut recorded = Recorded {
        ended: if report.verdict.cause.is_empty() { "stopped".into() } else { report.verdict.cause.clone() },
        ..Recorded::default()
    };
    for track in report.connections.iter().flat_map(|c| &c.tracks).filter(|t| t.direction == "recv") {
        let (frames, bytes) = match track.kind {
            MediaKind::Video => (&mut recorded.video_frames, &mut recorded.video_bytes),
            MediaKind::Audio => (&mut recorded.audio_frames, &mut recorded.audio_bytes),
        };
        *frames += track.frames;
        *bytes += track.bytes;
        recorded.files.extend(track.saved.clone());
    }
    recorded
}

/// One request of the `-v` log.
fn log(out: Output, record: &RequestRecord) {
    let line = if record.websocket {
        format!("GET {} {} WebSocket", record.path, record.status)
    } else {
        format!(
            "{} {} {} {} {} {:.1} ms",
            record.method,
            record.path,
            record.status,
            record.operation.map_or("-", |op| op.name()),
            record.code.unwrap_or(""),
            record.elapsed.as_secs_f64() * 1000.0
        )
    };
    out.detail(1, &line);
}

/// Where the emulator listens and how to point kvs-esp and the AWS CLI at it; JSON: one line.
struct Listening<'a>(&'a Emulator);

impl Listening<'_> {
    /// The secret, when it is the well-known default pair's (a pair given with --key is never printed).
    fn secret(&self) -> Option<&str> {
        let key = self.0.key();
        (key.access_key_id == DEFAULT_ACCESS_KEY_ID).then_some(key.secret_access_key.as_str())
    }
}

impl Render for Listening<'_> {
    fn text(&self, _: &Output) -> String {
        let emulator = self.0;
        let secret_shown = self.secret().unwrap_or("<the secret you passed with --key>");
        let state_line = match emulator.state_dir() {
            Some(dir) => format!("{} (channels kept across restarts)", dir.display()),
            None => "in memory (--state-dir DIR keeps channels and the CA)".into(),
        };
        format!(
            "kvs-esp emulator: a local Amazon KVS signaling service for region {region}\n\n\
             \x20 HTTP   {http_url}\n\
             \x20 HTTPS  {https_url}   CA: {ca}\n\
             \x20 Key    {akid} / {secret_shown}\n\
             \x20 State  {state_line}\n\n\
             Point kvs-esp at it:\n\
             \x20 export AWS_ACCESS_KEY_ID={akid} AWS_SECRET_ACCESS_KEY={secret_shown} AWS_REGION={region}\n\
             \x20 export AWS_ENDPOINT_URL_KINESIS_VIDEO={http_url}\n\
             \x20 kvs-esp channel create demo\n\
             \x20 (over TLS: --endpoint-url {https_url} --ca-file {ca})\n\n\
             Point the AWS CLI at it (same environment):\n\
             \x20 aws kinesisvideo describe-signaling-channel --channel-name demo --endpoint-url {http_url}\n\n\
             Ctrl-C stops it.",
            region = emulator.region(),
            http_url = emulator.http_url(),
            https_url = emulator.https_url(),
            ca = emulator.ca_file().display(),
            akid = emulator.key().access_key_id,
        )
    }

    fn json(&self) -> serde_json::Value {
        let emulator = self.0;
        serde_json::json!({
            "event": "listening",
            "http": emulator.http_url(),
            "https": emulator.https_url(),
            "ca_file": emulator.ca_file(),
            "region": emulator.region(),
            "access_key_id": emulator.key().access_key_id,
            "secret_access_key": self.secret(),
            "state_dir": emulator.state_dir(),
        })
    }
}

/// What the emulator that the global flags and environment point at has served and recorded.
pub async fn stats(global: &GlobalArgs, out: Output) -> Result<()> {
    let stats = kvs_client::api::emulator::stats(global.endpoint_url.as_deref(), global.ca_file.clone()).await?;
    out.report(&Stats(stats));
    Ok(())
}

/// The emulator's stats: JSON as the emulator gives them; text as a summary and one row per stream.
struct Stats(serde_json::Value);

impl Render for Stats {
    fn text(&self, _: &Output) -> String {
        let stats = &self.0;
        let number = |v: &serde_json::Value| v.as_u64().unwrap_or(0);
        let by_operation: Vec<String> = stats["by_operation"]
            .as_object()
            .map(|ops| ops.iter().map(|(op, n)| format!("{op} {}", number(n))).collect())
            .unwrap_or_default();
        let by_operation =
            if by_operation.is_empty() { String::new() } else { format!(" ({})", by_operation.join(", ")) };
        let mut text = format!(
            "requests   {}{by_operation}\nsignaling  {} connection(s), {} message(s) relayed\n",
            number(&stats["requests"]),
            number(&stats["signaling"]["connections"]),
            number(&stats["signaling"]["relayed"]),
        );
        let Some(streams) = stats["streams"].as_object().filter(|s| !s.is_empty()) else {
            text.push_str("streams    no storage session has run");
            return text;
        };
        let mut rows = table::Table::new(&["STREAM", "SESSIONS", "ACTIVE", "VIDEO", "AUDIO", "LAST SESSION", "ENDED"]);
        for (name, counters) in streams {
            let media = |kind: &str| {
                format!(
                    "{} frames, {} B",
                    number(&counters[format!("{kind}_frames")]),
                    number(&counters[format!("{kind}_bytes")])
                )
            };
            rows.row(vec![
                name.clone(),
                number(&counters["sessions"]).to_string(),
                if counters["active"] == true { "yes" } else { "no" }.to_string(),
                media("video"),
                media("audio"),
                counters["last_directory"].as_str().unwrap_or("-").to_string(),
                counters["last_ended"].as_str().unwrap_or("-").to_string(),
            ]);
        }
        text.push('\n');
        text.push_str(&rows.render());
        text
    }

    fn json(&self) -> serde_json::Value {
        self.0.clone()
    }
}
