//! The lane kernels against Plonky3's own scalar permutation: every lane of every
//! form this CPU has (AVX-512, AVX2) and the forced scalar form, on random states
//! whose lanes all differ and on edge values (0, p - 1), over BabyBear and KoalaBear;
//! then the batch hooks the tree build calls, against Plonky3's sponge and
//! compression one input at a time.

use merklab_core::{Compression, LeafHash};
use merklab_plonky3::{
    permute_many, permute_many_with, BabyBear, Backend, BytesLeaf, Digest8, KoalaBear,
    Poseidon2Compress, RowLeaf, SmallField, WIDTH,
};
use p3_baby_bear::default_babybear_poseidon2_16;
use p3_koala_bear::default_koalabear_poseidon2_16;
use p3_symmetric::{
    CryptographicHasher, CryptographicPermutation, PaddingFreeSponge, Permutation,
    PseudoCompressionFunction, TruncatedPermutation,
};

/// A deterministic stream of well-spread 64-bit values (SplitMix64).
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn element<F: SmallField>(&mut self) -> F {
        F::from_canonical((self.next() % u64::from(F::ORDER_U32)) as u32).unwrap()
    }
}

/// `n` random states, then the edge states: all zero, all `p - 1`, and the two
/// alternating; a count that leaves a short last pass for both lane widths.
fn states<F: SmallField>(seed: u64, n: usize) -> Vec<[F; WIDTH]> {
    let mut stream = Stream(seed);
    let mut out: Vec<[F; WIDTH]> = (0..n)
        .map(|_| std::array::from_fn(|_| stream.element()))
        .collect();
    let top = F::from_canonical(F::ORDER_U32 - 1).unwrap();
    out.push([F::ZERO; WIDTH]);
    out.push([top; WIDTH]);
    out.push(std::array::from_fn(
        |i| if i % 2 == 0 { F::ZERO } else { top },
    ));
    out.push(std::array::from_fn(
        |i| if i % 2 == 0 { top } else { F::ZERO },
    ));
    out
}

fn forms() -> Vec<Backend> {
    [Backend::Avx512, Backend::Avx2, Backend::Scalar]
        .into_iter()
        .filter(|b| b.supported())
        .collect()
}

fn lanes_match<F: SmallField>(p3: impl Permutation<[F; WIDTH]>) {
    for n in [0, 1, 5, 16, 29, 61] {
        let input = states::<F>(n as u64 + 7, n);
        let expected: Vec<[F; WIDTH]> = input.iter().map(|s| p3.permute(*s)).collect();
        for form in forms() {
            let mut got = input.clone();
            let ran = permute_many_with(form, &mut got);
            assert_eq!(ran, form, "{form:?} runs where the CPU has it");
            for (k, (g, e)) in got.iter().zip(&expected).enumerate() {
                assert_eq!(g, e, "{} {form:?}, {n} random states, state {k}", F::NAME);
            }
        }
    }
}

#[test]
fn babybear_lanes_equal_plonky3s_permutation() {
    lanes_match::<BabyBear>(default_babybear_poseidon2_16());
}

#[test]
fn koalabear_lanes_equal_plonky3s_permutation() {
    lanes_match::<KoalaBear>(default_koalabear_poseidon2_16());
}

#[test]
fn random_lanes_all_differ() {
    // A kernel that mixed lanes up, or ran one lane for all, would pass on equal lanes.
    let input = states::<BabyBear>(3, 16);
    for (i, a) in input[..16].iter().enumerate() {
        for b in &input[i + 1..16] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn detection_picks_the_widest_form_and_scalar_is_forced_on_request() {
    let detected = Backend::detect();
    assert!(detected.supported());
    let widest = forms()[0];
    assert_eq!(detected, widest);
    let mut states = states::<KoalaBear>(11, 3);
    assert_eq!(permute_many(&mut states), detected);
    assert_eq!(
        permute_many_with(Backend::Scalar, &mut states),
        Backend::Scalar
    );
    assert_eq!(Backend::Scalar.lanes(), 1);
}

fn batches_match<F: SmallField>(p3: impl CryptographicPermutation<[F; WIDTH]> + Clone) {
    let sponge = PaddingFreeSponge::<_, WIDTH, 8, 8>::new(p3.clone());
    let truncated = TruncatedPermutation::<_, 2, 8, WIDTH>::new(p3);
    let mut stream = Stream(99);

    // Rows of mixed lengths (empty, short, one block, a partial second block),
    // with runs of equal length long enough for full passes.
    let lengths = [0, 1, 7, 8, 8, 9, 16, 17, 3]
        .into_iter()
        .flat_map(|len| std::iter::repeat_n(len, 1 + len % 19))
        .collect::<Vec<_>>();
    let rows: Vec<Vec<F>> = lengths
        .iter()
        .map(|&len| (0..len).map(|_| stream.element()).collect())
        .collect();
    let refs: Vec<&[F]> = rows.iter().map(Vec::as_slice).collect();
    let mut got = vec![Digest8([F::ZERO; 8]); rows.len()];
    RowLeaf::<F>::new().hash_leaf_batch(&refs, &mut got);
    for (row, digest) in rows.iter().zip(&got) {
        assert_eq!(digest.0, sponge.hash_slice(row), "a row of {}", row.len());
    }

    let leaves: Vec<Vec<u8>> = (0..40)
        .map(|i| (0..(i % 3) * 20).map(|_| stream.next() as u8).collect())
        .collect();
    let refs: Vec<&[u8]> = leaves.iter().map(Vec::as_slice).collect();
    let mut got = vec![Digest8([F::ZERO; 8]); leaves.len()];
    BytesLeaf::<F>::new().hash_leaf_batch(&refs, &mut got);
    for (leaf, digest) in leaves.iter().zip(&got) {
        let limbs = merklab_plonky3::limbs::small_field(leaf).map(F::from_int);
        assert_eq!(
            digest.0,
            sponge.hash_iter(limbs),
            "a leaf of {}",
            leaf.len()
        );
    }

    let children: Vec<Digest8<F>> = (0..2 * 37)
        .map(|_| Digest8(std::array::from_fn(|_| stream.element())))
        .collect();
    let mut got = vec![Digest8([F::ZERO; 8]); 37];
    Compression::<2>::compress_batch(&Poseidon2Compress::<F>::new(), &children, &mut got);
    for (pair, digest) in children.chunks_exact(2).zip(&got) {
        assert_eq!(digest.0, truncated.compress([pair[0].0, pair[1].0]));
    }
}

#[test]
fn babybear_batches_equal_plonky3s_sponge_and_compression() {
    batches_match::<BabyBear>(default_babybear_poseidon2_16());
}

#[test]
fn koalabear_batches_equal_plonky3s_sponge_and_compression() {
    batches_match::<KoalaBear>(default_koalabear_poseidon2_16());
}
