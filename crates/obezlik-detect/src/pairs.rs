//! The prefilter of the SECRET anchors: one pair of adjacent bytes per anchor,
//! tested for every position of the input by the scanner's AVX2 block loop
//! (see `text::block_masks_avx2`) from bytes it has loaded anyway.
//!
//! Like Teddy with two bytes: each of eight buckets holds the pairs of a few
//! anchors, and a byte's bucket bits are `LO[byte & 15] & HI[byte >> 4]` for
//! the first and for the second byte of a pair — two table lookups (AVX2
//! `vpshufb`) a byte each. A bucket admits every pair of its nibble products,
//! more than its anchors' pairs, so a hit is only a candidate:
//! [`PairFilter::is_anchor_pair`] and [`PairFilter::anchors_at`] check it. Pairs are chosen
//! and buckets filled to keep the pairs admitted rare in logs and prose: hex
//! digits, digits, white space, the punctuation of `key=value`, and the common
//! English bigrams count as frequent; Cyrillic pairs keep a bucket of their
//! own. (`ss` of `pass`, `cr` of `secret`, `yJ` of `eyJ`: on the digit-heavy
//! benchmark log only `be` of `bearer` remains, on a hex digit pair.)

#[cfg(test)]
use crate::secret::SECRET_RULES;
use crate::text::fold_in_place;

/// The prefilter: bit `k` of a mask is set when the bytes `i + k - 1` and
/// `i + k` may be the chosen pair of some anchor.
#[derive(Clone, Debug)]
pub(crate) struct PairFilter {
    /// Nibble tables of the first byte (low, high), of the second, and of
    /// the byte before the pair (all buckets but the Cyrillic one admit any).
    pub(crate) tables: [[u8; 16]; 6],
    /// Per pair (first byte high): 1 + where its anchors start in `anchors`,
    /// or 0 for a pair no anchor has (a bucket admits more than its pairs):
    /// most hits of the mask stop at this one load.
    first: Vec<u8>,
    /// The anchors by their pair, sorted.
    anchors: Vec<PairAnchor>,
    /// The patterns (anchors) of the SECRET automaton, by pattern id.
    patterns: Vec<Vec<u8>>,
}

/// The bucket the Cyrillic pairs keep to themselves (the last of eight).
const CYRILLIC_BUCKET: usize = 7;

/// An anchor as the pair filter sees it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct PairAnchor {
    /// The chosen pair, first byte high.
    pair: u16,
    /// Where the pair stands in the pattern.
    off: u8,
    id: u16,
    /// The pattern's first (up to) eight bytes, little-endian, and the mask
    /// of those there are; its length.
    head: u64,
    mask: u64,
    len: usize,
}

/// Frequency proxy of a byte in logs and text, for choosing pairs.
static BYTE_WEIGHT: [u32; 256] = {
    // English letter frequencies in per mille, a..z.
    const LETTER: [u32; 26] = [
        82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24,
        2, 20, 1,
    ];
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        // Hex digits fill logs (hashes, UUIDs), and so do digits and the
        // punctuation of numbers, times and key=value pairs.
        let hex = if b.is_ascii_hexdigit() { 1 } else { 0 };
        t[i] = match b {
            b'a'..=b'z' => LETTER[(b - b'a') as usize] + 100 * hex,
            b'A'..=b'Z' => LETTER[(b - b'A') as usize] / 3 + 5 + 35 * hex,
            b'0'..=b'9' => 150,
            b' ' | b'\t' => 250,
            b'=' | b':' | b'-' | b'.' | b'/' | b',' => 150,
            b'_' | b'"' | b'\'' | b'(' | b')' | b'[' | b']' => 80,
            0xD0 | 0xD1 => 250,
            0x80..=0xBF => 40,
            _ => 10,
        };
        i += 1;
    }
    t
};

