//! Normalisation: the form of a value that keyed pseudonyms are computed from,
//! so that one person's value written in different ways gets one pseudonym.

use std::fmt::{self, Write as _};
use std::net::IpAddr;

use obezlik_detect::Label;

use crate::digits::phone_digits;

/// Appends the normalised form of `value` (a finding labelled `label`) to `buf`.
///
/// - `PHONE`: digits with the country code — `+7 (912) 345-67-89`,
///   `89123456789`, `8 912 345 67 89` and `9123456789` all give `79123456789`
///   (without `+`: 11 digits starting 8 → 7…, 10 digits starting 9/3/4/8 →
///   7 in front); `+` numbers keep their digits.
/// - `INN`, `OGRN`, `OGRNIP`, `SNILS`, `PASSPORT`, `CARD`, `ACCOUNT`, `KZ_IIN`:
///   the ASCII digits only.
/// - `EMAIL`: lower-cased (Unicode, so Cyrillic too).
/// - `IP`: the canonical text form when it parses (IPv6 compressed,
///   lower-case), otherwise as written, ASCII lower-cased.
/// - `PERSON`: the nominative of every part, surname first, then first name,
///   patronymic and initials (`Иванову Ивану Петровичу` and `ИВАНОВ ИВАН
///   ПЕТРОВИЧ` both give `иванов иван петрович`); as for `ADDRESS` when the
///   value is no name the analyser can read.
/// - `ADDRESS`, `SECRET`: trimmed, whitespace runs collapsed to one
///   space, lower-cased.
///
/// Bytes that are not valid UTF-8 pass through unchanged.
pub fn normalize(label: Label, value: &[u8], buf: &mut Vec<u8>) {
    normalize_with(label, value, &mut |s: &[u8]| buf.extend_from_slice(s));
}

/// [`normalize`] into any sink (an HMAC, mostly), without allocating.
pub(crate) fn normalize_with(label: Label, value: &[u8], sink: &mut dyn FnMut(&[u8])) {
    match label {
        Label::Phone => match phone_digits(value) {
            Some(d) => d.write_ascii(sink),
            None => digits_only(value, sink),
        },
        Label::Email => lowercase(value, sink),
        Label::Ip => ip(value, sink),
        l if l.is_digit_identifier() => digits_only(value, sink),
        Label::Person => {
            if !obezlik_detect::person_key_into(value, sink) {
                text(value, sink);
            }
        }
        _ => text(value, sink),
    }
}

fn digits_only(value: &[u8], sink: &mut dyn FnMut(&[u8])) {
    // Whole runs of digits at a time rather than byte by byte.
    for run in value.split(|b| !b.is_ascii_digit()) {
        if !run.is_empty() {
            sink(run);
        }
    }
}

fn lowercase(value: &[u8], sink: &mut dyn FnMut(&[u8])) {
    // Most addresses are short ASCII: one update instead of one per character.
    if value.len() <= 256 && value.is_ascii() {
        let mut buf = [0u8; 256];
        let b = &mut buf[..value.len()];
        b.copy_from_slice(value);
        b.make_ascii_lowercase();
        sink(b);
        return;
    }
    for chunk in value.utf8_chunks() {
        for c in chunk.valid().chars() {
            lower_char(c, sink);
        }
        if !chunk.invalid().is_empty() {
            sink(chunk.invalid());
        }
    }
}

fn lower_char(c: char, sink: &mut dyn FnMut(&[u8])) {
    let mut buf = [0u8; 4];
    for l in c.to_lowercase() {
        sink(l.encode_utf8(&mut buf).as_bytes());
    }
}

fn ip(value: &[u8], sink: &mut dyn FnMut(&[u8])) {
    if let Some(addr) = std::str::from_utf8(value)
        .ok()
        .and_then(|s| s.parse::<IpAddr>().ok())
    {
        let mut w = StackText::default();
        if write!(w, "{addr}").is_ok() {
            sink(w.as_bytes());
            return;
        }
    }
    let mut buf = [0u8; 64];
    for chunk in value.chunks(buf.len()) {
        let out = &mut buf[..chunk.len()];
        out.copy_from_slice(chunk);
        out.make_ascii_lowercase();
        sink(out);
    }
}

