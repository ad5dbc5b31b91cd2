//! PERSON: names as sequences of capitalised words and initials.
//!
//! At a capitalised word the scanner reads up to three items — words or a
//! group of initials (`И.`, `И.И.`, `И. И.`) — separated by spaces on one line,
//! asks the dictionaries what each word may be ([`crate::names`]) and tries the
//! shapes of a Russian name, longest first:
//!
//! - surname, first name, patronymic (`Иванову Ивану Петровичу`), or first name,
//!   patronymic, surname;
//! - first name and patronymic (`Анна Сергеевна`);
//! - first name and surname in either order (`Игорь Лебедев`, `Долгих Анна`);
//! - surname and initials in either order (`Шубина В.П.`, `Л. Б. Борисова`);
//! - a lone first name or surname right after a cue (`меня зовут`, `клиент`, `г-н`).
//!
//! The words of a name must agree: for one gender, every word's readings
//! share a grammatical case. One unknown word is allowed where the rest of
//! the name vouches for it — the surname before a first name and patronymic
//! (`Приставка Роман Андреевич`), or a misspelt first name between a surname
//! and a patronymic that agree. Dictionary first names that are also ordinary
//! words (`Вера`, `Роман`, `Лев`) need a surname from the dictionary or a
//! patronymic beside them. Latin spellings (`Ivanov Ivan`) take the same shapes
//! but need both words from the Latin lists or a surname ending.
//!
//! A name right after a street or settlement word (`ул. Пушкина`, `г. Королёв`,
//! `им. Ленина`) is not a person.

use crate::names::{fold_word, Forms, NameData, WordClass, MAX_WORD};
use crate::text::{cyrillic_at, letter_before, EdgeLetters};

/// One item of a name: a capitalised word or a group of initials.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: ItemKind,
    /// A word written in capitals (`ИВАНОВ`); false for initials.
    pub(crate) caps: bool,
    /// Latin letters (a word or initials).
    pub(crate) latin: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A Cyrillic word, `Title` or `CAPS`.
    Word,
    /// A Latin word, `Title` or `CAPS`.
    Latin,
    /// One or more initials with their dots.
    Initials(u8),
}

/// Whether a capital letter (Cyrillic А–Я, Ё or Latin A–Z) starts at `p`:
/// its byte length.
#[inline]
pub(crate) fn capital_at(hay: &[u8], p: usize) -> usize {
    match hay.get(p) {
        Some(b'A'..=b'Z') => 1,
        Some(0xD0) => match hay.get(p + 1) {
            Some(0x90..=0xAF | 0x81) => 2,
            _ => 0,
        },
        _ => 0,
    }
}

/// A lower-case letter of the same script at `p`: its length.
#[inline]
fn lower_at(hay: &[u8], p: usize, latin: bool) -> usize {
    if latin {
        return usize::from(hay.get(p).is_some_and(u8::is_ascii_lowercase));
    }
    match (hay.get(p), hay.get(p + 1)) {
        (Some(0xD0), Some(0xB0..=0xBF)) | (Some(0xD1), Some(0x80..=0x8F | 0x91)) => 2,
        _ => 0,
    }
}

/// Bytes that glue a word into a longer token (an e-mail, a path, an
/// identifier): a name never starts right after them.
#[inline]
fn glue_before(hay: &[u8], p: usize) -> bool {
    if p == 0 {
        return false;
    }
    let b = hay[p - 1];
    // A slash glues only within a path or URL (`a/Иван`), not in `____ /И.И. Петров/`.
    if b == b'/' {
        return p >= 2 && hay[p - 2].is_ascii_alphanumeric();
    }
    b.is_ascii_digit()
        || matches!(b, b'@' | b'.' | b'_' | b'-' | b'+' | b'#' | b'$' | b'&')
        || letter_before(hay, p)
}

