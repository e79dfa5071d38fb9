//! `merklab._native`: the Rust side of the `merklab` Python package.
//!
//! Every tree, proof, shard and certificate comes from the library crates; this crate
//! only converts between Python values and theirs, and releases the GIL while they
//! hash, so Python threads and Dask workers build in parallel. An error is raised as
//! `merklab.MerklabError` with the message the command line prints for the same input.

#![warn(missing_docs)]

use pyo3::prelude::*;

mod compare;
mod family;
mod leaves;
mod shard;
mod tree;
mod verify;
mod zpass;

pyo3::create_exception!(
    _native,
    MerklabError,
    pyo3::exceptions::PyValueError,
    "A bad input or a failed operation, with the message the merklab command line prints."
);

/// The exception for any displayable library error.
pub(crate) fn error(e: impl std::fmt::Display) -> PyErr {
    MerklabError::new_err(e.to_string())
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("MerklabError", m.py().get_type::<MerklabError>())?;
    m.add_class::<tree::Tree>()?;
    m.add_function(wrap_pyfunction!(verify::verify, m)?)?;
    m.add_function(wrap_pyfunction!(shard::build_shard, m)?)?;
    m.add_function(wrap_pyfunction!(shard::merge_shards, m)?)?;
    m.add_function(wrap_pyfunction!(shard::check_shard, m)?)?;
    m.add_function(wrap_pyfunction!(compare::compare, m)?)?;
    m.add_function(wrap_pyfunction!(zpass::zpass_issue, m)?)?;
    m.add_function(wrap_pyfunction!(zpass::zpass_prove, m)?)?;
    m.add_function(wrap_pyfunction!(zpass::zpass_verify, m)?)?;
    m.add_function(wrap_pyfunction!(family::layout, m)?)?;
    m.add_function(wrap_pyfunction!(family::hashes, m)?)?;
    m.add_function(wrap_pyfunction!(family::profiles, m)?)?;
    Ok(())
}
