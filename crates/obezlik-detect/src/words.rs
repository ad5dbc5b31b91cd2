//! The words pass: PERSON (and, through it, ADDRESS) start at a capital letter,
//! so this pass stops only at capital letters that begin a word — Cyrillic
//! А–Я/Ё (`0xD0` and a second byte in `0x90..=0xAF` or `0x81`) and Latin A–Z —
//! found sixteen bytes at a time with SSE2 on x86-64. Each stop asks the
//! address rules, then the name rules ([`crate::person`]); a finding moves the
//! pass past its end. Findings are sorted and disjoint, and line-local: every
//! walk stays inside the line of its capital letter.

use memchr::{memchr, memrchr};

use crate::address::AddressRules;
use crate::person::{capital_at, read_item, skip_gap, ItemKind, PersonRules, SlotCache};
use crate::scanner::Simd;
use crate::text::cyrillic_before;
use crate::Label;

/// A finding of the words pass: label, start, end, score.
pub(crate) type WordFinding = (Label, usize, usize, f32);

/// The PERSON and ADDRESS detectors behind one candidate walk.
#[derive(Debug)]
pub(crate) struct WordsPass {
    person: PersonRules,
    address: AddressRules,
    simd: Simd,
}

impl WordsPass {
    /// A pass whose capital masks use `simd` (which the CPU must have).
    pub(crate) fn new(simd: Simd) -> WordsPass {
        WordsPass {
            person: PersonRules::new(),
            address: AddressRules::new(),
            simd,
        }
    }

    /// Appends the findings of `hay` to `out` (allocates only if there are any).
    pub(crate) fn find(&self, hay: &[u8], out: &mut Vec<WordFinding>) {
        #[cfg(target_arch = "x86_64")]
        match self.simd {
            // SAFETY: `Avx512` is chosen only when the CPU reports its features.
            Simd::Avx512 => return unsafe { self.find_avx512(hay, out) },
            // SAFETY: `Avx2` is chosen only when the CPU reports AVX2.
            Simd::Avx2 => return unsafe { self.find_avx2(hay, out) },
            Simd::Sse2 => {}
        }
        self.walk::<16>(hay, out, capital_mask);
    }

    /// The walk compiled with AVX-512, 64 positions of mask a step.
    ///
    /// # Safety
    ///
    /// The CPU must support AVX-512 F and BW.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,avx512f,avx512bw")]
    unsafe fn find_avx512(&self, hay: &[u8], out: &mut Vec<WordFinding>) {
        // SAFETY: the features are enabled here; `walk_wide` passes only
        // blocks with 65 bytes from `i` in bounds.
        self.walk_wide(hay, out, |hay, i| unsafe { capital_mask_avx512(hay, i) });
    }

