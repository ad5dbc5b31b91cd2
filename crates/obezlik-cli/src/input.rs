//! Inputs: paths and standard input, walked, opened and cut into line-aligned
//! windows that the scanner can process in parallel chunks.
//!
//! Regular files are memory-mapped, never read whole into the heap; standard
//! input and other streams go through a bounded buffer. Every window ends at a
//! line end (or at the end of the input), and detection is line-local, so the
//! findings never depend on where a window or a chunk was cut.

use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use memmap2::Mmap;
use obezlik::{Engine, Finding};
use rayon::prelude::*;

/// One thing to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// What the walk found: the sources to process, the paths it could not read
/// (errors), and the entries of a directory it passed over on purpose (notes).
pub struct Walk {
    pub sources: Vec<(Source, bool)>,
    pub errors: Vec<String>,
    pub skipped: Vec<String>,
}

/// Expands the command line: `-` is standard input, a directory is walked
/// recursively (sorted), a file is itself. The bool says whether the source
/// was named explicitly (binary files, FIFOs and devices are then read).
///
/// Inside a directory only regular files are taken: symbolic links are not
/// followed (so a link loop cannot trap the walk) and FIFOs, sockets and
/// devices are never opened (opening a FIFO with no writer blocks forever);
/// both are listed in `skipped`.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut w = Walk {
        sources: Vec::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    for p in paths {
        if p.as_os_str() == "-" {
            w.sources.push((Source::Stdin, true));
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_dir(&p, &mut w),
            Ok(_) => w.sources.push((Source::File(p), true)),
            Err(e) => w.errors.push(format!("{}: {}", p.display(), io_cause(&e))),
        }
    }
    w
}

fn walk_dir(dir: &Path, w: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            w.errors
                .push(format!("{}: {}", dir.display(), io_cause(&e)));
            return;
        }
    };
    let mut items: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    items.sort_by_key(|e| e.file_name());
    for e in items {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_symlink() => w.skipped.push(format!(
                "{}: symbolic link not followed, skipped",
                path.display()
            )),
            Ok(t) if t.is_dir() => walk_dir(&path, w),
            Ok(t) if t.is_file() => w.sources.push((Source::File(path), false)),
            Ok(_) => w.skipped.push(format!(
                "{}: not a regular file (FIFO, socket or device), skipped",
                path.display()
            )),
            Err(e) => w
                .errors
                .push(format!("{}: {}", path.display(), io_cause(&e))),
        }
    }
}

/// The OS error as a short lower-case cause ("no such file or directory").
pub fn io_cause(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

/// How windows are cut and processed.
#[derive(Clone, Copy, Debug)]
pub struct Chunking {
    /// Target size of one chunk scanned by one thread.
    pub chunk: usize,
    /// Target size of one window (the chunks processed before output is written).
    pub window: usize,
}

impl Default for Chunking {
    fn default() -> Self {
        Chunking {
            chunk: 1 << 20,
            window: 16 << 20,
        }
    }
}

/// Whether the start of `data` looks binary (a NUL byte in the first 8 KiB, as ripgrep does).
pub fn looks_binary(data: &[u8]) -> bool {
    memchr::memchr(0, &data[..data.len().min(8192)]).is_some()
}

/// Cuts `data` into ranges of about `target` bytes, each ending after a `\n`
/// (or at the end of `data`).
pub fn line_ranges(data: &[u8], target: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(data.len() / target.max(1) + 1);
    let mut pos = 0;
    while pos < data.len() {
        let want = (pos + target.max(1)).min(data.len());
        let end = if want >= data.len() {
            data.len()
        } else {
            match memchr::memchr(b'\n', &data[want - 1..]) {
                Some(i) => want + i,
                None => data.len(),
            }
        };
        out.push(pos..end);
        pos = end;
    }
    out
}

/// Scans one window in parallel chunks; findings are relative to the window, in order.
pub fn scan_window(engine: &Engine, window: &[u8], chunk: usize) -> Vec<Finding> {
    let parts = map_pieces(window, chunk, |r| scan_piece(engine, window, r));
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        all.extend(p);
    }
    all
}

/// The findings of `window[piece]`, with offsets relative to the window.
pub fn scan_piece(engine: &Engine, window: &[u8], piece: Range<usize>) -> Vec<Finding> {
    let mut found = engine.scan(&window[piece.clone()]);
    for f in &mut found {
        f.start += piece.start;
        f.end += piece.start;
    }
    found
}

/// `f` over the line-aligned pieces of about `chunk` bytes of `window`, in
/// parallel, results in order. One thread (or a short window): one piece,
/// no chunk bookkeeping; the results cover the same bytes either way.
pub fn map_pieces<T: Send>(
    window: &[u8],
    chunk: usize,
    f: impl Fn(Range<usize>) -> T + Sync + Send,
) -> Vec<T> {
    if rayon::current_num_threads() == 1 || window.len() <= chunk {
        return vec![f(0..window.len())];
    }
    line_ranges(window, chunk).into_par_iter().map(f).collect()
}

