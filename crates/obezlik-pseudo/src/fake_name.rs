//! `fake` mode for PERSON and ADDRESS.
//!
//! # PERSON
//!
//! The name is read with [`obezlik_detect::analyze_person`] (roles, gender,
//! case, nominatives); a value it cannot read gets the `tag` form. Each part
//! is replaced on its own, keyed by HMAC(fake key) over its nominative, so one
//! person keeps one fake in every case and every form:
//!
//! - **Letters.** σ is a keyed map of the Cyrillic capitals (Ё, Ъ, Ы, Ь
//!   excluded) onto the 18 letters of [`TARGET`], which start enough common
//!   names of both genders and enough fathers' names: a keyed shuffle of the
//!   29 source letters, position `i` going to `TARGET[i mod 18]`, so every
//!   target letter is the image of one or two source letters.
//! - **First name**: one of the common names of [`MASC_NAMES`] /
//!   [`FEM_NAMES`] starting with σ(real initial), chosen by HMAC over the real
//!   nominative. The lists are hand-picked common names, every one known to
//!   the detector's dictionary and not flagged there as an ordinary word
//!   (`вера`, `роман`), so the fake is realistic and is found again by the
//!   scanner; drawing from the whole 13k-lemma dictionary gave mostly rare
//!   names (`Абабакар`).
//! - **Patronymic**: formed with [`NameLexicon::patronymic`] from a fake
//!   father chosen among [`FATHERS`] starting with σ(real patronymic
//!   initial), keyed by the masculine form of the real patronymic (a brother
//!   and a sister get one fake father). The list holds only names whose
//!   regular patronymic is the standard one (no `Павел`, `Лев`, `Юрий`).
//! - **Surname**: one of the ~150 common surnames of [`SURNAMES`] (again
//!   known to the dictionary in both genders and not flagged as ordinary
//!   words, so `Волков`, `Кузнецов` are out), chosen by HMAC over the
//!   masculine form of the real surname (husband and wife get one fake
//!   family). The dictionary's 9k surnames per gender are mostly rare
//!   (`Завыленков`), which looks less real.
//! - **Initials** become σ of each letter, dots and spaces kept: `И.И.` →
//!   `М.М.`, consistent with the fake first name and patronymic.
//! - A fake part never equals the real one when its list offers another.
//! - **Gender and case** as analysed; what the analyser leaves open is read
//!   from a surname's ending (`Иванову И.И.`: masculine dative, the feminine
//!   accusative reading loses the tie), else masculine (feminine when a
//!   patronymic ends in -на) and nominative. **Shape**: the parts in their order
//!   with the bytes between them copied; each part written like the original
//!   (all capitals if the original part is, else a capital first letter).
//! - **Latin** names (`Ivanov Ivan`): a Russian fake, transliterated with a
//!   simple table (`ж` → `zh`, `я` → `ya`, …); Latin initials go through σ
//!   by a nearby Cyrillic letter.
//!
//! # ADDRESS
//!
//! Words are kept; every run of ASCII digits (house, building, flat, postcode)
//! becomes keyed digits of the same length, keyed by the normalised address
//! up to and including that run (so `ул. Ленина, д. 5` gets one fake house
//! number whether a flat follows or not). A run of exactly 6 digits is taken
//! for a postcode and keeps its first 3 (the region's sorting centre). A run
//! never starts with 0 unless the original did, and never comes out equal to
//! the original.

use std::collections::HashMap;
use std::sync::OnceLock;

use hmac::Mac;
use obezlik_detect::{
    analyze_person, surname_ending_reading, Case, Gender, NameLexicon, NameRole, NameScript,
};

use crate::key::hmac;
use crate::normalize::normalize_with;

/// The letters σ maps from: the Cyrillic capitals but Ё, Ъ, Ы, Ь.
const SOURCE: [char; 29] = [
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'Й', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т',
    'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Щ', 'Э', 'Ю', 'Я',
];

/// The letters σ maps onto: each starts at least 2 names of each list.
const TARGET: [char; 18] = [
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т', 'Ф', 'Э',
];

