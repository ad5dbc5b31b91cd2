//! `obezlik scan`: findings as JSON Lines (SPEC §2) or as ripgrep-like lines.

use std::io::{self, Write};
use std::ops::Range;

use rayon::prelude::*;

use anyhow::Result;
use obezlik::{Engine, Finding, Label};

use crate::input::{
    for_each_window, looks_binary, map_pieces, open, scan_piece, scan_window, Chunking, Opened,
    Source,
};

/// Output formats of `scan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:column: LABEL text`, the match highlighted on a terminal.
    Human,
    /// One JSON object per finding, as in SPEC §2.
    Jsonl,
}

pub struct ScanOptions {
    pub format: Format,
    pub color: bool,
    pub with_path: bool,
    pub stats: bool,
    pub chunking: Chunking,
}

/// Counts per label, for `--stats`.
#[derive(Default)]
pub struct Counts {
    pub progress: crate::progress::Progress,
    pub per_label: [u64; Label::ALL.len()],
    pub bytes: u64,
    pub files: u64,
}

impl Counts {
    pub fn add(&mut self, f: &[Finding]) {
        for x in f {
            self.per_label[x.label as usize] += 1;
        }
    }

    pub fn total(&self) -> u64 {
        self.per_label.iter().sum()
    }

    pub fn write(&self, w: &mut dyn Write, secs: f64) -> io::Result<()> {
        writeln!(
            w,
            "{} findings in {} file(s), {:.1} MB, {:.2} s ({:.1} MB/s)",
            self.total(),
            self.files,
            self.bytes as f64 / 1e6,
            secs,
            self.bytes as f64 / 1e6 / secs.max(1e-9)
        )?;
        write_label_counts(w, &self.per_label)?;
        Ok(())
    }
}

/// One `  LABEL  count` line per label that was found (shared by the scan and
/// anonymize summaries).
pub fn write_label_counts(
    w: &mut dyn Write,
    per_label: &[u64; Label::ALL.len()],
) -> io::Result<()> {
    for l in Label::ALL {
        let n = per_label[l as usize];
        if n > 0 {
            writeln!(w, "  {:<9} {n}", l.as_str())?;
        }
    }
    Ok(())
}

/// Writes `s` as a JSON string body (without quotes); invalid UTF-8 becomes U+FFFD.
pub fn json_escape(out: &mut Vec<u8>, s: &[u8]) {
    let lossy;
    let bytes = match simdutf8::basic::from_utf8(s) {
        Ok(t) => t.as_bytes(),
        Err(_) => {
            lossy = String::from_utf8_lossy(s).into_owned();
            lossy.as_bytes()
        }
    };
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[from..i]);
        if esc.is_empty() {
            out.extend_from_slice(format!("\\u{:04x}", b).as_bytes());
        } else {
            out.extend_from_slice(esc);
        }
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
}

/// A window's findings and where each stands among the window's lines: the
/// line breaks before it in the window, and the offset just past the last of
/// them (its line's start) when there is one. The human format's line
/// numbers come from here, counted piece by piece in parallel with the scan
/// instead of in a pass over the window after it.
struct Located {
    findings: Vec<Finding>,
    marks: Vec<(u64, Option<usize>)>,
    breaks: u64,
    last_break_end: Option<usize>,
}

impl Located {
    /// Findings without line marks (the JSONL format has offsets only).
    fn unlocated(findings: Vec<Finding>) -> Located {
        Located {
            findings,
            marks: Vec::new(),
            breaks: 0,
            last_break_end: None,
        }
    }
}

/// [`scan_window`] with the line marks of every finding.
fn scan_located(engine: &Engine, window: &[u8], chunk: usize) -> Located {
    let parts = map_pieces(window, chunk, |r| {
        let found = scan_piece(engine, window, r.clone());
        let mut marks = Vec::with_capacity(found.len());
        let (mut breaks, mut last) = (0u64, None);
        // Line breaks counted a vector at a time between findings (a log has
        // one per 200 bytes, a finding per few kilobytes); the last one before
        // each finding is found backwards from it.
        let mut from = r.start;
        for f in found.iter().map(|f| f.start).chain([r.end]) {
            let gap = &window[from..f];
            let n = bytecount::count(gap, b'\n') as u64;
            if n > 0 {
                breaks += n;
                let nl = memchr::memrchr(b'\n', gap).expect("a counted line break");
                last = Some(from + nl + 1);
            }
            from = f;
            if marks.len() < found.len() {
                marks.push((breaks, last));
            }
        }
        (found, marks, breaks, last)
    });
    let mut all = Located::unlocated(Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum()));
    for (found, marks, breaks, last) in parts {
        let before = (all.breaks, all.last_break_end);
        all.marks.extend(
            marks
                .into_iter()
                .map(|(b, l)| (before.0 + b, l.or(before.1))),
        );
        all.findings.extend(found);
        all.breaks += breaks;
        all.last_break_end = last.or(all.last_break_end);
    }
    all
}

