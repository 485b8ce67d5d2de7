//! VP8 in IVF, the simplest container ffplay reads: a 32-byte file header, then a 12-byte header per frame.

use std::io::{Seek, SeekFrom, Write};

pub struct Writer<W: Write + Seek> {
    out: W,
    frames: u32,
}

impl<W: Write + Seek> Writer<W> {
    pub fn new(mut out: W) -> std::io::Result<Writer<W>> {
        out.write_all(&header(0))?;
        Ok(Writer { out, frames: 0 })
    }

    /// One frame, stamped in the RTP clock (90 kHz, the header's time base).
    pub fn write(&mut self, frame: &[u8], rtp_time: u64) -> std::io::Result<()> {
        self.out.write_all(&(frame.len() as u32).to_le_bytes())?;
        self.out.write_all(&rtp_time.to_le_bytes())?;
        self.out.write_all(frame)?;
        self.frames += 1;
        Ok(())
    }

    /// Puts the frame count in the header.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header(self.frames))?;
        self.out.flush()
    }
}

fn header(frames: u32) -> [u8; 32] {
    let mut h = [0u8; 32];
    h[..4].copy_from_slice(b"DKIF");
    h[6..8].copy_from_slice(&32u16.to_le_bytes());
    h[8..12].copy_from_slice(b"VP80");
    // The picture size is not known from RTP; decoders read it from the first keyframe.
    h[12..14].copy_from_slice(&640u16.to_le_bytes());
    h[14..16].copy_from_slice(&480u16.to_le_bytes());
    h[16..20].copy_from_slice(&90_000u32.to_le_bytes());
    h[20..24].copy_from_slice(&1u32.to_le_bytes());
    h[24..28].copy_from_slice(&frames.to_le_bytes());
    h
}

/// A VP8 frame is a keyframe when the P bit of its first byte is clear (RFC 6386 §9.1).
pub fn is_vp8_keyframe(frame: &[u8]) -> bool {
    frame.first().is_some_and(|b| b & 1 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_frames() {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut writer = Writer::new(&mut out).unwrap();
        writer.write(&[0x10, 0x02, 0x00], 3000).unwrap();
        writer.write(&[0x11], 6000).unwrap();
        writer.finish().unwrap();
        let bytes = out.into_inner();
        assert_eq!(&bytes[..4], b"DKIF");
        assert_eq!(u32::from_le_bytes(bytes[24..28].try_into().unwrap()), 2, "frame count");
        assert_eq!(bytes.len(), 32 + 12 + 3 + 12 + 1);
        assert!(is_vp8_keyframe(&[0x10]));
        assert!(!is_vp8_keyframe(&[0x11]));
    }
}
