//! Interrupted builds resume to the same root; damaged stores and shards are refused.

use merklab_core::{ByteDigest, DomainTags, LeafHash, MerkleTree, OddNode, Policy};
use merklab_hashes::{ByteHash, Sha256};
use merklab_store::{build_shard, merge, LayoutSpec, ShardError, Store, StoreBuilder, StoreError};

type D = ByteDigest<32>;
const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);

fn leaves(n: u64) -> Vec<D> {
    (0..n).map(|i| HASH.hash_leaf(&i.to_le_bytes())).collect()
}

fn layout(policy: Policy) -> LayoutSpec {
    LayoutSpec {
        hash: "sha256".into(),
        tags: DomainTags::Tagged,
        profile: None,
        arity: 2,
        policy,
    }
}

#[test]
fn an_interrupted_build_resumes_from_its_checkpoint_to_the_same_root() {
    let policy = Policy::new().with_odd(OddNode::Duplicate);
    let all = leaves(1000);
    let root = MerkleTree::<D, 2>::build(&HASH, policy, all.clone())
        .unwrap()
        .root();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    {
        let (mut b, _) =
            StoreBuilder::<_, 2>::create_or_resume(&path, layout(policy), HASH, 3).unwrap();
        b.push(&all[..300]).unwrap();
        b.checkpoint().unwrap();
        // Written after the checkpoint and lost with the process: redone on resume.
        b.push(&all[300..450]).unwrap();
    }
    assert!(matches!(Store::open(&path), Err(StoreError::Unfinished(_))));
    let (mut b, resumed) =
        StoreBuilder::<_, 2>::create_or_resume(&path, layout(policy), HASH, 3).unwrap();
    assert!(resumed);
    assert_eq!(b.leaf_count(), 300);
    b.push(&all[300..]).unwrap();
    b.finish().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.root::<_, 2>(&HASH).unwrap(), root);
    let again = StoreBuilder::<_, 2>::create_or_resume(&path, layout(policy), HASH, 3);
    assert!(matches!(again, Err(StoreError::Exists(_))));
}

#[test]
fn a_resume_under_another_layout_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let (mut b, _) =
        StoreBuilder::<_, 2>::create_or_resume(&path, layout(Policy::new()), HASH, 1).unwrap();
    b.push(&leaves(10)).unwrap();
    b.checkpoint().unwrap();
    drop(b);
    let other = layout(Policy::new().with_odd(OddNode::Zero));
    let err = StoreBuilder::<_, 2>::create_or_resume(&path, other, HASH, 1)
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::LayoutMismatch(_)), "{err}");
}

fn finished(n: u64) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let (mut b, _) =
        StoreBuilder::<_, 2>::create_or_resume(&path, layout(Policy::new()), HASH, 2).unwrap();
    b.push(&leaves(n)).unwrap();
    b.finish().unwrap();
    (dir, path)
}

#[test]
fn a_flipped_byte_or_a_truncated_level_file_is_refused_on_open() {
    let (_d, path) = finished(100);
    let level = path.join("level-02.nodes");
    let mut bytes = std::fs::read(&level).unwrap();
    bytes[5] ^= 1;
    std::fs::write(&level, &bytes).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");

    let (_d, path) = finished(100);
    let leaves_file = path.join("level-00.nodes");
    let bytes = std::fs::read(&leaves_file).unwrap();
    std::fs::write(&leaves_file, &bytes[..bytes.len() - 1]).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn an_edited_root_in_the_manifest_is_refused() {
    let (_d, path) = finished(33);
    let manifest = path.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["root"] = serde_json::Value::String("00".repeat(32));
    std::fs::write(&manifest, value.to_string()).unwrap();
    let store = Store::open(&path).unwrap();
    assert!(matches!(
        store.root::<_, 2>(&HASH),
        Err(StoreError::Corrupt { .. })
    ));
}

#[test]
fn a_path_that_is_a_file_or_a_foreign_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    std::fs::write(&file, b"x").unwrap();
    let err = StoreBuilder::<_, 2>::create_or_resume(&file, layout(Policy::new()), HASH, 1)
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::NotADirectory(_)), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
    let err = StoreBuilder::<_, 2>::create_or_resume(dir.path(), layout(Policy::new()), HASH, 1)
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::NotAStore(_)), "{err}");
}

#[test]
fn sorted_leaf_order_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let sorted = layout(Policy::new().with_leaves(merklab_core::LeafOrder::Sorted));
    let err =
        StoreBuilder::<_, 2>::create_or_resume(&dir.path().join("s"), sorted.clone(), HASH, 1)
            .err()
            .unwrap();
    assert!(err.to_string().contains("sorted leaf order"), "{err}");
    assert!(matches!(
        build_shard::<_, 2>(HASH, sorted, 0, &leaves(3)),
        Err(ShardError::Unsupported(_))
    ));
}

#[test]
fn gaps_overlaps_other_layouts_and_damage_are_refused_by_merge() {
    let all = leaves(20);
    let p = Policy::new();
    let shard = |a: u64, b: u64, policy: Policy| {
        build_shard::<_, 2>(HASH, layout(policy), a, &all[a as usize..b as usize]).unwrap()
    };
    let gap = merge::<_, 2>(&HASH, &[shard(0, 5, p), shard(6, 20, p)]);
    assert_eq!(gap, Err(ShardError::Gap { end: 5, start: 6 }));
    let overlap = merge::<_, 2>(&HASH, &[shard(0, 7, p), shard(6, 20, p)]);
    assert_eq!(overlap, Err(ShardError::Overlap { end: 7, start: 6 }));
    let late = merge::<_, 2>(&HASH, &[shard(3, 20, p)]);
    assert_eq!(late, Err(ShardError::Start(3)));
    let zero = p.with_odd(OddNode::Zero);
    assert!(matches!(
        merge::<_, 2>(&HASH, &[shard(0, 5, p), shard(5, 20, zero)]),
        Err(ShardError::LayoutMismatch(_))
    ));
    let mut damaged = shard(5, 20, p);
    damaged.nodes[0].digest = ByteDigest([7; 32]);
    assert!(matches!(
        merge::<_, 2>(&HASH, &[shard(0, 5, p), damaged]),
        Err(ShardError::Corrupt { .. })
    ));
    assert_eq!(merge::<_, 2>(&HASH, &[]), Err(ShardError::NoShards));
}
