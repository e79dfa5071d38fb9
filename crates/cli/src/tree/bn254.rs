//! `merklab tree root/prove/verify --hash poseidon-bn254`: hex byte leaves, each encoded
//! into field elements and hashed by [`BytesLeaf`], nodes circom's `Poseidon(children)`.
//! Digests are decimal, as circom and zk-kit print field elements; trees whose leaves
//! are field elements already are the `lean-imt` profile's.

use std::path::Path;

use anyhow::{bail, Context, Result};
use merklab_bn254::{Bn254Digest, Bn254HashName, BytesLeaf, CircomPoseidon};
use merklab_core::{hash_leaves, with_arity, DomainTags, MerkleTree};
use serde_json::{json, Value};

use super::{
    leaf_positions, parse_leaves, unsupported, LayoutArgs, ProofFile, ProveArgs, RootArgs,
    VerifyArgs,
};
use crate::io::{emit, read_text};

fn bn254_hash(name: &str) -> Option<Bn254HashName> {
    name.parse().ok()
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
    let (_, tree) = build::<K>(&args.layout, args.leaves())?;
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
    let (digests, tree) = build::<K>(&args.layout, args.leaves())?;
    let positions = leaf_positions(&digests, args.layout.leaf_order, &args.index, args.leaves())?;
    let file = ProofFile::of(&args.layout, &tree, &positions)?;
    emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
}

/// `merklab tree verify` of a proof file [`wrote`] says is ours.
pub(super) fn verify_file(value: Value, args: &VerifyArgs) -> Result<()> {
    let file: ProofFile<Bn254Digest> = serde_json::from_value(value)
        .with_context(|| format!("{} is not a merklab tree proof", args.proof.display()))?;
    let name = bn254_hash(&file.hash).context("not a BN254 hash")?;
    let root = match &args.root {
        Some(text) => Bn254Digest::from_decimal(text).context("--root")?,
        None => file.root,
    };
    let checked = with_arity!(
        file.arity()?,
        K => file.check::<_, K>(&compression::<K>(name, file.tags)?, root, args.size),
        _ => unsupported(file.arity()?)
    )?;
    file.report(checked, args.size, &root.to_string())
}
