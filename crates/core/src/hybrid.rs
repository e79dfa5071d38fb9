//! Hybrid trees: the levels below a split use one hash, the levels from it up another.
//!
//! A fast byte hash near the leaves and a hash that is cheap inside a circuit near the
//! root give most of the first one's build speed with a path that costs, in circuit,
//! only a few of the first one's compressions. The tree is still one [`MerkleTree`]:
//! its node type [`Hybrid`] holds either kind of digest, [`HybridCompression`] wraps
//! the two compressions and a [`Lift`] between them, and building, streaming, proofs,
//! multiproofs and their verifiers run unchanged, a proof carrying siblings of both
//! kinds.
//!
//! A node at level `l` (leaves are level 0) is a lower digest when `l < split` and an
//! upper one from `split` up. The compression cannot see the level, so a lower digest
//! carries its own, and a group's level is one more than its highest child's: under
//! `promote` a lone node is carried up with the level it was made at, and zero padding
//! is level 0, but every group that is compressed has at least one child made at the
//! level below it. Entering an upper compression, each lower child is lifted. The
//! level labels only choose which hash runs; the hashes bind the digests, so a label
//! changed in a proof either changes the recomputed root or changes nothing.
//!
//! [`MerkleTree`]: crate::MerkleTree

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::error::DecodeError;
use crate::traits::{Compression, LeafHash};

/// The first byte of an upper digest's encoding; a lower digest's is its level.
const UPPER_TAG: u8 = 0xff;

/// The largest split: levels of lower digests are below it and fit the tag byte.
pub const MAX_SPLIT: u8 = UPPER_TAG - 1;

/// A node of a hybrid tree: a lower digest with the level it was made at, or an upper
/// digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Hybrid<A, B> {
    /// A digest of the lower hash, at a level below the split.
    Lower {
        /// The level the digest was made at (leaves are 0).
        level: u8,
        /// The digest.
        digest: A,
    },
    /// A digest of the upper hash.
    Upper(B),
}

impl<A, B> Hybrid<A, B> {
    /// The upper digest, if this is one (the root of a tree at least as deep as its split).
    pub fn upper(&self) -> Option<&B> {
        match self {
            Hybrid::Upper(b) => Some(b),
            Hybrid::Lower { .. } => None,
        }
    }
}

impl<A: Digest, B: Digest> Digest for Hybrid<A, B> {
    /// A tag byte (the level, or `0xff` for an upper digest), then the digest's own
    /// encoding, zero-padded to the wider of the two.
    const BYTES: usize = 1 + if A::BYTES > B::BYTES {
        A::BYTES
    } else {
        B::BYTES
    };

    fn zero() -> Self {
        Hybrid::Lower {
            level: 0,
            digest: A::zero(),
        }
    }

    fn write_bytes(&self, out: &mut Vec<u8>) {
        let start = out.len();
        match self {
            Hybrid::Lower { level, digest } => {
                out.push(*level);
                digest.write_bytes(out);
            }
            Hybrid::Upper(b) => {
                out.push(UPPER_TAG);
                b.write_bytes(out);
            }
        }
        out.resize(start + Self::BYTES, 0);
    }

    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes.len() != Self::BYTES {
            return Err(DecodeError::DigestLength {
                expected: Self::BYTES,
                found: bytes.len(),
            });
        }
        let (tag, rest) = (bytes[0], &bytes[1..]);
        let width = if tag == UPPER_TAG { B::BYTES } else { A::BYTES };
        if rest[width..].iter().any(|&b| b != 0) {
            return Err(DecodeError::Invalid {
                field: "hybrid digest",
                why: "nonzero padding after the digest".into(),
            });
        }
        Ok(if tag == UPPER_TAG {
            Hybrid::Upper(B::read_bytes(&rest[..width])?)
        } else {
            Hybrid::Lower {
                level: tag,
                digest: A::read_bytes(&rest[..width])?,
            }
        })
    }
}

