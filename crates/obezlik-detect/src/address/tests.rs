//! Tests of the ADDRESS rules on their own, through a small walker that does
//! what the scanner's words pass does: visit every capitalised Cyrillic word.

use super::*;

/// Every address in `text`, visiting capitalised Cyrillic words left to right.
fn find_all(rules: &AddressRules, text: &str) -> Vec<Range<usize>> {
    let hay = text.as_bytes();
    let mut out = Vec::new();
    let mut floor = 0;
    let mut line_start = 0;
    for line in text.split('\n') {
        let line_range = line_start..line_start + line.len();
        let mut i = line_range.start;
        while i < line_range.end {
            let word_start = i < line_range.start + 2 || !cyr_at(hay, i - 2, i);
            if i >= floor && upper_at(hay, i, line_range.end) && word_start {
                let e = word_end(hay, i, line_range.end).max(i + 2);
                if let Some(r) = rules.address_at(hay, i..e, line_range.clone(), floor, None) {
                    assert!(r.start >= floor && r.end <= line_range.end && r.start < r.end);
                    floor = r.end;
                    i = r.end;
                    out.push(r);
                    continue;
                }
                i = e;
                continue;
            }
            i += 1;
        }
        line_start = line_range.end + 1;
    }
    out
}

/// The examples file: (line number, text, expected ADDRESS spans).
fn examples() -> Vec<(usize, String, Vec<Range<usize>>)> {
    let body = include_str!("../../rules/examples/address.txt");
    let mut out = Vec::new();
    for (n, raw) in body.lines().enumerate() {
        let (positive, rest) = match raw.split_at_checked(2) {
            Some(("+ ", r)) => (true, r),
            Some(("- ", r)) => (false, r),
            _ => continue,
        };
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut r = rest;
        while let Some(open) = r.find("[[") {
            text.push_str(&r[..open]);
            let after = &r[open + 2..];
            let close = after.find("]]").expect("unclosed [[");
            let mut inner = &after[..close];
            let mut ours = true;
            if let Some((l, v)) = inner.split_once(':') {
                if l.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !l.is_empty() {
                    ours = l == "ADDRESS";
                    inner = v;
                }
            }
            let s = text.len();
            text.push_str(inner);
            if ours {
                spans.push(s..text.len());
            }
            r = &after[close + 2..];
        }
        text.push_str(r);
        // A `+` line may mark only other labels' spans (a name beside an
        // address-like phrase): for ADDRESS it is a negative.
        assert!(positive || spans.is_empty(), "address.txt:{}", n + 1);
        out.push((n + 1, text, spans));
    }
    out
}

