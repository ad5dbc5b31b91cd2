//! Digit identifiers: PHONE, INN, OGRN, OGRNIP, SNILS, PASSPORT, CARD, ACCOUNT, KZ_IIN.
//!
//! Two phases. [`at_digit`] is called on the first digit of a run; it rejects
//! runs glued into longer tokens (hashes, UUIDs, `ORD-2023-…`, decimals, times)
//! and otherwise gathers a *group*: digit runs joined by number separators
//! (`+7 (912) 345-67-89` is five runs). Groups with too few digits are dropped
//! on the spot, which is the common case in logs. The confirm phase tries the
//! whole group, then its parts split at spaces, longest first; a part becomes a
//! finding when its length, check digits, layout and the cue words before it
//! agree on one label (see the table on [`confirm`]). Nothing allocates.

use crate::checksum::{inn_valid, kz_iin_valid, luhn_valid, ogrn_valid, ogrnip_valid, snils_valid};
use crate::cue::{CueIndex, CueKind};
use crate::ip::ipv4_at;
use crate::phone::{international_ok, ru_kz_national_ok};
use crate::scanner::Sink;
use crate::text::{
    cyrillic_at, cyrillic_before, fold_in_place, is_digit, is_hex, is_word, number_separator_at,
    skip_digit_bytes, skip_numeric_bytes, skip_word_bytes,
};
use crate::Label;

const MAX_RUNS: usize = 8;
const MAX_DIGITS: usize = 24;

#[derive(Clone, Copy, Default)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

struct Group {
    runs: [Run; MAX_RUNS],
    n: usize,
    digits: usize,
    /// Position of a `+` written right before the first run.
    plus: Option<usize>,
}

/// Whether the byte before `i` glues a number at `i` into a longer word. JSON
/// escapes (`\n`, `\t`, `\r`) count as white space.
#[inline]
fn glued_before(hay: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = hay[i - 1];
    if is_word(p) {
        return !(matches!(p, b'n' | b't' | b'r') && i >= 2 && hay[i - 2] == b'\\');
    }
    cyrillic_before(hay, i)
}

/// Whether what follows a digit run at `e` makes it part of a longer token: a
/// glued letter, a decimal or time (`12.5`, `1,25`, `10:44`), an e-mail's `@`.
#[inline]
fn glued_after(hay: &[u8], e: usize) -> bool {
    match hay.get(e) {
        None => false,
        Some(&b) if is_word(b) => true,
        Some(b'.' | b',' | b':') => hay.get(e + 1).is_some_and(|b| is_digit(*b)),
        Some(b'@') => true,
        Some(_) => cyrillic_at(hay, e),
    }
}

fn skip_word(hay: &[u8], i: usize) -> usize {
    skip_word_bytes(hay, i)
}

/// Skips a numeric token such as `120.0.6099.109`, `1,234.5`, `2024-01-01T10`
/// or a UUID: word bytes, and `.` `,` `-` between them.
fn skip_numeric(hay: &[u8], mut i: usize) -> usize {
    loop {
        // Word bytes, and `.` `,` `-` between them.
        i = skip_numeric_bytes(hay, i);
        match hay.get(i) {
            // The minutes and seconds of a time ("T10:44:07"), never a group
            // of an IPv6 address, which has hex letters or four digits.
            Some(b':')
                if i > 0
                    && is_digit(hay[i - 1])
                    && hay.get(i + 1).is_some_and(|&c| is_digit(c))
                    && hay.get(i + 2).is_some_and(|&c| is_digit(c))
                    && hay.get(i + 3).is_none_or(|&c| !is_hex(c)) =>
            {
                i += 3
            }
            _ => return i,
        }
    }
}

fn skip_digits(hay: &[u8], i: usize) -> usize {
    skip_digit_bytes(hay, i)
}

/// The digit run that continues a group ending at `last` (after one to three
/// number separators), if it fits: at most [`MAX_DIGITS`] digits in all and not
/// glued into a longer token.
#[inline(always)]
fn next_run(hay: &[u8], last: usize, digits: usize) -> Option<Run> {
    let mut p = last;
    let mut seps = 0;
    while seps < 3 {
        let l = number_separator_at(hay, p);
        if l == 0 {
            break;
        }
        p += l;
        seps += 1;
    }
    if seps == 0 || p >= hay.len() || !is_digit(hay[p]) {
        return None;
    }
    let q = skip_digits(hay, p);
    if digits + (q - p) > MAX_DIGITS || glued_after(hay, q) {
        return None;
    }
    Some(Run { start: p, end: q })
}

