//! JSON Lines: a validating tokenizer that rewrites selected string values in place.

use std::ops::AddAssign;

use memchr::memchr;

use crate::selector::{FieldSelector, PathElem};
use crate::{Error, JsonErrorKind};

/// How deeply arrays and objects may nest. Deeper input is an error
/// ([`JsonErrorKind::TooDeep`]), not a stack overflow.
pub const MAX_DEPTH: usize = 256;

/// The UTF-8 byte order mark, tolerated (and kept) at the start of a line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Counts from [`transform_json_line`]; add them up over lines with `+=`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonStats {
    /// String values seen (keys are not counted).
    pub strings_seen: u64,
    /// String values whose path is selected.
    pub strings_selected: u64,
    /// Selected values replaced with different text.
    pub strings_changed: u64,
    /// Selected values left as they were without calling the closure, because
    /// they are not text: invalid UTF-8 or a lone surrogate escape (`"\ud800"`).
    pub strings_undecodable: u64,
}

impl AddAssign for JsonStats {
    fn add_assign(&mut self, other: JsonStats) {
        self.strings_seen += other.strings_seen;
        self.strings_selected += other.strings_selected;
        self.strings_changed += other.strings_changed;
        self.strings_undecodable += other.strings_undecodable;
    }
}

/// Transforms the selected string values of one JSON line and appends the result to `out`.
///
/// `line` is one JSON text without its line terminator (a trailing `\r` is
/// whitespace and is kept; a leading UTF-8 BOM is kept too). An empty or
/// whitespace-only line is valid and copied as is.
///
/// `f` gets each selected string value decoded (escapes `\n`, `\"`, `\\`,
/// `\/`, `\uXXXX` including surrogate pairs resolved) and returns
/// `Some(new text)` to replace it or `None` to keep it. A replacement is
/// written as a JSON string (`"`, `\` and control characters escaped,
/// everything else as UTF-8). If `f` returns `None` or the same text, the
/// original bytes of the string, escapes and all, are kept. Values that are
/// not text — invalid UTF-8 or a lone surrogate escape — are kept without
/// calling `f`. Keys are never transformed; all other bytes are copied.
///
/// The whole line is validated as JSON. On error nothing is appended to `out`
/// and the error tells the byte offset; add the line number with
/// [`Error::with_line`].
pub fn transform_json_line(
    line: &[u8],
    sel: &FieldSelector,
    out: &mut Vec<u8>,
    f: impl FnMut(&str) -> Option<String>,
) -> Result<JsonStats, Error> {
    transform(line, false, sel, out, f)
}

/// [`transform_json_line`] for a line already known to be UTF-8 (a batch
/// validates a whole window at once): string contents are not validated a
/// second time. Same output, same errors.
pub fn transform_json_str(
    line: &str,
    sel: &FieldSelector,
    out: &mut Vec<u8>,
    f: impl FnMut(&str) -> Option<String>,
) -> Result<JsonStats, Error> {
    transform(line.as_bytes(), true, sel, out, f)
}

fn transform(
    line: &[u8],
    utf8: bool,
    sel: &FieldSelector,
    out: &mut Vec<u8>,
    f: impl FnMut(&str) -> Option<String>,
) -> Result<JsonStats, Error> {
    let out_len = out.len();
    let mut t = Transformer {
        line,
        utf8,
        pos: 0,
        sel,
        track: !sel.selects_all(),
        path: Vec::new(),
        keys: String::new(),
        scratch: String::new(),
        out,
        copied: 0,
        stats: JsonStats::default(),
        f,
    };
    match t.run() {
        Ok(()) => {
            t.out.extend_from_slice(&line[t.copied..]);
            Ok(t.stats)
        }
        Err(Fail { byte, kind }) => {
            t.out.truncate(out_len);
            Err(Error::Json {
                line: None,
                byte,
                kind,
            })
        }
    }
}

/// An error before it gets its line number.
struct Fail {
    byte: usize,
    kind: JsonErrorKind,
}

fn fail<T>(byte: usize, kind: JsonErrorKind) -> Result<T, Fail> {
    Err(Fail { byte, kind })
}