/// Turns a lower digest into an upper one where the tree crosses the split.
///
/// A lift must be collision-resistant (two lower digests that lift alike make two
/// trees with one root); [`LiftBytes`] is the usual one.
pub trait Lift<A>: Send + Sync {
    /// The upper digest.
    type Output: Digest;
    /// Lifts one lower digest.
    fn lift(&self, digest: &A) -> Self::Output;
}

/// Lifts a digest by hashing its canonical bytes with a leaf hash over bytes: the upper
/// family's own byte-leaf hash, so a lifted digest is what that family's tree makes of
/// a leaf holding those bytes, through an encoding the family already keeps injective.
#[derive(Clone, Copy, Debug, Default)]
pub struct LiftBytes<L>(pub L);

impl<A: Digest, L: LeafHash<Input = [u8]>> Lift<A> for LiftBytes<L> {
    type Output = L::Digest;
    fn lift(&self, digest: &A) -> L::Digest {
        let mut bytes = Vec::with_capacity(A::BYTES);
        digest.write_bytes(&mut bytes);
        self.0.hash_leaf(&bytes)
    }
}

/// The leaf hash of a hybrid tree: the lower hash's leaf, at level 0.
#[derive(Clone, Copy, Debug, Default)]
pub struct HybridLeaf<L, B> {
    leaf: L,
    upper: PhantomData<fn() -> B>,
}

impl<L, B> HybridLeaf<L, B> {
    /// Wraps the lower hash's leaf hash.
    pub const fn new(leaf: L) -> Self {
        Self {
            leaf,
            upper: PhantomData,
        }
    }
}

impl<L: LeafHash, B: Digest> LeafHash for HybridLeaf<L, B> {
    type Input = L::Input;
    type Digest = Hybrid<L::Digest, B>;

    fn hash_leaf(&self, input: &L::Input) -> Self::Digest {
        Hybrid::Lower {
            level: 0,
            digest: self.leaf.hash_leaf(input),
        }
    }

    fn hash_leaf_batch(&self, inputs: &[&L::Input], out: &mut [Self::Digest]) {
        let mut lower = vec![L::Digest::zero(); out.len()];
        self.leaf.hash_leaf_batch(inputs, &mut lower);
        for (slot, digest) in out.iter_mut().zip(lower) {
            *slot = Hybrid::Lower { level: 0, digest };
        }
    }
}

/// Why a hybrid compression cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SplitError {
    /// The split is outside 1 to [`MAX_SPLIT`].
    #[error("split level {0} is outside 1 to {max}", max = MAX_SPLIT)]
    OutOfRange(u32),
}

/// The node compression of a hybrid tree: `lower` below the split, `upper` from it,
/// lower children lifted by `lift` as they enter an upper node.
#[derive(Clone, Copy, Debug)]
pub struct HybridCompression<CA, CB, L> {
    lower: CA,
    upper: CB,
    lift: L,
    split: u8,
}

impl<CA, CB, L> HybridCompression<CA, CB, L> {
    /// Nodes at levels `1..split` are `lower`'s, nodes at `split` and above `upper`'s.
    /// The split is at least 1 (the leaves are the lower hash's) and at most
    /// [`MAX_SPLIT`].
    pub fn new(lower: CA, upper: CB, lift: L, split: u32) -> Result<Self, SplitError> {
        match u8::try_from(split) {
            Ok(s) if (1..=MAX_SPLIT).contains(&s) => Ok(Self {
                lower,
                upper,
                lift,
                split: s,
            }),
            _ => Err(SplitError::OutOfRange(split)),
        }
    }

    /// The first level of upper digests.
    pub fn split(&self) -> u32 {
        self.split.into()
    }
}

/// What a group of children becomes: the level of a lower parent, or an upper parent.
enum Parent {
    Lower(u8),
    Upper,
}

