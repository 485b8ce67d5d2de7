//! AWS Signature Version 4, without I/O or a clock, for the device and for the emulator's verifier.
//!
//! The host signs with the `aws-sigv4` crate; this implementation exists because the firmware needs a
//! `no_std` signer and because a verifier must rebuild the canonical request from whatever `SignedHeaders` a
//! client declares (the C SDK signs `user-agent`, botocore `content-type;host;x-amz-date`, the JS SDK v3 a
//! longer list). Both are checked against the same known-answer vectors and against each other.
//!
//! What a verifier runs for every request (the digests, the canonical request, the string to sign) is `#[inline]`:
//! compiled in the calling crate, at its opt-level, together with the hash's generic code it instantiates. The
//! emulator, built for speed, spent more of its verification in that generic code compiled for size here than in
//! SHA-256 itself; the firmware and the CLI keep their size.

use crate::time::amz_date;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The hex SHA-256 of the empty payload, used for presigned GETs (not `UNSIGNED-PAYLOAD`).
pub const EMPTY_PAYLOAD_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Long-term or temporary AWS credentials, borrowed for one signature.
#[derive(Clone, Copy)]
pub struct Credentials<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub session_token: Option<&'a str>,
}

impl core::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field("session_token", &self.session_token.map(|_| "<redacted>"))
            .finish()
    }
}

#[inline]
pub fn hex_sha256(data: &[u8]) -> String {
    hex_digest(&Sha256::digest(data).into())
}

