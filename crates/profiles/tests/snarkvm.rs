//! snarkVM profiles against snarkVM's own `MerkleTree` (`Network::merkle_tree_bhp` and
//! `merkle_tree_psd` on MainnetV0): roots and full paths, fixed sizes and random leaf
//! sets of 0 to 300 leaves (few cases: BHP is slow).

use merklab_aleo::{Aleo, Config, Field, FieldDigest};
use merklab_core::{verify, Compression, LeafHash, MerkleTree, StreamingBuilder};
use merklab_profiles::snarkvm::{
    bits_of_bytes, build_bhp, build_poseidon, policy, snarkvm_path, verify_snarkvm_path,
    SnarkvmBhp, SnarkvmPoseidon,
};
use merklab_profiles::Layout;
use proptest::prelude::*;
use snarkvm_console::network::Network;
use snarkvm_console::prelude::{One, Zero};

/// snarkVM's BHP leaf hash, from the network: BHP1024 over `false ‖ bits`.
fn bhp_leaf(bits: &[bool]) -> FieldDigest {
    let input: Vec<bool> = std::iter::once(false).chain(bits.iter().copied()).collect();
    FieldDigest(Aleo::hash_bhp1024(&input).unwrap())
}

/// snarkVM's Poseidon leaf hash, from the network: Poseidon4 over `[0field, fields...]`.
fn poseidon_leaf(fields: &[Field]) -> FieldDigest {
    let input: Vec<Field> = std::iter::once(Field::zero())
        .chain(fields.iter().copied())
        .collect();
    FieldDigest(Aleo::hash_psd4(&input).unwrap())
}

/// snarkVM's Poseidon node hash, from the network: Poseidon2 over `[1field, left, right]`.
fn poseidon_node(left: FieldDigest, right: FieldDigest) -> FieldDigest {
    FieldDigest(Aleo::hash_psd2(&[Field::one(), left.0, right.0]).unwrap())
}

fn bit_leaves(n: usize, salt: u8) -> Vec<Vec<bool>> {
    (0..n)
        .map(|i| bits_of_bytes(&[(i % 251) as u8, (i / 251) as u8, salt, (i * 7 % 256) as u8]))
        .collect()
}

fn field_leaves(n: usize, salt: u64) -> Vec<Vec<Field>> {
    (0..n)
        .map(|i| {
            (0..=(i % 3))
                .map(|j| Field::from_u128((i as u128) << 8 | j as u128 | (salt as u128) << 64))
                .collect()
        })
        .collect()
}

fn check_bhp<const DEPTH: u8>(leaves: &[Vec<bool>], prove: &[usize]) {
    let layout = SnarkvmBhp::new(DEPTH).unwrap();
    let node = layout.compression();
    let theirs = Aleo::merkle_tree_bhp::<DEPTH>(leaves).unwrap();
    let ours = build_bhp(leaves, DEPTH).unwrap();
    assert_eq!(
        ours.root(),
        FieldDigest(*theirs.root()),
        "{} leaves, depth {DEPTH}",
        leaves.len()
    );
    for &i in prove.iter().filter(|&&i| i < leaves.len()) {
        let path = theirs.prove(i, &leaves[i]).unwrap();
        let expected: Vec<FieldDigest> = path.siblings().iter().map(|f| FieldDigest(*f)).collect();
        let got = snarkvm_path(&node, &ours, i).unwrap();
        assert_eq!(got, expected, "path {i} of {}", leaves.len());
        let leaf = bhp_leaf(&leaves[i]);
        assert_eq!(layout.leaf_hash().hash_leaf(&leaves[i]), leaf);
        assert!(verify_snarkvm_path(
            &node,
            leaf,
            i as u64,
            &got,
            ours.root()
        ));
        assert!(Aleo::verify_merkle_path_bhp(
            &path,
            theirs.root(),
            &leaves[i]
        ));
        let proof = ours.prove(i).unwrap();
        assert_eq!(
            verify(&node, &policy(DEPTH), ours.root(), leaf, &proof),
            Ok(())
        );
    }
}

