//! One module per command: turn the flags into the libraries' plain configuration, call the library, and
//! render what it returns, once.

mod cache;
mod channel;
mod completions;
mod diagnose;
mod doctor;
mod emulator;
mod endpoint;
mod flash;
mod ice_config;
mod monitor;
mod signal;
mod stream;
mod turn_tls;
mod virtual_device;
mod webrtc;

use crate::cli::{
    Cli, Command, DeviceArgs, EmulatorCommand, GlobalArgs, Lazy, SignalCommand, TurnTlsCommand, WebrtcCommand,
};
use crate::output::Output;
use kvs_client::Result;
use kvs_client::api::CachePolicy;
use kvs_client::aws::{AwsConfig, AwsContext};
use std::sync::Arc;

pub async fn run(cli: Cli, out: Output) -> Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Channel(Lazy(command)) => channel::run(&load(global, out).await?, command, out).await,
        Command::Stream(Lazy(command)) => stream::run(&load(global, out).await?, command, out).await,
        Command::Endpoint(Lazy(command)) => endpoint::run(&load(global, out).await?, global, command, out).await,
        Command::IceConfig(Lazy(command)) => ice_config::run(&load(global, out).await?, global, command, out).await,
        Command::Signal(Lazy(SignalCommand::Connect(args))) => {
            signal::run(Arc::new(load(global, out).await?), global, args, out).await
        }
        Command::Signal(Lazy(SignalCommand::AlexaOffer(args))) => {
            signal::alexa_offer(&load(global, out).await?, global, args, out).await
        }
        Command::Webrtc(Lazy(WebrtcCommand::Connect(args))) => {
            webrtc::run(Arc::new(load(global, out).await?), global, args, out).await
        }
        Command::TurnTls(Lazy(TurnTlsCommand::Probe(args))) => turn_tls::run(global, args, out).await,
        Command::Doctor(Lazy(args)) => doctor::run(global, args, out).await,
        Command::Monitor(Lazy(args)) => monitor::run(global, args, out).await,
        Command::Flash(Lazy(args)) => flash::run(global, args, out).await,
        Command::Diagnose(Lazy(args)) => diagnose::run(global, args, out).await,
        Command::VirtualDevice(Lazy(args)) => virtual_device::run(global, args, out).await,
        Command::Cache(Lazy(command)) => cache::run(command, out),
        Command::Completions { shell } => completions::run(shell),
        Command::Emulator(args) => match args.command {
            Some(EmulatorCommand::Stats) => emulator::stats(global, out).await,
            None => emulator::run(args, out).await,
        },
    }
}

/// Resolves at the first Ctrl-C or SIGTERM, so that a long-running command ends cleanly; from then on a second
/// one ends the process at once (exit 130), whatever the command is still waiting for.
pub async fn interrupted() {
    first_signal().await;
    tokio::spawn(async {
        first_signal().await;
        std::process::exit(130);
    });
}

async fn first_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut interrupt), Ok(mut terminate)) = (signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
        else {
            return std::future::pending().await;
        };
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// The global flags as the client library's configuration.
pub fn aws_config(global: &GlobalArgs) -> AwsConfig {
    AwsConfig {
        region: global.region.clone(),
        profile: global.profile.clone(),
        endpoint_url: global.endpoint_url.clone(),
        ca_file: global.ca_file.clone(),
    }
}

/// The endpoint cache as the flags ask.
pub fn cache_policy(global: &GlobalArgs) -> CachePolicy {
    CachePolicy { enabled: !global.no_cache }
}

/// Region, endpoint and credentials from the flags and the default chain; `-v` says where the control plane is.
pub async fn load(global: &GlobalArgs, out: Output) -> Result<AwsContext> {
    let ctx = AwsContext::load(&aws_config(global), Arc::new(out)).await?;
    out.detail(
        1,
        &format!(
            "kvs-esp: control plane {} ({}), region {}",
            ctx.control_plane.url,
            ctx.control_plane.source.describe(),
            ctx.region
        ),
    );
    Ok(ctx)
}

/// The device's identity flags as espkit's.
pub fn device_identity(
    channel: kvs_core::names::ChannelRef,
    role: kvs_core::names::Role,
    device: &DeviceArgs,
) -> Result<kvs_espkit::provision::DeviceIdentity> {
    let wifi_ssid = device.wifi_ssid.clone().ok_or_else(|| {
        kvs_client::Error::input("--channel provisions the device, which also needs --wifi-ssid (or KVS_ESP_WIFI_SSID)")
    })?;
    Ok(kvs_espkit::provision::DeviceIdentity {
        channel,
        role,
        client_id: device.client_id.clone(),
        wifi_ssid,
        wifi_password: device.wifi_password.clone(),
    })
}

/// A signaling machine for `channel` as `role`, started from the endpoint cache when it holds the channel's
/// endpoints, and the cache its finds go to (none with --no-cache).
pub fn signaling(
    ctx: &AwsContext,
    global: &GlobalArgs,
    channel: &kvs_core::names::ChannelRef,
    role: kvs_core::names::Role,
    client_id: kvs_core::names::ClientId,
    create_if_missing: Option<kvs_core::names::MessageTtl>,
) -> Result<(kvs_core::signaling::Machine, Option<(kvs_client::cache::EndpointCache, String)>)> {
    let cache = if global.no_cache { None } else { Some(kvs_client::api::open_cache(ctx)?) };
    let key = channel.to_string();
    let cached = cache
        .as_ref()
        .and_then(|c| c.lookup(&key, ctx.region.as_str(), role, &ctx.control_plane.url))
        .and_then(|entry| entry.endpoints());
    let config = kvs_core::signaling::Config {
        channel: channel.clone(),
        role,
        client_id,
        create_if_missing,
        cached,
        timing: kvs_core::signaling::Timing::default(),
        seed: rand::random(),
    };
    Ok((kvs_core::signaling::Machine::new(config), cache.map(|c| (c, key))))
}

/// The client id a session joins under: the one given, else a random `viewer-xxxxxxxx` for a viewer and
/// `kvs-esp-master` for a master.
pub fn client_id(session: &crate::cli::SessionArgs) -> Result<kvs_core::names::ClientId> {
    use kvs_core::names::{ClientId, Role};
    Ok(match (&session.client_id, Role::from(session.role)) {
        (Some(id), _) => id.clone(),
        (None, Role::Viewer) => ClientId::new(format!("viewer-{:08x}", rand::random::<u32>()))?,
        (None, Role::Master) => ClientId::new("kvs-esp-master")?,
    })
}
