//! The doctor's checks of WebRTC ingestion: a channel that records has a stream that exists and keeps data, and
//! a WEBRTC endpoint; asked for, a storage session joined as the channel's master with media sent into it.

use super::report::{Check, Doctor};
use crate::api::{self, CachePolicy};
use crate::aws::AwsContext;
use crate::error::Result;
use crate::peer::{self, PeerConfig, Quiet, StorageParticipant};
use kvs_core::api::{EndpointProtocol, MediaStorageStatus};
use kvs_core::names::{ChannelRef, ClientId, ResourceRef, Role, StreamArn};
use kvs_core::webrtc::MediaKind;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the storage-session step sends media once the session is connected.
const SEND_FOR: Duration = Duration::from_secs(3);

/// "media storage": whether the channel records, and whether it can. False when there is no storage session to
/// check (the channel does not record, or what it records into is broken).
pub(super) async fn configuration(doctor: &mut Doctor, ctx: &AwsContext, channel: &ChannelRef) -> bool {
    let t = Instant::now();
    let config = match api::storage::describe_media_storage(ctx, channel).await {
        Ok(config) => config,
        // Not every identity that signals may read the storage configuration: no reason to fail the channel.
        Err(err) if err.kind == crate::error::Kind::Auth => {
            let why = format!("not checked: {} ({})", err.message, err.code.as_deref().unwrap_or("denied"));
            doctor.push(Check::skip("media storage", why));
            return false;
        }
        Err(err) => {
            doctor.push(Check::from_error("media storage", t, &err));
            return false;
        }
    };
    let enabled = config.status.as_deref() == Some(MediaStorageStatus::Enabled.as_str());
    let Some(stream) = config.stream_arn.filter(|_| enabled) else {
        doctor.push(Check::pass("media storage", t, "the channel does not record its media (DISABLED)"));
        return false;
    };
    let stream = match StreamArn::new(stream) {
        Ok(arn) => ResourceRef::Arn(arn),
        Err(err) => {
            doctor.push(Check::fail("media storage", t, err.to_string(), "the service returned an unusable ARN"));
            return false;
        }
    };
    let info = match api::storage::describe_stream(ctx, &stream).await {
        Ok(reply) => reply.body,
        Err(err) => {
            let hint = "the stream it records into is gone: create one and `kvs-esp channel storage enable` again";
            doctor.push(Check::fail("media storage", t, format!("{} ({stream})", err.message), hint));
            return false;
        }
    };
    let hours = info.data_retention_in_hours.unwrap_or(0);
    if hours <= 0 {
        let hint = "the service refuses to record into it: use a stream with --retention-hours above 0";
        doctor.push(Check::fail("media storage", t, format!("stream {} keeps no data", stream.name()), hint));
        return false;
    }
    let protocols = [EndpointProtocol::Wss, EndpointProtocol::Https, EndpointProtocol::Webrtc];
    let no_cache = CachePolicy { enabled: false };
    match api::endpoints(ctx, channel, Role::Master, &protocols, &no_cache).await {
        Ok(found) => {
            let webrtc = found.url(EndpointProtocol::Webrtc).unwrap_or("no WEBRTC endpoint");
            let detail = format!("records into {} (kept {hours} h); WEBRTC endpoint {webrtc}", stream.name());
            doctor.push(Check::pass("media storage", t, detail));
            true
        }
        Err(err) => {
            doctor.push(Check::from_error("media storage", t, &err));
            false
        }
    }
}

/// "storage session": connects as the channel's master (superseding the one connected, for the step's length),
/// joins the storage session and requires DTLS with it and both tracks sent.
pub(super) async fn session(
    doctor: &mut Doctor,
    ctx: Arc<AwsContext>,
    channel: &ChannelRef,
    host_ips: &[std::net::IpAddr],
    timeout: Duration,
) -> Result<()> {
    let t = Instant::now();
    let config = PeerConfig {
        stun: peer::default_stun(&ctx),
        host_ips: host_ips.to_vec(),
        timeout,
        duration: Some(timeout + SEND_FOR),
        join_storage: Some(StorageParticipant::Master(channel.clone())),
        ..PeerConfig::new(
            Role::Master,
            Arc::new(crate::turn::probe::Settings::new(&crate::turn::Trust::Native, timeout)?),
        )
    };
    let client_id = ClientId::new(format!("doctor-{:08x}", rand::random::<u32>()))?;
    let machine = super::machine(channel, Role::Master, client_id);
    let report = match peer::run(ctx, machine, None, config, &mut Quiet, std::future::pending()).await {
        Ok(report) => report,
        Err(err) => {
            doctor.push(Check::from_error("storage session", t, &err));
            return Ok(());
        }
    };
    let storage = report.storage.clone().unwrap_or(peer::report::StorageReport { joins: 0, peer: None });
    let Some(session_peer) = storage.peer else {
        let cause = format!("no offer from the storage session after {} JoinStorageSession call(s)", storage.joins);
        let hint =
            "KVS did not start the session: check the stream, and that this identity may call JoinStorageSession";
        doctor.push(Check::fail("storage session", t, cause, hint));
        return Ok(());
    };
    let connection = report.connections.iter().rev().find(|c| c.peer == session_peer);
    let sent = |kind: MediaKind| {
        connection
            .map_or(0, |c| c.tracks.iter().filter(|t| t.kind == kind && t.direction == "send").map(|t| t.frames).sum())
    };
    let (video, audio) = (sent(MediaKind::Video), sent(MediaKind::Audio));
    match connection.and_then(|c| c.dtls.as_ref()) {
        Some(dtls) if video > 0 && audio > 0 => {
            let detail = format!(
                "{session_peer}: DTLS in {} ms; sent {video} H.264 frames and {audio} Opus frames ({} join(s))",
                dtls.ms, storage.joins
            );
            doctor.push(Check::pass("storage session", t, detail));
        }
        Some(_) => {
            let cause = format!("the session connected but took {video} video and {audio} audio frames");
            doctor.push(Check::fail(
                "storage session",
                t,
                cause,
                "KVS ingestion takes H.264 video and Opus audio together",
            ));
        }
        None => {
            let cause = match (report.verdict.ok, report.verdict.layer) {
                (false, Some(layer)) => format!("stopped at {layer}: {}", report.verdict.cause),
                _ => "DTLS with the storage session did not connect".to_string(),
            };
            doctor.push(Check::fail("storage session", t, cause, report.verdict.hint.clone()));
        }
    }
    Ok(())
}