/// Opened input data: a memory map of a regular file, or a stream.
pub enum Opened {
    Mapped(Mmap),
    Stream(Box<dyn Read + Send>),
}

/// Whether a path names a gzip file (read and written compressed).
pub fn is_gzip_path(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Opens a source for reading, naming the file in the error.
pub fn open(src: &Source) -> Result<Opened> {
    match src {
        Source::Stdin => Ok(Opened::Stream(Box::new(io::stdin()))),
        Source::File(p) => {
            let f =
                File::open(p).map_err(|e| anyhow::anyhow!("{}: {}", p.display(), io_cause(&e)))?;
            let meta = f
                .metadata()
                .with_context(|| format!("{}: cannot read metadata", p.display()))?;
            if meta.is_dir() {
                anyhow::bail!("{}: is a directory", p.display());
            }
            if !meta.is_file() {
                // FIFOs, character devices: stream them.
                return Ok(Opened::Stream(Box::new(f)));
            }
            if meta.len() == 0 {
                // Empty, or a file whose size the kernel does not report
                // (/proc, /sys): read it as a stream, not mapped.
                return Ok(Opened::Stream(Box::new(f)));
            }
            if is_gzip_path(p) {
                // Compressed logs are streamed through the decoder.
                let dec =
                    flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(1 << 16, f));
                return Ok(Opened::Stream(Box::new(dec)));
            }
            // SAFETY: the map is read-only; a file truncated by another process
            // while we read it can fault, the same caveat ripgrep accepts.
            let map = unsafe { memmap2::MmapOptions::new().map(&f) }.map_err(|e| {
                anyhow::anyhow!("{}: cannot map file: {}", p.display(), io_cause(&e))
            })?;
            #[cfg(unix)]
            {
                let _ = map.advise(memmap2::Advice::Sequential);
            }
            Ok(Opened::Mapped(map))
        }
    }
}

/// One `read`, retried when a signal interrupts it; errors name the source.
fn read_some(rd: &mut dyn Read, block: &mut [u8], name: &str) -> Result<usize> {
    loop {
        match rd.read(block) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => anyhow::bail!("{name}: read error: {}", io_cause(&e)),
        }
    }
}

/// Feeds `f` line-aligned windows of the source with their base offset.
/// Streams are read in a bounded buffer: a window holds whole lines, and a
/// single line longer than the buffer grows it only as far as that line.
pub fn for_each_window(
    src: &Source,
    chunking: Chunking,
    mut f: impl FnMut(&[u8], u64) -> Result<()>,
) -> Result<()> {
    match open(src)? {
        Opened::Mapped(map) => {
            let data: &[u8] = &map;
            for r in line_ranges(data, chunking.window) {
                #[cfg(target_os = "linux")]
                {
                    let _ = map.advise_range(memmap2::Advice::PopulateRead, r.start, r.len());
                }
                f(&data[r.clone()], r.start as u64)?;
            }
            Ok(())
        }
        Opened::Stream(mut rd) => {
            let name = src.name();
            let mut buf: Vec<u8> = Vec::with_capacity(chunking.window.min(8 << 20));
            let mut base = 0u64;
            let mut eof = false;
            let mut read_block = vec![0u8; 1 << 20];
            while !eof {
                // Fill up to the window size (or more if one line is longer).
                while buf.len() < chunking.window {
                    let n = read_some(&mut rd, &mut read_block, &name)?;
                    if n == 0 {
                        eof = true;
                        break;
                    }
                    buf.extend_from_slice(&read_block[..n]);
                }
                if buf.is_empty() {
                    break;
                }
                let cut = if eof {
                    buf.len()
                } else if let Some(i) = memchr::memrchr(b'\n', &buf) {
                    i + 1
                } else {
                    // One line longer than the window: read on until it ends,
                    // searching only the bytes just read (linear in the line).
                    loop {
                        let n = read_some(&mut rd, &mut read_block, &name)?;
                        if n == 0 {
                            eof = true;
                            break buf.len();
                        }
                        let old = buf.len();
                        buf.extend_from_slice(&read_block[..n]);
                        if let Some(i) = memchr::memrchr(b'\n', &buf[old..]) {
                            break old + i + 1;
                        }
                    }
                };
                f(&buf[..cut], base)?;
                base += cut as u64;
                buf.drain(..cut);
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_end_at_line_ends_and_cover_everything() {
        let data = b"aaa\nbb\n\ncccccc\nd";
        for target in 1..20 {
            let rs = line_ranges(data, target);
            assert_eq!(rs.first().unwrap().start, 0);
            assert_eq!(rs.last().unwrap().end, data.len());
            for w in rs.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(data[w[0].end - 1], b'\n');
            }
        }
        assert!(line_ranges(b"", 4).is_empty());
    }
}
