//! `merklab compare`: native cost and circuit cost of every hash choice, side by side.
//!
//! The rows are measured by `merklab_bench::compare` (shared with the Python package);
//! this module prints them as a table, JSON or a chart. `--prove` ([`prove`]) prints,
//! instead, one proven path per hash, arity and proof system.

mod hybrid;
mod prove;

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use indicatif::{ProgressBar, ProgressStyle};
use merklab_bench::compare::{self, Row};
use merklab_bench::plot::{self, Labelled};
use merklab_names::{HashId, HashKind};
use serde::Serialize;

pub(crate) use merklab_bench::compare::{depth_for, CircuitCache};

/// The `--hash` help text, naming every hash `compare` knows.
fn hash_help() -> String {
    format!(
        "Hashes, comma-separated: {} (default: all)",
        HashId::names(HashKind::compresses)
    )
}

/// `merklab compare`.
#[derive(Args)]
pub struct CompareArgs {
    /// Number of leaves of the measured tree.
    #[arg(long, default_value_t = 4096, value_parser = clap::value_parser!(u64).range(2..=(1 << 24)))]
    leaves: u64,
    /// Arities to compare, comma-separated (2 to 16; circuit counts for powers of two).
    #[arg(long, value_delimiter = ',', default_value = "2,4,8")]
    arity: Vec<usize>,
    #[arg(long, value_delimiter = ',', help = hash_help())]
    hash: Vec<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Also write a log-log SVG chart of native time against constraints per node.
    #[arg(long, conflicts_with = "prove")]
    plot: Option<PathBuf>,
    /// Prove one path per hash and arity in each system (Groth16 over BN254 with
    /// arkworks; Varuna for Aleo; Plonky3's STARK over the path's permutations) and
    /// print those rows instead.
    #[arg(long)]
    prove: bool,
    /// Path depth for --prove (default: ceil(log_k leaves); 4 with --quick).
    #[arg(long, requires = "prove", value_parser = clap::value_parser!(u32).range(1..=64))]
    depth: Option<u32>,
    /// Systems for --prove, comma-separated: bn254, aleo, plonky3 (default: all).
    #[arg(long, requires = "prove", value_delimiter = ',')]
    systems: Vec<String>,
    /// With --prove: arity 2, depth 4 unless --depth, and poseidon-bn254, blake2s-256,
    /// poseidon2, poseidon2-koalabear and blake3 unless --hash; under a minute.
    #[arg(long, requires = "prove")]
    quick: bool,
    /// Hybrid trees instead: for each byte hash in --hash (default: all) and each split,
    /// the native build time and the constraints of one path, Pareto-optimal splits marked.
    #[arg(long, conflicts_with_all = ["prove", "plot"])]
    hybrid: bool,
    /// The proof system for --hybrid: bn254 (circom's Poseidon above the split).
    #[arg(long, requires = "hybrid", default_value = "bn254")]
    system: String,
}

/// The whole report.
#[derive(Debug, Serialize)]
struct Report {
    leaves: u64,
    rows: Vec<Row>,
}

/// Runs `merklab compare`.
pub fn run(args: CompareArgs) -> Result<()> {
    if args.hybrid {
        return hybrid::run(hybrid::Plan {
            hashes: args.hash,
            arities: args.arity,
            leaves: args.leaves,
            system: args.system,
            json: args.json,
        });
    }
    if args.prove {
        return prove::run(prove::Plan {
            hashes: args.hash,
            arities: args.arity,
            depth: args.depth.map(|d| d as usize),
            leaves: args.leaves,
            systems: args.systems,
            quick: args.quick,
            json: args.json,
        });
    }
    let count = compare::row_count(&args.hash, &args.arity)?;
    let bar = ProgressBar::new(count as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut started = 0u64;
    let rows = compare::rows(&args.hash, &args.arity, args.leaves, &mut |label| {
        bar.set_position(started);
        bar.set_message(label.to_string());
        started += 1;
    })?;
    bar.finish_and_clear();
    if let Some(path) = &args.plot {
        crate::io::write_atomic(path, plot_svg(&rows, args.leaves)?.as_bytes())?;
    }
    let report = Report {
        leaves: args.leaves,
        rows,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}", table(&report));
    }
    Ok(())
}

fn opt(v: Option<u64>) -> String {
    v.map_or_else(|| "n/a".to_string(), group_digits)
}

fn group_digits(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn table(report: &Report) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "hash".to_string(),
        "encoder".to_string(),
        "k".to_string(),
        "digest bits".to_string(),
        "ns/node".to_string(),
        format!("build {} leaves (ms)", report.leaves),
        "proof bytes".to_string(),
        "depth".to_string(),
        "Aleo constraints/node".to_string(),
        "Aleo constraints/path".to_string(),
        "BN254 constraints/node".to_string(),
        "BN254 constraints/path".to_string(),
        "collision bits".to_string(),
    ]);
    for r in &report.rows {
        t.add_row(vec![
            r.hash.clone(),
            r.encoder.to_string(),
            r.arity.to_string(),
            r.digest_bits.to_string(),
            format!("{:.0}", r.native_ns_per_node),
            format!("{:.1}", r.tree_build_ms),
            r.proof_bytes.to_string(),
            r.depth.to_string(),
            opt(r.constraints_per_node),
            opt(r.constraints_per_path),
            opt(r.bn254_constraints_per_node),
            opt(r.bn254_constraints_per_path),
            r.collision_bits.to_string(),
        ]);
    }
    t
}

/// Native time against constraints per node, log-log, one labelled point per row
/// that has a circuit count.
fn plot_svg(rows: &[Row], leaves: u64) -> Result<String> {
    let points: Vec<Labelled> = rows
        .iter()
        .filter_map(|r| {
            r.constraints_per_node.map(|c| Labelled {
                label: format!("{} k={}", r.hash, r.arity),
                x: c.max(1) as f64,
                y: r.native_ns_per_node.max(1.0),
            })
        })
        .collect();
    Ok(plot::scatter(
        &format!(
            "Native time vs R1CS constraints per node compression (log-log; tree of {leaves} leaves)"
        ),
        "constraints per node compression",
        "native ns per node compression",
        &points,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_group_by_thousands() {
        assert_eq!(group_digits(1508343), "1,508,343");
    }
}
