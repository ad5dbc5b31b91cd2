//! The `obezlik` command line: a thin layer from arguments to library objects to output.

mod input;
mod scan;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use obezlik::{LabelSet, ScannerBuilder};

use crate::input::{walk, Chunking};
use crate::scan::{scan_source, Counts, Format, ScanOptions};

/// Find personal data in Russian-language text and replace it with keyed pseudonyms.
#[derive(Parser)]
#[command(name = "obezlik", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find personal data and print the findings.
    Scan(ScanArgs),
}

#[derive(Args)]
struct Common {
    /// Labels to detect, comma-separated (default: all), e.g. PHONE,INN,EMAIL.
    #[arg(long, value_name = "LIST")]
    labels: Option<String>,
    /// Worker threads (default: all cores). Output is the same for every value.
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Bytes per parallel chunk (for tests and tuning; output never depends on it).
    #[arg(long, hide = true, default_value_t = 1 << 20)]
    chunk_size: usize,
    /// Bytes per window of input processed before output is written.
    #[arg(long, hide = true, default_value_t = 64 << 20)]
    window_size: usize,
}

#[derive(Args)]
struct ScanArgs {
    /// Files or directories to scan; `-` or nothing for standard input.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print counts per label at the end (to stderr with --format jsonl).
    #[arg(long)]
    stats: bool,
    /// Colour: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(a) => run_scan(a),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("obezlik: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

fn setup_threads(n: Option<usize>) -> Result<()> {
    if let Some(n) = n {
        anyhow::ensure!(n >= 1, "--threads must be at least 1");
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("cannot start the worker threads")?;
    }
    Ok(())
}

fn labels(spec: &Option<String>) -> Result<LabelSet> {
    match spec {
        None => Ok(LabelSet::ALL),
        Some(s) => Ok(LabelSet::parse_list(s)?),
    }
}

fn chunking(c: &Common) -> Result<Chunking> {
    anyhow::ensure!(c.chunk_size >= 1 && c.window_size >= 1, "chunk and window sizes must be positive");
    Ok(Chunking { chunk: c.chunk_size, window: c.window_size.max(c.chunk_size) })
}

fn run_scan(a: ScanArgs) -> Result<ExitCode> {
    setup_threads(a.common.threads)?;
    let scanner = ScannerBuilder::new().labels(labels(&a.common.labels)?).build()?;
    let w = walk(&a.paths);
    let color = match a.color.as_str() {
        "always" => true,
        "never" => false,
        _ => io::stdout().is_terminal(),
    };
    let opts = ScanOptions {
        format: a.format,
        color: color && a.format == Format::Human,
        with_path: w.sources.len() > 1 || a.paths.iter().any(|p| p.is_dir()),
        stats: a.stats,
        chunking: chunking(&a.common)?,
    };
    let mut failed = !w.errors.is_empty();
    for e in &w.errors {
        eprintln!("obezlik: {e}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut counts = Counts::default();
    let t0 = Instant::now();
    for (src, explicit) in &w.sources {
        match scan_source(&scanner, src, *explicit, &opts, &mut counts, &mut out) {
            Ok(None) => {}
            Ok(Some(note)) => eprintln!("obezlik: {note}"),
            Err(e) if is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
            Err(e) => {
                failed = true;
                eprintln!("obezlik: {e:#}");
            }
        }
    }
    out.flush()?;
    if opts.stats {
        let secs = t0.elapsed().as_secs_f64();
        if opts.format == Format::Jsonl {
            counts.write(&mut io::stderr(), secs)?;
        } else {
            counts.write(&mut out, secs)?;
            out.flush()?;
        }
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
