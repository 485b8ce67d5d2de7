//! One peer connection — the viewer's to its master, or the master's to one viewer — around a str0m `Rtc`: it
//! feeds the engine, watches what passes (connectivity checks, the first SRTP packet), turns the engine's
//! events into the core's event lines and into its [`ConnectionReport`], plays the master's media, echoes and
//! probes on the data channel, saves what a viewer receives, and names the layer where it stopped.

use super::media::source::Player;
use super::pairs::Pairs;
use super::report::{ConnectionReport, DataChannelReport, DtlsReport, Failure, PairReport, RemoteCandidate, Section};
use super::sdp;
use super::track::{Track, codec_of};

mod failure;
use kvs_core::event::Event;
use kvs_core::webrtc::{CandidateType, Codec, IceState, Layer, MediaKind, Transport};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use str0m::change::{SdpAnswer, SdpOffer, SdpPendingOffer};
use str0m::channel::ChannelId;
use str0m::media::{Direction, Frequency, KeyframeRequestKind, MediaTime, Mid, Pt};
use str0m::net::{Protocol, Receive, Transmit};
use str0m::{Candidate, Event as RtcEvent, IceConnectionState, Input, Output, Rtc};

/// The label KVS's samples give their data channel.
pub const DATA_CHANNEL: &str = "kvsDataChannel";
/// What the viewer sends to measure the data channel's round trip; the master echoes every message.
const PROBE: &str = "kvs-esp echo probe";
/// How long a video track may run without a keyframe before the viewer asks for one (PLI), and how long after
/// that before the keyframe layer is declared failed.
const KEYFRAME_WAIT: Duration = Duration::from_secs(2);
const AFTER_PLI: Duration = Duration::from_secs(3);

/// A datagram for the driver to send.
pub struct Outgoing {
    pub source: SocketAddr,
    pub destination: SocketAddr,
    pub data: Vec<u8>,
}

pub struct Connection {
    pub peer: String,
    /// This side made the offer (a viewer's connection to its master; the one that expects media back and probes
    /// the data channel), not the answer.
    offerer: bool,
    rtc: Rtc,
    /// The run's start: every `ms` is counted from it.
    epoch: Instant,
    pending: Option<SdpPendingOffer>,
    pairs: Pairs,
    remote: HashMap<SocketAddr, (CandidateType, Transport)>,
    ice_connected_at: Option<Instant>,
    dtls_role: Option<kvs_core::webrtc::DtlsRole>,
    fingerprint: Option<String>,
    report: ConnectionReport,
    tracks: HashMap<Mid, Track>,
    channel: Option<ChannelId>,
    probe_sent: Option<Instant>,
    players: Vec<(Mid, Pt, Player)>,
    media: Vec<Player>,
    save: Option<PathBuf>,
    events: Vec<Event>,
    outgoing: Vec<Outgoing>,
    /// DTLS that arrived before this side's ICE connected: the engine drops it (its DTLS starts at ICE
    /// connected), so it is kept and replayed then, sparing the peer a retransmission.
    early_dtls: Vec<(Protocol, SocketAddr, SocketAddr, Vec<u8>)>,
    /// A remote candidate arrived since the driver last looked.
    new_remote: bool,
}

fn kind_of(kind: str0m::media::MediaKind) -> MediaKind {
    match kind {
        str0m::media::MediaKind::Audio => MediaKind::Audio,
        str0m::media::MediaKind::Video => MediaKind::Video,
    }
}

fn sections(sdp: &str) -> Vec<Section> {
    sdp::codecs(sdp).into_iter().map(|(kind, codecs)| Section { kind, codecs }).collect()
}