/// Reads the item starting at a capital letter at `p` (before `end`).
pub(crate) fn read_item(hay: &[u8], p: usize, end: usize) -> Option<Item> {
    let hay = &hay[..end];
    let cap = capital_at(hay, p);
    if cap == 0 {
        return None;
    }
    let latin = cap == 1;
    // Initials: a capital and a dot, up to three, spaces allowed between.
    if hay.get(p + cap) == Some(&b'.') && lower_at(hay, p + cap + 1, latin) == 0 {
        let mut e = p + cap + 1;
        let mut count = 1u8;
        loop {
            let mut q = e;
            if hay.get(q) == Some(&b' ') {
                q += 1;
            } else if hay.get(q) == Some(&0xC2) && hay.get(q + 1) == Some(&0xA0) {
                q += 2;
            }
            let c = capital_at(hay, q);
            if count < 3 && c == cap && lower_at(hay, q + c, latin) == 0 {
                if hay.get(q + c) == Some(&b'.') && lower_at(hay, q + c + 1, latin) == 0 {
                    e = q + c + 1;
                    count += 1;
                    continue;
                }
                // `И.И` with the last dot left out, glued to the first.
                if q == e && !letter_at_any(hay, q + c) {
                    e = q + c;
                    count += 1;
                }
            }
            break;
        }
        // A letter right after the last dot glues it into a word (`А.Б.В`, `Т.е`).
        if letter_at_any(hay, e) {
            return None;
        }
        return Some(Item {
            start: p,
            end: e,
            kind: ItemKind::Initials(count),
            caps: false,
            latin,
        });
    }
    // A word: Title (capital then lower case) or CAPS; a hyphen may join a
    // second capitalised part (`Петрова-Водкина`).
    let mut e = p + cap;
    let caps = capital_at(hay, e) == cap;
    let mut letters = 1;
    loop {
        // Four lower-case Cyrillic letters at a time; the rest (and `ё`)
        // one by one below.
        if !caps && !latin {
            while e + 8 <= hay.len() {
                let n = lower_run(&hay[e..e + 8]);
                e += 2 * n;
                letters += n;
                if n < 4 {
                    break;
                }
            }
        }
        let n = if caps {
            let c = capital_at(hay, e);
            if c == cap {
                c
            } else {
                0
            }
        } else {
            lower_at(hay, e, latin)
        };
        if n > 0 {
            e += n;
            letters += 1;
            continue;
        }
        if hay.get(e) == Some(&b'-') {
            let c = capital_at(hay, e + 1);
            if c == cap && (caps || lower_at(hay, e + 1 + c, latin) > 0) {
                e += 1 + c;
                letters += 1;
                continue;
            }
        }
        break;
    }
    if letters < 2
        || e - p > MAX_WORD
        || letter_at_any(hay, e)
        || hay
            .get(e)
            .is_some_and(|&b| b.is_ascii_digit() || matches!(b, b'@' | b'_'))
    {
        return None;
    }
    // A word followed by `.` and a letter is part of a domain or a path.
    if hay.get(e) == Some(&b'.')
        && (letter_at_any(hay, e + 1) || hay.get(e + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    Some(Item {
        start: p,
        end: e,
        kind: if latin {
            ItemKind::Latin
        } else {
            ItemKind::Word
        },
        caps,
        latin,
    })
}

/// How many of the four letter slots of the eight bytes, from the first, are
/// lower-case Cyrillic letters `а`–`я` (without `ё`): leads `D0` with
/// `B0..BF`, or `D1` with `80..8F`. Per letter, bits 4–5 of the second byte
/// are `11` after `D0` and `00` after `D1`. Each 16-bit lane of `lead | high` is zero
/// exactly for a letter, so its lowest set bit ends the run.
#[inline(always)]
fn lower_run(b: &[u8]) -> usize {
    let x = u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let lead = (x & 0xC0FE_C0FE_C0FE_C0FE) ^ 0x80D0_80D0_80D0_80D0;
    let d1 = (x & 0x0001_0001_0001_0001) << 8;
    // Per lane 0x3000 after `D0`, 0 after `D1`: no borrow between lanes.
    let high = (x & 0x3000_3000_3000_3000) ^ (0x3000_3000_3000_3000 - d1 * 0x30);
    ((lead | high).trailing_zeros() / 16) as usize
}

#[inline]
fn letter_at_any(hay: &[u8], p: usize) -> bool {
    hay.get(p).is_some_and(u8::is_ascii_alphabetic) || cyrillic_at(hay, p)
}

/// The separator between two items of a name: one or two spaces or a no-break space.
#[inline]
pub(crate) fn skip_gap(hay: &[u8], p: usize, end: usize) -> Option<usize> {
    let mut q = p;
    let mut n = 0;
    while q < end && n < 2 {
        if hay[q] == b' ' || hay[q] == b'\t' {
            q += 1;
        } else if hay[q] == 0xC2 && hay.get(q + 1) == Some(&0xA0) {
            q += 2;
        } else {
            break;
        }
        n += 1;
    }
    (n > 0 && q < end).then_some(q)
}

/// Words that are titles, greetings and roles: capitalised at the start of a
/// sentence they are not an unknown surname (nor are the cue words below).
/// Lower case, `ё` as `е`.
const TITLE_WORDS: &[&str] = &[
    "уважаемые",
    "дорогой",
    "дорогая",
    "товарищ",
    "коллега",
    "здравствуйте",
    "привет",
    "добрый",
    "доброе",
    "спасибо",
    "директор",
    "директору",
    "доктор",
    "профессор",
    "председатель",
    "секретарь",
    "ответчик",
    "истец",
    "покупатель",
    "продавец",
    "водитель",
    "заказчик",
    "исполнитель",
    "руководитель",
    "бухгалтер",
    "студент",
    "студентка",
    "учитель",
    "врач",
    "мастер",
];

/// Cues before a lone first name or surname (lower case; the last word before
/// the name, a `:`/`=`/quote between them allowed).
const LONE_CUES: &[&str] = &[
    "зовут",
    "г-н",
    "г-жа",
    "гр",
    "господин",
    "госпожа",
    "гражданин",
    "гражданка",
    "уважаемый",
    "уважаемая",
    "фио",
    "name",
    "fio",
    "full_name",
    "fullname",
    "client_name",
    "holder",
    "клиент",
    "клиентка",
    "пользователь",
    "менеджер",
    "сотрудник",
    "сотрудница",
    "оператор",
    "курьер",
    "пациент",
    "пациентка",
    "ип",
    "абонент",
    "заемщик",
    "заявитель",
    "получатель",
    "отправитель",
    "подписант",
    "ответственный",
];

/// Words after which a capitalised word names a street or a place, not a
/// person; the abbreviations count only with their dot (`с.` is a village,
/// `с` a preposition).
const PLACE_WORDS: &[&str] = &[
    "улица",
    "улице",
    "улицы",
    "улицу",
    "пр-т",
    "проспект",
    "проспекта",
    "переулок",
    "б-р",
    "бульвар",
    "набережная",
    "площадь",
    "шоссе",
    "город",
    "поселок",
    "село",
    "деревня",
    "имени",
    "станция",
    "метро",
    "пгт",
    "р-н",
    "район",
    "область",
    "проезд",
    "тупик",
    "аллея",
    "мкр",
];
const PLACE_ABBREVIATIONS: &[&str] = &[
    "ул",
    "пр",
    "просп",
    "пер",
    "наб",
    "пл",
    "ш",
    "г",
    "гор",
    "пос",
    "п",
    "с",
    "д",
    "дер",
    "им",
    "мкр",
    "ст",
    "м",
    "обл",
    "р-н",
];

/// The lower-cased word that ends right before `p` (skipping `skip` bytes such
/// as spaces and punctuation first), written into `buf`, and whether a `.`
/// was among the bytes skipped.
fn word_before<'b>(
    hay: &[u8],
    line_start: usize,
    p: usize,
    skip: &[u8],
    buf: &'b mut [u8; MAX_WORD],
) -> (&'b [u8], bool) {
    let (e, dot) = skip_back(hay, line_start, p, skip);
    word_ending_at(hay, line_start, e, dot, buf)
}

/// Where the word before `p` ends once the `skip` bytes are stepped over,
/// and whether a `.` was among them.
#[inline]
fn skip_back(hay: &[u8], line_start: usize, p: usize, skip: &[u8]) -> (usize, bool) {
    let mut e = p;
    let mut dot = false;
    while e > line_start && skip.contains(&hay[e - 1]) {
        dot |= hay[e - 1] == b'.';
        e -= 1;
    }
    (e, dot)
}

/// [`word_before`] once the end `e` of the word is known.
fn word_ending_at<'b>(
    hay: &[u8],
    line_start: usize,
    e: usize,
    dot: bool,
    buf: &'b mut [u8; MAX_WORD],
) -> (&'b [u8], bool) {
    let mut s = e;
    while s > line_start {
        let b = hay[s - 1];
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80 {
            s -= 1;
        } else {
            break;
        }
    }
    // A JSON `\"` or `\n` before the name is punctuation, not a word.
    if s > line_start && hay[s - 1] == b'\\' && e - s == 1 {
        return (&[], dot);
    }
    if e - s > MAX_WORD || e == s {
        return (&[], dot);
    }
    match fold_word(&hay[s..e], buf) {
        Some(w) => (w, dot),
        None => (&[], dot),
    }
}

