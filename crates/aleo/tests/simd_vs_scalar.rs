//! The eight-lane AVX-512 IFMA form of the BHP256 sums against the scalar form and
//! snarkvm-console (each side with its own explicit [`Simd`] value, so no other test can change it).

use merklab_aleo::{fast, field_from_u128, reference, Aleo, Field, Simd};
use proptest::prelude::*;
use snarkvm_console::prelude::Environment;

fn field_from_bytes(bytes: &[u8; 32]) -> Field {
    use snarkvm_fields::PrimeField;
    Field::new(<Aleo as Environment>::Field::from_bytes_le_mod_order(bytes))
}

/// Deterministic pseudo-random u128s (xorshift), so a failure reproduces.
fn u128s(n: usize, seed: u64) -> Vec<u128> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            let mut word = || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            };
            (u128::from(word()) << 64) | u128::from(word())
        })
        .collect()
}

#[test]
fn simd_and_scalar_batches_agree_with_each_other_and_snarkvm() {
    eprintln!("IFMA form active: {}", fast::simd_active(Simd::Auto));
    assert!(!fast::simd_active(Simd::Off));
    // 1,000 inputs: 125 groups of eight, plus batch lengths that leave remainders.
    let values = u128s(1000, 0x5eed);
    let simd = fast::hash_u128_batch(Simd::Auto, &values);
    let scalar = fast::hash_u128_batch(Simd::Off, &values);
    assert_eq!(simd, scalar);
    for (i, v) in values.iter().enumerate().step_by(37) {
        assert_eq!(simd[i], reference::hash_u128(*v), "input {i}");
    }
    for len in [1usize, 7, 8, 9, 15, 16, 17, 63, 64, 65, 129] {
        let part = &values[..len];
        assert_eq!(
            fast::hash_u128_batch(Simd::Auto, part),
            scalar[..len].to_vec(),
            "length {len}"
        );
    }
}

/// Where the CPU has AVX-512 IFMA, the SIMD side of a comparison really ran the
/// eight-lane kernel and the scalar side did not.
#[test]
fn the_simd_side_runs_the_ifma_kernel() {
    let fields: Vec<Field> = (0u128..100).map(field_from_u128).collect();
    let (simd, simd_lanes) = fast::hash_field_batch_lanes(Simd::Auto, &fields);
    let (scalar, scalar_lanes) = fast::hash_field_batch_lanes(Simd::Off, &fields);
    assert_eq!(simd, scalar);
    assert_eq!(scalar_lanes, 0);
    #[cfg(target_arch = "x86_64")]
    let ifma = std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512ifma");
    #[cfg(not(target_arch = "x86_64"))]
    let ifma = false;
    if ifma {
        // 100 inputs: twelve full groups of eight, four left to the scalar code.
        assert_eq!(simd_lanes, 96);
        assert!(fast::simd_active(Simd::Auto));
    } else {
        assert_eq!(simd_lanes, 0);
    }
}

#[test]
fn edge_digests_agree() {
    // Field inputs near 0, p and powers of two give unusual table indices.
    let fields: Vec<Field> = (0u128..64)
        .map(field_from_u128)
        .chain((0u8..64).map(|b| field_from_bytes(&[b.wrapping_mul(0x9d) | 0xf0; 32])))
        .collect();
    let simd = fast::hash_field_batch(Simd::Auto, &fields);
    let expected: Vec<u64> = fields.iter().map(reference::hash_field).collect();
    assert_eq!(simd, expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_batches_agree(bytes in proptest::collection::vec(any::<[u8; 32]>(), 8..40)) {
        let fields: Vec<Field> = bytes.iter().map(field_from_bytes).collect();
        let simd = fast::hash_field_batch(Simd::Auto, &fields);
        let scalar = fast::hash_field_batch(Simd::Off, &fields);
        prop_assert_eq!(&simd, &scalar);
        prop_assert_eq!(simd[0], reference::hash_field(&fields[0]));
    }
}
