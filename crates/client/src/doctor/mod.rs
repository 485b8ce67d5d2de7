//! The doctor: every check a KVS WebRTC connection depends on, in order, one verdict each. Most
//! "signaling connect times out" reports end at a clock, a credential, a trust store or a firewall; the
//! doctor names which, at the step where it happens, and skips what cannot run after it.

mod report;
mod storage;

use crate::api::{self, CachePolicy};
use crate::aws::clock::describe_offset;
use crate::aws::credentials::provider_name;
use crate::aws::{AwsConfig, AwsContext};
use crate::error::{Error, Kind, Result};
use crate::observer::Observer;
use crate::signal::websocket;
use crate::turn::{self, Trust, TurnUri};
use futures_util::{SinkExt, StreamExt};
use kvs_core::api::EndpointProtocol;
use kvs_core::names::{ChannelRef, ClientId, Role};
use kvs_core::skew::SKEW_THRESHOLD_MS;
pub use report::{Check, Doctor, Status};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use tokio_tungstenite::tungstenite::Message;

/// What to check.
#[derive(Debug, Clone)]
pub struct DoctorConfig {
    /// The channel whose API calls, WebSocket and TURN servers are checked; without one the checks stop after
    /// the clock.
    pub channel: Option<ChannelRef>,
    pub role: Role,
    /// The client id for GetIceServerConfig and a viewer's WebSocket; `None` makes one up.
    pub client_id: Option<ClientId>,
    /// The roots the TURN servers' chains are checked against.
    pub turn_trust: Trust,
    /// How long each check may take.
    pub timeout: Duration,
    /// The media-path step, when asked for.
    pub peer: Option<PeerStep>,
    /// The storage-session step, when asked for: as the channel's master (superseding the one connected, for the
    /// step's few seconds), join its storage session and send it the built-in clip.
    pub storage_session: Option<PeerStep>,
}

/// How the media-path step connects: as a viewer, with the channel's TURN servers and (against AWS) KVS's STUN
/// server.
#[derive(Debug, Clone, Default)]
pub struct PeerStep {
    /// The addresses of host candidates; empty for every non-loopback IPv4 interface.
    pub host_ips: Vec<std::net::IpAddr>,
}

