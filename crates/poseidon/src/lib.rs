//! The Poseidon permutation (Grassi et al., "Poseidon: A New Hash Function", USENIX
//! Security 2021) in the optimized form of the paper's appendix B, generic over the field.
//!
//! A family crate hands over its ecosystem's parameters (round constants, MDS matrix,
//! round counts, S-box exponent) and gets a [`Plan`] that computes the same permutation
//! with fewer multiplications:
//!
//! - partial rounds add one scalar constant to the S-box's element; the rest of each
//!   round-constant vector is pushed through the linear layer into the next round, and
//!   finally into the first full round after them;
//! - each partial round's dense matrix `N` is factored as `S · P`, with `S` sparse
//!   (first row, first column, identity elsewhere) and `P = diag(1, N̂)`; since `P`
//!   leaves the S-box's element alone it moves into the previous round, so a partial
//!   round costs `2t − 1` multiplications instead of `t²`, and one dense matrix ends
//!   the first full rounds;
//! - the S-box's input is carried divided by a per-round scale that gives its output
//!   weight 1 in the next round's input, so the chain from one S-box to the next (which
//!   every round waits on) is the S-box and an addition, and a round costs `2t − 2`.
//!
//! The field is reached through [`FieldOps`], a small trait a family implements on a
//! marker type of its own, so one plan serves snarkVM's and arkworks' fields alike. The
//! plan does not check itself: each family compares it with its ecosystem's own
//! permutation, in tests and where it is built.

mod matrix;
mod ops;
mod plan;

pub use ops::FieldOps;
pub use plan::{Params, Plan, PlanError};