impl<CA, CB, L> HybridCompression<CA, CB, L> {
    fn parent_of<A, B>(&self, children: &[Hybrid<A, B>]) -> Parent {
        let mut top = 0u8;
        for child in children {
            match child {
                Hybrid::Upper(_) => return Parent::Upper,
                Hybrid::Lower { level, .. } => top = top.max(*level),
            }
        }
        match top.checked_add(1) {
            Some(level) if level < self.split => Parent::Lower(level),
            _ => Parent::Upper,
        }
    }
}

impl<CA, CB, L> HybridCompression<CA, CB, L> {
    fn lifted<A: Digest, B: Digest>(&self, child: &Hybrid<A, B>) -> B
    where
        L: Lift<A, Output = B>,
    {
        match child {
            Hybrid::Upper(b) => *b,
            Hybrid::Lower { digest, .. } => self.lift.lift(digest),
        }
    }
}

fn lower_digest<A: Digest, B>(child: &Hybrid<A, B>) -> A {
    match child {
        Hybrid::Lower { digest, .. } => *digest,
        // Only reached for groups `parent_of` found all lower.
        Hybrid::Upper(_) => A::zero(),
    }
}

impl<const K: usize, A, B, CA, CB, L> Compression<K> for HybridCompression<CA, CB, L>
where
    A: Digest,
    B: Digest,
    CA: Compression<K, Digest = A>,
    CB: Compression<K, Digest = B>,
    L: Lift<A, Output = B>,
{
    type Digest = Hybrid<A, B>;

    fn compress(&self, children: &[Self::Digest; K]) -> Self::Digest {
        match self.parent_of(children) {
            Parent::Lower(level) => Hybrid::Lower {
                level,
                digest: self.lower.compress(&children.map(|c| lower_digest(&c))),
            },
            Parent::Upper => Hybrid::Upper(self.upper.compress(&children.map(|c| self.lifted(&c)))),
        }
    }

    fn compress_short_group(&self, children: &[Self::Digest]) -> Self::Digest {
        match self.parent_of(children) {
            Parent::Lower(level) => {
                let lower: Vec<A> = children.iter().map(lower_digest).collect();
                Hybrid::Lower {
                    level,
                    digest: self.lower.compress_short_group(&lower),
                }
            }
            Parent::Upper => {
                let upper: Vec<B> = children.iter().map(|c| self.lifted(c)).collect();
                Hybrid::Upper(self.upper.compress_short_group(&upper))
            }
        }
    }

    /// A run whose groups all make parents of one kind goes to that hash's own batch
    /// (a byte hash's multi-buffer form); a run across the split goes group by group.
    fn compress_batch(&self, children: &[Self::Digest], out: &mut [Self::Digest]) {
        let groups = children.as_chunks::<K>().0;
        let Some(first) = groups.first() else { return };
        let kind = self.parent_of(first);
        let same = groups.iter().all(|g| match (self.parent_of(g), &kind) {
            (Parent::Lower(a), Parent::Lower(b)) => a == *b,
            (Parent::Upper, Parent::Upper) => true,
            _ => false,
        });
        if !same {
            for (group, slot) in groups.iter().zip(out) {
                *slot = self.compress(group);
            }
            return;
        }
        match kind {
            Parent::Lower(level) => {
                let lower: Vec<A> = children.iter().map(lower_digest).collect();
                let mut parents = vec![A::zero(); out.len()];
                self.lower.compress_batch(&lower, &mut parents);
                for (slot, digest) in out.iter_mut().zip(parents) {
                    *slot = Hybrid::Lower { level, digest };
                }
            }
            Parent::Upper => {
                let upper: Vec<B> = children.iter().map(|c| self.lifted(c)).collect();
                let mut parents = vec![B::zero(); out.len()];
                self.upper.compress_batch(&upper, &mut parents);
                for (slot, digest) in out.iter_mut().zip(parents) {
                    *slot = Hybrid::Upper(digest);
                }
            }
        }
    }
}