/// What the byte right before a digit run says, for [`at_digit`]'s fast path.
pub(crate) const QUIET_BEFORE: u8 = 1;
/// What the byte right after a digit run says: it ends the group ([`AFTER_END`]),
/// glues the run into a word ([`AFTER_WORD`]), is a space, or needs a closer look.
pub(crate) const AFTER_END: u8 = 2;
const AFTER_WORD: u8 = 4;
pub(crate) const AFTER_SPACE: u8 = 8;
/// After a space that follows a run: a byte that neither continues the
/// separators nor starts a digit run, so the group ends before the space.
pub(crate) const QUIET_AFTER_SPACE: u8 = 16;

/// Byte classes for [`at_digit`]'s fast path. Everything not ASCII, and every
/// byte the full path treats specially, is left out: those take the full path.
/// (The AVX-512 candidate mask reads them too: see [`quiet_run`].)
static RUN_EDGE: [u8; 256] = RUN_EDGE_CLASSES;

pub(crate) const RUN_EDGE_CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 0x80 {
        let c = b as u8;
        let word = c.is_ascii_alphanumeric() || c == b'_';
        // `glued_before` and the prefix cases of `at_digit`.
        if !word
            && !matches!(
                c,
                b'.' | b',' | b':' | b'/' | b'-' | b'\\' | b'@' | b'%' | b'+'
            )
        {
            t[b] |= QUIET_BEFORE;
        }
        // `glued_after`, the decimal case and the separators of `next_run`.
        if word {
            t[b] |= AFTER_WORD;
        } else if c == b' ' {
            t[b] |= AFTER_SPACE;
        } else if !matches!(c, b'.' | b',' | b':' | b'@' | b'-' | b'(' | b')') {
            t[b] |= AFTER_END;
        }
        if !c.is_ascii_digit() && !matches!(c, b' ' | b'-' | b'(' | b')') {
            t[b] |= QUIET_AFTER_SPACE;
        }
        b += 1;
    }
    t
};

/// Handles the digit at `i` (the main loop guarantees `hay[i]` is a digit);
/// returns where scanning resumes.
///
/// Inlined into the scan loop for the shapes that fill logs (`status=200`,
/// `user_id=582049 `, `ts=1752012410`, `request_id=18cbb99d-…`): a quiet byte
/// before the run and one after it that ends the group or glues the run into a
/// word. These return exactly what [`at_digit_full`] would; all else goes there.
#[inline(always)]
pub(crate) fn at_digit(hay: &[u8], i: usize, cues: &CueIndex, sink: &mut Sink<'_>) -> usize {
    if i > 0 && RUN_EDGE[hay[i - 1] as usize] & QUIET_BEFORE == 0 {
        return at_digit_full(hay, i, cues, sink);
    }
    let e = skip_digits(hay, i);
    let lone = match hay.get(e) {
        None => true,
        Some(&b) => {
            let class = RUN_EDGE[b as usize];
            if class & AFTER_WORD != 0 {
                return skip_numeric(hay, e);
            }
            class & AFTER_END != 0
                || (class & AFTER_SPACE != 0
                    && hay
                        .get(e + 1)
                        .is_none_or(|&c| RUN_EDGE[c as usize] & QUIET_AFTER_SPACE != 0))
        }
    };
    if !lone {
        // A decimal such as `amount=273421.34` (a shorter run may start an
        // IPv4 address, which the full path looks at).
        if hay[e] == b'.' && e - i > 3 && hay.get(e + 1).is_some_and(|&c| is_digit(c)) {
            // `skip_numeric` from `e` passes the fraction's digits; it stops
            // right after them unless a word byte, `.`, `,`, `-` or `:` follows.
            let q = skip_digits(hay, e + 1);
            return match hay.get(q) {
                Some(&c) if is_word(c) || matches!(c, b'.' | b',' | b'-' | b':') => {
                    skip_numeric(hay, q)
                }
                _ => q,
            };
        }
        // An ISO date with a time glued to it (`2024-12-01T10:44`, the start
        // of most log lines): the group is the year and the month, six
        // digits, too few for any label, and `at_run` would return after the
        // month.
        if e - i == 4 && hay[e] == b'-' {
            if let Some(&[m1, m2, b'-', d1, d2, t]) = hay.get(e + 1..e + 7) {
                if is_digit(m1)
                    && is_digit(m2)
                    && is_digit(d1)
                    && is_digit(d2)
                    && is_word(t)
                    && !is_digit(t)
                {
                    return e + 3;
                }
            }
        }
        // The prefix checks of `at_digit_full` pass for a quiet byte before.
        return at_run(hay, i, e, None, cues, sink);
    }
    match e - i {
        // A passport series needs a connector (`№`, `номер`, `no`, `n`) next:
        // after a lone run only a space and `n` can start one.
        4 if hay.get(e) == Some(&b' ') && matches!(hay.get(e + 1), Some(b'n' | b'N')) => {
            lone_four(hay, Run { start: i, end: e }, cues, sink)
        }
        8.. => lone_long(hay, Run { start: i, end: e }, None, cues, sink),
        _ => e,
    }
}

