//! The detection crate's one error type.

use std::fmt;

/// What can go wrong while building a scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A rule file shipped with the crate (or given by the user) is malformed.
    Rules(String),
    /// The scanner was asked to detect no label at all.
    NoLabels,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Rules(m) => write!(f, "invalid detection rules: {m}"),
            Error::NoLabels => {
                f.write_str("no label selected: choose at least one, e.g. --labels PHONE,EMAIL")
            }
        }
    }
}

impl std::error::Error for Error {}
