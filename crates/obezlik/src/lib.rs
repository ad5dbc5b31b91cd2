//! obezlik finds personal data in Russian-language text and replaces it with keyed pseudonyms.
//!
//! This is the crate a service adds. It re-exports the detector
//! ([`Scanner`], [`Finding`], [`Label`]).
//!
//! ```
//! let scanner = obezlik::Scanner::new();
//! let findings = scanner.scan("СНИЛС 112-233-445 95".as_bytes());
//! assert_eq!(findings[0].label, obezlik::Label::Snils);
//! ```

#![deny(missing_docs)]

pub use obezlik_detect::{checksum, Error as DetectError, Finding, Label, LabelSet, Scanner, ScannerBuilder, UnknownLabel};
