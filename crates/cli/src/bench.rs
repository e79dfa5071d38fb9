//! `merklab bench`: tree builds against the raw-hash bound and against the peers a user
//! would otherwise pick, measured in the same process on the same leaves.
//!
//! - Byte hashes (SHA3-256, SHA-256): merklab serial, parallel and streaming; the raw
//!   hash in a loop, (n - 1) 64-byte hashes, on one thread and split over the pool;
//!   `rs_merkle` (its `Sha256`, and SHA3-256 through its `Hasher` trait), single-threaded.
//! - Aleo field hashes in snarkVM's layout (depth 32; Poseidon4 leaves and Poseidon2
//!   nodes, BHP1024 leaves and BHP512 nodes): merklab against snarkVM's own
//!   `MerkleTree` (`Network::merkle_tree_psd` / `merkle_tree_bhp`), 1 and 2 threads,
//!   and the raw leaf and node hashes in a loop.
//!
//! Every peer's root is checked against merklab's before a ratio is reported; a mismatch
//! ends the command with an error. Timing is the median of a few runs with
//! `std::time::Instant` (criterion, under `benches/`, is for the full runs).

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Args;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use merklab_aleo::family::{Bhp, BhpSize, Poseidon, PoseidonRate};
use merklab_aleo::{field_from_u128, Aleo, Field, FieldDigest};
use merklab_core::{
    ByteDigest, Compression, DomainTags, LeafHash, MerkleTree, Policy, StreamingBuilder,
};
use merklab_hashes::{ByteHash, ByteHasher};
use rayon::prelude::*;
use serde::Serialize;
use snarkvm_console::network::Network;
use snarkvm_console::prelude::ToBits;

/// The fixed depth of the snarkVM-layout trees (snarkVM's usual `DEPTH`).
const SNARKVM_DEPTH: u8 = 32;

/// `merklab bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Leaves of the byte-hash trees (default 2^18; --quick: 2^12).
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=(1 << 24)))]
    leaves: Option<u64>,
    /// Leaves of the Poseidon and BHP trees (default 2^11; --quick: 2^6).
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=(1 << 20)))]
    field_leaves: Option<u64>,
    /// Timed runs per measurement; the median is reported (default 5; --quick: 3).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=101))]
    runs: Option<u32>,
    /// Small sizes and few runs: a smoke run of a few seconds.
    #[arg(long, conflicts_with = "full")]
    quick: bool,
    /// Every size the report uses: byte trees 2^10..2^20, field trees 2^10..2^16 (minutes).
    #[arg(long)]
    full: bool,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// Also write the JSON report to this file.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Also write `bench-scaling.svg` and `bench-parallel.svg` into this directory.
    #[arg(long)]
    plots: Option<PathBuf>,
}

/// One byte-hash tree measurement (times in milliseconds, medians).
#[derive(Clone, Debug, Serialize)]
pub struct ByteRow {
    /// Hash name.
    pub hash: &'static str,
    /// Leaf digests given to the build.
    pub leaves: u64,
    /// (n - 1) 64-byte hashes in a loop, one thread.
    pub raw_1t_ms: f64,
    /// The same loop split over a 2-thread pool.
    pub raw_2t_ms: f64,
    /// (n - 1) 64-byte hashes through the backend's multi-buffer form
    /// (`ByteHasher::hash_each`: eight per AVX-512 permutation for SHA3-256, sixteen
    /// per AVX-512 pass for SHA-256), one thread; equal to `raw_1t_ms`'s work where
    /// there is no such form.
    pub raw_batched_1t_ms: f64,
    /// `MerkleTree::build_serial`.
    pub merklab_serial_ms: f64,
    /// `MerkleTree::build_serial` with the multi-buffer path switched off.
    pub merklab_serial_scalar_ms: f64,
    /// `MerkleTree::build` on a 2-thread pool with the multi-buffer path switched off.
    pub merklab_parallel_scalar_ms: f64,
    /// `MerkleTree::build` on a 2-thread pool.
    pub merklab_parallel_ms: f64,
    /// `StreamingBuilder`, one leaf at a time.
    pub merklab_streaming_ms: f64,
    /// `rs_merkle::MerkleTree::from_leaves` (single-threaded).
    pub rs_merkle_ms: f64,
}

