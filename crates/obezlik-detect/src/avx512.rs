//! The first pass's block masks with AVX-512 (`F`, `BW` and `VBMI`): 64 bytes
//! a step, each byte classed by one 128-entry table lookup (`vpermi2b`)
//! instead of nibble tables, and every test a mask register.
//!
//! The candidate mask is [`crate::text::is_candidate`] less the *quiet runs*
//! ([`crate::number::quiet_run`]): digit runs of one to seven digits between
//! a quiet byte and one that ends the group, which the first digit's visit
//! would settle at once with nothing found (`status=200 `, `user_id=582049 `,
//! `page=28\n` — about half the visits of a log line). A run is dropped only
//! when its end and the byte after it lie in the block; near the block's end
//! it is kept and visited as before. Findings never depend on the mask
//! dropping a run or not: tests compare the three SIMD levels' findings.

use std::arch::x86_64::{
    __m512i, _mm512_and_si512, _mm512_broadcast_i32x4, _mm512_loadu_si512,
    _mm512_maskz_permutex2var_epi8, _mm512_movepi8_mask, _mm512_set1_epi8, _mm512_shuffle_epi8,
    _mm512_srli_epi16, _mm512_test_epi8_mask, _mm_loadu_si128,
};

use crate::number::{AFTER_END, AFTER_SPACE, QUIET_AFTER_SPACE, QUIET_BEFORE, RUN_EDGE_CLASSES};

// The first table's classes: what `is_candidate` asks of a byte and the two
// before it.
const K_DIGIT: u8 = 1;
/// ASCII letter, digit or `_` (`is_word`).
const K_WORD: u8 = 2;
/// `0`-`9`, `a`-`f`, `A`-`F` (`is_hex`).
const K_HEX: u8 = 4;
const K_DOT: u8 = 8;
const K_COLON: u8 = 16;
/// `/` or `-`.
const K_SLASH_DASH: u8 = 32;
const K_AT: u8 = 64;
const K_BACKSLASH: u8 = 128;

// The second table's: the JSON escape letters and the quiet-run edges.
/// `n`, `t`, `r` (after a `\`: an escape, not glue).
const Q_ESCAPE_LETTER: u8 = 1;
const Q_CAPITAL_N: u8 = 2;
/// `QUIET_BEFORE` of `number.rs`.
const Q_BEFORE: u8 = 4;
/// `AFTER_END`.
const Q_END: u8 = 8;
/// `AFTER_SPACE` (the space).
const Q_SPACE: u8 = 16;
/// `QUIET_AFTER_SPACE` but `n` and `N`: after four digits and a space they
/// may start a passport connector (`4508 no 123456`).
const Q_AFTER_SPACE: u8 = 32;

/// The two class tables, for ASCII (bytes from 0x80 on have no class).
const TABLES: ([u8; 128], [u8; 128]) = {
    let mut k = [0u8; 128];
    let mut q = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut x = 0;
        if c.is_ascii_digit() {
            x |= K_DIGIT;
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            x |= K_WORD;
        }
        if c.is_ascii_hexdigit() {
            x |= K_HEX;
        }
        x |= match c {
            b'.' => K_DOT,
            b':' => K_COLON,
            b'/' | b'-' => K_SLASH_DASH,
            b'@' => K_AT,
            b'\\' => K_BACKSLASH,
            _ => 0,
        };
        k[b] = x;
        let edge = RUN_EDGE_CLASSES[b];
        let mut y = match c {
            b'n' | b't' | b'r' => Q_ESCAPE_LETTER,
            b'N' => Q_CAPITAL_N,
            _ => 0,
        };
        if edge & QUIET_BEFORE != 0 {
            y |= Q_BEFORE;
        }
        if edge & AFTER_END != 0 {
            y |= Q_END;
        }
        if edge & AFTER_SPACE != 0 {
            y |= Q_SPACE;
        }
        if edge & QUIET_AFTER_SPACE != 0 && c != b'n' && c != b'N' {
            y |= Q_AFTER_SPACE;
        }
        q[b] = y;
        b += 1;
    }
    (k, q)
};

/// The tables in registers, loaded once per scan.
#[derive(Clone, Copy)]
pub(crate) struct Avx512Tables {
    classes: [__m512i; 2],
    quiet: [__m512i; 2],
    /// The SECRET pair filter's six nibble tables, in every 128-bit lane.
    pairs: [__m512i; 6],
}

impl Avx512Tables {
    /// `pairs` is [`crate::pairs::PairFilter`]'s nibble tables.
    ///
    /// # Safety
    ///
    /// The CPU must support AVX-512 F, BW and VBMI ([`available`]).
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    pub(crate) unsafe fn new(pairs: &[[u8; 16]; 6]) -> Avx512Tables {
        // SAFETY: each load reads 64 bytes of a 128-byte table, or one
        // 16-byte table.
        unsafe {
            let half = |t: &[u8; 128], k: usize| _mm512_loadu_si512(t[64 * k..].as_ptr().cast());
            Avx512Tables {
                classes: [half(&TABLES.0, 0), half(&TABLES.0, 1)],
                quiet: [half(&TABLES.1, 0), half(&TABLES.1, 1)],
                pairs: pairs.map(|t| _mm512_broadcast_i32x4(_mm_loadu_si128(t.as_ptr().cast()))),
            }
        }
    }
}

