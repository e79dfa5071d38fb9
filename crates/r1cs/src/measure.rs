//! Counting by synthesis: build the circuit, read the constraint system.

use ark_relations::gr1cs::{ConstraintSystem, ConstraintSystemRef, OptimizationGoal};
use serde::Serialize;

use crate::path::{sample_path, PathCircuit};
use crate::{Fr, NodeVar, R1csError, R1csHash};

/// R1CS size of one synthesized operation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cost {
    /// Constraints added.
    pub constraints: u64,
    /// Variables added (witness and public input).
    pub variables: u64,
}

/// A fresh constraint system, optimized for constraints as Groth16's setup and
/// prover configure theirs, so a count is the size Groth16 proves.
pub(crate) fn fresh() -> ConstraintSystemRef<Fr> {
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs
}

fn snapshot(cs: &ConstraintSystemRef<Fr>) -> Cost {
    Cost {
        constraints: cs.num_constraints() as u64,
        variables: (cs.num_witness_variables() + cs.num_instance_variables()) as u64,
    }
}

/// Runs `op` after `setup` in `cs`, returns what `op` added, and checks the
/// witness satisfies the system, so a count always comes from a circuit that
/// accepts its own witness.
pub(crate) fn measure<S>(
    what: &str,
    setup: impl FnOnce(&ConstraintSystemRef<Fr>) -> Result<S, R1csError>,
    op: impl FnOnce(&ConstraintSystemRef<Fr>, S) -> Result<(), R1csError>,
) -> Result<Cost, R1csError> {
    let cs = fresh();
    let state = setup(&cs)?;
    let before = snapshot(&cs);
    op(&cs, state)?;
    let after = snapshot(&cs);
    if !cs.is_satisfied()? {
        return Err(R1csError::Unsatisfied(what.to_string()));
    }
    Ok(Cost {
        constraints: after.constraints - before.constraints,
        variables: after.variables - before.variables,
    })
}

/// One node compression of `k` private children.
pub fn node_cost(hash: R1csHash, k: usize) -> Result<Cost, R1csError> {
    hash.check_arity(k)?;
    let sample = sample_path(hash, k, 1, 1)?;
    let mut children = sample.levels[0].siblings.clone();
    children.push(sample.leaf);
    measure(
        &format!("{hash} node, arity {k}"),
        |cs| {
            children
                .iter()
                .map(|c| NodeVar::witness(cs, c).map_err(R1csError::from))
                .collect::<Result<Vec<_>, _>>()
        },
        |cs, vars| hash.compress_var(cs, &vars).map(|_| ()),
    )
}

/// Verifying one path of `depth` levels at arity `k` (a power of two), the leaf
/// digest given: siblings and index bits (private), selection, compressions, the
/// root (public) and its equality.
pub fn path_cost(hash: R1csHash, k: usize, depth: usize) -> Result<Cost, R1csError> {
    let circuit = PathCircuit {
        hash,
        witness: sample_path(hash, k, depth, 2)?,
    };
    measure(
        &format!("{hash} path, arity {k}, depth {depth}"),
        |cs| NodeVar::witness(cs, &circuit.witness.leaf).map_err(R1csError::from),
        |cs, leaf| circuit.verify_from(cs, leaf),
    )
}
