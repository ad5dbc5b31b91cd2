//! What each fuzz target checks, written once. Used by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, through the `obezlik_fuzz` library) and by the
//! stable replay test `crates/obezlik/tests/fuzz_replay.rs` (through
//! `#[path]`), which runs every file of `fuzz/corpus/<target>/` through
//! [`run`].
//!
//! Every function takes arbitrary bytes, must not panic on any of them, and
//! asserts the library's documented guarantees.

#![allow(dead_code)]

use std::sync::OnceLock;

use obezlik::{Engine, Finding, Key, Label, LabelSet, Mode, Policy, Scanner, ScannerBuilder};
use obezlik_formats::{
    transform_csv, transform_json_line, transform_json_str, CsvOptions, FieldSelector,
};

/// The target names, as the directories under `fuzz/corpus/`.
pub const TARGETS: [&str; 6] = ["scan", "anonymize", "reidentify", "jsonl", "csv", "policy"];

/// Runs the check of `target` on `data`; false for an unknown target.
pub fn run(target: &str, data: &[u8]) -> bool {
    match target {
        "scan" => scan(data),
        "anonymize" => anonymize(data),
        "reidentify" => reidentify(data),
        "jsonl" => jsonl(data),
        "csv" => csv(data),
        "policy" => policy(data),
        _ => return false,
    }
    true
}

/// The fixed key of every keyed engine here.
pub const KEY: [u8; 32] = [
    0x6f, 0x62, 0x65, 0x7a, 0x6c, 0x69, 0x6b, 0x2d, 0x66, 0x75, 0x7a, 0x7a, 0x2d, 0x6b, 0x65, 0x79,
    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
];

struct Fixtures {
    all: Scanner,
    /// One scanner per label, detecting that label only (SPEC order).
    single: Vec<(Label, Scanner)>,
    /// One engine per mode, in `Mode::ALL` order.
    engines: Vec<(Mode, Engine)>,
    selectors: [FieldSelector; 3],
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| Fixtures {
        all: Scanner::new(),
        single: Label::ALL
            .into_iter()
            .map(|l| {
                let s = ScannerBuilder::new()
                    .labels(LabelSet::of(&[l]))
                    .build()
                    .expect("a one-label scanner builds");
                (l, s)
            })
            .collect(),
        engines: Mode::ALL.into_iter().map(|m| (m, engine(m))).collect(),
        selectors: [
            FieldSelector::all(),
            FieldSelector::parse(&["messages.*.content", "prompt", "a.0.b"])
                .expect("the selector parses"),
            FieldSelector::chat(),
        ],
    })
}

fn engine(mode: Mode) -> Engine {
    Engine::builder()
        .key(Key::from_bytes(KEY.to_vec()).expect("a 32-byte key"))
        .mode(mode)
        .build()
        .expect("the engine builds")
}

fn engine_for(mode: Mode) -> &'static Engine {
    &fixtures()
        .engines
        .iter()
        .find(|(m, _)| *m == mode)
        .expect("every mode has an engine")
        .1
}

/// A cheap, stable choice from the input (so a replay makes the same one).
fn pick(data: &[u8], n: usize) -> usize {
    let h = data.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    });
    h as usize % n
}

/// Sorted, non-overlapping, non-empty, in bounds, never containing `\n`; on
/// UTF-8 input, on character boundaries.
fn check_findings(input: &[u8], found: &[Finding], what: &str) {
    let text = std::str::from_utf8(input).ok();
    let mut prev_end = 0;
    for f in found {
        assert!(
            f.start < f.end && f.end <= input.len(),
            "{what}: finding {f:?} empty or out of bounds (len {})",
            input.len()
        );
        assert!(
            f.start >= prev_end,
            "{what}: finding {f:?} overlaps or precedes the previous one (ended at {prev_end})"
        );
        assert!(
            !input[f.range()].contains(&b'\n'),
            "{what}: finding {f:?} crosses a line break"
        );
        assert!(
            (0.0..=1.0).contains(&f.score),
            "{what}: finding {f:?} score outside 0..1"
        );
        if let Some(t) = text {
            assert!(
                t.is_char_boundary(f.start) && t.is_char_boundary(f.end),
                "{what}: finding {f:?} splits a UTF-8 character"
            );
        }
        prev_end = f.end;
    }
}

