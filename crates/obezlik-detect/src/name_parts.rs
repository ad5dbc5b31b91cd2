//! What a PERSON finding is made of: for each part its role (surname, first
//! name, patronymic, initials), and for the whole name its gender and
//! grammatical case, and each part's nominative form — what a pseudonymizer
//! needs so that `Иванову Ивану` and `Иванов Иван` key to one person and a
//! fake name can be declined into the same case.

use crate::names::{
    fold_word, name_data, patronymic_forms, Forms, Gender, NameData, ACC, ALL_CASES, DAT, GEN, INS,
    MAX_WORD, NOM, PREP,
};
use crate::person::{capital_at, read_item, Item, ItemKind};

/// The role of one part of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum NameRole {
    /// Фамилия.
    Surname,
    /// Имя.
    FirstName,
    /// Отчество.
    Patronymic,
    /// One or more initials with their dots (`И.`, `И.О.`).
    Initials,
}

/// A grammatical case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Case {
    /// Именительный.
    Nominative,
    /// Родительный.
    Genitive,
    /// Дательный.
    Dative,
    /// Винительный.
    Accusative,
    /// Творительный.
    Instrumental,
    /// Предложный.
    Prepositional,
}

impl Case {
    /// Every case, in the order nom, gen, dat, acc, ins, prep.
    pub const ALL: [Case; 6] = [
        Case::Nominative,
        Case::Genitive,
        Case::Dative,
        Case::Accusative,
        Case::Instrumental,
        Case::Prepositional,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    fn from_bits(bits: u8) -> Option<Case> {
        (bits != 0).then(|| Case::ALL[bits.trailing_zeros() as usize])
    }
}

/// How a name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum NameScript {
    /// Cyrillic, capitalised words (`Иванов`).
    Title,
    /// Cyrillic capitals (`ИВАНОВ`).
    Caps,
    /// Latin letters (`Ivanov`, `IVANOV`).
    Latin,
}

/// One part of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NamePart {
    /// Surname, first name, patronymic or initials.
    pub role: NameRole,
    /// Byte offsets of the part inside the analysed text.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The nominative form in lower case with `ё` as `е` (`иванов`); for
    /// initials, their letters in lower case with dots (`и.и.`).
    pub nominative: String,
}

/// The analysis of one name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PersonName {
    /// The parts in text order.
    pub parts: Vec<NamePart>,
    /// The person's gender, when the words say it.
    pub gender: Option<Gender>,
    /// The grammatical case the name is in, when the words say it.
    pub case: Option<Case>,
    /// How the name is written.
    pub script: NameScript,
}

impl PersonName {
    /// The name's parts as one key: surname, first name, patronymic, initials
    /// (nominatives, space-separated), so every case of one name keys alike.
    pub fn key(&self) -> String {
        let mut out = String::new();
        for role in KEY_ORDER {
            for p in self.parts.iter().filter(|p| p.role == role) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&p.nominative);
            }
        }
        out
    }
}

/// Case paradigms by ending, in the order nom, gen, dat, acc, ins, prep:
/// `(masculine, feminine)`. They turn a form into its nominative and a
/// nominative into any case.
type Paradigm = ([&'static str; 6], [&'static str; 6]);

const SURNAME_PARADIGMS: &[Paradigm] = &[
    (
        ["ов", "ова", "ову", "ова", "овым", "ове"],
        ["ова", "овой", "овой", "ову", "овой", "овой"],
    ),
    (
        ["ев", "ева", "еву", "ева", "евым", "еве"],
        ["ева", "евой", "евой", "еву", "евой", "евой"],
    ),
    (
        ["ин", "ина", "ину", "ина", "иным", "ине"],
        ["ина", "иной", "иной", "ину", "иной", "иной"],
    ),
    (
        ["ын", "ына", "ыну", "ына", "ыным", "ыне"],
        ["ына", "ыной", "ыной", "ыну", "ыной", "ыной"],
    ),
    (
        ["ский", "ского", "скому", "ского", "ским", "ском"],
        ["ская", "ской", "ской", "скую", "ской", "ской"],
    ),
    (
        ["цкий", "цкого", "цкому", "цкого", "цким", "цком"],
        ["цкая", "цкой", "цкой", "цкую", "цкой", "цкой"],
    ),
];

