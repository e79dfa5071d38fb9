//! The rows of `merklab compare`: native cost and circuit cost of every hash choice,
//! side by side, for the command line and the Python package alike.
//!
//! Native numbers are measured here (wall clock, this machine). Circuit numbers
//! are synthesized with `snarkvm-circuit` through `merklab-circuit`: one node
//! compression, and paths of depth 1 and 2; the path at depth d is then
//! `path(1) + (d - 1) * (path(2) - path(1))`, which the circuit crate's tests
//! check against direct synthesis at depth 32. Counts are memoized per run.
//! BN254 counts are synthesized with arkworks through `merklab-r1cs`, at the path's
//! own depth.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use merklab_aleo::family::FieldHashName;
use merklab_aleo::{field_from_u128, Arc0102Merge, FieldDigest};
use merklab_bn254::{Bn254Digest, Bn254HashName, CircomPoseidon};
use merklab_circuit::{node_cost, path_cost, Backend, CircuitError, PathMode};
use merklab_core::{with_arity, BinaryCodec, ByteDigest, Compression, MerkleTree, Policy};
use merklab_hashes::{with_hasher, ByteHash, HashName};
use merklab_miden::{MidenHashName, WordDigest};
use merklab_names::{HashId, HashKind, UnknownHash};
use merklab_plonky3::{
    BabyBear, Bn254Element, Digest8, KoalaBear, Plonky3HashName, Poseidon2Bn254, Poseidon2Compress,
    SmallField,
};
use serde::Serialize;
use thiserror::Error;

use crate::inputs::splitmix;

/// Why a comparison could not be made.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum CompareError {
    /// A name that is no hash `compare` knows.
    #[error(transparent)]
    UnknownHash(#[from] UnknownHash),
    /// A registry hash without a tree backend.
    #[error("{0} has no tree backend")]
    NoBackend(HashId),
    /// An arity outside 2 to 16.
    #[error("arity {0} is outside 2 to 16")]
    Arity(usize),
    /// No (hash, arity) pair of the request can be built.
    #[error("nothing to compare (arc0102 and poseidon2-* need arity 2, poseidon-bn254 at most {max})", max = merklab_bn254::MAX_ARITY)]
    Nothing,
    /// A native measurement failed.
    #[error("{0}")]
    Measure(String),
}

/// Every hash `compare` knows, in registry order: those that compress nodes
/// (Pedersen hashes leaves only).
pub fn compared_hashes() -> impl Iterator<Item = HashId> {
    HashId::filtered(HashKind::compresses)
}

/// One row of the comparison.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Hash name.
    pub hash: String,
    /// How leaf values become hash input.
    pub encoder: &'static str,
    /// Children per node.
    pub arity: usize,
    /// Digest size in bits.
    pub digest_bits: u32,
    /// Native time of one node compression, in nanoseconds.
    pub native_ns_per_node: f64,
    /// Time to build the tree over `leaves` leaf digests, in milliseconds.
    pub tree_build_ms: f64,
    /// Binary size of one inclusion proof (`BinaryCodec`), in bytes.
    pub proof_bytes: usize,
    /// Tree depth, ceil(log_k N).
    pub depth: usize,
    /// R1CS constraints of one node compression (None: no Aleo circuit).
    pub constraints_per_node: Option<u64>,
    /// R1CS constraints of verifying one path at `depth`, sibling selection included.
    pub constraints_per_path: Option<u64>,
    /// Why circuit counts are missing, if they are.
    pub circuit_note: Option<String>,
    /// R1CS constraints of one node compression over BN254 (arkworks; None: no gadget).
    pub bn254_constraints_per_node: Option<u64>,
    /// R1CS constraints over BN254 of verifying one path at `depth`, selection included.
    pub bn254_constraints_per_path: Option<u64>,
    /// Why BN254 counts are missing, if they are.
    pub bn254_note: Option<String>,
    /// Collision security in bits.
    pub collision_bits: u32,
}

#[derive(Clone, Copy)]
enum Kind {
    Bytes(HashName),
    Field(FieldHashName),
    Arc(bool),
    Bn254(Bn254HashName),
    Plonky3(Plonky3HashName),
    Miden(MidenHashName),
}

