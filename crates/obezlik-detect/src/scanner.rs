//! The scanner: one pass over the bytes, dispatching on the few bytes that can
//! start a finding (digits, `@`, `:`), with every confirm step behind them;
//! the SECRET pass (`secret.rs`), whose findings the sink merges into the
//! first pass's as they come; and the words pass (`words.rs`: PERSON,
//! ADDRESS), run after them over each 128 KiB piece while it is in cache and
//! merged before the label filter.

use crate::cue::{CueIndex, CUES_TXT};
use crate::email::{email_around, TldSet, TLDS_TXT};
use crate::error::Error;
use crate::ip::ipv6_around_from;
use crate::number::at_digit;
use crate::secret::{SecretRules, SECRET_RULES};
#[cfg(target_arch = "x86_64")]
use crate::text::block_masks_avx2;
use crate::text::{
    candidate_mask, hex_masks_before, is_candidate, is_hex, is_hex_or_colon, is_word,
};
use crate::words::{WordFinding, WordsPass};
use crate::{Finding, Label, LabelSet};

/// The piece of input both passes run over in turn (then cut at the next
/// line end): small enough to stay in the L2 cache between the passes.
const PIECE: usize = 128 * 1024;

/// Configures a [`Scanner`].
#[derive(Clone, Debug, Default)]
pub struct ScannerBuilder {
    labels: LabelSet,
}

