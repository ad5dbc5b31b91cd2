//! Byte-level helpers: character classes, Cyrillic case folding and UTF-8 steps.
//!
//! Everything here works on raw bytes so the scanner never decodes text it does
//! not need to look at.

const F_DIGIT: u8 = 1;
const F_WORD: u8 = 2;
const F_HEX: u8 = 4;
const F_HEX_OR_COLON: u8 = 8;

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
            f |= F_HEX | F_HEX_OR_COLON;
        }
        if c == b':' {
            f |= F_HEX_OR_COLON;
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
            // `\n`, `\t`, `\r` are JSON escapes; a lone `N` starts a Kazakh
            // passport number (`N12345678`). Neither glues.
            let escape =
                (p2 == b'\\' && matches!(p1, b'n' | b't' | b'r')) || (p1 == b'N' && !is_word(p2));
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
            __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8,
            _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
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
            let w1 = _mm_or_si128(
                _mm_or_si128(d1, within(lower(p1), b'a', b'z')),
                eq(p1, b'_'),
            );
            let w2 = _mm_or_si128(
                _mm_or_si128(d2, within(lower(p2), b'a', b'z')),
                eq(p2, b'_'),
            );
            // `\n`, `\t`, `\r` before a digit are JSON escapes, not glue.
            let escape = _mm_or_si128(
                _mm_and_si128(
                    eq(p2, b'\\'),
                    _mm_or_si128(_mm_or_si128(eq(p1, b'n'), eq(p1, b't')), eq(p1, b'r')),
                ),
                _mm_andnot_si128(w2, eq(p1, b'N')),
            );
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
    (i..end)
        .filter(|&p| is_candidate(hay, p))
        .fold(0, |m, p| m | 1 << (p - i))
}

// Byte classes for the AVX2 candidate mask. Each is a set of high nibbles times
// a set of low nibbles, so `LO[b & 15] & HI[b >> 4]` gives all of them in two
// table lookups (bytes from 0x80 get none).
const CL_DIGIT: u8 = 1;
/// `A`..`O`, `a`..`o`.
const CL_LETTER_A: u8 = 2;
/// `P`..`Z`, `p`..`z`.
const CL_LETTER_P: u8 = 4;
const CL_UNDERSCORE: u8 = 8;
/// `A`..`F`, `a`..`f`.
const CL_HEX_LETTER: u8 = 16;
const CL_DOT: u8 = 32;
const CL_COLON: u8 = 64;
/// `/` or `-`.
const CL_SLASH_DASH: u8 = 128;
/// The classes that make a byte a word byte ([`is_word`]).
const CL_WORD: u8 = CL_DIGIT | CL_LETTER_A | CL_LETTER_P | CL_UNDERSCORE;

/// The class bits of one byte, by definition.
const fn byte_class(b: u8) -> u8 {
    let (hi, lo) = (b >> 4, b & 15);
    let mut c = 0;
    if b.is_ascii_digit() {
        c |= CL_DIGIT;
    }
    if (hi == 4 || hi == 6) && lo >= 1 {
        c |= CL_LETTER_A;
    }
    if (hi == 5 || hi == 7) && lo <= 10 {
        c |= CL_LETTER_P;
    }
    if b == b'_' {
        c |= CL_UNDERSCORE;
    }
    if (hi == 4 || hi == 6) && lo >= 1 && lo <= 6 {
        c |= CL_HEX_LETTER;
    }
    if b == b'.' {
        c |= CL_DOT;
    }
    if b == b':' {
        c |= CL_COLON;
    }
    if b == b'/' || b == b'-' {
        c |= CL_SLASH_DASH;
    }
    c
}

/// The low-nibble (`.0`) and high-nibble (`.1`) tables of [`byte_class`]:
/// the union of the classes of the bytes with that nibble. Because every class
/// is a product of nibble sets, `LO[lo] & HI[hi]` is exactly the byte's class
/// (checked for all bytes by a test).
const CLASS_TABLES: ([u8; 16], [u8; 16]) = {
    let mut lo = [0u8; 16];
    let mut hi = [0u8; 16];
    let mut b = 0;
    while b < 0x80 {
        let c = byte_class(b as u8);
        lo[b & 15] |= c;
        hi[b >> 4] |= c;
        b += 1;
    }
    (lo, hi)
};

