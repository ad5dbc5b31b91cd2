//! Detection of personal data in Russian-language text: bytes in, labelled byte spans out.
//!
//! This crate knows nothing about files, output formats or pseudonyms. It takes
//! `&[u8]` and returns [`Finding`]s — `(label, start..end, score)` over those bytes.

#![deny(missing_docs)]

pub mod checksum;
mod finding;

pub use finding::{Finding, Label, LabelSet, UnknownLabel};
