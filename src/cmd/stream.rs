//! `kvs-esp stream create|describe|delete|list`: the Kinesis video streams a channel's media is recorded into.

use super::channel::created_at;
use crate::cli::StreamCommand;
use crate::output::{Output, Render, table};
use kvs_client::aws::AwsContext;
use kvs_client::{Error, Result, api};
use kvs_core::api::{CreateStreamRequest, StreamInfo};
use kvs_core::names::{DeviceName, StreamArn, StreamName, Tag};

pub async fn run(ctx: &AwsContext, command: StreamCommand, out: Output) -> Result<()> {
    match command {
        StreamCommand::Create { name, retention_hours, media_type, device_name, kms_key_id, tags } => {
            if tags.len() > Tag::MAX_PER_RESOURCE {
                return Err(Error::input(format!(
                    "{} tags given; a stream takes at most {}",
                    tags.len(),
                    Tag::MAX_PER_RESOURCE
                )));
            }
            let request = CreateStreamRequest {
                stream_name: StreamName::new(name)?,
                device_name: device_name.map(DeviceName::new).transpose()?,
                media_type,
                kms_key_id,
                data_retention_in_hours: Some(retention_hours),
                tags: (!tags.is_empty())
                    .then(|| tags.into_iter().map(|t| (t.key().to_string(), t.value().to_string())).collect()),
            };
            let reply = api::storage::create_stream(ctx, &request).await?;
            out.report(&Created {
                name: request.stream_name,
                arn: reply.body.stream_arn.unwrap_or_default(),
                retention_hours,
            });
        }
        StreamCommand::Describe { stream } => {
            out.report(&Described(api::storage::describe_stream(ctx, &stream).await?.body))
        }
        StreamCommand::Delete { stream } => {
            let arn = api::storage::delete_stream(ctx, &stream).await?;
            out.report(&Deleted(arn));
        }
        StreamCommand::List { prefix, page_size } => {
            let streams = api::storage::list_streams(ctx, prefix.map(StreamName::new).transpose()?, page_size).await?;
            if streams.is_empty() && !out.is_json() {
                out.note("no streams");
                return Ok(());
            }
            out.report(&Listed(streams));
        }
    }
    Ok(())
}

struct Created {
    name: StreamName,
    arn: String,
    retention_hours: u32,
}

impl Render for Created {
    fn text(&self, _: &Output) -> String {
        let keeps = match self.retention_hours {
            0 => "keeps no media: it cannot record a channel".to_string(),
            hours => format!("keeps media for {hours} h"),
        };
        format!("created stream {} ({keeps})\n{}", self.name, self.arn)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "StreamARN": self.arn })
    }
}

fn retention(info: &StreamInfo) -> String {
    info.data_retention_in_hours.map(|h| format!("{h} h")).unwrap_or_else(|| "-".into())
}

struct Described(StreamInfo);

impl Render for Described {
    fn text(&self, _: &Output) -> String {
        let info = &self.0;
        let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        table::key_values(&[
            ("Name", text(&info.stream_name)),
            ("ARN", text(&info.stream_arn)),
            ("Status", text(&info.status)),
            ("Retention", retention(info)),
            ("Media type", text(&info.media_type)),
            ("Device", text(&info.device_name)),
            ("KMS key", text(&info.kms_key_id)),
            ("Created", created_at(info.creation_time)),
            ("Version", text(&info.version)),
        ])
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "StreamInfo": self.0 })
    }
}

struct Deleted(StreamArn);

impl Render for Deleted {
    fn text(&self, _: &Output) -> String {
        use kvs_core::names::Arn;
        format!("deleted stream {}\n{}", self.0.resource_name(), self.0)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "StreamARN": self.0, "Deleted": true })
    }
}

struct Listed(Vec<StreamInfo>);

impl Render for Listed {
    fn text(&self, _: &Output) -> String {
        let mut rows = table::Table::new(&["NAME", "STATUS", "RETENTION", "CREATED", "ARN"]);
        for info in &self.0 {
            rows.row(vec![
                info.stream_name.clone().unwrap_or_default(),
                info.status.clone().unwrap_or_default(),
                retention(info),
                created_at(info.creation_time),
                info.stream_arn.clone().unwrap_or_default(),
            ]);
        }
        rows.render()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "StreamInfoList": self.0 })
    }
}
