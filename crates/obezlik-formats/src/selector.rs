//! Which JSON string values are selected: dotted paths from the root.

use crate::Error;

/// The paths of [`FieldSelector::chat`]: where OpenAI- and Anthropic-style
/// chat logs keep text.
///
/// `messages.*.content` is a string or a list of parts with `"text"`; the
/// `input`/`output` list forms are those of the OpenAI Responses API.
pub const CHAT_PATHS: &[&str] = &[
    "messages.*.content",
    "messages.*.content.*.text",
    "prompt",
    "prompt.*",
    "completion",
    "response",
    "input",
    "input.*.content",
    "input.*.content.*.text",
    "output",
    "output.*.content.*.text",
    "system",
    "system.*.text",
    "choices.*.message.content",
    "choices.*.text",
    "content.*.text",
];

/// One segment of a parsed path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    /// `*`: any key or any array index.
    Any,
    /// A key; if it is a canonical decimal number it also matches that array index.
    Name { name: String, index: Option<usize> },
}

/// One step of the position of a value inside a JSON document.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PathElem {
    /// An object key: `start..end` in the key buffer; `start == usize::MAX` if
    /// the key is not text (invalid UTF-8, lone surrogate) or was not decoded.
    Key { start: usize, end: usize },
    /// An array element.
    Index(usize),
}

impl PathElem {
    pub(crate) const OPAQUE_KEY: PathElem = PathElem::Key {
        start: usize::MAX,
        end: usize::MAX,
    };
}

/// Which string values to transform.
///
/// A path is a list of keys separated by `.`, from the root of the JSON value;
/// `*` stands for any single key or array index, and a decimal segment such
/// as `0` also matches that array index. A path selects string values at
/// exactly its depth: `"prompt"` selects `{"prompt": "…"}` but nothing inside
/// `{"prompt": {"text": "…"}}` (that needs `"prompt.text"` or `"prompt.*"`).
/// Keys are never transformed, only values.
///
/// ```
/// use obezlik_formats::FieldSelector;
///
/// let all = FieldSelector::all(); // every string value; also the Default
/// let some = FieldSelector::parse(&["prompt", "response.choices.*.message.content"]).unwrap();
/// assert!(FieldSelector::parse(&["messages..content"]).is_err());
/// # let _ = (all, some);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSelector {
    /// `None` selects every string value.
    paths: Option<Vec<Vec<Seg>>>,
    /// The longest path: keys deeper than this need not be decoded.
    max_len: usize,
}

impl Default for FieldSelector {
    fn default() -> Self {
        FieldSelector::all()
    }
}

impl FieldSelector {
    /// Selects every string value, at any depth, including a top-level string.
    pub fn all() -> FieldSelector {
        FieldSelector {
            paths: None,
            max_len: 0,
        }
    }

    /// Selects the string values at the given dotted paths (see the type's
    /// documentation). Surrounding spaces of a path are ignored.
    ///
    /// Errors: no paths, an empty path or segment (`a..b`, `a.`), or `*`
    /// inside a segment (`mess*`; only a whole `*` segment is a wildcard).
    pub fn parse(paths: &[&str]) -> Result<FieldSelector, Error> {
        if paths.is_empty() {
            return Err(Error::InvalidPath {
                path: String::new(),
                reason: "no field paths given; give at least one, e.g. \"messages.*.content\", or select all string values",
            });
        }
        let mut parsed = Vec::with_capacity(paths.len());
        for &path in paths {
            let bad = |reason| Error::InvalidPath {
                path: path.to_owned(),
                reason,
            };
            let trimmed = path.trim();
            if trimmed.is_empty() {
                return Err(bad("the path is empty; give dotted keys such as \"prompt\" or \"messages.*.content\""));
            }
            let mut segs = Vec::new();
            for seg in trimmed.split('.') {
                if seg.is_empty() {
                    return Err(bad(
                        "it has an empty segment (two dots in a row, or a leading/trailing dot)",
                    ));
                }
                if seg == "*" {
                    segs.push(Seg::Any);
                } else if seg.contains('*') {
                    return Err(bad(
                        "`*` must be a whole segment (it matches exactly one key or array element)",
                    ));
                } else {
                    segs.push(Seg::Name {
                        name: seg.to_owned(),
                        index: parse_index(seg),
                    });
                }
            }
            if !parsed.contains(&segs) {
                parsed.push(segs);
            }
        }
        let max_len = parsed.iter().map(Vec::len).max().unwrap_or(0);
        Ok(FieldSelector {
            paths: Some(parsed),
            max_len,
        })
    }

