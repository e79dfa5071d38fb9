//! Runs every shell block of README.md and docs/flows.md as a reader would paste
//! it: the blocks of one document in order, in one `bash -euo pipefail` session
//! in a fresh empty folder (so later blocks see earlier files and variables),
//! with the built `merklab` first on the `PATH`. Each command must exit 0, and
//! the outcome a command's comment claims is checked by the entry for that
//! command in [`EXPECT`], so a documentation edit that breaks a claim fails here.
//!
//! `cargo run -p merklab-cli --` (with or without `--release`) becomes the built
//! binary. `cargo run --example zpass_flow` becomes the example `cargo test
//! --workspace` builds next to this test's binaries; when it is missing or older
//! than its sources (`cargo test -p merklab-cli` does not build the root
//! package's examples), the test builds it first with `cargo build -p merklab
//! --example zpass_flow`. Any other `cargo` command must be in [`NOT_RUN`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The documents whose shell blocks run, relative to the workspace root.
const DOCUMENTS: &[&str] = &["README.md", "docs/flows.md"];

/// Commands shown but not run, matched on the exact command text (comment
/// removed); each must still appear in the documents, so the list stays current.
const NOT_RUN: &[(&str, &str)] = &[
    // The command running this test: running it here would recurse.
    ("./test.sh", "runs this test"),
    // A release build (minutes), and timings that a test build would make meaningless.
    (
        "cargo run --release -p merklab-cli -- bench",
        "a release benchmark",
    ),
    // Needs Leo 4.0.2 installed, and is a test run of its own.
    (
        "LEO=/path/to/leo cargo test -p merklab-zpass --test flow -- --ignored",
        "needs an installed Leo",
    ),
];

/// Documentation prefixes replaced by the built binary.
const MERKLAB_PREFIXES: &[&str] = &[
    "cargo run --release -p merklab-cli -- ",
    "cargo run -p merklab-cli -- ",
];

/// The example invocation replaced by the built example.
const EXAMPLE_COMMAND: &str = "cargo run --example zpass_flow";

/// The profiles README.md's table lists; `audit` has a row for each.
const PROFILES: &[&str] = &[
    "rfc6962",
    "openzeppelin",
    "bitcoin",
    "snarkvm-bhp",
    "snarkvm-poseidon",
    "arc0102",
    "lean-imt",
    "plonky3-mmcs",
    "miden",
];

/// Bound on one document's run; a hang fails the test instead of stalling it.
const TIME_LIMIT: Duration = Duration::from_secs(600);

/// What one command left behind.
struct Ran<'a> {
    /// The folder the document's blocks run in.
    dir: &'a Path,
    stdout: &'a str,
}

type Check = fn(&Ran) -> Result<(), String>;