/// Indexed by the word classes of the byte two before a digit (`class & 15`):
/// which classes of the byte right before glue the digit to it. A word byte
/// always does; `.` and `:` after a digit (`1.5`, `10:44`); `/` and `-` after
/// a word byte (`/items/42`, `ORD-2023`). JSON escapes are handled apart.
const GLUE_TABLE: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut x = 0;
    while x < 16 {
        let mut g = CL_WORD;
        if x as u8 & CL_DIGIT != 0 {
            g |= CL_DOT | CL_COLON;
        }
        if x != 0 {
            g |= CL_SLASH_DASH;
        }
        t[x] = g;
        x += 1;
    }
    t
};

/// [`candidate_mask_avx2_inline`] as a function of its own, for tests.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(all(target_arch = "x86_64", test))]
#[target_feature(enable = "avx2")]
pub(crate) unsafe fn candidate_mask_avx2(hay: &[u8], i: usize) -> u32 {
    // SAFETY: the caller guarantees AVX2, and this function has it.
    unsafe { candidate_mask_avx2_inline(hay, i) }
}

/// Like [`candidate_mask`] for the 32 bytes from `i` (fewer at the end of
/// `hay`), with AVX2: the same rule ([`is_candidate`]) with the byte classes
/// of [`CLASS_TABLES`], in about a third of the SSE2 steps per byte.
///
/// Tests compare it with the scalar rule; the scan loop uses
/// [`block_masks_avx2`], which computes the same from loads it shares with
/// the SECRET pair mask.
///
/// # Safety
///
/// The CPU must support AVX2, and the caller must be compiled with it
/// (elsewhere the intrinsics would be calls).
#[cfg(all(target_arch = "x86_64", test))]
#[inline(always)]
unsafe fn candidate_mask_avx2_inline(hay: &[u8], i: usize) -> u32 {
    use std::arch::x86_64::_mm256_loadu_si256;
    if i < 2 || i + 32 > hay.len() {
        // The first bytes of `hay` and its tail: two narrow masks.
        return candidate_mask(hay, i) | candidate_mask(hay, i + 16) << 16;
    }
    // SAFETY: the loads read hay[i - 2..i + 32], which the check above keeps
    // in bounds; the caller guarantees AVX2.
    unsafe {
        candidate_bits(
            _mm256_loadu_si256(hay.as_ptr().add(i).cast()),
            _mm256_loadu_si256(hay.as_ptr().add(i - 1).cast()),
            _mm256_loadu_si256(hay.as_ptr().add(i - 2).cast()),
        )
    }
}

