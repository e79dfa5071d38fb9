//! `merklab compare --hybrid`: for one leaf count and one proof system, every split of
//! a hybrid tree (a byte hash below, the system's field hash above) with its native
//! build time and the constraints of one path, and which splits no other beats on both.
//!
//! Over BN254 the upper hash is circom's Poseidon and the lift its byte-leaf hash
//! (`merklab_r1cs::lift`). Each row's path is synthesized whole by arkworks
//! (`merklab_r1cs::hybrid_path_cost`): the byte gadget's levels, the lift, Poseidon's
//! levels, the selections and the root. The two ends are the plain trees:
//! `poseidon-bn254 only` (field leaves, no lift) and `LOWER only` (no field level).

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use indicatif::{ProgressBar, ProgressStyle};
use merklab_bn254::{Bn254Digest, BytesLeaf, CircomPoseidon};
use merklab_core::hybrid::{Hybrid, HybridCompression, LiftBytes};
use merklab_core::{with_arity, ByteDigest, Compression, Digest, MerkleTree, Policy};
use merklab_hashes::{AnyByteHash, HashName};
use merklab_names::{HashId, HashKind};
use merklab_r1cs::{hybrid_path_cost, lift_cost, missing_gadget, path_cost, R1csHash};
use serde::Serialize;

use merklab_bench::compare::{depth_for, field_bn254};
use merklab_bench::splitmix;

use super::group_digits;

/// What `--hybrid` measures.
pub struct Plan {
    /// Byte hashes below the split (empty: every byte hash).
    pub hashes: Vec<String>,
    /// Arities.
    pub arities: Vec<usize>,
    /// Leaves of the measured tree.
    pub leaves: u64,
    /// The proof system.
    pub system: String,
    /// JSON instead of a table.
    pub json: bool,
}

/// The hash above the split over BN254.
const UPPER: HashId = HashId::PoseidonBn254;

/// One split of one byte hash at one arity.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The byte hash below the split (none for the field-only tree).
    pub lower: Option<String>,
    /// `LOWER@0..K,UPPER`, or `NAME only` for the plain trees at the two ends.
    pub tree: String,
    /// Children per node.
    pub arity: usize,
    /// Tree depth, ceil(log_k N).
    pub depth: usize,
    /// The first level of field digests (0: field only; depth + 1: byte only).
    pub split: usize,
    /// Byte-hash compressions on a path.
    pub byte_levels: usize,
    /// Field-hash compressions on a path.
    pub field_levels: usize,
    /// Time to build the tree from its leaf digests, in milliseconds (best of three).
    pub build_ms: f64,
    /// Constraints of one path, leaf digest given (None: no gadget for the byte hash).
    pub constraints_per_path: Option<u64>,
    /// No other row builds faster and costs fewer constraints per path.
    pub pareto: bool,
    /// Why the constraints are missing, if they are.
    pub note: Option<String>,
}

/// The whole report.
#[derive(Debug, Serialize)]
struct Report {
    system: &'static str,
    upper: &'static str,
    library: &'static str,
    leaves: u64,
    lift_constraints: u64,
    rows: Vec<Row>,
}

/// Runs `merklab compare --hybrid`.
pub fn run(plan: Plan) -> Result<()> {
    match plan.system.as_str() {
        "bn254" => {}
        "aleo" => bail!(
            "--system aleo: no hybrid trees over Aleo's field yet (no lift into it and no Aleo field family for tree builds); use --system bn254"
        ),
        other => bail!("unknown system '{other}' (expected bn254)"),
    }
    let lowers: Vec<HashName> = if plan.hashes.is_empty() {
        HashName::ALL.to_vec()
    } else {
        plan.hashes
            .iter()
            .map(|h| {
                let id = HashId::parse_among(h, |k| k == HashKind::Byte)
                    .with_context(|| "--hybrid takes byte hashes for the levels below the split")?;
                HashName::from_id(id).with_context(|| format!("{id} is not a byte hash"))
            })
            .collect::<Result<_>>()?
    };
    let n = usize::try_from(plan.leaves).context("leaf count")?;
    for &k in &plan.arities {
        if !(2..=merklab_bn254::MAX_ARITY).contains(&k) {
            bail!(
                "arity {k}: circom's Poseidon takes 2 to {}",
                merklab_bn254::MAX_ARITY
            );
        }
    }
    let total: usize = plan
        .arities
        .iter()
        .map(|&k| 1 + lowers.len() * (depth_for(plan.leaves, k) + 1))
        .sum();
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut rows = Vec::new();
    for &k in &plan.arities {
        let depth = depth_for(plan.leaves, k);
        bar.set_message(format!("{UPPER}, arity {k}"));
        rows.push(row(None, k, depth, 0, n)?);
        bar.inc(1);
        for &lower in &lowers {
            for split in 1..=depth + 1 {
                bar.set_message(format!("{lower}, arity {k}, split {split}"));
                rows.push(row(Some(lower), k, depth, split, n)?);
                bar.inc(1);
            }
        }
    }
    bar.finish_and_clear();
    mark_pareto(&mut rows);
    let report = Report {
        system: "bn254",
        upper: UPPER.name(),
        library: merklab_r1cs::LIBRARY,
        leaves: plan.leaves,
        lift_constraints: lift_cost()?.constraints,
        rows,
    };
    if plan.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}", table(&report));
        let mut notes: Vec<String> = report
            .rows
            .iter()
            .filter_map(|r| Some(format!("{}: {}", r.lower.as_deref()?, r.note.as_deref()?)))
            .collect();
        notes.dedup();
        for note in notes {
            println!("n/a {note}");
        }
        println!(
            "BN254 counts synthesized by {}; the lift costs {} constraints; * = Pareto-optimal (build time, constraints per path)",
            report.library,
            group_digits(report.lift_constraints)
        );
    }
    Ok(())
}

