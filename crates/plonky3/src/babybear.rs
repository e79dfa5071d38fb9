//! `poseidon2-babybear`: Plonky3's width-16 Poseidon2 over BabyBear
//! (p = 2^31 - 2^27 + 1) with its default constants (`default_babybear_poseidon2_16`).

use std::sync::OnceLock;

use p3_baby_bear::{default_babybear_poseidon2_16, Poseidon2BabyBear};

pub use p3_baby_bear::BabyBear;

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
