//! `poseidon2-koalabear`: Plonky3's width-16 Poseidon2 over KoalaBear
//! (p = 2^31 - 2^24 + 1) with its default constants (`default_koalabear_poseidon2_16`).

use std::sync::OnceLock;

use p3_koala_bear::{default_koalabear_poseidon2_16, Poseidon2KoalaBear};

pub use p3_koala_bear::KoalaBear;

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
