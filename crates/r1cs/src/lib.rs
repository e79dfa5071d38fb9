//! # merklab-r1cs
//!
//! In-circuit costs over BN254, measured with arkworks 0.6: an R1CS gadget per hash
//! ([`R1csHash`]), one node compression and one Merkle path circuit
//! ([`PathCircuit`]) with the sibling selection a verifier needs, and Groth16
//! setup, prove and verify of that path ([`groth16::prove_path`]).
//!
//! Every count comes from synthesizing the circuit into an arkworks
//! `ConstraintSystem` and reading `num_constraints()`, never from a formula, and
//! every gadget is tested equal to merklab's native backend on random inputs, so a
//! count is the cost of the hash the trees really compute.
//!
//! Conventions, the same as `merklab-circuit`'s Aleo counts: a node's children are
//! private witnesses and a [`Cost`] counts what the compression adds after they
//! exist; a path's leaf digest exists before counting, and the count covers the
//! private siblings and index bits, the public root, the selection, the
//! compressions and the root equality.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod gadgets;
pub mod groth16;
mod hash;
mod hybrid;
mod measure;
mod path;
mod value;

pub use ark_bn254::Fr;
pub use hash::{missing_gadget, R1csHash};
pub use hybrid::{
    hybrid_path_cost, lift, lift_cost, lift_limbs, lift_var, sample_hybrid_path, HybridPathCircuit,
};
pub use measure::{node_cost, path_cost, Cost};
pub use path::{sample_path, Level, PathCircuit, PathWitness};
pub use value::{NodeVar, Value};

/// The library that synthesizes and proves here, for reports that name their source.
pub const LIBRARY: &str =
    "arkworks 0.6.0 (ark-relations, ark-r1cs-std, ark-crypto-primitives, ark-groth16)";

/// Why a circuit could not be built, measured or proven.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum R1csError {
    /// An arity the hash's gadget does not build.
    #[error("{hash} has no BN254 circuit at arity {given} (arities: {expected})")]
    Arity {
        /// The hash.
        hash: &'static str,
        /// The arity asked for.
        given: usize,
        /// The arities it supports.
        expected: &'static str,
    },
    /// A digest of the wrong kind (bytes where a field element was expected, or back).
    #[error("{hash} takes {expected} digests")]
    DigestKind {
        /// The hash.
        hash: &'static str,
        /// What it takes.
        expected: &'static str,
    },
    /// A path whose levels do not hold `arity - 1` siblings and a position below the arity.
    #[error("malformed path: {0}")]
    Path(String),
    /// arkworks refused while synthesizing or proving.
    #[error("arkworks: {0}")]
    Synthesis(String),
    /// A circuit not satisfied by its own witness.
    #[error("the circuit for {0} is not satisfied")]
    Unsatisfied(String),
}

impl From<ark_relations::gr1cs::SynthesisError> for R1csError {
    fn from(e: ark_relations::gr1cs::SynthesisError) -> Self {
        R1csError::Synthesis(e.to_string())
    }
}
