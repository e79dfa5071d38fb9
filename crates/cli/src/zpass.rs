//! `merklab zpass ...`: ARC-0102 certificates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use merklab_aleo::account::{check_address, IssuerKey};
use merklab_aleo::literal;
use merklab_zpass::json::{parse_json_with, Node};
use merklab_zpass::sign::{sign_root, verify_root_signature};
use merklab_zpass::unbound_claims;
use merklab_zpass::{
    issue_str_with, leo, verify_disclosure, ArrayStyle, CertificateDocument, ClaimProof,
    InputFormat, IssueOptions, Issued, Limits, Opening, Reveal, SaltSource, Unbound, ValueType,
    Verdict,
};

use crate::io::{emit, read_text, write_atomic};
use crate::output::{write_output, Secrecy};
use crate::terminal::{safe, safe_lines, safe_path};

/// Environment variable holding an issuer's private key (`APrivateKey1...`).
const KEY_ENV: &str = "MERKLAB_ISSUER_KEY";

/// The sample certificate of ARC-0102's test cases, with its fixed salts.
const SEED_CERTIFICATE: &str = include_str!("../../../tests/vectors/zpass-seed-certificate.json");

/// The root ARC-0102's test cases give for the sample certificate.
const SEED_ROOT: u64 = 7_849_773_981_907_115_583;

