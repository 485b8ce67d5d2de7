//! Requests in flight: transaction ids from a seeded stream, retransmission over UDP (RFC 8489 §6.2.1: RTO
//! 500 ms, doubled each time, 7 sends, then 16 RTOs of waiting) and none over TCP or TLS, and a deadline.

use alloc::vec::Vec;

const RTO_MS: u64 = 500;
const MAX_SENDS: u32 = 7;
const LAST_WAIT_RTOS: u64 = 16;

/// Transaction ids: 96 bits from a xorshift stream (the core draws no randomness of its own; the caller seeds).
#[derive(Debug, Clone)]
pub struct Ids(u64);

impl Ids {
    pub fn new(seed: u64) -> Ids {
        Ids(seed | 1)
    }

    fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn draw(&mut self) -> [u8; 12] {
        let (a, b) = (self.step().to_be_bytes(), self.step().to_be_bytes());
        let mut id = [0u8; 12];
        id[..8].copy_from_slice(&a);
        id[8..].copy_from_slice(&b[..4]);
        id
    }
}

struct Pending<T> {
    id: [u8; 12],
    what: T,
    bytes: Vec<u8>,
    first_sent: u64,
    next_send: Option<u64>,
    rto: u64,
    sends: u32,
    deadline: u64,
}

/// What a timeout did: requests to send again, and requests that got no answer in time.
pub struct Expired<T> {
    pub resend: Vec<Vec<u8>>,
    pub gave_up: Vec<T>,
}

pub struct Transactions<T> {
    pending: Vec<Pending<T>>,
    reliable: bool,
    timeout_ms: u64,
}

impl<T> Transactions<T> {
    /// `reliable`: over TCP or TLS (no retransmission). A request gives up after `timeout_ms` at most.
    pub fn new(reliable: bool, timeout_ms: u64) -> Transactions<T> {
        Transactions { pending: Vec::new(), reliable, timeout_ms }
    }

    /// Remembers a request sent at `now`.
    pub fn sent(&mut self, now: u64, id: [u8; 12], what: T, bytes: Vec<u8>) {
        let full = match self.reliable {
            true => self.timeout_ms,
            // 0.5 + 1 + 2 + 4 + 8 + 16 + 32 (sends) … the last wait is 16 RTOs: 39.5 s in all.
            false => RTO_MS * ((1 << (MAX_SENDS - 1)) - 1) + RTO_MS * LAST_WAIT_RTOS,
        };
        let next_send = (!self.reliable).then_some(now + RTO_MS);
        let deadline = now + full.min(self.timeout_ms);
        self.pending.push(Pending { id, what, bytes, first_sent: now, next_send, rto: RTO_MS, sends: 1, deadline });
    }

    /// The request an answer with `id` belongs to, and the time since it was first sent.
    pub fn answered(&mut self, id: &[u8; 12], now: u64) -> Option<(T, u64)> {
        let at = self.pending.iter().position(|p| &p.id == id)?;
        let pending = self.pending.swap_remove(at);
        Some((pending.what, now.saturating_sub(pending.first_sent)))
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    pub fn poll_timeout(&self) -> Option<u64> {
        self.pending.iter().map(|p| p.next_send.map_or(p.deadline, |at| at.min(p.deadline))).min()
    }

    pub fn handle_timeout(&mut self, now: u64) -> Expired<T> {
        let mut expired = Expired { resend: Vec::new(), gave_up: Vec::new() };
        let mut i = 0;
        while i < self.pending.len() {
            let p = &mut self.pending[i];
            if now >= p.deadline {
                expired.gave_up.push(self.pending.swap_remove(i).what);
                continue;
            }
            if let Some(at) = p.next_send
                && now >= at
            {
                expired.resend.push(p.bytes.clone());
                p.sends += 1;
                p.rto *= 2;
                p.next_send = (p.sends < MAX_SENDS).then_some(now + p.rto);
            }
            i += 1;
        }
        expired
    }
}
