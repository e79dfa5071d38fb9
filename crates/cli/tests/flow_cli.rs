//! `merklab request`, `present`, `check` and `zpass leo --predicate` end to end:
//! exit codes, reasons, files, keys kept off the command line and out of the output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::code;

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

/// 2026-01-01T00:00:00Z (`date -u -d 2026-01-01 +%s`).
const NOW: &str = "1767225600";

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("MERKLAB_ISSUER_KEY")
        .env_remove("MERKLAB_VERIFIER_KEY")
        .env_remove("MERKLAB_HOLDER_KEY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run merklab")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> Output {
    assert_eq!(code(&o), 0, "{}", text(&o));
    o
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

struct Setup {
    dir: tempfile::TempDir,
    issuer: String,
}

impl Setup {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn secret(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name))
            .unwrap()
            .trim()
            .to_string()
    }

    /// A request by `verifier_key` for `name`, `dob age>=18`, `score >= min`, `email exists`.
    fn request(&self, verifier_key: &str, min: u32, out: &str) -> PathBuf {
        let score = format!("score >= {min}");
        ok(run(
            &[
                "request",
                "--key-file",
                p(&self.path(verifier_key)),
                "--trust",
                &self.issuer,
                "--disclose",
                "name",
                "--predicate",
                "dob age>=18",
                "--predicate",
                &score,
                "--predicate",
                "email exists",
                "--type",
                "KYC",
                "--now",
                NOW,
                "-o",
                p(&self.path(out)),
            ],
            &[],
        ));
        self.path(out)
    }

    fn present(&self, request: &Path, cert: &str, out: &str) -> PathBuf {
        ok(run(
            &[
                "present",
                p(request),
                p(&self.path(cert)),
                "--key-file",
                p(&self.path("holder.key")),
                "--now",
                NOW,
                "-o",
                p(&self.path(out)),
            ],
            &[],
        ));
        self.path(out)
    }

    fn check(&self, request: &Path, presentation: &Path, now: &str) -> Output {
        run(
            &["check", p(request), p(presentation), "--now", now, "--json"],
            &[],
        )
    }
}

fn keygen(dir: &Path, name: &str) -> String {
    let o = ok(run(&["zpass", "keygen", "-o", p(&dir.join(name))], &[]));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let issuer = keygen(dir.path(), "issuer.key");
    keygen(dir.path(), "rogue.key");
    let holder = keygen(dir.path(), "holder.key");
    keygen(dir.path(), "verifier.key");
    keygen(dir.path(), "verifier2.key");
    let cert = format!(
        r#"{{"type": "KYC", "issuer": "{issuer}", "subject": "{holder}", "name": "Alice",
            "dob": 1199145600, "score": 720, "email": "alice@example.org", "passport": "X1234567"}}"#
    );
    std::fs::write(dir.path().join("cert.json"), cert).unwrap();
    for (key, out) in [("issuer.key", "signed.json"), ("rogue.key", "rogue.json")] {
        ok(run(
            &[
                "zpass",
                "issue",
                p(&dir.path().join("cert.json")),
                "--sign",
                p(&dir.path().join(key)),
                "-o",
                p(&dir.path().join(out)),
            ],
            &[],
        ));
    }
    Setup { dir, issuer }
}

fn report(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("JSON report: {}", text(o)))
}

