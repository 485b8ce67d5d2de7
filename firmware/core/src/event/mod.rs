//! The diagnostic event vocabulary: the contract between host and device. Every event has exactly one text
//! form, `ev=<kind> key=value …`, written by [`Display`](fmt::Display) and read back by [`FromStr`]; the
//! firmware prints it inside an ESP-IDF log line (`I (12345) kvs: ev=…`), the host prints the same with `-v`,
//! and the monitor and `diagnose` read device lines back into events with [`Event::find_in`], so that host and
//! device line up phase by phase.

use crate::api::Operation;
use crate::message::{Action, MessageType};
use crate::names::Role;
use crate::provision::PromptReason;
use crate::signaling::State;
use crate::webrtc::{
    CandidateType, Codec, DtlsRole, IceState, Layer, PairOutcome, PathCause, PathStep, Side, Transport,
};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The signaling machine moved between states.
    State { from: State, to: State },
    /// An API call finished: its operation, HTTP status (0 when no response arrived) and duration.
    Api { op: Operation, status: u16, ms: u64 },
    /// Waiting before the next attempt.
    Backoff { ms: u64, attempt: u32 },
    /// A TLS handshake finished (the driver's, before the WebSocket upgrade): how long it took.
    Tls { ms: u64 },
    /// The WebSocket opened (`status=101`) or was refused (the HTTP status, 0 for a timeout or network error).
    Connect { status: u16, ms: u64 },
    /// The WebSocket closed without being asked to.
    Closed { code: u16 },
    /// A message arrived: its type, the sender (`-` for the master) and the frame size.
    Rx { kind: MessageType, peer: String, bytes: usize },
    /// A message went out.
    Tx { kind: Action, peer: String, bytes: usize, corr: String },
    /// The service reported a message as failed.
    StatusResponse { corr: String, status: u16, error: String },
    /// A frame that could not be read; the connection stays up. `reason` may hold spaces.
    BadFrame { reason: String },
    /// The service asked the client to reconnect.
    GoAway,
    /// The service asked the client to refresh its TURN servers.
    ReconnectIce,
    /// New ICE servers: how many, and the smallest TTL.
    IceConfig { servers: usize, ttl: u32 },
    /// A keepalive ping went out after a quiet period.
    Ping,
    /// The service's clock differs from ours by more than the threshold; later signatures use the offset.
    ClockSkew { offset_ms: i64 },
    /// A cached endpoint was used instead of a call.
    CacheHit { channel: String, role: Role },
    /// The device's heap: free now and the lowest it has been.
    Heap { free: usize, min: usize },
    /// The device asks for its provisioning line (`KVS-PROVISION {…}`), in this version of the format, and why:
    /// it has none yet, or its credentials expire soon (it keeps signaling meanwhile) or have expired.
    ProvisionPrompt { version: u32, reason: PromptReason },
    /// The device took a provisioning line: its credentials last `expires_in` seconds more (`None`: no expiry).
    /// The host answers prompts again after it.
    Provisioned { expires_in: Option<u64> },
    /// The device's credentials expired before new ones came: signaling stopped until it is provisioned again.
    CredentialsExpired,
    /// Something failed, and where; `detail` is free text (last on the line, so it may hold spaces).
    Error { what: ErrorSite, detail: String },
    /// The ICE agent of the connection with `peer` (`-` for the master) changed state, `ms` after it began.
    Ice { peer: String, state: IceState, ms: u64 },
    /// A candidate was gathered (local) or received (remote).
    Candidate { peer: String, side: Side, typ: CandidateType, transport: Transport, addr: String },
    /// A candidate pair's connectivity checks ended; `rtt_ms` is 0 when no answer came.
    Pair {
        peer: String,
        local: CandidateType,
        remote: CandidateType,
        transport: Transport,
        outcome: PairOutcome,
        rtt_ms: u64,
    },
    /// The DTLS handshake finished in `ms`, this side in `role`, the peer's certificate matching its SDP.
    Dtls { peer: String, role: DtlsRole, ms: u64 },
    /// The data channel opened, `ms` after the connection began.
    Sctp { peer: String, ms: u64 },
    /// The first media frame of a track arrived, `ms` after the connection began.
    Rtp { peer: String, codec: Codec, ms: u64 },
    /// The first keyframe of a video track arrived, `ms` after the connection began.
    Keyframe { peer: String, codec: Codec, ms: u64 },
    /// A received track's last second: packets, bitrate, frame rate, loss, jitter, NACKs and PLIs sent.
    Track {
        peer: String,
        codec: Codec,
        packets: u64,
        kbps: u64,
        fps: u32,
        loss_pct: u32,
        jitter_ms: u32,
        nack: u64,
        pli: u64,
    },
    /// The media path stopped at `layer`; `detail` says why (to the end of the line).
    MediaFailed { layer: Layer, detail: String },
    /// A STUN server answered a Binding: this side's server-reflexive address.
    Stun { server: String, mapped: String, ms: u64 },
    /// A TURN server allocated a relay, reached over `transport`.
    Turn { server: String, transport: Transport, relayed: String, ms: u64 },
    /// The TLS handshake to a `turns:` server: version, cipher suite and the root that anchored the chain (last
    /// on the line: a root's name has spaces).
    TurnTls { server: String, version: String, cipher: String, ms: u64, root: String },
    /// A network check failed: which, over what, against which server, why (and the exact error, to the end).
    PathFailed { step: PathStep, transport: Transport, server: String, cause: PathCause, detail: String },
    /// A device starts checking its network paths: how many checks (STUN, then TURN per URI) it will make.
    PathsChecking { checks: usize },
    /// The device's path checks are done: how many worked and how many failed.
    PathsChecked { ok: usize, failed: usize },
    /// A recording master joined its channel's storage session (JoinStorageSession answered 200): the `join`-th
    /// time, in `ms`.
    StorageJoined { join: u32, ms: u64 },
    /// The storage session's offer arrived, from `peer`: the connection that records the master's media.
    StorageOffer { peer: String },
    /// An ICE-lite agent answered a connectivity check on its `local` candidate from `remote`: 200, or the
    /// error it refused with.
    IceAnswer { local: String, remote: String, code: u16 },
}

