//! # merklab-names
//!
//! Every hash merklab knows, by name, in one table ([`hash_table!`], in
//! `registry.rs`): its canonical name, the aliases that also parse, its kind and a
//! one-line description. [`HashId`] is that table as a type; the crates that
//! implement a family (`merklab-hashes`, `merklab-aleo`) build their own name
//! enums from the rows of their kind, and the command line derives its `--help`
//! text, its error messages and the lists it walks from [`HashId::ALL`]. This
//! crate depends on nothing of merklab's, so every crate can use it.

#![deny(unsafe_code)]
#![warn(missing_docs)]

mod kind_enum;
mod registry;

use std::fmt;
use std::str::FromStr;

/// What a hash takes and gives, which decides where it can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashKind {
    /// A byte hash with 32-byte digests (`merklab-hashes`).
    Byte,
    /// An Aleo field hash: leaves and nodes of field elements (`merklab-aleo`).
    AleoField,
    /// An Aleo hash of a few bits into a field element: leaves only.
    AleoLeaf,
    /// ARC-0102's `hashMerge` over u64 digests.
    Arc0102,
    /// A hash over BN254 scalar field elements (`merklab-bn254`).
    Bn254Field,
    /// A Poseidon2 hash of Plonky3's over field elements (`merklab-plonky3`).
    Plonky3Field,
    /// A hash over Goldilocks words, Miden's (`merklab-miden`).
    MidenField,
}

impl HashKind {
    /// Whether hashes of this kind compress a node's children (not leaf-only).
    pub const fn compresses(self) -> bool {
        !matches!(self, Self::AleoLeaf)
    }
}

/// Builds [`HashId`] from every row of the table.
macro_rules! define_hash_id {
    ([] $(($variant:ident, $name:literal, [$($alias:literal),*], $kind:ident, $desc:literal))*) => {
        /// A hash from the registry, by identity.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum HashId {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl HashId {
            /// Every hash, in table order.
            pub const ALL: &'static [HashId] = &[$(HashId::$variant),*];

            /// The canonical name, as the command line and output spell it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(HashId::$variant => $name,)*
                }
            }

            /// Other names that parse to this hash.
            pub const fn aliases(self) -> &'static [&'static str] {
                match self {
                    $(HashId::$variant => &[$($alias),*],)*
                }
            }

            /// The kind of hash.
            pub const fn kind(self) -> HashKind {
                match self {
                    $(HashId::$variant => HashKind::$kind,)*
                }
            }

            /// One line on what the hash is.
            pub const fn description(self) -> &'static str {
                match self {
                    $(HashId::$variant => $desc,)*
                }
            }
        }
    };
}

hash_table!(define_hash_id);

impl HashId {
    /// The hashes whose kind passes `keep`, in table order.
    pub fn filtered(keep: impl Fn(HashKind) -> bool) -> impl Iterator<Item = HashId> {
        Self::ALL.iter().copied().filter(move |h| keep(h.kind()))
    }

    /// The canonical names of the hashes whose kind passes `keep`, comma-separated
    /// (for help text and error messages).
    pub fn names(keep: impl Fn(HashKind) -> bool) -> String {
        Self::filtered(keep)
            .map(HashId::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Parses a canonical name or alias among the hashes whose kind passes `keep`;
    /// the error lists those hashes' canonical names.
    pub fn parse_among(s: &str, keep: impl Fn(HashKind) -> bool) -> Result<Self, UnknownHash> {
        Self::filtered(&keep)
            .find(|h| h.name() == s || h.aliases().contains(&s))
            .ok_or_else(|| UnknownHash {
                given: s.to_string(),
                expected: Self::names(&keep),
            })
    }
}

impl fmt::Display for HashId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HashId {
    type Err = UnknownHash;
    fn from_str(s: &str) -> Result<Self, UnknownHash> {
        Self::parse_among(s, |_| true)
    }
}

/// A word that names no hash of the kinds asked for.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[error("unknown hash '{given}' (expected one of {expected})")]
pub struct UnknownHash {
    /// The word given.
    pub given: String,
    /// The canonical names that would have been accepted, comma-separated.
    pub expected: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for h in HashId::ALL {
            for word in std::iter::once(&h.name()).chain(h.aliases()) {
                assert!(seen.insert(*word), "'{word}' names two hashes");
            }
        }
    }

    #[test]
    fn every_name_parses_and_displays_back() {
        for &h in HashId::ALL {
            assert_eq!(h.name().parse::<HashId>(), Ok(h));
            assert_eq!(h.to_string(), h.name());
            for alias in h.aliases() {
                assert_eq!(alias.parse::<HashId>(), Ok(h));
            }
        }
        assert_eq!("psd2".parse::<HashId>(), Ok(HashId::Psd2));
    }

    #[test]
    fn unknown_names_are_refused_with_the_list() {
        let err = "md5".parse::<HashId>().unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("unknown hash 'md5' (expected one of sha3-256, "));
        for h in HashId::ALL {
            assert!(text.contains(h.name()), "{text}");
        }
        let bytes = HashId::parse_among("poseidon2", |k| k == HashKind::Byte).unwrap_err();
        assert_eq!(
            bytes.to_string(),
            "unknown hash 'poseidon2' (expected one of sha3-256, keccak-256, sha256, blake2s-256, blake2b-256, blake3)"
        );
        // Matching is exact: no case folding, no trimming.
        assert!("SHA3-256".parse::<HashId>().is_err());
        assert!(" blake3".parse::<HashId>().is_err());
    }
}
