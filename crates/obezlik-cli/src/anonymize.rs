//! `obezlik anonymize`, `reidentify` and `keygen`: inputs through the engine to
//! outputs written under a temporary name and renamed into place.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use obezlik::{Engine, Key, Label};
use rayon::prelude::*;

use crate::input::{
    for_each_window, io_cause, line_ranges, looks_binary, open, Chunking, Opened, Source,
};
use crate::output::Named;

/// Temporary files being written; removed by the Ctrl-C handler.
static LIVE_TEMPS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// On SIGINT/SIGTERM: remove every temporary output file, then exit 130, so an
/// interrupted run leaves no partial output behind.
pub fn install_interrupt_cleanup() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(list) = LIVE_TEMPS.lock() {
            for p in list.iter() {
                let _ = fs::remove_file(p);
            }
        }
        eprintln!("obezlik: interrupted; partial output removed");
        std::process::exit(130);
    });
}

fn forget_temp(p: &Path) {
    if let Ok(mut list) = LIVE_TEMPS.lock() {
        list.retain(|x| x != p);
    }
}

/// An output file that appears under its name only when complete: bytes go to
/// a temporary file in the same directory, which `commit` renames into place.
/// Dropped uncommitted (an error), the temporary file is removed.
///
/// A destination that exists and is not a regular file (`/dev/null`,
/// `/dev/stdout`, a FIFO) is written in place: renaming over it would replace
/// the device (as root) with a regular file.
pub struct AtomicFile {
    /// `None` when writing in place.
    tmp: Option<PathBuf>,
    dest: PathBuf,
    file: Option<BufWriter<Named<File>>>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        match fs::metadata(dest) {
            Ok(m) if m.is_dir() => anyhow::bail!("{}: is a directory", dest.display()),
            Ok(m) if !m.is_file() => {
                let f = fs::OpenOptions::new()
                    .write(true)
                    .open(dest)
                    .map_err(|e| anyhow::anyhow!("{}: {}", dest.display(), io_cause(&e)))?;
                return Ok(AtomicFile {
                    tmp: None,
                    dest: dest.to_path_buf(),
                    file: Some(BufWriter::with_capacity(
                        1 << 20,
                        Named::new(f, dest.display().to_string()),
                    )),
                });
            }
            _ => {}
        }
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot create directory: {}",
                dir.display(),
                io_cause(&e)
            )
        })?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "out".into());
        let tmp = dir.join(format!(".{name}.obezlik-{}.tmp", std::process::id()));
        let f = File::create(&tmp)
            .map_err(|e| anyhow::anyhow!("{}: cannot create: {}", tmp.display(), io_cause(&e)))?;
        if let Ok(mut list) = LIVE_TEMPS.lock() {
            list.push(tmp.clone());
        }
        Ok(AtomicFile {
            tmp: Some(tmp),
            dest: dest.to_path_buf(),
            file: Some(BufWriter::with_capacity(
                1 << 20,
                Named::new(f, dest.display().to_string()),
            )),
        })
    }

    pub fn commit(mut self) -> Result<()> {
        let w = self.file.take().expect("not yet committed");
        let named = w.into_inner().map_err(|e| e.into_error())?;
        let Some(tmp) = self.tmp.take() else {
            return Ok(()); // written in place
        };
        let dest = &self.dest;
        let synced = named.get_ref().sync_all();
        let renamed = synced
            .map_err(|e| anyhow::anyhow!("{}: write error: {}", dest.display(), io_cause(&e)))
            .and_then(|()| {
                fs::rename(&tmp, dest).map_err(|e| {
                    anyhow::anyhow!(
                        "{}: cannot rename into place: {}",
                        dest.display(),
                        io_cause(&e)
                    )
                })
            });
        if renamed.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        forget_temp(&tmp);
        renamed
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("open").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("open").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let (Some(_), Some(tmp)) = (self.file.take(), &self.tmp) {
            let _ = fs::remove_file(tmp);
            forget_temp(tmp);
        }
    }
}

/// An output stream: plain, or gzip-compressed when the path ends in `.gz`.
pub enum FileOut {
    Plain(AtomicFile),
    Gzip(flate2::write::GzEncoder<AtomicFile>),
}

