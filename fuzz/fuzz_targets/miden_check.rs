// The Miden family under fuzzing: word text and bytes, and the miden profile's tree
// against miden-crypto's own MerkleTree.

use merklab_core::{verify_with_size, Digest, MerkleTree};
use merklab_miden::{WordDigest, MODULUS};
use miden_crypto::merkle::MerkleTree as MidenTree;
use miden_crypto::{Felt, Word};

/// Word parsing never reduces and round-trips; a tree over words cut from the input
/// (a power of two of them, as Miden builds) has miden-crypto's root; every proof
/// verifies, and one whose leaf or sibling was changed verifies only for the leaf.
pub fn miden_tree(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(w) = WordDigest::from_hex(&text) {
        assert_eq!(WordDigest::from_hex(&w.to_hex()), Ok(w));
    }
    if let Some(bytes) = data.get(..32) {
        let values: Vec<u64> = bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")))
            .collect();
        match WordDigest::read_bytes(bytes) {
            Ok(w) => {
                let mut again = Vec::new();
                w.write_bytes(&mut again);
                assert_eq!(again, bytes, "canonical bytes re-encode equal");
            }
            Err(_) => assert!(values.iter().any(|&v| v >= MODULUS)),
        }
    }

    let [log, index, salt, body @ ..] = data else {
        return;
    };
    let leaves = 2usize << (*log % 6);
    let mut limbs = body
        .chunks(8)
        .map(|c| c.iter().rev().fold(0u64, |a, &b| (a << 8) | u64::from(b)));
    let words: Vec<WordDigest> = (0..leaves)
        .map(|i| {
            let values = std::array::from_fn(|j| {
                limbs
                    .next()
                    .unwrap_or((i * 4 + j) as u64 ^ u64::from(*salt))
                    % MODULUS
            });
            WordDigest::from_u64s(values).expect("below the modulus")
        })
        .collect();
    let compress = merklab_profiles::miden::COMPRESSION;
    let policy = merklab_profiles::miden::POLICY;
    let tree = MerkleTree::<_, 2>::build(&compress, policy, words.clone()).expect("a tree");
    let theirs = MidenTree::new(words.iter().map(|w| w.0).collect::<Vec<Word>>())
        .expect("miden-crypto builds a power of two of leaves");
    assert_eq!(tree.root().0, theirs.root(), "miden-crypto's root");

    let index = *index as usize % leaves;
    let mut proof = tree.prove(index).expect("a proof");
    let n = leaves as u64;
    let root = tree.root();
    assert_eq!(
        verify_with_size(&compress, &policy, root, words[index], &proof, n),
        Ok(())
    );
    let forged = WordDigest::from_u64s([u64::from(*salt); 4]).expect("below the modulus");
    if verify_with_size(&compress, &policy, root, forged, &proof, n).is_ok() {
        assert_eq!(forged, words[index]);
    }
    if let Some(sibling) = proof.siblings.first_mut() {
        let mut elements = *sibling.0;
        elements[usize::from(*salt) % 4] += Felt::ONE;
        sibling.0 = Word::new(elements);
        assert!(
            verify_with_size(&compress, &policy, root, words[index], &proof, n).is_err(),
            "a changed sibling verified"
        );
    }
}
