//! Context words before a number ("ИНН", "тел.", "р/с", "order_id") that decide
//! between labels and admit weaker shapes. The words are data: `rules/cues.txt`.
//!
//! The rule: look at up to [`WINDOW`] bytes before the candidate, never past the
//! start of its line, fold the case (ASCII and Cyrillic), and find every cue
//! word there. Each kind keeps the distance of its nearest occurrence; the
//! number confirmer asks for the nearest kind among those that fit its length.
//! Staying on one line keeps detection line-local, so splitting input into
//! chunks at line boundaries can never change a finding.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::error::Error;
use crate::text::{fold_in_place, letter_at, letter_before};

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

/// The nearest occurrence of each cue kind before one candidate.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CueHits {
    /// Distance in bytes from the cue's end to the candidate's start; `u16::MAX` when absent.
    dist: [u16; KINDS],
}

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
    ac: AhoCorasick,
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
            words.push(w);
            meta.push((kind, prefix));
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .map_err(|e| Error::Rules(format!("cue automaton: {e}")))?;
        Ok(CueIndex { ac, meta })
    }

    /// The cue words in the line before `start`.
    pub(crate) fn before(&self, hay: &[u8], start: usize) -> CueHits {
        let lo = start.saturating_sub(WINDOW);
        let lo = match memchr::memrchr(b'\n', &hay[lo..start]) {
            Some(p) => lo + p + 1,
            None => lo,
        };
        if lo >= start {
            return CueHits::NONE;
        }
        let mut buf = [0u8; WINDOW];
        let w = &mut buf[..start - lo];
        w.copy_from_slice(&hay[lo..start]);
        fold_in_place(w);
        let mut hits = CueHits::NONE;
        for m in self.ac.find_iter(&*w) {
            // Boundaries are checked on the original bytes: a cue starts at a non-letter…
            let (s, e) = (lo + m.start(), lo + m.end());
            if s > lo && letter_before(hay, s) {
                continue;
            }
            let (kind, prefix) = self.meta[m.pattern().as_usize()];
            // …and, unless it is a stem, ends at one.
            if !prefix && letter_at(hay, e) {
                continue;
            }
            let d = (start - e) as u16;
            let slot = &mut hits.dist[kind as usize];
            if d < *slot {
                *slot = d;
            }
        }
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