/// ARC-0102 zPass certificate commands.
#[derive(Subcommand)]
pub enum ZpassCommand {
    /// Normalize and salt a hierarchical JSON or YAML certificate; write it with its root.
    Issue {
        /// The certificate (`.json`, `.yaml` or `.yml`).
        input: PathBuf,
        /// Derive salts from this seed as the reference SDK does (default: random v4 UUIDs).
        #[arg(long)]
        seed: Option<String>,
        /// Sign the root with the issuer private key in this file.
        #[arg(long, value_name = "KEYFILE")]
        sign: Option<PathBuf>,
        /// Name array elements `tags,0` as the reference SDK does (default: the spec's `tags[],0`).
        #[arg(long)]
        sdk_arrays: bool,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also write a value proof of every claim here (the JSON array `zpass prove
        /// --all --json` writes), from the same tree: issuing and proving in one process.
        #[arg(long, value_name = "FILE")]
        proofs: Option<PathBuf>,
    },
    /// Print a normalized certificate's root (`...u64`).
    Root {
        /// A certificate document or bare normalized record (JSON).
        input: PathBuf,
        /// Print `{"root", "leaves"}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Prove keys: value inclusion (salt, value) or, with --key-inclusion, key inclusion.
    /// One --key gives one proof document; --keys, --all or a repeated --key give a JSON
    /// array of them, from one tree build.
    Prove {
        /// A certificate document or bare normalized record (JSON).
        input: PathBuf,
        /// A normalized key to prove, e.g. `dob` or `address,city` (repeat for several).
        #[arg(long, required_unless_present_any = ["keys", "all"], conflicts_with_all = ["keys", "all"])]
        key: Vec<String>,
        /// Several keys, comma-separated: `dob,address,city` (nested keys, which contain
        /// commas, are matched whole against the certificate's keys).
        #[arg(long, conflicts_with = "all")]
        keys: Option<String>,
        /// Prove every claim of the certificate.
        #[arg(long)]
        all: bool,
        /// Reveal only hash(salt, value), not the salt and value.
        #[arg(long)]
        key_inclusion: bool,
        /// Print the proof document as JSON (with -o: write the file only).
        #[arg(long)]
        json: bool,
        /// Write the proof document (JSON) here.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Verify a proof, a disclosure or certificate, or a signature over a root.
    Verify {
        /// A proof, disclosure, certificate or signature document (omit to check flags only).
        document: Option<PathBuf>,
        /// The root you trust (`...u64`).
        #[arg(long)]
        root: Option<String>,
        /// The issuer address the signature must be from (without it, a signed
        /// document's own address is checked and reported as not pinned).
        #[arg(long)]
        address: Option<String>,
        /// A signature over the root (`sign1...`).
        #[arg(long)]
        signature: Option<String>,
        /// The type a revealed key is judged as, `KEY=string|integer|boolean` (repeat
        /// for several); revealed values whose encoding another value shares are
        /// otherwise rejected (see docs/security.md).
        #[arg(long = "value-type", value_name = "KEY=TYPE")]
        value_types: Vec<String>,
        /// Print what was verified as JSON (`signer_pinned`, `root_pinned` say what was trusted).
        #[arg(long)]
        json: bool,
    },
    /// Reveal some keys (plus `type` and `issuer`); hide the rest as leaf hashes.
    Disclose {
        /// A certificate document or bare normalized record (JSON).
        input: PathBuf,
        /// Keys to reveal, comma-separated or repeated (a key containing `,` needs its own --reveal).
        #[arg(long, required = true)]
        reveal: Vec<String>,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Generate an issuer key; the private key goes only to the file (mode 0600).
    Keygen {
        /// The private key file to create.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Sign a root with the key in --key-file or in MERKLAB_ISSUER_KEY.
    Sign {
        /// The root (`...u64`).
        #[arg(long)]
        root: String,
        /// The private key file (default: the MERKLAB_ISSUER_KEY environment variable).
        #[arg(long)]
        key_file: Option<PathBuf>,
        /// Write the signature document here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Export a Leo verifier for one key, its `leo run` line and the `issue` inputs.
    Leo {
        /// A certificate document or bare normalized record (JSON).
        input: PathBuf,
        /// The key the program verifies.
        #[arg(long)]
        key: String,
        /// The certificate owner's address for the `issue` inputs (default: a `subject` claim).
        #[arg(long)]
        subject: Option<String>,
        /// Export a program proving this condition on the key's value, kept private
        /// (`age>=18`, `>= 700`, `== "FR"`); see docs/flows.md.
        #[arg(long, value_name = "EXPR")]
        predicate: Option<String>,
        /// With --predicate: print the inputs (public and private) as JSON.
        #[arg(long, requires = "predicate")]
        json: bool,
        /// A `.leo` file, or a directory to hold a Leo package (`src/main.leo`, `program.json`).
        #[arg(short, long, value_name = "DIR_OR_FILE")]
        output: Option<PathBuf>,
    },
    /// Print the spec's text form: `key:salt value` lines.
    ExportText {
        /// A certificate document or bare normalized record (JSON).
        input: PathBuf,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// Runs one zpass command, reading every document under `limits`.
pub fn run(cmd: ZpassCommand, limits: Limits) -> Result<()> {
    match cmd {
        ZpassCommand::Issue {
            input,
            seed,
            sign,
            sdk_arrays,
            output,
            proofs,
        } => issue(
            &input,
            seed,
            sign.as_deref(),
            sdk_arrays,
            output.as_deref(),
            proofs.as_deref(),
            limits,
        ),
        ZpassCommand::Root { input, json } => root(&input, json, limits),
        ZpassCommand::Prove {
            input,
            key,
            keys,
            all,
            key_inclusion,
            json,
            output,
        } => {
            let which = match (keys, all) {
                (_, true) => Which::All,
                (Some(list), false) => Which::List(list),
                (None, false) => Which::Keys(key),
            };
            let reveal = if key_inclusion {
                Reveal::Key
            } else {
                Reveal::Value
            };
            prove(&input, which, reveal, json, output.as_deref(), limits)
        }
        ZpassCommand::Verify {
            document,
            root,
            address,
            signature,
            value_types,
            json,
        } => {
            let mut declared = BTreeMap::new();
            for decl in &value_types {
                let (key, ty) = crate::flow::parse_value_type(decl)?;
                declared.insert(key, ty);
            }
            verify(
                document.as_deref(),
                root,
                address,
                signature,
                &declared,
                limits,
            )?
            .print(json)
        }
        ZpassCommand::Disclose {
            input,
            reveal,
            output,
        } => disclose(&input, &reveal, output.as_deref(), limits),
        ZpassCommand::Keygen { output, force } => keygen(&output, force),
        ZpassCommand::Sign {
            root,
            key_file,
            output,
        } => sign(&root, key_file.as_deref(), output.as_deref()),
        ZpassCommand::Leo {
            input,
            key,
            subject,
            predicate: Some(expr),
            json,
            output,
        } => {
            check_subject(subject.as_deref())?;
            crate::flow::leo_predicate(&input, &key, &expr, json, output.as_deref(), limits)
        }
        ZpassCommand::Leo {
            input,
            key,
            subject,
            output,
            ..
        } => {
            check_subject(subject.as_deref())?;
            leo_export(&input, &key, subject, output.as_deref(), limits)
        }
        ZpassCommand::ExportText { input, output } => {
            let doc = read_document(&input, limits)?;
            let text = doc
                .certificate
                .to_text()
                .with_context(|| format!("{}", input.display()))?;
            emit(output.as_deref(), &text)
        }
    }
}

/// `--subject` must be an Aleo address: it becomes an `address` input of the program.
fn check_subject(subject: Option<&str>) -> Result<()> {
    match subject {
        Some(s) => check_address(s).map_err(|e| anyhow!("--subject: {e}")),
        None => Ok(()),
    }
}

fn read_document(path: &Path, limits: Limits) -> Result<CertificateDocument> {
    let text = read_text(path)?;
    CertificateDocument::parse_with(&text, limits).with_context(|| format!("{}", path.display()))
}

fn parse_root(text: &str) -> Result<u64> {
    literal::parse_u64(text).map_err(|e| anyhow!("--root: {e}"))
}

/// Reads an issuer key from a file, or from MERKLAB_ISSUER_KEY when no file is given.
fn load_key(file: Option<&Path>) -> Result<IssuerKey> {
    crate::keys::load_key(file, KEY_ENV, "issuer")
}

fn issue(
    input: &Path,
    seed: Option<String>,
    sign: Option<&Path>,
    sdk_arrays: bool,
    output: Option<&Path>,
    proofs: Option<&Path>,
    limits: Limits,
) -> Result<()> {
    if let (Some(out), Some(proofs)) = (output, proofs) {
        if same_file(out, proofs) {
            bail!(
                "--proofs and -o both name {}; give the proofs their own file",
                safe_path(proofs)
            );
        }
    }
    if seed.as_deref().is_some_and(|s| s.is_empty()) {
        // Every salt would be derived from public data: the values could be guessed.
        bail!("--seed is empty; give a secret seed, or omit --seed for random salts");
    }
    let text = read_text(input)?;
    let options = IssueOptions {
        salts: seed.map_or(SaltSource::Random, SaltSource::Seeded),
        arrays: if sdk_arrays {
            ArrayStyle::Sdk
        } else {
            ArrayStyle::Spec
        },
    };
    let key = sign.map(|p| load_key(Some(p))).transpose()?;
    let mut doc = issue_str_with(&text, InputFormat::from_path(input), &options, limits)
        .with_context(|| format!("{}", input.display()))?;
    let issued = Issued::new(doc.certificate.clone())?;
    let root = issued.root();
    doc.root = Some(root);
    if let Some(key) = key {
        let signed = sign_root(&key, root)?;
        doc.issuer_address = Some(signed.address);
        doc.signature = Some(signed.signature);
    }
    // The certificate first: proofs without the certificate they open are of no use.
    emit(output, &doc.to_json())?;
    if let Some(path) = proofs {
        let all = issued.prove_all(Reveal::Value)?;
        write_atomic(path, ClaimProof::many_to_json(&all)?.as_bytes())?;
    }
    Ok(())
}

/// Whether `a` and `b` name one file: the same words, or the same file once resolved.
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

fn root(input: &Path, json: bool, limits: Limits) -> Result<()> {
    let doc = read_document(input, limits)?;
    let issued = Issued::new(doc.certificate)?;
    if json {
        let u = |v: u64| Node::String(literal::format_u64(v));
        let node = Node::Object(vec![
            ("root".into(), u(issued.root())),
            (
                "leaves".into(),
                Node::Array(issued.leaves().iter().map(|l| u(*l)).collect()),
            ),
        ]);
        emit(None, &node.to_json_pretty())
    } else {
        emit(None, &literal::format_u64(issued.root()))
    }
}

/// The keys `zpass prove` was asked for.
enum Which {
    /// `--key`, once (one proof document) or repeated.
    Keys(Vec<String>),
    /// `--keys a,b,c`.
    List(String),
    /// `--all`.
    All,
}

fn prove(
    input: &Path,
    which: Which,
    reveal: Reveal,
    json: bool,
    output: Option<&Path>,
    limits: Limits,
) -> Result<()> {
    let doc = read_document(input, limits)?;
    let single = matches!(&which, Which::Keys(keys) if keys.len() == 1);
    let keys: Vec<String> = match which {
        Which::Keys(keys) => keys,
        Which::List(list) => {
            split_keys("--keys", &list, max_key_segments(&doc.certificate), |k| {
                doc.certificate.get(k).is_some()
            })?
        }
        Which::All => Vec::new(),
    };
    // One proof per key, however often it is named: the output stays bounded by the
    // certificate, not by the length of the list.
    let mut seen = std::collections::HashSet::new();
    let keys: Vec<String> = keys
        .into_iter()
        .filter(|k| seen.insert(k.clone()))
        .collect();
    let all = keys.is_empty();
    let issued = Issued::new(doc.certificate)?;
    let proofs = if all {
        issued.prove_all(reveal)?
    } else {
        issued.prove_many(keys.iter().map(String::as_str), reveal)?
    };
    let document = match proofs.as_slice() {
        [proof] if single => proof.to_json()?,
        _ => ClaimProof::many_to_json(&proofs)?,
    };
    if let Some(path) = output {
        write_atomic(path, document.as_bytes())?;
        if json {
            return Ok(());
        }
    }
    if json {
        return emit(None, &document);
    }
    let blocks = proofs.iter().map(proof_text).collect::<Result<Vec<_>>>()?;
    emit(None, &blocks.join("\n"))
}

/// One proof as the aligned lines `zpass prove` prints.
fn proof_text(proof: &ClaimProof) -> Result<String> {
    let mut text = String::new();
    let line = |text: &mut String, label: &str, value: &str| {
        text.push_str(&format!("{label:<16}{value}\n"));
    };
    line(&mut text, "key", &safe(&proof.key));
    line(
        &mut text,
        "key identifier",
        &literal::format_u64(proof.key_identifier),
    );
    match &proof.opening {
        Opening::Value { salt, value } => {
            line(&mut text, "salt", &safe(salt));
            line(&mut text, "value", &safe(&value.text()));
        }
        Opening::Key { data_hash } => {
            line(&mut text, "data hash", &literal::format_u64(*data_hash));
        }
    }
    line(&mut text, "leaf", &literal::format_u64(proof.leaf));
    line(
        &mut text,
        "proof",
        &literal::format_u64_array(&proof.siblings),
    );
    line(
        &mut text,
        "leo proof",
        &literal::format_u64_array(&proof.leo_proof()?),
    );
    line(&mut text, "root", &literal::format_u64(proof.root));
    Ok(text)
}

/// What a document given to `verify` turned out to be.
enum VerifyTarget {
    Proof(Box<ClaimProof>),
    /// A JSON array of proofs, as `zpass prove --all` writes.
    Proofs(Vec<ClaimProof>),
    Certificate(Box<CertificateDocument>),
    Signature {
        root: Option<u64>,
        address: Option<String>,
        signature: Option<String>,
    },
}

fn classify(node: &Node) -> Result<VerifyTarget> {
    if let Node::Array(_) = node {
        return Ok(VerifyTarget::Proofs(ClaimProof::many_from_node(node)?));
    }
    if node.get("kind").is_some() {
        return Ok(VerifyTarget::Proof(Box::new(ClaimProof::from_node(node)?)));
    }
    let is_signature_doc = node.get("certificate").is_none()
        && node.get("signature").is_some()
        && node.get("root").is_some();
    if is_signature_doc {
        merklab_zpass::deny_unknown(
            node,
            &["root", "issuer_address", "signature"],
            "a signature document",
        )?;
        let string = |k: &str| node.get(k).and_then(Node::as_str).map(str::to_string);
        let root = match node.get("root") {
            Some(r) => Some(merklab_zpass::parse_u64_field("root", r)?),
            None => None,
        };
        return Ok(VerifyTarget::Signature {
            root,
            address: string("issuer_address"),
            signature: string("signature"),
        });
    }
    Ok(VerifyTarget::Certificate(Box::new(
        CertificateDocument::from_node(node)?,
    )))
}

/// Rejects when a revealed value is not the one the root binds: the first reason,
/// and how many more.
fn check_bound(unbound: Vec<(String, Unbound)>) -> Result<()> {
    let Some((key, why)) = unbound.first() else {
        return Ok(());
    };
    let more = match unbound.len() - 1 {
        0 => String::new(),
        n => format!(" ({n} more revealed value(s) not bound)"),
    };
    Err(crate::rejected(format!(
        "rejected: `{key}`: not bound by the root: {why}{more}"
    )))
}

fn check(verdict: Verdict) -> Result<()> {
    match verdict {
        Verdict::Accepted => Ok(()),
        Verdict::Rejected(why) => Err(crate::rejected(format!("rejected: {why}"))),
    }
}

/// Picks the flag value, or the document's; a conflict between the two is a rejection.
fn agree(what: &str, flag: Option<String>, doc: Option<String>) -> Result<Option<String>> {
    match (flag, doc) {
        (Some(f), Some(d)) if f.trim() != d.trim() => Err(crate::rejected(format!(
            "rejected: the document's {what} is not the one given on the command line"
        ))),
        (Some(f), _) => Ok(Some(f)),
        (None, d) => Ok(d),
    }
}

/// What `verify` checked and accepted, and what it took on trust.
#[derive(Default)]
struct Verified {
    /// `proof`, `key proof`, `certificate`, `disclosure` or `signature`.
    what: &'static str,
    /// The key a proof is for.
    key: Option<String>,
    /// The keys of a bundle of proofs, in its order.
    keys: Vec<String>,
    /// The root checked against.
    root: u64,
    /// Whether the root came from `--root` rather than from the document.
    root_pinned: bool,
    /// The address whose signature over the root was checked.
    signer: Option<String>,
    /// Whether that address came from `--address` rather than from the document.
    signer_pinned: bool,
    /// The human-readable report, one line each.
    lines: Vec<String>,
    /// Said on standard error in text mode.
    notes: Vec<String>,
}

impl Verified {
    fn print(self, json: bool) -> Result<()> {
        if json {
            let mut report = serde_json::json!({
                "verified": self.what,
                "key": self.key,
                "root": literal::format_u64(self.root),
                "root_pinned": self.root_pinned,
                "signer": self.signer,
                "signer_pinned": self.signer_pinned,
            });
            if !self.keys.is_empty() {
                report["keys"] = serde_json::json!(self.keys);
            }
            return emit(None, &serde_json::to_string_pretty(&report)?);
        }
        for note in &self.notes {
            eprintln!("note: {note}");
        }
        emit(None, &self.lines.join("\n"))
    }
}

/// Checks `signature` by `address` over `root`. An address that came from the
/// document rather than `--address` proves only that someone signed: the line
/// says so, since anyone can re-sign an edited document with their own key.
fn verify_signature(
    out: &mut Verified,
    root: u64,
    address: Option<String>,
    signature: Option<String>,
    pinned: bool,
) -> Result<()> {
    let (Some(address), Some(signature)) = (address, signature) else {
        bail!("a signature check needs both --address and --signature");
    };
    check(verify_root_signature(&address, &signature, root)?)?;
    let trust = if pinned {
        ""
    } else {
        " (signer not pinned: pass --address to require an issuer)"
    };
    out.lines.push(format!(
        "signature OK: {} signed {}{trust}",
        safe(&address),
        literal::format_u64(root)
    ));
    out.signer = Some(address);
    out.signer_pinned = pinned;
    Ok(())
}

fn need_root(trusted: Option<u64>) -> Result<u64> {
    trusted.ok_or_else(|| {
        anyhow!("--root is required to verify a proof: give the certificate hash you trust")
    })
}

/// Checks one proof against the trusted root and its revealed value against what the
/// root binds; the line to report.
fn verify_proof(
    proof: &ClaimProof,
    trusted: u64,
    declared: &BTreeMap<String, ValueType>,
) -> Result<String> {
    check(proof.verify(trusted)?)?;
    if let Opening::Value { value, .. } = &proof.opening {
        check_bound(unbound_claims([(proof.key.as_str(), value)], declared))?;
    }
    Ok(format!(
        "proof OK: key `{}` (identifier {}) is in the certificate with root {}",
        safe(&proof.key),
        literal::format_u64(proof.key_identifier),
        literal::format_u64(trusted)
    ))
}

fn verify(
    document: Option<&Path>,
    root: Option<String>,
    address: Option<String>,
    signature: Option<String>,
    declared: &BTreeMap<String, ValueType>,
    limits: Limits,
) -> Result<Verified> {
    let trusted = root.as_deref().map(parse_root).transpose()?;
    let address_pinned = address.is_some();
    let target = match document {
        Some(path) => {
            let node = parse_json_with(&read_text(path)?, limits)
                .with_context(|| format!("{}", path.display()))?;
            classify(&node).with_context(|| format!("{}", path.display()))?
        }
        None => VerifyTarget::Signature {
            root: None,
            address: None,
            signature: None,
        },
    };
    let mut out = Verified {
        root_pinned: trusted.is_some(),
        ..Verified::default()
    };
    match target {
        VerifyTarget::Proof(proof) => {
            let trusted = need_root(trusted)?;
            out.lines.push(verify_proof(&proof, trusted, declared)?);
            out.what = match proof.opening {
                Opening::Value { .. } => "proof",
                Opening::Key { .. } => "key proof",
            };
            out.root = trusted;
            out.key = Some(proof.key.clone());
            if address.is_some() || signature.is_some() {
                verify_signature(&mut out, trusted, address, signature, address_pinned)?;
            }
        }
        VerifyTarget::Proofs(proofs) => {
            let trusted = need_root(trusted)?;
            for proof in &proofs {
                out.lines.push(verify_proof(proof, trusted, declared)?);
            }
            out.what = "proofs";
            out.root = trusted;
            out.keys = proofs.iter().map(|p| p.key.clone()).collect();
            if address.is_some() || signature.is_some() {
                verify_signature(&mut out, trusted, address, signature, address_pinned)?;
            }
        }
        VerifyTarget::Certificate(doc) => {
            let address = agree("issuer address", address, doc.issuer_address.clone())?;
            let signature = agree("signature", signature, doc.signature.clone())?;
            if trusted.is_none() && signature.is_none() && doc.root.is_none() {
                bail!("nothing to check the recomputed root against: give --root, or a signed document");
            }
            let (recomputed, verdict) = verify_disclosure(&doc, trusted)?;
            check(verdict)?;
            let claims = doc.certificate.claims();
            check_bound(unbound_claims(
                claims.iter().map(|c| (c.key.as_str(), &c.value)),
                declared,
            ))?;
            out.what = if doc.certificate.private().is_empty() {
                "certificate"
            } else {
                "disclosure"
            };
            out.root = recomputed;
            out.lines.push(format!(
                "{} OK: {} revealed claims, {} private leaves, root {}",
                out.what,
                doc.certificate.claims().len(),
                doc.certificate.private().len(),
                literal::format_u64(recomputed)
            ));
            if address.is_some() || signature.is_some() {
                verify_signature(&mut out, recomputed, address, signature, address_pinned)?;
            } else if trusted.is_none() {
                out.notes.push(
                    "checked against the document's own root only; pass --root to pin it".into(),
                );
            }
        }
        VerifyTarget::Signature {
            root: doc_root,
            address: doc_address,
            signature: doc_signature,
        } => {
            let root = match (trusted, doc_root) {
                (Some(t), Some(d)) if t != d => {
                    return Err(crate::rejected(format!(
                        "rejected: the document signs root {}, not {}",
                        literal::format_u64(d),
                        literal::format_u64(t)
                    )))
                }
                (Some(r), _) | (None, Some(r)) => r,
                (None, None) => bail!("a signature check needs --root"),
            };
            let address = agree("issuer address", address, doc_address)?;
            let signature = agree("signature", signature, doc_signature)?;
            out.what = "signature";
            out.root = root;
            verify_signature(&mut out, root, address, signature, address_pinned)?;
        }
    }
    Ok(out)
}

fn disclose(input: &Path, reveal: &[String], output: Option<&Path>, limits: Limits) -> Result<()> {
    let doc = read_document(input, limits)?;
    let mut keys: Vec<String> = Vec::new();
    for arg in reveal {
        keys.extend(split_keys(
            "--reveal",
            arg,
            max_key_segments(&doc.certificate),
            |k| doc.certificate.get(k).is_some(),
        )?);
    }
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let issued = Issued::new(doc.certificate.clone())?;
    let disclosed = CertificateDocument {
        certificate: issued.disclose(&keys)?,
        root: Some(issued.root()),
        issuer_address: doc.issuer_address,
        signature: doc.signature,
        metadata: None,
    };
    emit(output, &disclosed.to_json())
}

/// Splits `dob,address,city` into known keys: nested keys contain commas, so at
/// each point the longest run of segments that names a key wins. No key has more
/// than `max_segments` segments, which keeps a long list linear in its length.
fn split_keys(
    flag: &str,
    arg: &str,
    max_segments: usize,
    is_key: impl Fn(&str) -> bool,
) -> Result<Vec<String>> {
    let segments: Vec<&str> = arg.split(',').collect();
    let mut keys = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let longest = segments.len().min(i + max_segments.max(1));
        let found = (i + 1..=longest)
            .rev()
            .map(|j| (j, segments[i..j].join(",")))
            .find(|(_, k)| is_key(k));
        match found {
            Some((j, key)) => {
                keys.push(key);
                i = j;
            }
            None => bail!("{flag}: the certificate has no key `{}`", safe(segments[i])),
        }
    }
    Ok(keys)
}

/// The most comma-separated segments any key of `certificate` has.
fn max_key_segments(certificate: &merklab_zpass::Certificate) -> usize {
    certificate
        .claims()
        .iter()
        .map(|c| c.key.split(',').count())
        .max()
        .unwrap_or(1)
}

fn keygen(output: &Path, force: bool) -> Result<()> {
    if crate::io::is_stdout(output) {
        bail!("-o -: the private key goes only to a file, never to standard output");
    }
    if output.exists() && !force {
        bail!(
            "{} already exists; pass --force to replace it",
            safe_path(output)
        );
    }
    let key = IssuerKey::try_generate()?;
    // Mode 0600 whether the file is new or replaced, so the key is never readable by others.
    write_output(
        output,
        format!("{}\n", key.to_secret_string()).as_bytes(),
        Secrecy::Secret,
        force,
    )?;
    println!("{}", key.address());
    eprintln!("private key written to {} (mode 0600)", safe_path(output));
    Ok(())
}

fn sign(root: &str, key_file: Option<&Path>, output: Option<&Path>) -> Result<()> {
    let root = parse_root(root)?;
    let key = load_key(key_file)?;
    let signed = sign_root(&key, root)?;
    let node = Node::Object(vec![
        (
            "root".into(),
            Node::String(literal::format_u64(signed.root)),
        ),
        ("issuer_address".into(), Node::String(signed.address)),
        ("signature".into(), Node::String(signed.signature)),
    ]);
    emit(output, &node.to_json_pretty())
}

fn leo_export(
    input: &Path,
    key: &str,
    subject: Option<String>,
    output: Option<&Path>,
    limits: Limits,
) -> Result<()> {
    let doc = read_document(input, limits)?;
    let issued = Issued::new(doc.certificate.clone())?;
    let proof = issued.prove_value(key)?;
    let export = leo::export(&proof)?;
    let mut notes = vec![export.run_line()];
    match (&doc.issuer_address, &doc.signature) {
        (Some(address), Some(signature)) => {
            let subject = subject.or_else(|| {
                doc.certificate
                    .get("subject")
                    .map(|c| c.value.text())
                    .filter(|s| check_address(s).is_ok())
            });
            match subject {
                Some(subject) => {
                    let inputs = leo::issue_inputs(&subject, address, issued.root(), signature)?;
                    notes.push(format!("issue inputs: {}", inputs.join(" ")));
                }
                None => notes.push(
                    "issue inputs: pass --subject ADDRESS (the certificate owner) to print them"
                        .into(),
                ),
            }
        }
        _ => {
            notes.push("issue inputs: the certificate is not signed (issue it with --sign)".into())
        }
    }
    match output {
        None => {
            let mut text = export.source.clone();
            for note in &notes {
                text.push_str(&format!("// {}\n", safe(note)));
            }
            emit(None, &text)
        }
        Some(path) => {
            let is_dir = path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/');
            if is_dir {
                let src = path.join("src");
                std::fs::create_dir_all(&src)
                    .with_context(|| format!("cannot create {}", src.display()))?;
                write_atomic(&src.join("main.leo"), export.source.as_bytes())?;
                write_atomic(&path.join("program.json"), export.manifest().as_bytes())?;
                eprintln!(
                    "wrote {} (program {}.aleo)",
                    safe_path(&src.join("main.leo")),
                    safe(&export.program)
                );
            } else {
                write_atomic(path, export.source.as_bytes())?;
                eprintln!("wrote {}", safe_path(path));
            }
            emit(None, &safe_lines(&notes))
        }
    }
}

/// The ARC-0102 part of `merklab demo`.
pub fn demo() -> Result<()> {
    let doc = CertificateDocument::parse(SEED_CERTIFICATE)?;
    let issued = Issued::new(doc.certificate)?;
    let root = issued.root();
    if root != SEED_ROOT {
        bail!(
            "the sample certificate's root is {}, not ARC-0102's {}",
            literal::format_u64(root),
            literal::format_u64(SEED_ROOT)
        );
    }
    println!("ARC-0102 sample certificate (type KYC, issuer aleo123456, 4 claims)");
    println!(
        "  root        {} (as in the spec)",
        literal::format_u64(root)
    );
    let proof = issued.prove_value("dob")?;
    let ok = proof.verify(root)?.is_accepted();
    println!(
        "  dob proof   leaf {}, siblings {} -> {}",
        literal::format_u64(proof.leaf),
        literal::format_u64_array(&proof.siblings),
        if ok { "verified" } else { "REJECTED" }
    );
    let disclosure = CertificateDocument::bare(issued.disclose(&["dob"])?);
    let (recomputed, verdict) = verify_disclosure(&disclosure, Some(root))?;
    println!(
        "  disclosure  reveals type, issuer, dob; hides {} leaf -> root {} {}",
        disclosure.certificate.private().len(),
        literal::format_u64(recomputed),
        if verdict.is_accepted() {
            "verified"
        } else {
            "REJECTED"
        }
    );
    if !ok || !verdict.is_accepted() {
        bail!("the ARC-0102 sample did not verify");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split_keys;

    #[test]
    fn reveal_lists_split_into_known_keys() {
        let known = ["dob", "address,city", "address", "a,b,c"];
        let is_key = |k: &str| known.contains(&k);
        assert_eq!(
            split_keys("--reveal", "dob,address,city", 3, is_key).unwrap(),
            ["dob", "address,city"]
        );
        assert_eq!(
            split_keys("--reveal", "address,dob", 3, is_key).unwrap(),
            ["address", "dob"]
        );
        assert_eq!(
            split_keys("--reveal", "a,b,c", 3, is_key).unwrap(),
            ["a,b,c"]
        );
        assert!(split_keys("--reveal", "dob,zip", 3, is_key)
            .unwrap_err()
            .to_string()
            .contains("`zip`"));
    }
}
