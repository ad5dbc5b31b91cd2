//! Behaviour of the public API: modes per label, determinism, fake validity,
//! keys, reidentify.

use std::collections::HashSet;

use obezlik_detect::checksum::{
    inn10_control, inn12_controls, inn_valid, kz_iin_control, kz_iin_valid, luhn_control,
    luhn_valid, ogrn_control, ogrn_valid, ogrnip_control, ogrnip_valid, snils_control, snils_valid,
};
use obezlik_detect::{Finding, Label};
use obezlik_pseudo::{
    normalize, write_new_key_file, Error, Key, Mode, Pseudonymizer, ReidentifyStats, Warning,
};

fn key(byte: u8) -> Key {
    Key::from_bytes(vec![byte; 32]).unwrap()
}

fn with_mode(mode: Mode, key_byte: u8) -> Pseudonymizer {
    Pseudonymizer::builder()
        .key(key(key_byte))
        .mode(mode)
        .build()
        .unwrap()
}

fn replace(p: &Pseudonymizer, label: Label, value: &str) -> String {
    let mut out = Vec::new();
    p.replace_into(label, value.as_bytes(), &mut out);
    String::from_utf8(out).unwrap()
}

fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// The non-digit skeleton of a value: its layout.
fn layout(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// splitmix64: reproducible test data without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn digits(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() % 10) as u8).collect()
    }
}

fn to_ascii(d: &[u8]) -> String {
    d.iter().map(|&v| char::from(b'0' + v)).collect()
}

// ---------------------------------------------------------------- modes ----

#[test]
fn redact_table() {
    let p = Pseudonymizer::builder().mode(Mode::Redact).build().unwrap();
    for label in Label::ALL {
        assert_eq!(replace(&p, label, "x"), format!("[{label}]"));
    }
    // A multi-line value keeps its line breaks after the replacement.
    assert_eq!(
        replace(&p, Label::Address, "г. Москва,\r\nул. Ленина, 1\n"),
        "[ADDRESS]\r\n\n"
    );
}

