//! The provisioning line. No secret is compiled into a firmware image: after boot the device prints a prompt
//! and waits for one line on the serial console carrying Wi-Fi settings, the channel and short-lived AWS
//! credentials, which it keeps in RAM only. The host's `flash` and `monitor` commands write it.
//!
//! The line is `KVS-PROVISION ` followed by a JSON object (JSON escapes whatever Wi-Fi passwords and session
//! tokens contain):
//!
//! ```text
//! KVS-PROVISION {"v":1,"wifi_ssid":"lab","wifi_password":"…","region":"us-west-2","channel":"cam-1",
//!   "role":"MASTER","client_id":"esp32-cam-1","access_key_id":"ASIA…","secret_access_key":"…",
//!   "session_token":"…","expiration":1795620000}
//! ```
//!
//! `session_token` and `expiration` (Unix seconds) are optional. Nothing of it is stored on the device: without
//! credentials kept, kept Wi-Fi settings would let it do nothing alone (a `keep_wifi` that older hosts write is
//! accepted and ignored).
//!
//! Credentials with an expiration are asked for again before they run out ([`CredentialLifetime`]): the device
//! prompts with `reason=expiring` while it keeps signaling, takes the new line without dropping its WebSocket,
//! and if none comes, stops signaling at the expiration (`ev=credentials-expired`) and prompts with
//! `reason=expired` until it is provisioned again.

use crate::names::{ChannelRef, ClientId, Region, Role};
use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use serde::{Deserialize, Serialize};

pub const PREFIX: &str = "KVS-PROVISION ";
/// Credentials are asked for again this long before they expire (the AWS SDKs refresh theirs as early).
pub const RENEW_BEFORE_SECS: u64 = 5 * 60;
/// While credentials are expiring, the prompt repeats this often.
pub const RENEWAL_PROMPT_EVERY_SECS: u64 = 30;
pub const VERSION: u32 = 1;
/// Session tokens run to a couple of KiB; a line longer than this is not a provisioning line.
pub const MAX_LINE: usize = 8192;

/// What the device needs to run the signaling flow.
#[derive(Clone, PartialEq, Eq)]
pub struct Provisioning {
    pub wifi_ssid: String,
    pub wifi_password: String,
    pub region: Region,
    pub channel: ChannelRef,
    pub role: Role,
    pub client_id: ClientId,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub expiration: Option<u64>,
}

impl Provisioning {
    /// Whether this line only renews `current`'s credentials: the same channel, role, region and client id. Only
    /// credentials change while a device signals; anything else takes a reset.
    pub fn renews(&self, current: &Provisioning) -> bool {
        (&self.channel, self.role, &self.region, &self.client_id)
            == (&current.channel, current.role, &current.region, &current.client_id)
    }
}

impl fmt::Debug for Provisioning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provisioning")
            .field("wifi_ssid", &self.wifi_ssid)
            .field("wifi_password", &"<redacted>")
            .field("region", &self.region)
            .field("channel", &self.channel)
            .field("role", &self.role)
            .field("client_id", &self.client_id)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field("session_token", &self.session_token.as_ref().map(|_| "<redacted>"))
            .field("expiration", &self.expiration)
            .finish()
    }
}

crate::webrtc::vocabulary! {
    /// Why the device asks for a provisioning line.
    PromptReason {
        /// It has none yet (just booted).
        Unprovisioned => "unprovisioned",
        /// Its credentials expire soon; it keeps signaling meanwhile.
        Expiring => "expiring",
        /// Its credentials expired; signaling stopped until new ones come.
        Expired => "expired",
    }
}

/// What a device's credentials call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    /// Prompt for fresh credentials (`reason=expiring`); keep signaling.
    Prompt,
    /// They have expired: stop signaling, say so, and prompt with `reason=expired` until provisioned again.
    Expire,
}

/// The lifetime of the credentials a device runs with: when to ask for fresh ones, and when to stop. Time is Unix
/// seconds, as `expiration` is; the driver polls it (once a second is plenty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialLifetime {
    expiration: Option<u64>,
    renew_at: Option<u64>,
    prompted_at: Option<u64>,
    expired: bool,
}

