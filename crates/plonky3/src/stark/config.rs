//! The STARK configuration every row is proven under: the one of
//! `p3-poseidon2-air` 0.8.0's `prove_poseidon2_koala_bear_keccak` example, so the
//! figures are those of a configuration Plonky3 itself publishes.
//!
//! Commitments are `MerkleTreeMmcs` over Keccak-f (`SerializingHasher` of a
//! `PaddingFreeSponge<KeccakF, 25, 17, 4>`, `CompressionFunctionFromHasher` for nodes),
//! the Fiat-Shamir challenger is Keccak-256 over the serialized transcript, the
//! challenge field is the degree-4 binomial extension, and FRI runs with
//! `FriParameters::new_benchmark`, which Plonky3 documents as production-like: blowup 2
//! (`log_blowup` 1), 100 queries, 16 bits of query proof of work, arity-2 folding to a
//! constant polynomial. There is no zero-knowledge blinding, as in the example.

use p3_challenger::{HashChallenger, SerializingChallenger32};
use p3_commit::ExtensionMmcs;
use p3_dft::Radix2DitParallel;
use p3_field::extension::BinomialExtensionField;
use p3_fri::{FriParameters, TwoAdicFriPcs};
use p3_keccak::{Keccak256Hash, KeccakF};
use p3_merkle_tree::MerkleTreeMmcs;
use p3_symmetric::{CompressionFunctionFromHasher, PaddingFreeSponge, SerializingHasher};
use p3_uni_stark::StarkConfig;

type U64Hash = PaddingFreeSponge<KeccakF, 25, 17, 4>;
type FieldHash = SerializingHasher<U64Hash>;
type Compress = CompressionFunctionFromHasher<U64Hash, 2, 4>;
type ValMmcs<F> = MerkleTreeMmcs<
    [F; p3_keccak::VECTOR_LEN],
    [u64; p3_keccak::VECTOR_LEN],
    FieldHash,
    Compress,
    2,
    4,
>;
/// The challenge field: the degree-4 extension of the trace's field.
pub(crate) type Challenge<F> = BinomialExtensionField<F, 4>;
type ChallengeMmcs<F> = ExtensionMmcs<F, Challenge<F>, ValMmcs<F>>;
type Challenger<F> = SerializingChallenger32<F, HashChallenger<u8, Keccak256Hash, 32>>;
type Pcs<F> = TwoAdicFriPcs<F, Radix2DitParallel<F>, ValMmcs<F>, ChallengeMmcs<F>>;

/// The configuration over the trace field `F`.
pub(crate) type Config<F> = StarkConfig<Pcs<F>, Challenge<F>, Challenger<F>>;

/// FRI's setting, as reports print it.
pub const FRI_PARAMETERS: &str = "FriParameters::new_benchmark (log_blowup 1, 100 queries, \
     16-bit query proof of work, folding arity 2), Keccak-256 MMCS and challenger, \
     degree-4 extension, as p3-poseidon2-air 0.8.0's prove_poseidon2_koala_bear_keccak example";

/// Builds the configuration, as the example does.
pub(crate) fn config<F>() -> Config<F>
where
    F: p3_field::PrimeField32
        + p3_field::TwoAdicField
        + p3_field::extension::BinomiallyExtendable<4>,
{
    let u64_hash = U64Hash::new(KeccakF {});
    let field_hash = FieldHash::new(u64_hash);
    let compress = Compress::new(u64_hash);
    let val_mmcs = ValMmcs::<F>::new(field_hash, compress, 3);
    let challenge_mmcs = ChallengeMmcs::<F>::new(val_mmcs.clone());
    let challenger = Challenger::<F>::from_hasher(vec![], Keccak256Hash {});
    let fri_params = FriParameters::new_benchmark(challenge_mmcs);
    let pcs = Pcs::<F>::new(Radix2DitParallel::default(), val_mmcs, fri_params);
    Config::<F>::new(pcs, challenger)
}

/// `log_blowup` of [`FRI_PARAMETERS`]: traces are allocated with this much spare
/// capacity, as the example does, so the low-degree extension does not reallocate.
pub(crate) const LOG_BLOWUP: usize = 1;
