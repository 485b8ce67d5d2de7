//! What a master sends: a video and an audio track read once, played in a loop at their own pace — the frames
//! of an H.264 file at `--fps`, the packets of an Ogg Opus file at their durations — or the built-in clip.

use super::{h264, ogg};
use kvs_core::webrtc::Codec;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Two seconds of a 320×240 test pattern, H.264 constrained baseline at 25 fps, an IDR each second (made with
/// ffmpeg's `testsrc` and libx264; SPS and PPS repeated before each IDR).
const CLIP_VIDEO: &[u8] = include_bytes!("../clip/clip.h264");
const CLIP_FPS: u32 = 25;
/// Two seconds of a 440 Hz tone, Opus in Ogg, 20 ms packets (ffmpeg's `sine` and libopus).
const CLIP_AUDIO: &[u8] = include_bytes!("../clip/clip.opus");

/// Where a track's media comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    /// The built-in clip.
    Clip,
    File(PathBuf),
    /// No track of this kind.
    None,
}

/// A track's frames, each with its duration in the codec's RTP clock.
#[derive(Clone)]
pub struct Track {
    pub codec: Codec,
    frames: Vec<(Vec<u8>, u32)>,
}

impl Track {
    pub fn video(media: &Media, fps: u32) -> Result<Option<Track>, String> {
        let (bytes, fps) = match media {
            Media::None => return Ok(None),
            Media::Clip => (CLIP_VIDEO.to_vec(), CLIP_FPS),
            Media::File(path) => (read(path)?, fps),
        };
        if !(1..=120).contains(&fps) {
            return Err(format!("a frame rate of {fps} fps is out of range (1–120)"));
        }
        let frames = h264::access_units(&bytes)?;
        if !h264::is_keyframe(&frames[0]) {
            return Err("the H.264 stream does not start with an IDR picture: a viewer could not decode it".into());
        }
        Ok(Some(Track { codec: Codec::H264, frames: frames.into_iter().map(|f| (f, 90_000 / fps)).collect() }))
    }

    pub fn audio(media: &Media) -> Result<Option<Track>, String> {
        let bytes = match media {
            Media::None => return Ok(None),
            Media::Clip => CLIP_AUDIO.to_vec(),
            Media::File(path) => read(path)?,
        };
        let packets = ogg::read(&bytes)?;
        Ok(Some(Track { codec: Codec::Opus, frames: packets.into_iter().map(|p| (p.data, p.samples)).collect() }))
    }

    fn clock_rate(&self) -> u64 {
        if self.codec == Codec::Opus { 48_000 } else { 90_000 }
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A track played in a loop from a start time: which frame is due, and its media time.
pub struct Player {
    track: Track,
    next: usize,
    media_time: u64,
    started: Instant,
}

/// A frame that is due: its bytes and its time in the RTP clock.
pub struct Due<'a> {
    pub data: &'a [u8],
    pub media_time: u64,
}

impl Player {
    pub fn new(track: Track, started: Instant) -> Player {
        Player { track, next: 0, media_time: 0, started }
    }

    /// Plays from the first frame again, starting at `now`.
    pub fn restart(&mut self, now: Instant) {
        self.next = 0;
        self.media_time = 0;
        self.started = now;
    }

    pub fn codec(&self) -> Codec {
        self.track.codec
    }

    /// When the next frame is due.
    pub fn next_at(&self) -> Instant {
        self.started + Duration::from_micros(self.media_time * 1_000_000 / self.track.clock_rate())
    }

    /// The next frame if it is due at `now`, and moves past it.
    pub fn due(&mut self, now: Instant) -> Option<Due<'_>> {
        if now < self.next_at() {
            return None;
        }
        let index = self.next;
        let media_time = self.media_time;
        self.next = (self.next + 1) % self.track.frames.len();
        self.media_time += u64::from(self.track.frames[index].1);
        Some(Due { data: &self.track.frames[index].0, media_time })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plays_in_a_loop_at_its_pace() {
        let start = Instant::now();
        let mut player = Player::new(Track::video(&Media::Clip, 0).unwrap().unwrap(), start);
        assert_eq!(player.due(start).map(|d| d.media_time), Some(0));
        assert!(player.due(start).is_none(), "the second frame is 40 ms later");
        assert_eq!(player.next_at() - start, Duration::from_millis(40));
        let mut last = 0;
        for n in 1..100 {
            last = player.due(start + Duration::from_millis(40 * n)).expect("due").media_time;
        }
        assert_eq!(last, 99 * 3600, "the loop keeps the clock running");
    }

    #[test]
    fn explains_unusable_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.h264");
        std::fs::write(&path, b"not video").unwrap();
        assert!(Track::video(&Media::File(path.clone()), 25).err().unwrap().contains("Annex-B"));
        assert!(Track::video(&Media::File(dir.path().join("missing")), 25).err().unwrap().contains("cannot read"));
        assert!(Track::video(&Media::Clip, 25).is_ok());
        assert!(Track::audio(&Media::File(path)).err().unwrap().contains("Ogg"));
    }
}