/// Whether the digit at `i` (a candidate) starts a run that [`at_digit`]
/// settles at once with nothing found, returning the run's end: a quiet byte
/// before it, at most seven digits, and after them a byte that ends the group
/// or a space and a byte that ends it (not `n`/`N`, which may start a passport
/// connector after four digits). No candidate lies between `i` and that end,
/// so the scan may skip the visit: the AVX-512 candidate mask drops these runs
/// (`text::block_masks_avx512`), and tests check it against this rule.
#[cfg(test)]
pub(crate) fn quiet_run(hay: &[u8], i: usize) -> bool {
    if i > 0 && RUN_EDGE[hay[i - 1] as usize] & QUIET_BEFORE == 0 {
        return false;
    }
    let e = skip_digits(hay, i);
    if e - i > 7 || e >= hay.len() {
        return false;
    }
    let class = RUN_EDGE[hay[e] as usize];
    class & AFTER_END != 0
        || (class & AFTER_SPACE != 0
            && hay.get(e + 1).is_some_and(|&c| {
                RUN_EDGE[c as usize] & QUIET_AFTER_SPACE != 0 && !matches!(c, b'n' | b'N')
            }))
}

/// [`at_digit`] with every case.
#[inline(never)]
fn at_digit_full(hay: &[u8], i: usize, cues: &CueIndex, sink: &mut Sink<'_>) -> usize {
    let mut plus = None;
    if i > 0 && hay[i - 1] == b'N' && (i < 2 || !is_word(hay[i - 2])) {
        return kz_passport(hay, i, cues, sink);
    }
    if glued_before(hay, i) {
        return skip_word(hay, i);
    }
    if i > 0 {
        match hay[i - 1] {
            // A decimal, a time or a version part: `1.5`, `10:44`, `1,25`.
            b'.' | b',' | b':' if i >= 2 && is_digit(hay[i - 2]) => return skip_numeric(hay, i),
            // A path, an id or an escape: `/items/123`, `ORD-2023`, `\\x12`.
            b'/' | b'-' | b'\\' if i >= 2 && is_word(hay[i - 2]) => return skip_numeric(hay, i),
            // user:password@10.0.0.1 — only an address may follow an `@`.
            b'@' => {
                return match ipv4_at(hay, i) {
                    Some(end) => {
                        sink.emit(Label::Ip, i, end, 0.95);
                        end
                    }
                    None => skip_numeric(hay, i),
                }
            }
            b'%' => return skip_numeric(hay, i),
            b'+' => {
                if glued_before(hay, i - 1) || (i >= 2 && is_digit(hay[i - 2])) {
                    return skip_numeric(hay, i);
                }
                plus = Some(i - 1);
            }
            _ => {}
        }
    }
    at_run(hay, i, skip_digits(hay, i), plus, cues, sink)
}

