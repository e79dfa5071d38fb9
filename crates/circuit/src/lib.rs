//! # merklab-circuit
//!
//! Exact R1CS costs of Aleo hashes and Merkle path verification, obtained by
//! synthesizing each operation with `snarkvm-circuit` (environment [`Circuit`],
//! network [`AleoV0`](snarkvm_circuit::AleoV0), the circuit twin of MainnetV0) and reading
//! `Circuit::num_constraints()` and `Circuit::num_variables()`. No count here is
//! typed in or derived from a formula.
//!
//! Conventions: inputs are injected in private mode (the root of a path in
//! public mode); a [`Cost`] counts what the operation adds after its inputs
//! exist, unless the function says it includes them. The circuit environment is
//! thread-local, so measurements on different threads do not interfere.
//!
//! - [`leaf_cost`], [`node_cost`]: one leaf hash, one node compression.
//! - [`path_cost`]: verifying a Merkle path of depth d and arity k, with the
//!   sibling selection a circuit needs (positional index bits, or sorted pairs).
//! - [`instruction_cost`]: one `hash.*` instruction as snarkVM executes it.
//! - [`verify_dob`]: ARC-0102's `verify_dob` as compiled by Leo, and alternatives.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ops;
pub mod varuna;
pub mod verify_dob;

use serde::Serialize;
use snarkvm_circuit::{Circuit, Environment};

pub use ops::{instruction_cost, leaf_cost, node_cost, path_cost, Backend, PathMode};

/// R1CS size of one synthesized operation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cost {
    /// Constraints added.
    pub constraints: u64,
    /// Variables added (constants, public and private).
    pub variables: u64,
}

impl std::ops::Sub for Cost {
    type Output = Cost;
    fn sub(self, rhs: Cost) -> Cost {
        Cost {
            constraints: self.constraints.saturating_sub(rhs.constraints),
            variables: self.variables.saturating_sub(rhs.variables),
        }
    }
}

impl std::ops::Add for Cost {
    type Output = Cost;
    fn add(self, rhs: Cost) -> Cost {
        Cost {
            constraints: self.constraints + rhs.constraints,
            variables: self.variables + rhs.variables,
        }
    }
}

/// Why a cost could not be measured.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CircuitError {
    /// The backend has no circuit for this operation (for example Pedersen nodes).
    #[error("{0} is not available in Aleo circuits")]
    NotAvailable(String),
    /// The arity is outside what the operation supports.
    #[error("arity {0} is not supported here (expected {1})")]
    Arity(usize, &'static str),
    /// The synthesized circuit is not satisfied by its own witness (a defect here).
    #[error("the synthesized circuit for {0} is not satisfied")]
    Unsatisfied(String),
    /// snarkVM reported an error while synthesizing.
    #[error("snarkVM: {0}")]
    SnarkVm(String),
}

/// The current size of the thread's circuit.
fn snapshot() -> Cost {
    Cost {
        constraints: Circuit::num_constraints(),
        variables: Circuit::num_variables(),
    }
}

thread_local! {
    static WARM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Creates the thread's hasher instances once, in a throwaway circuit.
///
/// snarkVM's circuit network builds each hasher (with its constant parameters)
/// lazily per thread; without this, whichever measurement ran first would
/// count those constants among its variables. Constraints are unaffected.
pub(crate) fn warm_up() {
    use snarkvm_circuit::prelude::{Boolean, Field, Inject, Mode};
    use snarkvm_circuit::{Aleo, AleoV0 as A};
    if WARM.with(|w| w.replace(true)) {
        return;
    }
    Circuit::reset();
    let f = Field::<A>::new(Mode::Private, snarkvm_console::types::Field::from_u128(1));
    let bits: Vec<Boolean<A>> = (0..64)
        .map(|i| Boolean::new(Mode::Private, i % 2 == 0))
        .collect();
    let _ = (
        A::hash_psd2(std::slice::from_ref(&f)),
        A::hash_psd4(std::slice::from_ref(&f)),
        A::hash_psd8(&[f]),
    );
    let _ = (
        A::hash_bhp256(&bits),
        A::hash_bhp512(&bits),
        A::hash_bhp768(&bits),
        A::hash_bhp1024(&bits),
    );
    let _ = (A::hash_ped64(&bits), A::hash_ped128(&bits));
    let _ = (A::hash_sha3_256(&bits), A::hash_keccak256(&bits));
    Circuit::reset();
}

/// Runs `setup` then `op` in a fresh circuit; returns what `op` added.
///
/// Checks that the circuit is satisfied, so a count always comes from a
/// circuit that accepts its witness.
pub fn measure<S, R>(
    what: &str,
    setup: impl FnOnce() -> S,
    op: impl FnOnce(S) -> Result<R, CircuitError>,
) -> Result<Cost, CircuitError> {
    warm_up();
    Circuit::reset();
    let state = setup();
    let before = snapshot();
    let result = op(state);
    let after = snapshot();
    let satisfied = Circuit::is_satisfied();
    Circuit::reset();
    result?;
    if !satisfied {
        return Err(CircuitError::Unsatisfied(what.to_string()));
    }
    Ok(after - before)
}
