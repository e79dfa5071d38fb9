//! `tree build --store`, `tree root --store` and `tree prove --store`: trees kept on
//! disk (merklab-store), for the byte hashes, the field families' hashes over byte
//! leaves (BN254, Plonky3, Miden) and the `rfc6962` profile. One generic path over a
//! leaf hash and a compression; the byte hashes and each field family only say which.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use merklab_core::{hash_leaves, with_arity, Compression, DomainTags, LeafHash, Policy};
use merklab_hashes::{AnyByteHash, HashName};
use merklab_names::{HashId, HashKind};
use merklab_profiles::rfc6962::Rfc6962;
use merklab_profiles::Named;
use merklab_store::{LayoutSpec, Manifest, Store, StoreBuilder};
use serde::Serialize;
use serde_json::json;

use super::field_family::{is_field_hash, with_family, FamilyOp, FieldFamily};
use super::hybrid::TreeHash;
use super::proof_file::ProofFile;
use super::source::SourceArgs;
use super::{unsupported, LayoutArgs, ProveArgs, RootArgs};
use crate::io::emit;

/// Leaves between two checkpoints of a build: what an interrupted build may redo.
const CHECKPOINT: u64 = 1 << 20;

/// `merklab tree build`.
#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    layout: LayoutArgs,
    #[command(flatten)]
    source: SourceArgs,
    /// The store directory (created if missing; an interrupted build there resumes).
    #[arg(long)]
    store: PathBuf,
    /// Keep level files only for levels that are multiples of R (1 keeps every level);
    /// a proof recomputes the others for one subtree of at most arity^(R-1) leaves.
    #[arg(long = "keep-every", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=merklab_store::MAX_KEEP_EVERY as i64))]
    keep_every: u32,
    /// Print {"root", "leaves", "depth", "resumed"} as JSON.
    #[arg(long)]
    json: bool,
    /// Stop (exit 2) after this many leaves, at a checkpoint: a stand-in for a killed build.
    #[arg(long = "stop-after", hide = true)]
    stop_after: Option<u64>,
}

/// The store layout `--hash ...` or `--profile rfc6962` names.
pub(super) fn spec(layout: &LayoutArgs) -> Result<LayoutSpec> {
    if let Some(profile) = layout.named.profile {
        if profile.name() != Rfc6962::NAME {
            bail!(
                "profile {profile} cannot be stored yet: stores take the byte hashes and the {} profile",
                Rfc6962::NAME
            );
        }
        return Ok(LayoutSpec {
            hash: HashName::Sha256.to_string(),
            tags: DomainTags::Tagged,
            profile: Some(Rfc6962::NAME.to_string()),
            arity: 2,
            policy: Policy::new(),
        });
    }
    let id = match layout.hash {
        TreeHash::One(id) => id,
        TreeHash::Hybrid(_) => bail!(
            "{} cannot be stored: a store's levels all use one hash, and a hybrid tree uses two",
            layout.hash
        ),
    };
    if id.kind() != HashKind::Byte && !is_field_hash(id) {
        bail!(
            "{} cannot be stored: stores take the byte hashes, the field families' hashes \
             and the {} profile",
            layout.hash,
            Rfc6962::NAME
        );
    }
    Ok(LayoutSpec {
        hash: layout.hash.to_string(),
        tags: layout.tags,
        profile: None,
        arity: usize::from(layout.arity),
        policy: layout.policy(),
    })
}

/// The hash a stored layout names.
pub(super) fn hash_of(spec: &LayoutSpec) -> Result<AnyByteHash> {
    let name: HashName = spec.hash.parse().with_context(|| {
        format!(
            "{} is not a byte hash (shards take the byte hashes and {})",
            spec.hash,
            Rfc6962::NAME
        )
    })?;
    Ok(AnyByteHash::new(name, spec.tags))
}

/// The field family a stored layout names, if any.
fn field_hash(spec: &LayoutSpec) -> Option<HashId> {
    spec.hash.parse().ok().filter(|&id| is_field_hash(id))
}

