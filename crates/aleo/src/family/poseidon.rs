//! Poseidon (rates 2, 4, 8) as functions on either path and as a tree backend.

use merklab_core::{Compression, DomainTags, LeafHash};
use snarkvm_console::prelude::{One, Zero};

use crate::{Aleo, AleoError, Config, Field, FieldDigest, HashPath};

/// Poseidon's rate: how many field elements one permutation absorbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoseidonRate {
    /// `hash.psd2` (state width 3).
    Psd2,
    /// `hash.psd4` (state width 5).
    Psd4,
    /// `hash.psd8` (state width 9).
    Psd8,
}

impl PoseidonRate {
    /// The rate as a number.
    pub const fn rate(self) -> usize {
        match self {
            Self::Psd2 => 2,
            Self::Psd4 => 4,
            Self::Psd8 => 8,
        }
    }
}

/// Poseidon with the given rate over field elements (`Aleo::hash_psd*`).
///
/// On [`HashPath::Auto`]; [`poseidon_hash_on`] chooses the fast or the reference
/// path, which return the same value.
pub fn poseidon_hash(rate: PoseidonRate, input: &[Field]) -> Result<Field, AleoError> {
    poseidon_hash_on(HashPath::Auto, rate, input)
}

/// [`poseidon_hash`] computed on `path` (the same value on every path).
pub fn poseidon_hash_on(
    path: HashPath,
    rate: PoseidonRate,
    input: &[Field],
) -> Result<Field, AleoError> {
    match path {
        HashPath::Fast | HashPath::Auto => crate::fast::poseidon::hash(rate, input),
        HashPath::Reference => crate::reference::poseidon_hash(rate, input),
    }
}

/// Poseidon with the given rate, squeezing `num_outputs` elements (`Aleo::hash_many_psd*`);
/// on [`HashPath::Auto`].
pub fn poseidon_hash_many(rate: PoseidonRate, input: &[Field], num_outputs: u16) -> Vec<Field> {
    poseidon_hash_many_on(HashPath::Auto, rate, input, num_outputs)
}

/// [`poseidon_hash_many`] computed on `path` (the same value on every path).
pub fn poseidon_hash_many_on(
    path: HashPath,
    rate: PoseidonRate,
    input: &[Field],
    num_outputs: u16,
) -> Vec<Field> {
    match path {
        HashPath::Fast | HashPath::Auto => {
            crate::fast::poseidon::hash_many(rate, input, num_outputs)
        }
        HashPath::Reference => crate::reference::poseidon_hash_many(rate, input, num_outputs),
    }
}

/// Poseidon hash-to-group with the given rate (`Aleo::hash_to_group_psd*`; empty input
/// is an error); on [`HashPath::Auto`].
pub fn poseidon_hash_to_group(
    rate: PoseidonRate,
    input: &[Field],
) -> Result<snarkvm_console::types::Group<Aleo>, AleoError> {
    poseidon_hash_to_group_on(HashPath::Auto, rate, input)
}

/// [`poseidon_hash_to_group`] computed on `path` (the same value on every path).
pub fn poseidon_hash_to_group_on(
    path: HashPath,
    rate: PoseidonRate,
    input: &[Field],
) -> Result<snarkvm_console::types::Group<Aleo>, AleoError> {
    match path {
        HashPath::Fast | HashPath::Auto => crate::fast::poseidon::hash_to_group(rate, input),
        HashPath::Reference => crate::reference::poseidon_hash_to_group(rate, input),
    }
}

/// Poseidon as a leaf hash over field elements and a compression of any arity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Poseidon {
    /// The sponge rate.
    pub rate: PoseidonRate,
    /// Whether leaves and nodes get distinct `0field` / `1field` prefixes.
    pub tags: DomainTags,
    /// Reference or fast implementation.
    pub config: Config,
}

impl Poseidon {
    /// Poseidon with this rate and tag mode, on [`Config::DEFAULT`].
    pub const fn new(rate: PoseidonRate, tags: DomainTags) -> Self {
        Self {
            rate,
            tags,
            config: Config::DEFAULT,
        }
    }

    /// The same hash computed with `config` (same values).
    pub const fn with_config(self, config: Config) -> Self {
        Self { config, ..self }
    }

    /// Hashes `input`, prefixed by `tag` when tags are on.
    fn hash_tagged(&self, tag: Field, input: &[Field]) -> Field {
        let mut buf = Vec::with_capacity(input.len() + 1);
        if self.tags == DomainTags::Tagged {
            buf.push(tag);
        }
        buf.extend_from_slice(input);
        // Poseidon's sponge takes any number of field elements (tree inputs are
        // far below snarkVM's limits): an error here is a snarkVM defect.
        match poseidon_hash_on(self.config.path, self.rate, &buf) {
            Ok(f) => f,
            Err(e) => unreachable!("Poseidon over {} field elements failed: {e}", buf.len()),
        }
    }
}

impl LeafHash for Poseidon {
    type Input = [Field];
    type Digest = FieldDigest;
    fn hash_leaf(&self, input: &[Field]) -> FieldDigest {
        FieldDigest(self.hash_tagged(Field::zero(), input))
    }
}

impl<const K: usize> Compression<K> for Poseidon {
    type Digest = FieldDigest;
    fn compress(&self, children: &[FieldDigest; K]) -> FieldDigest {
        Compression::<K>::compress_short_group(self, children)
    }

    /// The same hash over the group's 2 to `K - 1` children.
    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        let fields: Vec<Field> = children.iter().map(|d| d.0).collect();
        FieldDigest(self.hash_tagged(Field::one(), &fields))
    }
}