/// The candidate bits of 32 bytes `v`, given the bytes one (`p1`) and two
/// (`p2`) before each.
///
/// # Safety
///
/// As [`candidate_mask_avx2_inline`].
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn candidate_bits(
    v: std::arch::x86_64::__m256i,
    p1: std::arch::x86_64::__m256i,
    p2: std::arch::x86_64::__m256i,
) -> u32 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_broadcastsi128_si256,
        _mm256_cmpeq_epi8, _mm256_min_epu8, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
        _mm256_sub_epi8, _mm_loadu_si128,
    };
    // SAFETY: the loads read the 16-byte tables.
    let (lo_table, hi_table, glue_table): (__m256i, __m256i, __m256i) = unsafe {
        (
            _mm256_broadcastsi128_si256(_mm_loadu_si128(CLASS_TABLES.0.as_ptr().cast())),
            _mm256_broadcastsi128_si256(_mm_loadu_si128(CLASS_TABLES.1.as_ptr().cast())),
            _mm256_broadcastsi128_si256(_mm_loadu_si128(GLUE_TABLE.as_ptr().cast())),
        )
    };
    let nibbles = _mm256_set1_epi8(15);
    let zero = _mm256_setzero_si256();
    // Class bits of the byte before and of the one before that. The low-nibble
    // lookup takes the raw byte: from 0x80 on, `vpshufb` gives 0.
    // (A macro, not a closure, so it is surely compiled with AVX2.)
    macro_rules! class {
        ($x:expr) => {
            _mm256_and_si256(
                _mm256_shuffle_epi8(lo_table, $x),
                _mm256_shuffle_epi8(
                    hi_table,
                    _mm256_and_si256(_mm256_srli_epi16($x, 4), nibbles),
                ),
            )
        };
    }
    let c1 = class!(p1);
    let c2 = class!(p2);
    // Not glued: none of the classes that glue (given the byte two before) is
    // the class of the byte before.
    let glue = _mm256_shuffle_epi8(glue_table, _mm256_and_si256(c2, nibbles));
    let mut free = _mm256_cmpeq_epi8(_mm256_and_si256(c1, glue), zero);
    // A lone `N` starts a Kazakh passport number (`N12345678`).
    let n1 = _mm256_cmpeq_epi8(p1, _mm256_set1_epi8(b'N' as i8));
    if _mm256_movemask_epi8(n1) != 0 {
        let word2 = _mm256_and_si256(c2, _mm256_set1_epi8(CL_WORD as i8));
        free = _mm256_or_si256(free, _mm256_and_si256(n1, _mm256_cmpeq_epi8(word2, zero)));
    }
    let backslash2 = _mm256_cmpeq_epi8(p2, _mm256_set1_epi8(b'\\' as i8));
    if _mm256_movemask_epi8(backslash2) != 0 {
        // `\n`, `\t`, `\r` before a digit are JSON escapes, not glue.
        let ntr = _mm256_or_si256(
            _mm256_or_si256(
                _mm256_cmpeq_epi8(p1, _mm256_set1_epi8(b'n' as i8)),
                _mm256_cmpeq_epi8(p1, _mm256_set1_epi8(b't' as i8)),
            ),
            _mm256_cmpeq_epi8(p1, _mm256_set1_epi8(b'r' as i8)),
        );
        free = _mm256_or_si256(free, _mm256_and_si256(backslash2, ntr));
    }
    // Digits are the bytes with (b - '0') as unsigned <= 9.
    let t = _mm256_sub_epi8(v, _mm256_set1_epi8(b'0' as i8));
    let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(t, _mm256_set1_epi8(9)), t);
    let digit_start = _mm256_and_si256(digit, free);
    // A colon after a hex digit or a colon.
    let not_hex1 = _mm256_cmpeq_epi8(
        _mm256_and_si256(
            c1,
            _mm256_set1_epi8((CL_DIGIT | CL_HEX_LETTER | CL_COLON) as i8),
        ),
        zero,
    );
    let colon = _mm256_andnot_si256(not_hex1, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b':' as i8)));
    let at = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'@' as i8));
    _mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(digit_start, colon), at)) as u32
}

/// The candidate masks ([`candidate_mask_avx2_inline`]) and the SECRET pair mask
/// ([`crate::pairs::PairFilter::mask`], from its tables) for the 64 positions from `i`, from one set
/// of loads. Most blocks hold no pair hit: one test of both halves answers
/// for them.
///
/// # Safety
///
/// The CPU must support AVX2, and the caller must be compiled with it (this
/// is inlined there; elsewhere the intrinsics would be calls); `pair_tables`
/// is [`crate::pairs::PairFilter::avx2_tables`].
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) unsafe fn block_masks_avx2(
    hay: &[u8],
    i: usize,
    pair_tables: &[std::arch::x86_64::__m256i; 6],
) -> (u64, u64) {
    if i < 2 || i + 64 > hay.len() {
        // SAFETY: as this function.
        return unsafe { block_masks_padded(hay, i, pair_tables) };
    }
    // SAFETY: hay[i - 2..i + 64] is in bounds (checked above); AVX2 as this function.
    unsafe { block_masks_at(hay.as_ptr().add(i), pair_tables) }
}

/// [`block_masks_avx2`] for the first block and the last, through a padded
/// copy with spaces for the missing bytes (as [`is_candidate`] reads them)
/// rather than byte by byte: a JSON batch scans every string value on its
/// own, so short inputs and tails are common. Bits past the end are cleared;
/// a pair admitted at position 0 is never an anchor's.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline(never)]
unsafe fn block_masks_padded(
    hay: &[u8],
    i: usize,
    pair_tables: &[std::arch::x86_64::__m256i; 6],
) -> (u64, u64) {
    let (buf, keep) = padded_block(hay, i);
    // SAFETY: `buf[0..66]` is what the loads read; AVX2 as this function.
    let (c, p) = unsafe { block_masks_at(buf.as_ptr().add(2), pair_tables) };
    (c & keep, p & keep)
}

