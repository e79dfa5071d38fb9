//! Running `merklab` and reading a finished run, shared by the command-line tests.
#![allow(dead_code)]

pub mod store;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `merklab` binary of this build with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_merklab"))
        .args(args)
        .output()
        .expect("run merklab")
}

/// Writes `text` to `dir/name` and returns the path as text, for an argument.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code (-1 when a signal ended the process).
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}
