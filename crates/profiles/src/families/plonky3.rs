//! Plonky3's Poseidon2 hashes: byte leaves by the sponge over their injective limbs,
//! nodes the truncated permutation of two children (arity 2 only), digests
//! `[e0, ..., e7]` over BabyBear and KoalaBear and decimal over BN254.

use std::fmt;
use std::marker::PhantomData;

use merklab_core::{Compression, Digest, DomainTags};
use merklab_names::HashId;
use merklab_plonky3::{
    BytesLeaf, Digest8, Plonky3Error, Plonky3HashName, Poseidon2Bn254, Poseidon2Bn254Bytes,
    Poseidon2Compress, SmallField,
};

use super::{untagged, FieldFamily};
use crate::ProfileError;

/// The Poseidon2 hash of a 31-bit field (`poseidon2-babybear`, `poseidon2-koalabear`).
pub struct SmallFieldFamily<F>(PhantomData<fn() -> F>);

impl<F> Clone for SmallFieldFamily<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for SmallFieldFamily<F> {}

impl<F: SmallField> fmt::Display for SmallFieldFamily<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&F::HASH, f)
    }
}

impl<F: SmallField> FieldFamily for SmallFieldFamily<F> {
    type Digest = Digest8<F>;
    type LeafHash = BytesLeaf<F>;

    fn from_id(id: HashId) -> Option<Self> {
        (Plonky3HashName::from_id(id) == Some(F::HASH)).then_some(Self(PhantomData))
    }
    fn leaf_hash(self) -> BytesLeaf<F> {
        BytesLeaf::new()
    }
    fn compression<const K: usize>(
        self,
        tags: DomainTags,
    ) -> Result<impl Compression<K, Digest = Digest8<F>> + 'static, ProfileError> {
        untagged(self, tags)?;
        Pair::new(F::HASH, Poseidon2Compress::<F>::new())
    }
    fn parse_digest(text: &str) -> Result<Digest8<F>, ProfileError> {
        Ok(Digest8::parse(text)?)
    }
}

/// Poseidon2 over BN254, t = 3 (`poseidon2-bn254`).
#[derive(Clone, Copy, Debug)]
pub struct Poseidon2Bn254Family;

impl fmt::Display for Poseidon2Bn254Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Plonky3HashName::Poseidon2Bn254, f)
    }
}

impl FieldFamily for Poseidon2Bn254Family {
    type Digest = merklab_plonky3::Bn254Element;
    type LeafHash = Poseidon2Bn254Bytes;

    fn from_id(id: HashId) -> Option<Self> {
        (Plonky3HashName::from_id(id) == Some(Plonky3HashName::Poseidon2Bn254)).then_some(Self)
    }
    fn leaf_hash(self) -> Poseidon2Bn254Bytes {
        Poseidon2Bn254Bytes
    }
    fn compression<const K: usize>(
        self,
        tags: DomainTags,
    ) -> Result<impl Compression<K, Digest = Self::Digest> + 'static, ProfileError> {
        untagged(self, tags)?;
        Pair::new(Plonky3HashName::Poseidon2Bn254, Poseidon2Bn254)
    }
    fn parse_digest(text: &str) -> Result<Self::Digest, ProfileError> {
        Ok(text.parse()?)
    }
}

/// A 2-to-1 compression at the arity `K` a tree is instantiated with: a value exists
/// only for `K = 2` ([`Pair::new`]), so every group it compresses has two children.
struct Pair<C, const K: usize>(C);

impl<C, const K: usize> Pair<C, K> {
    fn new(hash: Plonky3HashName, inner: C) -> Result<Self, ProfileError> {
        if K != 2 {
            return Err(Plonky3Error::Arity {
                hash: hash.name(),
                given: K,
            }
            .into());
        }
        Ok(Self(inner))
    }
}

impl<D: Digest, C: Compression<2, Digest = D>, const K: usize> Compression<K> for Pair<C, K> {
    type Digest = D;
    fn compress(&self, children: &[D; K]) -> D {
        self.0.compress(&[children[0], children[1]])
    }
    fn compress_short_group(&self, children: &[D]) -> D {
        self.0.compress_short_group(children)
    }
    fn compress_batch(&self, children: &[D], out: &mut [D]) {
        self.0.compress_batch(children, out)
    }
}
