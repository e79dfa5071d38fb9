//! Shards from Python: the compact range of one contiguous run of leaves
//! (`merklab_store::build_shard`), in the JSON `merklab shard build` writes, and the
//! merge of adjacent shards into the root. `merklab.dask` runs one shard per task.

use merklab_core::{hash_leaves, Compression, Digest, LeafHash};
use merklab_profiles::{Layout, Visit};
use merklab_store::{merge, LayoutSpec, Shard, ShardBuilder};
use pyo3::prelude::*;
use serde_json::Value;
use std::fmt::Display;

use crate::error;
use crate::family::{
    dispatch, layout_spec, parse, unsupported_standard, which_of, FamilyOp, Spec, Which,
};
use crate::leaves::Leaves;
use crate::tree::text;

fn json<D: Digest>(shard: &Shard<D>) -> Result<String, String> {
    serde_json::to_string_pretty(shard).map_err(|e| e.to_string())
}

fn shard_of<C: Compression<K>, const K: usize>(
    compression: C,
    layout: LayoutSpec,
    start: u64,
    digests: &[C::Digest],
) -> Result<String, String> {
    let mut builder =
        ShardBuilder::<C, K>::new(compression, layout, start).map_err(|e| e.to_string())?;
    builder.push(digests).map_err(|e| e.to_string())?;
    json(&builder.finish().map_err(|e| e.to_string())?)
}

struct BuildHash<'a> {
    layout: LayoutSpec,
    start: u64,
    leaves: &'a [&'a [u8]],
}

impl FamilyOp for BuildHash<'_> {
    type Output = Result<String, String>;
    fn run<L, C, const K: usize>(self, _: &Spec, leaf: L, compression: C) -> Self::Output
    where
        L: LeafHash<Input = [u8]> + 'static,
        L::Digest: Display,
        C: Compression<K, Digest = L::Digest> + 'static,
    {
        let digests = hash_leaves(&leaf, self.leaves);
        shard_of::<C, K>(compression, self.layout, self.start, &digests)
    }
}

struct BuildProfile<'a> {
    which: Which,
    layout: LayoutSpec,
    start: u64,
    lines: &'a [String],
}

impl Visit for BuildProfile<'_> {
    type Output = Result<String, String>;
    fn layout<L: Layout<K>, const K: usize>(self) -> Self::Output {
        let Which::Profile(_, options) = self.which else {
            return Err("not a profile".into());
        };
        let layout = L::from_options(&options).map_err(|e| e.to_string())?;
        let leaves = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                layout
                    .parse_leaf(line.trim())
                    .map_err(|e| format!("leaf {}: {e}", self.start + i as u64))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let digests = hash_leaves(&layout.leaf_hash(), &leaves);
        shard_of::<L::Compression, K>(layout.compression(), self.layout, self.start, &digests)
    }
    fn standard(self) -> Self::Output {
        Err(unsupported_standard().to_string())
    }
}

/// The shard (JSON, as `merklab shard build` writes it) over `leaves`, the first of
/// which is leaf `start` of the whole tree; the GIL is released while it hashes.
#[pyfunction]
#[pyo3(signature = (leaves, start, *, hash = "sha3-256", arity = 2, pairs = "positional", odd = "promote", tags = "none", profile = None, depth = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_shard(
    py: Python<'_>,
    leaves: &Bound<'_, PyAny>,
    start: u64,
    hash: &str,
    arity: usize,
    pairs: &str,
    odd: &str,
    tags: &str,
    profile: Option<&str>,
    depth: Option<u8>,
) -> PyResult<String> {
    let which = parse(hash, arity, pairs, odd, tags, profile, depth)?;
    let layout = layout_spec(&which)?;
    let leaves = Leaves::read(leaves)?;
    let out = match which {
        Which::Hash(spec) => {
            let slices = leaves.slices()?;
            let op = BuildHash {
                layout,
                start,
                leaves: &slices,
            };
            py.detach(|| dispatch(&spec, op))?
        }
        Which::Profile(profile, _) => {
            let lines = leaves.lines()?;
            let op = BuildProfile {
                which,
                layout,
                start,
                lines: &lines,
            };
            py.detach(|| profile.visit(op))
        }
    };
    out.map_err(error)
}

