//! A message without personal data is scanned and "anonymized" without a
//! single heap allocation, and one with personal data allocates only the
//! returned text (counted by a wrapping global allocator).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use obezlik::{Engine, Key, Mode};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The count is global: the tests take turns.
static SERIAL: Mutex<()> = Mutex::new(());

fn tag_engine() -> Engine {
    Engine::builder()
        .key(Key::from_bytes(vec![3; 32]).unwrap())
        .mode(Mode::Tag)
        .build()
        .unwrap()
}

/// `line` repeated to a little over 2 KB, the size of the latency target.
fn two_kb(line: &str) -> String {
    line.repeat(2048 / line.len() + 1)
}

#[test]
fn clean_messages_allocate_nothing() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let engine = tag_engine();
    let line = "2024-02-18T14:11:22.165Z INFO заказ ORD-2023-2642293 оплачен, сумма 12 990 ₽, ts=1724296038, \
                request_id=619059fb-9703-4cd7-b63a-024663e14bb5, версия 120.0.6099.109\n";
    let msg = two_kb(line);
    let mut found = Vec::with_capacity(16);
    // Warm up the thread-local buffers once.
    let _ = engine.anonymize(&msg);
    let before = ALLOCS.load(Ordering::SeqCst);
    for _ in 0..100 {
        found.clear();
        engine.scan_into(msg.as_bytes(), &mut found);
        assert!(found.is_empty());
        let out = engine.anonymize(&msg);
        assert!(matches!(out, std::borrow::Cow::Borrowed(_)));
    }
    assert_eq!(
        ALLOCS.load(Ordering::SeqCst) - before,
        0,
        "allocations while scanning clean text"
    );
}

#[test]
fn a_message_with_personal_data_allocates_only_its_output() {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let engine = tag_engine();
    let line = "Клиент Иванов Иван Иванович, тел. +7 (912) 345-67-89, почта ivan@mail.ru, \
                ИНН 7707083893, г. Москва, ул. Тверская, д. 7; меня зовут Анна.\n";
    let msg = two_kb(line);
    let warm = engine.anonymize(&msg).into_owned();
    assert!(warm.contains("[PERSON:") && warm.contains("[ADDRESS:") && warm.contains("[PHONE:"));
    let before = ALLOCS.load(Ordering::SeqCst);
    for _ in 0..100 {
        let out = engine.anonymize(&msg);
        assert!(matches!(out, std::borrow::Cow::Owned(_)));
    }
    assert_eq!(
        ALLOCS.load(Ordering::SeqCst) - before,
        100,
        "allocations besides the returned text"
    );
}
