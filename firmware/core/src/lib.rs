//! The portable core of kvs-esp: everything about Amazon KVS WebRTC signaling that does not depend on a
//! platform. It is `no_std` + `alloc` so that the host CLI and the ESP32 firmware share one definition of
//! the protocol: the validated names, the API request and response shapes, the service's error format,
//! SigV4, and the endpoint-cache record. It performs no I/O and reads no clock; callers pass time in.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod api;
pub mod cache;
pub mod diagnostic;
pub mod endpoint;
pub mod event;
pub mod http1;
pub mod message;
pub mod names;
pub mod provision;
pub mod service_error;
pub mod signaling;
pub mod sigv4;
pub mod skew;
pub mod stun;
pub mod time;
pub mod webrtc;

/// A seeded xorshift stream for the random-input tests (the core has no dependency to draw random numbers from).
#[cfg(test)]
pub(crate) fn test_noise(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// The SigV4 signing name of every KVS API (control plane, signaling HTTPS API and the WSS data plane).
pub const SIGNING_SERVICE: &str = "kinesisvideo";
