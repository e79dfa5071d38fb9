//! `tree build/root/prove --store` and `shard build/merge` through the binary: the same
//! roots and proof files as the in-memory commands, and the error contract.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::store::{hex_file, ok, p};
use common::{code, run, stderr, stdout};

const LAYOUTS: &[&[&str]] = &[
    &["--hash", "sha256"],
    &[
        "--hash",
        "sha3-256",
        "--arity",
        "3",
        "--odd",
        "duplicate",
        "--tags",
        "tagged",
    ],
    &[
        "--hash",
        "keccak-256",
        "--arity",
        "4",
        "--odd",
        "zero",
        "--pairs",
        "sorted",
    ],
    &["--hash", "blake3", "--arity", "2", "--odd", "depth:12"],
    &["--hash", "blake2s-256", "--arity", "3", "--odd", "extend:8"],
];

#[test]
fn stored_roots_and_proofs_are_the_in_memory_ones() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = hex_file(dir.path(), 1001);
    for (i, layout) in LAYOUTS.iter().enumerate() {
        let store = dir.path().join(format!("store-{i}"));
        let mut build = vec![
            "tree",
            "build",
            "--generate",
            "1001",
            "--store",
            p(&store),
            "--keep-every",
            "3",
        ];
        build.extend_from_slice(layout);
        let built = ok(&build);
        let mut root = vec!["tree", "root", "--leaves", p(&leaves)];
        root.extend_from_slice(layout);
        assert_eq!(built, ok(&root), "{layout:?}");
        assert_eq!(ok(&["tree", "root", "--store", p(&store)]), built);

        for index in ["0", "500", "1000", "3,4,999"] {
            let mut prove = vec!["tree", "prove", "--leaves", p(&leaves), "--index", index];
            prove.extend_from_slice(layout);
            let memory = ok(&prove);
            let stored = ok(&["tree", "prove", "--store", p(&store), "--index", index]);
            assert_eq!(stored, memory, "{layout:?} index {index}");
            let file = dir.path().join("proof.json");
            std::fs::write(&file, &stored).unwrap();
            let verified = ok(&["tree", "verify", "--proof", p(&file), "--size", "1001"]);
            assert!(verified.starts_with("valid:"), "{verified}");
        }
    }
}

