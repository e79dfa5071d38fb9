//! SHA-256 over the children's bytes: `merklab-hashes`' `Sha256` natively,
//! arkworks' `Sha256Gadget` in circuit.

use ark_crypto_primitives::crh::sha256::constraints::Sha256Gadget;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::SynthesisError;
use merklab_hashes::{ByteHasher, Sha256};

use crate::Fr;

/// SHA-256 of the concatenated children.
pub fn native(children: &[[u8; 32]]) -> [u8; 32] {
    let mut state = Sha256::start();
    for c in children {
        Sha256::absorb(&mut state, c);
    }
    Sha256::finish(state)
}

/// The gadget over the concatenated children's bytes.
pub fn gadget(bytes: &[UInt8<Fr>]) -> Result<Vec<UInt8<Fr>>, SynthesisError> {
    Ok(Sha256Gadget::digest(bytes)?.0)
}
