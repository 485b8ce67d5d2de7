//! The HTTPS transport: one hyper client per scheme, bounded time and bounded response size, and errors
//! that say which endpoint failed and why (refused, timed out, certificate not trusted…).

use crate::aws::tls;
use crate::error::{Error, Result};
use crate::resolve::Resolver;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

/// How long a request may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timeouts {
    /// To connect (TCP; TLS is part of the request).
    pub connect: Duration,
    /// Connect, send and receive together; reading the body gets as long again.
    pub request: Duration,
}

impl Default for Timeouts {
    /// The C SDK allows 2 s to connect; loopback and slow Wi-Fi both fit in 5.
    fn default() -> Self {
        Timeouts { connect: Duration::from_secs(5), request: Duration::from_secs(15) }
    }
}
/// No KVS API response comes near this; anything larger is refused rather than buffered.
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;

type HttpsClient = Client<hyper_rustls::HttpsConnector<HttpConnector<Resolver>>, Full<Bytes>>;
type PlainClient = Client<HttpConnector<Resolver>, Full<Bytes>>;

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

/// The HTTP(S) clients of a context: made on first use (a plain-HTTP command never reads the system's roots) and
/// kept, so that connections are reused across calls.
#[derive(Debug)]
pub struct Transport {
    extra_ca: Option<PathBuf>,
    timeouts: Timeouts,
    tls: OnceLock<Arc<rustls::ClientConfig>>,
    plain: OnceLock<PlainClient>,
    https: OnceLock<HttpsClient>,
}

fn connector(timeouts: Timeouts) -> HttpConnector<Resolver> {
    let mut http = HttpConnector::new_with_resolver(Resolver);
    http.set_connect_timeout(Some(timeouts.connect));
    http.set_nodelay(true);
    http.enforce_http(false);
    http
}

impl Transport {
    pub fn new(extra_ca: Option<PathBuf>) -> Self {
        Transport {
            extra_ca,
            timeouts: Timeouts::default(),
            tls: OnceLock::new(),
            plain: OnceLock::new(),
            https: OnceLock::new(),
        }
    }

    /// The same transport with other timeouts (before its first request).
    pub fn with_timeouts(self, timeouts: Timeouts) -> Self {
        Transport { timeouts, ..self }
    }

    /// The TLS client configuration of every HTTPS and WSS connection: the system's roots and the extra CA,
    /// built once (on first use: plain-HTTP commands never read the roots).
    pub fn tls_config(&self) -> Result<Arc<rustls::ClientConfig>> {
        if let Some(config) = self.tls.get() {
            return Ok(config.clone());
        }
        let config = tls::client_config(self.extra_ca.as_deref())?;
        Ok(self.tls.get_or_init(|| config).clone())
    }

    /// The extra CA file trusted beside the system's roots.
    pub fn extra_ca(&self) -> Option<&std::path::Path> {
        self.extra_ca.as_deref()
    }

    fn https_client(&self) -> Result<&HttpsClient> {
        if let Some(client) = self.https.get() {
            return Ok(client);
        }
        let config = self.tls_config()?;
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config((*config).clone())
            .https_or_http()
            .enable_http1()
            .wrap_connector(connector(self.timeouts));
        Ok(self.https.get_or_init(|| Client::builder(TokioExecutor::new()).build(https)))
    }

