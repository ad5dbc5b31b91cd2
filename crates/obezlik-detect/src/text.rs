//! Byte-level helpers: character classes, Cyrillic case folding and UTF-8 steps.
//!
//! Everything here works on raw bytes so the scanner never decodes text it does
//! not need to look at.

/// Byte classes for the scanner's hot loop: anything else is skipped in one step.
pub(crate) const C_NONE: u8 = 0;
pub(crate) const C_DIGIT: u8 = 1;
pub(crate) const C_AT: u8 = 2;
pub(crate) const C_COLON: u8 = 3;

pub(crate) static TRIGGER: [u8; 256] = {
    let mut t = [C_NONE; 256];
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] = C_DIGIT;
        b += 1;
    }
    t[b'@' as usize] = C_AT;
    t[b':' as usize] = C_COLON;
    t
};

const F_DIGIT: u8 = 1;
const F_WORD: u8 = 2;
const F_HEX: u8 = 4;

/// Per-byte flags, so each class test is one load.
static FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let mut f = 0;
        if c.is_ascii_digit() {
            f |= F_DIGIT | F_WORD | F_HEX;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            f |= F_WORD;
        }
        if c.is_ascii_hexdigit() {
            f |= F_HEX;
        }
        t[b] = f;
        b += 1;
    }
    t
};

/// Whether position `p` can start a finding: an `@`, a `:` after a hex digit or
/// a colon (IPv6), or the first digit of a run that is not glued to the token
/// before it (`abc123`, `ORD-2023`, `/items/42`, `1.5`, `10:44` are glued; a
/// JSON escape such as `\n` before the digit is not).
#[inline]
pub(crate) fn is_candidate(hay: &[u8], p: usize) -> bool {
    let b = hay[p];
    let p1 = if p >= 1 { hay[p - 1] } else { b' ' };
    let p2 = if p >= 2 { hay[p - 2] } else { b' ' };
    match b {
        b'@' => true,
        b':' => is_hex(p1) || p1 == b':',
        b'0'..=b'9' => {
            let escape = p2 == b'\\' && matches!(p1, b'n' | b't' | b'r');
            !(is_digit(p1)
                || (is_word(p1) && !escape)
                || (matches!(p1, b'.' | b':') && is_digit(p2))
                || (matches!(p1, b'/' | b'-') && is_word(p2)))
        }
        _ => false,
    }
}

/// Bit `k` is set when `hay[i + k]` is a candidate (see [`is_candidate`]), for
/// the 16 bytes from `i` (fewer at the end of `hay`). SSE2 on x86-64: most
/// digits of a log (inside hashes, UUIDs, times, decimals, paths) never reach
/// the scanner.
#[inline]
pub(crate) fn candidate_mask(hay: &[u8], i: usize) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if i >= 2 && i + 16 <= hay.len() {
        use std::arch::x86_64::{
            __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
            _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86-64 baseline; the loads read
        // hay[i - 2..i + 16], which the condition above keeps in bounds.
        unsafe {
            let within = |v: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8((lo - 1) as i8)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8((hi + 1) as i8)),
                )
            };
            let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let lower = |v: __m128i| _mm_or_si128(v, _mm_set1_epi8(0x20));
            let v = _mm_loadu_si128(hay.as_ptr().add(i).cast());
            let p1 = _mm_loadu_si128(hay.as_ptr().add(i - 1).cast());
            let p2 = _mm_loadu_si128(hay.as_ptr().add(i - 2).cast());
            let d1 = within(p1, b'0', b'9');
            let d2 = within(p2, b'0', b'9');
            let w1 = _mm_or_si128(_mm_or_si128(d1, within(lower(p1), b'a', b'z')), eq(p1, b'_'));
            let w2 = _mm_or_si128(_mm_or_si128(d2, within(lower(p2), b'a', b'z')), eq(p2, b'_'));
            // `\n`, `\t`, `\r` before a digit are JSON escapes, not glue.
            let escape = _mm_and_si128(eq(p2, b'\\'), _mm_or_si128(_mm_or_si128(eq(p1, b'n'), eq(p1, b't')), eq(p1, b'r')));
            let glued = _mm_or_si128(
                _mm_or_si128(_mm_andnot_si128(escape, w1), d1),
                _mm_or_si128(
                    _mm_and_si128(_mm_or_si128(eq(p1, b'.'), eq(p1, b':')), d2),
                    _mm_and_si128(_mm_or_si128(eq(p1, b'/'), eq(p1, b'-')), w2),
                ),
            );
            let digit_start = _mm_andnot_si128(glued, within(v, b'0', b'9'));
            let hex1 = _mm_or_si128(d1, within(lower(p1), b'a', b'f'));
            let colon = _mm_and_si128(eq(v, b':'), _mm_or_si128(hex1, eq(p1, b':')));
            let m = _mm_or_si128(_mm_or_si128(digit_start, colon), eq(v, b'@'));
            return _mm_movemask_epi8(m) as u32;
        }
    }
    let end = hay.len().min(i + 16);
    (i..end).filter(|&p| is_candidate(hay, p)).fold(0, |m, p| m | 1 << (p - i))
}