/// The outcome each commented command claims, keyed by its document and its
/// exact text (comment removed, blanks and continuation lines made one space).
/// A command with a comment must have an entry; every entry must match a command.
const EXPECT: &[(&str, &str, Check)] = &[
    // README.md: two commands.
    ("README.md", "cargo run -p merklab-cli -- demo", |r| {
        // The ARC-0102 sample certificate's root as the specification gives it.
        contains(r.stdout, "7849773981907115583u64")
    }),
    // README.md: ARC-0102 certificates.
    ("README.md", "ISSUER=$(merklab zpass keygen -o issuer.key)", |r| {
        private_key_file(r.dir, "issuer.key")
    }),
    ("README.md", "HOLDER=$(merklab zpass keygen -o holder.key)", |r| {
        private_key_file(r.dir, "holder.key")
    }),
    ("README.md", "cat > cert.json <<JSON", |r| {
        let cert = json_file(r.dir, "cert.json")?;
        let issuer = address_member(&cert, "issuer")?;
        let subject = address_member(&cert, "subject")?;
        if issuer == subject {
            return Err("the issuer is its own subject".into());
        }
        Ok(())
    }),
    (
        "README.md",
        "merklab zpass issue cert.json --sign issuer.key -o issued.json",
        |r| signed_by_cert_issuer(r.dir),
    ),
    ("README.md", "merklab zpass root issued.json", |r| {
        u64_literal(r.stdout.trim()).map(|_| ())
    }),
    ("README.md", "merklab zpass prove issued.json --key dob", |r| {
        // The Leo proof is a 32-entry `[..u64, ...]` array.
        let leo = r
            .stdout
            .lines()
            .filter_map(|l| l.split_once('[').and_then(|(_, rest)| rest.split_once(']')))
            .map(|(inside, _)| inside.split(',').count())
            .max()
            .unwrap_or(0);
        if leo != 32 {
            return Err(format!("no 32-entry proof array (longest {leo})"));
        }
        contains(r.stdout, "key identifier")?;
        contains(r.stdout, "leaf")
    }),
    (
        "README.md",
        "merklab zpass prove issued.json --key dob --key-inclusion --json > dob.json",
        |r| {
            let proof = std::fs::read_to_string(r.dir.join("dob.json")).map_err(|e| e.to_string())?;
            serde_json::from_str::<Value>(&proof).map_err(|e| format!("dob.json: {e}"))?;
            let claim = issued_claim(r.dir, "dob")?;
            for (what, secret) in [("salt", &claim.0), ("value", &claim.1)] {
                if proof.contains(secret.as_str()) {
                    return Err(format!("dob.json reveals the {what} {secret}"));
                }
            }
            Ok(())
        },
    ),
    (
        "README.md",
        "merklab zpass prove issued.json --keys dob,name,address,city --json -o proofs.json",
        |r| {
            if !r.stdout.is_empty() {
                return Err(format!("-o with --json printed {:?}", r.stdout));
            }
            let proofs = json_file(r.dir, "proofs.json")?;
            let keys: Vec<&str> = proofs
                .as_array()
                .ok_or("proofs.json is not one JSON array")?
                .iter()
                .filter_map(|p| p["key"].as_str())
                .collect();
            if keys != ["dob", "name", "address,city"] {
                return Err(format!("proofs.json proves {keys:?}"));
            }
            Ok(())
        },
    ),
    (
        "README.md",
        "merklab zpass issue cert.json -o other.json --proofs every.json",
        |r| {
            // A new certificate, and a proof of each of its claims opening that certificate.
            let issued = json_file(r.dir, "other.json")?;
            let claims = issued["certificate"]
                .as_object()
                .ok_or("other.json has no certificate object")?;
            let proofs = json_file(r.dir, "every.json")?;
            let proofs = proofs.as_array().ok_or("every.json is not one JSON array")?;
            let root = issued["root"].as_str().ok_or("other.json has no root")?;
            if proofs.len() < claims.len() || proofs.iter().any(|p| p["root"].as_str() != Some(root)) {
                return Err(format!(
                    "every.json holds {} proofs for {} top-level claims, or a proof of another root",
                    proofs.len(),
                    claims.len()
                ));
            }
            Ok(())
        },
    ),
    (
        "README.md",
        "merklab zpass disclose issued.json --reveal name -o disclosed.json",
        |r| {
            let text =
                std::fs::read_to_string(r.dir.join("disclosed.json")).map_err(|e| e.to_string())?;
            let disclosed: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let issued = json_file(r.dir, "issued.json")?;
            let claims = issued["certificate"].as_object().ok_or("no claims")?;
            let shown = disclosed["certificate"].as_object().ok_or("no certificate")?;
            if shown["name"]["value"] != "Alice" {
                return Err("`name` is not revealed".into());
            }
            // The revealed claims are `name` plus the `type` and `issuer` every
            // key identifier is built from; each other claim is one private leaf.
            let hidden: Vec<&String> = claims
                .keys()
                .filter(|k| !["name", "type", "issuer"].contains(&k.as_str()))
                .collect();
            let private = shown.get("private").and_then(Value::as_array).map_or(0, Vec::len);
            if private != hidden.len() {
                return Err(format!("{private} private leaves for {} hidden claims", hidden.len()));
            }
            for key in hidden {
                let (salt, _) = issued_claim(r.dir, key)?;
                if shown.contains_key(key.as_str()) || text.contains(&salt) {
                    return Err(format!("disclosed.json reveals `{key}`"));
                }
            }
            Ok(())
        },
    ),
    (
        "README.md",
        "merklab zpass verify disclosed.json --address \"$ISSUER\"",
        |r| {
            let issued = json_file(r.dir, "issued.json")?;
            let signer = address_member(&issued, "issuer_address")?;
            contains(r.stdout, &signer)?;
            contains(r.stdout, &u64_literal_of(&issued["root"])?)
        },
    ),
    (
        "README.md",
        "merklab zpass leo issued.json --key dob -o verify_dob/",
        |r| {
            leo_package(r.dir, "verify_dob")?;
            contains(r.stdout, "leo run verify_dob")
        },
    ),
    // README.md: issuer, holder, verifier.
    ("README.md", EXAMPLE_COMMAND, |r| accepted(r.stdout)),
    (
        "README.md",
        "merklab check request.json presentation.json --verifier \"$VERIFIER\"",
        |r| accepted(r.stdout),
    ),
    (
        "README.md",
        "merklab zpass leo issued.json --key dob --predicate \"age>=18\" -o dob_age/",
        |r| {
            leo_package(r.dir, "dob_age")?;
            let source = std::fs::read_to_string(r.dir.join("dob_age/src/main.leo"))
                .map_err(|e| e.to_string())?;
            contains(&source, "private value")?;
            let (_, dob) = issued_claim(r.dir, "dob")?;
            if source.contains(&dob) {
                return Err(format!("the program holds the date of birth {dob}"));
            }
            Ok(())
        },
    ),
    (
        "README.md",
        "cargo run --release -p merklab-cli -- audit",
        |r| {
            for column in [
                "digest bits",
                "collision",
                "preimage",
                "encoder injective",
                "domain separation",
            ] {
                contains(r.stdout, column)?;
            }
            for profile in PROFILES {
                if !r.stdout.lines().any(|l| l.split_whitespace().nth(1) == Some(profile)) {
                    return Err(format!("no row for the profile {profile}"));
                }
            }
            Ok(())
        },
    ),
    // README.md: profiles, each against its ecosystem's published root.
    (
        "README.md",
        "merklab tree root --profile rfc6962 --leaves ct.txt",
        |r| {
            // RFC 6962's reference test tree of 8 leaves (Certificate Transparency).
            same_line(
                r.stdout,
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
            )
        },
    ),
    (
        "README.md",
        "merklab tree root --profile openzeppelin --leaf-type address,uint256 --leaves values.txt --dump tree.json",
        |r| {
            // The root in OpenZeppelin merkle-tree's README example.
            same_line(
                r.stdout,
                "0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77",
            )?;
            let dump = json_file(r.dir, "tree.json")?;
            match dump["format"].as_str() {
                Some("standard-v1") => Ok(()),
                other => Err(format!("tree.json format {other:?}")),
            }
        },
    ),
    (
        "README.md",
        "merklab tree prove --profile openzeppelin --leaves tree.json --index 0,1 -o multi.json",
        |r| {
            let file = json_file(r.dir, "multi.json")?;
            let multi = file.get("multiproof").unwrap_or(&file);
            for member in ["leaves", "proof", "proofFlags"] {
                if !multi[member].is_array() {
                    return Err(format!("multi.json has no `{member}` list"));
                }
            }
            Ok(())
        },
    ),
    (
        "README.md",
        "merklab tree root --profile lean-imt --leaves members.txt",
        |r| {
            // @zk-kit/lean-imt 2.2.5's root of [1, 2, 3] over poseidon-lite's Poseidon.
            same_line(
                r.stdout,
                "13816780880028945690020260331303642730075999758909899334839547418969502592169",
            )
        },
    ),
    (
        "README.md",
        "merklab tree root --profile miden --leaves words.txt",
        |r| {
            // miden-crypto 0.28.1's published root of an empty tree of depth 1
            // (`EMPTY_SUBTREES` in src/merkle/empty_roots.rs), as Word::to_hex prints it.
            same_line(
                r.stdout,
                "0x36f89f79b9a8315b084b0fe64f1785e37c76508de86b2ce8e28189a1b6f37827",
            )
        },
    ),
    (
        "README.md",
        "merklab tree root --profile bitcoin --leaves block.txt",
        |r| {
            // Block 100000's merkle root, in display order.
            same_line(
                r.stdout,
                "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766",
            )
        },
    ),
    (
        "README.md",
        "merklab tree root --profile arc0102 --leaves claims.txt",
        |r| {
            // The root of the ARC-0102 specification's example.
            same_line(r.stdout, "7849773981907115583u64")
        },
    ),
    // docs/flows.md: from the command line.
    (
        "docs/flows.md",
        "ISSUER=$(merklab zpass keygen -o issuer.key)",
        |r| {
            for key in ["issuer.key", "holder.key", "verifier.key"] {
                if key == "issuer.key" || r.dir.join(key).exists() {
                    private_key_file(r.dir, key)?;
                }
            }
            Ok(())
        },
    ),
    (
        "docs/flows.md",
        "merklab zpass issue cert.json --sign issuer.key -o issued.json",
        |r| signed_by_cert_issuer(r.dir),
    ),
    (
        "docs/flows.md",
        "merklab check request.json presentation.json --verifier \"$VERIFIER\"",
        |r| accepted(r.stdout),
    ),
    (
        "docs/flows.md",
        "merklab present request.json issued.json --key-file holder.key -o presentation.json",
        |r| {
            let p = json_file(r.dir, "presentation.json")?;
            let keys = |member: &str| -> BTreeSet<String> {
                p[member]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d["key"].as_str().map(str::to_string))
                    .collect()
            };
            let disclosed = keys("disclosed");
            let included = keys("included");
            let want: BTreeSet<String> = ["name", "dob", "country", "score", "subject"]
                .map(String::from)
                .into();
            if disclosed != want || included != BTreeSet::from(["email".to_string()]) {
                return Err(format!("disclosed {disclosed:?}, key only {included:?}"));
            }
            Ok(())
        },
    ),
    (
        "docs/flows.md",
        "merklab zpass leo issued.json --key dob --predicate \"age>=18\" -o dob_age",
        |r| {
            leo_package(r.dir, "dob_age")?;
            if !r.dir.join("dob_age/inputs.json").is_file() {
                return Err("dob_age/inputs.json was not written".into());
            }
            contains(r.stdout, "leo run prove_dob_lte")
        },
    ),
];