/// Whether this CPU has what the AVX-512 masks use.
pub(crate) fn available() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512vbmi")
}

/// The candidate mask (less the quiet runs) and the SECRET pair mask of the
/// 64 positions from `i`, as [`crate::text::block_masks_avx2`] gives them
/// (whose first and last blocks go through a padded copy the same way).
///
/// # Safety
///
/// The CPU must support AVX-512 F, BW and VBMI, and the caller must be
/// compiled with them (this is inlined there).
#[inline(always)]
pub(crate) unsafe fn block_masks(hay: &[u8], i: usize, t: &Avx512Tables) -> (u64, u64) {
    if i < 2 || i + 64 > hay.len() {
        // SAFETY: as this function.
        return unsafe { block_masks_padded(hay, i, t) };
    }
    // SAFETY: hay[i - 2..i + 64] is in bounds (checked above); the features
    // as this function.
    unsafe { block_masks_at(hay.as_ptr().add(i), t) }
}

/// [`block_masks`] for the first block and the last.
///
/// # Safety
///
/// As [`Avx512Tables::new`].
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
#[inline(never)]
unsafe fn block_masks_padded(hay: &[u8], i: usize, t: &Avx512Tables) -> (u64, u64) {
    let (buf, keep) = crate::text::padded_block(hay, i);
    // SAFETY: `buf[0..66]` is what the loads read; the features as this function.
    let (c, p) = unsafe { block_masks_at(buf.as_ptr().add(2), t) };
    (c & keep, p & keep)
}