/// One field-hash tree measurement in snarkVM's layout (times in milliseconds, medians).
#[derive(Clone, Debug, Serialize)]
pub struct FieldRow {
    /// `poseidon` or `bhp`.
    pub hash: &'static str,
    /// Leaves (each one field element; BHP takes its 253 bits).
    pub leaves: u64,
    /// n leaf hashes and (n - 1) node hashes in a loop, one thread.
    pub raw_1t_ms: f64,
    /// merklab (`MerkleTree::from_inputs`) on a 1-thread pool.
    pub merklab_1t_ms: f64,
    /// merklab on a 2-thread pool.
    pub merklab_2t_ms: f64,
    /// snarkVM's `MerkleTree::new` on a 1-thread pool.
    pub snarkvm_1t_ms: f64,
    /// snarkVM's `MerkleTree::new` on a 2-thread pool.
    pub snarkvm_2t_ms: f64,
}

/// One ratio with its acceptance target.
#[derive(Clone, Debug, Serialize)]
pub struct Ratio {
    /// What is compared.
    pub comparison: String,
    /// Leaves of the trees compared.
    pub leaves: u64,
    /// The measured ratio.
    pub value: f64,
    /// The target, as text (`<= 1.15`, `>= 3`).
    pub target: &'static str,
    /// Whether the measured ratio meets it.
    pub met: bool,
}

/// The machine the numbers were taken on.
#[derive(Clone, Debug, Serialize)]
pub struct Machine {
    /// CPU model (from /proc/cpuinfo where available).
    pub cpu: String,
    /// Logical CPUs available to this process.
    pub cpus: usize,
    /// `rustc --version`, when a rustc is on the PATH.
    pub rustc: String,
    /// 1-minute load average at the start, where available.
    pub load_average: Option<f64>,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Where it ran.
    pub machine: Machine,
    /// Timed runs per measurement (medians are reported).
    pub runs: u32,
    /// Byte-hash trees.
    pub byte: Vec<ByteRow>,
    /// Poseidon and BHP trees in snarkVM's layout.
    pub field: Vec<FieldRow>,
    /// merklab / peer ratios with their targets.
    pub ratios: Vec<Ratio>,
}

/// Median wall time of `runs` calls of `f` in milliseconds; `setup` runs untimed before each.
fn median_ms<S, T>(runs: u32, mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> T) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            std::hint::black_box(f(input));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .with_context(|| format!("starting a {threads}-thread pool"))
}

