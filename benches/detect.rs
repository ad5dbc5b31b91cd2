//! Criterion benchmarks of the scanner: the whole scanner on the digit-heavy
//! log and on dense Russian documents, and one input per detector family.
//! Throughput is reported in bytes/s; compare against `read` (a pass that only
//! touches every byte) in the same run.
//!
//!     cargo bench -p obezlik-detect --bench detect

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use obezlik_detect::{Label, LabelSet, ScannerBuilder};

#[path = "support/loggen.rs"]
#[allow(dead_code)]
mod loggen;
#[path = "support/rng.rs"]
mod rng;

/// Repeats `unit` until the result is at least `size` bytes, ending at a line end.
fn repeat_to(unit: &[u8], size: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(size + unit.len());
    while v.len() < size {
        v.extend_from_slice(unit);
        if v.last() != Some(&b'\n') {
            v.push(b'\n');
        }
    }
    v
}

const PROSE: &str = "Весной 2024 года в Казани прошла конференция по обработке естественного языка. \
Участники из Москвы, Новосибирска и Алматы обсуждали, как большие языковые модели меняют поддержку клиентов. \
Организаторы отметили, что число заявок выросло на 35 процентов по сравнению с прошлым годом. \
В докладах говорилось о разметке данных, об оценке качества и о том, как хранить журналы запросов. \
Отдельная секция была посвящена требованиям закона о персональных данных и обезличиванию. \
Вечером гости гуляли по набережной, а утром отправились на экскурсию в Свияжск. \
Следующая встреча запланирована на осень в Санкт-Петербурге; программа будет опубликована в августе.\n";

fn family_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let phone = "Звонок с +7 (912) 345-67-89, перезвонить на 8-800-555-35-35 или +375 29 123-45-67; заказ 2024-11-02, сумма 12 990 ₽\n";
    let email = "to=<ivan.petrov@mail.ru>, relay=mx.yandex.ru[94.100.208.44]:25, от иван@почта.рф, status=sent (250 OK)\n";
    let ids = "ИНН 7707083893, КПП 773601001, ОГРН 1027700132195, СНИЛС 112-233-445 95, р/с 40702810900000012345, БИК 044525225\n";
    let cards = "Оплата картой 4276 3688 1142 0603 на сумму 1 234,56 руб., карта 2200316516128248968, маска 5106 **** **** 7256\n";
    let ip = "Dec 13 00:10:04 bastion kernel: UFW BLOCK SRC=171.111.130.238 DST=192.168.153.8 LEN=924 from 2a0d:7b85:40e6:88bb:d521:19cd:f02c:5050 port 22\n";
    let names = "Заявление от Кузнецовой Анны Сергеевны, проживающей по адресу: 620014, г. Екатеринбург, пр-т Ленина, 24/8, кв. 305. Согласовано: Петров И.И., Смирнова Ольга. С уважением, А.С. Кузнецова\n";
    let negatives = "2024-02-18T14:11:22.165Z ERROR timeout after 42120 ms, retry 1/5, txn=210797960230 ts=1724296038 version 120.0.6099.109 sha=3cc7486c8e5ce0fc\n";
    [
        ("phone", phone),
        ("email", email),
        ("ids", ids),
        ("card", cards),
        ("ip", ip),
        ("names", names),
        ("negatives", negatives),
    ]
    .into_iter()
    .map(|(n, s)| (n, repeat_to(s.as_bytes(), 1 << 20)))
    .collect()
}

fn bench(c: &mut Criterion) {
    let scanner = ScannerBuilder::new().build().unwrap();
    let mut log = Vec::new();
    loggen::write_log(&mut log, 16_000_000).unwrap();
    let documents = repeat_to(include_bytes!("../corpora/examples/documents.txt"), 4 << 20);
    // Running Russian text without personal data: capitalised words at every
    // sentence start, place and organisation names, numbers and dates.
    let prose = repeat_to(PROSE.as_bytes(), 4 << 20);

    let mut g = c.benchmark_group("scan");
    g.sample_size(10);
    for (name, input) in [("log", &log), ("documents", &documents), ("prose", &prose)] {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(format!("read/{name}"), |b| {
            // Baseline: touch every byte once (what any scan must at least do).
            b.iter(|| black_box(input.iter().fold(0u8, |a, &x| a ^ x)))
        });
        g.bench_function(format!("all_labels/{name}"), |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                scanner.scan_into(black_box(input), 0, &mut out);
                out.len()
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("family");
    for (name, input) in family_inputs() {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(name, |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                scanner.scan_into(black_box(&input), 0, &mut out);
                out.len()
            })
        });
    }
    // One label alone costs the same pass: labels are filtered after deciding.
    let only_phone = ScannerBuilder::new()
        .labels(LabelSet::of(&[Label::Phone]))
        .build()
        .unwrap();
    g.throughput(Throughput::Bytes(log.len() as u64));
    g.bench_function("phone_only/log", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            only_phone.scan_into(black_box(&log), 0, &mut out);
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
