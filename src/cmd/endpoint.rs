use crate::api::{self, CachePolicy};
use crate::aws::AwsContext;
use crate::cli::{EndpointCommand, GlobalArgs, ProtocolArg};
use crate::error::Result;
use crate::output::{self, table};
use kvs_core::api::EndpointProtocol;

pub async fn run(ctx: &AwsContext, global: &GlobalArgs, command: EndpointCommand) -> Result<()> {
    let EndpointCommand::Get { channel, role, protocols } = command;
    let protocols: Vec<EndpointProtocol> = protocols
        .into_iter()
        .map(|p| match p {
            ProtocolArg::Wss => EndpointProtocol::Wss,
            ProtocolArg::Https => EndpointProtocol::Https,
            ProtocolArg::Webrtc => EndpointProtocol::Webrtc,
        })
        .collect();
    let found =
        api::endpoints(ctx, &channel, role.into(), &protocols, &CachePolicy { enabled: !global.no_cache }).await?;
    if output::is_json() {
        output::json(&found);
        return Ok(());
    }
    let mut rows = table::Table::new(&["PROTOCOL", "ENDPOINT"]);
    for endpoint in &found.list {
        rows.row(vec![
            endpoint.protocol.clone().unwrap_or_default(),
            endpoint.resource_endpoint.clone().unwrap_or_default(),
        ]);
    }
    output::text(&rows.render());
    if found.cached {
        output::note(&format!(
            "from the endpoint cache (fetched {}); --no-cache asks the service",
            output::utc(found.fetched_at)
        ));
    }
    Ok(())
}