impl Kind {
    /// The registry entry.
    fn id(self) -> HashId {
        match self {
            Kind::Bytes(h) => h.id(),
            Kind::Field(h) => h.id(),
            Kind::Arc(false) => HashId::Arc0102,
            Kind::Arc(true) => HashId::Arc0102Swap,
            Kind::Bn254(h) => h.id(),
            Kind::Plonky3(h) => h.id(),
            Kind::Miden(h) => h.id(),
        }
    }
}

fn kind_of(name: &str) -> Result<Kind, CompareError> {
    let id = HashId::parse_among(name, HashKind::compresses)?;
    let kind = match id.kind() {
        HashKind::Byte => HashName::from_id(id).map(Kind::Bytes),
        HashKind::AleoField => FieldHashName::from_id(id).map(Kind::Field),
        HashKind::Arc0102 => Some(Kind::Arc(id == HashId::Arc0102Swap)),
        HashKind::AleoLeaf => None,
        HashKind::Bn254Field => Bn254HashName::from_id(id).map(Kind::Bn254),
        HashKind::Plonky3Field => Plonky3HashName::from_id(id).map(Kind::Plonky3),
        HashKind::MidenField => MidenHashName::from_id(id).map(Kind::Miden),
    };
    kind.ok_or(CompareError::NoBackend(id))
}

fn circuit_backend(kind: Kind) -> Option<Backend> {
    Backend::from_id(kind.id())
}

/// ceil(log_k n): the depth of a tree of `n` leaves and arity `k`.
pub fn depth_for(n: u64, k: usize) -> usize {
    let mut depth = 0;
    let mut width = n;
    while width > 1 {
        width = width.div_ceil(k as u64);
        depth += 1;
    }
    depth
}

/// Native measurements of one compression at arity `K` over `n` leaves.
struct Native {
    ns_per_node: f64,
    build: Duration,
    proof_bytes: usize,
}

fn measure_native<C, const K: usize>(c: &C, leaves: Vec<C::Digest>) -> Result<Native, CompareError>
where
    C: Compression<K>,
{
    if leaves.is_empty() {
        return Err(CompareError::Measure("no leaves to measure".into()));
    }
    let children: [C::Digest; K] = std::array::from_fn(|i| leaves[i % leaves.len()]);
    // One untimed call first: snarkVM builds its hash parameters lazily on first use.
    std::hint::black_box(c.compress(&children));
    // Repeat until 100 ms or 10,000 calls, at least 3 calls.
    let start = Instant::now();
    let mut calls = 0u32;
    let mut sink = children[0];
    while calls < 3 || (start.elapsed() < Duration::from_millis(100) && calls < 10_000) {
        sink = c.compress(&children);
        calls += 1;
    }
    std::hint::black_box(sink);
    let ns_per_node = start.elapsed().as_nanos() as f64 / f64::from(calls);
    let start = Instant::now();
    let tree = MerkleTree::<C::Digest, K>::build(c, Policy::new(), leaves)
        .map_err(|e| CompareError::Measure(format!("building the tree: {e}")))?;
    let build = start.elapsed();
    let proof_bytes = tree
        .prove(0)
        .map_err(|e| CompareError::Measure(format!("proving leaf 0: {e}")))?
        .to_binary()
        .len();
    Ok(Native {
        ns_per_node,
        build,
        proof_bytes,
    })
}

