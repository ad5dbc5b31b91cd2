//! The PRF behind `tag` ids: AES-256-CMAC (NIST SP 800-38B) of one whole
//! message, with the key schedule and the two CMAC sub-keys computed once per
//! key and shared (`&self`), so a value costs one AES block per 16 bytes and
//! no copy of the cipher state. The block cipher is the `aes` crate's (AES-NI
//! when the CPU has it); only the mode is written out here, and tests check it
//! against the `cmac` crate.

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes256Enc;
use zeroize::Zeroize;

/// AES-256-CMAC under one key.
pub(crate) struct Cmac {
    /// Zeroized on drop by the `aes` crate (`zeroize` feature).
    cipher: Aes256Enc,
    /// The sub-keys for a complete and for a padded last block.
    k1: [u8; 16],
    k2: [u8; 16],
}

impl Cmac {
    pub(crate) fn new(key: &[u8; 32]) -> Cmac {
        let cipher = Aes256Enc::new(GenericArray::from_slice(key));
        let mut l = [0u8; 16];
        encrypt(&cipher, &mut l);
        let k1 = double(&l);
        let k2 = double(&k1);
        l.zeroize();
        Cmac { cipher, k1, k2 }
    }

    /// The 16-byte tag of `msg`.
    pub(crate) fn mac(&self, msg: &[u8]) -> [u8; 16] {
        // Every block but the last is chained as is; the last is XORed with
        // K1 when complete, padded with 0x80 0x00… and XORed with K2 if not
        // (the empty message is one padded block).
        let full = if msg.is_empty() {
            0
        } else {
            (msg.len() - 1) / 16
        };
        let mut x = [0u8; 16];
        for block in msg[..full * 16].chunks_exact(16) {
            xor(&mut x, block);
            encrypt(&self.cipher, &mut x);
        }
        let rest = &msg[full * 16..];
        let mut last = [0u8; 16];
        last[..rest.len()].copy_from_slice(rest);
        if rest.len() == 16 {
            xor(&mut last, &self.k1);
        } else {
            last[rest.len()] = 0x80;
            xor(&mut last, &self.k2);
        }
        xor(&mut x, &last);
        encrypt(&self.cipher, &mut x);
        x
    }
}

impl Drop for Cmac {
    fn drop(&mut self) {
        self.k1.zeroize();
        self.k2.zeroize();
    }
}

fn encrypt(cipher: &Aes256Enc, block: &mut [u8; 16]) {
    cipher.encrypt_block(GenericArray::from_mut_slice(block));
}

fn xor(x: &mut [u8; 16], y: &[u8]) {
    for (a, b) in x.iter_mut().zip(y) {
        *a ^= b;
    }
}

/// Multiplication by x in GF(2^128) (SP 800-38B's sub-key step): a left
/// shift, and the reduction constant 0x87 when the top bit falls off.
fn double(b: &[u8; 16]) -> [u8; 16] {
    let v = u128::from_be_bytes(*b);
    let r = (v << 1) ^ if v >> 127 == 1 { 0x87 } else { 0 };
    r.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cmac::Mac;

    fn reference(key: &[u8; 32], msg: &[u8]) -> [u8; 16] {
        let mut m = <cmac::Cmac<aes::Aes256> as Mac>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().into()
    }

    #[test]
    fn sp800_38b_aes256_examples() {
        // NIST SP 800-38B, appendix D.3 (CMAC-AES256), examples 9 and 10.
        let key: [u8; 32] = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        let c = Cmac::new(&key);
        assert_eq!(
            c.mac(b"")[..],
            hex::<16>("028962f61b7bf89efc6b551f4667d983")
        );
        let m: [u8; 16] = hex("6bc1bee22e409f96e93d7e117393172a");
        assert_eq!(c.mac(&m)[..], hex::<16>("28a7023f452e8f82bd4bf28d8c37c35c"));
    }

    #[test]
    fn agrees_with_the_cmac_crate_on_every_length() {
        let key: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0x5c);
        let c = Cmac::new(&key);
        let msg: Vec<u8> = (0..200u16).map(|i| (i * 7 + 3) as u8).collect();
        for n in 0..msg.len() {
            assert_eq!(c.mac(&msg[..n]), reference(&key, &msg[..n]), "length {n}");
        }
    }

    fn hex<const N: usize>(s: &str) -> [u8; N] {
        std::array::from_fn(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
    }
}
