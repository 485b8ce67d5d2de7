//! The kvs-esp companion firmware: the KVS signaling flow on an ESP32, with the host's protocol core.
//!
//! Boot, then the provisioning prompt on the serial console until the host (`kvs-esp flash --monitor`,
//! `monitor`, `diagnose`) answers with one line: Wi-Fi, region, channel, role and short-lived credentials,
//! kept in RAM only. Then Wi-Fi (esp-radio) with DHCP and DNS (embassy-net), SNTP for SigV4's wall time, and
//! the core's signaling machine over HTTPS and a WebSocket secured by mbedtls with ESP-IDF's common root
//! bundle compiled in. Logs are ESP-IDF's format with the core's event lines; the heap is reported every 10 s
//! and at every state change; a master answers a viewer's offer with a diagnostic SDP answer.
#![no_std]
#![no_main]

extern crate alloc;

mod clock;
mod console;
mod credentials;
mod http;
mod log;
mod net;
mod paths;
mod signaling;
mod sntp;
mod store;
mod tls;
mod wifi;

use embassy_executor::Spawner;
use embassy_time::{Duration, Timer};
use esp_backtrace as _;
use esp_hal::clock::CpuClock;
use esp_hal::rng::{Rng, Trng, TrngSource};
use esp_hal::timer::timg::TimerGroup;
use esp_radio::wifi::{Interface, WifiController};
use kvs_core::event::{ErrorSite, Event};
use kvs_core::provision::{self, PromptReason, ProvisionError, Provisioning};
use log::{error, info, warning};
use mbedtls_rs::Tls;
use static_cell::StaticCell;

esp_bootloader_esp_idf::esp_app_desc!();

/// The heap beside the one in memory reclaimed from the 2nd-stage bootloader: Wi-Fi's buffers, two TLS
/// sessions (HTTPS and the WebSocket) and the parsed root certificates live here; the signaling core itself
/// peaks at a few KiB (benches/firmware.rs measures it).
const HEAP_BYTES: usize = 120 * 1024;
const RECLAIMED_HEAP_BYTES: usize = 64 * 1024;
const HEAP_REPORT: Duration = Duration::from_secs(10);
const PROMPT_EVERY: Duration = Duration::from_secs(5);
const SNTP_RETRY: Duration = Duration::from_secs(5);

#[cfg(any(feature = "esp32", feature = "esp32s2"))]
compile_error!("esp32 and esp32s2 have no USB-Serial-JTAG console, which this firmware reads: not supported yet");

#[cfg(feature = "esp32c3")]
const CHIP: &str = "esp32c3";
#[cfg(feature = "esp32c6")]
const CHIP: &str = "esp32c6";
#[cfg(feature = "esp32s3")]
const CHIP: &str = "esp32s3";

/// Free and minimum-ever-free heap, as the `ev=heap` event line.
/// The build's ELF SHA-256 as ESP-IDF's app_init prints it, so that a monitor holding another ELF says so at boot.
/// espflash writes the hash into the app descriptor when it lays out the image; it is read from flash, not from
/// what the compiler saw (zeros).
fn report_elf_hash() {
    // SAFETY: the descriptor is a static that lives for the whole program; the read only looks at its bytes.
    let hash = unsafe { core::ptr::read_volatile(ESP_APP_DESC.app_elf_sha256()) };
    let mut hex = alloc::string::String::with_capacity(16);
    for byte in &hash[..8] {
        let _ = core::fmt::Write::write_fmt(&mut hex, format_args!("{byte:02x}"));
    }
    info!("app_init", "ELF file SHA256:  {hex}...");
}

pub fn report_heap() {
    let stats = esp_alloc::HEAP.stats();
    log::event(&Event::Heap { free: stats.size - stats.current_usage, min: stats.size - stats.max_usage });
}

#[embassy_executor::task]
async fn heap_reports() -> ! {
    loop {
        Timer::after(HEAP_REPORT).await;
        report_heap();
    }
}