#[test]
fn tag_table() {
    let p = with_mode(Mode::Tag, 1);
    let samples = [
        (Label::Person, "Иванов Иван Петрович"),
        (Label::Phone, "+7 (912) 345-67-89"),
        (Label::Email, "ivan@mail.ru"),
        (Label::Inn, "7707083893"),
        (Label::Ogrn, "1027700132195"),
        (Label::Ogrnip, "304500116000157"),
        (Label::Snils, "112-233-445 95"),
        (Label::Passport, "45 08 123456"),
        (Label::Card, "4276 3688 1142 0603"),
        (Label::Account, "40702810000000012345"),
        (Label::KzIin, "660813333746"),
        (Label::Ip, "192.168.1.10"),
        (Label::Address, "г. Москва, ул. Ленина, д. 1"),
        (Label::Secret, "sk-abcdef123456"),
    ];
    let mut seen = HashSet::new();
    for (label, value) in samples {
        let t = replace(&p, label, value);
        let prefix = format!("[{label}:");
        assert!(t.starts_with(&prefix) && t.ends_with(']'), "{t}");
        let hex = &t[prefix.len()..t.len() - 1];
        assert_eq!(hex.len(), 8, "{t}");
        assert!(hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert!(seen.insert(t.clone()), "duplicate tag {t}");
    }
}

#[test]
fn tag_is_normalised() {
    let p = with_mode(Mode::Tag, 1);
    let phones = [
        "+7 (912) 345-67-89",
        "89123456789",
        "8 912 345 67 89",
        "+79123456789",
    ];
    let tags: HashSet<_> = phones
        .iter()
        .map(|v| replace(&p, Label::Phone, v))
        .collect();
    assert_eq!(tags.len(), 1, "{tags:?}");
    assert_eq!(
        replace(&p, Label::Email, "Ivan.Petrov@Mail.RU"),
        replace(&p, Label::Email, "ivan.petrov@mail.ru")
    );
    assert_eq!(
        replace(&p, Label::Person, "  ИВАНОВ   Иван "),
        replace(&p, Label::Person, "Иванов Иван")
    );
    assert_eq!(
        replace(&p, Label::Snils, "112-233-445 95"),
        replace(&p, Label::Snils, "11223344595")
    );
    // The label is part of the key: equal digits under two labels differ.
    assert_ne!(
        replace(&p, Label::Inn, "7707083893")[5..],
        replace(&p, Label::Phone, "7707083893")[7..]
    );
}

#[test]
fn mask_table() {
    let p = with_mode(Mode::Mask, 1);
    let cases = [
        (Label::Phone, "+7 (912) 345-67-89", "+7 (***) ***-**-89"),
        (Label::Phone, "8 912 345 67 89", "8 *** *** ** 89"),
        (Label::Phone, "89123456789", "8********89"),
        (Label::Phone, "+44 20 7946 0958", "+44 ** **** **58"),
        (Label::Inn, "7707083893", "********93"),
        (Label::Snils, "112-233-445 95", "***-***-*** 95"),
        (Label::Card, "4276 3688 1142 0603", "**** **** **** **03"),
        (Label::Passport, "45 08 № 123456", "** ** № ****56"),
        (Label::Passport, "N12345678", "N******78"),
        (Label::Email, "ivan.petrov@mail.ru", "i**********@mail.ru"),
        (Label::Email, "иван@почта.рф", "и***@почта.рф"),
        (Label::Ip, "10.1.2.3", "10.*.*.*"),
        (Label::Ip, "2001:db8::1", "2001:*::*"),
        (Label::Person, "Иванов Иван", "****** ****"),
        (Label::Address, "Москва,\nЛенина 1", "*******\n****** *"),
        (Label::Secret, "sk-abc", "******"),
    ];
    for (label, value, want) in cases {
        assert_eq!(replace(&p, label, value), want, "{label} {value}");
    }
}

#[test]
fn fake_table() {
    let p = with_mode(Mode::Fake, 1);
    let cases = [
        (Label::Phone, "+7 (912) 345-67-89", "+7 (9"),
        (Label::Phone, "8 912 345 67 89", "8 9"),
        (Label::Phone, "+44 20 7946 0958", "+44 2"),
        (Label::Inn, "7707083893", ""),
        (Label::Inn, "500100732259", ""),
        (Label::Ogrn, "1027700132195", "1"),
        (Label::Ogrnip, "304500116000157", "3"),
        (Label::Snils, "112-233-445 95", ""),
        (Label::Passport, "45 08 № 123456", "45 08"),
        (Label::Card, "4276 3688 1142 0603", "4276 36"),
        (Label::Account, "40702810000000012345", "40702810"),
        (Label::KzIin, "660813333746", ""),
    ];
    for (label, value, kept) in cases {
        let f = replace(&p, label, value);
        assert_eq!(layout(&f), layout(value), "{label}: {value} -> {f}");
        assert!(f.starts_with(kept), "{label}: {value} -> {f}");
        assert_ne!(f, value, "{label}");
        // Most randomised digits differ (each equals by chance 1 time in 10).
        let same = digits(&f)
            .iter()
            .zip(digits(value))
            .filter(|(a, b)| **a == *b)
            .count();
        assert!(
            same <= digits(kept).len() + digits(value).len() / 2,
            "{value} -> {f}"
        );
    }

    let e = replace(&p, Label::Email, "Ivan.Petrov@Mail.RU");
    assert!(
        e.starts_with("user") && e.ends_with("@mail.ru") && e.len() == 20,
        "{e}"
    );
    assert_eq!(e, replace(&p, Label::Email, "ivan.petrov@mail.ru"));
    assert!(replace(&p, Label::Email, "ceo@romashka.ru").ends_with("@example.com"));

    let ip = |v: &str| replace(&p, Label::Ip, v);
    assert!(ip("192.168.1.10").starts_with("192.168."));
    assert!(ip("10.20.30.40").starts_with("10."));
    assert!(ip("127.0.0.1").starts_with("127."));
    let public = ip("77.88.55.242");
    assert_ne!(public, "77.88.55.242");
    let a: std::net::Ipv4Addr = public.parse().unwrap();
    assert!(
        !a.is_private() && !a.is_loopback() && !a.is_multicast(),
        "{public}"
    );
    assert!(ip("2a02:6b8::2:242").starts_with("2001:db8:"));
    assert_eq!(ip("2A02:6B8:0::2:242"), ip("2a02:6b8::2:242"));

    // Names: a name of the same gender and case (more in tests/fake_person.rs);
    // addresses: numbers replaced; secrets: the tag form.
    let name = replace(&p, Label::Person, "Иванову Ивану");
    assert!(!name.starts_with('[') && name != "Иванову Ивану", "{name}");
    assert_eq!(
        replace(&p, Label::Address, "г. Москва, ул. Ленина, д. 1").len(),
        "г. Москва, ул. Ленина, д. 1".len()
    );
    assert_eq!(
        replace(&p, Label::Secret, "sk-abcdef"),
        replace(&with_mode(Mode::Tag, 1), Label::Secret, "sk-abcdef")
    );
}

#[test]
fn fake_phone_is_normalised() {
    let p = with_mode(Mode::Fake, 3);
    let a = replace(&p, Label::Phone, "+7 (912) 345-67-89");
    let b = replace(&p, Label::Phone, "89123456789");
    let c = replace(&p, Label::Phone, "9123456789");
    assert_eq!(digits(&a)[1..], digits(&b)[1..]);
    assert_eq!(digits(&a)[1..], digits(&c)[..]);
    assert!(b.starts_with("89") && c.starts_with('9'), "{b} {c}");
}

#[test]
fn encrypt_table() {
    let p = with_mode(Mode::Encrypt, 1);
    for label in Label::ALL {
        let t = replace(&p, label, "Иванов Иван +7 912");
        let prefix = format!("[[{label}~");
        assert!(t.starts_with(&prefix) && t.ends_with("]]"), "{t}");
        let body = &t[prefix.len()..t.len() - 2];
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{t}"
        );
        assert_eq!(
            p.reidentify(t.as_bytes()).unwrap(),
            "Иванов Иван +7 912".as_bytes()
        );
    }
    // Deterministic: equal values, equal tokens.
    assert_eq!(
        replace(&p, Label::Phone, "+7 912"),
        replace(&p, Label::Phone, "+7 912")
    );
}

