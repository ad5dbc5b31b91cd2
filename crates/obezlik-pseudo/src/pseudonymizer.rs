//! The pseudonymizer: replaces findings, and restores `encrypt` tokens.

use std::collections::HashSet;
use std::fmt;

use obezlik_detect::{Finding, Label};

use crate::fake_name::Sigma;
use crate::key::{Key, SubKeys};
use crate::normalize::normalize_with;
use crate::token::{self, Scan};
use crate::{fake, fake_name, mask, Error, Mode};

const LABELS: usize = Label::ALL.len();

/// Configures a [`Pseudonymizer`]; start from [`Pseudonymizer::builder`].
#[derive(Debug, Default)]
pub struct PseudonymizerBuilder {
    key: Option<Key>,
    mode: Mode,
    per_label: [Option<Mode>; LABELS],
    allow: Vec<Box<[u8]>>,
}

impl PseudonymizerBuilder {
    /// The secret key. Every mode but [`Mode::Redact`] needs one.
    pub fn key(mut self, key: Key) -> Self {
        self.key = Some(key);
        self
    }

    /// The mode for every label without an override ([`Mode::Tag`] unless set).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Overrides the mode for one label.
    pub fn mode_for(mut self, label: Label, mode: Mode) -> Self {
        self.per_label[label as usize] = Some(mode);
        self
    }

    /// A value that is never replaced, matched exactly against the finding's
    /// bytes (a company's public hotline, a support address).
    pub fn allow(mut self, value: impl AsRef<[u8]>) -> Self {
        self.allow.push(value.as_ref().into());
        self
    }

    /// Builds the pseudonymizer; fails when a mode that needs a key would run without one.
    pub fn build(self) -> Result<Pseudonymizer, Error> {
        let modes: [Mode; LABELS] = std::array::from_fn(|i| self.per_label[i].unwrap_or(self.mode));
        if self.key.is_none() {
            // Name the default mode first: it is what the user most likely set.
            if modes.contains(&self.mode) && self.mode.needs_key() {
                return Err(Error::KeyRequired {
                    mode: self.mode,
                    label: None,
                });
            }
            if let Some(label) = Label::ALL
                .into_iter()
                .find(|&l| modes[l as usize].needs_key())
            {
                return Err(Error::KeyRequired {
                    mode: modes[label as usize],
                    label: Some(label),
                });
            }
        }
        // The key itself is wiped when dropped here; only sub-keys live on.
        let keys = self.key.as_ref().map(SubKeys::derive);
        Ok(Pseudonymizer {
            sigma: keys.as_ref().map(|k| Sigma::new(&k.fake)),
            keys,
            modes,
            allow: self.allow.into_iter().collect(),
        })
    }
}

/// Replaces findings with keyed pseudonyms. Cheap to share between threads
/// (`Send + Sync`, no interior mutability): results never depend on threads.
pub struct Pseudonymizer {
    keys: Option<SubKeys>,
    /// The keyed letter map of fake names (from the fake sub-key).
    sigma: Option<Sigma>,
    modes: [Mode; LABELS],
    allow: HashSet<Box<[u8]>>,
}

/// What [`Pseudonymizer::reidentify_into`] restored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReidentifyStats {
    /// Tokens decrypted.
    pub tokens: usize,
    /// Tokens decrypted per label, indexed by `Label as usize` (SPEC order).
    pub by_label: [usize; LABELS],
}

impl Pseudonymizer {
    /// A builder with mode [`Mode::Tag`], no key, no overrides, empty allowlist.
    pub fn builder() -> PseudonymizerBuilder {
        PseudonymizerBuilder::default()
    }

    /// The mode used for `label`.
    pub fn mode_for(&self, label: Label) -> Mode {
        self.modes[label as usize]
    }

    /// Copies `input` to `out` with every finding replaced. Bytes outside
    /// findings are copied unchanged. `findings` should be sorted by `start`
    /// and not overlap; a finding that is empty, out of bounds or starts
    /// before the previous one ended is skipped (its bytes are kept).
    pub fn anonymize_into(&self, input: &[u8], findings: &[Finding], out: &mut Vec<u8>) {
        out.reserve(input.len());
        let mut pos = 0;
        for f in findings {
            if f.start < pos || f.end <= f.start || f.end > input.len() {
                continue;
            }
            out.extend_from_slice(&input[pos..f.start]);
            self.replace_into(f.label, &input[f.start..f.end], out);
            pos = f.end;
        }
        out.extend_from_slice(&input[pos..]);
    }

