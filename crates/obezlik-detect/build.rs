// Lays out the name dictionaries (`rules/names/*.txt`) as ready-made tables,
// so a process starts without parsing 5.5 MB of text into hash maps (about
// 25 ms and 20 MB of heap per process before). Each table is a blob of
// little-endian `u32` words written to `OUT_DIR`; the text itself is compiled
// in with `include_str!` and the blobs hold byte offsets into it. The
// formats are described in `src/names.rs`, which reads them.

use std::collections::HashMap;
use std::path::Path;

include!("src/word_hash.rs");

const DICTIONARIES: [&str; 2] = ["first_names", "surnames"];
const LATIN_LISTS: [&str; 2] = ["latin_first_names", "latin_surnames"];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/word_hash.rs");
    for name in DICTIONARIES {
        let text = read(name);
        write(&out, name, &dictionary(&text));
    }
    for name in LATIN_LISTS {
        let text = read(name);
        write(&out, name, &latin_list(&text));
    }
}

fn read(name: &str) -> String {
    let path = format!("rules/names/{name}.txt");
    println!("cargo:rerun-if-changed={path}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn write(out: &str, name: &str, words: &[u32]) {
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    let path = Path::new(out).join(format!("{name}.bin"));
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The non-comment lines of a data file, split at tabs.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.split('\n')
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

/// Where `s` (a slice of `text`) starts in it.
fn offset(text: &str, s: &str) -> u32 {
    (s.as_ptr() as usize - text.as_ptr() as usize) as u32
}

/// A string's offset and length, checked to fit the tables' fields.
fn span(text: &str, s: &str) -> (u32, u32) {
    assert!(s.len() < 1 << 16, "a name of {} bytes", s.len());
    (offset(text, s), s.len() as u32)
}

/// An open-addressing table of `1 << bits` slots holding `index + 1` of each
/// key (0: empty), probed linearly from `slot_of`: the words `[bits, slots…]`.
fn hash_table<'a>(keys: impl ExactSizeIterator<Item = &'a [u8]>) -> Vec<u32> {
    let bits = (keys.len() * 2).next_power_of_two().trailing_zeros().max(1);
    let mask = (1usize << bits) - 1;
    let mut slots = vec![0u32; 1 << bits];
    for (k, key) in keys.enumerate() {
        let mut s = slot_of(key, bits);
        while slots[s] != 0 {
            s = (s + 1) & mask;
        }
        slots[s] = k as u32 + 1;
    }
    let mut words = vec![bits];
    words.extend(slots);
    words
}

fn case_bit(c: u8) -> u32 {
    match c {
        b'n' => 1,
        b'g' => 2,
        b'd' => 4,
        b'a' => 8,
        b'i' => 16,
        b'p' => 32,
        _ => 0,
    }
}

/// `lemma<TAB>g<TAB>form:cases[!] …` lines: every form with its readings
/// chained (the latest lemma first), every lemma (one per line and gender)
/// with its paradigm, and the lemma ids by gender.
///
/// Blob: `[n_forms, n_readings, n_lemmas, n_masc, n_fem, n_paradigm]`, the
/// hash table of the forms, then
/// forms `[offset, length | common << 16, first reading]`,
/// readings `[lemma offset, lemma length | feminine << 16 | cases << 24, next]`
/// (`u32::MAX` ends a chain), lemmas `[offset, length, first form, forms]`,
/// the masculine and the feminine lemma ids, and the paradigms' forms
/// `[offset, length | cases << 16]`.
fn dictionary(text: &str) -> Vec<u32> {
    let mut forms: Vec<(&str, bool, u32)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut readings: Vec<[u32; 3]> = Vec::new();
    let mut lemmas: Vec<[u32; 4]> = Vec::new();
    let mut by_gender: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
    let mut paradigm: Vec<[u32; 2]> = Vec::new();
    for cols in rows(text) {
        let [lemma, g, items, ..] = cols[..] else {
            continue;
        };
        let genders: &[u32] = match g {
            "m" => &[0],
            "f" => &[1],
            _ => &[0, 1],
        };
        for &gender in genders {
            let id = lemmas.len() as u32;
            let first = paradigm.len() as u32;
            for item in items.split(' ') {
                let Some((form, cases)) = item.rsplit_once(':') else {
                    continue;
                };
                let common = cases.ends_with('!');
                let bits = cases.bytes().fold(0, |acc, c| acc | case_bit(c));
                if bits == 0 {
                    continue;
                }
                let (form_at, form_len) = span(text, form);
                paradigm.push([form_at, form_len | bits << 16]);
                let at = readings.len() as u32;
                let (lemma_at, lemma_len) = span(text, lemma);
                let reading = [lemma_at, lemma_len | gender << 16 | bits << 24];
                match index.get(form) {
                    Some(&f) => {
                        let (_, c, head) = forms[f];
                        readings.push([reading[0], reading[1], head]);
                        forms[f] = (form, c || common, at);
                    }
                    None => {
                        readings.push([reading[0], reading[1], u32::MAX]);
                        index.insert(form, forms.len());
                        forms.push((form, common, at));
                    }
                }
            }
            let len = paradigm.len() as u32 - first;
            if len > 0 {
                let (at, n) = span(text, lemma);
                lemmas.push([at, n, first, len]);
                by_gender[gender as usize].push(id);
            }
        }
    }
    let mut words = vec![
        forms.len() as u32,
        readings.len() as u32,
        lemmas.len() as u32,
        by_gender[0].len() as u32,
        by_gender[1].len() as u32,
        paradigm.len() as u32,
    ];
    words.extend(hash_table(forms.iter().map(|f| f.0.as_bytes())));
    for &(form, common, head) in &forms {
        let (at, len) = span(text, form);
        words.extend([at, len | u32::from(common) << 16, head]);
    }
    words.extend(readings.iter().flatten());
    words.extend(lemmas.iter().flatten());
    words.extend(&by_gender[0]);
    words.extend(&by_gender[1]);
    words.extend(paradigm.iter().flatten());
    words
}

/// `latin<TAB>g<TAB>cyrillic` lines: a spelling's genders (of all its lines)
/// and its first Cyrillic form.
///
/// Blob: `[n]`, the hash table, then entries
/// `[offset, length | masculine << 16 | feminine << 17, cyrillic offset, cyrillic length]`.
fn latin_list(text: &str) -> Vec<u32> {
    let mut entries: Vec<(&str, u32, &str)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for cols in rows(text) {
        let [latin, g, cyrillic, ..] = cols[..] else {
            continue;
        };
        let genders = match g {
            "m" => 1,
            "f" => 2,
            _ => 3,
        };
        match index.get(latin) {
            Some(&k) => entries[k].1 |= genders,
            None => {
                index.insert(latin, entries.len());
                entries.push((latin, genders, cyrillic));
            }
        }
    }
    let mut words = vec![entries.len() as u32];
    words.extend(hash_table(entries.iter().map(|e| e.0.as_bytes())));
    for &(latin, genders, cyrillic) in &entries {
        let (at, len) = span(text, latin);
        let (cyr_at, cyr_len) = span(text, cyrillic);
        words.extend([at, len | genders << 16, cyr_at, cyr_len]);
    }
    words
}