const PATRONYMIC_PARADIGMS: &[Paradigm] = &[
    (
        ["ович", "овича", "овичу", "овича", "овичем", "овиче"],
        ["овна", "овны", "овне", "овну", "овной", "овне"],
    ),
    (
        ["евич", "евича", "евичу", "евича", "евичем", "евиче"],
        ["евна", "евны", "евне", "евну", "евной", "евне"],
    ),
    (
        ["ич", "ича", "ичу", "ича", "ичем", "иче"],
        ["ична", "ичны", "ичне", "ичну", "ичной", "ичне"],
    ),
];

fn case_index(case: u8) -> usize {
    case.trailing_zeros() as usize
}

/// The nominative of `word` (lower case) in `case` by the paradigms'
/// endings, as its stem and nominative ending (nothing to allocate).
fn nominative_by_ending<'w>(
    word: &'w str,
    gender: Gender,
    case: u8,
    paradigms: &[Paradigm],
) -> Option<(&'w str, &'static str)> {
    let k = case_index(case);
    let mut best: Option<(usize, &'w str, &'static str)> = None;
    for (masc, fem) in paradigms {
        let forms = if gender == Gender::Masc { masc } else { fem };
        let suffix = forms[k];
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 2 && best.is_none_or(|b| suffix.len() > b.0) {
                best = Some((suffix.len(), stem, forms[0]));
            }
        }
    }
    best.map(|(_, stem, ending)| (stem, ending))
}

/// What surnames' endings alone say of gender and case, within what is
/// already known: the longest regular ending (-ов, -ова, -ского …) that one
/// of `words` (lower case, `ё` as `е`) ends in with at least two letters
/// before it; on a tie the earlier word, paradigm, masculine, and the earlier
/// case (`иванову` reads as a masculine dative). For a name whose analysis
/// left gender or case open (`Иванову И.И.`).
pub fn surname_ending_reading<'a>(
    words: impl IntoIterator<Item = &'a str>,
    gender: Option<Gender>,
    case: Option<Case>,
) -> Option<(Gender, Case)> {
    let mut best: Option<(usize, Gender, Case)> = None;
    for word in words {
        for (masc, fem) in SURNAME_PARADIGMS {
            for (g, forms) in [(Gender::Masc, masc), (Gender::Fem, fem)] {
                if gender.is_some_and(|x| x != g) {
                    continue;
                }
                for (&ending, c) in forms.iter().zip(Case::ALL) {
                    if case.is_some_and(|x| x != c) {
                        continue;
                    }
                    let fits = word.len() > ending.len() + 2 && word.ends_with(ending);
                    if fits && best.is_none_or(|b| ending.len() > b.0) {
                        best = Some((ending.len(), g, c));
                    }
                }
            }
        }
    }
    best.map(|(_, g, c)| (g, c))
}

/// `nominative` (lower case) declined into `case` by the paradigms, if one fits.
pub(crate) fn inflect_by_ending(
    nominative: &str,
    gender: Gender,
    case: Case,
    patronymic: bool,
) -> Option<String> {
    let paradigms = if patronymic {
        PATRONYMIC_PARADIGMS
    } else {
        SURNAME_PARADIGMS
    };
    let k = case as usize;
    paradigms
        .iter()
        .map(|(m, f)| if gender == Gender::Masc { m } else { f })
        .filter(|forms| nominative.ends_with(forms[0]))
        .max_by_key(|forms| forms[0].len())
        .map(|forms| {
            let stem = &nominative[..nominative.len() - forms[0].len()];
            format!("{stem}{}", forms[k])
        })
}

struct Word<'a> {
    lower: &'a str,
    first: Forms,
    surname: Forms,
    patronymic: Forms,
}