/// The state of one line's pass.
struct Transformer<'a, F> {
    line: &'a [u8],
    /// `line` is valid UTF-8 (it came as `&str`).
    utf8: bool,
    /// The next byte to read.
    pos: usize,
    sel: &'a FieldSelector,
    /// Whether paths matter (not for [`FieldSelector::all`]).
    track: bool,
    /// Keys and indices from the root to the current value (only when tracking).
    path: Vec<PathElem>,
    /// The decoded text of the keys in `path`, end to end.
    keys: String,
    /// Decoded text of the current selected string, when it has escapes.
    scratch: String,
    out: &'a mut Vec<u8>,
    /// `line[..copied]` has been written to `out`.
    copied: usize,
    stats: JsonStats,
    f: F,
}

impl<F: FnMut(&str) -> Option<String>> Transformer<'_, F> {
    fn run(&mut self) -> Result<(), Fail> {
        if self.line.starts_with(BOM) {
            self.pos = BOM.len();
        }
        self.skip_ws();
        if self.pos == self.line.len() {
            return Ok(());
        }
        self.value(0)?;
        self.skip_ws();
        if self.pos != self.line.len() {
            return fail(self.pos, JsonErrorKind::TrailingCharacters);
        }
        Ok(())
    }

    fn peek(&self) -> Option<u8> {
        self.line.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Reads one value (after optional whitespace) at nesting `depth`.
    fn value(&mut self, depth: usize) -> Result<(), Fail> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string_value(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(found) => fail(
                self.pos,
                JsonErrorKind::UnexpectedByte {
                    found,
                    expected: "a value",
                },
            ),
            None => fail(
                self.pos,
                JsonErrorKind::UnexpectedEnd {
                    expected: "a value",
                },
            ),
        }
    }

    /// Checks a `,`/closing bracket after a member or element; returns whether the container ended.
    fn after_item(&mut self, close: u8, expected: &'static str) -> Result<bool, Fail> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            Some(found) => fail(self.pos, JsonErrorKind::UnexpectedByte { found, expected }),
            None => fail(self.pos, JsonErrorKind::UnexpectedEnd { expected }),
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Fail> {
        if depth > MAX_DEPTH {
            return fail(self.pos, JsonErrorKind::TooDeep { limit: MAX_DEPTH });
        }
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                Some(found) => {
                    return fail(
                        self.pos,
                        JsonErrorKind::UnexpectedByte {
                            found,
                            expected: "a key in double quotes",
                        },
                    )
                }
                None => {
                    return fail(
                        self.pos,
                        JsonErrorKind::UnexpectedEnd {
                            expected: "a key in double quotes",
                        },
                    )
                }
            }
            let start = self.pos;
            let (end, _) = scan_string(self.line, start)?;
            self.pos = end;
            if self.track {
                self.push_key(start, end);
            }
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                Some(found) => {
                    return fail(
                        self.pos,
                        JsonErrorKind::UnexpectedByte {
                            found,
                            expected: "':' after a key",
                        },
                    )
                }
                None => {
                    return fail(
                        self.pos,
                        JsonErrorKind::UnexpectedEnd {
                            expected: "':' after a key",
                        },
                    )
                }
            }
            self.value(depth)?;
            if self.track {
                self.pop();
            }
            if self.after_item(b'}', "',' or '}'")? {
                return Ok(());
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Fail> {
        if depth > MAX_DEPTH {
            return fail(self.pos, JsonErrorKind::TooDeep { limit: MAX_DEPTH });
        }
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            if self.track {
                self.path.push(PathElem::Index(index));
            }
            self.value(depth)?;
            if self.track {
                self.pop();
            }
            if self.after_item(b']', "',' or ']'")? {
                return Ok(());
            }
            index += 1;
        }
    }

    /// Pushes the key `line[start..end]` (quotes included) onto the path,
    /// decoding it only if a path that long is selected at all.
    fn push_key(&mut self, start: usize, end: usize) {
        let elem = if self.path.len() < self.sel.max_len() {
            let at = self.keys.len();
            if decode_into(&self.line[start + 1..end - 1], self.utf8, &mut self.keys) {
                PathElem::Key {
                    start: at,
                    end: self.keys.len(),
                }
            } else {
                self.keys.truncate(at);
                PathElem::OPAQUE_KEY
            }
        } else {
            PathElem::OPAQUE_KEY
        };
        self.path.push(elem);
    }

    fn pop(&mut self) {
        if let Some(PathElem::Key { start, .. }) = self.path.pop() {
            if start != usize::MAX {
                self.keys.truncate(start);
            }
        }
    }

    fn string_value(&mut self) -> Result<(), Fail> {
        let start = self.pos;
        let (end, escaped) = scan_string(self.line, start)?;
        self.pos = end;
        self.stats.strings_seen += 1;
        if !self.sel.matches(&self.path, &self.keys) {
            return Ok(());
        }
        self.stats.strings_selected += 1;
        let raw = &self.line[start + 1..end - 1];
        let text: &str = if escaped {
            self.scratch.clear();
            if !decode_into(raw, self.utf8, &mut self.scratch) {
                self.stats.strings_undecodable += 1;
                return Ok(());
            }
            &self.scratch
        } else if self.utf8 {
            // SAFETY: `line` is a `&str` (`transform_json_str`), and `raw` lies
            // between two ASCII quotes, so on character boundaries.
            unsafe { std::str::from_utf8_unchecked(raw) }
        } else {
            match simdutf8::basic::from_utf8(raw) {
                Ok(text) => text,
                Err(_) => {
                    self.stats.strings_undecodable += 1;
                    return Ok(());
                }
            }
        };
        if let Some(new) = (self.f)(text) {
            if new != text {
                self.out.extend_from_slice(&self.line[self.copied..start]);
                write_json_string(self.out, &new);
                self.copied = end;
                self.stats.strings_changed += 1;
            }
        }
        Ok(())
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// Validates `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<(), Fail> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return fail(start, JsonErrorKind::InvalidNumber),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return fail(start, JsonErrorKind::InvalidNumber);
            }
            self.skip_digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return fail(start, JsonErrorKind::InvalidNumber);
            }
            self.skip_digits();
        }
        Ok(())
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), Fail> {
        const EXPECTED: &str = "true, false or null";
        for &w in word {
            match self.peek() {
                Some(b) if b == w => self.pos += 1,
                Some(found) => {
                    return fail(
                        self.pos,
                        JsonErrorKind::UnexpectedByte {
                            found,
                            expected: EXPECTED,
                        },
                    )
                }
                None => {
                    return fail(
                        self.pos,
                        JsonErrorKind::UnexpectedEnd { expected: EXPECTED },
                    )
                }
            }
        }
        Ok(())
    }
}

