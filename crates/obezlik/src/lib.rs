//! obezlik finds personal data in Russian-language text and replaces it with keyed pseudonyms.
//!
//! This is the crate a service adds: build an [`Engine`] once, share it across
//! threads, and call it on every message.
//!
//! ```
//! use obezlik::{Engine, Key, Mode};
//!
//! # fn main() -> Result<(), obezlik::Error> {
//! let key = Key::from_bytes(vec![42; 32])?; // in production: Key::load("obezlik.key")
//! let engine = Engine::builder().key(key).mode(Mode::Tag).build()?;
//!
//! let msg = "Клиент: тел. +7 (912) 345-67-89, ИНН 7707083893";
//! let safe = engine.anonymize(msg);
//! assert!(safe.starts_with("Клиент: тел. [PHONE:"));
//! assert!(!safe.contains("7707083893"));
//!
//! // The same value under the same key always gets the same pseudonym.
//! assert_eq!(engine.anonymize("89123456789 (тел.)"), engine.anonymize("89123456789 (тел.)"));
//! // Text without personal data is returned as it is, without copying.
//! assert!(matches!(engine.anonymize("Привет!"), std::borrow::Cow::Borrowed(_)));
//! # Ok(()) }
//! ```
//!
//! # Guarantees
//!
//! - **Bytes outside findings are unchanged**, and no line is merged or lost.
//! - **Deterministic:** the same input, key and settings give the same output on
//!   any machine and thread count. Another key gives unrelated pseudonyms.
//! - **Reversible only in `encrypt` mode** ([`Engine::reidentify`]); `tag`,
//!   `fake` and `mask` are one-way under the key, `redact` needs no key.
//! - Detection is line-local: nothing found or used as context crosses a `\n`.
//!
//! # Performance
//!
//! The scanner makes one pass over the bytes and stops only at candidate
//! positions (digits not glued into longer tokens, `@`, `:`); check digits and
//! context words are consulted only there. Names and addresses come from a
//! second walk that stops only at capital letters. A message without personal
//! data is scanned without heap allocation; one with personal data allocates
//! only the returned text (per-thread buffers hold the rest). On the
//! project's 2-core machines a 2 KB message takes about 2 µs without personal
//! data and 4.3–4.5 µs with a dozen values in quiet spells (p50,
//! `cargo bench -p obezlik --bench latency`); about a quarter of that is
//! keying the values found, and a PERSON value, read back to its nominatives,
//! costs the most. If you also want the findings (to count them),
//! [`Engine::scan_into`] then [`Engine::replace_findings`] does the work of
//! [`Engine::anonymize`] once. See the README for measured figures.

#![deny(missing_docs)]

mod policy;

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

pub use obezlik_detect::{
    analyze_person, checksum, Case, Error as DetectError, Finding, Gender, Label, LabelSet,
    NamePart, NameRole, NameScript, PersonName, Scanner, ScannerBuilder, UnknownLabel,
};
pub use obezlik_pseudo::{
    normalize, write_new_key_file, Error as PseudoError, Key, Mode, Pseudonymizer,
    PseudonymizerBuilder, ReidentifyStats, Warning, MIN_KEY_LEN,
};
pub use policy::{ExtraPattern, Policy, MAX_PATTERN_BYTES};

/// Everything that can go wrong building or using an [`Engine`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The detector could not be built (e.g. no label selected).
    Detect(DetectError),
    /// Key or pseudonymizer problem (missing or short key, bad token, …).
    Pseudo(PseudoError),
    /// The policy file is unreadable or invalid (the message names the file).
    Policy(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Detect(e) => e.fmt(f),
            Error::Pseudo(e) => e.fmt(f),
            Error::Policy(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Detect(e) => Some(e),
            Error::Pseudo(e) => Some(e),
            Error::Policy(_) => None,
        }
    }
}

impl From<DetectError> for Error {
    fn from(e: DetectError) -> Self {
        Error::Detect(e)
    }
}

impl From<PseudoError> for Error {
    fn from(e: PseudoError) -> Self {
        Error::Pseudo(e)
    }
}

