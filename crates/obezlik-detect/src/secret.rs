//! SECRET: credentials in text — provider API keys and tokens, bearer tokens,
//! values after key names (`password=…`, `"api_key": "…"`, `пароль: …`),
//! passwords in URLs and one-line private keys.
//!
//! The rules are data, one file per provider family in `rules/secrets/`; their
//! format is described at the top of each file. Every rule starts at a fixed
//! piece of text — a token prefix (`sk-`, `ghp_`, `eyJ`), a marker (`Bearer`),
//! the last word of a key name (`pass`, `token`, `key`, `парол`), `://` — and
//! all those anchors go into one aho-corasick automaton, which finds them in a
//! line; each anchor then runs its own small confirm step.
//!
//! With AVX2 the scanner does not run the automaton over the input: its
//! prefilter is our own [`PairFilter`] (one rare pair of adjacent bytes per
//! anchor), computed in the first pass's block loop from bytes loaded there
//! anyway, which costs a fraction of a separate search. A hit is checked
//! against the anchors, an anchor's own rule is asked ([`SecretRules::
//! may_start_secret`]), and only a line that holds a secret goes through
//! [`SecretRules::find`] — the automaton — and is scanned again.
//!
//! The pass is line-local like the rest of the scanner: no walk crosses a
//! `\n`. Its findings are sorted and disjoint; the scanner merges them with the
//! findings of its first pass (see `Sink`).

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::Error;
use crate::pairs::PairFilter;
use crate::text::{char_at, fold_in_place, is_word};

/// The built-in rule files: (name, text).
pub(crate) const SECRET_RULES: &[(&str, &str)] = &[
    ("openai.txt", include_str!("../rules/secrets/openai.txt")),
    (
        "anthropic.txt",
        include_str!("../rules/secrets/anthropic.txt"),
    ),
    ("github.txt", include_str!("../rules/secrets/github.txt")),
    ("gitlab.txt", include_str!("../rules/secrets/gitlab.txt")),
    ("slack.txt", include_str!("../rules/secrets/slack.txt")),
    ("aws.txt", include_str!("../rules/secrets/aws.txt")),
    ("google.txt", include_str!("../rules/secrets/google.txt")),
    ("yandex.txt", include_str!("../rules/secrets/yandex.txt")),
    (
        "telegram.txt",
        include_str!("../rules/secrets/telegram.txt"),
    ),
    ("jwt.txt", include_str!("../rules/secrets/jwt.txt")),
    ("bearer.txt", include_str!("../rules/secrets/bearer.txt")),
    (
        "privatekey.txt",
        include_str!("../rules/secrets/privatekey.txt"),
    ),
    (
        "keyvalue.txt",
        include_str!("../rules/secrets/keyvalue.txt"),
    ),
];

/// Scores: a credential that names itself, one found by its context.
const SCORE_TOKEN: f32 = 0.95;
const SCORE_AFTER: f32 = 0.9;
const SCORE_VALUE: f32 = 0.85;

/// The longest key name, in bytes.
const KEY_REACH: usize = 64;

/// A set of bytes.
#[derive(Clone, Debug)]
struct ByteSet([bool; 256]);

impl ByteSet {
    /// Parses a regex-class body without brackets: `A-Za-z0-9_-`.
    fn parse(s: &str) -> Option<ByteSet> {
        let b = s.as_bytes();
        let mut set = [false; 256];
        let mut i = 0;
        while i < b.len() {
            if i + 2 < b.len() && b[i + 1] == b'-' {
                if b[i] > b[i + 2] {
                    return None;
                }
                for c in b[i]..=b[i + 2] {
                    set[c as usize] = true;
                }
                i += 3;
            } else {
                set[b[i] as usize] = true;
                i += 1;
            }
        }
        // Never a line break or a space: a finding stays on its line.
        if set[b'\n' as usize] || set[b' ' as usize] {
            return None;
        }
        Some(ByteSet(set))
    }

    #[inline]
    fn has(&self, b: u8) -> bool {
        self.0[b as usize]
    }
}

/// A `token` or `after` rule.
#[derive(Clone, Debug)]
struct TokenRule {
    /// The prefix (token) or the marker as written (after).
    prefix: Vec<u8>,
    /// `after`: the finding is the body alone, after the marker and spaces.
    after: bool,
    charset: ByteSet,
    min: usize,
    max: usize,
    classes: u8,
    lead_digits: Option<(usize, usize)>,
    dots: Option<usize>,
    trim: Vec<u8>,
}

