//! Labels and findings: the plain result types every other crate consumes.

use std::fmt;
use std::str::FromStr;

/// The kind of personal data a finding holds. Names are stable API (SPEC §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum Label {
    /// A person's name (ФИО in any case, initials, transliteration).
    Person = 0,
    /// A phone number (+7/8 and international).
    Phone,
    /// An e-mail address, Latin or IDN.
    Email,
    /// ИНН, 10 or 12 digits with check digits.
    Inn,
    /// ОГРН, 13 digits, mod-11 check.
    Ogrn,
    /// ОГРНИП, 15 digits, mod-13 check.
    Ogrnip,
    /// СНИЛС, 11 digits with check number.
    Snils,
    /// Identity-document numbers (паспорт РФ, загранпаспорт, удостоверение РК).
    Passport,
    /// Payment card numbers, Luhn-valid.
    Card,
    /// Bank account numbers, 20 digits.
    Account,
    /// Kazakhstan ИИН/БИН, 12 digits with check digit.
    KzIin,
    /// IPv4 and IPv6 addresses.
    Ip,
    /// Postal addresses.
    Address,
    /// Credentials: API keys, tokens, passwords.
    Secret,
}

impl Label {
    /// Every label, in SPEC order.
    pub const ALL: [Label; 14] = [
        Label::Person,
        Label::Phone,
        Label::Email,
        Label::Inn,
        Label::Ogrn,
        Label::Ogrnip,
        Label::Snils,
        Label::Passport,
        Label::Card,
        Label::Account,
        Label::KzIin,
        Label::Ip,
        Label::Address,
        Label::Secret,
    ];

    /// The label's name as written in SPEC and JSONL (`"PHONE"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Phone => "PHONE",
            Label::Email => "EMAIL",
            Label::Inn => "INN",
            Label::Ogrn => "OGRN",
            Label::Ogrnip => "OGRNIP",
            Label::Snils => "SNILS",
            Label::Passport => "PASSPORT",
            Label::Card => "CARD",
            Label::Account => "ACCOUNT",
            Label::KzIin => "KZ_IIN",
            Label::Ip => "IP",
            Label::Address => "ADDRESS",
            Label::Secret => "SECRET",
        }
    }

    /// True for labels whose value is a digit identifier (separators aside).
    pub const fn is_digit_identifier(self) -> bool {
        matches!(
            self,
            Label::Phone
                | Label::Inn
                | Label::Ogrn
                | Label::Ogrnip
                | Label::Snils
                | Label::Passport
                | Label::Card
                | Label::Account
                | Label::KzIin
        )
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a label name that SPEC does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown label {:?}; known labels: ", self.0)?;
        for (i, l) in Label::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(l.as_str())?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownLabel {}

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Label, UnknownLabel> {
        let t = s.trim();
        Label::ALL
            .iter()
            .copied()
            .find(|l| l.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// A small set of labels, one bit each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LabelSet(u16);

impl LabelSet {
    /// No label.
    pub const EMPTY: LabelSet = LabelSet(0);
    /// Every label.
    pub const ALL: LabelSet = LabelSet((1 << 14) - 1);

    /// A set with the given labels.
    pub fn of(labels: &[Label]) -> LabelSet {
        labels.iter().fold(LabelSet::EMPTY, |s, &l| s.with(l))
    }
    /// This set plus `l`.
    pub const fn with(self, l: Label) -> LabelSet {
        LabelSet(self.0 | (1 << l as u8))
    }
    /// Whether `l` is in the set.
    pub const fn contains(self, l: Label) -> bool {
        self.0 & (1 << l as u8) != 0
    }
    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The labels in the set, in SPEC order.
    pub fn iter(self) -> impl Iterator<Item = Label> {
        Label::ALL.into_iter().filter(move |l| self.contains(*l))
    }
    /// Parses a comma-separated list such as `PHONE,INN`.
    pub fn parse_list(s: &str) -> Result<LabelSet, UnknownLabel> {
        let mut set = LabelSet::EMPTY;
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            set = set.with(part.parse()?);
        }
        Ok(set)
    }
}

impl Default for LabelSet {
    fn default() -> Self {
        LabelSet::ALL
    }
}

/// One piece of personal data: a label over the byte range `start..end` of the scanned input.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Finding {
    /// What kind of data it is.
    pub label: Label,
    /// Byte offset of the first byte (inclusive).
    pub start: usize,
    /// Byte offset one past the last byte (exclusive).
    pub end: usize,
    /// Confidence in `0.0..=1.0`.
    pub score: f32,
}

impl Finding {
    /// The span as a range, for slicing the input.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}
