//! How a WebRTC peer run reads: its events as they happen (one line each, or one JSON object each) and the
//! report at the end, layer by layer, with the verdict last.

use super::{Output, Render};
use kvs_client::peer::Report;
use kvs_client::peer::report::{ConnectionReport, TrackReport};
use kvs_core::event::Event;
use serde_json::{Map, Value, json};
use std::fmt::Write;

/// One event of the run, `ms` after it began.
pub struct EventLine<'a> {
    pub ms: u64,
    pub event: &'a Event,
}

impl EventLine<'_> {
    /// Whether the event is the media path's (ICE, DTLS, SCTP, RTP), not signaling's.
    pub fn is_media(&self) -> bool {
        matches!(
            self.event,
            Event::Ice { .. }
                | Event::Candidate { .. }
                | Event::Pair { .. }
                | Event::Dtls { .. }
                | Event::Sctp { .. }
                | Event::Rtp { .. }
                | Event::Keyframe { .. }
                | Event::Track { .. }
                | Event::MediaFailed { .. }
                | Event::StorageJoined { .. }
                | Event::StorageOffer { .. }
        )
    }
}

/// `viewer-1` for a viewer's connection, nothing for the master's.
fn who(peer: &str) -> String {
    if peer == "-" { String::new() } else { format!(" [{peer}]") }
}

impl Render for EventLine<'_> {
    fn text(&self, _: &Output) -> String {
        let at = format!("{:>7.3}s", self.ms as f64 / 1000.0);
        let what = match self.event {
            Event::Candidate { peer, side, typ, transport, addr } => {
                format!("candidate  {side} {typ}/{transport} {addr}{}", who(peer))
            }
            Event::Ice { peer, state, .. } => format!("ice        {state}{}", who(peer)),
            Event::Pair { peer, local, remote, transport, outcome, rtt_ms } => {
                let rtt = if *rtt_ms > 0 { format!(", {rtt_ms} ms") } else { String::new() };
                format!("pair       {local}/{transport} ↔ {remote}: {outcome}{rtt}{}", who(peer))
            }
            Event::Dtls { peer, role, ms } => format!("dtls       connected as {role} in {ms} ms{}", who(peer)),
            Event::Sctp { peer, .. } => format!("sctp       data channel open{}", who(peer)),
            Event::Rtp { peer, codec, .. } => format!("rtp        first {codec} frame{}", who(peer)),
            Event::Keyframe { peer, codec, .. } => format!("rtp        first {codec} keyframe{}", who(peer)),
            Event::Track { peer, codec, packets, kbps, fps, loss_pct, jitter_ms, nack, pli } => format!(
                "track      {codec:<5} {fps:>3} fps {kbps:>5} kbps {packets:>4} pkt/s  loss {loss_pct}%  jitter {jitter_ms} ms  \
                 nack {nack} pli {pli}{}",
                who(peer)
            ),
            Event::MediaFailed { layer, detail } => format!("failed     at {layer}: {detail}"),
            Event::StorageJoined { join, ms } => {
                format!("storage    joined the storage session (join {join}, {ms} ms); waiting for its offer")
            }
            Event::StorageOffer { peer } => format!("storage    offer from the storage session{}", who(peer)),
            other => other.to_string(),
        };
        format!("{at}  {what}")
    }

    fn json(&self) -> Value {
        let mut object = Map::new();
        object.insert("type".into(), json!("event"));
        object.insert("ms".into(), json!(self.ms));
        object.insert("event".into(), json!(self.event.kind()));
        for (key, value) in self.event.fields() {
            let value = value.parse::<u64>().map(Value::from).unwrap_or(Value::String(value));
            // A message event's `type` (SDP_OFFER, …) must not hide the line's own.
            let key = if key == "type" { "message_type" } else { key };
            object.insert(key.into(), value);
        }
        Value::Object(object)
    }
}

/// The report at the end of a run.
pub struct PeerSummary<'a>(pub &'a Report);

