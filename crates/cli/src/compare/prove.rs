//! `merklab compare --prove`: one Merkle path per hash and arity in each proof
//! system, its constraint counts and, where the system's prover runs here, its
//! setup, prove and verify times and proof size.
//!
//! BN254 rows synthesize and prove with arkworks (`merklab-r1cs`): counts at the
//! path's own depth, then Groth16 on a seeded random path. Aleo rows synthesize the
//! path at its depth with snarkVM's circuits (`merklab-circuit`) and prove it with
//! Varuna on the SRS snarkVM ships; a path that needs more of the SRS than ships says
//! so and carries its counts, never a time. Plonky3 rows prove, with Plonky3's own
//! AIRs and STARK prover (`merklab_plonky3::stark`), the permutations the path's
//! hashing takes; a STARK has no constraints, so they carry the trace's shape instead.

use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};
use merklab_circuit::varuna::{self, VarunaOutcome};
use merklab_circuit::{path_cost as aleo_path_cost, Backend, CircuitError, PathMode};
use merklab_names::{HashId, HashKind};
use merklab_plonky3::stark::{self, StarkHash};
use merklab_r1cs::groth16::prove_path;
use merklab_r1cs::{missing_gadget, node_cost, path_cost, R1csHash};
use serde::Serialize;

use super::{depth_for, group_digits, CircuitCache};

/// Where a path is proven.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    /// R1CS over BN254 with arkworks; Groth16.
    Bn254,
    /// Aleo's R1CS (snarkVM circuits); Varuna.
    Aleo,
    /// Plonky3's AIRs; its uni-STARK with FRI.
    Plonky3,
}

impl System {
    fn parse(name: &str) -> Result<Self> {
        match name {
            "bn254" => Ok(Self::Bn254),
            "aleo" => Ok(Self::Aleo),
            "plonky3" => Ok(Self::Plonky3),
            other => bail!("unknown system '{other}' (expected bn254, aleo, plonky3)"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Bn254 => "bn254",
            Self::Aleo => "aleo",
            Self::Plonky3 => "plonky3",
        }
    }

    /// The library whose synthesis and prover produced the row's numbers.
    fn library(self) -> &'static str {
        match self {
            Self::Bn254 => merklab_r1cs::LIBRARY,
            Self::Aleo => "snarkvm-circuit and snarkvm-algorithms (Varuna) 4.12.0",
            Self::Plonky3 => stark::LIBRARY,
        }
    }

    /// Whether the system's rows include a hash of this kind: its own hashes, and
    /// the byte hashes every system is asked about. Plonky3 answers for every hash,
    /// with a proof or the reason it has no AIR.
    fn covers(self, kind: HashKind) -> bool {
        if self == Self::Plonky3 {
            return true;
        }
        match kind {
            HashKind::Byte => true,
            HashKind::Bn254Field => self == Self::Bn254,
            HashKind::AleoField | HashKind::Arc0102 | HashKind::AleoLeaf => self == Self::Aleo,
            // STARK hashes: no R1CS system here proves them.
            HashKind::Plonky3Field | HashKind::MidenField => false,
        }
    }
}

/// A hash named on the command line: a registry entry or a BN254 curve CRH.
#[derive(Clone, Copy, Debug)]
enum Named {
    Registry(HashId),
    Curve(R1csHash),
}

impl Named {
    fn parse(name: &str) -> Result<Self> {
        if let Some(h) = R1csHash::ALL
            .into_iter()
            .find(|h| h.id().is_none() && h.name() == name)
        {
            return Ok(Self::Curve(h));
        }
        Ok(Self::Registry(HashId::parse_among(
            name,
            HashKind::compresses,
        )?))
    }

    fn name(self) -> &'static str {
        match self {
            Self::Registry(id) => id.name(),
            Self::Curve(h) => h.name(),
        }
    }
}

/// What `--prove` measures.
pub struct Plan {
    /// Hash names (empty: the defaults).
    pub hashes: Vec<String>,
    /// Arities.
    pub arities: Vec<usize>,
    /// A fixed depth, or None for ceil(log_k leaves).
    pub depth: Option<usize>,
    /// Leaves of the tree whose depth is used when `depth` is None.
    pub leaves: u64,
    /// Systems, by name (empty: all).
    pub systems: Vec<String>,
    /// A small run: depth 4 unless given, arity 2, three hashes unless given.
    pub quick: bool,
    /// Print JSON.
    pub json: bool,
}