/// Common masculine first names (lower case, `ё` as `е`).
const MASC_NAMES: &[&str] = &[
    "александр",
    "алексей",
    "анатолий",
    "андрей",
    "антон",
    "арсений",
    "артур",
    "богдан",
    "борис",
    "бронислав",
    "вадим",
    "валентин",
    "валерий",
    "василий",
    "виктор",
    "виталий",
    "владислав",
    "всеволод",
    "вячеслав",
    "геннадий",
    "георгий",
    "герман",
    "глеб",
    "григорий",
    "давид",
    "даниил",
    "денис",
    "дмитрий",
    "демид",
    "демьян",
    "дамир",
    "евгений",
    "егор",
    "елисей",
    "емельян",
    "ефим",
    "иван",
    "игорь",
    "илья",
    "игнат",
    "илларион",
    "ильдар",
    "кирилл",
    "константин",
    "клим",
    "леонид",
    "лазарь",
    "любомир",
    "марк",
    "матвей",
    "михаил",
    "мирослав",
    "мстислав",
    "марат",
    "никита",
    "николай",
    "назар",
    "нестор",
    "наум",
    "олег",
    "остап",
    "орест",
    "павел",
    "петр",
    "платон",
    "прохор",
    "руслан",
    "родион",
    "ростислав",
    "роберт",
    "ринат",
    "сергей",
    "семен",
    "станислав",
    "степан",
    "святослав",
    "савелий",
    "тимофей",
    "тимур",
    "тарас",
    "тихон",
    "трофим",
    "федор",
    "филипп",
    "феликс",
    "эдуард",
    "эльдар",
    "эрик",
    "эмиль",
    "эдгар",
];

/// Common feminine first names (lower case, `ё` as `е`).
const FEM_NAMES: &[&str] = &[
    "анна",
    "алла",
    "алина",
    "алена",
    "александра",
    "анастасия",
    "ангелина",
    "антонина",
    "арина",
    "алиса",
    "анжелика",
    "богдана",
    "белла",
    "бронислава",
    "валентина",
    "валерия",
    "василиса",
    "виолетта",
    "галина",
    "глафира",
    "гульнара",
    "дарья",
    "диана",
    "дарина",
    "диляра",
    "екатерина",
    "елена",
    "елизавета",
    "ева",
    "евгения",
    "ирина",
    "инна",
    "инга",
    "ида",
    "иветта",
    "ксения",
    "кира",
    "клавдия",
    "карина",
    "кристина",
    "людмила",
    "лариса",
    "лидия",
    "лейла",
    "любава",
    "мария",
    "марина",
    "мирослава",
    "наталья",
    "нина",
    "нелли",
    "наталия",
    "нонна",
    "ольга",
    "оксана",
    "олеся",
    "полина",
    "пелагея",
    "прасковья",
    "раиса",
    "регина",
    "римма",
    "светлана",
    "софья",
    "снежана",
    "стефания",
    "татьяна",
    "тамара",
    "таисия",
    "фаина",
    "фатима",
    "фрида",
    "эльвира",
    "элина",
    "эмма",
    "элла",
    "эвелина",
    "эльмира",
];

/// Fathers' names whose regular patronymic (-ович/-евич) is the standard one.
const FATHERS: &[&str] = &[
    "александр",
    "алексей",
    "андрей",
    "антон",
    "артур",
    "богдан",
    "борис",
    "бронислав",
    "вадим",
    "валентин",
    "виктор",
    "владислав",
    "всеволод",
    "вячеслав",
    "георгий",
    "герман",
    "глеб",
    "давид",
    "даниил",
    "денис",
    "дмитрий",
    "демьян",
    "дамир",
    "егор",
    "елисей",
    "емельян",
    "ефим",
    "иван",
    "игорь",
    "игнат",
    "илларион",
    "ильдар",
    "кирилл",
    "константин",
    "клим",
    "леонид",
    "лазарь",
    "любомир",
    "марк",
    "матвей",
    "мирослав",
    "мстислав",
    "марат",
    "николай",
    "назар",
    "нестор",
    "наум",
    "олег",
    "остап",
    "орест",
    "петр",
    "платон",
    "прохор",
    "руслан",
    "родион",
    "ростислав",
    "роберт",
    "ринат",
    "сергей",
    "семен",
    "станислав",
    "степан",
    "святослав",
    "тимофей",
    "тимур",
    "тарас",
    "тихон",
    "трофим",
    "федор",
    "филипп",
    "феликс",
    "эдуард",
    "эльдар",
    "эрик",
    "эдгар",
];

