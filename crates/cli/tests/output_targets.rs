//! `-o` by what the path names: devices and FIFOs are written through and stay
//! what they are, links stay links, a replaced file keeps its mode, a new file
//! follows the umask, a private key is always 0600, `-` is standard output, and
//! directories, dangling links and non-files for keys are refused with exit 2.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

const CERTIFICATE: &str = r#"{"type": "KYC", "issuer": "aleo1issuer", "name": "Alice"}"#;

/// Runs merklab under `sh` with `umask` set, so the modes of new files are known.
fn run_umask(umask: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .output()
        .expect("run merklab")
}

fn run(args: &[&str]) -> Output {
    run_umask("022", args)
}

fn certificate(dir: &Path) -> PathBuf {
    let path = dir.join("cert.json");
    fs::write(&path, CERTIFICATE).unwrap();
    path
}

fn issue_args<'a>(cert: &'a str, out: &'a str) -> Vec<&'a str> {
    vec!["zpass", "issue", cert, "--seed", "s", "-o", out]
}

/// The issued document as printed on standard output, with no `-o`.
fn expected_document(cert: &str) -> Vec<u8> {
    let o = run(&["zpass", "issue", cert, "--seed", "s"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.starts_with(b"{"));
    o.stdout
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn assert_refused(o: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains(needle),
        "{stderr}"
    );
}

#[test]
fn dev_null_is_written_through_and_stays_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    let o = run(&issue_args(cert.to_str().unwrap(), "/dev/null"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let meta = fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    assert_eq!(meta.permissions().mode() & 0o777, 0o666);
}

#[test]
fn a_fifo_is_written_through_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).expect("read the FIFO"))
    };
    let o = run(&issue_args(cert.to_str().unwrap(), fifo.to_str().unwrap()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let received = reader.join().unwrap();
    assert_eq!(received, expected_document(cert.to_str().unwrap()));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_link_is_followed_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    let target = dir.path().join("target.json");
    fs::write(&target, b"old\n").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("target.json", &link).unwrap();
    let o = run(&issue_args(cert.to_str().unwrap(), link.to_str().unwrap()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("target.json"));
    assert_eq!(
        fs::read(&target).unwrap(),
        expected_document(cert.to_str().unwrap())
    );
    assert_eq!(mode(&target), 0o640);
}

#[test]
fn a_dangling_link_and_a_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    let link = dir.path().join("dangling.json");
    std::os::unix::fs::symlink("missing.json", &link).unwrap();
    let o = run(&issue_args(cert.to_str().unwrap(), link.to_str().unwrap()));
    assert_refused(&o, "symbolic link to nothing");
    assert!(!dir.path().join("missing.json").exists());
    let o = run(&issue_args(
        cert.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ));
    assert_refused(&o, "is a directory");
}

#[test]
fn a_read_only_file_is_replaced_and_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    let out = dir.path().join("issued.json");
    fs::write(&out, b"old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(&issue_args(cert.to_str().unwrap(), out.to_str().unwrap()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        fs::read(&out).unwrap(),
        expected_document(cert.to_str().unwrap())
    );
    assert_eq!(mode(&out), 0o444);
}

#[test]
fn a_new_file_gets_0666_less_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    for (umask, expected) in [("022", 0o644), ("027", 0o640), ("000", 0o666)] {
        let out = dir.path().join(format!("new-{umask}.json"));
        let o = run_umask(
            umask,
            &issue_args(cert.to_str().unwrap(), out.to_str().unwrap()),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(mode(&out), expected, "umask {umask}");
    }
}

#[test]
fn a_private_key_is_0600_new_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("issuer.key");
    let o = run_umask("000", &["zpass", "keygen", "-o", key.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&key), 0o600);
    let first = fs::read(&key).unwrap();
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    let o = run_umask(
        "000",
        &["zpass", "keygen", "-o", key.to_str().unwrap(), "--force"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(mode(&key), 0o600);
    assert_ne!(fs::read(&key).unwrap(), first, "the key was not replaced");
}

#[test]
fn a_private_key_goes_only_to_a_file() {
    let o = run(&["zpass", "keygen", "-o", "/dev/null", "--force"]);
    assert_refused(&o, "only to a file");
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    let o = run(&["zpass", "keygen", "-o", "-"]);
    assert_refused(&o, "never to standard output");
    assert!(o.stdout.is_empty());
}

#[test]
fn a_dash_writes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let cert = certificate(dir.path());
    let o = run(&issue_args(cert.to_str().unwrap(), "-"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.stdout, expected_document(cert.to_str().unwrap()));
    assert!(!dir.path().join("-").exists());
}
