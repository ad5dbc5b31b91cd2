//! Gold loading, input building, prediction parsing and report edge cases.

use std::path::PathBuf;

use obezlik_eval::{
    parse_findings, parse_labels, score, Corpus, Error, GoldDoc, GoldSpan, Options, Prediction,
};

fn write_tmp(name: &str, content: &[u8]) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("obezlik-eval-{name}"));
    std::fs::write(&p, content).unwrap();
    p
}

fn doc(id: &str, source: &str, text: &str, spans: &[(&str, usize, usize)]) -> GoldDoc {
    GoldDoc {
        id: id.into(),
        source: source.into(),
        text: text.into(),
        spans: spans
            .iter()
            .map(|&(l, s, e)| GoldSpan {
                label: l.into(),
                start: s,
                end: e,
            })
            .collect(),
    }
}

fn pred(label: &str, start: usize, end: usize) -> Prediction {
    Prediction {
        label: label.into(),
        start,
        end,
        text: None,
    }
}

#[test]
fn joined_input_layout() {
    let c = Corpus::from_docs(vec![
        doc("a", "x", "Ёж", &[]),
        doc("b", "x", "", &[]),
        doc("c", "x", "ok", &[]),
    ])
    .unwrap();
    assert_eq!(c.joined(), "Ёж\n\n\n\nok\n".as_bytes());
    assert_eq!(c.doc_byte_ranges(), &[0..4, 6..6, 8..10]);
}

#[test]
fn load_reads_ids_sources_and_filters_labels() {
    let gold = concat!(
        "{\"id\": \"a\", \"source\": \"s:1\", \"text\": \"Иван Петров\", \"spans\": [{\"label\": \"PERSON\", \"start\": 0, \"end\": 11}]}\r\n",
        "\n",
        "{\"text\": \"тел 89123456789\", \"spans\": [{\"label\": \"PHONE\", \"start\": \"4\", \"end\": 15.0}]}\n",
        "{\"id\": 7, \"text\": \"x\"}",
    );
    let p = write_tmp("ok.jsonl", gold.as_bytes());
    let c = Corpus::load(&p, None).unwrap();
    let ids: Vec<&str> = c.docs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "3", "7"]); // missing id -> line number (the blank line counts)
    assert_eq!(
        c.docs()[1].spans,
        [GoldSpan {
            label: "PHONE".into(),
            start: 4,
            end: 15
        }]
    );
    assert_eq!(c.docs()[1].source, "");
    let only_phone = Corpus::load(&p, Some(&["PHONE".to_owned()])).unwrap();
    assert!(only_phone.docs()[0].spans.is_empty());
    assert_eq!(only_phone.docs()[1].spans.len(), 1);
}