/// Configures an [`Engine`]: which labels to find, the key and the modes.
#[derive(Debug, Default)]
pub struct EngineBuilder {
    labels: Option<LabelSet>,
    pseudo: PseudonymizerBuilder,
    patterns: Vec<ExtraPattern>,
    min_score: f32,
}

impl EngineBuilder {
    /// Detect only these labels (default: all).
    pub fn labels(mut self, labels: LabelSet) -> Self {
        self.labels = Some(labels);
        self
    }
    /// The secret key (required for every mode but `redact`).
    pub fn key(mut self, key: Key) -> Self {
        self.pseudo = self.pseudo.key(key);
        self
    }
    /// The mode for every label (default `tag`).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.pseudo = self.pseudo.mode(mode);
        self
    }
    /// The mode for one label, overriding [`EngineBuilder::mode`].
    pub fn mode_for(mut self, label: Label, mode: Mode) -> Self {
        self.pseudo = self.pseudo.mode_for(label, mode);
        self
    }
    /// A value that is never replaced (e.g. the company's own support e-mail).
    pub fn allow(mut self, value: impl AsRef<[u8]>) -> Self {
        self.pseudo = self.pseudo.allow(value);
        self
    }
    /// Applies a policy file: its labels, modes, allowlist, extra patterns and
    /// minimum score. Settings made after this call override the policy's.
    pub fn policy(mut self, policy: Policy) -> Self {
        if let Some(l) = policy.labels {
            self.labels = Some(l);
        }
        if let Some(m) = policy.mode {
            self.pseudo = self.pseudo.mode(m);
        }
        for (l, m) in policy.modes {
            self.pseudo = self.pseudo.mode_for(l, m);
        }
        for v in policy.allow {
            self.pseudo = self.pseudo.allow(v);
        }
        self.patterns.extend(policy.patterns);
        if let Some(s) = policy.min_score {
            self.min_score = s;
        }
        self
    }
    /// Drop findings whose score is below `score` (default 0: keep all).
    pub fn min_score(mut self, score: f32) -> Self {
        self.min_score = score;
        self
    }
    /// Builds the engine; fails with a message saying what to fix.
    pub fn build(self) -> Result<Engine, Error> {
        let mut sb = ScannerBuilder::new();
        if let Some(l) = self.labels {
            sb = sb.labels(l);
        }
        Ok(Engine {
            scanner: sb.build()?,
            pseudo: self.pseudo.build()?,
            patterns: self.patterns,
            min_score: self.min_score,
        })
    }
}

/// A finding with its normalised value (what pseudonyms are keyed on): phones
/// as country code + number, e-mails in lower case, identifiers as digits.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Detail {
    /// The label, byte span and score.
    pub finding: Finding,
    /// The normalised value (lossy UTF-8).
    pub normalized: String,
}

/// Detector plus pseudonymizer: build once, share across threads (`Send + Sync`).
#[derive(Debug)]
pub struct Engine {
    scanner: Scanner,
    pseudo: Pseudonymizer,
    patterns: Vec<ExtraPattern>,
    min_score: f32,
}

