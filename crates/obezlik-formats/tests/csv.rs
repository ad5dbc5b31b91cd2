//! CSV: quoting round trips, column selection, errors, and a property test.

use obezlik_formats::{transform_csv, CsvErrorKind, CsvOptions, CsvStats, Error};
use proptest::prelude::*;

fn cols(names: &[&str]) -> CsvOptions {
    CsvOptions {
        columns: Some(names.iter().map(|s| s.to_string()).collect()),
        ..CsvOptions::default()
    }
}

fn run(
    input: &str,
    opts: &CsvOptions,
    mut f: impl FnMut(&str) -> Option<String>,
) -> (String, Vec<String>, CsvStats) {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let stats = transform_csv(input.as_bytes(), opts, &mut out, |s| {
        seen.push(s.to_owned());
        f(s)
    })
    .unwrap_or_else(|e| panic!("{input:?}: {e}"));
    (String::from_utf8(out).unwrap(), seen, stats)
}

fn upper(s: &str) -> Option<String> {
    Some(s.to_uppercase())
}

fn keep(_: &str) -> Option<String> {
    None
}

#[test]
fn quoting_round_trips() {
    let input = "id,name,note\r\n1,\"Иванов, Иван\",\"он сказал \"\"да\"\"\"\r\n2,petrov,\"две\nстроки\"\r\n3,,\"\"\r\n";
    let all = CsvOptions::default();
    let (out, seen, st) = run(input, &all, keep);
    assert_eq!(out, input);
    assert_eq!(
        seen,
        [
            "1",
            "Иванов, Иван",
            "он сказал \"да\"",
            "2",
            "petrov",
            "две\nстроки",
            "3",
            "",
            ""
        ]
    );
    assert_eq!(
        st,
        CsvStats {
            records: 3,
            fields_seen: 9,
            fields_selected: 9,
            fields_changed: 0,
            fields_undecodable: 0
        }
    );
    // The same text also keeps the original bytes.
    assert_eq!(run(input, &all, |s| Some(s.to_owned())).0, input);

    let (out, _, st) = run(input, &all, upper);
    assert_eq!(
        out,
        "id,name,note\r\n1,\"ИВАНОВ, ИВАН\",\"ОН СКАЗАЛ \"\"ДА\"\"\"\r\n2,PETROV,\"ДВЕ\nСТРОКИ\"\r\n3,,\"\"\r\n"
    );
    assert_eq!(st.fields_changed, 4);
}

#[test]
fn replacements_are_quoted_when_needed() {
    let opts = cols(&["v"]);
    let cases: &[(&str, &str)] = &[
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("", ""),
        ("a;b", "a;b"),
    ];
    for &(new, written) in cases {
        let (out, _, _) = run("k,v\nx,old\n", &opts, |_| Some(new.to_owned()));
        assert_eq!(out, format!("k,v\nx,{written}\n"), "{new:?}");
        // A field that was quoted stays quoted.
        let (out, _, _) = run("k,v\nx,\"old\"\n", &opts, |_| Some(new.to_owned()));
        let quoted = if written.starts_with('"') {
            written.to_owned()
        } else {
            format!("\"{written}\"")
        };
        assert_eq!(out, format!("k,v\nx,{quoted}\n"), "{new:?}");
    }
}

#[test]
fn column_selection_by_header_name() {
    let input = "id;ФИО; email ;ФИО\nивн;Иван;a@b.ru;Пётр;extra\n\"x\";\"Анна\"\n";
    let opts = CsvOptions {
        separator: b';',
        columns: Some(vec!["ФИО".into(), "email".into()]),
    };
    let (out, seen, st) = run(input, &opts, upper);
    assert_eq!(seen, ["Иван", "a@b.ru", "Пётр", "Анна"]);
    assert_eq!(
        out,
        "id;ФИО; email ;ФИО\nивн;ИВАН;A@B.RU;ПЁТР;extra\n\"x\";\"АННА\"\n"
    );
    assert_eq!(
        st,
        CsvStats {
            records: 2,
            fields_seen: 7,
            fields_selected: 4,
            fields_changed: 4,
            fields_undecodable: 0
        }
    );
    // Without `columns`, every field of the data records, also beyond the header.
    let all = CsvOptions {
        separator: b';',
        columns: None,
    };
    let (out, _, st) = run(input, &all, upper);
    assert_eq!(
        out,
        "id;ФИО; email ;ФИО\nИВН;ИВАН;A@B.RU;ПЁТР;EXTRA\n\"X\";\"АННА\"\n"
    );
    assert_eq!(st.fields_selected, 7);
}