fn native(kind: Kind, k: usize, n: u64) -> Result<Native, CompareError> {
    let n = usize::try_from(n).map_err(|e| CompareError::Measure(format!("leaf count: {e}")))?;
    with_arity!(k, K => match kind {
        Kind::Bytes(name) => {
            let leaves: Vec<ByteDigest<32>> = (0..n as u64)
                .map(|i| {
                    let mut d = [0u8; 32];
                    for (j, chunk) in d.chunks_mut(8).enumerate() {
                        chunk.copy_from_slice(&splitmix(i * 4 + j as u64).to_le_bytes());
                    }
                    ByteDigest(d)
                })
                .collect();
            with_hasher!(name, H => measure_native::<_, K>(&ByteHash::<H>::untagged(), leaves))
        }
        Kind::Field(name) => {
            let leaves: Vec<FieldDigest> =
                (0..n as u64).map(|i| FieldDigest(field_from_u128(u128::from(splitmix(i)) << 64 | u128::from(i)))).collect();
            measure_native::<_, K>(&name.compression(merklab_core::DomainTags::None), leaves)
        }
        Kind::Bn254(_) => {
            let leaves: Vec<Bn254Digest> = (0..n as u64)
                .map(|i| Bn254Digest(field_bn254(splitmix(i), i)))
                .collect();
            measure_native::<_, K>(&CircomPoseidon::<K>::new().map_err(|e| CompareError::Measure(e.to_string()))?, leaves)
        }
        Kind::Plonky3(name) => {
            if K != 2 {
                return Err(CompareError::Measure(format!("{name} is binary only")));
            }
            match name {
                Plonky3HashName::Poseidon2BabyBear => measure_native::<_, 2>(&Poseidon2Compress::<BabyBear>::new(), small_field_leaves(n)?),
                Plonky3HashName::Poseidon2KoalaBear => measure_native::<_, 2>(&Poseidon2Compress::<KoalaBear>::new(), small_field_leaves(n)?),
                Plonky3HashName::Poseidon2Bn254 => {
                    let leaves = (0..n as u64).map(|i| Bn254Element::from_u64(splitmix(i))).collect();
                    measure_native::<_, 2>(&Poseidon2Bn254, leaves)
                }
            }
        }
        Kind::Miden(name) => {
            let leaves: Vec<WordDigest> = (0..n as u64)
                .map(|i| miden_word(splitmix(i), i))
                .collect();
            measure_native::<_, K>(&name.hash(), leaves)
        }
        Kind::Arc(_) => {
            if K != 2 {
                return Err(CompareError::Measure("arc0102 is binary only".into()));
            }
            let leaves: Vec<u64> = (0..n as u64).map(|i| splitmix(i) | 1).collect();
            measure_native::<_, K>(&ArcAny, leaves)
        }
    }, _ => Err(CompareError::Arity(k)))
}

/// A BN254 field element of 128 bits from two words.
pub fn field_bn254(high: u64, low: u64) -> merklab_bn254::Fr {
    merklab_bn254::Fr::from(u128::from(high) << 64 | u128::from(low))
}

/// `n` digests of eight pseudo-random elements each.
fn small_field_leaves<F: SmallField>(n: usize) -> Result<Vec<Digest8<F>>, CompareError> {
    (0..n as u64)
        .map(|i| {
            // 30 bits: below both moduli.
            let values = std::array::from_fn(|j| (splitmix(i * 8 + j as u64) >> 34) as u32);
            Digest8::from_u32s(values).map_err(|e| CompareError::Measure(e.to_string()))
        })
        .collect()
}

/// A Goldilocks word of two 32-bit halves of `high` and `low`, below the modulus.
fn miden_word(high: u64, low: u64) -> WordDigest {
    let half = |v: u64| v & 0xffff_ffff;
    WordDigest::from_u64s([half(low), half(high), low >> 32, high >> 32])
        .expect("32-bit values are below the Goldilocks modulus")
}

/// ARC-0102's merge at any const arity (only ever used at arity 2).
struct ArcAny;

impl<const K: usize> Compression<K> for ArcAny {
    type Digest = u64;
    fn compress(&self, children: &[u64; K]) -> u64 {
        Compression::<K>::compress_short_group(self, children)
    }
    /// Merges left to right: `hashMerge` at arity 2.
    fn compress_short_group(&self, children: &[u64]) -> u64 {
        Compression::<2>::compress_short_group(&Arc0102Merge::new(), children)
    }
}

/// Synthesized Aleo circuit counts, memoized per (backend, arity), so a run synthesizes
/// each circuit once.
#[derive(Default)]
pub struct CircuitCache {
    node: HashMap<(Backend, usize), Result<u64, CircuitError>>,
    path: HashMap<(Backend, usize), Result<(u64, u64), CircuitError>>,
}

