//! The heap shape: a complete binary tree stored as one array, root at 0 and the children
//! of node `i` at `2i + 1` and `2i + 2`, the `n` leaves in the last `n` slots in reverse
//! order. This is OpenZeppelin's `StandardMerkleTree` layout. It is not the layered
//! shape of [`crate::MerkleTree`]: leaves sit at two depths when `n` is not a power of two.
//!
//! Children are sorted before compression (the only order this layout is used with), so
//! a single proof is an index-free sibling list, and multiproofs use OpenZeppelin's
//! `(leaves, proof, proofFlags)` format.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::error::{DecodeError, TreeError, VerifyError};
use crate::proof::fold_sorted_pairs;
use crate::traits::Compression;

/// A heap-shaped binary tree: `2n - 1` nodes, root first, leaves last in reverse order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeapTree<D> {
    nodes: Vec<D>,
}

/// A multiproof in OpenZeppelin's format: leaves in processing order, the sibling digests
/// consumed in order, and one flag per compression (true: the second child comes from the
/// queue of computed nodes; false: from `proof`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "D: Digest"))]
pub struct HeapMultiProof<D> {
    /// Proven leaf digests, by descending node index (ascending leaf position).
    pub leaves: Vec<D>,
    /// Sibling digests.
    pub proof: Vec<D>,
    /// One flag per compression.
    #[serde(rename = "proofFlags")]
    pub proof_flags: Vec<bool>,
}

fn sorted_pair<C: Compression<2>>(c: &C, a: C::Digest, b: C::Digest) -> C::Digest {
    if a <= b {
        c.compress(&[a, b])
    } else {
        c.compress(&[b, a])
    }
}

impl<D: Digest> HeapTree<D> {
    /// Builds the heap over leaf digests in the order given (leaf `i` at node `2n - 2 - i`).
    pub fn build<C: Compression<2, Digest = D>>(
        compression: &C,
        leaves: &[D],
    ) -> Result<Self, TreeError> {
        let n = leaves.len();
        if n == 0 {
            return Err(TreeError::Empty);
        }
        let len = 2 * n - 1;
        let mut nodes = vec![D::zero(); len];
        for (i, leaf) in leaves.iter().enumerate() {
            nodes[len - 1 - i] = *leaf;
        }
        for i in (0..len - n).rev() {
            nodes[i] = sorted_pair(compression, nodes[2 * i + 1], nodes[2 * i + 2]);
        }
        Ok(Self { nodes })
    }

    /// Takes a node array as stored (root first); checks its length, not its hashes
    /// (see [`Self::check`]).
    pub fn from_nodes(nodes: Vec<D>) -> Result<Self, DecodeError> {
        if nodes.len().is_multiple_of(2) {
            return Err(DecodeError::Invalid {
                field: "tree",
                why: format!(
                    "a heap tree has an odd number of nodes (2n - 1), found {}",
                    nodes.len()
                ),
            });
        }
        Ok(Self { nodes })
    }

    /// Recomputes every inner node; true when all match.
    pub fn check<C: Compression<2, Digest = D>>(&self, compression: &C) -> bool {
        let len = self.nodes.len();
        (0..len / 2).all(|i| {
            self.nodes[i] == sorted_pair(compression, self.nodes[2 * i + 1], self.nodes[2 * i + 2])
        })
    }

    /// The root.
    pub fn root(&self) -> D {
        self.nodes[0]
    }

    /// Every node, root first.
    pub fn nodes(&self) -> &[D] {
        &self.nodes
    }

    /// Number of leaves.
    pub fn leaf_count(&self) -> usize {
        self.nodes.len().div_ceil(2)
    }

    /// The node index of leaf `i`, if there is such a leaf.
    pub fn node_index(&self, leaf: usize) -> Option<usize> {
        (leaf < self.leaf_count()).then(|| self.nodes.len() - 1 - leaf)
    }

    /// Whether `node` is a leaf slot.
    pub fn is_leaf_node(&self, node: usize) -> bool {
        node < self.nodes.len() && 2 * node + 1 >= self.nodes.len()
    }

    /// The digest of leaf `i`.
    pub fn leaf(&self, leaf: usize) -> Option<D> {
        self.node_index(leaf).map(|i| self.nodes[i])
    }

