//! The Wi-Fi station: joins the provisioned network and rejoins it whenever the link drops.

use crate::log::{error, info, warning};
use alloc::string::String;
use embassy_time::{Duration, Timer};
use esp_radio::wifi::sta::StationConfig;
use esp_radio::wifi::{AuthenticationMethodConfig, Config, WifiController};

/// Wait before rejoining after a failure.
const REJOIN_AFTER: Duration = Duration::from_secs(3);

/// The controller configured for the network, or why not (an SSID or passphrase the driver refuses).
pub fn configure(controller: &mut WifiController<'static>, ssid: &str, password: &str) -> Result<(), String> {
    let ssid = ssid.try_into().map_err(|_| String::from("the SSID is not valid for the Wi-Fi driver"))?;
    let authentication = if password.is_empty() {
        AuthenticationMethodConfig::Open
    } else {
        let password =
            password.try_into().map_err(|_| String::from("the passphrase is not valid (8–63 characters)"))?;
        AuthenticationMethodConfig::WpaWpa2Personal(password)
    };
    let config = Config::Station(StationConfig::default().with_ssid(ssid).with_authentication(authentication));
    controller.set_config(&config).map_err(|e| alloc::format!("the Wi-Fi driver refused the settings: {e:?}"))
}

#[embassy_executor::task]
pub async fn keep_connected(mut controller: WifiController<'static>) -> ! {
    loop {
        match controller.connect_async().await {
            Ok(connected) => {
                info!("wifi", "connected, channel {}", connected.channel);
                match controller.wait_for_disconnect_async().await {
                    Ok(lost) => warning!("wifi", "disconnected: {:?}; rejoining", lost.reason),
                    Err(e) => error!("wifi", "lost the link: {e:?}"),
                }
            }
            Err(e) => warning!("wifi", "cannot join the network: {e:?}; retrying"),
        }
        Timer::after(REJOIN_AFTER).await;
    }
}
