//! Typed errors of the core.

use thiserror::Error;

/// Why a tree could not be built or a proof made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TreeError {
    /// The leaf set is empty and the odd-node policy has no empty tree.
    #[error(
        "the leaf set is empty; only the depth:D and extend:D odd-node rules define an empty tree"
    )]
    Empty,
    /// More leaves than a fixed-depth tree holds.
    #[error("{leaves} leaves do not fit a tree of depth {depth} and arity {arity}")]
    TooManyLeaves {
        /// Leaves given.
        leaves: usize,
        /// Fixed depth of the policy.
        depth: u32,
        /// Arity of the tree.
        arity: usize,
    },
    /// A fixed depth beyond [`crate::MAX_DEPTH`].
    #[error("depth {0} is beyond the supported maximum of {max}", max = crate::MAX_DEPTH)]
    DepthTooLarge(u32),
    /// A leaf position that is not in the tree.
    #[error("leaf index {index} is out of range for {leaves} leaves")]
    IndexOutOfRange {
        /// Requested position.
        index: usize,
        /// Number of leaves.
        leaves: usize,
    },
    /// A multiproof asked for no leaves or for one leaf twice.
    #[error("multiproof indices must be non-empty and distinct")]
    BadIndices,
    /// The streaming builder was given leaves out of ascending order under sorted leaves.
    #[error("streaming with sorted leaf order needs leaves pushed in ascending order (leaf {0} is smaller than the one before)")]
    UnsortedStream(u64),
}

/// Why a proof did not verify. Verification never panics; every malformed proof maps here.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The proof's leaf count is zero or not possible under the policy.
    #[error("the proof claims {0} leaves, which this tree layout cannot have")]
    BadLeafCount(u64),
    /// The proven index is not below the leaf count.
    #[error("leaf index {index} is out of range for {leaves} leaves")]
    IndexOutOfRange {
        /// Claimed index.
        index: u64,
        /// Claimed number of leaves.
        leaves: u64,
    },
    /// The number of sibling digests differs from what the shape requires.
    #[error("the proof has {found} sibling digests where the tree shape needs {expected}")]
    SiblingCount {
        /// Needed by the shape.
        expected: usize,
        /// Present in the proof.
        found: usize,
    },
    /// Multiproof indices are unsorted, repeated or empty, or leaves and indices differ in number.
    #[error("multiproof indices must be strictly ascending, non-empty, and match the leaves given ({0})")]
    BadIndices(&'static str),
    /// The proof names a different arity or policy from the verifier's.
    #[error("the proof was made for {0}")]
    LayoutMismatch(String),
    /// A fixed depth beyond [`crate::MAX_DEPTH`].
    #[error("depth {0} is beyond the supported maximum of {max}", max = crate::MAX_DEPTH)]
    DepthTooLarge(u32),
    /// All checks passed but the recomputed root differs.
    #[error("the recomputed root does not match")]
    RootMismatch,
    /// The proof claims a tree size other than the one the verifier pinned.
    #[error("the proof claims a tree of {claimed} leaves, but the tree has {expected}")]
    SizeMismatch {
        /// Leaf count written in the proof.
        claimed: u64,
        /// Leaf count the verifier knows.
        expected: u64,
    },
}

impl VerifyError {
    /// Whether the proof was well formed and checked, and said no (a root or size that
    /// differs), as opposed to a proof that could not be checked at all.
    pub const fn is_rejection(&self) -> bool {
        matches!(self, Self::RootMismatch | Self::SizeMismatch { .. })
    }
}

/// Why bytes or text could not be decoded into a digest, proof or tree.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not valid hex.
    #[error("invalid hex: {0}")]
    Hex(#[source] hex::FromHexError),
    /// Wrong number of bytes for a digest.
    #[error("a digest needs {expected} bytes, found {found}")]
    DigestLength {
        /// Needed.
        expected: usize,
        /// Given.
        found: usize,
    },
    /// The input ended early.
    #[error("input truncated while reading {0}")]
    Truncated(&'static str),
    /// A header, tag or version that is not ours.
    #[error("not a merklab {0} encoding (bad magic or version)")]
    BadHeader(&'static str),
    /// A field whose value is impossible.
    #[error("invalid {field}: {why}")]
    Invalid {
        /// Which field.
        field: &'static str,
        /// Why.
        why: String,
    },
    /// Bytes left over after a complete value.
    #[error("{0} trailing bytes after the encoded value")]
    Trailing(usize),
}