/// The masks of the 64 bytes at `at`.
///
/// # Safety
///
/// As [`block_masks`]; `at - 2..at + 64` must be readable.
#[inline(always)]
unsafe fn block_masks_at(at: *const u8, t: &Avx512Tables) -> (u64, u64) {
    // SAFETY: the caller keeps at - 2..at + 64 readable.
    let (v, p1, p2): (__m512i, __m512i, __m512i) = unsafe {
        (
            _mm512_loadu_si512(at.cast()),
            _mm512_loadu_si512(at.sub(1).cast()),
            _mm512_loadu_si512(at.sub(2).cast()),
        )
    };
    // (Macros, not closures, so they are compiled with the features.)
    // The class byte of each byte: a lookup by its low seven bits, zero from 0x80 on.
    macro_rules! classes {
        ($x:expr, $table:expr) => {
            _mm512_maskz_permutex2var_epi8(!_mm512_movepi8_mask($x), $table[0], $x, $table[1])
        };
    }
    // Bit k: whether byte k has any class of `$bits`.
    macro_rules! has {
        ($c:expr, $bits:expr) => {
            _mm512_test_epi8_mask($c, _mm512_set1_epi8($bits as i8))
        };
    }
    let (c0, c1, c2) = (
        classes!(v, t.classes),
        classes!(p1, t.classes),
        classes!(p2, t.classes),
    );
    let (q0, q1) = (classes!(v, t.quiet), classes!(p1, t.quiet));

    // `is_candidate`, 64 positions at once.
    let digit = has!(c0, K_DIGIT);
    let digit1 = has!(c1, K_DIGIT);
    let digit2 = has!(c2, K_DIGIT);
    let word2 = has!(c2, K_WORD);
    let escape =
        (has!(c2, K_BACKSLASH) & has!(q1, Q_ESCAPE_LETTER)) | (has!(q1, Q_CAPITAL_N) & !word2);
    let glued = digit1
        | (has!(c1, K_WORD) & !escape)
        | (has!(c1, K_DOT | K_COLON) & digit2)
        | (has!(c1, K_SLASH_DASH) & word2);
    let digit_start = digit & !glued;
    let colon = has!(c0, K_COLON) & has!(c1, K_HEX | K_COLON);
    let candidates = digit_start | colon | has!(c0, K_AT);

    // The quiet runs (in most blocks of prose there is no run to look at).
    let quiet = if digit_start == 0 {
        0
    } else {
        // A run's end is the first byte after it: a quiet one ends the
        // group, or a space and a quiet byte after it (bit 63's next byte is
        // not in the block: no end there).
        let ends = !digit
            & digit1
            & (has!(q0, Q_END) | (has!(q0, Q_SPACE) & has!(q0, Q_AFTER_SPACE) >> 1));
        // Back from each such end over at most seven digits (a Kogge-Stone fill
        // by 1, 2 and 4): a run start is reached only from its own end, and only
        // when the run is at most seven digits long.
        let mut near = ends | (ends >> 1 & digit);
        let digits2 = digit & digit >> 1;
        near |= near >> 2 & digits2;
        near |= near >> 4 & (digits2 & digits2 >> 2);
        digit_start & near & has!(q1, Q_BEFORE)
    };

    // The SECRET pair mask: `PairFilter::mask` from the nibble tables.
    let nibbles = _mm512_set1_epi8(15);
    macro_rules! nibble_bits {
        ($x:expr, $lo:expr, $hi:expr) => {
            _mm512_and_si512(
                _mm512_shuffle_epi8($lo, _mm512_and_si512($x, nibbles)),
                _mm512_shuffle_epi8($hi, _mm512_and_si512(_mm512_srli_epi16::<4>($x), nibbles)),
            )
        };
    }
    let p = &t.pairs;
    let pair = _mm512_and_si512(
        _mm512_and_si512(nibble_bits!(p1, p[0], p[1]), nibble_bits!(v, p[2], p[3])),
        nibble_bits!(p2, p[4], p[5]),
    );
    (candidates & !quiet, _mm512_test_epi8_mask(pair, pair))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::quiet_run;
    use crate::secret::{SecretRules, SECRET_RULES};
    use crate::testdata::{log_lines, mix};
    use crate::text::{is_candidate, is_digit, is_hex, is_word};

    /// Log lines, the shapes around quiet runs, and random mixes of the bytes
    /// the candidate rule and the quiet runs look at.
    fn text() -> Vec<u8> {
        let mut text = log_lines(60);
        text.extend_from_slice(
            "status=200 x=12 y=1234 no 5 4508 N 123456 (12) 7 (912) 12.5 a=1\n\
             b=99\tc=100;d=1000 nope e=77 Nx \\n12 \\t34 N12345678 ИНН 7707083893 Пароль: Qwerty1"
                .as_bytes(),
        );
        let alphabet = "0123456789     ==-().,:;@+/\\\n\tabnrtTxN_ ИНН №".as_bytes();
        text.extend(mix(alphabet, 30_000, 0x2545_F491_4F6C_DD1D));
        text
    }

    #[test]
    fn tables_hold_the_byte_rules() {
        for b in 0..=255u8 {
            let (k, q) = if b < 0x80 {
                (TABLES.0[b as usize], TABLES.1[b as usize])
            } else {
                (0, 0)
            };
            assert_eq!(k & K_DIGIT != 0, is_digit(b), "{b:#x}");
            assert_eq!(k & K_WORD != 0, is_word(b), "{b:#x}");
            assert_eq!(k & K_HEX != 0, is_hex(b), "{b:#x}");
            let edge = RUN_EDGE_CLASSES[b as usize];
            assert_eq!(q & Q_BEFORE != 0, edge & QUIET_BEFORE != 0, "{b:#x}");
            assert_eq!(q & Q_END != 0, edge & AFTER_END != 0, "{b:#x}");
        }
    }

    #[test]
    fn masks_are_the_byte_rules_less_quiet_runs() {
        if !available() {
            return;
        }
        let pairs = SecretRules::from_rules(SECRET_RULES).unwrap().pairs;
        // SAFETY: the features were checked above.
        let t = unsafe { Avx512Tables::new(&pairs.tables) };
        let text = text();
        let mut dropped = 0;
        // Every start (so every byte sits at every block offset), and the
        // short inputs of the padded first and last blocks.
        let mut cases: Vec<(&[u8], usize)> = (0..text.len()).map(|i| (&text[..], i)).collect();
        for len in [1, 2, 3, 30, 63, 64, 65, 130] {
            for i in 0..len {
                cases.push((&text[..len], i));
                cases.push((&text[text.len() - len..], i));
            }
        }
        for (hay, i) in cases {
            // SAFETY: as above.
            let (c, p) = unsafe { block_masks_with_features(hay, i, &t) };
            let end = hay.len().min(i + 64);
            let want = (i..end)
                .filter(|&q| is_candidate(hay, q))
                .fold(0u64, |m, q| m | 1 << (q - i));
            assert_eq!(c & !want, 0, "a non-candidate in the mask at {i}");
            for q in (i..end).filter(|&q| want & !c & 1 << (q - i) != 0) {
                assert!(
                    quiet_run(hay, q),
                    "dropped {q}, no quiet run: {:?}",
                    String::from_utf8_lossy(&hay[q.saturating_sub(3)..(q + 12).min(hay.len())])
                );
                dropped += 1;
            }
            assert_eq!(p, pairs.mask(hay, i, 64), "pairs at {i}");
        }
        // Not a no-op: the quiet runs of the log lines and the mixes go.
        assert!(dropped > 20_000, "only {dropped} quiet runs dropped");
    }

    /// [`block_masks`] compiled with the features it needs.
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    unsafe fn block_masks_with_features(hay: &[u8], i: usize, t: &Avx512Tables) -> (u64, u64) {
        // SAFETY: as this function.
        unsafe { block_masks(hay, i, t) }
    }
}