/// Cost of a pair as a filter: the likelier the pair in text, the higher.
fn pair_weight(a: u8, b: u8) -> u32 {
    // Within a Cyrillic letter: by the letter's frequency in Russian (per
    // mille, а..я); across letters: avoid.
    const RU: [u32; 32] = [
        80, 16, 45, 17, 30, 85, 9, 16, 74, 12, 35, 44, 32, 67, 110, 28, 47, 55, 63, 26, 2, 10, 5,
        14, 7, 4, 1, 19, 17, 3, 6, 20,
    ];
    if matches!(a, 0xD0 | 0xD1) && (0x80..=0xBF).contains(&b) {
        let mut pair = [a, b];
        fold_in_place(&mut pair);
        let idx = match pair {
            [0xD0, c @ 0xB0..=0xBF] => (c - 0xB0) as usize,
            [0xD1, c @ 0x80..=0x8F] => (c - 0x80) as usize + 16,
            _ => return 40 * 250,
        };
        return RU[idx] * 100;
    }
    if (0x80..=0xBF).contains(&a) && matches!(b, 0xD0 | 0xD1) {
        return 250 * 250;
    }
    let (la, lb) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let common = if la.is_ascii_lowercase()
        && lb.is_ascii_lowercase()
        && COMMON_BIGRAMS[(la - b'a') as usize] & 1 << (lb - b'a') != 0
    {
        20
    } else {
        1
    };
    // Where a word meets punctuation (`items/`, `id=`, `1.`) in logs and code.
    let edge = if a.is_ascii_alphanumeric() != b.is_ascii_alphanumeric() && a < 0x80 && b < 0x80 {
        8
    } else {
        1
    };
    BYTE_WEIGHT[a as usize] * BYTE_WEIGHT[b as usize] * common * edge
}

/// Common English bigrams, and those of common log words (page, path, ok):
/// bit `y` of entry `x` for the bigram of letters `x`, `y`.
static COMMON_BIGRAMS: [u32; 26] = {
    const LIST: &[&[u8; 2]] = &[
        b"th", b"he", b"in", b"er", b"an", b"re", b"on", b"at", b"en", b"nd", b"ti", b"es", b"or",
        b"te", b"of", b"ed", b"is", b"it", b"al", b"ar", b"st", b"to", b"nt", b"ng", b"se", b"ha",
        b"as", b"ou", b"io", b"le", b"ve", b"co", b"me", b"de", b"hi", b"ri", b"ro", b"ic", b"ne",
        b"ea", b"ra", b"ce", b"pa", b"ke", b"ta", b"ap", b"pi", b"ag", b"ge", b"us", b"ur", b"ut",
        b"am", b"id", b"ms", b"ts", b"et", b"ll", b"el", b"la", b"lo", b"ol", b"il", b"no", b"ns",
        b"rs", b"ly", b"ma", b"ca", b"ac", b"ec", b"ad", b"ai", b"ia", b"na", b"ni", b"ot", b"ow",
        b"wa", b"we", b"ct", b"ee", b"oo", b"ie", b"pe", b"po", b"pr", b"sc", b"em", b"im", b"ex",
        b"fo", b"fi", b"if", b"go", b"ig", b"ch", b"sh", b"ho", b"mo", b"mi", b"ld", b"rt", b"ok",
        b"ey",
    ];
    let mut t = [0u32; 26];
    let mut k = 0;
    while k < LIST.len() {
        let [x, y] = *LIST[k];
        t[(x - b'a') as usize] |= 1 << (y - b'a');
        k += 1;
    }
    t
};

/// The bytes whose low nibble is in `lo` and high nibble in `hi` (bit sets).
fn nibble_product(lo: u16, hi: u16) -> impl Iterator<Item = u8> + Clone {
    let bits = |mut set: u16| {
        std::iter::from_fn(move || {
            (set != 0).then(|| {
                let n = set.trailing_zeros() as u8;
                set &= set - 1;
                n
            })
        })
    };
    bits(hi).flat_map(move |h| bits(lo).map(move |l| h << 4 | l))
}

