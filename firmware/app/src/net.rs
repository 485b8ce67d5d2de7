//! The network: the Wi-Fi station interface under embassy-net (DHCP, DNS), and the helpers the clients share.

use embassy_net::dns::DnsQueryType;
use embassy_net::{IpAddress, Runner, Stack, StackResources};
use esp_radio::wifi::Interface;
use static_cell::StaticCell;

/// Sockets at once: DHCP, DNS, two TCP (the WebSocket, and HTTPS for an ICE refresh while it is open), one UDP
/// (SNTP), the path checks' UDP (the ICE-lite agent) and TCP (TURN over TCP or TLS), with room to spare.
const SOCKETS: usize = 9;

/// Starts the stack over the station interface; `run` must then be spawned for it to move.
pub fn start(interface: Interface, seed: u64) -> (Stack<'static>, Runner<'static, Interface>) {
    static RESOURCES: StaticCell<StackResources<SOCKETS>> = StaticCell::new();
    let config = embassy_net::Config::dhcpv4(Default::default());
    embassy_net::new(interface, config, RESOURCES.init(StackResources::new()), seed)
}

#[embassy_executor::task]
pub async fn run(mut runner: Runner<'static, Interface>) -> ! {
    runner.run().await
}

/// The first IPv4 address of a host name.
pub async fn resolve(stack: Stack<'static>, host: &str) -> Option<IpAddress> {
    stack.dns_query(host, DnsQueryType::A).await.ok()?.first().copied()
}