impl CredentialLifetime {
    /// Credentials that expire at `expiration`, taken at `now`. They are asked for again
    /// [`RENEW_BEFORE_SECS`] before they expire, or halfway through what is left of credentials that last less
    /// than twice that.
    pub fn new(expiration: Option<u64>, now: u64) -> CredentialLifetime {
        let renew_at = expiration.map(|at| at - RENEW_BEFORE_SECS.min(at.saturating_sub(now) / 2));
        CredentialLifetime { expiration, renew_at, prompted_at: None, expired: false }
    }

    /// What to do at `now`, if anything: a prompt every [`RENEWAL_PROMPT_EVERY_SECS`] from the renewal time,
    /// then, once, the expiry.
    pub fn poll(&mut self, now: u64) -> Option<Renewal> {
        let (expiration, renew_at) = (self.expiration?, self.renew_at?);
        if self.expired {
            return None;
        }
        if now >= expiration {
            self.expired = true;
            return Some(Renewal::Expire);
        }
        let due = now >= renew_at && self.prompted_at.is_none_or(|at| now >= at + RENEWAL_PROMPT_EVERY_SECS);
        if due {
            self.prompted_at = Some(now);
        }
        due.then_some(Renewal::Prompt)
    }

    /// New credentials, taken at `now`. Ones that last no longer than those they replace keep the prompts'
    /// cadence: the host had nothing fresher yet, and is asked again in [`RENEWAL_PROMPT_EVERY_SECS`].
    pub fn renew(&mut self, expiration: Option<u64>, now: u64) {
        let fresher = match (expiration, self.expiration) {
            (Some(new), Some(old)) => new > old,
            _ => true,
        };
        let (renew_at, prompted_at) = (self.renew_at, self.prompted_at);
        *self = CredentialLifetime::new(expiration, now);
        if !fresher {
            (self.renew_at, self.prompted_at) = (renew_at, prompted_at);
        }
    }

    /// How long the credentials last from `now` (`None`: they do not expire); the `ev=provisioned` a device
    /// prints when it takes them.
    pub fn provisioned_event(&self, now: u64) -> crate::event::Event {
        crate::event::Event::Provisioned { expires_in: self.expiration.map(|at| at.saturating_sub(now)) }
    }

    pub fn is_expired(&self) -> bool {
        self.expired
    }
}

/// Why a line was refused; the text names the field and never repeats a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProvisionError {
    /// The line does not start with `KVS-PROVISION `: ordinary console input, ignored quietly.
    NotProvisioning,
    TooLong(usize),
    NotJson(String),
    UnsupportedVersion(u32),
    Missing(&'static str),
    Invalid {
        field: &'static str,
        why: String,
    },
}

impl fmt::Display for ProvisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProvisionError::NotProvisioning => {
                write!(f, "not a provisioning line (it starts with \"{}\")", PREFIX.trim())
            }
            ProvisionError::TooLong(n) => write!(f, "the line is {n} bytes; at most {MAX_LINE}"),
            ProvisionError::NotJson(why) => write!(f, "the provisioning line is not a JSON object: {why}"),
            ProvisionError::UnsupportedVersion(v) => {
                write!(f, "provisioning version {v} is not supported (this firmware reads {VERSION})")
            }
            ProvisionError::Missing(field) => write!(f, "{field} is missing"),
            ProvisionError::Invalid { field, why } => write!(f, "invalid {field}: {why}"),
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Wire {
    v: Option<u32>,
    wifi_ssid: Option<String>,
    wifi_password: Option<String>,
    region: Option<String>,
    channel: Option<String>,
    role: Option<String>,
    client_id: Option<String>,
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration: Option<u64>,
    /// Written by older hosts; accepted and ignored.
    #[serde(default, skip_serializing, rename = "keep_wifi")]
    _keep_wifi: bool,
}

fn invalid(field: &'static str, why: impl Into<String>) -> ProvisionError {
    ProvisionError::Invalid { field, why: why.into() }
}

fn required(value: Option<String>, field: &'static str) -> Result<String, ProvisionError> {
    value.ok_or(ProvisionError::Missing(field))
}

