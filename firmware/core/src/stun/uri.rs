//! TURN URIs (RFC 7065): `turn:host[:port][?transport=udp|tcp]` and `turns:…`, as GetIceServerConfig returns
//! them (`turns:1-2-3-4.t-abcd.kinesisvideo.us-west-2.amazonaws.com:443?transport=tcp`).

use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Udp,
    Tcp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnUri {
    pub secure: bool,
    pub host: String,
    pub port: u16,
    pub transport: Transport,
    /// The URI as given.
    pub text: String,
}

impl TurnUri {
    /// TURN over TLS (`turns:` with TCP), what an ESP32 with ESP-TLS uses.
    pub fn is_tls(&self) -> bool {
        self.secure && self.transport == Transport::Tcp
    }

    /// TURN over DTLS (`turns:` with UDP): not probed.
    pub fn is_dtls(&self) -> bool {
        self.secure && self.transport == Transport::Udp
    }
}

impl fmt::Display for TurnUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl core::str::FromStr for TurnUri {
    type Err = String;

    fn from_str(text: &str) -> Result<TurnUri, String> {
        let bad = |why: &str| format!("invalid TURN URI \"{text}\": {why}");
        let (secure, rest) = if let Some(rest) = text.strip_prefix("turns:") {
            (true, rest)
        } else if let Some(rest) = text.strip_prefix("turn:") {
            (false, rest)
        } else {
            return Err(bad("it must start with turn: or turns:"));
        };
        let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (host, after) = v6.split_once(']').ok_or_else(|| bad("an IPv6 address needs a closing ]"))?;
            (host, after.strip_prefix(':'))
        } else {
            match authority.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            }
        };
        if host.is_empty() || host.contains('/') {
            return Err(bad("no host"));
        }
        let port = match port {
            Some(p) => p.parse::<u16>().map_err(|_| bad("the port is not a number from 1 to 65535"))?,
            None if secure => 5349,
            None => 3478,
        };
        if port == 0 {
            return Err(bad("port 0"));
        }
        let mut transport = if secure { Transport::Tcp } else { Transport::Udp };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("transport", "udp")) => transport = Transport::Udp,
                Some(("transport", "tcp")) => transport = Transport::Tcp,
                Some(("transport", other)) => return Err(bad(&format!("unknown transport {other}"))),
                _ => {}
            }
        }
        Ok(TurnUri { secure, host: host.to_string(), port, transport, text: text.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kvs_uris() {
        let u: TurnUri =
            "turns:1-2-3-4.t-ab12cd34.kinesisvideo.us-west-2.amazonaws.com:443?transport=tcp".parse().unwrap();
        assert!(u.is_tls());
        assert_eq!((u.host.as_str(), u.port), ("1-2-3-4.t-ab12cd34.kinesisvideo.us-west-2.amazonaws.com", 443));
        let d: TurnUri = "turns:h:443?transport=udp".parse().unwrap();
        assert!(d.is_dtls());
        let plain: TurnUri = "turn:127.0.0.1".parse().unwrap();
        assert_eq!((plain.port, plain.transport, plain.secure), (3478, Transport::Udp, false));
        let v6: TurnUri = "turns:[::1]:5349".parse().unwrap();
        assert_eq!((v6.host.as_str(), v6.transport), ("::1", Transport::Tcp));
        assert!("stun:h".parse::<TurnUri>().is_err());
        assert!("turn:h:99999".parse::<TurnUri>().is_err());
        assert!("turn:h?transport=sctp".parse::<TurnUri>().is_err());
    }
}
