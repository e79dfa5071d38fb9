//! Single-leaf proofs and multiproofs, and verifiers that never panic.

use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::error::{TreeError, VerifyError};
use crate::policy::{OddNode, Policy, MAX_DEPTH};
use crate::shape::{group_parent, layer_sizes, padding_digests, ArityCheck, ShapeError, MAX_ARITY};
use crate::traits::Compression;
use crate::tree::MerkleTree;

/// An inclusion proof for one leaf of a tree of arity `K`: the real siblings of each
/// group on the path, leaf to root, in group order. Padding (duplicates, zeros, empty
/// digests) is not sent: the verifier derives it from the policy.
///
/// Serialized as `{"arity", "policy", "leaf_count", "leaf_index", "siblings"}`;
/// deserializing checks that `arity` is `K`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof<D, const K: usize> {
    /// Policy of the tree.
    pub policy: Policy,
    /// Number of leaves.
    pub leaf_count: u64,
    /// Position of the leaf in tree order.
    pub leaf_index: u64,
    /// Sibling digests, leaf level first.
    pub siblings: Vec<D>,
}

/// A proof for several leaves of a tree of arity `K` at once: each needed sibling
/// appears once, level by level, in position order; nodes computable from the proven
/// leaves are omitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiProof<D, const K: usize> {
    /// Policy of the tree.
    pub policy: Policy,
    /// Number of leaves.
    pub leaf_count: u64,
    /// Positions of the proven leaves, strictly ascending.
    pub indices: Vec<u64>,
    /// Deduplicated sibling digests.
    pub siblings: Vec<D>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProofData<D> {
    arity: usize,
    policy: Policy,
    leaf_count: u64,
    leaf_index: u64,
    siblings: Vec<D>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MultiProofData<D> {
    arity: usize,
    policy: Policy,
    leaf_count: u64,
    indices: Vec<u64>,
    siblings: Vec<D>,
}

fn arity_error<E: serde::de::Error, const K: usize>(arity: usize) -> E {
    E::custom(format!("the proof is for arity {arity}, expected {K}"))
}

impl<D: Digest, const K: usize> Serialize for Proof<D, K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ProofData {
            arity: K,
            policy: self.policy,
            leaf_count: self.leaf_count,
            leaf_index: self.leaf_index,
            siblings: self.siblings.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de, D: Digest, const K: usize> Deserialize<'de> for Proof<D, K> {
    fn deserialize<De: serde::Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        let d = ProofData::<D>::deserialize(deserializer)?;
        if d.arity != K {
            return Err(arity_error::<_, K>(d.arity));
        }
        Ok(Self {
            policy: d.policy,
            leaf_count: d.leaf_count,
            leaf_index: d.leaf_index,
            siblings: d.siblings,
        })
    }
}

impl<D: Digest, const K: usize> Serialize for MultiProof<D, K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MultiProofData {
            arity: K,
            policy: self.policy,
            leaf_count: self.leaf_count,
            indices: self.indices.clone(),
            siblings: self.siblings.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de, D: Digest, const K: usize> Deserialize<'de> for MultiProof<D, K> {
    fn deserialize<De: serde::Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        let d = MultiProofData::<D>::deserialize(deserializer)?;
        if d.arity != K {
            return Err(arity_error::<_, K>(d.arity));
        }
        Ok(Self {
            policy: d.policy,
            leaf_count: d.leaf_count,
            indices: d.indices,
            siblings: d.siblings,
        })
    }
}

impl<D: Digest, const K: usize> MerkleTree<D, K> {
    /// The inclusion proof of the leaf at `index` (tree order).
    pub fn prove(&self, index: usize) -> Result<Proof<D, K>, TreeError> {
        if index >= self.leaf_count() {
            return Err(TreeError::IndexOutOfRange {
                index,
                leaves: self.leaf_count(),
            });
        }
        let mut siblings = Vec::with_capacity(self.depth() * (K - 1));
        let mut pos = index;
        for level in 0..self.depth() {
            let layer = self.layer(level).unwrap_or(&[]);
            let start = pos / K * K;
            let end = (start + K).min(layer.len());
            siblings.extend((start..end).filter(|&j| j != pos).map(|j| layer[j]));
            pos /= K;
        }
        Ok(Proof {
            policy: self.policy(),
            leaf_count: self.leaf_count() as u64,
            leaf_index: index as u64,
            siblings,
        })
    }