#[esp_rtos::main]
async fn main(spawner: Spawner) -> ! {
    let peripherals = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    esp_alloc::heap_allocator!(#[esp_hal::ram(reclaimed)] size: RECLAIMED_HEAP_BYTES);
    esp_alloc::heap_allocator!(size: HEAP_BYTES);
    let timers = TimerGroup::new(peripherals.TIMG0);
    esp_rtos::start(timers.timer0, peripherals.FROM_CPU_INTR0);
    info!("kvs", "kvs-esp firmware {} on {CHIP}", env!("CARGO_PKG_VERSION"));
    report_elf_hash();
    report_heap();
    spawn(&spawner, heap_reports());

    #[cfg(feature = "esp32c3")]
    let uart_rx = peripherals.GPIO20;
    #[cfg(feature = "esp32c6")]
    let uart_rx = peripherals.GPIO17;
    #[cfg(feature = "esp32s3")]
    let uart_rx = peripherals.GPIO44;
    let mut console = console::Console::new(peripherals.USB_DEVICE, peripherals.UART0, uart_rx);
    let provisioning = wait_for_provisioning(&mut console).await;
    info!(
        "kvs",
        "provisioned: channel {} as {} ({}) in {}, Wi-Fi \"{}\", session credentials {}",
        provisioning.channel,
        provisioning.role.as_str().to_lowercase(),
        provisioning.client_id,
        provisioning.region,
        provisioning.wifi_ssid,
        if provisioning.session_token.is_some() { "with a token" } else { "without a token" }
    );

    let store = match store::Store::open(peripherals.FLASH) {
        Ok(mut store) => {
            // Settings an older firmware kept in plain text: nothing reads them any more.
            if let Some(ssid) = store.kept_wifi() {
                store.forget_wifi();
                info!("kvs", "erased the Wi-Fi settings for \"{ssid}\" an older firmware kept in NVS");
            }
            Some(store)
        }
        Err(why) => {
            warning!("kvs", "{why}: the endpoint cache is off");
            None
        }
    };

    let rng = Rng::new();
    let mut controller = match WifiController::new(peripherals.WIFI, Default::default()) {
        Ok(controller) => controller,
        Err(e) => halt(format_args!("the Wi-Fi driver did not start: {e:?}")).await,
    };
    if let Err(why) = wifi::configure(&mut controller, &provisioning.wifi_ssid, &provisioning.wifi_password) {
        halt(format_args!("{why}; reset the device and provision it again")).await;
    }
    let seed = u64::from(rng.random()) << 32 | u64::from(rng.random());
    let (stack, runner) = net::start(Interface::station(), seed);
    spawn(&spawner, net::run(runner));
    spawn(&spawner, wifi::keep_connected(controller));
    stack.wait_config_up().await;
    if let Some(config) = stack.config_v4() {
        info!("net", "address {} (DHCP)", config.address);
    }

    clock::install();
    loop {
        match sntp::unix_ms(stack).await {
            Some(unix_ms) => {
                clock::set_unix_ms(unix_ms);
                info!("sntp", "time set: {} (Unix seconds)", unix_ms / 1000);
                break;
            }
            None => warning!("sntp", "no time from the network yet; SigV4 and certificate checks need it, retrying"),
        }
        Timer::after(SNTP_RETRY).await;
    }

    static TRNG_SOURCE: StaticCell<TrngSource<'static>> = StaticCell::new();
    static TRNG: StaticCell<Trng> = StaticCell::new();
    static TLS: StaticCell<Tls<'static>> = StaticCell::new();
    static ROOTS: StaticCell<mbedtls_rs::Certificate<'static>> = StaticCell::new();
    static HTTP_BUFFERS: StaticCell<tls::Buffers> = StaticCell::new();
    static WS_BUFFERS: StaticCell<tls::Buffers> = StaticCell::new();
    TRNG_SOURCE.init(TrngSource::new(peripherals.RNG, peripherals.ADC1));
    let trng = match Trng::try_new() {
        Ok(trng) => TRNG.init(trng),
        Err(e) => halt(format_args!("no true random numbers for TLS: {e:?}")).await,
    };
    let tls = match Tls::new(trng) {
        Ok(tls) => TLS.init(tls),
        Err(e) => halt(format_args!("mbedtls did not start: {e:?}")).await,
    };
    let roots = match tls::roots() {
        Ok(roots) => ROOTS.init(roots),
        Err(why) => halt(format_args!("{why}")).await,
    };
    report_heap();

    let net = signaling::Net { stack, tls: tls.reference(), roots };
    let mut random = [0u8; 16];
    rng.read(&mut random);
    let agent_seed = u64::from(rng.random()) << 32 | u64::from(rng.random());
    let regional_stun = kvs_core::endpoint::stun_server(&provisioning.region);
    spawn(&spawner, paths::run(net, regional_stun, random, agent_seed));
    spawn(&spawner, credentials::keep_fresh(console, provisioning.clone()));
    let device = signaling::Device {
        net,
        clock: signaling::Clock { skew: Default::default() },
        provisioning,
        chip: CHIP,
        http_buffers: HTTP_BUFFERS.init(tls::Buffers::new()),
        rng,
        store,
        servers: None,
        connected: false,
    };
    signaling::run(device, WS_BUFFERS.init(tls::Buffers::new())).await
}

fn spawn<S>(spawner: &Spawner, task: Result<embassy_executor::SpawnToken<S>, embassy_executor::SpawnError>) {
    match task {
        Ok(token) => spawner.spawn(token),
        Err(e) => error!("kvs", "cannot start a task: {e:?}"),
    }
}

/// Logs why the device cannot go on, and keeps saying so (the monitor may attach later).
async fn halt(why: core::fmt::Arguments<'_>) -> ! {
    loop {
        error!("kvs", "{why}");
        Timer::after(Duration::from_secs(10)).await;
    }
}

/// Prompts every few seconds until a valid provisioning line arrives; explains every refused line.
async fn wait_for_provisioning(console: &mut console::Console<'_>) -> Provisioning {
    let mut last_prompt: Option<embassy_time::Instant> = None;
    loop {
        if last_prompt.is_none_or(|at| at.elapsed() >= PROMPT_EVERY) {
            last_prompt = Some(embassy_time::Instant::now());
            log::event(&Event::ProvisionPrompt { version: provision::VERSION, reason: PromptReason::Unprovisioned });
        }
        match console.poll_line().map(|line| provision::parse_line(&line)) {
            Some(Ok(provisioning)) => return provisioning,
            Some(Err(ProvisionError::NotProvisioning)) | None => {}
            Some(Err(err)) => log::event(&Event::Error {
                what: ErrorSite::Provision,
                detail: alloc::string::ToString::to_string(&err),
            }),
        }
        Timer::after(Duration::from_millis(20)).await;
    }
}

/// mbedtls's X.509 code calls the C library's `memchr`; the ESP32-C3's ROM provides one, the ESP32-C6's does
/// not, so it is defined here for that chip.
#[cfg(feature = "esp32c6")]
#[unsafe(no_mangle)]
unsafe extern "C" fn memchr(s: *const u8, c: i32, n: usize) -> *const u8 {
    // SAFETY: the C contract of memchr: `s` points to at least `n` readable bytes.
    let bytes = unsafe { core::slice::from_raw_parts(s, n) };
    match bytes.iter().position(|&b| b == c as u8) {
        // SAFETY: `at` is within the `n` bytes just read.
        Some(at) => unsafe { s.add(at) },
        None => core::ptr::null(),
    }
}
