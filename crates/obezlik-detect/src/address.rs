//! ADDRESS: postal addresses — postcode, country, region, district,
//! settlement, street, house and flat, in the orders people write them
//! (`644189, Омск, ул. Центральная, д. 71/2, пом. 1`; `ул. Ленина, д. 5, кв. 3,
//! г. Тверь, 170000`; `Республика Казахстан, 050000, г. Алматы, пр. Абая, 10`).
//!
//! The words pass of the scanner calls [`AddressRules::address_at`] for every
//! word that starts with a Cyrillic capital letter, so the common answer — "not
//! an address" — is cheap: a look at the word before (a marker such as `г.`,
//! `ул.`, or a postcode), the word itself (a country, `Республика`) and the few
//! words after it (`, ул.`, ` обл.`). Only then the line is parsed part by
//! part from the first component, and the parts must make an address: a street
//! with a house, a settlement or a postcode, a house in a named place, or a
//! place with a postcode. A street alone (`гуляли по ул. Пушкина`) or a city
//! alone (`г. Москва`, `2024 г. Москва`) is a public place, not a person's
//! address, and is not reported.
//!
//! The words that mark the parts are data in `rules/address/` (markers,
//! countries, cities). Everything works on UTF-8 bytes without allocating;
//! case folding is ours (Cyrillic). An address never crosses a line.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use crate::names::WordHasher;
use crate::text::{cyr_pair, fold_in_place, folded_letter, EdgeLetters};

const MARKERS: &str = include_str!("../rules/address/markers.txt");
const COUNTRIES: &str = include_str!("../rules/address/countries.txt");
const CITIES: &str = include_str!("../rules/address/cities.txt");

// Kinds of a dictionary word, bits (see `rules/address/markers.txt`).
const SETTLEMENT: u16 = 1;
const STREET: u16 = 2;
const HOUSE: u16 = 4;
const FLAT: u16 = 8;
const REGION_BEFORE: u16 = 16;
const REGION_AFTER: u16 = 32;
const DISTRICT: u16 = 64;
const PREFIX: u16 = 128;
const JOINER: u16 = 256;
const JOINER_END: u16 = 512;
/// The first word of a country name.
const COUNTRY_HEAD: u16 = 1024;
const NAME_HEAD: u16 = 2048;

/// Every marker kind.
const MARKER: u16 =
    SETTLEMENT | STREET | HOUSE | FLAT | REGION_BEFORE | REGION_AFTER | DISTRICT | PREFIX;
/// Markers that stand before a name.
const BEFORE_NAME: u16 = SETTLEMENT | STREET | REGION_BEFORE | DISTRICT | PREFIX;
/// Markers that stand after a name.
const AFTER_NAME: u16 = STREET | REGION_AFTER | DISTRICT;

/// The longest dictionary word, in bytes (`муниципальный`: 26).
const MAX_WORD: usize = 32;
/// The most parts one address has.
const MAX_PARTS: usize = 16;

/// What a component of an address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Postcode,
    Country,
    Region,
    District,
    /// A settlement after its marker: `г. Омск`, `пос. Отрадное`.
    Settlement,
    /// A capitalised name without a marker: a city (`Омск`) or a district.
    Place,
    Street,
    House,
    Flat,
}

/// One parsed component: `start..end` in the input.
#[derive(Clone, Copy, Debug)]
struct Comp {
    part: Part,
    start: usize,
    end: usize,
    /// A street with its house number (`ш. Октябрьская 84`); a listed city.
    extra: bool,
}

impl Comp {
    fn new(part: Part, start: usize, end: usize) -> Comp {
        Comp {
            part,
            start,
            end,
            extra: false,
        }
    }
}

/// Built once per scanner from the rule data; Send + Sync.
#[derive(Debug)]
pub(crate) struct AddressRules {
    /// Folded words (markers, joiners, first words of countries), zero-padded
    /// to `MAX_WORD` bytes so a comparison is one fixed-size compare, with
    /// their kinds; ordered by `bloom_bit`.
    words: Vec<([u8; MAX_WORD], u16)>,
    /// Per `bloom_bit` value: the first index into `words` and how many words
    /// share it. Most words of a text land in an empty bucket and cost no
    /// folding.
    buckets: Box<[(u16, u16); BUCKETS]>,
    /// Folded country names, words joined by one space, longest first.
    countries: Vec<Box<[u8]>>,
    /// Folded city names, words joined by one space.
    cities: HashSet<Box<[u8]>, BuildHasherDefault<WordHasher>>,
    /// The first three letters of the markers that may follow a name.
    after_name_heads: EdgeLetters,
    /// The last three letters of the markers and joiners before a name.
    before_name_tails: EdgeLetters,
    /// The first three letters of the markers and of the countries' names.
    marker_heads: EdgeLetters,
}

/// The number of `bloom_bit` values: for about 130 rule words, so a word that
/// is no marker nearly always finds its bucket empty and stops at one load.
const BUCKETS: usize = 4096;

/// The bucket of a word from its length and its first and last two bytes
/// (its first and last letter) folded, so a miss costs no full folding.
#[inline]
fn bloom_bit(raw: &[u8]) -> usize {
    let n = raw.len();
    let a = folded_letter(raw[0], raw[1]);
    let z = folded_letter(raw[n - 2], raw[n - 1]);
    let h = (n as u32).wrapping_mul(0x9E37_79B1)
        ^ u32::from_le_bytes([a, z, 0, 0]).wrapping_mul(0x85EB_CA6B);
    (h >> 20) as usize
}

