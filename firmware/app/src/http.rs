//! The signed HTTPS POSTs of the control plane and GetIceServerConfig: one request per connection
//! (`connection: close`), the response read to the end and parsed by the core (kvs_core::http1).

use crate::tls::{self, Buffers, Failure};
use alloc::format;
use alloc::vec::Vec;
use embassy_net::Stack;
use embedded_io_async::Write;
use kvs_core::event::ErrorSite;
use mbedtls_rs::{Certificate, TlsReference};

/// A response larger than this is refused (the service's are a few KiB).
const MAX_RESPONSE: usize = 32 << 10;

pub use kvs_core::http1::Response;

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
) -> Result<Response, Failure> {
    let name = tls::server_name(host).map_err(|why| Failure::at(ErrorSite::Dns, why))?;
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
    sent.await.map_err(|e| Failure::at(ErrorSite::Http, format!("sending to {host} failed: {e:?}")))?;

    let mut response = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        match session.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) if response.len() + n <= MAX_RESPONSE => response.extend_from_slice(&chunk[..n]),
            Ok(_) => {
                return Err(Failure::at(
                    ErrorSite::Http,
                    format!("the response from {host} is larger than {MAX_RESPONSE} bytes"),
                ));
            }
            Err(e) if response.is_empty() => {
                return Err(Failure::at(ErrorSite::Http, format!("reading from {host} failed: {e:?}")));
            }
            // A peer that closes without close_notify: what arrived is the response.
            Err(_) => break,
        }
    }
    let _ = session.close().await;
    kvs_core::http1::parse_response(&response)
        .ok_or_else(|| Failure::at(ErrorSite::Http, format!("{host} sent a malformed HTTP response")))
}
