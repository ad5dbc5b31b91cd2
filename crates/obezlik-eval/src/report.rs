use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

use serde::{Serialize, Serializer};

use crate::metrics::{is_py_space, max_matching, prf, strict_matches, CharMap};
use crate::{Corpus, GoldDoc, Prediction, KNOWN_LABELS};

/// How to score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Score only these labels (score.py's `--labels`; see [`crate::parse_labels`]): gold spans
    /// and predictions with other labels are ignored. `Some(vec![])` ignores everything.
    pub labels: Option<Vec<String>>,
    /// Keep up to this many missed gold spans and false positives per label in
    /// [`Report::errors`] (score.py's `--show-errors`); 0 leaves `errors` out.
    pub show_errors: usize,
    /// Detector output lines the caller skipped as unparsable ([`crate::ParsedFindings::skipped_lines`]);
    /// reported as the first warning, like score.py's `--skip-junk`.
    pub skipped_lines: usize,
}

/// Scores of one label, or of all labels (micro average), as in score.py's report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LabelScores {
    /// Gold spans.
    pub gold: usize,
    /// Predictions, including those crossing a document boundary.
    pub pred: usize,
    /// Strict precision (same label, exact bounds, one-to-one).
    pub strict_p: f64,
    /// Strict recall.
    pub strict_r: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Relaxed precision (same label, any overlap, maximum one-to-one matching).
    pub relaxed_p: f64,
    /// Relaxed recall.
    pub relaxed_r: f64,
    /// Relaxed F1.
    pub relaxed_f1: f64,
    /// Share of non-whitespace gold characters covered by a prediction of any label;
    /// `None` without gold characters.
    pub protection: Option<f64>,
    /// Predictions that cross a document boundary or lie in a separator.
    pub cross_boundary: usize,
    /// Strict true positives (not in score.py's JSON).
    #[serde(skip)]
    pub strict_tp: usize,
    /// Relaxed true positives (not in score.py's JSON).
    #[serde(skip)]
    pub relaxed_tp: usize,
}

/// Relaxed scores of the documents of one source (the part of `source` before the first `:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SourceScores {
    /// Gold spans.
    pub gold: usize,
    /// Predictions (crossing ones count for the source of the document they start in).
    pub pred: usize,
    /// Relaxed precision.
    pub relaxed_p: f64,
    /// Relaxed recall.
    pub relaxed_r: f64,
    /// Relaxed F1.
    pub relaxed_f1: f64,
    /// Relaxed true positives (not in score.py's JSON).
    #[serde(skip)]
    pub relaxed_tp: usize,
}

/// One missed gold span or false positive, with context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorExample {
    /// Document id (`None` for a finding that starts in a separator).
    pub doc: Option<String>,
    /// The span's text (or a note for a finding crossing a document boundary).
    pub text: String,
    /// `…left[[span]]right…` with up to 40 characters each side, newlines shown as `⏎`
    /// (empty for a finding crossing a document boundary).
    pub context: String,
}

/// Examples of errors of one label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LabelErrors {
    /// Gold spans without a relaxed match.
    pub missed: Vec<ErrorExample>,
    /// Predictions without a relaxed match.
    pub false_pos: Vec<ErrorExample>,
}

/// The result of [`score`]; serializes to the keys of score.py's `--json` output
/// (without the anonymizer part).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Per-label scores, in score.py's order: SPEC labels ([`KNOWN_LABELS`] order) that occur
    /// in the gold or the predictions, then other labels sorted.
    #[serde(serialize_with = "ordered_map")]
    pub labels: Vec<(String, LabelScores)>,
    /// Micro average over all labels.
    pub overall: LabelScores,
    /// Relaxed scores per source, sorted by source.
    pub by_source: BTreeMap<String, SourceScores>,
    /// Bytes of documents whose source starts with `neg`.
    pub neg_bytes: usize,
    /// Predictions in (or starting in) those documents.
    pub neg_findings: usize,
    /// `neg_findings / (neg_bytes / 10^6)`; `None` when `neg_bytes` is 0.
    pub fp_per_mb: Option<f64>,
    /// Size of the detector input ([`Corpus::joined`]).
    pub input_bytes: usize,
    /// Wall time of the detector in seconds, as given to [`score`].
    pub wall_s: f64,
    /// `input_bytes / 10^6 / wall_s`; `None` unless `wall_s > 0`.
    pub mb_s: Option<f64>,
    /// Number of gold documents.
    pub documents: usize,
    /// The label filter, sorted; `None` when not filtering (or the filter is empty).
    pub labels_filter: Option<Vec<String>>,
    /// Problems with the predictions, worded as score.py words them.
    pub warnings: Vec<String>,
    /// Error examples per label, when [`Options::show_errors`] > 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, LabelErrors>>,
}

