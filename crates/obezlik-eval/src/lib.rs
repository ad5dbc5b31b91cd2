//! Scores PII findings against a labelled gold corpus with exactly the metrics of
//! `shared/eval/score.py`.
//!
//! This crate knows nothing about the detector: findings come in as plain data
//! ([`Prediction`]: label + BYTE offsets into [`Corpus::joined`]).
//!
//! * Gold format: one JSON document per line,
//!   `{"id", "source", "text", "spans": [{"label", "start", "end"}]}` with CHARACTER
//!   offsets ([`Corpus::load`]).
//! * The detector input is all texts joined with `"\n\n"` plus one final `"\n"`
//!   ([`Corpus::joined`]).
//! * Findings are mapped back to documents and character offsets (offsets that are not on
//!   UTF-8 character boundaries are widened to whole characters); a finding that crosses a
//!   document boundary or lies in a separator is a false positive of its label.
//! * Metrics per label and micro overall ([`score`] → [`Report`]): strict P/R/F1 (same
//!   label, exact bounds, one-to-one), relaxed P/R/F1 (same label, any overlap, maximum
//!   one-to-one matching), protection (share of non-whitespace gold characters covered by
//!   any prediction), false positives per MB on `neg*` documents, throughput.
//!
//! ```
//! use obezlik_eval::{score, Corpus, GoldDoc, GoldSpan, Options, Prediction};
//!
//! let corpus = Corpus::from_docs(vec![GoldDoc {
//!     id: "1".into(),
//!     source: "chat".into(),
//!     text: "Звоните: +7 912 345-67-89".into(),
//!     spans: vec![GoldSpan { label: "PHONE".into(), start: 9, end: 25 }],
//! }])
//! .unwrap();
//! // "Звоните: " is 7 Cyrillic letters (2 bytes each) + ": " = 16 bytes.
//! let preds = [Prediction { label: "PHONE".into(), start: 16, end: 32, text: None }];
//! let report = score(&corpus, &preds, 0.5, &Options::default());
//! assert_eq!(report.overall.strict_f1, 1.0);
//! assert_eq!(report.input_bytes, corpus.joined().len());
//! ```

#![deny(missing_docs)]

mod corpus;
mod error;
mod findings;
mod metrics;
mod report;

pub use corpus::{Corpus, GoldDoc, GoldSpan};
pub use error::Error;
pub use findings::{parse_findings, parse_labels, ParsedFindings, Prediction};
pub use metrics::{is_py_space, max_matching, prf, strict_matches, CharMap};
pub use report::{score, ErrorExample, LabelErrors, LabelScores, Options, Report, SourceScores};

/// The labels of SPEC.md, in the order score.py reports them (`KNOWN` in score.py).
pub const KNOWN_LABELS: [&str; 14] = [
    "PERSON", "PHONE", "EMAIL", "INN", "OGRN", "OGRNIP", "SNILS", "PASSPORT", "CARD", "ACCOUNT",
    "KZ_IIN", "IP", "ADDRESS", "SECRET",
];

/// Separator between two documents in [`Corpus::joined`].
pub const SEPARATOR: &str = "\n\n";
