//! `mask` mode: keep a little of the value for eyeballing, star out the rest.
//! Whitespace is always kept, so no line is merged.

use obezlik_detect::Label;

use crate::digits::{country_code_len, starts_with_plus};

/// Trailing digits of an identifier that stay readable.
const KEEP_TAIL: usize = 2;

pub(crate) fn mask(label: Label, value: &[u8], out: &mut Vec<u8>) {
    out.reserve(value.len());
    match label {
        Label::Email => email(value, out),
        Label::Ip => ip(value, out),
        l if l.is_digit_identifier() => digits(l, value, out),
        _ => chars(value, out),
    }
}

/// Digits → `*` except the last two (and a phone's country code); layout kept:
/// `+7 (912) 345-67-89` → `+7 (***) ***-**-89`.
fn digits(label: Label, value: &[u8], out: &mut Vec<u8>) {
    let total = value.iter().filter(|b| b.is_ascii_digit()).count();
    let lead = if label == Label::Phone {
        phone_lead(value, total)
    } else {
        0
    };
    let tail_from = total.saturating_sub(KEEP_TAIL);
    let mut i = 0;
    for &b in value {
        if b.is_ascii_digit() {
            out.push(if i < lead || i >= tail_from { b } else { b'*' });
            i += 1;
        } else {
            out.push(b);
        }
    }
}

/// Leading phone digits that identify no one: the country code of a `+`
/// number, or the 7/8 of an 11-digit Russian/Kazakh number.
fn phone_lead(value: &[u8], total: usize) -> usize {
    let mut first = [0u8; 3];
    for (f, b) in first
        .iter_mut()
        .zip(value.iter().filter(|b| b.is_ascii_digit()))
    {
        *f = b - b'0';
    }
    let lead = if starts_with_plus(value) {
        country_code_len(&first[..total.min(3)])
    } else if total == 11 && matches!(first[0], 7 | 8) {
        1
    } else {
        0
    };
    // Never let the kept head and tail meet.
    if lead + KEEP_TAIL >= total {
        0
    } else {
        lead
    }
}

/// `ivan.petrov@mail.ru` → `i**********@mail.ru`.
fn email(value: &[u8], out: &mut Vec<u8>) {
    match memchr::memrchr(b'@', value) {
        Some(at) if at > 0 => {
            let local = &value[..at];
            let first = first_char_len(local);
            out.extend_from_slice(&local[..first]);
            chars(&local[first..], out);
            out.extend_from_slice(&value[at..]);
        }
        _ => chars(value, out),
    }
}

/// Length in bytes of the first character (1 for an invalid byte).
fn first_char_len(s: &[u8]) -> usize {
    s.utf8_chunks()
        .next()
        .and_then(|c| c.valid().chars().next().map(char::len_utf8))
        .unwrap_or(1)
}

/// `10.1.2.3` → `10.*.*.*`, `2001:db8::1` → `2001:*::*`: the first group stays,
/// every later group becomes one `*`, separators (and any whitespace) stay.
fn ip(value: &[u8], out: &mut Vec<u8>) {
    let (mut seen_group, mut in_group, mut keep) = (false, false, false);
    for &b in value {
        if b == b'.' || b == b':' || b.is_ascii_whitespace() {
            out.push(b);
            in_group = false;
            continue;
        }
        if !in_group {
            in_group = true;
            keep = !seen_group;
            seen_group = true;
            if !keep {
                out.push(b'*');
            }
        }
        if keep {
            out.push(b);
        }
    }
}

/// Every character → `*`, whitespace kept.
fn chars(value: &[u8], out: &mut Vec<u8>) {
    for chunk in value.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_whitespace() {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            } else {
                out.push(b'*');
            }
        }
        out.resize(out.len() + chunk.invalid().len(), b'*');
    }
}
