//! The BN254 hashes by name, from the registry's `Bn254Field` rows.

use merklab_names::HashId;

/// Keeps the table's `Bn254Field` rows and defines [`Bn254HashName`] from them.
macro_rules! bn254_hashes {
    ([] $($rows:tt)*) => { bn254_hashes!(@keep [] $($rows)*); };
    (@keep [$($kept:tt)*]
        ($variant:ident, $name:literal, [$($alias:literal),*], Bn254Field, $desc:literal) $($rest:tt)*) => {
        bn254_hashes!(@keep [$($kept)* ($variant, $desc)] $($rest)*);
    };
    (@keep [$($kept:tt)*] ($($other:tt)*) $($rest:tt)*) => {
        bn254_hashes!(@keep [$($kept)*] $($rest)*);
    };
    (@keep [$(($variant:ident, $desc:literal))*]) => {
        /// The hashes over BN254 field elements.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Bn254HashName {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl Bn254HashName {
            /// Every BN254 hash, in the registry's order.
            pub const ALL: [Self; [$(stringify!($variant)),*].len()] = [$(Self::$variant),*];

            /// The registry entry.
            pub const fn id(self) -> HashId {
                match self {
                    $(Self::$variant => HashId::$variant,)*
                }
            }

            /// The BN254 hash of a registry entry, if it is one.
            pub const fn from_id(id: HashId) -> Option<Self> {
                match id {
                    $(HashId::$variant => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

merklab_names::hash_table!(bn254_hashes);

impl Bn254HashName {
    /// The command-line name.
    pub const fn name(self) -> &'static str {
        self.id().name()
    }
}

impl std::fmt::Display for Bn254HashName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