/// Runs `op` with the stored layout's leaf hash and compression at its arity.
fn with_hashes<O: HashesOp>(spec: &LayoutSpec, op: O) -> Result<()> {
    let k = spec.arity as u64;
    if let Some(id) = field_hash(spec) {
        /// Hands a field family's hashes to `op`.
        struct Family<'a, O>(&'a LayoutSpec, O);
        impl<O: HashesOp> FamilyOp for Family<'_, O> {
            type Output = Result<()>;
            fn run<F: FieldFamily>(self, hash: F) -> Result<()> {
                let Family(spec, op) = self;
                let k = spec.arity as u64;
                with_arity!(spec.arity, K => {
                    let c = hash.compression::<K>(spec.tags)?;
                    op.run::<_, _, K>(&hash.leaf_hash(), c)
                }, _ => unsupported(k))
            }
        }
        return with_family(id, Family(spec, op))
            .map_err(|_| anyhow::anyhow!("{id} is not a field family's hash"))?;
    }
    let hash = hash_of(spec)?;
    with_arity!(spec.arity, K => op.run::<_, _, K>(&hash, hash), _ => unsupported(k))
}

/// An operation on a store, given the layout's leaf hash and compression.
trait HashesOp {
    /// Runs with `leaf` and `c`.
    fn run<L, C, const K: usize>(self, leaf: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Sync,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize;
}

/// Runs `tree build`.
pub fn build(args: &BuildArgs) -> Result<()> {
    let spec = spec(&args.layout)?;
    with_hashes(&spec.clone(), Build(args, spec))
}

struct Build<'a>(&'a BuildArgs, LayoutSpec);

impl HashesOp for Build<'_> {
    fn run<L, C, const K: usize>(self, leaf: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Sync,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let Build(args, spec) = self;
        let (mut builder, resumed) =
            StoreBuilder::<_, K>::create_or_resume(&args.store, spec, c, args.keep_every)?;
        let done = builder.leaf_count();
        feed(
            &mut builder,
            leaf,
            &args.source,
            done,
            args.stop_after,
            &args.store,
        )?;
        finish(builder, &args.store, args.json, resumed)
    }
}

/// Hashes leaves `skip..` of `source` into `builder`, with a checkpoint every
/// [`CHECKPOINT`] leaves; with `stop_after`, stops at a checkpoint once the builder
/// holds that many leaves.
fn feed<L, C, const K: usize>(
    builder: &mut StoreBuilder<C, K>,
    hash: &L,
    source: &SourceArgs,
    skip: u64,
    stop_after: Option<u64>,
    dir: &Path,
) -> Result<()>
where
    L: LeafHash<Input = [u8]> + Sync,
    C: Compression<K, Digest = L::Digest>,
{
    let limit = stop_after.map_or(u64::MAX, |n| n.saturating_sub(builder.leaf_count()));
    let mut since = 0u64;
    source.each(skip, limit, &mut |batch| {
        let digests = hash_leaves(hash, batch);
        builder.push(&digests)?;
        since += digests.len() as u64;
        if since >= CHECKPOINT {
            builder.checkpoint()?;
            since = 0;
        }
        Ok(())
    })?;
    if let Some(n) = stop_after {
        builder.checkpoint()?;
        bail!(
            "stopped after {n} leaves as asked; {} holds a checkpoint at {} leaves",
            dir.display(),
            builder.leaf_count()
        );
    }
    Ok(())
}

fn finish<C: Compression<K>, const K: usize>(
    builder: StoreBuilder<C, K>,
    dir: &Path,
    json: bool,
    resumed: bool,
) -> Result<()>
where
    C::Digest: Display,
{
    let manifest = builder.finish()?;
    let root = manifest.root::<C::Digest>(dir)?.to_string();
    if json {
        let store = Store::open(dir)?;
        let out = json!({"root": root, "leaves": manifest.leaf_count, "depth": store.depth(), "resumed": resumed});
        emit(None, &out.to_string())
    } else {
        emit(None, &root)
    }
}

/// `merklab tree append`.
#[derive(Args)]
pub struct AppendArgs {
    /// The store to grow (finished, or an append that stopped).
    #[arg(long)]
    store: PathBuf,
    /// The leaves to add; `--generate N` adds leaves n..n+N of the numbering, where n
    /// is the store's size.
    #[command(flatten)]
    source: SourceArgs,
    /// Print {"root", "leaves", "depth", "resumed"} as JSON.
    #[arg(long)]
    json: bool,
    /// Stop (exit 2) once the store holds this many leaves, at a checkpoint.
    #[arg(long = "stop-after", hide = true)]
    stop_after: Option<u64>,
}

