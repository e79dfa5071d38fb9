//! merklab-bn254 against circomlibjs' published vector and vectors that poseidon-lite
//! computed (`tests/vectors/generate.mjs`, output in `tests/vectors/vectors.json`).

use merklab_bn254::{
    arithmetic, poseidon, poseidon_with, Arithmetic, Bn254Digest, Bn254Error, BytesLeaf,
    CircomPoseidon, Fr, MAX_INPUTS, MODULUS_DECIMAL,
};
use merklab_core::{Compression, LeafHash};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/vectors.json")).expect("vectors.json parses")
}

fn element(v: &Value) -> Fr {
    Bn254Digest::from_decimal(v.as_str().expect("a decimal string"))
        .expect("a field element")
        .0
}

/// The poseidon-lite cases: each one's inputs as field elements, and its output.
fn hash_cases(v: &Value) -> impl Iterator<Item = (Vec<Fr>, &Value)> {
    v["hashes"].as_array().unwrap().iter().map(|case| {
        let inputs = case["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(element)
            .collect();
        (inputs, &case["output"])
    })
}

#[test]
fn circomlibjs_published_vector() {
    let v = vectors();
    let out = poseidon(&[Fr::from(1u64), Fr::from(2u64)]).unwrap();
    assert_eq!(Bn254Digest(out).to_hex(), v["published"]["hex"]);
    assert_eq!(
        Bn254Digest(out).to_hex(),
        "0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"
    );
    assert_eq!(v["modulus"], MODULUS_DECIMAL);
}

#[test]
fn poseidon_of_1_to_12_inputs_matches_poseidon_lite() {
    let v = vectors();
    let mut checked = 0;
    for (inputs, output) in hash_cases(&v) {
        match poseidon(&inputs) {
            Ok(out) => {
                assert_eq!(Bn254Digest(out).to_string(), *output, "{inputs:?}");
                checked += 1;
            }
            // light-poseidon's parameters stop at 12 inputs; circomlib's go to 16.
            Err(e) => assert_eq!(
                e,
                Bn254Error::Inputs {
                    given: inputs.len(),
                    max: MAX_INPUTS
                }
            ),
        }
    }
    assert_eq!(checked, 2 * MAX_INPUTS);
}

/// Each arithmetic on its own (not only the one this CPU selects) against every
/// poseidon-lite vector and circomlibjs' published one.
#[test]
fn each_arithmetic_matches_the_vectors() {
    let v = vectors();
    let mut arithmetics = vec![Arithmetic::Portable];
    if arithmetic() == Arithmetic::Adx {
        arithmetics.push(Arithmetic::Adx);
    } else {
        eprintln!("no ADX arithmetic (a build without `adx`, or a CPU without BMI2/ADX): only the portable one was checked");
        assert_eq!(
            poseidon_with(Arithmetic::Adx, &[Fr::from(1u64)]),
            Err(Bn254Error::Unavailable {
                arithmetic: Arithmetic::Adx
            })
        );
    }
    for a in arithmetics {
        let out = poseidon_with(a, &[Fr::from(1u64), Fr::from(2u64)]).unwrap();
        assert_eq!(Bn254Digest(out).to_hex(), v["published"]["hex"], "{a}");
        let mut checked = 0;
        for (inputs, output) in hash_cases(&v) {
            if inputs.len() <= MAX_INPUTS {
                let out = poseidon_with(a, &inputs).unwrap();
                assert_eq!(Bn254Digest(out).to_string(), *output, "{a}");
                checked += 1;
            }
        }
        assert_eq!(checked, 2 * MAX_INPUTS, "{a}");
    }
}

/// A node is `Poseidon(children)` at every arity; a short last group is Poseidon over
/// the children it has.
#[test]
fn compression_is_poseidon_of_the_children() {
    fn check<const K: usize>(v: &Value) {
        let c = CircomPoseidon::<K>::new().unwrap();
        for case in v["hashes"].as_array().unwrap() {
            let inputs: Vec<Bn254Digest> = case["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| Bn254Digest(element(x)))
                .collect();
            if inputs.len() == K {
                let children: [Bn254Digest; K] = inputs.clone().try_into().unwrap();
                assert_eq!(c.compress(&children).to_string(), case["output"]);
            } else if (2..K).contains(&inputs.len()) {
                assert_eq!(c.compress_short_group(&inputs).to_string(), case["output"]);
            }
        }
    }
    let v = vectors();
    check::<2>(&v);
    check::<3>(&v);
    check::<4>(&v);
    check::<8>(&v);
    check::<12>(&v);
}

#[test]
fn byte_leaves_match_the_encoding_over_poseidon_lite() {
    let v = vectors();
    let cases = v["byte_leaves"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        let data = decode_hex(case["hex"].as_str().unwrap());
        assert_eq!(
            BytesLeaf.hash_leaf(&data).to_string(),
            case["digest"],
            "{} bytes",
            data.len()
        );
    }
}

fn decode_hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}
