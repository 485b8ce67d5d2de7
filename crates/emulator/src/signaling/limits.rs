//! Per-connection message rates: the service allows 5 SDP offers, 5 SDP answers and 20 ICE candidates per
//! second on each WebSocket connection.

use kvs_core::message::Action;
use std::time::Instant;

/// Messages per second for offers, answers and candidates.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    pub offers: u32,
    pub answers: u32,
    pub candidates: u32,
}

impl Default for Rates {
    fn default() -> Self {
        Rates { offers: 5, answers: 5, candidates: 20 }
    }
}

impl std::str::FromStr for Rates {
    type Err = String;
    fn from_str(text: &str) -> Result<Rates, String> {
        let parts: Vec<u32> =
            text.split(',').map(|p| p.trim().parse::<u32>()).collect::<Result<_, _>>().map_err(|_| {
                format!("invalid rates \"{text}\": write OFFERS,ANSWERS,CANDIDATES per second, e.g. 5,5,20")
            })?;
        match parts[..] {
            [offers, answers, candidates] if offers > 0 && answers > 0 && candidates > 0 => {
                Ok(Rates { offers, answers, candidates })
            }
            _ => Err(format!("invalid rates \"{text}\": write three positive numbers, e.g. 5,5,20")),
        }
    }
}

/// A token bucket per action: a full second's allowance, refilled continuously.
pub struct Limiter {
    rates: Rates,
    tokens: [f64; 3],
    last: Instant,
}

impl Limiter {
    pub fn new(rates: Rates) -> Limiter {
        Limiter {
            rates,
            tokens: [f64::from(rates.offers), f64::from(rates.answers), f64::from(rates.candidates)],
            last: Instant::now(),
        }
    }

    fn rate(&self, index: usize) -> f64 {
        f64::from([self.rates.offers, self.rates.answers, self.rates.candidates][index])
    }

    /// Takes one token for `action`; false when the connection is over its rate.
    pub fn allow(&mut self, action: Action, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        for i in 0..3 {
            self.tokens[i] = (self.tokens[i] + elapsed * self.rate(i)).min(self.rate(i));
        }
        let i = match action {
            Action::SdpOffer => 0,
            Action::SdpAnswer => 1,
            Action::IceCandidate => 2,
        };
        if self.tokens[i] >= 1.0 {
            self.tokens[i] -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn allows_a_second_of_burst_then_refills() {
        let start = Instant::now();
        let mut limiter = Limiter::new(Rates::default());
        assert_eq!((0..10).filter(|_| limiter.allow(Action::SdpOffer, start)).count(), 5);
        assert_eq!((0..30).filter(|_| limiter.allow(Action::IceCandidate, start)).count(), 20);
        assert!(limiter.allow(Action::SdpOffer, start + Duration::from_millis(210)));
        assert!("5,5".parse::<Rates>().is_err());
        assert!("1,2,3".parse::<Rates>().is_ok());
    }
}
