//! Tiles and checkpoints of RFC 6962 stores against Go's golang.org/x/mod/sumdb/tlog
//! (the oracle in `oracle/`): every tile byte for byte, the checkpoint, and inclusion
//! proofs through the tiles alone, over sizes on both sides of tile edges, with
//! levels dropped by `keep_every`, and after appends.

mod oracle;

use std::path::Path;

use merklab_core::{ByteDigest, DomainTags, LeafHash, Policy};
use merklab_hashes::{ByteHash, Sha256};
use merklab_store::tlog::{tile_data, tiles, write_tiles, Tile, CHECKPOINT};
use merklab_store::{LayoutSpec, Store, StoreBuilder, StoreError};

type D = ByteDigest<32>;
/// RFC 6962's hash: SHA-256 with 0x00 and 0x01 domain tags.
const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);
const ORIGIN: &str = "example.com/merklab-test-log";

fn layout(profile: Option<&str>) -> LayoutSpec {
    LayoutSpec {
        hash: "sha256".into(),
        tags: DomainTags::Tagged,
        profile: profile.map(str::to_string),
        arity: 2,
        policy: Policy::new(),
    }
}

/// Leaf `i`'s bytes: lengths vary, so the record hashes are not all of one shape.
fn leaf(i: u64) -> Vec<u8> {
    let mut data = format!("entry {i}").into_bytes();
    data.resize(data.len() + (i % 7) as usize, b'.');
    data
}

fn write_leaves(path: &Path, n: u64) {
    let text: String = (0..n).map(|i| hex::encode(leaf(i)) + "\n").collect();
    std::fs::write(path, text).unwrap();
}

fn digests(from: u64, to: u64) -> Vec<D> {
    (from..to).map(|i| HASH.hash_leaf(&leaf(i))).collect()
}

fn build(dir: &Path, n: u64, keep_every: u32) -> Store {
    let (mut b, _) =
        StoreBuilder::<_, 2>::create_or_resume(dir, layout(Some("rfc6962")), HASH, keep_every)
            .unwrap();
    b.push(&digests(0, n)).unwrap();
    b.finish().unwrap();
    Store::open(dir).unwrap()
}

#[test]
fn tiles_and_checkpoints_are_x_mods() {
    let Some(oracle) = oracle::oracle() else {
        return;
    };
    let cases: &[(u64, u32)] = &[
        (1, 1),
        (2, 1),
        (255, 1),
        (256, 1),
        (257, 3),
        (511, 8),
        (65_535, 1),
        (65_536, 8),
        (65_537, 3),
        (70_001, 5),
    ];
    for &(n, keep_every) in cases {
        let dir = tempfile::tempdir().unwrap();
        let store = build(&dir.path().join("store"), n, keep_every);
        let leaves = dir.path().join("leaves.txt");
        write_leaves(&leaves, n);
        let out = dir.path().join("tiles");
        let written = write_tiles(&store, &HASH, &out, ORIGIN).unwrap();
        assert_eq!(
            written.full + written.partial,
            tiles(n).count() as u64,
            "{n}"
        );
        assert_eq!(written.unchanged, 0);
        assert_eq!(
            std::fs::read_to_string(out.join(CHECKPOINT)).unwrap(),
            written.checkpoint
        );
        oracle::check(oracle, &leaves, &out, ORIGIN);
    }
}

#[test]
fn after_an_append_full_tiles_stay_and_the_new_tree_is_x_mods() {
    let Some(oracle) = oracle::oracle() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let out = dir.path().join("tiles");
    let first = build(&path, 600, 2);
    let before = write_tiles(&first, &HASH, &out, ORIGIN).unwrap();
    assert_eq!((before.full, before.partial), (2, 2));
    drop(first);

    let mut b = StoreBuilder::<_, 2>::append(&path, HASH).unwrap();
    b.push(&digests(600, 66_000)).unwrap();
    b.finish().unwrap();
    let grown = Store::open(&path).unwrap();
    let after = write_tiles(&grown, &HASH, &out, ORIGIN).unwrap();
    // Level 0's two full tiles were there already with the same bytes.
    assert_eq!(after.unchanged, 2);
    assert_eq!(after.full + after.partial + 2, tiles(66_000).count() as u64);
    let leaves = dir.path().join("leaves.txt");
    write_leaves(&leaves, 66_000);
    // The partial tiles of the 600-leaf tree are still there; the oracle checks them
    // as narrower tiles of the grown tree.
    assert!(out.join("tile/0/002.p/88").is_file());
    oracle::check(oracle, &leaves, &out, ORIGIN);
}

