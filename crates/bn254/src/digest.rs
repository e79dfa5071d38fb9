//! [`Bn254Digest`]: one BN254 scalar field element as a tree node.
//!
//! Text is decimal, as circom, circomlibjs and zk-kit print field elements. Bytes are
//! the 32-byte big-endian integer: what Solidity's `uint256` and circomlibjs' hex print,
//! and the order in which bytewise comparison is numeric comparison, so
//! [`merklab_core::PairOrder::Sorted`] sorts the same whether it looks at the element or
//! at its bytes.

use std::fmt;
use std::str::FromStr;

use ark_ff::{BigInt, BigInteger, PrimeField};
use merklab_core::{DecodeError, Digest};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Bn254Error, Fr};

/// The BN254 scalar field modulus r, in decimal (the limit every element is below).
pub const MODULUS_DECIMAL: &str =
    "21888242871839275222246405745257275088548364400416034343698204186575808495617";

/// A node of a BN254 tree: one scalar field element, ordered as an integer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Bn254Digest(pub Fr);

impl Bn254Digest {
    /// The element of a small integer.
    pub fn from_u64(value: u64) -> Self {
        Self(Fr::from(value))
    }

    /// Parses a decimal number below the modulus (leading zeros allowed, no sign, no
    /// separators): the value is taken as written, never reduced.
    pub fn from_decimal(text: &str) -> Result<Self, Bn254Error> {
        let not_decimal = || Bn254Error::NotDecimal {
            value: text.to_string(),
        };
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_decimal());
        }
        let too_large = || Bn254Error::TooLarge {
            value: text.to_string(),
            modulus: MODULUS_DECIMAL,
        };
        // Little-endian u64 limbs; a carry out of the top limb is a number above 2^256.
        let mut limbs = [0u64; 4];
        for digit in text.bytes().map(|b| u64::from(b - b'0')) {
            let mut carry = digit;
            for limb in &mut limbs {
                let wide = u128::from(*limb) * 10 + u128::from(carry);
                *limb = wide as u64;
                carry = (wide >> 64) as u64;
            }
            if carry != 0 {
                return Err(too_large());
            }
        }
        Fr::from_bigint(BigInt::new(limbs))
            .map(Self)
            .ok_or_else(too_large)
    }

    /// The 32-byte big-endian integer.
    pub fn to_be_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(&self.0.into_bigint().to_bytes_be());
        out
    }

    /// `0x` and 64 hex digits of the big-endian integer, as circomlibjs prints hashes.
    pub fn to_hex(&self) -> String {
        let digits: String = self
            .to_be_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("0x{digits}")
    }
}

impl fmt::Display for Bn254Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.into_bigint())
    }
}

impl fmt::Debug for Bn254Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Bn254Digest {
    type Err = Bn254Error;
    fn from_str(s: &str) -> Result<Self, Bn254Error> {
        Self::from_decimal(s)
    }
}

impl Digest for Bn254Digest {
    const BYTES: usize = 32;
    fn zero() -> Self {
        Self(Fr::from(0u64))
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
        let mut limbs = [0u64; 4];
        for (limb, chunk) in limbs.iter_mut().rev().zip(bytes.chunks_exact(8)) {
            let mut be = [0u8; 8];
            be.copy_from_slice(chunk);
            *limb = u64::from_be_bytes(be);
        }
        let value = BigInt::new(limbs);
        Fr::from_bigint(value)
            .map(Self)
            .ok_or_else(|| DecodeError::Invalid {
                field: "BN254 field element",
                why: format!("{value} is not below the modulus {MODULUS_DECIMAL}"),
            })
    }
}

impl Serialize for Bn254Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Bn254Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_decimal(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_the_field_modulus() {
        assert_eq!(Fr::MODULUS.to_string(), MODULUS_DECIMAL);
    }

    #[test]
    fn decimal_is_exact_and_bounded() {
        let below = "21888242871839275222246405745257275088548364400416034343698204186575808495616";
        let d = Bn254Digest::from_decimal(below).unwrap();
        assert_eq!(d.to_string(), below);
        assert_eq!(d.0, -Fr::from(1u64));
        assert_eq!(Bn254Digest::from_decimal("007").unwrap().to_string(), "7");
        assert_eq!(Bn254Digest::zero().to_string(), "0");
        for bad in [
            MODULUS_DECIMAL,
            &format!("{MODULUS_DECIMAL}0"),
            &"9".repeat(100),
        ] {
            assert_eq!(
                Bn254Digest::from_decimal(bad),
                Err(Bn254Error::TooLarge {
                    value: bad.to_string(),
                    modulus: MODULUS_DECIMAL
                })
            );
        }
        for bad in ["", "-1", "0x10", "1_000", " 1", "1e3"] {
            assert!(matches!(
                Bn254Digest::from_decimal(bad),
                Err(Bn254Error::NotDecimal { .. })
            ));
        }
    }

    #[test]
    fn bytes_are_big_endian_and_checked() {
        let d = Bn254Digest::from_u64(0x0102);
        let mut bytes = Vec::new();
        d.write_bytes(&mut bytes);
        assert_eq!(bytes.len(), 32);
        assert_eq!(&bytes[30..], &[1, 2]);
        assert!(bytes[..30].iter().all(|&b| b == 0));
        assert_eq!(Bn254Digest::read_bytes(&bytes).unwrap(), d);
        assert_eq!(
            Bn254Digest::read_bytes(&bytes[1..]),
            Err(DecodeError::DigestLength {
                expected: 32,
                found: 31
            })
        );
        assert!(Bn254Digest::read_bytes(&[0xff; 32]).is_err());
        assert_eq!(
            d.to_hex(),
            "0x0000000000000000000000000000000000000000000000000000000000000102"
        );
    }

    #[test]
    fn order_is_numeric() {
        let small = Bn254Digest::from_u64(2);
        let large = Bn254Digest::from_decimal(&format!("1{}", "0".repeat(70))).unwrap();
        assert!(small < large);
        assert!(small.to_be_bytes() < large.to_be_bytes());
    }

    #[test]
    fn json_is_a_decimal_string() {
        let d = Bn254Digest::from_u64(42);
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"42\"");
        assert_eq!(serde_json::from_str::<Bn254Digest>("\"42\"").unwrap(), d);
        assert!(serde_json::from_str::<Bn254Digest>(&format!("\"{MODULUS_DECIMAL}\"")).is_err());
    }
}
