//! `tree build --store`, `tree root --store` and `tree prove --store`: trees kept on
//! disk (merklab-store), for the byte hashes, the field families' hashes over byte
//! leaves (BN254, Plonky3, Miden) and the `rfc6962` profile. One generic path over a
//! leaf hash and a compression; the byte hashes and each field family only say which.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use merklab_core::{hash_leaves, with_arity, Compression, DomainTags, LeafHash, Policy};
use merklab_hashes::{AnyByteHash, HashName};
use merklab_names::{HashId, HashKind};
use merklab_profiles::rfc6962::Rfc6962;
use merklab_profiles::Named;
use merklab_store::{
    rehashed_leaves, Generated, LayoutSpec, LeafDigests, LeafInputs, LeafSource, Manifest, Records,
    Rehash, Store, StoreBuilder,
};
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
/// The least time between two checkpoints of a build from indexed leaves.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);

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
    /// Write no leaf level: proofs read the subtree they need from the leaves file again
    /// (`tree prove --store DIR --leaves FILE`), checked against the store. Needs
    /// --leaf-bytes records; with --generate and --keep-every above 1 it is the default.
    #[arg(long = "no-leaf-level")]
    no_leaf_level: bool,
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
        L: LeafHash<Input = [u8]> + Clone + Send + Sync + 'static,
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
        L: LeafHash<Input = [u8]> + Clone + Send + Sync + 'static,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let Build(args, spec) = self;
        let inputs = indexed(&args.source)?;
        let elsewhere = match &inputs {
            Some((inputs, _)) if args.no_leaf_level => Some(inputs.source()),
            Some((inputs, _))
                if args.source.generate.is_some()
                    && args.keep_every > 1
                    && rehashed_leaves(K, args.keep_every).is_some() =>
            {
                Some(inputs.source())
            }
            _ if args.no_leaf_level => bail!(
                "--no-leaf-level needs leaves that can be read again by index: --leaves FILE \
                 with --leaf-bytes W (a file, not standard input), or --generate N; hex lines \
                 keep the leaf level"
            ),
            _ => None,
        };
        let (mut builder, resumed) = StoreBuilder::<_, K>::create_or_resume_with(
            &args.store,
            spec,
            c,
            args.keep_every,
            elsewhere,
        )?;
        match inputs {
            Some((inputs, total)) => absorb(
                &mut builder,
                leaf,
                inputs.as_ref(),
                total,
                args.stop_after,
                &args.store,
            )?,
            None => {
                let done = builder.leaf_count();
                feed(
                    &mut builder,
                    leaf,
                    &args.source,
                    done,
                    args.stop_after,
                    &args.store,
                )?;
            }
        }
        finish(builder, &args.store, args.json, resumed)
    }
}

/// Leaves the store can read again by index (generated, or a records file) and how many
/// there are; `None` for hex lines and standard input.
fn indexed(source: &SourceArgs) -> Result<Option<(Box<dyn LeafInputs>, u64)>> {
    match (&source.leaves, source.leaf_bytes, source.generate) {
        (_, _, Some(n)) => Ok(Some((Box::new(Generated), n))),
        (Some(path), Some(width), None) if path.as_os_str() != "-" => {
            let records = Records::open(path, width)?;
            let n = records.source().leaf_count().unwrap_or(0);
            Ok(Some((Box::new(records), n)))
        }
        _ => Ok(None),
    }
}

/// Hashes leaves `builder.leaf_count()..total` of `inputs` into `builder` on both cores,
/// with a checkpoint every [`CHECKPOINT`] leaves once [`CHECKPOINT_EVERY`] has passed
/// (an fsync'd manifest per million leaves would cost a 2^32 build minutes); with
/// `stop_after`, stops at a checkpoint once the builder holds that many leaves.
fn absorb<L, C, const K: usize>(
    builder: &mut StoreBuilder<C, K>,
    hash: &L,
    inputs: &dyn LeafInputs,
    total: u64,
    stop_after: Option<u64>,
    dir: &Path,
) -> Result<()>
where
    L: LeafHash<Input = [u8], Digest = C::Digest> + Sync,
    C: Compression<K>,
{
    let limit = stop_after.map_or(total, |n| n.min(total));
    let mut last = Instant::now();
    while builder.leaf_count() < limit {
        let next = (builder.leaf_count() / CHECKPOINT + 1)
            .saturating_mul(CHECKPOINT)
            .min(limit);
        builder.absorb(hash, inputs, next)?;
        if last.elapsed() >= CHECKPOINT_EVERY {
            builder.checkpoint()?;
            last = Instant::now();
        }
    }
    stop_if_asked(builder, stop_after, dir)
}

