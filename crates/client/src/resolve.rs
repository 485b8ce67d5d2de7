//! Name resolution for the HTTPS and WebSocket connections. `localhost` and the names under it are loopback without
//! asking the system's resolver, as RFC 6761 lets a client decide (curl and the browsers do): the emulator's HTTPS
//! endpoint is `https://localhost:…`, and getaddrinfo there — a thread of its own and half a dozen files read — was
//! a sixth of a command's time. Every other name goes to the system's resolver.

use hyper_util::client::legacy::connect::dns::Name;
use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The addresses of `host` (a name, or an address in text) with `port`; IPv4 loopback first for `localhost`, where
/// the emulator listens by default.
pub async fn lookup(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    if is_localhost(host) {
        return Ok(vec![(Ipv4Addr::LOCALHOST, port).into(), (Ipv6Addr::LOCALHOST, port).into()]);
    }
    Ok(tokio::net::lookup_host((host, port)).await?.collect())
}

fn is_localhost(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

/// [`lookup`] as hyper's connector asks for it (it sets the port itself).
#[derive(Debug, Clone, Copy, Default)]
pub struct Resolver;

impl tower_service::Service<Name> for Resolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<Self::Response>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        Box::pin(async move { Ok(lookup(name.as_str(), 0).await?.into_iter()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn localhost_is_loopback_without_the_system_resolver() {
        for name in ["localhost", "LOCALHOST.", "emulator.localhost"] {
            let found = lookup(name, 8443).await.unwrap();
            assert_eq!(found[0], SocketAddr::from((Ipv4Addr::LOCALHOST, 8443)), "{name}");
            assert!(found.iter().all(|a| a.ip().is_loopback()), "{name}");
        }
        assert!(!is_localhost("localhost.example.com") && !is_localhost("notlocalhost"));
        assert_eq!(lookup("127.0.0.1", 80).await.unwrap(), vec![SocketAddr::from((Ipv4Addr::LOCALHOST, 80))]);
    }
}