/// Common masculine surnames (lower case, `ё` as `е`); their feminine forms
/// come from the dictionary.
const SURNAMES: &[&str] = &[
    "смирнов",
    "иванов",
    "лебедев",
    "петров",
    "васильев",
    "павлов",
    "семенов",
    "богданов",
    "федоров",
    "беляев",
    "тарасов",
    "киселев",
    "макаров",
    "андреев",
    "ковалев",
    "ильин",
    "кузьмин",
    "кудрявцев",
    "алексеев",
    "степанов",
    "яковлев",
    "сорокин",
    "сергеев",
    "захаров",
    "герасимов",
    "пономарев",
    "григорьев",
    "лазарев",
    "медведев",
    "никитин",
    "соболев",
    "рябов",
    "фролов",
    "журавлев",
    "крылов",
    "сидоров",
    "осипов",
    "федотов",
    "дорофеев",
    "егоров",
    "матвеев",
    "дмитриев",
    "анисимов",
    "антонов",
    "тимофеев",
    "никифоров",
    "веселов",
    "филиппов",
    "марков",
    "суханов",
    "ширяев",
    "шестаков",
    "ефимов",
    "денисов",
    "фомин",
    "давыдов",
    "щербаков",
    "афанасьев",
    "маслов",
    "исаков",
    "тихонов",
    "аксенов",
    "гаврилов",
    "родионов",
    "кудряшов",
    "савельев",
    "суворов",
    "абрамов",
    "мухин",
    "архипов",
    "трофимов",
    "емельянов",
    "чернов",
    "селезнев",
    "копылов",
    "михеев",
    "галкин",
    "назаров",
    "лукин",
    "потапов",
    "некрасов",
    "жданов",
    "наумов",
    "шилов",
    "игнатьев",
    "савин",
    "сафонов",
    "капустин",
    "моисеев",
    "елисеев",
    "кошелев",
    "костин",
    "горбачев",
    "исаев",
    "евдокимов",
    "калашников",
    "юдин",
    "кулагин",
    "прохоров",
    "харитонов",
    "агафонов",
    "ларионов",
    "федосеев",
    "пахомов",
    "шубин",
    "игнатов",
    "филатов",
    "терентьев",
    "молчанов",
    "артемьев",
    "зиновьев",
    "гришин",
    "кононов",
    "дементьев",
    "симонов",
    "мишин",
    "фадеев",
    "гуляев",
    "устинов",
    "евсеев",
    "лаврентьев",
    "брагин",
    "константинов",
    "корнилов",
    "авдеев",
    "никонов",
    "щукин",
    "одинцов",
    "сазонов",
    "якушев",
    "красильников",
    "самойлов",
    "князев",
    "беспалов",
    "бобылев",
    "доронин",
    "белозеров",
    "самсонов",
    "лихачев",
    "сысоев",
    "фомичев",
    "гущин",
    "тетерин",
    "фокин",
    "блохин",
    "селиверстов",
    "кондратьев",
    "силин",
    "ковальский",
    "савицкий",
    "высоцкий",
    "завадский",
];