/// Validates the string whose opening quote is at `start`; returns the offset
/// after its closing quote and whether it contains escapes. Bytes >= 0x80 are
/// not checked here (invalid UTF-8 only makes a value undecodable).
fn scan_string(line: &[u8], start: usize) -> Result<(usize, bool), Fail> {
    let mut i = start + 1;
    let mut escaped = false;
    loop {
        let Some(k) = string_special(line, i) else {
            return fail(start, JsonErrorKind::UnterminatedString);
        };
        if line[k] < 0x20 {
            return fail(
                k,
                JsonErrorKind::ControlCharacterInString { found: line[k] },
            );
        }
        i = k;
        if line[i] == b'"' {
            return Ok((i + 1, escaped));
        }
        escaped = true;
        match line.get(i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
            Some(b'u') if line.get(i + 2..i + 6).is_some_and(|h| hex4(h).is_some()) => i += 6,
            Some(_) => return fail(i, JsonErrorKind::InvalidEscape),
            None => return fail(start, JsonErrorKind::UnterminatedString),
        }
    }
}

/// The first byte at or after `i` that ends a run of plain string contents:
/// `"`, `\` or a control character (below 0x20). One pass, sixteen bytes a
/// step with SSE2 on x86-64 (a search for the quote and then another for
/// control characters read every byte twice).
#[inline]
fn string_special(line: &[u8], mut i: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        while i + 16 <= line.len() {
            // SAFETY: SSE2 is part of the x86-64 baseline; the load reads
            // line[i..i + 16], which the loop condition keeps in bounds.
            let m = unsafe {
                let v = _mm_loadu_si128(line.as_ptr().add(i).cast());
                let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
                let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
                // b <= 0x1F exactly when max(b, 0x1F) == 0x1F (unsigned).
                let control =
                    _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
                _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
            };
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
    }
    line[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|k| i + k)
}

/// The value of four hex digits.
fn hex4(h: &[u8]) -> Option<u32> {
    h.iter().try_fold(0u32, |acc, &b| {
        let d = (b as char).to_digit(16)?;
        Some(acc << 4 | d)
    })
}

