//! A Merkle path as a circuit: the sibling selection by index bits, one compression
//! per level, and the root as public input.

use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use ark_std::rand::{Rng, SeedableRng};
use ark_std::UniformRand;

use crate::{Fr, NodeVar, R1csError, R1csHash, Value};

/// One level of a path: where the current node sits among its `arity` children, and
/// the `arity - 1` others in position order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// The current node's slot, below the arity.
    pub position: usize,
    /// The other children, left to right.
    pub siblings: Vec<Value>,
}

/// What a prover knows: a leaf digest, its path and the root it leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathWitness {
    /// The leaf's digest.
    pub leaf: Value,
    /// Leaf level first.
    pub levels: Vec<Level>,
    /// The root the path must reach (public).
    pub root: Value,
}

impl PathWitness {
    /// A path of a full tree from a merklab proof's fields: the leaf index and the
    /// siblings leaf level first, `arity - 1` per level in position order.
    pub fn from_proof(
        leaf: Value,
        leaf_index: u64,
        siblings: &[Value],
        arity: usize,
        root: Value,
    ) -> Result<Self, R1csError> {
        if arity < 2 || !siblings.len().is_multiple_of(arity - 1) {
            return Err(R1csError::Path(format!(
                "{} siblings do not fill levels of {} at arity {arity}",
                siblings.len(),
                arity.saturating_sub(1)
            )));
        }
        let mut index = leaf_index;
        let levels = siblings
            .chunks(arity - 1)
            .map(|group| {
                let position = (index % arity as u64) as usize;
                index /= arity as u64;
                Level {
                    position,
                    siblings: group.to_vec(),
                }
            })
            .collect();
        Ok(Self { leaf, levels, root })
    }

    /// The children per node (1 for a path of no levels).
    pub fn arity(&self) -> usize {
        self.levels.first().map_or(1, |l| l.siblings.len() + 1)
    }

    /// The root this path leads to, computed natively.
    pub fn computed_root(&self, hash: R1csHash) -> Result<Value, R1csError> {
        let mut node = self.leaf;
        for level in &self.levels {
            let mut children = level.siblings.clone();
            if level.position > children.len() {
                return Err(R1csError::Path(format!(
                    "position {} at arity {}",
                    level.position,
                    children.len() + 1
                )));
            }
            children.insert(level.position, node);
            node = hash.compress(&children)?;
        }
        Ok(node)
    }
}

/// A random path of `depth` levels at arity `k`, from a seeded generator (the
/// same path for the same seed), with its root computed natively.
pub fn sample_path(
    hash: R1csHash,
    k: usize,
    depth: usize,
    seed: u64,
) -> Result<PathWitness, R1csError> {
    hash.check_arity(k)?;
    let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(seed);
    let digest = |rng: &mut ark_std::rand::rngs::StdRng| {
        if hash.byte_digests() {
            Value::Bytes(rng.gen())
        } else {
            Value::Field(Fr::rand(rng))
        }
    };
    let leaf = digest(&mut rng);
    let levels = (0..depth)
        .map(|_| Level {
            position: rng.gen_range(0..k),
            siblings: (1..k).map(|_| digest(&mut rng)).collect(),
        })
        .collect();
    let mut witness = PathWitness {
        leaf,
        levels,
        root: leaf,
    };
    witness.root = witness.computed_root(hash)?;
    Ok(witness)
}

/// Verifying one path in circuit: the statement "the private leaf and path reach
/// the public root".
#[derive(Clone, Debug)]
pub struct PathCircuit {
    /// The hash of every node.
    pub hash: R1csHash,
    /// The path.
    pub witness: PathWitness,
}

impl PathCircuit {
    /// Everything after the leaf: private siblings and index bits, the selection,
    /// the compressions, the public root and its equality.
    pub fn verify_from(
        &self,
        cs: &ConstraintSystemRef<Fr>,
        leaf: NodeVar,
    ) -> Result<(), R1csError> {
        let k = self.witness.arity();
        if !self.witness.levels.is_empty() {
            self.hash.check_arity(k)?;
            if !k.is_power_of_two() {
                return Err(R1csError::Arity {
                    hash: self.hash.name(),
                    given: k,
                    expected: "a power of two for index bits",
                });
            }
        }
        let bits_per_level = k.trailing_zeros() as usize;
        let mut node = leaf;
        for level in &self.witness.levels {
            if level.siblings.len() + 1 != k || level.position >= k {
                return Err(R1csError::Path("levels of different arities".into()));
            }
            let siblings = level
                .siblings
                .iter()
                .map(|s| NodeVar::witness(cs, s))
                .collect::<Result<Vec<_>, _>>()?;
            let bits = (0..bits_per_level)
                .map(|b| Boolean::new_witness(cs.clone(), || Ok((level.position >> b) & 1 == 1)))
                .collect::<Result<Vec<_>, _>>()?;
            let children = place(&node, &siblings, &bits, k)?;
            node = self.hash.compress_var(cs, &children)?;
        }
        node.enforce_root(cs, &self.witness.root)
    }
}

impl ConstraintSynthesizer<Fr> for PathCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let leaf = NodeVar::witness(&cs, &self.witness.leaf)?;
        // A malformed path cannot be expressed; arkworks has one word for that.
        self.verify_from(&cs, leaf)
            .map_err(|_| SynthesisError::Unsatisfiable)
    }
}

/// Places `cur` at the slot its index bits name and the `k - 1` siblings around it.
///
/// One-hot selectors `eq_j = (position == j)` come from the bits; slot j holds
/// `cur` if `eq_j`, else sibling j-1 when the position is below j, else sibling j.
pub(crate) fn place(
    cur: &NodeVar,
    siblings: &[NodeVar],
    bits: &[Boolean<Fr>],
    k: usize,
) -> Result<Vec<NodeVar>, R1csError> {
    let eq: Vec<Boolean<Fr>> = (0..k)
        .map(|j| {
            bits.iter()
                .enumerate()
                .map(|(b, bit)| if (j >> b) & 1 == 1 { bit.clone() } else { !bit })
                .reduce(|x, y| &x & &y)
                .unwrap_or(Boolean::TRUE)
        })
        .collect();
    let mut below = Boolean::FALSE; // position < j
    let mut out = Vec::with_capacity(k);
    for j in 0..k {
        let sibling = if j == 0 {
            siblings[0].clone()
        } else if j == k - 1 {
            siblings[k - 2].clone()
        } else {
            NodeVar::select(&below, &siblings[j - 1], &siblings[j])?
        };
        out.push(NodeVar::select(&eq[j], cur, &sibling)?);
        below = &below | &eq[j];
    }
    Ok(out)
}
