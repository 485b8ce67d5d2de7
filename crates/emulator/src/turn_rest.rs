//! TURN REST credentials (draft-uberti-behave-turn-rest), the form coturn's `use-auth-secret` accepts and the
//! form KVS hands out: username `<expiry>:<id>`, password base64(HMAC-SHA1(secret, username)).

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use kvs_core::api::IceServer;
use sha1::Sha1;

pub fn password(secret: &str, username: &str) -> String {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The longest Username the service's model (and the C SDK's MAX_ICE_CONFIG_USER_NAME_LEN) allows.
const MAX_USERNAME: usize = 256;

/// One ICE server entry for `uris`, valid for `ttl` seconds from `now`. The id is cut so that the username stays
/// within [`MAX_USERNAME`] (client ids are ASCII).
pub fn mint(uris: &[String], secret: &str, id: &str, now: u64, ttl: u32) -> IceServer {
    let expiry = (now + u64::from(ttl)).to_string();
    let room = MAX_USERNAME - expiry.len() - 1;
    let id: String = id.chars().take(room).collect();
    let username = format!("{expiry}:{id}");
    IceServer {
        uris: uris.to_vec(),
        password: Some(password(secret, &username)),
        username: Some(username),
        ttl: Some(ttl),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same computation as `printf %s "$U" | openssl dgst -binary -sha1 -hmac SECRET | base64`.
    #[test]
    fn matches_openssl() {
        assert_eq!(password("kvs-emulator-shared-secret", "1700000300:kvsviewer"), "uNrJMYccr5RYYutM0iYt0TkTYK8=");
        let server = mint(&["turns:localhost:5349?transport=tcp".into()], "s", "c1", 1000, 300);
        assert_eq!(server.username.as_deref(), Some("1300:c1"));
        assert_eq!(server.ttl, Some(300));
        let long = mint(&[], "s", &"c".repeat(256), 1_700_000_000, 300);
        assert_eq!(long.username.unwrap().len(), MAX_USERNAME);
    }
}
