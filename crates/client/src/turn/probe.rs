//! One server, step by step: DNS, TCP, TLS, Allocate, (CreatePermission and a relay round trip), Refresh —
//! each timed, the first failure named with its cause and a next step.

use super::certs::{self, CertInfo};
use super::client::{Allocation, Client, Conn, TurnError};
use super::trust::{Trust, TrustStore};
use super::{Transport, TurnUri};
use crate::time::now_secs;
use rustls::pki_types::ServerName;
use serde::Serialize;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpStream, UdpSocket};

/// A server to probe, with its credentials.
#[derive(Debug, Clone)]
pub struct Target {
    pub uri: TurnUri,
    pub username: String,
    pub password: String,
}

/// Which TLS versions the probe offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsVersions {
    Any,
    Tls12,
    Tls13,
}

impl std::str::FromStr for TlsVersions {
    type Err = String;
    fn from_str(text: &str) -> Result<TlsVersions, String> {
        match text {
            "any" => Ok(TlsVersions::Any),
            "1.2" => Ok(TlsVersions::Tls12),
            "1.3" => Ok(TlsVersions::Tls13),
            _ => Err(format!("invalid TLS version \"{text}\": use 1.2, 1.3 or any")),
        }
    }
}

/// How servers are probed: the trust to check chains against, the TLS versions offered, the relay peer, the
/// time each step may take.
pub struct Settings {
    pub trust: TrustStore,
    /// ESP-IDF's default bundle, for the "would an ESP32 trust it" verdict.
    pub esp: TrustStore,
    pub versions: TlsVersions,
    pub peer: Option<SocketAddr>,
    pub timeout: Duration,
}

