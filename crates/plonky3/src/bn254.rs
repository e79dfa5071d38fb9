//! `poseidon2-bn254`: Plonky3's Poseidon2 over BN254 at t = 3 (`p3-bn254`), with the
//! round constants of HorizenLabs' reference instance (the ones Plonky3's own test
//! checks `Poseidon2Bn254<3>` against), as a 2-to-1 compression
//! (`TruncatedPermutation<Perm, 2, 1, 3>`) and a sponge of rate 2 over a byte leaf's
//! [`crate::limbs::bn254`] (`PaddingFreeSponge<Perm, 3, 2, 1>`).

use std::sync::OnceLock;

use merklab_core::{Compression, LeafHash};
use num_bigint::BigUint;
use p3_bn254::{
    Bn254, Poseidon2Bn254 as Perm3, BN254_POSEIDON2_HALF_FULL_ROUNDS,
    BN254_POSEIDON2_PARTIAL_ROUNDS_3,
};
use p3_poseidon2::ExternalLayerConstants;
use p3_symmetric::{
    CryptographicHasher, PaddingFreeSponge, PseudoCompressionFunction, TruncatedPermutation,
};

use crate::Bn254Element;

/// HorizenLabs' round constants for t = 3: one round per line, three hex values.
const CONSTANTS: &str = include_str!("../data/poseidon2_bn254_t3.txt");

struct Bn254Hashers {
    sponge: PaddingFreeSponge<Perm3<3>, 3, 2, 1>,
    compress: TruncatedPermutation<Perm3<3>, 2, 1, 3>,
}

/// The constants file as rounds of three elements.
fn rounds() -> Vec<[Bn254; 3]> {
    CONSTANTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace().map(|w| {
                let digits = w.trim_start_matches("0x");
                let value = BigUint::parse_bytes(digits.as_bytes(), 16)
                    .expect("the constants file holds hex numbers");
                Bn254::from_biguint(value).expect("the constants are below the modulus")
            });
            std::array::from_fn(|_| words.next().expect("three constants per round"))
        })
        .collect()
}

/// The t = 3 permutation over HorizenLabs' constants.
pub(crate) fn permutation() -> Perm3<3> {
    let rounds = rounds();
    let half = BN254_POSEIDON2_HALF_FULL_ROUNDS;
    let partial = BN254_POSEIDON2_PARTIAL_ROUNDS_3;
    assert_eq!(
        rounds.len(),
        2 * half + partial,
        "the constants file's rounds"
    );
    let internal = rounds[half..half + partial].iter().map(|r| r[0]).collect();
    let external =
        ExternalLayerConstants::new(rounds[..half].to_vec(), rounds[half + partial..].to_vec());
    Perm3::new(external, internal)
}

fn hashers() -> &'static Bn254Hashers {
    static HASHERS: OnceLock<Bn254Hashers> = OnceLock::new();
    HASHERS.get_or_init(|| {
        let perm = permutation();
        Bn254Hashers {
            sponge: PaddingFreeSponge::new(perm.clone()),
            compress: TruncatedPermutation::new(perm),
        }
    })
}

/// The node compression: the first element of the permutation of `[left, right, 0]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Poseidon2Bn254;

impl Compression<2> for Poseidon2Bn254 {
    type Digest = Bn254Element;

    fn compress(&self, children: &[Bn254Element; 2]) -> Bn254Element {
        let [out] = hashers()
            .compress
            .compress([[children[0].0], [children[1].0]]);
        Bn254Element(out)
    }

    /// The core never calls this at arity 2; a group is the permutation of its
    /// children with the missing ones zero, as the truncated permutation pads.
    fn compress_short_group(&self, children: &[Bn254Element]) -> Bn254Element {
        let mut pair = [Bn254Element::default(); 2];
        for (slot, child) in pair.iter_mut().zip(children) {
            *slot = *child;
        }
        self.compress(&pair)
    }
}

/// The leaf hash of bytes: the rate-2 sponge over [`crate::limbs::bn254`] of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Poseidon2Bn254Bytes;

impl LeafHash for Poseidon2Bn254Bytes {
    type Input = [u8];
    type Digest = Bn254Element;
    fn hash_leaf(&self, data: &[u8]) -> Bn254Element {
        let elements = crate::limbs::bn254(data).map(Bn254::new);
        let [out] = hashers().sponge.hash_iter(elements);
        Bn254Element(out)
    }
}

#[cfg(test)]
mod tests {
    use p3_field::PrimeCharacteristicRing;
    use p3_symmetric::Permutation;

    use super::*;

    fn hex(text: &str) -> Bn254 {
        Bn254::from_biguint(BigUint::parse_bytes(text.as_bytes(), 16).unwrap()).unwrap()
    }

    /// HorizenLabs' published known answer for t = 3 (poseidon2.rs,
    /// `poseidon2_tests_bn256`, also in zkhash 0.2.0): the permutation of [0, 1, 2].
    #[test]
    fn permutation_matches_horizen_labs_known_answer() {
        let out = permutation().permute([Bn254::ZERO, Bn254::ONE, Bn254::TWO]);
        assert_eq!(
            out,
            [
                hex("0bb61d24daca55eebcb1929a82650f328134334da98ea4f847f760054f4a3033"),
                hex("303b6f7c86d043bfcbcc80214f26a30277a15d3f74ca654992defe7ff8d03570"),
                hex("1ed25194542b12eef8617361c3ba7c52e660b145994427cc86296242cf766ec8"),
            ]
        );
    }

    #[test]
    fn compression_is_the_truncated_permutation_of_the_pair() {
        let (a, b) = (Bn254Element::from_u64(5), Bn254Element::from_u64(9));
        let expected = permutation().permute([a.0, b.0, Bn254::ZERO])[0];
        assert_eq!(Poseidon2Bn254.compress(&[a, b]).0, expected);
        assert_ne!(
            Poseidon2Bn254.compress(&[b, a]),
            Poseidon2Bn254.compress(&[a, b])
        );
    }

    #[test]
    fn byte_leaves_are_the_sponge_over_length_and_chunks() {
        let perm = permutation();
        // One absorbed block [len, chunk] = [3, 0x030201], then one permutation.
        let mut state = [Bn254::from_u64(3), Bn254::from_u64(0x03_02_01), Bn254::ZERO];
        perm.permute_mut(&mut state);
        assert_eq!(Poseidon2Bn254Bytes.hash_leaf(&[1, 2, 3]).0, state[0]);
        // The empty leaf is one element [0], overwriting the first rate slot.
        let empty = perm.permute([Bn254::ZERO; 3])[0];
        assert_eq!(Poseidon2Bn254Bytes.hash_leaf(&[]).0, empty);
    }
}
