//! The rate limit: a token bucket per client address. A bucket that has filled up again is the same
//! as no bucket, so such buckets are dropped once the table holds many: a room's Wi-Fi with devices
//! coming and going (or one peer cycling source addresses) cannot grow it without end.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Past this many addresses, a new one first sweeps out the full buckets; the next sweep waits
/// until the table has doubled again, so a sweep costs each request a constant on average.
const SWEEP_ABOVE: usize = 256;

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Debug)]
pub struct Buckets {
    rate_per_second: f64,
    burst: f64,
    table: Mutex<Table>,
}

#[derive(Debug)]
struct Table {
    buckets: HashMap<IpAddr, Bucket>,
    /// The size at which the next sweep runs.
    sweep_at: usize,
}

impl Buckets {
    pub fn new(rate_per_second: f64, burst: f64) -> Buckets {
        let table = Table { buckets: HashMap::new(), sweep_at: SWEEP_ABOVE };
        Buckets { rate_per_second, burst, table: Mutex::new(table) }
    }

    /// Takes `cost` tokens from `ip`'s bucket if it holds at least one; false when it is empty.
    pub fn take(&self, ip: IpAddr, cost: f64) -> bool {
        self.take_at(ip, cost, Instant::now())
    }

    fn take_at(&self, ip: IpAddr, cost: f64, now: Instant) -> bool {
        let Ok(mut guard) = self.table.lock() else { return false };
        let table = &mut *guard;
        if table.buckets.len() >= table.sweep_at && !table.buckets.contains_key(&ip) {
            table.buckets.retain(|_, b| self.filled(b, now) < self.burst);
            table.sweep_at = SWEEP_ABOVE.max(2 * table.buckets.len());
        }
        let b = table.buckets.entry(ip).or_insert(Bucket { tokens: self.burst, at: now });
        b.tokens = self.filled(b, now);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= cost;
            true
        } else {
            false
        }
    }

    /// The tokens `b` holds at `now`, refilled since it was last used.
    fn filled(&self, b: &Bucket, now: Instant) -> f64 {
        (b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * self.rate_per_second).min(self.burst)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.table.lock().map(|t| t.buckets.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;
    use std::time::Duration;

    fn ip(n: u32) -> IpAddr {
        IpAddr::V4(Ipv4Addr::from(0x0A00_0000 + n))
    }

    #[test]
    fn a_burst_then_one_token_per_tick() {
        let b = Buckets::new(2.0, 3.0);
        let t0 = Instant::now();
        assert!((0..3).all(|_| b.take_at(ip(1), 1.0, t0)));
        assert!(!b.take_at(ip(1), 1.0, t0), "the burst is spent");
        assert!(b.take_at(ip(1), 1.0, t0 + Duration::from_millis(500)), "half a second gives one token");
        assert!(!b.take_at(ip(1), 1.0, t0 + Duration::from_millis(500)));
        assert!(b.take_at(ip(2), 1.0, t0), "another address has its own bucket");
    }

    #[test]
    fn many_addresses_do_not_grow_the_table_and_an_empty_bucket_is_kept() {
        let b = Buckets::new(20.0, 40.0);
        let t0 = Instant::now();
        let at = |ms: u32| t0 + Duration::from_millis(u64::from(ms));
        // 10,000 addresses, one request each, a millisecond apart: each bucket is full again 50 ms
        // after its request (1 token at 20 per second), so the sweeps keep the table small.
        for n in 1..=10_000u32 {
            assert!(b.take_at(ip(n), 1.0, at(n)));
            if n == 5_000 {
                // Meanwhile a guesser spends its whole bucket (refusals cost ten).
                let granted = (0..10).filter(|_| b.take_at(ip(0), 10.0, at(n))).count();
                assert_eq!(granted, 4);
            }
            if n == 5_010 {
                assert!(!b.take_at(ip(0), 1.0, at(n)), "the guesser's empty bucket survived the sweeps");
            }
        }
        assert!(b.len() <= SWEEP_ABOVE + 60, "{} buckets kept", b.len());
        assert!(b.take_at(ip(0), 1.0, at(10_001)), "five seconds later it is full again");
    }
}
