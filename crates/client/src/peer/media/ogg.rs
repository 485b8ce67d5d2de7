//! Opus in Ogg (RFC 7845), what `ffmpeg -c:a libopus -f ogg` writes and ffplay plays: a master reads its
//! packets with their durations; a viewer writes what it receives, granule positions at 48 kHz.

use std::io::{Cursor, Write};

/// An Opus packet and how long it plays, in 48 kHz samples.
#[derive(Debug)]
pub struct Packet {
    pub data: Vec<u8>,
    pub samples: u32,
}

/// The samples an Opus packet holds, from its TOC byte (RFC 6716 §3.1): the frame size its configuration
/// names, times the frames its code says.
pub fn samples(packet: &[u8]) -> Option<u32> {
    let toc = *packet.first()?;
    let config = toc >> 3;
    let frame = match config {
        0..=11 => [480, 960, 1920, 2880][usize::from(config % 4)],
        12..=15 => [480, 960][usize::from(config % 2)],
        _ => [120, 240, 480, 960][usize::from(config % 4)],
    };
    let frames = match toc & 3 {
        0 => 1,
        1 | 2 => 2,
        _ => u32::from(*packet.get(1)? & 0x3f),
    };
    Some(frame * frames)
}

/// The audio packets of an Ogg Opus file (after its OpusHead and OpusTags headers).
pub fn read(file: &[u8]) -> Result<Vec<Packet>, String> {
    let mut reader = ogg::PacketReader::new(Cursor::new(file));
    let mut packets = Vec::new();
    let mut index = 0;
    loop {
        let packet = match reader.read_packet() {
            Ok(Some(packet)) => packet,
            Ok(None) => break,
            Err(e) => return Err(format!("it is not a readable Ogg file: {e}")),
        };
        match index {
            0 if !packet.data.starts_with(b"OpusHead") => {
                return Err("it is an Ogg file but not Opus (its first packet is not OpusHead)".into());
            }
            0 | 1 => {}
            // An empty packet carries no audio (a writer's stream end, or a gap).
            _ if packet.data.is_empty() => {}
            _ => {
                let samples = samples(&packet.data).ok_or("an unreadable Opus packet")?;
                packets.push(Packet { data: packet.data, samples });
            }
        }
        index += 1;
    }
    if packets.is_empty() {
        return Err("the Ogg Opus file holds no audio packet".into());
    }
    Ok(packets)
}

/// Writes Opus packets as an Ogg Opus stream: the two headers, then one packet per call.
pub struct Writer<W: Write> {
    inner: ogg::PacketWriter<'static, W>,
    serial: u32,
    granule: u64,
    /// The last packet, held back so that it can end the stream.
    held: Option<Vec<u8>>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> std::io::Result<Writer<W>> {
        let mut inner = ogg::PacketWriter::new(out);
        let serial = rand::random();
        // OpusHead: version 1, 2 channels (WebRTC's opus/48000/2), pre-skip 312, 48 kHz, no gain, family 0.
        let mut head = b"OpusHead\x01\x02".to_vec();
        head.extend_from_slice(&312u16.to_le_bytes());
        head.extend_from_slice(&48_000u32.to_le_bytes());
        head.extend_from_slice(&[0, 0, 0]);
        inner.write_packet(head, serial, ogg::PacketWriteEndInfo::EndPage, 0)?;
        let vendor = b"kvs-esp";
        let mut tags = b"OpusTags".to_vec();
        tags.extend_from_slice(&(vendor.len() as u32).to_le_bytes());
        tags.extend_from_slice(vendor);
        tags.extend_from_slice(&0u32.to_le_bytes());
        inner.write_packet(tags, serial, ogg::PacketWriteEndInfo::EndPage, 0)?;
        Ok(Writer { inner, serial, granule: 0, held: None })
    }

    pub fn write(&mut self, packet: &[u8]) -> std::io::Result<()> {
        if let Some(previous) = self.held.replace(packet.to_vec()) {
            self.emit(previous, ogg::PacketWriteEndInfo::NormalPacket)?;
        }
        Ok(())
    }

    fn emit(&mut self, packet: Vec<u8>, end: ogg::PacketWriteEndInfo) -> std::io::Result<()> {
        self.granule += u64::from(samples(&packet).unwrap_or(960));
        self.inner.write_packet(packet, self.serial, end, self.granule)
    }

    /// Ends the stream with the last packet and flushes it.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(last) = self.held.take() {
            self.emit(last, ogg::PacketWriteEndInfo::EndStream)?;
        }
        self.inner.inner_mut().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLIP: &[u8] = include_bytes!("../clip/clip.opus");

    #[test]
    fn the_clip_is_two_seconds_of_twenty_millisecond_packets() {
        let packets = read(CLIP).unwrap();
        assert!(packets.iter().all(|p| p.samples == 960));
        let total: u32 = packets.iter().map(|p| p.samples).sum();
        assert!((95_000..=97_000).contains(&total), "{total} samples");
    }

    #[test]
    fn what_it_writes_reads_back() {
        let packets = read(CLIP).unwrap();
        let mut out = Vec::new();
        let mut writer = Writer::new(&mut out).unwrap();
        for p in &packets {
            writer.write(&p.data).unwrap();
        }
        writer.finish().unwrap();
        let again = read(&out).unwrap();
        assert_eq!(again.len(), packets.len());
        assert!(again.iter().zip(&packets).all(|(a, b)| a.data == b.data));
    }

    #[test]
    fn refuses_what_is_not_ogg_opus() {
        assert!(read(b"RIFF....WAVEfmt ").unwrap_err().contains("Ogg"));
        assert_eq!(samples(&[]), None);
        assert_eq!(samples(&[0xfc]), Some(960), "CELT 20 ms, one frame");
        assert_eq!(samples(&[0x03, 0x03]), Some(1440), "SILK 10 ms, code 3 with three frames");
    }
}