#[test]
fn binary_records_give_the_root_of_the_same_hex_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<u8> = (0..77u64).flat_map(|i| (i * 3).to_be_bytes()).collect();
    let bin = dir.path().join("leaves.bin");
    std::fs::write(&bin, &records).unwrap();
    let hex: String = records
        .chunks(8)
        .map(|r| format!("{}\n", hex::encode(r)))
        .collect();
    let txt = dir.path().join("leaves.txt");
    std::fs::write(&txt, hex).unwrap();
    let store = dir.path().join("s");
    let built = ok(&[
        "tree",
        "build",
        "--leaves",
        p(&bin),
        "--leaf-bytes",
        "8",
        "--store",
        p(&store),
        "--arity",
        "3",
    ]);
    assert_eq!(
        built,
        ok(&["tree", "root", "--leaves", p(&txt), "--arity", "3"])
    );
    let from_hex = dir.path().join("h");
    assert_eq!(
        ok(&[
            "tree",
            "build",
            "--leaves",
            p(&txt),
            "--store",
            p(&from_hex),
            "--arity",
            "3"
        ]),
        built
    );

    std::fs::write(&bin, &records[..records.len() - 3]).unwrap();
    let out = run(&[
        "tree",
        "build",
        "--leaves",
        p(&bin),
        "--leaf-bytes",
        "8",
        "--store",
        p(&dir.path().join("t")),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("5 bytes left over"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_rfc6962_profile_stores_and_proves_as_the_profile_does() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = hex_file(dir.path(), 300);
    let store = dir.path().join("ct");
    let built = ok(&[
        "tree",
        "build",
        "--profile",
        "rfc6962",
        "--generate",
        "300",
        "--store",
        p(&store),
        "--keep-every",
        "4",
    ]);
    assert_eq!(
        built,
        ok(&[
            "tree",
            "root",
            "--profile",
            "rfc6962",
            "--leaves",
            p(&leaves)
        ])
    );
    let memory = ok(&[
        "tree",
        "prove",
        "--profile",
        "rfc6962",
        "--leaves",
        p(&leaves),
        "--index",
        "123",
    ]);
    let stored = ok(&["tree", "prove", "--store", p(&store), "--index", "123"]);
    let as_json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(as_json(&stored), as_json(&memory));
    let file = dir.path().join("proof.json");
    std::fs::write(&file, &stored).unwrap();
    let verified = ok(&[
        "tree",
        "verify",
        "--proof",
        p(&file),
        "--profile",
        "rfc6962",
    ]);
    assert!(verified.starts_with("valid:"), "{verified}");
}

#[test]
fn a_stopped_build_resumes_to_the_same_root() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = hex_file(dir.path(), 5000);
    let store = dir.path().join("s");
    let args = [
        "tree",
        "build",
        "--leaves",
        p(&leaves),
        "--store",
        p(&store),
        "--odd",
        "duplicate",
        "--keep-every",
        "2",
        "--json",
    ];
    let mut stopped = args.to_vec();
    stopped.extend(["--stop-after", "1234"]);
    let out = run(&stopped);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("checkpoint at 1234 leaves"),
        "{}",
        stderr(&out)
    );
    let out = run(&["tree", "root", "--store", p(&store)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));

    let resumed: serde_json::Value = serde_json::from_str(&ok(&args)).unwrap();
    assert_eq!(resumed["resumed"], true);
    let expected = ok(&["tree", "root", "--leaves", p(&leaves), "--odd", "duplicate"]);
    assert_eq!(resumed["root"], expected.as_str());
    let again = run(&args);
    assert_eq!(code(&again), 2);
    assert!(
        stderr(&again).contains("already holds a store"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn foreign_directories_files_and_fifos_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), b"mine").unwrap();
    let out = run(&["tree", "build", "--generate", "10", "--store", p(&foreign)]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not a merklab store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);

    let file = dir.path().join("file");
    std::fs::write(&file, b"keep").unwrap();
    let out = run(&["tree", "build", "--generate", "10", "--store", p(&file)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not a directory"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");

    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        for cmd in [
            &["tree", "build", "--generate", "10", "--store"][..],
            &["tree", "root", "--store"][..],
        ] {
            let mut args: Vec<&str> = cmd.to_vec();
            args.push(p(&fifo));
            let out = run(&args);
            assert_eq!(code(&out), 2, "{args:?}");
            assert!(stderr(&out).contains("not a directory"), "{}", stderr(&out));
        }
    }
}

