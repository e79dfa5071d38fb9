//! Splits one snarkvm-console `hash_to_u64` into its stages and times each, then
//! times the fast path on the same inputs (interleaved, so machine load affects both).
//!
//! `cargo run --release -p merklab-aleo --example hash_profile [ITERATIONS]`

use std::hint::black_box;
use std::time::{Duration, Instant};

use merklab_aleo::{encode_to_f, Aleo, Config, U64Hash};
use snarkvm_console::network::Network;
use snarkvm_console::prelude::ToBits;
use snarkvm_console::program::{Literal, LiteralType, Plaintext};

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let fields: Vec<_> = (0..n)
        .map(|i| encode_to_f(&format!("2fc55f97-a9a3-4ed7-8815-{i:012}")))
        .collect();
    merklab_aleo::warm_up();
    black_box(Config::REFERENCE.hash_field(&fields[0]));
    let mut t = [Duration::ZERO; 5];
    let (mut t_ref, mut t_fast, mut t_fast_batch) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for chunk in fields.chunks(64) {
        for f in chunk {
            let s = Instant::now();
            let bits = Plaintext::from(Literal::Field(*f)).to_bits_le();
            let a = Instant::now();
            let digest = Aleo::hash_sha3_256(black_box(&bits)).unwrap();
            let b = Instant::now();
            let group = Aleo::hash_to_group_bhp256(black_box(&digest)).unwrap();
            let c = Instant::now();
            let x = black_box(group).to_x_coordinate();
            let d = Instant::now();
            let v = Literal::Group(group).cast_lossy(LiteralType::U64).unwrap();
            let e = Instant::now();
            black_box((x, v));
            for (slot, dt) in t.iter_mut().zip([a - s, b - a, c - b, d - c, e - d]) {
                *slot += dt;
            }
            let s = Instant::now();
            black_box(Config::REFERENCE.hash_field(black_box(f)));
            let a = Instant::now();
            black_box(Config::FAST.hash_field(black_box(f)));
            let b = Instant::now();
            t_ref += a - s;
            t_fast += b - a;
        }
        let s = Instant::now();
        black_box(Config::FAST.hash_field_batch(black_box(chunk)));
        t_fast_batch += s.elapsed();
    }
    let names = [
        "plaintext bits",
        "sha3 over Vec<bool>",
        "bhp256 hash-to-group",
        "affine x (1 inversion)",
        "cast_lossy to u64",
    ];
    println!("snarkvm-console stages:");
    for (name, dt) in names.iter().zip(t) {
        println!("  {name:24} {:?} per call", dt / n);
    }
    println!("reference hash_field    {:?} per call", t_ref / n);
    println!("fast hash_field         {:?} per call", t_fast / n);
    println!(
        "fast hash_field_batch   {:?} per call (batches of 64)",
        t_fast_batch / n
    );
}
