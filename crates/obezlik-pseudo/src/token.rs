//! `encrypt` tokens, `[[LABEL~<base64url(SIV tag ‖ ciphertext)>]]` and, for
//! digit identifiers, `[[LABEL=<format-preserving ciphertext>]]`, and finding
//! them again in free text.

use std::ops::Range;

use aes_siv::siv::Aes256Siv;
use aes_siv::{KeyInit, Tag};
use obezlik_detect::Label;

const OPEN: &[u8] = b"[[";
const SEP: u8 = b'~';
const CLOSE: &[u8] = b"]]";
const TAG_LEN: usize = 16;
/// Associated data binding every token to this scheme (and, next, its label).
const AD: &[u8] = b"obezlik/v1/encrypt";

fn cipher(key: &[u8; 64]) -> Aes256Siv {
    // Built per call: it is a few AES key schedules, and keeps the
    // pseudonymizer `Sync` without locks (SIV methods take `&mut self`).
    Aes256Siv::new(aes_siv::Key::<Aes256Siv>::from_slice(key))
}

/// Appends the token for `value`; `false` (nothing appended) only if the
/// cipher refuses, which it does not for two headers.
pub(crate) fn encrypt_into(key: &[u8; 64], label: Label, value: &[u8], out: &mut Vec<u8>) -> bool {
    let token_start = out.len();
    out.extend_from_slice(OPEN);
    out.extend_from_slice(label.as_str().as_bytes());
    out.push(SEP);
    // Encrypt in place in `out` (tag slot, then the value), then base64 it
    // behind itself and slide it down: no allocation besides `out` growing.
    let raw = out.len();
    out.extend_from_slice(&[0; TAG_LEN]);
    out.extend_from_slice(value);
    let headers = [AD, label.as_str().as_bytes()];
    match cipher(key).encrypt_in_place_detached(headers, &mut out[raw + TAG_LEN..]) {
        Ok(tag) => out[raw..raw + TAG_LEN].copy_from_slice(&tag),
        Err(_) => {
            out.truncate(token_start);
            return false;
        }
    }
    let raw_end = out.len();
    let enc_len = b64_len(raw_end - raw);
    out.resize(raw_end + enc_len, 0);
    let (head, tail) = out.split_at_mut(raw_end);
    b64_encode(&head[raw..], tail);
    out.copy_within(raw_end.., raw);
    out.truncate(raw + enc_len);
    out.extend_from_slice(CLOSE);
    true
}

/// What stands at a `[` in text given to reidentify.
pub(crate) enum Scan {
    /// Not the start of a token.
    NotToken,
    /// `[[LABEL~…]]` spanning `..end`, with the base64 payload at `payload`.
    Token {
        label: Label,
        payload: Range<usize>,
        end: usize,
    },
    /// `[[LABEL=…]]`: a format-preserving encrypted digit identifier, its
    /// text (digits in the original layout) at `value`.
    Digits {
        label: Label,
        value: Range<usize>,
        end: usize,
    },
    /// Starts like a token (`[[LABEL~`) but is not closed properly.
    Unclosed,
}

/// The separator of a format-preserving digit token, `[[INN=7712345678]]`.
pub(crate) const DIGITS_SEP: u8 = b'=';

/// Whether a value may go into a digit token: only digits and the
/// separators of a number's layout, so the token's end is found again.
pub(crate) fn is_digit_layout(value: &[u8]) -> bool {
    value.iter().all(|&b| is_layout(b))
}

/// Bytes a digit identifier's layout may hold (digits and separators).
fn is_layout(b: u8) -> bool {
    b.is_ascii_digit()
        || matches!(
            b,
            b' ' | b'-' | b'(' | b')' | b'+' | b'.' | b'/' | 0xC2 | 0xA0
        )
}

