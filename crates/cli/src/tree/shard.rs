//! `merklab shard build` and `merklab shard merge`: one contiguous part of a tree per
//! process (or machine), joined into the root afterwards.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use merklab_core::{hash_leaves, with_arity};
use merklab_hashes::Digest32;
use merklab_store::{merge, shard_range, LayoutSpec, Shard, ShardBuilder};
use serde_json::json;

use super::source::SourceArgs;
use super::store::{hash_of, spec};
use super::{unsupported, LayoutArgs};
use crate::io::{emit, read_text, write_atomic};

/// Shard commands.
#[derive(Subcommand)]
pub enum ShardCommand {
    /// Compute shard I of N (its compact range) and write it as JSON.
    Build(BuildArgs),
    /// Join the shards of one tree, adjacent and of one layout, into its root.
    Merge(MergeArgs),
}

/// `merklab shard build`.
#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    layout: LayoutArgs,
    #[command(flatten)]
    source: SourceArgs,
    /// Which shard, from 0.
    #[arg(long)]
    index: u64,
    /// How many shards the leaves are split into (near-equal contiguous ranges).
    #[arg(long)]
    of: u64,
    /// The shard file to write (atomically); a valid one already there for the same
    /// range and layout is kept, so a rerun after a crash redoes only missing shards.
    #[arg(short, long)]
    out: PathBuf,
}

/// `merklab shard merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Shard files written by `merklab shard build` (any order).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print {"root", "leaves", "shards"} as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs one shard command.
pub fn run(cmd: ShardCommand) -> Result<()> {
    match cmd {
        ShardCommand::Build(args) => build(&args),
        ShardCommand::Merge(args) => merge_files(&args),
    }
}

fn read_shard(path: &Path) -> Result<Shard<Digest32>> {
    let text = read_text(path)?;
    let shard: Shard<Digest32> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a merklab shard", path.display()))?;
    shard
        .check()
        .with_context(|| format!("{} is damaged", path.display()))?;
    Ok(shard)
}

fn build(args: &BuildArgs) -> Result<()> {
    let spec = spec(&args.layout)?;
    let total = args.source.count()?;
    let range = shard_range(total, args.index, args.of)?;
    if args.out.exists() {
        if let Ok(done) = read_shard(&args.out) {
            if done.layout == spec && done.start == range.start && done.end == range.end {
                eprintln!(
                    "{} already holds shard {} of {}; kept",
                    args.out.display(),
                    args.index,
                    args.of
                );
                return Ok(());
            }
        }
    }
    let k = spec.arity as u64;
    let shard = with_arity!(spec.arity, K => build_k::<K>(args, spec, range.clone())?, _ => unsupported(k)?);
    write_atomic(&args.out, serde_json::to_string_pretty(&shard)?.as_bytes())?;
    emit(
        None,
        &format!(
            "shard {} of {}: leaves {}..{}, {} nodes, {}",
            args.index,
            args.of,
            range.start,
            range.end,
            shard.nodes.len(),
            args.out.display()
        ),
    )
}

fn build_k<const K: usize>(
    args: &BuildArgs,
    spec: LayoutSpec,
    range: std::ops::Range<u64>,
) -> Result<Shard<Digest32>> {
    let hash = hash_of(&spec)?;
    let mut builder = ShardBuilder::<_, K>::new(hash, spec, range.start)?;
    args.source
        .each(range.start, range.end - range.start, &mut |batch| {
            let digests: Vec<Digest32> = hash_leaves(&hash, batch);
            builder.push(&digests)?;
            Ok(())
        })?;
    Ok(builder.finish()?)
}

fn merge_files(args: &MergeArgs) -> Result<()> {
    let mut shards = args
        .files
        .iter()
        .map(|f| read_shard(f))
        .collect::<Result<Vec<_>>>()?;
    shards.sort_by_key(|s| s.start);
    let Some(first) = shards.first() else {
        bail!("no shard files given");
    };
    let hash = hash_of(&first.layout)?;
    let k = first.layout.arity as u64;
    let root: Digest32 =
        with_arity!(first.layout.arity, K => merge::<_, K>(&hash, &shards)?, _ => unsupported(k)?);
    let leaves = shards.last().map_or(0, |s| s.end);
    if args.json {
        let out = json!({"root": root, "leaves": leaves, "shards": shards.len()});
        emit(None, &out.to_string())
    } else {
        emit(None, &root.to_hex())
    }
}
