//! The request and response shapes of the KVS control plane (API 2017-09-30) and the signaling HTTPS API
//! (2019-12-04), as rest-json bodies. Requests carry validated names so that nothing malformed is sent and
//! the emulator can refuse what the service refuses; responses are tolerant (unknown members and nulls are
//! ignored, `CreationTime` is float epoch seconds) because the service adds fields over time.

use crate::names::{ChannelArn, ChannelName, ClientId, DeviceName, MessageTtl, Role, StreamArn, StreamName, Tag};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// One API operation: its name (as in error messages and metrics) and its HTTP path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    CreateSignalingChannel,
    DescribeSignalingChannel,
    DeleteSignalingChannel,
    ListSignalingChannels,
    UpdateSignalingChannel,
    GetSignalingChannelEndpoint,
    TagResource,
    UntagResource,
    ListTagsForResource,
    GetIceServerConfig,
    SendAlexaOfferToMaster,
    CreateStream,
    DescribeStream,
    ListStreams,
    DeleteStream,
    UpdateMediaStorageConfiguration,
    DescribeMediaStorageConfiguration,
    JoinStorageSession,
    JoinStorageSessionAsViewer,
}

/// Which host an operation is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiEndpoint {
    /// `kinesisvideo.<region>.amazonaws.com`.
    ControlPlane,
    /// The channel's HTTPS resource endpoint from GetSignalingChannelEndpoint (`r-…`).
    ChannelHttps,
    /// The channel's WEBRTC endpoint, for a channel that records (`w-…`).
    ChannelWebrtc,
}

impl Operation {
    pub const ALL: [Operation; 19] = [
        Operation::CreateSignalingChannel,
        Operation::DescribeSignalingChannel,
        Operation::DeleteSignalingChannel,
        Operation::ListSignalingChannels,
        Operation::UpdateSignalingChannel,
        Operation::GetSignalingChannelEndpoint,
        Operation::TagResource,
        Operation::UntagResource,
        Operation::ListTagsForResource,
        Operation::GetIceServerConfig,
        Operation::SendAlexaOfferToMaster,
        Operation::CreateStream,
        Operation::DescribeStream,
        Operation::ListStreams,
        Operation::DeleteStream,
        Operation::UpdateMediaStorageConfiguration,
        Operation::DescribeMediaStorageConfiguration,
        Operation::JoinStorageSession,
        Operation::JoinStorageSessionAsViewer,
    ];