/// Appends `[[LABEL=` + `value` + `]]`.
pub(crate) fn write_digits_token(label: Label, value: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(OPEN);
    out.extend_from_slice(label.as_str().as_bytes());
    out.push(DIGITS_SEP);
    out.extend_from_slice(value);
    out.extend_from_slice(CLOSE);
}

/// Looks for a token starting at `input[i]`.
pub(crate) fn scan_at(input: &[u8], i: usize) -> Scan {
    let rest = &input[i..];
    if !rest.starts_with(OPEN) {
        return Scan::NotToken;
    }
    let after_open = &rest[OPEN.len()..];
    // `[[OGRN~` vs `[[OGRNIP~`: the separator right after the name decides.
    let Some((label, sep)) = Label::ALL.into_iter().find_map(|l| {
        let name = l.as_str().as_bytes();
        let sep = *after_open.get(name.len())?;
        (after_open.starts_with(name)
            && (sep == SEP || (sep == DIGITS_SEP && l.is_digit_identifier())))
        .then_some((l, sep))
    }) else {
        return Scan::NotToken;
    };
    if sep == DIGITS_SEP {
        let start = i + OPEN.len() + label.as_str().len() + 1;
        let len = input[start..].iter().take_while(|&&b| is_layout(b)).count();
        let end = start + len;
        if len == 0 || !input[end..].starts_with(CLOSE) {
            return Scan::Unclosed;
        }
        return Scan::Digits {
            label,
            value: start..end,
            end: end + CLOSE.len(),
        };
    }
    let start = i + OPEN.len() + label.as_str().len() + 1;
    let len = input[start..].iter().take_while(|&&b| is_b64(b)).count();
    let end = start + len;
    if !input[end..].starts_with(CLOSE) {
        return Scan::Unclosed;
    }
    Scan::Token {
        label,
        payload: start..end,
        end: end + CLOSE.len(),
    }
}

/// Decodes and decrypts a token's payload onto `out`; on failure appends
/// nothing and says what is wrong.
pub(crate) fn decrypt_into(
    key: &[u8; 64],
    label: Label,
    payload: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), &'static str> {
    let Some(n) = b64_decoded_len(payload.len()) else {
        return Err("is not valid base64url");
    };
    if n < TAG_LEN {
        return Err("is too short to hold an encrypted value");
    }
    let p = out.len();
    out.resize(p + n, 0);
    if !b64_decode(payload, &mut out[p..]) {
        out.truncate(p);
        return Err("is not valid base64url");
    }
    let tag = Tag::clone_from_slice(&out[p..p + TAG_LEN]);
    let headers = [AD, label.as_str().as_bytes()];
    if cipher(key)
        .decrypt_in_place_detached(headers, &mut out[p + TAG_LEN..], &tag)
        .is_err()
    {
        out.truncate(p);
        return Err(
            "does not authenticate: it was made under another key, or altered \
                    (check --key-file)",
        );
    }
    out.copy_within(p + TAG_LEN.., p);
    out.truncate(p + n - TAG_LEN);
    Ok(())
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn b64_value(b: u8) -> Option<u32> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u32)
}

/// Unpadded base64 length of `n` bytes.
fn b64_len(n: usize) -> usize {
    (n * 4).div_ceil(3)
}

/// Bytes encoded by `m` unpadded base64 characters; `None` for an impossible length.
fn b64_decoded_len(m: usize) -> Option<usize> {
    match m % 4 {
        1 => None,
        r => Some(m / 4 * 3 + r.saturating_sub(1)),
    }
}

/// Encodes `src` into `dst`, which is exactly `b64_len(src.len())` long.
fn b64_encode(src: &[u8], dst: &mut [u8]) {
    for (chunk, o) in src.chunks(3).zip(dst.chunks_mut(4)) {
        let mut n = 0u32;
        for (k, &b) in chunk.iter().enumerate() {
            n |= u32::from(b) << (16 - 8 * k);
        }
        for (k, c) in o.iter_mut().enumerate() {
            *c = B64[(n >> (18 - 6 * k) & 63) as usize];
        }
    }
}

