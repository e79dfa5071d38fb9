//! `merklab tree tiles` through the binary: the tile directory of an `rfc6962` store
//! checked by Go's golang.org/x/mod/sumdb/tlog (the store crate's oracle), and the
//! error contract (exit 2, one line, nothing in the way replaced).

mod common;
#[path = "../../store/tests/oracle/mod.rs"]
mod oracle;

use std::path::Path;

use common::store::{hex_file, p};
use common::{code, run, stderr, stdout};

const ORIGIN: &str = "example.com/merklab-cli-log";

fn build(store: &Path, n: u64, keep_every: &str) {
    let n = n.to_string();
    let out = run(&[
        "tree",
        "build",
        "--profile",
        "rfc6962",
        "--generate",
        &n,
        "--store",
        p(store),
        "--keep-every",
        keep_every,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

fn one_line_exit_2(args: &[&str], names: &str) {
    let out = run(args);
    assert_eq!(code(&out), 2, "{args:?}: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(names), "{err} should name {names}");
}

#[test]
fn a_generated_log_is_served_as_x_mods_tiles() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let n = 66_000;
    build(&store, n, "3");
    let tiles = dir.path().join("tiles");
    let out = run(&[
        "tree",
        "tiles",
        "--store",
        p(&store),
        "--out",
        p(&tiles),
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let body = std::fs::read_to_string(tiles.join("checkpoint")).unwrap();
    assert_eq!(stdout(&out), body);
    let root = run(&["tree", "root", "--store", p(&store)]);
    let root = hex::decode(stdout(&root).trim()).unwrap();
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(root);
    assert_eq!(body, format!("{ORIGIN}\n{n}\n{encoded}\n"));

    let Some(oracle) = oracle::oracle() else {
        return;
    };
    let leaves = hex_file(dir.path(), n);
    oracle::check(oracle, &leaves, &tiles, ORIGIN);

    // A second run finds every tile in place.
    let again = run(&[
        "tree",
        "tiles",
        "--store",
        p(&store),
        "--out",
        p(&tiles),
        "--origin",
        ORIGIN,
        "--json",
    ]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(summary["full"], 0);
    assert_eq!(summary["partial"], 0);
    assert_eq!(summary["unchanged"], 261);

    // A flipped byte in one tile is what the oracle exists to catch.
    let tile = tiles.join("tile/0/256");
    let mut bytes = std::fs::read(&tile).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&tile, bytes).unwrap();
    let out = std::process::Command::new(oracle)
        .args([
            "-leaves",
            p(&leaves),
            "-tiles",
            p(&tiles),
            "-origin",
            ORIGIN,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[cfg(unix)]
#[test]
fn refusals_are_one_line_exit_2_and_leave_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&store, 300, "1");

    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = dir.path().join("linked");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("tile")).unwrap();
    let args = [
        "tree",
        "tiles",
        "--store",
        p(&store),
        "--out",
        p(&out),
        "--origin",
        ORIGIN,
    ];
    one_line_exit_2(&args, "in the way");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(out.join("tile").is_symlink());

    let out = dir.path().join("dir-checkpoint");
    std::fs::create_dir_all(out.join("checkpoint")).unwrap();
    let args = [
        "tree",
        "tiles",
        "--store",
        p(&store),
        "--out",
        p(&out),
        "--origin",
        ORIGIN,
    ];
    one_line_exit_2(&args, "checkpoint");
    assert!(out.join("checkpoint").is_dir());

    let file = dir.path().join("a-file");
    std::fs::write(&file, "keep").unwrap();
    let args = [
        "tree",
        "tiles",
        "--store",
        p(&store),
        "--out",
        p(&file),
        "--origin",
        ORIGIN,
    ];
    one_line_exit_2(&args, "not a directory");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");

    let fresh = dir.path().join("fresh");
    let args = [
        "tree",
        "tiles",
        "--store",
        p(&store),
        "--out",
        p(&fresh),
        "--origin",
        "a b",
    ];
    one_line_exit_2(&args, "origin");
    assert!(!fresh.exists());

    let plain = dir.path().join("plain");
    let built = run(&[
        "tree",
        "build",
        "--hash",
        "sha256",
        "--generate",
        "300",
        "--store",
        p(&plain),
    ]);
    assert_eq!(code(&built), 0, "{}", stderr(&built));
    let args = [
        "tree",
        "tiles",
        "--store",
        p(&plain),
        "--out",
        p(&fresh),
        "--origin",
        ORIGIN,
    ];
    one_line_exit_2(&args, "rfc6962");
    assert!(!fresh.exists());
}
