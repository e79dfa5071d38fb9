//! Paths of hybrid trees over BN254: a byte hash's compressions below the split, the
//! lift of the path's node at the split, circom's Poseidon above.
//!
//! The lift is `merklab-bn254`'s byte-leaf hash of the 32-byte digest,
//! `Poseidon(32, c1, c2)` with `c1` the first 31 bytes and `c2` the last one, each a
//! big-endian integer ([`lift_limbs`]). Both limbs are below 2^248, so under the
//! modulus: the limbs give back the bytes, and two digests never meet before the hash.
//! In circuit the limbs are sums of the digest's bits, which the byte gadget has
//! already constrained, so the lift costs the Poseidon and little else.
//!
//! Only the path's own node is lifted in circuit: the siblings at the split are
//! witnessed as field elements, as every sibling is, and a prover who gives one that
//! is no lift still has to meet the public root through Poseidon.

use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use ark_std::rand::{Rng, SeedableRng};
use ark_std::UniformRand;

use crate::gadgets::poseidon;
use crate::measure::measure;
use crate::path::place;
use crate::{Cost, Fr, Level, NodeVar, PathWitness, R1csError, R1csHash, Value};

/// The hash above the split: the lift is its byte-leaf encoding.
const UPPER: R1csHash = R1csHash::PoseidonBn254;

/// The field elements the lift hashes: the length 32, the first 31 bytes and the last
/// byte, each as a big-endian integer (`merklab-bn254`'s `BytesLeaf` of 32 bytes).
pub fn lift_limbs(digest: &[u8; 32]) -> [Fr; 3] {
    use ark_ff::PrimeField;
    [
        Fr::from(32u64),
        Fr::from_be_bytes_mod_order(&digest[..31]),
        Fr::from(digest[31]),
    ]
}

/// The lift natively: `Poseidon(32, c1, c2)`.
pub fn lift(digest: &[u8; 32]) -> Result<Fr, R1csError> {
    poseidon::native(&lift_limbs(digest))
}

/// The lift as a gadget over a digest's 32 bytes.
pub fn lift_var(cs: &ConstraintSystemRef<Fr>, bytes: &[UInt8<Fr>]) -> Result<FpVar<Fr>, R1csError> {
    let (Some((last, head)), 32) = (bytes.split_last(), bytes.len()) else {
        return Err(R1csError::Path(format!("a {}-byte digest", bytes.len())));
    };
    // Little-endian bits of the big-endian integer: the last byte first.
    let mut bits = Vec::with_capacity(248);
    for byte in head.iter().rev() {
        bits.extend(byte.to_bits_le()?);
    }
    let c1 = Boolean::le_bits_to_fp(&bits)?;
    let c2 = Boolean::le_bits_to_fp(&last.to_bits_le()?)?;
    poseidon::gadget(cs, &[FpVar::constant(Fr::from(32u64)), c1, c2])
}

/// Verifying one path of a hybrid tree: `lower` makes levels 1 to `split - 1`, the
/// node at `split - 1` is lifted, and circom's Poseidon makes levels `split` and up.
#[derive(Clone, Debug)]
pub struct HybridPathCircuit {
    /// The byte hash below the split.
    pub lower: R1csHash,
    /// The first level of field digests, from 1 to the path's depth.
    pub split: usize,
    /// The path: byte siblings at levels below `split - 1`, field siblings (already
    /// lifted) from there, and a field root.
    pub witness: PathWitness,
}

impl HybridPathCircuit {
    fn check(&self) -> Result<usize, R1csError> {
        if !self.lower.byte_digests() {
            return Err(R1csError::DigestKind {
                hash: self.lower.name(),
                expected: "byte (below the split)",
            });
        }
        let k = self.witness.arity();
        self.lower.check_arity(k)?;
        UPPER.check_arity(k)?;
        if !k.is_power_of_two() {
            return Err(R1csError::Arity {
                hash: self.lower.name(),
                given: k,
                expected: "a power of two for index bits",
            });
        }
        if self.split == 0 || self.split > self.witness.levels.len() {
            return Err(R1csError::Path(format!(
                "split {} outside 1 to the depth {}",
                self.split,
                self.witness.levels.len()
            )));
        }
        Ok(k)
    }

