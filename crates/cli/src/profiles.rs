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
//! - `arc0102`: u64 leaf digests (`123u64` or `123`).
//!
//! Roots and digests are shown as each ecosystem shows them: hex (rfc6962), `0x` hex
//! (openzeppelin), reversed hex (bitcoin), `Nfield` (snarkvm), `Nu64` (arc0102).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use merklab_aleo::literal::{format_u64, parse_field, parse_u64};
use merklab_aleo::{field_from_decimal, Arc0102Merge, Field, FieldDigest, ARC0102_PARALLEL_CUTOFF};
use merklab_core::{
    verify, verify_many, verify_many_with_size, verify_with_size, ByteDigest, Compression, Digest,
    MerkleTree, MultiProof, PairOrder, Policy, Proof, VerifyError, DEFAULT_PARALLEL_CUTOFF,
};
use merklab_hashes::Digest32;
use merklab_profiles::abi::{parse_types, AbiType};
use merklab_profiles::openzeppelin::{self as oz, Dump, StandardTree, ValueMultiProof};
use merklab_profiles::snarkvm::{self, Bhp512Node, Poseidon2Node};
use merklab_profiles::{arc0102, bitcoin, rfc6962, Profile};
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

/// Whether a profile hashes leaves and inner nodes alike, so that an inner node can pose
/// as a leaf (bitcoin: a 64-byte transaction; arc0102: `hashMerge` for both).
fn untagged(profile: Profile) -> bool {
    matches!(profile, Profile::Bitcoin | Profile::Arc0102)
}

/// A proof file written under a profile.
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

/// How one layered profile reads and shows its digests.
trait Codec {
    type D: Digest;
    fn show(d: &Self::D) -> String;
    fn parse(s: &str) -> Result<Self::D>;
}

struct HexCodec;
impl Codec for HexCodec {
    type D = Digest32;
    fn show(d: &Digest32) -> String {
        d.to_hex()
    }
    fn parse(s: &str) -> Result<Digest32> {
        Ok(ByteDigest::from_hex(s.strip_prefix("0x").unwrap_or(s))?)
    }
}

struct DisplayCodec;
impl Codec for DisplayCodec {
    type D = Digest32;
    fn show(d: &Digest32) -> String {
        bitcoin::to_display(d)
    }
    fn parse(s: &str) -> Result<Digest32> {
        Ok(bitcoin::txid_from_display(s)?)
    }
}

struct FieldCodec;
impl Codec for FieldCodec {
    type D = FieldDigest;
    fn show(d: &FieldDigest) -> String {
        d.to_string()
    }
    fn parse(s: &str) -> Result<FieldDigest> {
        Ok(FieldDigest(parse_field_lenient(s)?))
    }
}

struct U64Codec;
impl Codec for U64Codec {
    type D = u64;
    fn show(d: &u64) -> String {
        format_u64(*d)
    }
    fn parse(s: &str) -> Result<u64> {
        Ok(parse_u64(s)?)
    }
}

