//! The `plonky3-mmcs` profile against Plonky3's own `MerkleTreeMmcs` (p3-merkle-tree
//! 0.8) with the configuration of Plonky3's examples: roots for heights from 1 to 100,
//! powers of two and not, and rows of several widths; proofs of every leaf verify
//! against Plonky3's commitment.

use merklab_core::{verify_with_size, VerifyError};
use merklab_profiles::plonky3_mmcs::Plonky3Mmcs;
use merklab_profiles::{Layout, ProfileError};
use p3_baby_bear::{default_babybear_poseidon2_16, BabyBear, Poseidon2BabyBear};
use p3_commit::Mmcs;
use p3_field::{Field, PrimeCharacteristicRing};
use p3_matrix::dense::RowMajorMatrix;
use p3_merkle_tree::MerkleTreeMmcs;
use p3_symmetric::{PaddingFreeSponge, TruncatedPermutation};

type Perm = Poseidon2BabyBear<16>;
type Sponge = PaddingFreeSponge<Perm, 16, 8, 8>;
type Compress = TruncatedPermutation<Perm, 2, 8, 16>;
type P3Mmcs = MerkleTreeMmcs<
    <BabyBear as Field>::Packing,
    <BabyBear as Field>::Packing,
    Sponge,
    Compress,
    2,
    8,
>;

fn p3_mmcs() -> P3Mmcs {
    let perm = default_babybear_poseidon2_16();
    MerkleTreeMmcs::new(Sponge::new(perm.clone()), Compress::new(perm), 0)
}

/// Rows of pseudo-random elements, as the leaves file writes them.
fn matrix(height: usize, width: usize) -> (Vec<u32>, String) {
    let mut state = 0x9E37_79B9_u64 ^ (height * 1000 + width) as u64;
    let values: Vec<u32> = (0..height * width)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 2013265921) as u32
        })
        .collect();
    let text = values
        .chunks(width)
        .map(|row| {
            let words: Vec<String> = row.iter().map(u32::to_string).collect();
            words.join(if height.is_multiple_of(2) { " " } else { ", " }) + "\n"
        })
        .collect();
    (values, text)
}

fn p3_root(values: &[u32], width: usize) -> [BabyBear; 8] {
    let elements: Vec<BabyBear> = values.iter().map(|&v| BabyBear::from_u32(v)).collect();
    let (cap, _) = p3_mmcs().commit_matrix(RowMajorMatrix::new(elements, width));
    cap.as_ref()[0]
}

#[test]
fn roots_match_plonky3_at_every_height() {
    for width in [1, 8, 13] {
        for height in (1..=40).chain([63, 64, 65, 100]) {
            let (values, text) = matrix(height, width);
            let rows = Plonky3Mmcs.parse_leaves(&text).unwrap();
            let tree = Plonky3Mmcs.build(&rows).unwrap();
            assert_eq!(
                tree.root().0,
                p3_root(&values, width),
                "height {height}, width {width}"
            );
        }
    }
}

#[test]
fn proofs_verify_against_plonky3s_commitment() {
    for height in [1usize, 2, 5, 8, 11, 33] {
        let (values, text) = matrix(height, 4);
        let rows = Plonky3Mmcs.parse_leaves(&text).unwrap();
        let tree = Plonky3Mmcs.build(&rows).unwrap();
        let root = merklab_plonky3::Digest8(p3_root(&values, 4));
        let (c, policy) = (Plonky3Mmcs.compression(), Plonky3Mmcs.policy());
        for index in 0..height {
            let proof = tree.prove(index).unwrap();
            let leaf = tree.leaves()[index];
            let n = height as u64;
            assert_eq!(verify_with_size(&c, &policy, root, leaf, &proof, n), Ok(()));
            if height > 1 {
                let other = tree.leaves()[(index + 1) % height];
                assert_eq!(
                    verify_with_size(&c, &policy, root, other, &proof, n),
                    Err(VerifyError::RootMismatch)
                );
            }
        }
    }
}

#[test]
fn digests_show_as_plonky3_arrays() {
    let (_, text) = matrix(3, 2);
    let tree = Plonky3Mmcs
        .build(&Plonky3Mmcs.parse_leaves(&text).unwrap())
        .unwrap();
    let shown = Plonky3Mmcs.show(&tree.root());
    assert_eq!(shown, format!("{:?}", tree.root().to_u32s()));
    assert_eq!(Plonky3Mmcs.parse_digest(&shown).unwrap(), tree.root());
}

#[test]
fn bad_rows_are_refused_with_the_value_and_the_line() {
    let err = Plonky3Mmcs.parse_leaves("1 2\n3 2013265921\n").unwrap_err();
    assert_eq!(err.line, 2);
    assert_eq!(
        err.to_string(),
        "line 2: 2013265921 is not below the BabyBear modulus 2013265921"
    );
    let err = Plonky3Mmcs.parse_leaves("1 2\n\n3 4 5\n").unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.to_string().contains("3 elements"), "{err}");
    assert!(err.to_string().contains("2 wide"), "{err}");
    assert!(matches!(
        Plonky3Mmcs.parse_leaf("1 -2"),
        Err(ProfileError::Plonky3(_))
    ));
    assert!(Plonky3Mmcs.parse_leaf(",,").is_err());
    assert_eq!(
        Plonky3Mmcs.parse_leaf("0, 2013265920").unwrap(),
        vec![BabyBear::ZERO, -BabyBear::ONE]
    );
}
