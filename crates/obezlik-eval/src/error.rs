use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why a gold corpus, a label list or detector output could not be used.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The gold file could not be opened or read.
    Io {
        /// The gold file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A line of the gold file is not a valid gold document.
    BadLine {
        /// The gold file.
        path: PathBuf,
        /// 1-based line number (lines end at `\n`, `\r\n` or `\r`, as in Python text mode).
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The gold file has no documents.
    NoDocuments {
        /// The gold file (`None` for [`crate::Corpus::from_docs`]).
        path: Option<PathBuf>,
    },
    /// A document given to [`crate::Corpus::from_docs`] is invalid.
    BadDoc {
        /// 0-based index of the document.
        index: usize,
        /// Its id.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A label list names labels that are not in SPEC.md.
    UnknownLabels {
        /// The unknown labels, in the order given.
        labels: Vec<String>,
    },
    /// Detector output has lines that are not valid findings.
    Junk {
        /// How many lines are unusable.
        count: usize,
        /// 1-based line number of the first one.
        line: usize,
        /// Why the first one is unusable.
        reason: String,
        /// The start of the first one (up to 160 bytes, lossily decoded).
        text: String,
    },
}

impl Error {
    /// The exit status score.py uses for this error: 3 for unusable detector output, 2 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Junk { .. } => 3,
            _ => 2,
        }
    }
}

const GOLD_FORMAT: &str = "each non-empty line must be a JSON object \
{\"id\", \"source\", \"text\", \"spans\": [{\"label\", \"start\", \"end\"}]} \
with CHARACTER offsets 0 <= start < end <= length of text";

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(
                f,
                "{}: cannot open gold file: {source} (check the path and that the file is readable)",
                path.display()
            ),
            Error::BadLine { path, line, reason } => {
                write!(f, "{}:{line}: bad gold line: {reason} (fix that line: {GOLD_FORMAT})", path.display())
            }
            Error::NoDocuments { path: Some(path) } => {
                write!(f, "{}: no documents (the gold file needs at least one line: {GOLD_FORMAT})", path.display())
            }
            Error::NoDocuments { path: None } => write!(f, "no documents (give the corpus at least one document)"),
            Error::BadDoc { index, id, reason } => {
                write!(f, "gold document #{index} (id {id:?}): {reason} (span offsets are CHARACTER offsets, 0 <= start < end <= length of text)")
            }
            Error::UnknownLabels { labels } => write!(
                f,
                "--labels: unknown label(s) {}; known: {}",
                labels.join(", "),
                crate::KNOWN_LABELS.join(", ")
            ),
            Error::Junk { count, line, reason, text } => write!(
                f,
                "detector output has {count} unparsable line(s); first at line {line} ({reason}): {text:?}\n  \
                 (each line must be a JSON object {{\"label\": string, \"start\": int, \"end\": int}} with BYTE offsets \
                 0 <= start < end <= input size; use --skip-junk to ignore such lines)"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
