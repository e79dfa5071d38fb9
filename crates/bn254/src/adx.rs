//! BN254's scalar field with a Montgomery multiplication in `mulx`/`adcx`/`adox`
//! (x86-64 BMI2 and ADX), from `halo2curves`' `asm` feature.
//!
//! Portable 64-bit multiplication keeps one carry chain and spends a flag-clobbering
//! `mul` per limb product; with ADX two carry chains run at once, which is most of a
//! Poseidon permutation's time. `halo2curves` compiles that code unconditionally, so it
//! is only ever called after [`available`] has seen both features on this CPU; elsewhere
//! the arkworks field ([`crate::plan::Bn254Ops`]) runs. Both fields keep elements in
//! Montgomery form with `R = 2^256` over the same modulus, so a value moves between them
//! by copying its limbs.

use ark_ff::BigInt;
use halo2curves::bn256::Fr as AdxFr;
use halo2curves::ff::Field;
use halo2curves::serde::SerdeObject;
use merklab_poseidon::{FieldOps, Params};

use crate::Fr;

/// Whether this CPU has BMI2 and ADX, which `halo2curves`' multiplication executes.
pub(crate) fn available() -> bool {
    std::arch::is_x86_feature_detected!("bmi2") && std::arch::is_x86_feature_detected!("adx")
}

/// BN254's scalar field for a plan, multiplied with ADX; only for a CPU that
/// [`available`] accepted.
pub(crate) struct AdxOps;

impl FieldOps for AdxOps {
    type F = AdxFr;

    fn zero() -> AdxFr {
        AdxFr::zero()
    }

    fn one() -> AdxFr {
        AdxFr::one()
    }

    fn inverse(x: &AdxFr) -> Option<AdxFr> {
        Option::from(Field::invert(x))
    }

    #[inline(always)]
    fn square(x: AdxFr) -> AdxFr {
        Field::square(&x)
    }
}

/// `x` in the ADX field: the same Montgomery limbs.
#[inline]
pub(crate) fn to_adx(x: &Fr) -> AdxFr {
    let mut bytes = [0u8; 32];
    for (chunk, limb) in bytes.chunks_exact_mut(8).zip(x.0 .0) {
        chunk.copy_from_slice(&limb.to_le_bytes());
    }
    // An arkworks element is reduced, so its limbs are below the modulus; reading from
    // a 32-byte slice cannot run short.
    AdxFr::read_raw_unchecked(&mut &bytes[..])
}

/// `x` back in arkworks' field: the same Montgomery limbs.
#[inline]
pub(crate) fn from_adx(x: &AdxFr) -> Fr {
    let mut bytes = [0u8; 32];
    x.write_raw(&mut &mut bytes[..])
        .expect("32 bytes hold one element");
    let mut limbs = [0u64; 4];
    for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
        *limb = u64::from_le_bytes(chunk.try_into().expect("8-byte chunks"));
    }
    Fr::new_unchecked(BigInt::new(limbs))
}

/// Arkworks parameters in the ADX field.
pub(crate) fn params(p: &Params<Fr>) -> Params<AdxFr> {
    let row = |r: &Vec<Fr>| r.iter().map(to_adx).collect();
    Params {
        full_rounds: p.full_rounds,
        partial_rounds: p.partial_rounds,
        alpha: p.alpha,
        ark: p.ark.iter().map(row).collect(),
        mds: p.mds.iter().map(row).collect(),
    }
}
