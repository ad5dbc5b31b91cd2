use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use crate::metrics::is_py_space;
use crate::{Error, SEPARATOR};

/// One labelled span of a gold document, in CHARACTER (Unicode scalar value) offsets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GoldSpan {
    /// The label, e.g. `"PHONE"`.
    pub label: String,
    /// First character of the span.
    pub start: usize,
    /// One past the last character of the span.
    pub end: usize,
}

/// One document of the gold corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    /// Document id (`str(id)` as score.py computes it; the 1-based line number when absent).
    pub id: String,
    /// Where the document comes from; the part before the first `:` groups the "by source"
    /// report, and a source starting with `neg` marks a document without PII.
    pub source: String,
    /// The document text.
    pub text: String,
    /// The labelled PII spans, in CHARACTER offsets.
    pub spans: Vec<GoldSpan>,
}

/// A gold corpus together with the detector input built from it.
#[derive(Debug, Clone)]
pub struct Corpus {
    docs: Vec<GoldDoc>,
    joined: Vec<u8>,
    ranges: Vec<Range<usize>>,
}

impl Corpus {
    /// Reads a gold JSON Lines file with the validation of score.py's `load_gold`.
    ///
    /// Blank lines are skipped; every other line must be a JSON object with a string `"text"`
    /// and optional `"id"`, `"source"` and `"spans"` (`[{"label", "start", "end"}]`,
    /// `0 <= start < end <= number of characters`). Offsets are converted like Python's
    /// `int()` (integers, floats truncated, booleans, decimal strings). When `labels` is given,
    /// spans with other labels are dropped (after validation). Errors carry the line number.
    ///
    /// Stricter than score.py in degenerate cases only: the file must be UTF-8 (score.py
    /// crashes), labels must be strings, `"spans"` must be a list, and JSON escapes of lone
    /// UTF-16 surrogates are rejected.
    pub fn load(path: &Path, labels: Option<&[String]>) -> Result<Corpus, Error> {
        let data = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        let keep: Option<HashSet<&str>> = labels.map(|l| l.iter().map(String::as_str).collect());
        let mut docs = Vec::new();
        for (idx, line) in universal_lines(&data).enumerate() {
            let ln = idx + 1;
            let bad = |reason: String| Error::BadLine {
                path: path.to_owned(),
                line: ln,
                reason,
            };
            let line = std::str::from_utf8(line).map_err(|e| {
                bad(format!(
                    "not valid UTF-8 ({e}); the gold file must be UTF-8"
                ))
            })?;
            if line.chars().all(is_py_space) {
                continue;
            }
            docs.push(parse_doc(line, ln, keep.as_ref()).map_err(bad)?);
        }
        if docs.is_empty() {
            return Err(Error::NoDocuments {
                path: Some(path.to_owned()),
            });
        }
        Ok(Corpus::build(docs))
    }

    /// Builds a corpus from documents already in memory, checking that there is at least one
    /// document and that every span satisfies `start < end <= number of characters`.
    pub fn from_docs(docs: Vec<GoldDoc>) -> Result<Corpus, Error> {
        if docs.is_empty() {
            return Err(Error::NoDocuments { path: None });
        }
        for (index, d) in docs.iter().enumerate() {
            let n = d.text.chars().count();
            if let Some(s) = d.spans.iter().find(|s| !(s.start < s.end && s.end <= n)) {
                return Err(Error::BadDoc {
                    index,
                    id: d.id.clone(),
                    reason: format!(
                        "span {} {}:{} outside text of length {n}",
                        s.label, s.start, s.end
                    ),
                });
            }
        }
        Ok(Corpus::build(docs))
    }

    fn build(docs: Vec<GoldDoc>) -> Corpus {
        let total: usize = docs
            .iter()
            .map(|d| d.text.len() + SEPARATOR.len())
            .sum::<usize>()
            - SEPARATOR.len()
            + 1;
        let mut joined = Vec::with_capacity(total);
        let mut ranges = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            if i > 0 {
                joined.extend_from_slice(SEPARATOR.as_bytes());
            }
            let start = joined.len();
            joined.extend_from_slice(d.text.as_bytes());
            ranges.push(start..joined.len());
        }
        joined.push(b'\n');
        Corpus {
            docs,
            joined,
            ranges,
        }
    }

    /// The documents, in file order.
    pub fn docs(&self) -> &[GoldDoc] {
        &self.docs
    }

    /// The detector input: all texts joined with `"\n\n"` plus one final `"\n"`, UTF-8
    /// (score.py's `build_input`). Prediction offsets are BYTE offsets into this.
    pub fn joined(&self) -> &[u8] {
        &self.joined
    }

    /// Byte range of each document's text within [`Corpus::joined`].
    pub fn doc_byte_ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }
}

/// Splits like Python's text-mode file iteration: lines end at `\n`, `\r\n` or `\r`.
fn universal_lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => Some(std::mem::take(&mut rest)),
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                rest = &rest[i + skip..];
                Some(line)
            }
        }
    })
}

