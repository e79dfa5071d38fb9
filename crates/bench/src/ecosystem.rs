//! Each zk ecosystem's tree on both sides: merklab's profile of it beside that
//! ecosystem's own implementation, over the same leaves, after checking the roots agree.
//!
//! - `lean-imt` (circom Poseidon over BN254) against the same binary tree hashed level
//!   by level with `light-poseidon`, the crate whose parameters merklab uses (a power of
//!   two of leaves, where the two layouts agree).
//! - `plonky3-mmcs` against `p3-merkle-tree`'s `MerkleTreeMmcs` in Plonky3's example
//!   configuration (width-16 Poseidon2 over BabyBear, 8-element rows).
//! - `miden` against miden-crypto's `MerkleTree` (Poseidon2 over Goldilocks).

use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_bn254::{Bn254Digest, Fr};
use merklab_miden::{Felt, Word, WordDigest, MODULUS};
use merklab_plonky3::BabyBear;
use merklab_profiles::lean_imt::LeanImt;
use merklab_profiles::miden::Miden;
use merklab_profiles::plonky3_mmcs::Plonky3Mmcs;
use merklab_profiles::Layout;
use p3_baby_bear::{default_babybear_poseidon2_16, Poseidon2BabyBear};
use p3_commit::Mmcs;
use p3_field::{Field, PrimeCharacteristicRing};
use p3_matrix::dense::RowMajorMatrix;
use p3_merkle_tree::MerkleTreeMmcs;
use p3_symmetric::{PaddingFreeSponge, TruncatedPermutation};
use serde::Serialize;

use crate::inputs::{pool, splitmix};
use crate::timing::median_ms;
use crate::BenchError;

/// One ecosystem tree measured on both sides (milliseconds, medians).
#[derive(Clone, Debug, Serialize)]
pub struct EcosystemRow {
    /// merklab's profile.
    pub profile: &'static str,
    /// The ecosystem's own implementation.
    pub peer: &'static str,
    /// Leaves (rows for `plonky3-mmcs`).
    pub leaves: u64,
    /// merklab on a 1-thread pool.
    pub merklab_1t_ms: f64,
    /// merklab on a 2-thread pool.
    pub merklab_2t_ms: f64,
    /// The peer on a 1-thread pool.
    pub peer_1t_ms: f64,
    /// The peer on a 2-thread pool (the same as one thread where it is serial).
    pub peer_2t_ms: f64,
}

/// Times `ours` and `theirs` on a 1- and a 2-thread pool; `theirs` takes a fresh input
/// from `setup` each run, outside the clock.
fn pair<S>(
    runs: u32,
    ours: impl Fn() + Sync,
    setup: impl Fn() -> S + Sync,
    theirs: impl Fn(S) + Sync,
) -> Result<[f64; 4], BenchError> {
    let (one, two) = (pool(1)?, pool(2)?);
    let mine = |p: &rayon::ThreadPool| p.install(|| median_ms(runs, || (), |()| ours()));
    let peer = |p: &rayon::ThreadPool| p.install(|| median_ms(runs, &setup, &theirs));
    Ok([mine(&one), mine(&two), peer(&one), peer(&two)])
}

fn row(profile: &'static str, peer: &'static str, n: usize, t: [f64; 4]) -> EcosystemRow {
    EcosystemRow {
        profile,
        peer,
        leaves: n as u64,
        merklab_1t_ms: t[0],
        merklab_2t_ms: t[1],
        peer_1t_ms: t[2],
        peer_2t_ms: t[3],
    }
}

fn mismatch(profile: &'static str, peer: &'static str, theirs: String, ours: String) -> BenchError {
    BenchError::RootMismatch {
        hash: profile,
        peer,
        theirs,
        ours,
    }
}

/// `n` BN254 elements below 2^253, spread over the field.
pub fn bn254_leaves(n: usize) -> Vec<Fr> {
    (0..n as u64)
        .map(|i| {
            let mut limbs: [u64; 4] = std::array::from_fn(|j| splitmix(4 * i + j as u64));
            limbs[3] >>= 3;
            Fr::from(ark_ff::BigInt::new(limbs))
        })
        .collect()
}

/// The binary tree's root, level by level with one `light-poseidon` hasher: the
/// `lean-imt` peer (a power of two of leaves).
pub fn light_root(leaves: &[Fr]) -> Result<Fr, BenchError> {
    let peer_error = |e: light_poseidon::PoseidonError| BenchError::Peer {
        peer: "light-poseidon",
        source: Box::new(e),
    };
    let mut hasher = Poseidon::<Fr>::new_circom(2).map_err(peer_error)?;
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| hasher.hash(pair))
            .collect::<Result<_, _>>()
            .map_err(peer_error)?;
    }
    Ok(level.first().copied().unwrap_or_default())
}