    /// The root this path leads to, computed natively.
    pub fn computed_root(&self) -> Result<Value, R1csError> {
        let mut node = self.witness.leaf;
        for (i, level) in self.witness.levels.iter().enumerate() {
            if i + 1 == self.split {
                let Value::Bytes(b) = node else {
                    return Err(R1csError::Path("a field digest below the split".into()));
                };
                node = Value::Field(lift(&b)?);
            }
            let mut children = level.siblings.clone();
            if level.position > children.len() {
                return Err(R1csError::Path(format!("position {}", level.position)));
            }
            children.insert(level.position, node);
            let hash = if i + 1 < self.split {
                self.lower
            } else {
                UPPER
            };
            node = hash.compress(&children)?;
        }
        Ok(node)
    }

    /// Everything after the leaf digest: siblings and index bits, the selections, the
    /// compressions of both hashes, the lift, the public root and its equality.
    pub fn verify_from(
        &self,
        cs: &ConstraintSystemRef<Fr>,
        leaf: NodeVar,
    ) -> Result<(), R1csError> {
        let k = self.check()?;
        let bits_per_level = k.trailing_zeros() as usize;
        let mut node = leaf;
        for (i, level) in self.witness.levels.iter().enumerate() {
            if level.siblings.len() + 1 != k || level.position >= k {
                return Err(R1csError::Path("levels of different arities".into()));
            }
            if i + 1 == self.split {
                let NodeVar::Bytes(b) = &node else {
                    return Err(R1csError::Path("a field digest below the split".into()));
                };
                node = NodeVar::Field(lift_var(cs, b)?);
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
            let hash = if i + 1 < self.split {
                self.lower
            } else {
                UPPER
            };
            node = hash.compress_var(cs, &children)?;
        }
        node.enforce_root(cs, &self.witness.root)
    }
}

impl ConstraintSynthesizer<Fr> for HybridPathCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let leaf = NodeVar::witness(&cs, &self.witness.leaf)?;
        self.verify_from(&cs, leaf)
            .map_err(|_| SynthesisError::Unsatisfiable)
    }
}

/// A random hybrid path of `depth` levels at arity `k` with the split at `split`,
/// from a seeded generator, its root computed natively.
pub fn sample_hybrid_path(
    lower: R1csHash,
    k: usize,
    depth: usize,
    split: usize,
    seed: u64,
) -> Result<HybridPathCircuit, R1csError> {
    let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(seed);
    let leaf = Value::Bytes(rng.gen());
    let levels = (0..depth)
        .map(|i| Level {
            position: rng.gen_range(0..k),
            siblings: (1..k)
                .map(|_| {
                    if i + 1 < split {
                        Value::Bytes(rng.gen())
                    } else {
                        Value::Field(Fr::rand(&mut rng))
                    }
                })
                .collect(),
        })
        .collect();
    let mut circuit = HybridPathCircuit {
        lower,
        split,
        witness: PathWitness {
            leaf,
            levels,
            root: leaf,
        },
    };
    circuit.check()?;
    circuit.witness.root = circuit.computed_root()?;
    Ok(circuit)
}

/// Verifying one hybrid path of `depth` levels at arity `k` (a power of two), split at
/// `split`, the leaf digest given, measured as [`crate::path_cost`] measures a path.
pub fn hybrid_path_cost(
    lower: R1csHash,
    k: usize,
    depth: usize,
    split: usize,
) -> Result<Cost, R1csError> {
    let circuit = sample_hybrid_path(lower, k, depth, split, 3)?;
    measure(
        &format!("{lower} to {UPPER} path, arity {k}, depth {depth}, split {split}"),
        |cs| NodeVar::witness(cs, &circuit.witness.leaf).map_err(R1csError::from),
        |cs, leaf| circuit.verify_from(cs, leaf),
    )
}

/// The lift of one private 32-byte digest.
pub fn lift_cost() -> Result<Cost, R1csError> {
    let digest: [u8; 32] = ark_std::rand::rngs::StdRng::seed_from_u64(4).gen();
    measure(
        "the lift of a byte digest",
        |cs| UInt8::new_witness_vec(cs.clone(), &digest).map_err(R1csError::from),
        |cs, bytes| lift_var(cs, &bytes).map(|_| ()),
    )
}
