//! A whole `merklab bench` run: which sizes, the machine, every row, and the ratios
//! read from the largest size. The ratios are reported as measured; the targets they
//! are read against live in docs/benchmarks.md, not here.

use serde::Serialize;

use crate::byte::{measure_byte, ByteRow};
use crate::ecosystem::{measure_ecosystems, EcosystemRow};
use crate::field::{measure_field, FieldRow};
use crate::inputs::leaf_count;
use crate::peers::{BhpTree, ByteKind, PoseidonTree};
use crate::BenchError;

/// How long a run may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Small sizes and few runs: a smoke run of a few seconds.
    Quick,
    /// One size per tree, large enough for stable ratios.
    Standard,
    /// Every size the report uses: byte trees 2^10..2^20, field trees 2^10..2^16.
    Full,
}

/// What to measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Leaf counts of the byte-hash trees.
    pub byte_sizes: Vec<u64>,
    /// Leaf counts of the Poseidon and BHP trees.
    pub field_sizes: Vec<u64>,
    /// Leaf counts of the ecosystem trees (powers of two, where every peer's layout
    /// agrees with merklab's profile).
    pub ecosystem_sizes: Vec<u64>,
    /// Timed runs per measurement (the median is reported).
    pub runs: u32,
}

impl Plan {
    /// The sizes of `mode`, with the single sizes and the run count overridden where
    /// given (`--full` walks its own sizes and ignores single ones).
    pub fn new(
        mode: Mode,
        leaves: Option<u64>,
        field_leaves: Option<u64>,
        runs: Option<u32>,
    ) -> Self {
        match mode {
            Mode::Full => Self {
                byte_sizes: (10..=20).step_by(2).map(|e| 1u64 << e).collect(),
                field_sizes: (10..=16).step_by(2).map(|e| 1u64 << e).collect(),
                ecosystem_sizes: (10..=16).step_by(2).map(|e| 1u64 << e).collect(),
                runs: runs.unwrap_or(3),
            },
            Mode::Quick => Self {
                byte_sizes: vec![leaves.unwrap_or(1 << 12)],
                field_sizes: vec![field_leaves.unwrap_or(1 << 6)],
                ecosystem_sizes: vec![1 << 6],
                runs: runs.unwrap_or(3),
            },
            Mode::Standard => Self {
                byte_sizes: vec![leaves.unwrap_or(1 << 18)],
                field_sizes: vec![field_leaves.unwrap_or(1 << 11)],
                ecosystem_sizes: vec![1 << 12],
                runs: runs.unwrap_or(5),
            },
        }
    }
}

