//! The one generic test for the rule example files `rules/examples/*.txt` and
//! the examples inside the SECRET rule files `rules/secrets/*.txt`.
//!
//! Each `+` line must yield exactly its marked findings, each `-` line none.
//! Every line is checked three ways: alone, inside the whole file scanned at
//! once, and with the label subset of the file only (a subset never moves a span).
//! Every SECRET rule file must carry positive and negative examples.

use std::path::Path;

use obezlik_detect::{Label, LabelSet, Scanner, ScannerBuilder};

struct Case {
    file: String,
    line_no: usize,
    text: String,
    expected: Vec<(Label, usize, usize)>,
}

fn parse_file(path: &Path) -> Vec<Case> {
    let body = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let mut default_label = None;
    let mut cases = Vec::new();
    for (n, raw) in body.lines().enumerate() {
        if let Some(l) = raw.strip_prefix("label: ") {
            default_label = Some(l.trim().parse::<Label>().unwrap());
            continue;
        }
        let (positive, rest) = match raw.split_at_checked(2) {
            Some(("+ ", r)) => (true, r),
            Some(("- ", r)) => (false, r),
            _ => continue,
        };
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut r = rest;
        while let Some(mut open) = r.find("[[") {
            // "[[[addr]]]": the marker is the inner pair of brackets.
            if r[open + 2..].starts_with('[') {
                open += 1;
            }
            text.push_str(&r[..open]);
            let after = &r[open + 2..];
            let close = after
                .find("]]")
                .unwrap_or_else(|| panic!("{file}:{}: unclosed [[", n + 1));
            let mut inner = &after[..close];
            let mut label = default_label.unwrap_or_else(|| panic!("{file}: no `label:` line"));
            if let Some((l, v)) = inner.split_once(':') {
                if let Ok(parsed) = l.parse::<Label>() {
                    label = parsed;
                    inner = v;
                }
            }
            let start = text.len();
            text.push_str(inner);
            expected.push((label, start, text.len()));
            r = &after[close + 2..];
        }
        text.push_str(r);
        assert!(
            positive || expected.is_empty(),
            "{file}:{}: a negative line has markers",
            n + 1
        );
        assert!(
            !positive || !expected.is_empty(),
            "{file}:{}: a positive line has no marker",
            n + 1
        );
        cases.push(Case {
            file: file.clone(),
            line_no: n + 1,
            text,
            expected,
        });
    }
    cases
}

fn txt_files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
}

fn all_cases() -> Vec<Case> {
    let mut paths = txt_files("rules/examples");
    paths.extend(txt_files("rules/secrets"));
    let cases: Vec<Case> = paths.iter().flat_map(|p| parse_file(p)).collect();
    assert!(cases.len() > 50, "too few rule examples: {}", cases.len());
    cases
}

fn found(scanner: &Scanner, text: &str) -> Vec<(Label, usize, usize)> {
    scanner
        .scan(text.as_bytes())
        .iter()
        .map(|f| (f.label, f.start, f.end))
        .collect()
}

fn show(text: &str, spans: &[(Label, usize, usize)]) -> String {
    spans
        .iter()
        .map(|&(l, s, e)| format!("{l}:{:?}", &text[s..e]))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_rule_example_holds() {
    let scanner = Scanner::new();
    let mut failures = Vec::new();
    for c in all_cases() {
        let got = found(&scanner, &c.text);
        if got != c.expected {
            failures.push(format!(
                "{}:{}: {:?}\n    expected [{}]\n    found    [{}]",
                c.file,
                c.line_no,
                c.text,
                show(&c.text, &c.expected),
                show(&c.text, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule example(s) fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn examples_hold_inside_one_document_and_per_label() {
    let scanner = Scanner::new();
    let cases = all_cases();
    let mut doc = String::new();
    let mut expected = Vec::new();
    for c in &cases {
        let base = doc.len();
        expected.extend(c.expected.iter().map(|&(l, s, e)| (l, base + s, base + e)));
        doc.push_str(&c.text);
        doc.push('\n');
    }
    assert_eq!(found(&scanner, &doc), expected);
    for label in Label::ALL {
        let only = ScannerBuilder::new()
            .labels(LabelSet::of(&[label]))
            .build()
            .unwrap();
        let want: Vec<_> = expected.iter().copied().filter(|f| f.0 == label).collect();
        assert_eq!(found(&only, &doc), want, "subset {label}");
    }
}

#[test]
fn every_secret_rule_file_has_positives_and_negatives() {
    let files = txt_files("rules/secrets");
    assert!(
        files.len() >= 10,
        "too few SECRET rule files: {}",
        files.len()
    );
    for path in files {
        let cases = parse_file(&path);
        let pos = cases.iter().filter(|c| !c.expected.is_empty()).count();
        let neg = cases.len() - pos;
        assert!(
            pos >= 2 && neg >= 2,
            "{}: {pos} positive and {neg} negative examples; at least 2 of each",
            path.display()
        );
        assert!(
            cases
                .iter()
                .flat_map(|c| &c.expected)
                .any(|&(l, _, _)| l == Label::Secret),
            "{}: no SECRET example",
            path.display()
        );
    }
}
