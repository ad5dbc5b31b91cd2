// The hash of the name tables: a small multiplicative mix over 8-byte words.
// The keys are short byte strings from trusted data, so SipHash's flood
// resistance buys nothing. This file is also compiled into `build.rs`, which
// lays out the name dictionaries' hash tables with it: both must agree.

/// Mixes `bytes` into the hash state `h`.
pub(crate) fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    let mut tail = 0u64;
    for (k, &b) in chunks.remainder().iter().enumerate() {
        tail |= (b as u64) << (8 * k);
    }
    (h.rotate_left(5) ^ tail ^ bytes.len() as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The slot of `key` in a table of `1 << bits` slots: the hash's high bits
/// (a multiply leaves its low bits weak).
pub(crate) fn slot_of(key: &[u8], bits: u32) -> usize {
    (mix(0, key) >> (64 - bits)) as usize
}
