//! Replays the committed fuzz seeds (fuzz/seeds/<target>/) through the same checks
//! the cargo-fuzz targets run, so `cargo test` catches a regression that a seed
//! once found without needing libFuzzer or a nightly flag.

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

use std::path::PathBuf;

#[test]
fn every_target_has_seeds_and_they_pass() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for (name, check) in checks::TARGETS {
        let dir = root.join(name);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        files.sort();
        assert!(files.len() >= 3, "{name}: only {} seeds", files.len());
        for file in files {
            let data = std::fs::read(&file).expect("read seed");
            // A failing check panics with the seed's path in the backtrace's context.
            eprintln!("{name}: {}", file.display());
            check(&data);
        }
    }
}