/// Which of the small word lists a lower-cased word is in (bits below).
const TITLE: u8 = 1;
const CUE: u8 = 2;
const PLACE: u8 = 4;
const PLACE_ABBREVIATION: u8 = 8;

type ListMap = std::collections::HashMap<
    &'static [u8],
    u8,
    std::hash::BuildHasherDefault<crate::names::WordHasher>,
>;

/// The word lists as one hash map: a lookup per word instead of a scan of
/// each list.
fn list_map() -> ListMap {
    let mut map = ListMap::default();
    for (list, bit) in [
        (TITLE_WORDS, TITLE),
        (LONE_CUES, CUE),
        (PLACE_WORDS, PLACE),
        (PLACE_ABBREVIATIONS, PLACE_ABBREVIATION),
    ] {
        for w in list {
            *map.entry(w.as_bytes()).or_insert(0) |= bit;
        }
    }
    map
}

/// The name detector over the shared dictionaries.
#[derive(Debug)]
pub(crate) struct PersonRules {
    data: &'static NameData,
    lists: ListMap,
    /// The last three letters of the cue words.
    cue_tails: EdgeLetters,
}

/// A word item's dictionary readings.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    class: WordClass,
    /// Title words and other capitalised non-names: never a guessed surname.
    title: bool,
}

