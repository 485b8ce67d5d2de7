//! The provisioning line the host writes when the companion firmware asks for it: Wi-Fi settings from the
//! flags (or KVS_ESP_WIFI_*), the channel, and the AWS credentials and region of the host's default chain.

use crate::aws::AwsContext;
use crate::cli::{GlobalArgs, ProvisionArgs};
use crate::error::{Error, Result};
use kvs_core::names::{ClientId, Role};
use kvs_core::provision::Provisioning;
use std::time::{SystemTime, UNIX_EPOCH};

/// The provisioning to answer prompts with; `None` when no --channel was given.
pub async fn from_args(global: &GlobalArgs, args: &ProvisionArgs) -> Result<Option<Provisioning>> {
    let Some(channel) = args.channel.clone() else { return Ok(None) };
    let wifi_ssid = args.device.wifi_ssid.clone().ok_or_else(|| {
        Error::input("--channel provisions the device, which also needs --wifi-ssid (or KVS_ESP_WIFI_SSID)")
    })?;
    let ctx = AwsContext::load(global).await?;
    let creds = ctx.credentials.get(SystemTime::now()).await?;
    let role: Role = args.role.into();
    let client_id = match &args.device.client_id {
        Some(id) => id.clone(),
        None => ClientId::new(format!("esp32-{}", channel.name()))?,
    };
    let provisioning = Provisioning {
        wifi_ssid,
        wifi_password: args.device.wifi_password.clone(),
        region: ctx.region.clone(),
        channel,
        role,
        client_id,
        access_key_id: creds.access_key_id().to_string(),
        secret_access_key: creds.secret_access_key().to_string(),
        session_token: creds.session_token().map(String::from),
        expiration: creds.expiry().and_then(|at| at.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_secs()),
        keep_wifi: args.keep_wifi,
    };
    // What the device will check, checked here first, so that a mistake is reported on the host.
    kvs_core::provision::parse_line(&kvs_core::provision::format_line(&provisioning))
        .map(Some)
        .map_err(|e| Error::input(format!("the device would refuse this provisioning: {e}")))
}