impl CircuitCache {
    /// Constraints of one node compression.
    pub fn node(&mut self, b: Backend, k: usize) -> Result<u64, CircuitError> {
        self.node
            .entry((b, k))
            .or_insert_with(|| node_cost(b, k).map(|c| c.constraints))
            .clone()
    }

    /// (path at depth 1, per-level delta).
    pub fn path(&mut self, b: Backend, k: usize) -> Result<(u64, u64), CircuitError> {
        self.path
            .entry((b, k))
            .or_insert_with(|| {
                let mode = if matches!(b, Backend::Arc0102 | Backend::Arc0102Swap) {
                    PathMode::Sorted
                } else {
                    PathMode::Positional
                };
                let one = path_cost(b, k, 1, mode)?.constraints;
                let two = path_cost(b, k, 2, mode)?.constraints;
                Ok((one, two.saturating_sub(one)))
            })
            .clone()
    }
}

fn digest_bits(kind: Kind) -> u32 {
    match kind {
        Kind::Bytes(_) => 256,
        Kind::Field(_) => 253,
        Kind::Arc(_) => 64,
        Kind::Bn254(_) => 254,
        Kind::Plonky3(Plonky3HashName::Poseidon2Bn254) => 254,
        // Eight elements of 31 bits.
        Kind::Plonky3(_) => 248,
        Kind::Miden(_) => 256,
    }
}

/// Collision security: half the digest bits, capped by the hash's own level
/// (128 for the 256-bit byte hashes; BHP and Poseidon on Aleo's ~253-bit field: 126;
/// BN254's scalar field has about 2^253.6 elements: 126; Miden's hashes: 128, as
/// miden-crypto states for its four-element digests).
fn collision_bits(kind: Kind) -> u32 {
    match kind {
        Kind::Bytes(_) => 128,
        Kind::Field(_) | Kind::Bn254(_) => 126,
        Kind::Arc(_) => 32,
        // A width-16 Poseidon2 over a 31-bit field targets 128 bits; BN254 at t = 3 has
        // one element of capacity, so about 127.
        Kind::Plonky3(Plonky3HashName::Poseidon2Bn254) => 126,
        Kind::Plonky3(_) => 124,
        Kind::Miden(_) => 128,
    }
}

fn encoder(kind: Kind) -> &'static str {
    match kind {
        Kind::Bytes(_) => "raw bytes",
        Kind::Field(_) => "packed bytes (to field)",
        Kind::Arc(_) => "encodeToF",
        Kind::Bn254(_) => "31-byte chunks + length (to field)",
        Kind::Plonky3(Plonky3HashName::Poseidon2Bn254) => "length + 31-byte LE chunks (to field)",
        Kind::Plonky3(_) => "length + 3-byte LE limbs (to field)",
        Kind::Miden(_) => "7-byte chunks + 1 marker (to Goldilocks)",
    }
}

/// BN254 R1CS counts of one node and one path at `depth` (arkworks), or why there are none.
fn bn254_counts(id: HashId, k: usize, depth: usize) -> (Option<u64>, Option<u64>, Option<String>) {
    let Some(hash) = merklab_r1cs::R1csHash::from_id(id) else {
        return (
            None,
            None,
            merklab_r1cs::missing_gadget(id).map(str::to_string),
        );
    };
    let node = merklab_r1cs::node_cost(hash, k);
    let path = merklab_r1cs::path_cost(hash, k, depth.max(1));
    let note = match (&node, &path) {
        (Err(e), _) | (_, Err(e)) => Some(e.to_string()),
        _ => None,
    };
    (
        node.ok().map(|c| c.constraints),
        path.ok().map(|c| c.constraints),
        note,
    )
}

