//! circom's Poseidon over BN254: `merklab-bn254`'s `poseidon` natively, arkworks'
//! Poseidon sponge gadget in circuit, configured with `light-poseidon`'s copy of
//! circomlib's constants.
//!
//! circomlib's `Poseidon(n)` permutes the state `[0, in_1, ..., in_n]` and outputs
//! element 0. arkworks' sponge with capacity 1 and rate n holds the same state after
//! absorbing the inputs into a zero state, and its round structure (constants, S-box
//! on every element in full rounds and on element 0 in partial rounds, then the MDS
//! product `new[i] = sum_j mds[i][j] * s[j]`) is circomlib's; but its squeeze reads
//! the rate, element 1. So the gadget squeezes one element, which runs the
//! permutation, and takes element 0 of the sponge's state.

use std::sync::OnceLock;

use ark_crypto_primitives::sponge::constraints::CryptographicSpongeVar;
use ark_crypto_primitives::sponge::poseidon::constraints::PoseidonSpongeVar;
use ark_crypto_primitives::sponge::poseidon::PoseidonConfig;
use ark_r1cs_std::fields::fp::FpVar;
use ark_relations::gr1cs::ConstraintSystemRef;
use light_poseidon::parameters::bn254_x5::get_poseidon_parameters;
use merklab_bn254::MAX_INPUTS;

use crate::{Fr, R1csError};

/// circomlib's `Poseidon(n)` of `inputs`, `n` from 1 to 12.
pub fn native(inputs: &[Fr]) -> Result<Fr, R1csError> {
    merklab_bn254::poseidon(inputs).map_err(|_| R1csError::Arity {
        hash: "poseidon-bn254",
        given: inputs.len(),
        expected: "2 to 12",
    })
}

/// The sponge configuration of width `n + 1`, built once per width.
fn config(inputs: usize) -> Result<&'static PoseidonConfig<Fr>, R1csError> {
    static CONFIGS: [OnceLock<Option<PoseidonConfig<Fr>>>; MAX_INPUTS + 1] =
        [const { OnceLock::new() }; MAX_INPUTS + 1];
    let refused = || R1csError::Arity {
        hash: "poseidon-bn254",
        given: inputs,
        expected: "2 to 12",
    };
    let slot = CONFIGS.get(inputs).ok_or_else(refused)?;
    slot.get_or_init(|| {
        let width = inputs + 1;
        let p = get_poseidon_parameters::<Fr>(u8::try_from(width).ok()?).ok()?;
        let ark = p.ark.chunks(width).map(<[Fr]>::to_vec).collect();
        Some(PoseidonConfig::new(
            p.full_rounds,
            p.partial_rounds,
            p.alpha,
            p.mds,
            ark,
            inputs,
            1,
        ))
    })
    .as_ref()
    .filter(|_| inputs >= 1)
    .ok_or_else(refused)
}

/// The gadget: `Poseidon(n)` of `inputs` as circomlib computes it.
pub fn gadget(cs: &ConstraintSystemRef<Fr>, inputs: &[FpVar<Fr>]) -> Result<FpVar<Fr>, R1csError> {
    let config = config(inputs.len())?;
    let mut sponge = PoseidonSpongeVar::new(cs.clone(), config);
    sponge.absorb(&inputs.to_vec())?;
    let _rate_element: Vec<FpVar<Fr>> = sponge.squeeze_field_elements(1)?;
    Ok(sponge.state[0].clone())
}
