//! What a layered profile is, as types: [`Layout`].
//!
//! A profile whose tree is the core's [`MerkleTree`] is fully described by its digest,
//! leaf hash, compression, arity, policy, how a leaves file's lines parse and how
//! digests print and parse. Stating those as one trait lets a tool (the CLI's
//! `--profile` commands) be written once over every profile, and a new profile be one
//! type implementing it plus one line in the [`crate::Profile`] registry.

use std::borrow::Borrow;
use std::marker::PhantomData;

use merklab_core::{Compression, Digest, LeafHash, MerkleTree, Policy};

use crate::{Named, ProfileError};

/// Settings a profile reads when it is instantiated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The fixed depth of a fixed-depth tree (snarkVM's); ignored by the others.
    pub depth: u8,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            depth: crate::snarkvm::DEFAULT_DEPTH,
        }
    }
}

/// A layered profile: everything that fixes its roots, proofs and text forms.
///
/// `K` is the arity (2 unless a profile says otherwise).
pub trait Layout<const K: usize = 2>: Named + Sized + Send + Sync + 'static {
    /// Whether leaves and inner nodes hash with distinct tags, so that no inner node can
    /// pose as a leaf; when not, a verifier has to pin the tree size.
    const TAGGED: bool;
    /// Layers with at least this many parents are built in parallel: a build option
    /// chosen by the cost of [`Layout::Compression`] (from two for `hashMerge`, whose
    /// merges cost microseconds).
    const PARALLEL_CUTOFF: usize = merklab_core::DEFAULT_PARALLEL_CUTOFF;
    /// The node and root type.
    type Digest: Digest;
    /// What one line of a leaves file parses into: the leaf hash's input.
    type Leaf: Borrow<<Self::LeafHash as LeafHash>::Input> + Send + Sync;
    /// Hashes a parsed leaf into a digest.
    type LeafHash: LeafHash<Digest = Self::Digest>;
    /// Compresses `K` children into their parent.
    type Compression: Compression<K, Digest = Self::Digest>;

    /// The profile under `options` (an invalid option is an error).
    fn from_options(options: &Options) -> Result<Self, ProfileError>;
    /// The leaf hash.
    fn leaf_hash(&self) -> Self::LeafHash;
    /// The node compression.
    fn compression(&self) -> Self::Compression;
    /// Pair order, leaf order and odd-node rule.
    fn policy(&self) -> Policy;
    /// One non-blank, trimmed line of a leaves file.
    fn parse_leaf(&self, line: &str) -> Result<Self::Leaf, ProfileError>;
    /// A digest as the profile's ecosystem writes it.
    fn show(&self, digest: &Self::Digest) -> String;
    /// A digest as [`Layout::show`] writes it.
    fn parse_digest(&self, text: &str) -> Result<Self::Digest, ProfileError>;

    /// The root of no leaves, for profiles that define one where the core has no tree.
    fn empty_root(&self) -> Option<Self::Digest> {
        None
    }

    /// Refuses a leaf count the ecosystem's tree cannot have (miden-crypto's needs a
    /// power of two); the core builds any count, so this is the profile's to say.
    fn check_leaf_count(&self, leaves: usize) -> Result<(), ProfileError> {
        let _ = leaves;
        Ok(())
    }

    /// The fixed depth, for profiles whose policy has one.
    fn depth(&self) -> Option<u8> {
        self.policy()
            .odd
            .fixed_depth()
            .and_then(|d| u8::try_from(d).ok())
    }

    /// Every leaf of a leaves file (one per line, blank lines skipped).
    fn parse_leaves(&self, text: &str) -> Result<Vec<Self::Leaf>, LeafError> {
        leaf_lines(text)
            .map(|(line, l)| {
                self.parse_leaf(l)
                    .map_err(|error| LeafError { line, error })
            })
            .collect()
    }

    /// The tree over parsed leaves, if the profile takes their count.
    fn build(&self, leaves: &[Self::Leaf]) -> Result<MerkleTree<Self::Digest, K>, ProfileError> {
        self.check_leaf_count(leaves.len())?;
        let digests = merklab_core::hash_leaves(&self.leaf_hash(), leaves);
        Ok(MerkleTree::build_with_cutoff(
            &self.compression(),
            self.policy(),
            digests,
            Self::PARALLEL_CUTOFF,
        )?)
    }
}

/// A line of a leaves file that does not parse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}: {error}")]
pub struct LeafError {
    /// The line number, from 1.
    pub line: usize,
    /// Why it does not parse.
    pub error: ProfileError,
}

/// The non-blank lines of `text`, trimmed, with their numbers from 1.
pub fn leaf_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

/// The leaf hash of profiles whose leaves are digests already (txids, claim hashes).
#[derive(Debug)]
pub struct Prehashed<D>(PhantomData<fn() -> D>);

impl<D> Prehashed<D> {
    /// The identity on `D`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<D> Default for Prehashed<D> {
    fn default() -> Self {
        Self::new()
    }
}

impl<D> Clone for Prehashed<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for Prehashed<D> {}

impl<D: Digest> LeafHash for Prehashed<D> {
    type Input = D;
    type Digest = D;
    fn hash_leaf(&self, input: &D) -> D {
        *input
    }
}

/// Hex leaf data, with or without `0x`, as the byte-hash tree commands read it.
pub(crate) fn hex_leaf(line: &str) -> Result<Vec<u8>, ProfileError> {
    let digits = line.strip_prefix("0x").unwrap_or(line);
    hex::decode(digits).map_err(|e| {
        ProfileError::input(format!(
            "invalid hex leaf ({})",
            e.to_string().to_lowercase()
        ))
    })
}
