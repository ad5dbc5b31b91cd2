//! Detection of personal data in Russian-language text: bytes in, labelled byte spans out.
//!
//! This crate knows nothing about files, output formats or pseudonyms. It takes
//! `&[u8]` and returns [`Finding`]s — `(label, start..end, score)` over those bytes:
//!
//! ```
//! use obezlik_detect::{Label, Scanner};
//!
//! let scanner = Scanner::new();
//! let text = "Клиент: тел. +7 (912) 345-67-89, ИНН 7707083893, почта иван@почта.рф";
//! let found: Vec<(Label, &str)> = scanner
//!     .scan(text.as_bytes())
//!     .iter()
//!     .map(|f| (f.label, &text[f.range()]))
//!     .collect();
//! assert_eq!(found, [
//!     (Label::Phone, "+7 (912) 345-67-89"),
//!     (Label::Inn, "7707083893"),
//!     (Label::Email, "иван@почта.рф"),
//! ]);
//! ```
//!
//! How it works: one pass over the bytes stops only at digits, `@` and `:`.
//! A cheap candidate step rejects what is glued into longer tokens (hashes,
//! UUIDs, decimals, times); a confirm step checks lengths, check digits
//! ([`checksum`]), layouts and the context words before the number
//! (`rules/cues.txt`). Detection never looks across a line break.
//!
//! Credentials (SECRET) come from a second pass over the same bytes, run
//! first: one aho-corasick automaton over the anchors of the rules in
//! `rules/secrets/` (token prefixes such as `sk-` or `ghp_`, `Bearer`, key
//! names such as `password`, `://`), each confirmed by its rule. The sink
//! merges both passes in order without overlaps; an e-mail or IP address is
//! never split by a secret.

#![deny(missing_docs)]

pub mod checksum;
mod cue;
mod email;
mod error;
mod finding;
mod ip;
mod number;
mod pairs;
mod phone;
mod scanner;
mod secret;
mod text;

pub use error::Error;
pub use finding::{Finding, Label, LabelSet, UnknownLabel};
pub use scanner::{Scanner, ScannerBuilder};

#[cfg(test)]
mod tests {
    #[test]
    fn scanner_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<super::Scanner>();
    }
}