#[test]
fn other_layouts_and_tiles_beyond_the_tree_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain");
    let (mut b, _) = StoreBuilder::<_, 2>::create_or_resume(&path, layout(None), HASH, 1).unwrap();
    b.push(&digests(0, 300)).unwrap();
    b.finish().unwrap();
    let plain = Store::open(&path).unwrap();
    let out = dir.path().join("tiles");
    let err = write_tiles(&plain, &HASH, &out, ORIGIN).unwrap_err();
    assert!(matches!(err, StoreError::Unsupported(_)), "{err}");
    assert!(!out.exists());

    let log = build(&dir.path().join("log"), 300, 1);
    let beyond = Tile {
        level: 0,
        index: 1,
        width: 45,
    };
    assert!(matches!(
        tile_data(&log, &HASH, &beyond),
        Err(StoreError::BadSetting(_))
    ));
    // A narrower tile of a past size is still a tile of this store.
    let past = Tile {
        level: 0,
        index: 1,
        width: 44,
    };
    assert_eq!(tile_data(&log, &HASH, &past).unwrap().len(), 44 * 32);
    let err = write_tiles(&log, &HASH, &out, "two words").unwrap_err();
    assert!(matches!(err, StoreError::BadSetting(_)), "{err}");
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn nothing_but_regular_files_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let log = build(&dir.path().join("log"), 300, 1);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();

    // A symbolic link where the tile directory goes: nothing is written through it.
    let out = dir.path().join("a");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("tile")).unwrap();
    let err = write_tiles(&log, &HASH, &out, ORIGIN).unwrap_err();
    assert!(
        matches!(err, StoreError::InTheWay(ref p) if p == &out.join("tile")),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(!out.join(CHECKPOINT).exists());

    // A directory where the checkpoint goes stays a directory, with its contents.
    let out = dir.path().join("b");
    std::fs::create_dir_all(out.join(CHECKPOINT)).unwrap();
    std::fs::write(out.join(CHECKPOINT).join("keep"), "x").unwrap();
    let err = write_tiles(&log, &HASH, &out, ORIGIN).unwrap_err();
    assert!(matches!(err, StoreError::InTheWay(_)), "{err}");
    assert_eq!(
        std::fs::read(out.join(CHECKPOINT).join("keep")).unwrap(),
        b"x"
    );

    // A symbolic link where a tile goes is not followed or replaced.
    let out = dir.path().join("c");
    std::fs::create_dir_all(out.join("tile/0")).unwrap();
    let target = elsewhere.join("target");
    std::fs::write(&target, "mine").unwrap();
    std::os::unix::fs::symlink(&target, out.join("tile/0/000")).unwrap();
    let err = write_tiles(&log, &HASH, &out, ORIGIN).unwrap_err();
    assert!(matches!(err, StoreError::InTheWay(_)), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"mine");
    assert!(out.join("tile/0/000").is_symlink());

    // A regular file with other bytes is a stale tile and is replaced.
    let out = dir.path().join("d");
    std::fs::create_dir_all(out.join("tile/0")).unwrap();
    std::fs::write(out.join("tile/0/000"), "stale").unwrap();
    let written = write_tiles(&log, &HASH, &out, ORIGIN).unwrap();
    assert_eq!(written.full, 1);
    let tile = Tile {
        level: 0,
        index: 0,
        width: 256,
    };
    assert_eq!(
        std::fs::read(out.join("tile/0/000")).unwrap(),
        tile_data(&log, &HASH, &tile).unwrap()
    );
}
