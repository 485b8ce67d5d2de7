//! Typed KVS calls over the core's model: the control plane, and GetIceServerConfig on the channel's HTTPS
//! endpoint. Endpoint lookups go through the cache the way the C SDK's do. Streams and a channel's media storage
//! are in [`storage`].

pub mod client;
pub mod emulator;
pub mod storage;

use crate::aws::AwsContext;
use crate::cache::EndpointCache;
use crate::error::{Error, Kind, Result};
use crate::observer::Notice;
use crate::time::now_secs;
use client::{Reply, call};
use kvs_core::api::*;
use kvs_core::cache::EndpointCacheEntry;
use kvs_core::event::Event;
use kvs_core::names::{ChannelArn, ChannelName, ChannelRef, ClientId, Role};
use serde::Serialize;

pub async fn create_channel(
    ctx: &AwsContext,
    request: &CreateSignalingChannelRequest,
) -> Result<Reply<CreateSignalingChannelResponse>> {
    call(ctx, &ctx.control_plane.url, Operation::CreateSignalingChannel, request).await
}

pub async fn describe_channel(ctx: &AwsContext, channel: &ChannelRef) -> Result<Reply<ChannelInfo>> {
    let request = match channel {
        ChannelRef::Name(name) => {
            DescribeSignalingChannelRequest { channel_name: Some(name.clone()), channel_arn: None }
        }
        ChannelRef::Arn(arn) => DescribeSignalingChannelRequest { channel_name: None, channel_arn: Some(arn.clone()) },
    };
    let reply: Reply<DescribeSignalingChannelResponse> =
        call(ctx, &ctx.control_plane.url, Operation::DescribeSignalingChannel, &request)
            .await
            .map_err(|e| not_found_hint(e, channel))?;
    let info = reply.body.channel_info.ok_or_else(|| missing(Operation::DescribeSignalingChannel, "ChannelInfo"))?;
    Ok(Reply { body: info, elapsed: reply.elapsed })
}

pub async fn delete_channel(ctx: &AwsContext, arn: &ChannelArn, version: Option<String>) -> Result<()> {
    let request = DeleteSignalingChannelRequest { channel_arn: arn.clone(), current_version: version };
    let _: Reply<serde_json::Value> =
        call(ctx, &ctx.control_plane.url, Operation::DeleteSignalingChannel, &request).await?;
    Ok(())
}

/// Every channel, following NextToken, optionally those whose name begins with `prefix`.
pub async fn list_channels(ctx: &AwsContext, prefix: Option<ChannelName>, page_size: i64) -> Result<Vec<ChannelInfo>> {
    let condition = prefix.map(|value| ChannelNameCondition {
        comparison_operator: Some(ComparisonOperator::BeginsWith),
        comparison_value: Some(value),
    });
    all_pages(|next_token| {
        let request = ListSignalingChannelsRequest {
            max_results: Some(page_size),
            next_token,
            channel_name_condition: condition.clone(),
        };
        async move {
            let reply: Reply<ListSignalingChannelsResponse> =
                call(ctx, &ctx.control_plane.url, Operation::ListSignalingChannels, &request).await?;
            Ok((reply.body.channel_info_list.unwrap_or_default(), reply.body.next_token))
        }
    })
    .await
}

/// Follows `NextToken` to the last page: `page` makes one call from a token and returns its items and the next.
async fn all_pages<T, Page>(mut page: impl FnMut(Option<String>) -> Page) -> Result<Vec<T>>
where
    Page: Future<Output = Result<(Vec<T>, Option<String>)>>,
{
    let mut items = Vec::new();
    let mut next_token = None;
    loop {
        let (more, token) = page(next_token.take()).await?;
        items.extend(more);
        match token.filter(|t| !t.is_empty()) {
            Some(token) => next_token = Some(token),
            None => return Ok(items),
        }
    }
}

/// A channel's endpoints for one role, and whether they came from the cache.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoints {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: String,
    #[serde(rename = "Role")]
    pub role: Role,
    #[serde(rename = "ResourceEndpointList")]
    pub list: Vec<ResourceEndpoint>,
    #[serde(rename = "Cached")]
    pub cached: bool,
    #[serde(rename = "FetchedAt")]
    pub fetched_at: u64,
}

impl Endpoints {
    pub fn url(&self, protocol: EndpointProtocol) -> Option<&str> {
        self.list
            .iter()
            .find(|e| e.protocol.as_deref() == Some(protocol.as_str()))
            .and_then(|e| e.resource_endpoint.as_deref())
    }

