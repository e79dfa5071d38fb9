//! Shards: the compact range of one contiguous run of leaves (the roots of the largest
//! aligned complete subtrees inside it, at most `K - 1` per level on each side), which
//! adjacent shards merge into the whole tree's root.
//!
//! A compact range holds only complete groups' parents, and a complete group never pads,
//! so every split point works under every odd-node rule: the padding of the policy is
//! applied once, at the right edge of the merged tree, exactly as the in-memory build
//! applies it to the last group of each layer.

use merklab_core::layers::group_parent;
use merklab_core::{Compression, Digest, TreeError};
use serde::{Deserialize, Serialize};

use crate::error::ShardError;
use crate::frontier::Frontier;
use crate::layout::LayoutSpec;

/// The `format` field of every shard.
pub const SHARD_FORMAT: &str = "merklab-shard-v1";

/// One node of a compact range: the root of an aligned complete subtree of `K^level` leaves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "D: Digest")]
pub struct ShardNode<D> {
    /// Height of the subtree, 0 for a leaf.
    pub level: u32,
    /// Its root.
    pub digest: D,
}

/// The part of a tree over leaves `start..end`: its compact range, left to right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "D: Digest")]
pub struct Shard<D> {
    /// Always [`SHARD_FORMAT`].
    pub format: String,
    /// The layout of the whole tree.
    pub layout: LayoutSpec,
    /// First leaf.
    pub start: u64,
    /// One past the last leaf.
    pub end: u64,
    /// The compact range, left to right.
    pub nodes: Vec<ShardNode<D>>,
    /// BLAKE3 (hex) over the fields above, so a damaged file is refused.
    pub checksum: String,
}

impl<D: Digest> Shard<D> {
    /// The checksum the fields other than `checksum` call for.
    pub fn expected_checksum(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(self.format.as_bytes());
        h.update(&[0]);
        h.update(
            serde_json::to_string(&self.layout)
                .unwrap_or_default()
                .as_bytes(),
        );
        h.update(&self.start.to_le_bytes());
        h.update(&self.end.to_le_bytes());
        let mut bytes = Vec::with_capacity(D::BYTES);
        for node in &self.nodes {
            bytes.clear();
            node.digest.write_bytes(&mut bytes);
            h.update(&node.level.to_le_bytes());
            h.update(&bytes);
        }
        h.finalize().to_hex().to_string()
    }

    /// Checks the format, the checksum and that the nodes cover exactly `start..end`.
    pub fn check(&self) -> Result<(), ShardError> {
        let corrupt = |why: String| ShardError::Corrupt {
            start: self.start,
            end: self.end,
            why,
        };
        if self.format != SHARD_FORMAT {
            return Err(corrupt(format!(
                "format '{}' is not '{SHARD_FORMAT}'",
                self.format
            )));
        }
        if self.checksum != self.expected_checksum() {
            return Err(corrupt("the checksum does not match the content".into()));
        }
        if self.end <= self.start {
            return Err(corrupt("an empty range".into()));
        }
        let k = self.layout.arity as u128;
        let covered = self.nodes.iter().try_fold(0u128, |sum, n| {
            k.checked_pow(n.level).and_then(|w| sum.checked_add(w))
        });
        if covered != Some(u128::from(self.end - self.start)) {
            return Err(corrupt("the nodes do not cover the range".into()));
        }
        Ok(())
    }
}

/// Builds a shard from the leaf digests of `start..`, pushed in order.
pub struct ShardBuilder<C: Compression<K>, const K: usize> {
    compression: C,
    layout: LayoutSpec,
    start: u64,
    next: u64,
    /// Per level, the nodes of an incomplete group that lies wholly inside the range.
    open: Vec<Vec<C::Digest>>,
    /// Nodes whose group begins before the range: the left side of the compact range.
    left: Vec<ShardNode<C::Digest>>,
}

impl<C: Compression<K>, const K: usize> ShardBuilder<C, K> {
    /// A shard of `layout` starting at leaf `start`.
    pub fn new(compression: C, layout: LayoutSpec, start: u64) -> Result<Self, ShardError> {
        if let Some(why) = layout.unsupported::<K>() {
            return Err(ShardError::Unsupported(why));
        }
        Ok(Self {
            compression,
            layout,
            start,
            next: start,
            open: Vec::new(),
            left: Vec::new(),
        })
    }

    /// Appends the next leaf digests.
    pub fn push(&mut self, leaves: &[C::Digest]) -> Result<(), ShardError> {
        if let Some(d) = self.layout.policy.odd.fixed_depth() {
            let capacity = (0..d).fold(1u64, |c, _| c.saturating_mul(K as u64));
            let end = self.next.saturating_add(leaves.len() as u64);
            if end > capacity {
                return Err(TreeError::TooManyLeaves {
                    leaves: usize::try_from(end).unwrap_or(usize::MAX),
                    depth: d,
                    arity: K,
                }
                .into());
            }
        }
        for &leaf in leaves {
            self.node(0, self.next, leaf);
            self.next += 1;
        }
        Ok(())
    }

