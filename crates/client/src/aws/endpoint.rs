//! Where the control plane is: `--endpoint-url`, then `AWS_ENDPOINT_URL_KINESIS_VIDEO`, then
//! `AWS_ENDPOINT_URL` (the AWS SDKs' convention), else the regional default.

use crate::error::{Error, Result};
use kvs_core::names::Region;

/// Where an endpoint came from, for messages and `doctor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointSource {
    Flag,
    ServiceEnv,
    GlobalEnv,
    RegionalDefault,
}

impl EndpointSource {
    pub fn describe(self) -> &'static str {
        match self {
            EndpointSource::Flag => "from --endpoint-url",
            EndpointSource::ServiceEnv => "from AWS_ENDPOINT_URL_KINESIS_VIDEO",
            EndpointSource::GlobalEnv => "from AWS_ENDPOINT_URL",
            EndpointSource::RegionalDefault => "the regional default",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ControlPlane {
    /// The base URL with no trailing slash.
    pub url: String,
    pub source: EndpointSource,
}

/// Resolves the control-plane URL from the flag and an environment lookup (injected for tests).
pub fn resolve(flag: Option<&str>, region: &Region, env: impl Fn(&str) -> Option<String>) -> Result<ControlPlane> {
    let non_empty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let (url, source) = if let Some(url) = flag {
        (url.to_string(), EndpointSource::Flag)
    } else if let Some(url) = non_empty(env("AWS_ENDPOINT_URL_KINESIS_VIDEO")) {
        (url, EndpointSource::ServiceEnv)
    } else if let Some(url) = non_empty(env("AWS_ENDPOINT_URL")) {
        (url, EndpointSource::GlobalEnv)
    } else {
        (kvs_core::endpoint::control_plane_url(region), EndpointSource::RegionalDefault)
    };
    Ok(ControlPlane { url: validate_base_url(&url)?, source })
}

/// Checks that a URL is `http(s)://host[:port][/path]` and returns it without a trailing slash.
pub fn validate_base_url(url: &str) -> Result<String> {
    let parsed: http::Uri = url
        .parse()
        .map_err(|_| Error::input(format!("invalid endpoint URL \"{url}\": expected http(s)://host[:port]")))?;
    match parsed.scheme_str() {
        Some("http" | "https") if parsed.authority().is_some() => Ok(url.trim_end_matches('/').to_string()),
        _ => Err(Error::input(format!("invalid endpoint URL \"{url}\": expected http(s)://host[:port]"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    fn region(name: &str) -> Region {
        Region::new(name).unwrap()
    }

    #[test]
    fn precedence() {
        let both = env_of(&[("AWS_ENDPOINT_URL_KINESIS_VIDEO", "http://svc:1"), ("AWS_ENDPOINT_URL", "http://all:2")]);
        assert_eq!(resolve(Some("http://flag:3/"), &region("us-west-2"), &both).unwrap().url, "http://flag:3");
        assert_eq!(resolve(None, &region("us-west-2"), &both).unwrap().source, EndpointSource::ServiceEnv);
        let global = env_of(&[("AWS_ENDPOINT_URL", "http://all:2")]);
        assert_eq!(resolve(None, &region("us-west-2"), &global).unwrap().url, "http://all:2");
        let none = env_of(&[]);
        assert_eq!(
            resolve(None, &region("eu-west-1"), &none).unwrap().url,
            "https://kinesisvideo.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            resolve(None, &region("cn-north-1"), &none).unwrap().url,
            "https://kinesisvideo.cn-north-1.amazonaws.com.cn"
        );
    }

    #[test]
    fn rejects_non_http() {
        assert!(resolve(Some("ftp://x"), &region("us-west-2"), env_of(&[])).is_err());
        assert!(resolve(Some("not a url"), &region("us-west-2"), env_of(&[])).is_err());
    }
}
