//! The flags of `stream` and `channel storage`: WebRTC ingestion's streams and a channel's media storage.

use super::{parse_channel, parse_tag};
use clap::Subcommand;
use kvs_core::names::{ChannelRef, StreamRef, Tag};

#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// Record the channel's media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream
    /// must keep data (a retention above 0) and record no other channel.
    Enable {
        /// Channel name or ARN.
        #[arg(value_parser = parse_channel)]
        channel: ChannelRef,

        /// The stream, by name or ARN (`kvs-esp stream create` makes one).
        #[arg(long, value_parser = parse_stream)]
        stream: StreamRef,
    },

    /// Stop recording the channel's media (UpdateMediaStorageConfiguration, Status DISABLED).
    Disable {
        /// Channel name or ARN.
        #[arg(value_parser = parse_channel)]
        channel: ChannelRef,
    },

    /// Show whether the channel's media is recorded, and into which stream (DescribeMediaStorageConfiguration).
    Describe {
        /// Channel name or ARN.
        #[arg(value_parser = parse_channel)]
        channel: ChannelRef,
    },
}

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// Create a stream (CreateStream).
    Create {
        /// Stream name: 1–256 of A–Z a–z 0–9 _ . -
        name: String,

        /// Hours the stream keeps its media. 0 keeps nothing, and a stream that keeps nothing cannot record a
        /// channel (the service's default is 0; this command's is 24).
        #[arg(long, value_name = "HOURS", default_value_t = 24)]
        retention_hours: u32,

        /// The media type the stream is told to expect, e.g. video/h264 (a hint for players; the service does
        /// not check the media against it).
        #[arg(long, value_name = "TYPE/SUBTYPE")]
        media_type: Option<String>,

        /// The device that writes to the stream: 1–128 of A–Z a–z 0–9 _ . -
        #[arg(long, value_name = "NAME")]
        device_name: Option<String>,

        /// The KMS key that encrypts the stored media [default: the account's aws/kinesisvideo key].
        #[arg(long, value_name = "KEY-ID")]
        kms_key_id: Option<String>,

        /// A tag KEY=VALUE; repeat for more (at most 50).
        #[arg(long = "tag", value_name = "KEY=VALUE", value_parser = parse_tag)]
        tags: Vec<Tag>,
    },

    /// Show a stream's ARN, status, retention and version (DescribeStream).
    Describe {
        /// Stream name or ARN.
        #[arg(value_parser = parse_stream)]
        stream: StreamRef,
    },

    /// Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded
    /// into it can no longer join its storage session.
    Delete {
        /// Stream name or ARN.
        #[arg(value_parser = parse_stream)]
        stream: StreamRef,
    },

    /// List streams, following every page (ListStreams).
    List {
        /// Only streams whose name begins with this.
        #[arg(long, value_name = "PREFIX")]
        prefix: Option<String>,

        /// Streams asked for per ListStreams call (1–10000).
        #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(i64).range(1..=10_000))]
        page_size: i64,
    },
}

fn parse_stream(text: &str) -> Result<StreamRef, String> {
    text.parse::<StreamRef>().map_err(|e| e.to_string())
}
