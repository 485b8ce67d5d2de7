//! Where the KVS control plane of a region is. AWS runs three partitions with their own DNS suffixes; the host
//! and the firmware both build the regional default here, so a device in China is sent where the host is.

use crate::names::Region;
use alloc::format;
use alloc::string::String;

/// An AWS partition: a set of regions with its own DNS suffix and ARN prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    /// The commercial regions (`us-west-2`, `eu-central-1`, …).
    Aws,
    /// The China regions (`cn-north-1`, `cn-northwest-1`).
    AwsCn,
    /// AWS GovCloud (US) (`us-gov-west-1`, `us-gov-east-1`).
    AwsUsGov,
}

impl Partition {
    /// The partition a region belongs to.
    pub fn of(region: &str) -> Partition {
        if region.starts_with("cn-") {
            Partition::AwsCn
        } else if region.starts_with("us-gov-") {
            Partition::AwsUsGov
        } else {
            Partition::Aws
        }
    }

    /// The partition's name in ARNs (`arn:aws-cn:…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }

    /// The domain its service endpoints live under.
    pub fn dns_suffix(self) -> &'static str {
        match self {
            Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
            Partition::AwsCn => "amazonaws.com.cn",
        }
    }
}

/// The regional control-plane endpoint, `https://kinesisvideo.<region>.<partition's suffix>`, without a
/// trailing slash.
pub fn control_plane_url(region: &Region) -> String {
    let region = region.as_str();
    format!("https://kinesisvideo.{region}.{}", Partition::of(region).dns_suffix())
}

/// KVS's regional STUN server, `stun.kinesisvideo.<region>.<suffix>:443`, which the SDKs add to the TURN
/// servers GetIceServerConfig returns.
pub fn stun_server(region: &Region) -> String {
    let region = region.as_str();
    format!("stun.kinesisvideo.{region}.{}:443", Partition::of(region).dns_suffix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_partition_has_its_suffix() {
        let url = |r: &str| control_plane_url(&Region::new(r).unwrap());
        assert_eq!(url("eu-west-1"), "https://kinesisvideo.eu-west-1.amazonaws.com");
        assert_eq!(url("cn-north-1"), "https://kinesisvideo.cn-north-1.amazonaws.com.cn");
        assert_eq!(url("us-gov-west-1"), "https://kinesisvideo.us-gov-west-1.amazonaws.com");
        assert_eq!(stun_server(&Region::new("us-west-2").unwrap()), "stun.kinesisvideo.us-west-2.amazonaws.com:443");
        assert_eq!(Partition::of("cn-northwest-1").as_str(), "aws-cn");
        assert_eq!(Partition::of("us-gov-east-1").as_str(), "aws-us-gov");
        assert_eq!(Partition::of("ap-south-1").as_str(), "aws");
    }
}
