//! What a peer run found, layer by layer — candidates, pairs, DTLS, the data channel, tracks — and the verdict
//! that names the first layer that failed and its likely cause.

use kvs_core::webrtc::{CandidateType, Codec, DtlsRole, IceState, Layer, MediaKind, PairOutcome, Transport};
use serde::Serialize;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub role: String,
    pub ice_transport: super::IcePolicy,
    pub elapsed_ms: u64,
    /// When signaling connected.
    pub signaling_ms: Option<u64>,
    pub candidates: Vec<LocalCandidate>,
    pub stun: Vec<StunOutcome>,
    pub turn: Vec<TurnOutcome>,
    pub connections: Vec<ConnectionReport>,
    /// A recording master's storage session (`--join-storage`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageReport>,
    pub verdict: Verdict,
}

/// How a recording master's storage session went: the joins it made, and the peer whose offer was the session's.
#[derive(Debug, Clone, Serialize)]
pub struct StorageReport {
    pub joins: u32,
    /// Which connection is the storage session's (the last one, when it joined more than once).
    pub peer: Option<String>,
}

/// A candidate this side gathered.
#[derive(Debug, Clone, Serialize)]
pub struct LocalCandidate {
    pub typ: CandidateType,
    /// For a relay candidate, how it reaches its TURN server.
    pub transport: Transport,
    pub addr: SocketAddr,
    /// The STUN or TURN server it came from.
    pub via: Option<String>,
    pub ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StunOutcome {
    pub server: String,
    pub mapped: Option<SocketAddr>,
    pub error: Option<String>,
    pub ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TurnOutcome {
    pub uri: String,
    pub relayed: Option<SocketAddr>,
    pub failure: Option<TurnFailure>,
    pub ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TurnFailure {
    pub kind: super::relay::FailureKind,
    pub cause: String,
    pub hint: String,
}

/// One peer connection: the master's, or one viewer's.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionReport {
    /// The viewer's client id, or `-` for the master.
    pub peer: String,
    pub ice_state: IceState,
    pub ice_connected_ms: Option<u64>,
    pub remote_candidates: Vec<RemoteCandidate>,
    pub pairs: Vec<PairReport>,
    /// The pair media flows on, e.g. `relay/tls 127.0.0.1:50010 ↔ host/udp 127.0.0.1:41000`.
    pub nominated: Option<String>,
    pub dtls: Option<DtlsReport>,
    pub data_channel: Option<DataChannelReport>,
    pub first_rtp_ms: Option<u64>,
    pub offered: Vec<Section>,
    pub answered: Vec<Section>,
    /// The answer was the companion firmware's diagnostic answer: signaling works, no media is offered.
    pub diagnostic_answer: bool,
    pub tracks: Vec<TrackReport>,
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RemoteCandidate {
    pub typ: CandidateType,
    pub transport: Transport,
    pub addr: SocketAddr,
}

/// A media section's kind and codecs, as an SDP lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub kind: MediaKind,
    pub codecs: Vec<Codec>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    pub local: CandidateType,
    pub local_transport: Transport,
    pub local_addr: SocketAddr,
    pub remote: CandidateType,
    pub remote_addr: SocketAddr,
    pub outcome: PairOutcome,
    pub rtt_ms: Option<f64>,
    /// Binding requests sent on the pair.
    pub checks: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DtlsReport {
    pub role: Option<DtlsRole>,
    pub ms: u64,
    /// The peer's certificate fingerprint, as its SDP states it and as the handshake verified it.
    pub fingerprint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataChannelReport {
    pub label: String,
    pub open_ms: u64,
    /// The round trip of the viewer's probe message through the master's echo.
    pub echo_rtt_ms: Option<f64>,
    pub sent: u64,
    pub received: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrackReport {
    pub mid: String,
    pub kind: MediaKind,
    pub codec: Option<Codec>,
    /// `recv` or `send`.
    pub direction: &'static str,
    pub first_frame_ms: Option<u64>,
    pub first_keyframe_ms: Option<u64>,
    pub frames: u64,
    pub keyframes: u64,
    pub packets: u64,
    pub bytes: u64,
    /// Averages over the time the track ran.
    pub kbps: f64,
    pub fps: f64,
    pub loss_pct: f64,
    pub jitter_ms: f64,
    pub nacks: u64,
    pub plis: u64,
    /// Where the track was saved (`--save`).
    pub saved: Option<PathBuf>,
}

/// Why one connection's media path stopped.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub layer: Layer,
    pub cause: String,
    pub hint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub ok: bool,
    /// The first layer that failed.
    pub layer: Option<Layer>,
    /// The connection it failed on, when it was one connection's.
    pub peer: Option<String>,
    pub cause: String,
    pub hint: String,
}

impl Verdict {
    fn failed(layer: Layer, peer: Option<String>, cause: String, hint: &str) -> Verdict {
        Verdict { ok: false, layer: Some(layer), peer, cause, hint: hint.to_string() }
    }
}

/// Decides the verdict: gathering first (no server-reflexive candidate from any STUN server; no relay from any
/// TURN server), then each connection's first failure in the order the layers are climbed.
pub fn verdict(report: &Report, relay_only: bool) -> Verdict {
    let srflx = report.candidates.iter().any(|c| c.typ == CandidateType::ServerReflexive);
    if !relay_only && !report.stun.is_empty() && !srflx {
        let servers: Vec<&str> = report.stun.iter().map(|s| s.server.as_str()).collect();
        return Verdict::failed(
            Layer::Gathering,
            None,
            format!("no server-reflexive candidate: {} did not answer", servers.join(", ")),
            "UDP to the STUN server is blocked (KVS's is on port 443) or the server is down; behind a NAT only \
             relay candidates will connect",
        );
    }
    let relays = report.candidates.iter().any(|c| c.typ == CandidateType::Relay);
    if !relays && let Some(failure) = report.turn.iter().find_map(|t| t.failure.as_ref()) {
        let cause = match failure.kind {
            super::relay::FailureKind::Trust => format!("TURN over TLS refused by trust: {}", failure.cause),
            _ => format!("TURN allocation refused: {}", failure.cause),
        };
        return Verdict { ok: false, layer: Some(Layer::Turn), peer: None, cause, hint: failure.hint.clone() };
    }
    if relay_only && !relays {
        return Verdict::failed(
            Layer::Gathering,
            None,
            "--ice-transport relay, but no TURN server was handed out".into(),
            "GetIceServerConfig returned no TURN URI; check the channel and region",
        );
    }
    if let Some((peer, failure)) = report.connections.iter().find_map(|c| c.failure.as_ref().map(|f| (&c.peer, f))) {
        return Verdict {
            ok: false,
            layer: Some(failure.layer),
            peer: Some(peer.clone()),
            cause: failure.cause.clone(),
            hint: failure.hint.clone(),
        };
    }
    if report.connections.is_empty() {
        let (layer, cause) = if report.role == "viewer" {
            (Layer::Signaling, "the master never answered the offer".to_string())
        } else {
            return Verdict {
                ok: true,
                layer: None,
                peer: None,
                cause: "no viewer connected".into(),
                hint: "start a viewer (kvs-esp webrtc connect --role viewer, or the KVS WebRTC test page)".into(),
            };
        };
        return Verdict::failed(layer, None, cause, "is a master connected to the channel? (kvs-esp signal connect)");
    }
    let flowing = |direction: &str| {
        report.connections.iter().flat_map(|c| &c.tracks).filter(|t| t.direction == direction && t.frames > 0).count()
    };
    let cause = match (flowing("recv"), flowing("send")) {
        (0, 0) => "connected; data channel only".to_string(),
        (received, 0) => format!("media flows: {received} track(s) received"),
        (0, sent) => format!("media flows: {sent} track(s) sent"),
        (received, sent) => format!("media flows: {received} track(s) received, {sent} sent"),
    };
    Verdict { ok: true, layer: None, peer: None, cause, hint: String::new() }
}

impl std::fmt::Display for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let codecs: Vec<&str> = self.codecs.iter().map(|c| c.as_str()).collect();
        match codecs.is_empty() {
            true => write!(f, "{} (rejected)", self.kind),
            false => write!(f, "{} {}", self.kind, codecs.join(", ")),
        }
    }
}
