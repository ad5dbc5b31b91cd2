//! `fake` mode for PERSON and ADDRESS: same gender, case and shape, one fake
//! person for every form of one name, realistic enough to be found again.

use obezlik_detect::{analyze_person, Case, Gender, Label, NameRole, PersonName, Scanner};
use obezlik_pseudo::{Key, Mode, Pseudonymizer};

fn fake(key_byte: u8) -> Pseudonymizer {
    Pseudonymizer::builder()
        .key(Key::from_bytes(vec![key_byte; 32]).unwrap())
        .mode(Mode::Fake)
        .build()
        .unwrap()
}

fn replace(p: &Pseudonymizer, label: Label, value: &str) -> String {
    let mut out = Vec::new();
    p.replace_into(label, value.as_bytes(), &mut out);
    String::from_utf8(out).unwrap()
}

fn analyze(text: &str) -> PersonName {
    analyze_person(text.as_bytes()).unwrap_or_else(|| panic!("unreadable fake {text:?}"))
}

/// The nominative of the part with `role`, if any.
fn part(n: &PersonName, role: NameRole) -> Option<String> {
    n.parts
        .iter()
        .find(|p| p.role == role)
        .map(|p| p.nominative.clone())
}

fn masculine(surname: &str) -> String {
    for (f, m) in [("ская", "ский"), ("цкая", "цкий")] {
        if let Some(stem) = surname.strip_suffix(f) {
            return format!("{stem}{m}");
        }
    }
    match surname.strip_suffix('а') {
        Some(s) if ["ов", "ев", "ин", "ын"].iter().any(|e| s.ends_with(e)) => s.to_string(),
        _ => surname.to_string(),
    }
}

/// Runs of upper-case letters as one `A`, of lower-case letters as one `a`.
fn shape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let k = if c.is_uppercase() {
            'A'
        } else if c.is_lowercase() {
            'a'
        } else {
            c
        };
        if !(k.is_alphabetic() && out.ends_with(k)) {
            out.push(k);
        }
    }
    out
}

#[test]
fn gender_and_case_are_kept() {
    use Case::*;
    use Gender::*;
    let p = fake(1);
    let table = [
        ("Иванову Ивану Петровичу", Masc, Dative),
        ("Кузнецовой Анной Сергеевной", Fem, Instrumental),
        ("с Петром Сидоровым", Masc, Instrumental),
        ("Гордеева Нурлана Ильича", Masc, Genitive),
        ("Петрова Мария Ивановна", Fem, Nominative),
        ("Ивановым Иваном Петровичем", Masc, Instrumental),
        ("Иване Петровиче Иванове", Masc, Prepositional),
        ("Смирновой Ольги Викторовны", Fem, Genitive),
        ("Анну Сергеевну", Fem, Accusative),
        ("Шубина В.П.", Fem, Nominative),
    ];
    for (value, gender, case) in table {
        let orig = analyze(value);
        assert_eq!(
            (orig.gender, orig.case),
            (Some(gender), Some(case)),
            "{value}"
        );
        let f = replace(&p, Label::Person, value);
        let n = analyze(&f);
        assert_eq!(
            (n.gender, n.case),
            (Some(gender), Some(case)),
            "{value} → {f}"
        );
        let roles = |n: &PersonName| n.parts.iter().map(|p| p.role).collect::<Vec<_>>();
        assert_eq!(roles(&n), roles(&orig), "{value} → {f}");
        assert_eq!(shape(&f), shape(value), "{value} → {f}");
        assert_ne!(n.key(), orig.key(), "{value} → {f}");
    }
}

#[test]
fn one_person_in_every_form() {
    let p = fake(1);
    let full = analyze(&replace(&p, Label::Person, "Иванов Иван Иванович"));
    let surname = part(&full, NameRole::Surname).unwrap();
    let first = part(&full, NameRole::FirstName).unwrap();
    let patronymic = part(&full, NameRole::Patronymic).unwrap();
    let initials = |a: &str, b: &str| {
        let i = |s: &str| s.chars().next().unwrap();
        format!("{}.{}.", i(a), i(b))
    };
    for value in [
        "Иванова Ивана Ивановича",
        "Иванову Ивану Ивановичу",
        "ИВАНОВ ИВАН ИВАНОВИЧ",
        "Ивановым Иваном Ивановичем",
    ] {
        let f = replace(&p, Label::Person, value);
        assert_eq!(analyze(&f).key(), full.key(), "{value} → {f}");
    }
    for value in ["Ивана Ивановича", "Иван Иванович", "Иваном Ивановичем"]
    {
        let n = analyze(&replace(&p, Label::Person, value));
        assert_eq!(
            part(&n, NameRole::FirstName).as_ref(),
            Some(&first),
            "{value}"
        );
        assert_eq!(
            part(&n, NameRole::Patronymic).as_ref(),
            Some(&patronymic),
            "{value}"
        );
    }
    for value in [
        "Иванову И.И.",
        "Иванов И. И.",
        "И.И. Иванов",
        "ИВАНОВА И.И.",
    ] {
        let f = replace(&p, Label::Person, value);
        let n = analyze(&f);
        let s = part(&n, NameRole::Surname).unwrap();
        assert_eq!(masculine(&s), masculine(&surname), "{value} → {f}");
        let i = part(&n, NameRole::Initials).unwrap();
        assert_eq!(
            i.replace(' ', ""),
            initials(&first, &patronymic),
            "{value} → {f}"
        );
    }
    // Husband and wife, brother and sister: one fake family.
    let wife = analyze(&replace(&p, Label::Person, "Иванова Мария Ивановна"));
    assert_eq!(
        masculine(&part(&wife, NameRole::Surname).unwrap()),
        masculine(&surname)
    );
    let sister = part(&wife, NameRole::Patronymic).unwrap();
    assert_eq!(sister.replace("вна", "вич"), patronymic);
}