/// The (hash, kind, arity) pairs a request covers, in order: ARC-0102 and Plonky3's
/// truncated permutations only at arity 2, circom's Poseidon up to its largest width.
fn plan(hashes: &[String], arities: &[usize]) -> Result<Vec<(String, Kind, usize)>, CompareError> {
    let hashes: Vec<String> = if hashes.is_empty() {
        compared_hashes().map(|h| h.name().to_string()).collect()
    } else {
        hashes.to_vec()
    };
    let mut plan = Vec::new();
    for name in &hashes {
        let kind = kind_of(name)?;
        for &k in arities {
            if !(2..=16).contains(&k) {
                return Err(CompareError::Arity(k));
            }
            if matches!(kind, Kind::Arc(_) | Kind::Plonky3(_)) && k != 2 {
                continue; // ARC-0102 and Plonky3's truncated permutations merge pairs only.
            }
            if matches!(kind, Kind::Bn254(_)) && k > merklab_bn254::MAX_ARITY {
                continue; // light-poseidon's parameters stop at 12 inputs.
            }
            plan.push((name.clone(), kind, k));
        }
    }
    if plan.is_empty() {
        return Err(CompareError::Nothing);
    }
    Ok(plan)
}

/// How many rows [`rows`] will compute for `hashes` (empty: every hash) and `arities`.
pub fn row_count(hashes: &[String], arities: &[usize]) -> Result<usize, CompareError> {
    Ok(plan(hashes, arities)?.len())
}

/// Measures every row of `hashes` (empty: every hash `compare` knows) at each of
/// `arities` over a tree of `leaves` leaves; `progress` hears each row's label before
/// it is measured.
pub fn rows(
    hashes: &[String],
    arities: &[usize],
    leaves: u64,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<Row>, CompareError> {
    let mut cache = CircuitCache::default();
    let mut rows = Vec::new();
    for (name, kind, k) in plan(hashes, arities)? {
        progress(&format!("{name}, arity {k}"));
        let nat = native(kind, k, leaves)?;
        let depth = depth_for(leaves, k);
        let (node, path, note) = match circuit_backend(kind) {
            None if matches!(kind, Kind::Plonky3(_)) => (
                None,
                None,
                Some("a Plonky3 (STARK) hash; counts here are of Aleo R1CS circuits".to_string()),
            ),
            None if matches!(kind, Kind::Bn254(_)) => (
                None,
                None,
                Some("a BN254 (circom) circuit; counts here are of Aleo circuits".to_string()),
            ),
            None if matches!(kind, Kind::Miden(_)) => (
                None,
                None,
                Some(
                    "a Goldilocks hash, proven in Miden's STARK (AIR), not in R1CS; counts here are of Aleo circuits"
                        .to_string(),
                ),
            ),
            None => (
                None,
                None,
                Some("not available in Aleo circuits".to_string()),
            ),
            Some(b) => {
                let node = cache.node(b, k);
                let path = if k.is_power_of_two() {
                    cache.path(b, k)
                } else {
                    Err(CircuitError::Arity(k, "a power of two"))
                };
                let note = match (&node, &path) {
                    (Err(e), _) | (_, Err(e)) => Some(e.to_string()),
                    _ => None,
                };
                let path = path
                    .ok()
                    .map(|(one, delta)| one + delta * (depth.max(1) as u64 - 1));
                (node.ok(), path, note)
            }
        };
        let (bn254_node, bn254_path, bn254_note) = bn254_counts(kind.id(), k, depth);
        rows.push(Row {
            hash: name,
            encoder: encoder(kind),
            arity: k,
            digest_bits: digest_bits(kind),
            native_ns_per_node: nat.ns_per_node,
            tree_build_ms: nat.build.as_secs_f64() * 1e3,
            proof_bytes: nat.proof_bytes,
            depth,
            constraints_per_node: node,
            constraints_per_path: path,
            circuit_note: note,
            bn254_constraints_per_node: bn254_node,
            bn254_constraints_per_path: bn254_path,
            bn254_note,
            collision_bits: collision_bits(kind),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_ceil_log() {
        assert_eq!(depth_for(65536, 2), 16);
        assert_eq!(depth_for(65536, 4), 8);
        assert_eq!(depth_for(65536, 8), 6);
        assert_eq!(depth_for(65537, 2), 17);
        assert_eq!(depth_for(2, 8), 1);
    }
}
