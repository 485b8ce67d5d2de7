//! `kvs-esp endpoint get`: GetSignalingChannelEndpoint, through the endpoint cache.

use super::cache_policy;
use crate::cli::{EndpointCommand, GlobalArgs, ProtocolArg};
use crate::output::{Output, Render, table};
use kvs_client::Result;
use kvs_client::api::{self, Endpoints};
use kvs_client::aws::AwsContext;
use kvs_client::time::utc;
use kvs_core::api::EndpointProtocol;

pub async fn run(ctx: &AwsContext, global: &GlobalArgs, command: EndpointCommand, out: Output) -> Result<()> {
    let EndpointCommand::Get { channel, role, protocols } = command;
    let protocols: Vec<EndpointProtocol> = protocols
        .into_iter()
        .map(|p| match p {
            ProtocolArg::Wss => EndpointProtocol::Wss,
            ProtocolArg::Https => EndpointProtocol::Https,
            ProtocolArg::Webrtc => EndpointProtocol::Webrtc,
        })
        .collect();
    let found = api::endpoints(ctx, &channel, role.into(), &protocols, &cache_policy(global)).await?;
    out.report(&Found(&found));
    if found.cached {
        out.note(&format!("from the endpoint cache (fetched {}); --no-cache asks the service", utc(found.fetched_at)));
    }
    Ok(())
}

struct Found<'a>(&'a Endpoints);

impl Render for Found<'_> {
    fn text(&self, _: &Output) -> String {
        let mut rows = table::Table::new(&["PROTOCOL", "ENDPOINT"]);
        for endpoint in &self.0.list {
            rows.row(vec![
                endpoint.protocol.clone().unwrap_or_default(),
                endpoint.resource_endpoint.clone().unwrap_or_default(),
            ]);
        }
        rows.render()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::to_value(self.0).unwrap_or_default()
    }
}