/// The lists the fakes are drawn from, resolved against the dictionary once.
struct Pools {
    lexicon: NameLexicon,
    /// Dictionary indexes of first names by gender and target letter.
    first: [[Vec<usize>; TARGET.len()]; 2],
    /// Fathers' names by target letter.
    fathers: [Vec<&'static str>; TARGET.len()],
    /// Surnames: (masculine index, feminine index, masculine nominative).
    surnames: Vec<(usize, usize, &'static str)>,
}

fn target_index(c: char) -> Option<usize> {
    TARGET.iter().position(|&t| t == c)
}

fn initial(word: &str) -> Option<char> {
    word.chars().next().and_then(|c| c.to_uppercase().next())
}

fn pools() -> &'static Pools {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    POOLS.get_or_init(|| {
        let lexicon = NameLexicon::new();
        let mut first: [[Vec<usize>; TARGET.len()]; 2] = Default::default();
        for (gender, list) in [(Gender::Masc, MASC_NAMES), (Gender::Fem, FEM_NAMES)] {
            let wanted: HashMap<&str, ()> = list.iter().map(|&n| (n, ())).collect();
            let mut seen = HashMap::new();
            for k in 0..lexicon.first_name_count(gender) {
                let n = lexicon.first_name_nominative(gender, k);
                if wanted.contains_key(n) && seen.insert(n, ()).is_none() {
                    if let Some(t) = initial(n).and_then(target_index) {
                        first[gender as usize][t].push(k);
                    }
                }
            }
        }
        let mut fathers: [Vec<&'static str>; TARGET.len()] = Default::default();
        for &f in FATHERS {
            if lexicon
                .patronymic(f, Gender::Masc, Case::Nominative)
                .is_some()
            {
                if let Some(t) = initial(f).and_then(target_index) {
                    fathers[t].push(f);
                }
            }
        }
        let mut fem: HashMap<String, usize> = HashMap::new();
        for k in 0..lexicon.surname_count(Gender::Fem) {
            fem.entry(lexicon.surname(Gender::Fem, k, Case::Nominative))
                .or_insert(k);
        }
        let wanted: HashMap<&'static str, ()> = SURNAMES.iter().map(|&n| (n, ())).collect();
        let mut masc: HashMap<&'static str, usize> = HashMap::new();
        for k in 0..lexicon.surname_count(Gender::Masc) {
            let m = lexicon.surname(Gender::Masc, k, Case::Nominative);
            if let Some((&n, _)) = wanted.get_key_value(m.as_str()) {
                masc.entry(n).or_insert(k);
            }
        }
        // In list order, so the pool does not depend on the dictionary's.
        let surnames = SURNAMES
            .iter()
            .filter_map(|&n| {
                let km = *masc.get(n)?;
                let kf = *fem.get(&feminine_surname(n)?)?;
                Some((km, kf, n))
            })
            .collect();
        Pools {
            lexicon,
            first,
            fathers,
            surnames,
        }
    })
}

/// The feminine nominative of a regular masculine surname.
fn feminine_surname(m: &str) -> Option<String> {
    for (masc, fem) in [("ский", "ская"), ("цкий", "цкая")] {
        if let Some(stem) = m.strip_suffix(masc) {
            return Some(format!("{stem}{fem}"));
        }
    }
    ["ов", "ев", "ин", "ын"]
        .iter()
        .any(|e| m.ends_with(e))
        .then(|| format!("{m}а"))
}

/// The masculine nominative of a surname read as feminine.
fn masculine_surname(f: &str) -> String {
    for (fem, masc) in [("ская", "ский"), ("цкая", "цкий")] {
        if let Some(stem) = f.strip_suffix(fem) {
            return format!("{stem}{masc}");
        }
    }
    for e in ["ова", "ева", "ина", "ына"] {
        if f.ends_with(e) {
            return f[..f.len() - "а".len()].to_string();
        }
    }
    f.to_string()
}

/// The masculine nominative of a patronymic (`ивановна` → `иванович`).
fn masculine_patronymic(p: &str) -> String {
    if let Some(stem) = p.strip_suffix("инична") {
        format!("{stem}ич")
    } else if let Some(stem) = p.strip_suffix("вна") {
        format!("{stem}вич")
    } else if let Some(stem) = p.strip_suffix("чна") {
        format!("{stem}ч")
    } else {
        p.to_string()
    }
}

/// σ for one key: the source letters' images.
#[derive(Clone)]
pub(crate) struct Sigma([u8; SOURCE.len()]);

impl Sigma {
    /// A keyed shuffle of the source letters (Fisher–Yates, HMAC-driven);
    /// position `i` of the shuffle goes to `TARGET[i mod 18]`.
    pub(crate) fn new(key: &[u8; 32]) -> Sigma {
        let mut perm: [u8; SOURCE.len()] = std::array::from_fn(|i| i as u8);
        for i in (1..SOURCE.len()).rev() {
            let j = (keyed(key, b"person/sigma", &[i as u8]) % (i as u64 + 1)) as usize;
            perm.swap(i, j);
        }
        Sigma(perm.map(|p| p % TARGET.len() as u8))
    }

    /// The image of a letter (any case; Latin letters by a nearby Cyrillic
    /// one), as an index into [`TARGET`]; `None` for anything else.
    fn image(&self, c: char) -> Option<usize> {
        let c = c.to_uppercase().next()?;
        let c = match c {
            'Ё' => 'Е',
            'Ы' => 'И',
            'A'..='Z' => latin_to_cyrillic(c),
            _ => c,
        };
        SOURCE
            .iter()
            .position(|&s| s == c)
            .map(|i| usize::from(self.0[i]))
    }
}