    /// One proof for several leaves (positions in tree order, any order, distinct).
    pub fn prove_many(&self, indices: &[usize]) -> Result<MultiProof<D, K>, TreeError> {
        let mut known: Vec<usize> = indices.to_vec();
        known.sort_unstable();
        if known.is_empty() || known.windows(2).any(|w| w[0] == w[1]) {
            return Err(TreeError::BadIndices);
        }
        if let Some(&last) = known.last() {
            if last >= self.leaf_count() {
                return Err(TreeError::IndexOutOfRange {
                    index: last,
                    leaves: self.leaf_count(),
                });
            }
        }
        let proven: Vec<u64> = known.iter().map(|&i| i as u64).collect();
        let mut siblings = Vec::new();
        for level in 0..self.depth() {
            let layer = self.layer(level).unwrap_or(&[]);
            let mut next = Vec::with_capacity(known.len());
            let mut i = 0;
            while i < known.len() {
                let group = known[i] / K;
                let start = group * K;
                let end = (start + K).min(layer.len());
                for (j, node) in layer.iter().enumerate().take(end).skip(start) {
                    if i < known.len() && known[i] == j {
                        i += 1;
                    } else {
                        siblings.push(*node);
                    }
                }
                next.push(group);
            }
            known = next;
        }
        Ok(MultiProof {
            policy: self.policy(),
            leaf_count: self.leaf_count() as u64,
            indices: proven,
            siblings,
        })
    }
}

fn check_layout<const K: usize>(proof_policy: &Policy, policy: &Policy) -> Result<(), VerifyError> {
    let () = ArityCheck::<K>::OK;
    if proof_policy != policy {
        return Err(VerifyError::LayoutMismatch(format!(
            "{proof_policy} (not {policy})"
        )));
    }
    Ok(())
}

fn sizes_for(leaf_count: u64, k: usize, odd: OddNode) -> Result<Vec<u64>, VerifyError> {
    if let Some(d) = odd.fixed_depth() {
        if d > MAX_DEPTH {
            return Err(VerifyError::DepthTooLarge(d));
        }
    }
    if leaf_count == 0 {
        return Err(VerifyError::BadLeafCount(0));
    }
    layer_sizes(leaf_count, k, odd).map_err(|e| match e {
        ShapeError::DepthTooLarge(d) => VerifyError::DepthTooLarge(d),
        _ => VerifyError::BadLeafCount(leaf_count),
    })
}

fn empties_for<C: Compression<K>, const K: usize>(
    c: &C,
    odd: OddNode,
    leaf_count: u64,
) -> Vec<C::Digest> {
    padding_digests(c, odd, leaf_count)
}

/// Checks that `leaf` is in the tree with `root` according to `proof`.
///
/// Returns an error naming the first thing wrong; never panics, whatever the proof holds.
pub fn verify<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    root: C::Digest,
    leaf: C::Digest,
    proof: &Proof<C::Digest, K>,
) -> Result<(), VerifyError> {
    check_layout::<K>(&proof.policy, policy)?;
    let sizes = sizes_for(proof.leaf_count, K, policy.odd)?;
    if proof.leaf_index >= proof.leaf_count {
        return Err(VerifyError::IndexOutOfRange {
            index: proof.leaf_index,
            leaves: proof.leaf_count,
        });
    }
    let k = K as u64;
    // Count before hashing, so a malformed proof costs no work.
    let mut expected = 0usize;
    let mut pos = proof.leaf_index;
    for &n in &sizes[..sizes.len() - 1] {
        let start = pos / k * k;
        expected += (start.saturating_add(k).min(n) - start - 1) as usize;
        pos /= k;
    }
    if expected != proof.siblings.len() {
        return Err(VerifyError::SiblingCount {
            expected,
            found: proof.siblings.len(),
        });
    }
    let empties = empties_for(compression, policy.odd, proof.leaf_count);
    let mut node = leaf;
    let mut pos = proof.leaf_index;
    let mut next_sibling = proof.siblings.iter();
    let misfit = VerifyError::SiblingCount {
        expected,
        found: proof.siblings.len(),
    };
    let mut buf = [C::Digest::zero(); MAX_ARITY];
    for (level, &n) in sizes[..sizes.len() - 1].iter().enumerate() {
        let start = pos / k * k;
        let m = (start.saturating_add(k).min(n) - start) as usize;
        let me = (pos - start) as usize;
        let group = buf.get_mut(..m).ok_or_else(|| misfit.clone())?;
        for (slot, item) in group.iter_mut().enumerate() {
            *item = if slot == me {
                node
            } else {
                *next_sibling.next().ok_or_else(|| misfit.clone())?
            };
        }
        node = group_parent(compression, policy, &empties, level, group)
            .ok_or_else(|| misfit.clone())?;
        pos /= k;
    }
    if node == root {
        Ok(())
    } else {
        Err(VerifyError::RootMismatch)
    }
}

