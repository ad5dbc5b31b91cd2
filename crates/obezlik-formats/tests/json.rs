//! JSON Lines: table tests and property tests against serde_json.

use obezlik_formats::{
    transform_json_line, transform_json_str, Error, FieldSelector, JsonErrorKind, JsonStats,
    MAX_DEPTH,
};
use proptest::prelude::*;
use serde_json::Value;

/// Runs the transformation; returns the output text and every text `f` saw.
fn run(
    line: &str,
    sel: &FieldSelector,
    mut f: impl FnMut(&str) -> Option<String>,
) -> (String, Vec<String>, JsonStats) {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let stats = transform_json_line(line.as_bytes(), sel, &mut out, |s| {
        seen.push(s.to_owned());
        f(s)
    })
    .unwrap_or_else(|e| panic!("{line}: {e}"));
    // The `&str` entry point (no second UTF-8 check) sees and writes the same.
    let mut out_str = Vec::new();
    let mut seen_str = Vec::new();
    let stats_str = transform_json_str(line, sel, &mut out_str, |s| {
        seen_str.push(s.to_owned());
        f(s)
    })
    .unwrap_or_else(|e| panic!("{line}: {e}"));
    assert_eq!(
        (&out_str, &seen_str, stats_str),
        (&out, &seen, stats),
        "{line}"
    );
    (String::from_utf8(out).unwrap(), seen, stats)
}

fn upper(s: &str) -> Option<String> {
    Some(s.to_uppercase())
}

fn keep(_: &str) -> Option<String> {
    None
}

fn stats(seen: u64, selected: u64, changed: u64, undecodable: u64) -> JsonStats {
    JsonStats {
        strings_seen: seen,
        strings_selected: selected,
        strings_changed: changed,
        strings_undecodable: undecodable,
    }
}

