//! What each state asks for: the API request of DESCRIBE, CREATE, GET_ENDPOINT and GET_ICE_CONFIG, and the
//! WebSocket handshake of CONNECT.

use super::{Machine, Pending, Socket};
use crate::api::{
    ChannelType, CreateSignalingChannelRequest, DescribeSignalingChannelRequest, EndpointProtocol,
    GetIceServerConfigRequest, GetSignalingChannelEndpointRequest, IceService, Operation,
    SingleMasterChannelEndpointConfiguration, SingleMasterConfiguration,
};
use crate::names::{ChannelRef, Role};
use crate::signaling::types::{ConnectRequest, FailureKind, HttpRequest, Output, State, Target};
use alloc::string::ToString;

impl Machine {
    /// Enters a state and issues its request.
    pub(super) fn enter(&mut self, state: State, now: u64) {
        self.set_state(state);
        match state {
            State::Describe => {
                let request = match (&self.config.channel, &self.arn) {
                    (ChannelRef::Name(name), _) => {
                        DescribeSignalingChannelRequest { channel_name: Some(name.clone()), channel_arn: None }
                    }
                    (ChannelRef::Arn(arn), _) => {
                        DescribeSignalingChannelRequest { channel_name: None, channel_arn: Some(arn.clone()) }
                    }
                };
                self.request(now, Operation::DescribeSignalingChannel, Target::ControlPlane, &request);
            }
            State::Create => {
                let ChannelRef::Name(name) = &self.config.channel else {
                    return self.fail(now, FailureKind::NotFound, "a channel given by ARN cannot be created".into());
                };
                let request = CreateSignalingChannelRequest {
                    channel_name: name.clone(),
                    channel_type: Some(ChannelType::SingleMaster),
                    single_master_configuration: Some(SingleMasterConfiguration {
                        message_ttl_seconds: self.config.create_if_missing,
                    }),
                    tags: None,
                };
                self.request(now, Operation::CreateSignalingChannel, Target::ControlPlane, &request);
            }
            State::GetEndpoint => {
                let Some(arn) = self.arn.clone() else { return self.enter(State::Describe, now) };
                let request = GetSignalingChannelEndpointRequest {
                    channel_arn: arn,
                    configuration: Some(SingleMasterChannelEndpointConfiguration {
                        protocols: Some(alloc::vec![EndpointProtocol::Wss, EndpointProtocol::Https]),
                        role: Some(self.config.role),
                    }),
                };
                self.request(now, Operation::GetSignalingChannelEndpoint, Target::ControlPlane, &request);
            }
            State::GetIceConfig => {
                let Some(endpoints) = self.endpoints.clone() else { return self.enter(State::GetEndpoint, now) };
                let request = GetIceServerConfigRequest {
                    channel_arn: endpoints.channel_arn.clone(),
                    client_id: Some(self.config.client_id.clone()),
                    service: Some(IceService::Turn),
                    username: None,
                };
                self.request(now, Operation::GetIceServerConfig, Target::Url(endpoints.https), &request);
            }
            State::Connect => {
                let Some(endpoints) = self.endpoints.clone() else { return self.enter(State::GetEndpoint, now) };
                let id = self.next_id();
                let mut params = alloc::vec![("X-Amz-ChannelARN".to_string(), endpoints.channel_arn.to_string())];
                if self.config.role == Role::Viewer {
                    params.push(("X-Amz-ClientId".to_string(), self.config.client_id.to_string()));
                }
                self.socket = Socket::Opening { id, since: now };
                self.outputs.push_back(Output::Connect(ConnectRequest { id, url: endpoints.wss, params }));
            }
            State::New | State::Connected | State::Closed => {}
        }
    }

    pub(super) fn request(&mut self, now: u64, op: Operation, target: Target, body: &impl serde::Serialize) {
        let id = self.next_id();
        self.pending = Some(Pending { id, op, sent_at: now });
        let body = serde_json::to_vec(body).unwrap_or_default();
        self.outputs.push_back(Output::Http(HttpRequest { id, op, target, body }));
    }
}