    /// The sibling list of leaf `i`, leaf level first (OpenZeppelin's `getProof`).
    pub fn prove(&self, leaf: usize) -> Result<Vec<D>, TreeError> {
        let mut node = self.node_index(leaf).ok_or(TreeError::IndexOutOfRange {
            index: leaf,
            leaves: self.leaf_count(),
        })?;
        let mut siblings = Vec::new();
        while node > 0 {
            let sibling = if node % 2 == 1 { node + 1 } else { node - 1 };
            siblings.push(self.nodes[sibling]);
            node = (node - 1) / 2;
        }
        Ok(siblings)
    }

    /// One proof for several leaves (positions, any order, distinct), OpenZeppelin's
    /// `getMultiProof`. At least one leaf: OpenZeppelin answers none with the proof
    /// `[root]`, which proves nothing and which [`verify_many`] refuses.
    pub fn prove_many(&self, leaves: &[usize]) -> Result<HeapMultiProof<D>, TreeError> {
        if leaves.is_empty() {
            return Err(TreeError::BadIndices);
        }
        let mut indices = Vec::with_capacity(leaves.len());
        for &leaf in leaves {
            indices.push(self.node_index(leaf).ok_or(TreeError::IndexOutOfRange {
                index: leaf,
                leaves: self.leaf_count(),
            })?);
        }
        indices.sort_unstable_by(|a, b| b.cmp(a));
        if indices.windows(2).any(|w| w[0] == w[1]) {
            return Err(TreeError::BadIndices);
        }
        let mut queue: VecDeque<usize> = indices.iter().copied().collect();
        let mut proof = Vec::new();
        let mut proof_flags = Vec::new();
        while let Some(&j) = queue.front() {
            if j == 0 {
                break;
            }
            queue.pop_front();
            let sibling = if j % 2 == 1 { j + 1 } else { j - 1 };
            if queue.front() == Some(&sibling) {
                proof_flags.push(true);
                queue.pop_front();
            } else {
                proof_flags.push(false);
                proof.push(self.nodes[sibling]);
            }
            queue.push_back((j - 1) / 2);
        }
        Ok(HeapMultiProof {
            leaves: indices.iter().map(|&i| self.nodes[i]).collect(),
            proof,
            proof_flags,
        })
    }
}

/// Why a multiproof of no leaves is refused.
const NO_LEAVES: &str = "a multiproof of no leaves holds for any root";

/// The root a single heap proof implies (OpenZeppelin's `processProof`).
pub fn process_proof<C: Compression<2>>(
    compression: &C,
    leaf: C::Digest,
    proof: &[C::Digest],
) -> C::Digest {
    fold_sorted_pairs(compression, leaf, proof)
}

/// The root a heap multiproof implies (OpenZeppelin's `processMultiProof`); every
/// malformed proof is an error, never a panic. As in OpenZeppelin, a proof of no leaves
/// implies its one proof entry: a verifier should go through [`verify_many`].
pub fn process_multiproof<C: Compression<2>>(
    compression: &C,
    multiproof: &HeapMultiProof<C::Digest>,
) -> Result<C::Digest, VerifyError> {
    let HeapMultiProof {
        leaves,
        proof,
        proof_flags,
    } = multiproof;
    let from_proof = proof_flags.iter().filter(|&&f| !f).count();
    if proof.len() < from_proof {
        return Err(VerifyError::SiblingCount {
            expected: from_proof,
            found: proof.len(),
        });
    }
    if leaves.len().checked_add(proof.len()) != proof_flags.len().checked_add(1) {
        return Err(VerifyError::BadIndices(
            "leaves + proof must be one more than the flags",
        ));
    }
    let mut queue: VecDeque<C::Digest> = leaves.iter().copied().collect();
    let mut siblings = proof.iter().copied();
    let malformed = VerifyError::BadIndices("the flags do not match the leaves and proof");
    for &flag in proof_flags {
        let a = queue.pop_front().ok_or_else(|| malformed.clone())?;
        let b = if flag {
            queue.pop_front()
        } else {
            siblings.next()
        }
        .ok_or_else(|| malformed.clone())?;
        queue.push_back(sorted_pair(compression, a, b));
    }
    let rest: Vec<C::Digest> = siblings.collect();
    if queue.len() + rest.len() != 1 {
        return Err(malformed);
    }
    queue
        .pop_back()
        .or_else(|| rest.first().copied())
        .ok_or(malformed)
}