/// Position of the first byte at or after `i` that is not an ASCII letter, digit
/// or underscore (or `hay.len()`); sixteen bytes a step with SSE2 on x86-64.
#[inline]
pub(crate) fn skip_word_bytes(hay: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86-64 baseline; every load reads
        // hay[i..i + 16], which the loop condition keeps in bounds.
        unsafe {
            while i + 16 <= hay.len() {
                let v = _mm_loadu_si128(hay.as_ptr().add(i).cast());
                let digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x2F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x3A)));
                let l = _mm_or_si128(v, _mm_set1_epi8(0x20));
                let letter = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(l, _mm_set1_epi8(0x7B)));
                let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5F));
                let word = _mm_or_si128(_mm_or_si128(digit, letter), under);
                let bits = !(_mm_movemask_epi8(word) as u32) & 0xFFFF;
                if bits != 0 {
                    return i + bits.trailing_zeros() as usize;
                }
                i += 16;
            }
        }
    }
    while i < hay.len() && is_word(hay[i]) {
        i += 1;
    }
    i
}

#[inline]
pub(crate) fn is_digit(b: u8) -> bool {
    FLAGS[b as usize] & F_DIGIT != 0
}

/// ASCII letter, digit or underscore: bytes that glue a digit run into a longer token.
#[inline]
pub(crate) fn is_word(b: u8) -> bool {
    FLAGS[b as usize] & F_WORD != 0
}

#[inline]
pub(crate) fn is_hex(b: u8) -> bool {
    FLAGS[b as usize] & F_HEX != 0
}

/// Whether the two bytes `hay[i-2..i]` end a Cyrillic letter (U+0400..U+04FF).
#[inline]
pub(crate) fn cyrillic_before(hay: &[u8], i: usize) -> bool {
    i >= 2 && matches!(hay[i - 2], 0xD0..=0xD3) && (0x80..=0xBF).contains(&hay[i - 1])
}

/// Whether a Cyrillic letter starts at `hay[i]`.
#[inline]
pub(crate) fn cyrillic_at(hay: &[u8], i: usize) -> bool {
    i + 1 < hay.len() && matches!(hay[i], 0xD0..=0xD3) && (0x80..=0xBF).contains(&hay[i + 1])
}

/// Whether the character ending just before `i` is a letter (ASCII or Cyrillic).
#[inline]
pub(crate) fn letter_before(hay: &[u8], i: usize) -> bool {
    i > 0 && (hay[i - 1].is_ascii_alphabetic() || cyrillic_before(hay, i))
}

/// Whether a letter (ASCII or Cyrillic) starts at `i`.
#[inline]
pub(crate) fn letter_at(hay: &[u8], i: usize) -> bool {
    i < hay.len() && (hay[i].is_ascii_alphabetic() || cyrillic_at(hay, i))
}

/// Folds one two-byte UTF-8 character (lead byte `b`, continuation `c`) like
/// [`fold_in_place`].
#[inline]
pub(crate) fn fold_pair(b: u8, c: u8) -> (u8, u8) {
    match (b, c) {
        (0xD0, 0x90..=0x9F) => (0xD0, c + 0x20),
        (0xD0, 0xA0..=0xAF) => (0xD1, c - 0x20),
        (0xD0, 0x81) | (0xD1, 0x91) => (0xD0, 0xB5),
        (0xD0, 0x80 | 0x82..=0x8F) => (0xD1, c + 0x10),
        _ => (b, c),
    }
}