fn latin_to_cyrillic(c: char) -> char {
    const MAP: [char; 26] = [
        'А', 'Б', 'К', 'Д', 'Е', 'Ф', 'Г', 'Х', 'И', 'Д', 'К', 'Л', 'М', 'Н', 'О', 'П', 'К', 'Р',
        'С', 'Т', 'У', 'В', 'В', 'К', 'Ю', 'З',
    ];
    MAP[(c as u8 - b'A') as usize]
}

/// The first 8 bytes of HMAC(fake key, domain ‖ 0x00 ‖ value), as a number.
fn keyed(key: &[u8; 32], domain: &[u8], value: &[u8]) -> u64 {
    let mut mac = hmac(key);
    mac.update(domain);
    mac.update(&[0]);
    mac.update(value);
    let h = mac.finalize().into_bytes();
    u64::from_le_bytes(h[..8].try_into().expect("8 bytes"))
}

/// Index `h mod len`, moved on by one while `same(i)` and there is another.
fn choose(h: u64, len: usize, same: impl Fn(usize) -> bool) -> usize {
    let i = (h % len as u64) as usize;
    if len > 1 && same(i) {
        (i + 1) % len
    } else {
        i
    }
}

/// How one original part is written.
#[derive(Clone, Copy)]
struct Style {
    caps: bool,
    latin: bool,
}

fn style_of(part: &str, latin: bool) -> Style {
    let letters = || part.chars().filter(|c| c.is_alphabetic());
    let caps = letters().nth(1).is_some() && letters().all(char::is_uppercase);
    Style { caps, latin }
}

/// Appends the lower-case Cyrillic `word` in `style`.
fn push_styled(word: &str, style: Style, out: &mut Vec<u8>) {
    let mut s = String::with_capacity(word.len() + 4);
    if style.latin {
        for c in word.chars() {
            s.push_str(translit(c));
        }
    } else {
        s.push_str(word);
    }
    let mut first = true;
    for c in s.chars() {
        if style.caps || first {
            for u in c.to_uppercase() {
                let mut b = [0u8; 4];
                out.extend_from_slice(u.encode_utf8(&mut b).as_bytes());
            }
        } else {
            let mut b = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        }
        first = false;
    }
}