#[test]
fn per_label_modes_and_allowlist() {
    let p = Pseudonymizer::builder()
        .key(key(1))
        .mode(Mode::Redact)
        .mode_for(Label::Phone, Mode::Mask)
        .allow("support@bank.ru")
        .build()
        .unwrap();
    assert_eq!(p.mode_for(Label::Phone), Mode::Mask);
    assert_eq!(p.mode_for(Label::Inn), Mode::Redact);
    let text = "Пишите support@bank.ru или ivan@mail.ru, тел. 8 912 345 67 89, ИНН 7707083893.";
    let find = |s: &str, label| {
        let start = text.find(s).unwrap();
        Finding {
            label,
            start,
            end: start + s.len(),
            score: 1.0,
        }
    };
    let findings = [
        find("support@bank.ru", Label::Email),
        find("ivan@mail.ru", Label::Email),
        find("8 912 345 67 89", Label::Phone),
        find("7707083893", Label::Inn),
    ];
    let out = String::from_utf8(p.anonymize(text.as_bytes(), &findings)).unwrap();
    assert_eq!(
        out,
        "Пишите support@bank.ru или [EMAIL], тел. 8 *** *** ** 89, ИНН [INN]."
    );
}

// ---------------------------------------------------------- determinism ----

fn all_samples() -> Vec<(Label, &'static str)> {
    vec![
        (Label::Person, "Иванов Иван"),
        (Label::Phone, "+7 (912) 345-67-89"),
        (Label::Phone, "8 800 555 35 35"),
        (Label::Email, "ivan@mail.ru"),
        (Label::Inn, "7707083893"),
        (Label::Inn, "500100732259"),
        (Label::Ogrn, "1027700132195"),
        (Label::Ogrnip, "304500116000157"),
        (Label::Snils, "112-233-445 95"),
        (Label::Passport, "4508 123456"),
        (Label::Card, "4276368811420603"),
        (Label::Account, "40702810000000012345"),
        (Label::KzIin, "660813333746"),
        (Label::Ip, "10.1.2.3"),
        (Label::Ip, "8.8.8.8"),
        (Label::Ip, "2001:db8::1"),
        (Label::Address, "Москва, Ленина 1"),
        (Label::Secret, "sk-abcdef"),
    ]
}