/// Lower-cases ASCII and Cyrillic (А-Я, Ё and the Ukrainian/Kazakh letters of the
/// U+0400 block) in place, keeping the byte length; ё folds to е.
pub(crate) fn fold_in_place(buf: &mut [u8]) {
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        if b < 0x80 {
            buf[i] = b.to_ascii_lowercase();
            i += 1;
            continue;
        }
        if b == 0xD0 && i + 1 < buf.len() {
            let c = buf[i + 1];
            match c {
                // А..П -> а..п
                0x90..=0x9F => buf[i + 1] = c + 0x20,
                // Р..Я -> р..я
                0xA0..=0xAF => {
                    buf[i] = 0xD1;
                    buf[i + 1] = c - 0x20;
                }
                // Ё -> е
                0x81 => buf[i + 1] = 0xB5,
                // Ѐ..Џ (except Ё) -> ѐ..џ
                0x80 | 0x82..=0x8F => {
                    buf[i] = 0xD1;
                    buf[i + 1] = c + 0x10;
                }
                _ => {}
            }
            i += 2;
            continue;
        }
        if b == 0xD1 && i + 1 < buf.len() && buf[i + 1] == 0x91 {
            // ё -> е
            buf[i] = 0xD0;
            buf[i + 1] = 0xB5;
            i += 2;
            continue;
        }
        i += 1;
    }
}

/// Start of the UTF-8 character that ends at `i` (exclusive), or `None` at 0.
#[inline]
pub(crate) fn prev_char_start(hay: &[u8], i: usize) -> Option<usize> {
    if i == 0 {
        return None;
    }
    let mut j = i - 1;
    let lim = i.saturating_sub(4);
    while j > lim && (hay[j] & 0xC0) == 0x80 {
        j -= 1;
    }
    Some(j)
}

/// Decodes the UTF-8 character at `i`: (char, length); invalid bytes give `None`.
#[inline]
pub(crate) fn char_at(hay: &[u8], i: usize) -> Option<(char, usize)> {
    let b = *hay.get(i)?;
    let len = match b {
        0x00..=0x7F => return Some((b as char, 1)),
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let s = hay.get(i..i + len)?;
    let c = std::str::from_utf8(s).ok()?.chars().next()?;
    Some((c, len))
}

/// Whether the bytes at `i` are a separator that may stand inside one written
/// number (space, hyphen, brackets, no-break and thin spaces): returns its length.
#[inline]
pub(crate) fn number_separator_at(hay: &[u8], i: usize) -> usize {
    match hay.get(i) {
        Some(b' ' | b'-' | b'(' | b')') => 1,
        Some(0xC2) if hay.get(i + 1) == Some(&0xA0) => 2,
        // U+2009 thin space, U+202F narrow no-break space, U+2011 non-breaking hyphen
        Some(0xE2)
            if hay.get(i + 1) == Some(&0x80)
                && matches!(hay.get(i + 2), Some(0x89 | 0xAF | 0x91)) =>
        {
            3
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_length_and_lowers_cyrillic() {
        let mut s = "ИНН Ёлка СНИЛС Phone Ѓ".as_bytes().to_vec();
        let n = s.len();
        fold_in_place(&mut s);
        assert_eq!(s.len(), n);
        assert_eq!(std::str::from_utf8(&s).unwrap(), "инн елка снилс phone ѓ");
    }

    #[test]
    fn simd_candidates_match_the_scalar_rule() {
        // Every byte that matters to the rule, in pseudo-random mixes.
        let alphabet = b"0123456789abfxnrtT_.:/-\\@ +,\"\n\xd0\x98";
        let mut state = 0x2545_F491_u64;
        for _ in 0..2000 {
            let len = 1 + (state % 70) as usize;
            let hay: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            let scalar: Vec<usize> = (0..hay.len()).filter(|&p| is_candidate(&hay, p)).collect();
            let mut simd = Vec::new();
            for start in 0..hay.len() {
                let m = candidate_mask(&hay, start);
                // Compare each block's first bit; together they cover every position.
                if m & 1 != 0 {
                    simd.push(start);
                }
                for k in 0..16 {
                    assert_eq!(m >> k & 1 != 0, start + k < hay.len() && is_candidate(&hay, start + k));
                }
            }
            assert_eq!(simd, scalar, "{:?}", String::from_utf8_lossy(&hay));
        }
    }

    #[test]
    fn separators() {
        assert_eq!(number_separator_at(b" 1", 0), 1);
        assert_eq!(number_separator_at("\u{a0}1".as_bytes(), 0), 2);
        assert_eq!(number_separator_at("\u{202f}1".as_bytes(), 0), 3);
        assert_eq!(number_separator_at(b"/1", 0), 0);
    }
}