fn fold(s: &str) -> Box<[u8]> {
    let mut v = s.as_bytes().to_vec();
    fold_in_place(&mut v);
    v.into_boxed_slice()
}

/// Lines of a rule file without comments and blank lines.
fn rule_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl AddressRules {
    /// Parses the built-in rule files.
    pub(crate) fn new() -> AddressRules {
        let mut words: Vec<(Box<[u8]>, u16)> = Vec::new();
        let mut add = |w: Box<[u8]>, k: u16| {
            assert!(w.len() <= MAX_WORD, "address rule word too long");
            match words.iter_mut().find(|(x, _)| *x == w) {
                Some((_, kinds)) => *kinds |= k,
                None => words.push((w, k)),
            }
        };
        for line in rule_lines(MARKERS) {
            let (kind, forms) = line.split_once(':').expect("markers.txt: `kind: forms`");
            let k = match kind.trim() {
                "settlement" => SETTLEMENT,
                "street" => STREET,
                "house" => HOUSE,
                "flat" => FLAT,
                "region-before" => REGION_BEFORE,
                "region-after" => REGION_AFTER,
                "district" => DISTRICT,
                "prefix" => PREFIX,
                "joiner" => JOINER,
                "joiner-end" => JOINER_END,
                "name-head" => NAME_HEAD,
                other => panic!("markers.txt: unknown kind {other}"),
            };
            for f in forms.split_whitespace() {
                add(fold(f), k);
            }
        }
        let mut countries: Vec<Box<[u8]>> = Vec::new();
        for line in rule_lines(COUNTRIES) {
            let name = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let head = name.split(' ').next().unwrap_or_default();
            add(fold(head), COUNTRY_HEAD);
            countries.push(fold(&name));
        }
        countries.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let cities = rule_lines(CITIES)
            .map(|l| fold(&l.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        words.sort_by_key(|(w, _)| bloom_bit(w));
        let mut buckets = Box::new([(0u16, 0u16); BUCKETS]);
        for (i, (w, _)) in words.iter().enumerate() {
            let b = &mut buckets[bloom_bit(w)];
            if b.1 == 0 {
                b.0 = i as u16;
            }
            b.1 += 1;
        }
        let words: Vec<([u8; MAX_WORD], u16)> = words
            .into_iter()
            .map(|(w, k)| {
                let mut key = [0u8; MAX_WORD];
                key[..w.len()].copy_from_slice(&w);
                (key, k)
            })
            .collect();
        let of_kinds = |kinds: u16| {
            words
                .iter()
                .filter(move |(_, k)| k & kinds != 0)
                .map(|(w, _)| &w[..w.iter().position(|&b| b == 0).unwrap_or(MAX_WORD)])
        };
        let after_name_heads = EdgeLetters::heads(of_kinds(AFTER_NAME));
        let before_name_tails = EdgeLetters::tails(of_kinds(BEFORE_NAME | JOINER));
        let marker_heads = EdgeLetters::heads(of_kinds(MARKER | COUNTRY_HEAD));
        AddressRules {
            words,
            buckets,
            countries,
            cities,
            after_name_heads,
            before_name_tails,
            marker_heads,
        }
    }

    /// The kinds of the word `hay[s..e]` (any case), 0 when it is no rule word.
    #[inline]
    fn lookup(&self, hay: &[u8], s: usize, e: usize) -> u16 {
        let n = e - s;
        if !(2..=MAX_WORD).contains(&n) {
            return 0;
        }
        let (first, count) = self.buckets[bloom_bit(&hay[s..e])];
        if count == 0 {
            return 0;
        }
        let mut key = [0u8; MAX_WORD];
        key[..n].copy_from_slice(&hay[s..e]);
        fold_in_place(&mut key[..n]);
        let first = first as usize;
        self.words[first..first + count as usize]
            .iter()
            .find(|(w, _)| *w == key)
            .map_or(0, |(_, k)| *k)
    }

    /// The kinds of the word `hay[s..e]` as a marker in its place: one-letter
    /// markers only in lower case, and all but `г` and `д` with their dot.
    #[inline]
    fn marker_kinds(&self, hay: &[u8], s: usize, e: usize, end: usize) -> u16 {
        let k = self.lookup(hay, s, e);
        if k == 0 || e - s != 2 {
            return k;
        }
        let dotted = e < end && hay[e] == b'.';
        let g_or_d = hay[s] == 0xD0 && matches!(hay[s + 1], 0xB3 | 0xB4);
        if upper_at(hay, s, end) || !(dotted || g_or_d) {
            return k & !MARKER;
        }
        k
    }

    /// Whether `hay[s..e]` is a listed city (words separated by any spaces).
    fn is_city(&self, hay: &[u8], s: usize, e: usize) -> bool {
        let mut buf = [0u8; 64];
        let n = squeeze(hay, s, e, &mut buf);
        n > 0 && self.cities.contains(&buf[..n])
    }

    /// The end of a country name starting at `p`.
    fn country_end(&self, hay: &[u8], p: usize, w1: usize, end: usize) -> Option<usize> {
        let s2 = skip_spaces(hay, w1, end);
        let w2 = if s2 > w1 { word_end(hay, s2, end) } else { s2 };
        for (e, check) in [(w2, w2 > s2), (w1, true)] {
            if !check || !boundary_after(hay, e, end) {
                continue;
            }
            let mut buf = [0u8; 64];
            let n = squeeze(hay, p, e, &mut buf);
            if n > 0 && self.countries.iter().any(|c| **c == buf[..n]) {
                return Some(e);
            }
        }
        None
    }

    /// If the word belongs to a postal address, the whole address span.
    ///
    /// `hay[word]` is a word that starts with a Cyrillic capital letter (А–Я,
    /// Ё), visited left to right through the input; `line` is the range of its
    /// line (no `\n` inside). Findings must not start before `floor` (the end of
    /// the previous finding). The span (byte offsets into `hay`) may start
    /// before `word.start`, e.g. at a postcode or `г.`, and end after it; the
    /// caller then resumes after the span.
    ///
    /// `word_end`, when the caller has read the word already, is what
    /// [`word_end`] gives from `word.start` (the words pass knows it from the
    /// name reader): the walk is not made twice.
    pub(crate) fn address_at(
        &self,
        hay: &[u8],
        word: Range<usize>,
        line: Range<usize>,
        floor: usize,
        word_end: Option<usize>,
    ) -> Option<Range<usize>> {
        let lo = floor.max(line.start);
        let end = line.end.min(hay.len());
        let ws = word.start;
        if ws < lo || ws >= end {
            return None;
        }
        let start = self.candidate(hay, ws, lo, end, word_end)?;
        let (comps, n) = self.parse(hay, start, end);
        let comps = &comps[..n];
        let first = comps.first()?;
        if first.part == Part::Place {
            // `Иванов Иван, ул. …`: a place is never the tail of a run of
            // capitalised words, and never stands before another place.
            if capital_word_before(hay, first.start, lo)
                || comps.get(1).is_some_and(|c| {
                    matches!(c.part, Part::Place | Part::Settlement | Part::Country)
                })
            {
                return None;
            }
        }
        let comps = trim_tail(comps);
        if !is_address(comps) {
            return None;
        }
        let span = comps[0].start..comps[comps.len() - 1].end;
        (span.end > ws).then_some(span)
    }

    /// The cheap test: where the parse of an address holding the word at `ws`
    /// starts, or `None` when nothing around the word looks like an address.
    #[inline]
    fn candidate(
        &self,
        hay: &[u8],
        ws: usize,
        lo: usize,
        end: usize,
        known_end: Option<usize>,
    ) -> Option<usize> {
        if let Some(s) = self.marker_before(hay, ws, lo, end) {
            return Some(self.extend_back(hay, s, lo, end));
        }
        if let Some(s) = postcode_before(hay, ws, lo) {
            return Some(s);
        }
        let we = known_end.unwrap_or_else(|| word_end(hay, ws, end));
        debug_assert_eq!(
            we,
            word_end(hay, ws, end),
            "a wrong word end from the caller"
        );
        let k = if self.marker_heads.may_start(hay, ws, we) {
            self.lookup(hay, ws, we)
        } else {
            0
        };
        if k & (MARKER | COUNTRY_HEAD) == 0 && !self.part_follows(hay, we, end) {
            return None;
        }
        Some(ws)
    }

    /// A marker before the word (`г.`, `ул.`, `пер. 8`, `ул. 40 лет`): its start.
    fn marker_before(&self, hay: &[u8], ws: usize, lo: usize, end: usize) -> Option<usize> {
        let mut i = ws;
        // At most two tokens of a street name before the word: `40 лет`.
        for _ in 0..3 {
            let b = back_spaces(hay, i, lo);
            if b <= lo {
                return None;
            }
            let dot = hay[b - 1] == b'.';
            if b == i && !dot {
                return None;
            }
            let we = if dot { b - 1 } else { b };
            // A word whose last three letters end no marker or joiner
            // settles it without the walk back to its start.
            if !self.before_name_tails.may_end(hay, we, lo) {
                return None;
            }
            let wb = word_start_back(hay, we, lo);
            if wb < we {
                let k = self.marker_kinds(hay, wb, we, end);
                if k & BEFORE_NAME != 0 {
                    return Some(wb);
                }
                if k & JOINER == 0 {
                    return None;
                }
                i = wb;
                continue;
            }
            // A number inside a street name: `8 Марта`, `1-я Линия` (never
            // one ending a sentence: `… ts=1724296038. Пользователь`).
            if dot {
                return None;
            }
            let nb = number_start_back(hay, we, lo);
            if nb == we {
                return None;
            }
            i = nb;
        }
        None
    }

    /// Moves a start back over prefix markers (`вн. тер.`) and a postcode.
    fn extend_back(&self, hay: &[u8], mut s: usize, lo: usize, end: usize) -> usize {
        for _ in 0..3 {
            let b = back_spaces(hay, s, lo);
            if b <= lo || hay[b - 1] != b'.' {
                break;
            }
            let wb = word_start_back(hay, b - 1, lo);
            if wb == b - 1 || self.marker_kinds(hay, wb, b - 1, end) & PREFIX == 0 {
                break;
            }
            s = wb;
        }
        postcode_before(hay, s, lo).unwrap_or(s)
    }

    /// Whether a part follows the word ending at `we`: a marker after the name
    /// (`Садовая ул.`), or `, ` and a marker or a postcode (`Омск, ул.`).
    fn part_follows(&self, hay: &[u8], we: usize, end: usize) -> bool {
        let mut q = we;
        for _ in 0..2 {
            let s = skip_spaces(hay, q, end);
            if s == q || s >= end {
                break;
            }
            // A lower-case word is no name (`name_end_at` below), so unless
            // its first three letters may start some marker after a name, it
            // ends the loop as the full test would: most words of prose stop
            // here without being walked to their end.
            if lower_at(hay, s, end) && !self.after_name_heads.may_start(hay, s, end) {
                break;
            }
            let e = word_end(hay, s, end);
            if e > s && self.marker_kinds(hay, s, e, end) & AFTER_NAME != 0 {
                return true;
            }
            match name_end_at(hay, s, e, end) {
                Some(e) => q = e,
                None => break,
            }
        }
        let mut s = skip_spaces(hay, q, end);
        if s >= end || hay[s] != b',' {
            return false;
        }
        s = skip_spaces(hay, s + 1, end);
        if s >= end {
            return false;
        }
        if hay[s].is_ascii_digit() {
            return postcode_end(hay, s, end).is_some();
        }
        let e = word_end(hay, s, end);
        if e > s && self.marker_kinds(hay, s, e, end) & MARKER != 0 {
            return true;
        }
        // `Москва, Ленинский проспект`: a name with its marker after it.
        let (mut q, mut qe) = (s, e);
        for _ in 0..2 {
            let Some(e) = name_end_at(hay, q, qe, end) else {
                return false;
            };
            let s = skip_spaces(hay, e, end);
            if s == e || s >= end {
                return false;
            }
            let w = word_end(hay, s, end);
            if w > s && self.marker_kinds(hay, s, w, end) & AFTER_NAME != 0 {
                return true;
            }
            (q, qe) = (s, w);
        }
        false
    }

    /// Parses components from `start` as long as they follow each other.
    fn parse(&self, hay: &[u8], start: usize, end: usize) -> ([Comp; MAX_PARTS], usize) {
        let mut comps = [Comp::new(Part::Place, 0, 0); MAX_PARTS];
        let mut n = 0;
        let mut p = start;
        while n < MAX_PARTS {
            let (q, comma) = if n == 0 {
                (p, false)
            } else {
                match sep_end(hay, p, end) {
                    Some(x) => x,
                    None => break,
                }
            };
            if q >= end {
                break;
            }
            let prev = if n > 0 { Some(comps[n - 1]) } else { None };
            let Some(c) = self.component(hay, q, end, prev) else {
                break;
            };
            // A bare name joins an address only after a comma.
            if c.part == Part::Place && n > 0 && !comma {
                break;
            }
            comps[n] = c;
            n += 1;
            p = c.end;
        }
        (comps, n)
    }

    /// One component starting at `p`.
    fn component(&self, hay: &[u8], p: usize, end: usize, prev: Option<Comp>) -> Option<Comp> {
        if hay[p].is_ascii_digit() {
            if let Some(e) = postcode_end(hay, p, end) {
                return Some(Comp::new(Part::Postcode, p, e));
            }
            // `ул. Толе би, 278`: a bare house number right after its street.
            if prev.is_some_and(|c| c.part == Part::Street && !c.extra) {
                let e = number_end(hay, p, end)?;
                return Some(Comp::new(Part::House, p, e));
            }
            // `7-я линия`, `2-й Южный пер.`: an ordinal street before its marker.
            let o = ordinal_end(hay, p, end)?;
            if !hay[p..o].contains(&b'-') {
                return None;
            }
            let mut e = o;
            for _ in 0..2 {
                let s = skip_spaces(hay, e, end);
                if s == e || s >= end {
                    return None;
                }
                let w = word_end(hay, s, end);
                if w > s && self.marker_kinds(hay, s, w, end) & STREET != 0 {
                    let me = if w < end && hay[w] == b'.' { w + 1 } else { w };
                    return Some(self.street_house(hay, p, me, end));
                }
                e = name_end_at(hay, s, w, end)?;
            }
            return None;
        }
        let w = word_end(hay, p, end);
        if w == p {
            return None;
        }
        let all = self.marker_kinds(hay, p, w, end);
        // A country's first word is a rule word (`COUNTRY_HEAD`).
        if all & COUNTRY_HEAD != 0 && upper_at(hay, p, end) {
            if let Some(e) = self.country_end(hay, p, w, end) {
                return Some(Comp::new(Part::Country, p, e));
            }
        }
        let kinds = all & MARKER;
        if kinds != 0 {
            return self.after_marker(hay, p, w, kinds, end, prev);
        }
        let e1 = name_end_at(hay, p, w, end)?;
        // A name and a marker after it: `Садовая ул.`, `Московская обл.`.
        let mut e = e1;
        let mut e2 = None;
        for _ in 0..2 {
            let s = skip_spaces(hay, e, end);
            if s == e || s >= end {
                break;
            }
            let mw = word_end(hay, s, end);
            let k = if mw > s {
                self.marker_kinds(hay, s, mw, end) & AFTER_NAME
            } else {
                0
            };
            if k != 0 {
                let me = if mw < end && hay[mw] == b'.' {
                    mw + 1
                } else {
                    mw
                };
                if k & STREET != 0 {
                    return Some(self.street_house(hay, p, me, end));
                }
                let part = if k & REGION_AFTER != 0 {
                    Part::Region
                } else {
                    Part::District
                };
                return Some(Comp::new(part, p, me));
            }
            match name_end_at(hay, s, mw, end) {
                Some(x) if e2.is_none() => {
                    e2 = Some(x);
                    e = x;
                }
                _ => break,
            }
        }
        if let Some(e2) = e2 {
            if self.is_city(hay, p, e2) {
                let mut c = Comp::new(Part::Place, p, e2);
                c.extra = true;
                return Some(c);
            }
        }
        let mut c = Comp::new(Part::Place, p, e1);
        c.extra = self.is_city(hay, p, e1);
        Some(c)
    }

    /// The component opened by the marker `hay[p..w]`.
    fn after_marker(
        &self,
        hay: &[u8],
        p: usize,
        w: usize,
        kinds: u16,
        end: usize,
        prev: Option<Comp>,
    ) -> Option<Comp> {
        let dot = if w < end && hay[w] == b'.' { w + 1 } else { w };
        let q = skip_spaces(hay, dot, end);
        if q >= end || (q == w) {
            return None;
        }
        if kinds & PREFIX != 0 {
            // `вн. тер. г. Москва`: the next marker makes the part.
            let mut c = self.component(hay, q, end, prev)?;
            if !matches!(c.part, Part::Settlement | Part::District | Part::Region) {
                return None;
            }
            c.start = p;
            return Some(c);
        }
        if hay[q].is_ascii_digit() {
            if kinds & (HOUSE | FLAT) != 0 {
                let e = number_end(hay, q, end)?;
                let part = if kinds & HOUSE != 0 {
                    Part::House
                } else {
                    Part::Flat
                };
                return Some(Comp::new(part, p, e));
            }
            if kinds & STREET != 0 {
                let e = self.street_name_end(hay, q, end)?;
                return Some(self.street_house(hay, p, e, end));
            }
            return None;
        }
        if kinds & FLAT != 0 {
            if let Some(e) = roman_end(hay, q, end) {
                return Some(Comp::new(Part::Flat, p, e));
            }
        }
        if kinds & HOUSE != 0 && kinds & SETTLEMENT == 0 {
            // `лит. А`, `корп. Б`.
            if upper_at(hay, q, end) && boundary_after(hay, q + 2, end) {
                return Some(Comp::new(Part::House, p, q + 2));
            }
        }
        if kinds & SETTLEMENT != 0 {
            if let Some(e) = self.place_name_end(hay, q, end) {
                return Some(Comp::new(Part::Settlement, p, e));
            }
        }
        if kinds & STREET != 0 {
            if let Some(e) = self.street_name_end(hay, q, end) {
                return Some(self.street_house(hay, p, e, end));
            }
        }
        if kinds & (REGION_BEFORE | DISTRICT) != 0 {
            let e = self.place_name_end(hay, q, end)?;
            let part = if kinds & REGION_BEFORE != 0 {
                Part::Region
            } else {
                Part::District
            };
            return Some(Comp::new(part, p, e));
        }
        None
    }

    /// A street `p..e` with the house number after it, if any (`ш. Октябрьская 84`).
    fn street_house(&self, hay: &[u8], p: usize, e: usize, end: usize) -> Comp {
        let s = skip_spaces(hay, e, end);
        if s > e && s < end && hay[s].is_ascii_digit() && postcode_end(hay, s, end).is_none() {
            if let Some(h) = number_end(hay, s, end) {
                let mut c = Comp::new(Part::Street, p, h);
                c.extra = true;
                return c;
            }
        }
        Comp::new(Part::Street, p, e)
    }

    /// A settlement or region name: one capitalised word, two when listed as a
    /// city or closed by a comma (`г. Нижний Новгород`, `пос. Красный Бор,`).
    fn place_name_end(&self, hay: &[u8], q: usize, end: usize) -> Option<usize> {
        let mut q = q;
        // `муниципальный округ Арбат`.
        for _ in 0..2 {
            let e = word_end(hay, q, end);
            if e == q || !lower_at(hay, q, end) || self.lookup(hay, q, e) & NAME_HEAD == 0 {
                break;
            }
            let s = skip_spaces(hay, e, end);
            if s == e {
                return None;
            }
            q = s;
        }
        let mut e = name_end(hay, q, end)?;
        let s = skip_spaces(hay, e, end);
        if s > e {
            if let Some(e2) = name_end(hay, s, end) {
                if self.is_city(hay, q, e2) || (e2 < end && hay[e2] == b',') {
                    e = e2;
                }
            }
        }
        // `Республика Саха (Якутия)`.
        let s = skip_spaces(hay, e, end);
        if s < end && hay[s] == b'(' {
            if let Some(n) = name_end(hay, s + 1, end) {
                if n < end && hay[n] == b')' {
                    e = n + 1;
                }
            }
        }
        Some(e)
    }

    /// The end of a street name at `q`: capitalised words, numbers before a
    /// word (`8 Марта`, `1-я Линия`), joiners (`40 лет Победы`, `Толе би`),
    /// and a lower-case head before a hyphen (`аль-Фараби`).
    fn street_name_end(&self, hay: &[u8], q: usize, end: usize) -> Option<usize> {
        let mut q = q;
        let mut last = None;
        let mut caps = 0;
        for _ in 0..5 {
            if q >= end {
                break;
            }
            if let Some(e) = name_end(hay, q, end) {
                if caps == 3 {
                    break;
                }
                caps += 1;
                last = Some(e);
                q = e;
            } else if hay[q].is_ascii_digit() {
                let Some(e) = ordinal_end(hay, q, end) else {
                    break;
                };
                if !self.name_follows(hay, e, end) {
                    break;
                }
                q = e;
            } else {
                let e = word_end(hay, q, end);
                if e == q {
                    break;
                }
                let k = self.lookup(hay, q, e);
                if k & JOINER != 0 {
                    let e = if e < end && hay[e] == b'.' { e + 1 } else { e };
                    if !self.name_follows(hay, e, end) {
                        break;
                    }
                    q = e;
                } else if k & JOINER_END != 0 && caps > 0 {
                    last = Some(e);
                    q = e;
                } else if lower_hyphen_name(hay, q, e, end) {
                    caps += 1;
                    last = Some(e);
                    q = e;
                } else {
                    break;
                }
            }
            let s = skip_spaces(hay, q, end);
            if s == q {
                break;
            }
            q = s;
        }
        if caps == 0 {
            return None;
        }
        last
    }

    /// Whether a capitalised word or a joiner follows after spaces.
    fn name_follows(&self, hay: &[u8], e: usize, end: usize) -> bool {
        let s = skip_spaces(hay, e, end);
        if s == e || s >= end {
            return false;
        }
        if name_end(hay, s, end).is_some() {
            return true;
        }
        let w = word_end(hay, s, end);
        w > s && self.lookup(hay, s, w) & JOINER != 0
    }
}

/// Drops trailing parts that cannot end an address (a bare name, a country, a
/// region), except a listed city after the house (`д. 5, кв. 3, Тверь`).
fn trim_tail(comps: &[Comp]) -> &[Comp] {
    let mut n = comps.len();
    while n > 0 {
        let c = comps[n - 1];
        let keep = match c.part {
            Part::Country | Part::Region | Part::District => false,
            Part::Place => {
                c.extra && n >= 2 && matches!(comps[n - 2].part, Part::House | Part::Flat)
            }
            _ => true,
        };
        if keep {
            break;
        }
        n -= 1;
    }
    &comps[..n]
}

/// Whether the parts make a postal address rather than a place mention.
fn is_address(comps: &[Comp]) -> bool {
    if comps.len() < 2 {
        return false;
    }
    let has = |p: Part| comps.iter().any(|c| c.part == p);
    let street = has(Part::Street);
    let house = has(Part::House) || comps.iter().any(|c| c.part == Part::Street && c.extra);
    let place = has(Part::Settlement) || has(Part::Place);
    let post = has(Part::Postcode);
    (street
        && (house || place || post || has(Part::Flat) || has(Part::Region) || has(Part::District)))
        || (house && place)
        || (post && place)
}

// ---- byte helpers ---------------------------------------------------------

/// A space inside a line: ASCII space or tab, no-break space, narrow and thin spaces.
#[inline]
fn space_len(hay: &[u8], i: usize, end: usize) -> usize {
    match hay[i] {
        b' ' | b'\t' => 1,
        0xC2 if i + 1 < end && hay[i + 1] == 0xA0 => 2,
        0xE2 if i + 2 < end && hay[i + 1] == 0x80 && matches!(hay[i + 2], 0xAF | 0x89 | 0x8A) => 3,
        _ => 0,
    }
}

#[inline]
fn skip_spaces(hay: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        let n = space_len(hay, i, end);
        if n == 0 {
            break;
        }
        i += n;
    }
    i
}

/// Steps back over spaces ending at `i`, not below `lo`.
#[inline]
fn back_spaces(hay: &[u8], mut i: usize, lo: usize) -> usize {
    while i > lo {
        match hay[i - 1] {
            b' ' | b'\t' => i -= 1,
            0xA0 if i >= lo + 2 && hay[i - 2] == 0xC2 => i -= 2,
            0xAF | 0x89 | 0x8A if i >= lo + 3 && hay[i - 3] == 0xE2 && hay[i - 2] == 0x80 => i -= 3,
            _ => break,
        }
    }
    i
}

/// A Cyrillic letter of the basic block (А–я, Ё, ё) at `i`.
#[inline]
fn cyr_at(hay: &[u8], i: usize, end: usize) -> bool {
    i + 1 < end
        && match hay[i] {
            0xD0 => (0x81..=0xBF).contains(&hay[i + 1]),
            0xD1 => (0x80..=0x91).contains(&hay[i + 1]),
            _ => false,
        }
}

#[inline]
fn upper_at(hay: &[u8], i: usize, end: usize) -> bool {
    i + 1 < end && hay[i] == 0xD0 && matches!(hay[i + 1], 0x81 | 0x90..=0xAF)
}

#[inline]
fn lower_at(hay: &[u8], i: usize, end: usize) -> bool {
    i + 1 < end
        && match hay[i] {
            0xD0 => (0xB0..=0xBF).contains(&hay[i + 1]),
            0xD1 => matches!(hay[i + 1], 0x80..=0x8F | 0x91),
            _ => false,
        }
}

/// The end of a Cyrillic word at `i`, with inner hyphens (`Ростов-на-Дону`,
/// `Самал-2`, `пр-т`) and slashes (`а/я`); `i` when there is none.
#[inline]
fn word_end(hay: &[u8], i: usize, end: usize) -> usize {
    let end = end.min(hay.len());
    let mut q = i;
    loop {
        while q + 8 <= end && four_letters(&hay[q..q + 8]) {
            q += 8;
        }
        while q + 1 < end && cyr_pair(hay[q], hay[q + 1]) {
            q += 2;
        }
        if q == i || q + 1 >= end {
            return q;
        }
        match hay[q] {
            b'-' | b'/' if cyr_at(hay, q + 1, end) => q += 1,
            b'-' if hay[q + 1].is_ascii_digit() => {
                q += 1;
                while q < end && hay[q].is_ascii_digit() {
                    q += 1;
                }
            }
            _ => return q,
        }
    }
}

/// Whether the eight bytes are four Cyrillic letters of the basic block
/// (`cyr_pair` four times, at once).
#[inline(always)]
fn four_letters(b: &[u8]) -> bool {
    let x = u64::from_le_bytes(b.try_into().expect("8 bytes"));
    // Leads D0 or D1, continuations 80..BF.
    if x & 0xC0FE_C0FE_C0FE_C0FE != 0x80D0_80D0_80D0_80D0 {
        return false;
    }
    // Per continuation: its low six bits c, and d = 1 after a D1 lead. A
    // letter is D0 with c ≥ 1 or D1 with c < 0x12, that is bit 7 of
    // c + 0x7F - 0x11 d (no carries: c ≤ 0x3F) differs from d.
    let d = (x & 0x0001_0001_0001_0001) << 8;
    let c = x & 0x3F00_3F00_3F00_3F00;
    let t = c + 0x7F00_7F00_7F00_7F00 - d * 0x11;
    ((t >> 7) & 0x0100_0100_0100_0100) ^ d == 0x0100_0100_0100_0100
}

/// The start of the Cyrillic word ending at `e` (hyphens and slashes inside).
#[inline]
fn word_start_back(hay: &[u8], e: usize, lo: usize) -> usize {
    let mut i = e;
    // Longer words are never rule words: stop early, the start is then wrong
    // but only ever looked up.
    let lo = lo.max(e.saturating_sub(MAX_WORD + 2));
    while i >= lo + 2 {
        let (b, c) = (hay[i - 2], hay[i - 1]);
        if (b == 0xD0 && (0x81..=0xBF).contains(&c)) || (b == 0xD1 && (0x80..=0x91).contains(&c)) {
            i -= 2;
        } else if i < e && matches!(c, b'-' | b'/') && i >= lo + 3 {
            i -= 1;
        } else {
            break;
        }
    }
    // Never start at a hyphen.
    while i < e && matches!(hay[i], b'-' | b'/') {
        i += 1;
    }
    i
}

/// The start of a number (with an ordinal ending: `1-я`) ending at `e`.
fn number_start_back(hay: &[u8], e: usize, lo: usize) -> usize {
    let mut i = word_start_back(hay, e, lo);
    if i < e && i > lo && hay[i - 1] == b'-' {
        i -= 1;
    } else if i < e {
        return e;
    }
    let d = i;
    while i > lo && hay[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == d || (i > lo && (hay[i - 1].is_ascii_alphanumeric() || cyr_before(hay, i, lo))) {
        return e;
    }
    i
}

#[inline]
fn cyr_before(hay: &[u8], i: usize, lo: usize) -> bool {
    i >= lo + 2 && cyr_at(hay, i - 2, i)
}

/// Whether nothing glues to a token ending at `e`: no letter, digit or `_`.
#[inline]
fn boundary_after(hay: &[u8], e: usize, end: usize) -> bool {
    e >= end || !(hay[e].is_ascii_alphanumeric() || hay[e] == b'_' || cyr_at(hay, e, end))
}

/// A capitalised word at `i` (second letter lower case): its end.
#[inline]
fn name_end(hay: &[u8], i: usize, end: usize) -> Option<usize> {
    if !upper_at(hay, i, end) || !lower_at(hay, i + 2, end) {
        return None;
    }
    let e = word_end(hay, i, end);
    boundary_after(hay, e, end).then_some(e)
}

/// [`name_end`] of the word `i..e` whose end `e = word_end(hay, i, end)` is known.
#[inline]
fn name_end_at(hay: &[u8], i: usize, e: usize, end: usize) -> Option<usize> {
    (upper_at(hay, i, end) && lower_at(hay, i + 2, end) && boundary_after(hay, e, end)).then_some(e)
}

/// `аль-Фараби`: a lower-case head, a hyphen, a capitalised tail.
fn lower_hyphen_name(hay: &[u8], s: usize, e: usize, end: usize) -> bool {
    lower_at(hay, s, end)
        && hay[s..e]
            .windows(3)
            .any(|w| w[0] == b'-' && w[1] == 0xD0 && matches!(w[2], 0x81 | 0x90..=0xAF))
}

/// Whether the word `hay[s..e]` before `i` is a capitalised one, right before
/// it with only spaces between (`Иванов Иван`).
fn capital_word_before(hay: &[u8], i: usize, lo: usize) -> bool {
    let b = back_spaces(hay, i, lo);
    if b == i {
        return false;
    }
    let s = word_start_back(hay, b, lo);
    s < b && upper_at(hay, s, b) && (s == lo || !hay[s - 1].is_ascii_alphanumeric())
}

/// Six digits standing alone: a postcode.
#[inline]
fn postcode_end(hay: &[u8], p: usize, end: usize) -> Option<usize> {
    let e = p + 6;
    if e > end || !hay[p..e].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if e < end {
        let b = hay[e];
        if b.is_ascii_digit() || !boundary_after(hay, e, end) {
            return None;
        }
        // `123456.78`, `123456-01`, `123456/7`: not a postcode.
        if matches!(b, b'.' | b':' | b'-' | b'/' | b',')
            && e + 1 < end
            && hay[e + 1].is_ascii_digit()
        {
            return None;
        }
    }
    Some(e)
}

/// A postcode and a comma before `s` (`644189, Омск`): the postcode's start.
fn postcode_before(hay: &[u8], s: usize, lo: usize) -> Option<usize> {
    let b = back_spaces(hay, s, lo);
    if b <= lo || hay[b - 1] != b',' {
        return None;
    }
    let e = back_spaces(hay, b - 1, lo);
    if e < lo + 6 {
        return None;
    }
    let p = e - 6;
    if !hay[p..e].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if p > lo {
        let c = hay[p - 1];
        if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'/' | b'_' | b':') {
            return None;
        }
    }
    Some(p)
}

/// A house or flat number: `5`, `71/2`, `177Б`, `15-253`, `9/1-48`.
fn number_end(hay: &[u8], p: usize, end: usize) -> Option<usize> {
    let digits = |mut q: usize| {
        let s = q;
        while q < end && hay[q].is_ascii_digit() {
            q += 1;
        }
        (q > s && q - s <= 5).then_some(q)
    };
    // One letter after the digits: `177Б`, `5а`.
    let letter = |q: usize| {
        if cyr_at(hay, q, end) && boundary_after(hay, q + 2, end) {
            q + 2
        } else if q < end && hay[q].is_ascii_alphabetic() && boundary_after(hay, q + 1, end) {
            q + 1
        } else {
            q
        }
    };
    let mut q = letter(digits(p)?);
    for sep in [b'/', b'-'] {
        if q + 1 < end && hay[q] == sep && hay[q + 1].is_ascii_digit() {
            q = letter(digits(q + 1)?);
        }
    }
    if !boundary_after(hay, q, end) {
        return None;
    }
    // `12.5`, `10:30`: a decimal or a time, not a house.
    if q + 1 < end && matches!(hay[q], b'.' | b':') && hay[q + 1].is_ascii_digit() {
        return None;
    }
    Some(q)
}

/// A number in a street name: `8`, `40`, `1-я`, `50-летия`.
fn ordinal_end(hay: &[u8], p: usize, end: usize) -> Option<usize> {
    let mut q = p;
    while q < end && hay[q].is_ascii_digit() {
        q += 1;
    }
    if q - p > 3 {
        return None;
    }
    if q + 1 < end && hay[q] == b'-' && cyr_at(hay, q + 1, end) {
        q = word_end(hay, q + 1, end);
    }
    boundary_after(hay, q, end).then_some(q)
}

/// A Roman number (`пом. IV`): its end.
fn roman_end(hay: &[u8], p: usize, end: usize) -> Option<usize> {
    let mut q = p;
    while q < end && q - p < 6 && matches!(hay[q], b'I' | b'V' | b'X') {
        q += 1;
    }
    (q > p && boundary_after(hay, q, end)).then_some(q)
}

/// The separator after a component: spaces, or a comma with spaces around.
fn sep_end(hay: &[u8], p: usize, end: usize) -> Option<(usize, bool)> {
    let mut q = skip_spaces(hay, p, end);
    let mut comma = false;
    if q < end && hay[q] == b',' {
        comma = true;
        q = skip_spaces(hay, q + 1, end);
    }
    (q > p).then_some((q, comma))
}

/// Folds `hay[s..e]` into `buf` with every run of spaces made one space;
/// returns the length, 0 when it does not fit.
fn squeeze(hay: &[u8], s: usize, e: usize, buf: &mut [u8]) -> usize {
    let mut n = 0;
    let mut i = s;
    while i < e {
        let sp = space_len(hay, i, e);
        if sp > 0 {
            if n == buf.len() {
                return 0;
            }
            buf[n] = b' ';
            n += 1;
            i = skip_spaces(hay, i, e);
            continue;
        }
        if n == buf.len() {
            return 0;
        }
        buf[n] = hay[i];
        n += 1;
        i += 1;
    }
    fold_in_place(&mut buf[..n]);
    n
}

#[cfg(test)]
mod tests;