/// A STARK row's size, where R1CS rows have constraints.
#[derive(Clone, Debug, Serialize)]
pub struct TraceShape {
    /// Rows of the trace, padded to a power of two.
    pub rows: usize,
    /// Columns of the trace.
    pub columns: usize,
    /// Permutations (BLAKE3: compressions) the path needs, before padding.
    pub permutations: usize,
    /// The AIR and the field of the trace.
    pub air: &'static str,
}

/// One row: a hash at an arity in a system, for one path.
#[derive(Clone, Debug, Serialize)]
pub struct ProveRow {
    /// `bn254`, `aleo` or `plonky3`.
    pub system: &'static str,
    /// Hash name.
    pub hash: String,
    /// Children per node.
    pub arity: usize,
    /// Levels of the path.
    pub depth: usize,
    /// Constraints of one node compression.
    pub constraints_per_node: Option<u64>,
    /// Constraints of verifying one path, sibling selection and public root included.
    pub constraints_per_path: Option<u64>,
    /// The trace a STARK proves instead (Plonky3 rows; null for R1CS rows).
    pub trace: Option<TraceShape>,
    /// Circuit-specific setup, in milliseconds.
    pub setup_ms: Option<f64>,
    /// Proving one path, in milliseconds.
    pub prove_ms: Option<f64>,
    /// Verifying it, in milliseconds.
    pub verify_ms: Option<f64>,
    /// The proof's serialized size, in bytes.
    pub proof_bytes: Option<usize>,
    /// The library that produced the numbers.
    pub library: &'static str,
    /// Why some numbers are missing, if they are.
    pub note: Option<String>,
}

#[derive(Serialize)]
struct ProveReport {
    rows: Vec<ProveRow>,
}

/// The seed of every random path and Groth16 run, so reruns prove the same statements.
const SEED: u64 = 1;

/// Hashes `--quick` proves when none are named: circom's Poseidon, the cheapest byte
/// hash in circuit and Aleo's Poseidon (SHA-256's setup alone takes most of a minute
/// at depth 4), and for Plonky3 Poseidon2 over KoalaBear and BLAKE3, which have no
/// costly R1CS rows (BN254 and Aleo have no circuit for either).
const QUICK_HASHES: [&str; 5] = [
    "poseidon-bn254",
    "blake2s-256",
    "poseidon2",
    "poseidon2-koalabear",
    "blake3",
];

/// Depth `--quick` uses when none is given.
const QUICK_DEPTH: usize = 4;

/// Runs `merklab compare --prove`.
pub fn run(plan: Plan) -> Result<()> {
    let systems: Vec<System> = if plan.systems.is_empty() {
        vec![System::Bn254, System::Aleo, System::Plonky3]
    } else {
        plan.systems
            .iter()
            .map(|s| System::parse(s))
            .collect::<Result<_>>()?
    };
    let hashes: Vec<Named> = if !plan.hashes.is_empty() {
        plan.hashes
            .iter()
            .map(|h| Named::parse(h))
            .collect::<Result<_>>()?
    } else if plan.quick {
        QUICK_HASHES
            .iter()
            .map(|h| Named::parse(h))
            .collect::<Result<_>>()?
    } else {
        HashId::filtered(HashKind::compresses)
            .map(Named::Registry)
            .chain(
                R1csHash::ALL
                    .into_iter()
                    .filter(|h| h.id().is_none())
                    .map(Named::Curve),
            )
            .collect()
    };
    let arities = if plan.quick {
        vec![2]
    } else {
        plan.arities.clone()
    };
    for &k in &arities {
        if !(2..=16).contains(&k) {
            bail!("arity {k} is outside 2 to 16");
        }
    }
    let depth_of = |k: usize| {
        plan.depth.unwrap_or(if plan.quick {
            QUICK_DEPTH
        } else {
            depth_for(plan.leaves, k).max(1)
        })
    };

    let mut jobs = Vec::new();
    for &system in &systems {
        for &hash in &hashes {
            let covered = match hash {
                Named::Registry(id) => system.covers(id.kind()),
                Named::Curve(_) => system == System::Bn254,
            };
            if !covered {
                continue;
            }
            for &k in &arities {
                if fits(system, hash, k) {
                    jobs.push((system, hash, k, depth_of(k)));
                }
            }
        }
    }
    if jobs.is_empty() {
        bail!(
            "nothing to prove: no named hash has a circuit in the named systems at these arities"
        );
    }

    let bar = ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut aleo = CircuitCache::default();
    let mut rows = Vec::with_capacity(jobs.len());
    for (system, hash, k, depth) in jobs {
        bar.set_message(format!(
            "{} {}, arity {k}, depth {depth}",
            system.name(),
            hash.name()
        ));
        rows.push(match system {
            System::Bn254 => bn254_row(hash, k, depth),
            System::Aleo => aleo_row(&mut aleo, hash, k, depth),
            System::Plonky3 => plonky3_row(hash, k, depth),
        });
        bar.inc(1);
    }
    bar.finish_and_clear();

    if plan.json {
        println!("{}", serde_json::to_string_pretty(&ProveReport { rows })?);
    } else {
        println!("{}", table(&rows));
    }
    Ok(())
}

