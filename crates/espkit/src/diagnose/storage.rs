//! WebRTC ingestion in a diagnosis: for a channel that records, whether the device (its master) joined the
//! storage session and got its offer — from the device's own event lines — and, against the emulator, whether
//! the device's media arrived at the storage peer.

use super::timeline::{Entry, Side};
use super::verdict::{Cause, Phase, Verdict, clock, first};
use kvs_client::aws::AwsContext;
use kvs_client::aws::endpoint::EndpointSource;
use kvs_core::api::MediaStorageStatus;
use kvs_core::event::Event;
use kvs_core::names::{Arn, ChannelRef, StreamArn};
use serde::Serialize;
use std::time::{Duration, Instant};

/// How long to wait for the emulator's storage peer to see the device's first frames.
const ARRIVAL_WITHIN: Duration = Duration::from_secs(5);

/// The storage session, as far as a diagnosis sees it.
#[derive(Debug, Clone, Serialize)]
pub struct StorageCheck {
    /// The stream the channel records into.
    pub stream: String,
    /// The device said it joined (`ev=storage-joined`) and got the session's offer (`ev=storage-offer`).
    pub joined: bool,
    pub offered: bool,
    /// Against the emulator: whether its storage peer received the device's video, and audio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_arrived: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_arrived: Option<bool>,
}

/// The stream the channel records into, when it does (DescribeMediaStorageConfiguration; a failed call: no).
pub async fn recording_stream(ctx: &AwsContext, channel: &ChannelRef) -> Option<StreamArn> {
    let config = kvs_client::api::storage::describe_media_storage(ctx, channel).await.ok()?;
    let enabled = config.status.as_deref() == Some(MediaStorageStatus::Enabled.as_str());
    StreamArn::new(config.stream_arn.filter(|_| enabled)?).ok()
}

/// What the device's lines show of the storage session and, against the emulator, what its storage peer took in.
pub async fn check(ctx: &AwsContext, stream: &StreamArn, entries: &[Entry]) -> StorageCheck {
    let seen = |wanted: fn(&Event) -> bool| first(entries, Side::Device, wanted).is_some();
    let mut check = StorageCheck {
        stream: stream.to_string(),
        joined: seen(|e| matches!(e, Event::StorageJoined { .. })),
        offered: seen(|e| matches!(e, Event::StorageOffer { .. })),
        video_arrived: None,
        audio_arrived: None,
    };
    if ctx.control_plane.source == EndpointSource::RegionalDefault || !check.offered {
        return check;
    }
    let deadline = Instant::now() + ARRIVAL_WITHIN;
    loop {
        let stats =
            kvs_client::api::emulator::stats(Some(&ctx.control_plane.url), ctx.transport.extra_ca().map(Into::into));
        let Ok(stats) = stats.await else { return check };
        let counters = &stats["streams"][stream.resource_name()];
        check.video_arrived = counters["video_arrived"].as_bool();
        check.audio_arrived = counters["audio_arrived"].as_bool();
        if (check.video_arrived == Some(true) && check.audio_arrived == Some(true)) || Instant::now() >= deadline {
            return check;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The storage session's phases on the device's clock: its JoinStorageSession call, and from the join to the
/// session's offer.
pub fn phases(entries: &[Entry]) -> Vec<Phase> {
    let Some(joined) = first(entries, Side::Device, |e| matches!(e, Event::StorageJoined { .. })) else {
        return Vec::new();
    };
    let call_ms = match joined.event() {
        Some(Event::StorageJoined { ms, .. }) => Some(*ms),
        _ => None,
    };
    let offer = first(entries, Side::Device, |e| matches!(e, Event::StorageOffer { .. }));
    vec![
        Phase { name: "JoinStorageSession", host_ms: None, device_ms: call_ms },
        Phase {
            name: "storage session joined to its offer",
            host_ms: None,
            device_ms: offer.map(|offer| clock(offer).saturating_sub(clock(joined))),
        },
    ]
}

/// The verdict when the rest went well but the storage session did not.
pub fn verdict(check: &StorageCheck) -> Option<Verdict> {
    let failed = |message: String, hint: &str| {
        Some(Verdict {
            ok: false,
            phase: Some("storage session"),
            cause: Some(Cause::Firmware),
            message,
            hint: Some(hint.to_string()),
        })
    };
    if !check.joined {
        return failed(
            format!("the channel records into {}, but the device did not join its storage session", check.stream),
            "a recording master calls JoinStorageSession once CONNECTED (the C SDK's storage mode); \
             `kvs-esp webrtc connect --role master --join-storage` shows it from the host",
        );
    }
    if !check.offered {
        return failed(
            "the device joined the storage session, but no offer from it reached the device".into(),
            "check the stream (`kvs-esp doctor --channel … --storage-session`) and the device's signaling",
        );
    }
    let missing: Vec<&str> = [(check.video_arrived, "video"), (check.audio_arrived, "audio")]
        .into_iter()
        .filter(|(arrived, _)| *arrived == Some(false))
        .map(|(_, kind)| kind)
        .collect();
    if !missing.is_empty() {
        return failed(
            format!("the storage session received no {} from the device", missing.join(" and ")),
            "KVS records H.264 video and Opus audio together: the device must send both",
        );
    }
    None
}