#[test]
fn shape_is_kept() {
    let p = fake(4);
    for value in [
        "Иванов И.И.",
        "Иванов И. И.",
        "И.И. Иванов",
        "ИВАНОВ И.И.",
        "ИВАНОВ Иван",
        "Иванов  Иван\tИванович",
        "Петрова Мария",
        "гр. Иванов И.И.",
    ] {
        let f = replace(&p, Label::Person, value);
        assert_eq!(shape(&f), shape(value), "{value} → {f}");
        assert_eq!(
            f.split_whitespace().count(),
            value.split_whitespace().count(),
            "{value} → {f}"
        );
    }
    // A line break inside a name stays where it was.
    let f = replace(&p, Label::Person, "Иванов\nИван");
    assert_eq!(f.matches('\n').count(), 1, "{f}");
    assert!(!f.starts_with('\n') && !f.ends_with('\n'), "{f}");
}

#[test]
fn feminine_stays_feminine() {
    let p = fake(2);
    for value in [
        "Кузнецова Анна Сергеевна",
        "Анна Сергеевна",
        "Сидоровой Е.А.",
        "Вишневская Ольга",
        "Елене Петровне Смирновой",
    ] {
        let f = replace(&p, Label::Person, value);
        assert_eq!(analyze(&f).gender, Some(Gender::Fem), "{value} → {f}");
    }
}

#[test]
fn another_key_another_fake() {
    let (a, b) = (fake(1), fake(2));
    for value in [
        "Иванов Иван Иванович",
        "Кузнецовой Анне",
        "Петров П.П.",
        "Ivanov Ivan",
    ] {
        let (x, y) = (
            replace(&a, Label::Person, value),
            replace(&b, Label::Person, value),
        );
        assert_ne!(x, y, "{value}");
        assert_eq!(x, replace(&fake(1), Label::Person, value), "{value}");
    }
}

#[test]
fn latin_names_get_a_transliterated_fake() {
    let p = fake(1);
    let full = replace(&p, Label::Person, "Ivanov Ivan");
    assert!(full.is_ascii() && full != "Ivanov Ivan", "{full}");
    assert_eq!(shape(&full), "Aa Aa");
    let short = replace(&p, Label::Person, "Ivanov I.");
    assert_eq!(
        short,
        format!(
            "{} {}.",
            full.split(' ').next().unwrap(),
            &full.split(' ').nth(1).unwrap()[..1]
        )
    );
    let caps = replace(&p, Label::Person, "IVANOV IVAN");
    assert_eq!(caps, full.to_uppercase());
}

#[test]
fn fake_names_are_found_again() {
    let scanner = Scanner::new();
    let p = fake(3);
    for text in [
        "Договор подписал Иванов Иван Иванович 12 марта.",
        "Передать документы Кузнецовой Анне Сергеевне до пятницы.",
        "Ответственный: Петров П.П., отдел кадров.",
        "Звонила Смирнова Ольга Викторовна, просила перезвонить.",
        "Встреча с Сидоровым Петром Алексеевичем перенесена.",
    ] {
        let found = scanner.scan(text.as_bytes());
        let person: Vec<_> = found.iter().filter(|f| f.label == Label::Person).collect();
        assert_eq!(person.len(), 1, "{text}: {found:?}");
        let start = person[0].start;
        let out = String::from_utf8(p.anonymize(text.as_bytes(), &found)).unwrap();
        assert_ne!(out, text);
        let again = scanner.scan(out.as_bytes());
        assert!(
            again
                .iter()
                .any(|f| f.label == Label::Person && f.start == start),
            "{text} → {out}: {again:?}"
        );
    }
}

#[test]
fn odd_values_do_not_panic() {
    let p = fake(5);
    for value in [
        "",
        " ",
        "И.",
        "Ъ.Ъ. Иванов",
        "ИВАНОВ",
        "Иванов-Петров Иван",
        "Ёлкин Ёж",
        "A.",
        "Я",
        "Оглы",
        "ы",
        "Иванов\r\nИван",
        "x Иванов y",
    ] {
        let f = replace(&p, Label::Person, value);
        assert_eq!(
            f.matches('\n').count(),
            value.matches('\n').count(),
            "{value} → {f}"
        );
    }
    // Not a name the analyser can read: the tag form.
    assert!(replace(&p, Label::Person, "12345").starts_with("[PERSON:"));
}

#[test]
fn address_keeps_words_and_replaces_numbers() {
    let p = fake(1);
    let table = [
        "123456, г. Москва, ул. Ленина, д. 5, кв. 120",
        "г. Москва,\nул. Ленина, д. 1, корп. 2",
        "Москва, Ленина 1",
        "ул. 8 Марта, 10А",
    ];
    let digitless = |s: &str| s.replace(|c: char| c.is_ascii_digit(), "0");
    for value in table {
        let f = replace(&p, Label::Address, value);
        assert_eq!(digitless(&f), digitless(value), "{value} → {f}");
        assert_ne!(f, value);
        assert_ne!(f, replace(&fake(2), Label::Address, value), "{value}");
    }
    let f = replace(&p, Label::Address, table[0]);
    assert!(f.starts_with("123"), "{f}");
    // The house number does not depend on what follows.
    let short = replace(&p, Label::Address, "123456, г. Москва, ул. Ленина, д. 5");
    assert!(f.starts_with(&short), "{f} / {short}");
    // A secret stays a tag.
    assert!(replace(&p, Label::Secret, "sk-abcdef").starts_with("[SECRET:"));
}
