//! `--profile NAME` for the tree commands, and `merklab profiles`.
//!
//! Leaves files, one leaf per line (blank lines skipped):
//! - `rfc6962`: hex leaf data (hashed as `SHA-256(0x00 ‖ data)`);
//! - `bitcoin`: txids in display order (as block explorers and `getblock` print them);
//! - `openzeppelin`: without `--leaf-type`, one bytes32 per line (`0x` hex, leaf type
//!   `bytes32`); with `--leaf-type address,uint256`, one JSON array of values per line;
//!   or a whole `standard-v1` dump (a file starting with `{`);
//! - `snarkvm-bhp`: hex leaf data, hashed as its little-endian bits;
//! - `snarkvm-poseidon`: field elements per line (`5field` or `5`), separated by spaces or commas;
//! - `arc0102`: u64 leaf digests (`123u64` or `123`);
//! - `miden`: Miden words as Miden prints them (`0x` and 64 hex digits), a power of two of them.
//!
//! Roots and digests are shown as each ecosystem shows them: hex (rfc6962), `0x` hex
//! (openzeppelin), reversed hex (bitcoin), `Nfield` (snarkvm), `Nu64` (arc0102), `0x` word hex (miden).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use merklab_core::{
    hash_leaves, verify, verify_many, verify_many_with_size, verify_with_size, MerkleTree,
    MultiProof, PairOrder, Proof, VerifyError,
};
use merklab_hashes::Digest32;
use merklab_profiles::abi::{parse_types, AbiType};
use merklab_profiles::openzeppelin::{
    self as oz, Dump, OpenZeppelin, StandardTree, ValueMultiProof,
};
use merklab_profiles::rfc6962::{self, Rfc6962};
use merklab_profiles::{leaf_lines, snarkvm, Layout, Named, Options, Profile, Visit};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::io::{emit, read_text};
use crate::tree::{leaf_positions, parse_leaves, untagged_note};

/// Prints every profile with its one-line description.
pub fn list() -> Result<()> {
    let width = Profile::ALL
        .iter()
        .map(|p| p.name().len())
        .max()
        .unwrap_or(0);
    let lines: Vec<String> = Profile::ALL
        .iter()
        .map(|p| format!("{:width$}  {}", p.name(), p.description()))
        .collect();
    emit(None, &lines.join("\n"))
}

/// Options that only profiles read.
#[derive(Args, Clone, Default)]
pub struct ProfileArgs {
    /// A named layout that fixes hash, arity, policies, tags and leaf encoding (`merklab profiles` lists them).
    #[arg(long, conflicts_with_all = ["hash", "arity", "pairs", "leaf_order", "odd", "tags"])]
    pub profile: Option<Profile>,
    /// openzeppelin: the ABI types of each leaf, comma-separated (default: bytes32 lines).
    #[arg(long = "leaf-type", requires = "profile")]
    pub leaf_type: Option<String>,
    /// snarkvm-bhp, snarkvm-poseidon: the fixed tree depth, 1 to 64.
    #[arg(long, requires = "profile", default_value_t = snarkvm::DEFAULT_DEPTH, value_parser = parse_snarkvm_depth)]
    pub depth: u8,
}

impl ProfileArgs {
    fn options(&self) -> Options {
        Options { depth: self.depth }
    }
}

/// `--depth`, refused with the range the help names (snarkVM's own bounds).
fn parse_snarkvm_depth(text: &str) -> Result<u8, String> {
    text.parse::<u8>()
        .ok()
        .and_then(|d| snarkvm::check_depth(d).ok())
        .ok_or_else(|| {
            format!(
                "the snarkVM tree depth must be from {} to {}",
                snarkvm::MIN_DEPTH,
                snarkvm::MAX_DEPTH
            )
        })
}

/// A proof file written under a layered profile.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileProof {
    profile: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    depth: Option<u8>,
    root: String,
    /// Proven leaf digests, in the order of the proof's indices.
    leaves: Vec<String>,
    proof: Value,
}

/// A proof file written under the openzeppelin profile: OpenZeppelin's own shapes.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct OzProof {
    profile: String,
    leaf_encoding: Vec<String>,
    root: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    proof: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    multiproof: Option<ValueMultiProof>,
}

fn at(path: &Path, line: usize, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{}:{line}: {e}", path.display())
}

