//! What WebRTC ingestion needs of the control plane: Kinesis video streams, and the channel's media storage
//! configuration that names the stream its media is recorded into.

use super::client::{Reply, call};
use super::{all_pages, missing};
use crate::aws::AwsContext;
use crate::error::{Error, Kind, Result};
use kvs_core::api::*;
use kvs_core::names::{ChannelArn, ChannelRef, ClientId, ResourceRef, Role, StreamArn, StreamName, StreamRef};

pub async fn create_stream(ctx: &AwsContext, request: &CreateStreamRequest) -> Result<Reply<CreateStreamResponse>> {
    call(ctx, &ctx.control_plane.url, Operation::CreateStream, request).await
}

pub async fn describe_stream(ctx: &AwsContext, stream: &StreamRef) -> Result<Reply<StreamInfo>> {
    let request = match stream {
        ResourceRef::Name(name) => DescribeStreamRequest { stream_name: Some(name.clone()), stream_arn: None },
        ResourceRef::Arn(arn) => DescribeStreamRequest { stream_name: None, stream_arn: Some(arn.clone()) },
    };
    let reply: Reply<DescribeStreamResponse> = call(ctx, &ctx.control_plane.url, Operation::DescribeStream, &request)
        .await
        .map_err(|e| stream_not_found_hint(e, stream))?;
    let info = reply.body.stream_info.ok_or_else(|| missing(Operation::DescribeStream, "StreamInfo"))?;
    Ok(Reply { body: info, elapsed: reply.elapsed })
}

/// The stream's ARN: as given, or from DescribeStream.
pub async fn stream_arn(ctx: &AwsContext, stream: &StreamRef) -> Result<StreamArn> {
    match stream {
        ResourceRef::Arn(arn) => Ok(arn.clone()),
        ResourceRef::Name(_) => arn_of(describe_stream(ctx, stream).await?.body),
    }
}

fn arn_of(info: StreamInfo) -> Result<StreamArn> {
    let arn = info.stream_arn.ok_or_else(|| missing(Operation::DescribeStream, "StreamARN"))?;
    StreamArn::new(arn).map_err(|e| Error::network(format!("the service returned an unusable ARN: {e}")))
}

/// Deletes a stream at its current version (DescribeStream first); returns its ARN.
pub async fn delete_stream(ctx: &AwsContext, stream: &StreamRef) -> Result<StreamArn> {
    let info = describe_stream(ctx, stream).await?.body;
    let version = info.version.clone();
    let arn = arn_of(info)?;
    let request = DeleteStreamRequest { stream_arn: arn.clone(), current_version: version };
    let _: Reply<serde_json::Value> = call(ctx, &ctx.control_plane.url, Operation::DeleteStream, &request).await?;
    Ok(arn)
}

/// Every stream, following NextToken, optionally those whose name begins with `prefix`.
pub async fn list_streams(ctx: &AwsContext, prefix: Option<StreamName>, page_size: i64) -> Result<Vec<StreamInfo>> {
    let condition = prefix.map(|value| StreamNameCondition {
        comparison_operator: Some(ComparisonOperator::BeginsWith),
        comparison_value: Some(value),
    });
    all_pages(|next_token| {
        let request =
            ListStreamsRequest { max_results: Some(page_size), next_token, stream_name_condition: condition.clone() };
        async move {
            let reply: Reply<ListStreamsResponse> =
                call(ctx, &ctx.control_plane.url, Operation::ListStreams, &request).await?;
            Ok((reply.body.stream_info_list.unwrap_or_default(), reply.body.next_token))
        }
    })
    .await
}