fn parse_field_lenient(s: &str) -> Result<Field> {
    let t = s.trim();
    if t.ends_with("field") {
        Ok(parse_field(t)?)
    } else {
        Ok(field_from_decimal(t)?)
    }
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

fn at(path: &Path, line: usize, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{}:{line}: {e}", path.display())
}

/// Reads a leaves file into leaf digests under a layered profile.
fn layered_leaves(profile: Profile, path: &Path) -> Result<LayeredLeaves> {
    let text = read_text(path)?;
    Ok(match profile {
        Profile::Rfc6962 => LayeredLeaves::Bytes(
            parse_leaves(&text, path)?
                .iter()
                .map(|l| rfc6962::leaf_hash(l))
                .collect(),
        ),
        Profile::Bitcoin => LayeredLeaves::Bytes(
            lines(&text)
                .map(|(n, l)| bitcoin::txid_from_display(l).map_err(|e| at(path, n, e)))
                .collect::<Result<_>>()?,
        ),
        Profile::SnarkvmBhp => LayeredLeaves::Field(
            parse_leaves(&text, path)?
                .iter()
                .map(|l| snarkvm::bhp_leaf(&snarkvm::bits_of_bytes(l)))
                .collect::<Result<_, _>>()?,
        ),
        Profile::SnarkvmPoseidon => {
            let mut out = Vec::new();
            for (n, l) in lines(&text) {
                let fields = l
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .map(parse_field_lenient)
                    .collect::<Result<Vec<_>>>()
                    .map_err(|e| at(path, n, e))?;
                out.push(snarkvm::poseidon_leaf(&fields)?);
            }
            LayeredLeaves::Field(out)
        }
        Profile::Arc0102 => LayeredLeaves::U64(
            lines(&text)
                .map(|(n, l)| parse_u64(l).map_err(|e| at(path, n, e)))
                .collect::<Result<_>>()?,
        ),
        Profile::OpenZeppelin => bail!("openzeppelin is not a layered profile"),
    })
}

enum LayeredLeaves {
    Bytes(Vec<Digest32>),
    Field(Vec<FieldDigest>),
    U64(Vec<u64>),
}

fn policy_of(profile: Profile, depth: u8) -> Result<Policy> {
    Ok(match profile {
        Profile::Rfc6962 => rfc6962::POLICY,
        Profile::Bitcoin => bitcoin::POLICY,
        Profile::SnarkvmBhp | Profile::SnarkvmPoseidon => {
            snarkvm::policy(snarkvm::check_depth(depth)?)
        }
        Profile::Arc0102 => arc0102::POLICY,
        Profile::OpenZeppelin => {
            bail!("openzeppelin trees are heap-shaped, without a layered policy")
        }
    })
}

/// Runs `$body` with `$X` bound to the codec type and `$c` to the compression of a layered profile.
macro_rules! with_layered {
    ($profile:expr, $leaves:expr, $X:ident, $c:ident, $d:ident => $body:expr) => {
        match ($profile, $leaves) {
            (Profile::Rfc6962, LayeredLeaves::Bytes($d)) => {
                type $X = HexCodec;
                let $c = rfc6962::HASH;
                $body
            }
            (Profile::Bitcoin, LayeredLeaves::Bytes($d)) => {
                type $X = DisplayCodec;
                let $c = bitcoin::DoubleSha256;
                $body
            }
            (Profile::SnarkvmBhp, LayeredLeaves::Field($d)) => {
                type $X = FieldCodec;
                let $c = Bhp512Node;
                $body
            }
            (Profile::SnarkvmPoseidon, LayeredLeaves::Field($d)) => {
                type $X = FieldCodec;
                let $c = Poseidon2Node;
                $body
            }
            (Profile::Arc0102, LayeredLeaves::U64($d)) => {
                type $X = U64Codec;
                let $c = Arc0102Merge::new();
                $body
            }
            _ => bail!("internal: leaves of the wrong kind for the profile"),
        }
    };
}

/// Layers from this many parents are built in parallel: from two for `hashMerge`,
/// a field hash that costs microseconds.
fn parallel_cutoff(profile: Profile) -> usize {
    match profile {
        Profile::Arc0102 => ARC0102_PARALLEL_CUTOFF,
        _ => DEFAULT_PARALLEL_CUTOFF,
    }
}

fn build_layered<C: Compression<2>>(
    c: &C,
    policy: Policy,
    leaves: Vec<C::Digest>,
    path: &Path,
    cutoff: usize,
) -> Result<MerkleTree<C::Digest, 2>> {
    MerkleTree::build_with_cutoff(c, policy, leaves, cutoff)
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
    for (n, l) in lines(&text) {
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
    if profile == Profile::OpenZeppelin {
        let tree = load_oz(args, path)?;
        if let Some(out) = dump_out {
            emit(Some(out), &serde_json::to_string_pretty(&tree.dump())?)?;
        }
        let root = oz::to_hex(&tree.root());
        let text = if json_out {
            json!({"profile": profile.name(), "root": root, "leaves": tree.values().len()})
                .to_string()
        } else {
            root
        };
        return emit(None, &text);
    }
    if dump_out.is_some() {
        bail!("--dump writes OpenZeppelin standard-v1 dumps; it needs --profile openzeppelin");
    }
    let policy = policy_of(profile, args.depth)?;
    let leaves = layered_leaves(profile, path)?;
    if let (Profile::Rfc6962, LayeredLeaves::Bytes(digests)) = (profile, &leaves) {
        if digests.is_empty() {
            // RFC 6962 section 2.1: MTH({}) = SHA-256(), the hash of the empty string.
            let root = HexCodec::show(&rfc6962::empty_root());
            let text = if json_out {
                json!({"profile": profile.name(), "root": root, "leaves": 0, "depth": 0})
                    .to_string()
            } else {
                root
            };
            return emit(None, &text);
        }
    }
    with_layered!(profile, leaves, X, c, digests => {
        let tree = build_layered(&c, policy, digests, path, parallel_cutoff(profile))?;
        let root = X::show(&tree.root());
        let text = if json_out {
            json!({"profile": profile.name(), "root": root, "leaves": tree.leaf_count(), "depth": tree.depth()}).to_string()
        } else {
            root
        };
        emit(None, &text)
    })
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
    if profile == Profile::OpenZeppelin {
        let tree = load_oz(args, path)?;
        let n = tree.values().len();
        if let Some(&bad) = index.iter().find(|&&i| i >= n) {
            bail!(
                "--index {bad} is out of range: {} has {n} leaves",
                path.display()
            );
        }
        let mut file = OzProof {
            profile: profile.name().to_string(),
            leaf_encoding: tree.encoding().iter().map(ToString::to_string).collect(),
            root: oz::to_hex(&tree.root()),
            value: None,
            proof: None,
            multiproof: None,
        };
        if let [i] = index {
            file.value = tree.values().get(*i).cloned();
            file.proof = Some(tree.get_proof(*i)?.iter().map(oz::to_hex).collect());
        } else {
            file.multiproof = Some(tree.get_multiproof(index)?);
        }
        return emit(out, &serde_json::to_string_pretty(&file)?);
    }
    let policy = policy_of(profile, args.depth)?;
    let leaves = layered_leaves(profile, path)?;
    let depth =
        matches!(profile, Profile::SnarkvmBhp | Profile::SnarkvmPoseidon).then_some(args.depth);
    with_layered!(profile, leaves, X, c, digests => {
        let positions = leaf_positions(&digests, policy.leaves, index, path)?;
        let tree = build_layered(&c, policy, digests, path, parallel_cutoff(profile))?;
        let proof = if let [p] = positions[..] {
            serde_json::to_value(tree.prove(p)?)?
        } else {
            serde_json::to_value(tree.prove_many(&positions)?)?
        };
        let file = ProfileProof {
            profile: profile.name().to_string(),
            depth,
            root: X::show(&tree.root()),
            leaves: positions.iter().map(|&p| X::show(&tree.leaves()[p])).collect(),
            proof,
        };
        emit(out, &serde_json::to_string_pretty(&file)?)
    })
}

fn check_layered<X: Codec, C: Compression<2, Digest = X::D>>(
    c: &C,
    policy: Policy,
    file: &ProfileProof,
    root: Option<&str>,
    size: Option<u64>,
) -> Result<(String, Result<(), VerifyError>)> {
    let root_text = root.unwrap_or(&file.root);
    let root = X::parse(root_text).context("root")?;
    let leaves = file
        .leaves
        .iter()
        .map(|l| X::parse(l))
        .collect::<Result<Vec<_>>>()
        .context("leaves")?;
    let outcome = if file.proof.get("indices").is_some() {
        let proof: MultiProof<X::D, 2> =
            serde_json::from_value(file.proof.clone()).context("malformed multiproof")?;
        match size {
            Some(n) => verify_many_with_size(c, &policy, root, &leaves, &proof, n),
            None => verify_many(c, &policy, root, &leaves, &proof),
        }
    } else {
        let proof: Proof<X::D, 2> =
            serde_json::from_value(file.proof.clone()).context("malformed proof")?;
        let [leaf] = leaves[..] else {
            bail!(
                "a single-leaf proof needs exactly one entry in \"leaves\", found {}",
                leaves.len()
            );
        };
        match size {
            Some(n) => verify_with_size(c, &policy, root, leaf, &proof, n),
            None => verify(c, &policy, root, leaf, &proof),
        }
    };
    Ok((X::show(&root), outcome))
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
    if profile == Profile::OpenZeppelin {
        if size.is_some() {
            bail!("--size cannot be checked: openzeppelin proofs carry no tree size");
        }
        let file: OzProof = serde_json::from_value(value)
            .with_context(|| format!("{} is not a merklab openzeppelin proof", source.display()))?;
        let types = file
            .leaf_encoding
            .iter()
            .map(|t| t.parse())
            .collect::<Result<Vec<AbiType>, _>>()?;
        let root_text = root.unwrap_or(&file.root);
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
        return if ok {
            emit(
                None,
                &format!("valid: {count} leaf(s) under root {}", oz::to_hex(&r)),
            )
        } else {
            Err(crate::rejected(format!(
                "invalid proof: {}",
                VerifyError::RootMismatch
            )))
        };
    }
    let file: ProfileProof = serde_json::from_value(value)
        .with_context(|| format!("{} is not a merklab profile proof", source.display()))?;
    let depth = file.depth.unwrap_or(snarkvm::DEFAULT_DEPTH);
    let policy = policy_of(profile, depth)?;
    let (shown, outcome) = match profile {
        Profile::Rfc6962 => {
            check_layered::<HexCodec, _>(&rfc6962::HASH, policy, &file, root, size)?
        }
        Profile::Bitcoin => {
            check_layered::<DisplayCodec, _>(&bitcoin::DoubleSha256, policy, &file, root, size)?
        }
        Profile::SnarkvmBhp => {
            check_layered::<FieldCodec, _>(&Bhp512Node, policy, &file, root, size)?
        }
        Profile::SnarkvmPoseidon => {
            check_layered::<FieldCodec, _>(&Poseidon2Node, policy, &file, root, size)?
        }
        Profile::Arc0102 => {
            check_layered::<U64Codec, _>(&Arc0102Merge::new(), policy, &file, root, size)?
        }
        Profile::OpenZeppelin => bail!("internal: openzeppelin handled above"),
    };
    match outcome {
        Ok(()) => {
            if untagged(profile) {
                if let Some(note) = untagged_note(policy.pairs == PairOrder::Sorted, size) {
                    eprintln!("{note}");
                }
            }
            emit(
                None,
                &format!("valid: {} leaf(s) under root {shown}", file.leaves.len()),
            )
        }
        Err(e) if e.is_rejection() => Err(crate::rejected(format!("invalid proof: {e}"))),
        Err(e) => bail!("malformed proof: {e}"),
    }
}

/// `merklab tree consistency`.
#[derive(Args)]
pub struct ConsistencyArgs {
    /// The profile; only rfc6962 has consistency proofs.
    #[arg(long)]
    profile: Profile,
    /// File with the leaves of the newer tree (one hex leaf per line).
    #[arg(long)]
    leaves: PathBuf,
    /// Size of the older tree: its leaves are the first M lines.
    #[arg(long = "old-size")]
    old_size: usize,
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
    let text = read_text(&args.leaves)?;
    let data = parse_leaves(&text, &args.leaves)?;
    let tree = rfc6962::build(&data)
        .with_context(|| format!("cannot build a tree from {}", args.leaves.display()))?;
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
            Some(h) => HexCodec::parse(h).with_context(|| format!("--{what}")),
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