#[test]
fn same_key_same_output_other_key_all_change() {
    for mode in [Mode::Tag, Mode::Fake, Mode::Encrypt] {
        let a = with_mode(mode, 1);
        let a2 = with_mode(mode, 1);
        let b = with_mode(mode, 2);
        for (label, value) in all_samples() {
            let x = replace(&a, label, value);
            assert_eq!(x, replace(&a2, label, value), "{mode} {label}");
            assert_eq!(x, replace(&a, label, value), "{mode} {label}");
            assert_ne!(x, replace(&b, label, value), "{mode} {label} {value}");
        }
    }
}

#[test]
fn same_output_across_threads() {
    let p = std::sync::Arc::new(with_mode(Mode::Fake, 9));
    let want: Vec<String> = all_samples()
        .iter()
        .map(|(l, v)| replace(&p, *l, v))
        .collect();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = p.clone();
            std::thread::spawn(move || {
                all_samples()
                    .iter()
                    .map(|(l, v)| replace(&p, *l, v))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), want);
    }
}

#[test]
fn pseudonymizer_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Pseudonymizer>();
    assert_send_sync::<Key>();
    assert_send_sync::<Error>();
}

// ------------------------------------------------------- fake validity ----

/// Valid numbers of each checked kind, generated from random payloads.
fn valid_numbers(label: Label, rng: &mut Rng, count: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let d = match label {
            Label::Inn if rng.next().is_multiple_of(2) => {
                let mut d = rng.digits(10);
                d[9] = inn10_control(&d[..9]);
                d
            }
            Label::Inn => {
                let mut d = rng.digits(12);
                (d[10], d[11]) = inn12_controls(&d[..10]);
                d
            }
            Label::Ogrn => {
                let mut d = rng.digits(13);
                d[0] = [1, 5][(rng.next() % 2) as usize];
                d[12] = ogrn_control(&d);
                d
            }
            Label::Ogrnip => {
                let mut d = rng.digits(15);
                d[0] = 3;
                d[14] = ogrnip_control(&d);
                d
            }
            Label::Snils => {
                let mut d = rng.digits(11);
                let c = snils_control(&d[..9]);
                (d[9], d[10]) = (c / 10, c % 10);
                d
            }
            Label::KzIin => {
                let mut d = rng.digits(12);
                match kz_iin_control(&d[..11]) {
                    Some(c) => d[11] = c,
                    None => continue,
                }
                d
            }
            Label::Card => {
                let len = 13 + (rng.next() % 7) as usize;
                let mut d = rng.digits(len);
                d[0] = [2, 4, 5][(rng.next() % 3) as usize];
                d[len - 1] = luhn_control(&d[..len - 1]);
                d
            }
            _ => unreachable!(),
        };
        if label == Label::Snils && !snils_valid(&d) {
            continue;
        }
        out.push(to_ascii(&d));
    }
    out
}

fn validator(label: Label) -> fn(&[u8]) -> bool {
    match label {
        Label::Inn => inn_valid,
        Label::Ogrn => ogrn_valid,
        Label::Ogrnip => ogrnip_valid,
        Label::Snils => snils_valid,
        Label::KzIin => kz_iin_valid,
        Label::Card => luhn_valid,
        _ => unreachable!(),
    }
}

/// Writes a plain number in a layout people use (groups and separators).
fn with_layout(label: Label, s: &str, style: u64) -> String {
    match (label, style % 3) {
        (Label::Snils, 1) => format!("{}-{}-{} {}", &s[..3], &s[3..6], &s[6..9], &s[9..]),
        (Label::Card, 1) => s
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join(" "),
        (_, 2) => format!("{} {}", &s[..4], &s[4..]),
        _ => s.to_string(),
    }
}

#[test]
fn fake_identifiers_are_valid() {
    let p = with_mode(Mode::Fake, 7);
    let mut rng = Rng(42);
    for label in [
        Label::Inn,
        Label::Ogrn,
        Label::Ogrnip,
        Label::Snils,
        Label::KzIin,
        Label::Card,
    ] {
        let valid = validator(label);
        for (i, n) in valid_numbers(label, &mut rng, 2000).iter().enumerate() {
            assert!(valid(&digits(n)), "generator: {label} {n}");
            let v = with_layout(label, n, i as u64);
            let f = replace(&p, label, &v);
            assert_eq!(layout(&f), layout(&v), "{label}: {v} -> {f}");
            assert!(valid(&digits(&f)), "{label}: {v} -> {f} fails its check");
            if matches!(label, Label::Ogrn | Label::Ogrnip | Label::Card) {
                assert_eq!(f.as_bytes()[0], v.as_bytes()[0], "{label}: type digit kept");
            }
        }
    }
    // SNILS fakes use the check-number scheme (above 001-001-998).
    let f = replace(&p, Label::Snils, "001-001-999 00");
    let body: u32 = f[..11].replace('-', "").parse().unwrap();
    assert!(body > 1_001_998, "{f}");
}