#[test]
fn escapes_reach_f_decoded() {
    let all = FieldSelector::all();
    let cases: &[(&str, &str)] = &[
        (r#"{"a":"\u0418\u041d\u041d"}"#, "ИНН"),
        (r#"{"a":"\ud83d\ude00"}"#, "😀"),
        (r#"{"a":"\uD83D\uDE00 x"}"#, "😀 x"),
        (
            r#"{"a":"q\"b\\s\/n\nt\tr\rb\bf\f"}"#,
            "q\"b\\s/n\nt\tr\rb\u{8}f\u{c}",
        ),
        (r#"{"a":"\u0000\u001f\u00e9é"}"#, "\u{0}\u{1f}éé"),
        (r#"{"a":"plain ИНН"}"#, "plain ИНН"),
        (r#"{"a":""}"#, ""),
    ];
    for &(line, decoded) in cases {
        // `None` and "the same text" both keep the original bytes, escapes and all.
        let (out, seen, st) = run(line, &all, keep);
        assert_eq!(
            (out.as_str(), seen.as_slice()),
            (line, &[decoded.to_owned()][..]),
            "{line}"
        );
        assert_eq!(st, stats(1, 1, 0, 0));
        let (out, _, st) = run(line, &all, |s| Some(s.to_owned()));
        assert_eq!(out, line);
        assert_eq!(st, stats(1, 1, 0, 0));
        // A replacement is re-encoded.
        let (out, _, st) = run(line, &all, |s| Some(format!("<{s}>")));
        let expected = serde_json::json!({ "a": format!("<{decoded}>") }).to_string();
        assert_eq!(out, expected, "{line}");
        assert_eq!(st, stats(1, 1, 1, 0));
    }
}

#[test]
fn replacement_encoding() {
    let (out, _, _) = run(r#"{"a":"x"}"#, &FieldSelector::all(), |_| {
        Some("q\"b\\n\nr\rt\t\u{1}\u{7f}/ИНН😀\u{2028}".to_owned())
    });
    assert_eq!(
        out,
        "{\"a\":\"q\\\"b\\\\n\\nr\\rt\\t\\u0001\u{7f}/ИНН😀\u{2028}\"}"
    );
    let back: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(back["a"], "q\"b\\n\nr\rt\t\u{1}\u{7f}/ИНН😀\u{2028}");
}

#[test]
fn keys_numbers_whitespace_untouched() {
    let line = "\u{feff} { \"ИНН\" :\t\"ИНН\" , \"\\u0418\": [ 1.50e+3, -0, 0.0E-0, 12345678901234567890123 ,true,false , null ] ,\"k\":{} }\r";
    let (out, seen, st) = run(line, &FieldSelector::all(), |s| Some(format!("[{s}]")));
    assert_eq!(
        out,
        "\u{feff} { \"ИНН\" :\t\"[ИНН]\" , \"\\u0418\": [ 1.50e+3, -0, 0.0E-0, 12345678901234567890123 ,true,false , null ] ,\"k\":{} }\r"
    );
    assert_eq!(seen, ["ИНН"]);
    assert_eq!(st, stats(1, 1, 1, 0));
}

#[test]
fn empty_and_whitespace_lines() {
    for line in ["", "   ", "\t\r", "\u{feff}", "\u{feff}  "] {
        let (out, seen, st) = run(line, &FieldSelector::all(), upper);
        assert_eq!(out, line);
        assert!(seen.is_empty());
        assert_eq!(st, JsonStats::default());
    }
}

#[test]
fn top_level_scalars() {
    let all = FieldSelector::all();
    assert_eq!(run(r#""абв""#, &all, upper).0, r#""АБВ""#);
    assert_eq!(run(" 42 ", &all, upper).0, " 42 ");
    assert_eq!(run("null", &all, upper).0, "null");
    // A path never selects the root string.
    let sel = FieldSelector::parse(&["a"]).unwrap();
    assert_eq!(run(r#""абв""#, &sel, upper).0, r#""абв""#);
}

#[test]
fn appends_to_out() {
    let mut out = b"before\n".to_vec();
    transform_json_line(br#"{"a":"b"}"#, &FieldSelector::all(), &mut out, upper).unwrap();
    assert_eq!(out, b"before\n{\"a\":\"B\"}");
    // On error nothing is appended.
    let err = transform_json_line(br#"{"a":"b"} x"#, &FieldSelector::all(), &mut out, upper);
    assert!(err.is_err());
    assert_eq!(out, b"before\n{\"a\":\"B\"}");
}

#[test]
fn nested_arrays_and_paths() {
    let line = r#"[[["a"]], ["b", ["c"]], {"x": "d"}]"#;
    let cases: &[(&[&str], &[&str])] = &[
        (&["*"], &[]),
        (&["*.*"], &["b", "d"]),
        (&["*.*.*"], &["a", "c"]),
        (&["0.0.0"], &["a"]),
        (&["*.1.0"], &["c"]),
        (&["1.1.*"], &["c"]),
        (&["2.x"], &["d"]),
        (&["*.x", "0.0.0"], &["a", "d"]),
        (&["2"], &[]),
        (&["00.0.0"], &[]),
    ];
    for &(paths, want) in cases {
        let sel = FieldSelector::parse(paths).unwrap();
        let (out, seen, st) = run(line, &sel, keep);
        assert_eq!(out, line);
        assert_eq!(seen, want, "{paths:?}");
        assert_eq!(st, stats(4, want.len() as u64, 0, 0));
    }
    let (_, seen, _) = run(line, &FieldSelector::all(), keep);
    assert_eq!(seen, ["a", "b", "c", "d"]);
}

#[test]
fn path_selection() {
    let line = r#"{"prompt":"p","meta":{"prompt":"inner","n":"m"},"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}],"obj":{"a":"b"},"\u0070rompt2":"escaped key","0":"zero"}"#;
    let cases: &[(&[&str], &[&str])] = &[
        (&["prompt"], &["p"]),
        (&["meta.prompt"], &["inner"]),
        (&["*.prompt"], &["inner"]),
        (&["meta.*"], &["inner", "m"]),
        (&["messages.*.content"], &["hi", "yo"]),
        (&["messages.1.content"], &["yo"]),
        (&["messages.*.*"], &["user", "hi", "assistant", "yo"]),
        // An object or array at the path selects nothing below it.
        (&["obj"], &[]),
        (&["messages"], &[]),
        (&["messages.*"], &[]),
        (&["prompt2"], &["escaped key"]),
        (&["0"], &["zero"]),
        (&[" prompt ", "prompt"], &["p"]),
        (&["nothing.here"], &[]),
    ];
    for &(paths, want) in cases {
        let sel = FieldSelector::parse(paths).unwrap();
        let (out, seen, _) = run(line, &sel, keep);
        assert_eq!(out, line);
        assert_eq!(seen, want, "{paths:?}");
    }
    let sel = FieldSelector::parse(&["messages.*.content"]).unwrap();
    let (out, _, st) = run(line, &sel, upper);
    assert_eq!(
        out,
        line.replace(r#""hi""#, r#""HI""#)
            .replace(r#""yo""#, r#""YO""#)
    );
    assert_eq!(st, stats(10, 2, 2, 0));
}

#[test]
fn chat_selector_openai_and_anthropic() {
    let chat = FieldSelector::chat();
    let line = r#"{"model":"gpt-4o","messages":[{"role":"system","content":"Ты помощник."},{"role":"user","content":"Мой ИНН 7707083893"}],"temperature":0.2,"response":{"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":"Принято"}}]},"choices":[{"message":{"role":"assistant","content":"Готово"}}]}"#;
    let (_, seen, st) = run(line, &chat, keep);
    assert_eq!(seen, ["Ты помощник.", "Мой ИНН 7707083893", "Готово"]);
    assert_eq!(st.strings_seen, 10);
    // response.choices.* is not a chat path; give it explicitly.
    let sel = FieldSelector::parse(&["response.choices.*.message.content"]).unwrap();
    assert_eq!(run(line, &sel, keep).1, ["Принято"]);

    let parts = r#"{"messages":[{"role":"user","content":[{"type":"text","text":"Позвоните: +7 912 345-67-89"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}],"system":[{"type":"text","text":"sys"}]}"#;
    let (out, seen, _) = run(parts, &chat, |s| {
        Some(s.replace("+7 912 345-67-89", "<PHONE>"))
    });
    assert_eq!(seen, ["Позвоните: +7 912 345-67-89", "sys"]);
    assert_eq!(out, parts.replace("+7 912 345-67-89", "<PHONE>"));

    let anthropic = r#"{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Здравствуйте, Иван"}],"stop_reason":"end_turn"}"#;
    assert_eq!(run(anthropic, &chat, keep).1, ["Здравствуйте, Иван"]);

    let completion = r#"{"prompt":"a","completion":"b","input":"c","output":"d","other":"e"}"#;
    assert_eq!(run(completion, &chat, keep).1, ["a", "b", "c", "d"]);
}

#[test]
fn undecodable_strings_are_kept_without_calling_f() {
    let all = FieldSelector::all();
    let cases: &[&[u8]] = &[
        b"{\"a\":\"\xff\xfe\"}",
        b"{\"a\":\"ok \xd0\"}",
        b"{\"a\":\"\\u0041\xc3\x28\"}",
        br#"{"a":"\ud800"}"#,
        br#"{"a":"\udc00\ud800"}"#,
        br#"{"a":"x\ud83dy"}"#,
    ];
    for &line in cases {
        let mut out = Vec::new();
        let st =
            transform_json_line(line, &all, &mut out, |s| panic!("called with {s:?}")).unwrap();
        assert_eq!(out, line);
        assert_eq!(st, stats(1, 1, 0, 1));
    }
    // Keys that are not text never match a named segment.
    let sel = FieldSelector::parse(&["a", "*.b"]).unwrap();
    let line = b"{\"\xff\":\"x\",\"\\ud800\":{\"b\":\"y\"}}";
    let mut out = Vec::new();
    let mut seen = Vec::new();
    transform_json_line(line, &sel, &mut out, |s| {
        seen.push(s.to_owned());
        None
    })
    .unwrap();
    assert_eq!(seen, ["y"]);
    assert_eq!(out, line);
}

#[test]
fn invalid_json() {
    use JsonErrorKind as K;
    let cases: &[(&str, usize, K)] = &[
        (
            r#"{"a":1,}"#,
            7,
            K::UnexpectedByte {
                found: b'}',
                expected: "a key in double quotes",
            },
        ),
        (
            r#"{"a" 1}"#,
            5,
            K::UnexpectedByte {
                found: b'1',
                expected: "':' after a key",
            },
        ),
        (
            "[1 2]",
            3,
            K::UnexpectedByte {
                found: b'2',
                expected: "',' or ']'",
            },
        ),
        (
            "[1,]",
            3,
            K::UnexpectedByte {
                found: b']',
                expected: "a value",
            },
        ),
        (r#"{"a":"abc"#, 5, K::UnterminatedString),
        (r#"{"a":"abc\"#, 5, K::UnterminatedString),
        (r#"{"a":"\x"}"#, 6, K::InvalidEscape),
        (r#"{"a":"\u12G4"}"#, 6, K::InvalidEscape),
        (r#"{"a":"\u12"}"#, 6, K::InvalidEscape),
        (
            "{\"a\":\"b\tc\"}",
            7,
            K::ControlCharacterInString { found: b'\t' },
        ),
        ("01", 1, K::TrailingCharacters),
        ("1.", 0, K::InvalidNumber),
        ("-", 0, K::InvalidNumber),
        ("-a", 0, K::InvalidNumber),
        ("1e", 0, K::InvalidNumber),
        ("1e+", 0, K::InvalidNumber),
        (
            ".5",
            0,
            K::UnexpectedByte {
                found: b'.',
                expected: "a value",
            },
        ),
        (
            "tru",
            3,
            K::UnexpectedEnd {
                expected: "true, false or null",
            },
        ),
        (
            "nul1",
            3,
            K::UnexpectedByte {
                found: b'1',
                expected: "true, false or null",
            },
        ),
        (
            "NaN",
            0,
            K::UnexpectedByte {
                found: b'N',
                expected: "a value",
            },
        ),
        ("{} {}", 3, K::TrailingCharacters),
        (
            "{'a':1}",
            1,
            K::UnexpectedByte {
                found: b'\'',
                expected: "a key in double quotes",
            },
        ),
        (
            "[",
            1,
            K::UnexpectedEnd {
                expected: "a value",
            },
        ),
        (
            "{\"a\":1",
            6,
            K::UnexpectedEnd {
                expected: "',' or '}'",
            },
        ),
        (
            "{\"a\"",
            4,
            K::UnexpectedEnd {
                expected: "':' after a key",
            },
        ),
        (
            "{\"a\":",
            5,
            K::UnexpectedEnd {
                expected: "a value",
            },
        ),
        (
            "\u{a0}{}",
            0,
            K::UnexpectedByte {
                found: 0xC2,
                expected: "a value",
            },
        ),
    ];
    for (line, byte, kind) in cases {
        let mut out = Vec::new();
        let err = transform_json_line(line.as_bytes(), &FieldSelector::all(), &mut out, upper)
            .expect_err(line);
        assert_eq!(
            err,
            Error::Json {
                line: None,
                byte: *byte,
                kind: kind.clone()
            },
            "{line}"
        );
        assert!(out.is_empty());
        assert!(
            serde_json::from_str::<Value>(line).is_err(),
            "serde accepts {line}"
        );
    }
}

#[test]
fn error_messages() {
    let mut out = Vec::new();
    let err = transform_json_line(br#"{"text": "abc"#, &FieldSelector::all(), &mut out, upper)
        .unwrap_err()
        .with_line(17);
    assert_eq!(
        err.to_string(),
        "line 17 is not valid JSON: unterminated string at byte 9; use --jsonl only on JSON Lines input (one complete JSON value per line)"
    );
    let err = transform_json_line(b"[1 2]", &FieldSelector::all(), &mut out, upper).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the line is not valid JSON: unexpected '2' where ',' or ']' was expected at byte 3; use --jsonl only on JSON Lines input (one complete JSON value per line)"
    );
}

#[test]
fn depth_limit() {
    let all = FieldSelector::all();
    let ok = format!("{}\"x\"{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(run(&ok, &all, upper).0, ok.replace('x', "X"));
    let chat = FieldSelector::chat();
    assert_eq!(run(&ok, &chat, upper).0, ok);

    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    let mut out = Vec::new();
    let err = transform_json_line(deep.as_bytes(), &all, &mut out, upper).unwrap_err();
    assert_eq!(
        err,
        Error::Json {
            line: None,
            byte: MAX_DEPTH,
            kind: JsonErrorKind::TooDeep { limit: MAX_DEPTH }
        }
    );
    assert!(
        err.to_string().contains("nested deeper than 256 levels"),
        "{err}"
    );

    // Hostile input: an error, not a stack overflow, whatever the selector.
    let hostile_arrays = "[".repeat(1_000_000);
    let hostile_objects = "{\"a\":".repeat(200_000);
    for sel in [&all, &chat] {
        for line in [&hostile_arrays, &hostile_objects] {
            let err = transform_json_line(line.as_bytes(), sel, &mut out, upper).unwrap_err();
            assert!(matches!(
                err,
                Error::Json {
                    kind: JsonErrorKind::TooDeep { .. },
                    ..
                }
            ));
        }
    }
    assert!(out.is_empty());
}

#[test]
fn stats_add_up() {
    let mut total = JsonStats::default();
    for line in [r#"{"a":"x","b":"y"}"#, r#"["x","Y"]"#] {
        total += run(line, &FieldSelector::all(), upper).2;
    }
    assert_eq!(total, stats(4, 4, 3, 0));
}

// ---- properties -------------------------------------------------------------

/// Strings rich in characters that need escaping or change under uppercasing.
fn arb_string() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1f}', '\u{7f}', 'a', 'z',
        ' ', 'И', 'н', 'ё', 'ß', 'ﬁ', '😀', '\u{2028}', '\u{feff}', 'é',
    ]);
    prop::collection::vec(prop_oneof![special, any::<char>()], 0..12).prop_map(String::from_iter)
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "messages", "content", "text", "prompt", "role", "0", "1", "a"
        ])
        .prop_map(str::to_owned),
        arb_string(),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |x| serde_json::Number::from_f64(x)
            .map(Value::Number)),
        arb_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// serde_json's own transformation: uppercase every string value (not keys).
fn upper_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.to_uppercase()),
        Value::Array(a) => Value::Array(a.iter().map(upper_value).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), upper_value(v))).collect())
        }
        other => other.clone(),
    }
}

/// The string values in document order.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(m) => m.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The string values whose path matches one of `paths` (a reference matcher).
fn selected_strings(v: &Value, path: &mut Vec<String>, paths: &[&str], out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let hit = paths.iter().any(|p| {
                let segs: Vec<&str> = p.split('.').collect();
                segs.len() == path.len()
                    && segs
                        .iter()
                        .zip(path.iter())
                        .all(|(s, k)| *s == "*" || s == k)
            });
            if hit {
                out.push(s.clone());
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.push(i.to_string());
                selected_strings(v, path, paths, out);
                path.pop();
            }
        }
        Value::Object(m) => {
            for (k, v) in m {
                path.push(k.clone());
                selected_strings(v, path, paths, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Serializes with every non-ASCII character, control character and `/` as a
/// `\uXXXX`/`\/` escape (surrogate pairs above U+FFFF) and some extra spaces.
fn to_ascii_json(v: &Value, out: &mut String) {
    fn string(s: &str, out: &mut String) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '/' => out.push_str("\\/"),
                ' '..='~' => out.push(c),
                _ => {
                    for unit in c.encode_utf16(&mut [0; 2]) {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
        }
        out.push('"');
    }
    match v {
        Value::String(s) => string(s, out),
        Value::Array(a) => {
            out.push_str("[ ");
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(" ,\t");
                }
                to_ascii_json(v, out);
            }
            out.push_str(" ]");
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push_str(" : ");
                to_ascii_json(v, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn transform(line: &str, sel: &FieldSelector, f: impl FnMut(&str) -> Option<String>) -> Vec<u8> {
    let mut out = Vec::new();
    transform_json_line(line.as_bytes(), sel, &mut out, f)
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    out
}

proptest! {
    #[test]
    fn prop_serde_serialized(v in arb_json()) {
        let all = FieldSelector::all();
        for line in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            prop_assert_eq!(transform(&line, &all, keep), line.as_bytes());
            let out = transform(&line, &all, upper);
            let parsed: Value = serde_json::from_slice(&out).expect("output is valid JSON");
            let reparsed: Value = serde_json::from_str(&line).unwrap();
            prop_assert_eq!(&parsed, &upper_value(&reparsed));
            // Byte for byte what serde_json writes for the transformed value.
            let expected = if line.contains('\n') {
                serde_json::to_string_pretty(&upper_value(&v)).unwrap()
            } else {
                serde_json::to_string(&upper_value(&v)).unwrap()
            };
            prop_assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    #[test]
    fn prop_escaped_input(v in arb_json()) {
        let mut line = String::new();
        to_ascii_json(&v, &mut line);
        let all = FieldSelector::all();
        prop_assert_eq!(transform(&line, &all, keep), line.as_bytes());
        // f sees every string value decoded, in document order.
        let mut seen = Vec::new();
        transform(&line, &all, |s| { seen.push(s.to_owned()); Some(s.to_owned()) });
        let mut want = Vec::new();
        strings(&v, &mut want);
        prop_assert_eq!(seen, want);
        let out = transform(&line, &all, upper);
        let parsed: Value = serde_json::from_slice(&out).expect("output is valid JSON");
        let reparsed: Value = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(parsed, upper_value(&reparsed));
    }

    #[test]
    fn prop_path_selection(v in arb_json(), ascii in any::<bool>()) {
        let line = if ascii {
            let mut s = String::new();
            to_ascii_json(&v, &mut s);
            s
        } else {
            serde_json::to_string(&v).unwrap()
        };
        let path_sets: &[&[&str]] = &[
            obezlik_formats::CHAT_PATHS,
            &["*"],
            &["*.*", "a.0"],
            &["messages.*.content.*.text", "0.1"],
        ];
        for &paths in path_sets {
            let sel = FieldSelector::parse(paths).unwrap();
            let mut seen = Vec::new();
            let out = transform(&line, &sel, |s| { seen.push(s.to_owned()); upper(s) });
            let mut want = Vec::new();
            selected_strings(&v, &mut Vec::new(), paths, &mut want);
            prop_assert_eq!(&seen, &want);
            // Only the selected values changed.
            let parsed: Value = serde_json::from_slice(&out).unwrap();
            let mut changed = Vec::new();
            selected_strings(&parsed, &mut Vec::new(), paths, &mut changed);
            let want_upper: Vec<String> = want.iter().map(|s| s.to_uppercase()).collect();
            prop_assert_eq!(changed, want_upper);
        }
    }

    /// Random token soup: never panics; whatever serde_json accepts is accepted
    /// and, with `f = None`, copied byte for byte.
    #[test]
    fn prop_token_soup(tokens in prop::collection::vec(prop::sample::select(vec![
        "{", "}", "[", "]", ",", ":", " ", "\"a\"", "\"\\u0418\"", "\"\\ud800\"", "\"\\", "\"",
        "1", "-0.5e+3", "01", "true", "nul", "null", "\t", "x",
    ]), 0..24)) {
        let line: String = tokens.concat();
        let mut out = Vec::new();
        let ours = transform_json_line(line.as_bytes(), &FieldSelector::chat(), &mut out, keep);
        if serde_json::from_str::<Value>(&line).is_ok() {
            prop_assert!(ours.is_ok(), "{}: {:?}", line, ours);
        }
        match ours {
            Ok(_) => prop_assert_eq!(out, line.as_bytes()),
            Err(_) => prop_assert!(out.is_empty()),
        }
    }
}