    /// The walk compiled with AVX2, 64 positions of mask a step.
    ///
    /// # Safety
    ///
    /// The CPU must support AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn find_avx2(&self, hay: &[u8], out: &mut Vec<WordFinding>) {
        // SAFETY: AVX2 is enabled here; `walk_wide` passes only blocks with
        // 65 bytes from `i` in bounds.
        self.walk_wide(hay, out, |hay, i| unsafe { capital_mask_avx2(hay, i) });
    }

    /// The walk with 64 positions of mask a step: `wide(hay, i)` for the
    /// blocks with 65 bytes from `i` in `hay`, the 16-byte masks for the last.
    #[inline(always)]
    fn walk_wide(
        &self,
        hay: &[u8],
        out: &mut Vec<WordFinding>,
        wide: impl Fn(&[u8], usize) -> u64,
    ) {
        self.walk::<64>(hay, out, |hay, i| {
            if i + 65 <= hay.len() {
                wide(hay, i)
            } else {
                capital_mask_tail(hay, i)
            }
        });
    }

    /// Visits the capital letters of `hay` in order, `W` positions of mask a step.
    #[inline(always)]
    fn walk<const W: usize>(
        &self,
        hay: &[u8],
        out: &mut Vec<WordFinding>,
        mask_at: impl Fn(&[u8], usize) -> u64,
    ) {
        let mut floor = 0;
        let mut cache = SlotCache::new();
        // The line of the last Cyrillic capital, found only when an address
        // check needs it (names need no bounds: every walk stops at `\n`).
        let mut line = (0usize, 0usize);
        let mut i = 0;
        while i < hay.len() {
            let block = i;
            let mut mask = mask_at(hay, block);
            i += W;
            while mask != 0 {
                let p = block + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                if p < floor || lone_latin_caps(hay, p) {
                    continue;
                }
                let found = self.at_capital(hay, p, floor, &mut line, &mut cache);
                if let Some((label, s, e, score)) = found {
                    out.push((label, s, e, score));
                    floor = e;
                    if e > block + W {
                        i = e;
                        mask = 0;
                    }
                }
            }
        }
    }

    /// One capital letter: an address around it, else a name starting there.
    #[inline]
    fn at_capital(
        &self,
        hay: &[u8],
        p: usize,
        floor: usize,
        line: &mut (usize, usize),
        cache: &mut SlotCache,
    ) -> Option<WordFinding> {
        // The item is read once for both rules: a Cyrillic word's end is
        // also where the address rules' word ends, unless a hyphen or a
        // slash joins more to it there (`Санкт-петербург`, `Ленина/Мира`).
        let first = read_item(hay, p, hay.len());
        if hay[p] == 0xD0 && !cyrillic_before(hay, p) {
            if p >= line.1 || p < line.0 {
                *line = line_around(hay, p);
            }
            let word_end = first
                .filter(|it| {
                    it.kind == ItemKind::Word && !matches!(hay.get(it.end), Some(b'-' | b'/'))
                })
                .map(|it| it.end);
            if let Some(r) = self
                .address
                .address_at(hay, p..p + 2, line.0..line.1, floor, word_end)
            {
                return Some((Label::Address, r.start, r.end, 0.9));
            }
        }
        let (s, e, score) = self.person.person_at(hay, p, first, 0, hay.len(), cache)?;
        Some((Label::Person, s, e, score))
    }
}

/// A Latin word in capitals (`INFO`, `DEBUG`, `GET`) with no capitalised
/// Latin item after it (within the two separators the name rules allow): it
/// starts no name, as a Latin name needs a second item (only Cyrillic words
/// stand alone after a cue). The stop every log line makes, settled without
/// reading the word twice. `false` means "ask the rules".
#[inline]
fn lone_latin_caps(hay: &[u8], p: usize) -> bool {
    if !hay[p].is_ascii_uppercase() || !hay.get(p + 1).is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let mut q = p + 2;
    while q < hay.len() && hay[q].is_ascii_uppercase() {
        q += 1;
    }
    match hay.get(q) {
        // The word goes on (`IVANOVA-PETROVA`, `OOO.`, `ABCd`, `A1`): the rules decide.
        Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'\'' | b'_') => {
            return false
        }
        Some(b) if *b >= 0x80 && !hay[q..].starts_with(b"\xc2\xa0") => return false,
        _ => {}
    }
    // The next item would start after the gap the name rules allow.
    !skip_gap(hay, q, hay.len()).is_some_and(|q| hay[q].is_ascii_uppercase())
}

/// The line holding `p`: `(start, end)`, `end` at the `\n` or the input's end.
fn line_around(hay: &[u8], p: usize) -> (usize, usize) {
    let start = memrchr(b'\n', &hay[..p]).map_or(0, |k| k + 1);
    let end = memchr(b'\n', &hay[p..]).map_or(hay.len(), |k| p + k);
    (start, end)
}

/// [`capital_mask`] for the 64 positions from `i`, near the input's end.
#[inline(never)]
fn capital_mask_tail(hay: &[u8], i: usize) -> u64 {
    let mut m = 0u64;
    let mut k = 0;
    while k < 64 && i + k < hay.len() {
        m |= capital_mask(hay, i + k) << k;
        k += 16;
    }
    m
}

