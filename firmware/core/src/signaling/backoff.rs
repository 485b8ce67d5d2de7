//! Exponential backoff with full jitter, as the C SDK's state machine waits between failed attempts:
//! a uniformly random wait in [0, min(base·2ⁿ, cap)].

/// Backoff state with its own small PRNG (xorshift64*), so the core needs no platform randomness.
#[derive(Debug, Clone)]
pub struct Backoff {
    base_ms: u64,
    cap_ms: u64,
    attempt: u32,
    rng: u64,
}

impl Backoff {
    pub fn new(base_ms: u64, cap_ms: u64, seed: u64) -> Self {
        Backoff { base_ms, cap_ms, attempt: 0, rng: seed | 1 }
    }

    /// Failures since the last reset.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The ceiling of the next wait, before jitter.
    pub fn ceiling_ms(&self) -> u64 {
        let exp = self.base_ms.saturating_mul(1u64 << self.attempt.min(32));
        exp.min(self.cap_ms)
    }

    /// Counts a failure and returns how long to wait before the next attempt.
    pub fn next_delay_ms(&mut self) -> u64 {
        let ceiling = self.ceiling_ms();
        self.attempt = self.attempt.saturating_add(1);
        self.random() % (ceiling + 1)
    }

    pub fn reset(&mut self) {
        self.attempt = 0;
    }

    fn random(&mut self) -> u64 {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_to_the_cap_with_jitter_below_the_ceiling() {
        let mut backoff = Backoff::new(100, 10_000, 42);
        let ceilings: alloc::vec::Vec<u64> = (0..10)
            .map(|_| {
                let ceiling = backoff.ceiling_ms();
                let delay = backoff.next_delay_ms();
                assert!(delay <= ceiling);
                ceiling
            })
            .collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000]);
        backoff.reset();
        assert_eq!(backoff.ceiling_ms(), 100);
    }

    #[test]
    fn jitter_spreads() {
        let mut backoff = Backoff::new(10_000, 10_000, 7);
        let delays: alloc::vec::Vec<u64> = (0..50).map(|_| backoff.next_delay_ms()).collect();
        assert!(delays.iter().any(|d| *d < 3_000) && delays.iter().any(|d| *d > 7_000));
    }
}