#[test]
fn fake_account_keeps_balance_account_and_currency() {
    let p = with_mode(Mode::Fake, 7);
    let mut rng = Rng(7);
    for _ in 0..500 {
        let v = format!("40817810{}", to_ascii(&rng.digits(12)));
        let f = replace(&p, Label::Account, &v);
        assert_eq!(&f[..8], "40817810");
        assert_eq!(f.len(), 20);
        assert!(f.bytes().all(|b| b.is_ascii_digit()));
    }
}

/// The collision rate of keyed pseudonyms on `n` distinct values per kind.
/// Digit identifiers and IPv4 go through a keyed permutation, so they must not
/// collide at all; 32-bit ids (tag, fake e-mail) collide at the birthday rate
/// (≈ n²/2³³: 1.2 pairs per 100 000).
fn measure_collisions(n: u64) {
    let fake = with_mode(Mode::Fake, 11);
    let tag = with_mode(Mode::Tag, 11);
    // Distinct inputs: payload i·7919 mod 10^k (7919 is prime to 10).
    fn payload(i: u64, k: u32) -> String {
        let x = (12_345 + i * 7919) % 10u64.pow(k);
        format!("{x:0width$}", width = k as usize)
    }
    type Make = fn(u64) -> String;
    let kinds: Vec<(&str, Label, &Pseudonymizer, Make)> = vec![
        ("fake INN-10", Label::Inn, &fake, |i| {
            let mut d = digits(&payload(i, 9));
            let c = inn10_control(&d);
            d.push(c);
            to_ascii(&d)
        }),
        ("fake INN-12", Label::Inn, &fake, |i| {
            let mut d = digits(&payload(i, 10));
            let (a, b) = inn12_controls(&d);
            d.extend([a, b]);
            to_ascii(&d)
        }),
        ("fake OGRN", Label::Ogrn, &fake, |i| {
            let mut d = digits(&format!("1{}", payload(i, 11)));
            let c = ogrn_control(&d);
            d.push(c);
            to_ascii(&d)
        }),
        ("fake SNILS", Label::Snils, &fake, |i| {
            let mut d = digits(&format!("1{}", payload(i, 8)));
            let c = snils_control(&d);
            d.extend([c / 10, c % 10]);
            to_ascii(&d)
        }),
        ("fake CARD", Label::Card, &fake, |i| {
            let mut d = digits(&format!("4{}", payload(i, 14)));
            let c = luhn_control(&d);
            d.push(c);
            to_ascii(&d)
        }),
        ("fake PHONE", Label::Phone, &fake, |i| {
            format!("+7 9{}", payload(i, 9))
        }),
        ("fake PASSPORT", Label::Passport, &fake, |i| payload(i, 10)),
        ("fake ACCOUNT", Label::Account, &fake, |i| {
            format!("40702810{}", payload(i, 12))
        }),
        ("fake IPv4 private", Label::Ip, &fake, |i| {
            format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)
        }),
        ("fake EMAIL", Label::Email, &fake, |i| {
            format!("user.{i}@mail.ru")
        }),
        ("tag PHONE", Label::Phone, &tag, |i| {
            format!("+7 9{}", payload(i, 9))
        }),
    ];
    for (name, label, p, make) in kinds {
        let mut inputs = HashSet::new();
        let mut outputs = HashSet::new();
        for i in 0..n {
            let v = make(i);
            assert!(
                inputs.insert(v.clone()),
                "{name}: test inputs must be distinct"
            );
            outputs.insert(replace(p, label, &v));
        }
        let collisions = n as usize - outputs.len();
        println!(
            "{name:18} {n} values, {collisions} collisions ({:.4}%)",
            collisions as f64 * 100.0 / n as f64
        );
        if name.starts_with("fake") && label != Label::Email {
            assert_eq!(collisions, 0, "{name} must be injective");
        } else {
            assert!(collisions < 20, "{name}: {collisions} collisions");
        }
    }
}

