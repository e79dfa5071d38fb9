//! `poseidon2-babybear`: Plonky3's width-16 Poseidon2 over BabyBear
//! (p = 2^31 - 2^27 + 1) with its default constants (`default_babybear_poseidon2_16`).

use std::sync::OnceLock;

use p3_baby_bear::{
    default_babybear_poseidon2_16, BabyBearParameters, GenericPoseidon2LinearLayersBabyBear,
    Poseidon2BabyBear, BABYBEAR_POSEIDON2_RC_16_EXTERNAL_FINAL,
    BABYBEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL, BABYBEAR_POSEIDON2_RC_16_INTERNAL,
    BABYBEAR_S_BOX_DEGREE,
};

pub use p3_baby_bear::BabyBear;

use crate::simd::{monty_words, Packable, Plan, Rounds, WIDTH};
use crate::{Hashers, Plonky3HashName, SmallField};

impl SmallField for BabyBear {
    const NAME: &'static str = "BabyBear";
    const HASH: Plonky3HashName = Plonky3HashName::Poseidon2BabyBear;
    type Perm = Poseidon2BabyBear<16>;
    fn hashers() -> &'static Hashers<Self> {
        static HASHERS: OnceLock<Hashers<BabyBear>> = OnceLock::new();
        Hashers::cached(&HASHERS, default_babybear_poseidon2_16)
    }
}

impl Packable for BabyBear {
    fn plan() -> Option<&'static Plan> {
        static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
        PLAN.get_or_init(|| {
            Plan::new::<BabyBear, GenericPoseidon2LinearLayersBabyBear>(&Rounds {
                degree: BABYBEAR_S_BOX_DEGREE,
                initial: &BABYBEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL,
                internal: &BABYBEAR_POSEIDON2_RC_16_INTERNAL,
                terminal: &BABYBEAR_POSEIDON2_RC_16_EXTERNAL_FINAL,
            })
        })
        .as_ref()
    }
    fn words(states: &mut [[BabyBear; WIDTH]]) -> &mut [[u32; WIDTH]] {
        monty_words::<BabyBearParameters>(states)
    }
}
