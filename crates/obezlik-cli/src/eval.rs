//! `obezlik eval`: the shared scorer's metrics, computed in process on a gold corpus.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use obezlik::Engine;
use obezlik_eval::{score, Corpus, Options, Prediction};

use crate::input::{scan_window, Chunking};

pub struct EvalOptions {
    pub gold: PathBuf,
    pub labels: Option<String>,
    pub json: bool,
    pub show_errors: usize,
}

/// Scores `scanner` on the gold corpus, printing the human report or JSON.
pub fn run_eval(engine: &Engine, o: &EvalOptions, chunking: Chunking) -> Result<()> {
    let labels = match &o.labels {
        Some(s) => Some(obezlik_eval::parse_labels(s)?),
        None => None,
    };
    let corpus = Corpus::load(&o.gold, labels.as_deref())?;
    let input = corpus.joined();
    let t0 = Instant::now();
    let found = scan_window(engine, input, chunking.chunk);
    let wall = t0.elapsed().as_secs_f64();
    let preds: Vec<Prediction> = found
        .iter()
        .map(|f| Prediction {
            label: f.label.as_str().to_string(),
            start: f.start,
            end: f.end,
            text: Some(String::from_utf8_lossy(&input[f.range()]).into_owned()),
        })
        .collect();
    let report = score(
        &corpus,
        &preds,
        wall,
        &Options {
            labels,
            show_errors: o.show_errors,
            ..Options::default()
        },
    );
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if o.json {
        report.write_json(&mut out)?;
    } else {
        report.write_human(
            &mut out,
            &o.gold.display().to_string(),
            "obezlik (in process)",
        )?;
    }
    out.flush()?;
    Ok(())
}