#[test]
fn damaged_level_files_are_exit_2_never_a_root() {
    let dir = tempfile::tempdir().unwrap();
    for damage in ["flip", "truncate", "remove"] {
        let store = dir.path().join(damage);
        ok(&["tree", "build", "--generate", "100", "--store", p(&store)]);
        let level = store.join("level-01.nodes");
        let mut bytes = std::fs::read(&level).unwrap();
        match damage {
            "flip" => {
                bytes[40] ^= 0x80;
                std::fs::write(&level, &bytes).unwrap();
            }
            "truncate" => std::fs::write(&level, &bytes[..bytes.len() - 32]).unwrap(),
            _ => std::fs::remove_file(&level).unwrap(),
        }
        for cmd in [
            &["tree", "root", "--store"][..],
            &["tree", "prove", "--index", "3", "--store"][..],
        ] {
            let mut args: Vec<&str> = cmd.to_vec();
            args.push(p(&store));
            let out = run(&args);
            assert_eq!(code(&out), 2, "{damage} {args:?}");
            assert!(stdout(&out).is_empty(), "{damage}: {}", stdout(&out));
            assert!(
                stderr(&out).contains("level-01.nodes"),
                "{damage}: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn shards_merge_to_the_root_and_reruns_keep_finished_ones() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = hex_file(dir.path(), 1000);
    let layout = ["--hash", "sha256", "--arity", "3", "--odd", "depth:7"];
    let mut root = vec!["tree", "root", "--leaves", p(&leaves)];
    root.extend_from_slice(&layout);
    let expected = ok(&root);
    let files: Vec<PathBuf> = (0..4)
        .map(|i| dir.path().join(format!("shard-{i}.json")))
        .collect();
    for (i, file) in files.iter().enumerate() {
        let index = i.to_string();
        let mut build = vec![
            "shard",
            "build",
            "--leaves",
            p(&leaves),
            "--index",
            &index,
            "--of",
            "4",
            "--out",
            p(file),
        ];
        build.extend_from_slice(&layout);
        ok(&build);
    }
    let mut merge = vec!["shard", "merge"];
    merge.extend(files.iter().rev().map(|f| p(f)));
    assert_eq!(ok(&merge), expected);

    // A rerun keeps a finished shard untouched.
    let before = std::fs::metadata(&files[1]).unwrap().modified().unwrap();
    let mut rerun = vec![
        "shard",
        "build",
        "--generate",
        "1000",
        "--index",
        "1",
        "--of",
        "4",
        "--out",
        p(&files[1]),
    ];
    rerun.extend_from_slice(&layout);
    let out = run(&rerun);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("kept"), "{}", stderr(&out));
    assert_eq!(
        std::fs::metadata(&files[1]).unwrap().modified().unwrap(),
        before
    );

    let out = run(&["shard", "merge", p(&files[0]), p(&files[2]), p(&files[3])]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("gap"), "{}", stderr(&out));

    let text = std::fs::read_to_string(&files[2]).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let digest = value["nodes"][0]["digest"].as_str().unwrap().to_string();
    let flipped = format!(
        "{}{}",
        if digest.starts_with('0') { "1" } else { "0" },
        &digest[1..]
    );
    std::fs::write(&files[2], text.replace(&digest, &flipped)).unwrap();
    let out = run(&merge);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("checksum"), "{}", stderr(&out));
}

#[test]
fn appends_grow_the_store_to_the_root_of_all_the_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("ct");
    let all = hex_file(dir.path(), 900);
    let text = std::fs::read_to_string(&all).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let more = dir.path().join("more.txt");
    std::fs::write(&more, lines[600..].join("\n")).unwrap();
    // From a file, so the store keeps its leaf level and takes any leaves after them.
    let first = dir.path().join("first.txt");
    std::fs::write(&first, lines[..400].join("\n")).unwrap();
    ok(&[
        "tree",
        "build",
        "--profile",
        "rfc6962",
        "--leaves",
        p(&first),
        "--store",
        p(&store),
        "--keep-every",
        "2",
    ]);
    ok(&["tree", "append", "--store", p(&store), "--generate", "200"]);
    let out = run(&[
        "tree",
        "append",
        "--store",
        p(&store),
        "--leaves",
        p(&more),
        "--stop-after",
        "700",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let grown = ok(&["tree", "append", "--store", p(&store), "--leaves", p(&more)]);
    assert_eq!(
        grown,
        ok(&["tree", "root", "--profile", "rfc6962", "--leaves", p(&all)])
    );
    let stored = ok(&["tree", "prove", "--store", p(&store), "--index", "850"]);
    let memory = ok(&[
        "tree",
        "prove",
        "--profile",
        "rfc6962",
        "--leaves",
        p(&all),
        "--index",
        "850",
    ]);
    let as_json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(as_json(&stored), as_json(&memory));
}

#[test]
fn an_rfc6962_store_proves_consistency_between_any_sizes_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("ct");
    ok(&[
        "tree",
        "build",
        "--profile",
        "rfc6962",
        "--generate",
        "900",
        "--store",
        p(&store),
        "--keep-every",
        "3",
    ]);
    let as_json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    for (old, new) in [
        ("1", 900u64),
        ("300", 777),
        ("512", 900),
        ("777", 777),
        ("5", 6),
    ] {
        let prefix = hex_file(dir.path(), new);
        let memory = ok(&[
            "tree",
            "consistency",
            "--profile",
            "rfc6962",
            "--leaves",
            p(&prefix),
            "--old-size",
            old,
        ]);
        let new_size = new.to_string();
        let stored = ok(&[
            "tree",
            "consistency",
            "--profile",
            "rfc6962",
            "--store",
            p(&store),
            "--old-size",
            old,
            "--new-size",
            &new_size,
        ]);
        assert_eq!(as_json(&stored), as_json(&memory), "{old} -> {new}");
        let file = dir.path().join("c.json");
        std::fs::write(&file, &stored).unwrap();
        let checked = ok(&["tree", "verify-consistency", "--proof", p(&file)]);
        assert!(!checked.is_empty());
    }
    let out = run(&[
        "tree",
        "consistency",
        "--profile",
        "rfc6962",
        "--store",
        p(&store),
        "--old-size",
        "10",
        "--new-size",
        "901",
    ]);
    assert_eq!(code(&out), 2);
}