/// Bit `k` set when a capital letter starts at `hay[i + k]`, for the sixteen
/// positions from `i` (fewer at the end of the input).
#[inline]
fn capital_mask(hay: &[u8], i: usize) -> u64 {
    #[cfg(target_arch = "x86_64")]
    if i + 17 <= hay.len() {
        // SAFETY: SSE2 is part of x86-64; 17 bytes from `i` are in bounds.
        return unsafe { capital_mask_sse2(hay, i) } as u64;
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

/// [`capital_mask`] for 64 positions from `i`, with AVX2: Cyrillic capitals
/// (lead byte `0xD0`, second byte `0x90..=0xAF` or `0x81`) and Latin capitals
/// that start a word (no ASCII letter or digit before them; the `n` of a JSON
/// `\n` escape is no letter), so the letters
/// inside `INFO` or `HTTP` cost nothing.
///
/// # Safety
///
/// AVX2 must be available and `hay[i - 2..i + 65]` in bounds where `i > 0`
/// (`hay[i..i + 65]` at 0).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn capital_mask_avx2(hay: &[u8], i: usize) -> u64 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256,
        _mm256_min_epu8, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_sub_epi8,
    };
    #[inline(always)]
    unsafe fn in_range(v: __m256i, lo: u8, width: u8) -> __m256i {
        let t = _mm256_sub_epi8(v, _mm256_set1_epi8(lo as i8));
        _mm256_cmpeq_epi8(_mm256_min_epu8(t, _mm256_set1_epi8((width - 1) as i8)), t)
    }
    #[inline(always)]
    unsafe fn half(hay: &[u8], at: usize) -> u32 {
        // SAFETY: the caller keeps `hay[at - 2..at + 33]` in bounds (the
        // bytes before `at` only when `at >= 2`; halves start at 0 or ≥ 32).
        unsafe {
            let ptr = hay.as_ptr().add(at);
            let v0 = _mm256_loadu_si256(ptr.cast());
            let v1 = _mm256_loadu_si256(ptr.add(1).cast());
            let lead = _mm256_cmpeq_epi8(v0, _mm256_set1_epi8(0xD0u8 as i8));
            let second = _mm256_or_si256(
                in_range(v1, 0x90, 0x20),
                _mm256_cmpeq_epi8(v1, _mm256_set1_epi8(0x81u8 as i8)),
            );
            let cyrillic = _mm256_and_si256(lead, second);
            let mut latin = in_range(v0, b'A', 26);
            if at >= 2 {
                let prev = _mm256_loadu_si256(ptr.sub(1).cast());
                let prev2 = _mm256_loadu_si256(ptr.sub(2).cast());
                let folded = _mm256_or_si256(prev, _mm256_set1_epi8(0x20));
                // `\n`, `\t`, `\r` of JSON-encoded text are white space, not
                // letters (as `letter_before` reads them).
                let eq = |v, b: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b as i8));
                let escape = _mm256_and_si256(
                    eq(prev2, b'\\'),
                    _mm256_or_si256(
                        _mm256_or_si256(eq(prev, b'n'), eq(prev, b't')),
                        eq(prev, b'r'),
                    ),
                );
                let letter = _mm256_andnot_si256(escape, in_range(folded, b'a', 26));
                let glued = _mm256_or_si256(letter, in_range(prev, b'0', 10));
                latin = _mm256_andnot_si256(glued, latin);
            }
            _mm256_movemask_epi8(_mm256_or_si256(cyrillic, latin)) as u32
        }
    }
    // SAFETY: as documented; the halves cover `i..i + 32` and `i + 32..i + 64`.
    unsafe { half(hay, i) as u64 | (half(hay, i + 32) as u64) << 32 }
}

