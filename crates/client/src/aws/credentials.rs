//! Credentials from aws-config's default chain, fetched once per process and checked for expiry before use.

use crate::error::{Error, Kind, Result};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use std::time::SystemTime;
use tokio::sync::OnceCell;

pub struct CredentialSource {
    provider: Option<SharedCredentialsProvider>,
    profile: Option<String>,
    cached: OnceCell<Credentials>,
}

impl CredentialSource {
    pub fn new(provider: Option<SharedCredentialsProvider>, profile: Option<String>) -> Self {
        CredentialSource { provider, profile, cached: OnceCell::new() }
    }

    /// The credentials to sign with; an error explains where they were looked for and what to do.
    pub async fn get(&self, now: SystemTime) -> Result<&Credentials> {
        let creds = self.cached.get_or_try_init(|| self.fetch()).await?;
        if let Some(expiry) = creds.expiry()
            && expiry <= now
        {
            return Err(Error::new(
                Kind::Auth,
                format!(
                    "the AWS credentials for access key {} (from {}) expired at {}",
                    creds.access_key_id(),
                    provider_name(creds),
                    httpdate::fmt_http_date(expiry)
                ),
            )
            .with_hint("refresh them: `aws sso login`, a new session token, or re-run your credential process"));
        }
        Ok(creds)
    }

    async fn fetch(&self) -> Result<Credentials> {
        let Some(provider) = &self.provider else {
            return Err(self.not_found("no credential provider is configured".into()));
        };
        provider.provide_credentials().await.map_err(|err| {
            use aws_credential_types::provider::error::CredentialsError as E;
            match &err {
                E::CredentialsNotLoaded(_) => self.not_found("no AWS credentials were found".into()),
                _ => Error::new(Kind::Auth, format!("loading AWS credentials failed: {}", crate::error::causes(&err)))
                    .with_hint("check the profile's settings (sso_session, role_arn, credential_process)"),
            }
        })
    }

    fn not_found(&self, what: String) -> Error {
        let place = match &self.profile {
            Some(p) => format!(" for profile \"{p}\""),
            None => String::new(),
        };
        Error::new(Kind::Auth, format!("{what}{place}")).with_hint(
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run `aws configure` or `aws sso login`, or pass --profile; \
             against the emulator use the key pair it prints at start",
        )
    }
}

/// The chain provider that supplied the credentials ("Environment", "ProfileFile", "Sso"…). aws-credential-types
/// exposes it only through `Debug`, so it is read from there.
pub fn provider_name(creds: &Credentials) -> String {
    let debug = format!("{creds:?}");
    debug
        .split("provider_name: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("the default chain")
        .to_string()
}