/// Checks a heap multiproof against `root`. A proof of no leaves is refused: with
/// `proof = [root]` it holds for every root and says nothing.
pub fn verify_many<C: Compression<2>>(
    compression: &C,
    root: C::Digest,
    multiproof: &HeapMultiProof<C::Digest>,
) -> Result<(), VerifyError> {
    if multiproof.leaves.is_empty() {
        return Err(VerifyError::BadIndices(NO_LEAVES));
    }
    if process_multiproof(compression, multiproof)? == root {
        Ok(())
    } else {
        Err(VerifyError::RootMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ByteDigest;

    /// A toy compression: order-sensitive, so a wrong child order shows.
    struct Mix;
    impl Compression<2> for Mix {
        type Digest = ByteDigest<8>;
        fn compress(&self, c: &[ByteDigest<8>; 2]) -> ByteDigest<8> {
            let (a, b) = (u64::from_le_bytes(c[0].0), u64::from_le_bytes(c[1].0));
            let x = a.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17)
                ^ b.wrapping_mul(0xff51_afd7_ed55_8ccd);
            ByteDigest(x.wrapping_add(0x5a).to_le_bytes())
        }
        /// Arity 2 has no short groups; a fold keeps the method total.
        fn compress_short_group(&self, c: &[ByteDigest<8>]) -> ByteDigest<8> {
            let zero = ByteDigest([0; 8]);
            c.iter()
                .copied()
                .reduce(|a, b| self.compress(&[a, b]))
                .unwrap_or(zero)
        }
    }
    fn d(v: u64) -> ByteDigest<8> {
        ByteDigest(v.to_le_bytes())
    }

    #[test]
    fn layout_places_leaves_reversed_at_the_end() {
        let leaves: Vec<_> = (1..=3u64).map(d).collect();
        let t = HeapTree::build(&Mix, &leaves).unwrap();
        // Five nodes: [root, inner, leaf2, leaf1, leaf0]; node 1's children are nodes 3
        // and 4 (leaves 1 and 0), the root's are node 1 and node 2 (leaf 2).
        assert_eq!(t.nodes().len(), 5);
        assert_eq!(&t.nodes()[2..], &[leaves[2], leaves[1], leaves[0]]);
        assert_eq!(t.nodes()[1], sorted_pair(&Mix, leaves[1], leaves[0]));
        assert_eq!(t.root(), sorted_pair(&Mix, t.nodes()[1], leaves[2]));
        assert!(t.check(&Mix));
        assert_eq!(HeapTree::build(&Mix, &[]), Err(TreeError::Empty));
    }

    #[test]
    fn proofs_and_multiproofs_round_trip_and_reject_tampering() {
        for n in 1..=20usize {
            let leaves: Vec<_> = (0..n as u64).map(|b| d(b.wrapping_mul(37) + 1)).collect();
            let t = HeapTree::build(&Mix, &leaves).unwrap();
            for (i, leaf) in leaves.iter().enumerate() {
                let p = t.prove(i).unwrap();
                assert_eq!(process_proof(&Mix, *leaf, &p), t.root());
            }
            let all: Vec<usize> = (0..n).collect();
            assert_eq!(t.prove_many(&[]), Err(TreeError::BadIndices));
            let vacuous = HeapMultiProof {
                leaves: vec![],
                proof: vec![t.root()],
                proof_flags: vec![],
            };
            // OpenZeppelin's processMultiProof answers the root; the verifier refuses.
            assert_eq!(process_multiproof(&Mix, &vacuous), Ok(t.root()));
            assert_eq!(
                verify_many(&Mix, t.root(), &vacuous),
                Err(VerifyError::BadIndices(NO_LEAVES))
            );
            for k in 1..=n.min(4) {
                let pick: Vec<usize> = all.iter().copied().step_by(k.max(1)).take(k).collect();
                let mp = t.prove_many(&pick).unwrap();
                assert_eq!(verify_many(&Mix, t.root(), &mp), Ok(()));
                if let Some(first) = mp.leaves.first().copied() {
                    let mut bad = mp.clone();
                    bad.leaves[0] = d(u64::from_le_bytes(first.0) ^ 1);
                    assert!(verify_many(&Mix, t.root(), &bad).is_err());
                }
                let mut short = mp.clone();
                short.proof_flags.push(true);
                assert!(verify_many(&Mix, t.root(), &short).is_err());
            }
        }
    }
}
