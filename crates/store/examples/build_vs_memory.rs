//! Times one RFC 6962 tree (SHA-256, tagged, arity 2, promote) over `--generate`'s
//! leaves (leaf i = i as 8 little-endian bytes), built in memory or into a store, so
//! the two throughputs (and, under `/usr/bin/time -v`, the two peak RSS) compare:
//!
//! ```sh
//! cargo run --release -p merklab-store --example build_vs_memory -- memory 24
//! cargo run --release -p merklab-store --example build_vs_memory -- store 24 /tmp/s 1
//! cargo run --release -p merklab-store --example build_vs_memory -- store 24 /tmp/s 8 no-leaf-level
//! ```
//!
//! The in-memory build hashes the leaves in runs of 2^16 and builds the tree; the store
//! reads them by index (`StoreBuilder::absorb`, as `tree build --generate` does), writes
//! every kept level (no level 0 with `no-leaf-level`), checkpoints as `tree build` does
//! and checksums its files.

use std::time::Instant;

use merklab_core::{hash_leaves, DomainTags, MerkleTree, Policy};
use merklab_hashes::{ByteHash, Digest32, Sha256};
use merklab_store::{Generated, LayoutSpec, LeafInputs, StoreBuilder};

const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);
const BATCH: u64 = 1 << 16;

fn batch(start: u64, end: u64) -> Vec<Digest32> {
    let data: Vec<[u8; 8]> = (start..end).map(u64::to_le_bytes).collect();
    let refs: Vec<&[u8]> = data.iter().map(|d| d.as_slice()).collect();
    hash_leaves(&HASH, &refs)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage =
        "usage: build_vs_memory memory LOG2N | store LOG2N DIR [KEEP_EVERY [no-leaf-level]]";
    let mode = args.get(1).ok_or(usage)?;
    let log2: u32 = args.get(2).ok_or(usage)?.parse()?;
    let n = 1u64 << log2;
    let clock = Instant::now();
    let root = match mode.as_str() {
        "memory" => {
            let mut leaves = Vec::with_capacity(n as usize);
            let mut at = 0;
            while at < n {
                let end = n.min(at + BATCH);
                leaves.extend(batch(at, end));
                at = end;
            }
            MerkleTree::<Digest32, 2>::build(&HASH, Policy::new(), leaves)?
                .root()
                .to_hex()
        }
        "store" => {
            let dir = std::path::PathBuf::from(args.get(3).ok_or(usage)?);
            let keep_every: u32 = args.get(4).map_or(Ok(1), |s| s.parse())?;
            let layout = LayoutSpec::rfc6962();
            let elsewhere = match args.get(5).map(String::as_str) {
                None => None,
                Some("no-leaf-level") => Some(Generated.source()),
                Some(_) => return Err(usage.into()),
            };
            let (mut builder, _) = StoreBuilder::<_, 2>::create_or_resume_with(
                &dir, layout, HASH, keep_every, elsewhere,
            )?;
            // Checkpoints as `tree build` makes them: after a run of 2^20 leaves, at
            // least two seconds apart.
            let mut at = 0;
            let mut last = Instant::now();
            while at < n {
                let end = n.min(at + (1 << 20));
                builder.absorb(&HASH, &Generated, end)?;
                if last.elapsed().as_secs() >= 2 {
                    builder.checkpoint()?;
                    last = Instant::now();
                }
                at = end;
            }
            let finishing = Instant::now();
            let root = builder.finish()?.root.unwrap_or_default();
            eprintln!(
                "finish (last groups, sync, checksums): {:.2} s",
                finishing.elapsed().as_secs_f64()
            );
            root
        }
        _ => return Err(usage.into()),
    };
    let secs = clock.elapsed().as_secs_f64();
    println!(
        "{mode} 2^{log2} leaves: {secs:.2} s, {:.2} M leaves/s, root {root}",
        n as f64 / secs / 1e6
    );
    Ok(())
}
