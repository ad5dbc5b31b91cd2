//! Context words before a number ("ИНН", "тел.", "р/с", "order_id") that decide
//! between labels and admit weaker shapes. The words are data: `rules/cues.txt`.
//!
//! The rule: look at up to [`WINDOW`] bytes before the candidate, never past the
//! start of its line, fold the case (ASCII and Cyrillic), and find every cue
//! word there. Each kind keeps the distance of its nearest occurrence; the
//! number confirmer asks for the nearest kind among those that fit its length.
//! Staying on one line keeps detection line-local, so splitting input into
//! chunks at line boundaries can never change a finding.

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use crate::error::Error;
use crate::text::{fold_in_place, fold_pair, letter_at, letter_before};

/// How far back, in bytes, a cue may stand from the number it speaks for.
pub(crate) const WINDOW: usize = 64;

/// What a cue word speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum CueKind {
    Inn = 0,
    Ogrn,
    Ogrnip,
    Snils,
    Passport,
    Phone,
    Card,
    Account,
    KzIin,
    Bik,
    Veto,
}

#[cfg(test)]
const KINDS: usize = 11;

impl CueKind {
    fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "INN" => CueKind::Inn,
            "OGRN" => CueKind::Ogrn,
            "OGRNIP" => CueKind::Ogrnip,
            "SNILS" => CueKind::Snils,
            "PASSPORT" => CueKind::Passport,
            "PHONE" => CueKind::Phone,
            "CARD" => CueKind::Card,
            "ACCOUNT" => CueKind::Account,
            "KZ_IIN" => CueKind::KzIin,
            "BIK" => CueKind::Bik,
            "VETO" => CueKind::Veto,
            _ => return None,
        })
    }
}

/// The nearest occurrence of each cue kind before one candidate (for tests).
#[cfg(test)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CueHits {
    /// Distance in bytes from the cue's end to the candidate's start; `u16::MAX` when absent.
    dist: [u16; KINDS],
}

#[cfg(test)]
impl CueHits {
    const NONE: CueHits = CueHits {
        dist: [u16::MAX; KINDS],
    };

    pub(crate) fn has(&self, k: CueKind) -> bool {
        self.dist[k as usize] != u16::MAX
    }

    pub(crate) fn distance(&self, k: CueKind) -> u16 {
        self.dist[k as usize]
    }

    /// The nearest kind among `kinds` that occurs, if any.
    pub(crate) fn nearest_of(&self, kinds: &[CueKind]) -> Option<CueKind> {
        kinds
            .iter()
            .copied()
            .filter(|&k| self.has(k))
            .min_by_key(|&k| self.distance(k))
    }

    /// Whether a veto word stands nearer than every cue in `kinds`.
    pub(crate) fn vetoed(&self, kinds: &[CueKind]) -> bool {
        let v = self.distance(CueKind::Veto);
        v != u16::MAX && kinds.iter().all(|&k| self.distance(k) > v)
    }
}

/// The compiled cue dictionary.
///
/// Every cue word, folded and reversed, goes into an aho-corasick DFA (all
/// matches reported, standard semantics). It is walked by hand backwards from
/// the number, so the nearest cue is found first and the walk usually stops
/// after a few bytes. For that walk the DFA is copied into one flat table of
/// our own: a walk then needs two loads a byte and almost no setup.
#[derive(Debug)]
pub(crate) struct CueIndex {
    /// Byte to column of `next`. ASCII letters share the column of their lower
    /// case (the walk folds them), and bytes the automaton does not tell apart
    /// share one.
    class: [u8; 256],
    columns: usize,
    /// `next[state * columns + class]`: the next state, with [`MATCH`] set when
    /// that state ends cue words. State 0 is the start.
    next: Vec<u16>,
    /// Per state: the part of `matches` it reports, in the DFA's order.
    match_range: Vec<(u16, u16)>,
    /// Per reported match: the word's length in bytes, its kind, and whether
    /// more letters may follow it.
    matches: Vec<(u16, CueKind, bool)>,
}

/// Flags a state of [`CueIndex::next`] that ends cue words.
const MATCH: u16 = 0x8000;

pub(crate) const CUES_TXT: &str = include_str!("../rules/cues.txt");