/// The 64 bytes from `i` (fewer at the end of `hay`) and the two before
/// (fewer at its start), in a buffer padded with spaces (as
/// [`is_candidate`] reads missing bytes); and the mask of the positions that
/// are in `hay`. For the block masks of the first and last blocks.
#[inline(always)]
pub(crate) fn padded_block(hay: &[u8], i: usize) -> ([u8; 2 + 64], u64) {
    let mut buf = [b' '; 2 + 64];
    let n = (hay.len() - i).min(64);
    let before = i.min(2);
    buf[2 - before..2].copy_from_slice(&hay[i - before..i]);
    buf[2..2 + n].copy_from_slice(&hay[i..i + n]);
    (buf, if n == 64 { !0 } else { (1u64 << n) - 1 })
}

/// The masks of the 64 bytes at `at`.
///
/// # Safety
///
/// AVX2 as [`block_masks_avx2`]; `at - 2..at + 64` must be readable.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn block_masks_at(
    at: *const u8,
    pair_tables: &[std::arch::x86_64::__m256i; 6],
) -> (u64, u64) {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8,
        _mm256_srli_epi16, _mm256_testz_si256,
    };
    // SAFETY: the caller keeps at - 2..at + 64 readable.
    let (v0, p10, p20, v1, p11, p21): (__m256i, __m256i, __m256i, __m256i, __m256i, __m256i) = unsafe {
        (
            _mm256_loadu_si256(at.cast()),
            _mm256_loadu_si256(at.sub(1).cast()),
            _mm256_loadu_si256(at.sub(2).cast()),
            _mm256_loadu_si256(at.add(32).cast()),
            _mm256_loadu_si256(at.add(31).cast()),
            _mm256_loadu_si256(at.add(30).cast()),
        )
    };
    // SAFETY: as this function.
    let candidates = unsafe {
        candidate_bits(v0, p10, p20) as u64 | (candidate_bits(v1, p11, p21) as u64) << 32
    };
    // The pair (byte before, byte): bucket bits of each by nibbles, the low
    // nibble masked as bytes from 0x80 on (Cyrillic) take part. (A macro, not
    // a closure, so it is compiled with AVX2.)
    let nibbles = _mm256_set1_epi8(15);
    let t = pair_tables;
    // The byte before the pair narrows the Cyrillic bucket to a bigram.
    macro_rules! pair_bits {
        ($v:expr, $p1:expr, $p2:expr) => {
            _mm256_and_si256(
                _mm256_and_si256(
                    _mm256_and_si256(
                        _mm256_shuffle_epi8(t[0], _mm256_and_si256($p1, nibbles)),
                        _mm256_shuffle_epi8(
                            t[1],
                            _mm256_and_si256(_mm256_srli_epi16($p1, 4), nibbles),
                        ),
                    ),
                    _mm256_and_si256(
                        _mm256_shuffle_epi8(t[2], _mm256_and_si256($v, nibbles)),
                        _mm256_shuffle_epi8(
                            t[3],
                            _mm256_and_si256(_mm256_srli_epi16($v, 4), nibbles),
                        ),
                    ),
                ),
                _mm256_and_si256(
                    _mm256_shuffle_epi8(t[4], _mm256_and_si256($p2, nibbles)),
                    _mm256_shuffle_epi8(t[5], _mm256_and_si256(_mm256_srli_epi16($p2, 4), nibbles)),
                ),
            )
        };
    }
    let (a, b) = (pair_bits!(v0, p10, p20), pair_bits!(v1, p11, p21));
    let any = _mm256_or_si256(a, b);
    if _mm256_testz_si256(any, any) != 0 {
        return (candidates, 0);
    }
    let zero = _mm256_setzero_si256();
    let none_a = _mm256_movemask_epi8(_mm256_cmpeq_epi8(a, zero)) as u32;
    let none_b = _mm256_movemask_epi8(_mm256_cmpeq_epi8(b, zero)) as u32;
    (candidates, !(none_a as u64 | (none_b as u64) << 32))
}

