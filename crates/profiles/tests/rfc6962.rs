//! RFC 6962 profile against Certificate Transparency's published test data and a
//! recursive implementation of the RFC's own definitions.
//!
//! Vectors: the leaves, roots, inclusion and consistency proofs of
//! transparency-dev/merkle `proof/verify_test.go` (carried over from Google's trillian and
//! certificate-transparency-go merkle tests). Inclusion indices there are 1-based.

use merklab_core::ByteDigest;
use merklab_hashes::Digest32;
use merklab_profiles::rfc6962::{
    build, consistency_proof, empty_root, inclusion_proof, leaf_hash, node_hash, root,
    verify_consistency, verify_inclusion, Rfc6962Error,
};
use proptest::prelude::*;

const LEAVES: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];
const ROOTS: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const EMPTY_ROOT: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// (1-based leaf, tree size, audit path).
const INCLUSION: [(u64, u64, &[&str]); 4] = [
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        3,
        3,
        &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    ),
    (
        2,
        5,
        &[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
];

/// (old size, new size, proof).
const CONSISTENCY: [(usize, usize, &[&str]); 5] = [
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        &[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
];

fn d(h: &str) -> Digest32 {
    ByteDigest::from_hex(h).unwrap()
}

fn data() -> Vec<Vec<u8>> {
    LEAVES.iter().map(|h| hex::decode(h).unwrap()).collect()
}

/// RFC 6962 section 2.1, literally: MTH({}) = SHA-256(), MTH({d}) = leaf, else split at k.
fn mth(leaves: &[Vec<u8>]) -> Digest32 {
    match leaves.len() {
        0 => empty_root(),
        1 => leaf_hash(&leaves[0]),
        n => {
            let mut k = 1;
            while k * 2 < n {
                k *= 2;
            }
            node_hash(mth(&leaves[..k]), mth(&leaves[k..]))
        }
    }
}

#[test]
fn published_roots() {
    assert_eq!(empty_root(), d(EMPTY_ROOT));
    assert_eq!(root::<Vec<u8>>(&[]), d(EMPTY_ROOT));
    let data = data();
    for n in 1..=8 {
        assert_eq!(root(&data[..n]), d(ROOTS[n - 1]), "size {n}");
    }
}

#[test]
fn published_inclusion_proofs() {
    let data = data();
    for (leaf, size, path) in INCLUSION {
        let tree = build(&data[..size as usize]).unwrap();
        let expected: Vec<Digest32> = path.iter().map(|h| d(h)).collect();
        assert_eq!(
            inclusion_proof(&tree, leaf as usize - 1).unwrap(),
            expected,
            "leaf {leaf} of {size}"
        );
        let lh = leaf_hash(&data[leaf as usize - 1]);
        let r = d(ROOTS[size as usize - 1]);
        assert_eq!(verify_inclusion(leaf - 1, size, lh, &expected, r), Ok(()));
        // The corruptions the reference tests try, each rejected.
        assert!(verify_inclusion(leaf, size, lh, &expected, r).is_err());
        assert!(verify_inclusion((leaf - 1) ^ 2, size, lh, &expected, r).is_err());
        assert!(verify_inclusion(leaf - 1, size * 2, lh, &expected, r).is_err());
        assert!(verify_inclusion(leaf - 1, size / 2, lh, &expected, r).is_err());
        assert!(verify_inclusion(leaf - 1, size, leaf_hash(b"WrongLeaf"), &expected, r).is_err());
        assert!(verify_inclusion(leaf - 1, size, lh, &expected, d(EMPTY_ROOT)).is_err());
        let mut longer = expected.clone();
        longer.push(r);
        assert!(verify_inclusion(leaf - 1, size, lh, &longer, r).is_err());
        let mut front = vec![r];
        front.extend_from_slice(&expected);
        assert!(verify_inclusion(leaf - 1, size, lh, &front, r).is_err());
        for i in 0..expected.len() {
            let mut flipped = expected.clone();
            flipped[i].0[0] ^= 8;
            assert_eq!(
                verify_inclusion(leaf - 1, size, lh, &flipped, r),
                Err(Rfc6962Error::RootMismatch)
            );
        }
        assert!(verify_inclusion(leaf - 1, size, lh, &expected[..expected.len() - 1], r).is_err());
    }
    assert!(verify_inclusion(0, 0, d(EMPTY_ROOT), &[], d(EMPTY_ROOT)).is_err());
}

#[test]
fn published_consistency_proofs() {
    let data = data();
    for (old, new, path) in CONSISTENCY {
        let tree = build(&data[..new]).unwrap();
        let expected: Vec<Digest32> = path.iter().map(|h| d(h)).collect();
        assert_eq!(
            consistency_proof(&tree, old).unwrap(),
            expected,
            "{old} -> {new}"
        );
        let (r1, r2) = (d(ROOTS[old - 1]), d(ROOTS[new - 1]));
        let (o, n) = (old as u64, new as u64);
        assert_eq!(verify_consistency(o, n, r1, r2, &expected), Ok(()));
        if expected.is_empty() {
            continue;
        }
        assert!(verify_consistency(o - 1, n, r1, r2, &expected).is_err());
        assert!(verify_consistency(o + 1, n, r1, r2, &expected).is_err());
        assert!(verify_consistency(o ^ 2, n, r1, r2, &expected).is_err());
        assert!(verify_consistency(o, n * 2, r1, r2, &expected).is_err());
        assert!(verify_consistency(o, n / 2, r1, r2, &expected).is_err());
        assert!(verify_consistency(o, n, r2, r1, &expected).is_err());
        assert!(verify_consistency(o, n, r1, r2, &[]).is_err());
        for extra in [r1, r2, expected[0]] {
            let mut longer = expected.clone();
            longer.push(extra);
            assert!(verify_consistency(o, n, r1, r2, &longer).is_err());
            let mut front = vec![extra];
            front.extend_from_slice(&expected);
            assert!(verify_consistency(o, n, r1, r2, &front).is_err());
        }
        assert!(verify_consistency(o, n, r1, r2, &expected[..expected.len() - 1]).is_err());
        for i in 0..expected.len() {
            let mut flipped = expected.clone();
            flipped[i].0[0] ^= 16;
            assert!(verify_consistency(o, n, r1, r2, &flipped).is_err());
        }
    }
    // The reference tests' trivial cases.
    let (a, b) = (d(ROOTS[0]), d(ROOTS[1]));
    assert!(verify_consistency(0, 0, a, b, &[]).is_err());
    assert!(verify_consistency(1, 1, a, b, &[]).is_err());
    assert_eq!(verify_consistency(0, 0, a, a, &[]), Ok(()));
    assert_eq!(verify_consistency(0, 1, a, b, &[]), Ok(()));
    assert!(verify_consistency(1, 0, a, b, &[]).is_err());
    assert!(verify_consistency(2, 1, a, b, &[]).is_err());
    assert!(verify_consistency(1, 2, a, b, &[]).is_err());
    assert!(verify_consistency(0, 1, a, a, &[d(EMPTY_ROOT)]).is_err());
    assert!(verify_consistency(1, 1, a, a, &[d(EMPTY_ROOT)]).is_err());
    let tree = build(&data).unwrap();
    assert!(consistency_proof(&tree, 0).is_err());
    assert!(consistency_proof(&tree, 9).is_err());
}

#[test]
fn every_proof_of_every_small_tree_verifies() {
    let data: Vec<Vec<u8>> = (0..70u32).map(|i| i.to_le_bytes().to_vec()).collect();
    for n in 1..=data.len() {
        let tree = build(&data[..n]).unwrap();
        let r = tree.root();
        for (i, leaf) in data[..n].iter().enumerate() {
            let p = inclusion_proof(&tree, i).unwrap();
            assert_eq!(
                verify_inclusion(i as u64, n as u64, leaf_hash(leaf), &p, r),
                Ok(()),
                "{i} of {n}"
            );
        }
        for m in 1..=n {
            let p = consistency_proof(&tree, m).unwrap();
            let old = mth(&data[..m]);
            assert_eq!(
                verify_consistency(m as u64, n as u64, old, r, &p),
                Ok(()),
                "{m} -> {n}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The core's layered tree with a promoted lone node is RFC 6962's split tree.
    #[test]
    fn layered_promote_tree_is_the_rfc_tree(leaves in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 0..=300)) {
        prop_assert_eq!(root(&leaves), mth(&leaves));
    }

    /// Consistency proofs for random sizes verify, and fail against another old root.
    #[test]
    fn consistency_proofs_verify(n in 1usize..=300, m_frac in 0.0f64..1.0) {
        let data: Vec<Vec<u8>> = (0..n as u32).map(|i| i.to_be_bytes().to_vec()).collect();
        let m = 1 + ((n - 1) as f64 * m_frac) as usize;
        let tree = build(&data).unwrap();
        let p = consistency_proof(&tree, m).unwrap();
        let old = mth(&data[..m]);
        prop_assert_eq!(verify_consistency(m as u64, n as u64, old, tree.root(), &p), Ok(()));
        if m < n {
            let other = mth(&data[1..=m]);
            prop_assert!(verify_consistency(m as u64, n as u64, other, tree.root(), &p).is_err());
        }
    }

    /// Verifiers never panic on arbitrary input.
    #[test]
    fn verifiers_never_panic(a in any::<u64>(), b in any::<u64>(), path in prop::collection::vec(any::<[u8; 32]>(), 0..70)) {
        let path: Vec<Digest32> = path.into_iter().map(ByteDigest).collect();
        let x = d(EMPTY_ROOT);
        let _ = verify_inclusion(a, b, x, &path, x);
        let _ = verify_consistency(a, b, x, x, &path);
        let _ = verify_consistency(a % 1000, b % 1000, x, x, &path);
        let _ = verify_inclusion(a % 1000, b % 1000, x, &path, x);
    }
}

/// A proof carries the size it claims; leaf 0 of 5 and leaf 0 of 6 have paths of one
/// shape, so a proof edited to claim 6 leaves still folds to the 5-leaf root. Only a size
/// the verifier knows (a signed tree head's) tells them apart.
#[test]
fn a_proof_edited_to_another_size_is_rejected_when_the_size_is_pinned() {
    use merklab_core::{verify, verify_with_size, VerifyError};
    use merklab_profiles::rfc6962::{HASH, POLICY};

    let data = data();
    let tree = build(&data[..5]).unwrap();
    let leaf = leaf_hash(&data[0]);
    let mut edited = tree.prove(0).unwrap();
    edited.leaf_count = 6;
    assert_eq!(verify(&HASH, &POLICY, tree.root(), leaf, &edited), Ok(()));
    assert_eq!(
        verify_with_size(&HASH, &POLICY, tree.root(), leaf, &edited, 5),
        Err(VerifyError::SizeMismatch {
            claimed: 6,
            expected: 5
        })
    );
    // RFC 9162's algorithm takes the size from its caller: the same path passes for
    // both sizes, so the size must come from the tree head, never from the proof.
    for size in [5, 6] {
        assert_eq!(
            verify_inclusion(0, size, leaf, &edited.siblings, tree.root()),
            Ok(())
        );
    }
    assert_eq!(
        verify_with_size(
            &HASH,
            &POLICY,
            tree.root(),
            leaf,
            &tree.prove(0).unwrap(),
            5
        ),
        Ok(())
    );
}