impl ScannerBuilder {
    /// A builder that detects every label.
    pub fn new() -> ScannerBuilder {
        ScannerBuilder {
            labels: LabelSet::ALL,
        }
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
            secrets: SecretRules::from_rules(SECRET_RULES)?,
            words: WordsPass::new(Simd::detect()),
            simd: Simd::detect(),
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
    secrets: SecretRules,
    words: WordsPass,
    /// The widest vectors this CPU has, checked once. Findings never depend on it.
    simd: Simd,
}

/// How the passes compute their block masks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Simd {
    /// 16 bytes of mask a step; the SECRET pass runs on its own.
    Sse2,
    /// 64 bytes a step (nibble-table byte classes), with the SECRET pair mask
    /// from the first pass's loads.
    Avx2,
    /// As AVX2, with one table lookup per byte class, every test a mask
    /// register, and the quiet runs left out of the candidates (`avx512.rs`).
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Simd {
    /// The widest this CPU has.
    pub(crate) fn detect() -> Simd {
        #[cfg(target_arch = "x86_64")]
        if crate::avx512::available() {
            return Simd::Avx512;
        }
        if avx2_available() {
            Simd::Avx2
        } else {
            Simd::Sse2
        }
    }
}

fn avx2_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Collects findings in order, dropping overlaps and labels not asked for.
///
/// It also merges the SECRET pass's findings (sorted, disjoint) into the first
/// pass's as those arrive. Where a secret and a first-pass finding overlap, an
/// e-mail or IP address always stays whole; otherwise the longer one wins, and
/// of two as long the earlier. So a Telegram bot token `6499226771:AA…` is one
/// SECRET, never a number and a rest. Nothing here depends on the labels asked
/// for, so a label subset never moves a span.
pub(crate) struct Sink<'a> {
    out: &'a mut Vec<Finding>,
    /// How long `out` was when the scan began: a rewind never goes below.
    out_start: usize,
    labels: LabelSet,
    last_end: usize,
    base: usize,
    /// The secrets not yet merged (from `secrets[next..]`), and where the
    /// first of them starts (`usize::MAX` when none is left): the one test on
    /// the hot path.
    secrets: Vec<(usize, usize, f32)>,
    next: usize,
    next_secret: usize,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(out: &'a mut Vec<Finding>, labels: LabelSet, base: usize) -> Sink<'a> {
        Sink {
            out_start: out.len(),
            out,
            labels,
            last_end: 0,
            base,
            secrets: Vec::new(),
            next: 0,
            next_secret: usize::MAX,
        }
    }

    #[inline]
    pub(crate) fn emit(&mut self, label: Label, start: usize, end: usize, score: f32) {
        if start < self.last_end {
            return;
        }
        if self.next_secret < end && !self.merge_secrets(label, start, end) {
            return;
        }
        self.push(label, start, end, score);
    }

    /// Records a finding unless it overlaps the last one; whether it did.
    #[inline]
    fn push(&mut self, label: Label, start: usize, end: usize, score: f32) -> bool {
        if start < self.last_end {
            return false;
        }
        self.last_end = end;
        if self.labels.contains(label) {
            self.out.push(Finding {
                label,
                start: self.base + start,
                end: self.base + end,
                score,
            });
        }
        true
    }

    /// Before the first-pass finding `start..end`: records the secrets that
    /// start before its end and resolves overlaps. Whether the finding stays.
    #[cold]
    #[inline(never)]
    fn merge_secrets(&mut self, label: Label, start: usize, end: usize) -> bool {
        let mut keep = true;
        while let Some(&(s, e, score)) = self.secrets.get(self.next) {
            if s >= end {
                break;
            }
            self.next += 1;
            if e <= start {
                self.push(Label::Secret, s, e, score);
                continue;
            }
            let (len, secret_len) = (end - start, e - s);
            let finding_wins = matches!(label, Label::Email | Label::Ip)
                || len > secret_len
                || (len == secret_len && start < s);
            if !finding_wins && self.push(Label::Secret, s, e, score) {
                keep = false;
                break;
            }
        }
        self.next_secret = self.secrets.get(self.next).map_or(usize::MAX, |s| s.0);
        keep
    }

    /// Takes the secrets to merge from here on (sorted, disjoint, none before
    /// what was already emitted).
    fn set_secrets(&mut self, secrets: Vec<(usize, usize, f32)>) {
        self.next_secret = secrets.first().map_or(usize::MAX, |s| s.0);
        self.secrets = secrets;
        self.next = 0;
    }

    /// Records the secrets after the last first-pass finding.
    fn finish(&mut self) {
        while let Some(&(s, e, score)) = self.secrets.get(self.next) {
            self.next += 1;
            self.push(Label::Secret, s, e, score);
        }
        self.next_secret = usize::MAX;
    }

    /// Forgets what was decided from `pos` on (the start of a line), so the
    /// line can be scanned again.
    fn rewind(&mut self, pos: usize) {
        while self.out.len() > self.out_start
            && self.out.last().is_some_and(|f| f.start >= self.base + pos)
        {
            self.out.pop();
        }
        // Findings stay on their line: all before `pos` end by then.
        self.last_end = self.last_end.min(pos);
    }
}

impl Scanner {
    /// A scanner for every label with the built-in rules.
    pub fn new() -> Scanner {
        ScannerBuilder::new()
            .build()
            .expect("built-in rules compile")
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
    ///
    /// Two passes: the first (digit identifiers, e-mails, IP addresses) and
    /// the SECRET pass, merged in the sink. With AVX2 the SECRET pass rides on
    /// the first: each block's pair mask (`PairFilter` in `pairs.rs`) flags
    /// the few lines that may hold a credential, and such a line is looked at
    /// whole and, if it holds one, scanned again with its secrets. Without
    /// AVX2 the SECRET pass runs over all of `hay` first. Both give the same
    /// findings: each line's are those of its first-pass candidates merged
    /// with its secrets.
    pub fn scan_into(&self, hay: &[u8], base: usize, out: &mut Vec<Finding>) {
        // Large inputs go in pieces cut after a `\n` (detection is
        // line-local, so the findings are the same), each small enough that
        // the words pass reads it again from cache rather than from memory.
        let mut from = 0;
        while from < hay.len() {
            let mut to = hay.len();
            if hay.len() - from > PIECE {
                if let Some(k) = memchr::memchr(b'\n', &hay[from + PIECE..]) {
                    to = from + PIECE + k + 1;
                }
            }
            self.scan_piece(&hay[from..to], base + from, out);
            from = to;
        }
    }

    /// [`Scanner::scan_into`] for one piece of whole lines.
    fn scan_piece(&self, hay: &[u8], base: usize, out: &mut Vec<Finding>) {
        // The first pass decides every label; the words pass (names,
        // addresses) runs after it, over bytes now in cache. Overlaps are
        // settled before the label filter, so a subset never moves a span.
        let start = out.len();
        self.scan_first(hay, base, out, LabelSet::ALL);
        // The words pass's findings and the merge's copy go through buffers
        // kept per thread: a message with names allocates nothing here.
        let mut pass = |words: &mut Vec<WordFinding>, first: &mut Vec<Finding>| {
            words.clear();
            self.words.find(hay, words);
            if !words.is_empty() {
                merge_words(out, start, base, words, first);
            }
        };
        // Fresh buffers only when this thread's are in use (not expected: no
        // scan runs inside a scan) or gone (a scan from a thread-local
        // destructor at thread exit).
        let done = WORDS_SCRATCH
            .try_with(|cell| {
                let mut scratch = cell.try_borrow_mut().ok()?;
                let (words, first) = &mut *scratch;
                pass(words, first);
                Some(())
            })
            .ok()
            .flatten();
        if done.is_none() {
            pass(&mut Vec::new(), &mut Vec::new());
        }
        if self.labels != LabelSet::ALL {
            let mut k = start;
            for i in start..out.len() {
                if self.labels.contains(out[i].label) {
                    out[k] = out[i];
                    k += 1;
                }
            }
            out.truncate(k);
        }
    }

    /// The first pass and the SECRET pass, into `out`, reporting `labels`.
    fn scan_first(&self, hay: &[u8], base: usize, out: &mut Vec<Finding>, labels: LabelSet) {
        let mut sink = Sink::new(out, labels, base);
        #[cfg(target_arch = "x86_64")]
        match self.simd {
            Simd::Avx512 => {
                // SAFETY: `Avx512` is chosen only when the CPU reports the features.
                unsafe { self.scan_avx512(hay, &mut sink) };
                sink.finish();
                return;
            }
            Simd::Avx2 => {
                // SAFETY: `Avx2` is chosen only when the CPU reports AVX2.
                unsafe { self.scan_avx2(hay, &mut sink) };
                sink.finish();
                return;
            }
            Simd::Sse2 => {}
        }
        let mut secrets = Vec::new();
        self.secrets.find(hay, &mut secrets);
        sink.set_secrets(secrets);
        self.scan_blocks::<16>(hay, &mut sink, |hay, i| (candidate_mask(hay, i) as u64, 0));
        sink.finish();
    }

    /// The whole loop, compiled with AVX2 so the masks (and whatever the
    /// compiler inlines) use it; 64 bytes of mask per block, and the SECRET
    /// pair mask from the same loads.
    ///
    /// # Safety
    ///
    /// The CPU must support AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn scan_avx2(&self, hay: &[u8], sink: &mut Sink<'_>) {
        let pairs = &self.secrets.pairs;
        // SAFETY: the caller guarantees AVX2.
        let t = unsafe { pairs.avx2_tables() };
        self.scan_blocks::<64>(hay, sink, |hay, i| unsafe { block_masks_avx2(hay, i, &t) });
    }