/// The part of [`at_digit_full`] after the prefix checks: the run `i..e`
/// (`plus` is the `+` before it, if any) and whatever follows it.
#[inline(never)]
fn at_run(
    hay: &[u8],
    i: usize,
    e: usize,
    plus: Option<usize>,
    cues: &CueIndex,
    sink: &mut Sink<'_>,
) -> usize {
    if hay.get(e) == Some(&b'.') && hay.get(e + 1).is_some_and(|b| is_digit(*b)) {
        if plus.is_none() && e - i <= 3 {
            if let Some(end) = ipv4_at(hay, i) {
                if !version_before(hay, i) {
                    sink.emit(Label::Ip, i, end, 0.95);
                }
                return end;
            }
        }
        return skip_numeric(hay, e);
    }
    if glued_after(hay, e) {
        return skip_numeric(hay, e);
    }
    let first = Run { start: i, end: e };
    let Some(second) = next_run(hay, e, e - i) else {
        // Most numbers in logs stand alone (`status=200`, `user_id=582049`):
        // settle them without gathering a group.
        return lone_run(hay, first, plus, cues, sink);
    };
    // Walk the group without keeping it first: most groups (dates such as
    // `2024-12-01T…`) are too short for any label and end here.
    let (mut n, mut digits, mut end) = (2, first.len() + second.len(), second.end);
    while n < MAX_RUNS {
        let Some(r) = next_run(hay, end, digits) else {
            break;
        };
        n += 1;
        digits += r.len();
        end = r.end;
    }
    if digits < 8 && !(digits == 4 && n == 2) {
        return end;
    }
    group(hay, first, second, plus, cues, sink)
}

/// The rest of [`at_run`] for a group of at least two runs: gather it, then
/// the passport series with a connector, or the confirm step.
#[inline(never)]
fn group(
    hay: &[u8],
    first: Run,
    second: Run,
    plus: Option<usize>,
    cues: &CueIndex,
    sink: &mut Sink<'_>,
) -> usize {
    let i = first.start;
    let mut g = Group {
        runs: [Run::default(); MAX_RUNS],
        n: 2,
        digits: first.len() + second.len(),
        plus,
    };
    g.runs[0] = first;
    g.runs[1] = second;
    while g.n < MAX_RUNS {
        let Some(r) = next_run(hay, g.runs[g.n - 1].end, g.digits) else {
            break;
        };
        g.runs[g.n] = r;
        g.n += 1;
        g.digits += r.len();
    }
    let group_end = g.runs[g.n - 1].end;
    if g.digits == 4 && g.n == 2 && g.runs[0].len() == 2 {
        if let Some(end) = passport_with_connector(hay, group_end) {
            if nearest_cue(hay, i, cues, &[CueKind::Passport]) == Some(CueKind::Passport) {
                sink.emit(Label::Passport, i, end, 0.95);
                return end;
            }
        }
        return group_end;
    }
    if g.digits < 8 {
        return group_end;
    }
    confirm_parts(hay, &g, cues, sink);
    group_end
}

/// [`at_digit`] for a group of one run: the same decisions without the
/// gathering.
#[inline]
fn lone_run(
    hay: &[u8],
    run: Run,
    plus: Option<usize>,
    cues: &CueIndex,
    sink: &mut Sink<'_>,
) -> usize {
    match run.len() {
        4 => lone_four(hay, run, cues, sink),
        8.. => lone_long(hay, run, plus, cues, sink),
        _ => run.end,
    }
}

/// A lone run of four digits: a passport series if a connector and a number follow.
#[inline(never)]
fn lone_four(hay: &[u8], run: Run, cues: &CueIndex, sink: &mut Sink<'_>) -> usize {
    if let Some(end) = passport_with_connector(hay, run.end) {
        if nearest_cue(hay, run.start, cues, &[CueKind::Passport]) == Some(CueKind::Passport) {
            sink.emit(Label::Passport, run.start, end, 0.95);
            return end;
        }
    }
    run.end
}

/// A lone run of eight digits or more: `confirm_parts` of a one-run group,
/// which has a single part.
#[inline(never)]
fn lone_long(
    hay: &[u8],
    run: Run,
    plus: Option<usize>,
    cues: &CueIndex,
    sink: &mut Sink<'_>,
) -> usize {
    if let Some((label, start, end, score)) = confirm_inline(hay, &[run], plus, cues) {
        sink.emit(label, start, end, score);
    }
    run.end
}

/// Whether the word before an IPv4-looking number says it is a version.
fn version_before(hay: &[u8], i: usize) -> bool {
    let lo = i.saturating_sub(12);
    let mut w = [0u8; 12];
    let n = i - lo;
    w[..n].copy_from_slice(&hay[lo..i]);
    let w = &mut w[..n];
    w.make_ascii_lowercase();
    let t = trim_end_punct(w);
    t.ends_with(b"version") || t.ends_with(b"ver") || t.ends_with(b"v") || t.ends_with(b"build")
}