    /// The operation its name (`DescribeSignalingChannel`) stands for.
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Operation::CreateSignalingChannel => "CreateSignalingChannel",
            Operation::DescribeSignalingChannel => "DescribeSignalingChannel",
            Operation::DeleteSignalingChannel => "DeleteSignalingChannel",
            Operation::ListSignalingChannels => "ListSignalingChannels",
            Operation::UpdateSignalingChannel => "UpdateSignalingChannel",
            Operation::GetSignalingChannelEndpoint => "GetSignalingChannelEndpoint",
            Operation::TagResource => "TagResource",
            Operation::UntagResource => "UntagResource",
            Operation::ListTagsForResource => "ListTagsForResource",
            Operation::GetIceServerConfig => "GetIceServerConfig",
            Operation::SendAlexaOfferToMaster => "SendAlexaOfferToMaster",
            Operation::CreateStream => "CreateStream",
            Operation::DescribeStream => "DescribeStream",
            Operation::ListStreams => "ListStreams",
            Operation::DeleteStream => "DeleteStream",
            Operation::UpdateMediaStorageConfiguration => "UpdateMediaStorageConfiguration",
            Operation::DescribeMediaStorageConfiguration => "DescribeMediaStorageConfiguration",
            Operation::JoinStorageSession => "JoinStorageSession",
            Operation::JoinStorageSessionAsViewer => "JoinStorageSessionAsViewer",
        }
    }

    /// The exact path; the service's casing is inconsistent (`/TagResource` vs `/createSignalingChannel`).
    pub fn path(self) -> &'static str {
        match self {
            Operation::CreateSignalingChannel => "/createSignalingChannel",
            Operation::DescribeSignalingChannel => "/describeSignalingChannel",
            Operation::DeleteSignalingChannel => "/deleteSignalingChannel",
            Operation::ListSignalingChannels => "/listSignalingChannels",
            Operation::UpdateSignalingChannel => "/updateSignalingChannel",
            Operation::GetSignalingChannelEndpoint => "/getSignalingChannelEndpoint",
            Operation::TagResource => "/TagResource",
            Operation::UntagResource => "/UntagResource",
            Operation::ListTagsForResource => "/ListTagsForResource",
            Operation::GetIceServerConfig => "/v1/get-ice-server-config",
            Operation::SendAlexaOfferToMaster => "/v1/send-alexa-offer-to-master",
            Operation::CreateStream => "/createStream",
            Operation::DescribeStream => "/describeStream",
            Operation::ListStreams => "/listStreams",
            Operation::DeleteStream => "/deleteStream",
            Operation::UpdateMediaStorageConfiguration => "/updateMediaStorageConfiguration",
            Operation::DescribeMediaStorageConfiguration => "/describeMediaStorageConfiguration",
            Operation::JoinStorageSession => "/joinStorageSession",
            Operation::JoinStorageSessionAsViewer => "/joinStorageSessionAsViewer",
        }
    }

    pub fn from_path(path: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.path() == path)
    }

    /// Where the call is sent: most go to the control plane, the signaling API to the channel's own endpoint.
    pub fn endpoint(self) -> ApiEndpoint {
        match self {
            Operation::GetIceServerConfig | Operation::SendAlexaOfferToMaster => ApiEndpoint::ChannelHttps,
            Operation::JoinStorageSession | Operation::JoinStorageSessionAsViewer => ApiEndpoint::ChannelWebrtc,
            _ => ApiEndpoint::ControlPlane,
        }
    }
}

/// `SINGLE_MASTER` is the only channel type the service supports today; `FULL_MESH` is in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChannelType {
    SingleMaster,
    FullMesh,
}