    /// [`Scanner::scan_avx2`] with AVX-512 block masks (`avx512.rs`).
    ///
    /// # Safety
    ///
    /// The CPU must support AVX-512 F, BW and VBMI.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,avx512f,avx512bw,avx512vbmi")]
    unsafe fn scan_avx512(&self, hay: &[u8], sink: &mut Sink<'_>) {
        // SAFETY: the caller guarantees the features.
        let t = unsafe { crate::avx512::Avx512Tables::new(&self.secrets.pairs.tables) };
        self.scan_blocks::<64>(hay, sink, |hay, i| unsafe {
            crate::avx512::block_masks(hay, i, &t)
        });
    }

    /// Visits the candidates of `hay` in order, `W` bytes of mask at a time
    /// (`mask(hay, i)` has bit `k` set when `hay[i + k]` is a candidate, and
    /// in its second half when a SECRET anchor pair may end there). The
    /// findings do not depend on `W`: the next candidate visited is always the
    /// first one at or after where the previous step resumed.
    #[inline(always)]
    fn scan_blocks<const W: usize>(
        &self,
        hay: &[u8],
        sink: &mut Sink<'_>,
        mask: impl Fn(&[u8], usize) -> (u64, u64),
    ) {
        let n = hay.len();
        let mut i = 0;
        // With pair masks (W = 64), blocks tile the input from here.
        let mut covered = 0;
        // Pair hits before this are settled: their line has been looked at.
        let mut settled = 0;
        'blocks: while i < n {
            // With pair masks the block starts where the last one ended, so
            // every byte's pair bit is looked at once; the candidates before
            // `i` (a step jumped there) are dropped.
            let block = if W == 64 { covered } else { i };
            if W == 64 && i - block >= W {
                // A step jumped more than a block: look at the pairs passed.
                if let Some(resume) = self.pair_gap(hay, block, i, &mut settled, sink) {
                    i = resume;
                    covered = settled;
                    continue;
                }
                covered = i;
                continue;
            }
            let (mut m, pairs) = mask(hay, block);
            if W == 64 {
                m &= !0u64 << (i - block);
                covered = block + W;
            }
            // Pair hits: a real anchor has the line looked at (see
            // `secret_line`); most hits stop at the first check.
            let mut pairs = pairs;
            while pairs != 0 {
                let h = block + pairs.trailing_zeros() as usize;
                pairs &= pairs - 1;
                if h < settled || !self.secrets.pairs.is_anchor_pair(hay, h) {
                    continue;
                }
                if let Some(resume) = self.pair_hit(hay, h, i, &mut settled, sink) {
                    i = resume;
                    covered = settled;
                    continue 'blocks;
                }
            }
            // Visit the block's candidates in order; a confirm step may jump
            // past some of them (or past the block).
            while m != 0 {
                let p = block + m.trailing_zeros() as usize;
                i = self.step(hay, p, sink);
                let off = i - block;
                if off >= W {
                    break;
                }
                m &= !0u64 << off;
            }
            i = i.max(block + W);
        }
    }

