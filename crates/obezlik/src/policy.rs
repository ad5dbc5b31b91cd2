//! The policy file (TOML): which labels to run, the mode per label, values never
//! replaced, extra patterns and a minimum score. The CLI's `--policy FILE` and
//! [`crate::EngineBuilder::policy`] read the same file; flags override it.
//!
//! ```toml
//! mode = "tag"                                  # default mode for every label
//! labels = ["PHONE", "EMAIL", "INN", "CARD"]    # labels to detect (default: all)
//! allow = ["support@example.ru", "8-800-555-35-35"]  # exact values never replaced
//! min_score = 0.5                               # drop findings scored below
//!
//! [modes]                                       # per-label overrides
//! EMAIL = "mask"
//! CARD = "redact"
//!
//! [[patterns]]                                  # extra patterns, regex → label
//! label = "SECRET"
//! regex = 'corp_[A-Za-z0-9]{24}'
//! ```
//!
//! Extra patterns run on `regex-automata`'s meta engine, which never
//! backtracks, so no pattern can take exponential time; a compiled pattern
//! larger than [`MAX_PATTERN_BYTES`] is refused. A match that spans a line
//! break is ignored (detection is line-local).

use std::collections::BTreeMap;
use std::path::Path;

use regex_automata::meta::Regex;
use regex_automata::Input;
use serde::Deserialize;

use crate::{Error, Finding, Label, LabelSet, Mode};

/// Upper bound on the memory of one compiled extra pattern.
pub const MAX_PATTERN_BYTES: usize = 4 << 20;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    mode: Option<String>,
    labels: Option<Vec<String>>,
    #[serde(default)]
    allow: Vec<String>,
    min_score: Option<f32>,
    #[serde(default)]
    modes: BTreeMap<String, String>,
    #[serde(default)]
    patterns: Vec<PatternFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    label: String,
    regex: String,
}

/// A parsed and checked policy.
#[derive(Debug, Default)]
pub struct Policy {
    /// Default mode for every label.
    pub mode: Option<Mode>,
    /// Labels to detect.
    pub labels: Option<LabelSet>,
    /// Exact values never replaced.
    pub allow: Vec<String>,
    /// Findings scored below this are dropped.
    pub min_score: Option<f32>,
    /// Per-label modes.
    pub modes: Vec<(Label, Mode)>,
    /// Extra patterns.
    pub patterns: Vec<ExtraPattern>,
}

/// A user pattern that yields findings of one label.
#[derive(Debug, Clone)]
pub struct ExtraPattern {
    /// The label its matches get.
    pub label: Label,
    /// The compiled pattern.
    pub regex: Regex,
}