    /// Selects the text of OpenAI/Anthropic chat logs: the paths in [`CHAT_PATHS`]
    /// (`messages.*.content` as a string or as a list of parts with `"text"`,
    /// `prompt`, `completion`, `response`, `input`, `output`, `system`,
    /// `choices.*.message.content`, `content.*.text`, …).
    pub fn chat() -> FieldSelector {
        FieldSelector::parse(CHAT_PATHS).expect("CHAT_PATHS are valid")
    }

    /// Whether every string value is selected.
    pub fn selects_all(&self) -> bool {
        self.paths.is_none()
    }

    /// The length of the longest path (0 for [`FieldSelector::all`]).
    pub(crate) fn max_len(&self) -> usize {
        self.max_len
    }

    /// Whether the string value at `path` is selected; `keys` holds the key text.
    pub(crate) fn matches(&self, path: &[PathElem], keys: &str) -> bool {
        let Some(paths) = &self.paths else {
            return true;
        };
        paths.iter().any(|segs| {
            segs.len() == path.len()
                && segs.iter().zip(path).all(|(seg, elem)| match (seg, elem) {
                    (Seg::Any, _) => true,
                    (Seg::Name { index, .. }, PathElem::Index(i)) => *index == Some(*i),
                    (Seg::Name { name, .. }, PathElem::Key { start, end }) => {
                        *start != usize::MAX && keys.get(*start..*end) == Some(name.as_str())
                    }
                })
        })
    }
}

/// A canonical decimal array index (`0`, `17`; not `007` or `+1`).
fn parse_index(seg: &str) -> Option<usize> {
    let canonical =
        seg.bytes().all(|b| b.is_ascii_digit()) && (seg == "0" || !seg.starts_with('0'));
    if canonical {
        seg.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors() {
        assert!(FieldSelector::parse(&[]).is_err());
        assert!(FieldSelector::parse(&[""]).is_err());
        assert!(FieldSelector::parse(&["a..b"]).is_err());
        assert!(FieldSelector::parse(&[".a"]).is_err());
        assert!(FieldSelector::parse(&["a."]).is_err());
        assert!(FieldSelector::parse(&["mess*"]).is_err());
        let e = FieldSelector::parse(&["a", "b..c"]).unwrap_err();
        assert!(e.to_string().contains("\"b..c\""), "{e}");
    }

    #[test]
    fn index_segments() {
        assert_eq!(parse_index("0"), Some(0));
        assert_eq!(parse_index("17"), Some(17));
        assert_eq!(parse_index("007"), None);
        assert_eq!(parse_index("+1"), None);
        assert_eq!(parse_index("x"), None);
    }

    #[test]
    fn matching() {
        let sel = FieldSelector::parse(&["a.*.b", "0"]).unwrap();
        let keys = "abx";
        let a = PathElem::Key { start: 0, end: 1 };
        let b = PathElem::Key { start: 1, end: 2 };
        let x = PathElem::Key { start: 2, end: 3 };
        assert!(sel.matches(&[a, PathElem::Index(3), b], keys));
        assert!(sel.matches(&[a, x, b], keys));
        assert!(sel.matches(&[a, PathElem::OPAQUE_KEY, b], keys));
        assert!(!sel.matches(&[a, x], keys));
        assert!(!sel.matches(&[a, x, b, b], keys));
        assert!(!sel.matches(&[PathElem::OPAQUE_KEY, x, b], keys));
        assert!(sel.matches(&[PathElem::Index(0)], keys));
        assert!(!sel.matches(&[PathElem::Index(1)], keys));
        assert_eq!(sel.max_len(), 3);
        assert!(FieldSelector::all().matches(&[], ""));
        assert!(!FieldSelector::chat().matches(&[], ""));
    }
}