    /// One candidate: its confirm step; where the scan resumes.
    #[inline(always)]
    fn step(&self, hay: &[u8], p: usize, sink: &mut Sink<'_>) -> usize {
        match hay[p] {
            b'0'..=b'9' => at_digit(hay, p, &self.cues, sink),
            b':' => {
                ipv4_before_port(hay, p, sink);
                self.at_colon(hay, p, sink)
            }
            b'@' => self.at_at(hay, p, sink),
            _ => p + 1,
        }
    }

    /// The pair ending at `h` is an anchor's; the candidates before `pos`
    /// have been visited. If an anchor there may start a secret, the line is
    /// looked at whole (see [`Scanner::secret_line`]); where the scan resumes
    /// then.
    #[cold]
    #[inline(never)]
    fn pair_hit(
        &self,
        hay: &[u8],
        h: usize,
        pos: usize,
        settled: &mut usize,
        sink: &mut Sink<'_>,
    ) -> Option<usize> {
        if !self
            .secrets
            .pairs
            .anchors_at(hay, h)
            .any(|(id, start)| self.secrets.may_start_secret(hay, id, start))
        {
            return None;
        }
        self.secret_line(hay, h, pos, settled, sink)
    }

    /// The pair hits of `from..to`, positions a step jumped (more than a
    /// block: rare), byte by byte; the candidates before `to` have been
    /// visited. Where the scan resumes if a line was scanned again.
    #[cold]
    #[inline(never)]
    fn pair_gap(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        settled: &mut usize,
        sink: &mut Sink<'_>,
    ) -> Option<usize> {
        let mut b = from;
        while b < to {
            let w = (to - b).min(64);
            let mut pairs = self.secrets.pairs.mask(hay, b, w);
            while pairs != 0 {
                let h = b + pairs.trailing_zeros() as usize;
                pairs &= pairs - 1;
                if h < *settled || !self.secrets.pairs.is_anchor_pair(hay, h) {
                    continue;
                }
                if let Some(resume) = self.pair_hit(hay, h, to, settled, sink) {
                    return Some(resume);
                }
            }
            b += w;
        }
        None
    }

