//! Phone-number plausibility: calling codes and Russian/Kazakh national codes.

/// Length of the ITU calling code at the start of `d` (digit values), or 0.
pub(crate) fn calling_code_len(d: &[u8]) -> usize {
    if d.is_empty() {
        return 0;
    }
    if d[0] == 1 || d[0] == 7 {
        return 1;
    }
    if d.len() < 2 {
        return 0;
    }
    let two = d[0] * 10 + d[1];
    const TWO: &[u8] = &[
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55,
        56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ];
    if TWO.contains(&two) {
        return 2;
    }
    if d.len() < 3 {
        return 0;
    }
    let three = two as u16 * 10 + d[2] as u16;
    let ok = matches!(three,
        211..=218 | 220..=258 | 260..=269 | 290..=299 | 350..=359 | 370..=389 | 420..=423
        | 500..=509 | 590..=599 | 670..=692 | 850..=856 | 880..=886 | 960..=977 | 992..=998);
    if ok {
        3
    } else {
        0
    }
}

/// Whether a 10-digit national number after +7/8 starts with a code in use:
/// Russia 3xx, 4xx, 8xx (geographic and toll-free) and 9xx (mobile), Kazakhstan 7xx.
pub(crate) fn ru_kz_national_ok(national: &[u8]) -> bool {
    national.len() == 10 && matches!(national[0], 3 | 4 | 7 | 8 | 9)
}

/// Whether `d` (digit values, written after a `+`) is a plausible international number.
pub(crate) fn international_ok(d: &[u8]) -> bool {
    if d.first() == Some(&7) {
        return d.len() == 11 && ru_kz_national_ok(&d[1..]);
    }
    let cc = calling_code_len(d);
    cc > 0 && (8..=15).contains(&d.len()) && d.len() - cc >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<u8> {
        s.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn international_numbers() {
        for ok in [
            "79123456789",
            "375291234567",
            "493012345678",
            "14155552671",
            "998901234567",
            "77011234567",
        ] {
            assert!(international_ok(&v(ok)), "{ok}");
        }
        for bad in [
            "71123456789",
            "7912345678",
            "0123456789",
            "2812345678",
            "3751",
        ] {
            assert!(!international_ok(&v(bad)), "{bad}");
        }
    }
}