/// Anchors whose pairs share their low nibbles (case variants), keyed by
/// them: (pattern id, offset of the pair, its first byte, its second).
type Group = ((u8, u8), Vec<(u16, u8, u8, u8)>);

/// A bucket being filled: its pairs and their nibble sets.
#[derive(Clone, Default)]
struct Bucket {
    pairs: Vec<(u8, u8)>,
    /// Low and high nibble sets of the first and of the second bytes.
    nib: [u16; 4],
}

impl Bucket {
    fn with(&self, pairs: &[(u8, u8)]) -> Bucket {
        let mut b = self.clone();
        for &(x, y) in pairs {
            if !b.pairs.contains(&(x, y)) {
                b.pairs.push((x, y));
            }
            b.nib[0] |= 1 << (x & 15);
            b.nib[1] |= 1 << (x >> 4);
            b.nib[2] |= 1 << (y & 15);
            b.nib[3] |= 1 << (y >> 4);
        }
        b
    }

    /// The weight of the pairs the bucket admits beyond its own.
    fn extra(&self) -> u64 {
        let second = nibble_product(self.nib[2], self.nib[3]);
        let mut cost = 0u64;
        for x in nibble_product(self.nib[0], self.nib[1]) {
            for y in second.clone() {
                cost += pair_weight(x, y) as u64;
            }
        }
        let own: u64 = self
            .pairs
            .iter()
            .map(|&(x, y)| pair_weight(x, y) as u64)
            .sum();
        cost - own
    }
}

