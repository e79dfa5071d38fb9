//! # merklab-core
//!
//! A Merkle tree generic over three small pieces and a policy:
//!
//! - an [`Encoder`] turns typed values into hash input (bytes or field elements);
//! - a [`LeafHash`] hashes one encoded leaf into a [`Digest`];
//! - a [`Compression<K>`] compresses `K` children into their parent, the arity in the type;
//! - a [`Policy`] chooses pair order, leaf order and odd-node handling.
//!
//! [`MerkleTree::build`] builds layer by layer into one buffer, with rayon above a
//! size cutoff (feature `parallel`) and bit-identical results either way.
//! [`StreamingBuilder`] gives the same root holding O(K log n) digests.
//! Proofs ([`Proof`], [`MultiProof`]) serialize with serde and with [`BinaryCodec`];
//! [`verify`] and [`verify_many`] return errors and never panic.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod codec;
mod digest;
mod error;
mod policy;
mod proof;
mod shape;
mod stream;
mod traits;
mod tree;

pub use codec::BinaryCodec;
pub use digest::{ByteDigest, Digest};
pub use error::{DecodeError, TreeError, VerifyError};
pub use policy::{DomainTags, LeafOrder, OddNode, PairOrder, ParsePolicyError, Policy, MAX_DEPTH};
pub use proof::{fold_sorted_pairs, verify, verify_many, MultiProof, Proof};
pub use shape::MAX_ARITY;
pub use stream::StreamingBuilder;
pub use traits::{Compression, Encoder, LeafHash, RawBytes, Utf8Le};
pub use tree::{hash_leaves, MerkleTree, DEFAULT_PARALLEL_CUTOFF};