/// `Scanner::scan`: the findings' invariants, line-locality, label subsets.
pub fn scan(data: &[u8]) {
    let fx = fixtures();
    let all = fx.all.scan(data);
    check_findings(data, &all, "scan");

    // Line-local: each line alone (at its offset) finds the same.
    let mut by_line = Vec::new();
    let mut base = 0;
    for line in data.split(|&b| b == b'\n') {
        fx.all.scan_into(line, base, &mut by_line);
        base += line.len() + 1;
    }
    assert_eq!(
        by_line, all,
        "scanning line by line differs from scanning whole"
    );

    // A one-label subset reports exactly that label's findings of the full set.
    let (label, only) = &fx.single[pick(data, fx.single.len())];
    let want: Vec<Finding> = all.iter().filter(|f| f.label == *label).copied().collect();
    assert_eq!(only.scan(data), want, "the {label:?}-only scanner differs");
}

/// Every mode: line breaks kept, bytes outside findings unchanged, the `&str`
/// and byte APIs agree; `encrypt` round-trips through `reidentify`.
pub fn anonymize(data: &[u8]) {
    let found = fixtures().all.scan(data);
    let text = std::str::from_utf8(data).ok();
    for (mode, engine) in &fixtures().engines {
        assert_eq!(
            engine.scan(data),
            found,
            "{mode:?}: the engine scans differently"
        );
        let mut out = Vec::new();
        let n = engine.anonymize_into(data, &mut out);
        assert_eq!(n, found.len(), "{mode:?}: replaced count");
        assert_eq!(
            count_newlines(&out),
            count_newlines(data),
            "{mode:?}: the number of line breaks changed"
        );

        // Bytes outside findings unchanged: the output is the gaps with each
        // finding's replacement in between, in order.
        let mut want = Vec::with_capacity(out.len());
        let mut pos = 0;
        for f in &found {
            want.extend_from_slice(&data[pos..f.start]);
            let r = want.len();
            engine
                .pseudonymizer()
                .replace_into(f.label, &data[f.range()], &mut want);
            assert!(
                !want[r..].contains(&b'\n'),
                "{mode:?}: the replacement of {f:?} holds a line break"
            );
            pos = f.end;
        }
        want.extend_from_slice(&data[pos..]);
        assert!(out == want, "{mode:?}: bytes outside findings changed");

        if let Some(t) = text {
            let s = engine.anonymize(t);
            assert!(
                s.as_bytes() == out.as_slice(),
                "{mode:?}: anonymize(&str) and anonymize_into differ"
            );
            if found.is_empty() {
                assert!(matches!(s, std::borrow::Cow::Borrowed(_)));
            }
        }

        if *mode == Mode::Encrypt && !has_token_opening(data) {
            let back = engine
                .pseudonymizer()
                .reidentify(&out)
                .expect("reidentify of encrypt output");
            assert!(back == data, "encrypt: reidentify(anonymize(x)) != x");
            if let Some(t) = text {
                let s = std::str::from_utf8(&out).expect("UTF-8 in, UTF-8 out");
                assert_eq!(engine.reidentify(s).expect("reidentify &str"), t);
            }
        }
    }
}

fn count_newlines(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count()
}

/// Whether `data` holds `[[LABEL~` or `[[LABEL=`, which `reidentify` reads
/// as a token (so such an input does not round-trip; that is documented).
fn has_token_opening(data: &[u8]) -> bool {
    Label::ALL.iter().any(|l| {
        ["~", "="].iter().any(|sep| {
            let open = format!("[[{}{sep}", l.as_str());
            data.windows(open.len()).any(|w| w == open.as_bytes())
        })
    })
}

