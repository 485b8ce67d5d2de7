//! The control plane and GetIceServerConfig: validation as the service does it, channel and stream semantics,
//! media storage configuration, and endpoints that point back at the emulator.

mod storage;

use super::api_error::ApiError;
use super::reply::Reply;
use super::state::{Channel, Store};
use super::turn_rest;
use kvs_core::api::*;
use kvs_core::names::{Role, Tag, check_tag_key};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::BTreeMap;
pub use storage::{StorageTarget, storage_target};
use storage::{create_stream, stream_info, update_media_storage};

/// The settings the handlers need.
pub struct Settings {
    pub region: String,
    pub account_id: String,
    pub turn_uris: Vec<String>,
    pub turn_secret: String,
    pub turn_ttl: u32,
    pub max_channels: usize,
}

/// Where the request arrived, so that returned endpoints point back the same way.
pub struct Origin<'a> {
    /// `Host` as received (with port).
    pub host: &'a str,
    pub tls: bool,
}

/// Parses and validates a request body: bad JSON is a SerializationException, a bad member an
/// InvalidArgumentException naming it. A well-formed object goes straight into its type; only a body that fails is
/// read a second time, as a `Value`, to tell which of the two it is.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    if body.trim_ascii_start().starts_with(b"{")
        && let Ok(parsed) = serde_json::from_slice(body)
    {
        return Ok(parsed);
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::new(400, "SerializationException", format!("the body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(ApiError::new(400, "SerializationException", "the body must be a JSON object"));
    }
    serde_json::from_value(value).map_err(|e| ApiError::invalid_argument(format!("1 validation error detected: {e}")))
}

fn info(channel: &Channel) -> ChannelInfo {
    ChannelInfo {
        channel_name: Some(channel.name.clone()),
        channel_arn: Some(channel.arn.clone()),
        channel_type: Some(channel.channel_type.clone()),
        channel_status: Some(channel.status.clone()),
        creation_time: Some(channel.creation_time),
        single_master_configuration: Some(ResponseSingleMasterConfiguration {
            message_ttl_seconds: Some(i64::from(channel.message_ttl)),
        }),
        version: Some(channel.version.clone()),
    }
}

fn new_version() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..20).map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char).collect()
}

fn channel_not_found() -> ApiError {
    ApiError::not_found("The requested channel is not found or not active.")
}

fn stream_not_found() -> ApiError {
    ApiError::not_found("The requested stream is not found or not active.")
}

