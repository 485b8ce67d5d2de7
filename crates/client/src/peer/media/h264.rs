//! H.264 in Annex-B form (what `ffmpeg -f h264` writes and what the KVS C SDK's samples read): a byte stream of
//! NAL units behind start codes. A master sends it one access unit (one picture) per frame; a viewer saves
//! what it receives the same way, so that ffplay plays it.

/// NAL unit types this reader cares about (ITU-T H.264 table 7-1).
const NAL_NON_IDR: u8 = 1;
const NAL_IDR: u8 = 5;
const NAL_SEI: u8 = 6;
const NAL_SPS: u8 = 7;
const NAL_PPS: u8 = 8;
const NAL_AUD: u8 = 9;

/// The NAL units of an Annex-B stream, each with its start code, in order.
fn nal_units(stream: &[u8]) -> Vec<&[u8]> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 3 <= stream.len() {
        if stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1 {
            let start = if i > 0 && stream[i - 1] == 0 { i - 1 } else { i };
            starts.push((start, i + 3));
            i += 3;
        } else {
            i += 1;
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &(start, _))| {
            let end = starts.get(n + 1).map_or(stream.len(), |&(next, _)| next);
            &stream[start..end]
        })
        .collect()
}

/// The NAL unit's type, after its start code.
fn nal_type(unit: &[u8]) -> Option<u8> {
    let body = unit.iter().position(|&b| b == 1).map(|p| &unit[p + 1..])?;
    body.first().map(|b| b & 0x1f)
}

/// The slice starts a new picture: `first_mb_in_slice` is 0, whose ue(v) code is the single bit `1`.
fn starts_picture(unit: &[u8]) -> bool {
    let Some(p) = unit.iter().position(|&b| b == 1) else { return false };
    unit.get(p + 2).is_some_and(|b| b & 0x80 != 0)
}

/// Splits an Annex-B stream into access units: a new one begins at an access unit delimiter, SPS, PPS or SEI, or
/// at the first slice of a picture, once the current one holds a picture.
pub fn access_units(stream: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let units = nal_units(stream);
    if units.is_empty() {
        return Err("it is not an H.264 Annex-B stream: no start code (00 00 01) in it".into());
    }
    let mut frames: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut has_picture = false;
    for unit in units {
        let kind = nal_type(unit).unwrap_or(0);
        let is_slice = kind == NAL_NON_IDR || kind == NAL_IDR;
        let boundary = match kind {
            NAL_AUD | NAL_SPS | NAL_PPS | NAL_SEI => has_picture,
            _ if is_slice => has_picture && starts_picture(unit),
            _ => false,
        };
        if boundary {
            frames.push(std::mem::take(&mut current));
            has_picture = false;
        }
        current.extend_from_slice(unit);
        has_picture |= is_slice;
    }
    if has_picture {
        frames.push(current);
    }
    if frames.is_empty() {
        return Err("the H.264 stream holds no picture (no slice NAL unit)".into());
    }
    Ok(frames)
}

/// The access unit holds an IDR picture: a decoder can start here.
pub fn is_keyframe(access_unit: &[u8]) -> bool {
    nal_units(access_unit).iter().any(|unit| nal_type(unit) == Some(NAL_IDR))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLIP: &[u8] = include_bytes!("../clip/clip.h264");

    #[test]
    fn the_clip_is_fifty_pictures_with_a_keyframe_each_second() {
        let frames = access_units(CLIP).unwrap();
        assert_eq!(frames.len(), 50);
        let keyframes: Vec<usize> = (0..frames.len()).filter(|&i| is_keyframe(&frames[i])).collect();
        assert_eq!(keyframes, vec![0, 25]);
        assert_eq!(frames.concat(), CLIP, "splitting loses no byte");
    }

    #[test]
    fn refuses_what_is_not_annex_b() {
        assert!(access_units(b"\x1aE\xdf\xa3 matroska").unwrap_err().contains("no start code"));
        assert!(access_units(&[0, 0, 1, 0x67, 0x42]).unwrap_err().contains("no picture"));
    }
}