/// Where a failure happened: the `what=` of an error event. The host's verdicts are decided by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorSite {
    /// A ping went unanswered: the connection is dead.
    Keepalive,
    /// A step failed and will be tried again.
    Retry,
    /// The machine gave up: the session is over.
    Fatal,
    /// A host name did not resolve.
    Dns,
    /// A TCP connection failed.
    Tcp,
    /// A TLS handshake failed (trust store, dates, names).
    Tls,
    /// An HTTP exchange failed after the connection was up.
    Http,
    /// A provisioning line was refused.
    Provision,
}

impl ErrorSite {
    pub const ALL: [ErrorSite; 8] = [
        ErrorSite::Keepalive,
        ErrorSite::Retry,
        ErrorSite::Fatal,
        ErrorSite::Dns,
        ErrorSite::Tcp,
        ErrorSite::Tls,
        ErrorSite::Http,
        ErrorSite::Provision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorSite::Keepalive => "keepalive",
            ErrorSite::Retry => "retry",
            ErrorSite::Fatal => "fatal",
            ErrorSite::Dns => "dns",
            ErrorSite::Tcp => "tcp",
            ErrorSite::Tls => "tls",
            ErrorSite::Http => "http",
            ErrorSite::Provision => "provision",
        }
    }
}

impl FromStr for ErrorSite {
    type Err = ParseEventError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ErrorSite::ALL.into_iter().find(|site| site.as_str() == text).ok_or(ParseEventError::BadValue("what"))
    }
}

impl fmt::Display for ErrorSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a log line carrying the event is levelled (`E`, `W`, `I` in ESP-IDF's format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// ESP-IDF's level letter.
    pub fn letter(self) -> char {
        match self {
            Severity::Info => 'I',
            Severity::Warning => 'W',
            Severity::Error => 'E',
        }
    }
}

/// Why a text is not an event line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseEventError {
    /// It does not start with `ev=`.
    NotAnEvent,
    /// `ev=` names a kind this build does not know.
    UnknownKind,
    /// A field the kind needs is missing.
    Missing(&'static str),
    /// A field's value cannot be read.
    BadValue(&'static str),
    /// A word is not `key=value`.
    Malformed,
}

impl fmt::Display for ParseEventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseEventError::NotAnEvent => f.write_str("not an event line (no ev=)"),
            ParseEventError::UnknownKind => f.write_str("unknown event kind"),
            ParseEventError::Missing(field) => write!(f, "the field {field} is missing"),
            ParseEventError::BadValue(field) => write!(f, "the field {field} has an unreadable value"),
            ParseEventError::Malformed => f.write_str("a word is not key=value"),
        }
    }
}

