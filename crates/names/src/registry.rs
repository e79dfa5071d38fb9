//! The table itself: one row per hash.
//!
//! A row is `(Variant, "canonical-name", ["alias", ...], Kind, "description")`.
//! `Variant` is also the type or enum variant that implements the hash in its
//! family's crate (the byte hashers of `merklab-hashes`, the field hashes of
//! `merklab-aleo`, the BN254 hashes of `merklab-bn254`, the Poseidon2 hashes of `merklab-plonky3`, the Miden hashes of `merklab-miden`), which is how those crates build their own enums from this table.

/// Calls `$callback! { [$extra] row row ... }` with every row of the table, in
/// table order; crates that implement a family keep the rows of their kind.
#[macro_export]
macro_rules! hash_table {
    ($($callback:ident)::+ $(, $extra:tt)*) => {
        $($callback)::+! { [$($extra)*]
            (Sha3_256, "sha3-256", [], Byte, "SHA3-256 (FIPS 202)")
            (Keccak256, "keccak-256", [], Byte, "Keccak-256 with Ethereum's padding")
            (Sha256, "sha256", [], Byte, "SHA-256 (FIPS 180-4)")
            (Blake2s256, "blake2s-256", [], Byte, "BLAKE2s, 256-bit output")
            (Blake2b256, "blake2b-256", [], Byte, "BLAKE2b, 256-bit output")
            (Blake3, "blake3", [], Byte, "BLAKE3, default mode")
            (Psd2, "poseidon2", ["psd2"], AleoField, "Aleo Poseidon, rate 2 (hash.psd2)")
            (Psd4, "poseidon4", ["psd4"], AleoField, "Aleo Poseidon, rate 4 (hash.psd4)")
            (Psd8, "poseidon8", ["psd8"], AleoField, "Aleo Poseidon, rate 8 (hash.psd8)")
            (Bhp256, "bhp256", [], AleoField, "Aleo BHP256 over the children's bits")
            (Bhp512, "bhp512", [], AleoField, "Aleo BHP512 over the children's bits")
            (Bhp768, "bhp768", [], AleoField, "Aleo BHP768 over the children's bits")
            (Bhp1024, "bhp1024", [], AleoField, "Aleo BHP1024 over the children's bits")
            (Ped64, "ped64", [], AleoLeaf, "Aleo Pedersen over at most 64 bits (leaves only)")
            (Ped128, "ped128", [], AleoLeaf, "Aleo Pedersen over at most 128 bits (leaves only)")
            (Arc0102, "arc0102", [], Arc0102, "ARC-0102 hashMerge as the spec writes it")
            (Arc0102Swap, "arc0102-swap", [], Arc0102, "ARC-0102 hashMerge, the pair sorted by one swap")
            (PoseidonBn254, "poseidon-bn254", [], Bn254Field, "circom's Poseidon over BN254 (circomlib, zk-kit)")
            (Poseidon2BabyBear, "poseidon2-babybear", [], Plonky3Field, "Poseidon2 over BabyBear, width 16 (Plonky3's MMCS)")
            (Poseidon2KoalaBear, "poseidon2-koalabear", [], Plonky3Field, "Poseidon2 over KoalaBear, width 16 (Plonky3's MMCS)")
            (Poseidon2Bn254, "poseidon2-bn254", [], Plonky3Field, "Poseidon2 over BN254, t = 3 (Plonky3's p3-bn254)")
            (Rpo256, "rpo256", [], MidenField, "Miden's Rescue Prime Optimized over Goldilocks (miden-crypto)")
            (Rpx256, "rpx256", [], MidenField, "Miden's Rescue Prime eXtension over Goldilocks (miden-crypto)")
            (Poseidon2Goldilocks, "poseidon2-goldilocks", [], MidenField, "Poseidon2 over Goldilocks, width 12, as Miden's trees merge (miden-crypto)")
        }
    };
}