/// `reidentify` on arbitrary bytes must not panic; what it restores never
/// leaves a token behind it.
pub fn reidentify(data: &[u8]) {
    let engine = engine_for(Mode::Encrypt);
    let _ = engine.pseudonymizer().reidentify(data);
    if let Ok(t) = std::str::from_utf8(data) {
        let _ = engine.reidentify(t);
    }
    // A keyless pseudonymizer refuses, without panicking.
    let _ = engine_for(Mode::Redact).pseudonymizer().reidentify(data);
}

/// `transform_json_line` with three selectors and three modes: no panic; on
/// error nothing appended; with the identity closure the line is unchanged;
/// valid JSON in (per serde_json), valid JSON out.
pub fn jsonl(data: &[u8]) {
    let fx = fixtures();
    let valid = serde_json::from_slice::<serde_json::Value>(data).is_ok();
    let modes = [Mode::Tag, Mode::Fake, Mode::Encrypt];
    for (sel, mode) in fx.selectors.iter().zip(modes) {
        let engine = engine_for(mode);
        let mut out = b"prefix".to_vec();
        let r = transform_json_line(data, sel, &mut out, |t| {
            Some(engine.anonymize(t).into_owned())
        });
        match r {
            Err(e) => {
                assert_eq!(out, b"prefix", "an error appended output: {e}");
                assert!(
                    !valid,
                    "serde_json accepts the line but transform refuses: {e}"
                );
            }
            Ok(stats) => {
                assert!(stats.strings_changed <= stats.strings_selected);
                assert!(stats.strings_selected <= stats.strings_seen);
                let out = &out[6..];
                if valid {
                    if let Err(e) = serde_json::from_slice::<serde_json::Value>(out) {
                        panic!(
                            "valid JSON in, invalid out ({e}): {:?}",
                            String::from_utf8_lossy(out)
                        );
                    }
                }
                let mut same = Vec::new();
                transform_json_line(data, sel, &mut same, |t| Some(t.to_owned()))
                    .expect("the identity succeeds where the transform did");
                assert!(same == data, "the identity closure changed the line");
            }
        }
        // For UTF-8 input the `&str` entry point (no second check) agrees.
        if let Ok(text) = std::str::from_utf8(data) {
            let upper = |t: &str| Some(t.to_uppercase());
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let ra = transform_json_line(data, sel, &mut a, upper).map_err(|e| e.to_string());
            let rb = transform_json_str(text, sel, &mut b, upper).map_err(|e| e.to_string());
            assert_eq!(ra, rb, "transform_json_str and _line disagree");
            assert!(a == b, "transform_json_str and _line wrote different bytes");
        }
    }
}

/// `transform_csv`: the first byte chooses the separator and the columns, the
/// rest is the CSV. No panic; on error nothing appended; with the identity the
/// input is unchanged; the record count is kept and matches an independent count.
pub fn csv(data: &[u8]) {
    let Some((&ctl, input)) = data.split_first() else {
        return;
    };
    let sep = [b',', b';', b'\t', b'|'][(ctl & 3) as usize];
    let columns = match (ctl >> 2) & 3 {
        0 | 1 => None,
        // The first header field, as the library would name it.
        2 => Some(vec![first_header_name(input, sep)]),
        _ => Some(vec!["name".to_owned(), "text".to_owned()]),
    };
    let opts = CsvOptions {
        separator: sep,
        columns,
    };
    let engine = engine_for([Mode::Tag, Mode::Mask, Mode::Encrypt, Mode::Fake][pick(input, 4)]);
    let mut out = b"prefix".to_vec();
    let r = transform_csv(input, &opts, &mut out, |t| {
        Some(engine.anonymize(t).into_owned())
    });
    let expected = count_records(input, sep);
    match r {
        Err(e) => {
            assert_eq!(out, b"prefix", "an error appended output: {e}");
            if opts.columns.is_none() {
                assert!(
                    expected.is_none(),
                    "well-formed CSV ({expected:?} records) refused: {e}"
                );
            }
        }
        Ok(stats) => {
            let out = &out[6..];
            let Some(n) = expected else {
                panic!("malformed CSV accepted");
            };
            let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
            let header = usize::from(!body.is_empty());
            assert_eq!(
                stats.records as usize + header,
                n,
                "records counted differently"
            );
            assert_eq!(
                count_records(out, sep),
                Some(n),
                "the output has a different record count: {:?}",
                String::from_utf8_lossy(out)
            );
            assert!(stats.fields_changed <= stats.fields_selected);
            assert!(stats.fields_selected <= stats.fields_seen);
            let mut same = Vec::new();
            transform_csv(input, &opts, &mut same, |t| Some(t.to_owned()))
                .expect("the identity succeeds where the transform did");
            assert!(same == input, "the identity closure changed the CSV");
        }
    }
}

