//! Shell completion scripts, generated from the clap definitions. The files in completions/ are these,
//! checked in for packagers; a test keeps them equal.

use clap::CommandFactory;
use clap_complete::Shell;

pub fn write(shell: Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "kvs-esp", out);
}
