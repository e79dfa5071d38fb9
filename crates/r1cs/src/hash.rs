//! [`R1csHash`]: the hashes with a BN254 circuit here, and why the others have none.

use std::fmt;
use std::str::FromStr;

use ark_r1cs_std::fields::fp::FpVar;
use ark_relations::gr1cs::ConstraintSystemRef;
use merklab_names::{HashId, HashKind};

use crate::gadgets::keccak::{self, Padding};
use crate::gadgets::{blake2s, bowe_hopwood, pedersen, poseidon, sha256};
use crate::{Fr, NodeVar, R1csError, Value};

/// Runs `$body` with `$K` the arity of `$children` (2, 4, 8 or 16, checked by the
/// caller) and `$c` the children as an array.
macro_rules! with_curve_arity {
    ($children:expr, $K:ident, $c:ident => $body:expr) => {
        match $children.len() {
            2 => curve_arm!($children, 2, $K, $c => $body),
            4 => curve_arm!($children, 4, $K, $c => $body),
            8 => curve_arm!($children, 8, $K, $c => $body),
            _ => curve_arm!($children, 16, $K, $c => $body),
        }
    };
}

macro_rules! curve_arm {
    ($children:expr, $k:literal, $K:ident, $c:ident => $body:expr) => {{
        const $K: usize = $k;
        let $c: [_; $K] = $children
            .clone()
            .try_into()
            .map_err(|_| R1csError::Path("arity checked above".into()))?;
        $body
    }};
}

/// A hash whose node compression has an R1CS gadget over BN254.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum R1csHash {
    /// SHA-256 over the children's bytes (`sha256`).
    Sha256,
    /// BLAKE2s-256 over the children's bytes (`blake2s-256`).
    Blake2s,
    /// Keccak-256 over the children's bytes (`keccak-256`), a gadget of this crate.
    Keccak256,
    /// SHA3-256 over the children's bytes (`sha3-256`), the same gadget, SHA3's padding.
    Sha3_256,
    /// circom's Poseidon over the children (`poseidon-bn254`).
    PoseidonBn254,
    /// Pedersen over `ed_on_bn254`, seeded bases (a cost row only).
    Pedersen,
    /// Bowe-Hopwood Pedersen over `ed_on_bn254`, seeded bases (a cost row only).
    BoweHopwood,
}

impl R1csHash {
    /// Every hash with a gadget.
    pub const ALL: [Self; 7] = [
        Self::Sha256,
        Self::Blake2s,
        Self::Keccak256,
        Self::Sha3_256,
        Self::PoseidonBn254,
        Self::Pedersen,
        Self::BoweHopwood,
    ];

    /// The registry entry it computes, for the hashes merklab builds trees with.
    pub const fn id(self) -> Option<HashId> {
        match self {
            Self::Sha256 => Some(HashId::Sha256),
            Self::Blake2s => Some(HashId::Blake2s256),
            Self::Keccak256 => Some(HashId::Keccak256),
            Self::Sha3_256 => Some(HashId::Sha3_256),
            Self::PoseidonBn254 => Some(HashId::PoseidonBn254),
            Self::Pedersen | Self::BoweHopwood => None,
        }
    }

