//! The endpoint-cache record shared by the host (one JSON file) and the device (NVS). Describe and
//! GetSignalingChannelEndpoint results are reused for [`ENDPOINT_CACHE_TTL_SECS`], as the C SDK does, and
//! dropped as soon as a call about the channel answers 404.

use crate::names::{ChannelArn, Region, Role};
use crate::signaling::Endpoints;
use alloc::string::String;
use serde::{Deserialize, Serialize};

/// The C SDK's default caching period: 10 hours.
pub const ENDPOINT_CACHE_TTL_SECS: u64 = 10 * 3600;

/// One cached (channel, region, role) → endpoints entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointCacheEntry {
    pub channel: String,
    pub region: String,
    pub role: Role,
    pub channel_arn: String,
    pub wss_endpoint: String,
    pub https_endpoint: String,
    /// The endpoint (control plane) the entry was fetched from, so that emulator and AWS entries never mix.
    pub control_plane: String,
    pub fetched_at: u64,
}

impl EndpointCacheEntry {
    /// The entry for a channel's endpoints, as the machine found them, fetched at `now` (Unix seconds).
    pub fn new(
        channel: String,
        region: &Region,
        role: Role,
        endpoints: &Endpoints,
        control_plane: String,
        now: u64,
    ) -> EndpointCacheEntry {
        EndpointCacheEntry {
            channel,
            region: String::from(region.as_str()),
            role,
            channel_arn: String::from(endpoints.channel_arn.as_str()),
            wss_endpoint: endpoints.wss.clone(),
            https_endpoint: endpoints.https.clone(),
            control_plane,
            fetched_at: now,
        }
    }

    /// The endpoints to hand the machine; `None` for an entry whose ARN is not valid (a damaged store).
    pub fn endpoints(&self) -> Option<Endpoints> {
        Some(Endpoints {
            channel_arn: ChannelArn::new(self.channel_arn.clone()).ok()?,
            wss: self.wss_endpoint.clone(),
            https: self.https_endpoint.clone(),
        })
    }

    pub fn is_fresh(&self, now: u64) -> bool {
        now >= self.fetched_at && now - self.fetched_at < ENDPOINT_CACHE_TTL_SECS
    }

    pub fn expires_at(&self) -> u64 {
        self.fetched_at + ENDPOINT_CACHE_TTL_SECS
    }

    pub fn matches(&self, channel: &str, region: &str, role: Role, control_plane: &str) -> bool {
        (self.channel == channel || self.channel_arn == channel)
            && self.region == region
            && self.role == role
            && self.control_plane == control_plane
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness() {
        let entry = EndpointCacheEntry {
            channel: "demo".into(),
            region: "us-west-2".into(),
            role: Role::Master,
            channel_arn: "arn".into(),
            wss_endpoint: "wss://x".into(),
            https_endpoint: "https://x".into(),
            control_plane: "https://cp".into(),
            fetched_at: 1000,
        };
        assert!(entry.is_fresh(1000));
        assert!(entry.is_fresh(1000 + ENDPOINT_CACHE_TTL_SECS - 1));
        assert!(!entry.is_fresh(1000 + ENDPOINT_CACHE_TTL_SECS));
        assert!(!entry.is_fresh(999));
        assert!(entry.matches("demo", "us-west-2", Role::Master, "https://cp"));
        assert!(entry.matches("arn", "us-west-2", Role::Master, "https://cp"));
        assert!(!entry.matches("demo", "us-west-2", Role::Viewer, "https://cp"));
    }
}
