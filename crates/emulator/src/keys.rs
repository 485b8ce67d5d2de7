//! The key pairs the emulator accepts. With none given it accepts one well-known test pair and prints it.

use crate::error::{Error, Result};

pub const DEFAULT_ACCESS_KEY_ID: &str = "AKIDKVSESPEMULATOR";
pub const DEFAULT_SECRET_ACCESS_KEY: &str = "kvs-esp-emulator-secret-key-not-for-aws";

#[derive(Debug, Clone)]
pub struct KeyPair {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// When set, requests must carry exactly this `X-Amz-Security-Token`.
    pub session_token: Option<String>,
    /// From this Unix second on, requests signed with the key get `ExpiredTokenException` (0: from the start).
    pub expires_at: Option<u64>,
    /// Authenticated but not authorized: every operation gets `AccessDeniedException`.
    pub denied: bool,
}

#[derive(Clone, Copy)]
enum Standing {
    Valid,
    Expired,
    Denied,
}

impl KeyPair {
    pub fn expired_at(&self, now: u64) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }
}

/// `AKID:SECRET[:TOKEN][@EXPIRATION]`, EXPIRATION in Unix seconds.
fn parse(spec: &str, standing: Standing) -> Result<KeyPair> {
    let (spec, expires_at) = match spec.rsplit_once('@') {
        Some((pair, at)) if !at.is_empty() && at.bytes().all(|b| b.is_ascii_digit()) => {
            let at = at.parse().map_err(|_| Error::input(format!("invalid expiration \"{at}\": Unix seconds")))?;
            (pair, Some(at))
        }
        _ => (spec, None),
    };
    let mut parts = spec.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(akid), Some(secret), token) if !akid.is_empty() && !secret.is_empty() => Ok(KeyPair {
            access_key_id: akid.into(),
            secret_access_key: secret.into(),
            session_token: token.filter(|t| !t.is_empty()).map(Into::into),
            expires_at: if matches!(standing, Standing::Expired) { Some(0) } else { expires_at },
            denied: matches!(standing, Standing::Denied),
        }),
        _ => Err(Error::input(format!(
            "invalid key pair \"{}\": write ACCESS_KEY_ID:SECRET[:SESSION_TOKEN][@EXPIRATION]",
            spec.split(':').next().unwrap_or("")
        ))),
    }
}

/// The accepted keys from `--key`, `--expired-key` and `--denied-key`; the default pair when no `--key` is given.
/// The key pairs of the configuration: the accepted ones (or the default pair), then the expired and the denied.
pub fn from_specs(keys: &[String], expired: &[String], denied: &[String]) -> Result<Vec<KeyPair>> {
    let mut pairs: Vec<KeyPair> = keys.iter().map(|k| parse(k, Standing::Valid)).collect::<Result<_>>()?;
    if pairs.is_empty() {
        pairs.push(KeyPair {
            access_key_id: DEFAULT_ACCESS_KEY_ID.into(),
            secret_access_key: DEFAULT_SECRET_ACCESS_KEY.into(),
            session_token: None,
            expires_at: None,
            denied: false,
        });
    }
    for spec in expired {
        pairs.push(parse(spec, Standing::Expired)?);
    }
    for spec in denied {
        pairs.push(parse(spec, Standing::Denied)?);
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let pairs = from_specs(&["A:B:T".into()], &["X:Y".into()], &["D:E".into()]).unwrap();
        assert_eq!(pairs[0].session_token.as_deref(), Some("T"));
        assert!(pairs[1].expired_at(0) && !pairs[1].denied);
        assert!(!pairs[0].expired_at(u64::MAX));
        let expiring = &from_specs(&["K:S:T@1795620000".into()], &[], &[]).unwrap()[0];
        assert_eq!((expiring.session_token.as_deref(), expiring.expires_at), (Some("T"), Some(1_795_620_000)));
        assert!(!expiring.expired_at(1_795_619_999) && expiring.expired_at(1_795_620_000));
        assert!(pairs[2].denied);
        assert_eq!(from_specs(&[], &[], &[]).unwrap()[0].access_key_id, DEFAULT_ACCESS_KEY_ID);
        assert!(from_specs(&["nocolon".into()], &[], &[]).is_err());
        assert!(from_specs(&[":secret".into()], &[], &[]).is_err());
    }
}
