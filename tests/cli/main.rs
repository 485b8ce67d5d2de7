//! End-to-end tests: the kvs-esp binary against a spawned emulator (and against the AWS CLI), on loopback.

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
mod flash;
mod interop;
mod monitor;
mod signaling;
mod turn;
