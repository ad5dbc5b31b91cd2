//! Context words before a number ("ИНН", "тел.", "р/с", "order_id") that decide
//! between labels and admit weaker shapes. The words are data: `rules/cues.txt`.
//!
//! The rule: look at up to [`WINDOW`] bytes before the candidate, never past the
//! start of its line, fold the case (ASCII and Cyrillic), and find every cue
//! word there. Each kind keeps the distance of its nearest occurrence; the
//! number confirmer asks for the nearest kind among those that fit its length.
//! Staying on one line keeps detection line-local, so splitting input into
//! chunks at line boundaries can never change a finding.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::automaton::StateID;
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
    const NONE: CueHits = CueHits { dist: [u16::MAX; KINDS] };

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
#[derive(Debug)]
pub(crate) struct CueIndex {
    /// Every cue word, folded and reversed, all matches reported (standard
    /// semantics). It is walked by hand backwards from the number, so the
    /// nearest cue is found first and the walk usually stops after a few bytes.
    dfa: DFA,
    start: StateID,
    /// Per pattern: its kind and whether more letters may follow it.
    meta: Vec<(CueKind, bool)>,
}

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
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&words)
            .map_err(|e| Error::Rules(format!("cue automaton: {e}")))?;
        let start = dfa
            .start_state(Anchored::No)
            .map_err(|e| Error::Rules(format!("cue automaton: {e}")))?;
        Ok(CueIndex { dfa, start, meta })
    }

    /// Calls `f(kind, distance)` for each cue word in the line before `start`,
    /// nearest first (by where the word starts), until `f` returns true.
    pub(crate) fn scan_back(&self, hay: &[u8], start: usize, mut f: impl FnMut(CueKind, u16) -> bool) {
        let lo = start.saturating_sub(WINDOW);
        let lo = match memchr::memrchr(b'\n', &hay[lo..start]) {
            Some(p) => lo + p + 1,
            None => lo,
        };
        let mut sid = self.start;
        let mut k = start;
        while k > lo {
            // Fold the character ending at k (ASCII or two-byte Cyrillic) and
            // feed its bytes last to first; folding keeps byte lengths.
            let b = hay[k - 1];
            if (0x80..=0xBF).contains(&b) && k - 1 > lo && matches!(hay[k - 2], 0xD0 | 0xD1) {
                let (x, y) = fold_pair(hay[k - 2], b);
                sid = self.dfa.next_state(Anchored::No, sid, y);
                sid = self.dfa.next_state(Anchored::No, sid, x);
                k -= 2;
            } else {
                sid = self.dfa.next_state(Anchored::No, sid, b.to_ascii_lowercase());
                k -= 1;
            }
            if !self.dfa.is_special(sid) || !self.dfa.is_match(sid) {
                continue;
            }
            for m in 0..self.dfa.match_len(sid) {
                let pid = self.dfa.match_pattern(sid, m);
                // The word runs k..e in the original bytes. It starts at a non-letter…
                let e = k + self.dfa.pattern_len(pid);
                if k > lo && letter_before(hay, k) {
                    continue;
                }
                let (kind, prefix) = self.meta[pid.as_usize()];
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
    fn nearest_wins() {
        let h = hits("\"snils\":\"1\",\"iin\":\"");
        assert_eq!(h.nearest_of(&[CueKind::Snils, CueKind::KzIin]), Some(CueKind::KzIin));
        let h = hits("order_id=");
        assert!(h.vetoed(&[CueKind::Phone]));
    }
}