/// A digest in lowercase hex: a table lookup into a buffer, then one copy (the emulator makes three of these for
/// every request it verifies).
#[inline]
fn hex_digest(digest: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = [0u8; 64];
    for (pair, byte) in text.chunks_exact_mut(2).zip(digest) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    // Hex digits are ASCII.
    String::from(core::str::from_utf8(&text).unwrap_or_default())
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The derived key `AWS4`+secret → date → region → service → `aws4_request`.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_secret = format!("AWS4{secret}");
    let k_date = hmac(k_secret.as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// The hex signature of a string to sign.
pub fn signature(key: &[u8; 32], string_to_sign: &str) -> String {
    Signer::new(key).sign(string_to_sign)
}

/// A signing key with its HMAC's padded key blocks already hashed: a verifier that checks every request made under
/// one key and day keeps this rather than the key, and saves two of the seven SHA-256 blocks each signature costs.
#[derive(Clone)]
pub struct Signer(Hmac<Sha256>);

impl Signer {
    pub fn new(key: &[u8; 32]) -> Signer {
        Signer(<Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length"))
    }

    /// The hex signature of a string to sign.
    #[inline]
    pub fn sign(&self, string_to_sign: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(string_to_sign.as_bytes());
        hex_digest(&mac.finalize().into_bytes().into())
    }
}

/// Percent-encodes per RFC 3986 (only `A–Z a–z 0–9 - _ . ~` stay literal); `/` optionally kept.
pub fn uri_encode(input: &str, encode_slash: bool) -> String {
    let literal =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || (b == b'/' && !encode_slash);
    if input.bytes().all(literal) {
        return String::from(input);
    }
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if literal(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` kept literal, as SigV4 expects); `None` on a malformed escape or bad UTF-8.
pub fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = input.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The canonical query string: each name and value encoded, sorted by name then value, joined by `&`.
pub fn canonical_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut encoded: Vec<(String, String)> =
        pairs.into_iter().map(|(k, v)| (uri_encode(k, true), uri_encode(v, true))).collect();
    encoded.sort();
    let mut out = String::new();
    for (i, (k, v)) in encoded.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Appends a header value trimmed and with runs of spaces collapsed, as the canonical form requires.
#[inline]
fn push_canonical_header_value(out: &mut String, value: &str) {
    let start = out.len();
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(word.trim_matches(|c: char| c == '\t'));
    }
}

/// Builds the canonical request. `headers` are `(lowercase name, value)` pairs in any order; all of them are
/// signed. Returns the canonical request and the `SignedHeaders` list. Written into one buffer sized up front:
/// the emulator rebuilds one for every request it verifies.
#[inline]
pub fn canonical_request(
    method: &str,
    canonical_uri: &str,
    canonical_query: &str,
    headers: &[(&str, &str)],
    payload_hash: &str,
) -> (String, String) {
    let mut sorted: Vec<&(&str, &str)> = headers.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut signed = String::with_capacity(headers.iter().map(|(name, _)| name.len() + 1).sum());
    for (i, (name, _)) in sorted.iter().enumerate() {
        if i > 0 {
            signed.push(';');
        }
        signed.push_str(name);
    }
    let headers_len: usize = headers.iter().map(|(name, value)| name.len() + value.len() + 2).sum();
    let mut request = String::with_capacity(
        method.len()
            + canonical_uri.len()
            + canonical_query.len()
            + headers_len
            + signed.len()
            + payload_hash.len()
            + 5,
    );
    for part in [method, canonical_uri, canonical_query] {
        request.push_str(part);
        request.push('\n');
    }
    for (name, value) in sorted {
        request.push_str(name);
        request.push(':');
        push_canonical_header_value(&mut request, value);
        request.push('\n');
    }
    request.push('\n');
    request.push_str(&signed);
    request.push('\n');
    request.push_str(payload_hash);
    (request, signed)
}

/// `<yyyymmdd>/<region>/<service>/aws4_request`.
pub fn credential_scope(date: &str, region: &str, service: &str) -> String {
    format!("{date}/{region}/{service}/aws4_request")
}

#[inline]
pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    let hash = hex_sha256(canonical_request.as_bytes());
    let mut text = String::with_capacity(ALGORITHM.len() + amz_date.len() + scope.len() + hash.len() + 3);
    for part in [ALGORITHM, amz_date, scope] {
        text.push_str(part);
        text.push('\n');
    }
    text.push_str(&hash);
    text
}

/// What a signed HTTP request must carry besides its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    pub x_amz_date: String,
    pub authorization: String,
    pub security_token: Option<String>,
}

/// One request to sign: the method, the host as sent in `Host` (with `:port` when not the default), the
/// path, extra headers to sign (lowercase names) and the body.
pub struct HttpRequest<'a> {
    pub method: &'a str,
    pub host: &'a str,
    pub path: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// Signs a request in the header form, signing `host`, `x-amz-date`, the token when there is one, and the
/// extra headers given (botocore signs `content-type` too).
pub fn sign_request(
    creds: &Credentials<'_>,
    region: &str,
    service: &str,
    unix_secs: u64,
    request: &HttpRequest<'_>,
) -> SignedHeaders {
    let x_amz_date = amz_date(unix_secs);
    let mut headers: Vec<(&str, &str)> = request.headers.to_vec();
    headers.push(("host", request.host));
    headers.push(("x-amz-date", &x_amz_date));
    if let Some(token) = creds.session_token {
        headers.push(("x-amz-security-token", token));
    }
    let (canonical, signed) =
        canonical_request(request.method, &uri_encode(request.path, false), "", &headers, &hex_sha256(request.body));
    let scope = credential_scope(&x_amz_date[..8], region, service);
    let key = signing_key(creds.secret_access_key, &x_amz_date[..8], region, service);
    let sig = signature(&key, &string_to_sign(&x_amz_date, &scope, &canonical));
    SignedHeaders {
        authorization: format!(
            "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed}, Signature={sig}",
            creds.access_key_id
        ),
        x_amz_date,
        security_token: creds.session_token.map(Into::into),
    }
}

/// A GET to presign (the WebSocket upgrade): the host as sent in `Host`, the path, the query parameters
/// before signing, and how long the URL stays valid.
pub struct PresignRequest<'a> {
    pub host: &'a str,
    pub path: &'a str,
    pub params: &'a [(&'a str, &'a str)],
    pub expires_secs: u32,
}

/// Presigns a GET: returns the full query string, `X-Amz-Signature` last. The session token, when present,
/// is inside the signed query, as the service requires.
pub fn presign_query(
    creds: &Credentials<'_>,
    region: &str,
    service: &str,
    unix_secs: u64,
    request: &PresignRequest<'_>,
) -> String {
    let PresignRequest { host, path, params, expires_secs } = *request;
    let x_amz_date = amz_date(unix_secs);
    let scope = credential_scope(&x_amz_date[..8], region, service);
    let credential = format!("{}/{scope}", creds.access_key_id);
    let expires = format!("{expires_secs}");
    let mut all: Vec<(&str, &str)> = params.to_vec();
    all.extend([
        ("X-Amz-Algorithm", ALGORITHM),
        ("X-Amz-Credential", credential.as_str()),
        ("X-Amz-Date", x_amz_date.as_str()),
        ("X-Amz-Expires", expires.as_str()),
        ("X-Amz-SignedHeaders", "host"),
    ]);
    if let Some(token) = creds.session_token {
        all.push(("X-Amz-Security-Token", token));
    }
    let query = canonical_query(all);
    let (canonical, _) =
        canonical_request("GET", &uri_encode(path, false), &query, &[("host", host)], EMPTY_PAYLOAD_SHA256);
    let key = signing_key(creds.secret_access_key, &x_amz_date[..8], region, service);
    let sig = signature(&key, &string_to_sign(&x_amz_date, &scope, &canonical));
    format!("{query}&X-Amz-Signature={sig}")
}

#[cfg(test)]
mod tests {
    //! Known-answer vectors from reference/real-peers.md, made by botocore and the KVS JS SDK.
    use super::*;

    const CREDS: Credentials<'static> = Credentials {
        access_key_id: "AKIDEXAMPLE",
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        session_token: None,
    };
    const TOKEN: &str = "FQoGZXIvYXdzEXAMPLETOKEN";
    const T: u64 = 1_704_164_645; // 2024-01-02T03:04:05Z
    const ARN: &str = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/demo/1700000000000";

    fn signature_of(authorization: &str) -> &str {
        authorization.rsplit("Signature=").next().unwrap()
    }

    #[test]
    fn header_vector_describe() {
        let body = br#"{"ChannelName": "demo"}"#;
        assert_eq!(hex_sha256(body), "2763f15cf0e2d9d647613f18267988542cbe9755324513fa3bb7c8b67a522d4c");
        let signed = sign_request(
            &CREDS,
            "us-west-2",
            "kinesisvideo",
            T,
            &HttpRequest {
                method: "POST",
                host: "kinesisvideo.us-west-2.amazonaws.com",
                path: "/describeSignalingChannel",
                headers: &[("content-type", "application/json")],
                body,
            },
        );
        assert!(signed.authorization.contains("SignedHeaders=content-type;host;x-amz-date,"));
        assert_eq!(
            signature_of(&signed.authorization),
            "2a68b5d36ab11f756b802bc25e347ec893718bb6f5fb47ea90f250870aa791e8"
        );
    }

    #[test]
    fn header_vector_ice_config_with_token() {
        let body = format!(r#"{{"ChannelARN": "{ARN}", "ClientId": "viewer1"}}"#);
        assert_eq!(hex_sha256(body.as_bytes()), "9de0234258d2039810e58cdde36d0dd6f19156a28ca91bfe5d9d41e8f08e198d");
        let creds = Credentials { session_token: Some(TOKEN), ..CREDS };
        let signed = sign_request(
            &creds,
            "us-west-2",
            "kinesisvideo",
            T,
            &HttpRequest {
                method: "POST",
                host: "r-1234abcd.kinesisvideo.us-west-2.amazonaws.com",
                path: "/v1/get-ice-server-config",
                headers: &[("content-type", "application/json")],
                body: body.as_bytes(),
            },
        );
        assert!(signed.authorization.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"));
        assert_eq!(
            signature_of(&signed.authorization),
            "80bafd42597c7b8bb406d7ab2858d2297d8f2cae91ed124465bca20e2db8c0ee"
        );
    }

    fn presigned_signature(creds: &Credentials<'_>, host: &str, path: &str, params: &[(&str, &str)]) -> String {
        let query = presign_query(
            creds,
            "us-west-2",
            "kinesisvideo",
            T,
            &PresignRequest { host, path, params, expires_secs: 299 },
        );
        query.rsplit("X-Amz-Signature=").next().unwrap().into()
    }

    #[test]
    fn presign_vectors() {
        let host = "m-1234abcd.kinesisvideo.us-west-2.amazonaws.com";
        let viewer = [("X-Amz-ChannelARN", ARN), ("X-Amz-ClientId", "viewer1")];
        assert_eq!(
            presigned_signature(&CREDS, host, "/", &viewer),
            "476f3e0c7400c981bf2b0a5cffb5fbcc4609a5d824a861cd940eb62fdfa2d872"
        );
        assert_eq!(
            presigned_signature(&CREDS, host, "/", &[("X-Amz-ChannelARN", ARN)]),
            "15ee20dbb18aa299ff19c9f1364c9d541f79ace0a2e1ef6010d9140320216b14"
        );
        let with_token = Credentials { session_token: Some(TOKEN), ..CREDS };
        assert_eq!(
            presigned_signature(&with_token, host, "/", &viewer),
            "e07133a57234ae66043eb9c5f2d45aafa574cca00599f5c754eee18a35cf6e2f"
        );
        assert_eq!(
            presigned_signature(&CREDS, "127.0.0.1:8443", "/some/path", &[("X-Amz-ChannelARN", ARN)]),
            "c2cd6ab09949aa92da4c4fe9d6607085fc0ae6a47c925515e6a60978fddd8393"
        );
    }

    #[test]
    fn canonical_query_matches_reference() {
        let query = presign_query(
            &CREDS,
            "us-west-2",
            "kinesisvideo",
            T,
            &PresignRequest {
                host: "m-1234abcd.kinesisvideo.us-west-2.amazonaws.com",
                path: "/",
                params: &[("X-Amz-ChannelARN", ARN), ("X-Amz-ClientId", "viewer1")],
                expires_secs: 299,
            },
        );
        assert!(query.starts_with(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-ChannelARN=arn%3Aaws%3Akinesisvideo%3Aus-west-2%3A123456789012%3Achannel%2Fdemo%2F1700000000000&X-Amz-ClientId=viewer1&X-Amz-Credential=AKIDEXAMPLE%2F20240102%2Fus-west-2%2Fkinesisvideo%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=299&X-Amz-SignedHeaders=host"
        ));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%3Ab%2F").as_deref(), Some("a:b/"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn canonical_request_sorts_headers_and_collapses_their_spaces() {
        let (canonical, signed) = canonical_request("GET", "/", "", &[("x-b", "  a   b  "), ("host", "h")], "e3");
        assert_eq!(canonical, "GET\n/\n\nhost:h\nx-b:a b\n\nhost;x-b\ne3");
        assert_eq!(signed, "host;x-b");
    }
}
