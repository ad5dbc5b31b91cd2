//! `fake` mode: realistic, keyed, deterministic surrogates in the value's own
//! layout.
//!
//! Digit identifiers: the normalised digits split into a kept prefix (type
//! digits that carry no identity), a randomised middle and check digits. The
//! middle goes through the keyed permutation of [`crate::fpe`], tweaked by
//! label, length and kept prefix, so the mapping is injective; check digits
//! are recomputed with `obezlik_detect::checksum`. Where a check value does not
//! exist for some payloads (ИИН), or a payload is not issued in the new scheme
//! (СНИЛС ≤ 001-001-998), the permutation is applied again until it lands on a
//! good payload (cycle walking), which keeps the mapping injective. The digits
//! are then written back into the original layout, separators untouched.
//!
//! | label | kept | randomised | check |
//! |---|---|---|---|
//! | INN 10 / 12 | — | 9 / 10 digits | 1 / 2 digits |
//! | OGRN 13 | type digit | 11 | 1 |
//! | OGRNIP 15 | type digit | 13 | 1 |
//! | SNILS 11 | — | 9 (> 001-001-998) | 2 |
//! | KZ_IIN 12 | — | 11 | 1 |
//! | CARD 13–19 | first digit (payment system) | the rest | Luhn |
//! | ACCOUNT 20 | balance account (5) + currency (3) | 12 | — (needs the БИК) |
//! | PASSPORT | — | all | — |
//! | PHONE | country code + first national digit | the rest | — |
//! | other lengths | — | all | — |

use std::io::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use hmac::Mac;
use obezlik_detect::checksum::{
    inn10_control, inn12_controls, kz_iin_control, luhn_control, ogrn_control, ogrnip_control,
    snils_control,
};
use obezlik_detect::Label;

use crate::digits::{country_code_len, phone_digits, starts_with_plus, Digits};
use crate::fpe::{permute, permute_digits_dir, Prf};
use crate::key::hmac;
use crate::normalize::normalize_with;

/// Cycle-walking bound; each step fails with probability ≤ 1/11 (ИИН) or
/// 0.15 (IPv4), so reaching it does not happen in practice.
const MAX_WALK: usize = 200;

/// Check digits at the end of an identifier.
#[derive(Clone, Copy)]
enum Check {
    None,
    Inn10,
    Inn12,
    Ogrn,
    Ogrnip,
    Snils,
    KzIin,
    Luhn,
}

impl Check {
    fn len(self) -> usize {
        match self {
            Check::None => 0,
            Check::Inn12 | Check::Snils => 2,
            _ => 1,
        }
    }

    /// Writes the check digits into the tail of `d` (its length matches the
    /// label's, see [`plan`]); `false` when the payload can have none.
    fn fill(self, d: &mut [u8]) -> bool {
        let n = d.len();
        match self {
            Check::None => true,
            Check::Inn10 => {
                d[9] = inn10_control(&d[..9]);
                true
            }
            Check::Inn12 => {
                (d[10], d[11]) = inn12_controls(&d[..10]);
                true
            }
            Check::Ogrn => {
                d[12] = ogrn_control(d);
                true
            }
            Check::Ogrnip => {
                d[14] = ogrnip_control(d);
                true
            }
            Check::Snils => {
                let c = snils_control(&d[..9]);
                (d[9], d[10]) = (c / 10, c % 10);
                // Numbers up to 001-001-998 predate check numbers; skip them.
                d[..9].iter().fold(0u32, |a, &x| a * 10 + u32::from(x)) > 1_001_998
            }
            Check::KzIin => match kz_iin_control(&d[..11]) {
                Some(c) => {
                    d[11] = c;
                    true
                }
                None => false,
            },
            Check::Luhn => {
                d[n - 1] = luhn_control(&d[..n - 1]);
                true
            }
        }
    }
}

/// How many leading digits to keep, and which check digits end the number.
fn plan(label: Label, d: &[u8], plus: bool) -> (usize, Check) {
    match (label, d.len()) {
        (Label::Inn, 10) => (0, Check::Inn10),
        (Label::Inn, 12) => (0, Check::Inn12),
        (Label::Ogrn, 13) => (1, Check::Ogrn),
        (Label::Ogrnip, 15) => (1, Check::Ogrnip),
        (Label::Snils, 11) => (0, Check::Snils),
        (Label::KzIin, 12) => (0, Check::KzIin),
        // The issuer prefix (BIN) stays: a fake card is a card of the same
        // payment system, which the detector checks.
        (Label::Card, 13..=19) => (6, Check::Luhn),
        // A passport's series (region and year of issue, which the detector
        // checks) stays; the number changes.
        (Label::Passport, 10) => (4, Check::None),
        (Label::Passport, 9) => (2, Check::None),
        (Label::Account, 20) => (8, Check::None),
        (Label::Phone, _) => (phone_keep(d, plus), Check::None),
        _ => (0, Check::None),
    }
}

