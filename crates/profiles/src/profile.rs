//! The registry: every profile's name, mapped to its type in one list.
//!
//! A profile is a type. A layered one implements [`Layout`]; OpenZeppelin's
//! `StandardMerkleTree` is heap-shaped, takes ABI-typed values and is exchanged as
//! `standard-v1` dumps, so it is its own kind ([`Visit::standard`]). The [`Profile`]
//! enum, its names, descriptions, parsing and [`Profile::visit`] all come from the list
//! at the end of this file: adding a profile is one line there.

use std::fmt;
use std::str::FromStr;

use crate::Layout;

/// What every profile type has, whatever its tree.
pub trait Named {
    /// The command-line name.
    const NAME: &'static str;
    /// A one-line description.
    const DESCRIPTION: &'static str;
}

/// An operation written once per kind of profile; [`Profile::visit`] runs it on the
/// profile's type.
pub trait Visit {
    /// What the operation returns.
    type Output;
    /// Runs on a layered profile.
    fn layout<L: Layout<K>, const K: usize>(self) -> Self::Output;
    /// Runs on OpenZeppelin's `StandardMerkleTree` ([`crate::openzeppelin`]).
    fn standard(self) -> Self::Output;
}

/// Declares [`Profile`] from `Variant => kind Type` lines.
macro_rules! registry {
    ($( $(#[$doc:meta])* $variant:ident => $kind:ident $ty:path ),* $(,)?) => {
        /// The profiles, by name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Profile {
            $( $(#[$doc])* $variant, )*
        }

        impl Profile {
            /// Every profile, in a fixed order.
            pub const ALL: [Profile; [$(stringify!($variant)),*].len()] =
                [$(Profile::$variant),*];

            /// The command-line name.
            pub const fn name(self) -> &'static str {
                match self {
                    $( Profile::$variant => <$ty as Named>::NAME, )*
                }
            }

            /// A one-line description.
            pub const fn description(self) -> &'static str {
                match self {
                    $( Profile::$variant => <$ty as Named>::DESCRIPTION, )*
                }
            }

            /// Runs `op` on this profile's type.
            pub fn visit<V: Visit>(self, op: V) -> V::Output {
                match self {
                    $( Profile::$variant => registry!(@visit $kind op $ty), )*
                }
            }
        }
    };
    (@visit layout $op:ident $ty:path) => { $op.layout::<$ty, _>() };
    (@visit standard $op:ident $ty:path) => { $op.standard() };
}

registry! {
    /// `rfc6962`: Certificate Transparency's Merkle Tree Hash.
    Rfc6962 => layout crate::rfc6962::Rfc6962,
    /// `openzeppelin`: OpenZeppelin's `StandardMerkleTree`.
    OpenZeppelin => standard crate::openzeppelin::OpenZeppelin,
    /// `bitcoin`: a block's transaction merkle root.
    Bitcoin => layout crate::bitcoin::Bitcoin,
    /// `snarkvm-bhp`: snarkVM's `BHPMerkleTree`.
    SnarkvmBhp => layout crate::snarkvm::SnarkvmBhp,
    /// `snarkvm-poseidon`: snarkVM's `PoseidonMerkleTree`.
    SnarkvmPoseidon => layout crate::snarkvm::SnarkvmPoseidon,
    /// `arc0102`: the zPass certificate tree.
    Arc0102 => layout crate::arc0102::Arc0102,
    /// `lean-imt`: zk-kit's LeanIMT (Semaphore v4).
    LeanImt => layout crate::lean_imt::LeanImt,
    /// `plonky3-mmcs`: Plonky3's `MerkleTreeMmcs` over BabyBear.
    Plonky3Mmcs => layout crate::plonky3_mmcs::Plonky3Mmcs,
    /// `miden`: miden-crypto's `MerkleTree`.
    Miden => layout crate::miden::Miden,
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile '{0}' (expected one of {names})", names = names())]
pub struct UnknownProfile(pub String);

/// Every profile name, comma-separated.
fn names() -> String {
    Profile::ALL.map(Profile::name).join(", ")
}

impl FromStr for Profile {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownProfile(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Profile::ALL {
            assert_eq!(p.name().parse::<Profile>(), Ok(p));
            assert!(!p.description().is_empty());
        }
        assert!("RFC6962".parse::<Profile>().is_err());
    }

    #[test]
    fn unknown_names_list_every_profile() {
        assert_eq!(
            UnknownProfile("x".into()).to_string(),
            "unknown profile 'x' (expected one of rfc6962, openzeppelin, bitcoin, snarkvm-bhp, snarkvm-poseidon, arc0102, lean-imt, plonky3-mmcs, miden)"
        );
    }
}
