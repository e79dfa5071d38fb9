//! The report as terminal tables: every time, then every ratio.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};

use crate::report::Report;

fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// Milliseconds per tree and peer; `-` where a peer does not build that tree.
pub fn times_table(report: &Report) -> Table {
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
    field_rows(report, &mut t);
    t
}

/// Each ecosystem's tree: merklab's profile beside the ecosystem's own, in milliseconds.
pub fn ecosystem_table(report: &Report) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "profile",
        "peer",
        "leaves",
        "merklab 1t",
        "peer 1t",
        "merklab 2t",
        "peer 2t",
    ]);
    for r in &report.ecosystem {
        t.add_row(vec![
            r.profile.to_string(),
            r.peer.to_string(),
            r.leaves.to_string(),
            ms(r.merklab_1t_ms),
            ms(r.peer_1t_ms),
            ms(r.merklab_2t_ms),
            ms(r.peer_2t_ms),
        ]);
    }
    t
}

/// The snarkVM-layout rows of the times table.
fn field_rows(report: &Report, t: &mut Table) {
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
}

/// The measured ratios (docs/benchmarks.md gives the target of each).
pub fn ratio_table(report: &Report) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["comparison", "leaves", "ratio"]);
    for r in &report.ratios {
        t.add_row(vec![
            r.comparison.clone(),
            r.leaves.to_string(),
            format!("{:.2}", r.value),
        ]);
    }
    t
}
