//! The flags of the commands that talk to a board: flash, monitor, diagnose, virtual-device, and the
//! provisioning they share.

use super::{ChannelRef, ClientId, RoleArg, parse_channel, parse_client_id, parse_duration};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use kvs_espkit::Board;
use std::path::PathBuf;

/// The board's serial port, the same flag for every command that opens one.
#[derive(Debug, Args)]
pub struct PortArg {
    /// The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge].
    #[arg(long, short = 'p', value_name = "PORT")]
    pub port: Option<String>,
}

#[derive(Debug, Args)]
pub struct MonitorArgs {
    #[command(flatten)]
    pub serial: PortArg,

    /// Baud rate.
    #[arg(long, short = 'b', default_value_t = 115_200)]
    pub baud: u32,

    /// The application's ELF, to symbolize addresses, to unwind RISC-V stack dumps by its DWARF call frame
    /// information, and to check that the device runs this build.
    #[arg(long, value_name = "FILE")]
    pub elf: Option<PathBuf>,

    /// Stop after this long (e.g. 30s, 2m) [default: until Ctrl-C].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub until: Option<std::time::Duration>,

    /// Show only these log lines, in esp-idf-monitor's print-filter syntax: `tag:level` items (levels N E W I D
    /// V, `*` for every other tag), e.g. "kvs:I wifi:W *:E". Lines that are not log lines (boot, panics) pass
    /// unless "*:N".
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<kvs_espkit::monitor::filter::PrintFilter>,

    /// Start every shown line with the time it arrived (UTC, to the millisecond).
    #[arg(long)]
    pub timestamps: bool,

    /// Also write every line, as received and unfiltered, to this file (appended).
    #[arg(long, value_name = "FILE")]
    pub log_file: Option<PathBuf>,

    #[command(flatten)]
    pub provision: ProvisionArgs,
}

#[derive(Debug, Args)]
pub struct FlashArgs {
    /// The board's chip. The firmware is built for it, and a device that is another chip is refused before
    /// anything is written. esp32h2 and esp32p4 (no Wi-Fi), esp32 and esp32s2 (no USB-Serial-JTAG peripheral,
    /// which the firmware's console uses beside UART0) are refused with the reason.
    #[arg(long, value_parser = board())]
    pub board: Board,

    #[command(flatten)]
    pub serial: PortArg,

    /// Baud rate to flash at; above 115200 the loader is asked to switch after connecting.
    #[arg(long, short = 'b', default_value_t = 115_200)]
    pub baud: u32,

    /// Flash this prebuilt ELF instead of building the firmware.
    #[arg(long, value_name = "FILE")]
    pub elf: Option<PathBuf>,

    /// The firmware to build [default: firmware/app of the kvs-esp checkout in or above the current directory].
    #[arg(long, value_name = "DIR", env = "KVS_ESP_FIRMWARE_DIR", conflicts_with = "elf")]
    pub firmware_dir: Option<PathBuf>,

    /// Erase the whole flash first (NVS too: the device forgets its endpoint cache).
    #[arg(long)]
    pub erase: bool,

    /// How to put the chip into download mode: default-reset toggles DTR/RTS (auto-reset circuits and
    /// USB-Serial-JTAG); no-reset expects the chip already waiting (BOOT held during reset).
    #[arg(long, value_enum, default_value_t = BeforeArg::DefaultReset)]
    pub before: BeforeArg,

    /// What to do when done: hard-reset starts the new firmware; no-reset leaves the chip in the loader.
    #[arg(long, value_enum, default_value_t = AfterArg::HardReset)]
    pub after: AfterArg,

    /// Talk to the ROM loader directly instead of uploading espflash's faster stub loader.
    #[arg(long)]
    pub no_stub: bool,

    /// Show the device's log after flashing (as `kvs-esp monitor`, symbolized from the flashed ELF).
    #[arg(long)]
    pub monitor: bool,

    /// With --monitor: stop after this long (e.g. 30s) [default: until Ctrl-C].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "monitor")]
    pub until: Option<std::time::Duration>,

    #[command(flatten)]
    pub provision: ProvisionArgs,
}

