//! Differential tests: the fast Poseidon (sparse partial rounds, precomputed first
//! chunk) returns what snarkvm-console's `Poseidon2/4/8` return, for every rate,
//! input length (across chunk and cache boundaries) and output count.

use merklab_aleo::family::{
    hash_instruction_on, poseidon_hash_many_on, poseidon_hash_on, poseidon_hash_to_group_on,
    HashOpcode, PoseidonRate,
};
use merklab_aleo::{Aleo, Field, HashPath};
use proptest::prelude::*;
use snarkvm_console::prelude::{Environment, One, Zero};
use snarkvm_console::program::Literal;
use snarkvm_fields::PrimeField;

const RATES: [PoseidonRate; 3] = [PoseidonRate::Psd2, PoseidonRate::Psd4, PoseidonRate::Psd8];

fn field_from_bytes(bytes: &[u8; 32]) -> Field {
    Field::new(<Aleo as Environment>::Field::from_bytes_le_mod_order(bytes))
}

/// Uniform fields, and the edge values 0, 1 and p - 1.
fn any_field() -> impl Strategy<Value = Field> {
    prop_oneof![
        4 => any::<[u8; 32]>().prop_map(|b| field_from_bytes(&b)),
        1 => Just(Field::zero()),
        1 => Just(Field::one()),
        1 => Just(Field::zero() - Field::one()),
    ]
}

fn rate() -> impl Strategy<Value = PoseidonRate> {
    prop::sample::select(RATES.to_vec())
}

#[test]
fn plans_pass_their_self_check() {
    assert!(merklab_aleo::warm_up());
}

#[test]
fn every_length_up_to_past_the_cache() {
    // Lengths 0..=80 cover empty input, partial and full chunks for every rate, and
    // lengths past the 64 precomputed first-chunk states.
    let inputs: Vec<Field> = (0..80u128)
        .map(|i| Field::from_u128(i * 0x1234_5678_9abc_def1 + 7))
        .collect();
    for rate in RATES {
        for n in 0..=inputs.len() {
            let input = &inputs[..n];
            assert_eq!(
                poseidon_hash_on(HashPath::Fast, rate, input).unwrap(),
                poseidon_hash_on(HashPath::Reference, rate, input).unwrap(),
                "{rate:?}, {n} elements"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hash(rate in rate(), input in prop::collection::vec(any_field(), 0..24)) {
        prop_assert_eq!(
            poseidon_hash_on(HashPath::Fast, rate, &input).unwrap(),
            poseidon_hash_on(HashPath::Reference, rate, &input).unwrap()
        );
    }

    #[test]
    fn hash_many(rate in rate(), input in prop::collection::vec(any_field(), 0..20), outputs in 0u16..20) {
        prop_assert_eq!(
            poseidon_hash_many_on(HashPath::Fast, rate, &input, outputs),
            poseidon_hash_many_on(HashPath::Reference, rate, &input, outputs)
        );
    }

    #[test]
    fn hash_to_group(rate in rate(), input in prop::collection::vec(any_field(), 0..10)) {
        let fast = poseidon_hash_to_group_on(HashPath::Fast, rate, &input);
        let reference = poseidon_hash_to_group_on(HashPath::Reference, rate, &input);
        prop_assert_eq!(fast.is_ok(), reference.is_ok());
        prop_assert_eq!(fast.ok(), reference.ok());
    }
}

#[test]
fn empty_input_to_group_is_an_error_on_both_paths() {
    for rate in RATES {
        assert!(poseidon_hash_to_group_on(HashPath::Fast, rate, &[]).is_err());
        assert!(poseidon_hash_to_group_on(HashPath::Reference, rate, &[]).is_err());
    }
}

/// The family functions and `hash.psd*` instructions give the same values on both paths.
#[test]
fn family_dispatch_agrees_on_both_paths() {
    let input: Vec<Field> = (1..=5u128).map(Field::from_u128).collect();
    let literal = Literal::<Aleo>::Field(Field::from_u128(42));
    let mut results = Vec::new();
    for path in [HashPath::Reference, HashPath::Fast] {
        let mut row = Vec::new();
        for rate in RATES {
            row.push(poseidon_hash_on(path, rate, &input).unwrap());
            row.extend(poseidon_hash_many_on(path, rate, &input, 3));
            row.push(
                poseidon_hash_to_group_on(path, rate, &input)
                    .unwrap()
                    .to_x_coordinate(),
            );
        }
        let mut ops = Vec::new();
        for op in [
            "hash.psd2 as field",
            "hash.psd4 as field",
            "hash.psd8.raw as field",
        ] {
            let op: HashOpcode = op.parse().unwrap();
            ops.push(hash_instruction_on(path, &op, &literal).unwrap());
        }
        results.push((row, ops));
    }
    assert_eq!(results[0], results[1]);
    // The outputs differ between rates (the domains differ): not a constant.
    let row = &results[0].0;
    assert_ne!(row[0], row[5]);
}
