//! A progress bar on a terminal (bytes, MB/s, ETA); silent otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::Source;

#[derive(Default)]
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar over the total size of the file sources, shown only when stderr
    /// is a terminal and `quiet` is off.
    pub fn new(sources: &[(Source, bool)], quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let known: Option<u64> = sources
            .iter()
            .map(|(s, _)| match s {
                Source::File(p) if !crate::input::is_gzip_path(p) => {
                    std::fs::metadata(p).ok().map(|m| m.len())
                }
                _ => None,
            })
            .sum();
        let bar = match known {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        Progress(Some(bar))
    }

    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.inc(n);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
