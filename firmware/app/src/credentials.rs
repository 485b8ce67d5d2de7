//! The device's credentials while it signals. A task reads the console for good: it asks for fresh credentials
//! before the provisioned ones expire (the core's [`CredentialLifetime`]: `ev=provision-prompt reason=expiring`),
//! hands a new line to the signaling driver, which signs with it from then on without dropping its WebSocket,
//! and when the credentials expire first, says so (`ev=credentials-expired`), stops the driver and prompts with
//! `reason=expired` until the host provisions the device again.

use crate::console::Console;
use crate::log::{self, warning};
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::signal::Signal;
use embassy_time::{Duration, Instant, Timer};
use kvs_core::event::{ErrorSite, Event};
use kvs_core::provision::{self, CredentialLifetime, PromptReason, ProvisionError, Provisioning, Renewal};

/// A provisioning line that renews the credentials (the same channel, role and region).
pub static RENEWED: Signal<CriticalSectionRawMutex, Provisioning> = Signal::new();
/// The credentials expired before new ones came: the driver stops signaling.
pub static EXPIRED: Signal<CriticalSectionRawMutex, ()> = Signal::new();

/// How often the console is read.
const POLL: Duration = Duration::from_millis(20);
/// How often the lifetime is looked at.
const CHECK: Duration = Duration::from_secs(1);

fn unix_secs() -> u64 {
    crate::clock::unix_ms().unwrap_or(0) / 1000
}

#[embassy_executor::task]
pub async fn keep_fresh(mut console: Console<'static>, provisioning: Provisioning) -> ! {
    let mut lifetime = CredentialLifetime::new(provisioning.expiration, unix_secs());
    log::event(&lifetime.provisioned_event(unix_secs()));
    let mut checked = Instant::now();
    let mut prompted: Option<Instant> = None;
    loop {
        if checked.elapsed() >= CHECK {
            checked = Instant::now();
            match lifetime.poll(unix_secs()) {
                Some(Renewal::Prompt) => prompt(PromptReason::Expiring),
                Some(Renewal::Expire) => {
                    log::event(&Event::CredentialsExpired);
                    EXPIRED.signal(());
                }
                None => {}
            }
            if lifetime.is_expired() && prompted.is_none_or(|at| at.elapsed() >= crate::PROMPT_EVERY) {
                prompted = Some(Instant::now());
                prompt(PromptReason::Expired);
            }
        }
        match console.poll_line().map(|line| provision::parse_line(&line)) {
            Some(Ok(renewed)) if renewed.renews(&provisioning) => {
                lifetime.renew(renewed.expiration, unix_secs());
                log::event(&lifetime.provisioned_event(unix_secs()));
                prompted = None;
                RENEWED.signal(renewed);
            }
            Some(Ok(_)) => warning!(
                "kvs",
                "a provisioning line for another channel, role or region: only its credentials can change while \
                 signaling; reset the device to provision it anew"
            ),
            Some(Err(ProvisionError::NotProvisioning)) | None => {}
            Some(Err(err)) => log::event(&Event::Error {
                what: ErrorSite::Provision,
                detail: alloc::string::ToString::to_string(&err),
            }),
        }
        Timer::after(POLL).await;
    }
}

fn prompt(reason: PromptReason) {
    log::event(&Event::ProvisionPrompt { version: provision::VERSION, reason });
}
