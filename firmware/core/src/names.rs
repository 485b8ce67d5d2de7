//! Validated names. Every value that reaches the wire passes through one of these types, so bad input is
//! refused with a precise reason before anything is signed or sent — by the CLI, the firmware and the
//! emulator alike (the emulator uses the same checks to answer `InvalidArgumentException`).

use alloc::string::{String, ToString};
use core::fmt;
use serde::{Deserialize, Serialize};

/// Why a value was refused. The `Display` form names the field, quotes the value and states the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidName {
    pub field: &'static str,
    pub value: String,
    pub rule: &'static str,
}

impl fmt::Display for InvalidName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 80;
        let shown: String = self.value.chars().take(SHOWN).collect();
        let ellipsis = if self.value.chars().count() > SHOWN { "…" } else { "" };
        write!(f, "invalid {} \"{shown}{ellipsis}\": {}", self.field, self.rule)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for InvalidName {}

fn invalid(field: &'static str, value: &str, rule: &'static str) -> InvalidName {
    InvalidName { field, value: value.to_string(), rule }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn check_name_like(field: &'static str, value: &str, max: usize, rule: &'static str) -> Result<(), InvalidName> {
    if value.is_empty() || value.len() > max || !value.chars().all(is_name_char) {
        return Err(invalid(field, value, rule));
    }
    Ok(())
}

macro_rules! validated_string {
    ($(#[$doc:meta])* $name:ident, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Result<Self, InvalidName> {
                let value = value.into();
                $check(&value)?;
                Ok(Self(value))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidName;
            fn try_from(value: String) -> Result<Self, InvalidName> {
                Self::new(value)
            }
        }

        impl core::str::FromStr for $name {
            type Err = InvalidName;
            fn from_str(value: &str) -> Result<Self, InvalidName> {
                Self::new(value)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

fn check_channel_name(value: &str) -> Result<(), InvalidName> {
    check_name_like("channel name", value, 256, "use 1–256 characters from A–Z, a–z, 0–9, '_', '.' and '-'")
}

fn check_client_id(value: &str) -> Result<(), InvalidName> {
    check_name_like("client id", value, 256, "use 1–256 characters from A–Z, a–z, 0–9, '_', '.' and '-'")?;
    if value.len() >= 4 && value[..4].eq_ignore_ascii_case("AWS_") {
        return Err(invalid("client id", value, "the prefix AWS_ is reserved for AWS services"));
    }
    Ok(())
}

fn check_region(value: &str) -> Result<(), InvalidName> {
    let parts_ok = value.split('-').count() >= 3
        && value.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if value.len() > 32 || !parts_ok || !value.ends_with(|c: char| c.is_ascii_digit()) {
        return Err(invalid("region", value, "expected a region code such as us-west-2 or eu-central-1"));
    }
    Ok(())
}

fn check_stream_name(value: &str) -> Result<(), InvalidName> {
    check_name_like("stream name", value, 256, "use 1–256 characters from A–Z, a–z, 0–9, '_', '.' and '-'")
}

fn check_device_name(value: &str) -> Result<(), InvalidName> {
    check_name_like("device name", value, 128, "use 1–128 characters from A–Z, a–z, 0–9, '_', '.' and '-'")
}

fn check_channel_arn(value: &str) -> Result<(), InvalidName> {
    check_arn(
        "channel ARN",
        "expected arn:aws:kinesisvideo:<region>:<account id>:channel/<name>/<creation time>",
        value,
    )
}

fn check_stream_arn(value: &str) -> Result<(), InvalidName> {
    check_arn("stream ARN", "expected arn:aws:kinesisvideo:<region>:<account id>:stream/<name>/<creation time>", value)
}

/// Checks `arn:<partition>:kinesisvideo:<region>:<account>:<type>/<name>/<digits>` (the service model's pattern,
/// which does not fix the type: a stream's ARN where a channel's is expected is the service's to refuse).
fn check_arn(field: &'static str, rule: &'static str, value: &str) -> Result<(), InvalidName> {
    let bad = || invalid(field, value, rule);
    if value.is_empty() || value.len() > 1024 {
        return Err(bad());
    }
    let mut fields = value.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("kinesisvideo"), Some(region), Some(account), Some(resource)) =
        (fields.next(), fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(bad());
    };
    let partition_ok =
        !partition.is_empty() && partition.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let region_ok =
        !region.is_empty() && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let account_ok = !account.is_empty() && account.chars().all(|c| c.is_ascii_digit());
    let mut parts = resource.splitn(3, '/');
    let (Some(kind), Some(name), Some(stamp)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let kind_ok = !kind.is_empty() && kind.chars().all(|c| c.is_ascii_lowercase());
    let name_ok = !name.is_empty() && name.chars().all(is_name_char);
    let stamp_ok = !stamp.is_empty() && stamp.chars().all(|c| c.is_ascii_digit());
    if partition_ok && region_ok && account_ok && kind_ok && name_ok && stamp_ok { Ok(()) } else { Err(bad()) }
}

fn check_correlation_id(value: &str) -> Result<(), InvalidName> {
    check_name_like("correlation id", value, 256, "use 1–256 characters from A–Z, a–z, 0–9, '_', '.' and '-'")
}

validated_string!(
    /// A signaling channel name: 1–256 of `[a-zA-Z0-9_.-]`, unique per account and region.
    ChannelName,
    check_channel_name
);
validated_string!(
    /// A signaling channel ARN, `arn:aws:kinesisvideo:<region>:<account>:channel/<name>/<epoch ms>`.
    ChannelArn,
    check_channel_arn
);
validated_string!(
    /// A Kinesis video stream name: 1–256 of `[a-zA-Z0-9_.-]`, unique per account and region.
    StreamName,
    check_stream_name
);
validated_string!(
    /// A Kinesis video stream ARN, `arn:aws:kinesisvideo:<region>:<account>:stream/<name>/<epoch ms>`.
    StreamArn,
    check_stream_arn
);
validated_string!(
    /// The device a stream's media comes from: 1–128 of `[a-zA-Z0-9_.-]`.
    DeviceName,
    check_device_name
);
validated_string!(
    /// A signaling client id: 1–256 of `[a-zA-Z0-9_.-]`, never starting with `AWS_` (any case).
    ClientId,
    check_client_id
);
validated_string!(
    /// An AWS region code such as `us-west-2`.
    Region,
    check_region
);
validated_string!(
    /// A WebSocket message correlation id: 1–256 of `[a-zA-Z0-9_.-]`.
    CorrelationId,
    check_correlation_id
);

impl ChannelArn {
    /// The region embedded in the ARN, which is the region every call about the channel must be signed for.
    pub fn region(&self) -> &str {
        self.0.split(':').nth(3).unwrap_or_default()
    }

    /// The channel name embedded in the ARN.
    pub fn channel_name(&self) -> &str {
        self.resource_name()
    }
}

/// An ARN of a named KVS resource, which carries the resource's name.
pub trait Arn {
    /// The name embedded in the ARN (`…:channel/<name>/…`).
    fn resource_name(&self) -> &str;
}

fn embedded_name(arn: &str) -> &str {
    arn.split(':').nth(5).and_then(|r| r.split('/').nth(1)).unwrap_or_default()
}

impl Arn for ChannelArn {
    fn resource_name(&self) -> &str {
        embedded_name(&self.0)
    }
}

impl Arn for StreamArn {
    fn resource_name(&self) -> &str {
        embedded_name(&self.0)
    }
}

/// A resource as the user names it: by name, or by ARN (anything starting with `arn:`). The API calls take either.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResourceRef<N, A> {
    Name(N),
    Arn(A),
}

/// A signaling channel by name or ARN.
pub type ChannelRef = ResourceRef<ChannelName, ChannelArn>;
/// A Kinesis video stream by name or ARN.
pub type StreamRef = ResourceRef<StreamName, StreamArn>;

impl<N: AsRef<str>, A: Arn> ResourceRef<N, A> {
    /// The name as given, or the name embedded in the ARN.
    pub fn name(&self) -> &str {
        match self {
            ResourceRef::Name(name) => name.as_ref(),
            ResourceRef::Arn(arn) => arn.resource_name(),
        }
    }
}

impl<N, A> core::str::FromStr for ResourceRef<N, A>
where
    N: core::str::FromStr<Err = InvalidName>,
    A: core::str::FromStr<Err = InvalidName>,
{
    type Err = InvalidName;
    fn from_str(value: &str) -> Result<Self, InvalidName> {
        if value.starts_with("arn:") {
            value.parse().map(ResourceRef::Arn)
        } else {
            value.parse().map(ResourceRef::Name)
        }
    }
}

impl<N: fmt::Display, A: fmt::Display> fmt::Display for ResourceRef<N, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceRef::Name(name) => name.fmt(f),
            ResourceRef::Arn(arn) => arn.fmt(f),
        }
    }
}

/// The signaling role, in the API's spelling (`MASTER`, `VIEWER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Role {
    Master,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Master => "MASTER",
            Role::Viewer => "VIEWER",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How long undelivered messages wait for their recipient: 5–120 seconds (the service default is 60).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u16")]
pub struct MessageTtl(u16);

impl MessageTtl {
    pub const DEFAULT: MessageTtl = MessageTtl(60);

    pub fn new(seconds: i64) -> Result<Self, InvalidName> {
        match u16::try_from(seconds) {
            Ok(s) if (5..=120).contains(&s) => Ok(MessageTtl(s)),
            _ => Err(InvalidName {
                field: "message TTL",
                value: seconds.to_string(),
                rule: "must be between 5 and 120 seconds",
            }),
        }
    }

    pub fn seconds(self) -> u16 {
        self.0
    }
}

impl TryFrom<i64> for MessageTtl {
    type Error = InvalidName;
    fn try_from(value: i64) -> Result<Self, InvalidName> {
        Self::new(value)
    }
}

impl From<MessageTtl> for u16 {
    fn from(value: MessageTtl) -> u16 {
        value.0
    }
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || (c.is_whitespace() && !c.is_control())
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

/// A resource tag. Keys are 1–128 characters, values 0–256, both from letters, digits, spaces and `_.:/=+-@`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTag", into = "RawTag")]
pub struct Tag {
    key: String,
    value: String,
}

/// The wire form of [`Tag`], before validation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RawTag {
    pub key: String,
    /// Required, as in the service's model (it may be empty).
    pub value: String,
}

impl Tag {
    /// Up to this many tags may be attached to one resource.
    pub const MAX_PER_RESOURCE: usize = 50;

    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Result<Self, InvalidName> {
        let (key, value) = (key.into(), value.into());
        check_tag_key(&key)?;
        let value_len = value.chars().count();
        if value_len > 256 || !value.chars().all(is_tag_char) {
            return Err(invalid("tag value", &value, "use at most 256 letters, digits, spaces and _.:/=+-@"));
        }
        Ok(Tag { key, value })
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn value(&self) -> &str {
        &self.value
    }
}

/// Checks a tag key on its own, as `UntagResource` receives them.
pub fn check_tag_key(key: &str) -> Result<(), InvalidName> {
    let len = key.chars().count();
    if !(1..=128).contains(&len) || !key.chars().all(is_tag_char) {
        return Err(invalid("tag key", key, "use 1–128 letters, digits, spaces and _.:/=+-@"));
    }
    Ok(())
}

impl TryFrom<RawTag> for Tag {
    type Error = InvalidName;
    fn try_from(raw: RawTag) -> Result<Self, InvalidName> {
        Tag::new(raw.key, raw.value)
    }
}

impl From<Tag> for RawTag {
    fn from(tag: Tag) -> RawTag {
        RawTag { key: tag.key, value: tag.value }
    }
}

impl core::str::FromStr for Tag {
    type Err = InvalidName;
    /// Parses the CLI form `KEY=VALUE` (the value may be empty; the first `=` splits).
    fn from_str(text: &str) -> Result<Self, InvalidName> {
        match text.split_once('=') {
            Some((key, value)) => Tag::new(key, value),
            None => Err(invalid("tag", text, "write tags as KEY=VALUE")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn channel_names() {
        assert!(ChannelName::new("demo-1_a.b").is_ok());
        assert!(ChannelName::new("").is_err());
        assert!(ChannelName::new("has space").is_err());
        assert!(ChannelName::new("a".repeat(256)).is_ok());
        assert!(ChannelName::new("a".repeat(257)).is_err());
        let err = ChannelName::new("bad/name").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid channel name \"bad/name\": use 1–256 characters from A–Z, a–z, 0–9, '_', '.' and '-'"
        );
    }

    #[test]
    fn client_ids_refuse_reserved_prefix() {
        assert!(ClientId::new("viewer-1").is_ok());
        assert!(ClientId::new("AWS_viewer").is_err());
        assert!(ClientId::new("aws_viewer").is_err());
        assert!(ClientId::new("AWSviewer").is_ok());
        assert!(ClientId::new("a b").is_err());
    }

    #[test]
    fn arns() {
        let arn = ChannelArn::new("arn:aws:kinesisvideo:us-west-2:123456789012:channel/demo/1700000000000").unwrap();
        assert_eq!(arn.region(), "us-west-2");
        assert_eq!(arn.channel_name(), "demo");
        assert!(ChannelArn::new("arn:aws:kinesisvideo:us-west-2:123456789012:channel/demo").is_err());
        assert!(ChannelArn::new("arn:aws:s3:us-west-2:123456789012:channel/demo/1").is_err());
        assert!(ChannelArn::new("arn:aws:kinesisvideo:us-west-2:12345678901x:channel/demo/1").is_err());
        assert!(ChannelArn::new("not an arn").is_err());
        assert!("arn:aws:kinesisvideo:x".parse::<ChannelRef>().is_err());
        assert_eq!("demo".parse::<ChannelRef>().unwrap().name(), "demo");
        let stream: StreamRef = "arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam/1700000000000".parse().unwrap();
        assert_eq!(stream.name(), "cam");
        assert_eq!(
            StreamArn::new("arn:aws:kinesisvideo:x").unwrap_err().to_string(),
            "invalid stream ARN \"arn:aws:kinesisvideo:x\": expected \
             arn:aws:kinesisvideo:<region>:<account id>:stream/<name>/<creation time>"
        );
        assert!(StreamName::new("cam 1").is_err());
    }

    #[test]
    fn regions() {
        assert!(Region::new("us-west-2").is_ok());
        assert!(Region::new("cn-north-1").is_ok());
        assert!(Region::new("us-gov-east-1").is_ok());
        assert!(Region::new("US-WEST-2").is_err());
        assert!(Region::new("uswest2").is_err());
        assert!(Region::new("").is_err());
    }

    #[test]
    fn ttl_bounds() {
        assert!(MessageTtl::new(4).is_err());
        assert!(MessageTtl::new(5).is_ok());
        assert!(MessageTtl::new(120).is_ok());
        assert!(MessageTtl::new(121).is_err());
        assert!(MessageTtl::new(-1).is_err());
    }

    #[test]
    fn tags() {
        let tag: Tag = "team=video streaming".parse().unwrap();
        assert_eq!((tag.key(), tag.value()), ("team", "video streaming"));
        assert!("novalue".parse::<Tag>().is_err());
        assert!("=v".parse::<Tag>().is_err());
        assert!("k=".parse::<Tag>().is_ok());
        assert!(Tag::new("k", "v\u{0}").is_err());
        assert!(Tag::new("k".repeat(129), "v").is_err());
        assert!(Tag::new("ключ", "значение").is_ok());
    }
}
