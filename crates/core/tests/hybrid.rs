//! Hybrid trees over two hashes (untagged SHA3-256 below the split, tagged SHA3-256
//! above, lifted by the tagged leaf hash): the root is the one composed by hand from the
//! two hashes' own trees, and building, streaming, proofs, multiproofs and the codec work
//! unchanged.

use merklab_core::hybrid::{Hybrid, HybridCompression, HybridLeaf, LiftBytes, SplitError};
use merklab_core::{
    hash_leaves, verify, verify_many, BinaryCodec, Digest, DomainTags, LeafHash, MerkleTree,
    OddNode, Policy, Proof, StreamingBuilder, VerifyError,
};

mod common;

use common::{Sha3, D};

type H = Hybrid<D, D>;
type C = HybridCompression<Sha3, Sha3, LiftBytes<Sha3>>;

fn lower() -> Sha3 {
    Sha3::untagged()
}

fn upper() -> Sha3 {
    Sha3::new(DomainTags::Tagged)
}

fn hybrid(split: u32) -> C {
    HybridCompression::new(lower(), upper(), LiftBytes(upper()), split).unwrap()
}

fn leaves(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| format!("leaf {i}").into_bytes()).collect()
}

fn hybrid_tree<const K: usize>(n: usize, split: u32, policy: Policy) -> MerkleTree<H, K> {
    let leaf = HybridLeaf::<Sha3, D>::new(lower());
    MerkleTree::build(&hybrid(split), policy, hash_leaves(&leaf, &leaves(n))).unwrap()
}

/// The root composed from the two hashes' own trees: the lower tree's layer below the
/// split, each node lifted into a leaf of the upper tree.
fn composed_root<const K: usize>(n: usize, split: usize, policy: Policy) -> Option<D> {
    let low =
        MerkleTree::<D, K>::build(&lower(), policy, hash_leaves(&lower(), &leaves(n))).unwrap();
    if low.depth() < split {
        return None;
    }
    let lifted: Vec<D> = low
        .layer(split - 1)?
        .iter()
        .map(|d| upper().hash_leaf(&d.0[..]))
        .collect();
    Some(
        MerkleTree::<D, K>::build(&upper(), policy, lifted)
            .unwrap()
            .root(),
    )
}

fn check_composed<const K: usize>(odd: OddNode) {
    let policy = Policy::new().with_odd(odd);
    for n in 1..=70 {
        for split in 1..=5 {
            let tree = hybrid_tree::<K>(n, split, policy);
            match composed_root::<K>(n, split as usize, policy) {
                Some(root) => assert_eq!(tree.root(), Hybrid::Upper(root), "n {n} split {split}"),
                None => assert!(tree.root().upper().is_none(), "n {n} split {split}"),
            }
        }
    }
}

#[test]
fn root_is_the_two_trees_composed() {
    check_composed::<2>(OddNode::Promote);
    check_composed::<3>(OddNode::Promote);
    check_composed::<4>(OddNode::Promote);
    check_composed::<2>(OddNode::Duplicate);
    check_composed::<3>(OddNode::Duplicate);
}

#[test]
fn levels_below_the_split_are_lower_digests() {
    let tree = hybrid_tree::<2>(40, 3, Policy::new());
    for level in 0..=tree.depth() {
        for node in tree.layer(level).unwrap() {
            match node {
                Hybrid::Lower { level: l, .. } => {
                    assert!(level < 3);
                    assert!(usize::from(*l) <= level);
                }
                Hybrid::Upper(_) => assert!(level >= 3),
            }
        }
    }
}

