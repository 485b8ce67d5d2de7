//! The little HTTP/1.1 a device without an HTTP stack needs: where an endpoint URL points, and what a response
//! says (status, `x-amzn-ErrorType`, `Date`, the body with chunked encoding undone). It lives here, not in the
//! firmware, so that it is tested on the host.

use alloc::string::String;
use alloc::vec::Vec;

/// `https://host[:port][/path]` (or `wss://…`) into host, port and path (`""` when there is none).
pub fn split_url(url: &str) -> Option<(&str, u16, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let default_port = match scheme {
        "https" | "wss" => 443,
        "http" | "ws" => 80,
        _ => return None,
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().ok()?),
        None => (authority, default_port),
    };
    (!host.is_empty()).then_some((host, port, path))
}

/// A response, read to its end.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub error_type: Option<String>,
    /// The `Date` header, for the clock-skew check.
    pub date: Option<String>,
    pub body: Vec<u8>,
}

/// Parses a whole response (the connection was `close`d after it); `None` when it is not HTTP.
pub fn parse_response(response: &[u8]) -> Option<Response> {
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = core::str::from_utf8(&response[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let mut status_line = lines.next()?.split(' ');
    if !status_line.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let status = status_line.next()?.parse().ok()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_endpoint_urls() {
        assert_eq!(
            split_url("https://kinesisvideo.us-west-2.amazonaws.com"),
            Some(("kinesisvideo.us-west-2.amazonaws.com", 443, ""))
        );
        assert_eq!(
            split_url("wss://m-1a2b.kinesisvideo.us-west-2.amazonaws.com/"),
            Some(("m-1a2b.kinesisvideo.us-west-2.amazonaws.com", 443, "/"))
        );
        assert_eq!(split_url("https://localhost:8443/r-0a1b"), Some(("localhost", 8443, "/r-0a1b")));
        assert_eq!(split_url("ws://127.0.0.1/m-1"), Some(("127.0.0.1", 80, "/m-1")));
        assert_eq!(split_url("ftp://x"), None);
        assert_eq!(split_url("https://:443/x"), None);
        assert_eq!(split_url("https://host:port/x"), None);
        assert_eq!(split_url("no scheme"), None);
    }

    #[test]
    fn reads_responses_plain_and_chunked() {
        let plain = b"HTTP/1.1 404 Not Found\r\nx-amzn-ErrorType: ResourceNotFoundException:http://x/\r\n\
            Date: Tue, 02 Jan 2024 03:04:05 GMT\r\nContent-Length: 2\r\n\r\n{}";
        let response = parse_response(plain).unwrap();
        assert_eq!(response.status, 404);
        assert_eq!(response.error_type.as_deref(), Some("ResourceNotFoundException:http://x/"));
        assert_eq!(response.date.as_deref(), Some("Tue, 02 Jan 2024 03:04:05 GMT"));
        assert_eq!(response.body, b"{}");
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked).unwrap().body, b"{\"a\":1}");
    }

    /// Whatever a network hands over, parsing ends in a response or `None`, never a panic.
    #[test]
    fn survives_random_responses() {
        let mut next = crate::test_noise(0x9e37_79b9_7f4a_7c15_u64);
        let pieces: [&[u8]; 8] = [
            b"HTTP/1.1 200 OK\r\n",
            b"transfer-encoding: chunked\r\n",
            b"\r\n",
            b"5\r\nhello\r\n",
            b"0\r\n\r\n",
            b"date: Tue, 02 Jan 2024 03:04:05 GMT\r\n",
            b"\xff\xfe\xc3",
            b"ffffffffffffffff\r\n",
        ];
        for _ in 0..20_000 {
            let mut response = Vec::new();
            for _ in 0..(next() % 8) {
                response.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
            }
            if let Some(parsed) = parse_response(&response) {
                assert!(response.starts_with(b"HTTP/1."), "{response:?}");
                assert!(parsed.body.len() <= response.len());
            }
        }
    }

    #[test]
    fn refuses_what_is_not_http() {
        assert_eq!(parse_response(b"garbage"), None);
        assert_eq!(parse_response(b"SSH-2.0-OpenSSH\r\n\r\n"), None);
        assert_eq!(parse_response(b"HTTP/1.1 abc OK\r\n\r\n"), None);
        let truncated = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nff\r\nshort";
        assert_eq!(parse_response(truncated), None);
        let bad_size = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n";
        assert_eq!(parse_response(bad_size), None);
    }
}
