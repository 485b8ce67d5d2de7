//! STUN and TURN, once for host and device: the message codec, a Binding query (server-reflexive address), a
//! TURN allocation, and ICE connectivity checks — each a sans-IO machine in the style of the signaling machine
//! (bytes and time in, bytes and events out), so that the host's TURN client, `turn-tls probe`, the virtual
//! device and the firmware measure the same thing.

pub mod binding;
pub mod ice;
pub mod message;
pub mod paths;
mod small_map;
pub mod transactions;
pub mod turn;
pub mod uri;

#[cfg(test)]
mod tests;

pub use binding::{Binding, BindingOutcome};
pub use ice::IceCredentials;
pub use turn::{Allocation, TurnConfig, TurnError, TurnEvent, TurnOutput};
pub use uri::TurnUri;