/// [`capital_mask_avx2`] with AVX-512: the same bits, every test a mask
/// register.
///
/// # Safety
///
/// AVX-512 F and BW must be available and `hay[i - 2..i + 65]` in bounds
/// where `i > 0` (`hay[i..i + 65]` at 0).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
unsafe fn capital_mask_avx512(hay: &[u8], i: usize) -> u64 {
    use std::arch::x86_64::{
        _mm512_cmpeq_epi8_mask, _mm512_cmple_epu8_mask, _mm512_loadu_si512, _mm512_movepi8_mask,
        _mm512_or_si512, _mm512_set1_epi8, _mm512_sub_epi8,
    };
    // (Macros, not closures, so they are compiled with the features.)
    macro_rules! in_range {
        ($v:expr, $lo:expr, $width:expr) => {
            _mm512_cmple_epu8_mask(
                _mm512_sub_epi8($v, _mm512_set1_epi8($lo as i8)),
                _mm512_set1_epi8(($width - 1) as i8),
            )
        };
    }
    macro_rules! eq {
        ($v:expr, $b:expr) => {
            _mm512_cmpeq_epi8_mask($v, _mm512_set1_epi8($b as i8))
        };
    }
    // SAFETY: the caller keeps `hay[i - 2..i + 65]` in bounds (the bytes
    // before `i` only when `i >= 2`).
    unsafe {
        let ptr = hay.as_ptr().add(i);
        let v0 = _mm512_loadu_si512(ptr.cast());
        let v1 = _mm512_loadu_si512(ptr.add(1).cast());
        let cyrillic = eq!(v0, 0xD0u8) & (in_range!(v1, 0x90u8, 0x20u8) | eq!(v1, 0x81u8));
        let mut latin = in_range!(v0, b'A', 26u8);
        if latin == 0 {
            return cyrillic;
        }
        if i >= 2 {
            let prev = _mm512_loadu_si512(ptr.sub(1).cast());
            let prev2 = _mm512_loadu_si512(ptr.sub(2).cast());
            let folded = _mm512_or_si512(prev, _mm512_set1_epi8(0x20));
            // `\n`, `\t`, `\r` of JSON-encoded text are white space, not
            // letters (as `letter_before` reads them).
            let escape = eq!(prev2, b'\\') & (eq!(prev, b'n') | eq!(prev, b't') | eq!(prev, b'r'));
            let glued = (in_range!(folded, b'a', 26u8) & !escape) | in_range!(prev, b'0', 10u8);
            latin &= !glued;
        }
        // The Latin words in capitals that `lone_latin_caps` settles (`INFO`,
        // `DEBUG`): two capitals or more, at most seven, then a byte that
        // ends the word with no capital after the gap. Where the bytes that
        // decide are not all in the block, the capital stays for the walk.
        let upper = in_range!(v0, b'A', 26u8);
        let upper_next = in_range!(v1, b'A', 26u8);
        if latin & upper_next == 0 {
            return cyrillic | latin;
        }
        let gap = eq!(v0, b' ') | eq!(v0, b'\t');
        let gap_next = eq!(v1, b' ') | eq!(v1, b'\t');
        let ascii = !_mm512_movepi8_mask(v0);
        let ascii_next = !_mm512_movepi8_mask(v1);
        let word_on = in_range!(_mm512_or_si512(v0, _mm512_set1_epi8(0x20)), b'a', 26u8)
            | in_range!(v0, b'0', 10u8)
            | eq!(v0, b'-')
            | eq!(v0, b'.')
            | eq!(v0, b'\'')
            | eq!(v0, b'_');
        // After one gap byte: a byte that is neither a capital nor a gap (an
        // ASCII one: a no-break space would be a second gap); after two: no
        // capital (the gap ends there). Byte 65 is not loaded: no end at 63.
        let after_gap = (!gap_next & !upper_next & ascii_next)
            | (gap_next & !(upper_next >> 1) & !(1u64 << 63));
        let settled_end = (ascii & !word_on & !gap) | (gap & after_gap);
        let ends = !upper & upper << 1 & settled_end;
        // Back from each such end over at most seven capitals (as the digit
        // runs of `avx512.rs`).
        let mut near = ends | (ends >> 1 & upper);
        let upper2 = upper & upper >> 1;
        near |= near >> 2 & upper2;
        near |= near >> 4 & (upper2 & upper2 >> 2);
        cyrillic | (latin & !(upper_next & near))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the words pass finds in `text`, the same at every mask level this
    /// CPU has.
    fn found_at_every_level(text: &str) -> Vec<&str> {
        let levels: Vec<Vec<&str>> = simd_levels()
            .into_iter()
            .map(|simd| {
                let mut out = Vec::new();
                WordsPass::new(simd).find(text.as_bytes(), &mut out);
                out.iter().map(|f| &text[f.1..f.2]).collect()
            })
            .collect();
        for (k, found) in levels.iter().enumerate() {
            assert_eq!(found, &levels[0], "{:?}", simd_levels()[k]);
        }
        levels[0].clone()
    }

    /// The mask levels this CPU has.
    fn simd_levels() -> Vec<Simd> {
        let mut levels = vec![Simd::Sse2];
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") {
                levels.push(Simd::Avx2);
            }
            if Simd::detect() == Simd::Avx512 {
                levels.push(Simd::Avx512);
            }
        }
        levels
    }

    /// The AVX-512 mask is the AVX2 mask at every offset (both drop the Latin
    /// capitals glued to a letter or digit before them; the SSE2 mask keeps
    /// them, and the rules turn them away) less words in capitals that
    /// `lone_latin_caps` settles.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx512_capital_mask_is_the_avx2_mask_less_lone_capitals() {
        if Simd::detect() != Simd::Avx512 {
            return;
        }
        let mut text = "абв Иван ЁЖ x Zed ёлка Я.П. 12 Щука ъ 0603\\nIvanov aB 9C \\tX INFO\n\
                        INFO  [auth] x DEBUG [kyc] GET /api HTTP/1.1 ERROR\nIVAN WARN  x \
                        IVANOV IVAN IVANOV  IVAN PETROVA\u{a0}ANNA OOO. ABCd A1 AB-CD AB\u{a0}x \
                        ABCDEFGHIJ x AB\tCD AB\t\tCD AB  c AB\t"
            .repeat(4);
        // Random mixes of the bytes the rule looks at.
        let alphabet = [
            'A', 'B', 'C', 'I', 'N', ' ', 'a', 'b', '\t', '-', '.', '_', '\'', '[', '\n', '1',
            '\u{a0}', 'Щ',
        ];
        text.extend(crate::testdata::mix(
            &alphabet,
            20_000,
            0x2545_F491_4F6C_DD1D,
        ));
        let hay = text.as_bytes();
        let mut dropped = 0;
        for i in 0..hay.len().saturating_sub(65) {
            // SAFETY: the features were checked above; 65 bytes from `i` are in bounds.
            let (wide, wider) = unsafe { (capital_mask_avx2(hay, i), capital_mask_avx512(hay, i)) };
            assert_eq!(wider & !wide, 0, "at {i}");
            for k in (0..64).filter(|&k| wide & !wider & 1 << k != 0) {
                assert!(lone_latin_caps(hay, i + k), "dropped {}", i + k);
                dropped += 1;
            }
        }
        assert!(
            dropped > 1000,
            "only {dropped} lone words in capitals dropped"
        );
    }

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
    fn a_name_after_a_json_escape_is_found_in_every_block() {
        // `\nIvanov Ivan` inside a JSON string: in an AVX2 block and in the
        // scalar tail alike (the mask once read the `n` as a letter).
        for pad in [0usize, 10, 40, 70, 100, 130] {
            let text = format!(
                "{}0603\\nIvanov Ivan ok\n{}",
                "x ".repeat(pad),
                "y".repeat(80)
            );
            assert_eq!(found_at_every_level(&text), ["Ivanov Ivan"], "pad {pad}");
        }
    }

    #[test]
    fn lone_latin_caps_words_are_settled_early() {
        for (text, lone) in [
            ("INFO  [auth] x", true),
            ("DEBUG [kyc]", true),
            ("GET /api/v2", true),
            ("HTTP/1.1 200", true),
            ("ERROR\nIVAN", true),
            ("WARN  x", true),
            ("IVANOV IVAN", false),
            ("IVANOV  IVAN", false),
            ("IVANOV\u{a0}IVAN", false),
            ("IVANOV\tI.I.", false),
            ("IVANOVA-PETROVA ANNA", false),
            ("OOO. x", false),
            ("Ivanov Ivan", false),
            ("I.I. Ivanov", false),
            ("ABCd", false),
        ] {
            assert_eq!(lone_latin_caps(text.as_bytes(), 0), lone, "{text:?}");
        }
        // The words pass finds the same Latin names as the rules alone would.
        let text = "INFO IVANOV IVAN paid; DEBUG [x] PETROVA\u{a0}ANNA SERGEEVNA; GET /x";
        assert_eq!(
            found_at_every_level(text),
            ["IVANOV IVAN", "PETROVA\u{a0}ANNA SERGEEVNA"]
        );
    }

    #[test]
    fn finds_names_across_blocks_and_lines() {
        let text =
            "строка\nЗвонил Иванов Иван Иванович по поводу\nи ещё Анна Сергеевна\n".repeat(3);
        assert_eq!(
            found_at_every_level(&text),
            ["Иванов Иван Иванович", "Анна Сергеевна"].repeat(3)
        );
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    #[test]
    #[ignore]
    fn documents_timing() {
        let file = std::env::var("WORDS_TIMING_FILE").ok();
        let owned = file.map(|f| std::fs::read(f).expect("WORDS_TIMING_FILE"));
        let doc: &[u8] = match &owned {
            Some(d) => d,
            None => include_bytes!("../../../corpora/examples/documents.txt"),
        };
        let pass = WordsPass::new(Simd::detect());
        let mut out = Vec::new();
        let t = std::time::Instant::now();
        for _ in 0..20 {
            out.clear();
            pass.find(doc, &mut out);
        }
        let words = t.elapsed() / 20;
        // The stops of the walk: capitals, Latin ones at word starts.
        let stops: Vec<usize> = (0..doc.len())
            .filter(|&p| match capital_at(doc, p) {
                2 => true,
                1 => p == 0 || !doc[p - 1].is_ascii_alphanumeric(),
                _ => false,
            })
            .collect();
        let cyr: Vec<(usize, (usize, usize))> = stops
            .iter()
            .filter(|&&p| capital_at(doc, p) == 2 && !cyrillic_before(doc, p))
            .map(|&p| (p, line_around(doc, p)))
            .collect();
        let t = std::time::Instant::now();
        let mut n_addr = 0u32;
        for _ in 0..20 {
            for &(p, line) in &cyr {
                n_addr += pass
                    .address
                    .address_at(doc, p..p + 2, line.0..line.1, 0, None)
                    .is_some() as u32;
            }
        }
        let addr = t.elapsed() / 20;
        let t = std::time::Instant::now();
        let mut n_person = 0u32;
        for _ in 0..20 {
            let mut cache = SlotCache::new();
            for &p in &stops {
                n_person += pass
                    .person
                    .person_at(
                        doc,
                        p,
                        read_item(doc, p, doc.len()),
                        0,
                        doc.len(),
                        &mut cache,
                    )
                    .is_some() as u32;
            }
        }
        let person = t.elapsed() / 20;
        let per = |d: std::time::Duration, n: usize| d.as_nanos() as f64 / n.max(1) as f64;
        eprintln!(
            "{} bytes, {} stops ({} Cyrillic): words pass {words:?} ({:.0} ns/stop), \
             address_at {addr:?} ({:.0} ns/call, {n_addr}), person_at {person:?} \
             ({:.0} ns/call, {n_person}), findings {}",
            doc.len(),
            stops.len(),
            cyr.len(),
            per(words, stops.len()),
            per(addr, cyr.len()),
            per(person, stops.len()),
            out.len()
        );
    }
}
