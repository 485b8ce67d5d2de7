//! kvs-esp: parse, set up output, run the command, exit with its documented code.

mod cli;
mod cmd;
mod output;

use clap::Parser;
use kvs_client::Error;
use output::Output;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let out = Output::new(&cli.global);
    let mut builder = match cli.command.is_brief() {
        true => tokio::runtime::Builder::new_current_thread(),
        false => tokio::runtime::Builder::new_multi_thread(),
    };
    let runtime = match builder.enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            out.error(&Error::local(format!("cannot start the async runtime: {err}")));
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(cmd::run(cli, out));
    // A blocking read of stdin cannot be cancelled: leave it behind rather than wait for the input to end.
    runtime.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err);
            ExitCode::from(output::exit_code(err.kind))
        }
    }
}