    /// A line holds an anchor at `h`: finds its secrets. If it has any, the
    /// line is scanned with them merged in — from its start, after dropping
    /// its first-pass findings, when the scan (at `pos`) is already inside
    /// it; else from `pos`. Returns where the scan resumes.
    #[cold]
    #[inline(never)]
    fn secret_line(
        &self,
        hay: &[u8],
        h: usize,
        pos: usize,
        settled: &mut usize,
        sink: &mut Sink<'_>,
    ) -> Option<usize> {
        let start = memchr::memrchr(b'\n', &hay[..h]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &hay[h..]).map_or(hay.len(), |p| h + p);
        *settled = end;
        let mut found = Vec::new();
        self.secrets.find(&hay[start..end], &mut found);
        if found.is_empty() {
            return None;
        }
        for f in &mut found {
            f.0 += start;
            f.1 += start;
        }
        if start <= pos {
            sink.rewind(start);
        }
        sink.set_secrets(found);
        // The candidates, one at a time, as the block loop visits them.
        let mut r = start.min(pos);
        while r < end {
            match (r..end).find(|&p| is_candidate(hay, p)) {
                Some(p) => r = self.step(hay, p, sink),
                None => break,
            }
        }
        sink.finish();
        Some(r.max(end))
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

    #[inline(always)]
    fn at_colon(&self, hay: &[u8], i: usize, sink: &mut Sink<'_>) -> usize {
        let before = i > 0 && is_hex_or_colon(hay[i - 1]);
        if !(before || hay.get(i + 1).is_some_and(|&b| is_hex_or_colon(b))) {
            return i + 1;
        }
        // Two walks back from the colon: over the hex digits right before it
        // (at most five), then over the whole hex-and-colon token (at most 40
        // bytes). With 16 bytes before the colon, one look at them gives both
        // unless the token is longer.
        let mut s = i;
        let mut token = None;
        if i >= 16 {
            let (hex, hex_or_colon) = hex_masks_before(hay, i);
            // Leading ones from bit 15, the byte right before the colon.
            let run = (!(hex << 16)).leading_zeros() as usize;
            let len = (!(hex_or_colon << 16)).leading_zeros() as usize;
            s = i - run.min(5);
            if len < 16 {
                token = Some(i - len);
            }
        } else {
            while s > 0 && i - s < 5 && is_hex(hay[s - 1]) {
                s -= 1;
            }
        }
        // A group of an address is at most four hex digits after a non-word
        // byte or a colon; "T10:44" or "key:value" stop here cheaply.
        if i - s > 4 || (s > 0 && is_word(hay[s - 1])) {
            return i + 1;
        }
        // The start of the hex-and-colon token, as `ipv6_around_from` would
        // find it: a time such as `T01:17:46` stops here, at the `T`.
        let s = match token {
            Some(t) => t,
            None => {
                let lim = i.saturating_sub(40);
                while s > lim && is_hex_or_colon(hay[s - 1]) {
                    s -= 1;
                }
                s
            }
        };
        if s > 0 && (is_word(hay[s - 1]) || hay[s - 1] == b'.' || hay[s - 1] == b':') {
            return i + 1;
        }
        self.ipv6_at(hay, i, s, sink)
    }

    /// The rest of [`Scanner::at_colon`], out of line: most colons stop before.
    #[inline(never)]
    fn ipv6_at(&self, hay: &[u8], i: usize, s: usize, sink: &mut Sink<'_>) -> usize {
        match ipv6_around_from(hay, i, s) {
            Some((s, e)) => {
                sink.emit(Label::Ip, s, e, 0.9);
                e.max(i + 1)
            }
            None => i + 1,
        }
    }
}

#[cfg(test)]
impl Scanner {
    /// This scanner on the SSE2 path even where the CPU has AVX2.
    fn without_avx2(self) -> Scanner {
        self.with_simd(Simd::Sse2)
    }

    /// This scanner on the AVX2 path where the CPU has it (even if it has
    /// AVX-512); `None` where it has not.
    fn on_avx2(self) -> Option<Scanner> {
        avx2_available().then(|| self.with_simd(Simd::Avx2))
    }

    fn with_simd(mut self, simd: Simd) -> Scanner {
        self.simd = simd;
        self.words = WordsPass::new(simd);
        self
    }

