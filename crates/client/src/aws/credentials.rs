//! Credentials from aws-config's default chain (or the named profile alone), kept and refreshed before they expire:
//! temporary credentials (SSO, assumed roles, container credentials, a credential_process) typically last an
//! hour, and a signaling session or a monitor answering a device's provisioning can outlive them.

use crate::error::{Error, Kind, Result};
use crate::observer::{Notice, Observer};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::Mutex;

/// Credentials this close to their expiry are fetched again (the AWS SDKs refresh 5 minutes ahead as well).
const REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// Where a context's credentials come from, and the ones last fetched (shared by every call of the context).
pub struct CredentialSource {
    provider: Option<SharedCredentialsProvider>,
    profile: Option<String>,
    cached: Mutex<Option<Credentials>>,
    observer: Arc<dyn Observer>,
}

impl CredentialSource {
    pub fn new(
        provider: Option<SharedCredentialsProvider>,
        profile: Option<String>,
        observer: Arc<dyn Observer>,
    ) -> Self {
        CredentialSource { provider, profile, cached: Mutex::new(None), observer }
    }

    /// The credentials to sign with at `now`: the kept ones, or fresh ones when those expire within
    /// [`REFRESH_BEFORE`]. An error explains where they were looked for and what to do.
    pub async fn get(&self, now: SystemTime) -> Result<Credentials> {
        let mut cached = self.cached.lock().await;
        if let Some(creds) = cached.as_ref()
            && creds.expiry().is_none_or(|expiry| expiry > now + REFRESH_BEFORE)
        {
            return Ok(creds.clone());
        }
        match self.fetch().await {
            Ok(fresh) => {
                self.observer.notice(Notice::Credentials {
                    access_key_id: fresh.access_key_id().to_string(),
                    provider: provider_name(&fresh),
                    expiry: fresh.expiry(),
                });
                *cached = Some(fresh.clone());
                self.unexpired(fresh, now)
            }
            // A refresh that fails while the kept credentials still hold is tried again on the next call.
            Err(err) => match cached.as_ref() {
                Some(kept) if kept.expiry().is_some_and(|expiry| expiry > now) => Ok(kept.clone()),
                _ => Err(err),
            },
        }
    }

    /// Drops the kept credentials, so that the next call asks the provider: it has new ones (a device that was
    /// provisioned again).
    pub async fn forget(&self) {
        *self.cached.lock().await = None;
    }

    fn unexpired(&self, creds: Credentials, now: SystemTime) -> Result<Credentials> {
        match creds.expiry() {
            Some(expiry) if expiry <= now => Err(Error::new(
                Kind::Auth,
                format!(
                    "the AWS credentials for access key {} (from {}) expired at {}",
                    creds.access_key_id(),
                    provider_name(&creds),
                    httpdate::fmt_http_date(expiry)
                ),
            )
            .with_hint("refresh them: `aws sso login`, a new session token, or re-run your credential process")),
            _ => Ok(creds),
        }
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
