//! `fake` surrogates pass the detector's own validators: scanning the fake
//! output of the shipped examples finds the same identifiers again (same
//! label, same count), so check digits, card prefixes, passport series, phone
//! codes, names and addresses all still look real. SECRET is the exception by
//! design: its fake is the tag form.

use std::collections::BTreeMap;

use obezlik::{Engine, Key, Label, Mode};

fn counts(engine: &Engine, text: &str) -> BTreeMap<Label, usize> {
    let mut m = BTreeMap::new();
    for f in engine.scan(text.as_bytes()) {
        *m.entry(f.label).or_insert(0) += 1;
    }
    m
}

#[test]
fn scanning_fake_output_finds_the_same_identifiers() {
    let engine = Engine::builder()
        .key(Key::from_bytes(vec![42; 32]).unwrap())
        .mode(Mode::Fake)
        .build()
        .unwrap();
    for name in ["documents.txt", "app.log", "chat.jsonl"] {
        let path = format!(
            "{}/../../corpora/examples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let before = counts(&engine, &text);
        let fake = engine.anonymize(&text);
        assert_ne!(fake, text);
        let after = counts(&engine, &fake);
        for (label, n) in &before {
            if *label == Label::Secret {
                continue;
            }
            let m = after.get(label).copied().unwrap_or(0);
            // One in a hundred may change shape by chance (a fake card
            // number that also reads as an account, say); no more.
            assert!(
                m.abs_diff(*n) * 100 <= *n,
                "{name}: {label}: {n} found before, {m} in the fake output"
            );
        }
    }
}