/// Trimmed, whitespace runs collapsed to one space, lower-cased.
fn text(value: &[u8], sink: &mut dyn FnMut(&[u8])) {
    fn emit(piece: &[u8], pending_space: &mut bool, sink: &mut dyn FnMut(&[u8])) {
        if std::mem::take(pending_space) {
            sink(b" ");
        }
        sink(piece);
    }
    let mut emitted = false;
    let mut pending_space = false;
    for chunk in value.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_whitespace() {
                // A space is written only between two non-space pieces.
                pending_space = emitted;
                continue;
            }
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                emit(l.encode_utf8(&mut buf).as_bytes(), &mut pending_space, sink);
            }
            emitted = true;
        }
        if !chunk.invalid().is_empty() {
            emit(chunk.invalid(), &mut pending_space, sink);
            emitted = true;
        }
    }
}

/// A fixed buffer for short formatted text (an IP address: at most 45 bytes).
pub(crate) struct StackText {
    buf: [u8; 64],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            buf: [0; 64],
            len: 0,
        }
    }
}

impl StackText {
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(label: Label, v: &str) -> String {
        let mut buf = Vec::new();
        normalize(label, v.as_bytes(), &mut buf);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn table() {
        let cases = [
            (Label::Phone, "+7 (912) 345-67-89", "79123456789"),
            (Label::Phone, "89123456789", "79123456789"),
            (Label::Phone, "8 912 345 67 89", "79123456789"),
            (Label::Phone, "+79123456789", "79123456789"),
            (Label::Phone, "8 (800) 555-35-35", "78005553535"),
            (Label::Phone, "+44 20 7946 0958", "442079460958"),
            (Label::Email, "Ivan.Petrov@Mail.RU", "ivan.petrov@mail.ru"),
            (Label::Email, "Иван@Почта.РФ", "иван@почта.рф"),
            (Label::Inn, "7707 083 893", "7707083893"),
            (Label::Snils, "112-233-445 95", "11223344595"),
            (Label::Passport, "45 08 № 123456", "4508123456"),
            (Label::Passport, "N12345678", "12345678"),
            (Label::Card, "4276 3688 1142 0603", "4276368811420603"),
            (Label::Ip, "192.168.1.10", "192.168.1.10"),
            (Label::Ip, "2001:DB8:0:0::1", "2001:db8::1"),
            (Label::Ip, "FE80::1%ETH0", "fe80::1%eth0"),
            (Label::Person, "  Иванов \n\t Иван  ", "иванов иван"),
            (Label::Person, "ИВАНОВ Иван", "иванов иван"),
            (
                Label::Person,
                "Иванову Ивану Петровичу",
                "иванов иван петрович",
            ),
            (
                Label::Person,
                "Ивана Петровича Иванова",
                "иванов иван петрович",
            ),
            (Label::Person, "Кузнецовой А.С.", "кузнецова а.с."),
            (
                Label::Address,
                "г. Москва,  ул. Ленина, д. 1",
                "г. москва, ул. ленина, д. 1",
            ),
            (Label::Secret, " sk-ABC ", "sk-abc"),
        ];
        for (label, input, want) in cases {
            assert_eq!(n(label, input), want, "{label} {input:?}");
        }
    }

    #[test]
    fn invalid_utf8_passes_through() {
        let mut buf = Vec::new();
        normalize(Label::Person, b" A\xff  B ", &mut buf);
        assert_eq!(buf, b"a\xff b");
        buf.clear();
        normalize(Label::Email, b"A\xfe@B", &mut buf);
        assert_eq!(buf, b"a\xfe@b");
    }
}
