//! The network checks a device makes once it is CONNECTED, and again with every new ICE configuration: a STUN
//! Binding for its server-reflexive address, then a TURN allocation on every URI KVS handed out — over UDP, TCP
//! and TLS — so that a board says for itself which of the paths WebRTC needs its network lets through.

use super::uri::{Transport as UriTransport, TurnUri};
use crate::api::IceServer;
use crate::webrtc::{PathStep, Transport};
use alloc::string::String;
use alloc::vec::Vec;

/// One check: what it tries, against which server, with which credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathCheck {
    pub step: PathStep,
    /// How the server is reached (TLS: a `turns:` URI over TCP).
    pub transport: Transport,
    /// The server as the user knows it: `host:port` for STUN, the URI for TURN.
    pub server: String,
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password: String,
}

/// The checks for `servers` (GetIceServerConfig's answer) and the STUN server (`host:port`), STUN first.
/// `turns:` over UDP (DTLS) is left out: neither the SDKs nor the devices use it.
pub fn checks(stun: Option<&str>, servers: &[IceServer]) -> Vec<PathCheck> {
    let mut checks = Vec::new();
    if let Some((host, port)) = stun.and_then(|s| s.rsplit_once(':')).and_then(|(h, p)| Some((h, p.parse().ok()?))) {
        checks.push(PathCheck {
            step: PathStep::Stun,
            transport: Transport::Udp,
            server: String::from(stun.unwrap_or_default()),
            host: String::from(host),
            port,
            username: String::new(),
            password: String::new(),
        });
    }
    for server in servers {
        for uri in server.uris.iter().filter_map(|u| u.parse::<TurnUri>().ok()) {
            let transport = match (uri.secure, uri.transport) {
                (false, UriTransport::Udp) => Transport::Udp,
                (false, UriTransport::Tcp) => Transport::Tcp,
                (true, UriTransport::Tcp) => Transport::Tls,
                (true, UriTransport::Udp) => continue,
            };
            checks.push(PathCheck {
                step: PathStep::Turn,
                transport,
                server: uri.text.clone(),
                host: uri.host.clone(),
                port: uri.port,
                username: server.username.clone().unwrap_or_default(),
                password: server.password.clone().unwrap_or_default(),
            });
        }
    }
    checks
}

/// The STUN server a device asks: KVS's regional one (`stun_server`, the SDKs' choice) against AWS; against
/// another endpoint (an emulator) the first plain `turn:` UDP server, which answers Binding requests as every
/// TURN server does.
pub fn stun_server(on_aws: bool, regional: String, servers: &[IceServer]) -> Option<String> {
    if on_aws {
        return Some(regional);
    }
    let uris = servers.iter().flat_map(|s| &s.uris).filter_map(|u| u.parse::<TurnUri>().ok());
    uris.into_iter()
        .find(|u| !u.secure && u.transport == UriTransport::Udp)
        .map(|u| alloc::format!("{}:{}", u.host, u.port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stun_first_then_every_turn_uri_but_dtls() {
        let servers = alloc::vec![IceServer {
            uris: alloc::vec![
                "turn:1-2-3-4.t-1.kinesisvideo.us-west-2.amazonaws.com:443?transport=udp".into(),
                "turns:1-2-3-4.t-1.kinesisvideo.us-west-2.amazonaws.com:443?transport=udp".into(),
                "turns:1-2-3-4.t-1.kinesisvideo.us-west-2.amazonaws.com:443?transport=tcp".into(),
                "turn:127.0.0.1:3478?transport=tcp".into(),
                "not a uri".into(),
            ],
            username: Some("1700000000:user".into()),
            password: Some("pw".into()),
            ttl: Some(300),
        }];
        let checks = checks(Some("stun.kinesisvideo.us-west-2.amazonaws.com:443"), &servers);
        let seen: Vec<(PathStep, Transport, u16)> = checks.iter().map(|c| (c.step, c.transport, c.port)).collect();
        assert_eq!(
            seen,
            [
                (PathStep::Stun, Transport::Udp, 443),
                (PathStep::Turn, Transport::Udp, 443),
                (PathStep::Turn, Transport::Tls, 443),
                (PathStep::Turn, Transport::Tcp, 3478)
            ]
        );
        assert_eq!(checks[2].username, "1700000000:user");
        assert_eq!(
            stun_server(false, "x:443".into(), &servers).as_deref(),
            Some("1-2-3-4.t-1.kinesisvideo.us-west-2.amazonaws.com:443")
        );
        assert_eq!(stun_server(true, "x:443".into(), &servers).as_deref(), Some("x:443"));
    }
}
