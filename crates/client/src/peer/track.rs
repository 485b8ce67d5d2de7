//! One track of a connection: its figures as frames and the engine's per-second statistics arrive, the file a
//! viewer saves it in, and its line of the report.

use super::media::recorder::Recording;
use super::media::{h264, is_vp8_keyframe};
use super::report::TrackReport;
use kvs_core::event::{ErrorSite, Event};
use kvs_core::webrtc::{Codec, MediaKind};
use std::path::Path;
use std::time::{Duration, Instant};
use str0m::media::{MediaData, Mid};
use str0m::stats::MediaIngressStats;

/// str0m's codec as the core's word, for the codecs KVS peers use.
pub fn codec_of(codec: str0m::format::Codec) -> Option<Codec> {
    use str0m::format::Codec as C;
    Some(match codec {
        C::H264 => Codec::H264,
        C::H265 => Codec::H265,
        C::Vp8 => Codec::Vp8,
        C::Vp9 => Codec::Vp9,
        C::Av1 => Codec::Av1,
        C::Opus => Codec::Opus,
        C::PCMU => Codec::Pcmu,
        C::PCMA => Codec::Pcma,
        C::G722 => Codec::G722,
        _ => return None,
    })
}

pub struct Track {
    pub report: TrackReport,
    recording: Option<Recording>,
    /// Frames since the last per-second report, and the cumulative figures at it.
    frames_in_second: u32,
    last_bytes: u64,
    last_packets: u64,
    last_at: Option<Instant>,
    /// When a keyframe was asked for (PLI).
    pub pli_at: Option<Instant>,
    /// Seconds with traffic, and the sums the averages come from.
    seconds: u32,
    loss_sum: f64,
    jitter_sum: f64,
}

impl Track {
    pub fn new(mid: Mid, kind: MediaKind, codec: Option<Codec>, direction: &'static str) -> Track {
        Track {
            report: TrackReport {
                mid: mid.to_string(),
                kind,
                codec,
                direction,
                first_frame_ms: None,
                first_keyframe_ms: None,
                frames: 0,
                keyframes: 0,
                packets: 0,
                bytes: 0,
                kbps: 0.0,
                fps: 0.0,
                loss_pct: 0.0,
                jitter_ms: 0.0,
                nacks: 0,
                plis: 0,
                saved: None,
            },
            recording: None,
            frames_in_second: 0,
            last_bytes: 0,
            last_packets: 0,
            last_at: None,
            pli_at: None,
            seconds: 0,
            loss_sum: 0.0,
            jitter_sum: 0.0,
        }
    }

    /// A frame that was sent, `ms` after the run began.
    pub fn sent(&mut self, ms: u64) {
        self.report.frames += 1;
        self.report.first_frame_ms.get_or_insert(ms);
    }

    /// A frame that arrived, `ms` after the run began: first frame and keyframe milestones, and the file it goes
    /// to (`save`; a video file starts at a keyframe, so that a decoder can start).
    pub fn received(&mut self, data: &MediaData, ms: u64, peer: &str, save: Option<&Path>, events: &mut Vec<Event>) {
        let codec = codec_of(data.params.spec().codec);
        self.report.codec = self.report.codec.or(codec);
        self.report.frames += 1;
        self.frames_in_second += 1;
        if self.report.first_frame_ms.is_none() {
            self.report.first_frame_ms = Some(ms);
            if let Some(codec) = codec {
                events.push(Event::Rtp { peer: peer.to_string(), codec, ms });
            }
            if let (Some(dir), Some(codec)) = (save, codec) {
                match Recording::create(dir, peer, self.report.kind.as_str(), codec) {
                    Ok(recording) => {
                        self.report.saved = recording.as_ref().map(|r| r.path.clone());
                        self.recording = recording;
                    }
                    Err(err) => events.push(Event::Error {
                        what: ErrorSite::Retry,
                        detail: format!("cannot save the {} track in {}: {err}", data.mid, dir.display()),
                    }),
                }
            }
        }
        let keyframe = match codec {
            Some(Codec::H264) => h264::is_keyframe(&data.data),
            Some(Codec::Vp8) => is_vp8_keyframe(&data.data),
            _ => false,
        };
        if keyframe {
            self.report.keyframes += 1;
            if self.report.first_keyframe_ms.is_none() {
                self.report.first_keyframe_ms = Some(ms);
                if let Some(codec) = codec {
                    events.push(Event::Keyframe { peer: peer.to_string(), codec, ms });
                }
            }
        }
        let started = self.report.kind == MediaKind::Audio || self.report.keyframes > 0;
        if started
            && let Some(recording) = &mut self.recording
            && let Err(err) = recording.write(&data.data, data.time.numer())
        {
            let detail = format!("stopped saving {}: {err}", recording.path.display());
            self.recording = None;
            events.push(Event::Error { what: ErrorSite::Retry, detail });
        }
    }

    /// The engine's statistics for a received track: the last second's line.
    pub fn ingress(&mut self, stats: &MediaIngressStats, now: Instant, peer: &str) -> Option<Event> {
        let report = &mut self.report;
        report.packets = stats.packets;
        report.bytes = stats.bytes;
        report.nacks = stats.nacks;
        report.plis = stats.plis;
        let since = self.last_at.map_or(Duration::from_secs(1), |at| now.saturating_duration_since(at));
        let seconds = since.as_secs_f64().max(0.001);
        let kbps = (stats.bytes.saturating_sub(self.last_bytes) as f64 * 8.0 / 1000.0 / seconds).round();
        let fps = (f64::from(self.frames_in_second) / seconds).round();
        let packets = stats.packets.saturating_sub(self.last_packets);
        let loss = f64::from(stats.loss.unwrap_or(0.0)) * 100.0;
        let clock = if report.kind == MediaKind::Video { 90.0 } else { 48.0 };
        let jitter = f64::from(stats.jitter) / clock;
        self.last_at = Some(now);
        self.last_bytes = stats.bytes;
        self.last_packets = stats.packets;
        self.frames_in_second = 0;
        if packets == 0 && report.frames == 0 {
            return None;
        }
        self.seconds += 1;
        self.loss_sum += loss;
        self.jitter_sum += jitter;
        report.loss_pct = self.loss_sum / f64::from(self.seconds);
        report.jitter_ms = self.jitter_sum / f64::from(self.seconds);
        Some(Event::Track {
            peer: peer.to_string(),
            codec: report.codec?,
            packets,
            kbps: kbps as u64,
            fps: fps as u32,
            loss_pct: loss.round() as u32,
            jitter_ms: jitter.round() as u32,
            nack: stats.nacks,
            pli: stats.plis,
        })
    }

    /// Closes the file and gives the report line, with the averages over the time since the first frame.
    pub fn finish(&mut self, now: Instant, epoch: Instant) -> TrackReport {
        if let Some(recording) = self.recording.take() {
            let _ = recording.finish();
        }
        let mut report = self.report.clone();
        let ran = report
            .first_frame_ms
            .map_or(0.0, |first| now.saturating_duration_since(epoch + Duration::from_millis(first)).as_secs_f64());
        if ran > 0.0 {
            report.kbps = (report.bytes as f64 * 8.0 / 1000.0 / ran * 10.0).round() / 10.0;
            report.fps = (report.frames as f64 / ran * 10.0).round() / 10.0;
        }
        report
    }
}
