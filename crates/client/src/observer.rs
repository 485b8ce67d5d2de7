//! What a call has to say while it runs, beyond its result: typed notices that the binary renders once, as
//! text for people (by verbosity) or JSON for scripts. Libraries never print.

use kvs_core::event::Event;
use std::path::PathBuf;

/// One thing worth telling while a command runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A diagnostic event line: every API call, state change, frame (shown with `-v`).
    Event(Event),
    /// The local clock is this far from the service's; later requests are signed with the service's time.
    ClockSkew { offset_ms: i64 },
    /// The endpoint cache file could not be read; it is ignored and will be rewritten.
    CacheUnreadable { path: PathBuf },
    /// The endpoint cache could not be updated (the command goes on without it).
    CacheNotWritten { why: String },
    /// A cached endpoint answered 404: the cache entry is dropped and the endpoints are looked up again.
    StaleCachedEndpoint,
    /// Opening a WebSocket (the URL's secrets redacted); debug detail.
    Connecting { url: String },
    /// A WebSocket handshake failed, and how; debug detail (the machine decides what follows).
    HandshakeFailed { detail: String },
    /// The presigned URL could not be made; the machine retries.
    PresignFailed { why: String },
    /// Credentials were fetched (or refreshed): which key, from which provider of the chain, until when.
    Credentials { access_key_id: String, provider: String, expiry: Option<std::time::SystemTime> },
}

/// Receives notices. Implementations must be cheap: they are called from inside network code.
pub trait Observer: Send + Sync {
    fn notice(&self, notice: Notice);
}

/// An observer that ignores everything: for callers that only want results.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Observer for Silent {
    fn notice(&self, _: Notice) {}
}