fn trim_end_punct(w: &[u8]) -> &[u8] {
    let mut e = w.len();
    while e > 0 && matches!(w[e - 1], b' ' | b'=' | b':' | b'/' | b'"' | b'\'') {
        e -= 1;
    }
    &w[..e]
}

/// `4508 № 123456`, `45 08 номер 123456`: a series ending at `series_end`, a
/// connector word or sign, and a six-digit number; returns the number's end.
fn passport_with_connector(hay: &[u8], series_end: usize) -> Option<usize> {
    let mut p = series_end;
    let skip_spaces = |mut p: usize| {
        while p < hay.len() {
            let l = number_separator_at(hay, p);
            if l == 0 || hay[p] == b'-' || hay[p] == b'(' || hay[p] == b')' {
                break;
            }
            p += l;
        }
        p
    };
    p = skip_spaces(p);
    // Every connector starts with one of these bytes once folded (`№` is E2…,
    // `н`/`Н` D0…, and D1 folds to D0 for `ё`): the usual `duration_ms=2047 ts=`
    // stops here.
    if !matches!(hay.get(p), Some(0xE2 | 0xD0 | 0xD1 | b'n' | b'N')) {
        return None;
    }
    let rest = &hay[p..hay.len().min(p + 12)];
    let mut word = [0u8; 12];
    word[..rest.len()].copy_from_slice(rest);
    fold_in_place(&mut word[..rest.len()]);
    let connector: &[&[u8]] = &["№".as_bytes(), "номер".as_bytes(), b"no.", b"no", b"n"];
    let c = connector.iter().find(|c| word.starts_with(c))?;
    p += c.len();
    if p < hay.len() && (is_word(hay[p]) && !is_digit(hay[p])) {
        return None;
    }
    p = skip_spaces(p);
    let q = skip_digits(hay, p);
    (q - p == 6 && !glued_before(hay, p) && !glued_after(hay, q)).then_some(q)
}

/// Whether runs `a` and `a+1` are separated by white space only.
/// Whether runs `a` and `a+1` may belong to two numbers: the separator starts
/// with white space (`… 0603 (3994 ms)` splits, `8 (495)` may too).
fn split_point(hay: &[u8], runs: &[Run], a: usize) -> bool {
    let between = &hay[runs[a].end..runs[a + 1].start];
    matches!(between.first(), Some(b' ' | b'\t' | 0xC2 | 0xE2))
        && !between.windows(3).any(|w| w == [0xE2, 0x80, 0x91])
}

fn space_between(hay: &[u8], runs: &[Run], a: usize) -> bool {
    let between = &hay[runs[a].end..runs[a + 1].start];
    !between.iter().any(|&b| matches!(b, b'-' | b'(' | b')'))
        && !between.windows(3).any(|w| w == [0xE2, 0x80, 0x91])
}

/// Tries the whole group, then parts split at spaces, longest first from the left.
fn confirm_parts(hay: &[u8], g: &Group, cues: &CueIndex, sink: &mut Sink<'_>) {
    let runs = &g.runs[..g.n];
    let mut s = 0;
    while s < g.n {
        let mut found = None;
        let mut e = g.n;
        while e > s {
            e -= 1;
            if e + 1 < g.n && !split_point(hay, runs, e) {
                continue;
            }
            let plus = if s == 0 { g.plus } else { None };
            if let Some(f) = confirm(hay, &runs[s..=e], plus, cues) {
                found = Some((e, f));
                break;
            }
        }
        match found {
            Some((e, (label, start, end, score))) => {
                sink.emit(label, start, end, score);
                s = e + 1;
            }
            None => s += 1,
        }
        while s > 0 && s < g.n && !split_point(hay, runs, s - 1) {
            s += 1;
        }
    }
}

type Confirmed = (Label, usize, usize, f32);

