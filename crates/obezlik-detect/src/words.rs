//! The words pass: PERSON (and, through it, ADDRESS) start at a capital letter,
//! so this pass stops only at capital letters that begin a word — Cyrillic
//! А–Я/Ё (`0xD0` and a second byte in `0x90..=0xAF` or `0x81`) and Latin A–Z —
//! found sixteen bytes at a time with SSE2 on x86-64. Each stop asks the
//! address rules, then the name rules ([`crate::person`]); a finding moves the
//! pass past its end. Findings are sorted and disjoint, and line-local: every
//! walk stays inside the line of its capital letter.

use crate::person::{capital_at, PersonRules};
use crate::Label;

/// A finding of the words pass: label, start, end, score.
pub(crate) type WordFinding = (Label, usize, usize, f32);

/// The PERSON (and ADDRESS) detectors behind one candidate walk.
#[derive(Debug)]
pub(crate) struct WordsPass {
    person: PersonRules,
}

impl WordsPass {
    pub(crate) fn new() -> WordsPass {
        WordsPass {
            person: PersonRules::new(),
        }
    }

    /// Appends the findings of `hay` to `out` (allocates only if there are any).
    pub(crate) fn find(&self, hay: &[u8], out: &mut Vec<WordFinding>) {
        let mut floor = 0;
        let mut i = 0;
        while i < hay.len() {
            let mut mask = capital_mask(hay, i);
            let block = i;
            i += 16;
            while mask != 0 {
                let p = block + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                if p < floor {
                    continue;
                }
                // No line bounds needed: every walk stops at a `\n` by itself
                // (it is no letter, space or punctuation a rule skips).
                if let Some((s, e, score)) = self.person.person_at(hay, p, 0, hay.len()) {
                    out.push((Label::Person, s, e, score));
                    floor = e;
                    if e > block + 16 {
                        i = e;
                        mask = 0;
                    }
                }
            }
        }
    }
}

/// Bit `k` set when a capital letter starts at `hay[i + k]`, for the sixteen
/// positions from `i` (fewer at the end of the input).
#[inline]
fn capital_mask(hay: &[u8], i: usize) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if i + 17 <= hay.len() {
        // SAFETY: SSE2 is part of x86-64; 17 bytes from `i` are in bounds.
        return unsafe { capital_mask_sse2(hay, i) };
    }
    let mut m = 0;
    for k in 0..16.min(hay.len() - i) {
        if capital_at(hay, i + k) > 0 {
            m |= 1 << k;
        }
    }
    m
}

#[cfg(target_arch = "x86_64")]
#[inline]
unsafe fn capital_mask_sse2(hay: &[u8], i: usize) -> u32 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8,
    };
    // SAFETY: the caller checked that `hay[i..i + 17]` is in bounds.
    unsafe {
        let v0 = _mm_loadu_si128(hay.as_ptr().add(i).cast());
        let v1 = _mm_loadu_si128(hay.as_ptr().add(i + 1).cast());
        let in_range = |v, lo: u8, width: u8| {
            let t = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
            _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((width - 1) as i8)), t)
        };
        let lead = _mm_cmpeq_epi8(v0, _mm_set1_epi8(0xD0u8 as i8));
        let second = _mm_or_si128(
            in_range(v1, 0x90, 0x20),
            _mm_cmpeq_epi8(v1, _mm_set1_epi8(0x81u8 as i8)),
        );
        let cyrillic = _mm_and_si128(lead, second);
        let latin = in_range(v0, b'A', 26);
        _mm_movemask_epi8(_mm_or_si128(cyrillic, latin)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_mask_matches_scalar() {
        let text = "абв Иван ЁЖ x Zed ёлка Я.П. 12 Щука ъ".repeat(3);
        let hay = text.as_bytes();
        for i in 0..hay.len() {
            let m = capital_mask(hay, i);
            for k in 0..16.min(hay.len() - i) {
                assert_eq!(m >> k & 1 == 1, capital_at(hay, i + k) > 0, "at {}", i + k);
            }
        }
    }

    #[test]
    fn finds_names_across_blocks_and_lines() {
        let pass = WordsPass::new();
        let text = "строка\nЗвонил Иванов Иван Иванович по поводу\nи ещё Анна Сергеевна";
        let mut out = Vec::new();
        pass.find(text.as_bytes(), &mut out);
        let got: Vec<&str> = out.iter().map(|f| &text[f.1..f.2]).collect();
        assert_eq!(got, ["Иванов Иван Иванович", "Анна Сергеевна"]);
    }
}
