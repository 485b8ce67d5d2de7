//! `kvs-esp channel create|describe|delete|list|storage`: the control plane.

use crate::cli::{ChannelCommand, ChannelTypeArg, StorageCommand};
use crate::output::{Output, Render, table};
use kvs_client::api;
use kvs_client::aws::AwsContext;
use kvs_client::time::utc;
use kvs_client::{Error, Result};
use kvs_core::api::{
    ChannelInfo, ChannelType, CreateSignalingChannelRequest, MediaStorageConfigurationInfo, SingleMasterConfiguration,
};
use kvs_core::names::{ChannelArn, ChannelName, ChannelRef, MessageTtl, Tag};

pub async fn run(ctx: &AwsContext, command: ChannelCommand, out: Output) -> Result<()> {
    match command {
        ChannelCommand::Create { name, channel_type, message_ttl, tags } => {
            let created = create(ctx, ChannelName::new(name)?, channel_type, message_ttl, tags).await?;
            out.report(&created);
        }
        ChannelCommand::Describe { channel } => {
            out.report(&Described(api::describe_channel(ctx, &channel).await?.body))
        }
        ChannelCommand::Delete { channel } => out.report(&delete(ctx, &channel).await?),
        ChannelCommand::List { prefix, page_size } => {
            let channels = api::list_channels(ctx, prefix.map(ChannelName::new).transpose()?, page_size).await?;
            if channels.is_empty() && !out.is_json() {
                out.note("no channels");
                return Ok(());
            }
            out.report(&Listed(channels));
        }
        ChannelCommand::Storage(command) => storage(ctx, command, out).await?,
    }
    Ok(())
}

async fn storage(ctx: &AwsContext, command: StorageCommand, out: Output) -> Result<()> {
    let channel = match command {
        StorageCommand::Enable { channel, stream } => {
            let stream = api::storage::stream_arn(ctx, &stream).await?;
            api::storage::update_media_storage(ctx, &api::channel_arn(ctx, &channel).await?, Some(stream)).await?;
            channel
        }
        StorageCommand::Disable { channel } => {
            api::storage::update_media_storage(ctx, &api::channel_arn(ctx, &channel).await?, None).await?;
            channel
        }
        StorageCommand::Describe { channel } => channel,
    };
    let config = api::storage::describe_media_storage(ctx, &channel).await?;
    out.report(&Storage { channel, config });
    Ok(())
}

/// A channel's media storage, as DescribeMediaStorageConfiguration reports it (also after a change, to show what
/// the service now holds).
struct Storage {
    channel: ChannelRef,
    config: MediaStorageConfigurationInfo,
}

impl Render for Storage {
    fn text(&self, _: &Output) -> String {
        match (self.config.status.as_deref(), &self.config.stream_arn) {
            (Some("ENABLED"), Some(stream)) => format!("channel {} records its media into\n{stream}", self.channel),
            (status, _) => format!(
                "channel {} does not record its media (media storage {})",
                self.channel,
                status.unwrap_or("not reported")
            ),
        }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "MediaStorageConfiguration": self.config })
    }
}

struct Created {
    name: ChannelName,
    arn: String,
}

impl Render for Created {
    fn text(&self, _: &Output) -> String {
        format!("created channel {}\n{}", self.name, self.arn)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "ChannelARN": self.arn })
    }
}

async fn create(
    ctx: &AwsContext,
    name: ChannelName,
    kind: ChannelTypeArg,
    ttl: u16,
    tags: Vec<Tag>,
) -> Result<Created> {
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
    Ok(Created { name, arn: reply.body.channel_arn.unwrap_or_default() })
}

struct Described(ChannelInfo);

impl Render for Described {
    fn text(&self, _: &Output) -> String {
        let info = &self.0;
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
            ("Created", created_at(info.creation_time)),
            ("Version", text(&info.version)),
        ])
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "ChannelInfo": self.0 })
    }
}

/// A `CreationTime` as UTC, or `-` when the service sent none (or nonsense).
pub(super) fn created_at(creation_time: Option<f64>) -> String {
    creation_time.filter(|t| t.is_finite() && *t >= 0.0).map(|t| utc(t as u64)).unwrap_or_else(|| "-".into())
}

struct Deleted {
    name: String,
    arn: ChannelArn,
}

impl Render for Deleted {
    fn text(&self, _: &Output) -> String {
        format!("deleted channel {}\n{}", self.name, self.arn)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "ChannelARN": self.arn, "Deleted": true })
    }
}

async fn delete(ctx: &AwsContext, channel: &ChannelRef) -> Result<Deleted> {
    let info = api::describe_channel(ctx, channel).await?.body;
    let arn = info
        .channel_arn
        .ok_or_else(|| Error::network("DescribeSignalingChannel answered without ChannelARN"))
        .and_then(|arn| {
            ChannelArn::new(arn).map_err(|e| Error::network(format!("the service returned an unusable ARN: {e}")))
        })?;
    api::delete_channel(ctx, &arn, info.version).await?;
    let mut cache = api::open_cache(ctx)?;
    cache.invalidate(&channel.to_string(), ctx.region.as_str())?;
    cache.invalidate(arn.as_str(), ctx.region.as_str())?;
    Ok(Deleted { name: channel.name().to_string(), arn })
}

struct Listed(Vec<ChannelInfo>);

impl Render for Listed {
    fn text(&self, _: &Output) -> String {
        let mut rows = table::Table::new(&["NAME", "STATUS", "TTL", "CREATED", "ARN"]);
        for info in &self.0 {
            rows.row(vec![
                info.channel_name.clone().unwrap_or_default(),
                info.channel_status.clone().unwrap_or_default(),
                info.single_master_configuration
                    .and_then(|c| c.message_ttl_seconds)
                    .map(|s| format!("{s}s"))
                    .unwrap_or_default(),
                created_at(info.creation_time),
                info.channel_arn.clone().unwrap_or_default(),
            ]);
        }
        rows.render()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "ChannelInfoList": self.0 })
    }
}