/// Decides the label of `runs` (consecutive runs of a group; `plus` is the `+`
/// written before the first one, if it is the group's first).
///
/// | digits | with a cue word (nearest one that fits wins)      | without a cue (and no veto word nearer) |
/// |--------|---------------------------------------------------|------------------------------------------|
/// | `+…`   | —                                                 | PHONE: +7 and a Russian/Kazakh code, or a known calling code |
/// | 9      | PASSPORT (удостоверение РК, загранпаспорт 2+7)     | — |
/// | 10     | INN (check digit), PASSPORT (series year), PHONE   | PASSPORT `45 08 123456` / `4508 123456`; PHONE `(912) 345-67-89` |
/// | 11     | SNILS (check number), PHONE (7/8 + code)           | SNILS `123-456-789 01`; PHONE `8 912 345-67-89` |
/// | 12     | INN (two check digits), KZ_IIN (check digit)       | — |
/// | 13     | OGRN (check digit), CARD (Luhn)                    | — (13-digit ids pass the check 1 in 10) |
/// | 15     | OGRNIP (check digit), CARD (Luhn)                  | Amex `3782 822463 10005` |
/// | 14–19  | CARD (Luhn)                                        | CARD: Luhn and a payment-system prefix |
/// | 20     | ACCOUNT                                            | ACCOUNT: balance-account and currency codes |
#[inline(never)]
fn confirm(hay: &[u8], runs: &[Run], plus: Option<usize>, cues: &CueIndex) -> Option<Confirmed> {
    confirm_inline(hay, runs, plus, cues)
}

/// [`confirm`], inlined where the caller knows more: a lone run's copy is
/// specialised for one run (no loops over runs, no layout checks).
#[inline(always)]
fn confirm_inline(
    hay: &[u8],
    runs: &[Run],
    plus: Option<usize>,
    cues: &CueIndex,
) -> Option<Confirmed> {
    let len: usize = runs.iter().map(Run::len).sum();
    if !(8..=20).contains(&len) {
        return None;
    }
    // Digit values: copy the runs, then subtract '0' from the whole buffer at
    // once (the bytes past `len` are never read). Each run is copied as a
    // fixed 24 bytes when `hay` has them, which needs no call to memcpy; the
    // next run overwrites what follows it.
    let mut buf = [0u8; MAX_DIGITS + 24];
    let mut k = 0;
    for r in runs {
        match hay.get(r.start..r.start + 24) {
            Some(chunk) => buf[k..k + 24].copy_from_slice(chunk),
            None => buf[k..k + r.len()].copy_from_slice(&hay[r.start..r.end]),
        }
        k += r.len();
    }
    for b in &mut buf[..MAX_DIGITS] {
        *b = b.wrapping_sub(b'0');
    }
    let d = &buf[..len];
    let first = runs[0].start;
    let end = runs[runs.len() - 1].end;
    if let Some(p) = plus {
        return international_ok(d).then_some((Label::Phone, p, end, 0.95));
    }
    if len == 8 {
        return None;
    }
    let lens = |want: &[usize]| {
        runs.len() == want.len() && runs.iter().zip(want).all(|(r, &w)| r.len() == w)
    };
    // Cheap validators first: most long numbers in logs (epochs, ids) fail every
    // check digit and structure, and then the context is never looked at.
    let card = || luhn_valid(d) && card_prefix_ok(d);
    let possible = match len {
        9 | 20 => true,
        10 => passport_series_ok(d) || ru_kz_national_ok(d) || inn_valid(d),
        11 => snils_valid(d) || (matches!(d[0], 7 | 8) && ru_kz_national_ok(&d[1..])),
        12 => inn_valid(d) || kz_iin_valid(d),
        13 => ogrn_valid(d) || card(),
        15 => ogrnip_valid(d) || card(),
        14 | 16..=19 => card(),
        _ => false,
    };
    if !possible {
        return None;
    }
    let paren_before = first > 0 && hay[first - 1] == b'(';
    let all_spaces = (0..runs.len() - 1).all(|a| space_between(hay, runs, a));

    // Candidate cue kinds for this length.
    let kinds: &[CueKind] = match len {
        9 => &[CueKind::Passport],
        10 => &[CueKind::Inn, CueKind::Passport, CueKind::Phone],
        11 => &[CueKind::Snils, CueKind::Phone],
        12 => &[CueKind::Inn, CueKind::KzIin],
        13 => &[CueKind::Ogrn, CueKind::Card],
        14 => &[CueKind::Card],
        15 => &[CueKind::Ogrnip, CueKind::Card],
        16..=19 => &[CueKind::Card],
        20 => &[CueKind::Account],
        _ => &[],
    };
    // Walk the cue words nearest first: the first one that fits and validates
    // decides; a veto word before any fitting cue rejects the number.
    let mut decided = None;
    let mut vetoed = false;
    let mut seen_fitting = false;
    cues.scan_back(hay, first, |kind, dist| {
        if kind == CueKind::Veto {
            if dist > VETO_REACH {
                return false;
            }
            vetoed = !seen_fitting;
            return true;
        }
        if !kinds.contains(&kind) {
            return false;
        }
        seen_fitting = true;
        decided = match kind {
            CueKind::Passport if len == 9 || (len == 10 && passport_series_ok(d)) => {
                Some(Label::Passport)
            }
            CueKind::Inn if inn_valid(d) => Some(Label::Inn),
            CueKind::Phone if len == 10 && ru_kz_national_ok(d) => Some(Label::Phone),
            CueKind::Phone if len == 11 && matches!(d[0], 7 | 8) && ru_kz_national_ok(&d[1..]) => {
                Some(Label::Phone)
            }
            CueKind::Snils if snils_valid(d) => Some(Label::Snils),
            CueKind::KzIin if kz_iin_valid(d) => Some(Label::KzIin),
            CueKind::Ogrn if ogrn_valid(d) => Some(Label::Ogrn),
            CueKind::Ogrnip if ogrnip_valid(d) => Some(Label::Ogrnip),
            CueKind::Card if card() => Some(Label::Card),
            CueKind::Account if len == 20 => Some(Label::Account),
            _ => None,
        };
        decided.is_some()
    });
    if let Some(label) = decided {
        return Some((label, first, end, 0.95));
    }
    if vetoed {
        return None;
    }
    // No cue decided: only unambiguous layouts and structures.
    let label = match len {
        10 if all_spaces && (lens(&[2, 2, 6]) || lens(&[4, 6])) && passport_series_ok(d) => {
            Some(Label::Passport)
        }
        10 if paren_before
            && runs.len() >= 2
            && (3..=5).contains(&runs[0].len())
            && ru_kz_national_ok(d) =>
        {
            Some(Label::Phone)
        }
        11 if (lens(&[3, 3, 3, 2])) && snils_valid(d) => Some(Label::Snils),
        // A mobile number alone in a table cell (`| 79161234567 |`).
        11 if runs.len() == 1
            && matches!(d[0], 7 | 8)
            && d[1] == 9
            && in_table_cell(hay, first, end) =>
        {
            Some(Label::Phone)
        }
        // `8 912 345-67-89`, `8 (4852) 27-03-23`: a lone 7/8, then the area code.
        11 if runs.len() >= 3
            && runs[0].len() == 1
            && matches!(d[0], 7 | 8)
            && (3..=5).contains(&runs[1].len())
            && ru_kz_national_ok(&d[1..]) =>
        {
            Some(Label::Phone)
        }
        15 if lens(&[4, 6, 5]) && matches!((d[0], d[1]), (3, 4) | (3, 7)) && luhn_valid(d) => {
            Some(Label::Card)
        }
        16..=19 if luhn_valid(d) && card_prefix_ok(d) && card_layout_ok(runs) => Some(Label::Card),
        20 if account_structure_ok(d) => Some(Label::Account),
        _ => None,
    };
    label.map(|l| (l, first, end, 0.85))
}

