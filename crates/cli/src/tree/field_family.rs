//! `merklab tree root/prove/verify --hash H` for the hashes over field elements: hex
//! byte leaves, each encoded into field elements and hashed by the family's leaf hash,
//! nodes the family's compression. One path for every field family
//! ([`merklab_profiles::families`]).

use std::path::Path;

use anyhow::{Context, Result};
use merklab_core::{hash_leaves, with_arity, MerkleTree};
use merklab_names::HashId;
pub(super) use merklab_profiles::families::{is_field_hash, with_family, FamilyOp, FieldFamily};
use serde_json::{json, Value};

use super::{
    leaf_positions, parse_leaves, unsupported, LayoutArgs, ProofFile, ProveArgs, RootArgs,
    VerifyArgs,
};
use crate::io::{emit, read_text};

/// The hash a proof file names, if it is a field family's.
pub(super) fn named_in(file: &Value) -> Option<HashId> {
    let id: HashId = file.get("hash")?.as_str()?.parse().ok()?;
    is_field_hash(id).then_some(id)
}

type Built<F, const K: usize> = (
    Vec<<F as FieldFamily>::Digest>,
    MerkleTree<<F as FieldFamily>::Digest, K>,
);

fn build<F: FieldFamily, const K: usize>(
    hash: F,
    layout: &LayoutArgs,
    path: &Path,
) -> Result<Built<F, K>> {
    let c = hash.compression::<K>(layout.tags)?;
    let text = read_text(path)?;
    let leaves = parse_leaves(&text, path)?;
    let digests = hash_leaves(&hash.leaf_hash(), &leaves);
    let tree = MerkleTree::<F::Digest, K>::build(&c, layout.policy(), digests.clone())
        .with_context(|| format!("cannot build a tree from {}", path.display()))?;
    Ok((digests, tree))
}

/// `merklab tree root --hash H`.
pub(super) struct Root<'a>(pub(super) &'a RootArgs);

impl FamilyOp for Root<'_> {
    type Output = Result<()>;
    fn run<F: FieldFamily>(self, hash: F) -> Result<()> {
        let args = self.0;
        let arity = args.layout.arity;
        with_arity!(arity, K => {
            let (_, tree) = build::<F, K>(hash, &args.layout, args.leaves())?;
            if args.json {
                let out = json!({"root": tree.root(), "leaves": tree.leaf_count(), "depth": tree.depth()});
                emit(None, &out.to_string())
            } else {
                emit(None, &tree.root().to_string())
            }
        }, _ => unsupported(arity.into()))
    }
}

/// `merklab tree prove --hash H`.
pub(super) struct Prove<'a>(pub(super) &'a ProveArgs);

impl FamilyOp for Prove<'_> {
    type Output = Result<()>;
    fn run<F: FieldFamily>(self, hash: F) -> Result<()> {
        let args = self.0;
        let arity = args.layout.arity;
        with_arity!(arity, K => {
            let (digests, tree) = build::<F, K>(hash, &args.layout, args.leaves())?;
            let positions =
                leaf_positions(&digests, args.layout.leaf_order, &args.index, args.leaves())?;
            let file = ProofFile::of(&args.layout, &tree, &positions)?;
            emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
        }, _ => unsupported(arity.into()))
    }
}

/// `merklab tree verify` of a proof file that names a field hash.
pub(super) struct Verify<'a>(pub(super) Value, pub(super) &'a VerifyArgs);

impl FamilyOp for Verify<'_> {
    type Output = Result<()>;
    fn run<F: FieldFamily>(self, hash: F) -> Result<()> {
        let Verify(value, args) = self;
        let file: ProofFile<F::Digest> = serde_json::from_value(value)
            .with_context(|| format!("{} is not a merklab tree proof", args.proof.display()))?;
        let root = match &args.root {
            Some(text) => F::parse_digest(text).context("--root")?,
            None => file.root,
        };
        let checked = with_arity!(
            file.arity()?,
            K => file.check::<_, K>(&hash.compression::<K>(file.tags)?, root, args.size),
            _ => unsupported(file.arity()?)
        )?;
        file.report(checked, args.size, &root.to_string())
    }
}
