//! End-to-end tests: the kvs-esp binary against the emulator (and against the AWS CLI), on loopback.

use kvs_test_support as support;

mod aws_cli;
mod channel;
mod chromium;
mod completions;
mod diagnose;
mod doctor;
mod emulator;
mod emulator_limits;
mod endpoint_cache;
mod errors;
mod flash;
mod ingestion;
mod interop;
mod layout;
mod monitor;
mod monitor_unwind;
mod renewal;
mod signaling;
mod storage;
mod turn;
mod webrtc;