    fn from_cache(entry: &EndpointCacheEntry) -> Self {
        let endpoint = |p: EndpointProtocol, url: &str| ResourceEndpoint {
            protocol: Some(p.as_str().into()),
            resource_endpoint: Some(url.into()),
        };
        Endpoints {
            channel_arn: entry.channel_arn.clone(),
            role: entry.role,
            list: vec![
                endpoint(EndpointProtocol::Wss, &entry.wss_endpoint),
                endpoint(EndpointProtocol::Https, &entry.https_endpoint),
            ],
            cached: true,
            fetched_at: entry.fetched_at,
        }
    }
}

/// Whether to use the endpoint cache for this lookup.
pub struct CachePolicy {
    pub enabled: bool,
}

/// The channel's ARN: as given, or from DescribeSignalingChannel (which also refuses a channel being deleted).
pub async fn channel_arn(ctx: &AwsContext, channel: &ChannelRef) -> Result<ChannelArn> {
    if let ChannelRef::Arn(arn) = channel {
        return Ok(arn.clone());
    }
    let info = describe_channel(ctx, channel).await?.body;
    if info.channel_status.as_deref() == Some("DELETING") {
        return Err(Error::new(Kind::NotFound, format!("channel \"{channel}\" is being deleted"))
            .with_hint("wait for the deletion to finish, then create it again"));
    }
    let arn = info.channel_arn.ok_or_else(|| missing(Operation::DescribeSignalingChannel, "ChannelARN"))?;
    ChannelArn::new(arn).map_err(|e| Error::network(format!("the service returned an unusable ARN: {e}")))
}

/// GetSignalingChannelEndpoint through the cache: a fresh entry answers without any call.
pub async fn endpoints(
    ctx: &AwsContext,
    channel: &ChannelRef,
    role: Role,
    protocols: &[EndpointProtocol],
    policy: &CachePolicy,
) -> Result<Endpoints> {
    let key = channel.to_string();
    let standard = protocols.iter().all(|p| matches!(p, EndpointProtocol::Wss | EndpointProtocol::Https));
    let mut cache = if policy.enabled { Some(open_cache(ctx)?) } else { None };
    if standard
        && let Some(cache) = &cache
        && let Some(entry) = cache.lookup(&key, ctx.region.as_str(), role, &ctx.control_plane.url)
    {
        ctx.observer.notice(Notice::Event(Event::CacheHit { channel: entry.channel.clone(), role }));
        return Ok(Endpoints::from_cache(entry));
    }
    let result = fetch_endpoints(ctx, channel, role, protocols).await;
    if let Some(cache) = &mut cache {
        match &result {
            Ok(found) if standard => {
                if let (Some(wss), Some(https)) = (found.url(EndpointProtocol::Wss), found.url(EndpointProtocol::Https))
                {
                    cache.insert(EndpointCacheEntry {
                        channel: key.clone(),
                        region: ctx.region.to_string(),
                        role,
                        channel_arn: found.channel_arn.clone(),
                        wss_endpoint: wss.into(),
                        https_endpoint: https.into(),
                        control_plane: ctx.control_plane.url.clone(),
                        fetched_at: found.fetched_at,
                    })?;
                }
            }
            Err(err) if err.kind == Kind::NotFound => {
                cache.invalidate(&key, ctx.region.as_str())?;
            }
            _ => {}
        }
    }
    result
}

async fn fetch_endpoints(
    ctx: &AwsContext,
    channel: &ChannelRef,
    role: Role,
    protocols: &[EndpointProtocol],
) -> Result<Endpoints> {
    let arn = channel_arn(ctx, channel).await?;
    let request = GetSignalingChannelEndpointRequest {
        channel_arn: arn.clone(),
        configuration: Some(SingleMasterChannelEndpointConfiguration {
            protocols: Some(protocols.to_vec()),
            role: Some(role),
        }),
    };
    let reply: Reply<GetSignalingChannelEndpointResponse> =
        call(ctx, &ctx.control_plane.url, Operation::GetSignalingChannelEndpoint, &request).await.map_err(|err| {
            if protocols.contains(&EndpointProtocol::Webrtc) && err.code.as_deref() == Some("InvalidArgumentException")
            {
                Error {
                    hint: Some(format!(
                        "WEBRTC is the endpoint of a channel that records its media: `kvs-esp channel storage enable \
                         {channel} --stream <stream>` first"
                    )),
                    ..err
                }
            } else {
                not_found_hint(err, channel)
            }
        })?;
    Ok(Endpoints {
        channel_arn: arn.to_string(),
        role,
        list: reply.body.resource_endpoint_list.unwrap_or_default(),
        cached: false,
        fetched_at: now_secs(),
    })
}