/// Country code plus the national number's first digit (9 keeps a Russian
/// mobile a mobile); a local number without code keeps its first digit.
fn phone_keep(d: &[u8], plus: bool) -> usize {
    if d.len() == 11 && d[0] == 7 {
        2
    } else if plus {
        country_code_len(d) + 1
    } else {
        1
    }
}

/// Writes the fake of a digit identifier; `false` (nothing written) when the
/// value has too many digits or none to randomise.
pub(crate) fn digits(key: &[u8; 32], label: Label, value: &[u8], out: &mut Vec<u8>) -> bool {
    digits_with(key, label, value, out, true, 1)
}

/// Format-preserving encryption of a digit identifier (`forward`) or its
/// decryption: the same keyed permutation as [`digits`] under another key,
/// cycle-walked so that check digits stay valid, and its inverse (walk back
/// until the check digits are computable again, which is where the
/// encryption started). `false` (nothing written) when the value has fewer
/// than `min_payload` digits to permute — NIST SP 800-38G asks a domain of at
/// least a million values, so encryption passes 6.
pub(crate) fn digits_with(
    key: &[u8; 32],
    label: Label,
    value: &[u8],
    out: &mut Vec<u8>,
    forward: bool,
    min_payload: usize,
) -> bool {
    let Some(raw) = Digits::of(value) else {
        return false;
    };
    let norm = if label == Label::Phone {
        match phone_digits(value) {
            Some(d) => d,
            None => return false,
        }
    } else {
        raw
    };
    let n = norm.len();
    let (keep, check) = plan(label, norm.as_slice(), starts_with_plus(value));
    let free_end = n - check.len();
    if keep >= free_end || free_end - keep < min_payload {
        return false;
    }

    // Each kept prefix gets its own permutation, so equal tails under
    // different prefixes do not give equal fake tails.
    let mut tweak = [0u8; 2 + 8];
    tweak[0] = label as u8;
    tweak[1] = n as u8;
    tweak[2..2 + keep].copy_from_slice(&norm.as_slice()[..keep]);
    let tweak = &tweak[..2 + keep];

    let mut fake = norm;
    let mut valid = false;
    for _ in 0..MAX_WALK {
        permute_digits_dir(
            key,
            tweak,
            &mut fake.as_mut_slice()[keep..free_end],
            forward,
        );
        if check.fill(fake.as_mut_slice()) {
            valid = true;
            break;
        }
    }
    if !valid {
        return false;
    }

    // Right-align: a phone written without its country code (or with trunk
    // 8) has fewer raw digits than normalised ones. Kept positions copy the
    // raw digit, so `8 912…` stays `8 9…` and `+7 912…` stays `+7 9…`.
    let offset = n - raw.len();
    let fake = fake.as_slice();
    let mut j = 0;
    out.reserve(value.len());
    for &b in value {
        if b.is_ascii_digit() {
            let k = j + offset;
            out.push(if k < keep { b } else { b'0' + fake[k] });
            j += 1;
        } else {
            out.push(b);
        }
    }
    true
}

/// Public mail services whose domain a fake address keeps: they name millions
/// of people, so the domain identifies no one. Anything else → `example.com`.
const PUBLIC_MAIL_DOMAINS: &[&str] = &[
    "mail.ru",
    "bk.ru",
    "list.ru",
    "inbox.ru",
    "internet.ru",
    "yandex.ru",
    "ya.ru",
    "yandex.com",
    "yandex.kz",
    "yandex.by",
    "narod.ru",
    "rambler.ru",
    "ro.ru",
    "lenta.ru",
    "autorambler.ru",
    "myrambler.ru",
    "mail.kz",
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "aol.com",
    "gmx.com",
    "zoho.com",
];

/// `user<8 hex>@domain`: the hex keyed by the normalised address.
pub(crate) fn email(key: &[u8; 32], value: &[u8], out: &mut Vec<u8>) {
    let mut mac = hmac(key);
    mac.update(b"email\0");
    normalize_with(Label::Email, value, &mut |s: &[u8]| mac.update(s));
    let id = mac.finalize().into_bytes();
    out.extend_from_slice(b"user");
    crate::push_hex(out, &id[..4]);
    out.push(b'@');
    let domain = memchr::memrchr(b'@', value).map_or(&b""[..], |at| &value[at + 1..]);
    let kept = PUBLIC_MAIL_DOMAINS
        .iter()
        .find(|d| d.as_bytes().eq_ignore_ascii_case(domain));
    out.extend_from_slice(kept.map_or(&b"example.com"[..], |d| d.as_bytes()));
}

