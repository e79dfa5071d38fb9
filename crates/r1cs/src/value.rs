//! Digests outside ([`Value`]) and inside ([`NodeVar`]) the circuit.

use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};

use crate::{Fr, R1csError};

/// A native digest: 32 bytes (the byte hashes) or one BN254 scalar field element
/// (Poseidon, and the x coordinate of a Pedersen or Bowe-Hopwood point).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A byte hash's digest.
    Bytes([u8; 32]),
    /// A field element.
    Field(Fr),
}

/// A digest inside the circuit.
#[derive(Clone, Debug)]
pub enum NodeVar {
    /// 32 bytes, each eight boolean variables.
    Bytes(Vec<UInt8<Fr>>),
    /// One field element.
    Field(FpVar<Fr>),
}

impl NodeVar {
    /// Allocates `value` as a private witness.
    pub fn witness(cs: &ConstraintSystemRef<Fr>, value: &Value) -> Result<Self, SynthesisError> {
        Ok(match value {
            Value::Bytes(b) => NodeVar::Bytes(UInt8::new_witness_vec(cs.clone(), b)?),
            Value::Field(f) => NodeVar::Field(FpVar::new_witness(cs.clone(), || Ok(*f))?),
        })
    }

    /// `cond ? a : b`, digest by digest (a select per byte bit, or one per element).
    pub fn select(cond: &Boolean<Fr>, a: &Self, b: &Self) -> Result<Self, R1csError> {
        match (a, b) {
            (NodeVar::Bytes(x), NodeVar::Bytes(y)) => Ok(NodeVar::Bytes(
                x.iter()
                    .zip(y)
                    .map(|(p, q)| cond.select(p, q))
                    .collect::<Result<_, _>>()?,
            )),
            (NodeVar::Field(x), NodeVar::Field(y)) => Ok(NodeVar::Field(cond.select(x, y)?)),
            _ => Err(R1csError::Path(
                "a level mixes byte and field digests".into(),
            )),
        }
    }

    /// Enforces that this digest equals the public `root`, which is allocated here as
    /// public input: one element, or two 128-bit halves of a byte digest (the bytes in
    /// order, each byte's bits little-endian), so a verifier passes two field elements
    /// rather than 256 bits.
    pub fn enforce_root(
        &self,
        cs: &ConstraintSystemRef<Fr>,
        root: &Value,
    ) -> Result<(), R1csError> {
        match (self, root) {
            (NodeVar::Field(x), Value::Field(r)) => {
                let public = FpVar::new_input(cs.clone(), || Ok(*r))?;
                x.enforce_equal(&public)?;
            }
            (NodeVar::Bytes(x), Value::Bytes(r)) => {
                for (half, expected) in x.chunks(16).zip(root_inputs(r)) {
                    let public = FpVar::new_input(cs.clone(), || Ok(expected))?;
                    let bits: Vec<Boolean<Fr>> = half
                        .iter()
                        .map(|b| b.to_bits_le())
                        .collect::<Result<Vec<_>, _>>()?
                        .concat();
                    Boolean::le_bits_to_fp(&bits)?.enforce_equal(&public)?;
                }
            }
            _ => {
                return Err(R1csError::Path(
                    "the root is not of the path's digest kind".into(),
                ))
            }
        }
        Ok(())
    }

    /// The value the witness assigned (None in setup mode).
    pub fn value(&self) -> Option<Value> {
        match self {
            NodeVar::Bytes(b) => {
                let mut out = [0u8; 32];
                for (o, v) in out.iter_mut().zip(b) {
                    *o = v.value().ok()?;
                }
                Some(Value::Bytes(out))
            }
            NodeVar::Field(f) => f.value().ok().map(Value::Field),
        }
    }
}

/// The public inputs a root contributes, in allocation order.
pub fn root_inputs(root: &[u8; 32]) -> [Fr; 2] {
    let half = |bytes: &[u8]| {
        let mut le = [0u8; 16];
        le.copy_from_slice(bytes);
        Fr::from(u128::from_le_bytes(le))
    };
    [half(&root[..16]), half(&root[16..])]
}

impl Value {
    /// The public inputs of a path whose root is this digest.
    pub fn public_inputs(&self) -> Vec<Fr> {
        match self {
            Value::Field(f) => vec![*f],
            Value::Bytes(b) => root_inputs(b).to_vec(),
        }
    }
}
