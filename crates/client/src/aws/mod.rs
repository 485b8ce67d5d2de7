//! Talking to AWS: credentials and region from aws-config's default chain, SigV4 from aws-sigv4, the
//! control-plane endpoint, TLS trust, clock-skew correction and the HTTPS transport.

pub mod clock;
pub mod credentials;
pub mod endpoint;
mod sdk_http;
pub mod signer;
pub mod tls;
pub mod transport;

use crate::error::{Error, Result};
use crate::observer::Observer;
use aws_config::BehaviorVersion;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use clock::Clock;
use credentials::CredentialSource;
use endpoint::ControlPlane;
use kvs_core::names::Region;
use std::path::PathBuf;
use std::sync::Arc;
use transport::Transport;

/// Where to find AWS and how to reach it: the global flags, as plain settings.
#[derive(Debug, Clone, Default)]
pub struct AwsConfig {
    /// The region; `None` takes it from the default chain (AWS_REGION, the profile).
    pub region: Option<String>,
    /// A named profile; `None` is the default chain's choice.
    pub profile: Option<String>,
    /// The control plane's URL, overriding the environment and the regional default.
    pub endpoint_url: Option<String>,
    /// A PEM file of extra CA certificates to trust (the emulator's CA).
    pub ca_file: Option<PathBuf>,
}

/// Keys and a region in the environment are what aws-config's default chains pick first (without --profile):
/// taken as they are, without building the chains — profile files, and the STS, SSO and metadata clients — which
/// would be most of a short command's start-up.
fn from_environment(config: &AwsConfig) -> Option<(SharedCredentialsProvider, String)> {
    let set = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
    if config.profile.is_some() || set("AWS_ACCESS_KEY_ID").is_none() || set("AWS_SECRET_ACCESS_KEY").is_none() {
        return None;
    }
    let region = config.region.clone().or_else(|| set("AWS_REGION")).or_else(|| set("AWS_DEFAULT_REGION"))?;
    let provider = aws_config::environment::EnvironmentVariableCredentialsProvider::new();
    Some((SharedCredentialsProvider::new(provider), region))
}

/// The credentials provider and region of aws-config's default chains (or of the named profile alone).
async fn from_default_chains(config: &AwsConfig) -> (Option<SharedCredentialsProvider>, Option<String>) {
    let http_client = SharedHttpClient::new(sdk_http::SdkHttpClient::new(config.ca_file.clone()));
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http_client.clone());
    if let Some(profile) = &config.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &config.region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    let sdk = loader.load().await;
    // An explicit profile wins over keys in the environment, as in the AWS CLI and SDKs.
    let provider = match &config.profile {
        Some(profile) => {
            // Its own providers (STS for a role, SSO) reach AWS through the same client as the chain's.
            let providers = ProviderConfig::default().with_http_client(http_client).with_region(sdk.region().cloned());
            Some(SharedCredentialsProvider::new(
                aws_config::profile::ProfileFileCredentialsProvider::builder()
                    .configure(&providers)
                    .profile_name(profile)
                    .build(),
            ))
        }
        None => sdk.credentials_provider(),
    };
    (provider, sdk.region().map(|region| region.as_ref().to_string()))
}

/// Everything a command needs to make signed calls, resolved once per process.
pub struct AwsContext {
    pub region: Region,
    pub control_plane: ControlPlane,
    pub credentials: CredentialSource,
    pub clock: Clock,
    pub transport: Transport,
    /// Where notices go (clock skew, cache trouble, every call as an event).
    pub observer: Arc<dyn Observer>,
}

impl AwsContext {
    pub async fn load(config: &AwsConfig, observer: Arc<dyn Observer>) -> Result<AwsContext> {
        if let Some(region) = &config.region {
            Region::new(region.clone())?;
        }
        let (provider, region) = match from_environment(config) {
            Some((provider, region)) => (Some(provider), Some(region)),
            None => from_default_chains(config).await,
        };
        let region = region.ok_or_else(|| {
            Error::input("no AWS region is configured")
                .with_hint("pass --region us-west-2, set AWS_REGION, or add `region = …` to your AWS profile")
        })?;
        let region = Region::new(region)?;
        let control_plane = endpoint::resolve(config.endpoint_url.as_deref(), &region, |k| std::env::var(k).ok())?;
        Ok(AwsContext {
            region,
            control_plane,
            credentials: CredentialSource::new(provider, config.profile.clone(), observer.clone()),
            clock: Clock::default(),
            transport: Transport::new(config.ca_file.clone()),
            observer,
        })
    }

    /// A context for credentials handed over explicitly (a provisioned device's, which its host renews), not
    /// found by the chain; the endpoint and the extra CA still come from the configuration and the environment.
    pub fn with_provider(
        config: &AwsConfig,
        region: Region,
        credentials: SharedCredentialsProvider,
        observer: Arc<dyn Observer>,
    ) -> Result<AwsContext> {
        let control_plane = endpoint::resolve(config.endpoint_url.as_deref(), &region, |k| std::env::var(k).ok())?;
        Ok(AwsContext {
            region,
            control_plane,
            credentials: CredentialSource::new(Some(credentials), None, observer.clone()),
            clock: Clock::default(),
            transport: Transport::new(config.ca_file.clone()),
            observer,
        })
    }
}