/// Position of the first byte at or after `i` that is not an ASCII digit (or
/// `hay.len()`); sixteen bytes a step with SSE2 on x86-64, so the length of a
/// run costs no branch per digit.
#[inline]
pub(crate) fn skip_digit_bytes(hay: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8,
            _mm_sub_epi8,
        };
        while i + 16 <= hay.len() {
            // SAFETY: SSE2 is part of the x86-64 baseline; the load reads
            // hay[i..i + 16], which the loop condition keeps in bounds.
            let digits = unsafe {
                let t = _mm_sub_epi8(
                    _mm_loadu_si128(hay.as_ptr().add(i).cast()),
                    _mm_set1_epi8(b'0' as i8),
                );
                // Digits are the bytes with (b - '0') as unsigned <= 9.
                _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t)) as u32
            };
            let stop = !digits & 0xFFFF;
            if stop != 0 {
                return i + stop.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    while i < hay.len() && is_digit(hay[i]) {
        i += 1;
    }
    i
}

/// Bit `k` is set when `hay[i + k]` is an ASCII letter, digit or underscore,
/// for the 16 bytes from `i`, and bit `16 + k` when it is `.`, `,` or `-`.
/// The caller keeps `i + 16 <= hay.len()`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn word_and_joiner_mask(hay: &[u8], i: usize) -> u32 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    assert!(i + 16 <= hay.len());
    // SAFETY: SSE2 is part of the x86-64 baseline; the load reads
    // hay[i..i + 16], in bounds by the assertion.
    unsafe {
        let v = _mm_loadu_si128(hay.as_ptr().add(i).cast());
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(0x2F)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(0x3A)),
        );
        let l = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(l, _mm_set1_epi8(0x60)),
            _mm_cmplt_epi8(l, _mm_set1_epi8(0x7B)),
        );
        let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5F));
        let word = _mm_or_si128(_mm_or_si128(digit, letter), under);
        let joiner = _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b',' as i8)),
            ),
            _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8)),
        );
        _mm_movemask_epi8(word) as u32 | (_mm_movemask_epi8(joiner) as u32) << 16
    }
}

/// Position of the first byte at or after `i` that is not an ASCII letter, digit
/// or underscore (or `hay.len()`); sixteen bytes a step with SSE2 on x86-64.
#[inline]
pub(crate) fn skip_word_bytes(hay: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= hay.len() {
        let stop = !word_and_joiner_mask(hay, i) & 0xFFFF;
        if stop != 0 {
            return i + stop.trailing_zeros() as usize;
        }
        i += 16;
    }
    while i < hay.len() && is_word(hay[i]) {
        i += 1;
    }
    i
}

/// Position of the first byte at or after `i` that is neither a word byte (see
/// [`skip_word_bytes`]) nor a `.`, `,` or `-` followed by one: the end of a
/// token such as `1,234.5`, `120.0.6099.109` or a UUID. Sixteen bytes a step
/// with SSE2 on x86-64.
#[inline]
pub(crate) fn skip_numeric_bytes(hay: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    while i + 17 <= hay.len() {
        let m = word_and_joiner_mask(hay, i);
        let word = m & 0xFFFF;
        // Whether the next byte is a word byte, for each of the 16.
        let next_word = word >> 1 | (is_word(hay[i + 16]) as u32) << 15;
        let stop = !(word | (m >> 16 & next_word)) & 0xFFFF;
        if stop != 0 {
            return i + stop.trailing_zeros() as usize;
        }
        i += 16;
    }
    loop {
        while i < hay.len() && is_word(hay[i]) {
            i += 1;
        }
        match hay.get(i) {
            Some(b'.' | b',' | b'-') if hay.get(i + 1).is_some_and(|&c| is_word(c)) => i += 1,
            _ => return i,
        }
    }
}

/// For the 16 bytes before `i` (the caller keeps `i >= 16`): bit `k` of the
/// first mask is set when `hay[i - 16 + k]` is a hex digit, of the second when
/// it is a hex digit or a colon. One SSE2 step on x86-64.
#[inline]
pub(crate) fn hex_masks_before(hay: &[u8], i: usize) -> (u32, u32) {
    let bytes = &hay[i - 16..i];
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8, _mm_sub_epi8,
        };
        // SAFETY: SSE2 is part of the x86-64 baseline; the load reads the 16
        // bytes of `bytes`.
        unsafe {
            let v = _mm_loadu_si128(bytes.as_ptr().cast());
            // `0`..`9` and `:` are 0x30..=0x3A; `a`..`f` with the case bit set.
            let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
            let digit_or_colon = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(10)), t);
            let l = _mm_sub_epi8(
                _mm_or_si128(v, _mm_set1_epi8(0x20)),
                _mm_set1_epi8(b'a' as i8),
            );
            let hex_letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(5)), l);
            let hex_or_colon = _mm_movemask_epi8(_mm_or_si128(digit_or_colon, hex_letter)) as u32;
            let colon = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b':' as i8))) as u32;
            (hex_or_colon & !colon, hex_or_colon)
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        bytes.iter().enumerate().fold((0, 0), |(h, hc), (k, &b)| {
            (
                h | (is_hex(b) as u32) << k,
                hc | (is_hex_or_colon(b) as u32) << k,
            )
        })
    }
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