fn row(lower: Option<HashName>, k: usize, depth: usize, split: usize, n: usize) -> Result<Row> {
    let tree = match (lower, split) {
        (None, _) => format!("{UPPER} only"),
        (Some(lower), s) if s > depth => format!("{lower} only"),
        (Some(lower), s) => format!("{lower}@0..{s},{UPPER}"),
    };
    let build =
        with_arity!(k, K => build_time::<K>(lower, split, depth, n), _ => bail!("arity {k}"))?;
    let (constraints, note) = match circuit(lower, k, depth, split) {
        Ok(c) => (Some(c), None),
        Err(why) => (None, Some(why)),
    };
    Ok(Row {
        lower: lower.map(|l| l.to_string()),
        tree,
        arity: k,
        depth,
        split,
        byte_levels: split.saturating_sub(1).min(depth),
        field_levels: if split == 0 {
            depth
        } else {
            (depth + 1).saturating_sub(split)
        },
        build_ms: build.as_secs_f64() * 1e3,
        constraints_per_path: constraints,
        pareto: false,
        note,
    })
}

/// Constraints of one path, or why there is no count.
fn circuit(lower: Option<HashName>, k: usize, depth: usize, split: usize) -> Result<u64, String> {
    let Some(lower) = lower else {
        return path_cost(R1csHash::PoseidonBn254, k, depth)
            .map(|c| c.constraints)
            .map_err(|e| e.to_string());
    };
    let gadget = R1csHash::from_id(lower.id()).ok_or_else(|| {
        missing_gadget(lower.id())
            .unwrap_or("no BN254 gadget")
            .to_string()
    })?;
    let cost = if split > depth {
        path_cost(gadget, k, depth)
    } else {
        hybrid_path_cost(gadget, k, depth, split)
    };
    cost.map(|c| c.constraints).map_err(|e| e.to_string())
}

/// Pseudo-random 32-byte leaf digests.
fn byte_leaves(n: usize) -> Vec<ByteDigest<32>> {
    (0..n as u64)
        .map(|i| {
            let mut d = [0u8; 32];
            for (j, chunk) in d.chunks_mut(8).enumerate() {
                chunk.copy_from_slice(&splitmix(i * 4 + j as u64).to_le_bytes());
            }
            ByteDigest(d)
        })
        .collect()
}

/// The best of three builds from the leaf digests.
fn best_of_three<D: Digest, C: Compression<K, Digest = D>, const K: usize>(
    c: &C,
    leaves: Vec<D>,
) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let input = leaves.clone();
        let start = Instant::now();
        let tree =
            MerkleTree::<D, K>::build(c, Policy::new(), input).context("building the tree")?;
        best = best.min(start.elapsed());
        std::hint::black_box(tree.root());
    }
    Ok(best)
}

fn build_time<const K: usize>(
    lower: Option<HashName>,
    split: usize,
    depth: usize,
    n: usize,
) -> Result<Duration> {
    let Some(lower) = lower else {
        let leaves = (0..n as u64)
            .map(|i| Bn254Digest(field_bn254(splitmix(i), i)))
            .collect();
        return best_of_three::<_, _, K>(&CircomPoseidon::<K>::new()?, leaves);
    };
    let bytes = AnyByteHash::new(lower, merklab_core::DomainTags::None);
    if split > depth {
        return best_of_three::<_, _, K>(&bytes, byte_leaves(n));
    }
    let c = HybridCompression::new(
        bytes,
        CircomPoseidon::<K>::new()?,
        LiftBytes(BytesLeaf),
        u32::try_from(split).context("split")?,
    )?;
    let leaves: Vec<Hybrid<ByteDigest<32>, Bn254Digest>> = byte_leaves(n)
        .into_iter()
        .map(|digest| Hybrid::Lower { level: 0, digest })
        .collect();
    best_of_three::<_, _, K>(&c, leaves)
}

/// Marks the rows with a count that no other row beats on both build time and
/// constraints (at least as good on both, better on one).
fn mark_pareto(rows: &mut [Row]) {
    let points: Vec<Option<(f64, u64)>> = rows
        .iter()
        .map(|r| r.constraints_per_path.map(|c| (r.build_ms, c)))
        .collect();
    for (row, point) in rows.iter_mut().zip(&points) {
        let Some((t, c)) = *point else { continue };
        row.pareto = !points
            .iter()
            .flatten()
            .any(|&(t2, c2)| t2 <= t && c2 <= c && (t2 < t || c2 < c));
    }
}

fn table(report: &Report) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "tree".to_string(),
        "k".to_string(),
        "depth".to_string(),
        "byte levels".to_string(),
        "field levels".to_string(),
        format!("build {} leaves (ms)", report.leaves),
        "BN254 constraints/path".to_string(),
        "Pareto".to_string(),
    ]);
    for r in &report.rows {
        t.add_row(vec![
            r.tree.clone(),
            r.arity.to_string(),
            r.depth.to_string(),
            r.byte_levels.to_string(),
            r.field_levels.to_string(),
            format!("{:.2}", r.build_ms),
            r.constraints_per_path
                .map_or_else(|| "n/a".to_string(), group_digits),
            if r.pareto {
                "*".to_string()
            } else {
                String::new()
            },
        ]);
    }
    t
}