/// The key of a command in [`EXPECT`]: its text with runs of blanks made one space.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains(haystack: &str, needle: &str) -> Result<(), String> {
    if haystack.contains(needle) {
        Ok(())
    } else {
        Err(format!("the output lacks {needle:?}"))
    }
}

/// Some output line is exactly `expected`.
fn same_line(stdout: &str, expected: &str) -> Result<(), String> {
    if stdout.lines().any(|l| l.trim() == expected) {
        Ok(())
    } else {
        Err(format!("no line {expected:?} in {:?}", stdout.trim()))
    }
}

/// The first line says ACCEPTED and no condition failed.
fn accepted(stdout: &str) -> Result<(), String> {
    if !stdout
        .lines()
        .any(|l| l.trim_start().starts_with("ACCEPTED"))
    {
        return Err(format!("no ACCEPTED line in {:?}", stdout.trim()));
    }
    match stdout.lines().find(|l| l.trim_start().starts_with("FAIL")) {
        Some(line) => Err(format!("a condition failed: {line}")),
        None => Ok(()),
    }
}

fn json_file(dir: &Path, name: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))
}

/// `value[member]`, which must be an Aleo address.
fn address_member(value: &Value, member: &str) -> Result<String, String> {
    match value[member].as_str() {
        Some(a) if a.starts_with("aleo1") && a.len() == 63 => Ok(a.to_string()),
        other => Err(format!("`{member}` is not an address: {other:?}")),
    }
}

