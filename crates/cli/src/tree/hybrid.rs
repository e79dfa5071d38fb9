//! `merklab tree root/prove/verify --hash LOWER@0..K,UPPER`: hybrid trees, a byte hash
//! for levels 0 to K - 1 (the leaves are level 0) and a field family's hash from level
//! K up, each level-(K - 1) digest lifted by the family's own byte-leaf hash.
//! `merklab_core::hybrid` is the tree; this is the syntax and the plumbing.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use anyhow::{bail, Context, Result};
use merklab_core::hybrid::{Hybrid, HybridCompression, HybridLeaf, LiftBytes, MAX_SPLIT};
use merklab_core::{hash_leaves, with_arity, MerkleTree};
use merklab_hashes::{AnyByteHash, Digest32, HashName};
use merklab_names::{HashId, HashKind};
use serde_json::{json, Value};

use super::field_family::{is_field_hash, with_family, FamilyOp, FieldFamily};
use super::{
    leaf_positions, parse_leaves, tree_hash, unsupported, LayoutArgs, ProofFile, ProveArgs,
    RootArgs, VerifyArgs,
};
use crate::io::{emit, read_text};

/// What `--hash` names: one hash for every level, or a hybrid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeHash {
    /// One hash.
    One(HashId),
    /// A byte hash below a split level, a field hash from it up.
    Hybrid(HybridSpec),
}

impl TreeHash {
    /// The hash of the root: the one hash, or a hybrid's upper one.
    pub fn id(self) -> HashId {
        match self {
            TreeHash::One(id) => id,
            TreeHash::Hybrid(spec) => spec.upper,
        }
    }
}

impl fmt::Display for TreeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeHash::One(id) => id.fmt(f),
            TreeHash::Hybrid(spec) => spec.fmt(f),
        }
    }
}

/// Parses `--hash`: a registry name, or `LOWER@0..K,UPPER`.
pub(super) fn parse_tree_hash(text: &str) -> Result<TreeHash, String> {
    if text.contains(['@', ',']) {
        return text.parse().map(TreeHash::Hybrid);
    }
    HashId::parse_among(text, tree_hash)
        .map(TreeHash::One)
        .map_err(|e| e.to_string())
}

/// `LOWER@0..K,UPPER`: `LOWER` (a byte hash) makes levels 0 to `K - 1`, `UPPER` (a
/// field hash) levels `K` and up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HybridSpec {
    /// The byte hash below the split.
    pub lower: HashName,
    /// The first level of `upper`'s digests, 1 to [`MAX_SPLIT`].
    pub split: u32,
    /// The field hash from the split up.
    pub upper: HashId,
}

const SYNTAX: &str = "expected LOWER@0..K,UPPER, for example blake3@0..8,poseidon-bn254";

impl FromStr for HybridSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (lower_part, upper) = text
            .split_once(',')
            .ok_or_else(|| format!("'{text}' has no ',UPPER' ({SYNTAX})"))?;
        let (lower, levels) = lower_part
            .split_once('@')
            .ok_or_else(|| format!("'{lower_part}' has no '@0..K' ({SYNTAX})"))?;
        let lower_id = HashId::parse_among(lower, |k| k == HashKind::Byte)
            .map_err(|e| format!("below the split: {e}"))?;
        let lower = HashName::from_id(lower_id)
            .ok_or_else(|| format!("below the split: {lower_id} is not a byte hash"))?;
        let split = levels
            .strip_prefix("0..")
            .and_then(|k| k.parse::<u32>().ok())
            .filter(|k| (1..=u32::from(MAX_SPLIT)).contains(k))
            .ok_or_else(|| {
                format!("levels '{levels}': expected 0..K with K from 1 to {MAX_SPLIT} (the first level of UPPER)")
            })?;
        let field = |k: HashKind| tree_hash(k) && k != HashKind::Byte;
        let upper =
            HashId::parse_among(upper, field).map_err(|e| format!("above the split: {e}"))?;
        if !is_field_hash(upper) {
            return Err(format!(
                "above the split: {upper} builds no tree over bytes"
            ));
        }
        Ok(Self {
            lower,
            split,
            upper,
        })
    }
}

impl fmt::Display for HybridSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@0..{},{}", self.lower, self.split, self.upper)
    }
}

/// The hybrid spec a proof file names, if it names one.
pub(super) fn named_in(file: &Value) -> Option<HybridSpec> {
    file.get("hash")?.as_str()?.parse().ok()
}

type Node<F> = Hybrid<Digest32, <F as FieldFamily>::Digest>;

/// A node as its hash prints it: a field digest as the family does, a byte one in hex.
fn text<F: FieldFamily>(node: &Node<F>) -> String {
    match node {
        Hybrid::Upper(d) => d.to_string(),
        Hybrid::Lower { digest, .. } => digest.to_hex(),
    }
}

