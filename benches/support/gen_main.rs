//! The command line of the benchmark generators: `SIZE_MB [PATH]`, a
//! buffered file, and a line saying how much was written.

use std::io::{BufWriter, Write};

/// Writes about `SIZE_MB` (first argument, `default_mb` if absent) megabytes
/// with `write` to the path in the second argument (or `default_path`).
pub fn run(
    default_mb: u64,
    default_path: &str,
    write: impl FnOnce(&mut BufWriter<std::fs::File>, u64) -> std::io::Result<u64>,
) {
    let args: Vec<String> = std::env::args().collect();
    let mb: u64 = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default_mb);
    let path = args.get(2).cloned().unwrap_or_else(|| default_path.into());
    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).expect("create output directory");
    }
    let mut w = BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(&path).expect("create output file"),
    );
    let written = write(&mut w, mb * 1_000_000).expect("write");
    w.flush().expect("flush");
    eprintln!("wrote {written} bytes to {path}");
}
