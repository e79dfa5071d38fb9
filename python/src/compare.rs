//! `compare`: the rows of `merklab compare`, measured by the same library code.

use merklab_bench::compare::rows;
use pyo3::prelude::*;
use serde_json::json;

use crate::error;

/// The report `merklab compare --json` prints (`{"leaves", "rows"}`) for `hashes`
/// (empty: every hash compare knows) at each of `arities`, over trees of `leaves`
/// leaves; the GIL is released while it measures.
#[pyfunction]
pub(crate) fn compare(
    py: Python<'_>,
    hashes: Vec<String>,
    arities: Vec<usize>,
    leaves: u64,
) -> PyResult<String> {
    if !(2..=1 << 24).contains(&leaves) {
        return Err(error(format!(
            "leaves {leaves} is outside 2 to {} (the range merklab compare --leaves takes)",
            1u64 << 24
        )));
    }
    let rows = py
        .detach(|| rows(&hashes, &arities, leaves, &mut |_| {}))
        .map_err(error)?;
    serde_json::to_string(&json!({"leaves": leaves, "rows": rows})).map_err(error)
}
