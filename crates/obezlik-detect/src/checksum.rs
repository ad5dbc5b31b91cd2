//! Check digits of Russian and Kazakh identifiers, from the official algorithms.
//!
//! Every function takes digit *values* (`0..=9`), not ASCII bytes, so callers can
//! validate a number whatever separators it was written with. `*_control`
//! functions compute the check digit(s) of a payload (used to validate and to
//! generate valid surrogates); `*_valid` functions check a whole number.

/// ИНН-10 (organisations): weights 2,4,10,3,5,9,4,6,8 over the first 9 digits,
/// sum mod 11 mod 10 (ФНС order ММ-3-09/536).
pub fn inn10_control(d: &[u8]) -> u8 {
    const W: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    (weighted(d, &W) % 11 % 10) as u8
}

/// ИНН-12 (individuals): two check digits, the first over 10 digits with weights
/// 7,2,4,10,3,5,9,4,6,8, the second over 11 digits with weights 3,7,2,4,10,3,5,9,4,6,8.
pub fn inn12_controls(d: &[u8]) -> (u8, u8) {
    const W1: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W2: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let c1 = (weighted(&d[..10], &W1) % 11 % 10) as u8;
    let mut eleven = [0u8; 11];
    eleven[..10].copy_from_slice(&d[..10]);
    eleven[10] = c1;
    let c2 = (weighted(&eleven, &W2) % 11 % 10) as u8;
    (c1, c2)
}

/// Whether `d` (10 or 12 digit values) is a valid ИНН.
#[inline]
pub fn inn_valid(d: &[u8]) -> bool {
    match d.len() {
        10 => inn10_control(&d[..9]) == d[9],
        12 => inn12_controls(&d[..10]) == (d[10], d[11]),
        _ => false,
    }
}

/// ОГРН (13 digits): the first 12 digits as a number, mod 11, then mod 10.
pub fn ogrn_control(d: &[u8]) -> u8 {
    (number_mod(&d[..12], 11) % 10) as u8
}

/// ОГРНИП (15 digits): the first 14 digits as a number, mod 13, last digit of that.
/// (The remainder can be 10, 11 or 12; its last digit is the check digit.)
pub fn ogrnip_control(d: &[u8]) -> u8 {
    (number_mod(&d[..14], 13) % 10) as u8
}

/// Whether `d` (13 digit values) is a valid ОГРН.
pub fn ogrn_valid(d: &[u8]) -> bool {
    d.len() == 13 && ogrn_control(d) == d[12]
}

/// Whether `d` (15 digit values) is a valid ОГРНИП.
pub fn ogrnip_valid(d: &[u8]) -> bool {
    d.len() == 15 && ogrnip_control(d) == d[14]
}

/// СНИЛС check number (two digits, 0..=99) of the first 9 digits: weights 9..1;
/// a sum below 100 is the check number, 100 and 101 give 00, above that the sum
/// mod 101 (and 100 again gives 00).
pub fn snils_control(d: &[u8]) -> u8 {
    const W: [u32; 9] = [9, 8, 7, 6, 5, 4, 3, 2, 1];
    let s = weighted(&d[..9], &W);
    let r = if s < 100 { s } else { s % 101 };
    if r == 100 {
        0
    } else {
        r as u8
    }
}

/// Whether `d` (11 digit values) is a valid СНИЛС. Numbers up to 001-001-998 were
/// issued before check numbers existed and are accepted as they are.
pub fn snils_valid(d: &[u8]) -> bool {
    if d.len() != 11 {
        return false;
    }
    let body = d[..9].iter().fold(0u32, |a, &x| a * 10 + x as u32);
    if body <= 1_001_998 {
        return body > 0;
    }
    snils_control(d) == d[9] * 10 + d[10]
}

/// Kazakhstan ИИН/БИН check digit over the first 11 digits: weights 1..11, mod 11;
/// a remainder of 10 retries with weights 3..11,1,2; a second 10 means the number
/// is never issued (`None`).
pub fn kz_iin_control(d: &[u8]) -> Option<u8> {
    const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let r = weighted(&d[..11], &W1) % 11;
    if r != 10 {
        return Some(r as u8);
    }
    let r = weighted(&d[..11], &W2) % 11;
    if r == 10 {
        None
    } else {
        Some(r as u8)
    }
}

/// Whether `d` (12 digit values) is a valid ИИН/БИН check-digit-wise.
pub fn kz_iin_valid(d: &[u8]) -> bool {
    d.len() == 12 && kz_iin_control(d) == Some(d[11])
}

/// Luhn check digit for a payload (the number without its last digit).
pub fn luhn_control(payload: &[u8]) -> u8 {
    let mut sum = 0u32;
    // The digit next to the check digit is doubled, then every second one leftwards.
    for (i, &x) in payload.iter().rev().enumerate() {
        let mut v = x as u32;
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    ((10 - sum % 10) % 10) as u8
}

/// Whether `d` passes the Luhn check.
pub fn luhn_valid(d: &[u8]) -> bool {
    !d.is_empty() && luhn_control(&d[..d.len() - 1]) == d[d.len() - 1]
}

/// Control key of a 20-digit bank account against a 9-digit БИК (ЦБ РФ 385-П):
/// the 23 digits "БИК part + account" with weights 7,1,3 repeated must sum to a
/// multiple of 10. A correspondent account (30101…) uses "0" + БИК digits 5–6,
/// a settlement account the last three БИК digits.
pub fn account_key_valid(bik: &[u8], account: &[u8]) -> bool {
    if bik.len() != 9 || account.len() != 20 {
        return false;
    }
    let mut buf = [0u8; 23];
    if account[..5] == [3, 0, 1, 0, 1] {
        buf[0] = 0;
        buf[1] = bik[4];
        buf[2] = bik[5];
    } else {
        buf[..3].copy_from_slice(&bik[6..9]);
    }
    buf[3..].copy_from_slice(account);
    const W: [u32; 3] = [7, 1, 3];
    let s: u32 = buf
        .iter()
        .enumerate()
        .map(|(i, &x)| x as u32 * W[i % 3])
        .sum();
    s.is_multiple_of(10)
}

/// Sets the account's key digit (index 8) so that [`account_key_valid`] holds.
pub fn account_set_key(bik: &[u8], account: &mut [u8]) {
    for k in 0..10 {
        account[8] = k;
        if account_key_valid(bik, account) {
            return;
        }
    }
}

fn weighted(d: &[u8], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(&x, &w)| x as u32 * w).sum()
}