fn proofs_hold<const K: usize>(odd: OddNode) {
    let policy = Policy::new().with_odd(odd);
    let c = hybrid(2);
    for n in [1usize, 2, 5, 9, 17, 33] {
        let tree = hybrid_tree::<K>(n, 2, policy);
        let root = tree.root();
        for i in 0..n {
            let proof = tree.prove(i).unwrap();
            verify(&c, &policy, root, tree.leaves()[i], &proof).unwrap();
            let decoded = Proof::<H, K>::from_binary(&proof.to_binary()).unwrap();
            verify(&c, &policy, root, tree.leaves()[i], &decoded).unwrap();
            let json: Proof<H, K> =
                serde_json::from_str(&serde_json::to_string(&proof).unwrap()).unwrap();
            verify(&c, &policy, root, tree.leaves()[i], &json).unwrap();
            for s in 0..proof.siblings.len() {
                let mut bad = proof.clone();
                bad.siblings[s] = match bad.siblings[s] {
                    Hybrid::Lower { level, mut digest } => {
                        digest.0[0] ^= 1;
                        Hybrid::Lower { level, digest }
                    }
                    Hybrid::Upper(mut d) => {
                        d.0[31] ^= 0x80;
                        Hybrid::Upper(d)
                    }
                };
                assert_eq!(
                    verify(&c, &policy, root, tree.leaves()[i], &bad),
                    Err(VerifyError::RootMismatch)
                );
            }
        }
        if n > 2 {
            let many = tree.prove_many(&[0, n - 1]).unwrap();
            let proven = [tree.leaves()[0], tree.leaves()[n - 1]];
            verify_many(&c, &policy, root, &proven, &many).unwrap();
        }
    }
}

#[test]
fn proofs_carry_both_kinds_and_verify() {
    proofs_hold::<2>(OddNode::Promote);
    proofs_hold::<3>(OddNode::Zero);
    proofs_hold::<4>(OddNode::Duplicate);
    proofs_hold::<2>(OddNode::Depth(7));
    let proof = hybrid_tree::<2>(16, 2, Policy::new()).prove(5).unwrap();
    assert!(proof.siblings.iter().any(|s| s.upper().is_none()));
    assert!(proof.siblings.iter().any(|s| s.upper().is_some()));
}

#[test]
fn streaming_gives_the_batch_root() {
    let leaf = HybridLeaf::<Sha3, D>::new(lower());
    for odd in [OddNode::Promote, OddNode::Duplicate, OddNode::Depth(8)] {
        let policy = Policy::new().with_odd(odd);
        for n in [1usize, 3, 8, 13, 64, 65] {
            let digests = hash_leaves(&leaf, &leaves(n));
            let mut stream = StreamingBuilder::<_, 3>::new(hybrid(2), policy);
            for d in &digests {
                stream.push(*d).unwrap();
            }
            let tree = MerkleTree::<H, 3>::build(&hybrid(2), policy, digests).unwrap();
            assert_eq!(stream.root().unwrap(), tree.root());
        }
    }
}

#[test]
fn parallel_and_serial_builds_agree() {
    let leaf = HybridLeaf::<Sha3, D>::new(lower());
    let digests = hash_leaves(&leaf, &leaves(3000));
    for split in [1, 2, 5, 9] {
        let c = hybrid(split);
        let a = MerkleTree::<H, 2>::build(&c, Policy::new(), digests.clone()).unwrap();
        let b = MerkleTree::<H, 2>::build_serial(&c, Policy::new(), digests.clone()).unwrap();
        assert!(a.nodes().eq(b.nodes()));
    }
}

#[test]
fn bytes_round_trip_and_refuse_padding() {
    let tree = hybrid_tree::<2>(9, 2, Policy::new());
    for node in tree.nodes() {
        let mut bytes = Vec::new();
        node.write_bytes(&mut bytes);
        assert_eq!(bytes.len(), H::BYTES);
        assert_eq!(H::read_bytes(&bytes).unwrap(), *node);
    }
    // Both digests are 32 bytes, so there is no padding byte: a wider upper digest has.
    type W = Hybrid<merklab_core::ByteDigest<4>, D>;
    let mut bytes = Vec::new();
    W::zero().write_bytes(&mut bytes);
    assert_eq!(bytes.len(), 33);
    bytes[32] = 1;
    assert!(W::read_bytes(&bytes).is_err());
    assert!(W::read_bytes(&bytes[..32]).is_err());
}

#[test]
fn split_out_of_range_is_refused() {
    for split in [0, 255, 1000] {
        assert_eq!(
            HybridCompression::new(lower(), upper(), LiftBytes(upper()), split).err(),
            Some(SplitError::OutOfRange(split))
        );
    }
}