#[test]
fn header_is_never_transformed() {
    let (out, seen, st) = run("name\n", &CsvOptions::default(), upper);
    assert_eq!((out.as_str(), seen.len(), st.records), ("name\n", 0, 0));
    let (out, _, _) = run("\u{feff}\"name\"\nivan", &cols(&["name"]), upper);
    assert_eq!(out, "\u{feff}\"name\"\nIVAN");
}

#[test]
fn line_ends_kept() {
    let opts = CsvOptions::default();
    for input in [
        "a,b\r\nx,y\r\n",
        "a,b\nx,y\n",
        "a,b\r\nx,y",
        "a,b\nx,y\r",
        "a,b\r\n\"x\",\"y\"\r\n",
        "a,b\r\n\"x\",\"y\"",
        "a,b\r\n\"x\",\"y\"\r",
        "a,b\nx,y\n\nz,w\n",
        "a,b\nx,\n,y\n",
    ] {
        let (out, _, _) = run(input, &opts, upper);
        assert_eq!(
            out,
            input
                .replace('x', "X")
                .replace('y', "Y")
                .replace('z', "Z")
                .replace('w', "W")
        );
    }
    // A CR inside an unquoted field is data; before LF it is the line end.
    let (_, seen, _) = run("a\nx\ry\r\n", &opts, keep);
    assert_eq!(seen, ["x\ry"]);
}

#[test]
fn empty_input() {
    for input in ["", "\u{feff}"] {
        let (out, seen, st) = run(input, &cols(&["x"]), upper);
        assert_eq!(
            (out.as_str(), seen.len(), st),
            (input, 0, CsvStats::default())
        );
    }
}

#[test]
fn undecodable_fields_are_kept() {
    let input = b"a,b\n\xff\xfe,\"x\"\"\xc3\"\n";
    let mut out = Vec::new();
    let st = transform_csv(input, &CsvOptions::default(), &mut out, |s| {
        panic!("called with {s:?}")
    })
    .unwrap();
    assert_eq!(out, input);
    assert_eq!(st.fields_undecodable, 2);
}

#[test]
fn missing_columns() {
    let mut out = b"keep".to_vec();
    let err = transform_csv(
        b"id,name\n1,x\n",
        &cols(&["name", "email", "phone"]),
        &mut out,
        upper,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::MissingColumns {
            missing: vec!["email".into(), "phone".into()],
            available: vec!["id".into(), "name".into()],
        }
    );
    assert_eq!(
        err.to_string(),
        "the CSV header has no column \"email\", \"phone\"; the header's columns are \"id\", \"name\" (names are case-sensitive, spaces around them are ignored; if the header is one long name, set the right separator)"
    );
    assert_eq!(out, b"keep");
    // A semicolon file read with the default separator.
    let err = transform_csv(b"id;name\n1;x\n", &cols(&["name"]), &mut out, upper).unwrap_err();
    assert!(
        matches!(err, Error::MissingColumns { ref available, .. } if available == &["id;name"])
    );
}