/// The last few words classified, by start offset: the walk visits the
/// second word of a failed try as the first word of the next one, and the
/// dictionary lookups are the cost of a visit. One per walk, on the stack.
#[derive(Debug)]
pub(crate) struct SlotCache {
    entries: [(usize, Slot); 4],
    next: usize,
}

impl SlotCache {
    pub(crate) fn new() -> SlotCache {
        SlotCache {
            entries: [(usize::MAX, Slot::default()); 4],
            next: 0,
        }
    }
}

impl PersonRules {
    pub(crate) fn new() -> PersonRules {
        PersonRules {
            data: crate::names::name_data(),
            lists: list_map(),
            cue_tails: EdgeLetters::tails(LONE_CUES.iter().map(|w| w.as_bytes())),
        }
    }

    /// `от имени Макаровой …`, `на имя Петрова`: `имени` names a person
    /// after `от`/`на`, a place otherwise (`парк имени Горького`).
    fn on_behalf_of(&self, hay: &[u8], line_start: usize, p: usize, before: &[u8]) -> bool {
        if before != "имени".as_bytes() {
            return false;
        }
        // The start of `имени` (10 bytes) and a space before it.
        let Some(at) = memchr::memmem::rfind(&hay[line_start..p], "имени".as_bytes()) else {
            return false;
        };
        let mut buf = [0u8; MAX_WORD];
        let (prev, _) = word_before(hay, line_start, line_start + at, b" \xc2\xa0", &mut buf);
        prev == "от".as_bytes() || prev == "на".as_bytes()
    }

    fn in_lists(&self, word: &[u8], bits: u8) -> bool {
        !word.is_empty() && self.lists.get(word).is_some_and(|&b| b & bits != 0)
    }

    fn slot_cached(&self, hay: &[u8], item: &Item, cache: &mut SlotCache) -> Slot {
        if let Some(&(_, slot)) = cache.entries.iter().find(|e| e.0 == item.start) {
            return slot;
        }
        let slot = self.slot(hay, item);
        cache.entries[cache.next] = (item.start, slot);
        cache.next = (cache.next + 1) % cache.entries.len();
        slot
    }

    fn slot(&self, hay: &[u8], item: &Item) -> Slot {
        let mut buf = [0u8; MAX_WORD];
        let Some(w) = fold_word(&hay[item.start..item.end], &mut buf) else {
            return Slot::default();
        };
        match item.kind {
            ItemKind::Word => Slot {
                class: self.data.classify(w),
                title: self.in_lists(w, TITLE | CUE),
            },
            ItemKind::Latin => Slot {
                class: self.data.classify_latin(w),
                title: false,
            },
            ItemKind::Initials(_) => Slot::default(),
        }
    }

