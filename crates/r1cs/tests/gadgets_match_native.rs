//! Every gadget's output equals the native backend's on random inputs: merklab's own
//! byte compressions (the tree's `Compression`), `merklab-bn254`'s circom Poseidon,
//! and arkworks' native curve CRHs.

use ark_relations::gr1cs::ConstraintSystem;
use ark_std::rand::{Rng, SeedableRng};
use ark_std::UniformRand;
use merklab_bn254::{Bn254Digest, CircomPoseidon};
use merklab_core::{ByteDigest, Compression};
use merklab_hashes::{Blake2s256, ByteHash, Sha256};
use merklab_r1cs::{Fr, NodeVar, R1csHash, Value};

fn rng(seed: u64) -> ark_std::rand::rngs::StdRng {
    ark_std::rand::rngs::StdRng::seed_from_u64(seed)
}

/// The gadget's output for `children`, from a satisfied constraint system.
fn in_circuit(hash: R1csHash, children: &[Value]) -> Value {
    let cs = ConstraintSystem::<Fr>::new_ref();
    let vars: Vec<NodeVar> = children
        .iter()
        .map(|c| NodeVar::witness(&cs, c).unwrap())
        .collect();
    let out = hash.compress_var(&cs, &vars).unwrap();
    assert!(cs.is_satisfied().unwrap(), "{hash} circuit unsatisfied");
    out.value().unwrap()
}

fn byte_case<const K: usize>(hash: R1csHash, seed: u64) {
    let mut r = rng(seed);
    for _ in 0..3 {
        let children: [[u8; 32]; K] = std::array::from_fn(|_| r.gen());
        let tree_digests = children.map(ByteDigest);
        let native = match hash {
            R1csHash::Sha256 => ByteHash::<Sha256>::untagged().compress(&tree_digests),
            _ => ByteHash::<Blake2s256>::untagged().compress(&tree_digests),
        };
        let values: Vec<Value> = children.iter().map(|c| Value::Bytes(*c)).collect();
        assert_eq!(
            in_circuit(hash, &values),
            Value::Bytes(native.0),
            "{hash} k={K}"
        );
        assert_eq!(hash.compress(&values).unwrap(), Value::Bytes(native.0));
    }
}

#[test]
fn sha256_gadget_is_merklabs_sha256() {
    byte_case::<2>(R1csHash::Sha256, 1);
    byte_case::<4>(R1csHash::Sha256, 2);
    byte_case::<3>(R1csHash::Sha256, 3);
}

#[test]
fn blake2s_gadget_is_merklabs_blake2s() {
    byte_case::<2>(R1csHash::Blake2s, 4);
    byte_case::<4>(R1csHash::Blake2s, 5);
    byte_case::<3>(R1csHash::Blake2s, 6);
}

fn poseidon_case<const K: usize>(seed: u64) {
    let mut r = rng(seed);
    for _ in 0..3 {
        let children: [Fr; K] = std::array::from_fn(|_| Fr::rand(&mut r));
        let native = CircomPoseidon::<K>::new()
            .unwrap()
            .compress(&children.map(Bn254Digest));
        let values: Vec<Value> = children.iter().map(|c| Value::Field(*c)).collect();
        assert_eq!(
            in_circuit(R1csHash::PoseidonBn254, &values),
            Value::Field(native.0),
            "k={K}"
        );
    }
}

#[test]
fn poseidon_gadget_is_circom_poseidon() {
    poseidon_case::<2>(7);
    poseidon_case::<4>(8);
    poseidon_case::<5>(9);
    poseidon_case::<12>(10);
}

#[test]
fn poseidon_gadget_gives_circomlibjs_published_value() {
    // circomlibjs' poseidon([1, 2]), the value its README and light-poseidon's tests print.
    let expected: Bn254Digest =
        "7853200120776062878684798364095072458815029376092732009249414926327459813530"
            .parse()
            .unwrap();
    let values = [Value::Field(Fr::from(1u64)), Value::Field(Fr::from(2u64))];
    assert_eq!(
        in_circuit(R1csHash::PoseidonBn254, &values),
        Value::Field(expected.0)
    );
}

#[test]
fn curve_gadgets_equal_their_native_crh() {
    for hash in [R1csHash::Pedersen, R1csHash::BoweHopwood] {
        for (k, seed) in [(2usize, 11u64), (4, 12)] {
            let mut r = rng(seed);
            let values: Vec<Value> = (0..k).map(|_| Value::Field(Fr::rand(&mut r))).collect();
            let native = hash.compress(&values).unwrap();
            assert_eq!(in_circuit(hash, &values), native, "{hash} k={k}");
            // A different child changes the digest, so the comparison is not vacuous.
            let mut other = values.clone();
            other[0] = Value::Field(Fr::rand(&mut r));
            assert_ne!(hash.compress(&other).unwrap(), native);
        }
    }
}

#[test]
fn arities_and_digest_kinds_outside_a_gadget_are_refused() {
    let f = Value::Field(Fr::from(1u64));
    let b = Value::Bytes([0; 32]);
    assert!(R1csHash::PoseidonBn254.compress(&[f; 13]).is_err());
    assert!(R1csHash::Pedersen.compress(&[f; 3]).is_err());
    assert!(R1csHash::Sha256.compress(&[f, f]).is_err());
    assert!(R1csHash::PoseidonBn254.compress(&[b, b]).is_err());
    assert!(R1csHash::Sha256.compress(&[b; 17]).is_err());
}

fn random_children<const K: usize>(seed: u64) -> ([ByteDigest<32>; K], Vec<Value>) {
    let mut r = rng(seed);
    let children: [[u8; 32]; K] = std::array::from_fn(|_| r.gen());
    (
        children.map(ByteDigest),
        children.iter().map(|c| Value::Bytes(*c)).collect(),
    )
}

#[test]
fn keccak_gadget_is_merklabs_keccak_and_sha3() {
    use merklab_hashes::{Keccak256, Sha3_256};
    // One block (64 bytes) for Keccak, two (160 bytes: past the 136-byte rate) for SHA3.
    let (digests, values) = random_children::<2>(13);
    let keccak = ByteHash::<Keccak256>::untagged().compress(&digests);
    assert_eq!(
        in_circuit(R1csHash::Keccak256, &values),
        Value::Bytes(keccak.0)
    );
    let (digests, values) = random_children::<5>(14);
    let sha3 = ByteHash::<Sha3_256>::untagged().compress(&digests);
    assert_eq!(
        in_circuit(R1csHash::Sha3_256, &values),
        Value::Bytes(sha3.0)
    );
}