fn compression<F: FieldFamily, const K: usize>(
    spec: HybridSpec,
    upper: F,
    tags: merklab_core::DomainTags,
) -> Result<impl merklab_core::Compression<K, Digest = Node<F>>> {
    Ok(HybridCompression::new(
        AnyByteHash::new(spec.lower, tags),
        upper.compression::<K>(tags)?,
        LiftBytes(upper.leaf_hash()),
        spec.split,
    )?)
}

type Built<F, const K: usize> = (Vec<Node<F>>, MerkleTree<Node<F>, K>);

fn build<F: FieldFamily, const K: usize>(
    spec: HybridSpec,
    upper: F,
    layout: &LayoutArgs,
    path: &Path,
) -> Result<Built<F, K>> {
    let c = compression::<F, K>(spec, upper, layout.tags)?;
    let leaf = HybridLeaf::<_, F::Digest>::new(AnyByteHash::new(spec.lower, layout.tags));
    let leaves = parse_leaves(&read_text(path)?, path)?;
    let digests = hash_leaves(&leaf, &leaves);
    let tree = MerkleTree::<Node<F>, K>::build(&c, layout.policy(), digests.clone())
        .with_context(|| format!("cannot build a tree from {}", path.display()))?;
    if tree.root().upper().is_none() {
        bail!(
            "--hash {spec}: {} leaves make a tree of depth {}, below the split at level {} (give K at most {})",
            tree.leaf_count(),
            tree.depth(),
            spec.split,
            tree.depth()
        );
    }
    Ok((digests, tree))
}

/// A tree command on a hybrid, run on the upper hash's family.
enum Command<'a> {
    Root(HybridSpec, &'a RootArgs),
    Prove(HybridSpec, &'a ProveArgs),
    Verify(HybridSpec, Value, &'a VerifyArgs),
}

impl FamilyOp for Command<'_> {
    type Output = Result<()>;
    fn run<F: FieldFamily>(self, upper: F) -> Result<()> {
        match self {
            Command::Root(spec, args) => {
                let arity = args.layout.arity;
                with_arity!(arity, K => {
                    let (_, tree) = build::<F, K>(spec, upper, &args.layout, args.leaves())?;
                    let root = text::<F>(&tree.root());
                    if args.json {
                        let out = json!({"root": root, "leaves": tree.leaf_count(), "depth": tree.depth()});
                        emit(None, &out.to_string())
                    } else {
                        emit(None, &root)
                    }
                }, _ => unsupported(arity.into()))
            }
            Command::Prove(spec, args) => {
                let arity = args.layout.arity;
                with_arity!(arity, K => {
                    let (digests, tree) = build::<F, K>(spec, upper, &args.layout, args.leaves())?;
                    let positions =
                        leaf_positions(&digests, args.layout.leaf_order, &args.index, args.leaves())?;
                    let file = ProofFile::of(&args.layout, &tree, &positions)?;
                    emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
                }, _ => unsupported(arity.into()))
            }
            Command::Verify(spec, value, args) => {
                let file: ProofFile<Node<F>> =
                    serde_json::from_value(value).with_context(|| {
                        format!("{} is not a merklab tree proof", args.proof.display())
                    })?;
                let root = match &args.root {
                    Some(text) => Hybrid::Upper(F::parse_digest(text).context("--root")?),
                    None => file.root,
                };
                let checked = with_arity!(
                    file.arity()?,
                    K => file.check::<_, K>(&compression::<F, K>(spec, upper, file.tags)?, root, args.size),
                    _ => unsupported(file.arity()?)
                )?;
                file.report(checked, args.size, &text::<F>(&root))
            }
        }
    }
}

fn run(command: Command<'_>, upper: HashId) -> Result<()> {
    with_family(upper, command).map_err(|_| anyhow::anyhow!("{upper} is not a field hash"))?
}

fn spec_of(layout: &LayoutArgs) -> Result<HybridSpec> {
    match layout.hash {
        TreeHash::Hybrid(spec) => Ok(spec),
        TreeHash::One(id) => bail!("{id} is not a hybrid hash"),
    }
}

/// `merklab tree root --hash LOWER@0..K,UPPER`.
pub(super) fn root(args: &RootArgs) -> Result<()> {
    let spec = spec_of(&args.layout)?;
    run(Command::Root(spec, args), spec.upper)
}

/// `merklab tree prove --hash LOWER@0..K,UPPER`.
pub(super) fn prove(args: &ProveArgs) -> Result<()> {
    let spec = spec_of(&args.layout)?;
    run(Command::Prove(spec, args), spec.upper)
}

/// `merklab tree verify` of a proof file that names a hybrid.
pub(super) fn verify(spec: HybridSpec, value: Value, args: &VerifyArgs) -> Result<()> {
    run(Command::Verify(spec, value, args), spec.upper)
}
