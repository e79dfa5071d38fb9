//! The `miden` profile against miden-crypto's own `MerkleTree`: roots and paths of trees
//! of 2 to 1,024 leaves, the leaf counts it refuses, and the words it refuses.

use merklab_core::{verify_with_size, VerifyError};
use merklab_miden::{Felt, Word, WordDigest, MODULUS};
use merklab_profiles::miden::{takes, Miden};
use merklab_profiles::{Layout, ProfileError};
use miden_crypto::merkle::{MerkleTree, NodeIndex};

fn splitmix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` words spread over the whole field, written as Miden prints them.
fn leaves_file(n: usize, seed: u64) -> (Vec<Word>, String) {
    let words: Vec<Word> = (0..n as u64)
        .map(|i| {
            Word::new(std::array::from_fn(|j| {
                Felt::new(splitmix(seed ^ (4 * i + j as u64)) % MODULUS).unwrap()
            }))
        })
        .collect();
    let text = words.iter().map(|w| format!("{}\n", w.to_hex())).collect();
    (words, text)
}

#[test]
fn roots_and_paths_match_miden_crypto() {
    for depth in 1..=10u8 {
        let n = 1usize << depth;
        let (words, text) = leaves_file(n, u64::from(depth));
        let reference = MerkleTree::new(&words).unwrap();
        let leaves = Miden.parse_leaves(&text).unwrap();
        let tree = Miden.build(&leaves).unwrap();
        assert_eq!(tree.root(), WordDigest(reference.root()), "{n} leaves");
        assert_eq!(Miden.show(&tree.root()), reference.root().to_hex());
        assert_eq!(tree.depth(), usize::from(reference.depth()));
        let (c, policy) = (Miden.compression(), Miden.policy());
        for index in [0, 1, n / 2, n - 1].into_iter().chain((0..n).step_by(37)) {
            let proof = tree.prove(index).unwrap();
            let path = reference
                .get_path(NodeIndex::new(depth, index as u64).unwrap())
                .unwrap();
            let expected: Vec<WordDigest> = path.nodes().iter().copied().map(WordDigest).collect();
            assert_eq!(proof.siblings, expected, "{n} leaves, leaf {index}");
            let root = tree.root();
            assert_eq!(
                verify_with_size(&c, &policy, root, leaves[index], &proof, n as u64),
                Ok(())
            );
            let other = leaves[(index + 1) % n];
            assert_eq!(
                verify_with_size(&c, &policy, root, other, &proof, n as u64),
                Err(VerifyError::RootMismatch)
            );
        }
    }
}

#[test]
fn counts_miden_cannot_build_are_refused() {
    for n in [0usize, 1, 3, 5, 6, 7, 12, 100] {
        let (words, text) = leaves_file(n, 99);
        assert!(MerkleTree::new(&words).is_err(), "miden-crypto takes {n}");
        assert!(!takes(n));
        let leaves = Miden.parse_leaves(&text).unwrap();
        let err = Miden.build(&leaves).unwrap_err();
        assert_eq!(
            err,
            ProfileError::LeafCount {
                profile: "miden",
                leaves: n,
                rule: "a power of two of at least 2 leaves"
            }
        );
        assert_eq!(
            err.to_string(),
            format!("miden trees have a power of two of at least 2 leaves, not {n}")
        );
    }
}

#[test]
fn words_at_or_above_the_modulus_are_refused() {
    let (_, text) = leaves_file(2, 7);
    let high = format!("0x{}{}", "ff".repeat(8), "00".repeat(24));
    let err = Miden.parse_leaves(&format!("{text}{high}\n")).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(matches!(err.error, ProfileError::Miden(_)));
    let message = err.to_string();
    assert!(message.contains(&high), "{message}");
    assert!(message.contains(&MODULUS.to_string()), "{message}");
    assert!(Miden.parse_leaves("0x01\n").is_err());
    assert!(Miden.parse_digest(&high[2..]).is_err());
}