impl FileOut {
    pub fn create(dest: &Path) -> Result<FileOut> {
        let f = AtomicFile::create(dest)?;
        Ok(if crate::input::is_gzip_path(dest) {
            FileOut::Gzip(flate2::write::GzEncoder::new(
                f,
                flate2::Compression::default(),
            ))
        } else {
            FileOut::Plain(f)
        })
    }

    /// Finishes compression and renames the file into place.
    pub fn commit(self) -> Result<()> {
        match self {
            FileOut::Plain(f) => f.commit(),
            FileOut::Gzip(g) => g
                .finish()
                .context("cannot finish the gzip stream")?
                .commit(),
        }
    }
}

impl Write for FileOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            FileOut::Plain(f) => f.write(buf),
            FileOut::Gzip(g) => g.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            FileOut::Plain(f) => f.flush(),
            FileOut::Gzip(g) => g.flush(),
        }
    }
}

/// Counts for the closing summary (never values), and the progress bar.
#[derive(Default)]
pub struct Summary {
    pub progress: crate::progress::Progress,
    pub files: u64,
    pub bytes: u64,
    pub per_label: [u64; Label::ALL.len()],
    pub invalid_utf8_files: u64,
    pub invalid_json_lines: u64,
    pub skipped: Vec<String>,
}

impl Summary {
    /// The summary as JSON: counts only, never values.
    pub fn to_json(&self, secs: f64) -> serde_json::Value {
        let per_label: serde_json::Map<String, serde_json::Value> = Label::ALL
            .iter()
            .filter(|l| self.per_label[**l as usize] > 0)
            .map(|l| (l.as_str().to_string(), self.per_label[*l as usize].into()))
            .collect();
        serde_json::json!({
            "files": self.files,
            "bytes": self.bytes,
            "findings": self.per_label.iter().sum::<u64>(),
            "per_label": per_label,
            "invalid_utf8_files": self.invalid_utf8_files,
            "invalid_json_lines": self.invalid_json_lines,
            "skipped_binary_files": self.skipped.len(),
            "seconds": secs,
            "mb_per_s": self.bytes as f64 / 1e6 / secs.max(1e-9),
        })
    }

    pub fn write(&self, w: &mut dyn Write, secs: f64) -> io::Result<()> {
        let total: u64 = self.per_label.iter().sum();
        writeln!(
            w,
            "obezlik: {total} findings replaced in {} file(s), {:.1} MB, {:.2} s ({:.1} MB/s)",
            self.files,
            self.bytes as f64 / 1e6,
            secs,
            self.bytes as f64 / 1e6 / secs.max(1e-9)
        )?;
        crate::scan::write_label_counts(w, &self.per_label)?;
        if self.invalid_json_lines > 0 {
            writeln!(
                w,
                "  {} line(s) were not valid JSON and were anonymized as plain text",
                self.invalid_json_lines
            )?;
        }
        if self.invalid_utf8_files > 0 {
            writeln!(
                w,
                "  {} file(s) contain invalid UTF-8, passed through unchanged",
                self.invalid_utf8_files
            )?;
        }
        Ok(())
    }
}

/// One anonymized piece: its bytes, counts per label, lines that were not JSON,
/// whether it held invalid UTF-8.
type PieceOut = (Vec<u8>, [u64; Label::ALL.len()], u64, bool);

/// How the input is structured.
pub enum Structure {
    /// Plain text: every byte is scanned.
    Text,
    /// JSON Lines: only the selected string values, decoded, are anonymized.
    Jsonl(obezlik_formats::FieldSelector),
    /// CSV: only the selected columns (all by default).
    Csv(obezlik_formats::CsvOptions),
}