/// A hex digit or a colon: the bytes of an IPv6 address before any dotted tail.
#[inline]
pub(crate) fn is_hex_or_colon(b: u8) -> bool {
    FLAGS[b as usize] & F_HEX_OR_COLON != 0
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
    if i == 0 {
        return false;
    }
    let p = hay[i - 1];
    if p.is_ascii_alphabetic() {
        // `\n`, `\t`, `\r` in JSON-encoded text are white space, not letters.
        return !(matches!(p, b'n' | b't' | b'r') && i >= 2 && hay[i - 2] == b'\\');
    }
    cyrillic_before(hay, i)
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

/// Seven bits of two bytes that tell the letters of `D0 80`..`D1 BF` apart.
#[inline(always)]
pub(crate) fn pair_index(b: u8, c: u8) -> usize {
    (usize::from(b & 1) << 6) | usize::from(c & 0x3F)
}

/// `pair_index` of a letter → `pair_index` of its folded form (`fold_pair`):
/// the same for both cases, `Ё` and `е`. Other byte pairs land on some value,
/// the same for a pair and its folding, which is all the address rules'
/// `bloom_bit` and [`EdgeLetters`] need.
pub(crate) static FOLDED_PAIR: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = 0xD0 | (i >> 6) as u8;
        let c = 0x80 | (i & 0x3F) as u8;
        let (fb, fc) = match (b, c) {
            (0xD0, 0x90..=0x9F) => (0xD0, c + 0x20),
            (0xD0, 0xA0..=0xAF) => (0xD1, c - 0x20),
            (0xD0, 0x81) | (0xD1, 0x91) => (0xD0, 0xB5),
            (0xD0, 0x80 | 0x82..=0x8F) => (0xD1, c + 0x10),
            _ => (b, c),
        };
        t[i] = (((fb & 1) as usize) << 6 | (fc & 0x3F) as usize) as u8;
        i += 1;
    }
    t
};

/// Whether the bytes `b c` are a Cyrillic letter of the basic block.
#[inline(always)]
pub(crate) fn cyr_pair(b: u8, c: u8) -> bool {
    let v = u16::from_be_bytes([b, c]);
    (0xD081..=0xD0BF).contains(&v) || (0xD180..=0xD191).contains(&v)
}

/// The folded letter (a `FOLDED_PAIR` value, below 128) of two bytes.
#[inline(always)]
pub(crate) fn folded_letter(b: u8, c: u8) -> u8 {
    FOLDED_PAIR[pair_index(b, c)]
}

/// The three letters at one edge (the first three or the last three) of the
/// words of a rule list, folded, in a 16384-bit hash set: a word of the text
/// with three letters at that edge that are not in the set is none of the
/// list's words, told without walking to its other end, folding or hashing
/// it. Only a "no" is certain. A word with fewer than three letters at the
/// edge (`ул`, `г`, `р-н`, `ст-ца`) is always a "maybe", so the list's short
/// and hyphenated words need no entry.
#[derive(Debug)]
pub(crate) struct EdgeLetters {
    bits: Box<[u64; 256]>,
}

