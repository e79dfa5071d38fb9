//! `compare`: the rows of `merklab compare`.

use pyo3::prelude::*;

/// Placeholder.
#[pyfunction]
pub(crate) fn compare() -> PyResult<String> {
    Ok(String::new())
}
