//! The WebSocket transport: the SigV4-presigned URL (aws-sigv4, query form, `X-Amz-Expires=299` like the JS
//! SDK, at the skew-corrected time) and the connection (tokio-tungstenite over rustls).

use crate::aws::AwsContext;
use crate::error::{Error, Result};
use aws_sigv4::http_request::{SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use kvs_core::sigv4::uri_encode;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

const PRESIGN_EXPIRES: Duration = Duration::from_secs(299);

/// Builds `endpoint?<params>&X-Amz-…&X-Amz-Signature=…` with the context's credentials and corrected clock.
pub async fn presign(ctx: &AwsContext, endpoint: &str, params: &[(String, String)]) -> Result<String> {
    let time = ctx.clock.now();
    let creds = ctx.credentials.get(time).await?;
    presign_url(&creds, ctx.region.as_str(), time, endpoint, params)
}

/// The presigned URL for given credentials and time.
pub fn presign_url(
    creds: &aws_credential_types::Credentials,
    region: &str,
    time: std::time::SystemTime,
    endpoint: &str,
    params: &[(String, String)],
) -> Result<String> {
    let query: Vec<String> =
        params.iter().map(|(k, v)| format!("{}={}", uri_encode(k, true), uri_encode(v, true))).collect();
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    let unsigned = format!("{endpoint}{separator}{}", query.join("&"));
    let uri: http::Uri = unsigned
        .parse()
        .map_err(|_| Error::network(format!("the service returned an unusable WebSocket endpoint \"{endpoint}\"")))?;
    let host = uri.authority().map(|a| a.as_str().to_string()).unwrap_or_default();
    let identity: Identity = creds.clone().into();
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(PRESIGN_EXPIRES);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(kvs_core::SIGNING_SERVICE)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| Error::local(format!("SigV4 set-up failed: {e}")))?
        .into();
    let signable =
        SignableRequest::new("GET", &unsigned, std::iter::once(("host", host.as_str())), SignableBody::Bytes(&[]))
            .map_err(|e| Error::local(format!("cannot presign the WebSocket URL: {e}")))?;
    let (instructions, _) =
        sign(signable, &params).map_err(|e| Error::local(format!("presigning failed: {e}")))?.into_parts();
    let mut url = unsigned;
    for (name, value) in instructions.params() {
        url.push('&');
        url.push_str(&uri_encode(name, true));
        url.push('=');
        url.push_str(&uri_encode(value, true));
    }
    Ok(url)
}

/// How a handshake failed: the HTTP status when the server answered, its clock (`Date`) and a description.
pub struct HandshakeFailure {
    pub status: Option<u16>,
    pub detail: String,
    /// The server's `Date`, with when the refusal arrived: a refused signature may be a skewed clock.
    pub date: Option<(SystemTime, SystemTime)>,
}

fn config() -> WebSocketConfig {
    WebSocketConfig::default().max_message_size(Some(64 << 10)).max_frame_size(Some(64 << 10))
}

/// An open socket and how long its TLS handshake took (`None` for `ws://`).
pub struct Opened {
    pub socket: Socket,
    pub tls_ms: Option<u64>,
}

/// Opens the socket: TCP, then TLS (timed on its own, for the diagnose timeline) with `tls` for `wss://`, then
/// the upgrade.
pub async fn connect(url: &str, tls: Arc<rustls::ClientConfig>) -> std::result::Result<Opened, HandshakeFailure> {
    let failed = |detail: String| HandshakeFailure { status: None, detail, date: None };
    let uri: http::Uri = url.parse().map_err(|_| failed(format!("\"{}\" is not a URL", redact(url))))?;
    let secure = uri.scheme_str() == Some("wss");
    let host = uri.host().ok_or_else(|| failed("the URL has no host".into()))?.trim_matches(['[', ']']).to_string();
    let port = uri.port_u16().unwrap_or(if secure { 443 } else { 80 });
    let addresses = crate::resolve::lookup(&host, port).await.map_err(|e| failed(format!("{host}:{port}: {e}")))?;
    let tcp = TcpStream::connect(&addresses[..]).await.map_err(|e| failed(format!("{host}:{port}: {e}")))?;
    let _ = tcp.set_nodelay(true);
    let (stream, tls_ms) = if secure {
        let name = rustls::pki_types::ServerName::try_from(host.clone())
            .map_err(|_| failed(format!("{host} is not a valid TLS server name")))?;
        let started = std::time::Instant::now();
        let stream = tokio_rustls::TlsConnector::from(tls)
            .connect(name, tcp)
            .await
            .map_err(|e| failed(format!("TLS with {host}: {e}")))?;
        (MaybeTlsStream::Rustls(stream), Some(started.elapsed().as_millis() as u64))
    } else {
        (MaybeTlsStream::Plain(tcp), None)
    };
    match tokio_tungstenite::client_async_with_config(url, stream, Some(config())).await {
        Ok((socket, _)) => Ok(Opened { socket, tls_ms }),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            let status = response.status().as_u16();
            let body = response.body().as_deref().map(String::from_utf8_lossy).unwrap_or_default();
            let date = response
                .headers()
                .get("date")
                .and_then(|d| d.to_str().ok())
                .and_then(|d| httpdate::parse_http_date(d).ok())
                .map(|date| (date, SystemTime::now()));
            Err(HandshakeFailure { status: Some(status), detail: format!("HTTP {status} {body}"), date })
        }
        Err(err) => Err(failed(err.to_string())),
    }
}