#[test]
fn malformed_csv() {
    let cases: &[(&str, u64, usize, CsvErrorKind)] = &[
        (
            "a,b\n1,\"open\n2,3\n",
            2,
            6,
            CsvErrorKind::UnterminatedQuotedField,
        ),
        (
            "a,b\n1,\"x\"y\n",
            2,
            9,
            CsvErrorKind::CharacterAfterClosingQuote { found: b'y' },
        ),
        (
            "a,b\n\"multi\nline\" ,2\n",
            3,
            16,
            CsvErrorKind::CharacterAfterClosingQuote { found: b' ' },
        ),
        ("\"a\nb", 1, 0, CsvErrorKind::UnterminatedQuotedField),
        ("a\n\"x\"\"", 2, 2, CsvErrorKind::UnterminatedQuotedField),
        (
            "a\n\"x\"\rz",
            2,
            5,
            CsvErrorKind::CharacterAfterClosingQuote { found: b'\r' },
        ),
    ];
    for (input, line, byte, kind) in cases {
        let mut out = b"keep".to_vec();
        let err =
            transform_csv(input.as_bytes(), &CsvOptions::default(), &mut out, upper).unwrap_err();
        assert_eq!(
            err,
            Error::Csv {
                line: *line,
                byte: *byte,
                kind: kind.clone()
            },
            "{input:?}"
        );
        assert_eq!(out, b"keep");
    }
    let err = transform_csv(
        b"a,b\n1,\"x\"y\n",
        &CsvOptions::default(),
        &mut Vec::new(),
        upper,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "CSV line 2 is malformed: 'y' follows the closing quote of a field (inside a quoted field a quote is written as \"\") (byte 9); check the separator (comma, semicolon, tab?) and that quotes inside quoted fields are doubled"
    );
    // A quote inside an unquoted field is data.
    assert_eq!(
        run("a\nsay \"hi\"\n", &CsvOptions::default(), keep).1,
        ["say \"hi\""]
    );
}

#[test]
fn invalid_separator() {
    for separator in [b'"', b'\n', b'\r'] {
        let opts = CsvOptions {
            separator,
            columns: None,
        };
        let err = transform_csv(b"a\n", &opts, &mut Vec::new(), upper).unwrap_err();
        assert_eq!(err, Error::InvalidSeparator { separator });
    }
    let opts = CsvOptions {
        separator: b'\t',
        columns: Some(vec!["b".into()]),
    };
    assert_eq!(
        run("a\tb\nx,1\t\"y\tz\"\n", &opts, upper).0,
        "a\tb\nx,1\t\"Y\tZ\"\n"
    );
}

// ---- properties -------------------------------------------------------------

fn arb_field() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'a', 'b', 'Ж', 'ß', ',', ';', '"', '\n', '\r', ' ', '😀',
    ]);
    prop::collection::vec(chars, 0..6).prop_map(String::from_iter)
}

/// Writes records the way a typical CSV writer would: quoted when needed,
/// sometimes quoted anyway.
fn write_csv(records: &[Vec<(String, bool)>], crlf: bool, last_eol: bool) -> String {
    let mut out = String::new();
    for (i, record) in records.iter().enumerate() {
        for (j, (field, force)) in record.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            if *force || field.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        if i + 1 < records.len() || last_eol {
            out.push_str(if crlf { "\r\n" } else { "\n" });
        }
    }
    out
}

proptest! {
    #[test]
    fn prop_csv_round_trip(
        header in prop::collection::vec("[a-z]{1,4}", 1..4),
        rows in prop::collection::vec(prop::collection::vec((arb_field(), any::<bool>()), 1..4), 0..5),
        crlf in any::<bool>(),
        last_eol in any::<bool>(),
    ) {
        // Records whose only field is empty and unquoted would be blank lines: quote them.
        let rows: Vec<Vec<(String, bool)>> = rows
            .into_iter()
            .map(|r| if r.len() == 1 && r[0].0.is_empty() { vec![(String::new(), true)] } else { r })
            .collect();
        let mut records = vec![header.iter().map(|h| (h.clone(), false)).collect::<Vec<_>>()];
        records.extend(rows.iter().cloned());
        let input = write_csv(&records, crlf, last_eol);

        let (out, seen, st) = run(&input, &CsvOptions::default(), keep);
        prop_assert_eq!(&out, &input);
        let want: Vec<String> = rows.iter().flatten().map(|(f, _)| f.clone()).collect();
        prop_assert_eq!(seen, want);
        prop_assert_eq!(st.records, rows.len() as u64);

        let (out, _, _) = run(&input, &CsvOptions::default(), upper);
        let mut upper_records = records.clone();
        for record in upper_records.iter_mut().skip(1) {
            for (field, _) in record.iter_mut() {
                *field = field.to_uppercase();
            }
        }
        prop_assert_eq!(out, write_csv(&upper_records, crlf, last_eol));
    }
}
