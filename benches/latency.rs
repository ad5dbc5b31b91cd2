//! Per-message latency of the library (`obezlik::Engine`): messages of 200 B,
//! 2 KB and 32 KB, with and without personal data, for scan and anonymize.
//!
//!     cargo bench -p obezlik --bench latency

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use obezlik::{Engine, Key, Mode};

fn message(size: usize, with_pii: bool) -> String {
    let clean = "Пользователь спрашивает, как настроить rate limit на 292 запроса в минуту; сборка 110.0.5459.64, ts=1724296038. ";
    let pii = "Меня зовут Анна, тел. +7 (912) 345-67-89, почта anna.k@mail.ru, ИНН 7707083893. ";
    let mut s = String::new();
    let mut i = 0;
    while s.len() < size {
        s.push_str(if with_pii && i % 3 == 0 { pii } else { clean });
        i += 1;
    }
    let mut end = size.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn latency(c: &mut Criterion) {
    let engine = Engine::builder()
        .key(Key::from_bytes(vec![9; 32]).unwrap())
        .mode(Mode::Tag)
        .build()
        .unwrap();
    let mut g = c.benchmark_group("latency");
    for size in [200usize, 2048, 32 * 1024] {
        for with_pii in [false, true] {
            let msg = message(size, with_pii);
            let name = if with_pii { "pii" } else { "clean" };
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

criterion_group!(benches, latency);
criterion_main!(benches);