/// A veto word speaks only for the number right after it (`order_id=…`,
/// `ts=…`, `заказ № …`): at most this many bytes between them.
const VETO_REACH: u16 = 8;

/// Passport series: a region code 01–99 and the year the form was printed (1997 on).
fn passport_series_ok(d: &[u8]) -> bool {
    let region = d[0] * 10 + d[1];
    let year = d[2] * 10 + d[3];
    region > 0 && (year >= 97 || year <= 26)
}

/// Issuer prefixes of payment systems that issue cards in Russia and abroad.
fn card_prefix_ok(d: &[u8]) -> bool {
    let p2 = d[0] as u32 * 10 + d[1] as u32;
    let p4 = p2 * 100 + d[2] as u32 * 10 + d[3] as u32;
    match d[0] {
        4 => true,                                                                // Visa
        5 => matches!(p2, 50..=58), // MasterCard, Maestro
        2 => (2200..=2204).contains(&p4) || (2221..=2720).contains(&p4), // Мир, MasterCard 2-series
        3 => matches!(p2, 30 | 34 | 36 | 37 | 38) || (3528..=3589).contains(&p4), // Amex, Diners, JCB
        6 => true, // Maestro, UnionPay, Discover
        _ => false,
    }
}

/// Cards are written plain or in groups of four (the last group may be shorter).
fn card_layout_ok(runs: &[Run]) -> bool {
    runs.len() == 1 || runs[..runs.len() - 1].iter().all(|r| r.len() == 4)
}

