//! The eight-lane AVX-512 IFMA form of the BHP256 sums against the scalar form and
//! snarkvm-console (each side with its own explicit [`Simd`] value, so no other test can change it).

use merklab_aleo::{field_from_u128, Aleo, Config, Field, Simd, U64Hash};
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
    eprintln!(
        "IFMA form active: {}",
        merklab_aleo::simd_active(Simd::Auto)
    );
    assert!(!merklab_aleo::simd_active(Simd::Off));
    // 1,000 inputs: 125 groups of eight, plus batch lengths that leave remainders.
    let values = u128s(1000, 0x5eed);
    let simd = Config::FAST.hash_u128_batch(&values);
    let scalar = Config::SCALAR.hash_u128_batch(&values);
    assert_eq!(simd, scalar);
    for (i, v) in values.iter().enumerate().step_by(37) {
        assert_eq!(simd[i], Config::REFERENCE.hash_u128(*v), "input {i}");
    }
    for len in [1usize, 7, 8, 9, 15, 16, 17, 63, 64, 65, 129] {
        let part = &values[..len];
        assert_eq!(
            Config::FAST.hash_u128_batch(part),
            scalar[..len].to_vec(),
            "length {len}"
        );
    }
}

#[test]
fn edge_digests_agree() {
    // Field inputs near 0, p and powers of two give unusual table indices.
    let fields: Vec<Field> = (0u128..64)
        .map(field_from_u128)
        .chain((0u8..64).map(|b| field_from_bytes(&[b.wrapping_mul(0x9d) | 0xf0; 32])))
        .collect();
    let simd = Config::FAST.hash_field_batch(&fields);
    let expected: Vec<u64> = fields
        .iter()
        .map(|x| Config::REFERENCE.hash_field(x))
        .collect();
    assert_eq!(simd, expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_batches_agree(bytes in proptest::collection::vec(any::<[u8; 32]>(), 8..40)) {
        let fields: Vec<Field> = bytes.iter().map(field_from_bytes).collect();
        let simd = Config::FAST.hash_field_batch(&fields);
        let scalar = Config::SCALAR.hash_field_batch(&fields);
        prop_assert_eq!(&simd, &scalar);
        prop_assert_eq!(simd[0], Config::REFERENCE.hash_field(&fields[0]));
    }
}
