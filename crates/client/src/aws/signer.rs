//! SigV4 with aws-sigv4: the header form for HTTPS calls. Always for the `kinesisvideo` signing name, and
//! at the skew-corrected time.

use crate::error::{Error, Result};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use std::time::SystemTime;

/// Signs `request` in place (adds `x-amz-date`, `authorization` and the session token header).
pub fn sign_request(
    request: &mut http::Request<Bytes>,
    creds: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<()> {
    let identity: Identity = creds.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(kvs_core::SIGNING_SERVICE)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| Error::local(format!("SigV4 set-up failed: {e}")))?
        .into();
    let headers = request.headers().iter().filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)));
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers, SignableBody::Bytes(request.body()))
        .map_err(|e| Error::local(format!("cannot sign the request: {e}")))?;
    let (instructions, _) =
        sign(signable, &params).map_err(|e| Error::local(format!("signing failed: {e}")))?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The header-form known-answer vectors of reference/real-peers.md, produced by botocore.
    #[test]
    fn matches_botocore_vectors() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_164_645);
        let cases = [
            (
                "https://kinesisvideo.us-west-2.amazonaws.com/describeSignalingChannel",
                r#"{"ChannelName": "demo"}"#.to_string(),
                None,
                "2a68b5d36ab11f756b802bc25e347ec893718bb6f5fb47ea90f250870aa791e8",
            ),
            (
                "https://r-1234abcd.kinesisvideo.us-west-2.amazonaws.com/v1/get-ice-server-config",
                r#"{"ChannelARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/demo/1700000000000", "ClientId": "viewer1"}"#.to_string(),
                Some("FQoGZXIvYXdzEXAMPLETOKEN"),
                "80bafd42597c7b8bb406d7ab2858d2297d8f2cae91ed124465bca20e2db8c0ee",
            ),
        ];
        for (url, body, token, expected) in cases {
            let creds = Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                token.map(String::from),
                None,
                "test",
            );
            let host = url.split('/').nth(2).unwrap().to_string();
            let mut request = http::Request::post(url)
                .header("content-type", "application/json")
                .header("host", host)
                .body(Bytes::from(body))
                .unwrap();
            sign_request(&mut request, &creds, "us-west-2", time).unwrap();
            let auth = request.headers()["authorization"].to_str().unwrap();
            assert!(auth.ends_with(&format!("Signature={expected}")), "{auth}");
        }
    }

    /// The device's no_std signer (kvs-core) and aws-sigv4 agree on 10,000 generated requests: random
    /// operations, bodies, hosts with and without ports, regions, times and session tokens.
    #[test]
    fn the_core_signer_agrees_with_aws_sigv4() {
        use kvs_core::api::Operation;
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(0x6b76_7365_7370);
        let regions = ["us-west-2", "eu-central-1", "ap-southeast-2", "cn-north-1"];
        let hosts = [
            "kinesisvideo.us-west-2.amazonaws.com",
            "r-1234abcd.kinesisvideo.eu-central-1.amazonaws.com",
            "127.0.0.1:8480",
            "localhost:8443",
        ];
        for n in 0..10_000 {
            let op = Operation::ALL[rng.random_range(0..Operation::ALL.len())];
            let body: String = (0..rng.random_range(0..300)).map(|_| rng.random_range(b' '..=b'~') as char).collect();
            let region = regions[rng.random_range(0..regions.len())];
            let host = hosts[rng.random_range(0..hosts.len())];
            let unix = rng.random_range(1_500_000_000u64..2_200_000_000);
            let token: Option<String> = rng.random_bool(0.5).then(|| {
                (0..rng.random_range(1..80))
                    .map(|_| rng.random_range(b'A'..=b'z') as char)
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    + "="
            });
            let secret: String =
                (0..40).map(|_| rng.random_range(b'0'..=b'z') as char).filter(|c| c.is_ascii_alphanumeric()).collect();
            let creds = Credentials::new("AKIDEXAMPLE", secret.clone(), token.clone(), None, "test");
            let time = SystemTime::UNIX_EPOCH + Duration::from_secs(unix);
            let mut request = http::Request::post(format!("https://{host}{}", op.path()))
                .header("content-type", "application/json")
                .header("host", host)
                .body(Bytes::from(body.clone()))
                .unwrap();
            sign_request(&mut request, &creds, region, time).unwrap();
            let core = kvs_core::sigv4::sign_request(
                &kvs_core::sigv4::Credentials {
                    access_key_id: "AKIDEXAMPLE",
                    secret_access_key: &secret,
                    session_token: token.as_deref(),
                },
                region,
                kvs_core::SIGNING_SERVICE,
                unix,
                &kvs_core::sigv4::HttpRequest {
                    method: "POST",
                    host,
                    path: op.path(),
                    headers: &[("content-type", "application/json")],
                    body: body.as_bytes(),
                },
            );
            assert_eq!(request.headers()["authorization"].to_str().unwrap(), core.authorization, "request {n}");
            assert_eq!(request.headers()["x-amz-date"].to_str().unwrap(), core.x_amz_date, "request {n}");
        }
    }
}