    /// A name starting with the item at `p` (a capital letter at a word start,
    /// on the line `line_start..line_end`): its span and score.
    ///
    /// `first` is `read_item(hay, p, line_end)`, read by the caller (the
    /// words pass shares it with the address rules).
    pub(crate) fn person_at(
        &self,
        hay: &[u8],
        p: usize,
        first: Option<Item>,
        line_start: usize,
        line_end: usize,
        cache: &mut SlotCache,
    ) -> Option<(usize, usize, f32)> {
        let (s, e, score, several) = self.name_at(hay, p, first, line_start, line_end, cache)?;
        // Checked only for a name about to be reported: `ул. Пушкина`,
        // `г. Королёв`, `им. Ленина` name places.
        if several {
            let mut buf = [0u8; MAX_WORD];
            let (before, dot) = word_before(hay, line_start, p, b" .\xc2\xa0", &mut buf);
            let place = self.lists.get(before).copied().unwrap_or(0);
            if (place & PLACE != 0 && !self.on_behalf_of(hay, line_start, p, before))
                || (dot && place & PLACE_ABBREVIATION != 0)
            {
                return None;
            }
        }
        Some((s, e, score))
    }

    /// [`PersonRules::person_at`] before the place check; the flag says
    /// whether the name has several items (a lone name has its cue instead).
    fn name_at(
        &self,
        hay: &[u8],
        p: usize,
        first: Option<Item>,
        line_start: usize,
        line_end: usize,
        cache: &mut SlotCache,
    ) -> Option<(usize, usize, f32, bool)> {
        if glue_before(hay, p) {
            return None;
        }
        let first = first?;
        let second = skip_gap(hay, first.end, line_end)
            .and_then(|q| read_item(hay, q, line_end))
            .filter(|s| same_script(&first, s));
        // A lone item: only a Cyrillic word after a cue can be a name. Both
        // checks come before any dictionary lookup, as most capitalised words
        // in logs (`INFO`, `GET`) stand alone.
        let Some(second) = second else {
            if first.kind != ItemKind::Word {
                return None;
            }
            return self
                .lone(hay, &first, line_start, p, cache)
                .map(|(s, e, x)| (s, e, x, false));
        };
        let s0 = self.slot_cached(hay, &first, cache);
        let initials0 = matches!(first.kind, ItemKind::Initials(_));
        let c0 = s0.class;
        if !initials0 && !c0.is_name_word() && s0.title {
            return None;
        }
        // One style per name, except a surname in capitals before the rest
        // (`ИВАНОВ Иван Иванович`); `Если ОСНОВНОЙ` is no name.
        let styled = |a: &Item, b: &Item| {
            matches!(a.kind, ItemKind::Initials(_))
                || matches!(b.kind, ItemKind::Initials(_))
                || a.caps == b.caps
        };
        if !(styled(&first, &second) || (first.caps && c0.surname().is_some())) {
            // `Кошелев ОГРНИП`: the next word is no part of the name.
            if first.kind != ItemKind::Word {
                return None;
            }
            return self
                .lone(hay, &first, line_start, p, cache)
                .map(|(s, e, x)| (s, e, x, false));
        }
        let s1 = self.slot_cached(hay, &second, cache);
        let third = skip_gap(hay, second.end, line_end)
            .and_then(|q| read_item(hay, q, line_end))
            .filter(|t| same_script(&first, t) && styled(&second, t));
        let s2 = third.map(|t| self.slot_cached(hay, &t, cache));
        let latin = first.kind == ItemKind::Latin;

        if let (Some(third), Some(s2)) = (third, s2) {
            if let Some(score) = three(&first, &s0, &second, &s1, &third, &s2, latin) {
                return Some((first.start, third.end, score, true));
            }
        }
        if let Some(score) = two(&first, &s0, &second, &s1, latin) {
            // `Дана Гончаренко Фёдору Васильевичу`: when the second item starts
            // a three-word name, the first is not part of it.
            if let (Some(third), Some(s2)) = (third, s2) {
                if word(&third) {
                    let fourth = skip_gap(hay, third.end, line_end)
                        .and_then(|q| read_item(hay, q, line_end))
                        .filter(|t| same_script(&first, t));
                    if let Some(fourth) = fourth {
                        let s3 = self.slot_cached(hay, &fourth, cache);
                        if three(&second, &s1, &third, &s2, &fourth, &s3, latin).is_some() {
                            return None;
                        }
                    }
                }
            }
            return Some((first.start, second.end, score, true));
        }
        if first.kind != ItemKind::Word {
            return None;
        }
        self.lone(hay, &first, line_start, p, cache)
            .map(|(s, e, x)| (s, e, x, false))
    }

