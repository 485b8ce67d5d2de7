use crate::api;
use crate::aws::AwsContext;
use crate::cli::{ChannelCommand, ChannelTypeArg};
use crate::error::{Error, Result};
use crate::output::{self, table};
use kvs_core::api::{ChannelInfo, ChannelType, CreateSignalingChannelRequest, SingleMasterConfiguration};
use kvs_core::names::{ChannelArn, ChannelName, ChannelRef, MessageTtl, Tag};

pub async fn run(ctx: &AwsContext, command: ChannelCommand) -> Result<()> {
    match command {
        ChannelCommand::Create { name, channel_type, message_ttl, tags } => {
            create(ctx, ChannelName::new(name)?, channel_type, message_ttl, tags).await
        }
        ChannelCommand::Describe { channel } => describe(ctx, &channel).await,
        ChannelCommand::Delete { channel } => delete(ctx, &channel).await,
        ChannelCommand::List { prefix, page_size } => {
            list(ctx, prefix.map(ChannelName::new).transpose()?, page_size).await
        }
    }
}

async fn create(ctx: &AwsContext, name: ChannelName, kind: ChannelTypeArg, ttl: u16, tags: Vec<Tag>) -> Result<()> {
    if tags.len() > Tag::MAX_PER_RESOURCE {
        return Err(Error::input(format!(
            "{} tags given; a channel takes at most {}",
            tags.len(),
            Tag::MAX_PER_RESOURCE
        )));
    }
    let request = CreateSignalingChannelRequest {
        channel_name: name.clone(),
        channel_type: Some(match kind {
            ChannelTypeArg::SingleMaster => ChannelType::SingleMaster,
            ChannelTypeArg::FullMesh => ChannelType::FullMesh,
        }),
        single_master_configuration: Some(SingleMasterConfiguration {
            message_ttl_seconds: Some(MessageTtl::new(i64::from(ttl))?),
        }),
        tags: (!tags.is_empty()).then_some(tags),
    };
    let reply = api::create_channel(ctx, &request).await?;
    let arn = reply.body.channel_arn.unwrap_or_default();
    if output::is_json() {
        output::json(&serde_json::json!({ "ChannelARN": arn }));
    } else {
        output::text(&format!("created channel {name}\n{arn}"));
    }
    Ok(())
}

async fn describe(ctx: &AwsContext, channel: &ChannelRef) -> Result<()> {
    let info = api::describe_channel(ctx, channel).await?.body;
    if output::is_json() {
        output::json(&serde_json::json!({ "ChannelInfo": info }));
    } else {
        output::text(&describe_text(&info));
    }
    Ok(())
}

fn describe_text(info: &ChannelInfo) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let ttl = info
        .single_master_configuration
        .and_then(|c| c.message_ttl_seconds)
        .map(|s| format!("{s} s"))
        .unwrap_or_else(|| "-".into());
    table::key_values(&[
        ("Name", text(&info.channel_name)),
        ("ARN", text(&info.channel_arn)),
        ("Type", text(&info.channel_type)),
        ("Status", text(&info.channel_status)),
        ("Message TTL", ttl),
        ("Created", created(info)),
        ("Version", text(&info.version)),
    ])
}

fn created(info: &ChannelInfo) -> String {
    info.creation_time
        .filter(|t| t.is_finite() && *t >= 0.0)
        .map(|t| output::utc(t as u64))
        .unwrap_or_else(|| "-".into())
}

async fn delete(ctx: &AwsContext, channel: &ChannelRef) -> Result<()> {
    let info = api::describe_channel(ctx, channel).await?.body;
    let arn = info
        .channel_arn
        .ok_or_else(|| Error::network("DescribeSignalingChannel answered without ChannelARN"))
        .and_then(|arn| {
            ChannelArn::new(arn).map_err(|e| Error::network(format!("the service returned an unusable ARN: {e}")))
        })?;
    api::delete_channel(ctx, &arn, info.version).await?;
    let mut cache = crate::cache::EndpointCache::open_default()?;
    cache.invalidate(&channel.to_string(), ctx.region.as_str())?;
    cache.invalidate(arn.as_str(), ctx.region.as_str())?;
    if output::is_json() {
        output::json(&serde_json::json!({ "ChannelARN": arn, "Deleted": true }));
    } else {
        output::text(&format!("deleted channel {}\n{arn}", channel.name()));
    }
    Ok(())
}

async fn list(ctx: &AwsContext, prefix: Option<ChannelName>, page_size: i64) -> Result<()> {
    let channels = api::list_channels(ctx, prefix, page_size).await?;
    if output::is_json() {
        output::json(&serde_json::json!({ "ChannelInfoList": channels }));
        return Ok(());
    }
    if channels.is_empty() {
        output::note("no channels");
        return Ok(());
    }
    let mut rows = table::Table::new(&["NAME", "STATUS", "TTL", "CREATED", "ARN"]);
    for info in &channels {
        rows.row(vec![
            info.channel_name.clone().unwrap_or_default(),
            info.channel_status.clone().unwrap_or_default(),
            info.single_master_configuration
                .and_then(|c| c.message_ttl_seconds)
                .map(|s| format!("{s}s"))
                .unwrap_or_default(),
            created(info),
            info.channel_arn.clone().unwrap_or_default(),
        ]);
    }
    output::text(&rows.render());
    Ok(())
}
