//! Why a measurement could not be reported.

use thiserror::Error;

/// A failure of the harness: a pool, a build, a peer, or a root that disagrees.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum BenchError {
    /// A rayon pool of this many threads could not start.
    #[error("starting a {threads}-thread pool")]
    Pool {
        /// Threads asked for.
        threads: usize,
        /// What rayon said.
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
    /// merklab refused the leaves.
    #[error("building the merklab tree")]
    Tree(#[from] merklab_core::TreeError),
    /// snarkVM's `MerkleTree` refused the leaves.
    #[error("snarkVM {layout} tree")]
    Snarkvm {
        /// `poseidon` or `bhp`.
        layout: &'static str,
        /// What snarkVM said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An ecosystem's own implementation refused the leaves.
    #[error("{peer}")]
    Peer {
        /// The implementation.
        peer: &'static str,
        /// What it said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// merklab's profile refused the leaves.
    #[error("building the merklab profile's tree")]
    Profile(#[from] merklab_profiles::ProfileError),
    /// Two implementations built different roots over the same leaves, so no time
    /// between them means anything.
    #[error("{hash}: {peer}'s root {theirs} differs from merklab's {ours}")]
    RootMismatch {
        /// The hash (or layout) measured.
        hash: &'static str,
        /// The other side.
        peer: &'static str,
        /// Its root, printed.
        theirs: String,
        /// merklab's root, printed.
        ours: String,
    },
    /// A leaf count larger than this platform's address space.
    #[error("{0} leaves do not fit in memory on this platform")]
    TooManyLeaves(u64),
    /// A chart could not be drawn.
    #[error("drawing a chart")]
    Plot(#[source] Box<dyn std::error::Error + Send + Sync>),
}
