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
//! How it works: the first pass over the bytes stops only at digits, `@` and `:`.
//! A cheap candidate step rejects what is glued into longer tokens (hashes,
//! UUIDs, decimals, times); a confirm step checks lengths, check digits
//! ([`checksum`]), layouts and the context words before the number
//! (`rules/cues.txt`). Detection never looks across a line break.
//!
//! Credentials (SECRET) come from a second pass: the rules in
//! `rules/secrets/` start at fixed anchors (token prefixes such as `sk-` or
//! `ghp_`, `Bearer`, key names such as `password`, `://`), found by one
//! aho-corasick automaton and confirmed each by its rule. With AVX2 the pass
//! rides on the first one's loop: a mask of rare byte pairs, one per anchor,
//! computed from the bytes loaded anyway, picks the few lines worth a look. A
//! sink merges both passes in order without overlaps; an e-mail or IP address
//! is never split by a secret, and a Telegram bot token is one secret, not a
//! number.
//!
//! Names and addresses (PERSON, ADDRESS) come from a third walk that stops
//! only at capital letters: the address rules (`rules/address/`) look for
//! marker words and numbers around a capitalised word, then the name rules
//! read up to three words or initials and ask the name dictionaries
//! (`rules/names/`, every case of every first name and surname) whether they
//! make a name whose words agree in gender and case. [`analyze_person`] tells
//! what a found name is made of (roles, gender, case, nominatives):
//!
//! ```
//! use obezlik_detect::{analyze_person, Case, Gender, Label, Scanner};
//!
//! let text = "Выдать справку Кузнецовой Анне Сергеевне, г. Тверь, ул. Ленина, д. 5, кв. 12";
//! let found = Scanner::new().scan(text.as_bytes());
//! assert_eq!(found[0].label, Label::Person);
//! assert_eq!(found[1].label, Label::Address);
//! assert_eq!(&text[found[1].range()], "г. Тверь, ул. Ленина, д. 5, кв. 12");
//! let name = analyze_person(&text.as_bytes()[found[0].range()]).unwrap();
//! assert_eq!((name.gender, name.case), (Some(Gender::Fem), Some(Case::Dative)));
//! assert_eq!(name.key(), "кузнецова анна сергеевна");
//! ```

#![deny(missing_docs)]

mod address;
#[cfg(target_arch = "x86_64")]
mod avx512;
pub mod checksum;
mod cue;
mod email;
mod error;
mod finding;
mod ip;
mod name_parts;
mod names;
mod number;
mod pairs;
mod person;
mod phone;
mod scanner;
mod secret;
#[cfg(test)]
mod testdata;
mod text;
mod word_hash;
mod words;

pub use error::Error;
pub use finding::{Finding, Label, LabelSet, UnknownLabel};
pub use name_parts::{
    analyze_person, person_key_into, surname_ending_reading, Case, NameLexicon, NamePart, NameRole,
    NameScript, PersonName,
};
pub use names::Gender;
pub use scanner::{Scanner, ScannerBuilder};

#[cfg(test)]
mod tests {
    #[test]
    fn scanner_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<super::Scanner>();
    }
}