/// A `key` or `notkey` rule.
#[derive(Clone, Debug)]
struct KeyName {
    /// Folded words, the last one a stem when `stem`.
    words: Vec<Vec<u8>>,
    stem: bool,
    secret: bool,
    spaced: bool,
}

/// What an automaton pattern starts.
#[derive(Clone, Debug)]
enum Anchor {
    /// Token rules whose prefix may begin here, longest prefix first.
    Tokens(Vec<usize>),
    /// The `after` rule with this index.
    After(usize),
    Key,
    Url,
    Pem,
}

/// The compiled SECRET rules.
#[derive(Debug)]
pub(crate) struct SecretRules {
    ac: AhoCorasick,
    /// The automaton's patterns, by pattern id.
    patterns: Vec<Vec<u8>>,
    /// The prefilter of the patterns, for the scanner.
    pub(crate) pairs: PairFilter,
    anchors: Vec<Anchor>,
    tokens: Vec<TokenRule>,
    /// Longest (most words) first, so the longest match decides.
    keys: Vec<KeyName>,
    max_key_words: usize,
    value_min: usize,
    value_max: usize,
    value_classes: u8,
    /// Folded.
    placeholders: Vec<Vec<u8>>,
    /// Body length bounds of one-line private keys.
    pem: (usize, usize),
}

fn parse_range(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once("..")?;
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a <= b).then_some((a, b))
}

/// Lower, Capitalised and upper case of a marker or key word (ASCII and
/// Cyrillic), without repeats.
fn casings(word: &[u8]) -> Vec<Vec<u8>> {
    let s = String::from_utf8_lossy(word).to_lowercase();
    let mut cap = String::new();
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.extend(chars);
    }
    let mut out: Vec<Vec<u8>> = Vec::new();
    for v in [
        word.to_vec(),
        s.clone().into_bytes(),
        cap.into_bytes(),
        s.to_uppercase().into_bytes(),
    ] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

