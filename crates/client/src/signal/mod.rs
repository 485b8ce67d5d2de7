//! A WebSocket signaling session as master or viewer: the tokio driver of the core's machine ([`session`]), the
//! presigned WebSocket ([`websocket`]), the message lines a user sends ([`input`]) and when a session ends
//! ([`Until`]).

pub mod input;
pub mod session;
mod until;
pub mod websocket;

pub use until::Until;
