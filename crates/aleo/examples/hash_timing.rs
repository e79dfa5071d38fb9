//! Times one `hash_field` and one `hash_u128` call (mean over many calls).
//!
//! `cargo run --release -p merklab-aleo --example hash_timing [ITERATIONS]`

use std::hint::black_box;
use std::time::Instant;

use merklab_aleo::{encode_to_f, field_from_u128, hash_field, hash_merge, hash_u128};

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    // Distinct inputs, as in a real certificate (a repeated input flatters the caches).
    let fields: Vec<_> = (0..n)
        .map(|i| encode_to_f(&format!("2fc55f97-a9a3-4ed7-8815-{i:012}")))
        .collect();
    // Warm up snarkVM's lazily built BHP parameters before timing.
    black_box(hash_field(&field_from_u128(1)));

    let t = Instant::now();
    for f in &fields {
        black_box(hash_field(black_box(f)));
    }
    let per_field = t.elapsed() / n;

    let t = Instant::now();
    for i in 0..n {
        black_box(hash_u128(black_box(u128::from(i) << 70 | 12345)));
    }
    let per_u128 = t.elapsed() / n;

    let t = Instant::now();
    for i in 0..n {
        black_box(hash_merge(black_box(u64::from(i)), black_box(999)));
    }
    let per_merge = t.elapsed() / n;

    let t = Instant::now();
    for _ in 0..n {
        black_box(encode_to_f(black_box(
            "2fc55f97-a9a3-4ed7-8815-634441580111",
        )));
    }
    let per_encode = t.elapsed() / n;

    println!("iterations: {n}");
    println!("hash_field:  {per_field:?} per call");
    println!("hash_u128:   {per_u128:?} per call");
    println!("hash_merge:  {per_merge:?} per call");
    println!("encode_to_f: {per_encode:?} per call (36-byte string)");
}
