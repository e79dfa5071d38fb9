//! # merklab-store
//!
//! Trees bigger than memory, over the core's traits, so every hash and layout works:
//!
//! - [`StoreBuilder`] writes a store directory as leaves stream in: a JSON [`Manifest`]
//!   (layout, leaf count, checksums, format version) and one fixed-width file per kept
//!   level, appended sequentially; memory holds one batch of leaves and fewer than `K`
//!   nodes per level. [`StoreBuilder::checkpoint`] makes a build resumable.
//! - [`Store`] opens a finished store (checksums verified), maps its level files and
//!   answers roots and proofs, recomputing levels dropped by `keep_every` for the one
//!   small subtree a proof needs.
//! - [`build_shard`] / [`ShardBuilder`] compute a [`Shard`], the compact range of one
//!   contiguous run of leaves, and [`merge`] joins adjacent shards into the root.
//!
//! - [`tlog`] serves a store of the `rfc6962` profile as C2SP tlog-tiles: hash tiles
//!   and a checkpoint body, written as the static directory a tlog client fetches.
//!
//! Roots and proofs equal the in-memory [`merklab_core::MerkleTree`]'s under every
//! odd-node rule; layouts that sort leaves are refused, since their first node needs
//! every leaf.

#![warn(missing_docs)]

mod build;
mod error;
mod fill;
mod frontier;
mod layout;
mod leaves;
mod manifest;
mod read;
mod shard;
pub mod tlog;

pub use build::{rehashed_leaves, StoreBuilder, MAX_KEEP_EVERY, MAX_REHASHED_LEAVES};
pub use error::{ShardError, StoreError};
pub use layout::LayoutSpec;
pub use leaves::{Generated, LeafDigests, LeafInputs, LeafSource, Records, Rehash};
pub use manifest::{LevelEntry, Manifest, State, FORMAT, MANIFEST, VERSION};
pub use read::Store;
pub use shard::{build_shard, merge, shard_range, Shard, ShardBuilder, ShardNode, SHARD_FORMAT};
