use std::hint::black_box;
use merklab_aleo::{encode_to_f, fast, reference};
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat").unwrap().split_whitespace().next().unwrap().parse().unwrap()
}
fn main() {
    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let fields: Vec<_> = (0..n).map(|i| encode_to_f(&format!("2fc55f97-a9a3-4ed7-8815-{i:012}"))).collect();
    {
        use snarkvm_fields::Field as _;
        let mut a = *fields[1];
        let b = *fields[2];
        let t = cpu_ns();
        for _ in 0..1_000_000 { a *= &b; }
        black_box(a);
        println!("mul {} ns", (cpu_ns() - t) / 1_000_000);
        let t = cpu_ns();
        for _ in 0..10_000 { a = a.inverse().unwrap(); }
        black_box(a);
        println!("inverse {} ns", (cpu_ns() - t) / 10_000);
    }
    let t = cpu_ns();
    fast::warm_up();
    println!("tables {} ms cpu", (cpu_ns() - t) / 1_000_000);
    black_box(reference::hash_field(&fields[0]));
    if std::env::args().nth(2).as_deref() == Some("batch") {
        for _ in 0..5 { for c in fields.chunks(64) { black_box(fast::hash_field_batch(black_box(c))); } }
        return;
    }
    if std::env::args().nth(2).as_deref() == Some("same") {
        let same = vec![fields[0]; 64];
        let t = cpu_ns();
        for _ in 0..(fields.len() / 64) { black_box(fast::hash_field_batch(black_box(&same))); }
        println!("batch same input {} ns", (cpu_ns() - t) / n as u64);
        return;
    }
    let t = cpu_ns();
    for f in &fields[..n as usize / 10] { black_box(reference::hash_field(black_box(f))); }
    println!("reference {} ns", (cpu_ns() - t) / (n as u64 / 10));
    let t = cpu_ns();
    for f in &fields { black_box(fast::hash_field(black_box(f))); }
    println!("single {} ns", (cpu_ns() - t) / n as u64);
    let t = cpu_ns();
    for c in fields.chunks(64) { black_box(fast::hash_field_batch(black_box(c))); }
    println!("batch {} ns", (cpu_ns() - t) / n as u64);
}
#[allow(dead_code)]
fn unused() {}
