//! End-to-end tests: the kvs-esp binary against a spawned emulator (and against the AWS CLI), on loopback.

// The firmware's modules compiled here use `alloc::` paths, as a no_std crate does.
extern crate alloc;

#[path = "../support/mod.rs"]
mod support;

mod aws_cli;
mod channel;
mod completions;
mod diagnose;
mod doctor;
mod emulator;
mod endpoint_cache;
mod errors;
mod firmware_ws;
mod flash;
mod interop;
mod monitor;
mod signaling;
mod turn;