impl Connection {
    fn new(peer: String, offerer: bool, rtc: Rtc, epoch: Instant, save: Option<PathBuf>) -> Connection {
        Connection {
            offerer,
            report: ConnectionReport {
                peer: peer.clone(),
                ice_state: IceState::New,
                ice_connected_ms: None,
                remote_candidates: Vec::new(),
                pairs: Vec::new(),
                nominated: None,
                dtls: None,
                data_channel: None,
                first_rtp_ms: None,
                offered: Vec::new(),
                answered: Vec::new(),
                diagnostic_answer: false,
                tracks: Vec::new(),
                failure: None,
            },
            peer,
            rtc,
            epoch,
            pending: None,
            pairs: Pairs::default(),
            remote: HashMap::new(),
            ice_connected_at: None,
            dtls_role: None,
            fingerprint: None,
            tracks: HashMap::new(),
            channel: None,
            probe_sent: None,
            players: Vec::new(),
            media: Vec::new(),
            save,
            events: Vec::new(),
            outgoing: Vec::new(),
            early_dtls: Vec::new(),
            new_remote: false,
        }
    }

    fn ms(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.epoch).as_millis() as u64
    }

    /// A viewer's connection: an offer with receive-only audio and video and the data channel. Returns the
    /// connection and the offer's SDP.
    pub fn offer(
        rtc: Rtc,
        locals: &[Candidate],
        epoch: Instant,
        save: Option<PathBuf>,
    ) -> Result<(Connection, String), String> {
        let mut conn = Connection::new("-".into(), true, rtc, epoch, save);
        for candidate in locals {
            conn.rtc.add_local_candidate(candidate.clone());
        }
        let mut change = conn.rtc.sdp_api();
        change.add_media(str0m::media::MediaKind::Audio, Direction::RecvOnly, None, None, None);
        change.add_media(str0m::media::MediaKind::Video, Direction::RecvOnly, None, None, None);
        change.add_channel(DATA_CHANNEL.into());
        let (offer, pending) = change.apply().ok_or("the offer has no media section")?;
        conn.pending = Some(pending);
        let text = offer.to_sdp_string();
        conn.report.offered = sections(&text);
        Ok((conn, text))
    }

    /// The viewer takes the master's answer.
    pub fn accept_answer(&mut self, sdp_text: &str, now: Instant) -> Result<(), String> {
        let pending = self.pending.take().ok_or("an answer arrived, but no offer is waiting for one")?;
        if kvs_core::diagnostic::is_diagnostic_answer(sdp_text) {
            self.report.diagnostic_answer = true;
            self.report.answered = sections(sdp_text);
            self.fail(
                Layer::Signaling,
                "the master is the kvs-esp companion firmware: it answers signaling only (its diagnostic answer \
                 rejects every section)"
                    .into(),
                "to test media, run a media master on the channel (kvs-esp webrtc connect --role master, or the KVS \
                 C SDK's sample); kvs-esp diagnose tests the firmware",
            );
            return Ok(());
        }
        let answer =
            SdpAnswer::from_sdp_string(sdp_text).map_err(|e| format!("the answer's SDP is unreadable: {e}"))?;
        self.remember_remote(sdp_text);
        self.report.answered = sections(sdp_text);
        self.rtc.sdp_api().accept_answer(pending, answer).map_err(|e| format!("the answer was refused: {e}"))?;
        self.drain(now);
        self.tick(now);
        if self.report.answered.iter().all(|s| s.codecs.is_empty()) {
            let offered: Vec<String> = self.report.offered.iter().map(Section::to_string).collect();
            self.fail(
                Layer::Rtp,
                format!(
                    "no common codec: the offer had {}; the master rejected every media section",
                    offered.join("; ")
                ),
                "the master supports none of these codecs; configure it for H.264 or VP8 and Opus",
            );
        }
        self.drain(now);
        Ok(())
    }

    /// The master answers a viewer's offer, sending `media` on the sections that ask for it. Returns the
    /// connection and the answer's SDP.
    pub fn answer(
        peer: String,
        rtc: Rtc,
        offer_text: &str,
        locals: &[Candidate],
        media: Vec<Player>,
        epoch: Instant,
    ) -> Result<(Connection, String), String> {
        let mut conn = Connection::new(peer, false, rtc, epoch, None);
        conn.media = media;
        for candidate in locals {
            conn.rtc.add_local_candidate(candidate.clone());
        }
        let offer = SdpOffer::from_sdp_string(offer_text).map_err(|e| format!("the offer's SDP is unreadable: {e}"))?;
        conn.remember_remote(offer_text);
        conn.report.offered = sections(offer_text);
        let answer = conn.rtc.sdp_api().accept_offer(offer).map_err(|e| format!("the offer was refused: {e}"))?;
        let text = answer.to_sdp_string();
        conn.report.answered = sections(&text);
        // An offer's actpass leaves the role to the answer: ours says which we took.
        conn.dtls_role = conn.dtls_role.or(match text.lines().find_map(|l| l.trim_end().strip_prefix("a=setup:")) {
            Some("active") => Some(kvs_core::webrtc::DtlsRole::Client),
            Some("passive") => Some(kvs_core::webrtc::DtlsRole::Server),
            _ => None,
        });
        let wants_media = conn.report.offered.iter().any(|s| !s.codecs.is_empty());
        if wants_media && conn.report.answered.iter().all(|s| s.codecs.is_empty()) {
            let offered: Vec<String> = conn.report.offered.iter().map(Section::to_string).collect();
            conn.fail(
                Layer::Rtp,
                format!("no common codec: the viewer offered {}; this master sends H264 and opus", offered.join("; ")),
                "offer H.264 (or play a file in a codec the viewer takes)",
            );
        }
        conn.drain(epoch);
        conn.tick(Instant::now());
        Ok((conn, text))
    }

    fn remember_remote(&mut self, sdp_text: &str) {
        self.dtls_role = sdp::our_dtls_role(sdp_text);
        self.fingerprint = sdp::fingerprint(sdp_text);
        for line in sdp::candidates(sdp_text) {
            self.note_remote(&line);
        }
    }

    fn note_remote(&mut self, line: &str) -> Option<Candidate> {
        let candidate = Candidate::from_sdp_string(line).ok()?;
        let typ = match candidate.kind() {
            str0m::CandidateKind::Host => CandidateType::Host,
            str0m::CandidateKind::ServerReflexive => CandidateType::ServerReflexive,
            str0m::CandidateKind::PeerReflexive => CandidateType::PeerReflexive,
            str0m::CandidateKind::Relayed => CandidateType::Relay,
        };
        let transport = if candidate.proto() == Protocol::Udp { Transport::Udp } else { Transport::Tcp };
        let addr = candidate.addr();
        if self.remote.insert(addr, (typ, transport)).is_none() {
            self.new_remote = true;
            self.report.remote_candidates.push(RemoteCandidate { typ, transport, addr });
            self.events.push(Event::Candidate {
                peer: self.peer.clone(),
                side: kvs_core::webrtc::Side::Remote,
                typ,
                transport,
                addr: addr.to_string(),
            });
        }
        Some(candidate)
    }

    /// A trickled remote candidate; the engine is given the time at once, so that its checks start (its
    /// timers stay unset until it has seen one).
    pub fn add_remote(&mut self, line: &str, now: Instant) -> Result<(), String> {
        let candidate = self.note_remote(line).ok_or_else(|| format!("an unreadable ICE candidate: {line}"))?;
        self.rtc.add_remote_candidate(candidate);
        self.drain(now);
        self.tick(now);
        Ok(())
    }

    /// A local candidate gathered after the offer or answer; returns its SDP line to trickle.
    pub fn add_local(&mut self, candidate: Candidate, now: Instant) -> Option<String> {
        let line = self.rtc.add_local_candidate(candidate).map(|c| c.to_sdp_string());
        self.drain(now);
        line
    }

    /// Whether a datagram that arrived on `destination` belongs to this connection.
    pub fn accepts(&self, proto: Protocol, source: SocketAddr, destination: SocketAddr, data: &[u8]) -> bool {
        let Ok(contents) = data.try_into() else { return false };
        self.rtc.accepts(&Input::Receive(Instant::now(), Receive { proto, source, destination, contents }))
    }

    /// The addresses of the peer's signaled candidates.
    pub fn remote_ips(&self) -> Vec<std::net::IpAddr> {
        let mut ips: Vec<std::net::IpAddr> = self.remote.keys().map(SocketAddr::ip).collect();
        ips.sort();
        ips.dedup();
        ips
    }

    /// Whether a candidate has been signaled since the last call (the relays then need its permission).
    pub fn take_new_remote(&mut self) -> bool {
        std::mem::take(&mut self.new_remote)
    }

    /// Whether `source` is one of the peer's signaled candidates.
    pub fn knows(&self, source: SocketAddr) -> bool {
        self.remote.contains_key(&source)
    }

    pub fn receive(&mut self, proto: Protocol, source: SocketAddr, destination: SocketAddr, data: &[u8], now: Instant) {
        if let Some(checked) = self.pairs.on_receive(data, now) {
            let (local, transport) = self.pairs.local_kind(checked.local);
            let (remote, _) = self.remote_kind(checked.remote);
            self.events.push(Event::Pair {
                peer: self.peer.clone(),
                local,
                remote,
                transport,
                outcome: checked.outcome,
                rtt_ms: checked.rtt.map_or(0, |d| d.as_millis() as u64),
            });
        }
        if let Some(super::stun::Binding::Request(_)) = super::stun::binding(data)
            && let Some(check) = self.pairs.resend_to(destination, source)
        {
            self.outgoing.push(Outgoing { source: destination, destination: source, data: check });
        }
        if self.report.first_rtp_ms.is_none() && self.report.dtls.is_some() && is_rtp(data) {
            self.report.first_rtp_ms = Some(self.ms(now));
        }
        if self.ice_connected_at.is_none() && is_dtls(data) {
            if self.early_dtls.len() < 16 {
                self.early_dtls.push((proto, source, destination, data.to_vec()));
            }
            return;
        }
        self.feed(proto, source, destination, data, now);
        if self.ice_connected_at.is_some() {
            for (proto, source, destination, data) in std::mem::take(&mut self.early_dtls) {
                self.feed(proto, source, destination, &data, now);
            }
        }
    }

    fn feed(&mut self, proto: Protocol, source: SocketAddr, destination: SocketAddr, data: &[u8], now: Instant) {
        let Ok(contents) = data.try_into() else { return };
        let input = Input::Receive(now, Receive { proto, source, destination, contents });
        if let Err(err) = self.rtc.handle_input(input) {
            self.engine_error(&err.to_string());
        }
        self.drain(now);
    }

    /// Advances time: the engine's timers, media that is due, the viewer's keyframe watch.
    pub fn tick(&mut self, now: Instant) {
        if let Err(err) = self.rtc.handle_input(Input::Timeout(now)) {
            self.engine_error(&err.to_string());
        }
        self.drain(now);
        self.play(now);
        self.watch_keyframes(now);
    }

    /// When this connection next needs [`tick`](Self::tick).
    pub fn next_at(&self, timeout: Instant) -> Instant {
        self.players.iter().map(|(_, _, p)| p.next_at()).fold(timeout, Instant::min)
    }

    fn play(&mut self, now: Instant) {
        if self.report.dtls.is_none() {
            return;
        }
        for index in 0..self.players.len() {
            loop {
                let (mid, pt, player) = &mut self.players[index];
                let (mid, pt) = (*mid, *pt);
                let clock =
                    if player.codec() == Codec::Opus { Frequency::FORTY_EIGHT_KHZ } else { Frequency::NINETY_KHZ };
                let Some(frame) = player.due(now) else { break };
                let (time, data) = (MediaTime::new(frame.media_time, clock), frame.data.to_vec());
                let Some(writer) = self.rtc.writer(mid) else { break };
                if let Err(err) = writer.write(pt, now, time, data) {
                    self.engine_error(&err.to_string());
                    break;
                }
                let ms = self.ms(now);
                if let Some(track) = self.tracks.get_mut(&mid) {
                    track.sent(ms);
                }
                self.drain(now);
            }
        }
    }

    fn watch_keyframes(&mut self, now: Instant) {
        let mut ask = Vec::new();
        let mut failed = None;
        for (mid, track) in &mut self.tracks {
            let report = &track.report;
            if report.kind != MediaKind::Video || report.first_keyframe_ms.is_some() || report.direction != "recv" {
                continue;
            }
            let Some(first) = report.first_frame_ms else { continue };
            let since_first = now.saturating_duration_since(self.epoch + Duration::from_millis(first));
            match track.pli_at {
                None if since_first >= KEYFRAME_WAIT => {
                    track.pli_at = Some(now);
                    ask.push(*mid);
                }
                Some(at) if now.saturating_duration_since(at) >= AFTER_PLI => failed = Some(report.codec),
                _ => {}
            }
        }
        for mid in ask {
            if let Some(mut writer) = self.rtc.writer(mid) {
                let _ = writer.request_keyframe(None, KeyframeRequestKind::Pli);
            }
            self.drain(now);
        }
        if let Some(codec) = failed
            && self.report.failure.is_none()
        {
            let name = codec.map_or("video", Codec::as_str);
            self.fail(
                Layer::Keyframe,
                format!("{name} frames arrive but no keyframe, even {} s after a PLI", AFTER_PLI.as_secs()),
                "the sender ignores keyframe requests: set a keyframe interval (a GOP of 1–2 s) on its encoder",
            );
        }
    }

    /// Writes on the data channel (the master's echo, the viewer's probe).
    fn send_on_channel(&mut self, text: &[u8], now: Instant) {
        let Some(id) = self.channel else { return };
        if let Some(mut channel) = self.rtc.channel(id)
            && channel.write(false, text).is_ok()
            && let Some(dc) = &mut self.report.data_channel
        {
            dc.sent += 1;
        }
        self.drain(now);
    }

    /// Drains the engine's output to its next timeout.
    fn drain(&mut self, now: Instant) -> Option<Instant> {
        loop {
            match self.rtc.poll_output() {
                Ok(Output::Timeout(at)) => return Some(at),
                Ok(Output::Transmit(transmit)) => self.transmit(transmit, now),
                Ok(Output::Event(event)) => self.on_event(event, now),
                Err(err) => {
                    self.engine_error(&err.to_string());
                    return None;
                }
            }
        }
    }

    /// The engine's next timeout (draining first, as str0m requires).
    pub fn timeout(&mut self, now: Instant) -> Instant {
        self.drain(now).unwrap_or(now + Duration::from_secs(1))
    }

    fn transmit(&mut self, transmit: Transmit, now: Instant) {
        let data: Vec<u8> = transmit.contents.to_vec();
        self.pairs.on_transmit(transmit.source, transmit.destination, &data, now);
        self.outgoing.push(Outgoing { source: transmit.source, destination: transmit.destination, data });
    }

    fn on_event(&mut self, event: RtcEvent, now: Instant) {
        let ms = self.ms(now);
        match event {
            RtcEvent::IceConnectionStateChange(state) => {
                let state = match state {
                    IceConnectionState::New => IceState::New,
                    IceConnectionState::Checking => IceState::Checking,
                    IceConnectionState::Connected => IceState::Connected,
                    IceConnectionState::Completed => IceState::Completed,
                    IceConnectionState::Disconnected => IceState::Disconnected,
                };
                if matches!(state, IceState::Connected | IceState::Completed) && self.ice_connected_at.is_none() {
                    self.ice_connected_at = Some(now);
                    self.report.ice_connected_ms = Some(ms);
                }
                self.report.ice_state = state;
                self.events.push(Event::Ice { peer: self.peer.clone(), state, ms });
            }
            RtcEvent::Connected => {
                let took = self.ice_connected_at.map_or(0, |at| now.saturating_duration_since(at).as_millis() as u64);
                self.report.dtls =
                    Some(DtlsReport { role: self.dtls_role, ms: took, fingerprint: self.fingerprint.clone() });
                if let Some(role) = self.dtls_role {
                    self.events.push(Event::Dtls { peer: self.peer.clone(), role, ms: took });
                }
                // Media starts now, not when the offer came: no burst of frames that were due while connecting.
                for (_, _, player) in &mut self.players {
                    player.restart(now);
                }
            }
            RtcEvent::MediaAdded(added) => {
                let kind = kind_of(added.kind);
                let direction = if added.direction.is_sending() { "send" } else { "recv" };
                let codec = self
                    .rtc
                    .writer(added.mid)
                    .and_then(|w| w.payload_params().find_map(|p| codec_of(p.spec().codec).map(|c| (c, p.pt()))));
                if direction == "send"
                    && let Some(index) = self.media.iter().position(|p| p.codec().kind() == kind)
                {
                    let player = self.media.remove(index);
                    let wanted = player.codec();
                    let pt = self.rtc.writer(added.mid).and_then(|w| {
                        w.payload_params().find(|p| codec_of(p.spec().codec) == Some(wanted)).map(|p| p.pt())
                    });
                    if let Some(pt) = pt {
                        self.players.push((added.mid, pt, player));
                        self.track(added.mid, kind, Some(wanted), direction);
                    } else {
                        self.track(added.mid, kind, codec.map(|(c, _)| c), direction);
                        let offered: Vec<String> =
                            self.report.offered.iter().filter(|s| s.kind == kind).map(Section::to_string).collect();
                        self.fail(
                            Layer::Rtp,
                            format!(
                                "no common {kind} codec: the viewer offered {}; this master sends {wanted}",
                                offered.join("; ")
                            ),
                            "play a file in a codec the viewer takes, or offer this codec from the viewer",
                        );
                    }
                } else {
                    self.track(added.mid, kind, codec.map(|(c, _)| c), direction);
                }
            }
            RtcEvent::MediaData(data) => self.on_media(data, now),
            RtcEvent::ChannelOpen(id, label) => {
                self.channel = Some(id);
                self.report.data_channel =
                    Some(DataChannelReport { label, open_ms: ms, echo_rtt_ms: None, sent: 0, received: 0 });
                self.events.push(Event::Sctp { peer: self.peer.clone(), ms });
                if self.offerer {
                    self.probe_sent = Some(now);
                    self.send_on_channel(PROBE.as_bytes(), now);
                }
            }
            RtcEvent::ChannelData(data) => {
                if let Some(dc) = &mut self.report.data_channel {
                    dc.received += 1;
                }
                if self.offerer {
                    if data.data == PROBE.as_bytes()
                        && let (Some(sent), Some(dc)) = (self.probe_sent.take(), &mut self.report.data_channel)
                    {
                        dc.echo_rtt_ms = Some(now.saturating_duration_since(sent).as_secs_f64() * 1000.0);
                    }
                } else {
                    let echo = data.data.clone();
                    self.send_on_channel(&echo, now);
                }
            }
            RtcEvent::MediaIngressStats(stats) => {
                if let Some(line) = self.tracks.get_mut(&stats.mid).and_then(|t| t.ingress(&stats, now, &self.peer)) {
                    self.events.push(line);
                }
            }
            RtcEvent::MediaEgressStats(stats) => {
                if let Some(track) = self.tracks.get_mut(&stats.mid) {
                    track.report.packets = stats.packets;
                    track.report.bytes = stats.bytes;
                    track.report.plis = stats.plis;
                    track.report.nacks = stats.nacks;
                }
            }
            RtcEvent::PeerStats(stats) => {
                if let Some(pair) = stats.selected_candidate_pair {
                    self.report.nominated = Some(self.describe_pair(pair.local.addr, pair.remote.addr));
                }
            }
            _ => {}
        }
    }

    /// A remote address's candidate type; one never signaled is peer-reflexive.
    fn remote_kind(&self, addr: SocketAddr) -> (CandidateType, Transport) {
        self.remote.get(&addr).copied().unwrap_or((CandidateType::PeerReflexive, Transport::Udp))
    }

    /// Tells the pair watch what one of this side's candidate bases is.
    pub fn set_local(&mut self, addr: SocketAddr, local: super::pairs::Local) {
        self.pairs.set_local(addr, local);
    }

    fn describe_pair(&self, local: SocketAddr, remote: SocketAddr) -> String {
        let (remote_type, remote_transport) = self.remote_kind(remote);
        format!("{} ↔ {remote_type}/{remote_transport} {remote}", self.pairs.local_name(local))
    }

    fn track(&mut self, mid: Mid, kind: MediaKind, codec: Option<Codec>, direction: &'static str) {
        self.tracks.entry(mid).or_insert_with(|| Track::new(mid, kind, codec, direction));
    }

    fn on_media(&mut self, data: str0m::media::MediaData, now: Instant) {
        let kind =
            if data.params.spec().clock_rate == Frequency::NINETY_KHZ { MediaKind::Video } else { MediaKind::Audio };
        self.track(data.mid, kind, codec_of(data.params.spec().codec), "recv");
        let ms = self.ms(now);
        if let Some(track) = self.tracks.get_mut(&data.mid) {
            track.received(&data, ms, &self.peer, self.save.as_deref(), &mut self.events);
        }
    }

    /// Whether the answer was the companion firmware's diagnostic answer.
    pub fn is_diagnostic(&self) -> bool {
        self.report.diagnostic_answer
    }

    pub fn is_failed(&self) -> bool {
        self.report.failure.is_some() || !self.rtc.is_alive()
    }

    /// Whether the connection still holds a place: not failed, and its peer not gone (ICE disconnected after it
    /// had connected — a viewer that closed or vanished).
    pub fn is_live(&self) -> bool {
        let gone = self.ice_connected_at.is_some() && self.report.ice_state == IceState::Disconnected;
        !self.is_failed() && !gone
    }

    pub fn is_connected(&self) -> bool {
        self.report.dtls.is_some()
    }

    /// The events since the last call, for the observer.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// The datagrams to send since the last call.
    pub fn take_outgoing(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outgoing)
    }

    /// Ends the connection: names what did not happen by now, reports the unanswered pairs, closes the
    /// recordings, and hands over the report.
    pub fn finish(&mut self, now: Instant) -> ConnectionReport {
        if self.report.failure.is_none() {
            self.judge();
        }
        let mut rows = Vec::new();
        for pair in self.pairs.results() {
            let (remote, _) = self.remote_kind(pair.remote);
            let (local, local_transport) = self.pairs.local_kind(pair.local);
            if pair.outcome == kvs_core::webrtc::PairOutcome::TimedOut {
                self.events.push(Event::Pair {
                    peer: self.peer.clone(),
                    local,
                    remote,
                    transport: local_transport,
                    outcome: pair.outcome,
                    rtt_ms: 0,
                });
            }
            rows.push(PairReport {
                local,
                local_transport,
                local_addr: pair.local,
                remote,
                remote_addr: pair.remote,
                outcome: pair.outcome,
                rtt_ms: pair.rtt.map(|d| d.as_secs_f64() * 1000.0),
                checks: pair.checks,
            });
        }
        // Before the engine's first stats report, the pair media went on is the one whose check succeeded.
        if self.report.nominated.is_none()
            && self.report.dtls.is_some()
            && let Some(pair) = self.report.pairs.iter().find(|p| p.outcome == kvs_core::webrtc::PairOutcome::Succeeded)
        {
            self.report.nominated = Some(self.describe_pair(pair.local_addr, pair.remote_addr));
        }
        let epoch = self.epoch;
        self.report.tracks = self.tracks.values_mut().map(|t| t.finish(now, epoch)).collect();
        self.report.tracks.sort_by(|a, b| a.mid.cmp(&b.mid));
        self.rtc.disconnect();
        self.report.clone()
    }
}

/// A DTLS record (RFC 7983: first byte 20–63).
fn is_dtls(data: &[u8]) -> bool {
    data.first().is_some_and(|b| (20..=63).contains(b))
}

/// An SRTP packet (not SRTCP, STUN or DTLS): version 2 and an RTP payload type (RFC 7983, RFC 5761).
fn is_rtp(data: &[u8]) -> bool {
    data.len() >= 12 && (128..=191).contains(&data[0]) && !(192..=223).contains(&data[1])
}
