//! The Plonky3 hashes by name, from the registry's `Plonky3Field` rows.

merklab_names::kind_enum!(
    Plonky3Field,
    Plonky3HashName,
    "The Poseidon2 hashes of Plonky3 (BabyBear, KoalaBear, BN254)."
);
