//! [`WordDigest`]: a Miden `Word` as a tree node.
//!
//! Bytes are what miden-crypto serializes a word as: each element's canonical value as 8
//! little-endian bytes, elements in order. Text is `0x` and those bytes in hex, as
//! `Word::to_hex` and Miden's tools print it. A value at or above the modulus, in bytes or
//! in text, is refused rather than reduced: a reduced value would be a second spelling of
//! the same word.

use std::fmt;
use std::str::FromStr;

use merklab_core::{DecodeError, Digest};
use miden_crypto::{Felt, Word};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::MidenError;

/// The Goldilocks modulus, 2^64 - 2^32 + 1: every element is below it.
pub const MODULUS: u64 = Felt::ORDER;

/// A node of a Miden tree: four Goldilocks elements, held as miden-crypto's `Word`.
///
/// `Ord` is the `Word`'s own: the elements read as the limbs of one integer, the last
/// element most significant.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct WordDigest(pub Word);

impl WordDigest {
    /// The word of four canonical element values; one at or above the modulus is refused.
    pub fn from_u64s(values: [u64; 4]) -> Result<Self, MidenError> {
        let mut elements = [Felt::ZERO; 4];
        for (index, (slot, value)) in elements.iter_mut().zip(values).enumerate() {
            *slot = Felt::new(value).map_err(|_| MidenError::Element {
                index,
                element: value,
                modulus: MODULUS,
            })?;
        }
        Ok(Self(Word::new(elements)))
    }

    /// The four elements' canonical values.
    pub fn to_u64s(&self) -> [u64; 4] {
        self.0.into_elements().map(|e| e.as_canonical_u64())
    }

    /// The 32 bytes miden-crypto serializes the word as.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.as_bytes()
    }

    /// `0x` and 64 hex digits, as Miden prints a word.
    pub fn to_hex(&self) -> String {
        self.0.to_hex()
    }

    /// Parses the form [`WordDigest::to_hex`] prints (either case of hex digits); an element
    /// at or above the modulus is refused.
    pub fn from_hex(text: &str) -> Result<Self, MidenError> {
        let not_word = || MidenError::NotWord {
            value: text.to_string(),
        };
        let digits = text.strip_prefix("0x").ok_or_else(not_word)?;
        let bytes: [u8; 32] = hex::decode(digits)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(not_word)?;
        Self::from_u64s(limbs(&bytes)).map_err(|e| match e {
            MidenError::Element {
                index,
                element,
                modulus,
            } => MidenError::TooLarge {
                value: text.to_string(),
                index,
                element,
                modulus,
            },
            other => other,
        })
    }
}

/// The four little-endian u64s of 32 bytes.
fn limbs(bytes: &[u8; 32]) -> [u64; 4] {
    let (chunks, _) = bytes.as_chunks::<8>();
    std::array::from_fn(|i| u64::from_le_bytes(chunks[i]))
}

impl fmt::Display for WordDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for WordDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for WordDigest {
    type Err = MidenError;
    fn from_str(s: &str) -> Result<Self, MidenError> {
        Self::from_hex(s)
    }
}

impl Digest for WordDigest {
    const BYTES: usize = 32;
    fn zero() -> Self {
        Self(Word::empty())
    }
    fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let array: &[u8; 32] = bytes.try_into().map_err(|_| DecodeError::DigestLength {
            expected: Self::BYTES,
            found: bytes.len(),
        })?;
        Self::from_u64s(limbs(array)).map_err(|e| DecodeError::Invalid {
            field: "Miden word",
            why: e.to_string(),
        })
    }
}

impl Serialize for WordDigest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WordDigest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use miden_crypto::utils::{Deserializable, Serializable};

    use super::*;

    fn sample() -> WordDigest {
        WordDigest::from_u64s([1, 0x0102, MODULUS - 1, 1 << 40]).unwrap()
    }

    #[test]
    fn the_limit_is_the_goldilocks_modulus() {
        assert_eq!(MODULUS, 0xffff_ffff_0000_0001);
    }

    #[test]
    fn bytes_are_miden_serialization_and_checked() {
        let d = sample();
        let mut ours = Vec::new();
        d.write_bytes(&mut ours);
        assert_eq!(ours, d.0.to_bytes());
        assert_eq!(WordDigest::read_bytes(&ours).unwrap(), d);
        assert_eq!(Word::read_from_bytes(&ours).unwrap(), d.0);
        let mut high = ours.clone();
        high[16..24].copy_from_slice(&MODULUS.to_le_bytes());
        let err = WordDigest::read_bytes(&high).unwrap_err().to_string();
        assert!(err.contains("element 2 is 18446744069414584321"), "{err}");
        assert!(Word::read_from_bytes(&high).is_err());
        assert_eq!(
            WordDigest::read_bytes(&ours[1..]),
            Err(DecodeError::DigestLength {
                expected: 32,
                found: 31
            })
        );
    }

    #[test]
    fn text_is_miden_hex_and_checked() {
        let d = sample();
        let text = d.to_string();
        assert_eq!(text, d.0.to_hex());
        assert_eq!(text.len(), 66);
        assert!(text.starts_with("0x0100000000000000"), "{text}");
        assert_eq!(text.parse::<WordDigest>().unwrap(), d);
        assert_eq!(
            text.to_uppercase()
                .replace("0X", "0x")
                .parse::<WordDigest>()
                .unwrap(),
            d
        );
        let too_large = format!("0x{}{}", "00".repeat(8), "ff".repeat(24));
        assert_eq!(
            too_large.parse::<WordDigest>(),
            Err(MidenError::TooLarge {
                value: too_large.clone(),
                index: 1,
                element: u64::MAX,
                modulus: MODULUS
            })
        );
        for bad in [
            "",
            "0x",
            &text[2..],
            &text[..65],
            &format!("{text}00"),
            "0xzz",
            " 0x00",
        ] {
            assert!(
                matches!(bad.parse::<WordDigest>(), Err(MidenError::NotWord { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn order_is_the_words() {
        let a = WordDigest::from_u64s([5, 0, 0, 1]).unwrap();
        let b = WordDigest::from_u64s([1, 0, 0, 2]).unwrap();
        assert!(a < b);
        assert_eq!(a.cmp(&b), a.0.cmp(&b.0));
    }

    #[test]
    fn json_is_the_hex_string() {
        let d = sample();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{}\"", d.to_hex()));
        assert_eq!(serde_json::from_str::<WordDigest>(&json).unwrap(), d);
        let value = serde_json::to_value(d).unwrap();
        assert_eq!(serde_json::from_value::<WordDigest>(value).unwrap(), d);
        assert!(serde_json::from_str::<WordDigest>("\"0x12\"").is_err());
    }
}
