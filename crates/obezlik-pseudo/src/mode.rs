//! What a finding is replaced with.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// How a finding is replaced (SPEC §3 `--mode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// `[LABEL:xxxxxxxx]`: the label and the first 8 hex digits of
    /// HMAC-SHA-256(tag key, label name, 0x00, normalised value). The same value
    /// gets the same tag in every run under one key. The default.
    #[default]
    Tag,
    /// A realistic keyed surrogate in the value's own layout: every digit of an
    /// identifier replaced (a few leading type digits kept), separators kept,
    /// check digits recomputed; e-mail `user<8 hex>@` + a public mail domain or
    /// `example.com`; IP addresses permuted within their address class.
    /// PERSON: a common name of the same gender, declined into the same case,
    /// in the same shape (`Иванову И.И.` → `Маркову Ф.Ф.`, CAPS stays CAPS,
    /// Latin names transliterated), one fake person for every form of one
    /// name; a value the name analyser cannot read gets the `tag` form.
    /// ADDRESS: words kept, every number replaced by keyed digits of the same
    /// length (a postcode keeps its first 3). SECRET: the `tag` form (a fake
    /// secret could be taken for a real one).
    Fake,
    /// Keeps a little: the last 2 digits of identifiers (and a phone's country
    /// code), an e-mail's first letter and domain, an IP's first group; every
    /// other character becomes `*`. Unkeyed, but like every mode except
    /// `redact` it is only run with a key (SPEC §3).
    Mask,
    /// `[LABEL]`: no key needed.
    Redact,
    /// Reversible with the key: `[[LABEL=<digits in their layout>]]`
    /// (format-preserving, check digits valid) for digit identifiers,
    /// `[[LABEL~<base64url>]]` (deterministic AES-256-SIV of the original
    /// bytes) for the rest (see the crate documentation for both formats).
    Encrypt,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 5] = [
        Mode::Tag,
        Mode::Fake,
        Mode::Mask,
        Mode::Redact,
        Mode::Encrypt,
    ];

    /// The mode's name as given to `--mode` (`"tag"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Mode::Tag => "tag",
            Mode::Fake => "fake",
            Mode::Mask => "mask",
            Mode::Redact => "redact",
            Mode::Encrypt => "encrypt",
        }
    }

    /// Whether the mode may only run with a key: all but `redact` (SPEC §3).
    pub const fn needs_key(self) -> bool {
        !matches!(self, Mode::Redact)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Mode, Error> {
        let t = s.trim();
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| Error::UnknownMode(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Mode::ALL {
            assert_eq!(m.as_str().parse::<Mode>().unwrap(), m);
            assert_eq!(m.to_string(), m.as_str());
        }
        assert_eq!(" Fake ".parse::<Mode>().unwrap(), Mode::Fake);
        let e = "hash".parse::<Mode>().unwrap_err().to_string();
        assert!(e.contains("hash") && e.contains("redact"), "{e}");
        assert_eq!(Mode::default(), Mode::Tag);
    }
}