/// Runs every check in order and returns the checklist; a failure stops what depends on it (marked skipped).
pub async fn run(aws: &AwsConfig, args: &DoctorConfig, observer: Arc<dyn Observer>) -> Result<Doctor> {
    let mut doctor = Doctor::default();
    let role = args.role;
    let timeout = args.timeout;

    let t = Instant::now();
    let ctx = match AwsContext::load(aws, observer).await {
        Ok(ctx) => ctx,
        Err(err) => {
            let step = if err.kind == Kind::Auth { "credentials" } else { "region" };
            doctor.push(Check::fail(step, t, err.message, err.hint.unwrap_or_default()));
            return Ok(doctor);
        }
    };
    let t = Instant::now();
    match ctx.credentials.get(SystemTime::now()).await {
        Ok(creds) => {
            let expiry = match creds.expiry() {
                Some(at) => format!("expires {}", httpdate::fmt_http_date(at)),
                None => "long-term (no expiry)".into(),
            };
            doctor.push(Check::pass(
                "credentials",
                t,
                format!("access key {} from {}, {expiry}", creds.access_key_id(), provider_name(&creds)),
            ));
        }
        Err(err) => {
            doctor.push(Check::fail("credentials", t, err.message, err.hint.unwrap_or_default()));
            return Ok(doctor);
        }
    }
    doctor.push(Check::pass(
        "region",
        Instant::now(),
        format!("{}; control plane {} ({})", ctx.region, ctx.control_plane.url, ctx.control_plane.source.describe()),
    ));

    if !control_plane_network(&mut doctor, &ctx, timeout).await {
        doctor.skip_rest("the control plane cannot be reached", &after_network(args.channel.is_some()));
        return Ok(doctor);
    }
    clock(&mut doctor, &ctx).await;

    let Some(channel) = &args.channel else {
        doctor.skip_rest("no --channel given", &channel_steps());
        return Ok(doctor);
    };
    let t = Instant::now();
    match api::describe_channel(&ctx, channel).await {
        Ok(reply) => {
            let info = reply.body;
            doctor.push(Check::pass(
                "DescribeSignalingChannel",
                t,
                format!("{} {}", info.channel_status.unwrap_or_default(), info.channel_arn.unwrap_or_default()),
            ));
        }
        Err(err) => {
            doctor.push(Check::from_error("DescribeSignalingChannel", t, &err));
            doctor.skip_rest("the channel could not be described", &channel_steps()[1..]);
            return Ok(doctor);
        }
    }
    let t = Instant::now();
    let no_cache = CachePolicy { enabled: false };
    let endpoints =
        match api::endpoints(&ctx, channel, role, &[EndpointProtocol::Wss, EndpointProtocol::Https], &no_cache).await {
            Ok(found) => {
                let urls: Vec<String> = found.list.iter().filter_map(|e| e.resource_endpoint.clone()).collect();
                doctor.push(Check::pass("GetSignalingChannelEndpoint", t, urls.join(", ")));
                found
            }
            Err(err) => {
                doctor.push(Check::from_error("GetSignalingChannelEndpoint", t, &err));
                doctor.skip_rest("there is no endpoint to use", &channel_steps()[2..]);
                return Ok(doctor);
            }
        };
    let t = Instant::now();
    let servers = match api::ice_server_config(&ctx, channel, role, args.client_id.clone(), &no_cache).await {
        Ok((_, servers)) => {
            let ttl = servers.iter().filter_map(|s| s.ttl).min().unwrap_or(0);
            let plural = if servers.len() == 1 { "" } else { "s" };
            doctor.push(Check::pass("GetIceServerConfig", t, format!("{} server{plural}, TTL {ttl} s", servers.len())));
            Some(servers)
        }
        Err(err) => {
            doctor.push(Check::from_error("GetIceServerConfig", t, &err));
            None
        }
    };
    websocket_check(&mut doctor, &ctx, &endpoints, role, args, timeout).await;
    match servers {
        Some(servers) => turn_checks(&mut doctor, servers, args, timeout).await?,
        None => doctor.skip_rest("GetIceServerConfig failed", &["TURN over TLS"]),
    }
    let ctx = Arc::new(ctx);
    if let Some(step) = &args.peer {
        media_path(&mut doctor, ctx.clone(), channel, step, args).await?;
    }
    let records = storage::configuration(&mut doctor, &ctx, channel).await;
    match (&args.storage_session, records) {
        (Some(step), true) => storage::session(&mut doctor, ctx, channel, &step.host_ips, timeout).await?,
        (Some(_), false) => doctor.skip_rest("the channel has no storage session to join", &["storage session"]),
        (None, _) => {}
    }
    Ok(doctor)
}

/// Connects a viewer to the channel's master and requires ICE, DTLS and the data channel within the timeout.
async fn media_path(
    doctor: &mut Doctor,
    ctx: Arc<AwsContext>,
    channel: &ChannelRef,
    step: &PeerStep,
    args: &DoctorConfig,
) -> Result<()> {
    use crate::peer::{self, PeerConfig, Quiet};
    let t = Instant::now();
    let config = PeerConfig {
        stun: peer::default_stun(&ctx),
        host_ips: step.host_ips.clone(),
        timeout: args.timeout,
        duration: Some(Duration::from_secs(1)),
        ..PeerConfig::new(Role::Viewer, Arc::new(turn::probe::Settings::new(&args.turn_trust, args.timeout)?))
    };
    let client_id = ClientId::new(format!("doctor-{:08x}", rand::random::<u32>()))?;
    let machine = machine(channel, Role::Viewer, client_id);
    let report = match peer::run(ctx, machine, None, config, &mut Quiet, std::future::pending()).await {
        Ok(report) => report,
        Err(err) => {
            doctor.push(Check::from_error("media path", t, &err));
            return Ok(());
        }
    };
    let connection = report.connections.first();
    let dtls = connection.and_then(|c| c.dtls.clone());
    let data = connection.and_then(|c| c.data_channel.clone());
    match (dtls, data) {
        (Some(dtls), Some(data)) => {
            let pair = connection.and_then(|c| c.nominated.clone()).unwrap_or_else(|| "a pair".into());
            let detail = format!("{pair}; DTLS {} ms; data channel open at {} ms", dtls.ms, data.open_ms);
            doctor.push(Check::pass("media path", t, detail));
        }
        (dtls, _) => {
            let stopped = if dtls.is_none() { "DTLS did not connect" } else { "the data channel did not open" };
            let cause = match (report.verdict.ok, report.verdict.layer) {
                (false, Some(layer)) => format!("stopped at {layer}: {}", report.verdict.cause),
                _ => stopped.to_string(),
            };
            doctor.push(Check::fail("media path", t, cause, report.verdict.hint.clone()));
        }
    }
    Ok(())
}