    /// [`anonymize_into`](Self::anonymize_into) into a new buffer.
    pub fn anonymize(&self, input: &[u8], findings: &[Finding]) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len() + input.len() / 4);
        self.anonymize_into(input, findings, &mut out);
        out
    }

    /// Appends the pseudonym of one value labelled `label` to `out` (or the
    /// value itself when it is on the allowlist).
    pub fn replace_into(&self, label: Label, value: &[u8], out: &mut Vec<u8>) {
        if !self.allow.is_empty() && self.allow.contains(value) {
            out.extend_from_slice(value);
            return;
        }
        match (self.modes[label as usize], self.keys.as_ref()) {
            // The builder refuses keyed modes without a key; fail closed anyway.
            (Mode::Redact, _) | (_, None) => {
                write_redact(label, out);
                push_line_breaks(value, out);
            }
            (Mode::Mask, Some(_)) => mask::mask(label, value, out),
            (Mode::Tag, Some(keys)) => {
                write_tag(keys, label, value, out);
                push_line_breaks(value, out);
            }
            (Mode::Fake, Some(keys)) => write_fake(keys, self.sigma.as_ref(), label, value, out),
            (Mode::Encrypt, Some(keys)) => {
                // Digit identifiers with a large enough domain: the same
                // layout and valid check digits inside a marked token (an
                // encrypted ИНН is still a valid ИНН); everything else: SIV.
                let mut fpe = Vec::new();
                if label.is_digit_identifier()
                    && token::is_digit_layout(value)
                    && fake::digits_with(&keys.fpe, label, value, &mut fpe, true, 6)
                {
                    token::write_digits_token(label, &fpe, out);
                } else if !token::encrypt_into(&keys.siv, label, value, out) {
                    write_redact(label, out);
                }
                push_line_breaks(value, out);
            }
        }
    }

    /// Copies `input` to `out` with every `encrypt` token replaced by the
    /// original bytes (and the line breaks anonymize added after it dropped).
    ///
    /// Any `[[LABEL~` (LABEL a SPEC label name) starts a token. One that is not
    /// closed by `]]`, does not decode, or does not authenticate under this key
    /// is an error naming its byte offset; `out` then holds a partial result.
    pub fn reidentify_into(
        &self,
        input: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<ReidentifyStats, Error> {
        let keys = self.keys.as_ref().ok_or(Error::ReidentifyWithoutKey)?;
        let mut stats = ReidentifyStats::default();
        out.reserve(input.len());
        let (mut pos, mut copied) = (0, 0);
        while let Some(rel) = memchr::memchr(b'[', &input[pos..]) {
            let at = pos + rel;
            let bad = |reason| Error::BadToken { offset: at, reason };
            match token::scan_at(input, at) {
                Scan::NotToken => pos = at + 1,
                Scan::Unclosed => return Err(bad("is not closed by `]]`")),
                Scan::Token {
                    label,
                    payload,
                    end,
                } => {
                    out.extend_from_slice(&input[copied..at]);
                    let restored = out.len();
                    token::decrypt_into(&keys.siv, label, &input[payload], out).map_err(bad)?;
                    let end = end + line_breaks_after(&out[restored..], &input[end..]);
                    stats.tokens += 1;
                    stats.by_label[label as usize] += 1;
                    (pos, copied) = (end, end);
                }
                Scan::Digits { label, value, end } => {
                    out.extend_from_slice(&input[copied..at]);
                    if !fake::digits_with(&keys.fpe, label, &input[value], out, false, 6) {
                        return Err(bad("does not hold a number this label can have"));
                    }
                    stats.tokens += 1;
                    stats.by_label[label as usize] += 1;
                    (pos, copied) = (end, end);
                }
            }
        }
        out.extend_from_slice(&input[copied..]);
        Ok(stats)
    }

    /// [`reidentify_into`](Self::reidentify_into) into a new buffer.
    pub fn reidentify(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(input.len());
        self.reidentify_into(input, &mut out)?;
        Ok(out)
    }
}

