//! Wall time before the first signature: SigV4 refuses a clock more than 5 minutes off. One SNTP exchange
//! (RFC 4330) with pool.ntp.org; the HTTP `Date` of every response then keeps the offset honest (the core's
//! SkewTracker).

use crate::net;
use embassy_net::Stack;
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_time::{Duration, with_timeout};

const SERVER: &str = "pool.ntp.org";
const PORT: u16 = 123;
/// Seconds from 1900 (NTP's epoch) to 1970.
const NTP_TO_UNIX: u64 = 2_208_988_800;
const TIMEOUT: Duration = Duration::from_secs(5);

/// The Unix time in milliseconds, or `None` when no server answered in time.
pub async fn unix_ms(stack: Stack<'static>) -> Option<u64> {
    let server = net::resolve(stack, SERVER).await?;
    let (mut rx_meta, mut tx_meta) = ([PacketMetadata::EMPTY; 2], [PacketMetadata::EMPTY; 2]);
    let (mut rx, mut tx) = ([0u8; 96], [0u8; 96]);
    let mut socket = UdpSocket::new(stack, &mut rx_meta, &mut rx, &mut tx_meta, &mut tx);
    socket.bind(0).ok()?;
    let mut request = [0u8; 48];
    request[0] = 0b00_100_011; // no leap warning, version 4, client mode
    socket.send_to(&request, (server, PORT)).await.ok()?;
    let mut reply = [0u8; 48];
    let (len, _) = with_timeout(TIMEOUT, socket.recv_from(&mut reply)).await.ok()?.ok()?;
    if len < 48 || reply[0] & 0x07 != 4 {
        return None;
    }
    // The transmit timestamp: seconds and a 32-bit fraction since 1900.
    let seconds = u32::from_be_bytes([reply[40], reply[41], reply[42], reply[43]]) as u64;
    let fraction = u32::from_be_bytes([reply[44], reply[45], reply[46], reply[47]]) as u64;
    Some((seconds.checked_sub(NTP_TO_UNIX)?) * 1000 + ((fraction * 1000) >> 32))
}