thread_local! {
    // Reused per thread so scanning a message allocates nothing once warm.
    static FINDINGS: RefCell<Vec<Finding>> = const { RefCell::new(Vec::new()) };
    // The bytes of one replacement, before they join the output.
    static REPLACEMENT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's buffer `key`, or with a fresh one when that is
/// in use (a call from inside a call) or gone (a call from a thread-local
/// destructor at thread exit): never a panic for either.
fn with_buffer<T: Default, R>(
    key: &'static std::thread::LocalKey<RefCell<T>>,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    let mut f = Some(f);
    let kept = key.try_with(|cell| {
        let mut buffer = cell.try_borrow_mut().ok()?;
        f.take().map(|f| f(&mut buffer))
    });
    match (kept, f) {
        (Ok(Some(r)), _) => r,
        (_, Some(f)) => f(&mut T::default()),
        (_, None) => unreachable!("`f` ran but gave nothing back"),
    }
}

impl Engine {
    /// A builder with every label and the `tag` mode.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// The detector inside.
    pub fn scanner(&self) -> &Scanner {
        &self.scanner
    }

    /// The pseudonymizer inside.
    pub fn pseudonymizer(&self) -> &Pseudonymizer {
        &self.pseudo
    }

    /// The findings in `input`, ordered by start, never overlapping.
    pub fn scan(&self, input: &[u8]) -> Vec<Finding> {
        let mut out = Vec::new();
        self.scan_into(input, &mut out);
        out
    }

    /// Appends the findings in `input` to `out`: the scanner's, the policy's
    /// extra patterns, minus those below the minimum score. Allocates nothing
    /// unless `out` grows (or extra patterns match).
    pub fn scan_into(&self, input: &[u8], out: &mut Vec<Finding>) {
        if self.patterns.is_empty() && self.min_score <= 0.0 {
            return self.scanner.scan_into(input, 0, out);
        }
        let mut mine = Vec::new();
        self.scanner.scan_into(input, 0, &mut mine);
        policy::merge_patterns(&self.patterns, self.scanner.labels(), input, &mut mine);
        out.extend(mine.into_iter().filter(|f| f.score >= self.min_score));
    }

    /// The findings in `input` with their normalised values. `+7 (912) 345-67-89`
    /// and `89123456789` both normalise to `79123456789`.
    pub fn details(&self, input: &[u8]) -> Vec<Detail> {
        let mut buf = Vec::new();
        self.scan(input)
            .into_iter()
            .map(|f| {
                buf.clear();
                normalize(f.label, &input[f.range()], &mut buf);
                Detail {
                    finding: f,
                    normalized: String::from_utf8_lossy(&buf).into_owned(),
                }
            })
            .collect()
    }

    /// Replaces every finding in `input`, appending the result to `out`.
    /// Returns the number of findings replaced.
    pub fn anonymize_into(&self, input: &[u8], out: &mut Vec<u8>) -> usize {
        with_buffer(&FINDINGS, |f| {
            f.clear();
            self.scan_into(input, f);
            if f.is_empty() {
                out.extend_from_slice(input);
            } else {
                self.pseudo.anonymize_into(input, f, out);
            }
            f.len()
        })
    }

    /// The message with every finding replaced; borrowed when nothing was found.
    pub fn anonymize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        with_buffer(&FINDINGS, |f| {
            f.clear();
            self.scan_into(text.as_bytes(), f);
            if f.is_empty() {
                return Cow::Borrowed(text);
            }
            Cow::Owned(self.replace_findings(text, f))
        })
    }

    /// `text` with `findings` (from [`scan`](Self::scan) of `text`: sorted,
    /// disjoint) replaced, for a caller that also wants the findings (to count
    /// them, say). A finding out of order or out of bounds is skipped.
    pub fn replace_findings(&self, text: &str, findings: &[Finding]) -> String {
        // The text between findings is copied as `&str` pieces and only the
        // replacements are checked, instead of validating the whole output
        // again (the bulk of the cost for a clean-ish message).
        if !findings
            .iter()
            .all(|x| text.is_char_boundary(x.start) && text.is_char_boundary(x.end))
        {
            // Not expected from the scanner; never leak: replace bytewise.
            let mut out = Vec::with_capacity(text.len() + 16 * findings.len());
            self.pseudo
                .anonymize_into(text.as_bytes(), findings, &mut out);
            return String::from_utf8_lossy(&out).into_owned();
        }
        let mut out = String::with_capacity(text.len() + 16 * findings.len());
        // One replacement at a time, in a buffer kept per thread.
        with_buffer(&REPLACEMENT, |bytes| {
            let mut pos = 0;
            for finding in findings {
                let (s, e) = (finding.start, finding.end);
                if s < pos || e <= s || e > text.len() {
                    continue;
                }
                out.push_str(&text[pos..s]);
                bytes.clear();
                self.pseudo
                    .replace_into(finding.label, &text.as_bytes()[s..e], bytes);
                match std::str::from_utf8(bytes) {
                    Ok(r) => out.push_str(r),
                    Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
                }
                pos = e;
            }
            out.push_str(&text[pos..]);
        });
        out
    }

    /// Restores the originals of `encrypt`-mode tokens in `text`.
    pub fn reidentify<'a>(&self, text: &'a str) -> Result<Cow<'a, str>, Error> {
        if !text.contains("[[") {
            return Ok(Cow::Borrowed(text));
        }
        let mut out = Vec::with_capacity(text.len());
        self.pseudo.reidentify_into(text.as_bytes(), &mut out)?;
        Ok(Cow::Owned(String::from_utf8_lossy(&out).into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Anonymizes from a thread-local destructor, which runs after the
    /// engine's own per-thread buffers are gone (destructors run in reverse
    /// order of first use): the call falls back to fresh buffers.
    struct AtExit(
        Option<std::sync::Arc<Engine>>,
        std::sync::mpsc::Sender<String>,
    );

    impl Drop for AtExit {
        fn drop(&mut self) {
            if let Some(engine) = self.0.take() {
                let out = engine.anonymize("Иванов Иван Иванович, тел. +79123456789");
                let _ = self.1.send(out.into_owned());
            }
        }
    }

    thread_local! {
        static AT_EXIT: RefCell<Option<AtExit>> = const { RefCell::new(None) };
    }

    #[test]
    fn anonymize_works_from_a_thread_local_destructor() {
        let engine = std::sync::Arc::new(
            Engine::builder()
                .key(Key::from_bytes(vec![5; 32]).unwrap())
                .build()
                .unwrap(),
        );
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = std::thread::spawn({
            let engine = engine.clone();
            move || {
                // First use of AT_EXIT, then of the engine's buffers.
                AT_EXIT.with(|slot| *slot.borrow_mut() = Some(AtExit(Some(engine.clone()), tx)));
                assert!(engine.anonymize("тел. +79123456789").contains("[PHONE:"));
            }
        });
        assert!(worker.join().is_ok(), "the destructor's call panicked");
        let at_exit = rx.recv().expect("the destructor ran");
        assert_eq!(
            at_exit,
            engine
                .anonymize("Иванов Иван Иванович, тел. +79123456789")
                .into_owned()
        );
        assert!(at_exit.starts_with("[PERSON:"));
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }

    #[test]
    fn encrypt_round_trips_and_tag_is_keyed() {
        let enc = Engine::builder()
            .key(Key::from_bytes(vec![1; 32]).unwrap())
            .mode(Mode::Encrypt)
            .build()
            .unwrap();
        let msg = "Иванов, СНИЛС 112-233-445 95, почта ivan@mail.ru\nтел. 89123456789";
        let hidden = enc.anonymize(msg);
        assert!(!hidden.contains("112-233-445 95") && !hidden.contains("ivan@mail.ru"));
        assert_eq!(enc.reidentify(&hidden).unwrap(), msg);

        let a = Engine::builder()
            .key(Key::from_bytes(vec![1; 32]).unwrap())
            .build()
            .unwrap();
        let b = Engine::builder()
            .key(Key::from_bytes(vec![2; 32]).unwrap())
            .build()
            .unwrap();
        assert_ne!(a.anonymize(msg), b.anonymize(msg));
        assert_eq!(a.anonymize(msg), a.anonymize(msg));
    }

    #[test]
    fn details_carry_normalised_values() {
        let e = Engine::builder().mode(Mode::Redact).build().unwrap();
        let d = e.details("тел. +7 (912) 345-67-89, тел. 89123456789, IVAN@Mail.ru".as_bytes());
        let n: Vec<&str> = d.iter().map(|x| x.normalized.as_str()).collect();
        assert_eq!(n, ["79123456789", "79123456789", "ivan@mail.ru"]);
    }

    #[test]
    fn redact_needs_no_key_and_other_modes_do() {
        let r = Engine::builder().mode(Mode::Redact).build().unwrap();
        assert_eq!(r.anonymize("ИНН 7707083893"), "ИНН [INN]");
        let err = Engine::builder().mode(Mode::Tag).build().unwrap_err();
        assert!(err.to_string().contains("key"), "{err}");
    }
}
