//! The Go oracle of the tlog tiles: `tlog_tiles.go`, built once per test process
//! against Debian's golang.org/x/mod (GOPATH mode, no network).
//!
//! Without `go` the tests that need it are skipped with a message, unless `CI` is
//! set: CI installs Go (`.ci/run`), so there a missing oracle is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Where Debian's `golang-golang-x-mod-dev` puts its sources.
const GOCODE: &str = "/usr/share/gocode";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The oracle's path, or `None` (after saying why) when Go is absent outside CI.
pub fn oracle() -> Option<&'static Path> {
    static BUILT: OnceLock<Option<PathBuf>> = OnceLock::new();
    BUILT.get_or_init(build).as_deref()
}

fn build() -> Option<PathBuf> {
    let x_mod = Path::new(GOCODE).join("src/golang.org/x/mod/sumdb/tlog");
    let go = Command::new("go").arg("version").output();
    if go.is_err() || !x_mod.is_dir() {
        let why = "the Go oracle needs `go` and golang.org/x/mod \
                   (apt-get install golang-go golang-golang-x-mod-dev)";
        assert!(!in_ci(), "{why}; CI is set, so the oracle must run");
        eprintln!("skipped: {why}");
        return None;
    }
    // The test scratch directory of the target dir, so reruns reuse Go's build cache
    // and nothing is left in /tmp; each process builds under its own name and renames
    // into place, so test binaries running at once never see a half-written oracle.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlog-oracle");
    std::fs::create_dir_all(&work).expect("oracle directory");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("store/tests/oracle/tlog_tiles.go");
    let building = work.join(format!("tlog_tiles.{}", std::process::id()));
    let binary = work.join("tlog_tiles");
    let out = Command::new("go")
        .arg("build")
        .arg("-o")
        .arg(&building)
        .arg(&source)
        .env("GO111MODULE", "off")
        .env(
            "GOPATH",
            format!("{}:{GOCODE}", work.join("gopath").display()),
        )
        .env("GOCACHE", work.join("cache"))
        .env("GOPROXY", "off")
        .env("GOFLAGS", "")
        .output()
        .expect("go runs");
    assert!(
        out.status.success(),
        "building the Go oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::rename(&building, &binary).expect("the oracle moves into place");
    Some(binary)
}

/// Runs the oracle over `tiles` (written for the hex leaves in `leaves` under
/// `origin`) and fails the test with its message unless it agrees.
pub fn check(oracle: &Path, leaves: &Path, tiles: &Path, origin: &str) {
    let out = Command::new(oracle)
        .arg("-leaves")
        .arg(leaves)
        .arg("-tiles")
        .arg(tiles)
        .arg("-origin")
        .arg(origin)
        .output()
        .expect("the oracle runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.starts_with("ok "),
        "x/mod's tlog disagrees: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
}
