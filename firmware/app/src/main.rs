//! The kvs-esp companion firmware.
//!
//! This build boots, reports its heap, prints the provisioning prompt and reads the provisioning line
//! (kvs_core::provision) from the serial console, keeping the credentials in RAM. The Wi-Fi, TLS and
//! WebSocket drivers that run the core's signaling machine on the device are not part of it yet; it says so
//! on the console instead of pretending to connect.
#![no_std]
#![no_main]

extern crate alloc;

mod console;
mod log;

use esp_backtrace as _;
use kvs_core::event::Event;
use kvs_core::provision::{self, ProvisionError, Provisioning};
use log::{error, info, warning};

esp_bootloader_esp_idf::esp_app_desc!();

/// Heap for the signaling core (the host measures its peak over a full session: well under this).
const HEAP_BYTES: usize = 72 * 1024;
const HEAP_REPORT_MS: u64 = 10_000;
const PROMPT_MS: u64 = 5_000;

#[cfg(any(feature = "esp32", feature = "esp32s2"))]
compile_error!("esp32 and esp32s2 have no USB-Serial-JTAG console, which this firmware reads: not supported yet");

#[cfg(feature = "esp32c3")]
const CHIP: &str = "esp32c3";
#[cfg(feature = "esp32c6")]
const CHIP: &str = "esp32c6";
#[cfg(feature = "esp32s3")]
const CHIP: &str = "esp32s3";

/// Free and minimum-ever-free heap, as the `ev=heap` event line.
fn report_heap() {
    let stats = esp_alloc::HEAP.stats();
    log::event(&Event::Heap { free: stats.size - stats.current_usage, min: stats.size - stats.max_usage });
}

#[esp_hal::main]
fn main() -> ! {
    let peripherals = esp_hal::init(esp_hal::Config::default());
    esp_alloc::heap_allocator!(size: HEAP_BYTES);
    info!("kvs", "kvs-esp firmware {} on {CHIP}", env!("CARGO_PKG_VERSION"));
    report_heap();

    let mut console = console::Console::new(peripherals.USB_DEVICE);
    let provisioning = wait_for_provisioning(&mut console);
    info!(
        "kvs",
        "provisioned: channel {} as {} ({}) in {}, Wi-Fi \"{}\", session credentials {}",
        provisioning.channel,
        provisioning.role,
        provisioning.client_id,
        provisioning.region,
        provisioning.wifi_ssid,
        if provisioning.session_token.is_some() { "with a token" } else { "without a token" }
    );
    report_heap();
    warning!("kvs", "this build has no Wi-Fi, TLS or WebSocket driver: the signaling flow does not start");

    let mut last_report = log::millis();
    loop {
        if log::millis() - last_report >= HEAP_REPORT_MS {
            last_report = log::millis();
            report_heap();
        }
        if let Some(line) = console.poll_line()
            && line.starts_with(provision::PREFIX)
        {
            warning!("kvs", "already provisioned; reset the device to provision it again");
        }
    }
}

/// Prompts every few seconds until a valid provisioning line arrives; explains every refused line.
fn wait_for_provisioning(console: &mut console::Console<'_>) -> Provisioning {
    let mut last_prompt = None;
    loop {
        let now = log::millis();
        if last_prompt.is_none_or(|at| now - at >= PROMPT_MS) {
            last_prompt = Some(now);
            info!("kvs", "ev=provision-prompt version={} prefix={}", provision::VERSION, provision::PREFIX.trim());
        }
        let Some(line) = console.poll_line() else { continue };
        match provision::parse_line(&line) {
            Ok(provisioning) => return provisioning,
            Err(ProvisionError::NotProvisioning) => {}
            Err(err) => error!("kvs", "provisioning refused: {err}"),
        }
    }
}