/// The leaf digests of a leaves file under a layered profile.
fn read_leaves<L: Layout<K>, const K: usize>(layout: &L, path: &Path) -> Result<Vec<L::Digest>> {
    let text = read_text(path)?;
    let leaves = layout
        .parse_leaves(&text)
        .map_err(|e| at(path, e.line, e.error))?;
    Ok(hash_leaves(&layout.leaf_hash(), &leaves))
}

fn build<L: Layout<K>, const K: usize>(
    layout: &L,
    leaves: Vec<L::Digest>,
    path: &Path,
) -> Result<MerkleTree<L::Digest, K>> {
    layout
        .check_leaf_count(leaves.len())
        .with_context(|| format!("cannot build a tree from {}", path.display()))?;
    MerkleTree::build_with_cutoff(
        &layout.compression(),
        layout.policy(),
        leaves,
        L::PARALLEL_CUTOFF,
    )
    .with_context(|| format!("cannot build a tree from {}", path.display()))
}

fn load_oz(args: &ProfileArgs, path: &Path) -> Result<StandardTree> {
    let text = read_text(path)?;
    if text.trim_start().starts_with('{') {
        let dump: Dump = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a standard-v1 dump", path.display()))?;
        return StandardTree::load(dump)
            .with_context(|| format!("{} is not a valid standard-v1 dump", path.display()));
    }
    let types: Vec<AbiType> = match &args.leaf_type {
        Some(list) => parse_types(list)?,
        None => vec![AbiType::FixedBytes(32)],
    };
    let mut values = Vec::new();
    for (n, l) in leaf_lines(&text) {
        let value = if args.leaf_type.is_some() {
            serde_json::from_str::<Value>(l)
                .map_err(|e| at(path, n, format!("not a JSON array of values: {e}")))?
        } else {
            json!([l])
        };
        values.push(value);
    }
    StandardTree::of(values, &types)
        .with_context(|| format!("cannot build a tree from {}", path.display()))
}

/// `merklab tree root --profile NAME`.
pub fn root(
    args: &ProfileArgs,
    profile: Profile,
    path: &Path,
    json_out: bool,
    dump_out: Option<&Path>,
) -> Result<()> {
    profile.visit(Root {
        args,
        path,
        json_out,
        dump_out,
    })
}

struct Root<'a> {
    args: &'a ProfileArgs,
    path: &'a Path,
    json_out: bool,
    dump_out: Option<&'a Path>,
}

impl Visit for Root<'_> {
    type Output = Result<()>;

    fn layout<L: Layout<K>, const K: usize>(self) -> Result<()> {
        if self.dump_out.is_some() {
            bail!("--dump writes OpenZeppelin standard-v1 dumps; it needs --profile openzeppelin");
        }
        let layout = L::from_options(&self.args.options())?;
        let digests = read_leaves(&layout, self.path)?;
        let (root, leaves, depth) = match layout.empty_root().filter(|_| digests.is_empty()) {
            Some(empty) => (empty, 0, 0),
            None => {
                let tree = build(&layout, digests, self.path)?;
                (tree.root(), tree.leaf_count(), tree.depth())
            }
        };
        let root = layout.show(&root);
        let text = if self.json_out {
            json!({"profile": L::NAME, "root": root, "leaves": leaves, "depth": depth}).to_string()
        } else {
            root
        };
        emit(None, &text)
    }

    fn standard(self) -> Result<()> {
        let tree = load_oz(self.args, self.path)?;
        if let Some(out) = self.dump_out {
            emit(Some(out), &serde_json::to_string_pretty(&tree.dump())?)?;
        }
        let root = oz::to_hex(&tree.root());
        let text = if self.json_out {
            json!({"profile": OpenZeppelin::NAME, "root": root, "leaves": tree.values().len()})
                .to_string()
        } else {
            root
        };
        emit(None, &text)
    }
}

/// `merklab tree prove --profile NAME`.
pub fn prove(
    args: &ProfileArgs,
    profile: Profile,
    path: &Path,
    index: &[usize],
    out: Option<&Path>,
) -> Result<()> {
    let mut sorted = index.to_vec();
    sorted.sort_unstable();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        bail!("--index names line {} twice", w[0]);
    }
    profile.visit(Prove {
        args,
        path,
        index,
        out,
    })
}

struct Prove<'a> {
    args: &'a ProfileArgs,
    path: &'a Path,
    index: &'a [usize],
    out: Option<&'a Path>,
}

