// The Plonky3 family under fuzzing: digest text, bytes and JSON, and the
// plonky3-mmcs tree against Plonky3's own MerkleTreeMmcs.

use merklab_core::{verify_with_size, Digest, MerkleTree, OddNode, Policy};
use merklab_plonky3::{BabyBear, Digest8, Poseidon2Compress, RowLeaf, SmallField};
use p3_baby_bear::default_babybear_poseidon2_16;
use p3_commit::Mmcs;
use p3_field::{Field, PrimeCharacteristicRing, PrimeField32};
use p3_matrix::dense::RowMajorMatrix;
use p3_merkle_tree::MerkleTreeMmcs;
use p3_symmetric::{PaddingFreeSponge, TruncatedPermutation};

type Perm = p3_baby_bear::Poseidon2BabyBear<16>;
type Packed = <BabyBear as Field>::Packing;
type P3Mmcs = MerkleTreeMmcs<
    Packed,
    Packed,
    PaddingFreeSponge<Perm, 16, 8, 8>,
    TruncatedPermutation<Perm, 2, 8, 16>,
    2,
    8,
>;

/// Digest parsing never reduces and round-trips; a tree over rows cut from the input
/// has Plonky3's root; every proof verifies, and one whose leaf or sibling was changed
/// verifies only for a leaf of the tree.
pub fn plonky3_mmcs(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(d) = Digest8::<BabyBear>::parse(&text) {
        assert_eq!(Digest8::<BabyBear>::parse(&d.to_string()), Ok(d));
        let json = serde_json::to_string(&d).expect("a digest serializes");
        assert_eq!(
            serde_json::from_str::<Digest8<BabyBear>>(&json).ok(),
            Some(d)
        );
    }
    if let Ok(d) = serde_json::from_slice::<Digest8<BabyBear>>(data) {
        assert!(d.to_u32s().iter().all(|&v| v < BabyBear::ORDER_U32));
    }
    if let Some(bytes) = data.get(..32) {
        let values: Vec<u32> = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        match Digest8::<BabyBear>::read_bytes(bytes) {
            Ok(d) => {
                let mut again = Vec::new();
                d.write_bytes(&mut again);
                assert_eq!(again, bytes, "canonical bytes re-encode equal");
            }
            Err(_) => assert!(values.iter().any(|&v| v >= BabyBear::ORDER_U32)),
        }
    }

    let [height, width, index, salt, body @ ..] = data else {
        return;
    };
    let (height, width) = (1 + *height as usize % 40, 1 + *width as usize % 6);
    let mut words = body
        .chunks(4)
        .map(|c| c.iter().rev().fold(0u32, |a, &b| (a << 8) | u32::from(b)));
    let values: Vec<u32> = (0..height * width)
        .map(|i| words.next().unwrap_or(i as u32 ^ u32::from(*salt)) % BabyBear::ORDER_U32)
        .collect();
    let rows: Vec<Vec<BabyBear>> = values
        .chunks(width)
        .map(|r| {
            r.iter()
                .map(|&v| BabyBear::from_canonical(v).expect("below p"))
                .collect()
        })
        .collect();
    let policy = Policy::new().with_odd(OddNode::Zero);
    let compress = Poseidon2Compress::<BabyBear>::new();
    let leaves = merklab_core::hash_leaves(&RowLeaf::<BabyBear>::new(), &rows);
    let tree = MerkleTree::<_, 2>::build(&compress, policy, leaves).expect("a tree");

    let perm = default_babybear_poseidon2_16();
    let mmcs = P3Mmcs::new(
        PaddingFreeSponge::new(perm.clone()),
        TruncatedPermutation::new(perm),
        0,
    );
    let (cap, _) = mmcs.commit_matrix(RowMajorMatrix::new(rows.concat(), width));
    assert_eq!(tree.root().0, cap.as_ref()[0], "Plonky3's root");

    let index = *index as usize % height;
    let mut proof = tree.prove(index).expect("a proof");
    let n = height as u64;
    assert_eq!(
        verify_with_size(
            &compress,
            &policy,
            tree.root(),
            tree.leaves()[index],
            &proof,
            n
        ),
        Ok(())
    );
    let forged = Digest8::from_u32s([u32::from(*salt); 8]).expect("below p");
    if verify_with_size(&compress, &policy, tree.root(), forged, &proof, n).is_ok() {
        assert_eq!(forged, tree.leaves()[index]);
    }
    if let Some(sibling) = proof.siblings.first_mut() {
        sibling.0[usize::from(*salt) % 8] += BabyBear::ONE;
        assert!(
            verify_with_size(
                &compress,
                &policy,
                tree.root(),
                tree.leaves()[index],
                &proof,
                n
            )
            .is_err(),
            "a changed sibling verified"
        );
    }
}