/// [`verify`] for a tree whose size the verifier knows (`leaf_count`, from a signed tree
/// head, a contract, a registry): a proof that claims any other size is rejected with
/// [`VerifyError::SizeMismatch`] before anything is hashed.
///
/// A proof carries its own leaf count, and [`verify`] only checks that the path fits it.
/// Without domain tags an inner node and the path above it are a valid proof for a
/// smaller tree, and under any layout a proof edited to another size whose path has the
/// same shape still verifies. With the size pinned, the shape of every path is fixed; for
/// positional pairs an inner node can then no longer pose as a leaf. Sorted pairs bind no
/// position, so only domain tags separate leaves from nodes there.
pub fn verify_with_size<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    root: C::Digest,
    leaf: C::Digest,
    proof: &Proof<C::Digest, K>,
    leaf_count: u64,
) -> Result<(), VerifyError> {
    check_size(proof.leaf_count, leaf_count)?;
    verify(compression, policy, root, leaf, proof)
}

/// [`verify_many`] for a tree of known size; see [`verify_with_size`].
pub fn verify_many_with_size<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    root: C::Digest,
    leaves: &[C::Digest],
    proof: &MultiProof<C::Digest, K>,
    leaf_count: u64,
) -> Result<(), VerifyError> {
    check_size(proof.leaf_count, leaf_count)?;
    verify_many(compression, policy, root, leaves, proof)
}

fn check_size(claimed: u64, expected: u64) -> Result<(), VerifyError> {
    if claimed == expected {
        Ok(())
    } else {
        Err(VerifyError::SizeMismatch { claimed, expected })
    }
}

/// Checks that `leaves[i]` sits at `proof.indices[i]` for every `i`, under `root`.
pub fn verify_many<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    root: C::Digest,
    leaves: &[C::Digest],
    proof: &MultiProof<C::Digest, K>,
) -> Result<(), VerifyError> {
    check_layout::<K>(&proof.policy, policy)?;
    let sizes = sizes_for(proof.leaf_count, K, policy.odd)?;
    if proof.indices.is_empty() {
        return Err(VerifyError::BadIndices("no indices"));
    }
    if proof.indices.len() != leaves.len() {
        return Err(VerifyError::BadIndices("leaf and index counts differ"));
    }
    if proof.indices.windows(2).any(|w| w[0] >= w[1]) {
        return Err(VerifyError::BadIndices("indices not strictly ascending"));
    }
    if let Some(&last) = proof.indices.last() {
        if last >= proof.leaf_count {
            return Err(VerifyError::IndexOutOfRange {
                index: last,
                leaves: proof.leaf_count,
            });
        }
    }
    let k = K as u64;
    // Count first: how many siblings the shape needs for these indices.
    let mut expected = 0usize;
    let mut known: Vec<u64> = proof.indices.clone();
    for &n in &sizes[..sizes.len() - 1] {
        let mut next = Vec::with_capacity(known.len());
        let mut i = 0;
        while i < known.len() {
            let group = known[i] / k;
            let start = group * k;
            let end = start.saturating_add(k).min(n);
            let mut present = 0u64;
            while i < known.len() && known[i] < end {
                present += 1;
                i += 1;
            }
            expected += (end - start - present) as usize;
            next.push(group);
        }
        known = next;
    }
    if expected != proof.siblings.len() {
        return Err(VerifyError::SiblingCount {
            expected,
            found: proof.siblings.len(),
        });
    }
    let empties = empties_for(compression, policy.odd, proof.leaf_count);
    let mut known: Vec<(u64, C::Digest)> = proof
        .indices
        .iter()
        .copied()
        .zip(leaves.iter().copied())
        .collect();
    let mut next_sibling = proof.siblings.iter();
    let mut buf = [C::Digest::zero(); MAX_ARITY];
    let short = VerifyError::SiblingCount {
        expected,
        found: proof.siblings.len(),
    };
    for (level, &n) in sizes[..sizes.len() - 1].iter().enumerate() {
        let mut next = Vec::with_capacity(known.len());
        let mut i = 0;
        while i < known.len() {
            let group = known[i].0 / k;
            let start = group * k;
            let end = start.saturating_add(k).min(n);
            let m = (end - start) as usize;
            let children = buf.get_mut(..m).ok_or_else(|| short.clone())?;
            for (slot, j) in children.iter_mut().zip(start..end) {
                *slot = if i < known.len() && known[i].0 == j {
                    i += 1;
                    known[i - 1].1
                } else {
                    *next_sibling.next().ok_or_else(|| short.clone())?
                };
            }
            let parent = group_parent(compression, policy, &empties, level, children)
                .ok_or_else(|| short.clone())?;
            next.push((group, parent));
        }
        known = next;
    }
    match known.first() {
        Some(&(_, node)) if node == root => Ok(()),
        _ => Err(VerifyError::RootMismatch),
    }
}