/// IPv4 blocks whose members stay inside them (prefix, length). Everything
/// else is "public" and is permuted among public addresses.
const V4_BLOCKS: [(u32, u32); 14] = [
    (0x0000_0000, 8),  // 0.0.0.0/8 "this network"
    (0x0A00_0000, 8),  // 10.0.0.0/8 private
    (0x6440_0000, 10), // 100.64.0.0/10 carrier-grade NAT
    (0x7F00_0000, 8),  // 127.0.0.0/8 loopback
    (0xA9FE_0000, 16), // 169.254.0.0/16 link-local
    (0xAC10_0000, 12), // 172.16.0.0/12 private
    (0xC000_0000, 24), // 192.0.0.0/24 IETF protocol assignments
    (0xC000_0200, 24), // 192.0.2.0/24 documentation
    (0xC0A8_0000, 16), // 192.168.0.0/16 private
    (0xC612_0000, 15), // 198.18.0.0/15 benchmarking
    (0xC633_6400, 24), // 198.51.100.0/24 documentation
    (0xCB00_7100, 24), // 203.0.113.0/24 documentation
    (0xE000_0000, 4),  // 224.0.0.0/4 multicast
    (0xF000_0000, 4),  // 240.0.0.0/4 reserved, broadcast
];

fn v4_block(a: u32) -> Option<usize> {
    V4_BLOCKS
        .iter()
        .position(|&(net, len)| a & (u32::MAX << (32 - len)) == net)
}

/// IPv4: a keyed permutation that keeps the address class — private stays
/// private in its own block, loopback loopback, public public. IPv6: a keyed
/// address in the documentation prefix 2001:db8::/32. `false` when the value
/// does not parse as an address.
pub(crate) fn ip(key: &[u8; 32], value: &[u8], out: &mut Vec<u8>) -> bool {
    let Ok(s) = std::str::from_utf8(value) else {
        return false;
    };
    if let Ok(a) = s.parse::<Ipv4Addr>() {
        let _ = write!(out, "{}", Ipv4Addr::from(fake_v4(key, u32::from(a))));
        true
    } else if let Ok(a) = s.parse::<Ipv6Addr>() {
        let mut mac = hmac(key);
        mac.update(b"ipv6\0");
        mac.update(&a.octets());
        let h = mac.finalize().into_bytes();
        let mut octets = [0u8; 16];
        octets[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        octets[4..].copy_from_slice(&h[..12]);
        let _ = write!(out, "{}", Ipv6Addr::from(octets));
        true
    } else {
        false
    }
}

fn fake_v4(key: &[u8; 32], a: u32) -> u32 {
    match v4_block(a) {
        Some(i) => {
            let (net, len) = V4_BLOCKS[i];
            let host_bits = 32 - len;
            let prf = Prf::new(key, &[b"ipv4", &[i as u8]]);
            let host = a & !(u32::MAX << host_bits);
            net | permute(&prf, 2, host_bits, u128::from(host)) as u32
        }
        None => {
            // Permute all of IPv4 and walk the cycle until back among public
            // addresses: a bijection of the public set onto itself.
            let prf = Prf::new(key, &[b"ipv4", b"public"]);
            let mut x = a;
            for _ in 0..MAX_WALK {
                x = permute(&prf, 2, 32, u128::from(x)) as u32;
                if v4_block(x).is_none() {
                    return x;
                }
            }
            // Unreachable in practice (0.15^200); stay in a harmless block.
            0x0A00_0000 | (x & 0x00FF_FFFF)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_blocks_classify() {
        let b = |s: &str| v4_block(u32::from(s.parse::<Ipv4Addr>().unwrap()));
        assert_eq!(b("10.1.2.3"), Some(1));
        assert_eq!(b("100.64.0.1"), Some(2));
        assert_eq!(b("100.128.0.1"), None);
        assert_eq!(b("172.31.255.255"), Some(5));
        assert_eq!(b("172.32.0.0"), None);
        assert_eq!(b("192.168.0.1"), Some(8));
        assert_eq!(b("255.255.255.255"), Some(13));
        assert_eq!(b("8.8.8.8"), None);
        assert_eq!(b("77.88.55.242"), None);
    }

    #[test]
    fn v4_class_is_kept() {
        let key = [5u8; 32];
        for (i, &(net, len)) in V4_BLOCKS.iter().enumerate() {
            let f = fake_v4(&key, net | 1);
            assert_eq!(v4_block(f), Some(i), "{net:08x}/{len}");
        }
        for a in [0x0808_0808u32, 0x4D58_37F2, 0x0101_0101] {
            assert_eq!(v4_block(fake_v4(&key, a)), None);
        }
    }
}