impl Render for PeerSummary<'_> {
    fn text(&self, _: &Output) -> String {
        let r = self.0;
        let mut text = String::new();
        let _ = writeln!(
            text,
            "webrtc {} · {:.1} s · ice-transport {:?}",
            r.role,
            r.elapsed_ms as f64 / 1000.0,
            r.ice_transport
        );
        match r.signaling_ms {
            Some(ms) => _ = writeln!(text, "  signaling   connected at {ms} ms"),
            None => _ = writeln!(text, "  signaling   not connected"),
        }
        for c in &r.candidates {
            let via = c.via.as_ref().map(|v| format!(" via {v}")).unwrap_or_default();
            let _ = writeln!(text, "  candidate   {}/{} {}{via} ({} ms)", c.typ, c.transport, c.addr, c.ms);
        }
        for s in &r.stun {
            match (&s.mapped, &s.error) {
                (Some(mapped), _) => _ = writeln!(text, "  stun        {} → {mapped} ({} ms)", s.server, s.ms),
                (None, error) => {
                    _ = writeln!(text, "  stun        {}: {}", s.server, error.clone().unwrap_or_default())
                }
            }
        }
        for t in &r.turn {
            match (&t.relayed, &t.failure) {
                (Some(relayed), _) => _ = writeln!(text, "  turn        {} → relayed {relayed} ({} ms)", t.uri, t.ms),
                (None, Some(f)) => _ = writeln!(text, "  turn        {}: {}", t.uri, f.cause),
                (None, None) => {}
            }
        }
        for c in &r.connections {
            connection(&mut text, c);
        }
        let v = &r.verdict;
        match (v.ok, v.layer) {
            (true, _) => _ = writeln!(text, "verdict: ok — {}", v.cause),
            (false, layer) => {
                let layer = layer.map_or("?", |l| l.as_str());
                let on = v.peer.as_ref().filter(|p| *p != "-").map(|p| format!(" ({p})")).unwrap_or_default();
                let _ = writeln!(text, "verdict: FAILED at {layer}{on} — {}", v.cause);
                if !v.hint.is_empty() {
                    let _ = writeln!(text, "  hint: {}", v.hint);
                }
            }
        }
        text
    }

    fn json(&self) -> Value {
        let mut value = serde_json::to_value(self.0).unwrap_or(Value::Null);
        if let Value::Object(object) = &mut value {
            object.insert("type".into(), json!("report"));
        }
        value
    }
}

fn connection(text: &mut String, c: &ConnectionReport) {
    let name = if c.peer == "-" { "master".to_string() } else { format!("viewer {}", c.peer) };
    let _ = writeln!(text, "{name}");
    let connected = c.ice_connected_ms.map(|ms| format!(" at {ms} ms")).unwrap_or_default();
    let _ =
        writeln!(text, "  ice         {}{connected}; {} remote candidate(s)", c.ice_state, c.remote_candidates.len());
    for p in &c.pairs {
        let rtt = p.rtt_ms.map(|ms| format!(", rtt {ms:.2} ms")).unwrap_or_default();
        let _ = writeln!(
            text,
            "  pair        {}/{} {} ↔ {} {}: {}{rtt} ({} checks)",
            p.local, p.local_transport, p.local_addr, p.remote, p.remote_addr, p.outcome, p.checks
        );
    }
    if let Some(nominated) = &c.nominated {
        let _ = writeln!(text, "  nominated   {nominated}");
    }
    if let Some(d) = &c.dtls {
        let role = d.role.map_or("?", |r| r.as_str());
        let fingerprint = d.fingerprint.as_ref().map(|f| format!(", peer {f} verified")).unwrap_or_default();
        let _ = writeln!(text, "  dtls        {role}, {} ms{fingerprint}", d.ms);
    }
    if let Some(dc) = &c.data_channel {
        let echo = dc.echo_rtt_ms.map(|ms| format!(", echo {ms:.1} ms")).unwrap_or_default();
        let _ = writeln!(
            text,
            "  data        {} open at {} ms{echo}; {} sent, {} received",
            dc.label, dc.open_ms, dc.sent, dc.received
        );
    }
    let offered: Vec<String> = c.offered.iter().map(ToString::to_string).collect();
    let answered: Vec<String> = c.answered.iter().map(ToString::to_string).collect();
    let _ = writeln!(text, "  sdp         offered {}; answered {}", offered.join("; "), answered.join("; "));
    if let Some(ms) = c.first_rtp_ms {
        let _ = writeln!(text, "  rtp         first packet at {ms} ms");
    }
    for t in &c.tracks {
        track(text, t);
    }
    if let Some(f) = &c.failure {
        let _ = writeln!(text, "  failed      at {}: {}", f.layer, f.cause);
    }
}

fn track(text: &mut String, t: &TrackReport) {
    let codec = t.codec.map_or("?", |c| c.as_str());
    let first = t.first_frame_ms.map(|ms| format!(", first frame {ms} ms")).unwrap_or_default();
    let key = t.first_keyframe_ms.map(|ms| format!(", keyframe {ms} ms")).unwrap_or_default();
    let saved = t.saved.as_ref().map(|p| format!(", saved {}", p.display())).unwrap_or_default();
    let _ = writeln!(
        text,
        "  track {:<5} {} {codec} {}: {} frames, {} packets, {:.0} kbps, {:.1} fps, loss {:.1}%, jitter {:.1} ms, \
         nack {}, pli {}{first}{key}{saved}",
        t.mid, t.kind, t.direction, t.frames, t.packets, t.kbps, t.fps, t.loss_pct, t.jitter_ms, t.nacks, t.plis
    );
}