/// Reads one console line. Trailing `\r`/`\n` are ignored.
pub fn parse_line(line: &str) -> Result<Provisioning, ProvisionError> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.len() > MAX_LINE {
        return Err(ProvisionError::TooLong(line.len()));
    }
    let json = line.strip_prefix(PREFIX).ok_or(ProvisionError::NotProvisioning)?;
    let wire: Wire = serde_json::from_str(json).map_err(|e| ProvisionError::NotJson(e.to_string()))?;
    match wire.v {
        Some(VERSION) => {}
        Some(other) => return Err(ProvisionError::UnsupportedVersion(other)),
        None => return Err(ProvisionError::Missing("v")),
    }
    let wifi_ssid = required(wire.wifi_ssid, "wifi_ssid")?;
    if wifi_ssid.is_empty() || wifi_ssid.len() > 32 {
        return Err(invalid("wifi_ssid", "a Wi-Fi SSID is 1–32 bytes"));
    }
    let wifi_password = wire.wifi_password.unwrap_or_default();
    let hex_key = wifi_password.len() == 64 && wifi_password.bytes().all(|b| b.is_ascii_hexdigit());
    if !wifi_password.is_empty() && !hex_key && !(8..=63).contains(&wifi_password.len()) {
        return Err(invalid(
            "wifi_password",
            "a WPA2 passphrase is 8–63 characters (or 64 hex digits; empty for an open network)",
        ));
    }
    let region = Region::new(required(wire.region, "region")?).map_err(|e| invalid("region", e.rule))?;
    let channel: ChannelRef = required(wire.channel, "channel")?
        .parse()
        .map_err(|e: crate::names::InvalidName| invalid("channel", e.rule))?;
    let role = match required(wire.role, "role")?.to_ascii_uppercase().as_str() {
        "MASTER" => Role::Master,
        "VIEWER" => Role::Viewer,
        other => return Err(invalid("role", format!("\"{other}\" is neither MASTER nor VIEWER"))),
    };
    let client_id = ClientId::new(required(wire.client_id, "client_id")?).map_err(|e| invalid("client_id", e.rule))?;
    let access_key_id = required(wire.access_key_id, "access_key_id")?;
    if !(16..=128).contains(&access_key_id.len()) || !access_key_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(invalid("access_key_id", "an access key id is 16–128 letters and digits"));
    }
    let secret_access_key = required(wire.secret_access_key, "secret_access_key")?;
    if secret_access_key.is_empty() || secret_access_key.len() > 128 {
        return Err(invalid("secret_access_key", "the secret access key is 1–128 characters"));
    }
    if wire.session_token.as_deref().is_some_and(str::is_empty) {
        return Err(invalid("session_token", "leave it out rather than empty"));
    }
    if wire.expiration == Some(0) {
        return Err(invalid("expiration", "expected Unix seconds"));
    }
    Ok(Provisioning {
        wifi_ssid,
        wifi_password,
        region,
        channel,
        role,
        client_id,
        access_key_id,
        secret_access_key,
        session_token: wire.session_token,
        expiration: wire.expiration,
    })
}