/// The digits of `NNNu64`.
fn u64_literal(text: &str) -> Result<u64, String> {
    text.strip_suffix("u64")
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("{text:?} is not a u64 literal"))
}

/// A JSON root member written as `NNNu64`, checked and returned.
fn u64_literal_of(value: &Value) -> Result<String, String> {
    let text = value.as_str().ok_or("the root is not a string")?;
    u64_literal(text)?;
    Ok(text.to_string())
}

/// A key file made by `zpass keygen`: a private key, readable by its owner only.
fn private_key_file(dir: &Path, name: &str) -> Result<(), String> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
    if !text.starts_with("APrivateKey1") {
        return Err(format!("{name} holds no private key"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map_err(|e| e.to_string())?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(format!("{name} has mode {:o}", mode & 0o777));
        }
    }
    Ok(())
}

/// issued.json carries a root and a signature by the address cert.json names as issuer.
fn signed_by_cert_issuer(dir: &Path) -> Result<(), String> {
    let cert = json_file(dir, "cert.json")?;
    let issued = json_file(dir, "issued.json")?;
    u64_literal_of(&issued["root"])?;
    if !issued["signature"]
        .as_str()
        .is_some_and(|s| s.starts_with("sign1"))
    {
        return Err("issued.json has no signature".into());
    }
    let signer = address_member(&issued, "issuer_address")?;
    if signer != address_member(&cert, "issuer")? {
        return Err(format!("issued.json is signed by {signer}, not the issuer"));
    }
    Ok(())
}

