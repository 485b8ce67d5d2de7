//! A successful answer's body, serialized once and straight from its model type: no `serde_json::Value` is built
//! between the handler and the wire.

use bytes::Bytes;
use serde::Serialize;

/// The JSON bytes of an answer; empty for an operation with no output (JoinStorageSession), as the service sends.
#[derive(Debug)]
pub struct Reply(Bytes);

impl Reply {
    pub fn json(body: &impl Serialize) -> Reply {
        // Room for a channel's description at once, where `to_vec`'s 128 bytes grew twice.
        let mut json = Vec::with_capacity(512);
        // The model types serialize to JSON without fail (no map has keys other than strings).
        match serde_json::to_writer(&mut json, body) {
            Ok(()) => Reply(Bytes::from(json)),
            Err(_) => Reply::none(),
        }
    }

    /// An answer serialized before, and kept.
    pub fn shared(body: Bytes) -> Reply {
        Reply(body)
    }

    /// `{}`: what an operation whose output has no members answers.
    pub fn empty_object() -> Reply {
        Reply(Bytes::from_static(b"{}"))
    }

    /// No body at all.
    pub fn none() -> Reply {
        Reply(Bytes::new())
    }

    pub fn into_bytes(self) -> Bytes {
        self.0
    }
}
