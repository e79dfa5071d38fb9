//! The field hashes a tree can compress with, by name.

use merklab_core::{Compression, DomainTags};

use super::{Bhp, BhpSize, Poseidon, PoseidonRate};
use crate::FieldDigest;

/// A word that names no field hash; the message lists the field hashes.
pub use merklab_names::UnknownHash as UnknownFieldHash;

merklab_names::kind_enum!(
    AleoField,
    FieldHashName,
    "The field hashes that can compress field digests (Poseidon first)."
);

impl FieldHashName {
    /// The compression this name stands for.
    pub const fn compression(self, tags: DomainTags) -> FieldCompression {
        match self {
            Self::Psd2 => FieldCompression::Poseidon(Poseidon::new(PoseidonRate::Psd2, tags)),
            Self::Psd4 => FieldCompression::Poseidon(Poseidon::new(PoseidonRate::Psd4, tags)),
            Self::Psd8 => FieldCompression::Poseidon(Poseidon::new(PoseidonRate::Psd8, tags)),
            Self::Bhp256 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp256, tags)),
            Self::Bhp512 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp512, tags)),
            Self::Bhp768 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp768, tags)),
            Self::Bhp1024 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp1024, tags)),
        }
    }
}

/// One of the field compressions, chosen at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldCompression {
    /// Poseidon with some rate.
    Poseidon(Poseidon),
    /// BHP with some size.
    Bhp(Bhp),
}

impl<const K: usize> Compression<K> for FieldCompression {
    type Digest = FieldDigest;
    fn compress(&self, children: &[FieldDigest; K]) -> FieldDigest {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress(p, children),
            Self::Bhp(b) => Compression::<K>::compress(b, children),
        }
    }

    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress_short_group(p, children),
            Self::Bhp(b) => Compression::<K>::compress_short_group(b, children),
        }
    }

    /// The chosen compression's own batch form (BHP's fixed-length tables).
    fn compress_batch(&self, children: &[FieldDigest], out: &mut [FieldDigest]) {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress_batch(p, children, out),
            Self::Bhp(b) => Compression::<K>::compress_batch(b, children, out),
        }
    }
}
