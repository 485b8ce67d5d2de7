//! `kvs-esp ice-config get`: GetIceServerConfig on the channel's HTTPS endpoint.

use super::cache_policy;
use crate::cli::{GlobalArgs, IceConfigCommand};
use crate::output::{Output, Render, table};
use kvs_client::Result;
use kvs_client::api;
use kvs_client::aws::AwsContext;
use kvs_core::api::IceServer;

const HIDDEN: &str = "(hidden; --show-passwords)";

pub async fn run(ctx: &AwsContext, global: &GlobalArgs, command: IceConfigCommand, out: Output) -> Result<()> {
    let IceConfigCommand::Get { channel, role, client_id, show_passwords } = command;
    let (_, mut servers) = api::ice_server_config(ctx, &channel, role.into(), client_id, &cache_policy(global)).await?;
    if !show_passwords {
        for server in &mut servers {
            server.password = server.password.as_ref().map(|_| HIDDEN.to_string());
        }
    }
    if servers.is_empty() && !out.is_json() {
        out.note("the service returned no ICE servers");
        return Ok(());
    }
    out.report(&Servers(servers));
    Ok(())
}

struct Servers(Vec<IceServer>);

impl Render for Servers {
    fn text(&self, _: &Output) -> String {
        let mut rows = table::Table::new(&["URI", "USERNAME", "PASSWORD", "TTL"]);
        for server in &self.0 {
            for uri in &server.uris {
                rows.row(vec![
                    uri.clone(),
                    server.username.clone().unwrap_or_default(),
                    server.password.clone().unwrap_or_default(),
                    server.ttl.map(|t| format!("{t}s")).unwrap_or_default(),
                ]);
            }
        }
        rows.render()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "IceServerList": self.0 })
    }
}
