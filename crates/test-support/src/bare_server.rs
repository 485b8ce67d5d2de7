//! The ceiling the emulator's request rate is measured against: hyper answering every request with the same bytes
//! and doing nothing else.

use bytes::Bytes;
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use tokio::runtime::Runtime;

/// A hyper HTTP/1 server with the emulator's set-up (nodelay, one task per connection, a runtime of its own with two
/// workers, as [`crate::Emulator`] runs the emulator) that answers every request with `reply`: the ceiling for any
/// server on this machine and this load. Served from the load generator's own runtime instead, it would skip the
/// hand-over between runtimes that every emulator request pays, and the ratio would measure that, not the emulator.
///
/// It lives here rather than in the benchmark so that its hyper code is compiled as the emulator's is: this crate
/// and `kvs-emulator` share an opt-level (the workspace's `Cargo.toml`), and a ceiling built at another would be
/// no ceiling.
pub fn start(reply: Bytes) -> (Runtime, SocketAddr) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("bare-server")
        .enable_all()
        .build()
        .expect("a runtime");
    let listener =
        runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a loopback port for the bare server");
    let address = listener.local_addr().expect("the bound address");
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            let reply = reply.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_request| {
                    let response = http::Response::builder()
                        .header("content-type", "application/json")
                        .body(Full::new(reply.clone()));
                    async move { response }
                });
                let _ =
                    hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });
    (runtime, address)
}