fn failed_reasons(o: &Output) -> Vec<String> {
    report(o)["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["reason"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_whole_flow_is_accepted_and_keys_stay_secret() {
    let s = setup();
    let req = s.request("verifier.key", 700, "req.json");
    let pres = s.present(&req, "signed.json", "pres.json");
    let o = ok(s.check(&req, &pres, NOW));
    let r = report(&o);
    assert_eq!(r["accepted"], true);
    assert!(failed_reasons(&o).is_empty());
    // Text output names each condition.
    let o = ok(run(&["check", p(&req), p(&pres), "--now", NOW], &[]));
    assert!(text(&o).starts_with("ACCEPTED"), "{}", text(&o));
    // Nothing beyond the request, and no private key, in any document.
    let presentation = std::fs::read_to_string(&pres).unwrap();
    for hidden in ["alice@example.org", "X1234567", "passport"] {
        assert!(!presentation.contains(hidden), "{hidden} leaked");
    }
    for key in ["issuer.key", "holder.key", "verifier.key"] {
        let secret = s.secret(key);
        for doc in [&req, &pres] {
            assert!(!std::fs::read_to_string(doc).unwrap().contains(&secret));
        }
    }
    // -o on check writes the JSON report.
    let out = s.path("report.json");
    ok(run(
        &["check", p(&req), p(&pres), "--now", NOW, "-o", p(&out)],
        &[],
    ));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(saved["accepted"], true);
}

#[test]
fn keys_come_from_the_environment_and_never_appear_in_output() {
    let s = setup();
    let verifier = s.secret("verifier.key");
    let holder = s.secret("holder.key");
    let o = ok(run(
        &[
            "request",
            "--trust",
            &s.issuer,
            "--predicate",
            "score > 1",
            "--json",
        ],
        &[("MERKLAB_VERIFIER_KEY", &verifier)],
    ));
    assert!(!text(&o).contains(&verifier));
    let req = s.path("env-req.json");
    std::fs::write(&req, &o.stdout).unwrap();
    let o = ok(run(
        &["present", p(&req), p(&s.path("signed.json")), "--json"],
        &[("MERKLAB_HOLDER_KEY", &holder)],
    ));
    assert!(!text(&o).contains(&holder));
    let pres = s.path("env-pres.json");
    std::fs::write(&pres, &o.stdout).unwrap();
    ok(run(&["check", p(&req), p(&pres)], &[]));
    // No key at all: bad input, and the message says where a key may come from.
    let o = run(&["request", "--trust", &s.issuer], &[]);
    assert_eq!(code(&o), 2);
    assert!(text(&o).contains("MERKLAB_VERIFIER_KEY"), "{}", text(&o));
}

#[test]
fn each_misuse_is_rejected_with_exit_1_and_its_reason() {
    let s = setup();
    let req = s.request("verifier.key", 700, "req.json");
    let pres = s.present(&req, "signed.json", "pres.json");

    let expect = |o: Output, reason: &str| {
        assert_eq!(code(&o), 1, "{}", text(&o));
        assert_eq!(report(&o)["accepted"], false);
        let reasons = failed_reasons(&o);
        assert!(
            reasons.iter().any(|r| r == reason),
            "{reason} not in {reasons:?}"
        );
        assert!(
            text(&o).contains(reason),
            "stderr names {reason}: {}",
            text(&o)
        );
    };

    // Expired: ten minutes and one second later.
    expect(s.check(&req, &pres, "1767226201"), "Expired");
    // Replayed to a new request of the same verifier (other nonce).
    let req2 = s.request("verifier.key", 700, "req2.json");
    expect(s.check(&req2, &pres, NOW), "NonceMismatch");
    // Replayed to another verifier.
    let req3 = s.request("verifier2.key", 700, "req3.json");
    expect(s.check(&req3, &pres, NOW), "WrongVerifier");
    // A certificate signed by an issuer the request does not trust.
    let rogue = s.present(&req, "rogue.json", "rogue-pres.json");
    expect(s.check(&req, &rogue, NOW), "UntrustedIssuer");
    // An unmet predicate: the score is 720.
    let strict = s.request("verifier.key", 800, "strict.json");
    let strict_pres = s.present(&strict, "signed.json", "strict-pres.json");
    expect(s.check(&strict, &strict_pres, NOW), "PredicateFailed");

    // Edited documents: a changed value fails its inclusion proof (and the holder binding).
    let original = std::fs::read_to_string(&pres).unwrap();
    let edited = original.replacen("\"value\": 720", "\"value\": 950", 1);
    assert_ne!(edited, original);
    let forged = s.path("forged.json");
    std::fs::write(&forged, edited).unwrap();
    let o = s.check(&req, &forged, NOW);
    assert!(failed_reasons(&o).contains(&"BadHolderBinding".to_string()));
    expect(o, "InclusionFailed");
    // A changed root fails the issuer signature.
    let v: serde_json::Value = serde_json::from_str(&original).unwrap();
    let root = v["root"].as_str().unwrap();
    let other_root = if root == "1u64" { "2u64" } else { "1u64" };
    std::fs::write(&forged, original.replace(root, other_root)).unwrap();
    expect(s.check(&req, &forged, NOW), "BadIssuerSignature");
}

#[test]
fn bad_input_exits_2() {
    let s = setup();
    let req = s.request("verifier.key", 700, "req.json");
    let pres = s.present(&req, "signed.json", "pres.json");
    let junk = s.path("junk.json");
    std::fs::write(&junk, "{not json").unwrap();
    for args in [
        vec!["check", p(&junk), p(&pres)],
        vec!["check", p(&req), p(&junk)],
        vec!["check", p(&req), p(&s.path("missing.json"))],
    ] {
        let o = run(&args, &[]);
        assert_eq!(code(&o), 2, "{args:?}: {}", text(&o));
        assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    }
    let o = run(
        &[
            "request",
            "--key-file",
            p(&s.path("verifier.key")),
            "--trust",
            &s.issuer,
            "--predicate",
            "score >= lots",
        ],
        &[],
    );
    assert_eq!(code(&o), 2, "{}", text(&o));
    // A request naming a key the certificate lacks: the holder cannot answer.
    let o = run(
        &[
            "request",
            "--key-file",
            p(&s.path("verifier.key")),
            "--trust",
            &s.issuer,
            "--disclose",
            "salary",
            "-o",
            p(&s.path("salary.json")),
        ],
        &[],
    );
    assert_eq!(code(&o), 0);
    let o = run(
        &[
            "present",
            p(&s.path("salary.json")),
            p(&s.path("signed.json")),
            "--key-file",
            p(&s.path("holder.key")),
        ],
        &[],
    );
    assert_eq!(code(&o), 2);
    assert!(text(&o).contains("salary"), "{}", text(&o));
}

#[test]
fn leo_predicate_export_writes_a_package_with_its_inputs() {
    let s = setup();
    let out = s.path("pkg");
    let o = ok(run(
        &[
            "zpass",
            "leo",
            p(&s.path("signed.json")),
            "--key",
            "score",
            "--predicate",
            ">= 700",
            "-o",
            p(&out),
        ],
        &[],
    ));
    assert!(
        text(&o).contains("leo run prove_score_gte "),
        "{}",
        text(&o)
    );
    let source = std::fs::read_to_string(out.join("src/main.leo")).unwrap();
    assert!(source.contains("program zpass_score_gte.aleo"));
    assert!(source.contains("assert(value >= threshold);"));
    assert!(!source.contains("720"), "the value must not be a constant");
    let inputs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("inputs.json")).unwrap()).unwrap();
    let threshold = &inputs["inputs"][2];
    assert_eq!(threshold["name"], "threshold");
    assert_eq!(threshold["visibility"], "public");
    assert_eq!(threshold["value"], "700field");
    assert_eq!(inputs["inputs"][4]["value"], "720field");
    assert_eq!(inputs["inputs"][4]["visibility"], "private");
    // Membership has no single-threshold program.
    let o = run(
        &[
            "zpass",
            "leo",
            p(&s.path("signed.json")),
            "--key",
            "name",
            "--predicate",
            "in [Alice, Bob]",
        ],
        &[],
    );
    assert_eq!(code(&o), 2, "{}", text(&o));
}
