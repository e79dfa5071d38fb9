//! Runs every case of tests/hostile/cases.json through the `merklab` binary: the
//! expected exit code, one line of error naming the problem, no panic, and the
//! pre-existing output file left byte-identical, and nothing printed raw that
//! could drive or rearrange a terminal.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const SENTINEL: &[u8] = b"pre-existing output\n";

#[test]
fn every_hostile_input_fails_cleanly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile");
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(dir.join("cases.json")).expect("tests/hostile/cases.json"),
    )
    .expect("cases.json is JSON");
    let cases = manifest["cases"].as_array().expect("a `cases` list");
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let out = tmp.path().join("out.txt");
        std::fs::write(&out, SENTINEL).expect("write sentinel");
        let args: Vec<String> = case["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| {
                a.as_str()
                    .expect("string arg")
                    .replace("{dir}", &dir.display().to_string())
                    .replace("{out}", &out.display().to_string())
            })
            .collect();
        let output = Command::new(env!("CARGO_BIN_EXE_merklab"))
            .args(&args)
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("run merklab");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected_code = case["exit"].as_i64().expect("exit");
        let needle = case["error"].as_str().expect("error");
        let mut why = Vec::new();
        if output.status.code().map(i64::from) != Some(expected_code) {
            why.push(format!(
                "exit {:?}, expected {expected_code}",
                output.status.code()
            ));
        }
        if stderr.trim_end().lines().count() != 1 || !stderr.starts_with("error: ") {
            why.push("stderr is not one `error: ...` line".to_string());
        }
        if !stderr.contains(needle) {
            why.push(format!("stderr lacks {needle:?}"));
        }
        // A file or flag must not reach the terminal raw: no control byte but the
        // newlines and tabs merklab writes itself, no C1 control or direction override.
        let printed = [output.stdout.as_slice(), output.stderr.as_slice()].concat();
        let printed = String::from_utf8_lossy(&printed);
        if let Some(c) = printed.chars().find(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        }) {
            why.push(format!("printed the raw character U+{:04X}", u32::from(c)));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            why.push("panicked".to_string());
        }
        if std::fs::read(&out).ok().as_deref() != Some(SENTINEL) {
            why.push("the output file changed".to_string());
        }
        if !why.is_empty() {
            failures.push(format!(
                "{name}: {} (stderr: {})",
                why.join("; "),
                stderr.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
