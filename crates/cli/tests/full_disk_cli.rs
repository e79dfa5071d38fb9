//! A build that runs out of room: one line, exit 2, and a store that resumes to the
//! root of an uninterrupted build. The room runs out through the file size limit
//! (`ulimit -f` in a shell that ignores SIGXFSZ, so a write past it fails with EFBIG
//! instead of killing the process): no privileges or small filesystem needed.

#![cfg(unix)]

mod common;

use std::process::Command;

use common::store::p;
use common::{code, run, stderr, stdout};

/// Leaves: more than one checkpoint's worth (2^20), so the failure comes after one.
const LEAVES: &str = "1500000";
/// The file size limit in 512-byte blocks, 40 MiB: the leaf level reaches it after
/// the first checkpoint (32 MiB of leaf digests), before the build ends (48 MB).
const LIMIT_BLOCKS: u64 = 40 * 2048;

#[test]
fn a_build_out_of_room_says_so_and_resumes_to_the_right_root() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let build = [
        "tree",
        "build",
        "--profile",
        "rfc6962",
        "--generate",
        LEAVES,
        "--store",
        p(&store),
        "--json",
    ];
    let script = format!("trap '' XFSZ; ulimit -f {LIMIT_BLOCKS} && exec \"$0\" \"$@\"");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_merklab"))
        .args(build)
        .output()
        .expect("sh runs");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("level-00.nodes"), "{err}");
    assert!(
        err.contains("run the same command again to resume"),
        "{err}"
    );

    let resumed = run(&build);
    assert_eq!(code(&resumed), 0, "{}", stderr(&resumed));
    let resumed: serde_json::Value = serde_json::from_str(&stdout(&resumed)).unwrap();
    assert_eq!(resumed["resumed"], true);

    let whole = dir.path().join("whole");
    let fresh = run(&[
        "tree",
        "build",
        "--profile",
        "rfc6962",
        "--generate",
        LEAVES,
        "--store",
        p(&whole),
        "--json",
    ]);
    assert_eq!(code(&fresh), 0, "{}", stderr(&fresh));
    let fresh: serde_json::Value = serde_json::from_str(&stdout(&fresh)).unwrap();
    assert_eq!(fresh["resumed"], false);
    assert_eq!(resumed["root"], fresh["root"]);
    // The resumed store opens, checksums and all, to the same root.
    let root = run(&["tree", "root", "--store", p(&store)]);
    assert_eq!(code(&root), 0, "{}", stderr(&root));
    assert_eq!(serde_json::json!(stdout(&root).trim()), fresh["root"]);
}