/// The most items (words, groups of initials) an analysed name has.
const MAX_PARTS: usize = 8;

/// Analyses a name as found by the scanner (`text` is the finding's bytes).
/// `None` if `text` is not made of capitalised words and initials, or has
/// more than eight of them.
pub fn analyze_person(text: &[u8]) -> Option<PersonName> {
    with_analysis(text, |a| {
        let mut parts = Vec::with_capacity(a.items.len());
        for i in 0..a.items.len() {
            let mut nominative = String::new();
            a.nominative(i, &mut |s| nominative.push_str(s));
            parts.push(NamePart {
                role: a.roles[i],
                start: a.items[i].start,
                end: a.items[i].end,
                nominative,
            });
        }
        PersonName {
            parts,
            gender: a.gender,
            case: a.case,
            script: if a.latin {
                NameScript::Latin
            } else if a.caps {
                NameScript::Caps
            } else {
                NameScript::Title
            },
        }
    })
}

/// [`PersonName::key`] of [`analyze_person`]`(text)`, handed to `sink` in
/// pieces without building the analysis (a pseudonymizer keys every PERSON
/// finding). False, with nothing written, when `text` is no name.
pub fn person_key_into(text: &[u8], sink: &mut dyn FnMut(&[u8])) -> bool {
    with_analysis(text, |a| {
        let mut first = true;
        for role in KEY_ORDER {
            for i in (0..a.items.len()).filter(|&i| a.roles[i] == role) {
                if !first {
                    sink(b" ");
                }
                first = false;
                a.nominative(i, &mut |s| sink(s.as_bytes()));
            }
        }
    })
    .is_some()
}

/// The order of the parts in a key: surname, first name, patronymic, initials.
const KEY_ORDER: [NameRole; 4] = [
    NameRole::Surname,
    NameRole::FirstName,
    NameRole::Patronymic,
    NameRole::Initials,
];

/// What [`with_analysis`] hands its closure: the items, their words and
/// roles, and what they share.
struct Analysis<'a> {
    data: &'a NameData,
    text: &'a [u8],
    items: &'a [Item],
    words: &'a [Option<Word<'a>>],
    roles: &'a [NameRole],
    gender: Option<Gender>,
    case: Option<Case>,
    latin: bool,
    caps: bool,
}

impl Analysis<'_> {
    /// The nominative of item `i`, in pieces.
    fn nominative(&self, i: usize, out: &mut dyn FnMut(&str)) {
        match &self.words[i] {
            None => initials(&self.text[self.items[i].start..self.items[i].end], out),
            Some(w) => nominative(
                self.data,
                w,
                self.roles[i],
                self.gender,
                self.case,
                self.latin,
                out,
            ),
        }
    }
}

