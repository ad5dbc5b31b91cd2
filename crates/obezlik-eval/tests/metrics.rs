//! Table tests of the building blocks: prf, matching, byte -> character mapping.

use obezlik_eval::{max_matching, prf, strict_matches, CharMap};

type Intervals = &'static [(usize, usize)];

#[test]
fn prf_table() {
    // (tp_p, npred, tp_g, ngold) -> (p, r, f)
    type Case = ((usize, usize, usize, usize), (f64, f64, f64));
    let cases: &[Case] = &[
        ((0, 0, 0, 0), (1.0, 1.0, 1.0)), // nothing to find, nothing found
        ((0, 0, 0, 3), (0.0, 0.0, 0.0)), // no predictions: P is 0 when there is gold
        ((0, 2, 0, 0), (0.0, 0.0, 0.0)), // no gold: R is 0 when there are predictions
        ((0, 5, 0, 5), (0.0, 0.0, 0.0)), // P + R == 0 -> F1 0
        ((2, 2, 2, 2), (1.0, 1.0, 1.0)),
        ((1, 2, 1, 4), (0.5, 0.25, 2.0 * 0.5 * 0.25 / 0.75)),
        (
            (3, 4, 2, 3),
            (
                0.75,
                2.0 / 3.0,
                2.0 * 0.75 * (2.0 / 3.0) / (0.75 + 2.0 / 3.0),
            ),
        ),
    ];
    for &(args, want) in cases {
        let got = prf(args.0, args.1, args.2, args.3);
        assert_eq!(got, want, "prf{args:?}");
    }
}

#[test]
fn strict_matching_is_one_to_one() {
    let cases: &[(Intervals, Intervals, usize)] = &[
        (&[], &[], 0),
        (&[(0, 5)], &[(0, 5)], 1),
        (&[(0, 5)], &[(0, 4)], 0),
        (&[(0, 5)], &[(0, 5), (0, 5)], 1), // duplicate prediction counts once
        (&[(0, 5), (0, 5)], &[(0, 5)], 1), // duplicate gold matched once
        (&[(0, 5), (0, 5)], &[(0, 5), (0, 5)], 2),
        (&[(0, 5), (7, 9)], &[(7, 9), (1, 5)], 1),
    ];
    for &(g, p, want) in cases {
        assert_eq!(strict_matches(g, p), want, "gold {g:?} pred {p:?}");
    }
}

#[test]
fn relaxed_matching_table() {
    type Case = (
        &'static [(usize, usize)],
        &'static [(usize, usize)],
        &'static [Option<usize>],
    );
    let cases: &[Case] = &[
        (&[], &[(0, 1)], &[]),
        (&[(0, 5)], &[], &[None]),
        (&[(0, 5)], &[(5, 9)], &[None]), // touching is not overlapping
        (&[(0, 5)], &[(4, 9)], &[Some(0)]),
        (&[(0, 10)], &[(0, 2), (3, 5)], &[Some(0)]), // one gold, two preds: one match
        (&[(0, 2), (3, 5)], &[(0, 10)], &[Some(0), None]), // two golds, one pred: one match
        // augmenting path: gold 0 first takes pred 0, gold 1 can only use pred 0,
        // so gold 0 moves to pred 1 (a greedy matching would find 1 pair)
        (
            &[(0, 10), (12, 20)],
            &[(5, 15), (0, 4)],
            &[Some(1), Some(0)],
        ),
        // g1 pushes g0 from p0 to p1; g2 (only overlaps p0) finds no augmenting path
        (
            &[(0, 10), (8, 20), (0, 3)],
            &[(0, 10), (9, 30)],
            &[Some(1), Some(0), None],
        ),
        // two-step augmenting path: g2 -> p0 (g1) -> p1 (g0) -> p2
        (
            &[(10, 20), (0, 12), (18, 30)],
            &[(0, 30), (0, 11), (19, 25)],
            &[Some(2), Some(1), Some(0)],
        ),
    ];
    for &(g, p, want) in cases {
        let got = max_matching(g, p);
        assert_eq!(got, want, "gold {g:?} pred {p:?}");
        // a matching: each prediction at most once, only overlapping pairs
        let mut used: Vec<usize> = got.iter().flatten().copied().collect();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used.len(), got.iter().flatten().count());
    }
}

/// Brute force maximum matching size, to check Kuhn's result on many small cases.
fn brute_max(g: &[(usize, usize)], p: &[(usize, usize)], gi: usize, used: &mut Vec<bool>) -> usize {
    if gi == g.len() {
        return 0;
    }
    let mut best = brute_max(g, p, gi + 1, used);
    for j in 0..p.len() {
        if !used[j] && p[j].0 < g[gi].1 && g[gi].0 < p[j].1 {
            used[j] = true;
            best = best.max(1 + brute_max(g, p, gi + 1, used));
            used[j] = false;
        }
    }
    best
}

#[test]
fn relaxed_matching_is_maximum() {
    // deterministic pseudo-random intervals
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..500 {
        let (ng, np) = (rng.below(6), rng.below(6));
        let (g, p) = (rng.intervals(ng, 30, 8), rng.intervals(np, 30, 8));
        let m = max_matching(&g, &p);
        assert_eq!(
            m.iter().flatten().count(),
            brute_max(&g, &p, 0, &mut vec![false; p.len()]),
            "{g:?} {p:?}"
        );
    }
}

#[test]
fn char_mapping_on_cyrillic() {
    // "Иван 7 ёж": И(0..2) в(2..4) а(4..6) н(6..8) ' '(8) 7(9) ' '(10) ё(11..13) ж(13..15)
    let cm = CharMap::new("Иван 7 ёж");
    let cases: &[(usize, bool, (usize, bool))] = &[
        (0, false, (0, true)),
        (2, false, (1, true)),
        (8, true, (4, true)),
        (9, false, (5, true)),
        (10, true, (6, true)),
        (15, true, (9, true)),
        (1, false, (0, false)), // middle of И: start widened to the start of И
        (1, true, (1, false)),  // ... end widened to the end of И
        (12, false, (7, false)), // middle of ё
        (12, true, (8, false)),
        (14, true, (9, false)), // middle of the last character
    ];
    for &(byte, end, want) in cases {
        assert_eq!(cm.to_char(byte, end), want, "byte {byte} end={end}");
    }
    // ASCII text: identity
    let ascii = CharMap::new("ip=10.0.0.1");
    assert_eq!(ascii.to_char(3, false), (3, true));
    assert_eq!(ascii.to_char(11, true), (11, true));
    // 4-byte characters
    let emoji = CharMap::new("a😀б");
    assert_eq!(emoji.to_char(1, false), (1, true));
    assert_eq!(emoji.to_char(5, false), (2, true));
    assert_eq!(emoji.to_char(3, false), (1, false));
    assert_eq!(emoji.to_char(3, true), (2, false));
    assert_eq!(emoji.to_char(7, true), (3, true));
}

/// Deterministic pseudo-random numbers (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, m: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % m as u64) as usize
    }

    /// `n` random half-open intervals starting below `span`, 1..=`len` long.
    fn intervals(&mut self, n: usize, span: usize, len: usize) -> Vec<(usize, usize)> {
        (0..n)
            .map(|_| {
                let a = self.below(span);
                (a, a + 1 + self.below(len))
            })
            .collect()
    }
}