/// `lean-imt` against `light-poseidon` over `n` leaves (`n` a power of two).
pub fn measure_lean_imt(n: usize, runs: u32) -> Result<EcosystemRow, BenchError> {
    const PEER: &str = "light-poseidon, level by level";
    let raw = bn254_leaves(n);
    let leaves: Vec<Bn254Digest> = raw.iter().copied().map(Bn254Digest).collect();
    let ours = LeanImt.build(&leaves)?.root();
    let theirs = Bn254Digest(light_root(&raw)?);
    if ours != theirs {
        return Err(mismatch(
            "lean-imt",
            PEER,
            theirs.to_string(),
            ours.to_string(),
        ));
    }
    let t = pair(
        runs,
        || {
            let _ = LeanImt.build(&leaves).map(|t| t.root());
        },
        || (),
        |()| {
            let _ = light_root(&raw);
        },
    )?;
    Ok(row("lean-imt", PEER, n, t))
}

type P3Perm = Poseidon2BabyBear<16>;
type P3Sponge = PaddingFreeSponge<P3Perm, 16, 8, 8>;
type P3Compress = TruncatedPermutation<P3Perm, 2, 8, 16>;
type P3Packed = <BabyBear as Field>::Packing;
/// Plonky3's `MerkleTreeMmcs` in its examples' configuration over BabyBear: the
/// `plonky3-mmcs` peer.
pub type P3Mmcs = MerkleTreeMmcs<P3Packed, P3Packed, P3Sponge, P3Compress, 2, 8>;

/// Elements per `plonky3-mmcs` row: one digest's worth.
pub const ROW_WIDTH: usize = 8;

/// The `plonky3-mmcs` peer: width-16 Poseidon2 with Plonky3's default constants.
pub fn p3_mmcs() -> P3Mmcs {
    let perm = default_babybear_poseidon2_16();
    P3Mmcs::new(P3Sponge::new(perm.clone()), P3Compress::new(perm), 0)
}

/// `n` rows of [`ROW_WIDTH`] BabyBear elements spread over the field.
pub fn babybear_rows(n: usize) -> Vec<Vec<BabyBear>> {
    (0..n as u64)
        .map(|i| {
            (0..ROW_WIDTH as u64)
                .map(|j| BabyBear::from_u32((splitmix(8 * i + j) % 2_013_265_921) as u32))
                .collect()
        })
        .collect()
}

/// `plonky3-mmcs` against Plonky3's `MerkleTreeMmcs` over `n` rows.
pub fn measure_plonky3_mmcs(n: usize, runs: u32) -> Result<EcosystemRow, BenchError> {
    const PEER: &str = "p3-merkle-tree MerkleTreeMmcs";
    let rows = babybear_rows(n);
    let matrix = RowMajorMatrix::new(rows.concat(), ROW_WIDTH);
    let p3 = p3_mmcs();
    let ours = Plonky3Mmcs.build(&rows)?.root();
    let (cap, _) = p3.commit_matrix(matrix.clone());
    let theirs = cap.as_ref().first().copied();
    if theirs != Some(ours.0) {
        return Err(mismatch(
            "plonky3-mmcs",
            PEER,
            format!("{theirs:?}"),
            format!("{:?}", ours.0),
        ));
    }
    let t = pair(
        runs,
        || {
            let _ = Plonky3Mmcs.build(&rows).map(|t| t.root());
        },
        || matrix.clone(),
        |m| {
            let _ = p3.commit_matrix(m).0;
        },
    )?;
    Ok(row("plonky3-mmcs", PEER, n, t))
}

/// `miden` against miden-crypto's `MerkleTree` over `n` words (`n` a power of two).
pub fn measure_miden(n: usize, runs: u32) -> Result<EcosystemRow, BenchError> {
    const PEER: &str = "miden-crypto MerkleTree";
    let words: Vec<Word> = (0..n as u64)
        .map(|i| {
            Word::new(std::array::from_fn(|j| {
                Felt::new(splitmix(4 * i + j as u64) % MODULUS).unwrap_or_default()
            }))
        })
        .collect();
    let leaves: Vec<WordDigest> = words.iter().copied().map(WordDigest).collect();
    let peer_error = |e: miden_crypto::merkle::MerkleError| BenchError::Peer {
        peer: PEER,
        source: Box::new(e),
    };
    let theirs = miden_crypto::merkle::MerkleTree::new(&words)
        .map_err(peer_error)?
        .root();
    let ours = Miden.build(&leaves)?.root();
    if ours != WordDigest(theirs) {
        return Err(mismatch(
            "miden",
            PEER,
            WordDigest(theirs).to_string(),
            ours.to_string(),
        ));
    }
    let t = pair(
        runs,
        || {
            let _ = Miden.build(&leaves).map(|t| t.root());
        },
        || (),
        |()| {
            let _ = miden_crypto::merkle::MerkleTree::new(&words).map(|t| t.root());
        },
    )?;
    Ok(row("miden", PEER, n, t))
}

/// Every ecosystem over `n` leaves.
pub fn measure_ecosystems(n: usize, runs: u32) -> Result<Vec<EcosystemRow>, BenchError> {
    Ok(vec![
        measure_lean_imt(n, runs)?,
        measure_plonky3_mmcs(n, runs)?,
        measure_miden(n, runs)?,
    ])
}
