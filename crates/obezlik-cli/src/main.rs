//! The `obezlik` command line: a thin layer from arguments to library objects to output.

mod anonymize;
mod eval;
mod input;
mod output;
mod progress;
mod scan;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use obezlik::{Engine, EngineBuilder, LabelSet, Mode, Policy};

use crate::anonymize::{
    anonymize_source, load_key, reidentify_source, skip_binary, FileOut, Structure, Summary,
};
use crate::input::{walk, Chunking, Source, Walk};
use crate::output::{is_output_error, Named};
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
    /// Replace personal data with keyed pseudonyms.
    Anonymize(AnonymizeArgs),
    /// Turn `--mode encrypt` output back into the original, byte for byte.
    Reidentify(ReidentifyArgs),
    /// Write a new random key file (owner-only permissions).
    Keygen(KeygenArgs),
    /// Score the detector on a labelled gold corpus (the metrics of shared/eval/score.py).
    Eval(EvalArgs),
}

#[derive(Args)]
struct EvalArgs {
    /// Gold corpus in the score.py format (JSON Lines, character offsets).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// Score only these labels (comma-separated).
    #[arg(long, value_name = "LIST")]
    labels: Option<String>,
    /// Print the report as JSON (the keys of score.py --json).
    #[arg(long)]
    json: bool,
    /// Show up to N misses and N false positives per label.
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_errors: usize,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Args)]
struct AnonymizeArgs {
    /// Files or directories; `-` or nothing for standard input.
    paths: Vec<PathBuf>,
    /// Key file (or set OBEZLIK_KEY_FILE). Required for every mode but redact.
    #[arg(long, value_name = "K")]
    key_file: Option<PathBuf>,
    /// How findings are replaced: tag (default), fake, mask, redact, encrypt.
    #[arg(long)]
    mode: Option<String>,
    /// Write everything to this file (created under a temporary name, then renamed); `-` is standard output.
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "output_dir")]
    output: Option<PathBuf>,
    /// Write one output file per input under this directory, mirroring the tree.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Print a summary (files, bytes, findings per label, time) to stderr.
    #[arg(long)]
    stats: bool,
    /// Also write the summary as JSON to this file (counts only, never values).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Input is JSON Lines: anonymize string values only (all, or those of --field / --chat).
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: a dotted path of string values to anonymize, `*` for any element (repeatable),
    /// e.g. messages.*.content.
    #[arg(long, value_name = "PATH", requires = "jsonl")]
    field: Vec<String>,
    /// OpenAI/Anthropic-style chat logs: messages[].content (string or parts), prompt, completion, …
    #[arg(long, conflicts_with_all = ["csv", "field"])]
    chat: bool,
    /// Input is CSV: anonymize the fields of the --column columns (all by default), keeping quoting valid.
    #[arg(long, conflicts_with = "jsonl")]
    csv: bool,
    /// With --csv: a header name whose column is anonymized (repeatable).
    #[arg(long, value_name = "NAME", requires = "csv")]
    column: Vec<String>,
    /// With --csv: the field separator (default `,`).
    #[arg(long, value_name = "CHAR", requires = "csv", default_value = ",")]
    separator: char,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct ReidentifyArgs {
    /// Files; `-` or nothing for standard input.
    paths: Vec<PathBuf>,
    /// The key the text was encrypted with (or set OBEZLIK_KEY_FILE).
    #[arg(long, value_name = "K")]
    key_file: Option<PathBuf>,
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct KeygenArgs {
    /// Where to write the key; an existing file is never overwritten.
    file: PathBuf,
}

#[derive(Args)]
struct Common {
    /// Policy file (TOML): labels, modes, allowlist, extra patterns, minimum score. Flags override it.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Labels to detect, comma-separated (default: all), e.g. PHONE,INN,EMAIL.
    #[arg(long, value_name = "LIST")]
    labels: Option<String>,
    /// No progress bar (it is shown only on a terminal anyway).
    #[arg(short, long)]
    quiet: bool,
    /// Worker threads (default: all cores). Output is the same for every value.
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Bytes per parallel chunk (for tests and tuning; output never depends on it).
    #[arg(long, hide = true, default_value_t = 256 << 10)]
    chunk_size: usize,
    /// Bytes per window of input processed before output is written.
    #[arg(long, hide = true, default_value_t = 16 << 20)]
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
    anonymize::install_interrupt_cleanup();
    let result = match cli.command {
        Command::Scan(a) => run_scan(a),
        Command::Anonymize(a) => run_anonymize(a),
        Command::Reidentify(a) => run_reidentify(a),
        Command::Keygen(a) => run_keygen(a),
        Command::Eval(a) => run_eval_cmd(a),
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

/// How standard output is named in write errors.
const STDOUT: &str = "standard output";

/// Prints the walk's errors and skipped entries; true when there were errors.
fn report_walk(w: &Walk) -> bool {
    for e in &w.errors {
        eprintln!("obezlik: {e}");
    }
    for s in &w.skipped {
        eprintln!("obezlik: {s}");
    }
    !w.errors.is_empty()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
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

/// A builder with the policy file (if any), then the flags that override it.
fn engine_builder(c: &Common) -> Result<EngineBuilder> {
    let mut b = Engine::builder();
    if let Some(p) = &c.policy {
        b = b.policy(Policy::load(p)?);
    }
    if let Some(spec) = &c.labels {
        b = b.labels(LabelSet::parse_list(spec)?);
    }
    Ok(b)
}

fn chunking(c: &Common) -> Result<Chunking> {
    anyhow::ensure!(
        c.chunk_size >= 1 && c.window_size >= 1,
        "chunk and window sizes must be positive"
    );
    Ok(Chunking {
        chunk: c.chunk_size,
        window: c.window_size.max(c.chunk_size),
    })
}

fn run_scan(a: ScanArgs) -> Result<ExitCode> {
    setup_threads(a.common.threads)?;
    // Scanning replaces nothing, so no key is needed.
    let engine = engine_builder(&a.common)?.mode(Mode::Redact).build()?;
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
    let mut failed = report_walk(&w);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, Named::new(stdout.lock(), STDOUT));
    let mut counts = Counts {
        progress: progress::Progress::new(&w.sources, a.common.quiet),
        ..Counts::default()
    };
    let t0 = Instant::now();
    for (src, explicit) in &w.sources {
        match scan_source(&engine, src, *explicit, &opts, &mut counts, &mut out) {
            Ok(None) => {}
            Ok(Some(note)) => eprintln!("obezlik: {note}"),
            Err(e) if is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
            Err(e) if is_output_error(&e) => return Err(e),
            Err(e) => {
                failed = true;
                eprintln!("obezlik: {e:#}");
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r?,
    }
    counts.progress.finish();
    if opts.stats {
        let secs = t0.elapsed().as_secs_f64();
        if opts.format == Format::Jsonl {
            counts.write(&mut io::stderr(), secs)?;
        } else {
            counts.write(&mut out, secs)?;
            out.flush()?;
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn build_engine(common: &Common, key_file: &Option<PathBuf>, mode: Option<Mode>) -> Result<Engine> {
    let mut b = engine_builder(common)?;
    if let Some(m) = mode {
        b = b.mode(m);
    }
    if let Some(key) = load_key(key_file)? {
        b = b.key(key);
    }
    b.build().map_err(|e| match e {
        obezlik::Error::Pseudo(p) if p.to_string().contains("key") => anyhow::anyhow!(
            "{p}: pass --key-file K or set OBEZLIK_KEY_FILE (create one with `obezlik keygen K`), or use --mode redact"
        ),
        other => other.into(),
    })
}

/// Where an input's anonymized bytes go under `--output-dir`: the path below the
/// argument it was found under, or its file name when named directly.
fn mirrored_path(out_dir: &std::path::Path, roots: &[PathBuf], file: &std::path::Path) -> PathBuf {
    for r in roots {
        if r.is_dir() {
            if let Ok(rel) = file.strip_prefix(r) {
                return out_dir.join(rel);
            }
        }
    }
    out_dir.join(file.file_name().unwrap_or(file.as_os_str()))
}

fn run_anonymize(a: AnonymizeArgs) -> Result<ExitCode> {
    let output = stdout_dash(&a.output);
    setup_threads(a.common.threads)?;
    let mode: Option<Mode> = a.mode.as_deref().map(str::parse).transpose()?;
    let engine = build_engine(&a.common, &a.key_file, mode)?;
    let chunking = chunking(&a.common)?;
    let structure = if a.chat {
        Structure::Jsonl(obezlik_formats::FieldSelector::chat())
    } else if a.jsonl {
        if a.field.is_empty() {
            Structure::Jsonl(obezlik_formats::FieldSelector::all())
        } else {
            let paths: Vec<&str> = a.field.iter().map(String::as_str).collect();
            Structure::Jsonl(obezlik_formats::FieldSelector::parse(&paths)?)
        }
    } else if a.csv {
        anyhow::ensure!(
            a.separator.is_ascii(),
            "--separator must be one ASCII character"
        );
        Structure::Csv(obezlik_formats::CsvOptions {
            separator: a.separator as u8,
            columns: (!a.column.is_empty()).then(|| a.column.clone()),
        })
    } else {
        Structure::Text
    };
    let w = walk(&a.paths);
    let mut failed = report_walk(&w);
    let mut summary = Summary {
        progress: progress::Progress::new(&w.sources, a.common.quiet),
        ..Summary::default()
    };
    let t0 = Instant::now();
    if let Some(dir) = &a.output_dir {
        for (src, explicit) in &w.sources {
            let Source::File(path) = src else {
                eprintln!(
                    "obezlik: standard input cannot go to --output-dir; use -o FILE or stdout"
                );
                failed = true;
                continue;
            };
            let result = (|| -> Result<()> {
                if skip_binary(src, *explicit)? {
                    eprintln!("obezlik: {}: binary file skipped", path.display());
                    summary.skipped.push(path.display().to_string());
                    return Ok(());
                }
                let dest = mirrored_path(dir, &a.paths, path);
                anyhow::ensure!(
                    std::fs::canonicalize(&dest).ok() != std::fs::canonicalize(path).ok(),
                    "{}: output would overwrite the input; choose another --output-dir",
                    path.display()
                );
                let mut out = FileOut::create(&dest)?;
                anonymize_source(&engine, &structure, src, chunking, &mut summary, &mut out)?;
                out.commit()
            })();
            if let Err(e) = result {
                if is_output_error(&e) {
                    return Err(e);
                }
                failed = true;
                eprintln!("obezlik: {e:#}");
            }
        }
    } else {
        if let Some(p) = &output {
            anyhow::ensure!(
                !w.sources.iter().any(|(s, _)| matches!(s, Source::File(f) if std::fs::canonicalize(f).ok() == std::fs::canonicalize(p).ok())),
                "{}: output would overwrite an input; choose another -o",
                p.display()
            );
        }
        let mut sink = Output::open(&output)?;
        for (src, explicit) in &w.sources {
            let r = (|| -> Result<()> {
                if skip_binary(src, *explicit)? {
                    eprintln!("obezlik: {}: binary file skipped", src.name());
                    return Ok(());
                }
                anonymize_source(&engine, &structure, src, chunking, &mut summary, &mut sink)
            })();
            match r {
                Ok(()) => {}
                Err(e) if is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
                // The output itself failed (a full disk): every later write
                // would too; a partial -o file is removed as the sink drops.
                Err(e) if is_output_error(&e) => return Err(e),
                Err(e) => {
                    failed = true;
                    eprintln!("obezlik: {e:#}");
                }
            }
        }
        // Only a complete run replaces an output file.
        if failed {
            if let Some(p) = &output {
                eprintln!(
                    "obezlik: {}: not written because of the errors above",
                    p.display()
                );
            }
        } else {
            sink.finish()?;
        }
    }
    summary.progress.finish();
    let secs = t0.elapsed().as_secs_f64();
    if a.stats {
        summary.write(&mut io::stderr(), secs)?;
    }
    if let Some(path) = &a.report {
        let mut f = FileOut::create(path)?;
        serde_json::to_writer_pretty(&mut f, &summary.to_json(secs))?;
        f.write_all(b"\n")?;
        f.commit()?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `-o -` means standard output, as `-` does for an input.
fn stdout_dash(output: &Option<PathBuf>) -> Option<PathBuf> {
    output.clone().filter(|p| p.as_os_str() != "-")
}

/// Standard output, or a file that appears only when complete.
enum Output {
    Stdout(io::BufWriter<Named<io::StdoutLock<'static>>>),
    File(FileOut),
}

impl Output {
    fn open(path: &Option<PathBuf>) -> Result<Output> {
        Ok(match path {
            Some(p) => Output::File(FileOut::create(p)?),
            None => Output::Stdout(io::BufWriter::with_capacity(
                1 << 20,
                Named::new(io::stdout().lock(), STDOUT),
            )),
        })
    }

    /// Flushes standard output (a closed pipe is a quiet end) or commits the file.
    fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            },
            Output::File(f) => f.commit(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(f) => f.flush(),
        }
    }
}

fn run_reidentify(a: ReidentifyArgs) -> Result<ExitCode> {
    setup_threads(a.common.threads)?;
    let Some(key) = load_key(&a.key_file)? else {
        anyhow::bail!("reidentify needs the key the text was encrypted with: pass --key-file K or set OBEZLIK_KEY_FILE");
    };
    let engine = Engine::builder().key(key).mode(Mode::Encrypt).build()?;
    let chunking = chunking(&a.common)?;
    let w = walk(&a.paths);
    if let Some(e) = w.errors.first() {
        anyhow::bail!("{e}");
    }
    for s in &w.skipped {
        eprintln!("obezlik: {s}");
    }
    let mut out = Output::open(&stdout_dash(&a.output))?;
    for (src, _) in &w.sources {
        match reidentify_source(&engine, src, chunking, &mut out) {
            Ok(_) => {}
            Err(e) if is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
            Err(e) => return Err(e),
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn run_keygen(a: KeygenArgs) -> Result<ExitCode> {
    obezlik::write_new_key_file(&a.file)?;
    eprintln!("obezlik: wrote a new 256-bit key to {} (readable by its owner only); keep it secret and backed up", a.file.display());
    Ok(ExitCode::SUCCESS)
}

fn run_eval_cmd(a: EvalArgs) -> Result<ExitCode> {
    setup_threads(a.threads)?;
    let engine = Engine::builder().mode(Mode::Redact).build()?;
    let opts = eval::EvalOptions {
        gold: a.gold,
        labels: a.labels,
        json: a.json,
        show_errors: a.show_errors,
    };
    eval::run_eval(&engine, &opts, Chunking::default())?;
    Ok(ExitCode::SUCCESS)
}