fn ordered_map<S: Serializer>(v: &[(String, LabelScores)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(v.iter().map(|(k, v)| (k, v)))
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    gold: usize,
    pred: usize,
    strict_tp: usize,
    relaxed_tp: usize,
    prot_tot: usize,
    prot_cov: usize,
    cross: usize,
}

impl Counts {
    fn scores(&self, protection: Option<f64>) -> LabelScores {
        let (strict_p, strict_r, strict_f1) =
            prf(self.strict_tp, self.pred, self.strict_tp, self.gold);
        let (relaxed_p, relaxed_r, relaxed_f1) =
            prf(self.relaxed_tp, self.pred, self.relaxed_tp, self.gold);
        LabelScores {
            gold: self.gold,
            pred: self.pred,
            strict_p,
            strict_r,
            strict_f1,
            relaxed_p,
            relaxed_r,
            relaxed_f1,
            protection,
            cross_boundary: self.cross,
            strict_tp: self.strict_tp,
            relaxed_tp: self.relaxed_tp,
        }
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn source_key(source: &str) -> &str {
    source.split(':').next().unwrap_or("")
}

/// A finding mapped into one document: label, character start, character end.
type DocPred<'a> = (&'a str, usize, usize);

/// Scores `preds` (BYTE offsets into [`Corpus::joined`]) against the gold corpus with the
/// metrics of score.py. `wall_seconds` is the detector's wall time (for `mb_s`).
///
/// Predictions with `start >= end` or `end > joined().len()` are ignored with a warning
/// (score.py rejects such output lines as junk).
pub fn score(corpus: &Corpus, preds: &[Prediction], wall_seconds: f64, opts: &Options) -> Report {
    let keep_set: Option<HashSet<&str>> = opts
        .labels
        .as_ref()
        .map(|l| l.iter().map(String::as_str).collect());
    let keep = |lab: &str| keep_set.as_ref().map(|k| k.contains(lab)) != Some(false);
    let joined = corpus.joined();
    let total = joined.len();
    let docs = corpus.docs();
    let ranges = corpus.doc_byte_ranges();
    let show = opts.show_errors;

    // ---- validation, unknown labels, label filter (parse_findings)
    let mut invalid = 0usize;
    let mut unknown: Vec<(&str, usize)> = Vec::new();
    let mut finds: Vec<&Prediction> = Vec::new();
    for p in preds {
        if !(p.start < p.end && p.end <= total) {
            invalid += 1;
            continue;
        }
        if !KNOWN_LABELS.contains(&p.label.as_str()) {
            match unknown.iter_mut().find(|(l, _)| *l == p.label) {
                Some(e) => e.1 += 1,
                None => unknown.push((&p.label, 1)),
            }
        }
        if keep(&p.label) {
            finds.push(p);
        }
    }

    // ---- byte offsets -> documents and characters (map_findings)
    let mut per_doc: Vec<Vec<DocPred>> = vec![Vec::new(); docs.len()];
    let mut cross: Vec<(&str, Option<usize>, usize, usize)> = Vec::new();
    let mut inside: Vec<(usize, &Prediction)> = Vec::with_capacity(finds.len());
    let (mut misaligned, mut mismatch) = (0usize, 0usize);
    for p in &finds {
        let (a, b) = (p.start, p.end);
        if p.text
            .as_ref()
            .is_some_and(|t| t.as_bytes() != &joined[a..b])
        {
            mismatch += 1;
        }
        // ranges[0].start == 0 <= a, so i >= 0
        let i = ranges.partition_point(|r| r.start <= a) - 1;
        let r = &ranges[i];
        if a >= r.end || b > r.end {
            cross.push((&p.label, (a < r.end).then_some(i), a, b));
        } else {
            inside.push((i, p));
        }
    }
    // one document's character map at a time; the stable sort keeps each document's findings
    // in output order (the order matters for the matching)
    inside.sort_by_key(|&(i, _)| i);
    let mut cmap: Option<(usize, CharMap)> = None;
    for (i, p) in inside {
        if cmap.as_ref().map(|c| c.0) != Some(i) {
            cmap = Some((i, CharMap::new(&docs[i].text)));
        }
        let cm = &cmap.as_ref().expect("set above").1;
        let start = ranges[i].start;
        let (cs, ok1) = cm.to_char(p.start - start, false);
        let (ce, ok2) = cm.to_char(p.end - start, true);
        if !(ok1 && ok2) {
            misaligned += 1;
        }
        per_doc[i].push((&p.label, cs, ce));
    }

    // ---- per document (score)
    let mut counts: HashMap<&str, Counts> = HashMap::new();
    let (mut all_tot, mut all_cov) = (0usize, 0usize);
    let mut src: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // gold, pred, relaxed_tp
    let mut errors: BTreeMap<String, LabelErrors> = BTreeMap::new();
    let (mut neg_bytes, mut neg_fp) = (0usize, 0usize);
    for (d, preds) in docs.iter().zip(&per_doc) {
        let chars: Vec<char> = d.text.chars().collect();
        let golds: Vec<(&str, usize, usize)> = d
            .spans
            .iter()
            .filter(|g| keep(&g.label))
            .map(|g| (g.label.as_str(), g.start, g.end))
            .collect();
        let s = source_key(&d.source);
        if d.source.starts_with("neg") {
            neg_bytes += d.text.len();
            neg_fp += preds.len();
        }
        // protection
        let mut cov = vec![false; chars.len()];
        for &(_, a, b) in preds {
            cov[a..b].fill(true);
        }
        let mut gold_mask = vec![false; chars.len()];
        for &(lab, a, b) in &golds {
            let (mut tot, mut cov_n) = (0, 0);
            for k in a..b {
                if !is_py_space(chars[k]) {
                    tot += 1;
                    cov_n += usize::from(cov[k]);
                    gold_mask[k] = true;
                }
            }
            let c = counts.entry(lab).or_default();
            c.prot_tot += tot;
            c.prot_cov += cov_n;
        }
        for (m, c) in gold_mask.iter().zip(&cov) {
            if *m {
                all_tot += 1;
                all_cov += usize::from(*c);
            }
        }
        // detection
        let mut labs: Vec<&str> = golds
            .iter()
            .map(|g| g.0)
            .chain(preds.iter().map(|p| p.0))
            .collect();
        labs.sort_unstable();
        labs.dedup();
        for lab in labs {
            let gs: Vec<(usize, usize)> = golds
                .iter()
                .filter(|g| g.0 == lab)
                .map(|g| (g.1, g.2))
                .collect();
            let ps: Vec<(usize, usize)> = preds
                .iter()
                .filter(|p| p.0 == lab)
                .map(|p| (p.1, p.2))
                .collect();
            let m = max_matching(&gs, &ps);
            let matched = m.iter().flatten().count();
            let c = counts.entry(lab).or_default();
            c.gold += gs.len();
            c.pred += ps.len();
            c.strict_tp += strict_matches(&gs, &ps);
            c.relaxed_tp += matched;
            let sc = src.entry(s).or_default();
            sc.0 += gs.len();
            sc.1 += ps.len();
            sc.2 += matched;
            if show > 0 {
                let e = errors.entry(lab.to_owned()).or_default();
                let mut matched_p = vec![false; ps.len()];
                for &j in m.iter().flatten() {
                    matched_p[j] = true;
                }
                for (g, mg) in gs.iter().zip(&m) {
                    if mg.is_none() && e.missed.len() < show {
                        e.missed.push(context(d, &chars, g.0, g.1));
                    }
                }
                for (p, mp) in ps.iter().zip(&matched_p) {
                    if !mp && e.false_pos.len() < show {
                        e.false_pos.push(context(d, &chars, p.0, p.1));
                    }
                }
            }
        }
    }
    for &(lab, i, a, b) in &cross {
        let c = counts.entry(lab).or_default();
        c.pred += 1;
        c.cross += 1;
        if let Some(i) = i {
            src.entry(source_key(&docs[i].source)).or_default().1 += 1;
            if docs[i].source.starts_with("neg") {
                neg_fp += 1;
            }
        }
        if show > 0 {
            let e = errors.entry(lab.to_owned()).or_default();
            if e.false_pos.len() < show {
                e.false_pos.push(ErrorExample {
                    doc: i.map(|i| docs[i].id.clone()),
                    text: format!("<crosses document boundary, bytes {a}:{b}>"),
                    context: String::new(),
                });
            }
        }
    }

    // ---- report (build_report)
    let seen: HashSet<&str> = docs
        .iter()
        .flat_map(|d| d.spans.iter().map(|g| g.label.as_str()))
        .filter(|l| keep(l))
        .chain(finds.iter().map(|p| p.label.as_str()))
        .collect();
    let mut order: Vec<&str> = KNOWN_LABELS
        .iter()
        .copied()
        .filter(|l| keep(l) && seen.contains(l))
        .collect();
    let mut other: Vec<&str> = seen
        .iter()
        .copied()
        .filter(|l| !KNOWN_LABELS.contains(l))
        .collect();
    other.sort_unstable();
    order.extend(other);

    let mut tot = Counts::default();
    let labels = order
        .iter()
        .map(|&lab| {
            let c = counts.get(lab).copied().unwrap_or_default();
            tot.gold += c.gold;
            tot.pred += c.pred;
            tot.strict_tp += c.strict_tp;
            tot.relaxed_tp += c.relaxed_tp;
            tot.cross += c.cross;
            (lab.to_owned(), c.scores(ratio(c.prot_cov, c.prot_tot)))
        })
        .collect();
    let overall = tot.scores(ratio(all_cov, all_tot));
    let by_source = src
        .into_iter()
        .map(|(s, (gold, pred, relaxed_tp))| {
            let (relaxed_p, relaxed_r, relaxed_f1) = prf(relaxed_tp, pred, relaxed_tp, gold);
            (
                s.to_owned(),
                SourceScores {
                    gold,
                    pred,
                    relaxed_p,
                    relaxed_r,
                    relaxed_f1,
                    relaxed_tp,
                },
            )
        })
        .collect();

    let mut warnings = Vec::new();
    if opts.skipped_lines > 0 {
        warnings.push(format!(
            "skipped {} unparsable output line(s)",
            opts.skipped_lines
        ));
    }
    if invalid > 0 {
        warnings.push(format!("ignored {invalid} finding(s) with offsets outside the input (need start < end <= {total})"));
    }
    if !unknown.is_empty() {
        unknown.sort_by_key(|u| std::cmp::Reverse(u.1)); // stable: ties keep first-seen order, like Counter.most_common
        let list: Vec<String> = unknown.iter().map(|(k, v)| format!("{k}×{v}")).collect();
        warnings.push(format!("labels not in SPEC: {}", list.join(", ")));
    }
    if misaligned > 0 {
        warnings.push(format!(
            "{misaligned} finding(s) with offsets not on UTF-8 character boundaries (widened to whole characters)"
        ));
    }
    if mismatch > 0 {
        warnings.push(format!(
            "{mismatch} finding(s) whose 'text' differs from the input bytes at start..end"
        ));
    }
    if !cross.is_empty() {
        warnings.push(format!(
            "{} finding(s) cross a document boundary (counted as false positives)",
            cross.len()
        ));
    }

    let labels_filter = opts.labels.as_ref().filter(|l| !l.is_empty()).map(|l| {
        let mut l = l.clone();
        l.sort_unstable();
        l.dedup();
        l
    });

    Report {
        labels,
        overall,
        by_source,
        neg_bytes,
        neg_findings: neg_fp,
        fp_per_mb: (neg_bytes > 0).then(|| neg_fp as f64 / (neg_bytes as f64 / 1e6)),
        input_bytes: total,
        wall_s: wall_seconds,
        mb_s: (wall_seconds > 0.0).then(|| total as f64 / 1e6 / wall_seconds),
        documents: docs.len(),
        labels_filter,
        warnings,
        errors: (show > 0).then_some(errors),
    }
}

/// score.py's `ctx()`: the span with up to 40 characters of context each side.
fn context(d: &GoldDoc, chars: &[char], a: usize, b: usize) -> ErrorExample {
    const W: usize = 40;
    let show = |cs: &[char]| {
        cs.iter()
            .map(|&c| if c == '\n' { '⏎' } else { c })
            .collect::<String>()
    };
    let text: String = chars[a..b].iter().collect();
    let left = show(&chars[a.saturating_sub(W)..a]);
    let right = show(&chars[b..(b + W).min(chars.len())]);
    ErrorExample {
        doc: Some(d.id.clone()),
        context: format!("…{left}[[{text}]]{right}…"),
        text,
    }
}

/// score.py's `fmt()`.
fn fmt3(x: Option<f64>) -> String {
    fmt_nd(x, 3)
}

fn fmt_nd(x: Option<f64>, nd: usize) -> String {
    match x {
        None => "  -  ".into(),
        Some(x) => format!("{x:.nd$}"),
    }
}

/// The `sf()` of score.py's summary line.
fn sf(x: Option<f64>, nd: usize) -> String {
    match x {
        None => "na".into(),
        Some(x) => format!("{x:.nd$}"),
    }
}

impl Report {
    /// Scores of one label, if it is in the report.
    pub fn label(&self, label: &str) -> Option<&LabelScores> {
        self.labels.iter().find(|(l, _)| l == label).map(|(_, s)| s)
    }

    /// The last line of the human report:
    /// `summary: relaxed_f1=… strict_f1=… protection=… fp_per_mb=… mb_s=…` (`na` for missing values).
    pub fn summary_line(&self) -> String {
        let o = &self.overall;
        format!(
            "summary: relaxed_f1={} strict_f1={} protection={} fp_per_mb={} mb_s={}",
            sf(Some(o.relaxed_f1), 3),
            sf(Some(o.strict_f1), 3),
            sf(o.protection, 3),
            sf(self.fp_per_mb, 1),
            sf(self.mb_s, 2)
        )
    }

    /// Writes the JSON of score.py's `--json` (indent 1, non-ASCII kept, final newline).
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut *w,
            serde_json::ser::PrettyFormatter::with_indent(b" "),
        );
        self.serialize(&mut ser).map_err(io::Error::other)?;
        writeln!(w)
    }

    /// Writes the human-readable report of score.py (without the anonymizer section).
    /// `gold_name` and `command` fill the first two lines.
    pub fn write_human(&self, w: &mut dyn Write, gold_name: &str, command: &str) -> io::Result<()> {
        writeln!(
            w,
            "gold: {gold_name}  documents: {}  input: {:.2} MB",
            self.documents,
            self.input_bytes as f64 / 1e6
        )?;
        writeln!(w, "command: {command}")?;
        for m in &self.warnings {
            writeln!(w, "warning: {m}")?;
        }
        writeln!(w)?;
        let hdr = format!(
            "{:<9}{:>7}{:>7} | {:>8}{:>7}{:>7} | {:>8}{:>7}{:>7} | {:>7}",
            "label", "gold", "pred", "strict P", "R", "F1", "relax P", "R", "F1", "protect"
        );
        let rule = "-".repeat(hdr.chars().count());
        writeln!(w, "{hdr}")?;
        writeln!(w, "{rule}")?;
        let row = |w: &mut dyn Write, lab: &str, r: &LabelScores| {
            writeln!(
                w,
                "{lab:<9}{:>7}{:>7} | {:>8}{:>7}{:>7} | {:>8}{:>7}{:>7} | {:>7}",
                r.gold,
                r.pred,
                fmt3(Some(r.strict_p)),
                fmt3(Some(r.strict_r)),
                fmt3(Some(r.strict_f1)),
                fmt3(Some(r.relaxed_p)),
                fmt3(Some(r.relaxed_r)),
                fmt3(Some(r.relaxed_f1)),
                fmt3(r.protection)
            )
        };
        for (lab, r) in &self.labels {
            row(w, lab, r)?;
        }
        writeln!(w, "{rule}")?;
        row(w, "MICRO", &self.overall)?;
        writeln!(w)?;
        writeln!(w, "by source (relaxed):")?;
        for (s, c) in &self.by_source {
            writeln!(
                w,
                "  {s:<10} gold={:<6} pred={:<6} P={} R={} F1={}",
                c.gold,
                c.pred,
                fmt3(Some(c.relaxed_p)),
                fmt3(Some(c.relaxed_r)),
                fmt3(Some(c.relaxed_f1))
            )?;
        }
        writeln!(w)?;
        match self.fp_per_mb {
            Some(fp) => writeln!(
                w,
                "negatives: {} findings in {:.3} MB of neg* documents -> {fp:.1} FP/MB",
                self.neg_findings,
                self.neg_bytes as f64 / 1e6
            )?,
            None => writeln!(
                w,
                "negatives: no documents with source neg* in the gold file"
            )?,
        }
        writeln!(
            w,
            "throughput: {:.2} MB in {:.2} s -> {} MB/s",
            self.input_bytes as f64 / 1e6,
            self.wall_s,
            fmt_nd(self.mb_s, 2)
        )?;
        if let Some(errors) = self.errors.as_ref().filter(|e| !e.is_empty()) {
            writeln!(w)?;
            for (lab, e) in errors {
                if e.missed.is_empty() && e.false_pos.is_empty() {
                    continue;
                }
                writeln!(w, "== {lab}")?;
                for x in &e.missed {
                    writeln!(
                        w,
                        "  MISSED {}: {}",
                        x.doc.as_deref().unwrap_or("None"),
                        x.context
                    )?;
                }
                for x in &e.false_pos {
                    let shown = if x.context.is_empty() {
                        &x.text
                    } else {
                        &x.context
                    };
                    writeln!(
                        w,
                        "  FP     {}: {shown}",
                        x.doc.as_deref().unwrap_or("None")
                    )?;
                }
            }
        }
        writeln!(w)?;
        writeln!(w, "{}", self.summary_line())
    }
}