/// Reads `text` as a name and calls `f` with the analysis, all on the stack.
fn with_analysis<R>(text: &[u8], f: impl FnOnce(&Analysis<'_>) -> R) -> Option<R> {
    let data = name_data();
    // On the stack: a pseudonymizer analyses every PERSON finding.
    const NO_ITEM: Item = Item {
        start: 0,
        end: 0,
        kind: ItemKind::Word,
        caps: false,
        latin: false,
    };
    let mut item_buf = [NO_ITEM; MAX_PARTS];
    let mut n = 0;
    let mut p = 0;
    while p < text.len() {
        if capital_at(text, p) == 0 {
            p += 1;
            continue;
        }
        let item = read_item(text, p, text.len())?;
        *item_buf.get_mut(n)? = item;
        n += 1;
        p = item.end;
    }
    let items = &item_buf[..n];
    if items.is_empty() {
        return None;
    }
    let latin = items.iter().any(|i| i.kind == ItemKind::Latin);
    let caps = items.iter().any(|i| {
        i.kind == ItemKind::Word && capital_at(text, i.start + 2) == 2 && i.end - i.start > 2
    });
    let mut bufs = [[0u8; MAX_WORD]; MAX_PARTS];
    let mut word_buf: [Option<Word<'_>>; MAX_PARTS] = [const { None }; MAX_PARTS];
    for ((item, buf), slot) in items.iter().zip(bufs.iter_mut()).zip(word_buf.iter_mut()) {
        if matches!(item.kind, ItemKind::Initials(_)) {
            continue;
        }
        let lower = fold_word(&text[item.start..item.end], buf)?;
        let lower = std::str::from_utf8(lower).ok()?;
        let class = if latin {
            data.classify_latin(lower.as_bytes())
        } else {
            data.classify(lower.as_bytes())
        };
        *slot = Some(Word {
            lower,
            first: class.first,
            surname: class.surname(),
            patronymic: class.patronymic,
        });
    }
    let words = &word_buf[..n];
    let roles = assign_roles(words);
    // Gender and case: what every part's reading in its role shares.
    let mut shared = Forms::ANY;
    for (w, role) in words.iter().zip(&roles) {
        if let Some(w) = w {
            let f = match role {
                NameRole::FirstName => w.first,
                NameRole::Surname => w.surname,
                NameRole::Patronymic => w.patronymic,
                NameRole::Initials => Forms::ANY,
            };
            if f.is_some() {
                let next = shared.and(f);
                if next.is_some() {
                    shared = next;
                }
            }
        }
    }
    let gender = match (shared.masc != 0, shared.fem != 0) {
        (true, false) => Some(Gender::Masc),
        (false, true) => Some(Gender::Fem),
        // `Шубина В.П.`: a masculine genitive or a feminine nominative; a
        // name standing alone is most often in the nominative.
        (true, true) if shared.masc & NOM == 0 && shared.fem & NOM != 0 => Some(Gender::Fem),
        (true, true) if shared.fem & NOM == 0 && shared.masc & NOM != 0 => Some(Gender::Masc),
        _ => None,
    };
    let case_bits = match gender {
        Some(Gender::Masc) => shared.masc,
        Some(Gender::Fem) => shared.fem,
        None => shared.masc & shared.fem,
    };
    let case = if latin {
        Some(Case::Nominative)
    } else {
        Case::from_bits(case_bits & ALL_CASES)
    };
    Some(f(&Analysis {
        data,
        text,
        items,
        words,
        roles: &roles[..n],
        gender,
        case,
        latin,
        caps,
    }))
}

/// Roles by the words' readings and their places: a patronymic by its
/// ending; of the rest, the first name is the one with a first-name reading
/// (the one right before the patronymic when both have), the surname the other.
fn assign_roles(words: &[Option<Word<'_>>]) -> [NameRole; MAX_PARTS] {
    let mut roles: [Option<NameRole>; MAX_PARTS] = [None; MAX_PARTS];
    for (r, w) in roles.iter_mut().zip(words) {
        *r = match w {
            None => Some(NameRole::Initials),
            Some(w) if w.patronymic.is_some() => Some(NameRole::Patronymic),
            Some(_) => None,
        };
    }
    let roles = &mut roles[..words.len()];
    let patronymic_at = roles.iter().position(|r| *r == Some(NameRole::Patronymic));
    let mut open_buf = [0usize; MAX_PARTS];
    let mut n_open = 0;
    for i in (0..words.len()).filter(|&i| roles[i].is_none()) {
        open_buf[n_open] = i;
        n_open += 1;
    }
    let open = &open_buf[..n_open];
    let has_initials = roles.contains(&Some(NameRole::Initials));
    let first_reading = |i: usize| words[i].as_ref().is_some_and(|w| w.first.is_some());
    let surname_reading = |i: usize| words[i].as_ref().is_some_and(|w| w.surname.is_some());
    match open {
        [] => {}
        [i] => {
            let role = if has_initials {
                NameRole::Surname
            } else if let Some(pa) = patronymic_at {
                if *i + 1 == pa {
                    NameRole::FirstName
                } else {
                    NameRole::Surname
                }
            } else if first_reading(*i) && !surname_reading(*i) {
                NameRole::FirstName
            } else {
                NameRole::Surname
            };
            roles[*i] = Some(role);
        }
        [a, b, ..] => {
            let (a, b) = (*a, *b);
            let first = match (first_reading(a), first_reading(b)) {
                (true, false) => a,
                (false, true) => b,
                _ => match patronymic_at {
                    Some(pa) if pa == b + 1 => b,
                    Some(pa) if pa == a + 1 => a,
                    _ => match (surname_reading(a), surname_reading(b)) {
                        (true, false) => b,
                        (false, true) => a,
                        // Surname first, as in documents.
                        _ => b,
                    },
                },
            };
            for &i in open {
                roles[i] = Some(if i == first {
                    NameRole::FirstName
                } else {
                    NameRole::Surname
                });
            }
        }
    }
    let mut out = [NameRole::Surname; MAX_PARTS];
    for (o, r) in out.iter_mut().zip(roles.iter()) {
        *o = r.unwrap_or(NameRole::Surname);
    }
    out
}

fn initials(text: &[u8], out: &mut dyn FnMut(&str)) {
    let s = String::from_utf8_lossy(text);
    let mut buf = [0u8; 4];
    for c in s
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
    {
        out(c.encode_utf8(&mut buf));
    }
}

fn nominative(
    data: &NameData,
    w: &Word<'_>,
    role: NameRole,
    gender: Option<Gender>,
    case: Option<Case>,
    latin: bool,
    out: &mut dyn FnMut(&str),
) {
    if latin {
        return out(w.lower);
    }
    let case_bit = case.map_or(NOM, Case::bit);
    let fits = |g: Gender, cases: u8| gender.is_none_or(|x| x == g) && cases & case_bit != 0;
    match role {
        NameRole::FirstName => {
            if let Some((readings, _)) = data.first.get(w.lower.as_bytes()) {
                // Of the readings that fit, the most specific: `Анне` is a
                // form of `Анна` (dative, prepositional) before it is the
                // indeclinable `Анне` (every case).
                if let Some(r) = readings
                    .clone()
                    .filter(|r| fits(r.gender, r.cases))
                    .min_by_key(|r| r.cases.count_ones())
                    .or_else(|| readings.clone().next())
                {
                    return out(r.lemma);
                }
            }
        }
        NameRole::Surname => {
            if let Some((readings, _)) = data.surnames.get(w.lower.as_bytes()) {
                // Of the readings that fit, the most specific: `Анне` is a
                // form of `Анна` (dative, prepositional) before it is the
                // indeclinable `Анне` (every case).
                if let Some(r) = readings
                    .clone()
                    .filter(|r| fits(r.gender, r.cases))
                    .min_by_key(|r| r.cases.count_ones())
                    .or_else(|| readings.clone().next())
                {
                    return out(r.lemma);
                }
            }
            if let (Some(g), Some(c)) = (gender, case) {
                if let Some((stem, ending)) =
                    nominative_by_ending(w.lower, g, c.bit(), SURNAME_PARADIGMS)
                {
                    out(stem);
                    return out(ending);
                }
            }
        }
        NameRole::Patronymic => {
            if let (Some(g), Some(c)) = (gender, case) {
                if let Some((stem, ending)) =
                    nominative_by_ending(w.lower, g, c.bit(), PATRONYMIC_PARADIGMS)
                {
                    out(stem);
                    return out(ending);
                }
            }
            // The -ич patronymics of names in -а (Ильич, Кузьмич).
            let pf = patronymic_forms(w.lower.as_bytes());
            if pf.masc & (GEN | DAT | ACC | INS | PREP) != 0 {
                for suffix in ["ем", "а", "у", "е"] {
                    if let Some(stem) = w.lower.strip_suffix(suffix) {
                        if patronymic_forms(stem.as_bytes()).masc & NOM != 0 {
                            return out(stem);
                        }
                    }
                }
            }
        }
        NameRole::Initials => {}
    }
    out(w.lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Vec<(NameRole, String)>, Option<Gender>, Option<Case>) {
        let n = analyze_person(text.as_bytes()).unwrap();
        (
            n.parts
                .iter()
                .map(|p| (p.role, p.nominative.clone()))
                .collect(),
            n.gender,
            n.case,
        )
    }

    #[test]
    fn the_streamed_key_is_the_analysis_key() {
        for name in [
            "Иванову Ивану Петровичу",
            "ИВАНОВ ИВАН ПЕТРОВИЧ",
            "Ивана Петровича Иванова",
            "Анна",
            "Кузнецовой А.С.",
            "А.С. Кузнецова",
            "Ivanov Ivan",
            "IVANOVA ANNA SERGEEVNA",
            "Тихоновой Ольгы Николаевны",
            "Анна-Мария Петрова-Водкина",
            "Петра Ильича",
            "Хасанову Алишеру",
        ] {
            let mut streamed = Vec::new();
            let found = person_key_into(name.as_bytes(), &mut |s| streamed.extend_from_slice(s));
            let analysed = analyze_person(name.as_bytes()).map(|n| n.key());
            assert_eq!(found, analysed.is_some(), "{name}");
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                analysed.unwrap_or_default(),
                "{name}"
            );
        }
        let mut none = Vec::new();
        assert!(!person_key_into(b"no name here", &mut |s| none.extend_from_slice(s)));
        assert!(none.is_empty());
    }

    #[test]
    fn roles_cases_and_nominatives() {
        use Case::*;
        use NameRole::*;
        let s = |x: &str| x.to_string();
        let table = [
            (
                "Иванову Ивану Петровичу",
                vec![
                    (Surname, s("иванов")),
                    (FirstName, s("иван")),
                    (Patronymic, s("петрович")),
                ],
                Some(Gender::Masc),
                Some(Dative),
            ),
            (
                "Кузнецовой Анной Сергеевной",
                vec![
                    (Surname, s("кузнецова")),
                    (FirstName, s("анна")),
                    (Patronymic, s("сергеевна")),
                ],
                Some(Gender::Fem),
                Some(Instrumental),
            ),
            (
                "с Петром Сидоровым",
                vec![(FirstName, s("петр")), (Surname, s("сидоров"))],
                Some(Gender::Masc),
                Some(Instrumental),
            ),
            (
                "Шубина В.П.",
                vec![(Surname, s("шубина")), (Initials, s("в.п."))],
                Some(Gender::Fem),
                Some(Nominative),
            ),
            (
                "Гордеева Нурлана Ильича",
                vec![
                    (Surname, s("гордеев")),
                    (FirstName, s("нурлан")),
                    (Patronymic, s("ильич")),
                ],
                Some(Gender::Masc),
                Some(Genitive),
            ),
            (
                "Ivanov Ivan",
                vec![(Surname, s("ivanov")), (FirstName, s("ivan"))],
                Some(Gender::Masc),
                Some(Nominative),
            ),
        ];
        for (text, want, gender, case) in table {
            let (got, g, c) = parts(text);
            assert_eq!(got, want, "{text}");
            assert_eq!((g, c), (gender, case), "{text}");
        }
    }

    #[test]
    fn every_case_keys_alike() {
        let nom = analyze_person("Иванов Иван Петрович".as_bytes())
            .unwrap()
            .key();
        for text in [
            "Иванова Ивана Петровича",
            "Иванову Ивану Петровичу",
            "Ивановым Иваном Петровичем",
            "Иване Петровиче Иванове",
            "ИВАНОВ ИВАН ПЕТРОВИЧ",
        ] {
            assert_eq!(
                analyze_person(text.as_bytes()).unwrap().key(),
                nom,
                "{text}"
            );
        }
        assert_eq!(nom, "иванов иван петрович");
    }

    #[test]
    fn paradigms_round_trip() {
        for (nom, g) in [
            ("кудрявцев", Gender::Masc),
            ("бобылева", Gender::Fem),
            ("достоевский", Gender::Masc),
        ] {
            for case in Case::ALL {
                let form = inflect_by_ending(nom, g, case, false).unwrap();
                assert_eq!(
                    nominative_by_ending(&form, g, case.bit(), SURNAME_PARADIGMS)
                        .map(|(stem, ending)| format!("{stem}{ending}"))
                        .as_deref(),
                    Some(nom),
                    "{form}"
                );
            }
        }
        assert_eq!(
            inflect_by_ending("сергеевна", Gender::Fem, Case::Instrumental, true).as_deref(),
            Some("сергеевной")
        );
        let _ = (DAT, ACC, PREP, INS, GEN);
    }
}

/// The name lists a fake-name generator draws from: the dictionaries'
/// first names and surnames by gender, declined into any case, and
/// patronymics formed from masculine first names.
#[derive(Clone, Copy, Debug)]
pub struct NameLexicon {
    data: &'static NameData,
}

impl Default for NameLexicon {
    fn default() -> Self {
        NameLexicon::new()
    }
}

impl NameLexicon {
    /// The built-in lists (parsed once per process).
    pub fn new() -> NameLexicon {
        NameLexicon { data: name_data() }
    }

    /// How many first names of a gender there are.
    pub fn first_name_count(&self, gender: Gender) -> usize {
        self.data.first.lemmas_of(gender).len()
    }

    /// How many surnames of a gender there are.
    pub fn surname_count(&self, gender: Gender) -> usize {
        self.data.surnames.lemmas_of(gender).len()
    }

    /// The `k`-th first name of `gender` (modulo the count) in `case`, lower case.
    pub fn first_name(&self, gender: Gender, k: usize, case: Case) -> String {
        let d = &self.data.first;
        let ids = d.lemmas_of(gender);
        declined(d, ids.get(k % ids.len()), case)
    }

    /// The nominative of the `k`-th first name of `gender` (modulo the count).
    pub fn first_name_nominative(&self, gender: Gender, k: usize) -> &'static str {
        let d = &self.data.first;
        let ids = d.lemmas_of(gender);
        d.lemma(ids.get(k % ids.len())).nominative
    }

    /// The `k`-th surname of `gender` (modulo the count) in `case`, lower case.
    pub fn surname(&self, gender: Gender, k: usize, case: Case) -> String {
        let d = &self.data.surnames;
        let ids = d.lemmas_of(gender);
        declined(d, ids.get(k % ids.len()), case)
    }

    /// The patronymic formed from the masculine first name `father`
    /// (nominative, lower case) for a person of `gender`, in `case`: `None`
    /// when the name does not form one by the regular rules (-ович/-евич).
    pub fn patronymic(&self, father: &str, gender: Gender, case: Case) -> Option<String> {
        let last = father.chars().last()?;
        let stem_len = father.len() - last.len_utf8();
        let (stem, suffix) = match last {
            'й' | 'ь' => (&father[..stem_len], "ев"),
            'а' | 'я' | 'о' | 'е' | 'и' | 'у' | 'ю' | 'ы' | 'э' => return None,
            _ => (father, "ов"),
        };
        let nominative = match gender {
            Gender::Masc => format!("{stem}{suffix}ич"),
            Gender::Fem => format!("{stem}{suffix}на"),
        };
        inflect_by_ending(&nominative, gender, case, true)
    }
}

fn declined(d: &crate::names::Dictionary, id: u32, case: Case) -> String {
    match d.inflect(id, case.bit()) {
        Some(form) => String::from_utf8_lossy(form).into_owned(),
        None => d.lemma(id).nominative.to_string(),
    }
}

#[cfg(test)]
mod key_timing {
    #[test]
    #[ignore]
    fn person_key_timing() {
        for name in ["Анна", "Иванову Ивану Петровичу", "Кузнецовой А.С."]
        {
            let t = std::time::Instant::now();
            let mut n = 0usize;
            for _ in 0..200_000 {
                super::person_key_into(name.as_bytes(), &mut |s| n += s.len());
            }
            eprintln!("{name}: {:?} per key ({n})", t.elapsed() / 200_000);
        }
    }
}