/// Scans one source, writing its findings to `out`.
pub fn scan_source(
    engine: &Engine,
    src: &Source,
    explicit: bool,
    opts: &ScanOptions,
    counts: &mut Counts,
    out: &mut dyn Write,
) -> Result<Option<String>> {
    if !explicit {
        // Walked files: skip binary ones, and say so.
        if let Opened::Mapped(m) = open(src)? {
            if looks_binary(&m) {
                return Ok(Some(format!("{}: binary file skipped", src.name())));
            }
        }
    }
    let name = src.name();
    let mut line = 1u64; // the number of the line the window starts in
    let mut line_start = 0u64; // absolute offset of that line's first byte
    let mut buf = Vec::with_capacity(1 << 16);
    counts.files += 1;
    for_each_window(src, opts.chunking, |window, base| {
        counts.bytes += window.len() as u64;
        counts.progress.inc(window.len() as u64);
        let located = match opts.format {
            Format::Human => scan_located(engine, window, opts.chunking.chunk),
            Format::Jsonl => Located::unlocated(scan_window(engine, window, opts.chunking.chunk)),
        };
        let found = &located.findings;
        counts.add(found);
        // Formatting runs in parallel slices of findings (with two threads it
        // was the part of a window the second core waited for), written in
        // order, a bounded batch at a time.
        let at = Position {
            window,
            base,
            line,
            line_start,
        };
        const BATCH: usize = 8192;
        let threads = rayon::current_num_threads();
        for from in (0..found.len()).step_by(BATCH) {
            let to = (from + BATCH).min(found.len());
            if to - from < 512 || threads == 1 {
                format_findings(&mut buf, &located, from..to, &at, &name, opts);
                out.write_all(&buf)?;
                buf.clear();
                continue;
            }
            let step = (to - from).div_ceil(threads * 2);
            let slices: Vec<Vec<u8>> = (from..to)
                .into_par_iter()
                .step_by(step)
                .map(|s| {
                    let mut piece = Vec::with_capacity(64 * step);
                    format_findings(
                        &mut piece,
                        &located,
                        s..(s + step).min(to),
                        &at,
                        &name,
                        opts,
                    );
                    piece
                })
                .collect();
            for piece in &slices {
                out.write_all(piece)?;
            }
        }
        line += located.breaks;
        if let Some(o) = located.last_break_end {
            line_start = base + o as u64;
        }
        Ok(())
    })?;
    Ok(None)
}

/// Where a window stands: its bytes, its offset in the input, and the number
/// and first byte of the line it starts in.
struct Position<'w> {
    window: &'w [u8],
    base: u64,
    line: u64,
    line_start: u64,
}

/// Appends the output lines of `located.findings[range]` to `buf`.
fn format_findings(
    buf: &mut Vec<u8>,
    located: &Located,
    range: Range<usize>,
    at: &Position<'_>,
    name: &str,
    opts: &ScanOptions,
) {
    let base = at.base;
    for i in range {
        let f = &located.findings[i];
        let text = &at.window[f.range()];
        match opts.format {
            Format::Jsonl => {
                buf.extend_from_slice(b"{\"label\":\"");
                buf.extend_from_slice(f.label.as_str().as_bytes());
                buf.extend_from_slice(b"\",\"start\":");
                let _ = write!(buf, "{}", base + f.start as u64);
                buf.extend_from_slice(b",\"end\":");
                let _ = write!(buf, "{}", base + f.end as u64);
                buf.extend_from_slice(b",\"text\":\"");
                json_escape(buf, text);
                let _ = write!(buf, "\",\"score\":{:.2}", f.score);
                if f.label == Label::Person {
                    write_person(buf, text);
                }
                if opts.with_path {
                    buf.extend_from_slice(b",\"path\":\"");
                    json_escape(buf, name.as_bytes());
                    buf.push(b'"');
                }
                buf.extend_from_slice(b"}\n");
            }
            Format::Human => {
                let (breaks, own_start) = located.marks[i];
                let abs = base + f.start as u64;
                let this_line = at.line + breaks;
                let col = abs - own_start.map_or(at.line_start, |o| base + o as u64) + 1;
                if opts.with_path {
                    buf.extend_from_slice(name.as_bytes());
                    buf.push(b':');
                }
                let _ = write!(buf, "{this_line}:{col}: ");
                if opts.color {
                    let _ = write!(buf, "\x1b[1;35m{:<8}\x1b[0m \x1b[1;31m", f.label.as_str());
                    buf.extend_from_slice(String::from_utf8_lossy(text).as_bytes());
                    buf.extend_from_slice(b"\x1b[0m\n");
                } else {
                    let _ = write!(buf, "{:<8} ", f.label.as_str());
                    buf.extend_from_slice(String::from_utf8_lossy(text).as_bytes());
                    buf.push(b'\n');
                }
            }
        }
    }
}

/// The `person` field SPEC §2 allows adding to a PERSON finding: its gender
/// and case and each part's role and nominative, what a pseudonymizer keys on.
fn write_person(buf: &mut Vec<u8>, text: &[u8]) {
    let Some(name) = obezlik::analyze_person(text) else {
        return;
    };
    let gender = match name.gender {
        Some(obezlik::Gender::Masc) => "\"m\"",
        Some(obezlik::Gender::Fem) => "\"f\"",
        None => "null",
    };
    let case = match name.case {
        Some(c) => match c {
            obezlik::Case::Nominative => "\"nom\"",
            obezlik::Case::Genitive => "\"gen\"",
            obezlik::Case::Dative => "\"dat\"",
            obezlik::Case::Accusative => "\"acc\"",
            obezlik::Case::Instrumental => "\"ins\"",
            obezlik::Case::Prepositional => "\"prep\"",
        },
        None => "null",
    };
    buf.extend_from_slice(
        format!(",\"person\":{{\"gender\":{gender},\"case\":{case},\"parts\":[").as_bytes(),
    );
    for (k, part) in name.parts.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        let role = match part.role {
            obezlik::NameRole::Surname => "surname",
            obezlik::NameRole::FirstName => "first_name",
            obezlik::NameRole::Patronymic => "patronymic",
            obezlik::NameRole::Initials => "initials",
        };
        buf.extend_from_slice(format!("{{\"role\":\"{role}\",\"nominative\":\"").as_bytes());
        json_escape(buf, part.nominative.as_bytes());
        buf.extend_from_slice(b"\"}");
    }
    buf.extend_from_slice(b"]}");
}
