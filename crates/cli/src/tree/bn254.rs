//! `merklab tree root/prove/verify --hash poseidon-bn254`: hex byte leaves, each encoded
//! into field elements and hashed by [`BytesLeaf`], nodes circom's `Poseidon(children)`.
//! Digests are decimal, as circom and zk-kit print field elements; trees whose leaves
//! are field elements already are the `lean-imt` profile's.

use std::path::Path;

use anyhow::{bail, Context, Result};
use merklab_bn254::{Bn254Digest, Bn254HashName, BytesLeaf, CircomPoseidon};
use merklab_core::{
    hash_leaves, verify, verify_many, verify_many_with_size, verify_with_size, with_arity,
    DomainTags, MerkleTree, MultiProof, PairOrder, Proof, VerifyError,
};
use merklab_names::{HashId, HashKind};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{
    leaf_positions, parse_leaves, unsupported, untagged_note, LayoutArgs, ProveArgs, RootArgs,
    VerifyArgs,
};
use crate::io::{emit, read_text};

/// A proof file under a BN254 hash: the byte trees' shape, with decimal digests.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProofFile {
    hash: String,
    tags: DomainTags,
    root: Bn254Digest,
    /// Proven leaf digests, in the order of the proof's indices.
    leaves: Vec<Bn254Digest>,
    proof: Value,
}

fn bn254_hash(name: &str) -> Option<Bn254HashName> {
    HashId::parse_among(name, |k| k == HashKind::Bn254Field)
        .ok()
        .and_then(Bn254HashName::from_id)
}

/// Whether a proof file names a BN254 hash.
pub(super) fn wrote(file: &Value) -> bool {
    file.get("hash")
        .and_then(Value::as_str)
        .and_then(bn254_hash)
        .is_some()
}

/// The node compression at arity `K`; circom's Poseidon has no tagged form.
fn compression<const K: usize>(
    name: impl std::fmt::Display,
    tags: DomainTags,
) -> Result<CircomPoseidon<K>> {
    if tags != DomainTags::None {
        bail!("{name} has no domain-tagged form (use --tags none)");
    }
    Ok(CircomPoseidon::<K>::new()?)
}

fn build<const K: usize>(
    layout: &LayoutArgs,
    path: &Path,
) -> Result<(Vec<Bn254Digest>, MerkleTree<Bn254Digest, K>)> {
    let c = compression::<K>(layout.hash, layout.tags)?;
    let text = read_text(path)?;
    let leaves = parse_leaves(&text, path)?;
    let digests = hash_leaves(&BytesLeaf, &leaves);
    let tree = MerkleTree::<Bn254Digest, K>::build(&c, layout.policy(), digests.clone())
        .with_context(|| format!("cannot build a tree from {}", path.display()))?;
    Ok((digests, tree))
}

/// `merklab tree root --hash poseidon-bn254`.
pub(super) fn root(args: &RootArgs) -> Result<()> {
    let arity = args.layout.arity;
    with_arity!(arity, K => root_at::<K>(args), _ => unsupported(arity.into()))
}

fn root_at<const K: usize>(args: &RootArgs) -> Result<()> {
    let (_, tree) = build::<K>(&args.layout, &args.leaves)?;
    if args.json {
        let out = json!({"root": tree.root(), "leaves": tree.leaf_count(), "depth": tree.depth()});
        emit(None, &out.to_string())
    } else {
        emit(None, &tree.root().to_string())
    }
}

/// `merklab tree prove --hash poseidon-bn254`.
pub(super) fn prove(args: &ProveArgs) -> Result<()> {
    let arity = args.layout.arity;
    with_arity!(arity, K => prove_at::<K>(args), _ => unsupported(arity.into()))
}

fn prove_at<const K: usize>(args: &ProveArgs) -> Result<()> {
    let (digests, tree) = build::<K>(&args.layout, &args.leaves)?;
    let positions = leaf_positions(&digests, args.layout.leaf_order, &args.index, &args.leaves)?;
    let proof = if let [position] = positions[..] {
        serde_json::to_value(tree.prove(position)?)?
    } else {
        serde_json::to_value(tree.prove_many(&positions)?)?
    };
    let file = ProofFile {
        hash: args.layout.hash.to_string(),
        tags: args.layout.tags,
        root: tree.root(),
        leaves: positions.iter().map(|&p| tree.leaves()[p]).collect(),
        proof,
    };
    emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
}

/// `merklab tree verify` of a proof file [`wrote`] says is ours.
pub(super) fn verify_file(value: Value, args: &VerifyArgs) -> Result<()> {
    let file: ProofFile = serde_json::from_value(value)
        .with_context(|| format!("{} is not a merklab tree proof", args.proof.display()))?;
    let name = bn254_hash(&file.hash).context("not a BN254 hash")?;
    let root = match &args.root {
        Some(text) => Bn254Digest::from_decimal(text).context("--root")?,
        None => file.root,
    };
    let arity = file
        .proof
        .get("arity")
        .and_then(Value::as_u64)
        .context("the proof has no arity")?;
    let (outcome, pairs) = with_arity!(
        arity,
        K => check::<K>(&file, name, root, args.size),
        _ => unsupported(arity)
    )?;
    match outcome {
        Ok(()) => {
            if let Some(note) = untagged_note(pairs == PairOrder::Sorted, args.size) {
                eprintln!("{note}");
            }
            emit(
                None,
                &format!("valid: {} leaf(s) under root {root}", file.leaves.len()),
            )
        }
        Err(e) if e.is_rejection() => Err(crate::rejected(format!("invalid proof: {e}"))),
        Err(e) => bail!("malformed proof: {e}"),
    }
}

/// Checks a proof; also returns its pair order, for the note.
fn check<const K: usize>(
    file: &ProofFile,
    name: Bn254HashName,
    root: Bn254Digest,
    size: Option<u64>,
) -> Result<(Result<(), VerifyError>, PairOrder)> {
    let c = compression::<K>(name, file.tags)?;
    let value = file.proof.clone();
    if value.get("indices").is_some() {
        let proof: MultiProof<Bn254Digest, K> =
            serde_json::from_value(value).context("malformed multiproof")?;
        let policy = proof.policy;
        let outcome = match size {
            Some(n) => verify_many_with_size(&c, &policy, root, &file.leaves, &proof, n),
            None => verify_many(&c, &policy, root, &file.leaves, &proof),
        };
        Ok((outcome, policy.pairs))
    } else {
        let proof: Proof<Bn254Digest, K> =
            serde_json::from_value(value).context("malformed proof")?;
        let [leaf] = file.leaves[..] else {
            bail!(
                "a single-leaf proof needs exactly one entry in \"leaves\", found {}",
                file.leaves.len()
            );
        };
        let policy = proof.policy;
        let outcome = match size {
            Some(n) => verify_with_size(&c, &policy, root, leaf, &proof, n),
            None => verify(&c, &policy, root, leaf, &proof),
        };
        Ok((outcome, policy.pairs))
    }
}