/// The header's first field without quotes (lossy), for a `columns` choice.
fn first_header_name(input: &[u8], sep: u8) -> String {
    let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let end = body
        .iter()
        .position(|&b| b == sep || b == b'\n')
        .unwrap_or(body.len());
    let name = String::from_utf8_lossy(&body[..end]);
    let name = name.trim_end_matches('\r').trim();
    let name = name.trim_matches('"').to_owned();
    if name.trim().is_empty() {
        "x".to_owned()
    } else {
        name
    }
}

/// Counts RFC 4180 records (LF or CRLF ends a record; `"` opens a quoted field
/// only at a field's start; `""` inside is a quote; after the closing quote
/// only a separator, a line end or the end may follow). `None` if malformed.
fn count_records(input: &[u8], sep: u8) -> Option<usize> {
    let mut i = if input.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let n = input.len();
    let mut records = 0;
    while i < n {
        // One record.
        loop {
            // One field starting at i.
            if input.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    match input.get(i) {
                        None => return None,
                        Some(b'"') if input.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                match input.get(i) {
                    None => break,
                    Some(&b) if b == sep => i += 1,
                    Some(b'\n') => {
                        i += 1;
                        break;
                    }
                    Some(b'\r') if input.get(i + 1) == Some(&b'\n') => {
                        i += 2;
                        break;
                    }
                    Some(b'\r') if i + 1 == n => {
                        i += 1;
                        break;
                    }
                    Some(_) => return None,
                }
            } else {
                while i < n && input[i] != sep && input[i] != b'\n' {
                    i += 1;
                }
                if i == n {
                    break;
                }
                i += 1;
                if input[i - 1] == b'\n' {
                    break;
                }
                // A separator: another field follows (possibly empty, at the end).
                if i == n {
                    break;
                }
            }
        }
        records += 1;
    }
    Some(records)
}

/// A fixed sample for policies to run on.
const SAMPLE: &str = "Иванов Иван Иванович, тел. +7 (912) 345-67-89, ИНН 7707083893\n\
    почта ivan@mail.ru, support@example.ru; key corp_abc123def456ghi789jkl012\n\
    СНИЛС 112-233-445 95, IP 192.168.1.10, карта 4276 3800 1234 5678\n";

/// `Policy::parse` on arbitrary UTF-8 must not panic; a policy that parses
/// builds an engine whose findings keep the invariants, on a sample and on
/// the policy text itself, and whose output keeps the line breaks.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = Policy::parse(text) else {
        return;
    };
    let Ok(engine) = Engine::builder()
        .key(Key::from_bytes(KEY.to_vec()).expect("a 32-byte key"))
        .policy(p)
        .build()
    else {
        return;
    };
    for hay in [SAMPLE, text] {
        let found = engine.scan(hay.as_bytes());
        check_findings(hay.as_bytes(), &found, "policy scan");
        let out = engine.anonymize(hay);
        assert_eq!(
            count_newlines(out.as_bytes()),
            count_newlines(hay.as_bytes()),
            "policy: the number of line breaks changed"
        );
    }
}
