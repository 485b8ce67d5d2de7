//! The companion firmware's WebSocket client, tested on the host: the upgrade
//! against scripted answers, and frames arriving whole, split at every byte, glued together, oversized, and of
//! every type the service might send.

use kvs_ws as ws;

use edge_ws::{FrameHeader, FrameType};
use ws::{Frame, Incoming};

/// A connection whose peer has already said `input`; what the firmware writes is kept.
struct Scripted {
    input: Vec<u8>,
    written: Vec<u8>,
}

impl embedded_io_async::ErrorType for Scripted {
    type Error = std::convert::Infallible;
}

impl embedded_io_async::Read for Scripted {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let n = buf.len().min(self.input.len()).min(7);
        buf[..n].copy_from_slice(&self.input[..n]);
        self.input.drain(..n);
        Ok(n)
    }
}

impl embedded_io_async::Write for Scripted {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }

    async fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
}

/// A frame as the service sends it: unmasked.
fn server_frame(frame_type: FrameType, payload: &[u8]) -> Vec<u8> {
    let header = FrameHeader { frame_type, payload_len: payload.len() as u64, mask_key: None };
    let mut bytes = vec![0u8; FrameHeader::MAX_LEN];
    let len = header.serialize(&mut bytes).unwrap();
    bytes.truncate(len);
    bytes.extend_from_slice(payload);
    bytes
}

#[test]
fn upgrades_and_keeps_what_follows_the_answer() {
    let first_frame = server_frame(FrameType::Text(false), b"{\"messageType\":\"SDP_OFFER\"}");
    let mut answer = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n".to_vec();
    answer.extend_from_slice(&first_frame);
    let mut peer = Scripted { input: answer, written: Vec::new() };
    let leftover =
        block_on(ws::handshake(&mut peer, "m-1.example.com", "/?X-Amz-Signature=abc", "a2V5a2V5a2V5a2V5a2V5"));
    // Whatever of the first frame came with the answer is handed back; the rest is still to be read.
    let mut first = leftover.ok().expect("upgraded");
    first.extend_from_slice(&peer.input);
    assert_eq!(first, first_frame);
    let request = String::from_utf8(peer.written).unwrap();
    assert!(request.starts_with("GET /?X-Amz-Signature=abc HTTP/1.1\r\nhost: m-1.example.com\r\n"), "{request}");
    assert!(request.contains("upgrade: websocket\r\n") && request.contains("sec-websocket-version: 13\r\n"));
}

#[test]
fn a_refused_upgrade_carries_its_status() {
    for (answer, status) in [
        (&b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n"[..], Some(403)),
        (&b"HTTP/1.1 404 Not Found\r\n\r\n"[..], Some(404)),
        (&b"garbage\r\n\r\n"[..], None),
    ] {
        let mut peer = Scripted { input: answer.to_vec(), written: Vec::new() };
        let refused = block_on(ws::handshake(&mut peer, "h", "/", "k")).expect_err("refused");
        assert_eq!(refused.status, status);
        assert!(!refused.detail.is_empty());
    }
    let mut closing = Scripted { input: b"HTTP/1.1 101".to_vec(), written: Vec::new() };
    let refused = block_on(ws::handshake(&mut closing, "h", "/", "k")).expect_err("refused");
    assert!(refused.detail.contains("closed"), "{}", refused.detail);
}

#[test]
fn reassembles_frames_split_anywhere_and_reads_every_type() {
    let text = "{\"messageType\":\"ICE_CANDIDATE\",\"messagePayload\":\"eyJjYW5kaWRhdGUiOiIifQ==\"}";
    let mut stream = server_frame(FrameType::Text(false), text.as_bytes());
    stream.extend(server_frame(FrameType::Ping, b"hi"));
    stream.extend(server_frame(FrameType::Text(false), &vec![b'x'; 20_000]));
    stream.extend(server_frame(FrameType::Pong, b""));
    stream.extend(server_frame(FrameType::Binary(false), b"\x00\x01"));
    stream.extend(server_frame(FrameType::Text(true), b"part"));
    stream.extend(server_frame(FrameType::Close, &1001u16.to_be_bytes()));

    let mut incoming = Incoming::default();
    let mut frames = Vec::new();
    for byte in &stream {
        incoming.push(std::slice::from_ref(byte));
        while let Some(frame) = incoming.next_frame().expect("a readable stream") {
            frames.push(frame);
        }
    }
    assert_eq!(frames.len(), 7);
    assert!(matches!(&frames[0], Frame::Text(t) if t == text));
    assert!(matches!(&frames[1], Frame::Ping(p) if p == b"hi"));
    assert!(matches!(&frames[2], Frame::Text(t) if t.len() == 20_000));
    assert!(matches!(frames[3], Frame::Traffic));
    assert!(matches!(frames[4], Frame::Unreadable("a binary frame")));
    assert!(matches!(frames[5], Frame::Unreadable("a fragmented frame")));
    assert!(matches!(frames[6], Frame::Close(Some(1001))));

    let mut glued = Incoming::default();
    glued.push(&stream);
    let mut count = 0;
    while glued.next_frame().unwrap().is_some() {
        count += 1;
    }
    assert_eq!(count, 7, "frames arriving in one read are all found");
}

#[test]
fn refuses_oversized_and_invalid_frames_and_unmasks_masked_ones() {
    let mut oversized = Incoming::default();
    let header = FrameHeader { frame_type: FrameType::Text(false), payload_len: 1 << 20, mask_key: None };
    let mut bytes = vec![0u8; FrameHeader::MAX_LEN];
    let len = header.serialize(&mut bytes).unwrap();
    oversized.push(&bytes[..len]);
    assert_eq!(oversized.next_frame().err(), Some("an oversized frame"));

    let mut not_utf8 = Incoming::default();
    not_utf8.push(&server_frame(FrameType::Text(false), b"\xff\xfe"));
    assert!(matches!(not_utf8.next_frame(), Ok(Some(Frame::Unreadable(_)))));

    let masked = FrameHeader { frame_type: FrameType::Text(false), payload_len: 5, mask_key: Some(0x1234_5678) };
    let mut frame = vec![0u8; FrameHeader::MAX_LEN];
    let len = masked.serialize(&mut frame).unwrap();
    frame.truncate(len);
    let mut payload = b"hello".to_vec();
    masked.mask(&mut payload, 0);
    frame.extend(payload);
    let mut incoming = Incoming::default();
    incoming.push(&frame);
    assert!(matches!(incoming.next_frame(), Ok(Some(Frame::Text(t))) if t == "hello"));
}

#[test]
fn sends_masked_frames_the_service_can_read() {
    let mut peer = Scripted { input: Vec::new(), written: Vec::new() };
    block_on(ws::send(&mut peer, FrameType::Text(false), b"{\"action\":\"SDP_ANSWER\"}", 0xdead_beef)).unwrap();
    let (header, header_len) = FrameHeader::deserialize(&peer.written).unwrap();
    assert_eq!(header.mask_key, Some(0xdead_beef), "a client's frames are masked");
    let mut payload = peer.written[header_len..].to_vec();
    header.mask(&mut payload, 0);
    assert_eq!(payload, b"{\"action\":\"SDP_ANSWER\"}");
}
