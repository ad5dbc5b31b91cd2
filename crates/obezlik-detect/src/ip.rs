//! IPv4 and IPv6 addresses: ranges of octets and groups checked by hand.

use crate::text::{is_hex, is_word};

/// Parses an IPv4 address starting at `i`; returns its end. Octets are 0..=255
/// without leading zeros; a fifth dotted part or a glued letter rejects it
/// (version strings such as `1.2.3.4.5`, `1.2.3.4b`).
pub(crate) fn ipv4_at(hay: &[u8], i: usize) -> Option<usize> {
    let mut p = i;
    for part in 0..4 {
        if part > 0 {
            if hay.get(p) != Some(&b'.') {
                return None;
            }
            p += 1;
        }
        let s = p;
        let mut v: u32 = 0;
        while p < hay.len() && hay[p].is_ascii_digit() && p - s < 4 {
            v = v * 10 + (hay[p] - b'0') as u32;
            p += 1;
        }
        let len = p - s;
        if len == 0 || len > 3 || v > 255 || (len > 1 && hay[s] == b'0') {
            return None;
        }
    }
    match hay.get(p) {
        Some(&b) if is_word(b) => None,
        Some(b'.') if hay.get(p + 1).is_some_and(|b| b.is_ascii_digit()) => None,
        _ => Some(p),
    }
}

/// Finds an IPv6 address around the colon at `colon`; returns `(start, end)`.
/// `hay[from..colon]` must be hex digits and colons, at most 40 bytes (the
/// scanner has already looked at them; `from == colon` is always right): the
/// token's start is sought from there.
pub(crate) fn ipv6_around_from(hay: &[u8], colon: usize, from: usize) -> Option<(usize, usize)> {
    debug_assert!(
        from <= colon
            && colon - from <= 40
            && hay[from..colon].iter().all(|&b| is_hex(b) || b == b':')
    );
    // Extent of the hex-and-colon token.
    let mut s = from;
    // At most 40 bytes back: s > colon - 40, and s > 0.
    let lim = colon.saturating_sub(40);
    while s > lim && (is_hex(hay[s - 1]) || hay[s - 1] == b':') {
        s -= 1;
    }
    if s > 0 && (is_word(hay[s - 1]) || hay[s - 1] == b'.' || hay[s - 1] == b':') {
        return None;
    }
    let mut e = colon;
    while e < hay.len() && e - s < 46 && (is_hex(hay[e]) || hay[e] == b':' || hay[e] == b'.') {
        e += 1;
    }
    // A sentence may end right after the address.
    while e > colon && hay[e - 1] == b'.' {
        e -= 1;
    }
    if e < hay.len() && is_word(hay[e]) {
        return None;
    }
    // A lone trailing colon is punctuation ("from 2001:db8::1: refused").
    if hay[e - 1] == b':' && !(e >= 2 && hay[e - 2] == b':') {
        e -= 1;
    }
    parse_ipv6(&hay[s..e]).then_some((s, e))
}

fn parse_ipv6(t: &[u8]) -> bool {
    if t.len() < 3 {
        return false;
    }
    let mut groups = 0;
    let mut hex_digits = 0;
    let mut compressed = false;
    let mut i = 0;
    if t.starts_with(b"::") {
        compressed = true;
        i = 2;
    } else if t[0] == b':' {
        return false;
    }
    while i < t.len() {
        let s = i;
        while i < t.len() && is_hex(t[i]) {
            i += 1;
        }
        let len = i - s;
        if i < t.len() && t[i] == b'.' {
            // Embedded IPv4 tail, worth two groups.
            return len > 0 && ipv4_at(t, s) == Some(t.len()) && {
                groups += 2;
                hex_digits += 4;
                groups <= 8 && (groups == 8 || compressed) && hex_digits >= 4
            };
        }
        if len == 0 || len > 4 {
            return false;
        }
        groups += 1;
        hex_digits += len;
        if i == t.len() {
            break;
        }
        // t[i] == ':'
        if t.get(i + 1) == Some(&b':') {
            if compressed {
                return false;
            }
            compressed = true;
            i += 2;
            if i == t.len() {
                break;
            }
        } else {
            i += 1;
            if i == t.len() {
                return false;
            }
        }
    }
    // Require real content: "a::b" or "::1" in prose or code is no address.
    let enough = if compressed {
        (2..8).contains(&groups)
    } else {
        groups == 8
    };
    enough && hex_digits >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4() {
        assert_eq!(ipv4_at(b"192.168.1.10 x", 0), Some(12));
        assert_eq!(ipv4_at(b"10.0.0.1:5432", 0), Some(8));
        for bad in [
            "256.1.1.1",
            "1.2.3",
            "01.2.3.4",
            "1.2.3.4.5",
            "120.0.6099.109",
            "1.2.3.4b",
        ] {
            assert_eq!(ipv4_at(bad.as_bytes(), 0), None, "{bad}");
        }
    }

    #[test]
    fn ipv6() {
        for ok in [
            "2a0d:7b85:40e6:88bb:d521:19cd:f02c:5050",
            "2001:db8::1",
            "fe80::1c2a:3bff:fe4d:5e6f",
            "::ffff:192.168.1.1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
        ] {
            assert!(parse_ipv6(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "14:10:44",
            "00:1a:2b:3c:4d:5e",
            "a::b",
            "::1",
            "1:2:3:4:5:6:7:8:9",
            "2001:db8:::1",
            "12345::1",
        ] {
            assert!(!parse_ipv6(bad.as_bytes()), "{bad}");
        }
    }
}
