//! `merklab tree ...`: byte-hash trees over hex leaves, or a named profile's layout.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use merklab_core::{
    verify, with_arity, ByteDigest, Digest, DomainTags, LeafHash, LeafOrder, MerkleTree, OddNode,
    PairOrder, Policy,
};
use merklab_hashes::{AnyByteHash, ByteHash, Digest32, HashName};
use serde_json::json;

use crate::io::{emit, read_text};
use crate::profiles::ProfileArgs;
use merklab_names::{HashId, HashKind};
use merklab_profiles::Profile;

mod field_family;
mod hybrid;
mod proof_file;
pub mod shard;
mod source;
mod store;
pub(crate) use store::open_store;
mod tiles;

use hybrid::TreeHash;
use proof_file::ProofFile;

/// Tree commands.
#[derive(Subcommand)]
pub enum TreeCommand {
    /// Print the root of the tree over the leaves in FILE.
    Root(RootArgs),
    /// Print an inclusion proof (JSON) for one leaf, or a multiproof for several.
    Prove(ProveArgs),
    /// Build a tree on disk (a store directory) from streamed or generated leaves.
    Build(store::BuildArgs),
    /// Add leaves to a store written by `tree build`, rehashing only the last group of
    /// each level.
    Append(store::AppendArgs),
    /// Check a proof written by `merklab tree prove`.
    Verify(VerifyArgs),
    /// Write an `rfc6962` store as C2SP tlog-tiles: hash tiles and a checkpoint body.
    Tiles(tiles::TilesArgs),
    /// Print an RFC 6962 consistency proof from the first M leaves to all of them.
    Consistency(crate::profiles::ConsistencyArgs),
    /// Check a proof written by `merklab tree consistency`.
    VerifyConsistency(crate::profiles::VerifyConsistencyArgs),
}

/// The kinds of hash `--hash` takes: the byte hashes, and the field families' over
/// byte leaves.
fn tree_hash(kind: HashKind) -> bool {
    matches!(
        kind,
        HashKind::Byte | HashKind::Bn254Field | HashKind::Plonky3Field | HashKind::MidenField
    )
}

/// The `--hash` help text, naming every hash `--hash` takes.
fn hash_help() -> String {
    format!(
        "Hash backend: {}; or a hybrid LOWER@0..K,UPPER: a byte hash for levels 0 to K-1 (leaves are 0), a field hash from level K",
        HashId::names(tree_hash)
    )
}

/// How a tree is shaped and hashed.
#[derive(Args, Clone)]
pub struct LayoutArgs {
    #[arg(long, default_value = "sha3-256", help = hash_help(), value_parser = hybrid::parse_tree_hash)]
    hash: TreeHash,
    /// Children per node, 2 to 16.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=16))]
    arity: u8,
    /// Child order inside a node: positional or sorted (bytewise).
    #[arg(long, default_value = "positional")]
    pairs: PairOrder,
    /// Leaf order: given (file order) or sorted (by digest).
    #[arg(long = "leaf-order", default_value = "given")]
    leaf_order: LeafOrder,
    /// Last-group rule: promote, duplicate, zero, depth:D (fixed depth D from 0 to 256,
    /// empty-digest padding) or extend:D (fixed depth D from 0 to 256, snarkVM's padding).
    #[arg(long, default_value = "promote")]
    odd: OddNode,
    /// Domain tags: none, or tagged (leaf input 0x00||data, node input 0x01||children).
    #[arg(long, default_value = "none")]
    tags: DomainTags,
    #[command(flatten)]
    named: ProfileArgs,
}

impl LayoutArgs {
    /// The byte hash `--hash` names (the field hashes take their own path first).
    fn byte_hash(&self) -> Result<HashName> {
        HashName::from_id(self.hash.id())
            .with_context(|| format!("{} is not a byte hash", self.hash))
    }

    fn policy(&self) -> Policy {
        Policy {
            pairs: self.pairs,
            leaves: self.leaf_order,
            odd: self.odd,
        }
    }
}

