//! The error type: where the input went wrong and what to do about it.

use std::fmt;

/// Why a JSON line was rejected. The position is in [`Error::Json`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The line ended where more JSON was required.
    UnexpectedEnd {
        /// What the tokenizer was looking for, e.g. `"a value"`.
        expected: &'static str,
    },
    /// A byte that cannot stand here.
    UnexpectedByte {
        /// The offending byte.
        found: u8,
        /// What the tokenizer was looking for.
        expected: &'static str,
    },
    /// A string without its closing quote (the position is its opening quote).
    UnterminatedString,
    /// A raw control character (below U+0020) inside a string; JSON requires it escaped.
    ControlCharacterInString {
        /// The offending byte.
        found: u8,
    },
    /// A backslash escape that JSON does not define (valid: `\" \\ \/ \b \f \n \r \t \uXXXX`).
    InvalidEscape,
    /// A malformed number (the position is its first byte).
    InvalidNumber,
    /// More bytes after one complete JSON value.
    TrailingCharacters,
    /// Arrays/objects nested deeper than the limit.
    TooDeep {
        /// The nesting limit ([`crate::MAX_DEPTH`]).
        limit: usize,
    },
}

/// Why a CSV input was rejected. The position is in [`Error::Csv`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvErrorKind {
    /// A quoted field whose closing quote never comes (the position is its opening quote).
    UnterminatedQuotedField,
    /// A closing quote followed by something other than the separator or a line end.
    CharacterAfterClosingQuote {
        /// The byte after the closing quote.
        found: u8,
    },
}

/// Everything that can go wrong. Positions are 0-based byte offsets; lines are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A JSON line is not valid JSON (or nests too deeply).
    Json {
        /// The 1-based line number, if the caller supplied it with [`Error::with_line`].
        line: Option<u64>,
        /// 0-based byte offset within the line.
        byte: usize,
        /// What is wrong.
        kind: JsonErrorKind,
    },
    /// The CSV input is malformed.
    Csv {
        /// 1-based line number (physical line, counting newlines inside quoted fields).
        line: u64,
        /// 0-based byte offset within the whole input.
        byte: usize,
        /// What is wrong.
        kind: CsvErrorKind,
    },
    /// Columns requested by name are not in the CSV header.
    MissingColumns {
        /// The requested names that were not found.
        missing: Vec<String>,
        /// The header's column names, as read.
        available: Vec<String>,
    },
    /// A field path given to [`crate::FieldSelector::parse`] is unusable.
    InvalidPath {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The CSV separator cannot be used.
    InvalidSeparator {
        /// The separator given.
        separator: u8,
    },
}

impl Error {
    /// Attaches a 1-based line number to a [`Error::Json`] error (other errors are returned as is).
    ///
    /// [`crate::transform_json_line`] sees one line and does not know its number.
    pub fn with_line(self, line_number: u64) -> Error {
        match self {
            Error::Json { byte, kind, .. } => Error::Json {
                line: Some(line_number),
                byte,
                kind,
            },
            other => other,
        }
    }
}

/// Writes a byte for a message: printable ASCII as `'x'`, anything else as hex.
struct ShowByte(u8);

impl fmt::Display for ShowByte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        if b.is_ascii_graphic() || b == b' ' {
            write!(f, "'{}'", b as char)
        } else {
            write!(f, "byte 0x{b:02X}")
        }
    }
}

impl fmt::Display for JsonErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonErrorKind::UnexpectedEnd { expected } => {
                write!(f, "the line ends where {expected} was expected")
            }
            JsonErrorKind::UnexpectedByte { found, expected } => {
                write!(f, "unexpected {} where {expected} was expected", ShowByte(*found))
            }
            JsonErrorKind::UnterminatedString => f.write_str("unterminated string"),
            JsonErrorKind::ControlCharacterInString { found } => write!(
                f,
                "raw control character 0x{found:02X} inside a string (JSON needs it escaped)"
            ),
            JsonErrorKind::InvalidEscape => f.write_str(
                "invalid escape in a string (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
            ),
            JsonErrorKind::InvalidNumber => f.write_str("malformed number"),
            JsonErrorKind::TrailingCharacters => {
                f.write_str("extra characters after the JSON value")
            }
            JsonErrorKind::TooDeep { limit } => {
                write!(f, "arrays/objects nested deeper than {limit} levels")
            }
        }
    }
}

impl fmt::Display for CsvErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvErrorKind::UnterminatedQuotedField => {
                f.write_str("a quoted field is never closed")
            }
            CsvErrorKind::CharacterAfterClosingQuote { found } => write!(
                f,
                "{} follows the closing quote of a field (inside a quoted field a quote is written as \"\")",
                ShowByte(*found)
            ),
        }
    }
}

/// Writes a list of names as `"a", "b"`.
fn write_names(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{name:?}")?;
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json { line, byte, kind } => {
                match line {
                    Some(n) => write!(f, "line {n} is not valid JSON: ")?,
                    None => f.write_str("the line is not valid JSON: ")?,
                }
                write!(f, "{kind} at byte {byte}")?;
                match kind {
                    JsonErrorKind::TooDeep { .. } => f.write_str(
                        "; such input is refused to protect the process — flatten the record or pass it through unchanged",
                    ),
                    _ => f.write_str(
                        "; use --jsonl only on JSON Lines input (one complete JSON value per line)",
                    ),
                }
            }
            Error::Csv { line, byte, kind } => {
                write!(f, "CSV line {line} is malformed: {kind} (byte {byte})")?;
                match kind {
                    CsvErrorKind::UnterminatedQuotedField => f.write_str(
                        "; check that quotes inside quoted fields are doubled and that the file is not truncated",
                    ),
                    CsvErrorKind::CharacterAfterClosingQuote { .. } => f.write_str(
                        "; check the separator (comma, semicolon, tab?) and that quotes inside quoted fields are doubled",
                    ),
                }
            }
            Error::MissingColumns { missing, available } => {
                f.write_str("the CSV header has no column ")?;
                write_names(f, missing)?;
                f.write_str("; the header's columns are ")?;
                write_names(f, available)?;
                f.write_str(
                    " (names are case-sensitive, spaces around them are ignored; if the header is one long name, set the right separator)",
                )
            }
            Error::InvalidPath { path, reason } => {
                write!(f, "field path {path:?} is not usable: {reason}")
            }
            Error::InvalidSeparator { separator } => write!(
                f,
                "{} cannot be the CSV separator; use e.g. ',', ';' or a tab",
                ShowByte(*separator)
            ),
        }
    }
}

impl std::error::Error for Error {}
