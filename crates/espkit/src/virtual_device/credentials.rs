//! The device's credentials while it signals, as the firmware keeps them: the ones it was provisioned with,
//! asked for again before they expire (`ev=provision-prompt reason=expiring`), replaced without dropping the
//! WebSocket when a new line comes, and the end of signaling when they expire first.

use super::TAG;
use super::console::Console;
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, future};
use kvs_client::aws::AwsContext;
use kvs_core::event::{ErrorSite, Event};
use kvs_core::provision::{self, CredentialLifetime, PromptReason, ProvisionError, Provisioning, Renewal};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc;

/// How often the lifetime is looked at.
const TICK: Duration = Duration::from_secs(1);

/// The credentials the device signs with: the provider of its context, replaced when it is provisioned again.
#[derive(Debug, Clone)]
pub struct Provisioned(Arc<RwLock<Credentials>>);

impl Provisioned {
    pub fn new(provisioning: &Provisioning) -> Provisioned {
        Provisioned(Arc::new(RwLock::new(credentials(provisioning))))
    }

    fn replace(&self, provisioning: &Provisioning) {
        if let Ok(mut kept) = self.0.write() {
            *kept = credentials(provisioning);
        }
    }
}

impl ProvideCredentials for Provisioned {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let kept = self.0.read().map(|kept| kept.clone()).map_err(|_| {
            aws_credential_types::provider::error::CredentialsError::unhandled("the provisioned credentials are lost")
        });
        future::ProvideCredentials::ready(kept)
    }
}

fn credentials(provisioning: &Provisioning) -> Credentials {
    Credentials::new(
        provisioning.access_key_id.clone(),
        provisioning.secret_access_key.clone(),
        provisioning.session_token.clone(),
        provisioning.expiration.map(|secs| UNIX_EPOCH + Duration::from_secs(secs)),
        "provisioning",
    )
}

pub fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Keeps the credentials fresh while the device signals: prompts before they expire, takes new lines (the same
/// channel, role and region; Wi-Fi settings stay as they are), and returns when they expire without new ones.
pub async fn until_expired(
    console: &Console,
    lines: &mut mpsc::Receiver<String>,
    provisioning: &Provisioning,
    provider: &Provisioned,
    ctx: &AwsContext,
) {
    let mut lifetime = CredentialLifetime::new(provisioning.expiration, unix_now());
    console.event(&lifetime.provisioned_event(unix_now()));
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            _ = tick.tick() => match lifetime.poll(unix_now()) {
                Some(Renewal::Prompt) => console.event(&Event::ProvisionPrompt {
                    version: provision::VERSION,
                    reason: PromptReason::Expiring,
                }),
                Some(Renewal::Expire) => return,
                None => {}
            },
            line = lines.recv() => match line.map(|line| provision::parse_line(&line)) {
                Some(Ok(renewed)) if renewed.renews(provisioning) => {
                    provider.replace(&renewed);
                    ctx.credentials.forget().await;
                    lifetime.renew(renewed.expiration, unix_now());
                    console.event(&lifetime.provisioned_event(unix_now()));
                }
                Some(Ok(_)) => console.log(
                    'W',
                    TAG,
                    "a provisioning line for another channel, role or region: only its credentials can change \
                     while signaling; reset the device to provision it anew",
                ),
                Some(Err(ProvisionError::NotProvisioning)) => {}
                Some(Err(err)) => console.event(&Event::Error { what: ErrorSite::Provision, detail: err.to_string() }),
                None => std::future::pending().await,
            },
        }
    }
}