impl SecretRules {
    pub(crate) fn from_rules(files: &[(&str, &str)]) -> Result<SecretRules, Error> {
        let mut tokens: Vec<TokenRule> = Vec::new();
        let mut keys: Vec<KeyName> = Vec::new();
        let mut values = None;
        let mut placeholders = Vec::new();
        let mut url = false;
        let mut pem = None;
        for (file, text) in files {
            for (n, raw) in text.lines().enumerate() {
                let err =
                    |m: &str| Error::Rules(format!("secrets/{file} line {}: {m}: {raw:?}", n + 1));
                let line = raw.split('#').next().unwrap_or("").trim();
                // Examples and the label line belong to the tests.
                if line.is_empty()
                    || raw.starts_with("+ ")
                    || raw.starts_with("- ")
                    || line.starts_with("label:")
                {
                    continue;
                }
                let f: Vec<&str> = line.split_whitespace().collect();
                match f[0] {
                    "token" | "after" => {
                        if f.len() < 4 {
                            return Err(err("expected KIND PREFIX CHARSET MIN..MAX"));
                        }
                        let charset = ByteSet::parse(f[2]).ok_or_else(|| err("bad charset"))?;
                        let (min, max) = parse_range(f[3]).ok_or_else(|| err("bad length"))?;
                        let mut rule = TokenRule {
                            prefix: f[1].as_bytes().to_vec(),
                            after: f[0] == "after",
                            charset,
                            min,
                            max,
                            classes: 0,
                            lead_digits: None,
                            dots: None,
                            trim: Vec::new(),
                        };
                        for opt in &f[4..] {
                            let (k, v) = opt.split_once('=').ok_or_else(|| err("bad option"))?;
                            match k {
                                "classes" => {
                                    rule.classes = v
                                        .parse()
                                        .ok()
                                        .filter(|&c| c <= 3)
                                        .ok_or_else(|| err("bad classes"))?
                                }
                                "lead" => {
                                    let r = v.strip_prefix("digits:").and_then(parse_range);
                                    rule.lead_digits = Some(
                                        r.filter(|r| r.1 < 20).ok_or_else(|| err("bad lead"))?,
                                    );
                                }
                                "dots" => rule.dots = Some(v.parse().map_err(|_| err("bad dots"))?),
                                "trim" => rule.trim = v.as_bytes().to_vec(),
                                _ => return Err(err("unknown option")),
                            }
                        }
                        if rule.prefix.len() < 3 && !rule.after {
                            return Err(err("a prefix needs at least 3 bytes"));
                        }
                        tokens.push(rule);
                    }
                    "key" | "notkey" => {
                        if f.len() < 2 || f.len() > 3 || (f.len() == 3 && f[2] != "spaced") {
                            return Err(err("expected key NAME [spaced]"));
                        }
                        let mut name = f[1].as_bytes().to_vec();
                        let stem = name.last() == Some(&b'*');
                        if stem {
                            name.pop();
                        }
                        fold_in_place(&mut name);
                        let words: Vec<Vec<u8>> =
                            name.split(|&b| b == b'_').map(<[u8]>::to_vec).collect();
                        if words.iter().any(|w| w.is_empty()) || words.len() > 4 {
                            return Err(err("bad key name"));
                        }
                        keys.push(KeyName {
                            words,
                            stem,
                            secret: f[0] == "key",
                            spaced: f.len() == 3,
                        });
                    }
                    "values" => {
                        let (min, max) = f
                            .get(1)
                            .and_then(|r| parse_range(r))
                            .ok_or_else(|| err("bad length"))?;
                        let classes = f
                            .get(2)
                            .and_then(|o| o.strip_prefix("classes="))
                            .and_then(|c| c.parse::<u8>().ok())
                            .filter(|&c| c <= 4)
                            .ok_or_else(|| err("expected classes=N"))?;
                        values = Some((min.max(1), max, classes));
                    }
                    "placeholder" => {
                        for w in &f[1..] {
                            let mut w = w.as_bytes().to_vec();
                            fold_in_place(&mut w);
                            placeholders.push(w);
                        }
                    }
                    "url" => url = true,
                    "pem" => {
                        if f.len() != 3 || f[1] != "-----BEGIN" {
                            return Err(err("expected pem -----BEGIN MIN..MAX"));
                        }
                        pem = Some(parse_range(f[2]).ok_or_else(|| err("bad length"))?);
                    }
                    _ => return Err(err("unknown rule kind")),
                }
            }
        }
        let (value_min, value_max, value_classes) = match values {
            Some(v) => v,
            None if keys.is_empty() && !url => (usize::MAX, 0, 0),
            None => {
                return Err(Error::Rules(
                    "secrets: key or url rules without a `values` line".into(),
                ))
            }
        };

        // The anchors, each with what it starts.
        let mut pats: Vec<(Vec<u8>, Anchor)> = Vec::new();
        for (i, r) in tokens.iter().enumerate() {
            if r.after {
                for c in casings(&r.prefix) {
                    pats.push((c, Anchor::After(i)));
                }
            } else if !pats.iter().any(|(p, _)| *p == r.prefix) {
                pats.push((r.prefix.clone(), Anchor::Tokens(Vec::new())));
            }
        }
        for k in keys.iter().filter(|k| k.secret) {
            for c in casings(k.words.last().expect("a key has a word")) {
                pats.push((c, Anchor::Key));
            }
        }
        if url {
            pats.push((b"://".to_vec(), Anchor::Url));
        }
        if pem.is_some() {
            pats.push((b"-----BEGIN".to_vec(), Anchor::Pem));
        }
        // A key anchor that holds another (`apikey` holds `key`) is not needed:
        // the key around the shorter one is the same.
        let key_anchors: Vec<Vec<u8>> = pats
            .iter()
            .filter(|(_, a)| matches!(a, Anchor::Key))
            .map(|(p, _)| p.clone())
            .collect();
        pats.retain(|(p, a)| {
            !matches!(a, Anchor::Key)
                || !key_anchors
                    .iter()
                    .any(|q| q.len() < p.len() && p.windows(q.len()).any(|w| w == q.as_slice()))
        });
        // A pattern that another one begins is never reported on its own:
        // keys fold into the shorter key anchor (`pass` finds `password`),
        // token prefixes into the shorter prefix (`sk-` tries `sk-ant-`).
        let mut i = 0;
        while i < pats.len() {
            let covered = pats.iter().enumerate().find(|&(j, (q, _))| {
                j != i && pats[i].0.starts_with(q) && (q.len() < pats[i].0.len() || j < i)
            });
            match covered {
                None => i += 1,
                Some((j, _)) => {
                    let same = matches!(
                        (&pats[i].1, &pats[j].1),
                        (Anchor::Key, Anchor::Key) | (Anchor::Tokens(_), Anchor::Tokens(_))
                    );
                    if !same {
                        return Err(Error::Rules(format!(
                            "secrets: anchor {:?} begins with anchor {:?} of another kind",
                            String::from_utf8_lossy(&pats[i].0),
                            String::from_utf8_lossy(&pats[j].0)
                        )));
                    }
                    pats.remove(i);
                }
            }
        }
        for (p, a) in &mut pats {
            if let Anchor::Tokens(list) = a {
                list.extend(
                    tokens
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !r.after && r.prefix.starts_with(p))
                        .map(|(i, _)| i),
                );
                list.sort_by_key(|&i| std::cmp::Reverse(tokens[i].prefix.len()));
            }
        }
        keys.sort_by_key(|k| std::cmp::Reverse(k.words.len()));
        let max_key_words = keys.iter().map(|k| k.words.len()).max().unwrap_or(0);
        let patterns: Vec<Vec<u8>> = pats.iter().map(|(p, _)| p.clone()).collect();
        if patterns.len() > 250 {
            return Err(Error::Rules("secrets: more than 250 anchors".into()));
        }
        if patterns.iter().any(|p| p.len() < 2 || p.contains(&b'\n')) {
            return Err(Error::Rules(
                "secrets: an anchor needs two bytes and no line break".into(),
            ));
        }
        // Built only on lines that hold an anchor: a small NFA, quick to build.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| Error::Rules(format!("secret automaton: {e}")))?;
        Ok(SecretRules {
            ac,
            pairs: PairFilter::new(&patterns),
            patterns,
            anchors: pats.into_iter().map(|(_, a)| a).collect(),
            tokens,
            keys,
            max_key_words,
            value_min,
            value_max,
            value_classes,
            placeholders,
            pem: pem.unwrap_or((usize::MAX, 0)),
        })
    }

    /// Appends the secrets of `hay` to `out` as `(start, end, score)`: sorted by
    /// start, never overlapping (where two candidates overlap, the earlier one
    /// wins, then the longer).
    pub(crate) fn find(&self, hay: &[u8], out: &mut Vec<(usize, usize, f32)>) {
        let from = out.len();
        let mut pem_cache = PemCache::default();
        // A key name is judged once, whichever of its anchors comes first
        // (each would find the same).
        let mut key_done = 0;
        for m in self.ac.find_iter(hay) {
            let id = m.pattern().as_usize();
            if matches!(self.anchors[id], Anchor::Key) {
                if m.start() < key_done {
                    continue;
                }
                key_done = m.end();
            }
            if let Some(f) = self.secret_at(hay, id, m.start(), &mut pem_cache) {
                out.push(f);
            }
        }
        let found = &mut out[from..];
        if found.len() > 1 {
            found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut last_end = 0;
            let mut w = from;
            for r in from..out.len() {
                if out[r].0 >= last_end {
                    last_end = out[r].1;
                    out[w] = out[r];
                    w += 1;
                }
            }
            out.truncate(w);
        }
    }

    /// The secret that the anchor `id` at `p` starts, if any: what [`find`]
    /// finds for it. Also asked for single anchors by the scanner, which
    /// looks at a whole line only when one yields a secret.
    ///
    /// [`find`]: SecretRules::find
    fn secret_at(
        &self,
        hay: &[u8],
        id: usize,
        p: usize,
        pem_cache: &mut PemCache,
    ) -> Option<(usize, usize, f32)> {
        let q = p + self.patterns[id].len();
        match &self.anchors[id] {
            Anchor::Tokens(list) => list.iter().find_map(|&r| self.token_at(hay, p, r)),
            Anchor::After(r) => self.after_at(hay, p, q, *r),
            Anchor::Key => self
                .key_value_at(hay, p, q)
                .map(|(s, e)| (s, e, SCORE_VALUE)),
            Anchor::Url => self.url_at(hay, p, q),
            Anchor::Pem => self.pem_at(hay, q, pem_cache),
        }
    }

    /// Whether the anchor `id` at `p` may start a secret: whether
    /// [`SecretRules::secret_at`] finds one, except that a private-key
    /// marker always may (its search is left to the line's [`find`], which
    /// shares it between markers).
    ///
    /// [`find`]: SecretRules::find
    pub(crate) fn may_start_secret(&self, hay: &[u8], id: usize, p: usize) -> bool {
        matches!(self.anchors[id], Anchor::Pem)
            || self
                .secret_at(hay, id, p, &mut PemCache::default())
                .is_some()
    }

    /// The end of the run of `charset` bytes from `i`, if at most `max` long.
    #[inline]
    fn run_end(hay: &[u8], i: usize, charset: &ByteSet, max: usize) -> Option<usize> {
        let lim = hay.len().min(i + max + 1);
        let mut e = i;
        while e < lim && charset.has(hay[e]) {
            e += 1;
        }
        (e - i <= max).then_some(e)
    }

    /// Checks a body against the rule's length, classes and dots, after trimming.
    fn body_ok(rule: &TokenRule, hay: &[u8], s: usize, mut e: usize) -> Option<usize> {
        while e > s && rule.trim.contains(&hay[e - 1]) {
            e -= 1;
        }
        let body = &hay[s..e];
        if body.len() < rule.min || body.len() > rule.max {
            return None;
        }
        if rule.classes > 0 && letter_digit_classes(body) < rule.classes {
            return None;
        }
        if let Some(n) = rule.dots {
            let dots = body.iter().filter(|&&b| b == b'.').count();
            if dots != n
                || body.first() == Some(&b'.')
                || body.last() == Some(&b'.')
                || body.windows(2).any(|w| w == b"..")
            {
                return None;
            }
        }
        Some(e)
    }

    /// A `token` rule at `p`, where its prefix may begin.
    fn token_at(&self, hay: &[u8], p: usize, r: usize) -> Option<(usize, usize, f32)> {
        let rule = &self.tokens[r];
        if !hay[p..].starts_with(&rule.prefix) {
            return None;
        }
        let start = match rule.lead_digits {
            Some((lo, hi)) => {
                let mut s = p;
                while s > 0 && p - s <= hi && hay[s - 1].is_ascii_digit() {
                    s -= 1;
                }
                if !(lo..=hi).contains(&(p - s)) {
                    return None;
                }
                s
            }
            None => {
                if p > 0 && (is_word(hay[p - 1]) || rule.charset.has(hay[p - 1])) {
                    return None;
                }
                p
            }
        };
        let b = p + rule.prefix.len();
        let e = Self::run_end(hay, b, &rule.charset, rule.max)?;
        let e = Self::body_ok(rule, hay, b, e)?;
        Some((start, e, SCORE_TOKEN))
    }

    /// An `after` rule: its marker at `p..q`.
    fn after_at(&self, hay: &[u8], p: usize, q: usize, r: usize) -> Option<(usize, usize, f32)> {
        let rule = &self.tokens[r];
        if p > 0 && is_word(hay[p - 1]) {
            return None;
        }
        let mut b = q;
        while b < hay.len() && hay[b] == b' ' && b - q < 3 {
            b += 1;
        }
        if b == q {
            return None;
        }
        let e = Self::run_end(hay, b, &rule.charset, rule.max)?;
        let e = Self::body_ok(rule, hay, b, e)?;
        Some((b, e, SCORE_AFTER))
    }

    /// A key name around the anchor word at `p..q` and the value after it.
    /// The key is the whole identifier around the anchor, at most
    /// [`KEY_REACH`] bytes (a longer one is no key), so every anchor in it
    /// finds the same.
    fn key_value_at(&self, hay: &[u8], p: usize, q: usize) -> Option<(usize, usize)> {
        let mut s = p;
        while s > 0 && p - s <= KEY_REACH {
            match ident_before(hay, s) {
                Some(len) => s -= len,
                None => break,
            }
        }
        let mut e = q;
        while e < hay.len() && e - q <= KEY_REACH {
            match ident_at(hay, e) {
                Some(len) => e += len,
                None => break,
            }
        }
        // `\nSECRET_KEY` in JSON text: the escape is no part of the key.
        if s > 0 && hay[s - 1] == b'\\' && matches!(hay[s], b'n' | b't' | b'r') {
            s += 1;
        }
        if e - s > KEY_REACH {
            return None;
        }
        while e > q && matches!(hay[e - 1], b'.' | b'-') {
            e -= 1;
        }
        // `scheme://user:password@host` is the URL rule's: `user` is no key.
        if hay[..s].ends_with(b"://") {
            return None;
        }
        let spaced = self.key_kind(&hay[s..e])?;
        let (v, quote) = separator(hay, e, spaced)?;
        self.value_at(hay, v, quote).map(|ve| (v, ve))
    }

    /// Whether `ident` names a secret: `Some(spaced)` if so.
    fn key_kind(&self, ident: &[u8]) -> Option<bool> {
        let words = split_words(ident);
        if words.is_empty() {
            return None;
        }
        for k in &self.keys {
            let n = k.words.len();
            if n > words.len() || n > self.max_key_words {
                continue;
            }
            let tail = &words[words.len() - n..];
            let last_ok = if k.stem {
                tail[n - 1].starts_with(&k.words[n - 1])
            } else {
                tail[n - 1] == k.words[n - 1]
            };
            if last_ok && tail[..n - 1] == k.words[..n - 1] {
                return k.secret.then_some(k.spaced);
            }
        }
        None
    }

    /// The end of a plausible secret value that starts at `v` (after the
    /// opening `quote`, if any), if there is one.
    fn value_at(&self, hay: &[u8], v: usize, quote: Option<u8>) -> Option<usize> {
        let mut e = v;
        while e < hay.len() {
            let b = hay[e];
            let end = match quote {
                // Within quotes only the closing one (or a backslash) ends it.
                Some(q) => b == q || b == b'\\',
                None => matches!(b, b'"' | b'\'' | b'`' | b',' | b';' | b'&' | b'\\'),
            };
            if end || b <= b' ' || b == 0x7F {
                break;
            }
            if b >= 0x80 {
                // A letter glued on makes it a word, not a password.
                if char_at(hay, e).is_some_and(|(c, _)| c.is_alphanumeric()) {
                    return None;
                }
                break;
            }
            e += 1;
            if e - v > self.value_max {
                return None;
            }
        }
        let e = if quote.is_some() {
            e
        } else {
            trim_value(hay, v, e)
        };
        self.plausible(&hay[v..e]).then_some(e)
    }

    /// Whether a value may be a secret (see `values` in keyvalue.txt).
    fn plausible(&self, val: &[u8]) -> bool {
        if val.len() < self.value_min || val.len() > self.value_max {
            return false;
        }
        let starts = |p: &[u8]| val.starts_with(p);
        if matches!(val[0], b'<' | b'[' | b'{' | b'(' | b'*' | b'=' | b'/')
            || starts(b"~/")
            || starts(b"./")
            || starts(b"${")
            || starts(b"$(")
            || (val[0] == b'$'
                && val[1..]
                    .iter()
                    .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'))
            || starts(b"%s")
            || starts(b"%(")
            || memchr::memmem::find(val, b"://").is_some()
            || val.iter().all(|&b| b == val[0])
        {
            return false;
        }
        let mut folded = val.to_vec();
        fold_in_place(&mut folded);
        if self.placeholders.contains(&folded) {
            return false;
        }
        let capitalised =
            val[0].is_ascii_uppercase() && val[1..].iter().all(u8::is_ascii_lowercase);
        let classes = if capitalised {
            1
        } else {
            let symbol = val
                .iter()
                .any(|&b| b.is_ascii_punctuation() && !matches!(b, b'-' | b'_' | b'.'));
            letter_digit_classes(val) + symbol as u8
        };
        classes >= self.value_classes
    }

    /// `scheme://user:PASSWORD@host`, the `://` at `p..q`: the password.
    fn url_at(&self, hay: &[u8], p: usize, q: usize) -> Option<(usize, usize, f32)> {
        let mut s = p;
        while s > 0
            && p - s < 32
            && (hay[s - 1].is_ascii_alphanumeric() || matches!(hay[s - 1], b'+' | b'.' | b'-'))
        {
            s -= 1;
        }
        if s == p || !hay[s].is_ascii_alphabetic() {
            return None;
        }
        // The authority, up to the first `/`, space or quote; the last `@` in it.
        let mut at = None;
        let mut i = q;
        let lim = hay.len().min(q + self.value_max + KEY_REACH);
        while i < lim {
            let b = hay[i];
            if b <= b' '
                || b >= 0x7F
                || matches!(b, b'/' | b'"' | b'\'' | b'`' | b'\\' | b'<' | b'>')
            {
                break;
            }
            if b == b'@' {
                at = Some(i);
            }
            i += 1;
        }
        let at = at?;
        if !hay
            .get(at + 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'[')
        {
            return None;
        }
        let colon = memchr::memchr(b':', &hay[q..at])? + q;
        let v = colon + 1;
        (v < at && self.plausible(&hay[v..at])).then_some((v, at, SCORE_VALUE))
    }

    /// A one-line private key; `q` is the end of `-----BEGIN`.
    fn pem_at(&self, hay: &[u8], q: usize, cache: &mut PemCache) -> Option<(usize, usize, f32)> {
        let p = q - b"-----BEGIN".len();
        let label_end = pem_label_end(hay, q)?;
        let body = label_end;
        let end_marker = cache.next(hay, body, b"-----END ")?;
        let nl = cache.newline(hay, body);
        let (lo, hi) = self.pem;
        if end_marker > nl || end_marker - body < lo || end_marker - body > hi {
            return None;
        }
        let ok = |b: u8| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'+' | b'/' | b'=' | b'\\' | b' ' | b'\t' | b'\r' | b':' | b',' | b'-'
                )
        };
        if !hay[body..end_marker].iter().all(|&b| ok(b)) {
            return None;
        }
        let e = pem_label_end(hay, end_marker + b"-----END".len())?;
        Some((p, e, SCORE_TOKEN))
    }
}

