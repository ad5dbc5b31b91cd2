//! The digit-heavy benchmark log: timestamps, UUIDs, amounts, durations,
//! epochs and ids on every line, personal data on about one line in 40.
//! Deterministic (fixed seed). Shared by `gen_log` and the criterion benches.

use std::io::Write;

use crate::rng::Rng;

use obezlik_detect::checksum::{inn10_control, luhn_control, snils_control};

/// `n` random digits (values 0..=9).
fn digits(r: &mut Rng, n: usize) -> Vec<u8> {
    (0..n).map(|_| r.below(10) as u8).collect()
}

fn s(d: &[u8]) -> String {
    d.iter().map(|x| (b'0' + x) as char).collect()
}

fn pii(r: &mut Rng) -> String {
    match r.below(6) {
        0 => format!(
            "phone=+7 (9{:02}) {:03}-{:02}-{:02}",
            r.below(100),
            r.below(1000),
            r.below(100),
            r.below(100)
        ),
        1 => format!("email=user{}@mail.ru", r.below(100000)),
        2 => {
            let mut d = digits(r, 9);
            d[0] = 7;
            let c = inn10_control(&d);
            d.push(c);
            format!("client ИНН {}", s(&d))
        }
        3 => {
            let mut d = digits(r, 15);
            d[0] = 4;
            let c = luhn_control(&d);
            d.push(c);
            format!("card={}", s(&d))
        }
        4 => {
            let mut d = digits(r, 9);
            d[0] = 1 + d[0] % 8;
            let c = snils_control(&d);
            format!(
                "СНИЛС {}-{}-{} {:02}",
                s(&d[0..3]),
                s(&d[3..6]),
                s(&d[6..9]),
                c
            )
        }
        _ => format!(
            "from {}.{}.{}.{}",
            1 + r.below(223),
            r.below(256),
            r.below(256),
            1 + r.below(254)
        ),
    }
}

/// Writes about `target` bytes of benchmark log to `w`; returns the bytes written.
pub fn write_log(w: &mut impl Write, target: u64) -> std::io::Result<u64> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut written = 0u64;
    let levels = ["INFO ", "DEBUG", "WARN ", "ERROR"];
    let services = ["order-service", "billing", "auth", "delivery-api", "kyc"];
    while written < target {
        let ts = 1_700_000_000 + r.below(60_000_000);
        let mut line = format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z {} [{}] request_id={:08x}-{:04x}-{:04x}-{:04x}-{:012x} user_id={} amount={}.{:02} duration_ms={} ts={} status={} path=/api/v2/items/{}?page={}",
            1 + r.below(12), 1 + r.below(28), r.below(24), r.below(60), r.below(60), r.below(1000),
            levels[r.below(4) as usize], services[r.below(5) as usize],
            r.next() as u32, r.below(1 << 16), r.below(1 << 16), r.below(1 << 16), r.next() & 0xFFFF_FFFF_FFFF,
            r.below(10_000_000), r.below(1_000_000), r.below(100), r.below(5000), ts,
            [200, 201, 404, 500][r.below(4) as usize], r.below(100_000_000), r.below(100),
        );
        if r.below(40) == 0 {
            line.push(' ');
            line.push_str(&pii(&mut r));
        }
        line.push('\n');
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
    }
    Ok(written)
}
