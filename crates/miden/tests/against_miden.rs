//! Each hash's leaf hash and compressions against miden-crypto's own functions on random
//! inputs: what is ours is the plumbing (the byte leaf's input, the order of children,
//! the words' elements and bytes), and these tests hold it to Miden's.

use merklab_core::{Compression, Digest, LeafHash};
use merklab_miden::{
    Felt, MidenHash, MidenHashName, Poseidon2Goldilocks, Rpo256, Rpx256, Sponge, Word, WordDigest,
    MODULUS,
};
use miden_crypto::hash::{poseidon2, rpo, rpx};
use proptest::prelude::*;

/// miden-crypto's own functions for one hash.
struct Reference {
    name: MidenHashName,
    hash: fn(&[u8]) -> Word,
    merge: fn(&[Word; 2]) -> Word,
    hash_elements: fn(&[Felt]) -> Word,
}

const REFERENCES: [Reference; 3] = [
    Reference {
        name: MidenHashName::Rpo256,
        hash: rpo::Rpo256::hash,
        merge: rpo::Rpo256::merge,
        hash_elements: rpo::Rpo256::hash_elements::<Felt>,
    },
    Reference {
        name: MidenHashName::Rpx256,
        hash: rpx::Rpx256::hash,
        merge: rpx::Rpx256::merge,
        hash_elements: rpx::Rpx256::hash_elements::<Felt>,
    },
    Reference {
        name: MidenHashName::Poseidon2Goldilocks,
        hash: poseidon2::Poseidon2::hash,
        merge: poseidon2::Poseidon2::merge,
        hash_elements: poseidon2::Poseidon2::hash_elements::<Felt>,
    },
];

fn word(values: [u64; 4]) -> WordDigest {
    WordDigest(Word::new(values.map(|v| Felt::new(v % MODULUS).unwrap())))
}

fn elements(children: &[WordDigest]) -> Vec<Felt> {
    children.iter().flat_map(|c| c.0.into_elements()).collect()
}

/// Our compression at arity `K` over the first `K` children, three ways: the static type,
/// the type chosen by name, and the reference's `hash_elements` over the same elements.
fn check_arity<S: Sponge, const K: usize>(ours: S, r: &Reference, children: &[WordDigest]) {
    let group: [WordDigest; K] = children[..K].try_into().unwrap();
    let expected = WordDigest((r.hash_elements)(&elements(&group)));
    assert_eq!(
        MidenHash(ours).compress(&group),
        expected,
        "{} K={K}",
        r.name
    );
    assert_eq!(r.name.hash().compress(&group), expected, "{} K={K}", r.name);
    // A short last group of m children is the same form over m words.
    for m in 2..K {
        let short = &children[..m];
        assert_eq!(
            Compression::<K>::compress_short_group(&MidenHash(ours), short),
            WordDigest((r.hash_elements)(&elements(short))),
            "{} K={K} m={m}",
            r.name
        );
    }
}

fn check_all<S: Sponge>(ours: S, r: &Reference, bytes: &[u8], children: &[WordDigest]) {
    let leaf = WordDigest((r.hash)(bytes));
    assert_eq!(MidenHash(ours).hash_leaf(bytes), leaf, "{}", r.name);
    assert_eq!(r.name.hash().hash_leaf(bytes), leaf, "{}", r.name);
    let pair = [children[0], children[1]];
    let merged = WordDigest((r.merge)(&[pair[0].0, pair[1].0]));
    assert_eq!(MidenHash(ours).compress(&pair), merged, "{}", r.name);
    check_arity::<S, 2>(ours, r, children);
    check_arity::<S, 3>(ours, r, children);
    check_arity::<S, 4>(ours, r, children);
    check_arity::<S, 5>(ours, r, children);
    check_arity::<S, 8>(ours, r, children);
    check_arity::<S, 16>(ours, r, children);
}

fn check(bytes: &[u8], children: &[WordDigest]) {
    check_all(Rpo256, &REFERENCES[0], bytes, children);
    check_all(Rpx256, &REFERENCES[1], bytes, children);
    check_all(Poseidon2Goldilocks, &REFERENCES[2], bytes, children);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_hash_is_miden_crypto(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        children in proptest::collection::vec(any::<[u64; 4]>(), 16),
    ) {
        let children: Vec<WordDigest> = children.into_iter().map(word).collect();
        check(&bytes, &children);
    }
}

/// Elements at the edges of the field, and byte leaves of every length around the 7-byte
/// chunks and 8-element blocks.
#[test]
fn edges_are_miden_crypto() {
    let edge = [0, 1, MODULUS - 1, 1 << 63];
    let children: Vec<WordDigest> = (0..16)
        .map(|i| word(std::array::from_fn(|j| edge[(i + j) % 4])))
        .collect();
    for len in 0..=120 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        check(&bytes, &children);
        check(&vec![0xff; len], &children);
    }
}

/// The names cover the registry's Miden rows, and each is the hash of its name.
#[test]
fn names_are_the_registry_rows() {
    let names: Vec<&str> = MidenHashName::ALL.iter().map(|h| h.name()).collect();
    assert_eq!(names, ["rpo256", "rpx256", "poseidon2-goldilocks"]);
    for (h, r) in MidenHashName::ALL.iter().zip(&REFERENCES) {
        assert_eq!(*h, r.name);
        assert_eq!(h.name().parse::<MidenHashName>(), Ok(*h));
    }
    assert!("poseidon-bn254".parse::<MidenHashName>().is_err());
}

/// Digests pass through the core's byte encoding unchanged.
#[test]
fn digests_round_trip_through_bytes() {
    let d = word([3, MODULUS - 1, 0, 1 << 62]);
    let mut bytes = Vec::new();
    d.write_bytes(&mut bytes);
    assert_eq!(WordDigest::read_bytes(&bytes), Ok(d));
}