impl Event {
    /// The `ev=` word.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::State { .. } => "state",
            Event::Api { .. } => "api",
            Event::Backoff { .. } => "backoff",
            Event::Tls { .. } => "tls",
            Event::Connect { .. } => "connect",
            Event::Closed { .. } => "closed",
            Event::Rx { .. } => "rx",
            Event::Tx { .. } => "tx",
            Event::StatusResponse { .. } => "status",
            Event::BadFrame { .. } => "bad-frame",
            Event::GoAway => "go-away",
            Event::ReconnectIce => "reconnect-ice",
            Event::IceConfig { .. } => "ice-config",
            Event::Ping => "ping",
            Event::ClockSkew { .. } => "skew",
            Event::CacheHit { .. } => "cache",
            Event::Heap { .. } => "heap",
            Event::ProvisionPrompt { .. } => "provision-prompt",
            Event::Provisioned { .. } => "provisioned",
            Event::CredentialsExpired => "credentials-expired",
            Event::Error { .. } => "error",
            Event::Ice { .. } => "ice",
            Event::Candidate { .. } => "ice-candidate",
            Event::Pair { .. } => "ice-pair",
            Event::Dtls { .. } => "dtls",
            Event::Sctp { .. } => "sctp",
            Event::Rtp { .. } => "rtp",
            Event::Keyframe { .. } => "keyframe",
            Event::Track { .. } => "track",
            Event::MediaFailed { .. } => "media-failed",
            Event::Stun { .. } => "stun",
            Event::Turn { .. } => "turn",
            Event::TurnTls { .. } => "turn-tls",
            Event::PathFailed { .. } => "path-failed",
            Event::IceAnswer { .. } => "ice-answer",
            Event::PathsChecking { .. } => "paths-checking",
            Event::PathsChecked { .. } => "paths-checked",
            Event::StorageJoined { .. } => "storage-joined",
            Event::StorageOffer { .. } => "storage-offer",
        }
    }

    /// The `key=value` fields after the kind, in their order on the line.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let s = |v: &dyn fmt::Display| v.to_string();
        match self {
            Event::State { from, to } => alloc::vec![("from", s(&from.as_str())), ("to", s(&to.as_str()))],
            Event::Api { op, status, ms } => alloc::vec![("op", s(&op.name())), ("status", s(status)), ("ms", s(ms))],
            Event::Backoff { ms, attempt } => alloc::vec![("ms", s(ms)), ("attempt", s(attempt))],
            Event::Tls { ms } => alloc::vec![("ms", s(ms))],
            Event::Connect { status, ms } => alloc::vec![("status", s(status)), ("ms", s(ms))],
            Event::Closed { code } => alloc::vec![("code", s(code))],
            Event::Rx { kind, peer, bytes } => {
                alloc::vec![("type", s(&kind.as_str())), ("peer", peer.clone()), ("bytes", s(bytes))]
            }
            Event::Tx { kind, peer, bytes, corr } => alloc::vec![
                ("type", s(&kind.as_str())),
                ("peer", peer.clone()),
                ("bytes", s(bytes)),
                ("corr", corr.clone())
            ],
            Event::StatusResponse { corr, status, error } => {
                alloc::vec![("corr", corr.clone()), ("status", s(status)), ("error", error.clone())]
            }
            Event::BadFrame { reason } => alloc::vec![("reason", reason.clone())],
            Event::GoAway | Event::ReconnectIce | Event::Ping => Vec::new(),
            Event::IceConfig { servers, ttl } => alloc::vec![("servers", s(servers)), ("ttl", s(ttl))],
            Event::ClockSkew { offset_ms } => alloc::vec![("offset_ms", s(offset_ms))],
            Event::CacheHit { channel, role } => {
                alloc::vec![("hit", "1".to_string()), ("channel", channel.clone()), ("role", s(&role.as_str()))]
            }
            Event::Heap { free, min } => alloc::vec![("free", s(free)), ("min", s(min))],
            Event::ProvisionPrompt { version, reason } => alloc::vec![
                ("version", s(version)),
                ("prefix", crate::provision::PREFIX.trim().to_string()),
                ("reason", s(reason))
            ],
            Event::Provisioned { expires_in } => {
                alloc::vec![("expires_in", expires_in.map_or_else(|| "never".to_string(), |secs| s(&secs)))]
            }
            Event::CredentialsExpired => Vec::new(),
            Event::Error { what, detail } => alloc::vec![("what", s(&what.as_str())), ("detail", detail.clone())],
            Event::Ice { peer, state, ms } => alloc::vec![("peer", peer.clone()), ("state", s(state)), ("ms", s(ms))],
            Event::Candidate { peer, side, typ, transport, addr } => alloc::vec![
                ("peer", peer.clone()),
                ("side", s(side)),
                ("typ", s(typ)),
                ("transport", s(transport)),
                ("addr", addr.clone())
            ],
            Event::Pair { peer, local, remote, transport, outcome, rtt_ms } => alloc::vec![
                ("peer", peer.clone()),
                ("local", s(local)),
                ("remote", s(remote)),
                ("transport", s(transport)),
                ("outcome", s(outcome)),
                ("rtt_ms", s(rtt_ms))
            ],
            Event::Dtls { peer, role, ms } => alloc::vec![("peer", peer.clone()), ("role", s(role)), ("ms", s(ms))],
            Event::Sctp { peer, ms } => alloc::vec![("peer", peer.clone()), ("ms", s(ms))],
            Event::StorageJoined { join, ms } => alloc::vec![("join", s(join)), ("ms", s(ms))],
            Event::StorageOffer { peer } => alloc::vec![("peer", peer.clone())],
            Event::Rtp { peer, codec, ms } | Event::Keyframe { peer, codec, ms } => {
                alloc::vec![("peer", peer.clone()), ("codec", s(codec)), ("ms", s(ms))]
            }
            Event::Track { peer, codec, packets, kbps, fps, loss_pct, jitter_ms, nack, pli } => alloc::vec![
                ("peer", peer.clone()),
                ("codec", s(codec)),
                ("packets", s(packets)),
                ("kbps", s(kbps)),
                ("fps", s(fps)),
                ("loss_pct", s(loss_pct)),
                ("jitter_ms", s(jitter_ms)),
                ("nack", s(nack)),
                ("pli", s(pli))
            ],
            Event::MediaFailed { layer, detail } => alloc::vec![("layer", s(layer)), ("detail", detail.clone())],
            Event::Stun { server, mapped, ms } => {
                alloc::vec![("server", server.clone()), ("mapped", mapped.clone()), ("ms", s(ms))]
            }
            Event::Turn { server, transport, relayed, ms } => alloc::vec![
                ("server", server.clone()),
                ("transport", s(transport)),
                ("relayed", relayed.clone()),
                ("ms", s(ms))
            ],
            Event::TurnTls { server, version, cipher, ms, root } => alloc::vec![
                ("server", server.clone()),
                ("version", version.clone()),
                ("cipher", cipher.clone()),
                ("ms", s(ms)),
                ("root", root.clone())
            ],
            Event::PathFailed { step, transport, server, cause, detail } => alloc::vec![
                ("step", s(step)),
                ("transport", s(transport)),
                ("server", server.clone()),
                ("cause", s(cause)),
                ("detail", detail.clone())
            ],
            Event::IceAnswer { local, remote, code } => {
                alloc::vec![("local", local.clone()), ("remote", remote.clone()), ("code", s(code))]
            }
            Event::PathsChecking { checks } => alloc::vec![("checks", s(checks))],
            Event::PathsChecked { ok, failed } => alloc::vec![("ok", s(ok)), ("failed", s(failed))],
        }
    }

    /// How a log line with this event is levelled.
    pub fn severity(&self) -> Severity {
        match self {
            Event::Error { .. }
            | Event::Closed { .. }
            | Event::MediaFailed { .. }
            | Event::PathFailed { .. }
            | Event::CredentialsExpired => Severity::Error,
            Event::IceAnswer { code, .. } if *code != 200 => Severity::Warning,
            Event::Pair { outcome, .. } if *outcome != PairOutcome::Succeeded => Severity::Warning,
            Event::Backoff { .. } | Event::ClockSkew { .. } | Event::BadFrame { .. } => Severity::Warning,
            _ => Severity::Info,
        }
    }

    /// The event a log line carries: `ev=` at the start or after a space (after a log prefix such as
    /// `I (123) kvs: `), read to the end of the line (a colour reset there is ignored). `None` when the line
    /// carries no event this build can read.
    pub fn find_in(line: &str) -> Option<Event> {
        let start = line.find("ev=")?;
        if start > 0 && !line[..start].ends_with(' ') {
            return None;
        }
        line[start..].trim_end().trim_end_matches("\x1b[0m").parse().ok()
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ev={}", self.kind())?;
        for (key, value) in self.fields() {
            write!(f, " {key}={value}")?;
        }
        Ok(())
    }
}

