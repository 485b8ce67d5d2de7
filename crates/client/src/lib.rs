//! The host's KVS WebRTC client: credentials and region from the AWS default chain, SigV4, the HTTPS transport,
//! the typed API calls, the endpoint cache, the tokio driver of the core's signaling machine, the TURN client and
//! its TLS probe, and the doctor's checks.
//!
//! It takes plain configuration and never prints: calls return values or typed errors, long-running work
//! reports through an [`Observer`] (typed [`Notice`]s), and reports are data the binary renders once.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod api;
pub mod aws;
pub mod cache;
pub mod doctor;
pub mod error;
mod fsutil;
pub mod observer;
pub mod peer;
pub mod resolve;
pub mod signal;
pub mod time;
pub mod turn;

pub use error::{Error, Kind, Result};
pub use observer::{Notice, Observer};