/// After `-----BEGIN` or `-----END` at `i`: ` [A-Z0-9 ]* PRIVATE KEY-----`; the
/// end of it.
fn pem_label_end(hay: &[u8], i: usize) -> Option<usize> {
    const TAIL: &[u8] = b"PRIVATE KEY-----";
    if hay.get(i) != Some(&b' ') {
        return None;
    }
    let mut j = i + 1;
    while j < hay.len()
        && j - i < 48
        && (hay[j].is_ascii_uppercase() || hay[j].is_ascii_digit() || hay[j] == b' ')
    {
        j += 1;
    }
    // `j` stops at the first `-` of the closing dashes.
    let end = j + 5;
    (end <= hay.len() && hay[..end].ends_with(TAIL)).then_some(end)
}

/// The next `-----END ` and the next line break, remembered across the anchors
/// of one pass so that many BEGINs on a long line cost one search.
#[derive(Default)]
struct PemCache {
    end: Option<Option<usize>>,
    newline: Option<usize>,
}

impl PemCache {
    fn next(&mut self, hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
        match self.end {
            Some(Some(e)) if e >= from => return Some(e),
            Some(None) => return None,
            _ => {}
        }
        let found = memchr::memmem::find(&hay[from..], needle).map(|i| from + i);
        self.end = Some(found);
        found
    }

