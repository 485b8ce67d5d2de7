use crate::api::{self, CachePolicy};
use crate::aws::AwsContext;
use crate::cli::{GlobalArgs, IceConfigCommand};
use crate::error::Result;
use crate::output::{self, table};

const HIDDEN: &str = "(hidden; --show-passwords)";

pub async fn run(ctx: &AwsContext, global: &GlobalArgs, command: IceConfigCommand) -> Result<()> {
    let IceConfigCommand::Get { channel, role, client_id, show_passwords } = command;
    let policy = CachePolicy { enabled: !global.no_cache };
    let (_, mut servers) = api::ice_server_config(ctx, &channel, role.into(), client_id, &policy).await?;
    if !show_passwords {
        for server in &mut servers {
            server.password = server.password.as_ref().map(|_| HIDDEN.to_string());
        }
    }
    if output::is_json() {
        output::json(&serde_json::json!({ "IceServerList": servers }));
        return Ok(());
    }
    if servers.is_empty() {
        output::note("the service returned no ICE servers");
        return Ok(());
    }
    let mut rows = table::Table::new(&["URI", "USERNAME", "PASSWORD", "TTL"]);
    for server in &servers {
        for uri in &server.uris {
            rows.row(vec![
                uri.clone(),
                server.username.clone().unwrap_or_default(),
                server.password.clone().unwrap_or_default(),
                server.ttl.map(|t| format!("{t}s")).unwrap_or_default(),
            ]);
        }
    }
    output::text(&rows.render());
    Ok(())
}