    /// A lone first name or surname after a cue word.
    fn lone(
        &self,
        hay: &[u8],
        item: &Item,
        line_start: usize,
        p: usize,
        cache: &mut SlotCache,
    ) -> Option<(usize, usize, f32)> {
        let (e, dot) = skip_back(hay, line_start, p, b" :=\"'\xc2\xa0\xab");
        // Most words before a capital end in three letters no cue ends in:
        // settled without walking back, folding and hashing the word.
        if !self.cue_tails.may_end(hay, e, line_start) {
            return None;
        }
        let mut buf = [0u8; MAX_WORD];
        let (cue, _) = word_ending_at(hay, line_start, e, dot, &mut buf);
        if !self.in_lists(cue, CUE) {
            return None;
        }
        let c = self.slot_cached(hay, item, cache).class;
        let strong = (c.first.is_some() && !c.first_common)
            || (c.surname_dict.is_some() && !c.surname_common)
            || c.surname_ending.is_some();
        (strong && !c.patronymic.is_some()).then_some((item.start, item.end, 0.6))
    }
}

fn same_script(a: &Item, b: &Item) -> bool {
    a.latin == b.latin
}

fn is_initials(i: &Item) -> Option<u8> {
    match i.kind {
        ItemKind::Initials(n) => Some(n),
        _ => None,
    }
}

/// A word that may be an unusual surname: capitalised, not a name word of
/// another kind, not a title. Cyrillic only.
fn guessable(item: &Item, s: &Slot) -> bool {
    item.kind == ItemKind::Word
        && !s.title
        && !s.class.patronymic.is_some()
        && !s.class.first.is_some()
}

fn word(item: &Item) -> bool {
    matches!(item.kind, ItemKind::Word | ItemKind::Latin)
}

/// Three-item shapes: S F P, F P S, S ? P. The score, if one fits.
fn three(
    i0: &Item,
    s0: &Slot,
    i1: &Item,
    s1: &Slot,
    i2: &Item,
    s2: &Slot,
    latin: bool,
) -> Option<f32> {
    let (c0, c1, c2) = (s0.class, s1.class, s2.class);
    if !(word(i0) && word(i1) && word(i2)) {
        return None;
    }
    // Surname, first name, patronymic.
    if c2.patronymic.is_some() && !c0.patronymic.is_some() && !c1.patronymic.is_some() {
        let sur = c0.surname();
        let known_sur = sur.is_some();
        let known_first = c1.first.is_some();
        let s = if known_sur { sur } else { Forms::ANY };
        if known_sur && known_first && s.and(c1.first).and(c2.patronymic).is_some() {
            return Some(0.95);
        }
        if !latin {
            // One guessed word: an unknown surname before a known first name,
            // or an odd first name between a surname and patronymic that agree.
            if !known_sur
                && guessable(i0, s0)
                && known_first
                && c1.first.and(c2.patronymic).is_some()
            {
                return Some(0.85);
            }
            if known_sur && !s1.title && s.and(c2.patronymic).is_some() {
                return Some(0.85);
            }
        }
    }
    // First name, patronymic, surname.
    if c0.first.is_some() && c1.patronymic.is_some() && !c2.patronymic.is_some() {
        let fp = c0.first.and(c1.patronymic);
        if fp.is_some() {
            if c2.surname().is_some() && fp.and(c2.surname()).is_some() {
                return Some(0.95);
            }
            if !latin && guessable(i2, s2) && !c2.surname().is_some() {
                return Some(0.85);
            }
        }
    }
    None
}

