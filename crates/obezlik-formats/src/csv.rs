//! CSV (RFC 4180): rewrites selected columns of the data records in place.

use memchr::{memchr, memchr2};

use crate::{CsvErrorKind, Error};

/// The UTF-8 byte order mark, tolerated (and kept) at the start of the input.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How to read the CSV input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field separator: `b','` (the default), `b';'`, `b'\t'`, …; not `"`, CR or LF.
    pub separator: u8,
    /// Header names of the columns to transform; `None` transforms every column.
    /// Names are compared without surrounding spaces; a name that appears
    /// several times in the header selects all those columns.
    pub columns: Option<Vec<String>>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            separator: b',',
            columns: None,
        }
    }
}

/// Counts from [`transform_csv`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvStats {
    /// Data records (the header is not counted).
    pub records: u64,
    /// Fields of the data records.
    pub fields_seen: u64,
    /// Fields in selected columns.
    pub fields_selected: u64,
    /// Selected fields replaced with different text.
    pub fields_changed: u64,
    /// Selected fields left as they were without calling the closure because
    /// they are not valid UTF-8.
    pub fields_undecodable: u64,
}

/// Transforms the selected columns of CSV `input` and appends the result to `out`.
///
/// The format is RFC 4180 with a configurable separator: a field is either
/// unquoted (anything up to the separator or the line end; a `"` inside it is
/// kept literally) or quoted with `"…"`, where `""` is one quote and
/// separators, CR and LF are data. Records end with LF or CRLF (kept as they
/// are); the last one may lack its line end. A leading UTF-8 BOM is kept.
///
/// The first record is the header: it names the columns and is never
/// transformed. `f` gets each selected field of the data records decoded
/// (without its quotes, `""` as `"`) and returns `Some(new text)` to replace
/// it or `None` to keep it. A replacement is written quoted if the field was
/// quoted or the text contains the separator, a quote, CR or LF, otherwise as
/// is. Every byte that is not a replaced field is copied unchanged. Fields in
/// columns beyond the header are selected only when `columns` is `None`.
///
/// Errors: a malformed quoted field ([`Error::Csv`] with line and byte),
/// requested columns not in the header ([`Error::MissingColumns`]), an
/// unusable separator. On error nothing is appended to `out`.
///
/// ```
/// use obezlik_formats::{transform_csv, CsvOptions};
///
/// let input = b"id,name,note\r\n1,\"Ivanov, Ivan\",\"said \"\"hi\"\"\"\r\n2,Petrov,-\r\n";
/// let opts = CsvOptions { columns: Some(vec!["name".into()]), ..CsvOptions::default() };
/// let mut out = Vec::new();
/// let stats = transform_csv(input, &opts, &mut out, |name| Some(format!("<{name}>"))).unwrap();
/// assert_eq!(out, b"id,name,note\r\n1,\"<Ivanov, Ivan>\",\"said \"\"hi\"\"\"\r\n2,<Petrov>,-\r\n");
/// assert_eq!((stats.records, stats.fields_selected, stats.fields_changed), (2, 2, 2));
/// ```
pub fn transform_csv(
    input: &[u8],
    opts: &CsvOptions,
    out: &mut Vec<u8>,
    f: impl FnMut(&str) -> Option<String>,
) -> Result<CsvStats, Error> {
    if matches!(opts.separator, b'"' | b'\r' | b'\n') {
        return Err(Error::InvalidSeparator {
            separator: opts.separator,
        });
    }
    let out_len = out.len();
    let result = run(input, opts, out, f);
    if result.is_err() {
        out.truncate(out_len);
    }
    result
}

/// What follows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    /// The separator: another field of the same record follows.
    Separator,
    /// LF or CRLF: the record ends.
    Newline,
    /// The end of the input.
    Eof,
}

/// One field's position.
#[derive(Debug, Clone, Copy)]
struct Field {
    /// The first byte of the field (its opening quote if quoted).
    start: usize,
    /// The content, without quotes.
    content: (usize, usize),
    /// After the field (after the closing quote if quoted).
    end: usize,
    /// Where the next field or record starts.
    next: usize,
    quoted: bool,
    /// Whether the quoted content contains `""`.
    doubled: bool,
    term: Terminator,
}

fn csv_error(input: &[u8], byte: usize, kind: CsvErrorKind) -> Error {
    let line = memchr::memchr_iter(b'\n', &input[..byte]).count() as u64 + 1;
    Error::Csv { line, byte, kind }
}

