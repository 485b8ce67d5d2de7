//! Talking to AWS: credentials and region from aws-config's default chain, SigV4 from aws-sigv4, the
//! control-plane endpoint, TLS trust, clock-skew correction and the HTTPS transport.

pub mod clock;
pub mod credentials;
pub mod endpoint;
pub mod signer;
pub mod tls;
pub mod transport;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use clock::Clock;
use credentials::CredentialSource;
use endpoint::ControlPlane;
use kvs_core::names::Region;
use transport::Transport;

/// Everything a command needs to make signed calls, resolved once per process.
pub struct AwsContext {
    pub region: Region,
    pub control_plane: ControlPlane,
    pub credentials: CredentialSource,
    pub clock: Clock,
    pub transport: Transport,
}

impl AwsContext {
    pub async fn load(global: &GlobalArgs) -> Result<AwsContext> {
        if let Some(region) = &global.region {
            Region::new(region.clone())?;
        }
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(profile) = &global.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &global.region {
            loader = loader.region(aws_config::Region::new(region.clone()));
        }
        let sdk = loader.load().await;
        let region = sdk.region().map(|r| r.as_ref().to_string()).ok_or_else(|| {
            Error::input("no AWS region is configured")
                .with_hint("pass --region us-west-2, set AWS_REGION, or add `region = …` to your AWS profile")
        })?;
        let region = Region::new(region)?;
        let control_plane =
            endpoint::resolve(global.endpoint_url.as_deref(), region.as_str(), |k| std::env::var(k).ok())?;
        if crate::output::verbosity() > 0 {
            eprintln!(
                "kvs-esp: control plane {} ({}), region {region}",
                control_plane.url,
                control_plane.source.describe()
            );
        }
        Ok(AwsContext {
            region,
            control_plane,
            credentials: CredentialSource::new(sdk.credentials_provider(), global.profile.clone()),
            clock: Clock::default(),
            transport: Transport::new(global.ca_file.clone()),
        })
    }

    /// A context for credentials handed over explicitly (a provisioned device's), not found by the chain;
    /// the endpoint and the extra CA still come from the flags and the environment.
    pub fn with_credentials(global: &GlobalArgs, region: Region, credentials: Credentials) -> Result<AwsContext> {
        let control_plane =
            endpoint::resolve(global.endpoint_url.as_deref(), region.as_str(), |k| std::env::var(k).ok())?;
        Ok(AwsContext {
            region,
            control_plane,
            credentials: CredentialSource::new(Some(SharedCredentialsProvider::new(credentials)), None),
            clock: Clock::default(),
            transport: Transport::new(global.ca_file.clone()),
        })
    }
}
