//! Digit strings of identifiers: extraction without allocation, the phone
//! normalisation rule, and country-code lengths.

/// The most digits a value may have for digit-level work; longer values are
/// not real identifiers and take the generic paths.
pub(crate) const MAX_DIGITS: usize = 64;

/// Up to [`MAX_DIGITS`] digit values (`0..=9`) on the stack.
#[derive(Clone, Copy)]
pub(crate) struct Digits {
    d: [u8; MAX_DIGITS],
    len: usize,
}

impl Digits {
    /// The ASCII digits of `value` in order, as values; `None` if there are too many.
    pub fn of(value: &[u8]) -> Option<Digits> {
        let mut d = [0u8; MAX_DIGITS];
        let mut len = 0;
        for &b in value {
            if b.is_ascii_digit() {
                *d.get_mut(len)? = b - b'0';
                len += 1;
            }
        }
        Some(Digits { d, len })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.d[..self.len]
    }

    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.d[..self.len]
    }

    fn push_front(&mut self, v: u8) -> Option<()> {
        if self.len == MAX_DIGITS {
            return None;
        }
        self.d.copy_within(..self.len, 1);
        self.d[0] = v;
        self.len += 1;
        Some(())
    }

    /// Passes the digits as ASCII to `sink`, in one piece.
    pub fn write_ascii(&self, sink: &mut dyn FnMut(&[u8])) {
        let mut ascii = [0u8; MAX_DIGITS];
        for (a, &v) in ascii.iter_mut().zip(self.as_slice()) {
            *a = b'0' + v;
        }
        sink(&ascii[..self.len]);
    }
}

/// Whether the value is written in international form (`+…`).
pub(crate) fn starts_with_plus(value: &[u8]) -> bool {
    value.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'+')
}

/// A phone's digits with the country code, the key under which all its
/// layouts meet: without a leading `+`, 11 digits starting with the trunk
/// prefix 8 become 7…, and 10 digits starting 9, 3, 4 or 8 (a Russian or
/// Kazakh national number) get 7 in front. `+` numbers keep their digits.
pub(crate) fn phone_digits(value: &[u8]) -> Option<Digits> {
    let mut d = Digits::of(value)?;
    if !starts_with_plus(value) {
        match (d.len, d.d[0]) {
            (11, 8) => d.d[0] = 7,
            (10, 9 | 3 | 4 | 8) => d.push_front(7)?,
            _ => {}
        }
    }
    Some(d)
}

/// Length of the E.164 country code that `d` (digits after `+`) starts with:
/// zones 1 and 7 have one digit, a fixed list two, everything else three.
pub(crate) fn country_code_len(d: &[u8]) -> usize {
    let len = match d {
        [1 | 7, ..] => 1,
        [a, b, ..] if is_two_digit_code(a * 10 + b) => 2,
        _ => 3,
    };
    len.min(d.len())
}

fn is_two_digit_code(cc: u8) -> bool {
    matches!(
        cc,
        20 | 27
            | 30..=34
            | 36
            | 39
            | 40
            | 41
            | 43..=49
            | 51..=58
            | 60..=66
            | 81
            | 82
            | 84
            | 86
            | 90..=95
            | 98
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(d: &Digits) -> String {
        d.as_slice().iter().map(|&v| char::from(b'0' + v)).collect()
    }

    #[test]
    fn phone_rule() {
        for v in [
            "+7 (912) 345-67-89",
            "89123456789",
            "8 912 345 67 89",
            "+79123456789",
            "9123456789",
            "(912) 345-67-89",
        ] {
            assert_eq!(
                ascii(&phone_digits(v.as_bytes()).unwrap()),
                "79123456789",
                "{v}"
            );
        }
        assert_eq!(
            ascii(&phone_digits(b"+44 20 7946 0958").unwrap()),
            "442079460958"
        );
        // With `+`, an 8 is a country code digit, not a trunk prefix.
        assert_eq!(
            ascii(&phone_digits(b"+81312345678").unwrap()),
            "81312345678"
        );
        assert_eq!(ascii(&phone_digits(b"345-67-89").unwrap()), "3456789");
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code_len(&[7, 9, 1]), 1);
        assert_eq!(country_code_len(&[1, 2, 1]), 1);
        assert_eq!(country_code_len(&[4, 4, 2]), 2);
        assert_eq!(country_code_len(&[3, 7, 5]), 3); // Belarus 375
        assert_eq!(country_code_len(&[9, 9, 8]), 3); // Uzbekistan 998
        assert_eq!(country_code_len(&[4]), 1);
    }

    #[test]
    fn too_many_digits() {
        assert!(Digits::of(&[b'1'; MAX_DIGITS]).is_some());
        assert!(Digits::of(&[b'1'; MAX_DIGITS + 1]).is_none());
    }
}
