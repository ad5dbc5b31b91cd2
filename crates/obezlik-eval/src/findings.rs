use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Error, KNOWN_LABELS};

/// One finding of the detector under test.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Prediction {
    /// The label, e.g. `"PHONE"`.
    pub label: String,
    /// First BYTE of the finding in [`crate::Corpus::joined`].
    pub start: usize,
    /// One past the last BYTE of the finding in [`crate::Corpus::joined`].
    pub end: usize,
    /// The text the detector says it found; when given and different from the input bytes
    /// at `start..end`, the report warns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Findings read from detector output by [`parse_findings`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFindings {
    /// The usable findings, in output order.
    pub findings: Vec<Prediction>,
    /// How many non-blank lines were skipped as unparsable (only with `skip_junk`); pass it on
    /// as [`crate::Options::skipped_lines`].
    pub skipped_lines: usize,
}

/// Reads obezlik-style JSON Lines findings like score.py's `parse_findings`.
///
/// Each non-blank line must be a JSON object with a string `"label"` and integer `"start"`,
/// `"end"` (`0 <= start < end <= total_bytes`); `"text"` is kept when it is a string.
/// Unusable lines are an [`Error::Junk`] unless `skip_junk`, in which case they are counted.
pub fn parse_findings(
    out: &[u8],
    total_bytes: usize,
    skip_junk: bool,
) -> Result<ParsedFindings, Error> {
    let mut parsed = ParsedFindings::default();
    let mut first_junk: Option<(usize, String, String)> = None;
    for (idx, line) in out.split(|&b| b == b'\n').enumerate() {
        let s = trim_py_bytes(line);
        if s.is_empty() {
            continue;
        }
        match parse_finding(s, total_bytes) {
            Ok(p) => parsed.findings.push(p),
            Err(why) => {
                parsed.skipped_lines += 1;
                if first_junk.is_none() {
                    let head = String::from_utf8_lossy(&s[..s.len().min(160)]).into_owned();
                    first_junk = Some((idx + 1, why, head));
                }
            }
        }
    }
    match first_junk {
        Some((line, reason, text)) if !skip_junk => Err(Error::Junk {
            count: parsed.skipped_lines,
            line,
            reason,
            text,
        }),
        _ => Ok(parsed),
    }
}

/// Python's `bytes.strip()`: ASCII whitespace including `\x0b`.
fn trim_py_bytes(mut s: &[u8]) -> &[u8] {
    let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c');
    while s.first().is_some_and(ws) {
        s = &s[1..];
    }
    while s.last().is_some_and(ws) {
        s = &s[..s.len() - 1];
    }
    s
}

fn parse_finding(s: &[u8], total_bytes: usize) -> Result<Prediction, String> {
    let s = std::str::from_utf8(s).map_err(|e| format!("not UTF-8: {e}"))?;
    let v: Value = serde_json::from_str(s).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    let get = |k: &str| o.get(k).ok_or_else(|| format!("missing key '{k}'"));
    let (label, start, end) = (get("label")?, get("start")?, get("end")?);
    let int = |v: &Value| match v {
        Value::Number(n) if !n.is_f64() => Some(n.as_i64().map_or(i128::MAX, i128::from)),
        _ => None,
    };
    let (Value::String(label), Some(a), Some(b)) = (label, int(start), int(end)) else {
        return Err("label must be a string, start/end integers".into());
    };
    if !(0 <= a && a < b && b <= total_bytes as i128) {
        return Err(format!(
            "offsets {start}:{end} outside input of {total_bytes} bytes"
        ));
    }
    let text = match o.get("text") {
        Some(Value::String(t)) => Some(t.clone()),
        _ => None,
    };
    Ok(Prediction {
        label: label.clone(),
        start: a as usize,
        end: b as usize,
        text,
    })
}

/// Parses a comma-separated label list like score.py's `--labels` (items trimmed, empty
/// items dropped, duplicates removed); every label must be one of [`KNOWN_LABELS`].
pub fn parse_labels(spec: &str) -> Result<Vec<String>, Error> {
    let mut labels: Vec<String> = Vec::new();
    for l in spec
        .split(',')
        .map(|l| l.trim_matches(crate::is_py_space))
        .filter(|l| !l.is_empty())
    {
        if !labels.iter().any(|x| x == l) {
            labels.push(l.to_owned());
        }
    }
    let bad: Vec<String> = labels
        .iter()
        .filter(|l| !KNOWN_LABELS.contains(&l.as_str()))
        .cloned()
        .collect();
    if bad.is_empty() {
        Ok(labels)
    } else {
        Err(Error::UnknownLabels { labels: bad })
    }
}
