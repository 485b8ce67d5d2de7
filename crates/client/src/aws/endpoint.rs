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

/// Checks that a URL is `http(s)://host[:port][/path]` and returns it without a trailing slash. The host must be
/// a DNS name, an IPv4 address or a bracketed IPv6 address (no zone id), the port 1–65535; a path is kept (calls
/// go below it), a query, a fragment or credentials in the URL are refused rather than dropped.
pub fn validate_base_url(url: &str) -> Result<String> {
    let invalid = |why: &str| {
        Error::input(format!("invalid endpoint URL \"{url}\": {why}"))
            .with_hint("write it as http(s)://host[:port][/path], e.g. http://127.0.0.1:8480")
    };
    let parsed: http::Uri = url.parse().map_err(|_| invalid("expected http(s)://host[:port]"))?;
    if !matches!(parsed.scheme_str(), Some("http" | "https")) {
        return Err(invalid("the scheme must be http or https"));
    }
    let authority = parsed.authority().ok_or_else(|| invalid("expected http(s)://host[:port]"))?;
    if authority.as_str().contains('@') {
        return Err(invalid("credentials do not belong in the URL"));
    }
    if parsed.query().is_some() || url.contains('#') {
        return Err(invalid("a query or fragment would be dropped; leave it out"));
    }
    let host = authority.host();
    check_host(host).map_err(|why| invalid(&why))?;
    let after_host = authority.as_str().rsplit_once(host).map_or("", |(_, rest)| rest);
    if let Some(port) = after_host.strip_prefix(':')
        && !matches!(port.parse::<u16>(), Ok(1..))
    {
        return Err(invalid(&format!("the port \"{port}\" is not 1–65535")));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// A DNS name, an IPv4 address, or an IPv6 address in brackets without a zone id.
fn check_host(host: &str) -> std::result::Result<(), String> {
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or("an IPv6 address needs its closing bracket")?;
        if inner.contains('%') {
            return Err("an IPv6 zone id is not supported; use an address without %zone".into());
        }
        return inner.parse::<std::net::Ipv6Addr>().map(drop).map_err(|_| format!("{host} is not an IPv6 address"));
    }
    if !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return host.parse::<std::net::Ipv4Addr>().map(drop).map_err(|_| format!("{host} is not an IPv4 address"));
    }
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if host.len() <= 253 && host.trim_end_matches('.').split('.').all(label_ok) {
        Ok(())
    } else {
        Err(format!("{host} is not a valid host name"))
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

    #[test]
    fn refuses_what_it_would_otherwise_send_somewhere_else() {
        for url in [
            "http://127.0.0.1:99999",
            "http://127.0.0.1:0",
            "http://127.0.0.1:",
            "http://256.256.256.256",
            "http://[::zz]:1",
            "http://[fe80::1%25eth0]:8480",
            "http://host_name:80",
            "http://-bad.example",
            "http://user:pw@example.com",
            "http://example.com/?x=1",
            "http://example.com/#top",
        ] {
            assert!(validate_base_url(url).is_err(), "{url} must be refused");
        }
        for url in [
            "http://127.0.0.1:8480/",
            "https://[::1]:8443",
            "https://kinesisvideo.us-west-2.amazonaws.com",
            "http://localhost:1/kvs",
        ] {
            assert!(validate_base_url(url).is_ok(), "{url} is fine");
        }
        assert_eq!(validate_base_url("http://localhost:1/kvs/").unwrap(), "http://localhost:1/kvs");
    }
}