impl Visit for Prove<'_> {
    type Output = Result<()>;

    fn layout<L: Layout<K>, const K: usize>(self) -> Result<()> {
        let layout = L::from_options(&self.args.options())?;
        let digests = read_leaves(&layout, self.path)?;
        let positions = leaf_positions(&digests, layout.policy().leaves, self.index, self.path)?;
        let tree = build(&layout, digests, self.path)?;
        let proof = if let [p] = positions[..] {
            serde_json::to_value(tree.prove(p)?)?
        } else {
            serde_json::to_value(tree.prove_many(&positions)?)?
        };
        let file = ProfileProof {
            profile: L::NAME.to_string(),
            depth: layout.depth(),
            root: layout.show(&tree.root()),
            leaves: positions
                .iter()
                .map(|&p| layout.show(&tree.leaves()[p]))
                .collect(),
            proof,
        };
        emit(self.out, &serde_json::to_string_pretty(&file)?)
    }

    fn standard(self) -> Result<()> {
        let tree = load_oz(self.args, self.path)?;
        let n = tree.values().len();
        if let Some(&bad) = self.index.iter().find(|&&i| i >= n) {
            bail!(
                "--index {bad} is out of range: {} has {n} leaves",
                self.path.display()
            );
        }
        let mut file = OzProof {
            profile: OpenZeppelin::NAME.to_string(),
            leaf_encoding: tree.encoding().iter().map(ToString::to_string).collect(),
            root: oz::to_hex(&tree.root()),
            value: None,
            proof: None,
            multiproof: None,
        };
        if let [i] = self.index {
            file.value = tree.values().get(*i).cloned();
            file.proof = Some(tree.get_proof(*i)?.iter().map(oz::to_hex).collect());
        } else {
            file.multiproof = Some(tree.get_multiproof(self.index)?);
        }
        emit(self.out, &serde_json::to_string_pretty(&file)?)
    }
}

/// `merklab tree verify` of a proof file written under a profile.
pub fn verify_file(
    value: Value,
    expected: Option<Profile>,
    root: Option<&str>,
    size: Option<u64>,
    source: &Path,
) -> Result<()> {
    let name = value
        .get("profile")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let profile: Profile = name.parse()?;
    if let Some(p) = expected {
        if p != profile {
            bail!(
                "{} was written under profile {profile}, not {p}",
                source.display()
            );
        }
    }
    profile.visit(VerifyFile {
        value,
        root,
        size,
        source,
    })
}

struct VerifyFile<'a> {
    value: Value,
    root: Option<&'a str>,
    size: Option<u64>,
    source: &'a Path,
}

impl VerifyFile<'_> {
    /// Whether the file's proof holds for its leaves under `root`.
    fn check<L: Layout<K>, const K: usize>(
        &self,
        layout: &L,
        file: &ProfileProof,
        root: L::Digest,
    ) -> Result<Result<(), VerifyError>> {
        let (c, policy) = (layout.compression(), layout.policy());
        let leaves = file
            .leaves
            .iter()
            .map(|l| layout.parse_digest(l))
            .collect::<Result<Vec<_>, _>>()
            .context("leaves")?;
        Ok(if file.proof.get("indices").is_some() {
            let proof: MultiProof<L::Digest, K> =
                serde_json::from_value(file.proof.clone()).context("malformed multiproof")?;
            claimed_count(layout, proof.leaf_count)?;
            match self.size {
                Some(n) => verify_many_with_size(&c, &policy, root, &leaves, &proof, n),
                None => verify_many(&c, &policy, root, &leaves, &proof),
            }
        } else {
            let proof: Proof<L::Digest, K> =
                serde_json::from_value(file.proof.clone()).context("malformed proof")?;
            claimed_count(layout, proof.leaf_count)?;
            let [leaf] = leaves[..] else {
                bail!(
                    "a single-leaf proof needs exactly one entry in \"leaves\", found {}",
                    leaves.len()
                );
            };
            match self.size {
                Some(n) => verify_with_size(&c, &policy, root, leaf, &proof, n),
                None => verify(&c, &policy, root, leaf, &proof),
            }
        })
    }
}

/// Refuses a proof whose claimed tree the profile's ecosystem cannot build.
fn claimed_count<L: Layout<K>, const K: usize>(layout: &L, leaves: u64) -> Result<()> {
    let leaves = usize::try_from(leaves).unwrap_or(usize::MAX);
    layout
        .check_leaf_count(leaves)
        .context("malformed proof: its leaf count")
}

