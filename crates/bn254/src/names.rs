//! The BN254 hashes by name, from the registry's `Bn254Field` rows.

merklab_names::kind_enum!(
    Bn254Field,
    Bn254HashName,
    "The hashes over BN254 field elements."
);
