//! merklab's benchmark harness, shared by `merklab bench` and the criterion suites
//! under `benches/`: the peers merklab is compared with, the workloads, the timing, the
//! ratio report, its tables and its charts (the only chart writer in the project).
//!
//! Every peer's root is checked against merklab's before a time is reported; a
//! mismatch is an error, never a ratio. The ratios are reported as measured: the targets
//! they are read against are in docs/benchmarks.md.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod byte;
pub mod compare;
mod ecosystem;
mod error;
mod field;
mod inputs;
mod issue;
mod peers;
pub mod plot;
mod report;
pub mod tables;
mod timing;

pub use byte::{measure_byte, ByteRow};
pub use ecosystem::{
    babybear_rows, bn254_leaves, light_root, measure_ecosystems, measure_lean_imt, measure_miden,
    measure_plonky3_mmcs, p3_mmcs, EcosystemRow, P3Mmcs, ROW_WIDTH,
};
pub use error::BenchError;
pub use field::{measure_field, raw_field_loop, FieldRow};
pub use inputs::{byte_leaves, field_leaves, leaf_count, pool, splitmix};
pub use issue::{
    issue_and_prove_all, issue_and_prove_all_cached, issue_and_prove_all_with, IssueReport,
};
pub use peers::{
    check_snarkvm_root, merklab_root, BhpTree, ByteKind, PoseidonTree, RsSha3, SnarkvmTree,
    SNARKVM_DEPTH,
};
pub use report::{ecosystem_ratios, ratios, run, Machine, Mode, Plan, Ratio, Report};
pub use timing::median_ms;