/// The salt and the value (as JSON text) of `key` in issued.json.
fn issued_claim(dir: &Path, key: &str) -> Result<(String, String), String> {
    let issued = json_file(dir, "issued.json")?;
    let claim = &issued["certificate"][key];
    match (claim["salt"].as_str(), &claim["value"]) {
        (Some(salt), Value::String(value)) => Ok((salt.to_string(), value.clone())),
        (Some(salt), value) if !value.is_null() => Ok((salt.to_string(), value.to_string())),
        _ => Err(format!("issued.json has no salted claim `{key}`")),
    }
}

/// A Leo package written by `zpass leo -o DIR`.
fn leo_package(dir: &Path, name: &str) -> Result<(), String> {
    for file in ["src/main.leo", "program.json"] {
        if !dir.join(name).join(file).is_file() {
            return Err(format!("{name}/{file} was not written"));
        }
    }
    Ok(())
}

/// One command of a shell block.
struct Cmd {
    /// The document's line where the command starts.
    line: usize,
    /// Its text as the reader sees it (continuations and here-document included).
    text: String,
    /// Its key: the command without its comment, on one line.
    key: String,
    /// Whether it ends with a `# ...` comment (a claim about its outcome).
    commented: bool,
}

/// The shell blocks of a Markdown document, as commands in order.
fn shell_commands(doc: &str) -> Vec<Cmd> {
    let mut commands = Vec::new();
    let mut lines = doc.lines().enumerate().peekable();
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let lang = info.split_whitespace().next().unwrap_or("");
        let shell = matches!(lang, "sh" | "bash" | "shell" | "console");
        let mut block = Vec::new();
        for (n, line) in lines.by_ref() {
            if line.trim_start().starts_with("```") {
                break;
            }
            block.push((n + 1, line));
        }
        if !shell {
            continue;
        }
        let mut block = block.into_iter();
        while let Some((n, first)) = block.next() {
            // `console` blocks hold `$ command` lines among their output.
            let first = if lang == "console" {
                match first.strip_prefix("$ ") {
                    Some(command) => command,
                    None => continue,
                }
            } else {
                first
            };
            if first.trim().is_empty() || first.trim_start().starts_with('#') {
                continue;
            }
            let mut text = first.to_string();
            let (mut code, mut commented) = split_comment(first);
            let mut key = code.trim_end().to_string();
            while code.trim_end().ends_with('\\') {
                let Some((_, next)) = block.next() else { break };
                text.push('\n');
                text.push_str(next);
                (code, commented) = split_comment(next);
                key = format!("{} {}", key.trim_end().trim_end_matches('\\'), code.trim());
            }
            if let Some(word) = heredoc_word(&key) {
                for (_, next) in block.by_ref() {
                    text.push('\n');
                    text.push_str(next);
                    if next == word {
                        break;
                    }
                }
            }
            commands.push(Cmd {
                line: n,
                text,
                key: normalized(&key),
                commented,
            });
        }
    }
    commands
}