/// Parses shard files of one digest type, in order of their first leaf.
fn parse_shards<D: Digest>(texts: &[String]) -> Result<Vec<Shard<D>>, String> {
    let mut shards = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::from_str::<Shard<D>>(t)
                .map_err(|e| format!("shard {i} is not a merklab shard: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    shards.sort_by_key(|s| s.start);
    Ok(shards)
}

fn merged<C: Compression<K, Digest: Display>, const K: usize>(
    compression: &C,
    texts: &[String],
) -> Result<(String, u64), String> {
    let shards = parse_shards::<C::Digest>(texts)?;
    let root = merge::<C, K>(compression, &shards).map_err(|e| e.to_string())?;
    Ok((text(&root), shards.last().map_or(0, |s| s.end)))
}

struct MergeHash<'a>(&'a [String]);

impl FamilyOp for MergeHash<'_> {
    type Output = Result<(String, u64), String>;
    fn run<L, C, const K: usize>(self, _: &Spec, _: L, compression: C) -> Self::Output
    where
        L: LeafHash<Input = [u8]> + 'static,
        L::Digest: Display,
        C: Compression<K, Digest = L::Digest> + 'static,
    {
        merged::<C, K>(&compression, self.0)
    }
}

struct MergeProfile<'a>(Which, &'a [String]);

impl Visit for MergeProfile<'_> {
    type Output = Result<(String, u64), String>;
    fn layout<L: Layout<K>, const K: usize>(self) -> Self::Output {
        let Which::Profile(_, options) = self.0 else {
            return Err("not a profile".into());
        };
        let layout = L::from_options(&options).map_err(|e| e.to_string())?;
        let shards = parse_shards::<L::Digest>(self.1)?;
        let root = merge::<L::Compression, K>(&layout.compression(), &shards)
            .map_err(|e| e.to_string())?;
        Ok((layout.show(&root), shards.last().map_or(0, |s| s.end)))
    }
    fn standard(self) -> Self::Output {
        Err(unsupported_standard().to_string())
    }
}

/// The layout a shard file records.
fn recorded_layout(text: &str) -> PyResult<LayoutSpec> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| error(format!("not a merklab shard: {e}")))?;
    let layout = value
        .get("layout")
        .cloned()
        .ok_or_else(|| error("not a merklab shard: it records no layout"))?;
    serde_json::from_value(layout).map_err(|e| error(format!("not a merklab shard: {e}")))
}

/// The root of the tree the shards cover (adjacent, of one layout, from leaf 0; in any
/// order) and its leaf count, as `merklab shard merge` computes them.
#[pyfunction]
pub(crate) fn merge_shards(py: Python<'_>, shards: Vec<String>) -> PyResult<(String, u64)> {
    let first = shards.first().ok_or_else(|| error("no shards to merge"))?;
    let which = which_of(&recorded_layout(first)?)?;
    let out = match which {
        Which::Hash(spec) => py.detach(|| dispatch(&spec, MergeHash(&shards)))?,
        Which::Profile(profile, _) => py.detach(|| profile.visit(MergeProfile(which, &shards))),
    };
    out.map_err(error)
}

struct Check<'a>(&'a str);

impl FamilyOp for Check<'_> {
    type Output = Result<(u64, u64), String>;
    fn run<L, C, const K: usize>(self, _: &Spec, _: L, _: C) -> Self::Output
    where
        L: LeafHash<Input = [u8]> + 'static,
        L::Digest: Display,
        C: Compression<K, Digest = L::Digest> + 'static,
    {
        checked::<L::Digest>(self.0)
    }
}

fn checked<D: Digest>(text: &str) -> Result<(u64, u64), String> {
    let shard: Shard<D> =
        serde_json::from_str(text).map_err(|e| format!("not a merklab shard: {e}"))?;
    shard.check().map_err(|e| e.to_string())?;
    Ok((shard.start, shard.end))
}

struct CheckProfile<'a>(&'a str);

impl Visit for CheckProfile<'_> {
    type Output = Result<(u64, u64), String>;
    fn layout<L: Layout<K>, const K: usize>(self) -> Self::Output {
        checked::<L::Digest>(self.0)
    }
    fn standard(self) -> Self::Output {
        Err(unsupported_standard().to_string())
    }
}

/// The leaf range `(start, end)` of a shard file after checking its format, checksum
/// and coverage, if it was written for the layout the keywords name; raises otherwise.
#[pyfunction]
#[pyo3(signature = (shard, *, hash = "sha3-256", arity = 2, pairs = "positional", odd = "promote", tags = "none", profile = None, depth = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_shard(
    shard: &str,
    hash: &str,
    arity: usize,
    pairs: &str,
    odd: &str,
    tags: &str,
    profile: Option<&str>,
    depth: Option<u8>,
) -> PyResult<(u64, u64)> {
    let which = parse(hash, arity, pairs, odd, tags, profile, depth)?;
    let wanted = layout_spec(&which)?;
    let recorded = recorded_layout(shard)?;
    if recorded != wanted {
        return Err(error(format!(
            "the shard is of another layout: {}",
            wanted.differences(&recorded)
        )));
    }
    match which {
        Which::Hash(spec) => dispatch(&spec, Check(shard))?,
        Which::Profile(profile, _) => profile.visit(CheckProfile(shard)),
    }
    .map_err(error)
}
