//! `merklab zpass` end to end: exit codes, files, signatures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{code, stderr, stdout};

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("MERKLAB_ISSUER_KEY")
        .output()
        .expect("run merklab")
}

fn run_env(args: &[&str], key: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .env("MERKLAB_ISSUER_KEY", key)
        .output()
        .expect("run merklab")
}

fn seed_record() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/zpass-seed-certificate.json")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn json_field(text: &str, field: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(text).expect("JSON output");
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("no {field} in {text}"))
        .to_string()
}

#[test]
fn root_of_the_seed_certificate() {
    let o = run(&["zpass", "root", p(&seed_record())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The root ARC-0102's Test Cases give for this certificate.
    assert_eq!(stdout(&o).trim(), "7849773981907115583u64");
    let o = run(&["zpass", "root", p(&seed_record()), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["leaves"].as_array().unwrap().len(), 4);
    assert_eq!(v["leaves"][0], "1977705045598954156u64");
}

#[test]
fn prove_then_verify_the_dob_proof() {
    let dir = tempfile::tempdir().unwrap();
    let proof = dir.path().join("dob.json");
    let o = run(&[
        "zpass",
        "prove",
        p(&seed_record()),
        "--key",
        "dob",
        "--json",
        "-o",
        p(&proof),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // With -o, --json writes the file only.
    assert_eq!(stdout(&o), "");
    let text = std::fs::read_to_string(&proof).unwrap();
    assert!(
        text.contains("\"proof\": [\"3493762364786270799u64\", \"16628724507032849692u64\"]"),
        "{text}"
    );
    assert!(
        text.contains("7553963441159233578u64"),
        "key identifier: {text}"
    );
    assert!(text.contains("0u64, 0u64]"), "padded Leo literal: {text}");
    let ok = run(&[
        "zpass",
        "verify",
        p(&proof),
        "--root",
        "7849773981907115583u64",
    ]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    let bad = run(&[
        "zpass",
        "verify",
        p(&proof),
        "--root",
        "7849773981907115584u64",
    ]);
    assert_eq!(code(&bad), 1, "{}", stderr(&bad));
    let no_root = run(&["zpass", "verify", p(&proof)]);
    assert_eq!(code(&no_root), 2);
    // Key inclusion hides salt and value.
    let o = run(&[
        "zpass",
        "prove",
        p(&seed_record()),
        "--key",
        "dob",
        "--key-inclusion",
        "--json",
    ]);
    assert!(!stdout(&o).contains("03dff77c"), "{}", stdout(&o));
    let unknown = run(&["zpass", "prove", p(&seed_record()), "--key", "nope"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("nope"));
}

#[test]
fn sign_and_verify_and_every_tamper_fails() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("issuer.key");
    let other_key = dir.path().join("other.key");
    let o = run(&["zpass", "keygen", "-o", p(&key)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let address = stdout(&o).trim().to_string();
    assert!(address.starts_with("aleo1"), "{address}");
    let secret = std::fs::read_to_string(&key).unwrap();
    assert!(secret.starts_with("APrivateKey1"));
    assert!(!stdout(&o).contains(secret.trim()) && !stderr(&o).contains(secret.trim()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // keygen refuses to overwrite, and leaves the key as it was.
    let again = run(&["zpass", "keygen", "-o", p(&key)]);
    assert_eq!(code(&again), 2);
    assert_eq!(std::fs::read_to_string(&key).unwrap(), secret);
    let other = run(&["zpass", "keygen", "-o", p(&other_key)]);
    let other_address = stdout(&other).trim().to_string();

    let root = "7849773981907115583u64";
    let s = run(&["zpass", "sign", "--root", root, "--key-file", p(&key)]);
    assert_eq!(code(&s), 0, "{}", stderr(&s));
    assert!(!stdout(&s).contains(secret.trim()));
    let signature = json_field(&stdout(&s), "signature");
    assert_eq!(json_field(&stdout(&s), "issuer_address"), address);
    // The same key from the environment signs too.
    let s_env = run_env(&["zpass", "sign", "--root", root], secret.trim());
    assert_eq!(code(&s_env), 0, "{}", stderr(&s_env));
    let signature_env = json_field(&stdout(&s_env), "signature");

    let verify = |root: &str, address: &str, signature: &str| {
        code(&run(&[
            "zpass",
            "verify",
            "--root",
            root,
            "--address",
            address,
            "--signature",
            signature,
        ]))
    };
    assert_eq!(verify(root, &address, &signature), 0);
    assert_eq!(verify(root, &address, &signature_env), 0);
    assert_eq!(
        verify("7849773981907115584u64", &address, &signature),
        1,
        "changed root"
    );
    assert_eq!(
        verify(root, &other_address, &signature),
        1,
        "changed address"
    );
    let foreign = run(&["zpass", "sign", "--root", root, "--key-file", p(&other_key)]);
    assert_eq!(
        verify(root, &address, &json_field(&stdout(&foreign), "signature")),
        1,
        "another key's signature"
    );
    // A character changed inside the signature: malformed (2) or not matching (1), never accepted.
    let mut chars: Vec<char> = signature.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'q' { 'p' } else { 'q' };
    let mangled: String = chars.into_iter().collect();
    assert_ne!(verify(root, &address, &mangled), 0, "changed signature");

    // The signature document itself verifies.
    let sig_doc = dir.path().join("sig.json");
    std::fs::write(&sig_doc, stdout(&s)).unwrap();
    assert_eq!(code(&run(&["zpass", "verify", p(&sig_doc)])), 0);
    assert_eq!(
        code(&run(&["zpass", "verify", p(&sig_doc), "--root", "1u64"])),
        1
    );
}

#[test]
fn issue_signed_then_disclose_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("issuer.key");
    assert_eq!(code(&run(&["zpass", "keygen", "-o", p(&key)])), 0);
    let owner = run(&["zpass", "keygen", "-o", p(&dir.path().join("owner.key"))]);
    let owner = stdout(&owner).trim().to_string();
    let input = dir.path().join("cert.yaml");
    std::fs::write(
        &input,
        "type: KYC\nissuer: aleo123456\nname: Alice\ndob: 1737213145\naddress:\n  city: Oslo\n  zip: 150\ntags: [a, b]\nmetadata:\n  note: kept\n",
    )
    .unwrap();
    let cert = dir.path().join("issued.json");
    let o = run(&[
        "zpass",
        "issue",
        p(&input),
        "--seed",
        "s3cret",
        "--sign",
        p(&key),
        "-o",
        p(&cert),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&cert).unwrap();
    assert!(text.contains("\"tags[],1\""), "{text}");
    assert!(text.contains("\"note\": \"kept\""), "{text}");
    let root = json_field(&text, "root");
    // Seeded issuing is deterministic (signatures aside).
    let o2 = run(&["zpass", "issue", p(&input), "--seed", "s3cret"]);
    assert_eq!(json_field(&stdout(&o2), "root"), root);
    let sdk = run(&[
        "zpass",
        "issue",
        p(&input),
        "--seed",
        "s3cret",
        "--sdk-arrays",
    ]);
    assert!(stdout(&sdk).contains("\"tags,1\""));

    assert_eq!(code(&run(&["zpass", "verify", p(&cert)])), 0);
    let disclosure = dir.path().join("disclosure.json");
    let d = run(&[
        "zpass",
        "disclose",
        p(&cert),
        "--reveal",
        "dob,address,city",
        "-o",
        p(&disclosure),
    ]);
    assert_eq!(code(&d), 0, "{}", stderr(&d));
    let dtext = std::fs::read_to_string(&disclosure).unwrap();
    assert!(
        !dtext.contains("Alice") && dtext.contains("\"private\""),
        "{dtext}"
    );
    let v = run(&["zpass", "verify", p(&disclosure), "--root", &root]);
    assert_eq!(code(&v), 0, "{}", stderr(&v));
    assert!(stdout(&v).contains("signature OK"), "{}", stdout(&v));
    // Tamper with the revealed value.
    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, dtext.replace("1737213145", "1737213146")).unwrap();
    assert_eq!(
        code(&run(&["zpass", "verify", p(&tampered), "--root", &root])),
        1
    );
    // Proofs and Leo export work from the disclosure for revealed keys.
    let leo_dir = dir.path().join("leo");
    let l = run(&[
        "zpass",
        "leo",
        p(&disclosure),
        "--key",
        "dob",
        "--subject",
        &owner,
        "-o",
        &format!("{}/", p(&leo_dir)),
    ]);
    assert_eq!(code(&l), 0, "{}", stderr(&l));
    let src = std::fs::read_to_string(leo_dir.join("src/main.leo")).unwrap();
    assert!(
        src.contains("fn verify_dob(") && src.contains(&format!("const ROOT: u64 = {root};")),
        "{src}"
    );
    assert!(src.contains("@noupgrade"));
    assert!(stdout(&l).contains("leo run verify_dob "), "{}", stdout(&l));
    assert!(
        stdout(&l).contains(&format!("issue inputs: {owner} aleo1")),
        "{}",
        stdout(&l)
    );
    let t = run(&["zpass", "export-text", p(&disclosure)]);
    assert!(stdout(&t)
        .lines()
        .any(|l| l.starts_with("dob:") && l.ends_with(" 1737213145")));
}

#[test]
fn bad_input_exits_2_and_leaves_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "precious").unwrap();
    let cases = [
        (r#"{"type":"KYC","issuer":"i","height":1.75}"#, "height"),
        (r#"{"type":"KYC","issuer":"i","n":-1}"#, "`n`"),
        (r#"{"type":"KYC","issuer":"i","z":null}"#, "`z`"),
        (
            r#"{"type":"KYC","issuer":"i","b":8444461749428370424248824938781546531375899335154063827935233455917409239041}"#,
            "`b`",
        ),
        (r#"{"type":"KYC","issuer":"i","a":{"b":1},"a,b":2}"#, "a,b"),
        (r#"{"issuer":"i"}"#, "type"),
        (r#"{"type":"KYC"}"#, "issuer"),
    ];
    for (i, (text, needle)) in cases.iter().enumerate() {
        let input = dir.path().join(format!("in{i}.json"));
        std::fs::write(&input, text).unwrap();
        let o = run(&["zpass", "issue", p(&input), "-o", p(&out)]);
        assert_eq!(code(&o), 2, "{text}");
        let err = stderr(&o);
        assert!(
            err.contains(needle) && err.lines().count() == 1,
            "{text}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    }
    let spaced = dir.path().join("spaced.json");
    std::fs::write(
        &spaced,
        r#"{"type":{"salt":"a b","value":"KYC"},"issuer":{"salt":"c","value":"i"}}"#,
    )
    .unwrap();
    let o = run(&["zpass", "root", p(&spaced)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("`type`"), "{}", stderr(&o));
    let o = run(&["zpass", "sign", "--root", "1u64"]);
    assert_eq!(code(&o), 2, "no key anywhere");
    let o = run_env(&["zpass", "sign", "--root", "1u64"], "not-a-key");
    assert_eq!(code(&o), 2);
    assert!(
        !stderr(&o).contains("not-a-key"),
        "the secret is never echoed"
    );
}

#[test]
fn demo_prints_the_seed_root() {
    let o = run(&["demo"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("7849773981907115583u64"),
        "{}",
        stdout(&o)
    );
}

/// Anyone can re-sign an edited certificate with their own key: without
/// `--address`, verify accepts the signature but says the signer is not pinned.
#[test]
fn verify_says_when_the_signer_is_not_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let keygen = |name: &str| {
        let o = run(&["zpass", "keygen", "-o", p(&dir.path().join(name))]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o).trim().to_string()
    };
    let issuer = keygen("issuer.key");
    let rogue = keygen("rogue.key");
    let cert = dir.path().join("cert.json");
    std::fs::write(
        &cert,
        r#"{"type": "KYC", "issuer": "aleo1issuer", "score": 900}"#,
    )
    .unwrap();
    let signed = dir.path().join("signed.json");
    let rogue_key = dir.path().join("rogue.key");
    let o = run(&[
        "zpass",
        "issue",
        p(&cert),
        "--sign",
        p(&rogue_key),
        "-o",
        p(&signed),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = run(&["zpass", "verify", p(&signed)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let line = stdout(&o).lines().last().unwrap_or_default().to_string();
    assert!(line.starts_with("signature OK"), "{line}");
    assert!(
        line.contains(&rogue) && line.contains("signer not pinned"),
        "{line}"
    );

    let o = run(&["zpass", "verify", p(&signed), "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["signer"], serde_json::json!(rogue));
    assert_eq!(v["signer_pinned"], serde_json::json!(false));
    assert_eq!(v["root_pinned"], serde_json::json!(false));

    let o = run(&["zpass", "verify", p(&signed), "--address", &issuer]);
    assert_eq!(
        code(&o),
        1,
        "pinning the real issuer rejects the rogue signature"
    );

    let o = run(&["zpass", "verify", p(&signed), "--address", &rogue, "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["signer_pinned"], serde_json::json!(true));
    let o = run(&["zpass", "verify", p(&signed), "--address", &rogue]);
    assert!(!stdout(&o).contains("not pinned"), "{}", stdout(&o));
}

/// `issue --proofs` writes, beside the certificate, the bundle that `prove --all` makes
/// from that certificate, and refuses to aim both outputs at one file.
#[test]
fn issue_with_proofs_writes_what_prove_all_writes() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record.json");
    std::fs::write(
        &record,
        r#"{"type": "KYC", "issuer": "aleo1issuer", "dob": 1737213145,
            "address": {"city": "Paris"}, "name": "Alice"}"#,
    )
    .unwrap();
    let (issued, proofs) = (
        dir.path().join("issued.json"),
        dir.path().join("proofs.json"),
    );
    let o = run(&[
        "zpass",
        "issue",
        p(&record),
        "--seed",
        "s",
        "-o",
        p(&issued),
        "--proofs",
        p(&proofs),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let all = run(&["zpass", "prove", p(&issued), "--all", "--json"]);
    assert_eq!(code(&all), 0, "{}", stderr(&all));
    let from_prove: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    let from_issue: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&proofs).unwrap()).unwrap();
    assert_eq!(from_issue, from_prove);
    assert_eq!(from_issue.as_array().map(Vec::len), Some(5));

    let before = std::fs::read(&issued).unwrap();
    let o = run(&[
        "zpass",
        "issue",
        p(&record),
        "-o",
        p(&issued),
        "--proofs",
        p(&issued),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--proofs and -o both name"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&issued).unwrap(), before);
}

/// Every proof from one process: the bundle holds, for each claim, exactly the document
/// a single `--key` run writes, and `verify` checks the bundle as a whole.
#[test]
fn prove_all_and_keys_write_one_bundle_of_single_proofs() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record.json");
    std::fs::write(
        &record,
        r#"{"type": "KYC", "issuer": "aleo1issuer", "dob": 1737213145,
            "address": {"city": "Paris", "zip": "75001"}, "name": "Alice"}"#,
    )
    .unwrap();
    let issued = dir.path().join("issued.json");
    let o = run(&[
        "zpass",
        "issue",
        p(&record),
        "--seed",
        "s",
        "-o",
        p(&issued),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let root = stdout(&run(&["zpass", "root", p(&issued)]))
        .trim()
        .to_string();

    let all = run(&["zpass", "prove", p(&issued), "--all", "--json"]);
    assert_eq!(code(&all), 0, "{}", stderr(&all));
    let bundle: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    let proofs = bundle.as_array().expect("a JSON array of proofs");
    let keys: Vec<&str> = proofs.iter().map(|p| p["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "type",
            "issuer",
            "dob",
            "address,city",
            "address,zip",
            "name"
        ]
    );
    for proof in proofs {
        let key = proof["key"].as_str().unwrap();
        let single = run(&["zpass", "prove", p(&issued), "--key", key, "--json"]);
        let single: serde_json::Value = serde_json::from_str(&stdout(&single)).unwrap();
        assert_eq!(proof, &single, "{key}");
    }

    // --keys matches nested keys whole; -o with --json writes the file only.
    let file = dir.path().join("bundle.json");
    let o = run(&[
        "zpass",
        "prove",
        p(&issued),
        "--keys",
        "dob,address,city",
        "--key-inclusion",
        "--json",
        "-o",
        p(&file),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let kinds: Vec<(&str, &str)> = written
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["key"].as_str().unwrap(), p["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("dob", "arc0102-key-proof"),
            ("address,city", "arc0102-key-proof")
        ]
    );
    let ok = run(&["zpass", "verify", p(&file), "--root", &root, "--json"]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    assert_eq!(json_field(&stdout(&ok), "verified"), "proofs");

    // One altered proof rejects the bundle.
    let mut tampered = written.clone();
    tampered[1]["leaf"] = serde_json::json!("1u64");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, tampered.to_string()).unwrap();
    let o = run(&["zpass", "verify", p(&bad), "--root", &root]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));

    // A key named twice is proven once.
    let o = run(&[
        "zpass",
        "prove",
        p(&issued),
        "--keys",
        "dob,name,dob",
        "--json",
    ]);
    let twice: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys: Vec<&str> = twice
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["dob", "name"]);

    // Unknown keys, empty bundles and conflicting selections are input errors.
    let o = run(&["zpass", "prove", p(&issued), "--keys", "dob,nope"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("--keys: the certificate has no key `nope`"),
        "{}",
        stderr(&o)
    );
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "[]").unwrap();
    let o = run(&["zpass", "verify", p(&empty), "--root", &root]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = run(&["zpass", "prove", p(&issued), "--all", "--key", "dob"]);
    assert_eq!(code(&o), 2);
}
