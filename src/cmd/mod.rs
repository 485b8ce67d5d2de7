//! One function per command: take the parsed flags, make the calls, render the result.

mod cache;
mod channel;
mod endpoint;
mod ice_config;

use crate::aws::AwsContext;
use crate::cli::{Cli, Command};
use crate::error::Result;

pub async fn run(cli: Cli) -> Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Channel(command) => channel::run(&AwsContext::load(global).await?, command).await,
        Command::Endpoint(command) => endpoint::run(&AwsContext::load(global).await?, global, command).await,
        Command::IceConfig(command) => ice_config::run(&AwsContext::load(global).await?, global, command).await,
        Command::Signal(crate::cli::SignalCommand::Connect(args)) => {
            crate::signal::run(std::sync::Arc::new(AwsContext::load(global).await?), global, args).await
        }
        Command::TurnTls(crate::cli::TurnTlsCommand::Probe(args)) => crate::turn::run(global, args).await,
        Command::Doctor(args) => crate::doctor::run(global, args).await,
        Command::Monitor(args) => {
            let provisioning = crate::esp::provision::from_args(global, &args.provision).await?;
            tokio::task::spawn_blocking(move || crate::esp::monitor::run(args, provisioning))
                .await
                .map_err(|e| crate::error::Error::local(format!("the monitor stopped: {e}")))?
        }
        Command::Flash(args) => {
            let provisioning = crate::esp::provision::from_args(global, &args.provision).await?;
            tokio::task::spawn_blocking(move || crate::esp::flash::run(args, provisioning))
                .await
                .map_err(|e| crate::error::Error::local(format!("flashing stopped: {e}")))?
        }
        Command::Diagnose(args) => crate::diagnose::run(global, args).await,
        Command::VirtualDevice(args) => crate::esp::virtual_device::run(global, args).await,
        Command::Cache(command) => cache::run(command),
        Command::Completions { shell } => {
            crate::completions::write(shell, &mut std::io::stdout());
            Ok(())
        }
        Command::Emulator(args) => crate::emulator::run(args).await,
    }
}
