//! Streams and a channel's media storage: what WebRTC ingestion needs of the control plane, and the check of a
//! JoinStorageSession(AsViewer) against them.

use super::{Settings, channel_not_found, check_partition, check_tag_count, new_version, parse, stream_not_found};
use crate::api_error::ApiError;
use crate::reply::Reply;
use crate::state::{MediaStorage, Store, Stream};
use kvs_core::api::*;
use kvs_core::names::Tag;

/// A JoinStorageSession the store allows: the channel records, into a stream that still exists.
pub struct StorageTarget {
    pub channel_arn: String,
    pub stream_name: String,
    pub stream_arn: String,
    pub message_ttl: std::time::Duration,
}

/// Checks a JoinStorageSession (or a JoinStorageSessionAsViewer, whose viewer's client id comes back with the
/// target) against the model and the store.
pub fn storage_target(
    settings: &Settings,
    store: &Store,
    op: Operation,
    body: &[u8],
) -> Result<(StorageTarget, Option<String>), ApiError> {
    let (channel_arn, viewer) = match op {
        Operation::JoinStorageSessionAsViewer => {
            let req: JoinStorageSessionAsViewerRequest = parse(body)?;
            (req.channel_arn, Some(req.client_id.to_string()))
        }
        _ => (parse::<JoinStorageSessionRequest>(body)?.channel_arn, None),
    };
    check_partition(settings, channel_arn.as_str())?;
    let channel = store.by_arn(channel_arn.as_str()).ok_or_else(channel_not_found)?;
    let stream_arn = match &channel.media_storage {
        Some(MediaStorage { enabled: true, stream_arn: Some(arn) }) => arn,
        _ => {
            return Err(ApiError::invalid_argument(format!(
                "The channel {} is not mapped to a stream: enable its media storage configuration first",
                channel.name
            )));
        }
    };
    let stream = store.stream_by_arn(stream_arn).ok_or_else(|| {
        ApiError::not_found(format!("The stream {stream_arn} that channel {} records into is not found", channel.name))
    })?;
    let target = StorageTarget {
        channel_arn: channel.arn.clone(),
        stream_name: stream.name.clone(),
        stream_arn: stream.arn.clone(),
        message_ttl: std::time::Duration::from_secs(u64::from(channel.message_ttl)),
    };
    Ok((target, viewer))
}

pub(super) fn stream_info(stream: &Stream) -> StreamInfo {
    StreamInfo {
        device_name: stream.device_name.clone(),
        stream_name: Some(stream.name.clone()),
        stream_arn: Some(stream.arn.clone()),
        media_type: stream.media_type.clone(),
        kms_key_id: Some(stream.kms_key_id.clone()),
        version: Some(stream.version.clone()),
        status: Some(stream.status.clone()),
        creation_time: Some(stream.creation_time),
        data_retention_in_hours: Some(i64::from(stream.retention_hours)),
    }
}

/// `video/h264,audio/opus`: one or more `type/subtype`, as the model's pattern has it.
fn is_media_type(value: &str) -> bool {
    let token = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'));
    (1..=128).contains(&value.len())
        && value.split(',').all(|part| part.split_once('/').is_some_and(|(a, b)| token(a) && token(b)))
}

pub(super) fn create_stream(
    settings: &Settings,
    store: &mut Store,
    req: CreateStreamRequest,
    now_ms: u64,
) -> Result<Reply, ApiError> {
    if let Some(media_type) = &req.media_type
        && !is_media_type(media_type)
    {
        return Err(ApiError::invalid_argument(format!(
            "MediaType \"{media_type}\" must be one or more type/subtype, comma-separated (video/h264,audio/opus)"
        )));
    }
    if req.kms_key_id.as_ref().is_some_and(|k| k.is_empty() || k.len() > 2048) {
        return Err(ApiError::invalid_argument("KmsKeyId must be 1–2048 characters"));
    }
    let tags = req.tags.unwrap_or_default();
    check_tag_count(tags.len())?;
    for (key, value) in &tags {
        Tag::new(key.as_str(), value.as_str()).map_err(|e| ApiError::invalid_argument(e.to_string()))?;
    }
    if store.stream_by_name(req.stream_name.as_str()).is_some() {
        return Err(ApiError::new(
            400,
            "ResourceInUseException",
            format!("The stream {} already exists", req.stream_name),
        ));
    }
    if store.stream_count() >= settings.max_channels {
        return Err(ApiError::new(
            400,
            "AccountStreamLimitExceededException",
            format!("The account has reached its limit of {} streams", settings.max_channels),
        ));
    }
    let arn =
        format!("arn:aws:kinesisvideo:{}:{}:stream/{}/{now_ms}", settings.region, settings.account_id, req.stream_name);
    store.insert_stream(Stream {
        name: req.stream_name.to_string(),
        arn: arn.clone(),
        device_name: req.device_name.map(String::from),
        media_type: req.media_type,
        kms_key_id: req.kms_key_id.unwrap_or_else(|| {
            format!("arn:aws:kms:{}:{}:alias/aws/kinesisvideo", settings.region, settings.account_id)
        }),
        retention_hours: req.data_retention_in_hours.unwrap_or(0),
        status: "ACTIVE".into(),
        creation_time: now_ms as f64 / 1000.0,
        version: new_version(),
        tags,
    });
    Ok(Reply::json(&CreateStreamResponse { stream_arn: Some(arn) }))
}

/// Maps a channel to a stream (or unmaps it), with the service's refusals: no stream to enable with, a stream that
/// does not exist, keeps no data, or already takes another channel's media.
pub(super) fn update_media_storage(
    settings: &Settings,
    store: &mut Store,
    req: UpdateMediaStorageConfigurationRequest,
) -> Result<Reply, ApiError> {
    check_partition(settings, req.channel_arn.as_str())?;
    let config = req.media_storage_configuration;
    store.by_arn(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
    let stream_arn = config.stream_arn.map(String::from);
    let enabled = config.status == MediaStorageStatus::Enabled;
    if enabled {
        let arn = stream_arn.as_deref().ok_or_else(|| {
            ApiError::invalid_argument("MediaStorageConfiguration.StreamARN is required to enable media storage")
        })?;
        let stream = store.stream_by_arn(arn).ok_or_else(stream_not_found)?;
        if stream.retention_hours == 0 {
            return Err(ApiError::new(
                400,
                "NoDataRetentionException",
                format!("The stream {} has no data retention (DataRetentionInHours is 0)", stream.name),
            ));
        }
        if let Some(other) = store.channel_storing_into(arn, req.channel_arn.as_str()) {
            return Err(ApiError::new(
                400,
                "ResourceInUseException",
                format!("The stream {} already stores the media of channel {}", stream.name, other.name),
            ));
        }
    }
    let channel = store.by_arn_mut(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
    channel.media_storage = Some(MediaStorage { stream_arn, enabled });
    Ok(Reply::empty_object())
}
