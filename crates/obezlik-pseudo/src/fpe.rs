//! A keyed, tweakable permutation of `n`-digit numbers in a radix: an
//! FF1-shaped Feistel network (NIST SP 800-38G layout, 10 rounds) with
//! HMAC-SHA-256 as the round function. Being a permutation, it makes `fake`
//! identifiers injective: two different values never get one surrogate.

use hmac::Mac;

use crate::key::{hmac, HmacSha256};

const ROUNDS: u8 = 10;

/// Longest decimal block permuted at once: halves of ≤ 18 digits stay below
/// 2^63 and the whole below 2^128.
const MAX_DECIMAL_BLOCK: usize = 36;

/// The round function, keyed and with the tweak absorbed once, so each round
/// costs one cheap clone and two compressions.
pub(crate) struct Prf(HmacSha256);

impl Prf {
    /// `tweak` parts are length-prefixed so that distinct tweaks never collide.
    pub fn new(key: &[u8; 32], tweak: &[&[u8]]) -> Prf {
        let mut mac = hmac(key);
        mac.update(b"fpe");
        mac.update(&[tweak.len() as u8]);
        for part in tweak {
            mac.update(&(part.len() as u32).to_be_bytes());
            mac.update(part);
        }
        Prf(mac)
    }

    fn round(&self, i: u8, b: u128) -> u128 {
        let mut mac = self.0.clone();
        mac.update(&[i]);
        mac.update(&b.to_be_bytes());
        let out = mac.finalize().into_bytes();
        let mut w = [0u8; 16];
        w.copy_from_slice(&out[..16]);
        u128::from_be_bytes(w)
    }
}

/// Permutes `x` in `0..radix^n`. Requires `radix^n` to fit in a `u128` with
/// halves below 2^127 (decimal: n ≤ 36; binary: n ≤ 126).
pub(crate) fn permute(prf: &Prf, radix: u128, n: u32, x: u128) -> u128 {
    let u = n / 2;
    let v = n - u;
    let (mod_u, mod_v) = (radix.pow(u), radix.pow(v));
    // A holds the high u digits, B the low v digits; they swap roles each round.
    let (mut a, mut b) = (x / mod_v, x % mod_v);
    for i in 0..ROUNDS {
        let m = if i % 2 == 0 { mod_u } else { mod_v };
        let c = (a + prf.round(i, b) % m) % m;
        a = b;
        b = c;
    }
    a * mod_v + b
}

/// The inverse of [`permute`]: the rounds undone in reverse order.
pub(crate) fn unpermute(prf: &Prf, radix: u128, n: u32, y: u128) -> u128 {
    let u = n / 2;
    let v = n - u;
    let (mod_u, mod_v) = (radix.pow(u), radix.pow(v));
    let (mut a, mut b) = (y / mod_v, y % mod_v);
    for i in (0..ROUNDS).rev() {
        // Round i took (a, b) to (b, (a + F(b)) mod m).
        let m = if i % 2 == 0 { mod_u } else { mod_v };
        let prev_b = a;
        let prev_a = (b + m - prf.round(i, prev_b) % m) % m;
        a = prev_a;
        b = prev_b;
    }
    a * mod_v + b
}

/// Permutes a string of digit values in place (`forward`) or undoes that, in
/// blocks of up to 36 digits, each under its own tweak (block index and total
/// length added to `tweak`).
pub(crate) fn permute_digits_dir(key: &[u8; 32], tweak: &[u8], digits: &mut [u8], forward: bool) {
    let total = (digits.len() as u32).to_be_bytes();
    for (i, block) in digits.chunks_mut(MAX_DECIMAL_BLOCK).enumerate() {
        let index = (i as u32).to_be_bytes();
        let prf = Prf::new(key, &[b"digits", tweak, &total, &index]);
        let x = block.iter().fold(0u128, |acc, &d| acc * 10 + u128::from(d));
        let mut y = if forward {
            permute(&prf, 10, block.len() as u32, x)
        } else {
            unpermute(&prf, 10, block.len() as u32, x)
        };
        for d in block.iter_mut().rev() {
            *d = (y % 10) as u8;
            y /= 10;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_permutation(radix: u128, n: u32) {
        let prf = Prf::new(&[9; 32], &[b"test"]);
        let size = radix.pow(n) as usize;
        let mut seen = vec![false; size];
        for x in 0..size as u128 {
            let y = permute(&prf, radix, n, x) as usize;
            assert!(y < size, "radix {radix} n {n}: {x} -> {y}");
            assert!(!seen[y], "radix {radix} n {n}: {y} hit twice");
            seen[y] = true;
        }
    }

    #[test]
    fn unpermute_inverts_permute() {
        for n in [1u32, 2, 5, 6, 9, 10, 18, 19, 36] {
            let prf = Prf::new(&[7; 32], &[b"t", &n.to_be_bytes()]);
            let max = 10u128.pow(n);
            for k in 0..200u128 {
                let x = (k * 7_919_000_003 + 12_345) % max;
                assert_eq!(
                    unpermute(&prf, 10, n, permute(&prf, 10, n, x)),
                    x,
                    "n={n} x={x}"
                );
            }
        }
        let mut d = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 0];
        let orig = d;
        permute_digits_dir(&[3; 32], b"x", &mut d, true);
        assert_ne!(d, orig);
        permute_digits_dir(&[3; 32], b"x", &mut d, false);
        assert_eq!(d, orig);
    }

    #[test]
    fn small_domains_are_permuted() {
        for n in 0..=4 {
            is_permutation(10, n);
        }
        for n in [1, 2, 7, 12] {
            is_permutation(2, n);
        }
    }

    #[test]
    fn not_the_identity_and_keyed() {
        let mut a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2];
        let orig = a;
        permute_digits_dir(&[1; 32], b"t", &mut a, true);
        assert_ne!(a, orig);
        let mut b = orig;
        permute_digits_dir(&[2; 32], b"t", &mut b, true);
        assert_ne!(a, b);
        let mut c = orig;
        permute_digits_dir(&[1; 32], b"u", &mut c, true);
        assert_ne!(a, c, "tweak must matter");
        let mut again = orig;
        permute_digits_dir(&[1; 32], b"t", &mut again, true);
        assert_eq!(a, again);
    }

    #[test]
    fn long_digit_strings() {
        let mut d = [7u8; 60];
        permute_digits_dir(&[3; 32], b"", &mut d, true);
        assert!(d.iter().all(|&x| x < 10));
        assert_ne!(d, [7u8; 60]);
    }
}
