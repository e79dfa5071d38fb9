//! Times snarkVM's `PoseidonMerkleTree` (the `snarkvm-poseidon` profile: Poseidon4
//! leaves, Poseidon2 nodes, snarkVM's padding to depth 32) over leaves `[i]` (one field
//! element each), built in memory or into a store, so that `/usr/bin/time -v` gives the
//! time and peak RSS of each:
//!
//! ```sh
//! cargo build --release -p merklab-store --example aleo_poseidon
//! /usr/bin/time -v target/release/examples/aleo_poseidon store 24 /tmp/p 1
//! /usr/bin/time -v target/release/examples/aleo_poseidon memory 24
//! ```
//!
//! Leaves are hashed in runs of 2^16; the store checkpoints every 2^20 leaves.

use std::time::Instant;

use merklab_core::{hash_leaves, DomainTags, MerkleTree};
use merklab_profiles::snarkvm::SnarkvmPoseidon;
use merklab_profiles::{Layout, Named};
use merklab_store::{LayoutSpec, StoreBuilder};

const BATCH: u64 = 1 << 16;
const DEPTH: u8 = 32;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: aleo_poseidon memory LOG2N | store LOG2N DIR [KEEP_EVERY]";
    let mode = args.get(1).ok_or(usage)?;
    let log2: u32 = args.get(2).ok_or(usage)?.parse()?;
    let n = 1u64 << log2;
    let profile = SnarkvmPoseidon::new(DEPTH)?;
    let (leaf_hash, compression) = (profile.leaf_hash(), profile.compression());
    let batch = |start: u64, end: u64| -> Result<_, Box<dyn std::error::Error>> {
        let leaves = (start..end)
            .map(|i| profile.parse_leaf(&i.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hash_leaves(&leaf_hash, &leaves))
    };
    let clock = Instant::now();
    let root = match mode.as_str() {
        "memory" => {
            let mut leaves = Vec::with_capacity(n as usize);
            let mut at = 0;
            while at < n {
                let end = n.min(at + BATCH);
                leaves.extend(batch(at, end)?);
                at = end;
            }
            let tree = MerkleTree::<_, 2>::build(&compression, profile.policy(), leaves)?;
            profile.show(&tree.root())
        }
        "store" => {
            let dir = std::path::PathBuf::from(args.get(3).ok_or(usage)?);
            let keep_every: u32 = args.get(4).map_or(Ok(1), |s| s.parse())?;
            let layout = LayoutSpec {
                hash: "poseidon2".into(),
                tags: DomainTags::Tagged,
                profile: Some(SnarkvmPoseidon::NAME.into()),
                arity: 2,
                policy: profile.policy(),
            };
            let (mut builder, _) =
                StoreBuilder::<_, 2>::create_or_resume(&dir, layout, compression, keep_every)?;
            let mut at = 0;
            while at < n {
                let end = n.min(at + BATCH);
                builder.push(&batch(at, end)?)?;
                if end.is_multiple_of(1 << 20) {
                    builder.checkpoint()?;
                }
                at = end;
            }
            let manifest = builder.finish()?;
            let store = merklab_store::Store::open(&dir)?;
            let root = store.root::<_, 2>(&profile.compression())?;
            drop(manifest);
            profile.show(&root)
        }
        _ => return Err(usage.into()),
    };
    let secs = clock.elapsed().as_secs_f64();
    println!(
        "{mode} 2^{log2} leaves: {secs:.2} s, {:.3} M leaves/s, root {root}",
        n as f64 / secs / 1e6
    );
    Ok(())
}