/// A line's code and whether a `#` comment follows it (a `#` after a blank,
/// outside quotes, starts one).
fn split_comment(line: &str) -> (&str, bool) {
    let (mut single, mut double, mut previous) = (false, false, ' ');
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => return (&line[..i], true),
            _ => {}
        }
        previous = c;
    }
    (line, false)
}

/// The terminator of a here-document the command opens (`<<WORD`, `<<'WORD'`).
fn heredoc_word(command: &str) -> Option<String> {
    let rest = command
        .split_once("<<")?
        .1
        .trim_start_matches('-')
        .trim_start();
    let word: String = rest
        .trim_matches(|c| c == '\'' || c == '"')
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then_some(word)
}

/// The command as run here: documented `cargo` invocations of the binary and the
/// example become the built files; `None` for a command in [`NOT_RUN`].
fn runnable(cmd: &Cmd, example: &dyn Fn() -> PathBuf) -> Result<Option<String>, String> {
    if NOT_RUN.iter().any(|(text, _)| *text == cmd.key) {
        return Ok(None);
    }
    let mut text = cmd.text.clone();
    for prefix in MERKLAB_PREFIXES {
        text = text.replace(prefix, "merklab ");
    }
    if text.contains(EXAMPLE_COMMAND) {
        let path = example().display().to_string();
        text = text.replace(EXAMPLE_COMMAND, &format!("'{path}'"));
    }
    if text.split_whitespace().any(|word| word == "cargo") {
        return Err(format!(
            "line {}: `{}` runs cargo: substitute it or list it in NOT_RUN",
            cmd.line, cmd.key
        ));
    }
    Ok(Some(text))
}

/// The `zpass_flow` example next to this test's binaries: the one `cargo test`
/// built when it is newer than every source it is built from, else one built
/// now with `cargo build -p merklab --example zpass_flow`.
fn example_binary() -> PathBuf {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_merklab"));
    let profile_dir = binary.parent().expect("the binary's folder");
    let example = profile_dir
        .join("examples")
        .join(format!("zpass_flow{}", std::env::consts::EXE_SUFFIX));
    let built = std::fs::metadata(&example).and_then(|m| m.modified()).ok();
    if built.is_some_and(|built| newest_source() <= built) {
        return example;
    }
    let target_dir = profile_dir.parent().expect("the target folder");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = Command::new(cargo);
    build
        .current_dir(workspace_root())
        .args([
            "build",
            "--quiet",
            "-p",
            "merklab",
            "--example",
            "zpass_flow",
        ])
        .arg("--target-dir")
        .arg(target_dir);
    if profile_dir.file_name().is_some_and(|p| p == "release") {
        build.arg("--release");
    }
    let status = build.status().expect("run cargo build");
    assert!(status.success(), "cargo build --example zpass_flow failed");
    example
}

