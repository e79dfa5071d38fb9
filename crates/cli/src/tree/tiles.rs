//! `merklab tree tiles`: an `rfc6962` store written out as C2SP tlog-tiles, the static
//! directory (hash tiles and a checkpoint body) a tlog client fetches.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use merklab_profiles::rfc6962;
use merklab_store::tlog::write_tiles;
use serde_json::json;

use crate::io::emit;

/// `merklab tree tiles`.
#[derive(Args)]
pub struct TilesArgs {
    /// The store, built with `tree build --profile rfc6962`.
    #[arg(long)]
    store: PathBuf,
    /// The tile directory (created if missing). Tiles already there with the same bytes
    /// are left alone; anything but a regular file where a tile goes is an error.
    #[arg(long)]
    out: PathBuf,
    /// The log's origin, the checkpoint's first line: a schema-less URL such as
    /// example.com/log.
    #[arg(long)]
    origin: String,
    /// The records file a store built with --no-leaf-level was built from: level-0
    /// tiles are the leaf hashes, rehashed from it (a generated store makes its own).
    #[arg(long)]
    leaves: Option<PathBuf>,
    /// Print {"leaves", "full", "partial", "unchanged", "checkpoint"} as JSON instead of
    /// the checkpoint body.
    #[arg(long)]
    json: bool,
}

/// Runs `tree tiles`: prints the checkpoint body it wrote, the text a log signs.
pub fn tiles(args: &TilesArgs) -> Result<()> {
    let store = super::store::open_store(&args.store, args.leaves.as_deref(), &rfc6962::HASH)?;
    let written = write_tiles(&store, &rfc6962::HASH, &args.out, &args.origin)?;
    if args.json {
        let out = json!({
            "leaves": store.leaf_count(),
            "full": written.full,
            "partial": written.partial,
            "unchanged": written.unchanged,
            "checkpoint": written.checkpoint,
        });
        emit(None, &out.to_string())
    } else {
        emit(None, &written.checkpoint)
    }
}