#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// The board's chip (flash it first with `kvs-esp flash --board`).
    #[arg(long, value_parser = board())]
    pub board: Board,

    /// The channel: the device becomes its master, the host joins as a viewer. Created if missing.
    #[arg(long, short = 'c', value_parser = parse_channel)]
    pub channel: ChannelRef,

    #[command(flatten)]
    pub serial: PortArg,

    /// Baud rate of the device's console.
    #[arg(long, short = 'b', default_value_t = 115_200)]
    pub baud: u32,

    #[command(flatten)]
    pub device: DeviceArgs,

    /// The device runs a master of its own on the channel already (the KVS C SDK's sample, say), not the
    /// companion firmware: do not provision it, start the host's viewer at once and test the media path.
    #[arg(long)]
    pub no_provision: bool,

    /// The host viewer's candidate addresses (repeatable) [default: every non-loopback IPv4 interface].
    #[arg(long, value_name = "ADDR")]
    pub host_ip: Vec<std::net::IpAddr>,

    /// Give up after this long (e.g. 90s).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "60s")]
    pub timeout: std::time::Duration,

    /// Also write the report as a self-contained HTML page with the timeline as a sequence diagram.
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VirtualDeviceArgs {
    /// The chip it says it is (in its boot banner and its diagnostic answers).
    #[arg(long, value_parser = board(), default_value = "esp32c3")]
    pub board: Board,

    /// Also make the pseudo-terminal reachable at this path (a symlink, removed on exit).
    #[arg(long, value_name = "PATH")]
    pub link: Option<PathBuf>,

    /// Switch off after this long (e.g. 5m) [default: until Ctrl-C].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub until: Option<std::time::Duration>,

    /// How it answers a viewer's offer: as the companion firmware does, or as a board running a real WebRTC
    /// master (the KVS C SDK's sample, say) does — with media or with none.
    #[arg(long, value_enum, default_value_t = AnswerArg::Diagnostic)]
    pub answer: AnswerArg,

    /// The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface].
    #[arg(long, value_name = "ADDR")]
    pub host_ip: Vec<std::net::IpAddr>,

    /// The roots the device trusts for TURN over TLS: esp-common (ESP-IDF's common bundle, the firmware's),
    /// esp-full, or a PEM file (a firmware built with a bundle of its own).
    #[arg(long, value_name = "STORE", default_value = "esp-common")]
    pub bundle: kvs_client::turn::Trust,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnswerArg {
    /// The companion firmware's diagnostic answer: signaling only, every media section rejected.
    Diagnostic,
    /// ICE, DTLS, the data channel's echo, and the built-in H.264 and Opus test clip.
    Media,
    /// ICE, DTLS and the data channel, but no media (a master whose camera is stuck).
    NoMedia,
}

/// esptool's and espflash's names for the reset strategies, so that their users' habits carry over.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BeforeArg {
    DefaultReset,
    NoReset,
    UsbReset,
}

#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AfterArg {
    HardReset,
    NoReset,
    WatchdogReset,
}

/// Who the device is on the channel and which network it joins: part of every provisioning.
#[derive(Debug, Clone, Args)]
pub struct DeviceArgs {
    /// The device's client id [default: esp32-<channel name>].
    #[arg(long, value_parser = parse_client_id)]
    pub client_id: Option<ClientId>,

    /// The Wi-Fi network the device joins.
    #[arg(long, env = "KVS_ESP_WIFI_SSID", value_name = "SSID")]
    pub wifi_ssid: Option<String>,

    /// Its passphrase (empty for an open network).
    #[arg(long, env = "KVS_ESP_WIFI_PASSWORD", hide_env_values = true, value_name = "PASSPHRASE", default_value = "")]
    pub wifi_password: String,
}

/// What the companion firmware is provisioned with when it asks (`ev=provision-prompt`). The AWS credentials
/// and region come from the default chain; secrets are never printed.
#[derive(Debug, Args)]
pub struct ProvisionArgs {
    /// The channel the device signals on; with --wifi-ssid, answers the device's provisioning prompt.
    #[arg(long, short = 'c', value_parser = parse_channel)]
    pub channel: Option<ChannelRef>,

    /// The device's role on the channel.
    #[arg(long, short = 'r', value_enum, default_value_t = RoleArg::Master)]
    pub role: RoleArg,

    #[command(flatten)]
    pub device: DeviceArgs,
}

fn board() -> impl TypedValueParser<Value = Board> {
    PossibleValuesParser::new(Board::ALL.map(Board::name)).try_map(|name| name.parse::<Board>())
}