/// A URL safe to print: the signature and the session token hidden.
pub fn redact(url: &str) -> String {
    url.split('&')
        .map(|part| match part.split_once('=') {
            Some((k, _)) if k.ends_with("X-Amz-Signature") || k.ends_with("X-Amz-Security-Token") => {
                format!("{k}=<redacted>")
            }
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The presign vectors of reference/real-peers.md (botocore and the KVS JS SDK agree on them).
    #[test]
    fn matches_the_reference_presign_vectors() {
        let time = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_164_645);
        let arn = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/demo/1700000000000";
        let creds = |token: Option<&str>| {
            aws_credential_types::Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                token.map(String::from),
                None,
                "test",
            )
        };
        let viewer =
            [("X-Amz-ChannelARN".to_string(), arn.to_string()), ("X-Amz-ClientId".to_string(), "viewer1".to_string())];
        let master = [("X-Amz-ChannelARN".to_string(), arn.to_string())];
        let host = "wss://m-1234abcd.kinesisvideo.us-west-2.amazonaws.com/";
        for (creds, endpoint, params, signature) in [
            (creds(None), host, &viewer[..], "476f3e0c7400c981bf2b0a5cffb5fbcc4609a5d824a861cd940eb62fdfa2d872"),
            (creds(None), host, &master[..], "15ee20dbb18aa299ff19c9f1364c9d541f79ace0a2e1ef6010d9140320216b14"),
            (
                creds(Some("FQoGZXIvYXdzEXAMPLETOKEN")),
                host,
                &viewer[..],
                "e07133a57234ae66043eb9c5f2d45aafa574cca00599f5c754eee18a35cf6e2f",
            ),
            (
                creds(None),
                "wss://127.0.0.1:8443/some/path",
                &master[..],
                "c2cd6ab09949aa92da4c4fe9d6607085fc0ae6a47c925515e6a60978fddd8393",
            ),
        ] {
            let url = presign_url(&creds, "us-west-2", time, endpoint, params).unwrap();
            assert!(url.contains(&format!("X-Amz-Signature={signature}")), "{url}");
            assert!(url.contains("X-Amz-Expires=299"));
        }
    }

    #[test]
    fn redacts_secrets() {
        assert_eq!(
            redact("wss://h/?X-Amz-ChannelARN=a&X-Amz-Security-Token=tok&X-Amz-Signature=abc"),
            "wss://h/?X-Amz-ChannelARN=a&X-Amz-Security-Token=<redacted>&X-Amz-Signature=<redacted>"
        );
    }

    /// The device's presigner (kvs-core) and aws-sigv4 agree on generated WebSocket URLs.
    #[test]
    fn the_core_presigner_agrees_with_aws_sigv4() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for n in 0..2_000 {
            let unix = rng.random_range(1_500_000_000u64..2_200_000_000);
            let host = ["m-1234abcd.kinesisvideo.us-west-2.amazonaws.com", "127.0.0.1:8443", "localhost:9"][n % 3];
            let path = ["/", "/m-0a1b2c3d", "/v-0a1b2c3d"][rng.random_range(0..3)];
            let arn = format!("arn:aws:kinesisvideo:us-west-2:123456789012:channel/c-{n}/{unix}000");
            let mut params = vec![("X-Amz-ChannelARN".to_string(), arn.clone())];
            if rng.random_bool(0.5) {
                params.push(("X-Amz-ClientId".to_string(), format!("viewer.{n}_x-y")));
            }
            let token = rng.random_bool(0.5).then(|| format!("tok/{n}+x="));
            let creds =
                aws_credential_types::Credentials::new("AKIDEXAMPLE", "secret/key+1", token.clone(), None, "test");
            let time = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(unix);
            let url = presign_url(&creds, "us-west-2", time, &format!("wss://{host}{path}"), &params).unwrap();
            let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let core = kvs_core::sigv4::presign_query(
                &kvs_core::sigv4::Credentials {
                    access_key_id: "AKIDEXAMPLE",
                    secret_access_key: "secret/key+1",
                    session_token: token.as_deref(),
                },
                "us-west-2",
                "kinesisvideo",
                unix,
                &kvs_core::sigv4::PresignRequest { host, path, params: &pairs, expires_secs: 299 },
            );
            let signature =
                |q: &str| q.rsplit("X-Amz-Signature=").next().unwrap().split('&').next().unwrap().to_string();
            assert_eq!(signature(&url), signature(&core), "URL {n}: {url}");
        }
    }
}