#[test]
fn examples_hold() {
    let rules = AddressRules::new();
    let mut failures = Vec::new();
    for (line, text, want) in examples() {
        let got = find_all(&rules, &text);
        if got != want {
            let show = |v: &[Range<usize>]| {
                v.iter()
                    .map(|r| format!("{:?}", &text[r.clone()]))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            failures.push(format!(
                "address.txt:{line}: {text}\n  want [{}]\n  got  [{}]",
                show(&want),
                show(&got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_are_enough() {
    let ex = examples();
    assert!(ex.iter().filter(|e| !e.2.is_empty()).count() >= 40);
    assert!(ex.iter().filter(|e| e.2.is_empty()).count() >= 30);
}

#[test]
fn no_break_spaces_are_spaces() {
    let rules = AddressRules::new();
    let text = "адрес: г.\u{a0}Москва, ул.\u{a0}Тверская, д.\u{a0}7, кв.\u{a0}12.";
    let got = find_all(&rules, text);
    assert_eq!(got.len(), 1);
    assert_eq!(
        &text[got[0].clone()],
        "г.\u{a0}Москва, ул.\u{a0}Тверская, д.\u{a0}7, кв.\u{a0}12"
    );
}

#[test]
fn floor_and_line_bound_the_span() {
    let rules = AddressRules::new();
    let text = "644189, Омск, ул. Центральная, д. 71/2";
    let hay = text.as_bytes();
    let w = text.find("Омск").unwrap();
    let all = rules
        .address_at(hay, w..w + 8, 0..hay.len(), 0, None)
        .unwrap();
    assert_eq!(all, 0..hay.len());
    // The postcode lies below the floor: the address starts at the city.
    let later = rules
        .address_at(hay, w..w + 8, 0..hay.len(), 3, None)
        .unwrap();
    assert_eq!(later, w..hay.len());
}

// ---- evaluation over the gold corpora (run with --ignored --nocapture) ----

struct Doc {
    text: String,
    gold: Vec<Range<usize>>,
    negative: bool,
}

fn load(path: &str) -> Option<Vec<Doc>> {
    let body = std::fs::read_to_string(path).ok()?;
    let mut docs = Vec::new();
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap().to_string();
        // Gold offsets are in characters: map them to bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        let gold = v["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["label"] == "ADDRESS")
            .map(|s| {
                let a = s["start"].as_u64().unwrap() as usize;
                let b = s["end"].as_u64().unwrap() as usize;
                byte_at[a]..byte_at[b]
            })
            .collect();
        let negative = v["source"].as_str().unwrap_or("").starts_with("neg");
        docs.push(Doc {
            text,
            gold,
            negative,
        });
    }
    Some(docs)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
#[ignore = "evaluation over the gold corpora; prints figures"]
fn evaluate_on_gold() {
    let rules = AddressRules::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let corpora = [
        format!("{root}/corpora/gold/dev.jsonl"),
        format!("{root}/corpora/gold/test.jsonl"),
        "/work/shared/eval/sample.jsonl".to_string(),
    ];
    let show = std::env::var("ADDR_SHOW").is_ok();
    for path in &corpora {
        let Some(docs) = load(path) else {
            println!("{path}: not found");
            continue;
        };
        let (mut gold_n, mut pred_n, mut strict, mut relaxed_p, mut relaxed_g) = (0, 0, 0, 0, 0);
        let (mut neg_bytes, mut neg_fp) = (0usize, 0usize);
        for d in &docs {
            let pred = find_all(&rules, &d.text);
            gold_n += d.gold.len();
            pred_n += pred.len();
            let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
            for p in &pred {
                if d.gold.contains(p) {
                    strict += 1;
                }
                if d.gold.iter().any(|g| overlaps(g, p)) {
                    relaxed_p += 1;
                } else if show {
                    println!("FP  {:?}", &d.text[p.clone()]);
                }
            }
            for g in &d.gold {
                if pred.iter().any(|p| overlaps(g, p)) {
                    relaxed_g += 1;
                    if show && !pred.contains(g) {
                        let p = pred.iter().find(|p| overlaps(g, p)).unwrap();
                        println!(
                            "BND gold {:?}\n    got  {:?}",
                            &d.text[g.clone()],
                            &d.text[p.clone()]
                        );
                    }
                } else if show {
                    let mut lo = g.start.saturating_sub(30);
                    while !d.text.is_char_boundary(lo) {
                        lo -= 1;
                    }
                    println!("FN  {:?} [[{}]]", &d.text[lo..g.start], &d.text[g.clone()]);
                }
            }
            if d.negative {
                neg_bytes += d.text.len();
                neg_fp += pred.len();
            }
        }
        let sp = strict as f64 / pred_n.max(1) as f64;
        let sr = strict as f64 / gold_n.max(1) as f64;
        let rp = relaxed_p as f64 / pred_n.max(1) as f64;
        let rr = relaxed_g as f64 / gold_n.max(1) as f64;
        println!(
            "{path}: gold {gold_n} pred {pred_n} | strict P {sp:.3} R {sr:.3} F1 {:.3} | relaxed P {rp:.3} R {rr:.3} F1 {:.3} | neg {neg_fp} FP in {neg_bytes} bytes",
            f1(sp, sr),
            f1(rp, rr)
        );
    }
}

/// Findings and cost per call on a text file named by `ADDR_TEXT` (e.g. the
/// output of `cargo run --release --example gen_log -- 20 /tmp/log20.txt`);
/// run with `--release`.
#[test]
#[ignore = "timing and false positives on a large text; needs ADDR_TEXT"]
fn cost_on_large_text() {
    let Ok(path) = std::env::var("ADDR_TEXT") else {
        println!("ADDR_TEXT not set");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let rules = AddressRules::new();
    let hay = text.as_bytes();
    // The capitalised words, collected first so the timing is of the calls.
    let mut words = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let end = line_start + line.len();
        let mut i = line_start;
        while i < end {
            if upper_at(hay, i, end) && (i < line_start + 2 || !cyr_at(hay, i - 2, i)) {
                let e = word_end(hay, i, end).max(i + 2);
                words.push((i..e, line_start..end));
                i = e;
            } else {
                i += 1;
            }
        }
        line_start = end + 1;
    }
    // Several rounds: the caller calls with the bytes in cache; the fastest
    // round counts (the machine is shared).
    let mut found = Vec::new();
    let mut el = std::time::Duration::MAX;
    let mut candidates = 0;
    let rounds: usize = std::env::var("ADDR_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(30);
    for _ in 0..rounds {
        found.clear();
        let t = std::time::Instant::now();
        let mut floor = 0;
        for (w, l) in &words {
            if w.start < floor {
                continue;
            }
            if let Some(r) = rules.address_at(hay, w.clone(), l.clone(), floor, None) {
                floor = r.end;
                found.push(r);
            }
        }
        el = el.min(t.elapsed());
    }
    for (w, l) in &words {
        if rules
            .candidate(hay, w.start, l.start, l.end, None)
            .is_some()
        {
            candidates += 1;
        }
    }
    println!("{candidates} words pass the cheap test");
    println!(
        "{path}: {} bytes, {} capitalised words, {:.1} ns per call, {} findings ({:.2} per MB)",
        hay.len(),
        words.len(),
        el.as_nanos() as f64 / words.len().max(1) as f64,
        found.len(),
        found.len() as f64 / (hay.len() as f64 / 1e6)
    );
    for r in found.iter().take(30) {
        println!("  {:?}", &text[r.clone()]);
    }
}

/// The word-scanning shortcut agrees with the letter test it stands for.
#[test]
fn four_letters_is_cyr_pair_four_times() {
    let mut rng = 0x1234_5678_9abc_def0u64;
    let pool = [
        0xD0u8, 0xD1, 0x80, 0x81, 0x8F, 0x90, 0x91, 0x92, 0xAF, 0xB0, 0xBF, 0xC0, 0x20, 0x2D,
    ];
    for _ in 0..200_000 {
        let mut b = [0u8; 8];
        for x in &mut b {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            *x = if rng & 1 == 0 {
                pool[(rng >> 8) as usize % pool.len()]
            } else {
                (rng >> 16) as u8
            };
        }
        for k in [0, 2, 4, 6] {
            if rng >> 40 & 3 != 0 {
                b[k] = 0xD0 | (b[k] & 1);
            }
        }
        let want = (0..4).all(|k| cyr_pair(b[2 * k], b[2 * k + 1]));
        assert_eq!(four_letters(&b), want, "{b:02X?}");
    }
    for lead in [0xD0u8, 0xD1] {
        for c in 0..=255u8 {
            let b = [lead, c, 0xD0, 0xB0, 0xD0, 0xB0, 0xD0, 0xB0];
            assert_eq!(four_letters(&b), cyr_pair(lead, c), "{b:02X?}");
        }
    }
}

/// The head filter in front of the after-name marker test never turns away
/// a marker, and turns away most other words of prose.
#[test]
fn after_name_heads_keep_every_marker() {
    let rules = AddressRules::new();
    let mut markers = 0;
    for (key, kinds) in &rules.words {
        if kinds & AFTER_NAME == 0 {
            continue;
        }
        let w = &key[..key.iter().position(|&b| b == 0).unwrap_or(MAX_WORD)];
        for text in [w.to_vec(), [w, b". x"].concat(), [w, b" 5"].concat()] {
            if lower_at(&text, 0, text.len()) {
                assert!(
                    rules.after_name_heads.may_start(&text, 0, text.len()),
                    "{}",
                    String::from_utf8_lossy(&text)
                );
                markers += 1;
            }
        }
    }
    assert!(markers > 20, "only {markers} markers checked");
    let prose = "как настроить лимит запросов для этого клиента если ответ приходит медленно";
    let turned_away = prose
        .split(' ')
        .filter(|w| !rules.after_name_heads.may_start(w.as_bytes(), 0, w.len()))
        .count();
    assert!(turned_away >= 7, "{turned_away} of 11 words turned away");
    // Whatever it turns away is no marker after a name.
    for w in prose.split(' ') {
        if !rules.after_name_heads.may_start(w.as_bytes(), 0, w.len()) {
            assert_eq!(
                rules.lookup(w.as_bytes(), 0, w.len()) & AFTER_NAME,
                0,
                "{w}"
            );
        }
    }
}

/// Every rule word in the sets' kinds, in lower case, capitals and with `ё`
/// for `е`, passes the set that stands in front of its test.
#[test]
fn edge_sets_keep_every_rule_word() {
    let rules = AddressRules::new();
    let mut checked = 0;
    for (key, kinds) in &rules.words {
        let w = &key[..key.iter().position(|&b| b == 0).unwrap_or(MAX_WORD)];
        let w = std::str::from_utf8(w).expect("rule words are UTF-8");
        for text in [
            w.to_string(),
            w.to_uppercase(),
            w.replace('е', "ё"),
            w.replace('е', "Ё"),
        ] {
            let t = text.as_bytes();
            if kinds & (BEFORE_NAME | JOINER) != 0 {
                assert!(rules.before_name_tails.may_end(t, t.len(), 0), "{text}");
            }
            if kinds & (MARKER | COUNTRY_HEAD) != 0 {
                assert!(rules.marker_heads.may_start(t, 0, t.len()), "{text}");
            }
            if kinds & AFTER_NAME != 0 {
                assert!(rules.after_name_heads.may_start(t, 0, t.len()), "{text}");
            }
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} spellings checked");
}
