//! Pedersen CRH over `ed_on_bn254` (the twisted Edwards curve whose base field is
//! BN254's scalar field, so its points are native to a BN254 circuit): arkworks'
//! `pedersen::CRH` natively and its `CRHGadget` in circuit, over the children's
//! canonical 32-byte little-endian encodings. The digest is the output point's x
//! coordinate.
//!
//! The bases come from a seeded generator ([`super::parameter_rng`]), not from a
//! published parameter set: no other system hashes trees with this exact function,
//! so it is a cost row, not a tree hash. Windows are 128 bits (a scalar well below
//! the group order), as many as the node's input needs, so no padding bits are
//! counted.

use std::sync::OnceLock;

use ark_crypto_primitives::crh::pedersen::{self, constraints::CRHGadget, Window};
use ark_crypto_primitives::crh::{CRHScheme, CRHSchemeGadget};
use ark_ed_on_bn254::constraints::EdwardsVar;
use ark_ed_on_bn254::EdwardsProjective;
use ark_r1cs_std::alloc::AllocVar;
use ark_r1cs_std::fields::fp::FpVar;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};

use crate::gadgets::{field_bytes, field_bytes_var, parameter_rng};
use crate::Fr;

/// 128-bit windows covering `K` children of 256 bits.
#[derive(Clone)]
pub struct Windows<const K: usize>;

impl<const K: usize> Window for Windows<K> {
    const WINDOW_SIZE: usize = 128;
    const NUM_WINDOWS: usize = 2 * K;
}

type Crh<const K: usize> = pedersen::CRH<EdwardsProjective, Windows<K>>;
type Params = pedersen::Parameters<EdwardsProjective>;

/// The bases for arity `K`, drawn once per process.
fn params<const K: usize>() -> &'static Params {
    static BY_K: [OnceLock<Params>; 17] = [const { OnceLock::new() }; 17];
    BY_K[K].get_or_init(|| {
        Crh::<K>::setup(&mut parameter_rng(K as u64)).expect("drawing bases cannot fail")
    })
}

/// The x coordinate of the Pedersen hash of the children's bytes.
pub fn native<const K: usize>(children: &[Fr; K]) -> Fr {
    let bytes: Vec<u8> = children.iter().flat_map(field_bytes).collect();
    Crh::<K>::evaluate(params::<K>(), bytes.as_slice())
        .expect("the input fits the windows by construction")
        .x
}

/// The gadget: the same hash over the children's (range-checked) bytes.
pub fn gadget<const K: usize>(
    cs: &ConstraintSystemRef<Fr>,
    children: &[FpVar<Fr>; K],
) -> Result<FpVar<Fr>, SynthesisError> {
    let bytes = field_bytes_var(children)?;
    let params = <CRHGadget<EdwardsProjective, EdwardsVar, Windows<K>> as CRHSchemeGadget<
        Crh<K>,
        Fr,
    >>::ParametersVar::new_constant(cs.clone(), params::<K>())?;
    let point = CRHGadget::<EdwardsProjective, EdwardsVar, Windows<K>>::evaluate(&params, &bytes)?;
    Ok(point.x)
}
