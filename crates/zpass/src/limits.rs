//! Bounds on what one parsed document may claim, passed to each reader.
//!
//! A value rather than a process-wide setting: two callers in one process (an
//! issuer and a verifier, a Python session, tests running in parallel) each read
//! under their own bound, and a reader's result depends only on its arguments.

use crate::json::DEFAULT_MAX_VALUES;

/// What one document may hold; readers without a `_with` suffix use [`Limits::DEFAULT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most values (objects, arrays and scalars, each counted once) in one document.
    pub max_values: usize,
}

impl Limits {
    /// [`DEFAULT_MAX_VALUES`] values per document.
    pub const DEFAULT: Self = Self::with_max_values(DEFAULT_MAX_VALUES);

    /// The default bounds with at most `max_values` values per document.
    pub const fn with_max_values(max_values: usize) -> Self {
        Self { max_values }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