    fn plain_client(&self) -> &PlainClient {
        self.plain.get_or_init(|| Client::builder(TokioExecutor::new()).build(connector(self.timeouts)))
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
        let limit = self.timeouts.request;
        let response = if request.uri().scheme_str() == Some("http") {
            tokio::time::timeout(limit, self.plain_client().request(request)).await
        } else {
            let client = self.https_client()?;
            tokio::time::timeout(limit, client.request(request)).await
        };
        let response = match response {
            Err(_) => return Err(timed_out(&target, limit)),
            Ok(Err(err)) => return Err(request_failed(&target, &err).await),
            Ok(Ok(response)) => response,
        };
        let received_at = SystemTime::now();
        let (parts, body) = response.into_parts();
        let body = tokio::time::timeout(limit, Limited::new(body, MAX_RESPONSE_BYTES).collect())
            .await
            .map_err(|_| timed_out(&target, limit))?
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

fn timed_out(target: &str, limit: Duration) -> Error {
    Error::network(format!("{target} did not answer within {} s", limit.as_secs_f32()))
        .with_hint("check the network path to the endpoint (proxy, firewall, VPN) and that the service is up")
        .transient()
}

/// Why a connection failed, read from the error's sources by type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectFailure {
    /// Nothing listens there.
    Refused,
    /// The peer reset or closed the connection.
    Reset,
    /// The server's certificate is not trusted (or not valid for the name).
    Untrusted,
    /// The host name does not resolve.
    Dns,
    /// Anything else.
    Other,
}

impl ConnectFailure {
    /// Classifies an error by the I/O and TLS errors in its source chain.
    pub fn of(err: &(dyn std::error::Error + 'static)) -> ConnectFailure {
        let mut source = Some(err);
        while let Some(inner) = source {
            if let Some(rustls::Error::InvalidCertificate(_)) = inner.downcast_ref::<rustls::Error>() {
                return ConnectFailure::Untrusted;
            }
            let Some(io) = inner.downcast_ref::<std::io::Error>() else {
                source = inner.source();
                continue;
            };
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return ConnectFailure::Refused,
                std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::BrokenPipe
                | std::io::ErrorKind::UnexpectedEof => return ConnectFailure::Reset,
                // An I/O error wraps the error it stands for (often another I/O error, or the TLS error), and its
                // `source()` skips past that: descend into it instead.
                _ => source = io.get_ref().map(|wrapped| wrapped as &(dyn std::error::Error + 'static)),
            }
        }
        ConnectFailure::Other
    }
}

async fn request_failed(target: &str, err: &hyper_util::client::legacy::Error) -> Error {
    let why = crate::error::causes(err);
    let mut failure = ConnectFailure::of(err);
    if failure == ConnectFailure::Other && err.is_connect() && !resolves(target).await {
        failure = ConnectFailure::Dns;
    }
    let hint = match failure {
        ConnectFailure::Untrusted => {
            "the server's certificate is not trusted: for the emulator pass --ca-file <state-dir>/ca.pem (or set AWS_CA_BUNDLE)"
        }
        ConnectFailure::Refused => {
            "nothing is listening there: is the endpoint URL right, and is the emulator running?"
        }
        ConnectFailure::Dns => "the host name does not resolve: check the region and the endpoint URL",
        ConnectFailure::Reset | ConnectFailure::Other => "check the endpoint URL and the network path to it",
    };
    let error = Error::network(format!("could not reach {target}: {why}")).with_hint(hint);
    if matches!(failure, ConnectFailure::Refused | ConnectFailure::Reset) { error.transient() } else { error }
}

/// Whether the host of `scheme://host:port` resolves; asked only after a connection failed for no typed reason.
async fn resolves(target: &str) -> bool {
    let Ok(uri) = target.parse::<http::Uri>() else { return false };
    let Some(host) = uri.host() else { return false };
    let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("http") { 80 } else { 443 });
    crate::resolve::lookup(host.trim_matches(['[', ']']), port).await.is_ok_and(|found| !found.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error as Io, ErrorKind};

    #[test]
    fn classifies_by_the_errors_inside_not_by_their_text() {
        let untrusted = Io::other(Io::new(
            ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        ));
        assert_eq!(ConnectFailure::of(&untrusted), ConnectFailure::Untrusted);
        assert_eq!(ConnectFailure::of(&Io::from(ErrorKind::ConnectionRefused)), ConnectFailure::Refused);
        assert_eq!(ConnectFailure::of(&Io::other(Io::from(ErrorKind::ConnectionReset))), ConnectFailure::Reset);
        let worded_like_a_refusal = Io::other("connection refused by certificate unknown issuer");
        assert_eq!(ConnectFailure::of(&worded_like_a_refusal), ConnectFailure::Other);
    }
}
