//! The three pluggable pieces: encoder, leaf hash and N-to-1 compression.

use crate::digest::Digest;

/// Turns a typed value into a hash input (bytes or field elements).
///
/// An encoder is one idea: how values become hash input. It knows nothing of
/// hashing or trees. Encoding may fail (a value outside the target domain).
pub trait Encoder<V: ?Sized> {
    /// What the encoding produces, for example `Vec<u8>` or a field element.
    type Output;
    /// Why a value cannot be encoded.
    type Error: std::error::Error + Send + Sync + 'static;
    /// Encodes one value.
    fn encode(&self, value: &V) -> Result<Self::Output, Self::Error>;
}

/// Hashes one encoded leaf into a digest.
pub trait LeafHash: Send + Sync {
    /// The encoded input this hash takes.
    type Input: ?Sized;
    /// The digest it produces.
    type Digest: Digest;
    /// Hashes one leaf.
    fn hash_leaf(&self, input: &Self::Input) -> Self::Digest;

    /// Hashes `inputs[i]` into `out[i]` (`inputs.len() == out.len()`). Tree builds
    /// hand runs of leaves here; the default hashes them one by one, and a hash with
    /// a costly final step (a field inversion, as BHP's) can share it across the run.
    fn hash_leaf_batch(&self, inputs: &[&Self::Input], out: &mut [Self::Digest]) {
        for (input, slot) in inputs.iter().zip(out) {
            *slot = self.hash_leaf(input);
        }
    }
}

/// Compresses the `K` children of a node into one digest; the arity is in the type.
///
/// A group is an array of `K` children, so no call site can pass another number. The
/// one group of another size, the short last group of a layer under
/// [`crate::OddNode::Promote`] at arity above 2, has its own method.
pub trait Compression<const K: usize>: Send + Sync {
    /// The node type.
    type Digest: Digest;
    /// Compresses `children` (in the order the pair policy chose) into their parent.
    fn compress(&self, children: &[Self::Digest; K]) -> Self::Digest;

    /// Compresses the last group of a layer under [`crate::OddNode::Promote`] when it
    /// holds 2 to `K - 1` nodes (a lone node is carried up without hashing), in the
    /// order the pair policy chose. Never called at arity 2.
    ///
    /// There is no default: this parent is part of the tree's definition and changes
    /// every root above it, so each compression states it rather than inherit a
    /// choice nobody made. For a hash of the concatenated children it is the same
    /// hash over fewer inputs.
    fn compress_short_group(&self, children: &[Self::Digest]) -> Self::Digest;

    /// Compresses consecutive full groups: group `i` is `children[K*i..K*(i+1)]`, already
    /// in the pair policy's order, and its parent goes to `out[i]`
    /// (`children.len() == K * out.len()`).
    ///
    /// The tree builder hands whole runs of a layer here. The default compresses group
    /// by group; a hash with a costly final step (a field inversion, as Aleo's
    /// hash-to-group) can share that step across the batch.
    fn compress_batch(&self, children: &[Self::Digest], out: &mut [Self::Digest]) {
        for (group, slot) in children.as_chunks::<K>().0.iter().zip(out) {
            *slot = self.compress(group);
        }
    }
}

impl<const K: usize, C: Compression<K>> Compression<K> for &C {
    type Digest = C::Digest;
    fn compress(&self, children: &[Self::Digest; K]) -> Self::Digest {
        (**self).compress(children)
    }
    fn compress_short_group(&self, children: &[Self::Digest]) -> Self::Digest {
        (**self).compress_short_group(children)
    }
    fn compress_batch(&self, children: &[Self::Digest], out: &mut [Self::Digest]) {
        (**self).compress_batch(children, out)
    }
}

impl<L: LeafHash> LeafHash for &L {
    type Input = L::Input;
    type Digest = L::Digest;
    fn hash_leaf(&self, input: &Self::Input) -> Self::Digest {
        (**self).hash_leaf(input)
    }
    fn hash_leaf_batch(&self, inputs: &[&Self::Input], out: &mut [Self::Digest]) {
        (**self).hash_leaf_batch(inputs, out)
    }
}

/// Bytes pass through unchanged.
#[derive(Clone, Copy, Debug, Default)]
pub struct RawBytes;

impl<T: AsRef<[u8]> + ?Sized> Encoder<T> for RawBytes {
    type Output = Vec<u8>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &T) -> Result<Vec<u8>, Self::Error> {
        Ok(value.as_ref().to_vec())
    }
}

/// Strings as their UTF-8 bytes, integers as 8 little-endian bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Utf8Le;

impl Encoder<str> for Utf8Le {
    type Output = Vec<u8>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &str) -> Result<Vec<u8>, Self::Error> {
        Ok(value.as_bytes().to_vec())
    }
}

impl Encoder<u64> for Utf8Le {
    type Output = Vec<u8>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &u64) -> Result<Vec<u8>, Self::Error> {
        Ok(value.to_le_bytes().to_vec())
    }
}
