//! `merklab tree root/prove/verify --hash H` for the hashes over field elements: hex
//! byte leaves, each encoded into field elements and hashed by the family's leaf hash,
//! nodes the family's compression. One path for every field family; a family is one
//! [`FieldFamily`] impl and one line in [`with_family`].

use std::fmt::Display;
use std::path::Path;

use anyhow::{bail, Context, Result};
use merklab_core::{
    hash_leaves, with_arity, Compression, Digest, DomainTags, LeafHash, MerkleTree,
};
use merklab_names::HashId;
use serde_json::{json, Value};

use super::{
    leaf_positions, parse_leaves, unsupported, LayoutArgs, ProofFile, ProveArgs, RootArgs,
    VerifyArgs,
};
use crate::io::{emit, read_text};

/// A family of hashes over one digest type, as the tree commands need it.
pub(super) trait FieldFamily: Copy + Display {
    /// The node type; prints as its ecosystem writes it.
    type Digest: Digest + Display;
    /// The hash of one byte leaf.
    type LeafHash: LeafHash<Input = [u8], Digest = Self::Digest> + Clone + Send + Sync + 'static;

    /// The hash a registry entry names, if it is of this family.
    fn from_id(id: HashId) -> Option<Self>;
    /// The byte-leaf hash.
    fn leaf_hash(self) -> Self::LeafHash;
    /// The node compression at arity `K`, or why there is none (the arity, the tags).
    fn compression<const K: usize>(
        self,
        tags: DomainTags,
    ) -> Result<impl Compression<K, Digest = Self::Digest>>;
    /// A digest as [`Display`] writes it (`--root`).
    fn parse_digest(text: &str) -> Result<Self::Digest>;
}

/// An operation over one family's hash, run by [`with_family`].
pub(super) trait FamilyOp {
    /// What the operation returns.
    type Output;
    /// Runs on `hash`.
    fn run<F: FieldFamily>(self, hash: F) -> Self::Output;
}

/// Runs `op` on the family of `id`, or gives `op` back when `id` is in none.
pub(super) fn with_family<O: FamilyOp>(id: HashId, op: O) -> Result<O::Output, O> {
    fn one<F: FieldFamily, O: FamilyOp>(id: HashId, op: O) -> Result<O::Output, O> {
        match F::from_id(id) {
            Some(hash) => Ok(op.run(hash)),
            None => Err(op),
        }
    }
    /// Tries each family in turn, handing `op` on to the next.
    macro_rules! families {
        ($($family:ty),+) => {{
            $(let op = match one::<$family, O>(id, op) {
                Ok(out) => return Ok(out),
                Err(op) => op,
            };)+
            Err(op)
        }};
    }
    families!(
        merklab_bn254::Bn254HashName,
        super::plonky3::SmallField<merklab_plonky3::BabyBear>,
        super::plonky3::SmallField<merklab_plonky3::KoalaBear>,
        super::plonky3::Bn254,
        merklab_miden::MidenHashName
    )
}

/// Whether `id` is a hash of some field family.
pub(super) fn is_field_hash(id: HashId) -> bool {
    struct Known;
    impl FamilyOp for Known {
        type Output = ();
        fn run<F: FieldFamily>(self, _: F) {}
    }
    with_family(id, Known).is_ok()
}

/// The hash a proof file names, if it is a field family's.
pub(super) fn named_in(file: &Value) -> Option<HashId> {
    let id: HashId = file.get("hash")?.as_str()?.parse().ok()?;
    is_field_hash(id).then_some(id)
}

/// A family without a tagged form refuses `--tags tagged`.
pub(super) fn untagged(name: impl Display, tags: DomainTags) -> Result<()> {
    if tags != DomainTags::None {
        bail!("{name} has no domain-tagged form (use --tags none)");
    }
    Ok(())
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
