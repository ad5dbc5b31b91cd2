//! The scanner: one pass over the bytes, dispatching on the few bytes that can
//! start a finding (digits, `@`, `:`), with every confirm step behind them.

use crate::cue::{CueIndex, CUES_TXT};
use crate::email::{email_around, TldSet, TLDS_TXT};
use crate::error::Error;
use crate::ip::ipv6_around;
use crate::number::at_digit;
use crate::text::{candidate_mask, is_hex, is_word, C_AT, C_COLON, C_DIGIT, TRIGGER};
use crate::{Finding, Label, LabelSet};

/// Configures a [`Scanner`].
#[derive(Clone, Debug, Default)]
pub struct ScannerBuilder {
    labels: LabelSet,
}

impl ScannerBuilder {
    /// A builder that detects every label.
    pub fn new() -> ScannerBuilder {
        ScannerBuilder { labels: LabelSet::ALL }
    }

    /// Detect only these labels. Findings of the other labels are still decided
    /// (so a subset never changes a span) but not reported.
    pub fn labels(mut self, labels: LabelSet) -> ScannerBuilder {
        self.labels = labels;
        self
    }

    /// Compiles the rule files into a scanner.
    pub fn build(&self) -> Result<Scanner, Error> {
        if self.labels.is_empty() {
            return Err(Error::NoLabels);
        }
        Ok(Scanner {
            labels: self.labels,
            cues: CueIndex::from_rules(CUES_TXT)?,
            tlds: TldSet::from_rules(TLDS_TXT),
        })
    }
}

/// Finds personal data in bytes. Build once, share across threads (`Send + Sync`).
///
/// Detection is line-local: no finding and no context word crosses a `\n`, so
/// scanning a text line by line or in chunks cut at line ends gives the same
/// findings as scanning it whole.
#[derive(Debug)]
pub struct Scanner {
    labels: LabelSet,
    cues: CueIndex,
    tlds: TldSet,
}

/// Collects findings in order, dropping overlaps and labels not asked for.
pub(crate) struct Sink<'a> {
    out: &'a mut Vec<Finding>,
    labels: LabelSet,
    last_end: usize,
    base: usize,
}

impl Sink<'_> {
    #[inline]
    pub(crate) fn emit(&mut self, label: Label, start: usize, end: usize, score: f32) {
        if start < self.last_end {
            return;
        }
        self.last_end = end;
        if self.labels.contains(label) {
            self.out.push(Finding { label, start: self.base + start, end: self.base + end, score });
        }
    }
}

impl Scanner {
    /// A scanner for every label with the built-in rules.
    pub fn new() -> Scanner {
        ScannerBuilder::new().build().expect("built-in rules compile")
    }

    /// The labels this scanner reports.
    pub fn labels(&self) -> LabelSet {
        self.labels
    }

    /// Returns the findings in `hay`, ordered by start, never overlapping.
    pub fn scan(&self, hay: &[u8]) -> Vec<Finding> {
        let mut out = Vec::new();
        self.scan_into(hay, 0, &mut out);
        out
    }

    /// Appends the findings in `hay` to `out`, with `base` added to every offset
    /// (the position of `hay` in a larger input). Allocates only if `out` grows.
    pub fn scan_into(&self, hay: &[u8], base: usize, out: &mut Vec<Finding>) {
        let mut sink = Sink { out, labels: self.labels, last_end: 0, base };
        let n = hay.len();
        let mut i = 0;
        while i < n {
            let block = i;
            let mut m = candidate_mask(hay, block);
            // Visit the block's candidates in order; a confirm step may jump
            // past some of them (or past the block).
            while m != 0 {
                let p = block + m.trailing_zeros() as usize;
                i = match TRIGGER[hay[p] as usize] {
                    C_DIGIT => at_digit(hay, p, &self.cues, &mut sink),
                    C_AT => self.at_at(hay, p, &mut sink),
                    C_COLON => self.at_colon(hay, p, &mut sink),
                    _ => p + 1,
                };
                let off = i - block;
                if off >= 16 {
                    break;
                }
                m &= !0u32 << off;
            }
            i = i.max(block + 16);
        }
    }

    fn at_at(&self, hay: &[u8], i: usize, sink: &mut Sink<'_>) -> usize {
        match email_around(hay, i, &self.tlds) {
            Some((s, e)) => {
                sink.emit(Label::Email, s, e, 0.95);
                e.max(i + 1)
            }
            None => i + 1,
        }
    }

    fn at_colon(&self, hay: &[u8], i: usize, sink: &mut Sink<'_>) -> usize {
        let before = i > 0 && (is_hex(hay[i - 1]) || hay[i - 1] == b':');
        let after = hay.get(i + 1).is_some_and(|&b| is_hex(b) || b == b':');
        if !(before || after) {
            return i + 1;
        }
        // A group of an address is at most four hex digits after a non-word
        // byte or a colon; "T10:44" or "key:value" stop here cheaply.
        let mut s = i;
        while s > 0 && i - s < 5 && is_hex(hay[s - 1]) {
            s -= 1;
        }
        if i - s > 4 || (s > 0 && is_word(hay[s - 1])) {
            return i + 1;
        }
        match ipv6_around(hay, i) {
            Some((s, e)) => {
                sink.emit(Label::Ip, s, e, 0.9);
                e.max(i + 1)
            }
            None => i + 1,
        }
    }
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}