/// `merklab tree root`.
#[derive(Args)]
pub struct RootArgs {
    #[command(flatten)]
    layout: LayoutArgs,
    /// File with one hex-encoded leaf per line (`-` for standard input).
    #[arg(long, required_unless_present = "store")]
    leaves: Option<PathBuf>,
    /// Read the tree from this store (written by `merklab tree build`) instead; with
    /// --leaves, the records file a store without a leaf level was built from.
    #[arg(long)]
    store: Option<PathBuf>,
    /// Print {"root", "leaves", "depth"} as JSON.
    #[arg(long)]
    json: bool,
    /// openzeppelin: also write the tree as a standard-v1 JSON dump to this file.
    #[arg(long)]
    dump: Option<PathBuf>,
}

/// `merklab tree prove`.
#[derive(Args)]
pub struct ProveArgs {
    #[command(flatten)]
    layout: LayoutArgs,
    /// File with one hex-encoded leaf per line (`-` for standard input).
    #[arg(long, required_unless_present = "store")]
    leaves: Option<PathBuf>,
    /// Prove from this store (written by `merklab tree build`) instead; the layout is
    /// the store's. With --leaves, the records file a store without a leaf level was
    /// built from (only the subtree a proof needs is read, and checked against the store).
    #[arg(long)]
    store: Option<PathBuf>,
    /// Line number(s) of the leaves to prove, from 0, comma-separated for a multiproof.
    #[arg(long, value_delimiter = ',', required = true)]
    index: Vec<usize>,
    /// Write the proof to this file instead of standard output (atomically).
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// The leaves file of a command that reads one: clap requires `--leaves` unless
/// `--store` is given, and `run` sends `--store` elsewhere first.
fn leaves_path(leaves: &Option<PathBuf>) -> &Path {
    leaves.as_deref().unwrap_or(Path::new("-"))
}

impl RootArgs {
    fn leaves(&self) -> &Path {
        leaves_path(&self.leaves)
    }
}

impl ProveArgs {
    fn leaves(&self) -> &Path {
        leaves_path(&self.leaves)
    }
}

/// `merklab tree verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// Proof file written by `merklab tree prove`.
    #[arg(long)]
    proof: PathBuf,
    /// The root to check against, in hex (default: the root recorded in the proof file).
    #[arg(long)]
    root: Option<String>,
    /// Require the proof to have been written under this profile.
    #[arg(long)]
    profile: Option<Profile>,
    /// The number of leaves the tree is known to have: a proof that claims another size
    /// is rejected. Without it the proof's own claim is taken, and under a layout without
    /// domain tags an inner node can pose as a leaf of a smaller tree.
    #[arg(long)]
    size: Option<u64>,
}

/// Parses one hex leaf per line. Whitespace-only lines are skipped; a leading `0x`
/// is allowed, so `0x` alone is the empty leaf.
pub fn parse_leaves(text: &str, source: &Path) -> Result<Vec<Vec<u8>>> {
    let mut leaves = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let digits = line.strip_prefix("0x").unwrap_or(line);
        let bytes = hex::decode(digits).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}: invalid hex leaf ({})",
                source.display(),
                n + 1,
                e.to_string().to_lowercase()
            )
        })?;
        leaves.push(bytes);
    }
    Ok(leaves)
}

/// The tree positions of the leaves on `lines` of `source` (from 0), ascending.
///
/// Distinct lines get distinct positions even when their leaves are equal: under sorted
/// leaf order, line `l` goes where `(digest, l)` falls among all `(digest, line)` pairs,
/// which is a position holding its digest. Naming one line twice is an error.
pub fn leaf_positions<D: Digest>(
    digests: &[D],
    order: LeafOrder,
    lines: &[usize],
    source: &Path,
) -> Result<Vec<usize>> {
    let mut wanted = lines.to_vec();
    wanted.sort_unstable();
    if let Some(w) = wanted.windows(2).find(|w| w[0] == w[1]) {
        bail!("--index names line {} twice", w[0]);
    }
    if let Some(&bad) = wanted.iter().find(|&&l| l >= digests.len()) {
        bail!(
            "--index {bad} is out of range: {} has {} leaves",
            source.display(),
            digests.len()
        );
    }
    let mut positions = match order {
        LeafOrder::AsGiven => wanted,
        LeafOrder::Sorted => {
            let mut by_digest: Vec<usize> = (0..digests.len()).collect();
            by_digest.sort_by(|&a, &b| digests[a].cmp(&digests[b]).then(a.cmp(&b)));
            let mut rank = vec![0; digests.len()];
            for (position, &line) in by_digest.iter().enumerate() {
                rank[line] = position;
            }
            wanted.iter().map(|&line| rank[line]).collect()
        }
    };
    positions.sort_unstable();
    Ok(positions)
}