/// Anonymizes `piece` (whole lines) according to `structure`, appending to `buf`.
/// Returns the label counts and the number of lines passed through as invalid.
fn anonymize_piece(
    engine: &Engine,
    structure: &Structure,
    piece: &[u8],
    piece_is_utf8: bool,
    buf: &mut Vec<u8>,
) -> Result<([u64; Label::ALL.len()], u64)> {
    let mut counts = [0u64; Label::ALL.len()];
    let mut text_counts = [0u64; Label::ALL.len()];
    let mut invalid = 0;
    // Findings of one string value at a time, in one buffer for the piece.
    let mut found = Vec::new();
    let mut replace = |s: &str| -> Option<String> {
        found.clear();
        engine.scan_into(s.as_bytes(), &mut found);
        if found.is_empty() {
            return None;
        }
        for f in &found {
            counts[f.label as usize] += 1;
        }
        Some(engine.replace_findings(s, &found))
    };
    match structure {
        Structure::Text => {
            let found = engine.scan(piece);
            for f in &found {
                counts[f.label as usize] += 1;
            }
            engine.pseudonymizer().anonymize_into(piece, &found, buf);
        }
        Structure::Jsonl(sel) => {
            let mut at = 0;
            while at < piece.len() {
                let (body, nl) = match memchr::memchr(b'\n', &piece[at..]) {
                    Some(k) => (&piece[at..at + k], true),
                    None => (&piece[at..], false),
                };
                at += body.len() + nl as usize;
                let json = if piece_is_utf8 {
                    // SAFETY: `piece` is valid UTF-8 and `body` is cut from it
                    // at `\n` bytes, so on character boundaries.
                    let body = unsafe { std::str::from_utf8_unchecked(body) };
                    obezlik_formats::transform_json_str(body, sel, buf, &mut replace)
                } else {
                    obezlik_formats::transform_json_line(body, sel, buf, &mut replace)
                };
                if json.is_err() {
                    // Not JSON: never let its data through; treat it as text and count it.
                    invalid += 1;
                    let found = engine.scan(body);
                    for f in &found {
                        text_counts[f.label as usize] += 1;
                    }
                    engine.pseudonymizer().anonymize_into(body, &found, buf);
                }
                if nl {
                    buf.push(b'\n');
                }
            }
        }
        Structure::Csv(opts) => {
            obezlik_formats::transform_csv(piece, opts, buf, &mut replace)?;
        }
    }
    for (c, t) in counts.iter_mut().zip(text_counts) {
        *c += t;
    }
    Ok((counts, invalid))
}

/// Anonymizes one source into `out`, chunk-parallel, in input order.
///
/// With more than one thread, windows are pipelined: a producer thread has
/// the pool anonymize window N + 1 while this thread writes window N (the
/// copy into the output buffer and the write calls are otherwise a serial
/// phase in which every worker waits). At most three windows' output are in
/// memory: one being written, one waiting in the channel, one being made.
pub fn anonymize_source(
    engine: &Engine,
    structure: &Structure,
    src: &Source,
    chunking: Chunking,
    summary: &mut Summary,
    out: &mut dyn Write,
) -> Result<()> {
    // A quoted CSV field may hold line breaks: such a file is one window.
    let chunking = match structure {
        Structure::Csv(_) => Chunking {
            chunk: usize::MAX / 2,
            window: usize::MAX / 2,
        },
        _ => chunking,
    };
    summary.files += 1;
    let invalid = if rayon::current_num_threads() == 1 {
        anonymize_serial(engine, structure, src, chunking, summary, out)?
    } else {
        anonymize_pipelined(engine, structure, src, chunking, summary, out)?
    };
    if invalid {
        summary.invalid_utf8_files += 1;
        eprintln!(
            "obezlik: {}: contains invalid UTF-8; those bytes passed through unchanged",
            src.name()
        );
    }
    Ok(())
}

/// One thread: each window into one buffer reused across windows (fresh
/// 16 MiB buffers would page-fault every time). Whether any byte was not UTF-8.
fn anonymize_serial(
    engine: &Engine,
    structure: &Structure,
    src: &Source,
    chunking: Chunking,
    summary: &mut Summary,
    out: &mut dyn Write,
) -> Result<bool> {
    let mut invalid = false;
    let mut scratch = Vec::new();
    for_each_window(src, chunking, |window, _base| {
        summary.bytes += window.len() as u64;
        summary.progress.inc(window.len() as u64);
        let is_utf8 = simdutf8::basic::from_utf8(window).is_ok();
        invalid |= !is_utf8;
        scratch.clear();
        let (counts, invalid_json) =
            anonymize_piece(engine, structure, window, is_utf8, &mut scratch)
                .with_context(|| src.name())?;
        out.write_all(&scratch)?;
        add_counts(summary, &counts, invalid_json);
        Ok(())
    })?;
    Ok(invalid)
}

