//! The signed HTTPS POSTs of the control plane and GetIceServerConfig: one request per connection
//! (`connection: close`), the body read to the end, chunked encoding undone.

use crate::tls::{self, Buffers};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use embassy_net::Stack;
use embedded_io_async::Write;
use mbedtls_rs::{Certificate, TlsReference};

/// A response larger than this is refused (the service's are a few KiB).
const MAX_RESPONSE: usize = 32 << 10;

pub struct Response {
    pub status: u16,
    pub error_type: Option<String>,
    /// The `Date` header, for the clock-skew check.
    pub date: Option<String>,
    pub body: Vec<u8>,
}

/// POSTs `body` to `https://host:port{path}` with the given extra headers.
#[allow(clippy::too_many_arguments)]
pub async fn post(
    stack: Stack<'static>,
    tls: TlsReference<'_>,
    roots: &Certificate<'static>,
    buffers: &mut Buffers,
    host: &str,
    port: u16,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Response, String> {
    let name = tls::server_name(host)?;
    let (mut session, _) = tls::connect(stack, tls, roots, &name, port, buffers).await?;
    let mut head =
        format!("POST {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\ncontent-length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("user-agent: kvs-esp-firmware\r\n\r\n");
    let sent = async {
        session.write_all(head.as_bytes()).await?;
        session.write_all(body).await?;
        session.flush().await
    };
    sent.await.map_err(|e| format!("sending to {host} failed: {e:?}"))?;

    let mut response = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        match session.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) if response.len() + n <= MAX_RESPONSE => response.extend_from_slice(&chunk[..n]),
            Ok(_) => return Err(format!("the response from {host} is larger than {MAX_RESPONSE} bytes")),
            Err(e) if response.is_empty() => return Err(format!("reading from {host} failed: {e:?}")),
            // A peer that closes without close_notify: what arrived is the response.
            Err(_) => break,
        }
    }
    let _ = session.close().await;
    parse(&response).ok_or_else(|| format!("{host} sent a malformed HTTP response"))
}

fn parse(response: &[u8]) -> Option<Response> {
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = core::str::from_utf8(&response[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let (mut error_type, mut date, mut chunked) = (None, None, false);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("x-amzn-errortype") {
            error_type = Some(String::from(value));
        } else if name.eq_ignore_ascii_case("date") {
            date = Some(String::from(value));
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        }
    }
    let raw = &response[split + 4..];
    let body = if chunked { dechunk(raw)? } else { raw.to_vec() };
    Some(Response { status, error_type, date, body })
}

/// Undoes `transfer-encoding: chunked`.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_text = core::str::from_utf8(&raw[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}