/// The signaling machine of a peer step: a channel that must exist already, no cache.
fn machine(channel: &ChannelRef, role: Role, client_id: ClientId) -> kvs_core::signaling::Machine {
    kvs_core::signaling::Machine::new(kvs_core::signaling::Config {
        channel: channel.clone(),
        role,
        client_id,
        create_if_missing: None,
        cached: None,
        timing: kvs_core::signaling::Timing::default(),
        seed: rand::random(),
    })
}

/// The media-path step reports through the checklist, not as it goes.
fn channel_steps() -> [&'static str; 6] {
    [
        "DescribeSignalingChannel",
        "GetSignalingChannelEndpoint",
        "GetIceServerConfig",
        "WebSocket",
        "TURN over TLS",
        "media storage",
    ]
}

fn after_network(with_channel: bool) -> Vec<&'static str> {
    let mut steps = vec!["clock"];
    if with_channel {
        steps.extend(channel_steps());
    }
    steps
}

/// DNS, TCP and TLS to the control plane, each its own check; false when the control plane is unreachable.
async fn control_plane_network(doctor: &mut Doctor, ctx: &AwsContext, timeout: Duration) -> bool {
    let Ok(uri) = ctx.control_plane.url.parse::<http::Uri>() else { return false };
    let tls = uri.scheme_str() == Some("https");
    let host = uri.host().unwrap_or_default().trim_matches(|c| c == '[' || c == ']').to_string();
    let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
    let t = Instant::now();
    let addresses: Vec<std::net::SocketAddr> =
        match tokio::time::timeout(timeout, tokio::net::lookup_host((host.as_str(), port))).await {
            Ok(Ok(found)) => found.collect(),
            Ok(Err(e)) => {
                doctor.push(Check::fail(
                    "control plane DNS",
                    t,
                    format!("cannot resolve {host}: {e}"),
                    "check the region and this machine's DNS",
                ));
                return false;
            }
            Err(_) => {
                doctor.push(Check::fail(
                    "control plane DNS",
                    t,
                    format!("resolving {host} timed out"),
                    "check this machine's DNS",
                ));
                return false;
            }
        };
    doctor.push(Check::pass(
        "control plane DNS",
        t,
        addresses.iter().map(|a| a.ip().to_string()).collect::<Vec<_>>().join(", "),
    ));
    let t = Instant::now();
    let mut connected = None;
    let mut last = String::new();
    for addr in &addresses {
        match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                connected = Some((stream, *addr));
                break;
            }
            Ok(Err(e)) => last = format!("{addr}: {e}"),
            Err(_) => last = format!("{addr}: timed out"),
        }
    }
    let Some((stream, addr)) = connected else {
        doctor.push(Check::fail(
            "control plane TCP",
            t,
            format!("cannot connect: {last}"),
            "a firewall or proxy may block it: KVS needs TCP 443 to *.kinesisvideo.<region>.amazonaws.com (is the emulator running?)",
        ));
        return false;
    };
    doctor.push(Check::pass("control plane TCP", t, addr.to_string()));
    if !tls {
        doctor.push(Check::skip("control plane TLS", "plain HTTP endpoint (the emulator's)"));
        return true;
    }
    let t = Instant::now();
    let settings = match tls_settings(ctx.transport.extra_ca(), timeout) {
        Ok(settings) => settings,
        Err(err) => {
            doctor.push(Check::fail("control plane TLS", t, err.message, err.hint.unwrap_or_default()));
            return false;
        }
    };
    match turn::probe::handshake(stream, &host, &settings).await {
        Ok(done) => {
            let esp = &done.info.esp_default_bundle;
            let mut check = Check::pass("control plane TLS", t, done.info.summary());
            if !esp.trusted {
                check.status = Status::Warn;
                check.detail.push_str(&format!(
                    "; an ESP32 with ESP-IDF's default bundle would NOT trust it ({})",
                    esp.reason.clone().unwrap_or_default()
                ));
            } else {
                check.detail.push_str("; ESP-IDF's default bundle trusts it");
            }
            check.tls = Some(done.info);
            doctor.push(check);
            true
        }
        Err(failure) => {
            let hint = if failure.unknown_issuer {
                "pass the server's CA with --ca-file or AWS_CA_BUNDLE (the emulator prints its ca.pem)".to_string()
            } else {
                failure.hint
            };
            let mut check = Check::fail("control plane TLS", t, failure.cause, hint);
            check.tls = failure.info;
            doctor.push(check);
            false
        }
    }
}

