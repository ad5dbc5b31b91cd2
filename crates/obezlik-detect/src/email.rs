//! E-mail addresses around an `@`: Latin and Cyrillic local parts and domains,
//! a top-level domain from `rules/tlds.txt`.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use crate::names::WordHasher;
use crate::text::{char_at, prev_char_start};

pub(crate) const TLDS_TXT: &str = include_str!("../rules/tlds.txt");

/// The set of known top-level domains (lower case), hashed with the
/// dictionaries' word hasher: one probe per address instead of a binary
/// search through strings.
#[derive(Debug)]
pub(crate) struct TldSet {
    set: HashSet<Box<[u8]>, BuildHasherDefault<WordHasher>>,
}

impl TldSet {
    pub(crate) fn from_rules(text: &str) -> TldSet {
        let set = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .map(|w| w.to_lowercase().into_bytes().into_boxed_slice())
            .collect();
        TldSet { set }
    }

    fn contains(&self, label: &[u8]) -> bool {
        let mut buf = [0u8; 64];
        if label.is_ascii() {
            if label.len() > buf.len() {
                return false;
            }
            let b = &mut buf[..label.len()];
            b.copy_from_slice(label);
            b.make_ascii_lowercase();
            return self.set.contains(&*b);
        }
        // Cyrillic TLDs: rare enough to lower-case with an allocation.
        let Ok(s) = std::str::from_utf8(label) else {
            return false;
        };
        self.set.contains(s.to_lowercase().as_bytes())
    }
}

fn local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Finds an e-mail address around the `@` at `at`; returns `(start, end)`.
pub(crate) fn email_around(hay: &[u8], at: usize, tlds: &TldSet) -> Option<(usize, usize)> {
    // Local part, backwards, at most 64 bytes.
    let mut s = at;
    while s > 0 && at - s < 64 {
        // ASCII (nearly every address) without decoding.
        let b = hay[s - 1];
        if b < 0x80 {
            if !local_char(b as char) {
                break;
            }
            s -= 1;
            continue;
        }
        let Some(p) = prev_char_start(hay, s).filter(|&p| at - p <= 64) else {
            break;
        };
        match char_at(hay, p) {
            Some((c, len)) if p + len == s && local_char(c) => s = p,
            _ => break,
        }
    }
    while s < at && matches!(hay[s], b'.' | b'-' | b'+' | b'\'') {
        s += 1;
    }
    if s == at || hay[at - 1] == b'.' {
        return None;
    }
    // Credentials in a URL (scheme://user:password@host) are not an address.
    if s > 0 && hay[s - 1] == b':' {
        let lo = s.saturating_sub(80);
        let before = &hay[lo..s];
        let token_start = before
            .iter()
            .rposition(|&b| b == b' ' || b == b'\n' || b == b'"' || b == b'\'')
            .map_or(0, |p| p + 1);
        if memchr::memmem::find(&before[token_start..], b"://").is_some() {
            return None;
        }
    }
    // Domain, forwards: labels of letters, digits and hyphens separated by dots.
    let mut e = at + 1;
    let mut label_start = e;
    let mut last_label = (e, e);
    let mut labels = 0;
    loop {
        while e < hay.len() && e - at <= 255 {
            let b = hay[e];
            if b < 0x80 {
                if !domain_char(b as char) {
                    break;
                }
                e += 1;
                continue;
            }
            match char_at(hay, e) {
                Some((c, len)) if domain_char(c) => e += len,
                _ => break,
            }
        }
        if e == label_start || hay[label_start] == b'-' || hay[e - 1] == b'-' {
            // Empty label or one that starts/ends with a hyphen.
            if labels == 0 {
                return None;
            }
            // Drop the dot that led here.
            e = label_start - 1;
            break;
        }
        labels += 1;
        last_label = (label_start, e);
        if hay.get(e) == Some(&b'.') && hay.get(e + 1).is_some_and(|&b| b != b'.') {
            e += 1;
            label_start = e;
            continue;
        }
        break;
    }
    if labels < 2 || hay.get(e) == Some(&b'@') {
        return None;
    }
    let tld = &hay[last_label.0..last_label.1];
    if tld.iter().all(u8::is_ascii_digit) || !tlds.contains(tld) {
        return None;
    }
    Some((s, last_label.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(s: &str) -> Option<&str> {
        let tlds = TldSet::from_rules(TLDS_TXT);
        let at = s.find('@')?;
        email_around(s.as_bytes(), at, &tlds).map(|(a, b)| &s[a..b])
    }

    #[test]
    fn addresses() {
        assert_eq!(
            find("e-mail: ivan.petrov@mail.ru."),
            Some("ivan.petrov@mail.ru")
        );
        assert_eq!(find("to=<l.zykova@bk.ru>,"), Some("l.zykova@bk.ru"));
        assert_eq!(find("почта иван@почта.рф!"), Some("иван@почта.рф"));
        assert_eq!(
            find("ALEVTINA1993@FINTECH-LAB.COM"),
            Some("ALEVTINA1993@FINTECH-LAB.COM")
        );
        assert_eq!(find("mailto:a+b@x.co"), Some("a+b@x.co"));
        assert_eq!(
            find("«rеgina1990@rambler.ru»"),
            Some("rеgina1990@rambler.ru")
        );
    }

    #[test]
    fn not_addresses() {
        for s in [
            "Started postgresql@15-main.service",
            "redis://:Parol670$@10.119.194.181:6379",
            "https://user:secret@example.com/path",
            "user@localhost",
            "@mail.ru",
            "a@b.c",
            "numpy@1.26.4",
        ] {
            assert_eq!(find(s), None, "{s}");
        }
    }
}