fn check_poseidon<const DEPTH: u8>(leaves: &[Vec<Field>], prove: &[usize]) {
    let layout = SnarkvmPoseidon::new(DEPTH).unwrap();
    let node = layout.compression();
    let theirs = Aleo::merkle_tree_psd::<DEPTH>(leaves).unwrap();
    let ours = build_poseidon(leaves, DEPTH).unwrap();
    assert_eq!(
        ours.root(),
        FieldDigest(*theirs.root()),
        "{} leaves, depth {DEPTH}",
        leaves.len()
    );
    for &i in prove.iter().filter(|&&i| i < leaves.len()) {
        let path = theirs.prove(i, &leaves[i]).unwrap();
        let expected: Vec<FieldDigest> = path.siblings().iter().map(|f| FieldDigest(*f)).collect();
        let got = snarkvm_path(&node, &ours, i).unwrap();
        assert_eq!(got, expected, "path {i} of {}", leaves.len());
        let leaf = poseidon_leaf(&leaves[i]);
        assert_eq!(layout.leaf_hash().hash_leaf(&leaves[i]), leaf);
        assert!(verify_snarkvm_path(
            &node,
            leaf,
            i as u64,
            &got,
            ours.root()
        ));
        let proof = ours.prove(i).unwrap();
        assert_eq!(
            verify(&node, &policy(DEPTH), ours.root(), leaf, &proof),
            Ok(())
        );
    }
}

#[test]
fn small_sizes_match_snarkvm() {
    for n in [0usize, 1, 2, 3, 4, 5, 7, 8, 9, 17] {
        let prove: Vec<usize> = (0..n).collect();
        check_poseidon::<5>(&field_leaves(n, 1), &prove);
        check_poseidon::<32>(&field_leaves(n, 2), &prove);
    }
    for n in [0usize, 1, 2, 3, 5, 8] {
        let prove: Vec<usize> = (0..n).collect();
        check_bhp::<4>(&bit_leaves(n, 1), &prove);
        check_bhp::<32>(&bit_leaves(n, 2), &prove);
    }
    // A full tree at its depth, and one leaf too many.
    check_poseidon::<3>(&field_leaves(8, 3), &[0, 7]);
    assert!(build_poseidon(&field_leaves(9, 3), 3).is_err());
    assert!(Aleo::merkle_tree_psd::<3>(&field_leaves(9, 3)).is_err());
    assert!(build_poseidon(&field_leaves(1, 3), 0).is_err());
    assert!(build_poseidon(&field_leaves(1, 3), 65).is_err());
}

#[test]
fn streaming_gives_the_same_root() {
    for n in [0usize, 1, 2, 3, 6, 13] {
        let leaves = field_leaves(n, 4);
        let tree = build_poseidon(&leaves, 8).unwrap();
        let node = SnarkvmPoseidon::new(8).unwrap().compression();
        let mut stream = StreamingBuilder::<_, 2>::new(node, policy(8));
        for l in &leaves {
            stream.push(poseidon_leaf(l)).unwrap();
        }
        assert_eq!(stream.root().unwrap(), tree.root(), "{n} leaves");
        let digests: Vec<FieldDigest> = leaves.iter().map(|l| poseidon_leaf(l)).collect();
        let serial = MerkleTree::<FieldDigest, 2>::build_serial(&node, policy(8), digests).unwrap();
        assert_eq!(serial, tree);
    }
}

#[test]
fn the_hashes_run_on_the_fast_path() {
    let bhp = SnarkvmBhp::new(32).unwrap();
    assert!(bhp.leaf_hash().config.path.is_fast());
    assert!(bhp.compression().config.path.is_fast());
    let poseidon = SnarkvmPoseidon::new(32).unwrap();
    assert!(poseidon.leaf_hash().config.path.is_fast());
    assert!(poseidon.compression().config.path.is_fast());
    // The fast Poseidon node is snarkVM's, value for value.
    let (a, b) = (poseidon_leaf(&[Field::one()]), poseidon_leaf(&[]));
    assert_eq!(
        Compression::<2>::compress(&poseidon.compression(), &[a, b]),
        poseidon_node(a, b)
    );
}

#[test]
fn fast_and_reference_paths_build_the_same_trees() {
    let bits = bit_leaves(19, 9);
    let fast = SnarkvmBhp::new(6).unwrap();
    let reference = fast.with_config(Config::REFERENCE);
    assert!(!reference.compression().config.path.is_fast());
    assert_eq!(fast.build(&bits).unwrap(), reference.build(&bits).unwrap());
    let fields = field_leaves(19, 9);
    let fast = SnarkvmPoseidon::new(6).unwrap();
    let reference = fast.with_config(Config::REFERENCE);
    assert_eq!(
        fast.build(&fields).unwrap(),
        reference.build(&fields).unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn random_poseidon_trees_match_snarkvm(n in 0usize..=300, salt in any::<u64>(), pick in any::<usize>()) {
        let leaves = field_leaves(n, salt);
        check_poseidon::<10>(&leaves, &[pick % n.max(1), n.saturating_sub(1)]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn random_bhp_trees_match_snarkvm(n in 0usize..=300, salt in any::<u8>(), pick in any::<usize>()) {
        let leaves = bit_leaves(n, salt);
        check_bhp::<9>(&leaves, &[pick % n.max(1), n.saturating_sub(1)]);
    }
}
