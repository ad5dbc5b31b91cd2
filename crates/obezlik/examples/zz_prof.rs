// Temporary profiling driver (not committed).
use obezlik::{Engine, Key, Mode};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}
#[global_allocator]
static A: Counting = Counting;
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
fn main() {
    let engine = Engine::builder()
        .key(Key::from_bytes(vec![9; 32]).unwrap())
        .mode(Mode::Tag)
        .build()
        .unwrap();
    let every: usize = std::env::var("EVERY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let msg = match std::env::var("MSG") {
        Ok(m) => m.repeat(2048 / m.len() + 1),
        Err(_) => message(2048, every),
    };
    let _ = engine.anonymize(&msg);
    let a0 = ALLOCS.load(Relaxed);
    let _ = engine.anonymize(&msg);
    eprintln!("allocations per message: {}", ALLOCS.load(Relaxed) - a0);
    let mut total = 0;
    let t = std::time::Instant::now();
    for _ in 0..iters {
        total += std::hint::black_box(engine.anonymize(std::hint::black_box(&msg))).len();
    }
    eprintln!(
        "{:.3} µs/msg ({total})",
        t.elapsed().as_nanos() as f64 / iters as f64 / 1000.0
    );
}
