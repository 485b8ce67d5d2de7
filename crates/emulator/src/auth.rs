//! SigV4 verification, generic over the client: the canonical request is rebuilt from whatever
//! `SignedHeaders` the request declares, the body bytes as received and the `Host` header as received
//! (port included), so botocore, the JS and Rust SDKs, the C SDK and kvs-esp all verify.

use super::api_error::ApiError;
use super::keys::KeyPair;
use kvs_core::sigv4::{self, ALGORITHM, EMPTY_PAYLOAD_SHA256, Signer};
use kvs_core::time::{amz_date, parse_amz_date};
use std::borrow::Cow;
use std::sync::Mutex;

/// What a request looks like to the verifier.
pub struct Incoming<'a> {
    pub method: &'a str,
    /// The path as received (still percent-encoded).
    pub path: &'a str,
    /// The raw query string, without `?`.
    pub query: &'a str,
    /// A header's values joined by `,`, by lowercase name (borrowed when it has one value, as nearly all do).
    pub header: &'a dyn Fn(&str) -> Option<Cow<'a, str>>,
    pub body: &'a [u8],
}

/// The checks' settings: the emulated region, the clock, the tolerance.
pub struct Verifier<'a> {
    pub keys: &'a [KeyPair],
    pub signing_keys: &'a SigningKeys,
    pub region: &'a str,
    pub now: u64,
    pub tolerance: u64,
}

/// Signing keys already derived, by access key and day. Deriving one takes four HMACs and a client signs a whole
/// day's requests with the same one, so the verifier keeps the last few (the service does the same). The region
/// and service are not part of the entry: a verifier serves one region, and checks both before asking.
pub struct SigningKeys(Mutex<Vec<DerivedKey>>);

struct DerivedKey {
    access_key_id: String,
    date: String,
    signer: Signer,
}

impl SigningKeys {
    /// As many as a few keys' today and yesterday, or a test's many dates, need; the oldest goes first.
    const CAPACITY: usize = 16;

    pub const fn new() -> SigningKeys {
        SigningKeys(Mutex::new(Vec::new()))
    }

    fn get(&self, pair: &KeyPair, cred: &Credential<'_>) -> Signer {
        let mut derived = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(found) = derived.iter().find(|d| d.access_key_id == pair.access_key_id && d.date == cred.date) {
            return found.signer.clone();
        }
        let key = sigv4::signing_key(&pair.secret_access_key, cred.date, cred.region, cred.service);
        let signer = Signer::new(&key);
        if derived.len() == Self::CAPACITY {
            derived.remove(0);
        }
        derived.push(DerivedKey {
            access_key_id: pair.access_key_id.clone(),
            date: cred.date.to_string(),
            signer: signer.clone(),
        });
        signer
    }
}

const MISMATCH: &str = "The request signature we calculated does not match the signature you provided. \
Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

fn forbidden(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(403, code, message)
}

fn incomplete(what: &str) -> ApiError {
    forbidden("IncompleteSignatureException", format!("Authorization is incomplete: {what}"))
}

struct Credential<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    /// `<date>/<region>/<service>/aws4_request`: what the string to sign names, the credential's text after the key.
    scope: &'a str,
}

fn parse_credential(text: &str) -> Result<Credential<'_>, ApiError> {
    let mut parts = text.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(akid), Some(date), Some(region), Some(service), Some("aws4_request"), None) if !akid.is_empty() => {
            Ok(Credential { access_key_id: akid, date, region, service, scope: &text[akid.len() + 1..] })
        }
        _ => Err(incomplete("the Credential must be <access key>/<date>/<region>/<service>/aws4_request")),
    }
}

