//! [`Bn254Element`]: one BN254 scalar field element as a tree node.
//!
//! Text is decimal, as Plonky3 prints a `Bn254` and as circom and Noir tooling read
//! field elements. The canonical bytes are the 32-byte big-endian integer, the order in
//! which bytewise comparison is numeric comparison (what Solidity's `uint256` holds);
//! Plonky3's own serde form is its internal Montgomery limbs, which is not the value.
//! Values at or above the modulus are refused, never reduced.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use merklab_core::{DecodeError, Digest};
use num_bigint::BigUint;
use p3_bn254::Bn254;
use p3_field::{Field, PrimeCharacteristicRing, PrimeField};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Plonky3Error;

/// The BN254 scalar field modulus r, in decimal.
pub const BN254_MODULUS_DECIMAL: &str =
    "21888242871839275222246405745257275088548364400416034343698204186575808495617";

const FIELD: &str = "BN254";

/// A node of a `poseidon2-bn254` tree: one scalar field element, ordered as an integer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Bn254Element(pub Bn254);

impl Bn254Element {
    /// The element of a small integer.
    pub fn from_u64(value: u64) -> Self {
        Self(Bn254::from_u64(value))
    }

    /// The canonical value.
    pub fn to_biguint(&self) -> BigUint {
        self.0.as_canonical_biguint()
    }

    /// The element of an integer below the modulus.
    pub fn from_biguint(value: &BigUint) -> Result<Self, Plonky3Error> {
        if *value >= Bn254::order() {
            return Err(Plonky3Error::TooLarge {
                value: value.to_string(),
                field: FIELD,
                modulus: BN254_MODULUS_DECIMAL.to_string(),
            });
        }
        Bn254::from_biguint(value.clone())
            .map(Self)
            .ok_or_else(|| Plonky3Error::TooLarge {
                value: value.to_string(),
                field: FIELD,
                modulus: BN254_MODULUS_DECIMAL.to_string(),
            })
    }

    /// Parses a decimal number below the modulus (leading zeros allowed, no sign).
    pub fn from_decimal(text: &str) -> Result<Self, Plonky3Error> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Plonky3Error::NotDecimal {
                value: text.to_string(),
                field: FIELD,
            });
        }
        let value =
            BigUint::parse_bytes(text.as_bytes(), 10).ok_or_else(|| Plonky3Error::NotDecimal {
                value: text.to_string(),
                field: FIELD,
            })?;
        Self::from_biguint(&value)
    }

    /// The 32-byte big-endian integer.
    pub fn to_be_bytes(&self) -> [u8; 32] {
        let digits = self.to_biguint().to_bytes_be();
        let mut out = [0u8; 32];
        out[32 - digits.len()..].copy_from_slice(&digits);
        out
    }
}

impl fmt::Display for Bn254Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_biguint())
    }
}

impl fmt::Debug for Bn254Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Bn254Element {
    type Err = Plonky3Error;
    fn from_str(s: &str) -> Result<Self, Plonky3Error> {
        Self::from_decimal(s)
    }
}

impl Ord for Bn254Element {
    fn cmp(&self, other: &Self) -> Ordering {
        self.to_be_bytes().cmp(&other.to_be_bytes())
    }
}

impl PartialOrd for Bn254Element {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Digest for Bn254Element {
    const BYTES: usize = 32;
    fn zero() -> Self {
        Self(Bn254::ZERO)
    }
    fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_be_bytes());
    }
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes.len() != Self::BYTES {
            return Err(DecodeError::DigestLength {
                expected: Self::BYTES,
                found: bytes.len(),
            });
        }
        Self::from_biguint(&BigUint::from_bytes_be(bytes)).map_err(|e| DecodeError::Invalid {
            field: "BN254 field element",
            why: e.to_string(),
        })
    }
}

impl Serialize for Bn254Element {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Bn254Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_decimal(&text).map_err(serde::de::Error::custom)
    }
}
