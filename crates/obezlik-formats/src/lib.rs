//! Applies a text transformation to the string values inside structured
//! records — JSON Lines and CSV — while every other byte (keys, numbers,
//! whitespace, untouched strings, quoting) stays exactly as it was.
//!
//! This crate knows nothing about detection or pseudonyms: the caller passes a
//! closure that gets each selected value as decoded text and returns
//! `Some(new text)` to replace it or `None` to keep the original bytes.
//!
//! ```
//! use obezlik_formats::{transform_json_line, FieldSelector};
//!
//! let line = br#"{"id": 7, "price": 1.50e+3, "messages": [{"role": "user", "content": "\u0418\u041d\u041d 7707083893"}]}"#;
//! let sel = FieldSelector::chat();
//! let mut out = Vec::new();
//! let stats = transform_json_line(line, &sel, &mut out, |text| {
//!     assert_eq!(text, "ИНН 7707083893");
//!     Some(text.replace("7707083893", "<ИНН>"))
//! })
//! .unwrap();
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     r#"{"id": 7, "price": 1.50e+3, "messages": [{"role": "user", "content": "ИНН <ИНН>"}]}"#
//! );
//! assert_eq!((stats.strings_seen, stats.strings_selected, stats.strings_changed), (2, 1, 1));
//! ```
//!
//! * [`transform_json_line`] validates one JSON text with a hand-written
//!   tokenizer (no re-serialization: keys keep their order, numbers their
//!   spelling) and rewrites only the selected string values.
//! * [`transform_csv`] reads RFC 4180 CSV and rewrites only the selected
//!   columns of the data records; the header record is never changed.
//! * [`FieldSelector`] says which JSON values are selected: all of them,
//!   dotted paths with `*`, or the usual places of text in chat logs.
//!
//! On error nothing is appended to the output buffer; the caller decides what
//! to do (for JSON Lines, typically copy the line through and count it).

#![deny(missing_docs)]

mod csv;
mod error;
mod json;
mod selector;

pub use crate::csv::{transform_csv, CsvOptions, CsvStats};
pub use crate::error::{CsvErrorKind, Error, JsonErrorKind};
pub use crate::json::{transform_json_line, transform_json_str, JsonStats, MAX_DEPTH};
pub use crate::selector::{FieldSelector, CHAT_PATHS};