impl EdgeLetters {
    /// The set of the first three letters of `words` (folded, UTF-8).
    pub(crate) fn heads<'w>(words: impl Iterator<Item = &'w [u8]>) -> EdgeLetters {
        EdgeLetters::build(
            words
                .filter(|w| w.len() >= 6)
                .map(|w| [0, 2, 4].map(|k| (w[k], w[k + 1]))),
        )
    }

    /// The set of the last three letters of `words` (folded, UTF-8), the
    /// last one first.
    pub(crate) fn tails<'w>(words: impl Iterator<Item = &'w [u8]>) -> EdgeLetters {
        EdgeLetters::build(words.filter(|w| w.len() >= 6).map(|w| {
            let n = w.len();
            [2, 4, 6].map(|k| (w[n - k], w[n - k + 1]))
        }))
    }

    fn build(edges: impl Iterator<Item = [(u8, u8); 3]>) -> EdgeLetters {
        let mut set = EdgeLetters {
            bits: Box::new([0; 256]),
        };
        for [(a0, a1), (b0, b1), (c0, c1)] in edges {
            if let Some(h) = EdgeLetters::bit(a0, a1, b0, b1, c0, c1) {
                set.bits[h / 64] |= 1 << (h % 64);
            }
        }
        set
    }

    /// The bit of three letters (each two bytes); `None` unless all three
    /// are Russian letters (А–я, Ё, ё), which fold among themselves. (The
    /// other capitals `cyr_pair` takes, `Ђ`–`Џ`, fold to `ђ`–`џ`, which it
    /// does not: a word with one goes to the full test.)
    #[inline(always)]
    fn bit(a0: u8, a1: u8, b0: u8, b1: u8, c0: u8, c1: u8) -> Option<usize> {
        let russian = |b: u8, c: u8| {
            matches!(
                (b, c),
                (0xD0, 0x81 | 0x90..=0xBF) | (0xD1, 0x80..=0x8F | 0x91)
            )
        };
        if !(russian(a0, a1) && russian(b0, b1) && russian(c0, c1)) {
            return None;
        }
        let letter = |b, c| u32::from(folded_letter(b, c));
        let key = letter(a0, a1) << 14 | letter(b0, b1) << 7 | letter(c0, c1);
        Some((key.wrapping_mul(0x9E37_79B1) >> 18) as usize)
    }

    #[inline(always)]
    fn holds(&self, a0: u8, a1: u8, b0: u8, b1: u8, c0: u8, c1: u8) -> bool {
        match EdgeLetters::bit(a0, a1, b0, b1, c0, c1) {
            Some(h) => self.bits[h / 64] >> (h % 64) & 1 == 1,
            None => true,
        }
    }

    /// Whether the word starting at `s` (and ending by `end`) may be one of a
    /// [`heads`](Self::heads) set.
    #[inline(always)]
    pub(crate) fn may_start(&self, hay: &[u8], s: usize, end: usize) -> bool {
        let Some(w) = hay.get(s..s + 6).filter(|_| s + 6 <= end) else {
            return true;
        };
        self.holds(w[0], w[1], w[2], w[3], w[4], w[5])
    }

    /// Whether the word ending at `e` (and starting at `lo` or later) may be
    /// one of a [`tails`](Self::tails) set.
    #[inline(always)]
    pub(crate) fn may_end(&self, hay: &[u8], e: usize, lo: usize) -> bool {
        if e < lo + 6 || e > hay.len() {
            return true;
        }
        let w = &hay[e - 6..e];
        self.holds(w[4], w[5], w[2], w[3], w[0], w[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_pair_agrees_with_fold_pair() {
        for b in [0xD0u8, 0xD1] {
            for c in 0x80u8..=0xBF {
                let (fb, fc) = fold_pair(b, c);
                assert_eq!(
                    usize::from(FOLDED_PAIR[pair_index(b, c)]),
                    pair_index(fb, fc),
                    "{b:02X} {c:02X}"
                );
            }
        }
    }

    #[test]
    fn edge_letters_never_turn_away_a_listed_word() {
        let list = [
            "ул",
            "улица",
            "г",
            "р-н",
            "а/я",
            "пр-т",
            "область",
            "name",
            "елка",
        ];
        let heads = EdgeLetters::heads(list.iter().map(|w| w.as_bytes()));
        let tails = EdgeLetters::tails(list.iter().map(|w| w.as_bytes()));
        for w in list {
            // Any case, `ё` for `е`, with a dot or a number after.
            let upper = w.to_uppercase();
            let yo = w.replacen('е', "ё", 1);
            for text in [w.to_string(), upper.clone(), format!("{upper}. 5"), yo] {
                let t = text.as_bytes();
                let e = t.len() - if text.ends_with(". 5") { 3 } else { 0 };
                assert!(heads.may_start(t, 0, e), "{text}");
                assert!(heads.may_start(t, 0, t.len()), "{text}");
                assert!(tails.may_end(t, e, 0), "{text}");
            }
        }
        // Words with three letters no listed word starts or ends with.
        for w in ["запрос", "Ответ", "клиент", "сервер", "спрашивает"]
        {
            assert!(!heads.may_start(w.as_bytes(), 0, w.len()), "{w}");
        }
        for w in ["запрос", "ответ", "сервер", "модель"] {
            assert!(!tails.may_end(w.as_bytes(), w.len(), 0), "{w}");
        }
        // Fewer than three letters at the edge: always a "maybe".
        for w in ["ум", "я", "ст-ца", "ab", "жк.", "x"] {
            assert!(heads.may_start(w.as_bytes(), 0, w.len()), "{w}");
            assert!(tails.may_end(w.as_bytes(), w.len(), 0), "{w}");
        }
        // Letters beyond Russian (`І`, `ї`, `Ў`) at the edge: always a "maybe",
        // however the set was built.
        let ukrainian = EdgeLetters::heads(["віл".as_bytes()].into_iter());
        for w in ["ВІЛ", "віл", "ЇЖА", "ЎЎЎ"] {
            assert!(ukrainian.may_start(w.as_bytes(), 0, w.len()), "{w}");
            assert!(ukrainian.may_end(w.as_bytes(), w.len(), 0), "{w}");
        }
        // Bounds: the word's own end and the line start.
        assert!(heads.may_start("запрос".as_bytes(), 0, 4));
        assert!(tails.may_end("запрос".as_bytes(), 12, 8));
    }

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
        let alphabet = b"0123456789abfxnrtT_.:/-\\@ +,\"\n\xd0\x98AFGNZ`{[\x7f";
        let mut rng = crate::testdata::Xorshift(0x2545_F491);
        for _ in 0..2000 {
            let len = 1 + (rng.0 % 70) as usize;
            let hay: Vec<u8> = (0..len).map(|_| rng.pick(alphabet)).collect();
            let scalar: Vec<usize> = (0..hay.len()).filter(|&p| is_candidate(&hay, p)).collect();
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                for start in 0..hay.len() {
                    // SAFETY: AVX2 is available, checked just above.
                    let m = unsafe { candidate_mask_avx2(&hay, start) };
                    for k in 0..32 {
                        let want = start + k < hay.len() && is_candidate(&hay, start + k);
                        assert_eq!(
                            m >> k & 1 != 0,
                            want,
                            "avx2 at {}: {:?}",
                            start + k,
                            String::from_utf8_lossy(&hay)
                        );
                    }
                }
            }
            let mut simd = Vec::new();
            for start in 0..hay.len() {
                let m = candidate_mask(&hay, start);
                // Compare each block's first bit; together they cover every position.
                if m & 1 != 0 {
                    simd.push(start);
                }
                for k in 0..16 {
                    assert_eq!(
                        m >> k & 1 != 0,
                        start + k < hay.len() && is_candidate(&hay, start + k)
                    );
                }
            }
            assert_eq!(simd, scalar, "{:?}", String::from_utf8_lossy(&hay));
        }
    }

    #[test]
    fn class_tables_are_exact() {
        let (lo, hi) = CLASS_TABLES;
        for b in 0..=255u8 {
            let from_tables = if b < 0x80 {
                lo[(b & 15) as usize] & hi[(b >> 4) as usize]
            } else {
                0
            };
            assert_eq!(from_tables, byte_class(b), "byte {b:#04x}");
            assert_eq!(byte_class(b) & CL_WORD != 0, is_word(b), "byte {b:#04x}");
            assert_eq!(
                byte_class(b) & (CL_DIGIT | CL_HEX_LETTER) != 0,
                is_hex(b),
                "byte {b:#04x}"
            );
        }
    }

    #[test]
    fn hex_masks_match_the_flags() {
        let hay: Vec<u8> = (0..=255u8)
            .chain(b"0123456789:abcdefABCDEFgG:".iter().copied())
            .collect();
        for i in 16..=hay.len() {
            let (hex, hex_or_colon) = hex_masks_before(&hay, i);
            for k in 0..16 {
                let b = hay[i - 16 + k];
                assert_eq!(hex >> k & 1 != 0, is_hex(b), "{b:#04x}");
                assert_eq!(hex_or_colon >> k & 1 != 0, is_hex_or_colon(b), "{b:#04x}");
            }
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