/// Whether a row exists at all: arities a hash's trees are built with.
fn fits(system: System, hash: Named, k: usize) -> bool {
    match (system, hash) {
        (_, Named::Curve(h)) => h.supports(k),
        (_, Named::Registry(HashId::Arc0102 | HashId::Arc0102Swap)) => k == 2,
        (_, Named::Registry(id)) if id.kind() == HashKind::Bn254Field => {
            k <= merklab_bn254::MAX_ARITY
        }
        // Plonky3's Poseidon2 compressions are 2-to-1.
        (_, Named::Registry(id)) if id.kind() == HashKind::Plonky3Field => k == 2,
        _ => true,
    }
}

fn empty_row(system: System, hash: Named, k: usize, depth: usize) -> ProveRow {
    ProveRow {
        system: system.name(),
        hash: hash.name().to_string(),
        arity: k,
        depth,
        constraints_per_node: None,
        constraints_per_path: None,
        trace: None,
        setup_ms: None,
        prove_ms: None,
        verify_ms: None,
        proof_bytes: None,
        library: system.library(),
        note: None,
    }
}

fn bn254_row(hash: Named, k: usize, depth: usize) -> ProveRow {
    let mut row = empty_row(System::Bn254, hash, k, depth);
    let gadget = match hash {
        Named::Curve(h) => h,
        Named::Registry(id) => match R1csHash::from_id(id) {
            Some(h) => h,
            None => {
                row.note = missing_gadget(id).map(str::to_string);
                return row;
            }
        },
    };
    let mut notes = Vec::new();
    match node_cost(gadget, k) {
        Ok(c) => row.constraints_per_node = Some(c.constraints),
        Err(e) => notes.push(e.to_string()),
    }
    match path_cost(gadget, k, depth) {
        Ok(c) => row.constraints_per_path = Some(c.constraints),
        Err(e) => notes.push(e.to_string()),
    }
    if row.constraints_per_path.is_some() {
        match prove_path(gadget, k, depth, SEED) {
            Ok(run) => {
                row.setup_ms = Some(run.setup_ms);
                row.prove_ms = Some(run.prove_ms);
                row.verify_ms = Some(run.verify_ms);
                row.proof_bytes = Some(run.proof_bytes);
            }
            Err(e) => notes.push(e.to_string()),
        }
    }
    if gadget.id().is_none() {
        notes.push("bases from a seeded generator, not a published parameter set".to_string());
    }
    row.note = (!notes.is_empty()).then(|| notes.join("; "));
    row
}