#[test]
fn load_errors_name_the_line() {
    let cases: &[(&str, &str)] = &[
        ("{\"text\": \"ab\"}\n{\"text\": \"ab\", \"spans\": [{\"label\": \"X\", \"start\": 1, \"end\": 3}]}\n", ":2: bad gold line: span X 1:3 outside text of length 2"),
        ("{\"text\": \"ab\"}\n\n{\"txt\": \"ab\"}\n", ":3: bad gold line: missing key 'text'"),
        ("{\"text\": 5}\n", ":1: bad gold line: text is not a string"),
        ("[1]\n", ":1: bad gold line: the line is not a JSON object"),
        ("{\"text\": \"ab\"\n", ":1: bad gold line: invalid JSON"),
        ("{\"text\": \"ab\", \"spans\": [{\"label\": \"X\", \"start\": 1}]}\n", ":1: bad gold line: a span has no key 'end'"),
        ("{\"text\": \"ab\", \"spans\": [{\"label\": \"X\", \"start\": 1, \"end\": 1}]}\n", "span X 1:1 outside text"),
        // character offsets: "Ёж" has 2 characters (4 bytes)
        ("{\"text\": \"Ёж\", \"spans\": [{\"label\": \"X\", \"start\": 0, \"end\": 4}]}\n", "span X 0:4 outside text of length 2"),
    ];
    for (i, (content, want)) in cases.iter().enumerate() {
        let p = write_tmp(&format!("bad{i}.jsonl"), content.as_bytes());
        let e = Corpus::load(&p, None).unwrap_err();
        let msg = e.to_string();
        assert!(matches!(e, Error::BadLine { .. }), "{msg}");
        assert!(msg.contains(want), "case {i}: {msg}");
        assert!(msg.starts_with(&p.display().to_string()), "{msg}");
        assert_eq!(e.exit_code(), 2);
    }
    let p = write_tmp("empty.jsonl", b"\n  \n");
    assert!(matches!(
        Corpus::load(&p, None),
        Err(Error::NoDocuments { .. })
    ));
    let p = write_tmp("latin1.jsonl", b"{\"text\": \"\xe9\"}\n");
    assert!(Corpus::load(&p, None)
        .unwrap_err()
        .to_string()
        .contains(":1: bad gold line: not valid UTF-8"));
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("does-not-exist.jsonl");
    let e = Corpus::load(&missing, None).unwrap_err();
    assert!(e.to_string().contains("cannot open gold file"), "{e}");
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn from_docs_validates_spans() {
    let e = Corpus::from_docs(vec![doc("a", "", "Ёж", &[("X", 1, 3)])]).unwrap_err();
    assert!(
        e.to_string()
            .contains("span X 1:3 outside text of length 2"),
        "{e}"
    );
    assert!(matches!(
        Corpus::from_docs(vec![]),
        Err(Error::NoDocuments { path: None })
    ));
}

#[test]
fn parse_labels_like_score_py() {
    assert_eq!(
        parse_labels(" PHONE,,EMAIL ,PHONE").unwrap(),
        ["PHONE", "EMAIL"]
    );
    let e = parse_labels("PHONE,DATE").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("--labels: unknown label(s) DATE; known: PERSON, PHONE"),
        "{e}"
    );
}

#[test]
fn parse_findings_rejects_or_skips_junk() {
    let out = b"{\"label\":\"PHONE\",\"start\":0,\"end\":3,\"text\":\"abc\"}\n\n\
                {\"label\":\"PHONE\",\"start\":0,\"end\":99}\n\
                not json\n\
                {\"label\":\"PHONE\",\"start\":1.0,\"end\":3}\n\
                {\"label\":\"PHONE\",\"start\":2,\"end\":3,\"text\":5}\n";
    let e = parse_findings(out, 10, false).unwrap_err();
    assert_eq!(e.exit_code(), 3);
    let msg = e.to_string();
    assert!(msg.starts_with("detector output has 3 unparsable line(s); first at line 3 (offsets 0:99 outside input of 10 bytes)"), "{msg}");
    let ok = parse_findings(out, 10, true).unwrap();
    assert_eq!(ok.skipped_lines, 3);
    assert_eq!(
        ok.findings,
        [
            Prediction {
                label: "PHONE".into(),
                start: 0,
                end: 3,
                text: Some("abc".into())
            },
            pred("PHONE", 2, 3)
        ]
    );
}