    fn newline(&mut self, hay: &[u8], from: usize) -> usize {
        match self.newline {
            Some(n) if n >= from => n,
            _ => {
                let n = memchr::memchr(b'\n', &hay[from..]).map_or(hay.len(), |i| from + i);
                self.newline = Some(n);
                n
            }
        }
    }
}

/// How many of lower case, upper case and digits occur in `s`.
fn letter_digit_classes(s: &[u8]) -> u8 {
    let (mut l, mut u, mut d) = (false, false, false);
    for &b in s {
        l |= b.is_ascii_lowercase();
        u |= b.is_ascii_uppercase();
        d |= b.is_ascii_digit();
    }
    l as u8 + u as u8 + d as u8
}

/// Length of the identifier character at `i` (ASCII letter, digit, `_`, `-`,
/// `.` or a Cyrillic letter), if there is one.
#[inline]
fn ident_at(hay: &[u8], i: usize) -> Option<usize> {
    let b = hay[i];
    if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') {
        return Some(1);
    }
    (i + 1 < hay.len() && matches!(b, 0xD0 | 0xD1) && (0x80..=0xBF).contains(&hay[i + 1]))
        .then_some(2)
}

/// Length of the identifier character that ends right before `i`.
#[inline]
fn ident_before(hay: &[u8], i: usize) -> Option<usize> {
    let b = hay[i - 1];
    if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') {
        return Some(1);
    }
    (i >= 2 && matches!(hay[i - 2], 0xD0 | 0xD1) && (0x80..=0xBF).contains(&b)).then_some(2)
}