/// Two-item shapes: F P, S F, F S, S I, I S. The score, if one fits.
fn two(i0: &Item, s0: &Slot, i1: &Item, s1: &Slot, latin: bool) -> Option<f32> {
    let (c0, c1) = (s0.class, s1.class);
    match (is_initials(i0), is_initials(i1)) {
        (Some(_), Some(_)) => return None,
        (Some(n), None) => return surname_with_initials(i1, s1, n, latin).then_some(0.9),
        (None, Some(n)) => return surname_with_initials(i0, s0, n, latin).then_some(0.9),
        (None, None) => {}
    }
    // First name and patronymic.
    if c1.patronymic.is_some() && !c0.patronymic.is_some() {
        if c0.first.is_some() && c0.first.and(c1.patronymic).is_some() {
            return Some(0.9);
        }
        if !latin && guessable(i0, s0) && !c0.surname().is_some() {
            return Some(0.75);
        }
        // A first name the dictionary genders differently (`Аружан` is
        // listed as masculine): the patronymic vouches for it.
        if !latin
            && c0.first.is_some()
            && !s0.title
            && c0.first.any_case() & c1.patronymic.any_case() != 0
        {
            return Some(0.7);
        }
    }
    // First name and surname, either order.
    let pair = |f: &WordClass, s: &WordClass| {
        if !f.first.is_some() || !s.surname().is_some() || s.patronymic.is_some() {
            return false;
        }
        // Cases must agree; genders should, but the dictionary's gender of a
        // rare first name is sometimes wrong.
        if f.first.any_case() & s.surname().any_case() == 0 {
            return false;
        }
        // Agreement is the guard: `Роман Толстого` (nom + gen) is no name.
        true
    };
    if pair(&c0, &c1) || pair(&c1, &c0) {
        // Two words that are both only first names (`Анна Мария`) are no name.
        return Some(0.85);
    }
    None
}

/// A surname beside initials: a known surname, or with two initials any
/// capitalised Cyrillic word that is not a title.
fn surname_with_initials(item: &Item, s: &Slot, initials: u8, latin: bool) -> bool {
    if !word(item) || s.class.patronymic.is_some() {
        return false;
    }
    let known = s.class.surname().is_some() && !(s.class.surname_common && s.class.first.is_some());
    known
        || (!latin && initials >= 2 && guessable(item, s))
        || (!latin && initials >= 2 && s.class.first.is_some() && !s.title)
}

#[cfg(test)]
mod lower_run_tests {
    use super::*;