/// A 20-digit account without a cue word: a balance account of the first order
/// used for client accounts (301–303, 40x–42x, 45x, 47x) and a currency code.
fn account_structure_ok(d: &[u8]) -> bool {
    let bal = d[0] as u32 * 100 + d[1] as u32 * 10 + d[2] as u32;
    let cur = d[5] as u32 * 100 + d[6] as u32 * 10 + d[7] as u32;
    let bal_ok = matches!(bal, 301..=303 | 401..=429 | 450..=459 | 470..=479);
    let cur_ok = matches!(
        cur,
        810 | 643
            | 840
            | 978
            | 156
            | 398
            | 933
            | 980
            | 826
            | 756
            | 392
            | 51
            | 417
            | 860
            | 972
            | 944
    );
    bal_ok && cur_ok
}

/// The nearest cue among `kinds` before `start`, unless a veto word is nearer.
fn nearest_cue(hay: &[u8], start: usize, cues: &CueIndex, kinds: &[CueKind]) -> Option<CueKind> {
    let mut found = None;
    cues.scan_back(hay, start, |kind, dist| {
        if (kind == CueKind::Veto && dist <= VETO_REACH) || kinds.contains(&kind) {
            found = Some(kind);
            return true;
        }
        false
    });
    found.filter(|&k| k != CueKind::Veto)
}

/// `паспорт РК № N12345678`: `N` and eight digits after a passport cue.
fn kz_passport(hay: &[u8], i: usize, cues: &CueIndex, sink: &mut Sink<'_>) -> usize {
    let e = skip_digits(hay, i);
    if e - i == 8
        && !glued_after(hay, e)
        && nearest_cue(hay, i - 1, cues, &[CueKind::Passport]) == Some(CueKind::Passport)
    {
        sink.emit(Label::Passport, i - 1, e, 0.9);
        return e;
    }
    skip_word(hay, i)
}

/// Whether `start..end` fills a cell of a `|`-separated table (spaces aside).
fn in_table_cell(hay: &[u8], start: usize, end: usize) -> bool {
    let before = hay[..start].iter().rev().find(|&&b| b != b' ').copied();
    let after = hay[end..].iter().find(|&&b| b != b' ').copied();
    before == Some(b'|') && matches!(after, Some(b'|') | Some(b'\n') | Some(b'\r') | None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cue::CUES_TXT;
    use crate::scanner::Sink;
    use crate::{Finding, LabelSet};

    /// The fast paths of [`at_digit`] decide as [`at_digit_full`]: the same
    /// resume position and findings at every digit of log lines, dates and
    /// random mixes.
    #[test]
    fn at_digit_is_at_digit_full() {
        let cues = CueIndex::from_rules(CUES_TXT).unwrap();
        let mut text = crate::testdata::log_lines(300);
        text.extend_from_slice(
            "2024-12-01T10:44 2024-12-01 10:44 2024-1-01T1 2024-12-0110 2024-12-01T \
             2024-12-01_x 2024-12-01- 1999-12-31Z 12345-12-01T1 2024-12-01T1 2024-12-01\n\
             ts=1752012410 status=200 amount=273421.34 тел. 8 (912) 345-67-89 ИНН 7707083893"
                .as_bytes(),
        );
        let alphabet = b"0123456789--- T_.:xZ\n";
        text.extend(crate::testdata::mix(
            alphabet,
            50_000,
            0x9E37_79B9_7F4A_7C15,
        ));
        let mut checked = 0;
        for p in 0..text.len() {
            if !is_digit(text[p]) || (p > 0 && is_digit(text[p - 1])) {
                continue;
            }
            let (mut a, mut b): (Vec<Finding>, Vec<Finding>) = (Vec::new(), Vec::new());
            let fast = at_digit(&text, p, &cues, &mut Sink::new(&mut a, LabelSet::ALL, 0));
            let full = at_digit_full(&text, p, &cues, &mut Sink::new(&mut b, LabelSet::ALL, 0));
            assert_eq!(
                (fast, &a),
                (full, &b),
                "at {p}: {:?}",
                String::from_utf8_lossy(&text[p..(p + 24).min(text.len())])
            );
            checked += 1;
        }
        assert!(checked > 10_000, "{checked}");
    }
}
