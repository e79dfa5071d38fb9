//! Field elements as tree digests, for trees whose nodes are Aleo `field`s
//! (Poseidon, BHP and Pedersen compressions, snarkVM's own Merkle layouts).

use std::cmp::Ordering;

use merklab_core::{DecodeError, Digest};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use snarkvm_console::prelude::{FromBytes, ToBytes, Zero};

use crate::literal::{format_field, parse_field};
use crate::Field;

/// An Aleo base-field element used as a tree node.
///
/// Ordered by its canonical integer value (for sorted pairs and leaves), encoded as
/// 32 little-endian bytes, and written in JSON as an Aleo literal (`"5field"`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldDigest(pub Field);

impl FieldDigest {
    /// The canonical 32 little-endian bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        // A field element always encodes in 32 bytes; the error arm cannot occur.
        if let Ok(bytes) = self.0.to_bytes_le() {
            let n = bytes.len().min(32);
            out[..n].copy_from_slice(&bytes[..n]);
        }
        out
    }
}

impl std::fmt::Debug for FieldDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_field(&self.0))
    }
}

impl std::fmt::Display for FieldDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_field(&self.0))
    }
}

impl Ord for FieldDigest {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.to_bytes(), other.to_bytes());
        a.iter().rev().cmp(b.iter().rev())
    }
}

impl PartialOrd for FieldDigest {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Digest for FieldDigest {
    const BYTES: usize = 32;
    fn zero() -> Self {
        Self(Field::zero())
    }
    fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes.len() != 32 {
            return Err(DecodeError::DigestLength {
                expected: 32,
                found: bytes.len(),
            });
        }
        Field::from_bytes_le(bytes)
            .map(Self)
            .map_err(|_| DecodeError::Invalid {
                field: "field digest",
                why: "not below the field modulus".into(),
            })
    }
}

impl Serialize for FieldDigest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_field(&self.0))
    }
}

impl<'de> Deserialize<'de> for FieldDigest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_field(&text)
            .map(Self)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_from_u128;

    #[test]
    fn orders_by_integer_value_and_round_trips() {
        let small = FieldDigest(field_from_u128(255));
        let big = FieldDigest(field_from_u128(256));
        let huge = FieldDigest(field_from_u128(u128::MAX));
        assert!(small < big && big < huge);
        for d in [small, big, huge, FieldDigest::zero()] {
            let mut bytes = Vec::new();
            d.write_bytes(&mut bytes);
            assert_eq!(FieldDigest::read_bytes(&bytes), Ok(d));
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<FieldDigest>(&json).unwrap(), d);
        }
        assert_eq!(serde_json::to_string(&big).unwrap(), "\"256field\"");
        assert!(FieldDigest::read_bytes(&[0xff; 32]).is_err());
        assert!(FieldDigest::read_bytes(&[0; 31]).is_err());
    }
}
