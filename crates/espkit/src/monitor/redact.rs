//! Secrets never leave the port thread: the provisioning line carries the AWS secret key, the session token and
//! the Wi-Fi passphrase, and a console that echoes (or a firmware that logs what it got) sends them back. Every
//! line the device sends passes here before anything shows it.

use kvs_core::provision::{self, PREFIX};

const REDACTED: &[u8] = b"<redacted>";
/// The provisioning fields whose values are secret.
const SECRET_FIELDS: [&str; 3] = ["wifi_password", "secret_access_key", "session_token"];
/// Shorter values are not searched for on their own (a one-letter passphrase would blank out half the log).
const MIN_SECRET_LEN: usize = 4;

/// What the host has written to the device, remembered so that it is never shown when it comes back.
#[derive(Debug, Default)]
pub struct Redactor {
    secrets: Vec<Vec<u8>>,
}

impl Redactor {
    /// Learns the secrets of a provisioning line the host is about to write.
    pub fn learn(&mut self, written: &[u8]) {
        let Ok(text) = std::str::from_utf8(written) else { return };
        let Ok(provisioning) = provision::parse_line(text.trim_end()) else { return };
        let values =
            [Some(provisioning.wifi_password), Some(provisioning.secret_access_key), provisioning.session_token];
        for secret in values.into_iter().flatten() {
            if secret.len() >= MIN_SECRET_LEN && !self.secrets.iter().any(|s| s == secret.as_bytes()) {
                self.secrets.push(secret.into_bytes());
            }
        }
    }

    /// The line with every known secret, and every secret field of a provisioning line, replaced.
    pub fn line(&self, mut line: Vec<u8>) -> Vec<u8> {
        for secret in &self.secrets {
            line = replace_all(&line, secret);
        }
        if find(&line, PREFIX.trim_end().as_bytes()).is_some() {
            for field in SECRET_FIELDS {
                line = mask_json_string(&line, field);
            }
        }
        line
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn replace_all(line: &[u8], secret: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = find(rest, secret) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(REDACTED);
        rest = &rest[at + secret.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Replaces the value of every `"field": "…"` (JSON escapes honoured; an unterminated value to the end of the line).
fn mask_json_string(line: &[u8], field: &str) -> Vec<u8> {
    let key = format!("\"{field}\"");
    let mut out = Vec::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = find(rest, key.as_bytes()) {
        let after_key = at + key.len();
        out.extend_from_slice(&rest[..after_key]);
        rest = &rest[after_key..];
        let colon = rest.iter().take_while(|b| b.is_ascii_whitespace() || **b == b':').count();
        if rest.get(colon) != Some(&b'"') {
            continue;
        }
        out.extend_from_slice(&rest[..=colon]);
        let value = &rest[colon + 1..];
        let mut end = 0;
        let mut escaped = false;
        while end < value.len() && (escaped || value[end] != b'"') {
            escaped = !escaped && value[end] == b'\\';
            end += 1;
        }
        out.extend_from_slice(REDACTED);
        rest = &value[end..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"KVS-PROVISION {"v":1,"wifi_ssid":"lab","wifi_password":"hunter22","region":"us-west-2","channel":"c","role":"MASTER","client_id":"esp32-c","access_key_id":"AKIDEXAMPLEEXAMPLE","secret_access_key":"wJalrXUtn\"FEMI/K7","session_token":"FQoGZXIvYXdzEXAMPLE"}"#;

    fn shown(redactor: &Redactor, line: &str) -> String {
        String::from_utf8(redactor.line(line.as_bytes().to_vec())).unwrap()
    }

    #[test]
    fn an_echoed_provisioning_line_shows_no_secret() {
        let mut redactor = Redactor::default();
        redactor.learn(format!("{LINE}\n").as_bytes());
        for echoed in [LINE.to_string(), format!("I (12) console: got {LINE}"), LINE[..LINE.len() - 30].to_string()] {
            let text = shown(&redactor, &echoed);
            for secret in ["hunter22", "wJalrXUtn", "FEMI/K7", "FQoGZXIvYXdzEXAMPLE"] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
            assert!(text.contains("AKIDEXAMPLEEXAMPLE") && text.contains("\"wifi_ssid\":\"lab\""), "{text}");
        }
        assert_eq!(
            shown(&redactor, "E (9) kvs: token FQoGZXIvYXdzEXAMPLE refused"),
            "E (9) kvs: token <redacted> refused"
        );
    }

    #[test]
    fn a_provisioning_line_the_host_never_wrote_is_masked_too() {
        let text = shown(&Redactor::default(), LINE);
        assert!(!text.contains("hunter22") && !text.contains("FQoGZXIvYXdzEXAMPLE"), "{text}");
        assert_eq!(shown(&Redactor::default(), "I (1) wifi: connected"), "I (1) wifi: connected");
    }
}
