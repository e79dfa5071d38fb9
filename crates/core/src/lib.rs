//! # merklab-core
//!
//! A Merkle tree generic over three small pieces and a policy:
//!
//! - an [`Encoder`] turns typed values into hash input (bytes or field elements);
//! - a [`LeafHash`] hashes one encoded leaf into a [`Digest`];
//! - a [`Compression<K>`] compresses `K` children into their parent, the arity in the type;
//! - a [`Policy`] chooses pair order, leaf order and odd-node handling.
//!
//! [`MerkleTree::build`] builds layer by layer, the leaves left in the caller's vector and
//! the layers above in one buffer, with rayon above a
//! size cutoff (feature `parallel`) and bit-identical results either way.
//! [`StreamingBuilder`] gives the same root holding O(K log n) digests.
//! Proofs ([`Proof`], [`MultiProof`]) serialize with serde and with [`BinaryCodec`];
//! [`verify`] and [`verify_many`] return errors and never panic; [`verify_with_size`] and
//! [`verify_many_with_size`] also pin the tree size.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod codec;
mod digest;
mod error;
pub mod heap;
pub mod hybrid;
pub mod layers;
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
pub use proof::{
    fold_sorted_pairs, verify, verify_many, verify_many_with_size, verify_with_size, MultiProof,
    Proof,
};
pub use shape::MAX_ARITY;
pub use stream::StreamingBuilder;
pub use traits::{Compression, Encoder, LeafHash, RawBytes, Utf8Le};
pub use tree::{hash_leaves, MerkleTree, DEFAULT_PARALLEL_CUTOFF};

/// Runs `$body` with `$K` bound, as a `const usize`, to a runtime arity from 2 to 16;
/// any other value runs the fallback.
///
/// ```
/// fn width<const K: usize>() -> usize { K }
/// let k = 5;
/// assert_eq!(merklab_core::with_arity!(k, K => width::<K>(), _ => 0), 5);
/// assert_eq!(merklab_core::with_arity!(17, K => width::<K>(), _ => 0), 0);
/// ```
#[macro_export]
macro_rules! with_arity {
    ($k:expr, $K:ident => $body:expr, _ => $other:expr) => {
        match $k {
            2 => {
                const $K: usize = 2;
                $body
            }
            3 => {
                const $K: usize = 3;
                $body
            }
            4 => {
                const $K: usize = 4;
                $body
            }
            5 => {
                const $K: usize = 5;
                $body
            }
            6 => {
                const $K: usize = 6;
                $body
            }
            7 => {
                const $K: usize = 7;
                $body
            }
            8 => {
                const $K: usize = 8;
                $body
            }
            9 => {
                const $K: usize = 9;
                $body
            }
            10 => {
                const $K: usize = 10;
                $body
            }
            11 => {
                const $K: usize = 11;
                $body
            }
            12 => {
                const $K: usize = 12;
                $body
            }
            13 => {
                const $K: usize = 13;
                $body
            }
            14 => {
                const $K: usize = 14;
                $body
            }
            15 => {
                const $K: usize = 15;
                $body
            }
            16 => {
                const $K: usize = 16;
                $body
            }
            _ => $other,
        }
    };
}
