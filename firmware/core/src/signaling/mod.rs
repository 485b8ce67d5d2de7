//! The sans-IO signaling machine: DESCRIBE → (CREATE) → GET_ENDPOINT → GET_ICE_CONFIG → CONNECT → CONNECTED,
//! with the KVS C SDK's transitions, backoff, ICE refresh, GO_AWAY and keepalive. It performs no I/O and reads
//! no clock: the driver (tokio on the host, embassy on the device) feeds it responses, socket events, frames
//! and the time, and drains what to do next with [`Machine::poll_output`] and [`Machine::poll_timeout`].

pub mod backoff;
mod machine;
mod metrics;
mod types;

pub use backoff::Backoff;
pub use machine::Machine;
pub use metrics::Metrics;
pub use types::{
    Config, ConnectRequest, Endpoints, Failure, FailureKind, HttpOutcome, HttpRequest, Output, SendError, State,
    Target, Timing,
};

#[cfg(test)]
mod tests;
