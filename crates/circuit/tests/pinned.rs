//! Pinned constraint counts: a snarkVM upgrade that changes any of them fails here.
//! The values were read from `snarkvm-circuit` 4.12.0 synthesis (see docs/hash-choices.md).

use merklab_circuit::verify_dob::{verify_dob, Form, SPEC_REPORTED};
use merklab_circuit::{leaf_cost, node_cost, path_cost, Backend, CircuitError, PathMode};

#[test]
fn node_and_leaf_counts() {
    assert_eq!(node_cost(Backend::Poseidon2, 2).unwrap().constraints, 270);
    assert_eq!(node_cost(Backend::Poseidon4, 4).unwrap().constraints, 350);
    assert_eq!(node_cost(Backend::Poseidon8, 8).unwrap().constraints, 510);
    assert_eq!(node_cost(Backend::Bhp512, 2).unwrap().constraints, 1884);
    assert_eq!(leaf_cost(Backend::Ped64).unwrap().constraints, 378);
    // hash.sha3_256 of a field as u64 (ARC-0102's hashField), and its merges.
    assert_eq!(leaf_cost(Backend::Arc0102).unwrap().constraints, 152_292);
    assert_eq!(node_cost(Backend::Arc0102, 2).unwrap().constraints, 301_208);
    assert_eq!(
        node_cost(Backend::Arc0102Swap, 2).unwrap().constraints,
        150_733
    );
    assert!(matches!(
        node_cost(Backend::Ped128, 2),
        Err(CircuitError::NotAvailable(_))
    ));
}

#[test]
fn path_cost_is_linear_in_depth() {
    for (b, k, mode) in [
        (Backend::Poseidon2, 2, PathMode::Positional),
        (Backend::Poseidon2, 2, PathMode::Sorted),
        (Backend::Poseidon4, 4, PathMode::Positional),
        (Backend::Poseidon8, 8, PathMode::Positional),
    ] {
        let one = path_cost(b, k, 1, mode).unwrap().constraints;
        let two = path_cost(b, k, 2, mode).unwrap().constraints;
        let d32 = path_cost(b, k, 32, mode).unwrap().constraints;
        assert_eq!(d32, one + 31 * (two - one), "{b} k={k} {mode:?}");
        // Every level hashes once, so a level costs at least one compression.
        assert!(two - one >= node_cost(b, k).unwrap().constraints);
    }
    assert!(path_cost(Backend::Poseidon4, 4, 3, PathMode::Sorted).is_err());
}

#[test]
fn poseidon_verify_dob_forms() {
    let field = verify_dob(Form::Poseidon2Field, 2).unwrap();
    let u64s = verify_dob(Form::Poseidon2U64, 2).unwrap();
    assert_eq!(field.total.constraints, 7_970 - 1_014);
    assert_eq!(u64s.total.constraints, 6_849);
}

/// ~1.5 million constraints: about 10 s with optimized dependencies.
#[test]
#[ignore = "synthesizes 1.5M constraints; run with --ignored"]
fn spec_verify_dob_matches_the_reported_count_within_one() {
    let spec = verify_dob(Form::Spec, 2).unwrap();
    assert_eq!(spec.total.constraints, 1_508_342);
    assert!(SPEC_REPORTED.abs_diff(spec.total.constraints) <= 1);
    let swap = verify_dob(Form::Swap, 2).unwrap();
    assert_eq!(swap.total.constraints, 906_637);
}