impl Settings {
    /// Chains checked against `trust` and ESP-IDF's default bundle, any TLS version, no relay peer.
    pub fn new(trust: &Trust, timeout: Duration) -> crate::Result<Settings> {
        Ok(Settings {
            trust: TrustStore::load(trust)?,
            esp: TrustStore::load(&Trust::EspCommon)?,
            versions: TlsVersions::Any,
            peer: None,
            timeout,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub name: &'static str,
    pub ms: f64,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TlsInfo {
    pub version: String,
    pub cipher_suite: String,
    pub chain: Vec<CertInfo>,
    /// The root in the trust store that anchored the chain.
    pub anchor: Option<String>,
    pub trust_store: String,
    /// Whether an ESP32 with ESP-IDF's default certificate bundle would accept this chain.
    pub esp_default_bundle: EspVerdict,
}

#[derive(Debug, Clone, Serialize)]
pub struct EspVerdict {
    pub trusted: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub step: &'static str,
    pub cause: String,
    pub hint: String,
}

/// Everything learned about one server.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub uri: String,
    pub ok: bool,
    pub addresses: Vec<SocketAddr>,
    pub steps: Vec<Step>,
    pub tls: Option<TlsInfo>,
    pub allocation: Option<Allocation>,
    pub failure: Option<Failure>,
    pub total_ms: f64,
}

struct Run {
    report: Report,
    started: Instant,
}

impl Run {
    fn step(&mut self, name: &'static str, since: Instant, detail: impl Into<String>) {
        self.report.steps.push(Step { name, ms: since.elapsed().as_secs_f64() * 1000.0, detail: detail.into() });
    }

    fn fail(mut self, step: &'static str, since: Instant, cause: impl Into<String>, hint: impl Into<String>) -> Report {
        let cause = cause.into();
        self.step(step, since, format!("failed: {cause}"));
        self.report.failure = Some(Failure { step, cause, hint: hint.into() });
        self.finish()
    }

    fn finish(mut self) -> Report {
        self.report.ok = self.report.failure.is_none();
        self.report.total_ms = self.started.elapsed().as_secs_f64() * 1000.0;
        self.report
    }
}

pub async fn probe(target: &Target, settings: &Settings) -> Report {
    let mut run = Run {
        started: Instant::now(),
        report: Report {
            uri: target.uri.text.clone(),
            ok: false,
            addresses: Vec::new(),
            steps: Vec::new(),
            tls: None,
            allocation: None,
            failure: None,
            total_ms: 0.0,
        },
    };
    let uri = &target.uri;
    let t = Instant::now();
    let addresses: Vec<SocketAddr> =
        match tokio::time::timeout(settings.timeout, tokio::net::lookup_host((uri.host.as_str(), uri.port))).await {
            Ok(Ok(found)) => found.collect(),
            Ok(Err(e)) => {
                return run.fail(
                    "DNS",
                    t,
                    format!("cannot resolve {}: {e}", uri.host),
                    "check the host name and this machine's DNS",
                );
            }
            Err(_) => {
                return run.fail(
                    "DNS",
                    t,
                    format!("resolving {} timed out", uri.host),
                    "check this machine's DNS server",
                );
            }
        };
    run.report.addresses = addresses.clone();
    run.step("DNS", t, addresses.iter().map(|a| a.ip().to_string()).collect::<Vec<_>>().join(", "));

    let conn = match uri.transport {
        Transport::Udp => {
            let t = Instant::now();
            let Some(addr) = addresses.first().copied() else {
                return run.fail("UDP", t, "no address", "check the DNS records");
            };
            let bind: SocketAddr = if addr.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" }.parse().unwrap_or(addr);
            let socket = match UdpSocket::bind(bind).await {
                Ok(socket) => socket,
                Err(e) => return run.fail("UDP", t, e.to_string(), "check local networking"),
            };
            if let Err(e) = socket.connect(addr).await {
                return run.fail("UDP", t, e.to_string(), "check local networking");
            }
            run.step("UDP", t, addr.to_string());
            Conn::Udp(socket)
        }
        Transport::Tcp => {
            let t = Instant::now();
            let mut last_error = String::from("no address");
            let mut refused = false;
            let mut stream = None;
            for addr in &addresses {
                match tokio::time::timeout(settings.timeout, TcpStream::connect(addr)).await {
                    Ok(Ok(s)) => {
                        stream = Some((s, *addr));
                        break;
                    }
                    Ok(Err(e)) => {
                        refused = e.kind() == std::io::ErrorKind::ConnectionRefused;
                        last_error = format!("{addr}: {e}");
                    }
                    Err(_) => {
                        refused = false;
                        last_error = format!("{addr}: timed out after {} s", settings.timeout.as_secs());
                    }
                }
            }
            let Some((stream, addr)) = stream else {
                let hint = if refused {
                    "nothing listens there: check the port, and that the TURN server is running"
                } else {
                    "a firewall may drop the traffic: KVS needs TCP 443 to *.kinesisvideo.<region>.amazonaws.com"
                };
                return run.fail("TCP", t, format!("cannot connect: {last_error}"), hint);
            };
            let _ = stream.set_nodelay(true);
            run.step("TCP", t, addr.to_string());
            if uri.secure {
                match tls(&mut run, stream, &uri.host, settings).await {
                    Ok(conn) => conn,
                    Err(report) => return *report,
                }
            } else {
                Conn::Stream(Box::new(stream))
            }
        }
    };

    let t = Instant::now();
    let (mut client, allocation) =
        match Client::allocate(conn, &target.username, &target.password, settings.timeout).await {
            Ok(done) => done,
            Err(err) => {
                let (cause, hint) = explain_allocate(&err, &target.username);
                return run.fail("Allocate", t, cause, hint);
            }
        };
    let mapped = allocation.mapped.map(|m| format!(", mapped {m}")).unwrap_or_default();
    run.step(
        "Allocate",
        t,
        format!(
            "relayed {}{mapped}, lifetime {} s (realm {})",
            allocation.relayed, allocation.lifetime_secs, allocation.realm
        ),
    );
    run.report.allocation = Some(allocation);

    if let Some(peer) = settings.peer {
        let t = Instant::now();
        if let Err(err) = client.create_permission(peer, settings.timeout).await {
            return run.fail(
                "CreatePermission",
                t,
                format!("for {peer}: {err}"),
                "the server refused the peer address (403: is it allowed?)",
            );
        }
        run.step("CreatePermission", t, format!("peer {peer}"));
        let t = Instant::now();
        let payload = format!("kvs-esp turn-tls probe {}", rand::random::<u64>());
        match client.relay_round_trip(peer, payload.as_bytes(), settings.timeout).await {
            Ok(bytes) => run.step("Relay", t, format!("{bytes} bytes to {peer} and back")),
            Err(err) => {
                return run.fail(
                    "Relay",
                    t,
                    format!("no echo from {peer}: {err}"),
                    "is the peer an echo service, and reachable from the relay?",
                );
            }
        }
    }

    let t = Instant::now();
    match client.release(settings.timeout).await {
        Ok(()) => run.step("Refresh", t, "allocation released (lifetime 0)"),
        Err(err) => return run.fail("Refresh", t, err.to_string(), "the allocation will expire by itself"),
    }
    run.finish()
}

fn config(settings: &Settings) -> Result<(Arc<rustls::ClientConfig>, super::trust::SeenChain), String> {
    let versions: &[&rustls::SupportedProtocolVersion] = match settings.versions {
        TlsVersions::Any => &[&rustls::version::TLS13, &rustls::version::TLS12],
        TlsVersions::Tls12 => &[&rustls::version::TLS12],
        TlsVersions::Tls13 => &[&rustls::version::TLS13],
    };
    let (verifier, seen) = settings.trust.recording_verifier().map_err(|e| e.message)?;
    let config = rustls::ClientConfig::builder_with_provider(crate::aws::tls::provider())
        .with_protocol_versions(versions)
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok((Arc::new(config), seen))
}

/// A completed TLS handshake and what it showed.
pub struct Handshake {
    pub stream: tokio_rustls::client::TlsStream<TcpStream>,
    pub info: TlsInfo,
}

/// A failed handshake: the cause, the next step, and the chain when the server presented one.
pub struct HandshakeFailure {
    pub cause: String,
    pub hint: String,
    pub info: Option<TlsInfo>,
    /// The chain ends at a root the trust store lacks (the case a `--ca-file` fixes).
    pub unknown_issuer: bool,
}

/// The TLS handshake with the settings' trust and versions, SNI = `host`; reports the version, the cipher
/// suite, the chain, its anchor and whether ESP-IDF's default bundle would trust it.
pub async fn handshake(stream: TcpStream, host: &str, settings: &Settings) -> Result<Handshake, HandshakeFailure> {
    let failure = |cause: String, hint: &str| HandshakeFailure {
        cause,
        hint: hint.to_string(),
        info: None,
        unknown_issuer: false,
    };
    let (config, seen) = config(settings).map_err(|e| failure(e, "a local TLS set-up problem"))?;
    let name = ServerName::try_from(host.to_string())
        .map_err(|e| failure(format!("\"{host}\" is not a valid server name: {e}"), "fix the host name"))?;
    let connector = tokio_rustls::TlsConnector::from(config);
    let result = tokio::time::timeout(settings.timeout, connector.connect(name, stream)).await;
    let chain = seen.lock().map(|c| c.clone()).unwrap_or_default();
    let infos: Vec<CertInfo> = chain.iter().filter_map(|c| certs::describe(c)).collect();
    let stream = match result {
        Err(_) => {
            return Err(failure(
                "the handshake timed out".into(),
                "the server accepted TCP but did not answer TLS: is it a TLS port?",
            ));
        }
        Ok(Err(err)) => {
            let (cause, hint) = explain_tls(&err, &infos, host, &settings.trust.label);
            let info = (!chain.is_empty()).then(|| TlsInfo {
                version: String::new(),
                cipher_suite: String::new(),
                anchor: None,
                trust_store: settings.trust.label.clone(),
                esp_default_bundle: verdict(settings, &chain, host),
                chain: infos,
            });
            let unknown_issuer = matches!(
                err.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()),
                Some(rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer))
            );
            return Err(HandshakeFailure { cause, hint, info, unknown_issuer });
        }
        Ok(Ok(stream)) => stream,
    };
    let (_, session) = stream.get_ref();
    let version = session.protocol_version().map(|v| format!("{v:?}").replace("TLSv1_", "TLS 1.")).unwrap_or_default();
    let cipher_suite = session.negotiated_cipher_suite().map(|s| format!("{:?}", s.suite())).unwrap_or_default();
    let info = TlsInfo {
        version,
        cipher_suite,
        anchor: settings.trust.anchor_for(&chain),
        trust_store: settings.trust.label.clone(),
        esp_default_bundle: verdict(settings, &chain, host),
        chain: infos,
    };
    Ok(Handshake { stream, info })
}

impl TlsInfo {
    /// One line: version, cipher suite and anchor.
    pub fn summary(&self) -> String {
        let anchored = self.anchor.clone().map(|a| format!(", anchored by {a}")).unwrap_or_default();
        format!("{} {}{anchored}", self.version, self.cipher_suite)
    }
}

async fn tls(run: &mut Run, stream: TcpStream, host: &str, settings: &Settings) -> Result<Conn, Box<Report>> {
    let t = Instant::now();
    match handshake(stream, host, settings).await {
        Ok(done) => {
            run.step("TLS", t, done.info.summary());
            run.report.tls = Some(done.info);
            Ok(Conn::Stream(Box::new(done.stream)))
        }
        Err(failure) => {
            run.report.tls = failure.info;
            let taken = Run { report: run.report.clone(), started: run.started };
            Err(Box::new(taken.fail("TLS", t, failure.cause, failure.hint)))
        }
    }
}

fn verdict(settings: &Settings, chain: &[rustls::pki_types::CertificateDer<'static>], host: &str) -> EspVerdict {
    match settings.esp.accepts(chain, host) {
        Ok(()) => EspVerdict { trusted: true, reason: None },
        Err(reason) => EspVerdict { trusted: false, reason: Some(reason) },
    }
}

/// Names the TLS failure: unknown issuer, expiry, name mismatch, no common version, a closed connection.
fn explain_tls(err: &std::io::Error, chain: &[CertInfo], host: &str, store: &str) -> (String, String) {
    use rustls::CertificateError as C;
    let inner = err.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>());
    let top_issuer = chain.last().map(|c| c.issuer.clone()).unwrap_or_else(|| "?".into());
    let leaf = chain.first();
    let clock_hint = "if the certificate is right, the clock is wrong: an ESP32 needs SNTP before any TLS";
    match inner {
        Some(rustls::Error::InvalidCertificate(cert)) => match cert {
            C::UnknownIssuer => (
                format!("the chain ends at an unknown issuer, \"{top_issuer}\""),
                format!(
                    "{store} has no root for \"{top_issuer}\"; pass its CA with --trust FILE.pem, or fix the server's chain"
                ),
            ),
            C::Expired | C::ExpiredContext { .. } => {
                let dates = leaf.map(|l| format!(" (valid {} → {})", l.not_before, l.not_after)).unwrap_or_default();
                (
                    format!("the certificate has expired{dates}; now is {}", crate::time::utc(now_secs())),
                    clock_hint.to_string(),
                )
            }
            C::NotValidYet | C::NotValidYetContext { .. } => {
                let dates = leaf.map(|l| format!(" (valid {} → {})", l.not_before, l.not_after)).unwrap_or_default();
                (
                    format!("the certificate is not valid yet{dates}; now is {}", crate::time::utc(now_secs())),
                    clock_hint.to_string(),
                )
            }
            C::NotValidForName | C::NotValidForNameContext { .. } => {
                let sans = leaf.map(|l| l.sans.join(", ")).unwrap_or_default();
                (
                    format!("the certificate is not for \"{host}\" (it names: {sans})"),
                    "use the host name the certificate was issued for".to_string(),
                )
            }
            other => {
                (format!("the certificate was refused: {other:?}"), "check the server's certificate chain".to_string())
            }
        },
        Some(rustls::Error::AlertReceived(alert)) => {
            let no_common_ground =
                matches!(alert, rustls::AlertDescription::ProtocolVersion | rustls::AlertDescription::HandshakeFailure);
            let alert = format!("{alert:?}");
            if no_common_ground {
                (
                    format!("no common TLS version or cipher suite (the server sent {alert})"),
                    "coturn speaks TLS 1.2 only, ESP-TLS 1.2 (1.3 optional): try --tls 1.2 or any".to_string(),
                )
            } else {
                (format!("the server refused the handshake ({alert})"), "see the server's log".to_string())
            }
        }
        Some(rustls::Error::PeerIncompatible(why)) => (
            format!("no common TLS version or cipher suite ({why:?})"),
            "coturn speaks TLS 1.2 only, ESP-TLS 1.2 (1.3 optional): try --tls 1.2 or any".to_string(),
        ),
        Some(other) => (other.to_string(), "see the server's log".to_string()),
        None if matches!(err.kind(), std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset) => (
            "the server closed the connection during the TLS handshake".to_string(),
            "is this a TLS port? a server that drops unknown clients or SNI names does this too".to_string(),
        ),
        None => (err.to_string(), "check the server".to_string()),
    }
}

/// 401 after the authenticated request: a wrong password, or a TURN REST credential past its expiry.
pub(crate) fn explain_allocate(err: &TurnError, username: &str) -> (String, String) {
    match err {
        TurnError::Code { code: 401, .. } => {
            let expiry = username.split(':').next().and_then(|e| e.parse::<u64>().ok());
            match expiry {
                Some(expiry) if expiry <= now_secs() => (
                    format!(
                        "401 Unauthorized: the TURN REST credential expired at {} ({} s ago)",
                        crate::time::utc(expiry),
                        now_secs() - expiry
                    ),
                    "fetch fresh ICE servers (GetIceServerConfig credentials live 300 s); a device must refresh them before the TTL".into(),
                ),
                _ => (
                    format!("401 Unauthorized for user \"{username}\": wrong username or password"),
                    "check the credentials; for TURN REST, the server's shared secret must match the minting side".into(),
                ),
            }
        }
        TurnError::Code { code, .. } => {
            let hint = match code {
                437 => "an allocation already exists for this 5-tuple; retry from a new connection",
                438 => "the server kept rejecting the nonce",
                441 => "the credentials do not match the allocation",
                486 => "this user has too many allocations; release some or wait for them to expire",
                508 => "the server has no relay capacity left",
                _ => "see the server's log",
            };
            (format!("the server answered {err}"), hint.into())
        }
        TurnError::Timeout => ("no answer to the Allocate request".into(), "is this a TURN server?".into()),
        TurnError::Io(e) => (e.clone(), "the server refused or dropped the connection: is it up, on this port?".into()),
        TurnError::Protocol(e) => (e.clone(), "is this a TURN server?".into()),
    }
}
