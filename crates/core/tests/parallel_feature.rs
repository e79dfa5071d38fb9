//! Which threads a build runs on: with the `parallel` feature a layer at or above the
//! cutoff goes to rayon's workers; without it every compression and leaf hash runs on
//! the caller's thread, whatever the cutoff.

mod common;

use std::sync::Mutex;
use std::thread::{self, ThreadId};

use common::{Sha3, D};
use merklab_core::{hash_leaves, Compression, LeafHash, MerkleTree, Policy};

/// [`Sha3`] noting the thread of every leaf hash and compression.
struct Recording {
    inner: Sha3,
    threads: Mutex<Vec<ThreadId>>,
}

impl Recording {
    fn new() -> Self {
        Self {
            inner: Sha3::untagged(),
            threads: Mutex::new(Vec::new()),
        }
    }

    fn note(&self) {
        self.threads
            .lock()
            .expect("no test thread panics holding the lock")
            .push(thread::current().id());
    }

    /// How many calls ran on a thread other than `caller`, and how many in all.
    fn away_from(&self, caller: ThreadId) -> (usize, usize) {
        let threads = self.threads.lock().expect("not poisoned");
        let away = threads.iter().filter(|&&t| t != caller).count();
        (away, threads.len())
    }
}

impl LeafHash for Recording {
    type Input = [u8];
    type Digest = D;
    fn hash_leaf(&self, input: &[u8]) -> D {
        self.note();
        self.inner.hash_leaf(input)
    }
}

impl<const K: usize> Compression<K> for Recording {
    type Digest = D;
    fn compress(&self, children: &[D; K]) -> D {
        self.note();
        Compression::<K>::compress(&self.inner, children)
    }
    fn compress_short_group(&self, children: &[D]) -> D {
        self.note();
        Compression::<K>::compress_short_group(&self.inner, children)
    }
}

fn inputs() -> Vec<Vec<u8>> {
    (0..4096u32).map(|i| i.to_le_bytes().to_vec()).collect()
}

#[test]
fn builds_run_on_rayon_exactly_when_the_feature_is_on() {
    let caller = thread::current().id();
    let hash = Recording::new();
    let leaves = hash_leaves(&hash, &inputs());
    let tree = MerkleTree::<D, 2>::build_with_cutoff(&hash, Policy::new(), leaves, 1).unwrap();
    assert_eq!(tree.leaf_count(), 4096);
    let (away, total) = hash.away_from(caller);
    // 4096 leaf hashes and 4095 compressions.
    assert_eq!(total, 4096 + 4095);
    if cfg!(feature = "parallel") {
        assert!(away > 0, "all {total} calls ran on the caller's thread");
    } else {
        assert_eq!(away, 0, "{away} of {total} calls left the caller's thread");
    }
}
