use std::collections::HashMap;

/// Python's `str.isspace()` for one character.
///
/// Rust's [`char::is_whitespace`] (Unicode `White_Space`) plus U+001C..U+001F (the
/// information separators), which Python counts as whitespace and Rust does not.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Precision, recall and F1 exactly as score.py's `prf()`.
///
/// `tp_p` true positives among `npred` predictions, `tp_g` matched among `ngold` gold spans.
/// With no predictions precision is 1.0 when there is no gold either (else 0.0); with no gold
/// recall is 1.0 when there are no predictions either (else 0.0); F1 is 0.0 when P + R is 0.
pub fn prf(tp_p: usize, npred: usize, tp_g: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp_p as f64 / npred as f64
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp_g as f64 / ngold as f64
    } else if npred == 0 {
        1.0
    } else {
        0.0
    };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Maximum one-to-one matching between gold and predicted half-open intervals that overlap.
///
/// Kuhn's augmenting paths in the order of score.py's `max_matching` (gold spans in order,
/// candidates in prediction order, depth first), so the matched pairs are the same, not only
/// their number. Returns, for every gold interval, the index of its matched prediction.
/// Iterative, so long augmenting paths cannot overflow the stack.
pub fn max_matching(golds: &[(usize, usize)], preds: &[(usize, usize)]) -> Vec<Option<usize>> {
    let adj: Vec<Vec<usize>> = golds
        .iter()
        .map(|&(ga, gb)| {
            (0..preds.len())
                .filter(|&j| preds[j].0 < gb && ga < preds[j].1)
                .collect()
        })
        .collect();
    let mut match_p: Vec<Option<usize>> = vec![None; preds.len()];
    // seen[j] == gi + 1 <=> prediction j was visited while augmenting from gold gi
    let mut seen = vec![0usize; preds.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new(); // (gold, index of the next candidate in adj[gold])
    for gi in 0..golds.len() {
        if adj[gi].is_empty() {
            continue;
        }
        let stamp = gi + 1;
        stack.clear();
        stack.push((gi, 0));
        while let Some(&(g, k0)) = stack.last() {
            let mut k = k0;
            let mut found = None;
            while k < adj[g].len() {
                let j = adj[g][k];
                k += 1;
                if seen[j] != stamp {
                    seen[j] = stamp;
                    found = Some(j);
                    break;
                }
            }
            if let Some(top) = stack.last_mut() {
                top.1 = k;
            }
            match found {
                None => {
                    stack.pop();
                }
                Some(j) => match match_p[j] {
                    Some(other) => stack.push((other, 0)),
                    None => {
                        // augmenting path found: every frame takes the candidate it is exploring
                        for &(fg, fk) in stack.iter() {
                            match_p[adj[fg][fk - 1]] = Some(fg);
                        }
                        break;
                    }
                },
            }
        }
    }
    let mut res = vec![None; golds.len()];
    for (j, g) in match_p.iter().enumerate() {
        if let Some(g) = *g {
            res[g] = Some(j);
        }
    }
    res
}

/// Number of one-to-one exact matches (same start and end) between gold and predicted
/// intervals, as score.py's strict scoring (each prediction can match one gold span only).
pub fn strict_matches(golds: &[(usize, usize)], preds: &[(usize, usize)]) -> usize {
    let mut pool: HashMap<(usize, usize), usize> = HashMap::new();
    for &p in preds {
        *pool.entry(p).or_default() += 1;
    }
    golds
        .iter()
        .filter(|g| match pool.get_mut(g) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// Maps byte offsets within one text to character offsets (score.py's `CharMap`).
#[derive(Debug, Clone)]
pub struct CharMap {
    /// Byte offset of every character plus the text length; `None` for ASCII text.
    offsets: Option<Vec<usize>>,
}

impl CharMap {
    /// Prepares the map for `text`.
    pub fn new(text: &str) -> CharMap {
        let offsets = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        CharMap { offsets }
    }

    /// Character offset for byte offset `byte` and whether `byte` is on a character boundary.
    ///
    /// A misaligned offset is widened to whole characters: a start (`end == false`) moves to
    /// the character containing it, an end (`end == true`) to the end of that character.
    pub fn to_char(&self, byte: usize, end: bool) -> (usize, bool) {
        let Some(bo) = &self.offsets else {
            return (byte, true);
        };
        let i = bo.partition_point(|&x| x < byte);
        if i < bo.len() && bo[i] == byte {
            (i, true)
        } else if end {
            (i, false)
        } else {
            (i - 1, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_space_matches_python_isspace() {
        // [c for c in range(0x110000) if chr(c).isspace()] in CPython 3.11
        let python: &[u32] = &[
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let ours: Vec<u32> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_py_space(c))
            .map(u32::from)
            .collect();
        assert_eq!(ours, python);
        assert!(
            !'\u{1c}'.is_whitespace(),
            "Rust treats U+001C as whitespace now; is_py_space can be simplified"
        );
    }
}
