//! The node type of a tree: a fixed-size, ordered, copyable digest.

use std::fmt::Debug;
use std::hash::Hash;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zerocopy::{Immutable, IntoBytes};

use crate::error::DecodeError;

/// A tree node: what leaf hashes produce and compressions combine.
///
/// `Ord` is the order used by [`crate::PairOrder::Sorted`] and
/// [`crate::LeafOrder::Sorted`]; for byte digests it is bytewise.
pub trait Digest:
    Copy + Eq + Ord + Hash + Debug + Send + Sync + Serialize + DeserializeOwned + 'static
{
    /// Length of the canonical byte encoding.
    const BYTES: usize;
    /// The all-zero digest, used by [`crate::OddNode::Zero`] and as the empty leaf of
    /// [`crate::OddNode::Depth`].
    fn zero() -> Self;
    /// Appends the canonical `BYTES`-long encoding.
    fn write_bytes(&self, out: &mut Vec<u8>);
    /// Reads a canonical encoding of exactly `BYTES` bytes.
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError>;
}

/// A digest of `N` raw bytes, serialized as lowercase hex.
///
/// `repr(transparent)`, so a run of digests is one run of bytes
/// ([`ByteDigest::concat`]): a byte hash can read a group of children in place
/// instead of copying it into a message buffer first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, IntoBytes, Immutable)]
#[repr(transparent)]
pub struct ByteDigest<const N: usize>(pub [u8; N]);

impl<const N: usize> ByteDigest<N> {
    /// The digest as bytes.
    pub fn as_bytes(&self) -> &[u8; N] {
        &self.0
    }

    /// Every digest of `digests` one after another, without copying.
    pub fn concat(digests: &[Self]) -> &[u8] {
        IntoBytes::as_bytes(digests)
    }

    /// Lowercase hex of the digest.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses exactly `2 * N` hex digits.
    pub fn from_hex(text: &str) -> Result<Self, DecodeError> {
        let bytes = hex::decode(text.trim()).map_err(DecodeError::Hex)?;
        Self::read_bytes(&bytes)
    }
}

impl<const N: usize> Debug for ByteDigest<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_hex())
    }
}

impl<const N: usize> std::fmt::Display for ByteDigest<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_hex())
    }
}

impl<const N: usize> AsRef<[u8]> for ByteDigest<N> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl<const N: usize> Digest for ByteDigest<N> {
    const BYTES: usize = N;
    fn zero() -> Self {
        Self([0u8; N])
    }
    fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let array: [u8; N] = bytes.try_into().map_err(|_| DecodeError::DigestLength {
            expected: N,
            found: bytes.len(),
        })?;
        Ok(Self(array))
    }
}

impl<const N: usize> Serialize for ByteDigest<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de, const N: usize> Deserialize<'de> for ByteDigest<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// 64-bit digests (ARC-0102's `u64` nodes); encoded little-endian.
impl Digest for u64 {
    const BYTES: usize = 8;
    fn zero() -> Self {
        0
    }
    fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let array: [u8; 8] = bytes.try_into().map_err(|_| DecodeError::DigestLength {
            expected: 8,
            found: bytes.len(),
        })?;
        Ok(u64::from_le_bytes(array))
    }
}
