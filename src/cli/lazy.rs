//! Subcommands declared only when they are the one given.
//!
//! clap's derive builds every subcommand's arguments before it parses anything: for kvs-esp, some 140 arguments
//! with their help, and each global flag copied into each subcommand — half a megabyte of heap, touched page by
//! page, for a tree of which one branch is used: a fifth of a `channel describe`'s page faults and a quarter of its
//! CPU time. Wrapped in [`Lazy`], a top-level
//! subcommand is declared with its name and help alone, and clap builds the rest of it (`Command::defer`) when
//! that subcommand is the one parsed, or when help needs it.

use clap::{ArgMatches, Args, Command, FromArgMatches, Subcommand};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by [`declare_at_once`].
static AT_ONCE: AtomicBool = AtomicBool::new(false);

/// From now on every [`Lazy`] is declared at once: for a completion script, which lists the whole tree. Deferred,
/// its `help <command> <subcommand>` entries would be missing: clap copies the tree for the `help` subcommand
/// before it builds the subcommands.
pub fn declare_at_once() {
    AT_ONCE.store(true, Ordering::Relaxed);
}

fn declare(cmd: Command, arguments: fn(Command) -> Command) -> Command {
    if AT_ONCE.load(Ordering::Relaxed) { arguments(cmd) } else { cmd.defer(arguments) }
}

/// A subcommand's arguments or nested subcommands, declared when clap builds that subcommand.
///
/// Not for a subcommand with an argument of a global flag's name (the emulator's own `--region`): clap copies the
/// global flags into every subcommand before the deferred arguments are declared, and that one would be there twice.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Lazy)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Lazy)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: Command) -> Command {
        declare(cmd, T::augment_args)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        declare(cmd, T::augment_args_for_update)
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

impl<T: Subcommand> Subcommand for Lazy<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        declare(cmd, T::augment_subcommands)
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        declare(cmd, T::augment_subcommands_for_update)
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}
