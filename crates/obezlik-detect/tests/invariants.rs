//! Properties that hold for any input: findings are sorted, disjoint, inside
//! the input and on character boundaries; detection is line-local (scanning
//! line by line or in chunks cut at line ends finds the same); a label subset
//! never moves a span; arbitrary bytes never panic.

use obezlik_detect::{Finding, Label, LabelSet, Scanner, ScannerBuilder};
use proptest::prelude::*;

/// Pieces that make realistic and hostile text: numbers in many layouts, cue
/// words, separators, Cyrillic, escapes and broken UTF-8.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"+7 (912) 345-67-89".to_vec()),
        Just(b"89123456789".to_vec()),
        Just("ИНН ".as_bytes().to_vec()),
        Just("СНИЛС 112-233-445 95".as_bytes().to_vec()),
        Just(b"7707083893".to_vec()),
        Just(b"4276 3688 1142 0603".to_vec()),
        Just(b"ivan.petrov@mail.ru".to_vec()),
        Just("иван@почта.рф".as_bytes().to_vec()),
        Just(b"10.0.0.1".to_vec()),
        Just(b"2001:db8::1".to_vec()),
        Just(b"ts=1724296038".to_vec()),
        Just("р/с 40702810900000012345".as_bytes().to_vec()),
        Just("серия 4508 № 123456".as_bytes().to_vec()),
        Just(b"\\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\xd0".to_vec()),
        secret_piece(),
        name_piece(),
        "[0-9 ().:/@+-]{1,12}".prop_map(String::into_bytes),
        "[a-zA-Zа-яА-ЯёЁ_ ]{1,10}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 1..8),
    ]
}

/// Pieces of names and addresses (the words pass): words of every role and
/// case, initials, cue and place words, separators that join or split them.
fn name_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just("Иванов ".as_bytes().to_vec()),
        Just("Ивану ".as_bytes().to_vec()),
        Just("Петровичу".as_bytes().to_vec()),
        Just("Кузнецовой Анне Сергеевне".as_bytes().to_vec()),
        Just("А.С. ".as_bytes().to_vec()),
        Just("И. И.".as_bytes().to_vec()),
        Just("ИВАНОВ ИВАН ".as_bytes().to_vec()),
        Just("Ivanov Ivan".as_bytes().to_vec()),
        Just("меня зовут ".as_bytes().to_vec()),
        Just("клиент ".as_bytes().to_vec()),
        Just("г. Москва, ".as_bytes().to_vec()),
        Just("ул. Ленина, д. 5, кв. 12".as_bytes().to_vec()),
        Just("620014, ".as_bytes().to_vec()),
        Just("Республика Казахстан, ".as_bytes().to_vec()),
        Just("\u{a0}".as_bytes().to_vec()),
        Just(", ".as_bytes().to_vec()),
    ]
}

/// Pieces of credentials and their context (the SECRET pass), cut so that
/// they combine with each other and with the numbers above.
fn secret_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"password=".to_vec()),
        Just(b"Qwerty1709".to_vec()),
        Just("пароль ".as_bytes().to_vec()),
        Just(b"\"api_key\": \"".to_vec()),
        Just(b"6499226771:AA-wMEDjhjO2rrg9bxcQfkJ9Uc-erNPeC53".to_vec()),
        Just(b":AA-wMEDjhjO2rrg9bxcQfkJ9Uc-erNPeC53".to_vec()),
        Just(b"Bearer ".to_vec()),
        Just(b"redis://:Parol670$@".to_vec()),
        Just(b"sk-proj-fD-c0O5uZZB2Gdq2z6jmhBoeUXogx".to_vec()),
        Just(b"eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjQyfQ.c2lnbmF0dXJl".to_vec()),
        Just(b"-----BEGIN PRIVATE KEY-----".to_vec()),
        Just(b"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj".to_vec()),
        Just(b"-----END PRIVATE KEY-----".to_vec()),
        Just(b"AKIAIOSFODNN7EXAMPLE".to_vec()),
    ]
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

fn spans(f: &[Finding]) -> Vec<(Label, usize, usize)> {
    f.iter().map(|x| (x.label, x.start, x.end)).collect()
}

fn check_shape(input: &[u8], found: &[Finding]) {
    let mut last = 0;
    for f in found {
        assert!(
            f.start >= last && f.start < f.end && f.end <= input.len(),
            "{f:?}"
        );
        assert!((0.0..=1.0).contains(&f.score));
        assert!(
            !input[f.range()].contains(&b'\n'),
            "a finding crosses a line: {f:?}"
        );
        // Findings start and end on character boundaries when the text around is valid UTF-8.
        for p in [f.start, f.end] {
            if p < input.len() {
                assert!(
                    input[p] & 0xC0 != 0x80 || std::str::from_utf8(input).is_err(),
                    "{f:?} splits a character"
                );
            }
        }
        last = f.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn findings_are_well_formed_and_line_local(input in text()) {
        let scanner = Scanner::new();
        let whole = scanner.scan(&input);
        check_shape(&input, &whole);
        // Line by line, with offsets moved back into the whole input.
        let mut by_line = Vec::new();
        let mut pos = 0;
        for line in input.split_inclusive(|&b| b == b'\n') {
            scanner.scan_into(line, pos, &mut by_line);
            pos += line.len();
        }
        prop_assert_eq!(spans(&whole), spans(&by_line));
    }

    #[test]
    fn a_label_subset_never_moves_a_span(input in text(), pick in 0usize..14) {
        let label = Label::ALL[pick];
        let all = Scanner::new().scan(&input);
        let only = ScannerBuilder::new().labels(LabelSet::of(&[label])).build().unwrap().scan(&input);
        let want: Vec<_> = spans(&all).into_iter().filter(|s| s.0 == label).collect();
        prop_assert_eq!(spans(&only), want);
    }

    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..512)) {
        let found = Scanner::new().scan(&input);
        check_shape(&input, &found);
    }
}