/// Records the channel's media into `stream`, or stops (`None`).
pub async fn update_media_storage(ctx: &AwsContext, channel: &ChannelArn, stream: Option<StreamArn>) -> Result<()> {
    let status = if stream.is_some() { MediaStorageStatus::Enabled } else { MediaStorageStatus::Disabled };
    let request = UpdateMediaStorageConfigurationRequest {
        channel_arn: channel.clone(),
        media_storage_configuration: MediaStorageConfiguration { stream_arn: stream, status },
    };
    let _: Reply<serde_json::Value> =
        call(ctx, &ctx.control_plane.url, Operation::UpdateMediaStorageConfiguration, &request).await.map_err(
            |err| match err.code.as_deref() {
                Some("NoDataRetentionException") => Error {
                    hint: Some(
                        "the stream keeps no data: create one with `kvs-esp stream create <name> --retention-hours 24`"
                            .into(),
                    ),
                    ..err
                },
                Some("ResourceInUseException") => Error {
                    hint: Some("a stream records one channel: disable storage on the other channel first".into()),
                    ..err
                },
                _ => err,
            },
        )?;
    Ok(())
}

pub async fn describe_media_storage(ctx: &AwsContext, channel: &ChannelRef) -> Result<MediaStorageConfigurationInfo> {
    let request = match channel {
        ResourceRef::Name(name) => {
            DescribeMediaStorageConfigurationRequest { channel_name: Some(name.clone()), channel_arn: None }
        }
        ResourceRef::Arn(arn) => {
            DescribeMediaStorageConfigurationRequest { channel_name: None, channel_arn: Some(arn.clone()) }
        }
    };
    let reply: Reply<DescribeMediaStorageConfigurationResponse> =
        call(ctx, &ctx.control_plane.url, Operation::DescribeMediaStorageConfiguration, &request).await?;
    reply
        .body
        .media_storage_configuration
        .ok_or_else(|| missing(Operation::DescribeMediaStorageConfiguration, "MediaStorageConfiguration"))
}

/// JoinStorageSession on the channel's WEBRTC endpoint: asks the channel's storage session to send this master an
/// offer (each call makes one; the most recent master wins).
pub async fn join_storage_session(ctx: &AwsContext, channel: &ChannelRef) -> Result<()> {
    let (channel_arn, webrtc) = webrtc_endpoint(ctx, channel, Role::Master).await?;
    let request = JoinStorageSessionRequest { channel_arn };
    let _: Reply<serde_json::Value> = call(ctx, &webrtc, Operation::JoinStorageSession, &request).await?;
    Ok(())
}

/// JoinStorageSessionAsViewer on the channel's WEBRTC endpoint: asks the channel's storage session for an offer
/// to this viewer, whose audio it then records (a newer join with the same client id takes precedence).
pub async fn join_storage_session_as_viewer(
    ctx: &AwsContext,
    channel: &ChannelRef,
    client_id: &ClientId,
) -> Result<()> {
    let (channel_arn, webrtc) = webrtc_endpoint(ctx, channel, Role::Viewer).await?;
    let request = JoinStorageSessionAsViewerRequest { channel_arn, client_id: client_id.clone() };
    let _: Reply<serde_json::Value> = call(ctx, &webrtc, Operation::JoinStorageSessionAsViewer, &request).await?;
    Ok(())
}

/// The channel's ARN and WEBRTC endpoint (never from the cache, which keeps WSS and HTTPS alone).
async fn webrtc_endpoint(ctx: &AwsContext, channel: &ChannelRef, role: Role) -> Result<(ChannelArn, String)> {
    let protocols = [EndpointProtocol::Wss, EndpointProtocol::Https, EndpointProtocol::Webrtc];
    let found = super::endpoints(ctx, channel, role, &protocols, &super::CachePolicy { enabled: false }).await?;
    let webrtc = found.url(EndpointProtocol::Webrtc).ok_or_else(|| {
        Error::network("GetSignalingChannelEndpoint returned no WEBRTC endpoint")
            .with_hint("the channel does not record its media: `kvs-esp channel storage enable` it first")
    })?;
    Ok((ChannelArn::new(found.channel_arn.clone())?, webrtc.to_string()))
}

fn stream_not_found_hint(err: Error, stream: &StreamRef) -> Error {
    if err.kind != Kind::NotFound {
        return err;
    }
    let create = match stream {
        ResourceRef::Name(name) => format!("create it with `kvs-esp stream create {name}`"),
        ResourceRef::Arn(_) => "create it with `kvs-esp stream create <name>`".into(),
    };
    Error {
        hint: Some(format!("no stream \"{}\" in this account and region: check --region, or {create}", stream.name())),
        ..err
    }
}