impl Verifier<'_> {
    /// The checks shared by both forms, up to the signing key: known key, scope, time window, token.
    ///
    /// `check_age` is off for presigned URLs, whose lifetime is their own `X-Amz-Expires`.
    fn check_scope(
        &self,
        cred: &Credential<'_>,
        x_amz_date: &str,
        token: Option<&str>,
        check_age: bool,
    ) -> Result<&KeyPair, ApiError> {
        let key = self.keys.iter().find(|k| k.access_key_id == cred.access_key_id).ok_or_else(|| {
            forbidden("UnrecognizedClientException", "The security token included in the request is invalid.")
        })?;
        if key.expired_at(self.now) {
            return Err(forbidden("ExpiredTokenException", "The security token included in the request is expired"));
        }
        if key.session_token.as_deref() != token {
            return Err(forbidden(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ));
        }
        if cred.service != kvs_core::SIGNING_SERVICE {
            return Err(forbidden(
                "InvalidSignatureException",
                format!("Credential should be scoped to correct service: 'kinesisvideo'. (got '{}')", cred.service),
            ));
        }
        if cred.region != self.region {
            return Err(forbidden(
                "InvalidSignatureException",
                format!(
                    "Credential should be scoped to a valid region, not '{}'. (this endpoint serves '{}')",
                    cred.region, self.region
                ),
            ));
        }
        let signed_at =
            parse_amz_date(x_amz_date).ok_or_else(|| incomplete("X-Amz-Date must look like 20240102T030405Z"))?;
        if cred.date != &x_amz_date[..8] {
            return Err(forbidden(
                "InvalidSignatureException",
                "Date in Credential scope does not match YYYYMMDD from X-Amz-Date.",
            ));
        }
        if check_age && signed_at + self.tolerance < self.now {
            return Err(forbidden(
                "InvalidSignatureException",
                format!(
                    "Signature expired: {x_amz_date} is now earlier than {} ({} - {} min.)",
                    amz_date(self.now - self.tolerance),
                    amz_date(self.now),
                    self.tolerance / 60
                ),
            ));
        }
        if signed_at > self.now + self.tolerance {
            return Err(forbidden(
                "InvalidSignatureException",
                format!(
                    "Signature not yet current: {x_amz_date} is still later than {} ({} + {} min.)",
                    amz_date(self.now + self.tolerance),
                    amz_date(self.now),
                    self.tolerance / 60
                ),
            ));
        }
        Ok(key)
    }

    /// Verifies the `Authorization` header form.
    pub fn verify_header(&self, req: &Incoming<'_>) -> Result<&KeyPair, ApiError> {
        let auth = (req.header)("authorization")
            .ok_or_else(|| forbidden("MissingAuthenticationTokenException", "Missing Authentication Token"))?;
        let rest = auth.strip_prefix(ALGORITHM).ok_or_else(|| incomplete("only AWS4-HMAC-SHA256 is supported"))?;
        let (mut credential, mut signed_headers, mut given) = (None, None, None);
        for part in rest.split(',') {
            let field = match part.trim().split_once('=') {
                Some(("Credential", value)) => (&mut credential, value),
                Some(("SignedHeaders", value)) => (&mut signed_headers, value),
                Some(("Signature", value)) => (&mut given, value),
                _ => continue,
            };
            field.0.get_or_insert(field.1);
        }
        let cred = parse_credential(credential.ok_or_else(|| incomplete("no Credential"))?)?;
        let signed_headers = signed_headers.ok_or_else(|| incomplete("no SignedHeaders"))?;
        let given = given.ok_or_else(|| incomplete("no Signature"))?;
        let x_amz_date = (req.header)("x-amz-date").ok_or_else(|| incomplete("no X-Amz-Date header"))?;
        let token = (req.header)("x-amz-security-token");
        let key = self.check_scope(&cred, &x_amz_date, token.as_deref(), true)?;
        // Clients sign three to seven headers.
        let mut values = Vec::with_capacity(8);
        for name in signed_headers.split(';') {
            let value = (req.header)(name).ok_or_else(|| incomplete(&format!("signed header {name} is missing")))?;
            values.push((name, value));
        }
        if !values.iter().any(|(name, _)| *name == "host") {
            return Err(incomplete("the host header must be signed"));
        }
        let headers: Vec<(&str, &str)> = values.iter().map(|(name, value)| (*name, value.as_ref())).collect();
        let query = canonical_query_of(req.query, None)?;
        let (canonical, _) = sigv4::canonical_request(
            req.method,
            &sigv4::uri_encode(req.path, false),
            &query,
            &headers,
            &sigv4::hex_sha256(req.body),
        );
        self.check_signature(key, &cred, &x_amz_date, &canonical, given)
    }

    /// Verifies the presigned query form of a WebSocket upgrade (SignedHeaders must be `host`).
    pub fn verify_presigned(&self, req: &Incoming<'_>) -> Result<&KeyPair, ApiError> {
        let params = parse_query(req.query)?;
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        if get("X-Amz-Algorithm") != Some(ALGORITHM) {
            return Err(forbidden("MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        let cred = parse_credential(get("X-Amz-Credential").ok_or_else(|| incomplete("no X-Amz-Credential"))?)?;
        let x_amz_date = get("X-Amz-Date").ok_or_else(|| incomplete("no X-Amz-Date"))?;
        let given = get("X-Amz-Signature").ok_or_else(|| incomplete("no X-Amz-Signature"))?;
        if get("X-Amz-SignedHeaders") != Some("host") {
            return Err(incomplete("X-Amz-SignedHeaders must be host"));
        }
        let expires: u64 = get("X-Amz-Expires")
            .and_then(|e| e.parse().ok())
            .filter(|e| (1..=604_800).contains(e))
            .ok_or_else(|| incomplete("X-Amz-Expires must be 1–604800 seconds"))?;
        let key = self.check_scope(&cred, x_amz_date, get("X-Amz-Security-Token"), false)?;
        let signed_at = parse_amz_date(x_amz_date).unwrap_or(0);
        if signed_at + expires < self.now {
            return Err(forbidden(
                "AccessDeniedException",
                format!("Request has expired: signed at {x_amz_date}, valid for {expires} s"),
            ));
        }
        let host = (req.header)("host").ok_or_else(|| incomplete("no Host header"))?;
        let query = canonical_query_of(req.query, Some("X-Amz-Signature"))?;
        let (canonical, _) = sigv4::canonical_request(
            req.method,
            &sigv4::uri_encode(req.path, false),
            &query,
            &[("host", &host)],
            EMPTY_PAYLOAD_SHA256,
        );
        self.check_signature(key, &cred, x_amz_date, &canonical, given)
    }

    fn check_signature<'k>(
        &self,
        key: &'k KeyPair,
        cred: &Credential<'_>,
        x_amz_date: &str,
        canonical: &str,
        given: &str,
    ) -> Result<&'k KeyPair, ApiError> {
        let expected = self.signing_keys.get(key, cred).sign(&sigv4::string_to_sign(x_amz_date, cred.scope, canonical));
        if constant_time_eq(expected.as_bytes(), given.as_bytes()) {
            Ok(key)
        } else {
            Err(forbidden("InvalidSignatureException", MISMATCH))
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Splits a raw query into decoded pairs; a malformed escape is the client's error.
pub fn parse_query(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match (sigv4::percent_decode(k), sigv4::percent_decode(v)) {
                (Some(k), Some(v)) => Ok((k, v)),
                _ => Err(ApiError::invalid_argument("the query string has a malformed percent-escape")),
            }
        })
        .collect()
}

fn canonical_query_of(raw: &str, without: Option<&str>) -> Result<String, ApiError> {
    if raw.is_empty() {
        return Ok(String::new());
    }
    let pairs = parse_query(raw)?;
    Ok(sigv4::canonical_query(
        pairs.iter().filter(|(k, _)| Some(k.as_str()) != without).map(|(k, v)| (k.as_str(), v.as_str())),
    ))
}

#[cfg(test)]
mod tests {
    //! The verifier against the reference's known-answer vectors (botocore and the KVS JS SDK).
    use super::*;

    const T: u64 = 1_704_164_645;
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const ARN_Q: &str = "arn%3Aaws%3Akinesisvideo%3Aus-west-2%3A123456789012%3Achannel%2Fdemo%2F1700000000000";

    fn keys(token: Option<&str>) -> Vec<KeyPair> {
        vec![KeyPair {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SECRET.into(),
            session_token: token.map(Into::into),
            expires_at: None,
            denied: false,
        }]
    }

    static SIGNING_KEYS: SigningKeys = SigningKeys::new();

    fn verifier(keys: &[KeyPair], now: u64) -> Verifier<'_> {
        Verifier { keys, signing_keys: &SIGNING_KEYS, region: "us-west-2", now, tolerance: 300 }
    }

    fn lookup<'p>(pairs: &'p [(&str, String)], name: &str) -> Option<Cow<'p, str>> {
        pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| Cow::Borrowed(v.as_str()))
    }

    fn describe_request(signature: &str) -> Vec<(&'static str, String)> {
        vec![
            ("host", "kinesisvideo.us-west-2.amazonaws.com".into()),
            ("content-type", "application/json".into()),
            ("x-amz-date", "20240102T030405Z".into()),
            (
                "authorization",
                format!(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-west-2/kinesisvideo/aws4_request, \
                     SignedHeaders=content-type;host;x-amz-date, Signature={signature}"
                ),
            ),
        ]
    }

    fn verify_describe(signature: &str, body: &[u8], now: u64, region: &str) -> Result<(), ApiError> {
        let keys = keys(None);
        let pairs = describe_request(signature);
        let header = |name: &str| lookup(&pairs, name);
        let mut v = verifier(&keys, now);
        v.region = region;
        v.verify_header(&Incoming {
            method: "POST",
            path: "/describeSignalingChannel",
            query: "",
            header: &header,
            body,
        })
        .map(|_| ())
    }

    const GOOD: &str = "2a68b5d36ab11f756b802bc25e347ec893718bb6f5fb47ea90f250870aa791e8";
    const BODY: &[u8] = br#"{"ChannelName": "demo"}"#;

    #[test]
    fn header_vector_verifies() {
        verify_describe(GOOD, BODY, T, "us-west-2").unwrap();
    }

    #[test]
    fn header_vector_with_token_verifies() {
        let keys = keys(Some("FQoGZXIvYXdzEXAMPLETOKEN"));
        let body = br#"{"ChannelARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/demo/1700000000000", "ClientId": "viewer1"}"#;
        let pairs = [
            ("host", "r-1234abcd.kinesisvideo.us-west-2.amazonaws.com".into()),
            ("content-type", "application/json".into()),
            ("x-amz-date", "20240102T030405Z".into()),
            ("x-amz-security-token", "FQoGZXIvYXdzEXAMPLETOKEN".into()),
            ("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-west-2/kinesisvideo/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=80bafd42597c7b8bb406d7ab2858d2297d8f2cae91ed124465bca20e2db8c0ee".into()),
        ];
        let header = |name: &str| lookup(&pairs, name);
        verifier(&keys, T)
            .verify_header(&Incoming {
                method: "POST",
                path: "/v1/get-ice-server-config",
                query: "",
                header: &header,
                body,
            })
            .unwrap();
    }

    #[test]
    fn tampering_and_bad_time_and_scope_are_refused() {
        let tampered = GOOD.replace('2', "3");
        assert_eq!(verify_describe(&tampered, BODY, T, "us-west-2").unwrap_err().code, "InvalidSignatureException");
        let err = verify_describe(GOOD, br#"{"ChannelName": "demo2"}"#, T, "us-west-2").unwrap_err();
        assert!(err.message.contains("does not match"));
        let err = verify_describe(GOOD, BODY, T + 301, "us-west-2").unwrap_err();
        assert!(err.message.starts_with("Signature expired"), "{}", err.message);
        let err = verify_describe(GOOD, BODY, T - 301, "us-west-2").unwrap_err();
        assert!(err.message.starts_with("Signature not yet current"), "{}", err.message);
        let err = verify_describe(GOOD, BODY, T, "eu-west-1").unwrap_err();
        assert!(err.message.contains("valid region"), "{}", err.message);
    }

    fn presigned(query: String, host: &str, path: &str, token: Option<&str>) -> Result<(), ApiError> {
        let keys = keys(token);
        let pairs = [("host", host.to_string())];
        let header = |name: &str| lookup(&pairs, name);
        verifier(&keys, T + 10)
            .verify_presigned(&Incoming { method: "GET", path, query: &query, header: &header, body: b"" })
            .map(|_| ())
    }

    fn presign_query(client: Option<&str>, token: Option<&str>, signature: &str) -> String {
        let client = client.map(|c| format!("&X-Amz-ClientId={c}")).unwrap_or_default();
        let token_q = token.map(|t| format!("&X-Amz-Security-Token={t}")).unwrap_or_default();
        format!(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-ChannelARN={ARN_Q}{client}&X-Amz-Credential=AKIDEXAMPLE%2F20240102%2Fus-west-2%2Fkinesisvideo%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=299{token_q}&X-Amz-Signature={signature}&X-Amz-SignedHeaders=host"
        )
    }

    #[test]
    fn presigned_vectors_verify() {
        let host = "m-1234abcd.kinesisvideo.us-west-2.amazonaws.com";
        presigned(
            presign_query(Some("viewer1"), None, "476f3e0c7400c981bf2b0a5cffb5fbcc4609a5d824a861cd940eb62fdfa2d872"),
            host,
            "/",
            None,
        )
        .unwrap();
        presigned(
            presign_query(None, None, "15ee20dbb18aa299ff19c9f1364c9d541f79ace0a2e1ef6010d9140320216b14"),
            host,
            "/",
            None,
        )
        .unwrap();
        let token = Some("FQoGZXIvYXdzEXAMPLETOKEN");
        presigned(
            presign_query(Some("viewer1"), token, "e07133a57234ae66043eb9c5f2d45aafa574cca00599f5c754eee18a35cf6e2f"),
            host,
            "/",
            token,
        )
        .unwrap();
        presigned(
            presign_query(None, None, "c2cd6ab09949aa92da4c4fe9d6607085fc0ae6a47c925515e6a60978fddd8393"),
            "127.0.0.1:8443",
            "/some/path",
            None,
        )
        .unwrap();
    }

    #[test]
    fn presigned_tampering_is_refused() {
        let host = "m-1234abcd.kinesisvideo.us-west-2.amazonaws.com";
        let good = "476f3e0c7400c981bf2b0a5cffb5fbcc4609a5d824a861cd940eb62fdfa2d872";
        assert!(presigned(presign_query(Some("viewer2"), None, good), host, "/", None).is_err());
        assert!(presigned(presign_query(Some("viewer1"), None, good), "other:443", "/", None).is_err());
        let keys = keys(None);
        let pairs = [("host", host.to_string())];
        let header = |name: &str| lookup(&pairs, name);
        let query = presign_query(Some("viewer1"), None, good);
        let err = verifier(&keys, T + 299 + 301)
            .verify_presigned(&Incoming { method: "GET", path: "/", query: &query, header: &header, body: b"" })
            .unwrap_err();
        assert_eq!(err.status, 403);
    }

    #[test]
    fn derived_signing_keys_are_kept_per_key_and_day_and_bounded() {
        let mut pairs = keys(None);
        pairs.push(KeyPair {
            access_key_id: "AKIDOTHER".into(),
            secret_access_key: "other".into(),
            ..pairs[0].clone()
        });
        let cache = SigningKeys::new();
        for day in 1..=20 {
            for pair in &pairs {
                let date = format!("202401{day:02}");
                let text = format!("{}/{date}/us-west-2/kinesisvideo/aws4_request", pair.access_key_id);
                let cred = parse_credential(&text).unwrap();
                assert_eq!(cred.scope, sigv4::credential_scope(&date, "us-west-2", "kinesisvideo"));
                let derived = sigv4::signing_key(&pair.secret_access_key, &date, "us-west-2", "kinesisvideo");
                let expected = sigv4::signature(&derived, "a string to sign");
                assert_eq!(cache.get(pair, &cred).sign("a string to sign"), expected);
                assert_eq!(
                    cache.get(pair, &cred).sign("a string to sign"),
                    expected,
                    "the kept key is the derived one"
                );
            }
        }
        assert_eq!(cache.0.lock().unwrap().len(), SigningKeys::CAPACITY);
    }
}