impl CueIndex {
    pub(crate) fn from_rules(text: &str) -> Result<CueIndex, Error> {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut meta = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let kind = parts.next().and_then(CueKind::parse).ok_or_else(|| {
                Error::Rules(format!("cues line {}: unknown kind in {line:?}", n + 1))
            })?;
            let mut rest: Vec<&str> = parts.collect();
            let prefix = rest.last() == Some(&"prefix");
            if prefix {
                rest.pop();
            }
            if rest.is_empty() {
                return Err(Error::Rules(format!("cues line {}: no word", n + 1)));
            }
            let mut w = rest.join(" ").into_bytes();
            fold_in_place(&mut w);
            // The automaton reads the line backwards from the number.
            w.reverse();
            words.push(w);
            meta.push((kind, prefix));
        }
        let err = |e: &dyn std::fmt::Display| Error::Rules(format!("cue automaton: {e}"));
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&words)
            .map_err(|e| err(&e))?;
        let start = dfa.start_state(Anchored::No).map_err(|e| err(&e))?;

        // Columns: one per byte that occurs in a (folded) cue word, and one for
        // all other bytes, which lead back to the start from every state. The
        // walk folds ASCII letters, so upper case shares the lower-case column.
        let mut class = [0u8; 256];
        let mut alphabet = vec![0u8]; // a byte in no cue word: column 0
        for w in &words {
            for &b in w {
                if class[b as usize] == 0 && b != 0 {
                    class[b as usize] = alphabet.len() as u8;
                    alphabet.push(b);
                }
            }
        }
        if words.iter().flatten().any(|&b| b == 0) || alphabet.len() > 255 {
            return Err(err(&"unexpected bytes in cue words"));
        }
        for b in b'A'..=b'Z' {
            class[b as usize] = class[b.to_ascii_lowercase() as usize];
        }
        // Number the states reachable from the start (breadth first, the start
        // first) and record their transitions, one column per class.
        let mut ids: HashMap<StateID, u16> = HashMap::from([(start, 0)]);
        let mut states = vec![start];
        let mut next: Vec<u16> = Vec::new();
        let mut done = 0;
        while done < states.len() {
            let sid = states[done];
            for &b in &alphabet {
                let to = dfa.next_state(Anchored::No, sid, b);
                let n = ids.len();
                next.push(*ids.entry(to).or_insert_with(|| {
                    states.push(to);
                    n as u16
                }));
            }
            done += 1;
        }
        if states.len() >= MATCH as usize {
            return Err(err(&"too many states"));
        }
        let columns = alphabet.len();
        if cfg!(debug_assertions) {
            // The table is the DFA, for every state and byte.
            for (s, &sid) in states.iter().enumerate() {
                for b in 0..=255u8 {
                    let want = dfa.next_state(Anchored::No, sid, b.to_ascii_lowercase());
                    assert_eq!(
                        states[next[s * columns + class[b as usize] as usize] as usize],
                        want
                    );
                }
            }
        }
        let is_match: Vec<bool> = states.iter().map(|&sid| dfa.is_match(sid)).collect();
        for to in &mut next {
            if is_match[*to as usize] {
                *to |= MATCH;
            }
        }
        let mut match_range = Vec::with_capacity(states.len());
        let mut matches = Vec::new();
        for (s, &sid) in states.iter().enumerate() {
            let from = matches.len() as u16;
            if is_match[s] {
                for m in 0..dfa.match_len(sid) {
                    let pid = dfa.match_pattern(sid, m);
                    let (kind, prefix) = meta[pid.as_usize()];
                    matches.push((dfa.pattern_len(pid) as u16, kind, prefix));
                }
            }
            match_range.push((from, matches.len() as u16));
        }
        Ok(CueIndex {
            class,
            columns,
            next,
            match_range,
            matches,
        })
    }

    /// Calls `f(kind, distance)` for each cue word in the line before `start`,
    /// nearest first (by where the word starts), until `f` returns true.
    #[inline]
    pub(crate) fn scan_back(
        &self,
        hay: &[u8],
        start: usize,
        mut f: impl FnMut(CueKind, u16) -> bool,
    ) {
        let lo = start.saturating_sub(WINDOW);
        let step = |state: u16, b: u8| {
            self.next[(state & !MATCH) as usize * self.columns + self.class[b as usize] as usize]
        };
        let mut state = 0u16;
        let mut k = start;
        while k > lo {
            // Fold the character ending at k (ASCII or two-byte Cyrillic) and
            // feed its bytes last to first; folding keeps byte lengths. (The
            // class table folds ASCII letters.)
            let b = hay[k - 1];
            // The walk stops at the start of the line. (Finding the line start
            // first cost more than the walk: it usually ends after a few bytes.)
            // A line break before `k` also fails the letter and pair tests
            // below, so they need no line bound of their own.
            if b == b'\n' {
                return;
            }
            if (0x80..=0xBF).contains(&b) && k - 1 > lo && matches!(hay[k - 2], 0xD0 | 0xD1) {
                let (x, y) = fold_pair(hay[k - 2], b);
                state = step(step(state, y), x);
                k -= 2;
            } else {
                state = step(state, b);
                k -= 1;
            }
            if state & MATCH == 0 {
                continue;
            }
            let (from, to) = self.match_range[(state & !MATCH) as usize];
            for &(len, kind, prefix) in &self.matches[from as usize..to as usize] {
                // The word runs k..e in the original bytes. It starts at a non-letter…
                let e = k + len as usize;
                if k > lo && letter_before(hay, k) {
                    continue;
                }
                // …and, unless it is a stem, ends at one.
                if !prefix && letter_at(hay, e) {
                    continue;
                }
                if f(kind, (start - e) as u16) {
                    return;
                }
            }
        }
    }

    /// The nearest occurrence of every cue kind in the line before `start`.
    #[cfg(test)]
    pub(crate) fn before(&self, hay: &[u8], start: usize) -> CueHits {
        let mut hits = CueHits::NONE;
        self.scan_back(hay, start, |kind, d| {
            let slot = &mut hits.dist[kind as usize];
            *slot = (*slot).min(d);
            false
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(s: &str) -> CueHits {
        let idx = CueIndex::from_rules(CUES_TXT).unwrap();
        idx.before(s.as_bytes(), s.len())
    }

    #[test]
    fn finds_cues_in_any_case_and_script() {
        assert!(hits("ИНН ").has(CueKind::Inn));
        assert!(hits("инн: ").has(CueKind::Inn));
        assert!(hits("\"customer_inn\":\"").has(CueKind::Inn));
        assert!(hits("Тел.: ").has(CueKind::Phone));
        assert!(hits("ТЕЛЕФОН ").has(CueKind::Phone));
        assert!(hits("Р/с: ").has(CueKind::Account));
        assert!(hits("на счёт ").has(CueKind::Account));
        assert!(hits("ОГРНИП ").has(CueKind::Ogrnip));
        assert!(!hits("ОГРНИП ").has(CueKind::Ogrn));
    }

    #[test]
    fn respects_word_boundaries_and_lines() {
        assert!(!hits("innodb ").has(CueKind::Inn));
        assert!(!hits("dinner ").has(CueKind::Inn));
        assert!(!hits("ИНН\n").has(CueKind::Inn));
        assert!(!hits("синн ").has(CueKind::Inn));
    }

    #[test]
    fn every_cue_word_is_found_in_any_case() {
        let idx = CueIndex::from_rules(CUES_TXT).unwrap();
        for line in CUES_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let mut parts: Vec<&str> = line.split_whitespace().collect();
            let kind = CueKind::parse(parts.remove(0)).unwrap();
            if parts.last() == Some(&"prefix") {
                parts.pop();
            }
            let word = parts.join(" ");
            for text in [format!("{word}: "), format!("x {}=", word.to_uppercase())] {
                let h = idx.before(text.as_bytes(), text.len());
                assert!(h.has(kind), "{kind:?} not found in {text:?}");
            }
        }
    }

    #[test]
    fn nearest_wins() {
        let h = hits("\"snils\":\"1\",\"iin\":\"");
        assert_eq!(
            h.nearest_of(&[CueKind::Snils, CueKind::KzIin]),
            Some(CueKind::KzIin)
        );
        let h = hits("order_id=");
        assert!(h.vetoed(&[CueKind::Phone]));
    }
}