/// Why a proof under a layout without domain tags, or with a size it chose itself,
/// proves less than it seems to; `None` when the layout and `--size` close the gap.
pub fn untagged_note(sorted_pairs: bool, size: Option<u64>) -> Option<&'static str> {
    match (size, sorted_pairs) {
        (None, _) => Some(
            "note: the tree size is not pinned (give --size N): without domain tags an inner node could pose as a leaf of a smaller tree",
        ),
        (Some(_), true) => Some(
            "note: sorted pairs without domain tags bind no position: an inner node could pose as a leaf even at this size",
        ),
        (Some(_), false) => None,
    }
}

fn unsupported<T>(arity: u64) -> Result<T> {
    bail!("arity {arity} is not supported (2 to 16)")
}

/// Runs one tree command.
pub fn run(cmd: TreeCommand) -> Result<()> {
    match cmd {
        TreeCommand::Build(args) => store::build(&args),
        TreeCommand::Append(args) => store::append(&args),
        TreeCommand::Tiles(args) => tiles::tiles(&args),
        TreeCommand::Root(args) if args.store.is_some() => store::root(&args),
        TreeCommand::Prove(args) if args.store.is_some() => store::prove(&args),
        TreeCommand::Root(args) if args.layout.named.profile.is_some() || args.dump.is_some() => {
            let named = &args.layout.named;
            let profile = named
                .profile
                .context("--dump needs --profile openzeppelin")?;
            crate::profiles::root(
                named,
                profile,
                args.leaves(),
                args.json,
                args.dump.as_deref(),
            )
        }
        TreeCommand::Prove(args) if args.layout.named.profile.is_some() => {
            let named = &args.layout.named;
            let profile = named.profile.context("--profile")?;
            crate::profiles::prove(
                named,
                profile,
                args.leaves(),
                &args.index,
                args.out.as_deref(),
            )
        }
        TreeCommand::Consistency(args) => crate::profiles::consistency(&args),
        TreeCommand::VerifyConsistency(args) => crate::profiles::verify_consistency(&args),
        TreeCommand::Root(args) if matches!(args.layout.hash, TreeHash::Hybrid(_)) => {
            hybrid::root(&args)
        }
        TreeCommand::Prove(args) if matches!(args.layout.hash, TreeHash::Hybrid(_)) => {
            hybrid::prove(&args)
        }
        TreeCommand::Root(args) if field_family::is_field_hash(args.layout.hash.id()) => {
            field_family::with_family(args.layout.hash.id(), field_family::Root(&args))
                .map_err(|_| anyhow::anyhow!("{} is not a field hash", args.layout.hash))?
        }
        TreeCommand::Prove(args) if field_family::is_field_hash(args.layout.hash.id()) => {
            field_family::with_family(args.layout.hash.id(), field_family::Prove(&args))
                .map_err(|_| anyhow::anyhow!("{} is not a field hash", args.layout.hash))?
        }
        TreeCommand::Root(args) => {
            let layout = args.layout.clone();
            with_arity!(layout.arity, K => root::<K>(&args), _ => unsupported(layout.arity.into()))
        }
        TreeCommand::Prove(args) => {
            let layout = args.layout.clone();
            with_arity!(layout.arity, K => prove::<K>(&args), _ => unsupported(layout.arity.into()))
        }
        TreeCommand::Verify(args) => verify_file(&args),
    }
}

/// Leaves above this count get a spinner on a terminal.
const PROGRESS_THRESHOLD: usize = 100_000;