/// GetIceServerConfig on the channel's HTTPS endpoint. A 404 there means the cached endpoint is stale: the
/// cache entry is dropped and the lookup made once more against the service.
pub async fn ice_server_config(
    ctx: &AwsContext,
    channel: &ChannelRef,
    role: Role,
    client_id: Option<ClientId>,
    policy: &CachePolicy,
) -> Result<(Endpoints, Vec<IceServer>)> {
    let mut found = endpoints(ctx, channel, role, &[EndpointProtocol::Wss, EndpointProtocol::Https], policy).await?;
    loop {
        let https = found.url(EndpointProtocol::Https).ok_or_else(|| {
            Error::network("GetSignalingChannelEndpoint returned no HTTPS endpoint")
                .with_hint("the channel's endpoints are incomplete; retry with --no-cache")
        })?;
        let request = GetIceServerConfigRequest {
            channel_arn: ChannelArn::new(found.channel_arn.clone())?,
            client_id: client_id.clone(),
            service: Some(IceService::Turn),
            username: None,
        };
        match call::<_, GetIceServerConfigResponse>(ctx, https, Operation::GetIceServerConfig, &request).await {
            Ok(reply) => return Ok((found, reply.body.ice_server_list.unwrap_or_default())),
            Err(err) if err.kind == Kind::NotFound && found.cached => {
                ctx.observer.notice(Notice::StaleCachedEndpoint);
                open_cache(ctx)?.invalidate(&channel.to_string(), ctx.region.as_str())?;
                found =
                    endpoints(ctx, channel, role, &[EndpointProtocol::Wss, EndpointProtocol::Https], policy).await?;
            }
            Err(err) => return Err(not_found_hint(err, channel)),
        }
    }
}

/// The endpoint cache in its default place; a damaged file is reported and then treated as empty.
pub fn open_cache(ctx: &AwsContext) -> Result<EndpointCache> {
    let cache = EndpointCache::open_default()?;
    if cache.was_damaged() {
        ctx.observer.notice(Notice::CacheUnreadable { path: cache.path().to_path_buf() });
    }
    Ok(cache)
}

/// SendAlexaOfferToMaster on the channel's HTTPS endpoint: the offer (the `{"type":"offer","sdp":…}` JSON text)
/// goes to the master as from the viewer `sender`; returns the master's answer, decoded.
pub async fn send_alexa_offer(
    ctx: &AwsContext,
    channel: &ChannelRef,
    sender: ClientId,
    offer: &str,
    policy: &CachePolicy,
) -> Result<String> {
    let found =
        endpoints(ctx, channel, Role::Viewer, &[EndpointProtocol::Wss, EndpointProtocol::Https], policy).await?;
    let https = found.url(EndpointProtocol::Https).ok_or_else(|| {
        Error::network("GetSignalingChannelEndpoint returned no HTTPS endpoint")
            .with_hint("the channel's endpoints are incomplete; retry with --no-cache")
    })?;
    let request = SendAlexaOfferToMasterRequest {
        channel_arn: ChannelArn::new(found.channel_arn.clone())?,
        sender_client_id: sender,
        message_payload: kvs_core::message::to_base64(offer),
    };
    let reply: Reply<SendAlexaOfferToMasterResponse> =
        call(ctx, https, Operation::SendAlexaOfferToMaster, &request).await.map_err(|e| not_found_hint(e, channel))?;
    let answer = reply.body.answer.ok_or_else(|| missing(Operation::SendAlexaOfferToMaster, "Answer"))?;
    kvs_core::message::from_base64(&answer).ok_or_else(|| {
        Error::network("SendAlexaOfferToMaster answered with an Answer that is not base64 text")
            .with_hint("the master sent an unreadable answer")
    })
}

fn not_found_hint(err: Error, channel: &ChannelRef) -> Error {
    if err.kind != Kind::NotFound {
        return err;
    }
    let create = match channel {
        ChannelRef::Name(name) => format!("create it with `kvs-esp channel create {name}`"),
        ChannelRef::Arn(_) => "create it with `kvs-esp channel create <name>`".into(),
    };
    Error {
        hint: Some(format!(
            "no channel \"{}\" in this account and region: check --region, or {create}",
            channel.name()
        )),
        ..err
    }
}

pub(crate) fn missing(op: Operation, member: &str) -> Error {
    Error::network(format!("{} answered without {member}", op.name())).with_hint("is the endpoint URL a KVS endpoint?")
}