/// This machine's roots plus --ca-file for the control plane and the WebSocket.
fn tls_settings(ca_file: Option<&std::path::Path>, timeout: Duration) -> Result<turn::probe::Settings> {
    Ok(turn::probe::Settings {
        trust: turn::trust::TrustStore::native_with(ca_file)?,
        esp: turn::trust::TrustStore::load(&Trust::EspCommon)?,
        versions: turn::TlsVersions::Any,
        peer: None,
        timeout,
    })
}

/// The offset to the service's clock, from the `Date` of an unsigned request (any answer carries one).
async fn clock(doctor: &mut Doctor, ctx: &AwsContext) {
    let t = Instant::now();
    let url = format!("{}{}", ctx.control_plane.url, kvs_core::api::Operation::DescribeSignalingChannel.path());
    let request =
        http::Request::post(url).header("content-type", "application/json").body(bytes::Bytes::from_static(b"{}"));
    let response = match request {
        Ok(request) => ctx.transport.send(request).await,
        Err(e) => Err(Error::local(e.to_string())),
    };
    let response = match response {
        Ok(response) => response,
        Err(err) => {
            doctor.push(Check::fail(
                "clock",
                t,
                format!("no answer to read the service's clock from: {}", err.message),
                "see the control plane checks",
            ));
            return;
        }
    };
    let Some(server) = response.date() else {
        doctor.push(Check::warn("clock", t, "the service sent no Date header; the offset is unknown"));
        return;
    };
    ctx.clock.observe(server, response.received_at);
    let offset = match server.duration_since(response.received_at) {
        Ok(ahead) => ahead.as_millis() as i64,
        Err(behind) => -(behind.duration().as_millis() as i64),
    };
    if offset.unsigned_abs() > SKEW_THRESHOLD_MS {
        doctor.push(Check::fail(
            "clock",
            t,
            format!("this computer's clock is {} the service's; SigV4 allows 5 minutes", describe_offset(offset)),
            "sync the clock (timedatectl set-ntp true); a device needs SNTP before its first signature — kvs-esp corrects the offset for the remaining checks",
        ));
    } else {
        doctor.push(Check::pass(
            "clock",
            t,
            format!("within {} ms of the service's (Date has 1 s resolution)", offset.unsigned_abs()),
        ));
    }
}

