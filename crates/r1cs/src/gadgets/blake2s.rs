//! BLAKE2s-256 over the children's bytes: `merklab-hashes`' `Blake2s256` natively,
//! arkworks' `evaluate_blake2s` in circuit (plain BLAKE2s-256: no key, salt or
//! personalization, 32-byte output).

use ark_crypto_primitives::prf::blake2s::constraints::evaluate_blake2s;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::SynthesisError;
use merklab_hashes::{Blake2s256, ByteHasher};

use crate::Fr;

/// BLAKE2s-256 of the concatenated children.
pub fn native(children: &[[u8; 32]]) -> [u8; 32] {
    let mut state = Blake2s256::start();
    for c in children {
        Blake2s256::absorb(&mut state, c);
    }
    Blake2s256::finish(state)
}

/// The gadget over the concatenated children's bytes (bits little-endian per byte,
/// which is how BLAKE2s reads its little-endian words).
pub fn gadget(bytes: &[UInt8<Fr>]) -> Result<Vec<UInt8<Fr>>, SynthesisError> {
    let bits: Vec<Boolean<Fr>> = bytes
        .iter()
        .map(|b| b.to_bits_le())
        .collect::<Result<Vec<_>, _>>()?
        .concat();
    let words = evaluate_blake2s(&bits)?;
    Ok(words
        .iter()
        .map(|w| w.to_bytes_le())
        .collect::<Result<Vec<_>, _>>()?
        .concat())
}