/// The words of a key, folded: split at `_`, `-`, `.` and camel-case humps
/// (`dbPassword`, `APIKey`).
fn split_words(ident: &[u8]) -> Vec<Vec<u8>> {
    let mut words: Vec<Vec<u8>> = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    for (i, &b) in ident.iter().enumerate() {
        if matches!(b, b'_' | b'-' | b'.') {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if b.is_ascii_uppercase() && !cur.is_empty() {
            let prev = ident[i - 1];
            let next_lower = ident.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                words.push(std::mem::take(&mut cur));
            }
        }
        cur.push(b);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    for w in &mut words {
        fold_in_place(w);
    }
    words
}

/// After a key ending at `e`: the separator, spaces and quotes; the start of
/// the value and its opening quote. `spaced`: a dash or spaces alone also
/// separate.
fn separator(hay: &[u8], e: usize, spaced: bool) -> Option<(usize, Option<u8>)> {
    let at = |i: usize| hay.get(i).copied().unwrap_or(b'\n');
    let mut i = e;
    // The key's closing quote.
    if at(i) == b'\\' && at(i + 1) == b'"' {
        i += 2;
    } else if matches!(at(i), b'"' | b'\'') {
        i += 1;
    }
    let spaces = |i: &mut usize| {
        let s = *i;
        while matches!(at(*i), b' ' | b'\t') && *i - s < 2 {
            *i += 1;
        }
        *i - s
    };
    let before = spaces(&mut i);
    match at(i) {
        b':' if at(i + 1) == b'=' => i += 2,
        b'=' if at(i + 1) == b'>' => i += 2,
        b'=' if at(i + 1) != b'=' => i += 1,
        b':' => i += 1,
        b'-' if spaced && before > 0 && at(i + 1) == b' ' => i += 1,
        // — and – (U+2014, U+2013)
        0xE2 if spaced && before > 0 && at(i + 1) == 0x80 && matches!(at(i + 2), 0x93 | 0x94) => {
            i += 3
        }
        _ if spaced && before > 0 => {}
        _ => return None,
    }
    spaces(&mut i);
    // The value's opening quote (`\\` for a JSON-escaped `\"`).
    let quote = match at(i) {
        b'\\' if at(i + 1) == b'"' => Some(b'\\'),
        q @ (b'"' | b'\'' | b'`') => Some(q),
        _ => None,
    };
    i += match quote {
        Some(b'\\') => 2,
        Some(_) => 1,
        None => 0,
    };
    Some((i, quote))
}

/// Drops sentence punctuation and unbalanced closing brackets from the end of
/// a value `hay[v..e]`.
fn trim_value(hay: &[u8], v: usize, mut e: usize) -> usize {
    loop {
        if e == v {
            return e;
        }
        let b = hay[e - 1];
        let open = match b {
            b'.' | b':' => {
                e -= 1;
                continue;
            }
            b')' => b'(',
            b']' => b'[',
            b'}' => b'{',
            _ => return e,
        };
        let body = &hay[v..e];
        let opens = body.iter().filter(|&&c| c == open).count();
        let closes = body.iter().filter(|&&c| c == b).count();
        if closes > opens {
            e -= 1;
        } else {
            return e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SecretRules {
        SecretRules::from_rules(SECRET_RULES).unwrap()
    }

    fn found(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        rules().find(s.as_bytes(), &mut out);
        out.iter().map(|&(a, b, _)| &s[a..b]).collect()
    }

    #[test]
    fn words_of_keys() {
        let w = |s: &str| -> Vec<String> {
            split_words(s.as_bytes())
                .into_iter()
                .map(|w| String::from_utf8(w).unwrap())
                .collect()
        };
        assert_eq!(w("OPENAI_API_KEY"), ["openai", "api", "key"]);
        assert_eq!(w("x-api-key"), ["x", "api", "key"]);
        assert_eq!(w("dbPassword"), ["db", "password"]);
        assert_eq!(w("APIKey"), ["api", "key"]);
        assert_eq!(w("--password"), ["password"]);
        assert_eq!(w("Пароль"), ["пароль"]);
    }

    #[test]
    fn anchors_are_few_and_distinct() {
        let r = rules();
        // Every anchor costs a pair in the eight buckets of the prefilter.
        assert!(r.anchors.len() <= 64, "{} anchors", r.anchors.len());
        // No anchor begins another (one match per position).
        for (i, p) in r.patterns.iter().enumerate() {
            for (j, q) in r.patterns.iter().enumerate() {
                assert!(i == j || !p.starts_with(q), "{p:?} begins with {q:?}");
            }
        }
    }

    #[test]
    fn every_anchor_finds_what_the_line_finds() {
        // The scanner asks single anchors (`may_start_secret`) before it runs
        // `find` on a line: no secret `find` reports may be missed that way.
        let r = rules();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/secrets");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines().filter(|l| l.starts_with("+ ")) {
                let line = line.replace("[[", "").replace("]]", "");
                let mut found = Vec::new();
                r.find(line.as_bytes(), &mut found);
                let asked = r.ac.find_iter(&line).any(|m| {
                    r.may_start_secret(line.as_bytes(), m.pattern().as_usize(), m.start())
                });
                assert_eq!(!found.is_empty(), asked, "{line}");
            }
        }
    }

    #[test]
    fn bad_rules_are_reported() {
        for bad in [
            "token sk- A-Z 10",
            "token sk- Z-A 1..2",
            "token s A-Z 1..2",
            "token sk- A-Z 1..2 colour=red",
            "frobnicate x",
            "key password",
            "pem -----BEGIN",
        ] {
            assert!(SecretRules::from_rules(&[("x.txt", bad)]).is_err(), "{bad}");
        }
    }

    #[test]
    fn overlapping_candidates_keep_the_earliest_longest() {
        // The key rule and the JWT rule find one span: it is reported once.
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjQyfQ.c2lnbmF0dXJlLXZhbHVl";
        assert_eq!(found(&format!("token={jwt} ok")), [jwt]);
        assert_eq!(found(&format!("Authorization: Bearer {jwt}")), [jwt]);
    }

    #[test]
    fn pathological_lines_stay_linear() {
        let mut s = String::new();
        for _ in 0..20_000 {
            s.push_str("-----BEGIN PRIVATE KEY-----AAAA eyJ.eyJ. password=password=");
        }
        let t = std::time::Instant::now();
        let _ = found(&s);
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
    }
}
