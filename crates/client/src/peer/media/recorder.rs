//! What a viewer saves with `--save DIR`: each received track in a file ffplay plays — H.264 as Annex-B,
//! VP8 as IVF, Opus as Ogg — named after the peer and the track.

use super::{ivf, ogg};
use kvs_core::webrtc::Codec;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

enum Sink {
    AnnexB(BufWriter<File>),
    Ivf(ivf::Writer<BufWriter<File>>),
    Ogg(ogg::Writer<BufWriter<File>>),
}

/// One track's file.
pub struct Recording {
    pub path: PathBuf,
    sink: Sink,
}

impl Recording {
    /// A file for a track in `dir` named after the peer and the track (`master-video.h264`), or `None` for a
    /// codec with no file form here (PCMU, PCMA, …).
    pub fn create(dir: &Path, peer: &str, track: &str, codec: Codec) -> std::io::Result<Option<Recording>> {
        let extension = match codec {
            Codec::H264 => "h264",
            Codec::Vp8 => "ivf",
            Codec::Opus => "ogg",
            _ => return Ok(None),
        };
        std::fs::create_dir_all(dir)?;
        let peer = if peer == "-" { "master" } else { peer };
        let safe: String = peer.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        let path = dir.join(format!("{safe}-{track}.{extension}"));
        let file = BufWriter::new(File::create(&path)?);
        let sink = match codec {
            Codec::H264 => Sink::AnnexB(file),
            Codec::Vp8 => Sink::Ivf(ivf::Writer::new(file)?),
            _ => Sink::Ogg(ogg::Writer::new(file)?),
        };
        Ok(Some(Recording { path, sink }))
    }

    /// One frame as str0m hands it over (H.264 already in Annex-B form).
    pub fn write(&mut self, frame: &[u8], rtp_time: u64) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::AnnexB(out) => out.write_all(frame),
            Sink::Ivf(out) => out.write(frame, rtp_time),
            Sink::Ogg(out) => out.write(frame),
        }
    }

    pub fn finish(self) -> std::io::Result<()> {
        match self.sink {
            Sink::AnnexB(mut out) => out.flush(),
            Sink::Ivf(out) => out.finish(),
            Sink::Ogg(out) => out.finish(),
        }
    }
}
