//! A worker that anonymizes prompts before they are written to a log: it reads
//! one prompt per line on standard input and writes the safe line to standard
//! output, with a pseudonym that stays the same for the same person under the key.
//!
//!     obezlik keygen /tmp/obezlik.key
//!     echo 'Позвоните мне: +7 (912) 345-67-89, ИНН 7707083893' |
//!         OBEZLIK_KEY_FILE=/tmp/obezlik.key cargo run -p obezlik --example prompt_worker

use std::io::{self, BufRead, Write};

use obezlik::{Engine, Key, Mode};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::var("OBEZLIK_KEY_FILE")
        .map_err(|_| "set OBEZLIK_KEY_FILE to a key made by `obezlik keygen`")?;
    let (key, warning) = Key::load(&path)?;
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
    // Build once; the engine is Send + Sync and can be shared by every request thread.
    let engine = Engine::builder().key(key).mode(Mode::Tag).build()?;
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut replaced = 0usize;
    for line in stdin.lock().lines() {
        let line = line?;
        let safe = engine.anonymize(&line);
        if let std::borrow::Cow::Owned(_) = safe {
            replaced += 1;
        }
        writeln!(out, "{safe}")?;
    }
    out.flush()?;
    eprintln!("{replaced} prompt(s) contained personal data");
    Ok(())
}
