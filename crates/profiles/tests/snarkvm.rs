//! snarkVM profiles against snarkVM's own `MerkleTree` (`Network::merkle_tree_bhp` and
//! `merkle_tree_psd` on MainnetV0): roots and full paths, fixed sizes and random leaf
//! sets of 0 to 300 leaves (few cases: BHP is slow).

use merklab_aleo::{Aleo, Field, FieldDigest};
use merklab_core::{verify, MerkleTree, StreamingBuilder};
use merklab_profiles::snarkvm::{
    bhp_leaf, bits_of_bytes, build_bhp, build_poseidon, policy, poseidon_leaf, snarkvm_path,
    verify_snarkvm_path, Bhp512Node, Poseidon2Node,
};
use proptest::prelude::*;
use snarkvm_console::network::Network;

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
        let got = snarkvm_path(&Bhp512Node, &ours, i).unwrap();
        assert_eq!(got, expected, "path {i} of {}", leaves.len());
        let leaf = bhp_leaf(&leaves[i]).unwrap();
        assert!(verify_snarkvm_path(
            &Bhp512Node,
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
            verify(&Bhp512Node, &policy(DEPTH), ours.root(), leaf, &proof),
            Ok(())
        );
    }
}

fn check_poseidon<const DEPTH: u8>(leaves: &[Vec<Field>], prove: &[usize]) {
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
        let got = snarkvm_path(&Poseidon2Node, &ours, i).unwrap();
        assert_eq!(got, expected, "path {i} of {}", leaves.len());
        let leaf = poseidon_leaf(&leaves[i]).unwrap();
        assert!(verify_snarkvm_path(
            &Poseidon2Node,
            leaf,
            i as u64,
            &got,
            ours.root()
        ));
        let proof = ours.prove(i).unwrap();
        assert_eq!(
            verify(&Poseidon2Node, &policy(DEPTH), ours.root(), leaf, &proof),
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
        let mut stream = StreamingBuilder::<_, 2>::new(Poseidon2Node, policy(8));
        for l in &leaves {
            stream.push(poseidon_leaf(l).unwrap()).unwrap();
        }
        assert_eq!(stream.root().unwrap(), tree.root(), "{n} leaves");
        let digests: Vec<FieldDigest> = leaves.iter().map(|l| poseidon_leaf(l).unwrap()).collect();
        let serial =
            MerkleTree::<FieldDigest, 2>::build_serial(&Poseidon2Node, policy(8), digests).unwrap();
        assert_eq!(serial, tree);
    }
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
