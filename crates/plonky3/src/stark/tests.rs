//! What only the internals show: the AIRs' permutation outputs against merklab's
//! native hashes and Plonky3's permutations, and the verifier refusing a changed proof
//! and a public value.

use merklab_core::{ByteDigest, Compression};
use merklab_hashes::{ByteHash, Keccak256, Sha3_256};
use p3_baby_bear::default_babybear_poseidon2_16;
use p3_field::PrimeCharacteristicRing;
use p3_keccak::KeccakF;
use p3_koala_bear::default_koalabear_poseidon2_16;
use p3_symmetric::Permutation;
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};

use super::keccak::{self, Padding};
use super::*;
use crate::{Digest8, Poseidon2Compress};

fn rng(seed: u64) -> SmallRng {
    SmallRng::seed_from_u64(seed)
}

#[test]
fn babybear_air_rows_are_merklabs_permutation_and_compression() {
    let inputs = poseidon2::path_inputs::<BabyBear>(9, &mut rng(1));
    let (_, constants) = babybear_air().unwrap();
    let trace = poseidon2::trace::<
        BabyBear,
        GenericPoseidon2LinearLayersBabyBear,
        BABYBEAR_S_BOX_DEGREE,
        BABYBEAR_SBOX_REGISTERS,
        BABYBEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    >(inputs.clone(), &constants);
    let outputs = poseidon2::outputs::<
        BabyBear,
        BABYBEAR_S_BOX_DEGREE,
        BABYBEAR_SBOX_REGISTERS,
        BABYBEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    >(&trace);
    assert_eq!(outputs.len(), 16, "9 permutations pad to 16 rows");
    let perm = default_babybear_poseidon2_16();
    for (i, input) in inputs.iter().enumerate() {
        assert_eq!(outputs[i], perm.permute(*input), "row {i}");
        let children = [
            Digest8(input[..8].try_into().unwrap()),
            Digest8(input[8..].try_into().unwrap()),
        ];
        let node = Poseidon2Compress::<BabyBear>::new().compress(&children);
        assert_eq!(outputs[i][..8], node.0, "row {i}");
        if let Some(next) = inputs.get(i + 1) {
            assert!(
                next[..8] == node.0 || next[8..] == node.0,
                "level {i}'s node is a child of the next level"
            );
        }
    }
    assert_eq!(
        outputs[15],
        perm.permute([BabyBear::ZERO; 16]),
        "padding row"
    );
}

#[test]
fn koalabear_air_rows_are_merklabs_compression() {
    let inputs = poseidon2::path_inputs::<KoalaBear>(5, &mut rng(2));
    let (_, constants) = koalabear_air().unwrap();
    let trace = poseidon2::trace::<
        KoalaBear,
        GenericPoseidon2LinearLayersKoalaBear,
        KOALABEAR_S_BOX_DEGREE,
        KOALABEAR_SBOX_REGISTERS,
        KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    >(inputs.clone(), &constants);
    let outputs = poseidon2::outputs::<
        KoalaBear,
        KOALABEAR_S_BOX_DEGREE,
        KOALABEAR_SBOX_REGISTERS,
        KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    >(&trace);
    let perm = default_koalabear_poseidon2_16();
    for (i, input) in inputs.iter().enumerate() {
        assert_eq!(outputs[i], perm.permute(*input), "row {i}");
        let children = [
            Digest8(input[..8].try_into().unwrap()),
            Digest8(input[8..].try_into().unwrap()),
        ];
        assert_eq!(
            outputs[i][..8],
            Poseidon2Compress::<KoalaBear>::new().compress(&children).0
        );
    }
}

/// merklab's untagged node hash of `children` (the `sha3` crate underneath).
fn native<const K: usize>(padding: Padding, children: [[u8; 32]; K]) -> [u8; 32] {
    let digests = children.map(ByteDigest);
    match padding {
        Padding::Keccak => ByteHash::<Keccak256>::untagged().compress(&digests).0,
        Padding::Sha3 => ByteHash::<Sha3_256>::untagged().compress(&digests).0,
    }
}

fn keccak_case<const K: usize>(padding: Padding, seed: u64) {
    let mut r = rng(seed);
    let children: [[u8; 32]; K] = std::array::from_fn(|_| r.random());
    let (inputs, digest) = keccak::node(padding, &children);
    assert_eq!(inputs.len(), keccak::permutations_per_node(K));
    let trace = keccak::trace::<KoalaBear>(inputs.clone());
    for (i, input) in inputs.iter().enumerate() {
        let mut expected = *input;
        KeccakF.permute_mut(&mut expected);
        assert_eq!(keccak::output(&trace, i), expected, "permutation {i}");
    }
    let last = keccak::output(&trace, inputs.len() - 1);
    let mut from_air = [0u8; 32];
    for (out, lane) in from_air.chunks_exact_mut(8).zip(last) {
        out.copy_from_slice(&lane.to_le_bytes());
    }
    assert_eq!(from_air, native(padding, children), "{padding:?} k={K}");
    assert_eq!(digest, from_air);
}

#[test]
fn keccak_air_output_is_merklabs_keccak_and_sha3() {
    for padding in [Padding::Keccak, Padding::Sha3] {
        keccak_case::<2>(padding, 3);
        keccak_case::<3>(padding, 4);
        // 160 and 512 bytes: two and four blocks, each block absorbed into the last output.
        keccak_case::<5>(padding, 5);
        keccak_case::<16>(padding, 6);
    }
}

#[test]
fn a_changed_proof_and_a_public_value_are_refused() {
    let inputs = poseidon2::path_inputs::<KoalaBear>(3, &mut rng(7));
    let (air, constants) = koalabear_air().unwrap();
    let proven = poseidon2::prove::<
        KoalaBear,
        GenericPoseidon2LinearLayersKoalaBear,
        KOALABEAR_S_BOX_DEGREE,
        KOALABEAR_SBOX_REGISTERS,
        KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    >(&air, inputs, &constants)
    .unwrap();
    assert_eq!(prove::check(&proven, &air, &proven.proof, &[]), Ok(()));
    let err = prove::check(&proven, &air, &proven.proof, &[KoalaBear::ONE]).unwrap_err();
    assert!(err.contains("public"), "{err}");
    let changed = tampered(&proven.proof).unwrap();
    assert!(prove::check(&proven, &air, &changed, &[]).is_err());
    // The encoding round trip alone changes nothing.
    let bytes = postcard::to_allocvec(&proven.proof).unwrap();
    let copy: Proof<Config<KoalaBear>> = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(prove::check(&proven, &air, &copy, &[]), Ok(()));
    assert_eq!(bytes.len(), proven.proof_bytes);
}