impl Visit for VerifyFile<'_> {
    type Output = Result<()>;

    fn layout<L: Layout<K>, const K: usize>(self) -> Result<()> {
        let file: ProfileProof = serde_json::from_value(self.value.clone())
            .with_context(|| format!("{} is not a merklab profile proof", self.source.display()))?;
        let options = Options {
            depth: file.depth.unwrap_or(snarkvm::DEFAULT_DEPTH),
        };
        let layout = L::from_options(&options)?;
        let root = layout
            .parse_digest(self.root.unwrap_or(&file.root))
            .context("root")?;
        match self.check(&layout, &file, root)? {
            Ok(()) => {
                if !L::TAGGED {
                    let sorted = layout.policy().pairs == PairOrder::Sorted;
                    if let Some(note) = untagged_note(sorted, self.size) {
                        eprintln!("{note}");
                    }
                }
                emit(
                    None,
                    &format!(
                        "valid: {} leaf(s) under root {}",
                        file.leaves.len(),
                        layout.show(&root)
                    ),
                )
            }
            Err(e) if e.is_rejection() => Err(crate::rejected(format!("invalid proof: {e}"))),
            Err(e) => bail!("malformed proof: {e}"),
        }
    }

    fn standard(self) -> Result<()> {
        if self.size.is_some() {
            bail!("--size cannot be checked: openzeppelin proofs carry no tree size");
        }
        let file: OzProof = serde_json::from_value(self.value).with_context(|| {
            format!(
                "{} is not a merklab openzeppelin proof",
                self.source.display()
            )
        })?;
        let types = file
            .leaf_encoding
            .iter()
            .map(|t| t.parse())
            .collect::<Result<Vec<AbiType>, _>>()?;
        let root_text = self.root.unwrap_or(&file.root);
        let r = oz::from_hex(root_text).context("root")?;
        let (ok, count) = match (&file.value, &file.proof, &file.multiproof) {
            (Some(v), Some(p), None) => {
                let proof = p
                    .iter()
                    .map(|h| oz::from_hex(h))
                    .collect::<Result<Vec<_>, _>>()?;
                (oz::verify(r, &types, v, &proof)?, 1)
            }
            (None, None, Some(mp)) => (oz::verify_multiproof(r, &types, mp)?, mp.leaves.len()),
            _ => {
                bail!("an openzeppelin proof has either \"value\" and \"proof\" or \"multiproof\"")
            }
        };
        if ok {
            emit(
                None,
                &format!("valid: {count} leaf(s) under root {}", oz::to_hex(&r)),
            )
        } else {
            Err(crate::rejected(format!(
                "invalid proof: {}",
                VerifyError::RootMismatch
            )))
        }
    }
}

