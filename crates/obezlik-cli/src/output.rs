//! Write errors that name where the bytes were going (standard output, an
//! output file), so "no space left on device" never reads as a problem with
//! an input, and a failed output can stop the run instead of repeating.

use std::fmt;
use std::io::{self, Write};

use crate::input::io_cause;

/// A failed write to an output, already named: `DEST: write error: CAUSE`.
#[derive(Debug)]
pub struct OutputError(String);

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutputError {}

/// A writer whose errors name its destination (their kind is kept, so a
/// closed pipe is still recognised as one).
pub struct Named<W> {
    inner: W,
    name: String,
}

impl<W: Write> Named<W> {
    pub fn new(inner: W, name: impl Into<String>) -> Named<W> {
        Named {
            inner,
            name: name.into(),
        }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    fn wrap(&self, e: io::Error) -> io::Error {
        if e.kind() == io::ErrorKind::Interrupted {
            return e; // retried by write_all
        }
        io::Error::new(
            e.kind(),
            OutputError(format!("{}: write error: {}", self.name, io_cause(&e))),
        )
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.wrap(e))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.wrap(e))
    }
}

/// Whether `e` is a failed write to an output (then every later write would
/// fail too: the run stops).
pub fn is_output_error(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .and_then(|io| io.get_ref())
            .is_some_and(|r| r.is::<OutputError>())
            || c.is::<OutputError>()
    })
}
