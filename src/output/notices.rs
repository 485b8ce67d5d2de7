//! The client library's notices, rendered: events with `-v`, clock and cache trouble as warnings, connection
//! detail with `-vv`.

use super::Output;
use kvs_client::aws::clock::describe_offset;
use kvs_client::{Notice, Observer};

impl Observer for Output {
    fn notice(&self, notice: Notice) {
        match notice {
            Notice::Event(event) => self.detail(1, &format!("kvs: {event}")),
            Notice::ClockSkew { offset_ms } => self.warn(&format!(
                "this computer's clock is {} the service's; signing with the service's time from now on \
                 (fix the clock: timedatectl set-ntp true)",
                describe_offset(offset_ms)
            )),
            Notice::CacheUnreadable { path } => {
                self.warn(&format!("ignoring the unreadable endpoint cache {}; it will be rewritten", path.display()))
            }
            Notice::CacheNotWritten { why } => self.warn(&why),
            Notice::StaleCachedEndpoint => self.note("the cached endpoint answered 404; looking it up again"),
            Notice::Connecting { url } => self.detail(2, &format!("kvs-esp: connecting to {url}")),
            Notice::HandshakeFailed { detail } => self.detail(2, &format!("kvs-esp: handshake failed: {detail}")),
            Notice::PresignFailed { why } => self.warn(&format!("cannot presign the WebSocket URL: {why}")),
            Notice::Credentials { access_key_id, provider, expiry } => {
                let until = expiry.map(|at| format!(", expiring {}", httpdate::fmt_http_date(at))).unwrap_or_default();
                self.detail(1, &format!("kvs-esp: credentials: access key {access_key_id} from {provider}{until}"));
            }
        }
    }
}