/// `merklab tree consistency`.
#[derive(Args)]
pub struct ConsistencyArgs {
    /// The profile; only rfc6962 has consistency proofs.
    #[arg(long)]
    profile: Profile,
    /// File with the leaves of the newer tree (one hex leaf per line).
    #[arg(long, required_unless_present = "store")]
    leaves: Option<PathBuf>,
    /// Prove from this store (an rfc6962 store written by `merklab tree build`) instead.
    #[arg(long, conflicts_with = "leaves")]
    store: Option<PathBuf>,
    /// Size of the older tree: its leaves are the first M lines.
    #[arg(long = "old-size")]
    old_size: usize,
    /// With --store: size of the newer tree, any size the store has held (default: its size).
    #[arg(long = "new-size", requires = "store")]
    new_size: Option<u64>,
    /// Write the proof to this file instead of standard output (atomically).
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// `merklab tree verify-consistency`.
#[derive(Args)]
pub struct VerifyConsistencyArgs {
    /// Proof file written by `merklab tree consistency`.
    #[arg(long)]
    proof: PathBuf,
    /// The older root to check against, in hex (default: the one in the file).
    #[arg(long = "old-root")]
    old_root: Option<String>,
    /// The newer root to check against, in hex (default: the one in the file).
    #[arg(long = "new-root")]
    new_root: Option<String>,
    /// The size of the older tree, as its signed tree head states: a proof that claims
    /// another is rejected (default: the size in the file, which pins nothing).
    #[arg(long = "old-size")]
    old_size: Option<u64>,
    /// The size of the newer tree, as its signed tree head states (default: the file's).
    #[arg(long = "new-size")]
    new_size: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsistencyFile {
    profile: String,
    old_size: u64,
    new_size: u64,
    old_root: Digest32,
    new_root: Digest32,
    proof: Vec<Digest32>,
}

fn rfc6962_only(profile: Profile) -> Result<()> {
    if profile != Profile::Rfc6962 {
        bail!("consistency proofs are defined for --profile rfc6962 only, not {profile}");
    }
    Ok(())
}

/// Writes an RFC 6962 consistency proof.
pub fn consistency(args: &ConsistencyArgs) -> Result<()> {
    rfc6962_only(args.profile)?;
    if let Some(dir) = &args.store {
        return consistency_from_store(args, dir);
    }
    let leaves = args.leaves.as_deref().unwrap_or(Path::new("-"));
    let text = read_text(leaves)?;
    let data = parse_leaves(&text, leaves)?;
    let tree = rfc6962::build(&data)
        .with_context(|| format!("cannot build a tree from {}", leaves.display()))?;
    let proof = rfc6962::consistency_proof(&tree, args.old_size)?;
    let file = ConsistencyFile {
        profile: args.profile.name().to_string(),
        old_size: args.old_size as u64,
        new_size: tree.leaf_count() as u64,
        old_root: rfc6962::root(&data[..args.old_size]),
        new_root: tree.root(),
        proof,
    };
    emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
}

/// `tree consistency --store`: the proof between two sizes the store has held, from
/// its nodes.
fn consistency_from_store(args: &ConsistencyArgs, dir: &Path) -> Result<()> {
    let store = crate::tree::open_store(dir, None, &rfc6962::HASH)?;
    let spec = store.layout();
    if spec.hash != merklab_hashes::HashName::Sha256.to_string()
        || spec.tags != merklab_core::DomainTags::Tagged
        || spec.arity != 2
        || spec.policy != rfc6962::POLICY
    {
        bail!("{} is not an rfc6962 store", dir.display());
    }
    let stored = store.leaf_count();
    let new_size = args.new_size.unwrap_or(stored);
    let mut node = |level: usize, index: u64| -> Result<Option<Digest32>> {
        Ok(Some(store.node::<_, 2>(&rfc6962::HASH, level, index)?))
    };
    let old_size = args.old_size as u64;
    let proof = rfc6962::consistency_proof_at(stored, old_size, new_size, &mut node)?;
    let file = ConsistencyFile {
        profile: args.profile.name().to_string(),
        old_size,
        new_size,
        old_root: rfc6962::root_at(stored, old_size, &mut node)?,
        new_root: rfc6962::root_at(stored, new_size, &mut node)?,
        proof,
    };
    emit(args.out.as_deref(), &serde_json::to_string_pretty(&file)?)
}

/// Checks a consistency proof file.
pub fn verify_consistency(args: &VerifyConsistencyArgs) -> Result<()> {
    let text = read_text(&args.proof)?;
    let file: ConsistencyFile = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a merklab consistency proof",
            args.proof.display()
        )
    })?;
    rfc6962_only(file.profile.parse()?)?;
    let parse = |s: &Option<String>, d: Digest32, what: &str| -> Result<Digest32> {
        match s {
            Some(h) => Rfc6962.parse_digest(h).with_context(|| format!("--{what}")),
            None => Ok(d),
        }
    };
    let old = parse(&args.old_root, file.old_root, "old-root")?;
    let new = parse(&args.new_root, file.new_root, "new-root")?;
    for (pinned, claimed, which) in [
        (args.old_size, file.old_size, "older"),
        (args.new_size, file.new_size, "newer"),
    ] {
        if let Some(n) = pinned.filter(|&n| n != claimed) {
            return Err(crate::rejected(format!(
                "inconsistent: the proof claims {claimed} leaves for the {which} tree, but it has {n}"
            )));
        }
    }
    match rfc6962::verify_consistency(file.old_size, file.new_size, old, new, &file.proof) {
        Ok(()) => emit(
            None,
            &format!(
                "consistent: {} leaves ({}) extend to {} leaves ({})",
                file.old_size, old, file.new_size, new
            ),
        ),
        Err(rfc6962::Rfc6962Error::RootMismatch) => Err(crate::rejected(
            "inconsistent: the recomputed roots do not match",
        )),
        Err(e) => Err(crate::rejected(format!("inconsistent: {e}"))),
    }
}
