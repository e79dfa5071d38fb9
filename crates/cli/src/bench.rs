//! `merklab bench`: tree builds against the raw-hash bound and against the peers a user
//! would otherwise pick, measured in the same process on the same leaves.
//!
//! The harness (peers, workloads, timing, ratios, tables, charts) is the
//! `merklab-bench` crate, shared with the criterion suites under `benches/`; this
//! command picks the sizes and writes what the user asked for. The ratios print as
//! measured; docs/benchmarks.md says what each should be.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use merklab_bench::{plot, tables, Mode, Plan};

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

/// Runs `merklab bench`.
pub fn run(args: BenchArgs) -> Result<()> {
    let mode = if args.full {
        Mode::Full
    } else if args.quick {
        Mode::Quick
    } else {
        Mode::Standard
    };
    let plan = Plan::new(mode, args.leaves, args.field_leaves, args.runs);
    let report = merklab_bench::run(&plan, |line| eprintln!("{line}"))?;
    let json = serde_json::to_string_pretty(&report)?;
    if let Some(path) = &args.report {
        crate::io::write_atomic(path, format!("{json}\n").as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(dir) = &args.plots {
        for (name, svg) in [
            ("bench-scaling.svg", plot::scaling_svg(&report)?),
            ("bench-parallel.svg", plot::parallel_svg(&report)?),
        ] {
            let path = dir.join(name);
            crate::io::write_atomic(&path, svg.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    if args.json {
        println!("{json}");
    } else {
        println!("{}", tables::times_table(&report));
        println!("{}", tables::ecosystem_table(&report));
        println!("{}", tables::ratio_table(&report));
        println!(
            "median of {} runs; wall clock on this machine (load average at start: {}); targets: docs/benchmarks.md",
            report.runs,
            report
                .machine
                .load_average
                .map_or_else(|| "unknown".to_string(), |l| format!("{l:.2}"))
        );
    }
    Ok(())
}