/// Runs `tree append`.
pub fn append(args: &AppendArgs) -> Result<()> {
    let manifest = Manifest::read(&args.store)?;
    with_hashes(&manifest.layout, Append(args))
}

struct Append<'a>(&'a AppendArgs);

impl HashesOp for Append<'_> {
    fn run<L, C, const K: usize>(self, leaf: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Sync,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let args = self.0;
        let mut builder = StoreBuilder::<_, K>::append(&args.store, c)?;
        let base = builder.appending_from().unwrap_or(0);
        let done = builder.leaf_count() - base;
        let resumed = done > 0;
        let mut source = args.source.clone();
        let skip = match source.generate {
            Some(n) => {
                source.generate = Some(base.saturating_add(n));
                base + done
            }
            None => done,
        };
        feed(
            &mut builder,
            leaf,
            &source,
            skip,
            args.stop_after,
            &args.store,
        )?;
        finish(builder, &args.store, args.json, resumed)
    }
}

/// Runs `tree root --store`.
pub fn root(args: &RootArgs) -> Result<()> {
    let dir = args.store.as_deref().context("--store")?;
    let store = Store::open(dir)?;
    let spec = store.layout().clone();
    with_hashes(&spec, StoreRoot(args, &store))
}

struct StoreRoot<'a>(&'a RootArgs, &'a Store);

impl HashesOp for StoreRoot<'_> {
    fn run<L, C, const K: usize>(self, _: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Sync,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let StoreRoot(args, store) = self;
        let root = store.root::<_, K>(&c)?;
        if args.json {
            let out = json!({"root": root, "leaves": store.leaf_count(), "depth": store.depth()});
            emit(None, &out.to_string())
        } else {
            emit(None, &root.to_string())
        }
    }
}

/// Runs `tree prove --store`: the proof file `tree prove` writes for the same tree.
pub fn prove(args: &ProveArgs) -> Result<()> {
    let dir = args.store.as_deref().context("--store")?;
    let store = Store::open(dir)?;
    let spec = store.layout().clone();
    with_hashes(&spec, StoreProve(args, &store))
}

struct StoreProve<'a>(&'a ProveArgs, &'a Store);

impl HashesOp for StoreProve<'_> {
    fn run<L, C, const K: usize>(self, _: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Sync,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let StoreProve(args, store) = self;
        let mut indices: Vec<u64> = args.index.iter().map(|&i| i as u64).collect();
        indices.sort_unstable();
        if let Some(w) = indices.windows(2).find(|w| w[0] == w[1]) {
            bail!("--index names leaf {} twice", w[0]);
        }
        if let Some(&bad) = indices.iter().find(|&&i| i >= store.leaf_count()) {
            bail!(
                "--index {bad} is out of range: the store has {} leaves",
                store.leaf_count()
            );
        }
        let root = store.root::<_, K>(&c)?;
        let leaves = indices
            .iter()
            .map(|&i| store.leaf::<_, K>(&c, i))
            .collect::<Result<Vec<_>, _>>()?;
        let proof = if let [index] = indices[..] {
            serde_json::to_value(store.prove::<_, K>(&c, index)?)?
        } else {
            serde_json::to_value(store.prove_many::<_, K>(&c, &indices)?)?
        };
        let spec = store.layout();
        let text = match &spec.profile {
            Some(profile) => {
                let leaves: Vec<String> = leaves.iter().map(ToString::to_string).collect();
                let file = json!({"profile": profile, "root": root.to_string(), "leaves": leaves, "proof": proof});
                serde_json::to_string_pretty(&file)?
            }
            None => {
                let file = ProofFile {
                    hash: spec.hash.clone(),
                    tags: spec.tags,
                    root,
                    leaves,
                    proof,
                };
                serde_json::to_string_pretty(&file)?
            }
        };
        emit(args.out.as_deref(), &text)
    }
}
