//! Test inputs shared by the unit tests of several modules.

/// Log lines in the shape of the benchmark's (`benches/support/loggen.rs`).
pub(crate) fn log_lines(n: usize) -> Vec<u8> {
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut next = || rng.next();
    let mut out = Vec::new();
    for _ in 0..n {
        let line = format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z {} [{}] request_id={:08x}-{:04x}-{:04x}-{:04x}-{:012x} user_id={} amount={}.{:02} duration_ms={} ts={} status={} path=/api/v2/items/{}?page={}\n",
            1 + next() % 12, 1 + next() % 28, next() % 24, next() % 60, next() % 60, next() % 1000,
            ["INFO ", "DEBUG", "WARN ", "ERROR"][(next() % 4) as usize],
            ["order-service", "billing", "auth", "delivery-api", "kyc"][(next() % 5) as usize],
            next() as u32, next() % (1 << 16), next() % (1 << 16), next() % (1 << 16),
            next() & 0xFFFF_FFFF_FFFF, next() % 10_000_000, next() % 1_000_000, next() % 100,
            next() % 5000, 1_700_000_000 + next() % 60_000_000, [200, 201, 404, 500][(next() % 4) as usize],
            next() % 100_000_000, next() % 100,
        );
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// A reproducible pseudo-random stream (xorshift64) for test inputs.
pub(crate) struct Xorshift(pub(crate) u64);

impl Xorshift {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An element of `from`, chosen by the next number.
    pub(crate) fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// `n` elements of `alphabet` in a pseudo-random order given by `seed`.
pub(crate) fn mix<T: Copy>(alphabet: &[T], n: usize, seed: u64) -> Vec<T> {
    let mut rng = Xorshift(seed);
    (0..n).map(|_| rng.pick(alphabet)).collect()
}
