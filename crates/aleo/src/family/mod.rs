//! The Aleo hash family as tree backends and as `hash.*` instructions.
//!
//! - [`Poseidon`]: Poseidon with rate 2, 4 or 8 (`Aleo::hash_psd2/4/8`) over field
//!   elements (on the fast path, in the sparse partial-round form); one node
//!   hashes its children as one sponge input, so any arity from 2 to 16 works
//!   with any rate.
//! - [`Bhp`]: BHP256/512/768/1024 over the children's 253-bit little-endian bits
//!   (on the fast path, runs whose input fits one BHP iteration are summed
//!   from fixed-length tables over snarkVM's bases; see `fast/bhp/`).
//! - [`Pedersen`]: Pedersen64/128 over at most 64 or 128 bits, a leaf hash only
//!   (two field digests never fit its input).
//! - [`hash_instruction`]: every `hash.*` / `hash.*.raw` instruction with a `u64` or
//!   `field` destination, computed as snarkVM's `do_hash!` computes it.
//! - Field encoders: [`EncodeToF`], the injective [`PackedBytes`], and
//!   [`PlaintextFields`] (a literal's `to_fields()`).
//!
//! With [`DomainTags::Tagged`](merklab_core::DomainTags::Tagged), leaves and
//! nodes are separated the way snarkVM's own Merkle trees separate them: Poseidon prepends `0field` to a leaf and
//! `1field` to a node; BHP prepends the bit `false` to a leaf and `true` to a node.

mod bhp;
mod encoders;
mod instruction;
mod names;
mod pedersen;
mod poseidon;

pub use bhp::{bhp_hash, Bhp, BhpSize};
pub use encoders::{field_data_bits, EncodeToF, PackedBytes, PlaintextFields, PACKED_CHUNK_BYTES};
pub use instruction::{
    hash_instruction, hash_instruction_on, HashDestination, HashOpcode, HashVariant,
};
pub use names::{FieldCompression, FieldHashName, UnknownFieldHash};
pub use pedersen::{pedersen_hash, Pedersen, PedersenSize};
pub use poseidon::{
    poseidon_hash, poseidon_hash_many, poseidon_hash_many_on, poseidon_hash_on,
    poseidon_hash_to_group, poseidon_hash_to_group_on, Poseidon, PoseidonRate,
};

/// Bits in a field element's canonical little-endian encoding.
pub const FIELD_BITS: usize = 253;