/// One measured ratio.
#[derive(Clone, Debug, Serialize)]
pub struct Ratio {
    /// What is compared.
    pub comparison: String,
    /// Leaves of the trees compared.
    pub leaves: u64,
    /// The measured ratio.
    pub value: f64,
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

impl Machine {
    /// This machine, now.
    pub fn current() -> Self {
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
        Self {
            cpu,
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            rustc,
            load_average,
        }
    }
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
    /// Each zk ecosystem's tree: merklab's profile and the ecosystem's own.
    pub ecosystem: Vec<EcosystemRow>,
    /// merklab / peer ratios at the largest size of each tree.
    pub ratios: Vec<Ratio>,
}

/// Runs `plan`, calling `progress` with a line before each tree is measured.
pub fn run(plan: &Plan, mut progress: impl FnMut(&str)) -> Result<Report, BenchError> {
    let machine = Machine::current();
    let mut byte = Vec::new();
    for &n in &plan.byte_sizes {
        let n = leaf_count(n)?;
        for kind in ByteKind::ALL {
            progress(&format!("measuring {} over {n} leaves", kind.name()));
            byte.push(measure_byte(kind, n, plan.runs)?);
        }
    }
    let mut field = Vec::new();
    for &n in &plan.field_sizes {
        let n = leaf_count(n)?;
        progress(&format!(
            "measuring poseidon and bhp (snarkVM layout) over {n} leaves"
        ));
        field.push(measure_field::<PoseidonTree>(n, plan.runs)?);
        field.push(measure_field::<BhpTree>(n, plan.runs)?);
    }
    let mut ecosystem = Vec::new();
    for &n in &plan.ecosystem_sizes {
        let n = leaf_count(n)?;
        progress(&format!(
            "measuring lean-imt, plonky3-mmcs and miden against their own trees over {n} leaves"
        ));
        ecosystem.extend(measure_ecosystems(n, plan.runs)?);
    }
    // Ratios at the largest size of each hash; the rows keep every size.
    let largest = |sizes: &[u64]| sizes.iter().copied().max().unwrap_or(0);
    let (big_byte, big_field) = (largest(&plan.byte_sizes), largest(&plan.field_sizes));
    let big_ecosystem = largest(&plan.ecosystem_sizes);
    let top_byte: Vec<&ByteRow> = byte.iter().filter(|r| r.leaves == big_byte).collect();
    let top_field: Vec<&FieldRow> = field.iter().filter(|r| r.leaves == big_field).collect();
    let top_ecosystem: Vec<&EcosystemRow> = ecosystem
        .iter()
        .filter(|r| r.leaves == big_ecosystem)
        .collect();
    let mut all = ratios(&top_byte, &top_field);
    all.extend(ecosystem_ratios(&top_ecosystem));
    Ok(Report {
        machine,
        runs: plan.runs,
        ratios: all,
        byte,
        field,
        ecosystem,
    })
}

/// Peer / merklab speed-ups of each ecosystem tree, on one thread and on two.
pub fn ecosystem_ratios(rows: &[&EcosystemRow]) -> Vec<Ratio> {
    rows.iter()
        .flat_map(|r| {
            [
                ("1 thread", r.peer_1t_ms / r.merklab_1t_ms),
                ("2 threads", r.peer_2t_ms / r.merklab_2t_ms),
            ]
            .map(|(threads, value)| Ratio {
                comparison: format!("{}: {} / merklab, {threads} (speed-up)", r.profile, r.peer),
                leaves: r.leaves,
                value,
            })
        })
        .collect()
}

/// The ratios docs/benchmarks.md sets targets for, one set per row given.
pub fn ratios(byte: &[&ByteRow], field: &[&FieldRow]) -> Vec<Ratio> {
    let mut out = Vec::new();
    let mut push = |hash: &str, leaves: u64, rows: &[(&str, f64)]| {
        for &(name, value) in rows {
            out.push(Ratio {
                comparison: format!("{hash}: {name}"),
                leaves,
                value,
            });
        }
    };
    for r in byte {
        push(
            r.hash,
            r.leaves,
            &[
                (
                    "merklab serial / raw loop (1 thread)",
                    r.merklab_serial_ms / r.raw_1t_ms,
                ),
                (
                    "merklab serial / raw multi-buffer loop (1 thread)",
                    r.merklab_serial_ms / r.raw_batched_1t_ms,
                ),
                (
                    "merklab serial, multi-buffer off / raw loop (1 thread)",
                    r.merklab_serial_scalar_ms / r.raw_1t_ms,
                ),
                (
                    "merklab parallel / (raw multi-buffer loop (1 thread) / 2)",
                    r.merklab_parallel_ms / (r.raw_batched_1t_ms / 2.0),
                ),
                (
                    "merklab parallel / raw loop (2 threads)",
                    r.merklab_parallel_ms / r.raw_2t_ms,
                ),
                (
                    "merklab parallel / (raw loop (1 thread) / 2)",
                    r.merklab_parallel_ms / (r.raw_1t_ms / 2.0),
                ),
                (
                    "rs_merkle / merklab serial (speed-up)",
                    r.rs_merkle_ms / r.merklab_serial_ms,
                ),
                (
                    "merklab serial / parallel (speed-up)",
                    r.merklab_serial_ms / r.merklab_parallel_ms,
                ),
                (
                    "merklab serial / parallel, multi-buffer off (speed-up)",
                    r.merklab_serial_scalar_ms / r.merklab_parallel_scalar_ms,
                ),
            ],
        );
    }
    for r in field {
        push(
            r.hash,
            r.leaves,
            &[
                (
                    "snarkVM / merklab, 1 thread (speed-up)",
                    r.snarkvm_1t_ms / r.merklab_1t_ms,
                ),
                (
                    "snarkVM / merklab, 2 threads (speed-up)",
                    r.snarkvm_2t_ms / r.merklab_2t_ms,
                ),
                ("merklab 1 thread / raw loop", r.merklab_1t_ms / r.raw_1t_ms),
                (
                    "merklab 1 / 2 threads (speed-up)",
                    r.merklab_1t_ms / r.merklab_2t_ms,
                ),
            ],
        );
    }
    out
}