/// Folds a sibling list into a root for a binary tree with sorted pairs: no index is
/// needed, and a level where the node was promoted simply has no sibling.
pub fn fold_sorted_pairs<C: Compression<2>>(
    compression: &C,
    leaf: C::Digest,
    siblings: &[C::Digest],
) -> C::Digest {
    siblings.iter().fold(leaf, |node, &sib| {
        let pair = if node <= sib {
            [node, sib]
        } else {
            [sib, node]
        };
        compression.compress(&pair)
    })
}

#[cfg(test)]
mod tests {
    use sha3::{Digest as _, Sha3_256};

    use super::*;
    use crate::policy::LeafOrder;
    use crate::ByteDigest;

    /// SHA3-256 over the concatenated children, with no domain tag: a node and a leaf
    /// digest are the same kind of value, as in an untagged layout.
    struct Untagged;
    impl Compression<2> for Untagged {
        type Digest = ByteDigest<32>;
        fn compress(&self, children: &[ByteDigest<32>; 2]) -> ByteDigest<32> {
            self.compress_short_group(children)
        }
        fn compress_short_group(&self, children: &[ByteDigest<32>]) -> ByteDigest<32> {
            let mut h = Sha3_256::new();
            for c in children {
                h.update(c.0);
            }
            ByteDigest(h.finalize().into())
        }
    }

    fn leaf(i: u8) -> ByteDigest<32> {
        ByteDigest(Sha3_256::digest([i]).into())
    }

    fn tree(leaves: Vec<ByteDigest<32>>, policy: Policy) -> MerkleTree<ByteDigest<32>, 2> {
        MerkleTree::build(&Untagged, policy, leaves).unwrap()
    }

    #[test]
    fn an_inner_node_poses_as_a_leaf_unless_the_size_is_pinned() {
        let policy = Policy::new();
        let t = tree((0..8).map(leaf).collect(), policy);
        let (level1, level2) = (t.layer(1).unwrap(), t.layer(2).unwrap());
        // Node 1 of level 1 is compress(leaf 2, leaf 3); its path to the root is its
        // level-1 sibling, then its level-2 sibling: a proof for leaf 1 of 4.
        let forged = Proof::<_, 2> {
            policy,
            leaf_count: 4,
            leaf_index: 1,
            siblings: vec![level1[0], level2[1]],
        };
        let inner = level1[1];
        assert_ne!(inner, leaf(2));
        assert!(!t.leaves().contains(&inner));
        assert_eq!(verify(&Untagged, &policy, t.root(), inner, &forged), Ok(()));
        assert_eq!(
            verify_with_size(&Untagged, &policy, t.root(), inner, &forged, 8),
            Err(VerifyError::SizeMismatch {
                claimed: 4,
                expected: 8
            })
        );
        // The honest proof still passes with the size pinned.
        let honest = t.prove(2).unwrap();
        assert_eq!(
            verify_with_size(&Untagged, &policy, t.root(), leaf(2), &honest, 8),
            Ok(())
        );

        let forged_many = MultiProof::<_, 2> {
            policy,
            leaf_count: 4,
            indices: vec![0, 1],
            siblings: vec![level2[1]],
        };
        let inners = [level1[0], level1[1]];
        assert_eq!(
            verify_many(&Untagged, &policy, t.root(), &inners, &forged_many),
            Ok(())
        );
        assert_eq!(
            verify_many_with_size(&Untagged, &policy, t.root(), &inners, &forged_many, 8),
            Err(VerifyError::SizeMismatch {
                claimed: 4,
                expected: 8
            })
        );
        let honest_many = t.prove_many(&[1, 6]).unwrap();
        assert_eq!(
            verify_many_with_size(
                &Untagged,
                &policy,
                t.root(),
                &[leaf(1), leaf(6)],
                &honest_many,
                8
            ),
            Ok(())
        );
    }