/// A simple transliteration of one lower-case Cyrillic letter.
fn translit(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

/// Writes the fake of a PERSON value; `false` (nothing written) when the
/// analyser cannot read it.
pub(crate) fn person(key: &[u8; 32], sigma: &Sigma, value: &[u8], out: &mut Vec<u8>) -> bool {
    let Ok(text) = std::str::from_utf8(value) else {
        return false;
    };
    let Some(name) = analyze_person(value) else {
        return false;
    };
    let pools = pools();
    let lex = &pools.lexicon;
    let (gender, case) = gender_and_case(&name, text);
    let latin = name.script == NameScript::Latin;
    let start = out.len();
    let mut pos = 0;
    for part in &name.parts {
        if part.start < pos || part.end > text.len() || part.start > part.end {
            out.truncate(start);
            return false;
        }
        let (Some(between), Some(orig)) =
            (text.get(pos..part.start), text.get(part.start..part.end))
        else {
            out.truncate(start);
            return false;
        };
        out.extend_from_slice(between.as_bytes());
        let style = style_of(orig, latin);
        let nom = part.nominative.as_str();
        match part.role {
            NameRole::Surname => {
                let real = masculine_surname(nom);
                let all = &pools.surnames;
                let h = keyed(key, b"person/surname", real.as_bytes());
                let (km, kf, _) = all[choose(h, all.len(), |i| all[i].2 == real)];
                let k = if gender == Gender::Fem { kf } else { km };
                push_styled(&lex.surname(gender, k, case), style, out);
            }
            NameRole::FirstName => {
                let t = fallback_image(key, sigma, nom);
                let bucket = &pools.first[gender as usize][t];
                let h = keyed(key, b"person/first", nom.as_bytes());
                let k = bucket[choose(h, bucket.len(), |i| {
                    lex.first_name_nominative(gender, bucket[i]) == nom
                })];
                push_styled(&lex.first_name(gender, k, case), style, out);
            }
            NameRole::Patronymic => {
                let real = masculine_patronymic(nom);
                let t = fallback_image(key, sigma, nom);
                let bucket = &pools.fathers[t];
                let h = keyed(key, b"person/patronymic", real.as_bytes());
                let i = choose(h, bucket.len(), |i| {
                    lex.patronymic(bucket[i], Gender::Masc, Case::Nominative)
                        .is_some_and(|p| p == real)
                });
                // Every listed father forms one (checked when the pools are built).
                let p = lex
                    .patronymic(bucket[i], gender, case)
                    .unwrap_or_else(|| bucket[i].to_string());
                push_styled(&p, style, out);
            }
            NameRole::Initials => {
                for c in orig.chars() {
                    match sigma.image(c) {
                        Some(t) if c.is_alphabetic() => {
                            let mut img = TARGET[t];
                            if latin {
                                let tl = translit(img.to_lowercase().next().unwrap_or(img));
                                img = tl.chars().next().map_or('X', |c| c.to_ascii_uppercase());
                            }
                            if c.is_lowercase() {
                                img = img.to_lowercase().next().unwrap_or(img);
                            }
                            let mut b = [0u8; 4];
                            out.extend_from_slice(img.encode_utf8(&mut b).as_bytes());
                        }
                        _ => {
                            let mut b = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                        }
                    }
                }
            }
        }
        pos = part.end;
    }
    out.extend_from_slice(&value[pos..]);
    true
}

/// The gender and case to write the fake in: the analysed ones; where the
/// analyser leaves one open, what a surname's ending says (the longest
/// ending wins, masculine and the earlier case on a tie: `Иванову` is a
/// masculine dative); failing that, masculine unless a patronymic ends like
/// a feminine one, and the nominative.
fn gender_and_case(name: &obezlik_detect::PersonName, text: &str) -> (Gender, Case) {
    if let (Some(g), Some(c)) = (name.gender, name.case) {
        return (g, c);
    }
    // What the surnames' endings say (the detector's own paradigms).
    let surnames: Vec<String> = name
        .parts
        .iter()
        .filter(|p| p.role == NameRole::Surname)
        .filter_map(|p| text.get(p.start..p.end))
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect();
    if let Some(reading) =
        surname_ending_reading(surnames.iter().map(String::as_str), name.gender, name.case)
    {
        return reading;
    }
    let gender = name.gender.unwrap_or_else(|| {
        let fem = name
            .parts
            .iter()
            .any(|p| p.role == NameRole::Patronymic && p.nominative.ends_with("на"));
        if fem {
            Gender::Fem
        } else {
            Gender::Masc
        }
    });
    (gender, name.case.unwrap_or(Case::Nominative))
}

/// σ of a word's initial, or a keyed target letter when it has none σ maps.
fn fallback_image(key: &[u8; 32], sigma: &Sigma, word: &str) -> usize {
    word.chars()
        .next()
        .and_then(|c| sigma.image(c))
        .unwrap_or_else(|| {
            (keyed(key, b"person/letter", word.as_bytes()) % TARGET.len() as u64) as usize
        })
}

/// Writes the fake of an ADDRESS value: the same bytes with every run of
/// digits replaced by keyed digits (see the module documentation).
pub(crate) fn address(key: &[u8; 32], value: &[u8], out: &mut Vec<u8>) {
    let mut pos = 0;
    while pos < value.len() {
        if !value[pos].is_ascii_digit() {
            out.push(value[pos]);
            pos += 1;
            continue;
        }
        let end = pos
            + value[pos..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(value.len() - pos);
        let run = &value[pos..end];
        let keep = if run.len() == 6 { 3 } else { 0 };
        let mut mac = hmac(key);
        mac.update(b"address\0");
        normalize_with(
            obezlik_detect::Label::Address,
            &value[..end],
            &mut |s: &[u8]| mac.update(s),
        );
        let seed = mac.finalize().into_bytes();
        let mut fake = run.to_vec();
        for attempt in 0u32.. {
            let mut stream = DigitStream::new(&seed, attempt);
            for (i, d) in fake.iter_mut().enumerate().skip(keep) {
                *d = if i == 0 && run[0] != b'0' {
                    b'1' + stream.next_mod(9)
                } else {
                    b'0' + stream.next_mod(10)
                };
            }
            if fake != run || attempt >= 16 || run.len() == keep {
                break;
            }
        }
        out.extend_from_slice(&fake);
        pos = end;
    }
}

/// Keyed digits: HMAC(seed, attempt ‖ block) bytes, one per digit.
struct DigitStream<'a> {
    seed: &'a [u8],
    attempt: u32,
    block: u32,
    buf: [u8; 32],
    used: usize,
}

impl<'a> DigitStream<'a> {
    fn new(seed: &'a [u8], attempt: u32) -> Self {
        DigitStream {
            seed,
            attempt,
            block: 0,
            buf: [0; 32],
            used: 32,
        }
    }

    fn next_mod(&mut self, m: u8) -> u8 {
        loop {
            if self.used == self.buf.len() {
                let mut mac = hmac(self.seed);
                mac.update(&self.attempt.to_le_bytes());
                mac.update(&self.block.to_le_bytes());
                self.buf.copy_from_slice(&mac.finalize().into_bytes());
                self.block += 1;
                self.used = 0;
            }
            let b = self.buf[self.used];
            self.used += 1;
            // Reject the top of the range so every digit is equally likely.
            if u16::from(b) < 256 - 256 % u16::from(m) {
                return b % m;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_letter_has_names() {
        let p = pools();
        for (t, letter) in TARGET.iter().enumerate() {
            assert!(p.first[0][t].len() >= 2, "masc {letter}");
            assert!(p.first[1][t].len() >= 2, "fem {letter}");
            assert!(p.fathers[t].len() >= 2, "fathers {letter}");
        }
        let listed = |g: Gender| p.first[g as usize].iter().map(Vec::len).sum::<usize>();
        assert_eq!(
            listed(Gender::Masc),
            MASC_NAMES.len(),
            "a masculine name is missing"
        );
        assert_eq!(
            listed(Gender::Fem),
            FEM_NAMES.len(),
            "a feminine name is missing"
        );
        assert_eq!(p.fathers.iter().map(Vec::len).sum::<usize>(), FATHERS.len());
        assert_eq!(p.surnames.len(), SURNAMES.len(), "a surname is missing");
    }

    #[test]
    fn sigma_is_balanced() {
        let s = Sigma::new(&[3; 32]);
        let mut hits = [0; TARGET.len()];
        for &c in &SOURCE {
            hits[s.image(c).unwrap()] += 1;
        }
        assert!(hits.iter().all(|&h| (1..=2).contains(&h)), "{hits:?}");
        assert_eq!(s.image('ё'), s.image('Е'));
        assert_eq!(s.image('ъ'), None);
        assert!(s.image('I').is_some());
    }

    #[test]
    fn surname_genders() {
        assert_eq!(feminine_surname("петров").as_deref(), Some("петрова"));
        assert_eq!(
            feminine_surname("вишневский").as_deref(),
            Some("вишневская")
        );
        assert_eq!(feminine_surname("гюго"), None);
        assert_eq!(masculine_surname("петрова"), "петров");
        assert_eq!(masculine_surname("троцкая"), "троцкий");
        assert_eq!(masculine_surname("гюго"), "гюго");
        assert_eq!(masculine_patronymic("ивановна"), "иванович");
        assert_eq!(masculine_patronymic("ильинична"), "ильич");
        assert_eq!(masculine_patronymic("саввична"), "саввич");
    }

    #[test]
    fn address_keeps_words() {
        let key = [9u8; 32];
        let mut out = Vec::new();
        let a = "123456, г. Москва, ул. Ленина, д. 5, кв. 120";
        address(&key, a.as_bytes(), &mut out);
        let f = String::from_utf8(out).unwrap();
        assert!(f.starts_with("123"), "{f}");
        assert_ne!(f, a);
        let shape = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect::<String>()
        };
        assert_eq!(shape(&f), shape(a));
        // The house number does not depend on what follows it.
        let mut short = Vec::new();
        address(
            &key,
            "123456, г. Москва, ул. Ленина, д. 5".as_bytes(),
            &mut short,
        );
        assert!(f.starts_with(std::str::from_utf8(&short).unwrap()), "{f}");
    }
}
