//! Arguments and documents refused before anything is signed or judged: quoted
//! predicate values, request lifetimes, verifier and subject addresses, Leo
//! predicates that do not fit their claim, text exports that would print extra
//! lines, exposed key files, empty seeds, and numbers named as written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{code, stderr, stdout};

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

/// 2026-01-01T00:00:00Z (`date -u -d 2026-01-01 +%s`).
const NOW: &str = "1767225600";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("MERKLAB_ISSUER_KEY")
        .env_remove("MERKLAB_VERIFIER_KEY")
        .env_remove("MERKLAB_HOLDER_KEY")
        .output()
        .expect("run merklab")
}

fn ok(o: Output) -> Output {
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    o
}

/// Exit 2 with one `error:` line on stderr containing `needle`.
fn bad_input(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err}");
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

struct Setup {
    dir: tempfile::TempDir,
    issuer: String,
    verifier: String,
}

impl Setup {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn keygen(dir: &Path, name: &str) -> String {
    let o = ok(run(&["zpass", "keygen", "-o", p(&dir.join(name))]));
    stdout(&o).trim().to_string()
}

/// Keys, and `signed.json`: a certificate with a string `name` and an integer `score`.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let issuer = keygen(dir.path(), "issuer.key");
    let holder = keygen(dir.path(), "holder.key");
    let verifier = keygen(dir.path(), "verifier.key");
    let cert = format!(
        r#"{{"type": "KYC", "issuer": "{issuer}", "subject": "{holder}", "name": "Alice", "score": 720}}"#
    );
    std::fs::write(dir.path().join("cert.json"), cert).unwrap();
    ok(run(&[
        "zpass",
        "issue",
        p(&dir.path().join("cert.json")),
        "--sign",
        p(&dir.path().join("issuer.key")),
        "-o",
        p(&dir.path().join("signed.json")),
    ]));
    Setup {
        dir,
        issuer,
        verifier,
    }
}

fn request(s: &Setup, extra: &[&str]) -> Output {
    let key = s.path("verifier.key");
    let mut args = vec!["request", "--key-file", p(&key), "--trust", &s.issuer];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn request_refuses_open_quotes_long_lifetimes_and_overflow() {
    let s = setup();
    bad_input(
        &request(&s, &["--predicate", "name == \"Alice"]),
        "unterminated string",
    );
    bad_input(
        &request(&s, &["--predicate", "name in [Bob, \"Alice]"]),
        "unterminated string",
    );
    let o = ok(request(&s, &["--predicate", "name == \"Alice\""]));
    assert!(
        stderr(&o).contains("require  name == \"Alice\""),
        "{}",
        stderr(&o)
    );

    // Ten years of 365 days is the longest lifetime; one second more is refused.
    let o = ok(request(&s, &["--ttl", "315360000", "--now", NOW]));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["expires_at"].as_u64(),
        Some(1_767_225_600 + 315_360_000)
    );
    bad_input(
        &request(&s, &["--ttl", "315360001", "--now", NOW]),
        "above the limit of 315360000",
    );
    bad_input(
        &request(&s, &["--ttl", "18446744073709551615"]),
        "--ttl 18446744073709551615",
    );
    bad_input(
        &request(&s, &["--ttl", "600", "--now", "18446744073709551200"]),
        "overflows",
    );
    let help = stdout(&ok(run(&["request", "--help"])));
    assert!(help.contains("315360000"), "{help}");
}

