//! Where a connection stopped: the engine's errors placed at their layer, and, at the end, the first layer that
//! never came up.

use super::{Connection, Failure, Section};
use kvs_core::event::Event;
use kvs_core::webrtc::Layer;

impl Connection {
    /// A failure of the engine: a fingerprint that does not match the SDP ends DTLS; anything else is
    /// reported at the layer the connection had reached.
    pub(super) fn engine_error(&mut self, error: &str) {
        if self.report.failure.is_some() {
            return;
        }
        if error.contains("fingerprint") {
            self.fail(
                Layer::Dtls,
                format!(
                    "the peer's DTLS certificate does not match the fingerprint in its SDP ({})",
                    self.fingerprint.clone().unwrap_or_else(|| "no a=fingerprint".into())
                ),
                "the SDP was altered on its way (a proxy rewriting it), or the peer answers with another certificate",
            );
        } else {
            let layer = if self.report.dtls.is_some() { Layer::Sctp } else { Layer::Dtls };
            self.fail(layer, format!("the WebRTC engine stopped: {error}"), "");
        }
    }

    /// The peer's description could not be used: the connection stops at signaling.
    pub fn refused(&mut self, why: String) {
        self.fail(
            Layer::Signaling,
            why,
            "the peer's SDP is not a WebRTC description kvs-esp can use; check what it sends",
        );
    }

    pub(super) fn fail(&mut self, layer: Layer, cause: String, hint: &str) {
        if self.report.failure.is_none() {
            self.events.push(Event::MediaFailed { layer, detail: cause.clone() });
            self.report.failure = Some(Failure { layer, cause, hint: hint.to_string() });
        }
    }

    /// Names the first layer that did not come up, when nothing failed outright.
    pub(super) fn judge(&mut self) {
        if self.pending.is_some() {
            return self.fail(
                Layer::Signaling,
                "the master never answered the offer".into(),
                "is a master connected to the channel? (kvs-esp webrtc connect --role master, or a device)",
            );
        }
        let pairs = self.pairs.summary();
        if self.ice_connected_at.is_none() {
            let cause = if self.remote.is_empty() {
                "no candidate pair to check: the peer sent no ICE candidate".to_string()
            } else {
                format!("every candidate pair failed ({pairs})")
            };
            return self.fail(
                Layer::Ice,
                cause,
                "the peers cannot reach each other: UDP may be blocked between them; a relay (TURN) candidate on \
                 both sides gets through most networks",
            );
        }
        if self.report.dtls.is_none() {
            return self.fail(
                Layer::Dtls,
                "ICE connected but the DTLS handshake did not finish (no answer to it)".into(),
                "a middlebox may drop DTLS, or the peer stopped; check its log",
            );
        }
        let offered_channel = self.offerer;
        if offered_channel && self.report.data_channel.is_none() {
            return self.fail(
                Layer::Sctp,
                "DTLS connected but the data channel did not open".into(),
                "the peer may not accept data channels (no m=application in its answer)",
            );
        }
        let receives = self.offerer && self.report.answered.iter().any(|s| !s.codecs.is_empty());
        if receives && !self.tracks.values().any(|t| t.report.direction == "recv" && t.report.frames > 0) {
            let answered: Vec<String> = self.report.answered.iter().map(Section::to_string).collect();
            self.fail(
                Layer::Rtp,
                format!(
                    "connected, but no media packet arrived: the master sent nothing (it answered {})",
                    answered.join("; ")
                ),
                "the master accepted the tracks but did not send on them: is its camera or file source running?",
            );
        }
    }
}
