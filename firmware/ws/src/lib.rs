//! The WebSocket client of the signaling channel: the upgrade over a TLS session, then frames — masked going
//! out (edge-ws), parsed from a buffer coming in, so that a read can be abandoned at any moment (a timer
//! firing) without losing a frame.
//!
//! A crate of its own so that the host tests it like any other library: scripted upgrades and refusals, frames
//! split at every byte, masking.
#![no_std]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

extern crate alloc;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use edge_ws::{FrameHeader, FrameType};
use embedded_io_async::{Read, Write};

/// Frames larger than this end the connection (the service's are at most 18,750 bytes of JSON).
const MAX_FRAME: usize = 32 << 10;

/// Why the upgrade failed: the HTTP status when one arrived (the core maps 403, 404, 5xx).
pub struct Refused {
    pub status: Option<u16>,
    pub detail: String,
}

/// Sends the upgrade for `path_and_query` and reads the answer; returns the bytes that followed it.
pub async fn handshake<S: Read + Write>(
    session: &mut S,
    host: &str,
    path_and_query: &str,
    key: &str,
) -> Result<Vec<u8>, Refused> {
    let request = format!(
        "GET {path_and_query} HTTP/1.1\r\nhost: {host}\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\
         sec-websocket-key: {key}\r\nsec-websocket-version: 13\r\nuser-agent: kvs-esp-firmware\r\n\r\n"
    );
    let failed = |detail: String| Refused { status: None, detail };
    session.write_all(request.as_bytes()).await.map_err(|e| failed(format!("sending the upgrade: {e:?}")))?;
    session.flush().await.map_err(|e| failed(format!("sending the upgrade: {e:?}")))?;
    let mut received = Vec::new();
    let mut chunk = [0u8; 512];
    let end = loop {
        if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if received.len() > 8 << 10 {
            return Err(failed(String::from("the upgrade's answer has no end")));
        }
        match session.read(&mut chunk).await {
            Ok(0) => return Err(failed(String::from("the server closed the connection during the upgrade"))),
            Ok(n) => received.extend_from_slice(&chunk[..n]),
            Err(e) => return Err(failed(format!("reading the upgrade's answer: {e:?}"))),
        }
    };
    let head = String::from_utf8_lossy(&received[..end]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok());
    if status != Some(101) {
        let line = head.lines().next().unwrap_or_default();
        return Err(Refused { status, detail: format!("the upgrade was refused: {line}") });
    }
    Ok(received[end + 4..].to_vec())
}

/// A frame from the service.
pub enum Frame {
    Text(String),
    Ping(Vec<u8>),
    /// A pong or anything else that proves the connection alive.
    Traffic,
    Close(Option<u16>),
    /// A frame the signaling protocol has no use for (binary, fragmented, not UTF-8).
    Unreadable(&'static str),
}

/// What has arrived and is not yet a whole frame.
#[derive(Default)]
pub struct Incoming {
    buffer: Vec<u8>,
}

impl Incoming {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole frame, if one has arrived; `Err` when the stream cannot be read any further.
    pub fn next_frame(&mut self) -> Result<Option<Frame>, &'static str> {
        let (header, header_len) = match FrameHeader::deserialize(&self.buffer) {
            Ok(parsed) => parsed,
            Err(edge_ws::Error::Incomplete(_)) => return Ok(None),
            Err(_) => return Err("an invalid frame header"),
        };
        let payload_len = usize::try_from(header.payload_len).map_err(|_| "an oversized frame")?;
        if payload_len > MAX_FRAME {
            return Err("an oversized frame");
        }
        if self.buffer.len() < header_len + payload_len {
            return Ok(None);
        }
        let mut payload: Vec<u8> = self.buffer.drain(..header_len + payload_len).skip(header_len).collect();
        header.mask(&mut payload, 0);
        let frame = match header.frame_type {
            FrameType::Text(false) => match String::from_utf8(payload) {
                Ok(text) => Frame::Text(text),
                Err(_) => Frame::Unreadable("a text frame that is not UTF-8"),
            },
            FrameType::Ping => Frame::Ping(payload),
            FrameType::Pong => Frame::Traffic,
            FrameType::Close => Frame::Close(payload.get(..2).map(|code| u16::from_be_bytes([code[0], code[1]]))),
            FrameType::Binary(_) => Frame::Unreadable("a binary frame"),
            FrameType::Text(true) | FrameType::Continue(_) => Frame::Unreadable("a fragmented frame"),
        };
        Ok(Some(frame))
    }
}

/// Sends one frame, masked with `mask` as a client must.
pub async fn send<W: Write>(writer: W, frame_type: FrameType, payload: &[u8], mask: u32) -> Result<(), String> {
    edge_ws::io::send(writer, frame_type, Some(mask), payload).await.map_err(|e| format!("sending a frame: {e:?}"))
}
