//! The HTTPS transport: one hyper client per scheme, bounded time and bounded response size, and errors
//! that say which endpoint failed and why (refused, timed out, certificate not trusted…).

use crate::aws::tls;
use crate::error::{Error, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

/// The C SDK allows 2 s to connect; loopback and slow Wi-Fi both fit in 5.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Connect, send and receive together.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// No KVS API response comes near this; anything larger is refused rather than buffered.
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;

type HttpsClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>;
type PlainClient = Client<HttpConnector, Full<Bytes>>;

/// A response read whole, with when it arrived and how long it took.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Bytes,
    pub elapsed: Duration,
    pub received_at: SystemTime,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The service's clock, from `Date`.
    pub fn date(&self) -> Option<SystemTime> {
        self.header("date").and_then(|d| httpdate::parse_http_date(d).ok())
    }
}

pub struct Transport {
    extra_ca: Option<PathBuf>,
    plain: OnceLock<PlainClient>,
    https: OnceLock<HttpsClient>,
}

fn connector() -> HttpConnector {
    let mut http = HttpConnector::new();
    http.set_connect_timeout(Some(CONNECT_TIMEOUT));
    http.set_nodelay(true);
    http.enforce_http(false);
    http
}

impl Transport {
    pub fn new(extra_ca: Option<PathBuf>) -> Self {
        Transport { extra_ca, plain: OnceLock::new(), https: OnceLock::new() }
    }

    fn https_client(&self) -> Result<&HttpsClient> {
        if let Some(client) = self.https.get() {
            return Ok(client);
        }
        let config = tls::client_config(self.extra_ca.as_deref())?;
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config((*config).clone())
            .https_or_http()
            .enable_http1()
            .wrap_connector(connector());
        Ok(self.https.get_or_init(|| Client::builder(TokioExecutor::new()).build(https)))
    }

    fn plain_client(&self) -> &PlainClient {
        self.plain.get_or_init(|| Client::builder(TokioExecutor::new()).build(connector()))
    }

    /// Sends a request and reads the whole response.
    pub async fn send(&self, request: http::Request<Bytes>) -> Result<HttpResponse> {
        let target = format!(
            "{}://{}",
            request.uri().scheme_str().unwrap_or("https"),
            request.uri().authority().map(|a| a.as_str()).unwrap_or("")
        );
        let started = Instant::now();
        let request = request.map(Full::new);
        let response = if request.uri().scheme_str() == Some("http") {
            tokio::time::timeout(REQUEST_TIMEOUT, self.plain_client().request(request)).await
        } else {
            let client = self.https_client()?;
            tokio::time::timeout(REQUEST_TIMEOUT, client.request(request)).await
        };
        let response = match response {
            Err(_) => return Err(timed_out(&target)),
            Ok(Err(err)) => return Err(request_failed(&target, &err)),
            Ok(Ok(response)) => response,
        };
        let received_at = SystemTime::now();
        let (parts, body) = response.into_parts();
        let body = tokio::time::timeout(REQUEST_TIMEOUT, Limited::new(body, MAX_RESPONSE_BYTES).collect())
            .await
            .map_err(|_| timed_out(&target))?
            .map_err(|e| {
                Error::network(format!("reading the response from {target} failed: {e}"))
                    .with_hint(format!("responses are limited to {} KiB", MAX_RESPONSE_BYTES / 1024))
            })?
            .to_bytes();
        Ok(HttpResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
            elapsed: started.elapsed(),
            received_at,
        })
    }
}

fn timed_out(target: &str) -> Error {
    Error::network(format!("{target} did not answer within {} s", REQUEST_TIMEOUT.as_secs()))
        .with_hint("check the network path to the endpoint (proxy, firewall, VPN) and that the service is up")
        .transient()
}

fn request_failed(target: &str, err: &hyper_util::client::legacy::Error) -> Error {
    let why = crate::error::causes(err);
    let lower = why.to_lowercase();
    let transient = lower.contains("refused") || lower.contains("reset") || lower.contains("closed");
    let hint = if lower.contains("certificate") || lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        "the server's certificate is not trusted: for the emulator pass --ca-file <state-dir>/ca.pem (or set AWS_CA_BUNDLE)"
    } else if lower.contains("refused") {
        "nothing is listening there: is the endpoint URL right, and is the emulator running?"
    } else if lower.contains("dns") || lower.contains("lookup") || lower.contains("resolve") {
        "the host name does not resolve: check the region and the endpoint URL"
    } else {
        "check the endpoint URL and the network path to it"
    };
    let error = Error::network(format!("could not reach {target}: {why}")).with_hint(hint);
    if transient { error.transient() } else { error }
}