/// Reads the field starting at `pos` (`pos <= input.len()`).
fn read_field(input: &[u8], pos: usize, sep: u8) -> Result<Field, Error> {
    if input.get(pos) != Some(&b'"') {
        let rest = &input[pos..];
        let (content_end, next, term) = match memchr2(sep, b'\n', rest) {
            Some(k) if rest[k] == sep => (pos + k, pos + k + 1, Terminator::Separator),
            Some(k) => (pos + k, pos + k + 1, Terminator::Newline),
            None => (input.len(), input.len(), Terminator::Eof),
        };
        // A CR before the line end (or at the end of the input) belongs to the line end.
        let content_end = if term != Terminator::Separator
            && content_end > pos
            && input[content_end - 1] == b'\r'
        {
            content_end - 1
        } else {
            content_end
        };
        return Ok(Field {
            start: pos,
            content: (pos, content_end),
            end: content_end,
            next,
            quoted: false,
            doubled: false,
            term,
        });
    }
    let mut i = pos + 1;
    let mut doubled = false;
    loop {
        let Some(k) = memchr(b'"', &input[i..]) else {
            return Err(csv_error(input, pos, CsvErrorKind::UnterminatedQuotedField));
        };
        let q = i + k;
        if input.get(q + 1) == Some(&b'"') {
            doubled = true;
            i = q + 2;
            continue;
        }
        let end = q + 1;
        let (next, term) = match input.get(end) {
            None => (end, Terminator::Eof),
            Some(&b) if b == sep => (end + 1, Terminator::Separator),
            Some(b'\n') => (end + 1, Terminator::Newline),
            Some(b'\r') if input.get(end + 1) == Some(&b'\n') => (end + 2, Terminator::Newline),
            Some(b'\r') if end + 1 == input.len() => (end + 1, Terminator::Eof),
            Some(&found) => {
                return Err(csv_error(
                    input,
                    end,
                    CsvErrorKind::CharacterAfterClosingQuote { found },
                ))
            }
        };
        return Ok(Field {
            start: pos,
            content: (pos + 1, q),
            end,
            next,
            quoted: true,
            doubled,
            term,
        });
    }
}

/// Appends the decoded text of `field` to `buf`; false if it is not UTF-8.
fn decode_into(input: &[u8], field: &Field, buf: &mut String) -> bool {
    let Ok(text) = simdutf8::basic::from_utf8(&input[field.content.0..field.content.1]) else {
        return false;
    };
    if field.doubled {
        for (i, part) in text.split("\"\"").enumerate() {
            if i > 0 {
                buf.push('"');
            }
            buf.push_str(part);
        }
    } else {
        buf.push_str(text);
    }
    true
}

fn run(
    input: &[u8],
    opts: &CsvOptions,
    out: &mut Vec<u8>,
    mut f: impl FnMut(&str) -> Option<String>,
) -> Result<CsvStats, Error> {
    let sep = opts.separator;
    let mut stats = CsvStats::default();
    let mut pos = if input.starts_with(BOM) { BOM.len() } else { 0 };
    if pos == input.len() {
        out.extend_from_slice(input);
        return Ok(stats);
    }

    // The header: column names.
    let mut names = Vec::new();
    loop {
        let field = read_field(input, pos, sep)?;
        let mut name = String::new();
        if !decode_into(input, &field, &mut name) {
            let raw = &input[field.content.0..field.content.1];
            name = String::from_utf8_lossy(raw).replace("\"\"", "\"");
        }
        names.push(name);
        pos = field.next;
        if field.term != Terminator::Separator {
            break;
        }
    }
    let wanted: Option<Vec<bool>> = match &opts.columns {
        None => None,
        Some(columns) => {
            let mut wanted = vec![false; names.len()];
            let mut missing = Vec::new();
            for column in columns {
                let column = column.trim();
                let mut found = false;
                for (i, name) in names.iter().enumerate() {
                    if name.trim() == column {
                        wanted[i] = true;
                        found = true;
                    }
                }
                if !found {
                    missing.push(column.to_owned());
                }
            }
            if !missing.is_empty() {
                return Err(Error::MissingColumns {
                    missing,
                    available: names,
                });
            }
            Some(wanted)
        }
    };

    // The data records.
    let mut copied = 0;
    let mut scratch = String::new();
    while pos < input.len() {
        let mut column = 0;
        loop {
            let field = read_field(input, pos, sep)?;
            pos = field.next;
            stats.fields_seen += 1;
            let selected = match &wanted {
                None => true,
                Some(wanted) => wanted.get(column).copied().unwrap_or(false),
            };
            column += 1;
            if selected {
                stats.fields_selected += 1;
                let raw = &input[field.content.0..field.content.1];
                let text = if field.doubled {
                    scratch.clear();
                    decode_into(input, &field, &mut scratch).then_some(scratch.as_str())
                } else {
                    std::str::from_utf8(raw).ok()
                };
                match text {
                    None => stats.fields_undecodable += 1,
                    Some(text) => {
                        if let Some(new) = f(text) {
                            if new != text {
                                out.extend_from_slice(&input[copied..field.start]);
                                write_field(out, &new, field.quoted, sep);
                                copied = field.end;
                                stats.fields_changed += 1;
                            }
                        }
                    }
                }
            }
            if field.term != Terminator::Separator {
                break;
            }
        }
        stats.records += 1;
    }
    out.extend_from_slice(&input[copied..]);
    Ok(stats)
}

/// Appends `text` as a CSV field, quoted if it was quoted or must be.
fn write_field(out: &mut Vec<u8>, text: &str, was_quoted: bool, sep: u8) {
    let bytes = text.as_bytes();
    let quote = was_quoted
        || bytes
            .iter()
            .any(|&b| b == sep || b == b'"' || b == b'\r' || b == b'\n');
    if !quote {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while let Some(k) = memchr(b'"', &bytes[from..]) {
        out.extend_from_slice(&bytes[from..=from + k]);
        out.push(b'"');
        from += k + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}