/// Appends the text of the string contents `raw` (between the quotes, already
/// validated by [`scan_string`], with escapes) to `buf`. Returns false, with
/// `buf` possibly partly extended, if it is not text: invalid UTF-8 or a lone
/// surrogate. `utf8`: `raw` is known to be UTF-8 (cut from a `&str` at ASCII
/// quotes), so the runs between escapes are not validated again.
fn decode_into(raw: &[u8], utf8: bool, buf: &mut String) -> bool {
    let push = |buf: &mut String, bytes: &[u8]| {
        if utf8 {
            // SAFETY: `raw` is UTF-8 and `bytes` is cut from it at ASCII
            // backslashes and escape ends, so on character boundaries.
            buf.push_str(unsafe { std::str::from_utf8_unchecked(bytes) });
            return true;
        }
        match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => {
                buf.push_str(s);
                true
            }
            Err(_) => false,
        }
    };
    let mut i = 0;
    loop {
        let Some(k) = memchr(b'\\', &raw[i..]) else {
            return push(buf, &raw[i..]);
        };
        if !push(buf, &raw[i..i + k]) {
            return false;
        }
        i += k;
        let c = match raw[i + 1] {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = hex4(&raw[i + 2..i + 6]).unwrap_or(0);
                i += 6;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        let low = match raw.get(i..i + 6) {
                            Some([b'\\', b'u', h @ ..]) => hex4(h),
                            _ => None,
                        };
                        match low {
                            Some(low @ 0xDC00..=0xDFFF) => {
                                i += 6;
                                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            }
                            _ => return false,
                        }
                    }
                    0xDC00..=0xDFFF => return false,
                    _ => unit,
                };
                match char::from_u32(code) {
                    Some(c) => buf.push(c),
                    None => return false,
                }
                continue;
            }
            other => other as char, // `"`, `\`, `/`
        };
        buf.push(c);
        i += 2;
    }
}

/// Appends `s` as a JSON string: `"`, `\` and control characters escaped
/// (as serde_json does), everything else as UTF-8.
fn write_json_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[from..i]);
        if short.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        } else {
            out.extend_from_slice(short);
        }
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(raw: &str) -> Option<String> {
        let (end, _) = scan_string(raw.as_bytes(), 0).ok()?;
        assert_eq!(end, raw.len());
        let mut buf = String::new();
        decode_into(&raw.as_bytes()[1..end - 1], false, &mut buf).then_some(buf)
    }

    #[test]
    fn string_special_finds_the_first_quote_backslash_or_control_byte() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let alphabet = "ab \"\\\n\tжЯ1\u{1}".as_bytes();
        for len in 0..80 {
            for _ in 0..20 {
                let line: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        // Mostly plain bytes, so the special ones land anywhere.
                        if state.is_multiple_of(8) {
                            alphabet[(state / 8 % alphabet.len() as u64) as usize]
                        } else {
                            b'x'
                        }
                    })
                    .collect();
                for i in 0..=len {
                    let want = line[i..]
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .map(|k| i + k);
                    assert_eq!(string_special(&line, i), want, "{line:?} from {i}");
                }
            }
        }
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(decode(r#""a\"b\\c\/d""#).as_deref(), Some("a\"b\\c/d"));
        assert_eq!(
            decode(r#""\b\f\n\r\t""#).as_deref(),
            Some("\u{8}\u{c}\n\r\t")
        );
        assert_eq!(decode(r#""\u0418\u041d\u041d""#).as_deref(), Some("ИНН"));
        assert_eq!(decode(r#""\ud83d\ude00!""#).as_deref(), Some("😀!"));
        assert_eq!(decode(r#""\uD83D\uDE00""#).as_deref(), Some("😀"));
        assert_eq!(decode(r#""\ud83d""#), None);
        assert_eq!(decode(r#""\ud83dx""#), None);
        assert_eq!(decode(r#""\ud83d\u0041""#), None);
        assert_eq!(decode(r#""\ude00""#), None);
        assert_eq!(decode("\"\u{0}\""), None); // raw control character: invalid JSON
    }

    #[test]
    fn encodes_like_serde() {
        let mut out = Vec::new();
        write_json_string(
            &mut out,
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}/ИНН😀\u{2028}",
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}/ИНН😀\u{2028}\""
        );
    }
}
