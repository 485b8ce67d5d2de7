//! kvs-esp: parse, set up output, run the command, exit with its documented code.

mod api;
mod aws;
mod cache;
mod cli;
mod cmd;
mod completions;
mod diagnose;
mod doctor;
mod emulator;
mod error;
mod esp;
mod fsutil;
mod output;
mod signal;
mod turn;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    output::init(&cli.global);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            output::error(&error::Error::local(format!("cannot start the async runtime: {err}")));
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cmd::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::error(&err);
            ExitCode::from(err.kind.exit_code())
        }
    }
}