/// A window's pieces, anonymized in parallel, in order; the window's length.
type WindowOut = (usize, Vec<Result<PieceOut>>);

/// Several threads: see [`anonymize_source`]. Whether any byte was not UTF-8.
fn anonymize_pipelined(
    engine: &Engine,
    structure: &Structure,
    src: &Source,
    chunking: Chunking,
    summary: &mut Summary,
    out: &mut dyn Write,
) -> Result<bool> {
    // One window waits in the channel while the next is processed.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<WindowOut>>(1);
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let read = for_each_window(src, chunking, |window, _base| {
                let parts = line_ranges(window, chunking.chunk)
                    .par_iter()
                    .map(|r| {
                        let piece = &window[r.clone()];
                        // Pieces end at line ends, so each is checked as UTF-8 on its own.
                        let bad_utf8 = simdutf8::basic::from_utf8(piece).is_err();
                        let mut buf = Vec::with_capacity(piece.len() + piece.len() / 8);
                        let (counts, invalid) =
                            anonymize_piece(engine, structure, piece, !bad_utf8, &mut buf)?;
                        Ok((buf, counts, invalid, bad_utf8))
                    })
                    .collect();
                // A closed channel: the writer stopped on an error of its own.
                tx.send(Ok((window.len(), parts)))
                    .map_err(|_| anyhow::anyhow!("output stopped"))
            });
            if let Err(e) = read {
                let _ = tx.send(Err(e));
            }
        });
        let mut invalid = false;
        let written = (|| -> Result<()> {
            for msg in rx.iter() {
                let (len, parts) = msg?;
                summary.bytes += len as u64;
                summary.progress.inc(len as u64);
                for part in parts {
                    let (buf, counts, invalid_json, bad_utf8) = part.with_context(|| src.name())?;
                    invalid |= bad_utf8;
                    out.write_all(&buf)?;
                    add_counts(summary, &counts, invalid_json);
                }
            }
            Ok(())
        })();
        // Dropping the receiver ends a producer still sending.
        drop(rx);
        producer
            .join()
            .map_err(|_| anyhow::anyhow!("{}: a worker thread panicked", src.name()))?;
        written.map(|()| invalid)
    })
}

fn add_counts(summary: &mut Summary, counts: &[u64; Label::ALL.len()], invalid_json: u64) {
    for (a, b) in summary.per_label.iter_mut().zip(counts) {
        *a += b;
    }
    summary.invalid_json_lines += invalid_json;
}

/// Restores `encrypt` tokens in one source.
pub fn reidentify_source(
    engine: &Engine,
    src: &Source,
    chunking: Chunking,
    out: &mut dyn Write,
) -> Result<usize> {
    let mut tokens = 0;
    let mut buf = Vec::new();
    for_each_window(src, chunking, |window, base| {
        buf.clear();
        let stats = engine
            .pseudonymizer()
            .reidentify_into(window, &mut buf)
            .map_err(|e| {
                anyhow::anyhow!("{}: {e} (offsets relative to byte {base})", src.name())
            })?;
        tokens += stats.tokens;
        out.write_all(&buf)?;
        Ok(())
    })?;
    Ok(tokens)
}

/// Loads the key named by `--key-file` or `OBEZLIK_KEY_FILE`; warns when others can read it.
pub fn load_key(flag: &Option<PathBuf>) -> Result<Option<Key>> {
    let path = match flag {
        Some(p) => p.clone(),
        None => match std::env::var_os("OBEZLIK_KEY_FILE") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => return Ok(None),
        },
    };
    let (key, warning) = Key::load(&path)?;
    if let Some(w) = warning {
        eprintln!("obezlik: warning: {w}");
    }
    Ok(Some(key))
}

/// Whether a walked (not explicitly named) file should be skipped as binary.
pub fn skip_binary(src: &Source, explicit: bool) -> Result<bool> {
    if explicit {
        return Ok(false);
    }
    Ok(matches!(open(src)?, Opened::Mapped(m) if looks_binary(&m)))
}
