//! `poseidon2-koalabear`: Plonky3's width-16 Poseidon2 over KoalaBear
//! (p = 2^31 - 2^24 + 1) with its default constants (`default_koalabear_poseidon2_16`).

use std::sync::OnceLock;

use p3_koala_bear::{
    default_koalabear_poseidon2_16, GenericPoseidon2LinearLayersKoalaBear, KoalaBearParameters,
    Poseidon2KoalaBear, KOALABEAR_POSEIDON2_RC_16_EXTERNAL_FINAL,
    KOALABEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL, KOALABEAR_POSEIDON2_RC_16_INTERNAL,
    KOALABEAR_S_BOX_DEGREE,
};

pub use p3_koala_bear::KoalaBear;

use crate::simd::{monty_words, Packable, Plan, Rounds, WIDTH};
use crate::{Hashers, Plonky3HashName, SmallField};

impl SmallField for KoalaBear {
    const NAME: &'static str = "KoalaBear";
    const HASH: Plonky3HashName = Plonky3HashName::Poseidon2KoalaBear;
    type Perm = Poseidon2KoalaBear<16>;
    fn hashers() -> &'static Hashers<Self> {
        static HASHERS: OnceLock<Hashers<KoalaBear>> = OnceLock::new();
        Hashers::cached(&HASHERS, default_koalabear_poseidon2_16)
    }
}

impl Packable for KoalaBear {
    fn plan() -> Option<&'static Plan> {
        static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
        PLAN.get_or_init(|| {
            Plan::new::<KoalaBear, GenericPoseidon2LinearLayersKoalaBear>(&Rounds {
                degree: KOALABEAR_S_BOX_DEGREE,
                initial: &KOALABEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL,
                internal: &KOALABEAR_POSEIDON2_RC_16_INTERNAL,
                terminal: &KOALABEAR_POSEIDON2_RC_16_EXTERNAL_FINAL,
            })
        })
        .as_ref()
    }
    fn words(states: &mut [[KoalaBear; WIDTH]]) -> &mut [[u32; WIDTH]] {
        monty_words::<KoalaBearParameters>(states)
    }
}