impl ChannelType {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelType::SingleMaster => "SINGLE_MASTER",
            ChannelType::FullMesh => "FULL_MESH",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SingleMasterConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_ttl_seconds: Option<MessageTtl>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateSignalingChannelRequest {
    pub channel_name: ChannelName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<ChannelType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_master_configuration: Option<SingleMasterConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateSignalingChannelResponse {
    #[serde(rename = "ChannelARN", default)]
    pub channel_arn: Option<String>,
}

/// Describe takes a name or an ARN; the model marks neither required, the service requires one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DescribeSignalingChannelRequest {
    #[serde(rename = "ChannelName", default, skip_serializing_if = "Option::is_none")]
    pub channel_name: Option<ChannelName>,
    #[serde(rename = "ChannelARN", default, skip_serializing_if = "Option::is_none")]
    pub channel_arn: Option<ChannelArn>,
}

/// `ChannelInfo` as the service returns it. Every member is optional on the way in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelInfo {
    #[serde(rename = "ChannelName", default, skip_serializing_if = "Option::is_none")]
    pub channel_name: Option<String>,
    #[serde(rename = "ChannelARN", default, skip_serializing_if = "Option::is_none")]
    pub channel_arn: Option<String>,
    #[serde(rename = "ChannelType", default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<String>,
    #[serde(rename = "ChannelStatus", default, skip_serializing_if = "Option::is_none")]
    pub channel_status: Option<String>,
    /// Epoch seconds with a fraction, possibly in exponent notation (`1.712136149494E9`).
    #[serde(rename = "CreationTime", default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<f64>,
    #[serde(rename = "SingleMasterConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub single_master_configuration: Option<ResponseSingleMasterConfiguration>,
    #[serde(rename = "Version", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The response form of [`SingleMasterConfiguration`], not validated (a server value is a fact, not input).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ResponseSingleMasterConfiguration {
    #[serde(rename = "MessageTtlSeconds", default, skip_serializing_if = "Option::is_none")]
    pub message_ttl_seconds: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeSignalingChannelResponse {
    #[serde(rename = "ChannelInfo", default)]
    pub channel_info: Option<ChannelInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeleteSignalingChannelRequest {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "CurrentVersion", default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateSignalingChannelRequest {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "CurrentVersion")]
    pub current_version: String,
    #[serde(rename = "SingleMasterConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub single_master_configuration: Option<SingleMasterConfiguration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComparisonOperator {
    #[serde(rename = "BEGINS_WITH")]
    BeginsWith,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChannelNameCondition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<ComparisonOperator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison_value: Option<ChannelName>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListSignalingChannelsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_name_condition: Option<ChannelNameCondition>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListSignalingChannelsResponse {
    #[serde(default)]
    pub channel_info_list: Option<Vec<ChannelInfo>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// A protocol in `SingleMasterChannelEndpointConfiguration.Protocols`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EndpointProtocol {
    #[serde(rename = "WSS")]
    Wss,
    #[serde(rename = "HTTPS")]
    Https,
    #[serde(rename = "WEBRTC")]
    Webrtc,
}

impl EndpointProtocol {
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointProtocol::Wss => "WSS",
            EndpointProtocol::Https => "HTTPS",
            EndpointProtocol::Webrtc => "WEBRTC",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SingleMasterChannelEndpointConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocols: Option<Vec<EndpointProtocol>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetSignalingChannelEndpointRequest {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "SingleMasterChannelEndpointConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<SingleMasterChannelEndpointConfiguration>,
}

/// One endpoint. The protocol is kept as text so that a protocol this build does not know is still shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceEndpoint {
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub resource_endpoint: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetSignalingChannelEndpointResponse {
    #[serde(default)]
    pub resource_endpoint_list: Option<Vec<ResourceEndpoint>>,
}

impl GetSignalingChannelEndpointResponse {
    /// The endpoint URL for one protocol, if the service returned it.
    pub fn endpoint(&self, protocol: EndpointProtocol) -> Option<&str> {
        self.resource_endpoint_list
            .as_deref()?
            .iter()
            .find(|e| e.protocol.as_deref() == Some(protocol.as_str()))
            .and_then(|e| e.resource_endpoint.as_deref())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IceService {
    #[serde(rename = "TURN")]
    Turn,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetIceServerConfigRequest {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "ClientId", default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<ClientId>,
    #[serde(rename = "Service", default, skip_serializing_if = "Option::is_none")]
    pub service: Option<IceService>,
    #[serde(rename = "Username", default, skip_serializing_if = "Option::is_none")]
    pub username: Option<ClientId>,
}

/// An SDP offer handed to the channel's master as if from a viewer `SenderClientId`; the call answers with the
/// master's SDP answer (both base64 of the SDP JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendAlexaOfferToMasterRequest {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "SenderClientId")]
    pub sender_client_id: ClientId,
    #[serde(rename = "MessagePayload")]
    pub message_payload: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendAlexaOfferToMasterResponse {
    #[serde(rename = "Answer", default)]
    pub answer: Option<String>,
}

/// A TURN server. Usernames and passwords are not validated: real ones contain `:`, `+`, `/` and `=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IceServer {
    #[serde(default)]
    pub uris: Vec<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub ttl: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetIceServerConfigResponse {
    #[serde(default)]
    pub ice_server_list: Option<Vec<IceServer>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TagResourceRequest {
    #[serde(rename = "ResourceARN")]
    pub resource_arn: ChannelArn,
    #[serde(rename = "Tags")]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UntagResourceRequest {
    #[serde(rename = "ResourceARN")]
    pub resource_arn: ChannelArn,
    #[serde(rename = "TagKeyList")]
    pub tag_key_list: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListTagsForResourceRequest {
    #[serde(rename = "ResourceARN")]
    pub resource_arn: ChannelArn,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsForResourceResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(default)]
    pub tags: Option<BTreeMap<String, String>>,
}

/// CreateStream. Retention 0 (the default) keeps no data: such a stream cannot take a channel's media.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateStreamRequest {
    pub stream_name: StreamName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<DeviceName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_retention_in_hours: Option<u32>,
    /// A map here, unlike the channel's list of `{Key, Value}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateStreamResponse {
    #[serde(rename = "StreamARN", default)]
    pub stream_arn: Option<String>,
}

/// DescribeStream takes a name or an ARN, like DescribeSignalingChannel.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DescribeStreamRequest {
    #[serde(rename = "StreamName", default, skip_serializing_if = "Option::is_none")]
    pub stream_name: Option<StreamName>,
    #[serde(rename = "StreamARN", default, skip_serializing_if = "Option::is_none")]
    pub stream_arn: Option<StreamArn>,
}

/// `StreamInfo` as the service returns it; every member optional on the way in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StreamInfo {
    #[serde(rename = "DeviceName", default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    #[serde(rename = "StreamName", default, skip_serializing_if = "Option::is_none")]
    pub stream_name: Option<String>,
    #[serde(rename = "StreamARN", default, skip_serializing_if = "Option::is_none")]
    pub stream_arn: Option<String>,
    #[serde(rename = "MediaType", default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(rename = "KmsKeyId", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "Version", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Epoch seconds with a fraction, as `ChannelInfo.CreationTime`.
    #[serde(rename = "CreationTime", default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<f64>,
    #[serde(rename = "DataRetentionInHours", default, skip_serializing_if = "Option::is_none")]
    pub data_retention_in_hours: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeStreamResponse {
    #[serde(rename = "StreamInfo", default)]
    pub stream_info: Option<StreamInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StreamNameCondition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<ComparisonOperator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison_value: Option<StreamName>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListStreamsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_name_condition: Option<StreamNameCondition>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListStreamsResponse {
    #[serde(default)]
    pub stream_info_list: Option<Vec<StreamInfo>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeleteStreamRequest {
    #[serde(rename = "StreamARN")]
    pub stream_arn: StreamArn,
    #[serde(rename = "CurrentVersion", default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<String>,
}

/// Whether a channel's media is recorded into its stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MediaStorageStatus {
    Enabled,
    Disabled,
}

impl MediaStorageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaStorageStatus::Enabled => "ENABLED",
            MediaStorageStatus::Disabled => "DISABLED",
        }
    }
}

/// A channel's media storage configuration as sent: the stream is required to enable, optional to disable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaStorageConfiguration {
    #[serde(rename = "StreamARN", default, skip_serializing_if = "Option::is_none")]
    pub stream_arn: Option<StreamArn>,
    #[serde(rename = "Status")]
    pub status: MediaStorageStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateMediaStorageConfigurationRequest {
    #[serde(rename = "ChannelARN")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "MediaStorageConfiguration")]
    pub media_storage_configuration: MediaStorageConfiguration,
}

/// DescribeMediaStorageConfiguration names the channel as DescribeSignalingChannel does.
pub type DescribeMediaStorageConfigurationRequest = DescribeSignalingChannelRequest;

/// JoinStorageSession (kinesis-video-webrtc-storage, 2018-05-10): the master asks the channel's storage session to
/// send it an offer. Its member is camelCase, unlike the control plane's; a 200 has an empty body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinStorageSessionRequest {
    #[serde(rename = "channelArn")]
    pub channel_arn: ChannelArn,
}

/// JoinStorageSessionAsViewer: a viewer asks the channel's storage session for an offer of its own, to ingest its
/// audio (viewers send audio only). A newer join with the same client id takes precedence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinStorageSessionAsViewerRequest {
    #[serde(rename = "channelArn")]
    pub channel_arn: ChannelArn,
    #[serde(rename = "clientId")]
    pub client_id: ClientId,
}

/// The configuration as returned: tolerant, the service sends `"StreamARN": null` for a channel never configured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaStorageConfigurationInfo {
    #[serde(rename = "StreamARN", default)]
    pub stream_arn: Option<String>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeMediaStorageConfigurationResponse {
    #[serde(rename = "MediaStorageConfiguration", default)]
    pub media_storage_configuration: Option<MediaStorageConfigurationInfo>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_channel_info() {
        let body =
            br#"{"ChannelInfo":{"ChannelName":"demo","ChannelARN":"arn:aws:kinesisvideo:us-west-2:1:channel/demo/1",
            "ChannelType":"SINGLE_MASTER","ChannelStatus":"ACTIVE","CreationTime":1.712136149494E9,
            "SingleMasterConfiguration":{"MessageTtlSeconds":60},"Version":"3Ikjs9sOSk6Q4Alisl0d",
            "FullMeshConfiguration":null,"SomethingNew":{"x":1}}}"#;
        let parsed: DescribeSignalingChannelResponse = serde_json::from_slice(body).unwrap();
        let info = parsed.channel_info.unwrap();
        assert_eq!(info.creation_time, Some(1_712_136_149.494));
        assert_eq!(info.single_master_configuration.unwrap().message_ttl_seconds, Some(60));
    }

    #[test]
    fn requests_serialize_like_the_cli() {
        let req = CreateSignalingChannelRequest {
            channel_name: ChannelName::new("demo2").unwrap(),
            channel_type: Some(ChannelType::SingleMaster),
            single_master_configuration: Some(SingleMasterConfiguration {
                message_ttl_seconds: Some(MessageTtl::new(60).unwrap()),
            }),
            tags: Some(alloc::vec![Tag::new("k", "v").unwrap()]),
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"ChannelName":"demo2","ChannelType":"SINGLE_MASTER","SingleMasterConfiguration":{"MessageTtlSeconds":60},"Tags":[{"Key":"k","Value":"v"}]}"#
        );
    }

    #[test]
    fn invalid_requests_are_refused_on_parse() {
        assert!(serde_json::from_str::<CreateSignalingChannelRequest>(r#"{"ChannelName":"a b"}"#).is_err());
        assert!(
            serde_json::from_str::<CreateSignalingChannelRequest>(
                r#"{"ChannelName":"ok","SingleMasterConfiguration":{"MessageTtlSeconds":500}}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<GetIceServerConfigRequest>(r#"{"ChannelARN":"x"}"#).is_err());
    }

    #[test]
    fn operation_paths_round_trip() {
        for op in Operation::ALL {
            assert_eq!(Operation::from_path(op.path()), Some(op));
        }
        assert_eq!(Operation::from_path("/tagResource"), None);
        assert_eq!(Operation::GetIceServerConfig.endpoint(), ApiEndpoint::ChannelHttps);
        assert_eq!(Operation::DescribeMediaStorageConfiguration.endpoint(), ApiEndpoint::ControlPlane);
        assert_eq!(Operation::JoinStorageSession.endpoint(), ApiEndpoint::ChannelWebrtc);
    }

    #[test]
    fn media_storage_shapes() {
        let describe: DescribeMediaStorageConfigurationResponse =
            serde_json::from_slice(br#"{"MediaStorageConfiguration":{"StreamARN":null,"Status":"DISABLED"}}"#).unwrap();
        let config = describe.media_storage_configuration.unwrap();
        assert_eq!((config.stream_arn, config.status.as_deref()), (None, Some("DISABLED")));
        let update = UpdateMediaStorageConfigurationRequest {
            channel_arn: ChannelArn::new("arn:aws:kinesisvideo:us-west-2:1:channel/c/1").unwrap(),
            media_storage_configuration: MediaStorageConfiguration {
                stream_arn: Some(StreamArn::new("arn:aws:kinesisvideo:us-west-2:1:stream/s/2").unwrap()),
                status: MediaStorageStatus::Enabled,
            },
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"ChannelARN":"arn:aws:kinesisvideo:us-west-2:1:channel/c/1","MediaStorageConfiguration":{"StreamARN":"arn:aws:kinesisvideo:us-west-2:1:stream/s/2","Status":"ENABLED"}}"#
        );
        assert!(
            serde_json::from_str::<CreateStreamRequest>(r#"{"StreamName":"s","DataRetentionInHours":-1}"#).is_err()
        );
    }
}
