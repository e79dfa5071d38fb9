//! Stores without a leaf level through the binary: `--generate` with `--keep-every`
//! above 1, and `--no-leaf-level` over a records file, prove exactly as `tree prove`
//! does in memory; a leaves file that is not the store's is exit 2 naming the leaves.

mod common;

use std::path::{Path, PathBuf};

use common::store::{fails, ok, p};

/// Builds `store` from 300 generated leaves, keeping every `keep_every`-th level.
fn generate_300(store: &Path, keep_every: &str) {
    ok(&[
        "tree",
        "build",
        "--generate",
        "300",
        "--keep-every",
        keep_every,
        "--store",
        p(store),
    ]);
}

/// `n` records of `width` bytes (record i: i's bytes, repeated), as a binary file and
/// as the hex leaves file of the same leaves.
fn records(dir: &Path, n: u64, width: usize) -> (PathBuf, PathBuf) {
    let records: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            i.to_le_bytes()
                .iter()
                .cycle()
                .take(width)
                .copied()
                .collect()
        })
        .collect();
    let bin = dir.join("leaves.bin");
    std::fs::write(&bin, records.concat()).unwrap();
    let hex = dir.join("leaves.txt");
    let text: String = records
        .iter()
        .map(|r| format!("{}\n", hex::encode(r)))
        .collect();
    std::fs::write(&hex, text).unwrap();
    (bin, hex)
}

const LAYOUTS: &[&[&str]] = &[
    &["--profile", "rfc6962"],
    &["--hash", "sha3-256", "--arity", "3", "--odd", "duplicate"],
    &[
        "--hash", "blake3", "--arity", "4", "--odd", "zero", "--pairs", "sorted",
    ],
    &["--hash", "sha256", "--odd", "depth:12"],
];

#[test]
fn generated_stores_keep_no_leaf_level_and_prove_as_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let hex = dir.path().join("gen.txt");
    let text: String = (0..777u64)
        .map(|i| format!("{}\n", hex::encode(i.to_le_bytes())))
        .collect();
    std::fs::write(&hex, text).unwrap();
    for (i, layout) in LAYOUTS.iter().enumerate() {
        for keep in ["2", "4"] {
            let store = dir.path().join(format!("g{i}-{keep}"));
            let mut build = vec!["tree", "build", "--generate", "777", "--keep-every", keep];
            build.extend_from_slice(&["--store", p(&store)]);
            build.extend_from_slice(layout);
            let root = ok(&build);
            assert!(!store.join("level-00.nodes").exists(), "{layout:?}");
            for index in ["0", "513", "776", "5,6,700"] {
                let mut prove = vec!["tree", "prove", "--leaves", p(&hex), "--index", index];
                prove.extend_from_slice(layout);
                let stored = ok(&["tree", "prove", "--store", p(&store), "--index", index]);
                assert_eq!(stored, ok(&prove), "{layout:?} R={keep} index {index}");
                assert!(stored.contains(&root), "{stored}");
            }
        }
    }
}

#[test]
fn records_without_a_leaf_level_prove_from_the_file_and_refuse_another() {
    let dir = tempfile::tempdir().unwrap();
    let (bin, hex) = records(dir.path(), 1000, 12);
    for (i, layout) in LAYOUTS.iter().enumerate() {
        let store = dir.path().join(format!("r{i}"));
        let mut build = vec!["tree", "build", "--leaves", p(&bin), "--leaf-bytes", "12"];
        build.extend_from_slice(&["--no-leaf-level", "--keep-every", "3"]);
        build.extend_from_slice(&["--store", p(&store)]);
        build.extend_from_slice(layout);
        ok(&build);
        assert!(!store.join("level-00.nodes").exists());
        for index in ["0", "517", "999", "1,2,998"] {
            let mut prove = vec!["tree", "prove", "--leaves", p(&hex), "--index", index];
            prove.extend_from_slice(layout);
            let stored = ok(&[
                "tree",
                "prove",
                "--store",
                p(&store),
                "--leaves",
                p(&bin),
                "--index",
                index,
            ]);
            assert_eq!(stored, ok(&prove), "{layout:?} index {index}");
        }
    }
    let store = dir.path().join("r0");
    let prove = |leaves: &Path, index: &str| {
        vec![
            "tree".to_string(),
            "prove".into(),
            "--store".into(),
            p(&store).into(),
            "--leaves".into(),
            p(leaves).into(),
            "--index".into(),
            index.into(),
        ]
    };
    // One byte of leaf 517 changed: the subtree of 2^3 leaves around it is named.
    let mut bytes = std::fs::read(&bin).unwrap();
    bytes[517 * 12 + 5] ^= 1;
    let altered = dir.path().join("altered.bin");
    std::fs::write(&altered, &bytes).unwrap();
    let args = prove(&altered, "516");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fails(
        &args,
        "leaves 512..520 do not hash to the store's node 64 of level 3",
    );
    // A truncated file, a file of another record width, and no file at all.
    let truncated = dir.path().join("truncated.bin");
    std::fs::write(&truncated, &bytes[..12 * 999]).unwrap();
    let args = prove(&truncated, "3");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fails(&args, "11988 bytes of 12-byte records");
    let odd = dir.path().join("odd.bin");
    std::fs::write(&odd, &bytes[..12 * 999 + 5]).unwrap();
    let args = prove(&odd, "3");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fails(&args, "not whole 12-byte records");
    fails(
        &["tree", "prove", "--store", p(&store), "--index", "3"],
        "give the records file it was built from with --leaves FILE",
    );
    // The root needs no leaves; appends are refused with the reason.
    assert!(!ok(&["tree", "root", "--store", p(&store)]).is_empty());
    fails(
        &["tree", "append", "--store", p(&store), "--generate", "5"],
        "cannot grow",
    );
}

#[test]
fn a_damaged_level_file_is_still_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    generate_300(&store, "2");
    let level = store.join("level-02.nodes");
    let mut bytes = std::fs::read(&level).unwrap();
    bytes[7] ^= 0x10;
    std::fs::write(&level, &bytes).unwrap();
    fails(
        &["tree", "prove", "--store", p(&store), "--index", "3"],
        "level-02.nodes",
    );
}

#[test]
fn hex_lines_keep_the_leaf_level_and_generated_stores_grow() {
    let dir = tempfile::tempdir().unwrap();
    let (_, hex) = records(dir.path(), 50, 8);
    fails(
        &[
            "tree",
            "build",
            "--leaves",
            p(&hex),
            "--no-leaf-level",
            "--store",
            p(&dir.path().join("h")),
        ],
        "hex lines keep the leaf level",
    );
    assert!(!dir.path().join("h").join("manifest.json").exists());

    let store = dir.path().join("g");
    generate_300(&store, "3");
    fails(
        &["tree", "append", "--store", p(&store), "--leaves", p(&hex)],
        "grows only by --generate N",
    );
    let grown = ok(&["tree", "append", "--store", p(&store), "--generate", "700"]);
    let whole = dir.path().join("whole");
    let built = ok(&["tree", "build", "--generate", "1000", "--store", p(&whole)]);
    assert_eq!(grown, built);
    assert_eq!(
        ok(&["tree", "prove", "--store", p(&store), "--index", "998"]),
        ok(&["tree", "prove", "--store", p(&whole), "--index", "998"])
    );
}

#[test]
fn help_names_the_mode() {
    let help = ok(&["tree", "build", "--help"]);
    assert!(help.contains("--no-leaf-level"), "{help}");
    let help = ok(&["tree", "prove", "--help"]);
    assert!(help.contains("without a leaf level"), "{help}");
}