fn splitmix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` distinct pseudo-random 32-byte leaf digests.
fn byte_leaves(n: usize) -> Vec<[u8; 32]> {
    (0..n as u64)
        .map(|i| {
            let mut d = [0u8; 32];
            for (j, chunk) in d.chunks_mut(8).enumerate() {
                chunk.copy_from_slice(&splitmix(i * 4 + j as u64).to_le_bytes());
            }
            d
        })
        .collect()
}

/// SHA3-256 as an `rs_merkle` hasher (rs_merkle ships SHA-256 only by default).
#[derive(Clone)]
pub struct RsSha3;

impl rs_merkle::Hasher for RsSha3 {
    type Hash = [u8; 32];
    fn hash(data: &[u8]) -> [u8; 32] {
        <sha3::Sha3_256 as sha3::Digest>::digest(data).into()
    }
}

/// The byte hashes compared, with their `rs_merkle` peers.
#[derive(Clone, Copy)]
enum ByteKind {
    Sha3,
    Sha256,
}

impl ByteKind {
    fn name(self) -> &'static str {
        match self {
            Self::Sha3 => "sha3-256",
            Self::Sha256 => "sha256",
        }
    }

    fn raw(self, block: &[u8; 64]) -> [u8; 32] {
        match self {
            Self::Sha3 => <sha3::Sha3_256 as sha3::Digest>::digest(block).into(),
            Self::Sha256 => <sha2::Sha256 as sha2::Digest>::digest(block).into(),
        }
    }
}

fn measure_byte(kind: ByteKind, n: usize, runs: u32) -> Result<ByteRow> {
    match kind {
        ByteKind::Sha3 => measure_byte_with::<merklab_hashes::Sha3_256, RsSha3>(kind, n, runs),
        ByteKind::Sha256 => measure_byte_with::<
            merklab_hashes::Sha256,
            rs_merkle::algorithms::Sha256,
        >(kind, n, runs),
    }
}

fn measure_byte_with<H, R>(kind: ByteKind, n: usize, runs: u32) -> Result<ByteRow>
where
    H: ByteHasher,
    R: rs_merkle::Hasher<Hash = [u8; 32]>,
{
    let raw_leaves = byte_leaves(n);
    let leaves: Vec<ByteDigest<32>> = raw_leaves.iter().map(|l| ByteDigest(*l)).collect();
    let hash = ByteHash::<H>::untagged();
    let policy = Policy::new();
    let (one, two) = (pool(1)?, pool(2)?);

    // Roots first: every implementation must agree before any time is compared.
    let serial = MerkleTree::<_, 2>::build_serial(&hash, policy, leaves.clone())?.root();
    let parallel = two.install(|| MerkleTree::<_, 2>::build(&hash, policy, leaves.clone()))?;
    let mut stream = StreamingBuilder::<_, 2>::new(&hash, policy);
    for &l in &leaves {
        stream.push(l)?;
    }
    let streamed = stream.root()?;
    let peer = rs_merkle::MerkleTree::<R>::from_leaves(&raw_leaves).root();
    if parallel.root() != serial || streamed != serial {
        bail!(
            "{}: merklab's serial, parallel and streaming roots differ",
            kind.name()
        );
    }
    if peer != Some(serial.0) {
        bail!(
            "{}: rs_merkle's root {} differs from merklab's {}",
            kind.name(),
            peer.map_or_else(|| "(none)".to_string(), hex::encode),
            hex::encode(serial.0)
        );
    }

    let block = [7u8; 64];
    let raw_1t_ms = median_ms(
        runs,
        || (),
        |()| {
            let mut acc = 0u8;
            for _ in 1..n {
                acc ^= kind.raw(std::hint::black_box(&block))[0];
            }
            acc
        },
    );
    let raw_2t_ms = two.install(|| {
        median_ms(
            runs,
            || (),
            |()| {
                (1..n)
                    .into_par_iter()
                    .with_min_len(4096)
                    .map(|_| kind.raw(std::hint::black_box(&block))[0])
                    .reduce(|| 0, |a, b| a ^ b)
            },
        )
    });
    let merklab_serial_ms = one.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build_serial(&hash, policy, l).map(|t| t.root()),
        )
    });
    let raw_batched_1t_ms = {
        // Runs of 64 messages, as the tree builder hands them over.
        let messages = [7u8; 64 * 64];
        let mut out = vec![ByteDigest([0u8; 32]); 64];
        median_ms(
            runs,
            || (),
            |()| {
                let mut left = n.saturating_sub(1);
                let mut acc = 0u8;
                while left > 0 {
                    let take = left.min(64);
                    H::hash_each(
                        merklab_hashes::MultiBuffer::Auto,
                        std::hint::black_box(&messages[..64 * take]),
                        64,
                        &mut out[..take],
                    );
                    acc ^= out[0].0[0];
                    left -= take;
                }
                acc
            },
        )
    };
    // The same hash with one message at a time: its own value, so nothing else
    // running can switch the multi-buffer form back on under it.
    let scalar = hash.with_multi_buffer(merklab_hashes::MultiBuffer::Off);
    let merklab_serial_scalar_ms = one.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build_serial(&scalar, policy, l).map(|t| t.root()),
        )
    });
    let merklab_parallel_scalar_ms = two.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build(&scalar, policy, l).map(|t| t.root()),
        )
    });
    let merklab_parallel_ms = two.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build(&hash, policy, l).map(|t| t.root()),
        )
    });
    let merklab_streaming_ms = median_ms(
        runs,
        || (),
        |()| {
            let mut s = StreamingBuilder::<_, 2>::new(&hash, policy);
            for &l in &leaves {
                let _ = s.push(l);
            }
            s.root()
        },
    );
    let rs_merkle_ms = one.install(|| {
        median_ms(
            runs,
            || (),
            |()| rs_merkle::MerkleTree::<R>::from_leaves(&raw_leaves).root(),
        )
    });
    Ok(ByteRow {
        hash: kind.name(),
        leaves: n as u64,
        raw_1t_ms,
        raw_2t_ms,
        raw_batched_1t_ms,
        merklab_serial_ms,
        merklab_serial_scalar_ms,
        merklab_parallel_scalar_ms,
        merklab_parallel_ms,
        merklab_streaming_ms,
        rs_merkle_ms,
    })
}

/// `n` distinct field elements, one per leaf.
fn field_leaves(n: usize) -> Vec<Field> {
    (0..n as u64)
        .map(|i| field_from_u128(u128::from(splitmix(i)) << 64 | u128::from(i)))
        .collect()
}

/// A snarkVM-layout tree on both sides: merklab's leaf hash and compression and the
/// snarkVM tree they are compared with.
trait Layout {
    /// `poseidon` or `bhp`.
    const NAME: &'static str;
    /// What merklab's leaf hash takes, borrowed from a leaf.
    type Input: ?Sized;
    /// One leaf as both sides take it.
    type Leaf: Sync + Send + Borrow<Self::Input>;
    /// merklab's leaf hash.
    type Leaves: LeafHash<Input = Self::Input, Digest = FieldDigest>;
    /// merklab's node compression.
    type Node: Compression<2, Digest = FieldDigest>;
    fn leaf(f: &Field) -> Self::Leaf;
    fn hashes() -> (Self::Leaves, Self::Node);
    /// snarkVM's `MerkleTree::new` over the leaves; its root.
    fn snarkvm_root(leaves: &[Self::Leaf]) -> Result<Field>;
}

struct PoseidonLayout;

impl Layout for PoseidonLayout {
    const NAME: &'static str = "poseidon";
    type Leaf = Vec<Field>;
    type Leaves = Poseidon;
    type Input = [Field];
    type Node = Poseidon;
    fn leaf(f: &Field) -> Vec<Field> {
        vec![*f]
    }
    fn hashes() -> (Poseidon, Poseidon) {
        (
            Poseidon::new(PoseidonRate::Psd4, DomainTags::Tagged),
            Poseidon::new(PoseidonRate::Psd2, DomainTags::Tagged),
        )
    }
    fn snarkvm_root(leaves: &[Vec<Field>]) -> Result<Field> {
        let tree = Aleo::merkle_tree_psd::<SNARKVM_DEPTH>(leaves)
            .map_err(|e| anyhow::anyhow!("snarkVM Poseidon tree: {e}"))?;
        Ok(*tree.root())
    }
}

struct BhpLayout;

impl Layout for BhpLayout {
    const NAME: &'static str = "bhp";
    type Leaf = Vec<bool>;
    type Leaves = Bhp;
    type Input = [bool];
    type Node = Bhp;
    fn leaf(f: &Field) -> Vec<bool> {
        f.to_bits_le()
    }
    fn hashes() -> (Bhp, Bhp) {
        (
            Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged),
            Bhp::new(BhpSize::Bhp512, DomainTags::Tagged),
        )
    }
    fn snarkvm_root(leaves: &[Vec<bool>]) -> Result<Field> {
        let tree = Aleo::merkle_tree_bhp::<SNARKVM_DEPTH>(leaves)
            .map_err(|e| anyhow::anyhow!("snarkVM BHP tree: {e}"))?;
        Ok(*tree.root())
    }
}

fn merklab_tree<L: Layout>(
    leaf_hash: &L::Leaves,
    node: &L::Node,
    leaves: &[L::Leaf],
) -> Result<FieldDigest> {
    let policy = merklab_profiles::snarkvm::policy(SNARKVM_DEPTH);
    Ok(MerkleTree::<_, 2>::from_inputs(leaf_hash, node, policy, leaves)?.root())
}

fn measure_field<L: Layout>(n: usize, runs: u32) -> Result<FieldRow> {
    let leaves: Vec<L::Leaf> = field_leaves(n).iter().map(L::leaf).collect();
    let (leaf_hash, node) = L::hashes();
    let (one, two) = (pool(1)?, pool(2)?);

    // Also builds snarkVM's hash parameters, which it makes on first use.
    let ours = two.install(|| merklab_tree::<L>(&leaf_hash, &node, &leaves))?;
    let theirs = two.install(|| L::snarkvm_root(&leaves))?;
    if ours.0 != theirs {
        bail!(
            "{}: snarkVM's root {theirs} differs from merklab's {}",
            L::NAME,
            ours.0
        );
    }

    let raw_1t_ms = median_ms(
        runs,
        || (),
        |()| {
            let mut acc = FieldDigest(Field::from_u128(0));
            for l in &leaves {
                acc = leaf_hash.hash_leaf(l.borrow());
            }
            for _ in 1..n {
                acc = node.compress(&[acc, acc]);
            }
            acc
        },
    );
    let run = |p: &rayon::ThreadPool| {
        p.install(|| {
            median_ms(
                runs,
                || (),
                |()| merklab_tree::<L>(&leaf_hash, &node, &leaves),
            )
        })
    };
    let merklab_1t_ms = run(&one);
    let merklab_2t_ms = run(&two);
    let peer =
        |p: &rayon::ThreadPool| p.install(|| median_ms(runs, || (), |()| L::snarkvm_root(&leaves)));
    let snarkvm_1t_ms = peer(&one);
    let snarkvm_2t_ms = peer(&two);
    Ok(FieldRow {
        hash: L::NAME,
        leaves: n as u64,
        raw_1t_ms,
        merklab_1t_ms,
        merklab_2t_ms,
        snarkvm_1t_ms,
        snarkvm_2t_ms,
    })
}

fn ratio(comparison: String, leaves: u64, value: f64, target: &'static str) -> Ratio {
    let met = match target.split_once(' ') {
        Some(("<=", t)) => t.parse::<f64>().is_ok_and(|t| value <= t),
        Some((">=", t)) => t.parse::<f64>().is_ok_and(|t| value >= t),
        Some((">", t)) => t.parse::<f64>().is_ok_and(|t| value > t),
        _ => false,
    };
    Ratio {
        comparison,
        leaves,
        value,
        target,
        met,
    }
}

/// One [`Ratio`] per `(comparison, value, target)` row, named after the hash.
fn push_rows(out: &mut Vec<Ratio>, hash: &str, leaves: u64, rows: &[(&str, f64, &'static str)]) {
    for &(name, value, target) in rows {
        out.push(ratio(format!("{hash}: {name}"), leaves, value, target));
    }
}

/// The acceptance ratios for the largest measured size of each hash.
fn ratios(byte: &[ByteRow], field: &[FieldRow]) -> Vec<Ratio> {
    let mut out = Vec::new();
    for r in byte {
        let rows = [
            (
                "merklab serial / raw loop (1 thread)",
                r.merklab_serial_ms / r.raw_1t_ms,
                "<= 1.15",
            ),
            (
                "merklab serial / raw multi-buffer loop (1 thread)",
                r.merklab_serial_ms / r.raw_batched_1t_ms,
                "<= 1.15",
            ),
            (
                "merklab serial, multi-buffer off / raw loop (1 thread)",
                r.merklab_serial_scalar_ms / r.raw_1t_ms,
                "<= 1.15",
            ),
            (
                "merklab parallel / (raw multi-buffer loop (1 thread) / 2)",
                r.merklab_parallel_ms / (r.raw_batched_1t_ms / 2.0),
                "<= 1.15",
            ),
            (
                "merklab parallel / raw loop (2 threads)",
                r.merklab_parallel_ms / r.raw_2t_ms,
                "<= 1.15",
            ),
            (
                "merklab parallel / (raw loop (1 thread) / 2)",
                r.merklab_parallel_ms / (r.raw_1t_ms / 2.0),
                "<= 1.15",
            ),
            (
                "rs_merkle / merklab serial (speed-up)",
                r.rs_merkle_ms / r.merklab_serial_ms,
                ">= 3",
            ),
            (
                "merklab serial / parallel (speed-up)",
                r.merklab_serial_ms / r.merklab_parallel_ms,
                ">= 1.8",
            ),
            (
                "merklab serial / parallel, multi-buffer off (speed-up)",
                r.merklab_serial_scalar_ms / r.merklab_parallel_scalar_ms,
                ">= 1.8",
            ),
        ];
        push_rows(&mut out, r.hash, r.leaves, &rows);
    }
    for r in field {
        let rows = [
            (
                "snarkVM / merklab, 1 thread (speed-up)",
                r.snarkvm_1t_ms / r.merklab_1t_ms,
                ">= 1",
            ),
            (
                "snarkVM / merklab, 2 threads (speed-up)",
                r.snarkvm_2t_ms / r.merklab_2t_ms,
                "> 1",
            ),
            (
                "merklab 1 thread / raw loop",
                r.merklab_1t_ms / r.raw_1t_ms,
                "<= 1.15",
            ),
            (
                "merklab 1 / 2 threads (speed-up)",
                r.merklab_1t_ms / r.merklab_2t_ms,
                ">= 1.8",
            ),
        ];
        push_rows(&mut out, r.hash, r.leaves, &rows);
    }
    out
}

fn machine() -> Machine {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()));
    Machine {
        cpu,
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        rustc,
        load_average,
    }
}

/// Runs `merklab bench`.
pub fn run(args: BenchArgs) -> Result<()> {
    let (byte_sizes, field_sizes, runs): (Vec<u64>, Vec<u64>, u32) = if args.full {
        (
            (10..=20).step_by(2).map(|e| 1u64 << e).collect(),
            (10..=16).step_by(2).map(|e| 1u64 << e).collect(),
            args.runs.unwrap_or(3),
        )
    } else if args.quick {
        (
            vec![args.leaves.unwrap_or(1 << 12)],
            vec![args.field_leaves.unwrap_or(1 << 6)],
            args.runs.unwrap_or(3),
        )
    } else {
        (
            vec![args.leaves.unwrap_or(1 << 18)],
            vec![args.field_leaves.unwrap_or(1 << 11)],
            args.runs.unwrap_or(5),
        )
    };
    let machine = machine();
    let mut byte = Vec::new();
    for &n in &byte_sizes {
        let n = usize::try_from(n).context("leaf count")?;
        for kind in [ByteKind::Sha3, ByteKind::Sha256] {
            eprintln!("measuring {} over {n} leaves", kind.name());
            byte.push(measure_byte(kind, n, runs)?);
        }
    }
    let mut field = Vec::new();
    for &n in &field_sizes {
        let n = usize::try_from(n).context("leaf count")?;
        eprintln!("measuring poseidon and bhp (snarkVM layout) over {n} leaves");
        field.push(measure_field::<PoseidonLayout>(n, runs)?);
        field.push(measure_field::<BhpLayout>(n, runs)?);
    }
    // Ratios at the largest size of each hash; the JSON keeps every size.
    let largest = |rows: &[u64]| rows.iter().copied().max().unwrap_or(0);
    let (big_byte, big_field) = (largest(&byte_sizes), largest(&field_sizes));
    let top_byte: Vec<ByteRow> = byte
        .iter()
        .filter(|r| r.leaves == big_byte)
        .cloned()
        .collect();
    let top_field: Vec<FieldRow> = field
        .iter()
        .filter(|r| r.leaves == big_field)
        .cloned()
        .collect();
    let report = Report {
        machine,
        runs,
        ratios: ratios(&top_byte, &top_field),
        byte,
        field,
    };
    let json = serde_json::to_string_pretty(&report)?;
    if let Some(path) = &args.report {
        crate::io::write_atomic(path, format!("{json}\n").as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(dir) = &args.plots {
        for (name, svg) in [
            ("bench-scaling.svg", scaling_svg(&report)),
            ("bench-parallel.svg", parallel_svg(&report)),
        ] {
            let path = dir.join(name);
            crate::io::write_atomic(&path, svg.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    if args.json {
        println!("{json}");
    } else {
        println!("{}", times_table(&report));
        println!("{}", ratio_table(&report));
        println!(
            "median of {runs} runs; wall clock on this machine (load average at start: {})",
            report
                .machine
                .load_average
                .map_or_else(|| "unknown".to_string(), |l| format!("{l:.2}"))
        );
    }
    Ok(())
}

fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn times_table(report: &Report) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "tree",
        "leaves",
        "raw 1t",
        "raw 2t",
        "raw batched 1t",
        "merklab 1t",
        "merklab 1t scalar",
        "merklab 2t scalar",
        "merklab 2t",
        "streaming",
        "rs_merkle 1t",
        "snarkVM 1t",
        "snarkVM 2t",
    ]);
    for r in &report.byte {
        t.add_row(vec![
            r.hash.to_string(),
            r.leaves.to_string(),
            ms(r.raw_1t_ms),
            ms(r.raw_2t_ms),
            ms(r.raw_batched_1t_ms),
            ms(r.merklab_serial_ms),
            ms(r.merklab_serial_scalar_ms),
            ms(r.merklab_parallel_scalar_ms),
            ms(r.merklab_parallel_ms),
            ms(r.merklab_streaming_ms),
            ms(r.rs_merkle_ms),
            "-".into(),
            "-".into(),
        ]);
    }
    for r in &report.field {
        t.add_row(vec![
            format!("{} (snarkVM layout)", r.hash),
            r.leaves.to_string(),
            ms(r.raw_1t_ms),
            "-".into(),
            "-".into(),
            ms(r.merklab_1t_ms),
            "-".into(),
            "-".into(),
            ms(r.merklab_2t_ms),
            "-".into(),
            "-".into(),
            ms(r.snarkvm_1t_ms),
            ms(r.snarkvm_2t_ms),
        ]);
    }
    t
}

fn ratio_table(report: &Report) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["comparison", "leaves", "ratio", "target", "met"]);
    for r in &report.ratios {
        t.add_row(vec![
            r.comparison.clone(),
            r.leaves.to_string(),
            format!("{:.2}", r.value),
            r.target.to_string(),
            if r.met { "yes" } else { "no" }.to_string(),
        ]);
    }
    t
}

/// One line of a chart: a name, a colour, whether dashed, and (x, y) points.
struct Series {
    name: String,
    color: &'static str,
    dashed: bool,
    points: Vec<(f64, f64)>,
}

/// A line chart with a log2 x axis and a log10 (or linear) y axis, drawn by hand:
/// a few dozen points need no plotting crate.
fn line_chart(title: &str, y_label: &str, log_y: bool, series: &[Series]) -> String {
    let (w, h, left, right, top, bottom) = (900.0, 560.0, 80.0, 250.0, 50.0, 60.0);
    let ty = |v: f64| if log_y { v.max(1e-9).log10() } else { v };
    let all: Vec<(f64, f64)> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|&(x, y)| (x.max(1.0).log2(), ty(y))))
        .collect();
    let fold = |f: fn(&(f64, f64)) -> f64| {
        all.iter()
            .map(f)
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)))
    };
    let (x0, x1) = fold(|p| p.0);
    let (y0, y1) = fold(|p| p.1);
    let (x0, x1) = if all.is_empty() {
        (0.0, 1.0)
    } else {
        (x0.floor(), x1.ceil().max(x0.floor() + 1.0))
    };
    let (y0, y1) = if all.is_empty() {
        (0.0, 1.0)
    } else if log_y {
        (y0.floor(), y1.ceil().max(y0.floor() + 1.0))
    } else {
        (0.0, (y1 * 1.1).ceil().max(1.0))
    };
    let sx = |v: f64| left + (v - x0) / (x1 - x0) * (w - left - right);
    let sy = |v: f64| h - bottom - (v - y0) / (y1 - y0) * (h - top - bottom);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="28" text-anchor="middle" font-size="15">{title}</text>"#,
        (w - right + left) / 2.0
    );
    let mut e = x0;
    while e <= x1 {
        let x = sx(e);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">2^{e}</text>"##,
            h - bottom,
            h - bottom + 18.0
        );
        e += 1.0;
    }
    let steps = if log_y { (y1 - y0).round() as i32 } else { 5 };
    for i in 0..=steps.max(1) {
        let v = y0 + (y1 - y0) * f64::from(i) / f64::from(steps.max(1));
        let y = sy(v);
        let label = if log_y {
            format!("1e{}", v.round())
        } else {
            format!("{v:.1}")
        };
        let _ = writeln!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{label}</text>"##,
            w - right,
            left - 6.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">leaves</text>"#,
        (w - right + left) / 2.0,
        h - 18.0
    );
    let _ = writeln!(
        s,
        r#"<text x="18" y="{0}" text-anchor="middle" transform="rotate(-90 18 {0})">{y_label}</text>"#,
        h / 2.0
    );
    for (i, series) in series.iter().enumerate() {
        let path: Vec<String> = series
            .points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", sx(x.max(1.0).log2()), sy(ty(y))))
            .collect();
        let dash = if series.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{dash}/>"#,
            path.join(" "),
            series.color
        );
        for p in &path {
            if let Some((x, y)) = p.split_once(',') {
                let _ = writeln!(
                    s,
                    r#"<circle cx="{x}" cy="{y}" r="3" fill="{}"/>"#,
                    series.color
                );
            }
        }
        let ly = top + 10.0 + 20.0 * i as f64;
        let lx = w - right + 15.0;
        let _ = writeln!(
            s,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{}" stroke-width="2"{dash}/><text x="{}" y="{}">{}</text>"#,
            lx + 24.0,
            series.color,
            lx + 30.0,
            ly + 4.0,
            series.name
        );
    }
    s.push_str("</svg>\n");
    s
}

const COLORS: [&str; 8] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
];

/// A time read from a byte row.
type Metric = fn(&ByteRow) -> f64;

/// Nanoseconds per node (time over n - 1 inner nodes) against leaf count, log-log.
fn scaling_svg(report: &Report) -> String {
    let mut series = Vec::new();
    for (hi, hash) in ["sha3-256", "sha256"].into_iter().enumerate() {
        let rows: Vec<&ByteRow> = report.byte.iter().filter(|r| r.hash == hash).collect();
        let per = |f: fn(&ByteRow) -> f64| -> Vec<(f64, f64)> {
            rows.iter()
                .map(|r| (r.leaves as f64, f(r) * 1e6 / (r.leaves.max(2) - 1) as f64))
                .collect()
        };
        let lines: [(&str, Metric, bool); 4] = [
            ("raw loop 1t", |r| r.raw_1t_ms, true),
            ("merklab 1t", |r| r.merklab_serial_ms, false),
            ("merklab 2t", |r| r.merklab_parallel_ms, false),
            ("rs_merkle 1t", |r| r.rs_merkle_ms, false),
        ];
        for (li, (name, f, dashed)) in lines.into_iter().enumerate() {
            series.push(Series {
                name: format!("{hash} {name}"),
                color: COLORS[(hi * 4 + li) % COLORS.len()],
                dashed: dashed || hi == 1 && li == 0,
                points: per(f),
            });
        }
    }
    line_chart(
        "Binary tree build: nanoseconds per inner node (byte hashes)",
        "ns per node (log)",
        true,
        &series,
    )
}

/// Speed-up of 2 threads over 1 against leaf count, merklab and the peers that run in parallel.
fn parallel_svg(report: &Report) -> String {
    let mut series = Vec::new();
    for (i, hash) in ["sha3-256", "sha256"].into_iter().enumerate() {
        series.push(Series {
            name: format!("merklab {hash}"),
            color: COLORS[i],
            dashed: false,
            points: report
                .byte
                .iter()
                .filter(|r| r.hash == hash)
                .map(|r| (r.leaves as f64, r.merklab_serial_ms / r.merklab_parallel_ms))
                .collect(),
        });
    }
    for (i, hash) in ["poseidon", "bhp"].into_iter().enumerate() {
        let rows: Vec<&FieldRow> = report.field.iter().filter(|r| r.hash == hash).collect();
        series.push(Series {
            name: format!("merklab {hash}"),
            color: COLORS[2 + i],
            dashed: false,
            points: rows
                .iter()
                .map(|r| (r.leaves as f64, r.merklab_1t_ms / r.merklab_2t_ms))
                .collect(),
        });
        series.push(Series {
            name: format!("snarkVM {hash}"),
            color: COLORS[2 + i],
            dashed: true,
            points: rows
                .iter()
                .map(|r| (r.leaves as f64, r.snarkvm_1t_ms / r.snarkvm_2t_ms))
                .collect(),
        });
    }
    line_chart(
        "Speed-up of 2 threads over 1 (tree build)",
        "speed-up (1-thread time / 2-thread time)",
        false,
        &series,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_targets() {
        assert!(ratio("a".into(), 1, 1.1, "<= 1.15").met);
        assert!(!ratio("a".into(), 1, 1.2, "<= 1.15").met);
        assert!(ratio("a".into(), 1, 3.0, ">= 3").met);
        assert!(!ratio("a".into(), 1, 1.0, "> 1").met);
    }

    #[test]
    fn rs_sha3_is_sha3_256() {
        // FIPS 202 SHA3-256 of the empty string.
        assert_eq!(
            hex::encode(<RsSha3 as rs_merkle::Hasher>::hash(b"")),
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
        );
    }
}
