//! `kvs-esp completions SHELL`: the completion scripts, generated from the clap definitions. The files in
//! completions/ are these, checked in for packagers; a test keeps them equal.

use clap::CommandFactory;
use clap_complete::Shell;
use kvs_client::Result;

pub fn run(shell: Shell) -> Result<()> {
    crate::cli::declare_at_once();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "kvs-esp", &mut std::io::stdout());
    Ok(())
}
