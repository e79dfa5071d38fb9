//! One file per hash: its node compression natively and as an R1CS gadget.

pub mod blake2s;
pub mod bowe_hopwood;
pub mod keccak;
pub mod pedersen;
pub mod poseidon;
pub mod sha256;

use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::SynthesisError;
use ark_serialize::CanonicalSerialize;

use crate::Fr;

/// A field element's canonical 32 bytes (little-endian), as arkworks serializes it.
pub fn field_bytes(f: &Fr) -> Vec<u8> {
    let mut out = Vec::with_capacity(32);
    f.serialize_compressed(&mut out)
        .expect("writing to a Vec cannot fail");
    out
}

/// The children's canonical little-endian bytes in order: what the elliptic-curve
/// CRHs hash for a node of field-element digests.
pub fn field_bytes_var(children: &[FpVar<Fr>]) -> Result<Vec<UInt8<Fr>>, SynthesisError> {
    let mut out = Vec::with_capacity(32 * children.len());
    for c in children {
        out.extend(c.to_bytes_le()?);
    }
    Ok(out)
}

/// A seeded generator for the curve CRHs' bases: the same bases every run, so a
/// measurement and its tests describe one hash.
pub fn parameter_rng(label: u64) -> ark_std::rand::rngs::StdRng {
    use ark_std::rand::SeedableRng;
    ark_std::rand::rngs::StdRng::seed_from_u64(0x6d65_726b_6c61_6200 ^ label)
}