/// The latest modification among the files the example is built from (the
/// root package, its examples, and every crate's sources and manifest).
fn newest_source() -> std::time::SystemTime {
    fn walk(path: &Path, newest: &mut std::time::SystemTime) {
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                walk(&entry.path(), newest);
            }
        } else if let Ok(modified) = meta.modified() {
            *newest = (*newest).max(modified);
        }
    }
    let root = workspace_root();
    let mut newest = std::time::SystemTime::UNIX_EPOCH;
    for part in ["src", "examples", "Cargo.toml", "Cargo.lock"] {
        walk(&root.join(part), &mut newest);
    }
    for krate in std::fs::read_dir(root.join("crates"))
        .into_iter()
        .flatten()
        .flatten()
    {
        walk(&krate.path().join("src"), &mut newest);
        walk(&krate.path().join("Cargo.toml"), &mut newest);
    }
    newest
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Quotes a path for the generated script.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// Runs one document's commands in one shell session in a fresh folder and
/// checks each claimed outcome; returns the failures.
fn run_document(name: &str, commands: &[Cmd], example: &dyn Fn() -> PathBuf) -> Vec<String> {
    let mut failures = Vec::new();
    let work = tempfile::tempdir().expect("temp dir");
    let logs = tempfile::tempdir().expect("temp dir");
    let bin = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_merklab"), bin.path().join("merklab"))
        .expect("link merklab");
    let mut script = String::new();
    let mut ran = Vec::new();
    for cmd in commands {
        match runnable(cmd, example) {
            Ok(Some(text)) => {
                let i = ran.len();
                let log = |ext: &str| quoted(&logs.path().join(format!("{i}.{ext}")));
                // A group, not a subshell: variables set by the command persist.
                script.push_str(&format!(
                    "{{\n{text}\n}} >{} 2>{}\n: >{}\n",
                    log("out"),
                    log("err"),
                    log("done")
                ));
                ran.push(cmd);
            }
            Ok(None) => {}
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(work.path())
        .env("PATH", path)
        .env_remove("MERKLAB_ISSUER_KEY")
        .env_remove("MERKLAB_VERIFIER_KEY")
        .env_remove("MERKLAB_HOLDER_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bash");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for bash") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            failures.push(format!("{name}: still running after {TIME_LIMIT:?}"));
            break child.wait().expect("wait for bash");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    for (i, cmd) in ran.iter().enumerate() {
        let read = |ext: &str| {
            std::fs::read_to_string(logs.path().join(format!("{i}.{ext}"))).unwrap_or_default()
        };
        if !logs.path().join(format!("{i}.done")).exists() {
            failures.push(format!(
                "{name}:{}: `{}` failed ({status}): {}",
                cmd.line,
                cmd.key,
                read("err").trim()
            ));
            break;
        }
        let Some((_, _, check)) = EXPECT
            .iter()
            .find(|(doc, key, _)| *doc == name && normalized(key) == cmd.key)
        else {
            continue;
        };
        let stdout = read("out");
        let outcome = Ran {
            dir: work.path(),
            stdout: &stdout,
        };
        if let Err(why) = check(&outcome) {
            failures.push(format!("{name}:{}: `{}`: {why}", cmd.line, cmd.key));
        }
    }
    failures
}

#[test]
fn every_documented_shell_block_runs_as_written() {
    let example = std::cell::OnceCell::new();
    let example = || example.get_or_init(example_binary).clone();
    let mut failures = Vec::new();
    let mut seen: Vec<(&str, String)> = Vec::new();
    for name in DOCUMENTS {
        let text = std::fs::read_to_string(workspace_root().join(name)).expect("read document");
        let commands = shell_commands(&text);
        assert!(!commands.is_empty(), "{name} has no shell block");
        for cmd in &commands {
            let expected = EXPECT
                .iter()
                .any(|(doc, key, _)| doc == name && normalized(key) == cmd.key);
            if cmd.commented && !expected && !NOT_RUN.iter().any(|(t, _)| *t == cmd.key) {
                failures.push(format!(
                    "{name}:{}: `{}` claims an outcome in its comment; add its check to EXPECT",
                    cmd.line, cmd.key
                ));
            }
            seen.push((name, cmd.key.clone()));
        }
        failures.extend(run_document(name, &commands, &example));
    }
    for (doc, key, _) in EXPECT {
        if !seen.iter().any(|(d, k)| d == doc && *k == normalized(key)) {
            failures.push(format!("EXPECT names `{key}`, which {doc} no longer shows"));
        }
    }
    for (text, why) in NOT_RUN {
        if !seen.iter().any(|(_, k)| k == text) {
            failures.push(format!(
                "NOT_RUN names `{text}` ({why}), which no document shows"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn commands_are_split_as_a_shell_reads_them() {
    let doc = "text\n```sh\n# a note\na --x \"#1\"   # claim\nb \\\n  --y  # more\ncat > f <<'END'\n# not a comment\nEND\n```\n```text\nnot run\n```\n";
    let commands = shell_commands(doc);
    let keys: Vec<(&str, bool)> = commands
        .iter()
        .map(|c| (c.key.as_str(), c.commented))
        .collect();
    assert_eq!(
        keys,
        [
            ("a --x \"#1\"", true),
            ("b --y", true),
            ("cat > f <<'END'", false)
        ]
    );
    assert_eq!(commands[2].text, "cat > f <<'END'\n# not a comment\nEND");
    assert_eq!(commands[0].line, 4);
}