/// With `stop_after` (`--stop-after`), checkpoints and ends the command with the
/// error that says where the build stopped, so a rerun resumes there.
fn stop_if_asked<C: Compression<K>, const K: usize>(
    builder: &mut StoreBuilder<C, K>,
    stop_after: Option<u64>,
    dir: &Path,
) -> Result<()> {
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

/// Opens the store at `dir` and, when it keeps no leaf level, gives it its leaves
/// again: the numbering for a generated store, `leaves` (the records file it was built
/// from) otherwise. Without `leaves` a records store still answers what needs no leaf.
pub(crate) fn open_store<L>(dir: &Path, leaves: Option<&Path>, hash: &L) -> Result<Store>
where
    L: LeafHash<Input = [u8]> + Clone + Send + Sync + 'static,
{
    let mut store = Store::open(dir)?;
    let source = store.leaves_elsewhere().cloned();
    match (source, leaves) {
        (None, Some(_)) => bail!(
            "{} keeps its leaf level: --leaves with --store names the records file of a \
             store built with --no-leaf-level",
            dir.display()
        ),
        (None, None) | (Some(LeafSource::Records { .. }), None) => {}
        (Some(LeafSource::Generated), Some(_)) => bail!(
            "{} was built from --generate's leaves, which it makes again: drop --leaves",
            dir.display()
        ),
        (Some(LeafSource::Generated), None) => store.set_leaves(Box::new(Rehash {
            inputs: Generated,
            hash: hash.clone(),
        }))?,
        (Some(LeafSource::Records { width, .. }), Some(path)) => {
            let records = Records::open(path, width)?;
            store.set_leaves(Box::new(Rehash {
                inputs: records,
                hash: hash.clone(),
            }))?
        }
    }
    Ok(store)
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
    stop_if_asked(builder, stop_after, dir)
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
        L: LeafHash<Input = [u8]> + Clone + Send + Sync + 'static,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let args = self.0;
        let generated = Manifest::read(&args.store)?.leaves == Some(LeafSource::Generated);
        if generated && args.source.generate.is_none() {
            bail!(
                "{} keeps no leaf level and makes its leaves from the numbering: it grows \
                 only by --generate N",
                args.store.display()
            );
        }
        let rehash: Box<dyn LeafDigests> = Box::new(Rehash {
            inputs: Generated,
            hash: leaf.clone(),
        });
        let mut builder =
            StoreBuilder::<_, K>::append_with(&args.store, c, generated.then_some(rehash))?;
        let base = builder.appending_from().unwrap_or(0);
        let done = builder.leaf_count() - base;
        let resumed = done > 0;
        if let Some(n) = args.source.generate {
            absorb(
                &mut builder,
                leaf,
                &Generated,
                base.saturating_add(n),
                args.stop_after,
                &args.store,
            )?;
            return finish(builder, &args.store, args.json, resumed);
        }
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
    let spec = Manifest::read(dir)?.layout;
    with_hashes(&spec, StoreRoot(args, dir))
}

struct StoreRoot<'a>(&'a RootArgs, &'a Path);

impl HashesOp for StoreRoot<'_> {
    fn run<L, C, const K: usize>(self, leaf: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Clone + Send + Sync + 'static,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let StoreRoot(args, dir) = self;
        let store = open_store(dir, args.leaves.as_deref(), leaf)?;
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
    let spec = Manifest::read(dir)?.layout;
    with_hashes(&spec, StoreProve(args, dir))
}

struct StoreProve<'a>(&'a ProveArgs, &'a Path);

impl HashesOp for StoreProve<'_> {
    fn run<L, C, const K: usize>(self, leaf: &L, c: C) -> Result<()>
    where
        L: LeafHash<Input = [u8]> + Clone + Send + Sync + 'static,
        C: Compression<K, Digest = L::Digest>,
        L::Digest: Display + Serialize,
    {
        let StoreProve(args, dir) = self;
        let store = open_store(dir, args.leaves.as_deref(), leaf)?;
        if let (Some(LeafSource::Records { .. }), None) = (store.leaves_elsewhere(), &args.leaves) {
            bail!(
                "{} keeps no leaf level: give the records file it was built from with --leaves FILE",
                dir.display()
            );
        }
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
