//! Bitcoin profile against real blocks and a direct implementation of Bitcoin Core's
//! `ComputeMerkleRoot` loop.
//!
//! Blocks (txids and roots as `getblock` prints them, display order):
//! - genesis (1 tx), root = its coinbase txid;
//! - block 100000 (`000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506`, 4 txs);
//! - block 100002 (`0000000000013b8ab2cd513b0261a14096412195a72a0c4827d229dcc7e0f7af`, 9 txs).
//!
//! Sources: the block data as printed by `bitcoin-cli getblock` in public repositories
//! (e.g. rust-bitcoin's `merkle_tree` tests for block 100002, btcrelay's tests and
//! bitcoin-block's README for block 100000).

use merklab_core::{verify, ByteDigest};
use merklab_hashes::{ByteHasher, Digest32, Sha256};
use merklab_profiles::bitcoin::{
    branch, build, merkle_root_display, root_from_branch, to_display, txid_from_display,
    DoubleSha256, POLICY,
};
use proptest::prelude::*;

const GENESIS: [&str; 1] = ["4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"];
const GENESIS_ROOT: &str = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

const BLOCK_100000: [&str; 4] = [
    "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
    "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
    "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
    "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
];
const ROOT_100000: &str = "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766";

const BLOCK_100002: [&str; 9] = [
    "ef1d870d24c85b89d92ad50f4631026f585d6a34e972eaf427475e5d60acf3a3",
    "f9fc751cb7dc372406a9f8d738d5e6f8f63bab71986a39cf36ee70ee17036d07",
    "db60fb93d736894ed0b86cb92548920a3fe8310dd19b0da7ad97e48725e1e12e",
    "220ebc64e21abece964927322cba69180ed853bb187fbc6923bac7d010b9d87a",
    "71b3dbaca67e9f9189dad3617138c19725ab541ef0b49c05a94913e9f28e3f4e",
    "fe305e1ed08212d76161d853222048eea1f34af42ea0e197896a269fbf8dc2e0",
    "21d2eb195736af2a40d42107e6abd59c97eb6cffd4a5a7a7709e86590ae61987",
    "dd1fd2a6fc16404faf339881a90adbde7f4f728691ac62e8f168809cdfae1053",
    "74d681e0e03bafa802c8aa084379aa98d9fcd632ddc2ed9782b586ec87451f20",
];
const ROOT_100002: &str = "2fda58e5959b0ee53c5253da9b9f3c0c739422ae04946966991cf55895287552";

#[test]
fn real_block_roots() {
    assert_eq!(merkle_root_display(&GENESIS).unwrap(), GENESIS_ROOT);
    assert_eq!(merkle_root_display(&BLOCK_100000).unwrap(), ROOT_100000);
    assert_eq!(merkle_root_display(&BLOCK_100002).unwrap(), ROOT_100002);
    // Display order matters: the same txids unreversed give another root.
    let unreversed: Vec<Digest32> = BLOCK_100000
        .iter()
        .map(|t| ByteDigest::from_hex(t).unwrap())
        .collect();
    assert_ne!(to_display(&build(unreversed).unwrap().root()), ROOT_100000);
    assert!(merkle_root_display::<&str>(&[]).is_err());
    assert!(merkle_root_display(&["00"]).is_err());
}

#[test]
fn block_proofs_verify() {
    let leaves: Vec<Digest32> = BLOCK_100002
        .iter()
        .map(|t| txid_from_display(t).unwrap())
        .collect();
    let tree = build(leaves.clone()).unwrap();
    let root = txid_from_display(ROOT_100002).unwrap();
    for (i, leaf) in leaves.iter().enumerate() {
        let proof = tree.prove(i).unwrap();
        assert_eq!(verify(&DoubleSha256, &POLICY, root, *leaf, &proof), Ok(()));
    }
    // The last tx's branch as esplora serves it (rust-bitcoin's merkle_tree test lists it):
    // paired with itself at three levels.
    let expected = [
        "74d681e0e03bafa802c8aa084379aa98d9fcd632ddc2ed9782b586ec87451f20",
        "bb8db5f1d687839cc15a875e321ffb910d1c62d9280c1e4089122544c3528a13",
        "e7413bdf2c1215c3983536a62b1e210d9006a789cdc1427ccb4bb347745e52fc",
        "660af9921e9e17eba1106409c93aeec1b390bff99b0c25499da1b9c0e9aa56bc",
    ];
    let full = branch(&tree, 8).unwrap();
    assert_eq!(full.iter().map(to_display).collect::<Vec<_>>(), expected);
    assert_eq!(root_from_branch(leaves[8], 8, &full), root);
    assert_ne!(root_from_branch(leaves[8], 7, &full), root);
    // The core's proof sends only the real sibling; the self-pairings are implied.
    assert_eq!(
        tree.prove(8)
            .unwrap()
            .siblings
            .iter()
            .map(to_display)
            .collect::<Vec<_>>(),
        &expected[3..]
    );
    // Block 100000's tx 1 branch, as mempool.space serves it.
    let leaves: Vec<Digest32> = BLOCK_100000
        .iter()
        .map(|t| txid_from_display(t).unwrap())
        .collect();
    let b = branch(&build(leaves).unwrap(), 1).unwrap();
    assert_eq!(
        b.iter().map(to_display).collect::<Vec<_>>(),
        [
            "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
            "8e30899078ca1813be036a073bbf80b86cdddde1c96e9e9c99e9e3782df4ae49"
        ]
    );
    assert!(branch(&tree, 9).is_err());
}

/// Bitcoin Core's loop: hash pairs of the current layer, duplicating an odd last one.
fn reference_root(mut layer: Vec<[u8; 32]>) -> Option<[u8; 32]> {
    if layer.is_empty() {
        return None;
    }
    while layer.len() > 1 {
        if layer.len() % 2 == 1 {
            layer.push(*layer.last()?);
        }
        layer = layer
            .chunks(2)
            .map(|p| Sha256::hash(&Sha256::hash(&[p[0], p[1]].concat())))
            .collect();
    }
    layer.first().copied()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn matches_the_reference_loop(txids in prop::collection::vec(any::<[u8; 32]>(), 0..=300)) {
        let ours = build(txids.iter().copied().map(ByteDigest).collect()).ok().map(|t| t.root().0);
        prop_assert_eq!(ours, reference_root(txids));
    }
}