#[test]
fn check_with_a_malformed_verifier_address_is_bad_input() {
    let s = setup();
    let req = s.path("req.json");
    ok(request(
        &s,
        &["--disclose", "name", "--now", NOW, "-o", p(&req)],
    ));
    let pres = s.path("pres.json");
    ok(run(&[
        "present",
        p(&req),
        p(&s.path("signed.json")),
        "--key-file",
        p(&s.path("holder.key")),
        "--now",
        NOW,
        "-o",
        p(&pres),
    ]));
    bad_input(
        &run(&[
            "check",
            p(&req),
            p(&pres),
            "--now",
            NOW,
            "--verifier",
            "nope",
        ]),
        "--verifier",
    );
    // A well-formed address of someone else is a rejection, not bad input.
    let o = run(&[
        "check",
        p(&req),
        p(&pres),
        "--now",
        NOW,
        "--verifier",
        &s.issuer,
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    ok(run(&[
        "check",
        p(&req),
        p(&pres),
        "--now",
        NOW,
        "--verifier",
        &s.verifier,
    ]));
}

#[test]
fn present_json_without_output_prints_the_document_and_the_summary() {
    let s = setup();
    let req = s.path("req.json");
    ok(request(
        &s,
        &["--disclose", "name", "--now", NOW, "-o", p(&req)],
    ));
    let o = ok(run(&[
        "present",
        p(&req),
        p(&s.path("signed.json")),
        "--key-file",
        p(&s.path("holder.key")),
        "--now",
        NOW,
        "--json",
    ]));
    let document: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    assert_eq!(document["kind"], "merklab-zpass-presentation/1");
    let summary: serde_json::Value =
        serde_json::from_str(&stderr(&o)).expect("stderr is the JSON summary");
    assert_eq!(summary["nonce"], document["nonce"]);
    assert_eq!(summary["disclosed"][0], "name");
}

#[test]
fn export_text_refuses_values_that_would_print_another_line() {
    let s = setup();
    let cert = s.path("newline.json");
    std::fs::write(
        &cert,
        r#"{"type": "KYC", "issuer": "x", "name": "Alice\nscore:fake-salt 999"}"#,
    )
    .unwrap();
    let issued = s.path("newline-issued.json");
    ok(run(&[
        "zpass",
        "issue",
        p(&cert),
        "--seed",
        "s",
        "-o",
        p(&issued),
    ]));
    bad_input(&run(&["zpass", "export-text", p(&issued)]), "U+000A");
    let escape = s.path("escape.json");
    std::fs::write(
        &escape,
        r#"{"type": "KYC", "issuer": "x", "na\u001bme": "Alice"}"#,
    )
    .unwrap();
    let issued = s.path("escape-issued.json");
    ok(run(&[
        "zpass",
        "issue",
        p(&escape),
        "--seed",
        "s",
        "-o",
        p(&issued),
    ]));
    bad_input(&run(&["zpass", "export-text", p(&issued)]), "U+001B");
    // An ordinary certificate prints one line per claim.
    let o = ok(run(&["zpass", "export-text", p(&s.path("signed.json"))]));
    assert_eq!(stdout(&o).lines().count(), 5, "{}", stdout(&o));
}

#[test]
fn leo_predicate_checks_operator_claim_type_and_subject() {
    let s = setup();
    let signed = s.path("signed.json");
    let leo = |key: &str, expr: &str| {
        run(&[
            "zpass",
            "leo",
            p(&signed),
            "--key",
            key,
            "--predicate",
            expr,
        ])
    };
    bad_input(&leo("name", ">= 5"), "needs an integer claim");
    bad_input(&leo("name", "age>=18"), "needs an integer claim");
    bad_input(&leo("score", "== \"720\""), "compares with a string");
    bad_input(&leo("name", "== 5"), "compares with an integer");
    bad_input(&leo("score", "=> 5"), "does not start with an operator");
    bad_input(&leo("name", "score >= 700"), "condition on `score`");
    bad_input(&leo("name", "exists"), "key-inclusion proof");
    let o = ok(leo("score", ">= 700"));
    assert!(stdout(&o).contains("assert(value >= threshold);"));
    ok(leo("name", "!= \"Bob\""));

    for args in [
        vec!["--subject", "nope"],
        vec!["--subject", "aleo1qqqq", "--predicate", ">= 700"],
    ] {
        let mut all = vec!["zpass", "leo", p(&signed), "--key", "score"];
        all.extend(args);
        bad_input(&run(&all), "--subject");
    }
    let holder_address = {
        let o = ok(run(&["zpass", "keygen", "-o", p(&s.path("owner.key"))]));
        stdout(&o).trim().to_string()
    };
    let o = ok(run(&[
        "zpass",
        "leo",
        p(&signed),
        "--key",
        "score",
        "--subject",
        &holder_address,
    ]));
    assert!(
        stdout(&o).contains(&format!("issue inputs: {holder_address} ")),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let s = setup();
    let key = s.path("verifier.key");
    let o = ok(request(&s, &[]));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = ok(request(&s, &[]));
    let warnings: Vec<&str> = std::str::from_utf8(&o.stderr)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", stderr(&o));
    assert!(
        warnings[0].contains("verifier.key") && warnings[0].contains("0644"),
        "{}",
        warnings[0]
    );
    // The issuer's key behind `zpass issue --sign` is checked the same way.
    let issuer_key = s.path("issuer.key");
    std::fs::set_permissions(&issuer_key, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = ok(run(&[
        "zpass",
        "issue",
        p(&s.path("cert.json")),
        "--sign",
        p(&issuer_key),
    ]));
    assert!(stderr(&o).contains("0640"), "{}", stderr(&o));
}

#[test]
fn an_empty_seed_is_refused() {
    let s = setup();
    bad_input(
        &run(&["zpass", "issue", p(&s.path("cert.json")), "--seed", ""]),
        "--seed is empty",
    );
}

#[test]
fn numbers_in_flow_documents_are_named_as_written() {
    let s = setup();
    let req = s.path("req.json");
    ok(request(
        &s,
        &["--disclose", "name", "--now", NOW, "-o", p(&req)],
    ));
    let text = std::fs::read_to_string(&req).unwrap();
    let huge = format!("1{}", "0".repeat(98));
    let pres = s.path("pres.json");
    std::fs::write(&pres, "{}").unwrap();
    for (number, needle) in [
        (huge.as_str(), "the number 1000000000"),
        ("1e98", "the number 1e98 is not an integer"),
        ("1.50", "the number 1.50 is not an integer"),
        ("-5", "the number -5 is negative"),
    ] {
        let edited = text.replace(
            "\"issued_at\": 1767225600",
            &format!("\"issued_at\": {number}"),
        );
        assert_ne!(edited, text);
        let path = s.path("edited.json");
        std::fs::write(&path, edited).unwrap();
        let o = run(&["check", p(&path), p(&pres), "--now", NOW]);
        bad_input(&o, needle);
        assert!(stderr(&o).contains("issued_at"), "{}", stderr(&o));
    }
    let o = run(&["check", p(&s.path("edited.json")), p(&pres), "--now", NOW]);
    assert!(!stderr(&o).contains("1e98"));
}