#[test]
fn collision_rates_on_10k_values() {
    measure_collisions(10_000);
}

/// Slow in a debug build (about a minute); run with
/// `cargo test -p obezlik-pseudo --test api -- --ignored --nocapture collision`.
#[test]
#[ignore]
fn collision_rates_on_100k_values() {
    measure_collisions(100_000);
}

// ----------------------------------------------------------------- keys ----

#[test]
fn key_rules() {
    assert!(matches!(
        Key::from_bytes(vec![1; 31]),
        Err(Error::KeyTooShort { len: 31, .. })
    ));
    assert!(Key::from_bytes(vec![1; 32]).is_ok());
    let k = Key::generate().unwrap();
    assert_eq!(format!("{k:?}"), "Key(<redacted>)");
}

#[test]
fn no_key_material_in_debug() {
    let bytes: Vec<u8> = (0..32).map(|i| 0xA0 + i).collect();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let builder = Pseudonymizer::builder().key(Key::from_bytes(bytes.clone()).unwrap());
    let b = format!("{builder:?}");
    let p = builder.build().unwrap();
    let s = format!("{p:?} {p:#?}");
    for dbg in [&b, &s] {
        assert!(!dbg.contains(&hex[..8]), "{dbg}");
        assert!(!dbg.contains("160"), "decimal key bytes leaked: {dbg}");
        assert!(!dbg.contains("0xa0") && !dbg.contains("[160"), "{dbg}");
    }
    assert!(s.contains("<redacted>") && s.contains("PHONE"), "{s}");
}