    /// The gadget of a registry entry, if it has one.
    pub fn from_id(id: HashId) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.id() == Some(id))
    }

    /// The name in tables: the registry's, or the curve CRH's own.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sha256 => HashId::Sha256.name(),
            Self::Blake2s => HashId::Blake2s256.name(),
            Self::Keccak256 => HashId::Keccak256.name(),
            Self::Sha3_256 => HashId::Sha3_256.name(),
            Self::PoseidonBn254 => HashId::PoseidonBn254.name(),
            Self::Pedersen => "pedersen-ed-on-bn254",
            Self::BoweHopwood => "bhp-ed-on-bn254",
        }
    }

    /// The arities its circuit builds, in words.
    pub const fn arities(self) -> &'static str {
        match self {
            Self::Sha256 | Self::Blake2s | Self::Keccak256 | Self::Sha3_256 => "2 to 16",
            Self::PoseidonBn254 => "2 to 12",
            Self::Pedersen | Self::BoweHopwood => "2, 4, 8 or 16",
        }
    }

    /// Whether the circuit builds arity `k`.
    pub const fn supports(self, k: usize) -> bool {
        match self {
            Self::Sha256 | Self::Blake2s | Self::Keccak256 | Self::Sha3_256 => k >= 2 && k <= 16,
            Self::PoseidonBn254 => k >= 2 && k <= merklab_bn254::MAX_ARITY,
            Self::Pedersen | Self::BoweHopwood => matches!(k, 2 | 4 | 8 | 16),
        }
    }

    /// Refuses an arity the circuit does not build.
    pub fn check_arity(self, k: usize) -> Result<(), R1csError> {
        if self.supports(k) {
            Ok(())
        } else {
            Err(R1csError::Arity {
                hash: self.name(),
                given: k,
                expected: self.arities(),
            })
        }
    }

    /// Whether its digests are bytes (else field elements).
    pub const fn byte_digests(self) -> bool {
        matches!(
            self,
            Self::Sha256 | Self::Blake2s | Self::Keccak256 | Self::Sha3_256
        )
    }

    fn kind_error(self) -> R1csError {
        R1csError::DigestKind {
            hash: self.name(),
            expected: if self.byte_digests() {
                "32-byte"
            } else {
                "field-element"
            },
        }
    }

    /// The node compression computed natively (merklab's backend for the registry
    /// hashes, arkworks' native CRH for the curve hashes).
    pub fn compress(self, children: &[Value]) -> Result<Value, R1csError> {
        self.check_arity(children.len())?;
        if self.byte_digests() {
            let bytes = children
                .iter()
                .map(|c| match c {
                    Value::Bytes(b) => Ok(*b),
                    Value::Field(_) => Err(self.kind_error()),
                })
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Value::Bytes(match self {
                Self::Sha256 => sha256::native(&bytes),
                Self::Keccak256 => keccak::native(Padding::Keccak, &bytes),
                Self::Sha3_256 => keccak::native(Padding::Sha3, &bytes),
                _ => blake2s::native(&bytes),
            }));
        }
        let fields = children
            .iter()
            .map(|c| match c {
                Value::Field(f) => Ok(*f),
                Value::Bytes(_) => Err(self.kind_error()),
            })
            .collect::<Result<Vec<Fr>, _>>()?;
        Ok(Value::Field(match self {
            Self::PoseidonBn254 => poseidon::native(&fields)?,
            Self::Pedersen => with_curve_arity!(fields, K, c => pedersen::native::<K>(&c)),
            _ => with_curve_arity!(fields, K, c => bowe_hopwood::native::<K>(&c)),
        }))
    }

    /// The node compression as a gadget over `children`.
    pub fn compress_var(
        self,
        cs: &ConstraintSystemRef<Fr>,
        children: &[NodeVar],
    ) -> Result<NodeVar, R1csError> {
        self.check_arity(children.len())?;
        if self.byte_digests() {
            let mut bytes = Vec::with_capacity(32 * children.len());
            for c in children {
                match c {
                    NodeVar::Bytes(b) => bytes.extend(b.iter().cloned()),
                    NodeVar::Field(_) => return Err(self.kind_error()),
                }
            }
            return Ok(NodeVar::Bytes(match self {
                Self::Sha256 => sha256::gadget(&bytes)?,
                Self::Keccak256 => keccak::gadget(Padding::Keccak, &bytes)?,
                Self::Sha3_256 => keccak::gadget(Padding::Sha3, &bytes)?,
                _ => blake2s::gadget(&bytes)?,
            }));
        }
        let fields = children
            .iter()
            .map(|c| match c {
                NodeVar::Field(f) => Ok(f.clone()),
                NodeVar::Bytes(_) => Err(self.kind_error()),
            })
            .collect::<Result<Vec<FpVar<Fr>>, _>>()?;
        Ok(NodeVar::Field(match self {
            Self::PoseidonBn254 => poseidon::gadget(cs, &fields)?,
            Self::Pedersen => with_curve_arity!(fields, K, c => pedersen::gadget::<K>(cs, &c)?),
            _ => with_curve_arity!(fields, K, c => bowe_hopwood::gadget::<K>(cs, &c)?),
        }))
    }
}

impl fmt::Display for R1csHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for R1csHash {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|h| {
                h.name() == s
                    || h.id()
                        .is_some_and(|id| s.parse::<HashId>().ok() == Some(id))
            })
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|h| h.name()).collect();
                format!(
                    "'{s}' has no BN254 circuit here (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// Why a registry hash has no BN254 gadget here, or None if it has one.
pub fn missing_gadget(id: HashId) -> Option<&'static str> {
    if R1csHash::from_id(id).is_some() {
        return None;
    }
    Some(match id {
        HashId::Blake3 => {
            "no BLAKE3 gadget in arkworks 0.6 (ark-crypto-primitives' blake3 is native only)"
        }
        HashId::Blake2b256 => "no BLAKE2b gadget in arkworks 0.6 (BLAKE2s only)",
        _ if matches!(
            id.kind(),
            HashKind::AleoField | HashKind::AleoLeaf | HashKind::Arc0102
        ) =>
        {
            "an Aleo hash: its circuit is over Aleo's field (the Aleo counts)"
        }
        _ => "no BN254 gadget here",
    })
}