/// Decodes `src` into `dst` (exactly `b64_decoded_len` long); `false` on a
/// character outside the alphabet or non-zero leftover bits (so every byte
/// string has exactly one encoding).
fn b64_decode(src: &[u8], dst: &mut [u8]) -> bool {
    for (chunk, o) in src.chunks(4).zip(dst.chunks_mut(3)) {
        let mut n = 0u32;
        for (k, &c) in chunk.iter().enumerate() {
            let Some(v) = b64_value(c) else {
                return false;
            };
            n |= v << (18 - 6 * k);
        }
        for (k, b) in o.iter_mut().enumerate() {
            *b = (n >> (16 - 8 * k)) as u8;
        }
        let used_bits = 8 * o.len();
        if n & ((1 << (24 - used_bits)) - 1) != 0 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(src: &[u8]) -> String {
        let mut dst = vec![0; b64_len(src.len())];
        b64_encode(src, &mut dst);
        String::from_utf8(dst).unwrap()
    }

    fn dec(s: &str) -> Option<Vec<u8>> {
        let mut dst = vec![0; b64_decoded_len(s.len())?];
        b64_decode(s.as_bytes(), &mut dst).then_some(dst)
    }

    #[test]
    fn base64url_vectors() {
        // RFC 4648 §10 vectors, unpadded.
        for (raw, b64) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(enc(raw.as_bytes()), b64);
            assert_eq!(dec(b64).unwrap(), raw.as_bytes());
        }
        assert_eq!(enc(&[0xfb, 0xff]), "-_8");
        assert_eq!(dec("-_8").unwrap(), [0xfb, 0xff]);
        assert!(dec("Zh").is_none(), "non-zero leftover bits");
        assert!(dec("Z").is_none());
        assert!(dec("Zm9v!").is_none());
        for n in 0..70 {
            let v: Vec<u8> = (0..n as u8).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(dec(&enc(&v)).unwrap(), v);
        }
    }

    #[test]
    fn scan_forms() {
        let t = b"x [[OGRNIP~AAAA]] y";
        match scan_at(t, 2) {
            Scan::Token {
                label,
                payload,
                end,
            } => {
                assert_eq!(label, Label::Ogrnip);
                assert_eq!(&t[payload], b"AAAA");
                assert_eq!(end, 17);
            }
            _ => panic!("expected a token"),
        }
        assert!(matches!(scan_at(b"[[PHONE]]", 0), Scan::NotToken));
        assert!(matches!(scan_at(b"[[FOO~AAAA]]", 0), Scan::NotToken));
        assert!(matches!(scan_at(b"[PHONE~AAAA]]", 0), Scan::NotToken));
        assert!(matches!(scan_at(b"[[PHONE~AA AA]]", 0), Scan::Unclosed));
        assert!(matches!(scan_at(b"[[PHONE~AAAA]", 0), Scan::Unclosed));
    }

    #[test]
    fn round_trip_and_tamper() {
        let key = [4u8; 64];
        for value in [&b""[..], b"a", b"+7 912 345-67-89", b"\xff\x00\n\xfe"] {
            let mut out = b"pre ".to_vec();
            assert!(encrypt_into(&key, Label::Phone, value, &mut out));
            let Scan::Token { label, payload, .. } = scan_at(&out, 4) else {
                panic!("token not found in {out:?}");
            };
            let mut back = Vec::new();
            decrypt_into(&key, label, &out[payload.clone()], &mut back).unwrap();
            assert_eq!(back, value);
            // The label is authenticated: the same payload under another label fails.
            assert!(decrypt_into(&key, Label::Inn, &out[payload.clone()], &mut back).is_err());
            assert!(decrypt_into(&[5u8; 64], label, &out[payload], &mut back).is_err());
        }
    }
}