#[test]
fn report_edge_cases() {
    // doc "a" = bytes 0..13 ("Ёж Иван": Ё, ж 2 bytes each, space, Иван 8 bytes), separator
    // 13..15, doc "n" (a negative) 15..25, final newline 25
    let c = Corpus::from_docs(vec![
        doc("a", "src:1", "Ёж Иван", &[("PERSON", 3, 7)]),
        doc("n", "negative", "пусто", &[]),
    ])
    .unwrap();
    assert_eq!(c.joined().len(), 26);
    let preds = [
        pred("PERSON", 5, 13), // exact
        pred("PERSON", 0, 99), // invalid offsets: ignored with a warning
        pred("PHONE", 11, 14), // crosses from doc a into the separator
        pred("PHONE", 15, 17), // in the negative doc
        Prediction {
            text: Some("xx".into()),
            ..pred("EMAIL", 25, 26)
        }, // the final newline
    ];
    let opts = Options {
        skipped_lines: 2,
        ..Options::default()
    };
    let r = score(&c, &preds, 0.0, &opts);
    assert_eq!(r.warnings[0], "skipped 2 unparsable output line(s)");
    assert!(r.warnings[1].starts_with("ignored 1 finding(s) with offsets outside the input"));
    assert_eq!(
        r.warnings[2],
        "1 finding(s) whose 'text' differs from the input bytes at start..end"
    );
    assert_eq!(
        r.warnings[3],
        "2 finding(s) cross a document boundary (counted as false positives)"
    );
    let order: Vec<&str> = r.labels.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(order, ["PERSON", "PHONE", "EMAIL"]);
    let person = r.label("PERSON").unwrap();
    assert_eq!(
        (person.strict_p, person.strict_r, person.protection),
        (1.0, 1.0, Some(1.0))
    );
    let phone = r.label("PHONE").unwrap();
    assert_eq!(
        (
            phone.gold,
            phone.pred,
            phone.cross_boundary,
            phone.relaxed_p,
            phone.relaxed_r
        ),
        (0, 2, 1, 0.0, 0.0)
    );
    assert_eq!((r.neg_bytes, r.neg_findings), (10, 1));
    assert_eq!(r.fp_per_mb, Some(1.0 / (10.0 / 1e6)));
    assert_eq!(r.mb_s, None); // wall 0
    assert_eq!(r.by_source.keys().collect::<Vec<_>>(), ["negative", "src"]);
    assert_eq!(r.by_source["src"].pred, 2); // the crossing PHONE starts in src
    assert!(r.errors.is_none());
    let json = serde_json::to_value(&r).unwrap();
    assert!(
        json.get("errors").is_none() && json["labels_filter"].is_null() && json["mb_s"].is_null()
    );
    assert_eq!(
        r.summary_line(),
        format!(
            "summary: relaxed_f1={:.3} strict_f1={:.3} protection=1.000 fp_per_mb=100000.0 mb_s=na",
            r.overall.relaxed_f1, r.overall.strict_f1
        )
    );

    // an empty label filter ignores everything (score.py with --labels ",")
    let r = score(
        &c,
        &preds,
        1.0,
        &Options {
            labels: Some(vec![]),
            ..Options::default()
        },
    );
    assert!(r.labels.is_empty() && r.labels_filter.is_none());
    assert_eq!(
        (r.overall.gold, r.overall.pred, r.overall.relaxed_f1),
        (0, 0, 1.0)
    );
    assert_eq!(r.overall.protection, None);
}

#[test]
fn no_negatives_and_error_examples() {
    let c = Corpus::from_docs(vec![doc(
        "a",
        "s",
        "строка 1\nИван Петров тут",
        &[("PERSON", 9, 20)],
    )])
    .unwrap();
    let r = score(
        &c,
        &[],
        2.0,
        &Options {
            show_errors: 1,
            ..Options::default()
        },
    );
    assert_eq!(r.fp_per_mb, None);
    let e = &r.errors.as_ref().unwrap()["PERSON"];
    assert_eq!(e.missed.len(), 1);
    assert_eq!(e.missed[0].text, "Иван Петров");
    assert_eq!(e.missed[0].context, "…строка 1⏎[[Иван Петров]] тут…");
    let mut out = Vec::new();
    r.write_human(&mut out, "g.jsonl", "obezlik scan").unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("negatives: no documents with source neg* in the gold file\n"),
        "{out}"
    );
    assert!(
        out.contains("  MISSED a: …строка 1⏎[[Иван Петров]] тут…\n"),
        "{out}"
    );
    assert!(out.ends_with("mb_s=0.00\n"), "{out}");
}