/// Checks `CurrentVersion` against the resource's (`what`: "channel" or "stream").
fn check_version(what: &str, current: &str, given: Option<&str>) -> Result<(), ApiError> {
    if let Some(v) = given
        && !((1..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return Err(ApiError::invalid_argument(
            "1 validation error detected: CurrentVersion must be 1–64 letters and digits",
        ));
    }
    match given {
        Some(v) if v != current => Err(ApiError::new(
            400,
            "VersionMismatchException",
            format!("The version {v} does not match the current version of the {what}"),
        )),
        _ => Ok(()),
    }
}

/// An ARN of another partition (`arn:aws-cn:` at a commercial-region service) fails the model's pattern.
fn check_partition(settings: &Settings, arn: &str) -> Result<(), ApiError> {
    let partition = kvs_core::endpoint::Partition::of(&settings.region).as_str();
    if arn.strip_prefix("arn:").and_then(|rest| rest.split(':').next()) == Some(partition) {
        Ok(())
    } else {
        Err(ApiError::invalid_argument(format!(
            "1 validation error detected: Value '{arn}' at 'channelARN' failed to satisfy constraint: Member must be \
             an ARN of partition {partition}"
        )))
    }
}

fn check_tag_count(count: usize) -> Result<(), ApiError> {
    if count > Tag::MAX_PER_RESOURCE {
        return Err(ApiError::new(
            400,
            "TagsPerResourceExceededLimitException",
            format!("A resource can have at most {} tags", Tag::MAX_PER_RESOURCE),
        ));
    }
    Ok(())
}

/// A validated SendAlexaOfferToMaster, for the signaling hub to deliver and await.
pub struct AlexaOffer {
    pub arn: String,
    pub ttl: std::time::Duration,
    pub sender: String,
    pub payload: String,
}

/// Validates a SendAlexaOfferToMaster request against the model and the store.
pub fn alexa_offer(settings: &Settings, store: &Store, body: &[u8]) -> Result<AlexaOffer, ApiError> {
    let req: SendAlexaOfferToMasterRequest = parse(body)?;
    check_partition(settings, req.channel_arn.as_str())?;
    let payload = req.message_payload;
    if payload.is_empty() || payload.len() > kvs_core::message::MAX_PAYLOAD_BASE64 {
        return Err(ApiError::invalid_argument("MessagePayload must be 1–10000 characters"));
    }
    if !kvs_core::message::is_valid_base64(&payload) {
        return Err(ApiError::invalid_argument("MessagePayload must be base64"));
    }
    let channel = store.by_arn(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
    Ok(AlexaOffer {
        arn: channel.arn.clone(),
        ttl: std::time::Duration::from_secs(u64::from(channel.message_ttl)),
        sender: req.sender_client_id.to_string(),
        payload,
    })
}

/// Handles one operation against the store. `now_ms` is the emulator's (possibly shifted) clock.
pub fn handle(
    settings: &Settings,
    store: &mut Store,
    op: Operation,
    body: &[u8],
    origin: &Origin<'_>,
    now_ms: u64,
) -> Result<Reply, ApiError> {
    match op {
        Operation::CreateSignalingChannel => {
            let req: CreateSignalingChannelRequest = parse(body)?;
            let tags = req.tags.unwrap_or_default();
            check_tag_count(tags.len())?;
            if store.by_name(req.channel_name.as_str()).is_some() {
                return Err(ApiError::new(
                    400,
                    "ResourceInUseException",
                    format!("The signaling channel {} already exists", req.channel_name),
                ));
            }
            if store.len() >= settings.max_channels {
                return Err(ApiError::new(
                    400,
                    "AccountChannelLimitExceededException",
                    format!("The account has reached its limit of {} signaling channels", settings.max_channels),
                ));
            }
            let ttl = req
                .single_master_configuration
                .and_then(|c| c.message_ttl_seconds)
                .unwrap_or(kvs_core::names::MessageTtl::DEFAULT);
            let arn = format!(
                "arn:aws:kinesisvideo:{}:{}:channel/{}/{now_ms}",
                settings.region, settings.account_id, req.channel_name
            );
            store.insert(Channel {
                name: req.channel_name.to_string(),
                arn: arn.clone(),
                channel_type: req.channel_type.unwrap_or(ChannelType::SingleMaster).as_str().into(),
                status: "ACTIVE".into(),
                message_ttl: ttl.seconds(),
                creation_time: now_ms as f64 / 1000.0,
                version: new_version(),
                tags: tags.into_iter().map(|t| (t.key().to_string(), t.value().to_string())).collect(),
                media_storage: None,
                described: OnceCell::new(),
            });
            Ok(Reply::json(&CreateSignalingChannelResponse { channel_arn: Some(arn) }))
        }
        Operation::DescribeSignalingChannel => {
            let req: DescribeSignalingChannelRequest = parse(body)?;
            let channel = match (&req.channel_name, &req.channel_arn) {
                (Some(name), _) => store.by_name(name.as_str()),
                (None, Some(arn)) => store.by_arn(arn.as_str()),
                (None, None) => return Err(ApiError::invalid_argument("Either ChannelName or ChannelARN is required")),
            };
            let channel = channel.ok_or_else(channel_not_found)?;
            let described = channel.described.get_or_init(|| {
                Reply::json(&DescribeSignalingChannelResponse { channel_info: Some(info(channel)) }).into_bytes()
            });
            Ok(Reply::shared(described.clone()))
        }
        Operation::DeleteSignalingChannel => {
            let req: DeleteSignalingChannelRequest = parse(body)?;
            let channel = store.by_arn(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
            check_version("channel", &channel.version, req.current_version.as_deref())?;
            store.remove_by_arn(req.channel_arn.as_str());
            Ok(Reply::empty_object())
        }
        Operation::UpdateSignalingChannel => {
            let req: UpdateSignalingChannelRequest = parse(body)?;
            let channel = store.by_arn_mut(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
            check_version("channel", &channel.version, Some(&req.current_version))?;
            if let Some(ttl) = req.single_master_configuration.and_then(|c| c.message_ttl_seconds) {
                channel.message_ttl = ttl.seconds();
            }
            channel.version = new_version();
            Ok(Reply::empty_object())
        }
        Operation::ListSignalingChannels => list(store, parse(body)?),
        Operation::GetSignalingChannelEndpoint => {
            let req: GetSignalingChannelEndpointRequest = parse(body)?;
            let channel = store.by_arn(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
            let config =
                req.configuration.unwrap_or(SingleMasterChannelEndpointConfiguration { protocols: None, role: None });
            let protocols = config.protocols.unwrap_or_else(|| vec![EndpointProtocol::Wss, EndpointProtocol::Https]);
            if protocols.is_empty() || protocols.len() > 5 {
                return Err(ApiError::invalid_argument("Protocols must list 1 to 5 protocols"));
            }
            if protocols.contains(&EndpointProtocol::Webrtc)
                && !channel.media_storage.as_ref().is_some_and(|m| m.enabled)
            {
                return Err(ApiError::invalid_argument(
                    "The channel is not configured for WebRTC ingestion (WEBRTC): enable its media storage first",
                ));
            }
            Ok(Reply::json(&GetSignalingChannelEndpointResponse {
                resource_endpoint_list: Some(endpoints(
                    channel,
                    config.role.unwrap_or(Role::Master),
                    &protocols,
                    origin,
                )),
            }))
        }
        Operation::TagResource => {
            let req: TagResourceRequest = parse(body)?;
            if req.tags.is_empty() {
                return Err(ApiError::invalid_argument("Tags must hold 1 to 50 tags"));
            }
            let channel = store.by_arn_mut(req.resource_arn.as_str()).ok_or_else(channel_not_found)?;
            let mut tags = channel.tags.clone();
            tags.extend(req.tags.into_iter().map(|t| (t.key().to_string(), t.value().to_string())));
            check_tag_count(tags.len())?;
            channel.tags = tags;
            Ok(Reply::empty_object())
        }
        Operation::UntagResource => {
            let req: UntagResourceRequest = parse(body)?;
            if req.tag_key_list.is_empty() || req.tag_key_list.len() > Tag::MAX_PER_RESOURCE {
                return Err(ApiError::invalid_argument("TagKeyList must hold 1 to 50 keys"));
            }
            for key in &req.tag_key_list {
                check_tag_key(key).map_err(|e| ApiError::invalid_argument(e.to_string()))?;
            }
            let channel = store.by_arn_mut(req.resource_arn.as_str()).ok_or_else(channel_not_found)?;
            for key in &req.tag_key_list {
                channel.tags.remove(key);
            }
            Ok(Reply::empty_object())
        }
        Operation::ListTagsForResource => {
            let req: ListTagsForResourceRequest = parse(body)?;
            let channel = store.by_arn(req.resource_arn.as_str()).ok_or_else(channel_not_found)?;
            let tags: BTreeMap<String, String> = channel.tags.clone();
            Ok(Reply::json(&ListTagsForResourceResponse { next_token: None, tags: Some(tags) }))
        }
        Operation::CreateStream => create_stream(settings, store, parse(body)?, now_ms),
        Operation::DescribeStream => {
            let req: DescribeStreamRequest = parse(body)?;
            let stream = match (&req.stream_name, &req.stream_arn) {
                (Some(name), _) => store.stream_by_name(name.as_str()),
                (None, Some(arn)) => store.stream_by_arn(arn.as_str()),
                (None, None) => return Err(ApiError::invalid_argument("Either StreamName or StreamARN is required")),
            };
            Ok(Reply::json(&DescribeStreamResponse {
                stream_info: Some(stream_info(stream.ok_or_else(stream_not_found)?)),
            }))
        }
        Operation::ListStreams => {
            let req: ListStreamsRequest = parse(body)?;
            let prefix = name_condition(req.stream_name_condition.map(|c| c.comparison_value), "StreamNameCondition")?;
            let after = after_token(req.next_token.as_deref())?;
            let matching = store
                .streams_after(after.as_deref())
                .filter(|s| prefix.as_deref().is_none_or(|p| s.name.starts_with(p)))
                .map(|s| (s.name.as_str(), stream_info(s)));
            let (page, next_token) = paginate(matching, req.max_results)?;
            Ok(Reply::json(&ListStreamsResponse { stream_info_list: Some(page), next_token }))
        }
        Operation::DeleteStream => {
            let req: DeleteStreamRequest = parse(body)?;
            check_partition(settings, req.stream_arn.as_str())?;
            let stream = store.stream_by_arn(req.stream_arn.as_str()).ok_or_else(stream_not_found)?;
            check_version("stream", &stream.version, req.current_version.as_deref())?;
            store.remove_stream_by_arn(req.stream_arn.as_str());
            Ok(Reply::empty_object())
        }
        Operation::UpdateMediaStorageConfiguration => update_media_storage(settings, store, parse(body)?),
        Operation::DescribeMediaStorageConfiguration => {
            let req: DescribeMediaStorageConfigurationRequest = parse(body)?;
            let channel = match (&req.channel_name, &req.channel_arn) {
                (Some(name), _) => store.by_name(name.as_str()),
                (None, Some(arn)) => store.by_arn(arn.as_str()),
                (None, None) => return Err(ApiError::invalid_argument("Either ChannelName or ChannelARN is required")),
            };
            let storage = channel.ok_or_else(channel_not_found)?.media_storage.clone();
            let (stream_arn, enabled) = storage.map_or((None, false), |m| (m.stream_arn, m.enabled));
            let status = if enabled { MediaStorageStatus::Enabled } else { MediaStorageStatus::Disabled };
            Ok(Reply::json(&DescribeMediaStorageConfigurationResponse {
                media_storage_configuration: Some(MediaStorageConfigurationInfo {
                    stream_arn,
                    status: Some(status.as_str().into()),
                }),
            }))
        }
        // It waits for the master's answer: the server hands it to the signaling hub (`alexa_offer` above); a
        // storage session is started by the server too (`storage_target` above).
        Operation::SendAlexaOfferToMaster | Operation::JoinStorageSession | Operation::JoinStorageSessionAsViewer => {
            Err(ApiError::new(500, "InternalFailure", "not a control-plane call"))
        }
        Operation::GetIceServerConfig => {
            let req: GetIceServerConfigRequest = parse(body)?;
            check_partition(settings, req.channel_arn.as_str())?;
            let channel = store.by_arn(req.channel_arn.as_str()).ok_or_else(channel_not_found)?;
            let id = req.client_id.map(|c| c.to_string()).unwrap_or_else(|| channel.endpoint_id());
            let server =
                turn_rest::mint(&settings.turn_uris, &settings.turn_secret, &id, now_ms / 1000, settings.turn_ttl);
            Ok(Reply::json(&GetIceServerConfigResponse { ice_server_list: Some(vec![server]) }))
        }
    }
}

fn list(store: &Store, req: ListSignalingChannelsRequest) -> Result<Reply, ApiError> {
    let prefix = name_condition(req.channel_name_condition.map(|c| c.comparison_value), "ChannelNameCondition")?;
    let after = after_token(req.next_token.as_deref())?;
    let matching = store
        .after(after.as_deref())
        .filter(|c| prefix.as_deref().is_none_or(|p| c.name.starts_with(p)))
        .map(|c| (c.name.as_str(), info(c)));
    let (page, next_token) = paginate(matching, req.max_results)?;
    Ok(Reply::json(&ListSignalingChannelsResponse { channel_info_list: Some(page), next_token }))
}

/// The prefix of a `…NameCondition` (given as its `ComparisonValue`, when the condition is there at all).
fn name_condition(value: Option<Option<impl ToString>>, member: &str) -> Result<Option<String>, ApiError> {
    match value {
        Some(Some(value)) => Ok(Some(value.to_string())),
        Some(None) => Err(ApiError::invalid_argument(format!("{member} needs a ComparisonValue"))),
        None => Ok(None),
    }
}

/// The name a list call's `NextToken` continues after.
fn after_token(token: Option<&str>) -> Result<Option<String>, ApiError> {
    token.filter(|t| !t.is_empty()).map(decode_token).transpose()
}

/// One page of `(name, item)` in name order, and the token for the next when more remain.
fn paginate<'a, T>(
    mut items: impl Iterator<Item = (&'a str, T)>,
    max_results: Option<i64>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let max = max_results.unwrap_or(500);
    if !(1..=10_000).contains(&max) {
        return Err(ApiError::invalid_argument("MaxResults must be between 1 and 10000"));
    }
    let mut page = Vec::new();
    let mut last = "";
    for (name, item) in items.by_ref().take(max as usize) {
        page.push(item);
        last = name;
    }
    let next_token = items.next().map(|_| encode_token(last));
    Ok((page, next_token))
}

fn encode_token(name: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(name)
}

fn decode_token(token: &str) -> Result<String, ApiError> {
    use base64::Engine;
    let bad = || ApiError::invalid_argument("NextToken is not a token this service issued");
    if token.len() > 1024 || !token.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')) {
        return Err(bad());
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).map_err(|_| bad())?;
    String::from_utf8(bytes).map_err(|_| bad())
}

/// `wss://<host>/m-<id>` (MASTER) or `/v-<id>` (VIEWER), `https://<host>/r-<id>` and (WEBRTC, for a channel that
/// records) `https://<host>/w-<id>`: per-channel names,
/// as the service's hosts are, carried in the path so that they resolve to the emulator.
fn endpoints(
    channel: &Channel,
    role: Role,
    protocols: &[EndpointProtocol],
    origin: &Origin<'_>,
) -> Vec<ResourceEndpoint> {
    let id = channel.endpoint_id();
    let (ws, http) = if origin.tls { ("wss", "https") } else { ("ws", "http") };
    let role_prefix = match role {
        Role::Master => "m",
        Role::Viewer => "v",
    };
    protocols
        .iter()
        .map(|protocol| {
            let url = match protocol {
                EndpointProtocol::Wss => format!("{ws}://{}/{role_prefix}-{id}", origin.host),
                EndpointProtocol::Https => format!("{http}://{}/r-{id}", origin.host),
                EndpointProtocol::Webrtc => format!("{http}://{}/w-{id}", origin.host),
            };
            ResourceEndpoint { protocol: Some(protocol.as_str().into()), resource_endpoint: Some(url) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn settings() -> Settings {
        Settings {
            region: "us-west-2".into(),
            account_id: "111122223333".into(),
            turn_uris: vec!["turns:localhost:5349?transport=tcp".into()],
            turn_secret: "s".into(),
            turn_ttl: 300,
            max_channels: 3,
        }
    }

    fn call(store: &mut Store, op: Operation, body: &str) -> Result<Value, ApiError> {
        let origin = Origin { host: "127.0.0.1:1", tls: true };
        let reply = handle(&settings(), store, op, body.as_bytes(), &origin, 1_700_000_000_000)?;
        Ok(serde_json::from_slice(&reply.into_bytes()).expect("a JSON reply"))
    }

    #[test]
    fn channel_lifecycle_and_errors() {
        let mut store = Store::in_memory();
        let created = call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap();
        let arn = created["ChannelARN"].as_str().unwrap().to_string();
        assert_eq!(arn, "arn:aws:kinesisvideo:us-west-2:111122223333:channel/a/1700000000000");
        let dup = call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap_err();
        assert_eq!(dup.code, "ResourceInUseException");
        let info = call(&mut store, Operation::DescribeSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap();
        let version = info["ChannelInfo"]["Version"].as_str().unwrap().to_string();
        let wrong = call(
            &mut store,
            Operation::DeleteSignalingChannel,
            &format!(r#"{{"ChannelARN":"{arn}","CurrentVersion":"x"}}"#),
        );
        assert_eq!(wrong.unwrap_err().code, "VersionMismatchException");
        call(
            &mut store,
            Operation::DeleteSignalingChannel,
            &format!(r#"{{"ChannelARN":"{arn}","CurrentVersion":"{version}"}}"#),
        )
        .unwrap();
        let gone = call(&mut store, Operation::DescribeSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap_err();
        assert_eq!((gone.status, gone.code), (404, "ResourceNotFoundException"));
    }

    #[test]
    fn a_described_channel_is_described_anew_after_a_change() {
        let mut store = Store::in_memory();
        let created = call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap();
        let arn = created["ChannelARN"].as_str().unwrap().to_string();
        let before = call(&mut store, Operation::DescribeSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap();
        let version = before["ChannelInfo"]["Version"].as_str().unwrap();
        let update = json!({"ChannelARN": arn, "CurrentVersion": version,
            "SingleMasterConfiguration": {"MessageTtlSeconds": 90}});
        call(&mut store, Operation::UpdateSignalingChannel, &update.to_string()).unwrap();
        let after = call(&mut store, Operation::DescribeSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap();
        assert_eq!(after["ChannelInfo"]["SingleMasterConfiguration"]["MessageTtlSeconds"], 90);
        assert_ne!(after["ChannelInfo"]["Version"], before["ChannelInfo"]["Version"]);
        let by_arn = call(&mut store, Operation::DescribeSignalingChannel, &json!({"ChannelARN": arn}).to_string());
        assert_eq!(by_arn.unwrap(), after);
    }

    #[test]
    fn validation() {
        let mut store = Store::in_memory();
        for (op, body, code) in [
            (Operation::CreateSignalingChannel, "{not json", "SerializationException"),
            (Operation::CreateSignalingChannel, "[]", "SerializationException"),
            (Operation::CreateSignalingChannel, r#"{"ChannelName":"bad name"}"#, "InvalidArgumentException"),
            (
                Operation::CreateSignalingChannel,
                r#"{"ChannelName":"a","SingleMasterConfiguration":{"MessageTtlSeconds":4}}"#,
                "InvalidArgumentException",
            ),
            (Operation::DescribeSignalingChannel, "{}", "InvalidArgumentException"),
            (Operation::ListSignalingChannels, r#"{"MaxResults":0}"#, "InvalidArgumentException"),
            (Operation::ListSignalingChannels, r#"{"NextToken":"!!"}"#, "InvalidArgumentException"),
            (
                Operation::GetIceServerConfig,
                r#"{"ChannelARN":"arn:aws:kinesisvideo:us-west-2:1:channel/a/1","ClientId":"AWS_x"}"#,
                "InvalidArgumentException",
            ),
        ] {
            assert_eq!(call(&mut store, op, body).unwrap_err().code, code, "{body}");
        }
    }

    #[test]
    fn list_pages_and_prefix() {
        let mut store = Store::in_memory();
        for name in ["cam-1", "cam-2", "door"] {
            call(&mut store, Operation::CreateSignalingChannel, &format!(r#"{{"ChannelName":"{name}"}}"#)).unwrap();
        }
        let limit = call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"x"}"#).unwrap_err();
        assert_eq!(limit.code, "AccountChannelLimitExceededException");
        let page = call(&mut store, Operation::ListSignalingChannels, r#"{"MaxResults":2}"#).unwrap();
        assert_eq!(page["ChannelInfoList"].as_array().unwrap().len(), 2);
        let token = page["NextToken"].as_str().unwrap();
        let rest =
            call(&mut store, Operation::ListSignalingChannels, &format!(r#"{{"NextToken":"{token}"}}"#)).unwrap();
        assert_eq!(rest["ChannelInfoList"][0]["ChannelName"], "door");
        assert!(rest.get("NextToken").is_none());
        let cams = call(
            &mut store,
            Operation::ListSignalingChannels,
            r#"{"ChannelNameCondition":{"ComparisonOperator":"BEGINS_WITH","ComparisonValue":"cam"}}"#,
        )
        .unwrap();
        assert_eq!(cams["ChannelInfoList"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn streams_and_media_storage() {
        let mut store = Store::in_memory();
        let channel =
            call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"cam"}"#).unwrap()["ChannelARN"]
                .clone();
        let keeps = call(&mut store, Operation::CreateStream, r#"{"StreamName":"keeps","DataRetentionInHours":24}"#)
            .unwrap()["StreamARN"]
            .clone();
        let forgets =
            call(&mut store, Operation::CreateStream, r#"{"StreamName":"forgets"}"#).unwrap()["StreamARN"].clone();
        assert_eq!(keeps, "arn:aws:kinesisvideo:us-west-2:111122223333:stream/keeps/1700000000000");
        let info = call(&mut store, Operation::DescribeStream, r#"{"StreamName":"keeps"}"#).unwrap();
        assert_eq!(info["StreamInfo"]["DataRetentionInHours"], 24);
        assert_eq!(info["StreamInfo"]["Status"], "ACTIVE");
        let listed = call(&mut store, Operation::ListStreams, r#"{"MaxResults":1}"#).unwrap();
        assert_eq!(listed["StreamInfoList"][0]["StreamName"], "forgets");
        let token = listed["NextToken"].as_str().unwrap();
        let rest = call(&mut store, Operation::ListStreams, &format!(r#"{{"NextToken":"{token}"}}"#)).unwrap();
        assert_eq!(rest["StreamInfoList"][0]["StreamName"], "keeps");

        let describe = json!({"ChannelARN": channel}).to_string();
        let before = call(&mut store, Operation::DescribeMediaStorageConfiguration, &describe).unwrap();
        assert_eq!(before, json!({"MediaStorageConfiguration": {"StreamARN": null, "Status": "DISABLED"}}));
        let webrtc = json!({"ChannelARN": channel, "SingleMasterChannelEndpointConfiguration": {"Protocols": ["WEBRTC"], "Role": "MASTER"}}).to_string();
        assert_eq!(
            call(&mut store, Operation::GetSignalingChannelEndpoint, &webrtc).unwrap_err().code,
            "InvalidArgumentException"
        );

        let update = |stream: &Value, status: &str| {
            json!({"ChannelARN": channel, "MediaStorageConfiguration": {"StreamARN": stream, "Status": status}})
                .to_string()
        };
        let refusals = [
            (update(&forgets, "ENABLED"), "NoDataRetentionException"),
            (
                update(&json!("arn:aws:kinesisvideo:us-west-2:111122223333:stream/none/1"), "ENABLED"),
                "ResourceNotFoundException",
            ),
            (
                json!({"ChannelARN": channel, "MediaStorageConfiguration": {"Status": "ENABLED"}}).to_string(),
                "InvalidArgumentException",
            ),
            (update(&keeps, "ON"), "InvalidArgumentException"),
        ];
        for (body, code) in refusals {
            assert_eq!(
                call(&mut store, Operation::UpdateMediaStorageConfiguration, &body).unwrap_err().code,
                code,
                "{body}"
            );
        }
        call(&mut store, Operation::UpdateMediaStorageConfiguration, &update(&keeps, "ENABLED")).unwrap();
        let after = call(&mut store, Operation::DescribeMediaStorageConfiguration, r#"{"ChannelName":"cam"}"#).unwrap();
        assert_eq!(after["MediaStorageConfiguration"], json!({"StreamARN": keeps, "Status": "ENABLED"}));
        let found = call(&mut store, Operation::GetSignalingChannelEndpoint, &webrtc).unwrap();
        assert!(
            found["ResourceEndpointList"][0]["ResourceEndpoint"]
                .as_str()
                .unwrap()
                .starts_with("https://127.0.0.1:1/w-")
        );

        let other =
            call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"door"}"#).unwrap()["ChannelARN"]
                .clone();
        let taken =
            json!({"ChannelARN": other, "MediaStorageConfiguration": {"StreamARN": keeps, "Status": "ENABLED"}});
        assert_eq!(
            call(&mut store, Operation::UpdateMediaStorageConfiguration, &taken.to_string()).unwrap_err().code,
            "ResourceInUseException"
        );
        let delete = json!({"StreamARN": keeps, "CurrentVersion": "stale"}).to_string();
        assert_eq!(call(&mut store, Operation::DeleteStream, &delete).unwrap_err().code, "VersionMismatchException");
        call(&mut store, Operation::DeleteStream, &json!({"StreamARN": keeps}).to_string()).unwrap();
        assert_eq!(call(&mut store, Operation::DescribeStream, r#"{"StreamName":"keeps"}"#).unwrap_err().status, 404);
        for (body, code) in [
            (r#"{"StreamName":"bad name"}"#, "InvalidArgumentException"),
            (r#"{"StreamName":"s","MediaType":"h264"}"#, "InvalidArgumentException"),
            (r#"{"StreamName":"s","DeviceName":"a/b"}"#, "InvalidArgumentException"),
            (r#"{"StreamName":"forgets"}"#, "ResourceInUseException"),
        ] {
            assert_eq!(call(&mut store, Operation::CreateStream, body).unwrap_err().code, code, "{body}");
        }
    }

    #[test]
    fn endpoints_point_back() {
        let mut store = Store::in_memory();
        let arn = call(&mut store, Operation::CreateSignalingChannel, r#"{"ChannelName":"a"}"#).unwrap()["ChannelARN"]
            .clone();
        let body = json!({"ChannelARN": arn, "SingleMasterChannelEndpointConfiguration": {"Protocols": ["WSS","HTTPS"], "Role": "VIEWER"}});
        let found = call(&mut store, Operation::GetSignalingChannelEndpoint, &body.to_string()).unwrap();
        let list = found["ResourceEndpointList"].as_array().unwrap();
        assert!(list[0]["ResourceEndpoint"].as_str().unwrap().starts_with("wss://127.0.0.1:1/v-"));
        assert!(list[1]["ResourceEndpoint"].as_str().unwrap().starts_with("https://127.0.0.1:1/r-"));
        let webrtc = json!({"ChannelARN": arn, "SingleMasterChannelEndpointConfiguration": {"Protocols": ["WEBRTC"], "Role": "MASTER"}});
        assert_eq!(
            call(&mut store, Operation::GetSignalingChannelEndpoint, &webrtc.to_string()).unwrap_err().status,
            400
        );
    }
}