fn number_mod(d: &[u8], m: u64) -> u64 {
    d.iter().fold(0u64, |acc, &x| (acc * 10 + x as u64) % m)
}

/// Converts ASCII digits to digit values into `buf`; returns `None` on a non-digit
/// or when `buf` is too small.
pub fn digit_values<'a>(ascii: &[u8], buf: &'a mut [u8]) -> Option<&'a [u8]> {
    if ascii.len() > buf.len() {
        return None;
    }
    for (o, &b) in buf.iter_mut().zip(ascii) {
        if !b.is_ascii_digit() {
            return None;
        }
        *o = b - b'0';
    }
    Some(&buf[..ascii.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<u8> {
        s.bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect()
    }

    // Known-valid numbers of public organisations (ПАО Сбербанк, Яндекс, ФНС examples)
    // and numbers from the sample corpus; each with a one-digit-off twin that must fail.
    #[test]
    fn inn() {
        for ok in [
            "7707083893",
            "7736207543",
            "4369140661",
            "500100732259",
            "721878950410",
            "383858838308",
        ] {
            assert!(inn_valid(&v(ok)), "{ok} should be valid");
        }
        for bad in [
            "7707083894",
            "7736207542",
            "500100732258",
            "500100732269",
            "123456789",
            "12345678901",
        ] {
            assert!(!inn_valid(&v(bad)), "{bad} should be invalid");
        }
    }

    #[test]
    fn ogrn_and_ogrnip() {
        for ok in [
            "1027700132195",
            "1027700229193",
            "1173625499123",
            "1227751401437",
        ] {
            assert!(ogrn_valid(&v(ok)), "{ok}");
        }
        for bad in ["1027700132196", "1027700229190"] {
            assert!(!ogrn_valid(&v(bad)), "{bad}");
        }
        for ok in [
            "304500116000157",
            "325661037646081",
            "305238454582913",
            "322230316615004",
            "314227906343954",
        ] {
            assert!(ogrnip_valid(&v(ok)), "{ok}");
        }
        assert!(!ogrnip_valid(&v("304500116000158")));
    }

    #[test]
    fn ogrnip_remainder_ten_or_more_uses_last_digit() {
        // Find payloads whose remainder mod 13 is 10, 11 and 12: the check digit is 0, 1, 2.
        let mut seen = [false; 3];
        let mut d = v("30450011600015");
        for n in 0..200u32 {
            d[13] = (n % 10) as u8;
            d[12] = ((n / 10) % 10) as u8;
            let r = number_mod(&d, 13);
            if r >= 10 {
                seen[(r - 10) as usize] = true;
                let mut full = d.clone();
                full.push((r - 10) as u8);
                assert!(ogrnip_valid(&full));
            }
        }
        assert_eq!(seen, [true; 3]);
    }

    #[test]
    fn snils() {
        for ok in [
            "112-233-445 95",
            "314-647-411 61",
            "10156941934",
            "324 970 144 74",
            "07651903276",
        ] {
            assert!(snils_valid(&v(ok)), "{ok}");
        }
        for bad in ["112-233-445 96", "314-647-411 60", "00000000000"] {
            assert!(!snils_valid(&v(bad)), "{bad}");
        }
        // Sum exactly 100 or 101 gives 00.
        assert_eq!(snils_control(&v("920000002")), 99);
        assert_eq!(snils_control(&v("920000003")), 0);
        assert_eq!(snils_control(&v("920000004")), 0);
        assert_eq!(snils_control(&v("920000005")), 1);
    }

    #[test]
    fn kz_iin() {
        for ok in [
            "660813333746",
            "891227426754",
            "031251968912",
            "100162905207",
            "911124499345",
        ] {
            assert!(kz_iin_valid(&v(ok)), "{ok}");
        }
        assert!(!kz_iin_valid(&v("660813333747")));
    }

    #[test]
    fn luhn() {
        for ok in [
            "4276368811420603",
            "2200316516128248968",
            "4817 1446 0999 6906",
            "79927398713",
            "2201953243244442",
        ] {
            assert!(luhn_valid(&v(ok)), "{ok}");
        }
        for bad in ["4276368811420604", "79927398710"] {
            assert!(!luhn_valid(&v(bad)), "{bad}");
        }
    }

    #[test]
    fn account_keys() {
        // ПАО Сбербанк: БИК 044525225, к/с 30101810400000000225.
        let bik = v("044525225");
        assert!(account_key_valid(&bik, &v("30101810400000000225")));
        assert!(!account_key_valid(&bik, &v("30101810500000000225")));
        let mut acc = v("40702810000000012345");
        account_set_key(&bik, &mut acc);
        assert!(account_key_valid(&bik, &acc));
        acc[19] = (acc[19] + 1) % 10;
        assert!(!account_key_valid(&bik, &acc));
    }
}