/// The fields whose free text may hold spaces; each is the last on its line and runs to its end.
const TO_END: [&str; 3] = ["detail", "reason", "root"];

/// The words of an event line: `detail=`, `reason=` and `root=` run to the end of the line; every other value
/// ends at a space.
fn words(text: &str) -> Result<Vec<(&str, &str)>, ParseEventError> {
    let mut rest = text.trim();
    let mut words = Vec::new();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=').ok_or(ParseEventError::Malformed)?;
        if key.is_empty() || key.contains(' ') {
            return Err(ParseEventError::Malformed);
        }
        let (value, next) =
            if TO_END.contains(&key) { (after, "") } else { after.split_once(' ').unwrap_or((after, "")) };
        words.push((key, value));
        rest = next.trim_start();
    }
    Ok(words)
}

impl FromStr for Event {
    type Err = ParseEventError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let words = words(text)?;
        let (kind, fields) = match words.split_first() {
            Some((("ev", kind), fields)) => (*kind, fields),
            _ => return Err(ParseEventError::NotAnEvent),
        };
        let text = |key: &'static str| {
            fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).ok_or(ParseEventError::Missing(key))
        };
        fn number<T: FromStr>(fields: &[(&str, &str)], key: &'static str) -> Result<T, ParseEventError> {
            let value = fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).ok_or(ParseEventError::Missing(key))?;
            value.parse().map_err(|_| ParseEventError::BadValue(key))
        }
        fn word<T: FromStr>(fields: &[(&str, &str)], key: &'static str) -> Result<T, ParseEventError> {
            number(fields, key)
        }
        let owned = |key: &'static str| text(key).map(String::from);
        let state = |key: &'static str| text(key).and_then(|v| State::parse(v).ok_or(ParseEventError::BadValue(key)));
        Ok(match kind {
            "state" => Event::State { from: state("from")?, to: state("to")? },
            "api" => Event::Api {
                op: Operation::from_name(text("op")?).ok_or(ParseEventError::BadValue("op"))?,
                status: number(fields, "status")?,
                ms: number(fields, "ms")?,
            },
            "backoff" => Event::Backoff { ms: number(fields, "ms")?, attempt: number(fields, "attempt")? },
            "tls" => Event::Tls { ms: number(fields, "ms")? },
            "connect" => Event::Connect { status: number(fields, "status")?, ms: number(fields, "ms")? },
            "closed" => Event::Closed { code: number(fields, "code")? },
            "rx" => Event::Rx {
                kind: MessageType::parse(text("type")?),
                peer: owned("peer")?,
                bytes: number(fields, "bytes")?,
            },
            "tx" => Event::Tx {
                kind: Action::parse(text("type")?).ok_or(ParseEventError::BadValue("type"))?,
                peer: owned("peer")?,
                bytes: number(fields, "bytes")?,
                corr: owned("corr")?,
            },
            "status" => Event::StatusResponse {
                corr: owned("corr")?,
                status: number(fields, "status")?,
                error: owned("error")?,
            },
            "bad-frame" => Event::BadFrame { reason: owned("reason")? },
            "go-away" => Event::GoAway,
            "reconnect-ice" => Event::ReconnectIce,
            "ice-config" => Event::IceConfig { servers: number(fields, "servers")?, ttl: number(fields, "ttl")? },
            "ping" => Event::Ping,
            "skew" => Event::ClockSkew { offset_ms: number(fields, "offset_ms")? },
            "cache" => Event::CacheHit {
                channel: owned("channel")?,
                role: match text("role")? {
                    "MASTER" => Role::Master,
                    "VIEWER" => Role::Viewer,
                    _ => return Err(ParseEventError::BadValue("role")),
                },
            },
            "heap" => Event::Heap { free: number(fields, "free")?, min: number(fields, "min")? },
            "provision-prompt" => Event::ProvisionPrompt {
                version: number(fields, "version")?,
                // Firmware older than the renewal of credentials prompts at boot only, without a reason.
                reason: match fields.iter().find(|(key, _)| *key == "reason") {
                    Some(_) => word(fields, "reason")?,
                    None => PromptReason::Unprovisioned,
                },
            },
            "provisioned" => Event::Provisioned {
                expires_in: match text("expires_in")? {
                    "never" => None,
                    _ => Some(number(fields, "expires_in")?),
                },
            },
            "credentials-expired" => Event::CredentialsExpired,
            "error" => Event::Error { what: text("what")?.parse()?, detail: owned("detail")? },
            "ice" => Event::Ice { peer: owned("peer")?, state: word(fields, "state")?, ms: number(fields, "ms")? },
            "ice-candidate" => Event::Candidate {
                peer: owned("peer")?,
                side: word(fields, "side")?,
                typ: word(fields, "typ")?,
                transport: word(fields, "transport")?,
                addr: owned("addr")?,
            },
            "ice-pair" => Event::Pair {
                peer: owned("peer")?,
                local: word(fields, "local")?,
                remote: word(fields, "remote")?,
                transport: word(fields, "transport")?,
                outcome: word(fields, "outcome")?,
                rtt_ms: number(fields, "rtt_ms")?,
            },
            "dtls" => Event::Dtls { peer: owned("peer")?, role: word(fields, "role")?, ms: number(fields, "ms")? },
            "sctp" => Event::Sctp { peer: owned("peer")?, ms: number(fields, "ms")? },
            "storage-joined" => Event::StorageJoined { join: number(fields, "join")?, ms: number(fields, "ms")? },
            "storage-offer" => Event::StorageOffer { peer: owned("peer")? },
            "rtp" => Event::Rtp { peer: owned("peer")?, codec: word(fields, "codec")?, ms: number(fields, "ms")? },
            "keyframe" => {
                Event::Keyframe { peer: owned("peer")?, codec: word(fields, "codec")?, ms: number(fields, "ms")? }
            }
            "track" => Event::Track {
                peer: owned("peer")?,
                codec: word(fields, "codec")?,
                packets: number(fields, "packets")?,
                kbps: number(fields, "kbps")?,
                fps: number(fields, "fps")?,
                loss_pct: number(fields, "loss_pct")?,
                jitter_ms: number(fields, "jitter_ms")?,
                nack: number(fields, "nack")?,
                pli: number(fields, "pli")?,
            },
            "media-failed" => Event::MediaFailed { layer: word(fields, "layer")?, detail: owned("detail")? },
            "stun" => Event::Stun { server: owned("server")?, mapped: owned("mapped")?, ms: number(fields, "ms")? },
            "turn" => Event::Turn {
                server: owned("server")?,
                transport: word(fields, "transport")?,
                relayed: owned("relayed")?,
                ms: number(fields, "ms")?,
            },
            "turn-tls" => Event::TurnTls {
                server: owned("server")?,
                version: owned("version")?,
                cipher: owned("cipher")?,
                ms: number(fields, "ms")?,
                root: owned("root")?,
            },
            "path-failed" => Event::PathFailed {
                step: word(fields, "step")?,
                transport: word(fields, "transport")?,
                server: owned("server")?,
                cause: word(fields, "cause")?,
                detail: owned("detail")?,
            },
            "ice-answer" => {
                Event::IceAnswer { local: owned("local")?, remote: owned("remote")?, code: number(fields, "code")? }
            }
            "paths-checking" => Event::PathsChecking { checks: number(fields, "checks")? },
            "paths-checked" => Event::PathsChecked { ok: number(fields, "ok")?, failed: number(fields, "failed")? },
            _ => return Err(ParseEventError::UnknownKind),
        })
    }
}

#[cfg(test)]
mod tests;
