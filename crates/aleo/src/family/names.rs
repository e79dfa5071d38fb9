//! The field hashes a tree can compress with, by name.

use std::fmt;
use std::str::FromStr;

use merklab_core::{Compression, DomainTags};
use merklab_names::{HashId, HashKind};

use super::{Bhp, BhpSize, Poseidon, PoseidonRate};
use crate::FieldDigest;

/// A word that names no field hash; the message lists the field hashes.
pub use merklab_names::UnknownHash as UnknownFieldHash;

/// Keeps the table's `AleoField` rows and defines [`FieldHashName`] from them.
macro_rules! field_hashes {
    ([] $($rows:tt)*) => { field_hashes!(@keep [] $($rows)*); };
    (@keep [$($kept:tt)*]
        ($variant:ident, $name:literal, [$($alias:literal),*], AleoField, $desc:literal) $($rest:tt)*) => {
        field_hashes!(@keep [$($kept)* ($variant, $desc)] $($rest)*);
    };
    (@keep [$($kept:tt)*] ($($other:tt)*) $($rest:tt)*) => {
        field_hashes!(@keep [$($kept)*] $($rest)*);
    };
    (@keep [$(($variant:ident, $desc:literal))*]) => {
        /// The field hashes that can compress field digests.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum FieldHashName {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl FieldHashName {
            /// Every field hash, in the registry's order (Poseidon first).
            pub const ALL: [Self; [$(stringify!($variant)),*].len()] = [$(Self::$variant),*];

            /// The registry entry.
            pub const fn id(self) -> HashId {
                match self {
                    $(Self::$variant => HashId::$variant,)*
                }
            }

            /// The field hash of a registry entry, if it is one.
            pub const fn from_id(id: HashId) -> Option<Self> {
                match id {
                    $(HashId::$variant => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

merklab_names::hash_table!(field_hashes);

impl FieldHashName {
    /// The command-line name (`poseidon2`, `bhp256`, ...).
    pub const fn name(self) -> &'static str {
        self.id().name()
    }

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

impl fmt::Display for FieldHashName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FieldHashName {
    type Err = UnknownFieldHash;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id = HashId::parse_among(s, |k| k == HashKind::AleoField)?;
        // The field rows are exactly this enum's variants.
        Self::from_id(id).ok_or_else(|| UnknownFieldHash {
            given: s.to_string(),
            expected: HashId::names(|k| k == HashKind::AleoField),
        })
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
