//! merklab: Merkle trees whose encoder, hash function and arity are pluggable.
//!
//! This facade re-exports the generic core ([`core`]), the byte hash backends
//! ([`hashes`]), the Aleo primitives ([`aleo`]) and ARC-0102 certificates ([`zpass`]).
//!
//! ```
//! use merklab::core::{verify, MerkleTree, Policy, PairOrder};
//! use merklab::hashes::{ByteHash, Sha3_256};
//!
//! let hash = ByteHash::<Sha3_256>::untagged();
//! let leaves: Vec<&[u8]> = vec![b"alice", b"bob", b"carol"];
//! let policy = Policy::new().with_pairs(PairOrder::Sorted);
//! let tree = MerkleTree::<_, 2>::from_inputs(&hash, &hash, policy, &leaves).unwrap();
//! let proof = tree.prove(2).unwrap();
//! let leaf = tree.leaves()[2];
//! assert!(verify(&hash, &policy, tree.root(), leaf, &proof).is_ok());
//! ```

pub use merklab_aleo as aleo;
pub use merklab_core as core;
pub use merklab_hashes as hashes;
pub use merklab_zpass as zpass;
