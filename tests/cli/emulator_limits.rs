//! The emulator under a hostile client's attacks, each bounded in count and time, on loopback: connections that
//! trickle their headers, bodies that never finish, a ping flood whose pongs are never read, and a master that
//! stops reading while viewers send. Every attacker is cut off, and the emulator's memory stays bounded; the
//! figures are printed (`cargo test -p kvs-esp --test cli emulator_limits -- --nocapture`).

use crate::support::{EmulatorProcess, Kvs, SECRET, now, ws_handshake};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: f64 =
        status.lines().find(|l| l.starts_with("VmRSS:")).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    kib / 1024.0
}

/// A masked client frame.
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if n < 65536 => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(&[0, 0, 0, 0]);
    frame.extend_from_slice(payload);
    frame
}

/// Whether the server has closed the connection (end of file, or a reset) within `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn every_attacker_is_cut_off_and_memory_stays_bounded() {
    let emulator = EmulatorProcess::spawn(&["--request-timeout", "1", "--rates", "100000,100000,100000"]);
    let host = emulator.http.trim_start_matches("http://").to_string();
    let pid = emulator.pid();
    let kvs = Kvs::new(&emulator.http);
    let arn =
        kvs.run(&["-o", "json", "channel", "create", "siege"]).ok().json()["ChannelARN"].as_str().unwrap().to_string();
    let endpoints = kvs.run(&["-o", "json", "endpoint", "get", "-c", "siege", "-r", "viewer"]).ok().json();
    let viewer_path = format!(
        "/{}",
        endpoints["ResourceEndpointList"][0]["ResourceEndpoint"].as_str().unwrap().rsplit('/').next().unwrap()
    );
    let master_path = viewer_path.replacen("/v-", "/m-", 1);
    let start = rss_mib(pid);
    let mut figures = vec![format!("start {start:.1} MiB")];

    // 1. Slowloris: 200 connections that never finish their headers.
    let mut slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(&host).unwrap();
            stream.write_all(b"POST /describeSignalingChannel HTTP/1.1\r\nhost: x\r\n").unwrap();
            stream
        })
        .collect();
    let cut = slow.iter_mut().map(|s| closed_within(s, Duration::from_secs(4))).filter(|closed| *closed).count();
    assert_eq!(cut, 200, "every connection that trickles its headers is cut off");
    figures.push(format!("after 200 slowloris connections {:.1} MiB", rss_mib(pid)));

    // 2. Bodies that never finish: 100 requests that stop half way through 60 KB.
    let mut stalled: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut stream = TcpStream::connect(&host).unwrap();
            let head =
                format!("POST /describeSignalingChannel HTTP/1.1\r\nhost: {host}\r\ncontent-length: 60000\r\n\r\n");
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(&[b' '; 30_000]).unwrap();
            stream
        })
        .collect();
    let answered = stalled
        .iter_mut()
        .map(|s| {
            s.set_read_timeout(Some(Duration::from_secs(4))).unwrap();
            let mut head = [0u8; 12];
            s.read_exact(&mut head).is_ok() && &head[9..12] == b"408"
        })
        .filter(|answered| *answered)
        .count();
    assert_eq!(answered, 100, "every unfinished body is answered 408");
    let oversized =
        format!("POST /describeSignalingChannel HTTP/1.1\r\nhost: {host}\r\ncontent-length: 1048576\r\n\r\n");
    let mut big = TcpStream::connect(&host).unwrap();
    big.write_all(oversized.as_bytes()).unwrap();
    let mut head = [0u8; 12];
    big.set_read_timeout(Some(Duration::from_secs(4))).unwrap();
    big.read_exact(&mut head).unwrap();
    assert_eq!(&head[9..12], b"413", "a body over the limit is refused without waiting for it");
    figures.push(format!("after 100 unfinished bodies {:.1} MiB", rss_mib(pid)));

    // 3. A ping flood whose pongs are never read (pings of 100 bytes, which each pong echoes): what waits to be
    // written is bounded (one pending pong, a bounded write buffer), so the flood costs no memory.
    let (status, mut flooder) = ws_handshake(&host, &master_path, &[("X-Amz-ChannelARN", arn.as_str())], SECRET, now());
    assert_eq!(status, 101);
    flooder.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    let ping = frame(0x9, &[b'p'; 100]).repeat(1_000);
    let started = Instant::now();
    let mut sent = 0;
    while sent < 1_000_000 && started.elapsed() < Duration::from_secs(10) && flooder.write_all(&ping).is_ok() {
        sent += 1_000;
    }
    assert!(sent >= 100_000, "the flood ran ({sent} pings)");
    figures.push(format!("after a flood of {sent} pings whose pongs were not read {:.1} MiB", rss_mib(pid)));

    // 4. A master that stops reading while ten viewers send 8 KB candidates.
    let (status, mut deaf_master) =
        ws_handshake(&host, &master_path, &[("X-Amz-ChannelARN", arn.as_str())], SECRET, now());
    assert_eq!(status, 101);
    let message = format!(r#"{{"action":"ICE_CANDIDATE","messagePayload":"{}"}}"#, "QUFB".repeat(2_000));
    let burst = frame(0x1, message.as_bytes()).repeat(100);
    let viewers: Vec<_> = (0..10)
        .map(|n| {
            let (host, path, arn, burst) = (host.clone(), viewer_path.clone(), arn.clone(), burst.clone());
            std::thread::spawn(move || {
                let id = format!("viewer-{n}");
                let (status, mut viewer) =
                    ws_handshake(&host, &path, &[("X-Amz-ChannelARN", &arn), ("X-Amz-ClientId", &id)], SECRET, now());
                assert_eq!(status, 101);
                viewer.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
                (0..20).take_while(|_| viewer.write_all(&burst).is_ok()).count() * 100
            })
        })
        .collect();
    let relayed: usize = viewers.into_iter().map(|v| v.join().unwrap()).sum();
    assert!(closed_within(&mut deaf_master, Duration::from_secs(10)), "the master that does not read is disconnected");
    std::thread::sleep(Duration::from_millis(500));
    let end = rss_mib(pid);
    figures
        .push(format!("after 10 viewers sent {relayed} messages of 8 KB to a master that does not read {end:.1} MiB"));
    println!("emulator RSS: {}", figures.join("; "));
    assert!(end - start < 96.0, "the emulator's memory stays bounded: {}", figures.join("; "));

    // Still serving.
    kvs.run(&["channel", "describe", "siege"]).ok();
}