    #[test]
    fn a_proof_edited_to_another_size_is_caught_only_when_pinned() {
        let policy = Policy::new();
        let t = tree((0..5).map(leaf).collect(), policy);
        // Leaf 0 of 5 and leaf 0 of 6 have paths of the same shape (three left turns).
        let mut edited = t.prove(0).unwrap();
        edited.leaf_count = 6;
        assert_eq!(
            verify(&Untagged, &policy, t.root(), leaf(0), &edited),
            Ok(())
        );
        let pinned = verify_with_size(&Untagged, &policy, t.root(), leaf(0), &edited, 5);
        assert_eq!(
            pinned,
            Err(VerifyError::SizeMismatch {
                claimed: 6,
                expected: 5
            })
        );
        let message = pinned.unwrap_err().to_string();
        assert!(message.contains('6') && message.contains('5'), "{message}");
    }

    #[test]
    fn siblings_that_would_overfill_a_group_are_refused() {
        // Under promote, duplicate and zero, a proof whose first group would hold
        // K + 1 or K - 1 nodes is refused with a typed error, never hashed as a group.
        for odd in [OddNode::Promote, OddNode::Duplicate, OddNode::Zero] {
            let policy = Policy::new().with_odd(odd);
            let t = tree((0..5).map(leaf).collect(), policy);
            for i in 0..5 {
                let good = t.prove(i).unwrap();
                let mut long = good.clone();
                long.siblings.insert(0, leaf(9));
                let mut short = good.clone();
                short.siblings.remove(0);
                for p in [long, short] {
                    let got = verify(&Untagged, &policy, t.root(), leaf(i as u8), &p);
                    assert!(
                        matches!(got, Err(VerifyError::SiblingCount { .. })),
                        "leaf {i} under {policy}: {got:?}"
                    );
                }
                let many = t.prove_many(&[i]).unwrap();
                let mut long = many.clone();
                long.siblings.insert(0, leaf(9));
                let got = verify_many(&Untagged, &policy, t.root(), &[leaf(i as u8)], &long);
                assert!(matches!(got, Err(VerifyError::SiblingCount { .. })));
            }
        }
    }

    #[test]
    fn a_multiproof_may_name_two_positions_with_equal_leaves() {
        let (a, b, c) = (leaf(1), leaf(2), leaf(3));
        for leaves in [LeafOrder::AsGiven, LeafOrder::Sorted] {
            let policy = Policy::new().with_leaves(leaves);
            let t = tree(vec![a, b, a, c, a], policy);
            let positions: Vec<usize> = (0..5).filter(|&p| t.leaves()[p] == a).collect();
            assert_eq!(positions.len(), 3);
            let proof = t.prove_many(&positions).unwrap();
            assert_eq!(
                verify_many(&Untagged, &policy, t.root(), &[a, a, a], &proof),
                Ok(())
            );
            // Two of the three equal leaves, and each with another leaf.
            let two = t.prove_many(&positions[..2]).unwrap();
            assert_eq!(
                verify_many(&Untagged, &policy, t.root(), &[a, a], &two),
                Ok(())
            );
            // Swapping an equal leaf for another one still fails.
            assert_eq!(
                verify_many(&Untagged, &policy, t.root(), &[a, b], &two),
                Err(VerifyError::RootMismatch)
            );
        }
    }
}