#[test]
fn key_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("obezlik.key");

    let missing = Key::load(&path).unwrap_err();
    assert!(matches!(missing, Error::KeyFileMissing { .. }));
    assert!(missing.to_string().contains("obezlik keygen"), "{missing}");

    let written = write_new_key_file(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.len(), 65);
    assert!(text.ends_with('\n') && text[..64].bytes().all(|b| b.is_ascii_hexdigit()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let overwrite = write_new_key_file(&path).unwrap_err();
    assert!(
        matches!(overwrite, Error::KeyFileExists { .. }),
        "{overwrite}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "must not be touched"
    );

    let (loaded, warning) = Key::load(&path).unwrap();
    assert_eq!(warning, None);
    // The loaded key is the written one: same pseudonyms.
    let a = Pseudonymizer::builder().key(written).build().unwrap();
    let b = Pseudonymizer::builder().key(loaded).build().unwrap();
    assert_eq!(
        replace(&a, Label::Inn, "7707083893"),
        replace(&b, Label::Inn, "7707083893")
    );

    let empty = dir.path().join("empty.key");
    std::fs::write(&empty, "").unwrap();
    let e = Key::load(&empty).unwrap_err();
    assert!(
        matches!(e, Error::KeyFileEmpty { .. }) && e.to_string().contains("keygen"),
        "{e}"
    );

    let short = dir.path().join("short.key");
    std::fs::write(&short, "00112233445566778899aabbccddeeff\n").unwrap();
    let e = Key::load(&short).unwrap_err();
    assert!(matches!(e, Error::KeyTooShort { len: 16, .. }), "{e}");
    assert!(e.to_string().contains("keygen"), "{e}");

    let phrase = dir.path().join("phrase.key");
    std::fs::write(&phrase, "my secret password is very long indeed, 40+\n").unwrap();
    assert!(matches!(
        Key::load(&phrase).unwrap_err(),
        Error::KeyFileMalformed { .. }
    ));

    let raw = dir.path().join("raw.key");
    std::fs::write(&raw, [0x80u8; 32]).unwrap();
    assert!(Key::load(&raw).is_ok());

    assert!(matches!(
        Key::load(dir.path()).unwrap_err(),
        Error::KeyFileMalformed { .. } | Error::Io { .. }
    ));
}

#[cfg(unix)]
#[test]
fn readable_key_file_warns() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k");
    write_new_key_file(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (_, warning) = Key::load(&path).unwrap();
    let w = warning.expect("a warning for a world-readable key");
    assert!(matches!(w, Warning::KeyFileExposed { mode: 0o644, .. }));
    assert!(w.to_string().contains("chmod 600"), "{w}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(Key::load(&path).unwrap().1.is_some());
}

#[test]
fn keyed_modes_refuse_to_build_without_key() {
    for mode in [Mode::Tag, Mode::Fake, Mode::Mask, Mode::Encrypt] {
        let e = Pseudonymizer::builder().mode(mode).build().unwrap_err();
        assert!(matches!(e, Error::KeyRequired { label: None, .. }), "{e}");
        assert!(e.to_string().contains("keygen"), "{e}");
    }
    let e = Pseudonymizer::builder()
        .mode(Mode::Redact)
        .mode_for(Label::Inn, Mode::Tag)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::KeyRequired {
                mode: Mode::Tag,
                label: Some(Label::Inn)
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("INN"), "{e}");
    assert!(Pseudonymizer::builder().mode(Mode::Redact).build().is_ok());
}

// ------------------------------------------------------------ reidentify ----

fn finding(text: &str, part: &str, label: Label) -> Finding {
    let start = text.find(part).unwrap();
    Finding {
        label,
        start,
        end: start + part.len(),
        score: 1.0,
    }
}

#[test]
fn reidentify_round_trip_with_multiline_values() {
    let p = with_mode(Mode::Encrypt, 5);
    let text =
        "Клиент: Иванов Иван\r\nАдрес: г. Москва,\nул. Ленина, д. 1\nтел. +7 912 345-67-89\n";
    let findings = [
        finding(text, "Иванов Иван", Label::Person),
        finding(text, "г. Москва,\nул. Ленина, д. 1", Label::Address),
        finding(text, "+7 912 345-67-89", Label::Phone),
    ];
    let enc = p.anonymize(text.as_bytes(), &findings);
    let enc_text = String::from_utf8(enc.clone()).unwrap();
    assert_eq!(enc_text.lines().count(), text.lines().count(), "{enc_text}");
    assert!(!enc_text.contains("Иванов") && !enc_text.contains("Ленина"));
    let mut back = Vec::new();
    let stats = p.reidentify_into(&enc, &mut back).unwrap();
    assert_eq!(back, text.as_bytes());
    assert_eq!(stats.tokens, 3);
    assert_eq!(stats.by_label[Label::Address as usize], 1);
    assert_ne!(stats, ReidentifyStats::default());

    // A language model quoting the token without its line break still restores.
    let addr = p.anonymize(
        b"g\nh",
        &[Finding {
            label: Label::Address,
            start: 0,
            end: 3,
            score: 1.0,
        }],
    );
    let token_only = &addr[..addr.len() - 1];
    assert_eq!(
        p.reidentify(&[b"see ", token_only, b" ok"].concat())
            .unwrap(),
        b"see g\nh ok"
    );
}

#[test]
fn reidentify_reports_bad_tokens() {
    let p = with_mode(Mode::Encrypt, 5);
    // An authenticated (SIV) token: e-mail addresses are not digits.
    let token = replace(&p, Label::Email, "ivan.petrov@mail.ru");
    assert!(token.starts_with("[[EMAIL~"), "{token}");

    // Another key: authentication fails, the offset is named.
    let other = with_mode(Mode::Encrypt, 6);
    let input = format!("abc {token}");
    match other.reidentify(input.as_bytes()) {
        Err(Error::BadToken { offset: 4, reason }) => assert!(reason.contains("key")),
        r => panic!("{r:?}"),
    }

    // Look-alikes are reported, not kept.
    for (bad, offset) in [
        ("x [[PHONE~]]", 2),
        ("x [[PHONE~abc", 2),
        ("[[INN~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA]]", 0),
        ("ok [[EMAIL~A]]", 3),
    ] {
        match p.reidentify(bad.as_bytes()) {
            Err(Error::BadToken { offset: o, .. }) => assert_eq!(o, offset, "{bad}"),
            r => panic!("{bad}: {r:?}"),
        }
    }
    // A token with a changed label does not authenticate either.
    let relabelled = token.replacen("EMAIL", "SECRET", 1);
    assert!(p.reidentify(relabelled.as_bytes()).is_err());

    // Brackets that are no token pass through.
    let plain = "[[wiki]] [PHONE:1234abcd] [[PHONE]] [[[x]]] [[FOO~bar]]";
    assert_eq!(p.reidentify(plain.as_bytes()).unwrap(), plain.as_bytes());
    // A token right after a `[` is still found.
    let tight = format!("[{token}]");
    assert_eq!(
        p.reidentify(tight.as_bytes()).unwrap(),
        b"[ivan.petrov@mail.ru]"
    );

    // Format-preserving digit tokens are not authenticated: under another
    // key one decrypts to another valid number of the same layout.
    let phone = replace(&p, Label::Phone, "+7 912 345-67-89");
    assert!(phone.starts_with("[[PHONE=+7 9"), "{phone}");
    let wrong = other.reidentify(phone.as_bytes()).unwrap();
    assert_ne!(wrong, b"+7 912 345-67-89");
    assert_eq!(wrong.len(), "+7 912 345-67-89".len());
    // A digit token whose digits cannot be the label's is an error.
    assert!(p.reidentify(b"[[INN=12]]").is_err());

    let no_key = Pseudonymizer::builder().mode(Mode::Redact).build().unwrap();
    assert!(matches!(
        no_key.reidentify(b"x"),
        Err(Error::ReidentifyWithoutKey)
    ));
}

#[test]
fn normalize_is_public() {
    let mut buf = Vec::new();
    normalize(Label::Phone, b"8 (912) 345-67-89", &mut buf);
    assert_eq!(buf, b"79123456789");
}

#[test]
fn encrypt_keeps_digit_identifiers_valid_and_reverses_them() {
    use obezlik_detect::checksum;
    let p = with_mode(Mode::Encrypt, 11);
    for (label, value) in [
        (Label::Inn, "7707083893"),
        (Label::Inn, "500100732259"),
        (Label::Ogrn, "1027700132195"),
        (Label::Snils, "112-233-445 95"),
        (Label::Card, "4276 3688 1142 0603"),
        (Label::Phone, "8 (912) 345-67-89"),
        (Label::Account, "40702810900000012345"),
    ] {
        let token = replace(&p, label, value);
        let inner = token
            .strip_prefix(&format!("[[{}=", label.as_str()))
            .and_then(|t| t.strip_suffix("]]"))
            .unwrap_or_else(|| panic!("{label}: {token}"));
        assert_eq!(inner.len(), value.len(), "{token}: same layout");
        assert_ne!(inner, value);
        // The checksum functions take digit values, not ASCII.
        let digits: Vec<u8> = inner
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        match label {
            Label::Inn => assert!(checksum::inn_valid(&digits), "{token}"),
            Label::Ogrn => assert!(checksum::ogrn_valid(&digits), "{token}"),
            Label::Snils => assert!(checksum::snils_valid(&digits), "{token}"),
            Label::Card => assert!(checksum::luhn_valid(&digits), "{token}"),
            _ => {}
        }
        let text = format!("ИНН и прочее: {token}.\n");
        assert_eq!(
            p.reidentify(text.as_bytes()).unwrap(),
            format!("ИНН и прочее: {value}.\n").as_bytes(),
            "{token}"
        );
    }
}

#[test]
fn encrypted_phones_cards_and_ids_always_come_back() {
    // Many values per label, in several layouts: the format-preserving
    // encryption must invert whatever digits it produced.
    let p = with_mode(Mode::Encrypt, 12);
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let n = next();
        let d = |k: u32| ((n >> (k * 4)) % 10).to_string();
        let national: String = (0..10).map(d).collect();
        for (label, value) in [
            (
                Label::Phone,
                format!(
                    "+7 ({}) {}-{}-{}",
                    &national[..3],
                    &national[3..6],
                    &national[6..8],
                    &national[8..]
                ),
            ),
            (Label::Phone, format!("8{national}")),
            (Label::Phone, format!("+49 30 {}", &national[..8])),
            (
                Label::Account,
                format!("40702810{}{}", &national, &national[..2]),
            ),
            (Label::Passport, format!("45 08 {}", &national[..6])),
        ] {
            let token = replace(&p, label, &value);
            assert_eq!(
                p.reidentify(token.as_bytes()).unwrap(),
                value.as_bytes(),
                "{value} -> {token}"
            );
        }
    }
}