impl PairFilter {
    pub(crate) fn new(patterns: &[Vec<u8>]) -> PairFilter {
        // Each pattern's cheapest pair; patterns whose pairs share their low
        // nibbles (case variants) form one group.
        let mut groups: Vec<Group> = Vec::new();
        // The byte before each Cyrillic pattern's pair (`None`: any).
        let mut before: Vec<Option<u8>> = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            // A Cyrillic pattern's pair is one letter (lead byte, second
            // byte): pairs across letters would share a bucket badly.
            let cyrillic = p.iter().any(|&b| b >= 0x80);
            // A Cyrillic letter is checked with the second byte of the letter
            // before it (the bucket's third table): a bigram, rarer than any
            // one letter (`па` of `пароль`, where `п` alone is every ~30th).
            let bigram =
                |o: usize| o >= 2 && matches!(p[o], 0xD0 | 0xD1) && matches!(p[o - 2], 0xD0 | 0xD1);
            let has_bigram = cyrillic && (0..p.len() - 1).any(bigram);
            let off = (0..p.len() - 1)
                .filter(|&o| !cyrillic || matches!(p[o], 0xD0 | 0xD1))
                .filter(|&o| !has_bigram || bigram(o))
                .min_by_key(|&o| {
                    let w = pair_weight(p[o], p[o + 1]) as u64;
                    if has_bigram {
                        w * pair_weight(p[o - 2], p[o - 1]) as u64
                    } else {
                        w
                    }
                })
                .expect("a pattern has a pair");
            if cyrillic {
                // Without a letter before, the bucket admits any byte there.
                before.push(if has_bigram { Some(p[off - 1]) } else { None });
            }
            let (a, b) = (p[off], p[off + 1]);
            let key = (a & 15, b & 15);
            let entry = (id as u16, off as u8, a, b);
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.1.push(entry),
                None => groups.push((key, vec![entry])),
            }
        }
        // Cyrillic pairs (lead byte first) keep the last bucket to
        // themselves: mixed with ASCII their nibbles admit common pairs.
        let home = |g: &Group| {
            if g.1[0].2 >= 0x80 {
                CYRILLIC_BUCKET..CYRILLIC_BUCKET + 1
            } else {
                0..CYRILLIC_BUCKET
            }
        };
        let pairs_of = |g: &Group| -> Vec<(u8, u8)> { g.1.iter().map(|e| (e.2, e.3)).collect() };
        // Heaviest groups first, each into the bucket where the pairs it
        // admits without being asked weigh least.
        groups.sort_by_key(|g| {
            std::cmp::Reverse(g.1.iter().map(|e| pair_weight(e.2, e.3) as u64).max())
        });
        let mut buckets: [Bucket; 8] = Default::default();
        let mut extras = [0u64; 8];
        for g in &groups {
            let pairs = pairs_of(g);
            let (best, bucket, extra) = home(g)
                .map(|k| {
                    let b = buckets[k].with(&pairs);
                    let e = b.extra();
                    (k, b, e)
                })
                .min_by_key(|(k, _, e)| *e as i64 - extras[*k] as i64)
                .expect("a bucket");
            buckets[best] = bucket;
            extras[best] = extra;
        }
        let mut tables = [[0u8; 16]; 6];
        for (k, b) in buckets.iter().enumerate() {
            for &(x, y) in &b.pairs {
                tables[0][(x & 15) as usize] |= 1 << k;
                tables[1][(x >> 4) as usize] |= 1 << k;
                tables[2][(y & 15) as usize] |= 1 << k;
                tables[3][(y >> 4) as usize] |= 1 << k;
            }
        }
        // The byte before the pair: any for the ASCII buckets, the second
        // bytes of the letters before the Cyrillic pairs for the last one.
        let cyrillic_bit = 1u8 << CYRILLIC_BUCKET;
        tables[4] = [!cyrillic_bit; 16];
        tables[5] = [!cyrillic_bit; 16];
        for w in &before {
            match *w {
                Some(z) => {
                    tables[4][(z & 15) as usize] |= cyrillic_bit;
                    tables[5][(z >> 4) as usize] |= cyrillic_bit;
                }
                None => {
                    tables[4] = [0xFF; 16];
                    tables[5] = [0xFF; 16];
                }
            }
        }
        let mut anchors: Vec<PairAnchor> = groups
            .iter()
            .flat_map(|g| &g.1)
            .map(|&(id, off, a, b)| {
                let p = &patterns[id as usize];
                let n = p.len().min(8);
                let mut head = [0u8; 8];
                head[..n].copy_from_slice(&p[..n]);
                PairAnchor {
                    pair: u16::from_be_bytes([a, b]),
                    off,
                    id,
                    head: u64::from_le_bytes(head),
                    mask: u64::MAX >> (64 - 8 * n),
                    len: p.len(),
                }
            })
            .collect();
        anchors.sort_unstable();
        let mut first = vec![0u8; 1 << 16];
        for (k, a) in anchors.iter().enumerate().rev() {
            first[a.pair as usize] = k as u8 + 1;
        }
        PairFilter {
            tables,
            first,
            anchors,
            patterns: patterns.to_vec(),
        }
    }

    /// Whether the pair ending at `h` (the bytes `h - 1` and `h`) is the
    /// chosen pair of some anchor whose first (up to) eight bytes stand there:
    /// the check behind a hit of the mask, inline. A bucket admits more pairs
    /// than its anchors have, and a Cyrillic anchor's pair is a letter of a
    /// common bigram, so most hits stop here.
    #[inline(always)]
    pub(crate) fn is_anchor_pair(&self, hay: &[u8], h: usize) -> bool {
        self.heads_at(hay, h).next().is_some()
    }

    /// The anchors (pattern id, start) that hold the filter pair ending at
    /// `h` (the bytes `h - 1` and `h`): the exact check behind a hit.
    pub(crate) fn anchors_at<'a>(
        &'a self,
        hay: &'a [u8],
        h: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.heads_at(hay, h).filter_map(move |(a, s, compared)| {
            // Eight bytes compared settle a short pattern; the rest is
            // compared whole.
            ((compared && a.len <= 8) || hay[s..].starts_with(&self.patterns[a.id as usize]))
                .then_some((a.id as usize, s))
        })
    }

    /// The anchors whose chosen pair ends at `h` and whose first (up to)
    /// eight bytes stand there, with their start and whether those bytes
    /// were compared (not near the input's end: there only a whole compare
    /// decides).
    #[inline(always)]
    fn heads_at<'a>(
        &'a self,
        hay: &'a [u8],
        h: usize,
    ) -> impl Iterator<Item = (&'a PairAnchor, usize, bool)> + 'a {
        let pair = (h > 0 && h < hay.len()).then(|| u16::from_be_bytes([hay[h - 1], hay[h]]));
        let from: &[PairAnchor] = match pair.map(|p| self.first[p as usize]) {
            Some(k) if k > 0 => &self.anchors[k as usize - 1..],
            _ => &[],
        };
        from.iter()
            .take_while(move |a| Some(a.pair) == pair)
            .filter_map(move |a| {
                let s = (h - 1).checked_sub(a.off as usize)?;
                if s + 8 > hay.len() {
                    return Some((a, s, false));
                }
                let x = u64::from_le_bytes(hay[s..s + 8].try_into().expect("eight bytes"));
                (x & a.mask == a.head).then_some((a, s, true))
            })
    }

    /// The buckets that admit the pair `(a, b)` after the byte `z`.
    #[inline]
    fn bucket_bits(&self, z: u8, a: u8, b: u8) -> u8 {
        let t = &self.tables;
        t[0][(a & 15) as usize]
            & t[1][(a >> 4) as usize]
            & t[2][(b & 15) as usize]
            & t[3][(b >> 4) as usize]
            & t[4][(z & 15) as usize]
            & t[5][(z >> 4) as usize]
    }

    /// The pair mask for the `w` (at most 64) positions from `i`, byte by
    /// byte; bytes before the input read as spaces, as the AVX2 mask's
    /// padded first block does (a hit at position 0 is never an anchor's).
    pub(crate) fn mask(&self, hay: &[u8], i: usize, w: usize) -> u64 {
        let end = hay.len().min(i + w);
        let at = |k: usize, back: usize| k.checked_sub(back).map_or(b' ', |j| hay[j]);
        (i..end)
            .filter(|&h| self.bucket_bits(at(h, 2), at(h, 1), hay[h]) != 0)
            .fold(0, |m, h| m | 1 << (h - i))
    }

    /// The tables as AVX2 registers, for [`crate::text::block_masks_avx2`].
    ///
    /// # Safety
    ///
    /// The CPU must support AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    pub(crate) unsafe fn avx2_tables(&self) -> [std::arch::x86_64::__m256i; 6] {
        use std::arch::x86_64::{_mm256_broadcastsi128_si256, _mm_loadu_si128};
        // SAFETY: each load reads one 16-byte table.
        self.tables
            .map(|t| unsafe { _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast())) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::SecretRules;
    use crate::testdata::log_lines;

    fn filter() -> PairFilter {
        SecretRules::from_rules(SECRET_RULES).unwrap().pairs
    }

    fn hits(f: &PairFilter, hay: &[u8]) -> usize {
        (0..hay.len())
            .step_by(64)
            .map(|i| f.mask(hay, i, 64).count_ones() as usize)
            .sum()
    }

    #[test]
    fn every_anchor_hits_and_is_found() {
        let f = filter();
        for (id, p) in f.patterns.iter().enumerate() {
            let mut hay = b"x ".to_vec();
            hay.extend_from_slice(p);
            hay.extend_from_slice(b" y");
            let m = f.mask(&hay, 0, 64);
            let found = (0..hay.len())
                .filter(|&h| m & 1 << h != 0 && f.is_anchor_pair(&hay, h))
                .flat_map(|h| f.anchors_at(&hay, h).collect::<Vec<_>>())
                .collect::<Vec<_>>();
            assert_eq!(found, [(id, 2)], "{:?}", String::from_utf8_lossy(p));
        }
    }

    #[test]
    fn logs_hardly_hit() {
        // The pairs admitted by the buckets are rare in logs: here only `be`
        // (of `bearer`) inside hex ids, about one line in ten.
        let f = filter();
        let log = log_lines(2000);
        let n = hits(&f, &log);
        assert!(n < log.len() / 1000, "{n} hits in {} bytes", log.len());
    }

    #[test]
    fn russian_prose_hardly_hits() {
        // `пароль` and `токен` are Cyrillic anchors: one letter as the pair
        // hit every `п` and `к`; with the letter before, a bigram.
        let f = filter();
        let prose =
            "Обратите внимание, что начиная с версии 3.7 словари сохраняют порядок вставки. \
            Проверьте заголовки ответа сервера и повторите запрос позже. Самый простой вариант \
            — воспользоваться встроенной функцией, а если данных много, обрабатывать их потоково. \
            Кэширование статики уменьшает нагрузку на сервер и ускоряет загрузку страниц. "
                .repeat(20);
        let n = hits(&f, prose.as_bytes());
        assert!(n * 400 < prose.len(), "{n} hits in {} bytes", prose.len());
        let mut hay = b"x ".to_vec();
        hay.extend_from_slice("Пароль: x, ТОКЕН: y, пароль, токен".as_bytes());
        let m = f.mask(&hay, 0, 64);
        let found = (0..hay.len())
            .filter(|&h| m & 1 << h != 0 && f.is_anchor_pair(&hay, h))
            .count();
        assert_eq!(found, 4);
    }

    #[test]
    fn cyrillic_pairs_keep_a_bucket_of_their_own() {
        let f = filter();
        let mixed: Vec<u16> = (0..8)
            .filter(|&k| {
                let firsts: Vec<u8> = (0..=255u8)
                    .filter(|&b| {
                        f.tables[0][(b & 15) as usize] & f.tables[1][(b >> 4) as usize] & 1 << k
                            != 0
                    })
                    .collect();
                firsts.iter().any(|&b| b >= 0x80) && firsts.iter().any(|&b| b < 0x80)
            })
            .collect();
        assert!(mixed.is_empty(), "buckets {mixed:?} mix Cyrillic and ASCII");
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_mask_is_the_byte_by_byte_mask() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let f = filter();
        let t = unsafe { f.avx2_tables() };
        let mut text = log_lines(50);
        text.extend_from_slice(
            "Пароль: Qwerty1 токен ТОКЕН password=x Bearer eyJ sk-a ghp_ :AA ://".as_bytes(),
        );
        let alphabet =
            "abcdefghijklmnopqrstuvwxyzABCDEKPQSJ0123456789 _-.:/=@ пароктенПАРОЛТКЕН".as_bytes();
        text.extend(crate::testdata::mix(
            alphabet,
            20_000,
            0x2545_F491_4F6C_DD1D,
        ));
        for i in 0..text.len() {
            // SAFETY: AVX2 was checked above.
            let (_, simd) = unsafe { crate::text::block_masks_avx2(&text, i, &t) };
            assert_eq!(simd, f.mask(&text, i, 64), "at {i}");
        }
        // Short inputs and starts: the padded first and last blocks.
        for start in [
            "Пароль: x",
            "ароль",
            "оль",
            "к",
            "xпароль",
            " токен",
            "ТОКЕН",
            "Bearer eyJ",
            "7 (912) 345-67-89 a@b.ru",
            "x1 \\n2 N3 ::1",
        ] {
            let hay = start.as_bytes();
            for i in 0..hay.len() {
                // SAFETY: AVX2 was checked above.
                let (cand, simd) = unsafe { crate::text::block_masks_avx2(hay, i, &t) };
                assert_eq!(simd, f.mask(hay, i, 64), "{start:?} at {i}");
                let scalar = (i..hay.len().min(i + 64))
                    .filter(|&p| crate::text::is_candidate(hay, p))
                    .fold(0u64, |m, p| m | 1 << (p - i));
                assert_eq!(cand, scalar, "candidates of {start:?} at {i}");
            }
        }
    }
}