    fn node(&mut self, level: u32, pos: u64, digest: C::Digest) {
        let k = K as u64;
        let group_start = u128::from(pos / k * k);
        let span = (K as u128).saturating_pow(level);
        if group_start.saturating_mul(span) < u128::from(self.start) {
            self.left.push(ShardNode { level, digest });
            return;
        }
        let at = level as usize;
        if self.open.len() <= at {
            self.open.resize(at + 1, Vec::new());
        }
        self.open[at].push(digest);
        if self.open[at].len() == K {
            let policy = self.layout.policy;
            let parent = group_parent(&self.compression, &policy, &[], at, &self.open[at])
                .expect("a full group holds exactly K nodes");
            self.open[at].clear();
            self.node(level + 1, pos / k, parent);
        }
    }

    /// The shard: the left side, then the open groups from the highest level down.
    pub fn finish(self) -> Result<Shard<C::Digest>, ShardError> {
        if self.next == self.start {
            return Err(ShardError::Range {
                start: self.start,
                end: self.next,
                why: "a shard needs at least one leaf".into(),
            });
        }
        let mut nodes = self.left;
        for (level, open) in self.open.into_iter().enumerate().rev() {
            nodes.extend(open.into_iter().map(|digest| ShardNode {
                level: level as u32,
                digest,
            }));
        }
        let mut shard = Shard {
            format: SHARD_FORMAT.into(),
            layout: self.layout,
            start: self.start,
            end: self.next,
            nodes,
            checksum: String::new(),
        };
        shard.checksum = shard.expected_checksum();
        Ok(shard)
    }
}

/// The shard over leaf digests `leaves`, the first of which is leaf `start` of the tree.
pub fn build_shard<C: Compression<K>, const K: usize>(
    compression: C,
    layout: LayoutSpec,
    start: u64,
    leaves: &[C::Digest],
) -> Result<Shard<C::Digest>, ShardError> {
    let mut builder = ShardBuilder::new(compression, layout, start)?;
    builder.push(leaves)?;
    builder.finish()
}

/// The leaf range of shard `index` of `of` over `leaves` leaves: as equal as possible,
/// the larger ones first.
pub fn shard_range(leaves: u64, index: u64, of: u64) -> Result<std::ops::Range<u64>, ShardError> {
    if of == 0 || index >= of || of > leaves {
        return Err(ShardError::Range {
            start: index,
            end: of,
            why: format!("shard {index} of {of} over {leaves} leaves: need index < of <= leaves"),
        });
    }
    let at = |i: u64| (u128::from(leaves) * u128::from(i) / u128::from(of)) as u64;
    Ok(at(index)..at(index + 1))
}

/// The root of the tree the shards cover, which must be adjacent, in order, from leaf 0,
/// of one layout; each is checked first ([`Shard::check`]).
pub fn merge<C: Compression<K>, const K: usize>(
    compression: &C,
    shards: &[Shard<C::Digest>],
) -> Result<C::Digest, ShardError> {
    let first = shards.first().ok_or(ShardError::NoShards)?;
    if let Some(why) = first.layout.unsupported::<K>() {
        return Err(ShardError::Unsupported(why));
    }
    if first.start != 0 {
        return Err(ShardError::Start(first.start));
    }
    let policy = first.layout.policy;
    let mut frontier = Frontier::default();
    let mut end = 0u64;
    for shard in shards {
        shard.check()?;
        if shard.layout != first.layout {
            return Err(ShardError::LayoutMismatch(
                first.layout.differences(&shard.layout),
            ));
        }
        if shard.start > end {
            return Err(ShardError::Gap {
                end,
                start: shard.start,
            });
        }
        if shard.start < end {
            return Err(ShardError::Overlap {
                end,
                start: shard.start,
            });
        }
        for node in &shard.nodes {
            let level = node.level as usize;
            if !frontier.aligned(level) {
                return Err(ShardError::Corrupt {
                    start: shard.start,
                    end: shard.end,
                    why: format!("a level-{level} node where its subtree is not aligned"),
                });
            }
            let mut sink = |_: usize, _: &[C::Digest]| Ok::<(), ShardError>(());
            frontier.absorb(compression, &policy, level, &[node.digest], &mut sink)?;
        }
        end = shard.end;
    }
    let (root, _) = frontier.resolve(compression, &policy, end)?;
    Ok(root)
}