fn build<const K: usize>(
    layout: &LayoutArgs,
    path: &Path,
) -> Result<(AnyByteHash, Vec<Digest32>, MerkleTree<Digest32, K>)> {
    let text = read_text(path)?;
    let leaves = parse_leaves(&text, path)?;
    // Hidden automatically when standard error is not a terminal.
    let spinner = (leaves.len() >= PROGRESS_THRESHOLD).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(format!("hashing and building {} leaves", leaves.len()));
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    });
    let hash = AnyByteHash::new(layout.byte_hash()?, layout.tags);
    let digests = merklab_core::hash_leaves(&hash, &leaves);
    let tree = MerkleTree::<Digest32, K>::build(&hash, layout.policy(), digests.clone())
        .with_context(|| format!("cannot build a tree from {}", path.display()))?;
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    Ok((hash, digests, tree))
}

fn root<const K: usize>(args: &RootArgs) -> Result<()> {
    let (_, _, tree) = build::<K>(&args.layout, args.leaves())?;
    if args.json {
        let out = json!({"root": tree.root(), "leaves": tree.leaf_count(), "depth": tree.depth()});
        emit(None, &out.to_string())
    } else {
        emit(None, &tree.root().to_hex())
    }
}

fn prove<const K: usize>(args: &ProveArgs) -> Result<()> {
    let (_, digests, tree) = build::<K>(&args.layout, args.leaves())?;
    let positions = leaf_positions(&digests, args.layout.leaf_order, &args.index, args.leaves())?;
    let file = ProofFile::of(&args.layout, &tree, &positions)?;
    emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
}

fn verify_file(args: &VerifyArgs) -> Result<()> {
    let text = read_text(&args.proof)?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a merklab tree proof", args.proof.display()))?;
    if value.get("profile").is_some() {
        return crate::profiles::verify_file(
            value,
            args.profile,
            args.root.as_deref(),
            args.size,
            &args.proof,
        );
    }
    if let Some(p) = args.profile {
        bail!(
            "{} was not written under a profile (expected {p})",
            args.proof.display()
        );
    }
    if let Some(spec) = hybrid::named_in(&value) {
        return hybrid::verify(spec, value, args);
    }
    if let Some(id) = field_family::named_in(&value) {
        return field_family::with_family(id, field_family::Verify(value, args))
            .map_err(|_| anyhow::anyhow!("{id} is not a field hash"))?;
    }
    let file: ProofFile<Digest32> = serde_json::from_value(value)
        .with_context(|| format!("{} is not a merklab tree proof", args.proof.display()))?;
    let hash: HashName = file.hash.parse()?;
    let root = match &args.root {
        Some(hex) => ByteDigest::from_hex(hex).context("--root")?,
        None => file.root,
    };
    let hash = AnyByteHash::new(hash, file.tags);
    let checked = with_arity!(
        file.arity()?,
        K => file.check::<_, K>(&hash, root, args.size),
        _ => unsupported(file.arity()?)
    )?;
    file.report(checked, args.size, &root.to_hex())
}

/// The byte-tree part of `merklab demo`.
pub fn demo() -> Result<()> {
    let leaves: Vec<&[u8]> = vec![b"alice", b"bob", b"carol", b"dave", b"erin"];
    let hash = ByteHash::<merklab_hashes::Sha3_256>::tagged();
    let policy = Policy::new().with_odd(OddNode::Promote);
    let tree = MerkleTree::<Digest32, 4>::from_inputs(&hash, &hash, policy, &leaves)?;
    println!("== byte tree: SHA3-256, arity 4, tagged, 5 leaves");
    println!("root      {}", tree.root());
    let proof = tree.prove(2)?;
    println!("proof of 'carol': {} siblings", proof.siblings.len());
    verify(
        &hash,
        &policy,
        tree.root(),
        hash.hash_leaf(b"carol"),
        &proof,
    )?;
    println!("verified  'carol' is leaf 2");
    let wrong = verify(
        &hash,
        &policy,
        tree.root(),
        hash.hash_leaf(b"mallory"),
        &proof,
    );
    println!(
        "rejected  'mallory' with the same proof: {}",
        wrong.err().map(|e| e.to_string()).unwrap_or_default()
    );
    println!();
    Ok(())
}