    /// A new scanner on the SSE2 path.
    fn clone_without_avx2(&self) -> Scanner {
        Scanner::new().without_avx2()
    }
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

/// `user/95.58.43.235:46825` (openvpn, URLs): an IPv4 address glued after a
/// word and a slash is no candidate of its own, so the port's colon looks back
/// for it. (An address found from its own first digit is dropped here as an
/// overlap.)
fn ipv4_before_port(hay: &[u8], colon: usize, sink: &mut Sink<'_>) {
    if colon < 7 || !hay[colon - 1].is_ascii_digit() {
        return;
    }
    // The last group has one to three digits after a dot: without a dot in
    // the four bytes before the colon no address ends there (`T10:44`).
    if !hay[colon - 4..colon - 1].contains(&b'.') {
        return;
    }
    let mut s = colon;
    while s > 0 && colon - s < 15 && (hay[s - 1].is_ascii_digit() || hay[s - 1] == b'.') {
        s -= 1;
    }
    if s == 0 || hay[s - 1] != b'/' {
        return;
    }
    if crate::ip::ipv4_at(hay, s) == Some(colon) {
        sink.emit(Label::Ip, s, colon, 0.9);
    }
}

thread_local! {
    /// Per thread: the words pass's findings and the merge's copy of the
    /// first pass's, reused from one scan to the next.
    static WORDS_SCRATCH: std::cell::RefCell<(Vec<WordFinding>, Vec<Finding>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Merges the words pass's findings into `out[start..]` (the other passes',
/// every label). Where two overlap an e-mail or IP
/// address stays whole; otherwise the longer wins, of two as long the earlier.
fn merge_words(
    out: &mut Vec<Finding>,
    start: usize,
    base: usize,
    words: &[WordFinding],
    first: &mut Vec<Finding>,
) {
    first.clear();
    first.extend_from_slice(&out[start..]);
    out.truncate(start);
    let mut a = first.iter().copied().peekable();
    let mut b = words
        .iter()
        .map(|&(label, s, e, score)| Finding {
            label,
            start: base + s,
            end: base + e,
            score,
        })
        .peekable();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                if x.start <= y.start {
                    a.next()
                } else {
                    b.next()
                }
            }
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        let Some(f) = next else { break };
        if out.len() > start {
            let last = out.last_mut().expect("out holds a merged finding");
            if f.start < last.end {
                let keep_last = matches!(last.label, Label::Email | Label::Ip)
                    || (!matches!(f.label, Label::Email | Label::Ip)
                        && last.end - last.start >= f.end - f.start);
                if !keep_last {
                    *last = f;
                }
                continue;
            }
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that exercises every path: the rule examples, log lines, and
    /// pseudo-random mixes of the bytes the rules care about.
    fn corpus() -> Vec<u8> {
        let mut text = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = ["rules/examples", "rules/secrets"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            text.extend(
                std::fs::read(f)
                    .unwrap()
                    .iter()
                    .filter(|&&b| b != b'[' && b != b']'),
            );
        }
        text.extend_from_slice(
            b"2024-12-01T01:17:46.845Z INFO  [auth] request_id=18cbb99d-2db2-96d1-58a8-02237faa74fd \
              user_id=582049 amount=273421.34 duration_ms=2047 ts=1752012410 status=201 \
              path=/api/v2/items/2900198?page=28 from 10.0.0.1 2001:db8::1 card=4111111111111111\n",
        );
        let alphabet = "0123456789 -().,:@+/\\\nabnrtTxN_ ИНН тел №".as_bytes();
        text.extend(crate::testdata::mix(
            alphabet,
            200_000,
            0x9E37_79B9_7F4A_7C15,
        ));
        text
    }

    /// `at_colon` as it was before the 16-byte look: the two walks byte by byte.
    fn at_colon_by_bytes(hay: &[u8], i: usize, sink: &mut Sink<'_>) -> usize {
        let before = i > 0 && (is_hex(hay[i - 1]) || hay[i - 1] == b':');
        let after = hay.get(i + 1).is_some_and(|&b| is_hex(b) || b == b':');
        if !(before || after) {
            return i + 1;
        }
        let mut s = i;
        while s > 0 && i - s < 5 && is_hex(hay[s - 1]) {
            s -= 1;
        }
        if i - s > 4 || (s > 0 && is_word(hay[s - 1])) {
            return i + 1;
        }
        match crate::ip::ipv6_around_from(hay, i, s) {
            Some((s, e)) => {
                sink.emit(Label::Ip, s, e, 0.9);
                e.max(i + 1)
            }
            None => i + 1,
        }
    }

    #[test]
    fn colons_decide_as_byte_by_byte() {
        let scanner = Scanner::new();
        let alphabet = b"0123456789abcdefABCDEFgxT:::.. -_/";
        let mut rng = crate::testdata::Xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..3000 {
            let len = 1 + (rng.0 % 90) as usize;
            let hay: Vec<u8> = (0..len).map(|_| rng.pick(alphabet)).collect();
            for i in (0..hay.len()).filter(|&i| hay[i] == b':') {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let mut sink_a = Sink::new(&mut a, LabelSet::ALL, 0);
                let mut sink_b = Sink::new(&mut b, LabelSet::ALL, 0);
                let got = scanner.at_colon(&hay, i, &mut sink_a);
                let want = at_colon_by_bytes(&hay, i, &mut sink_b);
                assert_eq!(
                    (got, &a),
                    (want, &b),
                    "{:?} at {i}",
                    String::from_utf8_lossy(&hay)
                );
            }
        }
    }

    #[test]
    fn lines_full_of_anchors_stay_linear() {
        let scanner = Scanner::new();
        for piece in [
            "password=password=",
            "-----BEGIN PRIVATE KEY-----",
            " eyJhbGciOiJIUzI1NiJ9.",
            "a://b:",
            "Bearer ",
            "sk-",
            "пароль ",
            "6499226771:AA",
        ] {
            let line = piece.repeat(200_000 / piece.len());
            let t = std::time::Instant::now();
            let found = scanner.scan(line.as_bytes());
            assert!(
                t.elapsed() < std::time::Duration::from_secs(3),
                "{piece:?}: {:?}",
                t.elapsed()
            );
            assert_eq!(
                found,
                scanner.clone_without_avx2().scan(line.as_bytes()),
                "{piece:?}"
            );
        }
    }

    #[test]
    fn every_simd_path_finds_the_same() {
        let mut text = corpus();
        text.extend_from_slice(&crate::testdata::log_lines(200));
        // SSE2, AVX2 and the CPU's own (AVX-512 where it has it), as far as
        // this CPU goes.
        let narrow = Scanner::new().without_avx2();
        let wide: Vec<Scanner> = [Scanner::new().on_avx2(), Some(Scanner::new())]
            .into_iter()
            .flatten()
            .collect();
        let found = narrow.scan(&text);
        assert!(
            found.len() > 50,
            "too few findings to compare: {}",
            found.len()
        );
        for scanner in &wide {
            assert_eq!(scanner.scan(&text), found, "{:?}", scanner.simd);
            // Every start offset, so blocks are cut everywhere.
            for start in 0..97 {
                let piece = &text[start..start + 5000];
                assert_eq!(
                    scanner.scan(piece),
                    narrow.scan(piece),
                    "{:?}",
                    scanner.simd
                );
            }
        }
    }

    /// What lets the AVX-512 mask drop quiet runs: the visit of one returns
    /// the run's end and finds nothing, and no candidate lies before that end.
    #[test]
    fn quiet_runs_are_visits_that_find_nothing() {
        let scanner = Scanner::new();
        let mut text = corpus();
        text.extend_from_slice(&crate::testdata::log_lines(200));
        let mut quiet = 0;
        for p in 0..text.len() {
            if !(is_candidate(&text, p)
                && text[p].is_ascii_digit()
                && crate::number::quiet_run(&text, p))
            {
                continue;
            }
            quiet += 1;
            let mut found = Vec::new();
            let mut sink = Sink::new(&mut found, LabelSet::ALL, 0);
            let end = at_digit(&text, p, &scanner.cues, &mut sink);
            let run_end = p + text[p..].iter().take_while(|b| b.is_ascii_digit()).count();
            assert_eq!((end, found.len()), (run_end, 0), "at {p}");
            assert!((p + 1..=end).all(|q| !is_candidate(&text, q)), "at {p}");
        }
        assert!(quiet > 1_000, "only {quiet} quiet runs");
    }
}
