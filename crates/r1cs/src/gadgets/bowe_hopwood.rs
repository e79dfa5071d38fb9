//! Bowe-Hopwood Pedersen CRH over `ed_on_bn254` (Zcash Sapling's construction:
//! signed 3-bit chunks, so about a third of Pedersen's additions): arkworks'
//! `bowe_hopwood::CRH` natively and its `CRHGadget` in circuit, over the children's
//! canonical 32-byte little-endian encodings. Its output is the point's x
//! coordinate.
//!
//! The bases come from a seeded generator ([`super::parameter_rng`]), as for
//! [`super::pedersen`]. Segments hold 62 chunks (the most whose scalar stays below
//! half the group order), as many segments as the node's input needs.

use std::sync::OnceLock;

use ark_crypto_primitives::crh::bowe_hopwood::{self, constraints::CRHGadget};
use ark_crypto_primitives::crh::pedersen::Window;
use ark_crypto_primitives::crh::{CRHScheme, CRHSchemeGadget};
use ark_ed_on_bn254::constraints::FqVar;
use ark_ed_on_bn254::EdwardsConfig;
use ark_r1cs_std::alloc::AllocVar;
use ark_r1cs_std::fields::fp::FpVar;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};

use crate::gadgets::{field_bytes, field_bytes_var, parameter_rng};
use crate::Fr;

/// Chunks per segment.
const SEGMENT: usize = 62;

/// Segments covering `K` children of 256 bits in 3-bit chunks.
#[derive(Clone)]
pub struct Segments<const K: usize>;

impl<const K: usize> Window for Segments<K> {
    const WINDOW_SIZE: usize = SEGMENT;
    const NUM_WINDOWS: usize = (256 * K).div_ceil(3).div_ceil(SEGMENT);
}

type Crh<const K: usize> = bowe_hopwood::CRH<EdwardsConfig, Segments<K>>;
type Params = bowe_hopwood::Parameters<EdwardsConfig>;

/// The bases for arity `K`, drawn once per process.
fn params<const K: usize>() -> &'static Params {
    static BY_K: [OnceLock<Params>; 17] = [const { OnceLock::new() }; 17];
    BY_K[K].get_or_init(|| {
        Crh::<K>::setup(&mut parameter_rng(0x100 + K as u64)).expect("drawing bases cannot fail")
    })
}

/// The Bowe-Hopwood hash of the children's bytes.
pub fn native<const K: usize>(children: &[Fr; K]) -> Fr {
    let bytes: Vec<u8> = children.iter().flat_map(field_bytes).collect();
    Crh::<K>::evaluate(params::<K>(), bytes.as_slice())
        .expect("the input fits the segments by construction")
}

/// The gadget: the same hash over the children's (range-checked) bytes.
pub fn gadget<const K: usize>(
    cs: &ConstraintSystemRef<Fr>,
    children: &[FpVar<Fr>; K],
) -> Result<FpVar<Fr>, SynthesisError> {
    let bytes = field_bytes_var(children)?;
    let params = <CRHGadget<EdwardsConfig, FqVar> as CRHSchemeGadget<Crh<K>, Fr>>::ParametersVar::new_constant(
        cs.clone(),
        params::<K>(),
    )?;
    CRHGadget::<EdwardsConfig, FqVar>::evaluate(&params, &bytes)
}
