//! The 31-bit-field hashes of Plonky3's `MerkleTreeMmcs` examples, generic over the
//! field: [`RowLeaf`] (the sponge over a row of elements), [`BytesLeaf`] (the sponge
//! over a byte leaf's [`crate::limbs`]) and [`Poseidon2Compress`] (the truncated
//! permutation over two children).

use std::sync::OnceLock;

use merklab_core::{Compression, LeafHash};
use p3_field::integers::QuotientMap;
use p3_field::PrimeField32;
use p3_symmetric::{
    CryptographicHasher, CryptographicPermutation, PaddingFreeSponge, PseudoCompressionFunction,
    TruncatedPermutation,
};

use crate::{Digest8, Plonky3Error, DIGEST_ELEMS};

/// The permutation's width, as Plonky3's examples take it for an MMCS.
pub const WIDTH: usize = 16;
/// Elements the sponge absorbs per permutation.
pub const RATE: usize = 8;

/// A 31-bit field Plonky3 hashes over, with its default width-16 Poseidon2.
pub trait SmallField: PrimeField32 + QuotientMap<u32> + crate::simd::Packable {
    /// The field's name, as Plonky3 spells it.
    const NAME: &'static str;
    /// The registry's name of the field's Poseidon2 hash.
    const HASH: crate::Plonky3HashName;
    /// Plonky3's width-16 Poseidon2 over the field.
    type Perm: CryptographicPermutation<[Self; WIDTH]> + Send + Sync + 'static;
    /// The sponge and compression over the field's default permutation, built once.
    fn hashers() -> &'static Hashers<Self>;

    /// The element of `value`, or why it is not one: at or above the modulus is
    /// refused, never reduced, since a reduced value would be a second spelling.
    fn from_canonical(value: u32) -> Result<Self, Plonky3Error> {
        <Self as QuotientMap<u32>>::from_canonical_checked(value).ok_or_else(|| {
            Plonky3Error::TooLarge {
                value: value.to_string(),
                field: Self::NAME,
                modulus: Self::ORDER_U32.to_string(),
            }
        })
    }

    /// Parses one decimal element below the modulus (leading zeros allowed, no sign).
    fn from_decimal(text: &str) -> Result<Self, Plonky3Error> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Plonky3Error::NotDecimal {
                value: text.to_string(),
                field: Self::NAME,
            });
        }
        let too_large = || Plonky3Error::TooLarge {
            value: text.to_string(),
            field: Self::NAME,
            modulus: Self::ORDER_U32.to_string(),
        };
        let value: u32 = text.parse().map_err(|_| too_large())?;
        Self::from_canonical(value)
    }
}

/// Plonky3's MMCS hashers over one permutation: `PaddingFreeSponge<Perm, 16, 8, 8>`
/// for leaves and `TruncatedPermutation<Perm, 2, 8, 16>` for nodes.
#[derive(Clone, Debug)]
pub struct Hashers<F: SmallField> {
    /// The permutation itself, for batches the lane kernels do not take.
    pub perm: F::Perm,
    /// The leaf hash over a row of elements.
    pub sponge: PaddingFreeSponge<F::Perm, WIDTH, RATE, DIGEST_ELEMS>,
    /// The 2-to-1 node compression.
    pub compress: TruncatedPermutation<F::Perm, 2, DIGEST_ELEMS, WIDTH>,
}

impl<F: SmallField> Hashers<F> {
    /// Both over `perm`.
    pub fn new(perm: F::Perm) -> Self {
        Self {
            perm: perm.clone(),
            sponge: PaddingFreeSponge::new(perm.clone()),
            compress: TruncatedPermutation::new(perm),
        }
    }

    /// Built on first use in `cell`: a permutation copies its round constants.
    pub(crate) fn cached(
        cell: &'static OnceLock<Self>,
        perm: impl FnOnce() -> F::Perm,
    ) -> &'static Self {
        cell.get_or_init(|| Self::new(perm()))
    }
}

/// The leaf hash of a matrix row: the sponge over its elements, as `MerkleTreeMmcs`
/// hashes a row of one matrix.
#[derive(Debug)]
pub struct RowLeaf<F>(std::marker::PhantomData<fn() -> F>);

impl<F> RowLeaf<F> {
    /// The row hash.
    pub const fn new() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<F> Default for RowLeaf<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F> Clone for RowLeaf<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for RowLeaf<F> {}

impl<F: SmallField> LeafHash for RowLeaf<F> {
    type Input = [F];
    type Digest = Digest8<F>;
    fn hash_leaf(&self, row: &[F]) -> Digest8<F> {
        Digest8(F::hashers().sponge.hash_slice(row))
    }

    /// Rows of one length share their permutations' passes.
    fn hash_leaf_batch(&self, rows: &[&[F]], out: &mut [Digest8<F>]) {
        crate::batch::sponge(rows, out);
    }
}

/// The leaf hash of bytes: the sponge over [`crate::limbs::small_field`] of them.
#[derive(Debug)]
pub struct BytesLeaf<F>(std::marker::PhantomData<fn() -> F>);

impl<F> BytesLeaf<F> {
    /// The byte-leaf hash.
    pub const fn new() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<F> Default for BytesLeaf<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F> Clone for BytesLeaf<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for BytesLeaf<F> {}

impl<F: SmallField> LeafHash for BytesLeaf<F> {
    type Input = [u8];
    type Digest = Digest8<F>;
    fn hash_leaf(&self, data: &[u8]) -> Digest8<F> {
        let elements = crate::limbs::small_field(data).map(F::from_int);
        Digest8(F::hashers().sponge.hash_iter(elements))
    }

    /// Leaves of one length share their permutations' passes.
    fn hash_leaf_batch(&self, leaves: &[&[u8]], out: &mut [Digest8<F>]) {
        let rows: Vec<Vec<F>> = leaves
            .iter()
            .map(|data| crate::limbs::small_field(data).map(F::from_int).collect())
            .collect();
        let rows: Vec<&[F]> = rows.iter().map(Vec::as_slice).collect();
        crate::batch::sponge(&rows, out);
    }
}

/// The node compression: the first eight elements of the permutation of
/// `left || right`.
#[derive(Debug)]
pub struct Poseidon2Compress<F>(std::marker::PhantomData<fn() -> F>);

impl<F> Poseidon2Compress<F> {
    /// The 2-to-1 compression.
    pub const fn new() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<F> Default for Poseidon2Compress<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F> Clone for Poseidon2Compress<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for Poseidon2Compress<F> {}

impl<F: SmallField> Compression<2> for Poseidon2Compress<F> {
    type Digest = Digest8<F>;

    fn compress(&self, children: &[Digest8<F>; 2]) -> Digest8<F> {
        Digest8(
            F::hashers()
                .compress
                .compress([children[0].0, children[1].0]),
        )
    }

    /// The core never calls this at arity 2; a group is the permutation of its
    /// children with the missing ones zero, as the truncated permutation pads.
    fn compress_short_group(&self, children: &[Digest8<F>]) -> Digest8<F> {
        let mut pair = [[F::ZERO; DIGEST_ELEMS]; 2];
        for (slot, child) in pair.iter_mut().zip(children) {
            *slot = child.0;
        }
        Digest8(F::hashers().compress.compress(pair))
    }

    /// Sixteen (AVX-512) or eight (AVX2) nodes per pass of the lane kernel.
    fn compress_batch(&self, children: &[Digest8<F>], out: &mut [Digest8<F>]) {
        crate::batch::compress(children, out);
    }
}