/// The WebSocket handshake for the role, then a ping round trip.
async fn websocket_check(
    doctor: &mut Doctor,
    ctx: &AwsContext,
    endpoints: &api::Endpoints,
    role: Role,
    args: &DoctorConfig,
    timeout: Duration,
) {
    let t = Instant::now();
    let Some(wss) = endpoints.url(EndpointProtocol::Wss) else {
        doctor.push(Check::fail(
            "WebSocket",
            t,
            "GetSignalingChannelEndpoint returned no WSS endpoint",
            "retry; the service's answer was incomplete",
        ));
        return;
    };
    let mut params = vec![("X-Amz-ChannelARN".to_string(), endpoints.channel_arn.clone())];
    if role == Role::Viewer {
        let id = args
            .client_id
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_else(|| format!("doctor-{:08x}", rand::random::<u32>()));
        params.push(("X-Amz-ClientId".to_string(), id));
    }
    let url = match websocket::presign(ctx, wss, &params).await {
        Ok(url) => url,
        Err(err) => return doctor.push(Check::from_error("WebSocket", t, &err)),
    };
    let tls = match ctx.transport.tls_config() {
        Ok(tls) => tls,
        Err(err) => return doctor.push(Check::from_error("WebSocket", t, &err)),
    };
    let mut socket = match tokio::time::timeout(timeout, websocket::connect(&url, tls)).await {
        Err(_) => {
            return doctor.push(Check::fail(
                "WebSocket",
                t,
                "the handshake timed out",
                "a proxy or firewall may hold WebSocket upgrades",
            ));
        }
        Ok(Err(failure)) => {
            let hint = match failure.status {
                Some(403) => "the presigned URL was refused: check the credentials and the clock",
                Some(404) => "the channel or endpoint is gone: run again without the cache",
                Some(400) => "the service refused the connection (too many viewers, or an invalid client id)",
                Some(_) => "the service refused the upgrade; retry later",
                None => "the connection failed before the upgrade: network, proxy or TLS",
            };
            return doctor.push(Check::fail(
                "WebSocket",
                t,
                format!("handshake refused: {}", failure.detail.trim()),
                hint,
            ));
        }
        Ok(Ok(opened)) => opened.socket,
    };
    let connected_ms = t.elapsed().as_secs_f64() * 1000.0;
    let ping = Instant::now();
    let pong = async {
        socket.send(Message::Ping(bytes::Bytes::from_static(b"kvs-esp"))).await.ok()?;
        while let Some(Ok(message)) = socket.next().await {
            if matches!(message, Message::Pong(_)) {
                return Some(());
            }
        }
        None
    };
    match tokio::time::timeout(timeout, pong).await {
        Ok(Some(())) => doctor.push(Check::pass(
            "WebSocket",
            t,
            format!(
                "connected as {} in {connected_ms:.1} ms, ping round trip {:.1} ms",
                role.as_str().to_lowercase(),
                ping.elapsed().as_secs_f64() * 1000.0
            ),
        )),
        _ => doctor.push(Check::fail(
            "WebSocket",
            t,
            "connected, but no answer to a ping",
            "something between here and the service drops WebSocket control frames",
        )),
    }
    let _ = socket.close(None).await;
}

/// The TURN-over-TLS probe for every `turns:` server.
async fn turn_checks(
    doctor: &mut Doctor,
    servers: Vec<kvs_core::api::IceServer>,
    args: &DoctorConfig,
    timeout: Duration,
) -> Result<()> {
    let settings = turn::probe::Settings::new(&args.turn_trust, timeout)?;
    let mut probed = 0;
    for server in servers {
        for text in &server.uris {
            let Ok(uri) = text.parse::<TurnUri>() else { continue };
            if !uri.is_tls() {
                continue;
            }
            probed += 1;
            let target = turn::probe::Target {
                uri,
                username: server.username.clone().unwrap_or_default(),
                password: server.password.clone().unwrap_or_default(),
            };
            let t = Instant::now();
            let report = turn::probe::probe(&target, &settings).await;
            let name = "TURN over TLS";
            match &report.failure {
                None => {
                    let relay = report.allocation.as_ref().map(|a| format!("relay {}", a.relayed)).unwrap_or_default();
                    let tls = report.tls.as_ref().map(|t| t.summary()).unwrap_or_default();
                    doctor.push(Check::pass(name, t, format!("{text}: {tls}; {relay}")));
                }
                Some(failure) => doctor.push(Check::fail(
                    name,
                    t,
                    format!("{text} at {}: {}", failure.step, failure.cause),
                    failure.hint.clone(),
                )),
            }
        }
    }
    if probed == 0 {
        doctor.push(Check::warn(
            "TURN over TLS",
            Instant::now(),
            "GetIceServerConfig returned no turns:…?transport=tcp server",
        ));
    }
    Ok(())
}