fn aleo_row(cache: &mut CircuitCache, hash: Named, k: usize, depth: usize) -> ProveRow {
    let mut row = empty_row(System::Aleo, hash, k, depth);
    let backend = match hash {
        Named::Registry(id) => Backend::from_id(id),
        Named::Curve(_) => None,
    };
    let Some(b) = backend else {
        row.note = Some("not available in Aleo circuits".to_string());
        return row;
    };
    let mode = if matches!(b, Backend::Arc0102 | Backend::Arc0102Swap) {
        PathMode::Sorted
    } else {
        PathMode::Positional
    };
    let node = cache.node(b, k);
    // The whole path at its own depth, synthesized: a count, not an extrapolation.
    let path = if k.is_power_of_two() {
        aleo_path_cost(b, k, depth, mode).map(|c| c.constraints)
    } else {
        Err(CircuitError::Arity(k, "a power of two"))
    };
    row.constraints_per_node = node.as_ref().ok().copied();
    row.constraints_per_path = path.as_ref().ok().copied();
    let mut notes: Vec<String> = [&node.err(), &path.as_ref().err().cloned()]
        .into_iter()
        .flatten()
        .map(ToString::to_string)
        .collect();
    if path.is_ok() {
        match varuna::prove_path(b, k, depth, mode, SEED) {
            Ok(VarunaOutcome::Proven(run)) => {
                row.setup_ms = Some(run.setup_ms);
                row.prove_ms = Some(run.prove_ms);
                row.verify_ms = Some(run.verify_ms);
                row.proof_bytes = Some(run.proof_bytes);
            }
            Ok(VarunaOutcome::NeedsDownload { max_degree, .. }) => notes.push(format!(
                "not measurable offline: Varuna needs SRS degree {max_degree}, snarkVM ships {} powers and downloads the rest",
                varuna::SHIPPED_DEGREE
            )),
            Err(e) => notes.push(e.to_string()),
        }
    }
    row.note = (!notes.is_empty()).then(|| notes.join("; "));
    row
}

fn plonky3_row(hash: Named, k: usize, depth: usize) -> ProveRow {
    let mut row = empty_row(System::Plonky3, hash, k, depth);
    let id = match hash {
        Named::Registry(id) => id,
        Named::Curve(_) => {
            row.note = Some("no Plonky3 AIR for a curve hash".to_string());
            return row;
        }
    };
    let Some(air) = StarkHash::from_id(id) else {
        row.note = stark::missing_air(id).map(str::to_string);
        return row;
    };
    let mut notes = vec![
        "transparent, no setup; proves the path's permutations, not the wiring between them"
            .to_string(),
    ];
    if air == StarkHash::Blake3 {
        notes.push(
            "the AIR fixes counter, block length and flags: compressions of BLAKE3's shape, not the node digests"
                .to_string(),
        );
    }
    match stark::prove_path(air, k, depth, SEED) {
        Ok(run) => {
            row.trace = Some(TraceShape {
                rows: run.rows,
                columns: run.columns,
                permutations: run.permutations,
                air: run.air,
            });
            row.prove_ms = Some(run.prove_ms);
            row.verify_ms = Some(run.verify_ms);
            row.proof_bytes = Some(run.proof_bytes);
        }
        Err(e) => notes.push(e.to_string()),
    }
    row.note = Some(notes.join("; "));
    row
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}"))
}

fn count(v: Option<u64>) -> String {
    v.map_or_else(|| "n/a".to_string(), group_digits)
}

fn table(rows: &[ProveRow]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "system",
        "hash",
        "k",
        "depth",
        "constraints/node",
        "constraints/path",
        "trace rows x cols",
        "setup ms",
        "prove ms",
        "verify ms",
        "proof bytes",
        "note",
    ]);
    for r in rows {
        t.add_row(vec![
            r.system.to_string(),
            r.hash.clone(),
            r.arity.to_string(),
            r.depth.to_string(),
            count(r.constraints_per_node),
            count(r.constraints_per_path),
            r.trace.as_ref().map_or_else(
                || "n/a".to_string(),
                |t| {
                    format!(
                        "{} x {}",
                        group_digits(t.rows as u64),
                        group_digits(t.columns as u64)
                    )
                },
            ),
            ms(r.setup_ms),
            ms(r.prove_ms),
            ms(r.verify_ms),
            r.proof_bytes
                .map_or_else(|| "n/a".to_string(), |b| b.to_string()),
            r.note.clone().unwrap_or_default(),
        ]);
    }
    t
}