    #[test]
    fn lower_run_matches_lower_at_for_every_letter_pair() {
        // Every two-byte sequence in four positions against the scalar rule:
        // the run ends at the first slot that is no lower-case letter.
        let lower = |a: u8, b: u8| lower_at(&[a, b], 0, false) == 2 && !(a == 0xD1 && b == 0x91);
        for a in [0xCFu8, 0xD0, 0xD1, 0xD2, b'a'] {
            for b in 0x70u8..=0xC5 {
                let mut w = "аааа".as_bytes().to_vec();
                for k in 0..4 {
                    w[2 * k] = a;
                    w[2 * k + 1] = b;
                    let want = if lower(a, b) { 4 } else { k };
                    assert_eq!(lower_run(&w), want, "{a:x} {b:x} at {k}");
                    w[2 * k] = 0xD0;
                    w[2 * k + 1] = 0xB0;
                }
            }
        }
        assert_eq!(lower_run("абвг".as_bytes()), 4);
        assert_eq!(lower_run("рсяп".as_bytes()), 4);
        assert_eq!(lower_run("абвё".as_bytes()), 3);
        assert_eq!(lower_run("абВг".as_bytes()), 2);
        assert_eq!(lower_run("а bcdef".as_bytes()), 1);
        assert_eq!(lower_run(b"abcdefgh"), 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_tails_keep_every_cue() {
        let rules = PersonRules::new();
        for cue in LONE_CUES {
            for written in [cue.to_string(), cue.to_uppercase(), cue.replace('е', "ё")] {
                let text = format!("{written}: Иван");
                let hay = text.as_bytes();
                let (e, _) = skip_back(hay, 0, written.len() + 2, b" :");
                assert_eq!(e, written.len());
                assert!(rules.cue_tails.may_end(hay, e, 0), "{written}");
            }
        }
        let hay = "запрос Иван".as_bytes();
        assert!(!rules.cue_tails.may_end(hay, 12, 0), "no cue ends in -рос");
    }

    fn find(text: &str) -> Vec<&str> {
        let rules = PersonRules::new();
        let mut cache = SlotCache::new();
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut p = 0;
        while p < hay.len() {
            if capital_at(hay, p) > 0 {
                if let Some((s, e, _)) = rules.person_at(
                    hay,
                    p,
                    read_item(hay, p, hay.len()),
                    0,
                    hay.len(),
                    &mut cache,
                ) {
                    out.push(&text[s..e]);
                    p = e;
                    continue;
                }
            }
            p += 1;
        }
        out
    }

    #[test]
    fn shapes_and_cases() {
        let table: &[(&str, &[&str])] = &[
            (
                "ФИО: Козлова Анастасия Евгеньевна, дата",
                &["Козлова Анастасия Евгеньевна"],
            ),
            (
                "От Козловой Анастасии Евгеньевны, проживающей",
                &["Козловой Анастасии Евгеньевны"],
            ),
            ("2025 г. / А.Е. Козлова\n", &["А.Е. Козлова"]),
            (
                "Присутствовали: Кузьмина Г.Г., Медведев М. И., Гордеев Нурлан Ильич;",
                &["Кузьмина Г.Г.", "Медведев М. И.", "Гордеев Нурлан Ильич"],
            ),
            (
                "Назначить Борисову Любовь Борисовну, начальника",
                &["Борисову Любовь Борисовну"],
            ),
            ("ознакомлена: ____ Л. Б. Борисова", &["Л. Б. Борисова"]),
            (
                "Я — Ксения Петровна Тарасова. Телефон",
                &["Ксения Петровна Тарасова"],
            ),
            ("\"holder\":\"Анна Долгих\"}", &["Анна Долгих"]),
            ("user 76459 (Игорь Лебедев) updated", &["Игорь Лебедев"]),
            (
                "Дана Ильину Мина Романовичу, 13.07.1964",
                &["Ильину Мина Романовичу"],
            ),
            (
                "директора Тихоновой Ольгы Николаевны о",
                &["Тихоновой Ольгы Николаевны"],
            ),
            (
                "Дана Елене Борисовне Романовой, 31.01.1999",
                &["Елене Борисовне Романовой"],
            ),
            (
                "Приставка Роман Андреевич подписал",
                &["Приставка Роман Андреевич"],
            ),
            ("Здравствуйте, Анна Сергеевна!", &["Анна Сергеевна"]),
            (
                "Signed: Ivanov I.I. and I. Petrova",
                &["Ivanov I.I.", "I. Petrova"],
            ),
            ("Подпись Иванов I.I.", &[]),
            (
                "Письмо от имени Макаровой Виктории.",
                &["Макаровой Виктории"],
            ),
            ("Здравствуйте, Аружан Бахытовна! Вот", &["Аружан Бахытовна"]),
            ("встреча с Петром Сидоровым", &["Петром Сидоровым"]),
            (
                "Passport holder: Ivanov Ivan, KUZNETSOVA ANNA",
                &["Ivanov Ivan", "KUZNETSOVA ANNA"],
            ),
            ("ИВАНОВ ИВАН ИВАНОВИЧ", &["ИВАНОВ ИВАН ИВАНОВИЧ"]),
            ("ИВАНОВ Иван Иванович", &["ИВАНОВ Иван Иванович"]),
            ("Меня зовут Алевтина, мой", &["Алевтина"]),
            ("клиент Муравьева Виктория\n", &["Муравьева Виктория"]),
        ];
        for (text, want) in table {
            assert_eq!(find(text), *want, "{text}");
        }
    }

    #[test]
    fn not_names() {
        for text in [
            "Вера в лучшее и Надежда на будущее",
            "Живу на ул. Пушкина и пр-т Ленина, г. Королёв",
            "Гуляли в парке имени Карла Маркса",
            "Москва, Россия. Роман Толстого прочитан.",
            "Сбербанк России и Газпром Нефть",
            "INFO Started Application in 3.2 seconds",
            "user=ivanov@mail.ru Ivan.Petrov@corp.ru",
            "Уважаемые коллеги! Прошу рассмотреть",
            "ООО Ромашка ИНН 7707083893",
            "Лев прыгнул. Мир, труд, май.",
            "Если ОСНОВНОЙ каталог не задан",
        ] {
            assert_eq!(find(text), Vec::<&str>::new(), "{text}");
        }
    }
}
