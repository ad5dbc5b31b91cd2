//! Per-message latency of the library (`obezlik::Engine`): messages of 200 B,
//! 2 KB and 32 KB, with and without personal data, for scan and anonymize.
//!
//!     cargo bench -p obezlik --bench latency

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use obezlik::{Engine, Key, Mode};

#[path = "support/loggen.rs"]
#[allow(dead_code)]
mod loggen;
#[path = "support/rng.rs"]
mod rng;

/// A message of `size` bytes; `every` > 0 puts the PII sentence (phone, e-mail,
/// ИНН) at every `every`-th sentence: 6 gives about a dozen values per 2 KB,
/// 3 about two dozen (a dense form).
fn message(size: usize, every: usize) -> String {
    let clean = "Пользователь спрашивает, как настроить rate limit на 292 запроса в минуту; сборка 110.0.5459.64, ts=1724296038. ";
    let pii = "Меня зовут Анна, тел. +7 (912) 345-67-89, почта anna.k@mail.ru, ИНН 7707083893. ";
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        s.push_str(if every > 0 && i % every == 0 {
            pii
        } else {
            clean
        });
        i += 1;
    }
    let mut end = size.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// p50 and p99 of single calls (criterion reports batch statistics; a
/// service cares about the tail of one call). `LATENCY_ONLY=2048/pii` keeps
/// the lines whose `size/kind` contains it (for `perf stat` of one message).
fn print_percentiles(engine: &Engine) {
    let only = std::env::var("LATENCY_ONLY").unwrap_or_default();
    for size in [200usize, 2048, 32 * 1024] {
        for (name, every) in [("clean", 0), ("pii", 6), ("dense", 3)] {
            if !format!("{size}/{name}").contains(&only) {
                continue;
            }
            let msg = message(size, every);
            let mut ns: Vec<u128> = (0..20_000)
                .map(|_| {
                    let t = std::time::Instant::now();
                    black_box(engine.anonymize(black_box(&msg)).len());
                    t.elapsed().as_nanos()
                })
                .collect();
            ns.sort_unstable();
            eprintln!(
                "latency percentiles: anonymize {:>5} B {:<5}: p50 {:>8.2} µs  p99 {:>8.2} µs",
                msg.len(),
                name,
                ns[ns.len() / 2] as f64 / 1000.0,
                ns[ns.len() * 99 / 100] as f64 / 1000.0
            );
        }
    }
}

fn latency(c: &mut Criterion) {
    let engine = Engine::builder()
        .key(Key::from_bytes(vec![9; 32]).unwrap())
        .mode(Mode::Tag)
        .build()
        .unwrap();
    print_percentiles(&engine);
    let mut g = c.benchmark_group("latency");
    for size in [200usize, 2048, 32 * 1024] {
        for (name, every) in [("clean", 0), ("pii", 6), ("dense", 3)] {
            let msg = message(size, every);
            g.throughput(Throughput::Bytes(msg.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(format!("scan/{name}"), size),
                &msg,
                |b, m| {
                    let mut out = Vec::new();
                    b.iter(|| {
                        out.clear();
                        engine.scan_into(black_box(m.as_bytes()), &mut out);
                        out.len()
                    })
                },
            );
            g.bench_with_input(
                BenchmarkId::new(format!("anonymize/{name}"), size),
                &msg,
                |b, m| b.iter(|| engine.anonymize(black_box(m)).len()),
            );
        }
    }
    g.finish();
}

/// Anonymize against scan on the digit-heavy log (16 MB, tag mode): the
/// batch path's cost of writing pseudonyms on top of finding them.
fn log_throughput(c: &mut Criterion) {
    let engine = Engine::builder()
        .key(Key::from_bytes(vec![9; 32]).unwrap())
        .mode(Mode::Tag)
        .build()
        .unwrap();
    let mut log = Vec::new();
    loggen::write_log(&mut log, 16_000_000).unwrap();
    let mut g = c.benchmark_group("log");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(log.len() as u64));
    g.bench_function("scan", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            engine.scan_into(black_box(&log), &mut out);
            out.len()
        })
    });
    g.bench_function("anonymize", |b| {
        let mut found = Vec::new();
        let mut out = Vec::with_capacity(log.len() + log.len() / 4);
        b.iter(|| {
            found.clear();
            out.clear();
            engine.scan_into(black_box(&log), &mut found);
            engine
                .pseudonymizer()
                .anonymize_into(&log, &found, &mut out);
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, latency, log_throughput);
criterion_main!(benches);
