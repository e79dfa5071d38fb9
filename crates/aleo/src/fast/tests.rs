//! What only the fast path's internals can tell: which code a batch ran, and
//! which table sets a tree's batches built. The values themselves are compared
//! with snarkVM through the public API in `crates/aleo/tests`.

use merklab_core::{Compression, DomainTags, LeafHash};
use snarkvm_console::prelude::ToBits;

use super::{bhp_tables, hash_field_batch_lanes, simd_active, Tables};
use crate::family::{Bhp, BhpSize, FIELD_BITS};
use crate::{field_from_u128, Field, FieldDigest, Simd};

/// Whether this CPU runs the eight-lane IFMA kernel.
fn cpu_has_ifma() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512ifma");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// `n` field elements spread over the field.
fn fields(n: u128) -> Vec<Field> {
    (0..n)
        .map(|i| {
            let f = field_from_u128(i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
            f * f * f
        })
        .collect()
}

/// Where the CPU has AVX-512 IFMA, the SIMD side of a comparison really ran the
/// eight-lane kernel and the scalar side did not.
#[test]
fn the_simd_side_runs_the_ifma_kernel() {
    let fields: Vec<Field> = (0u128..100).map(field_from_u128).collect();
    let (simd, simd_lanes) = hash_field_batch_lanes(Simd::Auto, Tables::Widest, &fields);
    let (scalar, scalar_lanes) = hash_field_batch_lanes(Simd::Off, Tables::Widest, &fields);
    assert_eq!(simd, scalar);
    assert_eq!(scalar_lanes, 0);
    if cpu_has_ifma() {
        // 100 inputs: twelve full groups of eight and a last group of four, its
        // spare lanes padded.
        assert_eq!(simd_lanes, 100);
        assert!(simd_active(Simd::Auto));
    } else {
        assert_eq!(simd_lanes, 0);
    }
    assert!(!simd_active(Simd::Off));
}

/// snarkVM's tree layout (BHP1024 over a tagged field element, BHP512 over a
/// tagged pair) builds tables for exactly those lengths; a length past one BHP
/// iteration, and a run of mixed lengths, builds none.
#[test]
fn tree_batches_build_tables_for_their_lengths() {
    let leaf = Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged);
    let node = Bhp::new(BhpSize::Bhp512, DomainTags::Tagged);
    let digests: Vec<FieldDigest> = fields(16).into_iter().map(FieldDigest).collect();
    let bits: Vec<Vec<bool>> = digests.iter().map(|d| d.0.to_bits_le()).collect();
    let refs: Vec<&[bool]> = bits.iter().map(Vec::as_slice).collect();
    let mut out = vec![FieldDigest(field_from_u128(0)); 16];
    leaf.hash_leaf_batch(&refs, &mut out);
    Compression::<2>::compress_batch(&node, &digests, &mut out[..8]);
    let ifma = cpu_has_ifma();
    assert_eq!(bhp_tables(BhpSize::Bhp1024, 1 + FIELD_BITS), Some(ifma));
    assert_eq!(bhp_tables(BhpSize::Bhp512, 1 + 2 * FIELD_BITS), Some(ifma));

    // Two children exceed one BHP256 iteration (507 bits).
    let wide = Bhp::new(BhpSize::Bhp256, DomainTags::None);
    Compression::<2>::compress_batch(&wide, &digests, &mut out[..8]);
    assert_eq!(bhp_tables(BhpSize::Bhp256, 2 * FIELD_BITS), None);

    // Leaves of different lengths in one run are hashed one by one.
    let mixed: Vec<Vec<bool>> = (0..12)
        .map(|i| (0..FIELD_BITS + i % 3).map(|j| (i + j) % 3 == 0).collect())
        .collect();
    let refs: Vec<&[bool]> = mixed.iter().map(Vec::as_slice).collect();
    let mut out = vec![FieldDigest(field_from_u128(0)); 12];
    leaf.hash_leaf_batch(&refs, &mut out);
    assert_eq!(bhp_tables(BhpSize::Bhp1024, 2 + FIELD_BITS), None);
}

/// Prints what each digest table width costs to build and to hash with, the
/// figures behind the registry's cost model:
/// `cargo test --release -p merklab-aleo --lib digest_width_costs -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn digest_width_costs() {
    use super::bhp::digest_tables;
    use std::time::Instant;
    let digests: Vec<[u64; 4]> = (0u64..4096)
        .map(|i| {
            let m = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            [m, m.rotate_left(13), m.rotate_left(29), m.rotate_left(47)]
        })
        .collect();
    // The first tables of a process (one hash: the narrowest) also read the
    // pinned data; the widths below are timed after it.
    let start = Instant::now();
    assert!(super::bhp::tables_for(1, false).is_some());
    println!("first tables of a process: {:?}", start.elapsed());
    for g in 1..=5 {
        let start = Instant::now();
        let Some(tables) = digest_tables(g) else {
            println!("width {g}: failed its check");
            continue;
        };
        let build = start.elapsed();
        for simd in [Simd::Off, Simd::Auto] {
            let start = Instant::now();
            let mut out = Vec::new();
            for chunk in digests.chunks(64) {
                out.clear();
                tables.xz_batch(simd, chunk, &mut out);
            }
            let per = start.elapsed() / digests.len() as u32;
            println!(
                "width {g}: build {build:?}, {simd:?}: {per:?} per sum, {} bytes",
                tables.bytes()
            );
        }
    }
}

/// Every digest table width, scalar and eight at a time, gives snarkVM's
/// BHP256 on pseudo-random digests and on the all-zero and all-one ones.
#[test]
fn every_digest_width_gives_snarkvms_values() {
    use super::bhp::{digest_tables, reference_low64};
    let mut digests: Vec<[u8; 32]> = vec![[0; 32], [0xff; 32]];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..14 {
        let mut d = [0u8; 32];
        for chunk in d.chunks_exact_mut(8) {
            // xorshift64*
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            chunk.copy_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
        }
        digests.push(d);
    }
    let expected: Vec<u64> = digests.iter().map(reference_low64).collect();
    for g in 1..=5 {
        let tables = digest_tables(g).expect("the tables pass their self-check");
        assert_eq!(tables.lookup_bits(), 3 * g);
        let one_by_one: Vec<u64> = digests.iter().map(|d| tables.low64(d).unwrap()).collect();
        assert_eq!(one_by_one, expected, "width {g}, one at a time");
        for simd in [Simd::Auto, Simd::Off] {
            let mut batch = Vec::new();
            tables.low64_batch(simd, &digests, &mut batch).unwrap();
            assert_eq!(batch, expected, "width {g}, batch, {simd:?}");
        }
    }
}