impl fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Modes<'a>(&'a [Mode; LABELS]);
        impl fmt::Debug for Modes<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_map()
                    .entries(Label::ALL.iter().map(|l| (l.as_str(), self.0[*l as usize])))
                    .finish()
            }
        }
        f.debug_struct("Pseudonymizer")
            .field("key", &self.keys.as_ref().map_or("none", |_| "<redacted>"))
            .field("modes", &Modes(&self.modes))
            .field("allowlist_len", &self.allow.len())
            .finish()
    }
}

fn write_redact(label: Label, out: &mut Vec<u8>) {
    out.push(b'[');
    out.extend_from_slice(label.as_str().as_bytes());
    out.push(b']');
}

/// `[LABEL:xxxxxxxx]`, x = AES-256-CMAC(the label's tag key, normalised value).
fn write_tag(keys: &SubKeys, label: Label, value: &[u8], out: &mut Vec<u8>) {
    // The normalised value on the stack (a long one spills to the heap).
    let mut buf = [0u8; 128];
    let mut len = 0;
    let mut spill: Vec<u8> = Vec::new();
    normalize_with(label, value, &mut |s: &[u8]| {
        if spill.is_empty() && len + s.len() <= buf.len() {
            buf[len..len + s.len()].copy_from_slice(s);
            len += s.len();
        } else {
            if spill.is_empty() {
                spill.extend_from_slice(&buf[..len]);
            }
            spill.extend_from_slice(s);
        }
    });
    let msg = if spill.is_empty() {
        &buf[..len]
    } else {
        &spill[..]
    };
    let id = keys.tag[label as usize].mac(msg);
    out.push(b'[');
    out.extend_from_slice(label.as_str().as_bytes());
    out.push(b':');
    crate::push_hex(out, &id[..4]);
    out.push(b']');
}

fn write_fake(
    keys: &SubKeys,
    sigma: Option<&Sigma>,
    label: Label,
    value: &[u8],
    out: &mut Vec<u8>,
) {
    match label {
        l if l.is_digit_identifier() => {
            if fake::digits(&keys.fake, l, value, out) {
                return; // the original layout, line breaks included
            }
            write_tag(keys, label, value, out);
        }
        Label::Email => fake::email(&keys.fake, value, out),
        Label::Ip => {
            if !fake::ip(&keys.fake, value, out) {
                write_tag(keys, label, value, out);
            }
        }
        Label::Person => {
            if let Some(sigma) = sigma {
                if fake_name::person(&keys.fake, sigma, value, out) {
                    return; // the original layout, line breaks included
                }
            }
            write_tag(keys, label, value, out);
        }
        Label::Address => {
            fake_name::address(&keys.fake, value, out);
            return; // the original layout, line breaks included
        }
        // SECRET (and anything new): the tag form; a fake secret could be
        // taken for a real one.
        _ => write_tag(keys, label, value, out),
    }
    push_line_breaks(value, out);
}

/// Appends the line breaks (`\n` or `\r\n`) `value` contains, so replacing it
/// merges no lines (SPEC §3).
fn push_line_breaks(value: &[u8], out: &mut Vec<u8>) {
    for i in memchr::memchr_iter(b'\n', value) {
        if i > 0 && value[i - 1] == b'\r' {
            out.push(b'\r');
        }
        out.push(b'\n');
    }
}

/// How many bytes at the start of `after` are the line breaks
/// [`push_line_breaks`] wrote for `original`; stops at the first one missing
/// (text edited after anonymizing, e.g. by a language model, may drop them).
fn line_breaks_after(original: &[u8], after: &[u8]) -> usize {
    let mut used = 0;
    for i in memchr::memchr_iter(b'\n', original) {
        let brk: &[u8] = if i > 0 && original[i - 1] == b'\r' {
            b"\r\n"
        } else {
            b"\n"
        };
        if !after[used..].starts_with(brk) {
            break;
        }
        used += brk.len();
    }
    used
}
