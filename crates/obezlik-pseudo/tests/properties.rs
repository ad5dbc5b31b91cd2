//! Properties over arbitrary bytes and arbitrary findings.

use obezlik_detect::{Finding, Label};
use obezlik_pseudo::{Key, Mode, Pseudonymizer};
use proptest::prelude::*;

fn pseudonymizer(mode: Mode) -> Pseudonymizer {
    Pseudonymizer::builder()
        .key(Key::from_bytes(vec![0x5a; 32]).unwrap())
        .mode(mode)
        .build()
        .unwrap()
}

/// Findings from raw (start, length, label) triples, sorted by start; some
/// overlap, are empty or run past the end on purpose.
fn findings(len: usize, raw: &[(usize, usize, usize)]) -> Vec<Finding> {
    let mut v: Vec<Finding> = raw
        .iter()
        .map(|&(s, l, k)| {
            let start = s % (len + 1);
            Finding {
                label: Label::ALL[k % Label::ALL.len()],
                start,
                end: (start + l).min(len + usize::from(l % 7 == 6)),
                score: 1.0,
            }
        })
        .collect();
    v.sort_by_key(|f| f.start);
    v
}

/// The findings anonymize must apply: the documented skip rule, restated.
fn applied(len: usize, fs: &[Finding]) -> Vec<Finding> {
    let mut pos = 0;
    let mut out = Vec::new();
    for f in fs {
        if f.start >= pos && f.end > f.start && f.end <= len {
            out.push(*f);
            pos = f.end;
        }
    }
    out
}

fn any_mode() -> impl Strategy<Value = Mode> {
    prop::sample::select(Mode::ALL.to_vec())
}

/// Inputs that exercise the format-specific paths, not only random bytes.
fn any_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        "[0-9 ()+.:@a-f\\-\n]{0,120}".prop_map(String::into_bytes),
        "[а-яА-Я0-9 ,.\n@]{0,80}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every byte outside the applied findings is copied unchanged, in order,
    /// and each applied finding becomes exactly its own replacement.
    #[test]
    fn bytes_outside_findings_unchanged(
        input in any_input(),
        raw in prop::collection::vec((0usize..300, 0usize..40, 0usize..14), 0..12),
        mode in any_mode(),
    ) {
        let p = pseudonymizer(mode);
        let fs = findings(input.len(), &raw);
        let out = p.anonymize(&input, &fs);

        let mut expected = Vec::new();
        let mut pos = 0;
        for f in applied(input.len(), &fs) {
            expected.extend_from_slice(&input[pos..f.start]);
            p.replace_into(f.label, &input[f.range()], &mut expected);
            pos = f.end;
        }
        expected.extend_from_slice(&input[pos..]);
        prop_assert_eq!(&out, &expected);

        // Independently of replace_into: in redact mode the output is known.
        let r = pseudonymizer(Mode::Redact).anonymize(&input, &fs);
        let mut want = Vec::new();
        let mut pos = 0;
        for f in applied(input.len(), &fs) {
            want.extend_from_slice(&input[pos..f.start]);
            want.extend_from_slice(format!("[{}]", f.label).as_bytes());
            for (i, &b) in input[f.range()].iter().enumerate() {
                if b == b'\n' {
                    if i > 0 && input[f.start + i - 1] == b'\r' {
                        want.push(b'\r');
                    }
                    want.push(b'\n');
                }
            }
            pos = f.end;
        }
        want.extend_from_slice(&input[pos..]);
        prop_assert_eq!(r, want);
    }

    /// No mode merges or loses lines.
    #[test]
    fn line_count_is_kept(
        input in any_input(),
        raw in prop::collection::vec((0usize..300, 0usize..40, 0usize..14), 0..12),
        mode in any_mode(),
    ) {
        let out = pseudonymizer(mode).anonymize(&input, &findings(input.len(), &raw));
        let count = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
        prop_assert_eq!(count(&out), count(&input));
    }

    /// encrypt then reidentify gives back the input, byte for byte.
    #[test]
    fn encrypt_reidentify_round_trip(
        input in any_input(),
        raw in prop::collection::vec((0usize..300, 0usize..40, 0usize..14), 0..12),
    ) {
        let p = pseudonymizer(Mode::Encrypt);
        let fs = findings(input.len(), &raw);
        let enc = p.anonymize(&input, &fs);
        let mut back = Vec::new();
        let stats = p.reidentify_into(&enc, &mut back).unwrap();
        prop_assert_eq!(back, input.clone());
        prop_assert_eq!(stats.tokens, applied(input.len(), &fs).len());
    }

    /// Same key, same pseudonyms, whatever else is in the text.
    #[test]
    fn replacement_depends_only_on_value(
        value in any_input(),
        k in 0usize..14,
        mode in any_mode(),
    ) {
        let p = pseudonymizer(mode);
        let label = Label::ALL[k];
        let mut a = Vec::new();
        p.replace_into(label, &value, &mut a);
        let mut b = b"prefix".to_vec();
        p.replace_into(label, &value, &mut b);
        prop_assert_eq!(&a[..], &b[6..]);
    }
}