fn parse_doc(line: &str, ln: usize, keep: Option<&HashSet<&str>>) -> Result<GoldDoc, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = v.as_object().ok_or("the line is not a JSON object")?;
    let text = obj
        .get("text")
        .ok_or("missing key 'text'")?
        .as_str()
        .ok_or("text is not a string")?;
    let nchars = text.chars().count();
    let raw_spans: &[Value] = match obj.get("spans") {
        None => &[],
        Some(Value::Array(a)) => a,
        Some(_) => return Err("'spans' is not a list".into()),
    };
    let mut spans = Vec::new();
    for s in raw_spans {
        let so = s.as_object().ok_or("a span is not a JSON object")?;
        let label = so.get("label").ok_or("a span has no key 'label'")?;
        let label = label
            .as_str()
            .ok_or_else(|| format!("span label {label} is not a string"))?;
        let a = py_int(so.get("start"), "start")?;
        let b = py_int(so.get("end"), "end")?;
        if !(0 <= a && a < b && b <= nchars as i128) {
            return Err(format!(
                "span {label} {a}:{b} outside text of length {nchars}"
            ));
        }
        if keep.map(|k| k.contains(label)) != Some(false) {
            spans.push(GoldSpan {
                label: label.to_owned(),
                start: a as usize,
                end: b as usize,
            });
        }
    }
    let id = obj.get("id").map_or_else(|| ln.to_string(), py_str);
    let source = obj.get("source").map(py_str).unwrap_or_default();
    Ok(GoldDoc {
        id,
        source,
        text: text.to_owned(),
        spans,
    })
}

/// Python's `int(x)` for a JSON value.
fn py_int(v: Option<&Value>, key: &str) -> Result<i128, String> {
    let v = v.ok_or_else(|| format!("a span has no key '{key}'"))?;
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(i as i128)
            } else if let Some(u) = n.as_u64() {
                Ok(u as i128)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.is_finite() {
                    Ok(f.trunc() as i128)
                } else {
                    Err(format!("span {key} {v} is not a finite number"))
                }
            }
        }
        Value::Bool(b) => Ok(*b as i128),
        Value::String(s) => parse_py_int_str(s)
            .ok_or_else(|| format!("invalid literal for int() with base 10: '{s}'")),
        Value::Null => Err(format!("span {key} is null, not an integer")),
        Value::Array(_) | Value::Object(_) => Err(format!("span {key} {v} is not an integer")),
    }
}

/// `int(s)` for a string: surrounding whitespace, optional sign, ASCII digits with single
/// underscores between them.
fn parse_py_int_str(s: &str) -> Option<i128> {
    let s = s.trim_matches(is_py_space);
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut n: i128 = 0;
    for c in digits.chars().filter(|&c| c != '_') {
        n = n.checked_mul(10)?.checked_add(c.to_digit(10)? as i128)?;
    }
    Some(if neg { -n } else { n })
}

/// Python's `str(x)` for a JSON value as `json.loads` returns it.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => py_repr(v),
    }
}

fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => py_float_repr(f),
            _ => n.to_string(),
        },
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, exponent form outside `1e-4 <= |x| < 1e16`.
fn py_float_repr(f: f64) -> String {
    let s = format!("{f:?}");
    match s.split_once('e') {
        None => s,
        Some((mant, exp)) => {
            let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
            format!("{mant}e{sign}{digits:0>2}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_str_of_json_values() {
        let cases = [
            ("\"abc\"", "abc"),
            ("7", "7"),
            ("-3", "-3"),
            ("1.0", "1.0"),
            ("1e16", "1e+16"),
            ("1.5e-5", "1.5e-05"),
            ("0.0001", "0.0001"),
            ("null", "None"),
            ("true", "True"),
            ("[1, \"a\", null]", "[1, 'a', None]"),
        ];
        for (json, want) in cases {
            let v: Value = serde_json::from_str(json).unwrap();
            assert_eq!(py_str(&v), want, "{json}");
        }
    }

    #[test]
    fn python_int_conversion() {
        let cases: [(&str, Option<i128>); 10] = [
            ("5", Some(5)),
            ("5.9", Some(5)),
            ("-0.5", Some(0)),
            ("true", Some(1)),
            ("\" 12 \"", Some(12)),
            ("\"1_000\"", Some(1000)),
            ("\"+7\"", Some(7)),
            ("\"1__0\"", None),
            ("\"x\"", None),
            ("null", None),
        ];
        for (json, want) in cases {
            let v: Value = serde_json::from_str(json).unwrap();
            assert_eq!(py_int(Some(&v), "start").ok(), want, "{json}");
        }
    }

    #[test]
    fn universal_newlines() {
        let lines: Vec<&[u8]> = universal_lines(b"a\nb\r\nc\rd\n\ne").collect();
        assert_eq!(lines, [&b"a"[..], b"b", b"c", b"d", b"", b"e"]);
        assert_eq!(universal_lines(b"a\n").count(), 1);
        assert_eq!(universal_lines(b"").count(), 0);
    }
}