impl Policy {
    /// Reads and checks a policy file; errors name the file and the problem.
    pub fn load(path: impl AsRef<Path>) -> Result<Policy, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::Policy(format!("{}: cannot read policy file: {e}", path.display()))
        })?;
        Policy::parse(&text).map_err(|e| match e {
            Error::Policy(m) => Error::Policy(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Parses policy TOML text.
    pub fn parse(text: &str) -> Result<Policy, Error> {
        let f: PolicyFile =
            toml::from_str(text).map_err(|e| Error::Policy(format!("invalid policy: {e}")))?;
        let mode = f.mode.as_deref().map(parse_mode).transpose()?;
        let labels = match f.labels {
            None => None,
            Some(list) => {
                let mut set = LabelSet::EMPTY;
                for l in &list {
                    set = set.with(parse_label(l)?);
                }
                Some(set)
            }
        };
        let mut modes = Vec::new();
        for (l, m) in &f.modes {
            modes.push((parse_label(l)?, parse_mode(m)?));
        }
        if let Some(s) = f.min_score {
            if !(0.0..=1.0).contains(&s) {
                return Err(Error::Policy(format!("min_score {s} is outside 0..1")));
            }
        }
        let mut patterns = Vec::new();
        for p in &f.patterns {
            let label = parse_label(&p.label)?;
            let regex = Regex::builder()
                .configure(
                    Regex::config()
                        .nfa_size_limit(Some(MAX_PATTERN_BYTES))
                        .dfa_size_limit(Some(MAX_PATTERN_BYTES)),
                )
                .build(&p.regex)
                .map_err(|e| {
                    Error::Policy(format!("pattern {:?} for {}: {e}", p.regex, p.label))
                })?;
            patterns.push(ExtraPattern { label, regex });
        }
        Ok(Policy {
            mode,
            labels,
            allow: f.allow,
            min_score: f.min_score,
            modes,
            patterns,
        })
    }
}

fn parse_label(s: &str) -> Result<Label, Error> {
    s.parse::<Label>().map_err(|e| Error::Policy(e.to_string()))
}

fn parse_mode(s: &str) -> Result<Mode, Error> {
    s.parse::<Mode>().map_err(|e| Error::Policy(e.to_string()))
}

/// The window a pattern search looks at: matches start in its first half
/// and end by its end. It bounds the work per match — an iterator over
/// every match of a pattern like `[a-z]*X|a` is otherwise quadratic in the
/// line length (each match's forward scan runs to the end of the `[a-z]*`
/// run), here at most 512 bytes a match — at the price of cutting a match
/// longer than the window (identifiers never are) into pieces that still
/// cover it.
const PATTERN_WINDOW: usize = 256;

/// Calls `found(start, end)` for the non-empty leftmost-first matches of
/// `regex` in `input`, in order, searching windows of [`PATTERN_WINDOW`]
/// bytes (look-around such as `\b` still sees the bytes around a window).
fn windowed_matches(regex: &Regex, input: &[u8], mut found: impl FnMut(usize, usize)) {
    let mut from = 0;
    while from < input.len() {
        let accept_end = (from + PATTERN_WINDOW).min(input.len());
        let window_end = (from + 2 * PATTERN_WINDOW).min(input.len());
        let mut at = from;
        let mut next_from = accept_end;
        while at < accept_end {
            let Some(m) = regex.find(Input::new(input).range(at..window_end)) else {
                break;
            };
            if m.start() >= accept_end {
                break;
            }
            if m.is_empty() {
                at = m.end() + 1;
                continue;
            }
            found(m.start(), m.end());
            at = m.end();
            next_from = next_from.max(m.end());
        }
        from = next_from;
    }
}

/// Adds the matches of `patterns` to `found` (sorted, non-overlapping: a
/// built-in finding wins over a pattern match that overlaps it).
pub(crate) fn merge_patterns(
    patterns: &[ExtraPattern],
    labels: LabelSet,
    input: &[u8],
    found: &mut Vec<Finding>,
) {
    if patterns.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    for p in patterns.iter().filter(|p| labels.contains(p.label)) {
        windowed_matches(&p.regex, input, |start, end| {
            if memchr::memchr(b'\n', &input[start..end]).is_none() {
                extra.push(Finding {
                    label: p.label,
                    start,
                    end,
                    score: 0.9,
                });
            }
        });
    }
    if extra.is_empty() {
        return;
    }
    extra.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut merged = Vec::with_capacity(found.len() + extra.len());
    let (mut a, mut b) = (found.iter().peekable(), extra.iter().peekable());
    let mut last_end = 0;
    // Built-in findings first: drop pattern matches that overlap any of them.
    let builtin: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    let overlaps_builtin = |f: &Finding| {
        let i = builtin.partition_point(|&(_, e)| e <= f.start);
        i < builtin.len() && builtin[i].0 < f.end
    };
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
        let f = *next.expect("peeked");
        let is_builtin = builtin.binary_search(&(f.start, f.end)).is_ok();
        if !is_builtin && (f.start < last_end || overlaps_builtin(&f)) {
            continue;
        }
        last_end = last_end.max(f.end);
        merged.push(f);
    }
    *found = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_policy() {
        let p = Policy::parse(
            r#"
mode = "mask"
labels = ["PHONE", "email", "SECRET"]
allow = ["support@example.ru"]
min_score = 0.5
[modes]
EMAIL = "redact"
[[patterns]]
label = "SECRET"
regex = 'corp_[A-Za-z0-9]{8}'
"#,
        )
        .unwrap();
        assert_eq!(p.mode, Some(Mode::Mask));
        assert!(p.labels.unwrap().contains(Label::Email));
        assert_eq!(p.modes, vec![(Label::Email, Mode::Redact)]);
        assert_eq!(p.patterns.len(), 1);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        for (bad, want) in [
            ("mode = \"shred\"", "shred"),
            ("labels = [\"PHONY\"]", "PHONY"),
            ("colour = 1", "colour"),
            ("min_score = 3.0", "min_score"),
            ("[[patterns]]\nlabel = \"SECRET\"\nregex = '('", "pattern"),
            // A pattern whose automaton would be huge is refused, not compiled for minutes.
            (
                "[[patterns]]\nlabel = \"SECRET\"\nregex = '\\w{1000}\\w{1000}\\w{1000}'",
                "pattern",
            ),
        ] {
            let e = Policy::parse(bad).unwrap_err().to_string();
            assert!(e.contains(want), "{bad:?} gave {e:?}");
        }
    }

    #[test]
    fn windowed_search_finds_what_find_iter_finds() {
        let texts = [
            "id=AB-123 и id=CD-456, ещё EF-7890".to_string(),
            format!("{}X {}", "a".repeat(10_000), "AB-1 ".repeat(3000)),
            "AB-1\nAB-2\n".repeat(5000),
        ];
        for pattern in [r"[A-Z]{2}-\d+", r"\bAB-\d\b", r"[a-z]*X|a"] {
            let regex = Regex::new(pattern).unwrap();
            for text in &texts {
                let mut got = Vec::new();
                windowed_matches(&regex, text.as_bytes(), |s, e| got.push((s, e)));
                let want: Vec<(usize, usize)> = regex
                    .find_iter(text.as_bytes())
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.start(), m.end()))
                    .collect();
                if want.iter().all(|m| m.1 - m.0 < PATTERN_WINDOW) {
                    // Matches shorter than the window are found exactly.
                    assert_eq!(got, want, "{pattern}");
                } else {
                    // A longer one is cut into pieces that cover it.
                    let covered = |spans: &[(usize, usize)]| {
                        let mut v = vec![false; text.len()];
                        for &(s, e) in spans {
                            v[s..e].iter_mut().for_each(|b| *b = true);
                        }
                        v
                    };
                    assert_eq!(covered(&got), covered(&want), "{pattern}");
                }
            }
        }
    }

    #[test]
    fn pattern_matches_merge_without_overlap() {
        let p =
            Policy::parse("[[patterns]]\nlabel = \"SECRET\"\nregex = 'corp_[a-z0-9]{6}'").unwrap();
        let input = b"key corp_abc123 and corp_\nxyz and 7707083893";
        let mut found = vec![Finding {
            label: Label::Inn,
            start: 33,
            end: 43,
            score: 0.95,
        }];
        merge_patterns(&p.patterns, LabelSet::ALL, input, &mut found);
        let spans: Vec<_> = found.iter().map(|f| (f.label, f.start, f.end)).collect();
        assert_eq!(spans, vec![(Label::Secret, 4, 15), (Label::Inn, 33, 43)]);
    }
}
