//! The crate's one error type, and the warnings key loading can raise.

use std::fmt;
use std::io;
use std::path::PathBuf;

use obezlik_detect::Label;

use crate::{Mode, MIN_KEY_LEN};

const KEYGEN_HINT: &str = "run `obezlik keygen FILE` to create a proper key";

/// Everything that can go wrong here. Each message says what to do about it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The key file does not exist.
    KeyFileMissing {
        /// The path that was tried.
        path: PathBuf,
    },
    /// The key file is empty (or only whitespace).
    KeyFileEmpty {
        /// The key file.
        path: PathBuf,
    },
    /// The key has fewer than [`MIN_KEY_LEN`] bytes.
    KeyTooShort {
        /// The key file, when the key came from one.
        path: Option<PathBuf>,
        /// How many key bytes there were.
        len: usize,
    },
    /// The key file is not in a format [`Key::load`](crate::Key::load) accepts.
    KeyFileMalformed {
        /// The key file.
        path: PathBuf,
        /// What is wrong with it, as a phrase ("is not a regular file").
        reason: &'static str,
    },
    /// [`write_new_key_file`](crate::write_new_key_file) found the file already there.
    KeyFileExists {
        /// The existing file.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    Io {
        /// What was being done ("read key file").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// The operating system's random generator failed.
    Random(getrandom::Error),
    /// A keyed mode was configured without a key.
    KeyRequired {
        /// The mode that needs the key.
        mode: Mode,
        /// The label it was set for, when it was a per-label override.
        label: Option<Label>,
    },
    /// Reidentify was asked of a pseudonymizer built without a key.
    ReidentifyWithoutKey,
    /// A mode name that is not one of `tag`, `fake`, `mask`, `redact`, `encrypt`.
    UnknownMode(String),
    /// Text given to reidentify holds a `[[LABEL~` token that cannot be restored.
    BadToken {
        /// Byte offset of the token's first `[` in the input.
        offset: usize,
        /// What is wrong with it, as a phrase.
        reason: &'static str,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::KeyFileMissing { path } => write!(
                f,
                "key file {} does not exist; create it with `obezlik keygen {}`",
                path.display(),
                path.display()
            ),
            Error::KeyFileEmpty { path } => {
                write!(f, "key file {} is empty; {KEYGEN_HINT}", path.display())
            }
            Error::KeyTooShort { path: Some(path), len } => write!(
                f,
                "key file {} holds a key of {len} bytes, at least {MIN_KEY_LEN} are needed; {KEYGEN_HINT}",
                path.display()
            ),
            Error::KeyTooShort { path: None, len } => write!(
                f,
                "a key of {len} bytes is too short, at least {MIN_KEY_LEN} are needed; {KEYGEN_HINT}"
            ),
            Error::KeyFileMalformed { path, reason } => {
                write!(f, "key file {} {reason}; {KEYGEN_HINT}", path.display())
            }
            Error::KeyFileExists { path } => write!(
                f,
                "{} already exists; refusing to overwrite a key (text pseudonymized under it \
                 could no longer be linked or re-identified) — choose another file name",
                path.display()
            ),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
            Error::Random(e) => write!(
                f,
                "the operating system's random generator failed ({e}); no key was made, try again"
            ),
            Error::KeyRequired { mode, label } => {
                write!(f, "mode `{mode}`")?;
                if let Some(label) = label {
                    write!(f, " for {label}")?;
                }
                write!(
                    f,
                    " needs a key: pass --key-file K or set OBEZLIK_KEY_FILE \
                     (create a key with `obezlik keygen FILE`), or use --mode redact, which needs none"
                )
            }
            Error::ReidentifyWithoutKey => f.write_str(
                "reidentify needs the key the text was encrypted with: \
                 pass --key-file K or set OBEZLIK_KEY_FILE",
            ),
            Error::UnknownMode(s) => write!(
                f,
                "unknown mode {s:?}; use one of tag, fake, mask, redact, encrypt"
            ),
            Error::BadToken { offset, reason } => {
                write!(f, "encrypted token at byte {offset} {reason}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Random(e) => Some(e),
            _ => None,
        }
    }
}

/// Something worth telling the user that does not stop the run.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The key file can be read by its group or by other users.
    KeyFileExposed {
        /// The key file.
        path: PathBuf,
        /// Its permission bits (`0o644`).
        mode: u32,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::KeyFileExposed { path, mode } => write!(
                f,
                "key file {} can be read by other users (mode {mode:04o}); restrict it with `chmod 600 {}`",
                path.display(),
                path.display()
            ),
        }
    }
}