/// Writes the line a device reads (the host side).
pub fn format_line(p: &Provisioning) -> String {
    let wire = Wire {
        v: Some(VERSION),
        wifi_ssid: Some(p.wifi_ssid.clone()),
        wifi_password: Some(p.wifi_password.clone()),
        region: Some(p.region.to_string()),
        channel: Some(p.channel.to_string()),
        role: Some(p.role.as_str().to_string()),
        client_id: Some(p.client_id.to_string()),
        access_key_id: Some(p.access_key_id.clone()),
        secret_access_key: Some(p.secret_access_key.clone()),
        session_token: p.session_token.clone(),
        expiration: p.expiration,
        _keep_wifi: false,
    };
    format!("{PREFIX}{}", serde_json::to_string(&wire).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_for_fresh_credentials_before_they_expire_then_stops() {
        // An hour's credentials: prompts from 5 minutes before, every 30 s, then the expiry once.
        let mut lifetime = CredentialLifetime::new(Some(10_000), 6_400);
        assert_eq!(lifetime.provisioned_event(6_400), crate::event::Event::Provisioned { expires_in: Some(3_600) });
        assert_eq!(lifetime.poll(9_699), None);
        assert_eq!(lifetime.poll(9_700), Some(Renewal::Prompt));
        assert_eq!(lifetime.poll(9_729), None);
        assert_eq!(lifetime.poll(9_730), Some(Renewal::Prompt));
        assert_eq!(lifetime.poll(10_000), Some(Renewal::Expire));
        assert!(lifetime.is_expired());
        assert_eq!(lifetime.poll(10_001), None);
        // Short-lived credentials are renewed halfway through what is left.
        let mut short = CredentialLifetime::new(Some(1_020), 1_000);
        assert_eq!((short.poll(1_009), short.poll(1_010)), (None, Some(Renewal::Prompt)));
        // Already expired when taken: the expiry at once, no prompt first.
        assert_eq!(CredentialLifetime::new(Some(1_000), 1_500).poll(1_500), Some(Renewal::Expire));
        // Renewed with the same expiration: asked again after the usual pause, not at once.
        let mut stale = CredentialLifetime::new(Some(10_000), 6_400);
        assert_eq!(stale.poll(9_700), Some(Renewal::Prompt));
        stale.renew(Some(10_000), 9_701);
        assert_eq!((stale.poll(9_702), stale.poll(9_730)), (None, Some(Renewal::Prompt)));
        stale.renew(Some(13_600), 9_731);
        assert_eq!((stale.poll(13_299), stale.poll(13_300)), (None, Some(Renewal::Prompt)));
        // Credentials without an expiration never call for anything.
        let mut forever = CredentialLifetime::new(None, 0);
        assert_eq!(
            (forever.poll(u64::MAX), forever.provisioned_event(5)),
            (None, crate::event::Event::Provisioned { expires_in: None })
        );
    }

    const GOOD: &str = r#"KVS-PROVISION {"v":1,"wifi_ssid":"lab net","wifi_password":"p@ss word;=","region":"us-west-2","channel":"cam-1","role":"master","client_id":"esp32-cam-1","access_key_id":"ASIAEXAMPLEEXAMPLE12","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","session_token":"FQoG/ZXIv+YXdz==","expiration":1795620000}"#;

    #[test]
    fn reads_and_round_trips() {
        let p = parse_line(&alloc::format!("{GOOD}\r\n")).unwrap();
        assert_eq!((p.wifi_ssid.as_str(), p.role, p.client_id.as_str()), ("lab net", Role::Master, "esp32-cam-1"));
        assert_eq!(p.session_token.as_deref(), Some("FQoG/ZXIv+YXdz=="));
        assert_eq!(parse_line(&format_line(&p)).unwrap(), p);
        let debug = alloc::format!("{p:?}");
        assert!(!debug.contains("p@ss") && !debug.contains("wJalr") && !debug.contains("FQoG"), "{debug}");
    }

    #[test]
    fn a_renewal_keeps_the_channel_role_region_and_client() {
        let current = parse_line(GOOD).unwrap();
        let renewed = parse_line(&GOOD.replace("ASIAEXAMPLEEXAMPLE12", "ASIANEWKEYEXAMPLE123")).unwrap();
        assert!(renewed.renews(&current));
        assert!(!parse_line(&GOOD.replace("cam-1\",\"role", "cam-2\",\"role")).unwrap().renews(&current));
        assert!(!parse_line(&GOOD.replace("\"master\"", "\"viewer\"")).unwrap().renews(&current));
    }

    #[test]
    fn refuses_with_clear_errors() {
        let cases: [(&str, &str); 11] = [
            ("hello world", "not a provisioning line"),
            ("KVS-PROVISION nope", "not a JSON object"),
            (r#"KVS-PROVISION {"v":2}"#, "version 2"),
            (r#"KVS-PROVISION {"v":1}"#, "wifi_ssid is missing"),
            (r#"KVS-PROVISION {"v":1,"extra":1}"#, "not a JSON object"),
            (&GOOD.replace("\"lab net\"", "\"\""), "invalid wifi_ssid"),
            (&GOOD.replace("p@ss word;=", "short"), "invalid wifi_password"),
            (&GOOD.replace("us-west-2", "Mars"), "invalid region"),
            (&GOOD.replace("\"master\"", "\"boss\""), "invalid role"),
            (&GOOD.replace("esp32-cam-1", "AWS_cam"), "invalid client_id"),
            (&GOOD.replace("ASIAEXAMPLEEXAMPLE12", "short"), "invalid access_key_id"),
        ];
        for (line, expected) in cases {
            let err = parse_line(line).unwrap_err().to_string();
            assert!(err.contains(expected), "{line}: {err}");
            assert!(!err.contains("wJalr"), "secrets never appear in errors: {err}");
        }
        assert_eq!(parse_line(&"x".repeat(MAX_LINE + 1)), Err(ProvisionError::TooLong(MAX_LINE + 1)));
    }
}
