//! [`HashName`] and [`with_hasher!`](crate::with_hasher), built from the byte rows
//! of merklab-names' table: a byte hash added there, with a [`ByteHasher`](crate::ByteHasher)
//! of the same name here, is a name on the command line with nothing else to list.

use std::fmt;
use std::str::FromStr;

pub use merklab_names::UnknownHash;
use merklab_names::{HashId, HashKind};

/// Keeps the table's `Byte` rows, then defines the enum and the dispatch macro.
macro_rules! byte_hashes {
    ([$d:tt] $($rows:tt)*) => { byte_hashes!(@keep [$d] [] $($rows)*); };
    (@keep [$d:tt] [$($kept:tt)*]
        ($variant:ident, $name:literal, [$($alias:literal),*], Byte, $desc:literal) $($rest:tt)*) => {
        byte_hashes!(@keep [$d] [$($kept)* ($variant, $desc)] $($rest)*);
    };
    (@keep [$d:tt] [$($kept:tt)*] ($($other:tt)*) $($rest:tt)*) => {
        byte_hashes!(@keep [$d] [$($kept)*] $($rest)*);
    };
    (@keep [$d:tt] [$(($variant:ident, $desc:literal))*]) => {
        /// The byte backends by name, for command lines and configuration.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum HashName {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl HashName {
            /// Every backend, in the registry's order.
            pub const ALL: [HashName; [$(stringify!($variant)),*].len()] =
                [$(HashName::$variant),*];

            /// The registry entry.
            pub const fn id(self) -> HashId {
                match self {
                    $(HashName::$variant => HashId::$variant,)*
                }
            }

            /// The byte backend of a registry entry, if it is one.
            pub const fn from_id(id: HashId) -> Option<Self> {
                match id {
                    $(HashId::$variant => Some(HashName::$variant),)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }

        /// Calls `$body` with `$H` bound to the backend type named by a [`HashName`].
        #[macro_export]
        macro_rules! with_hasher {
            ($d name:expr, $d H:ident => $d body:expr) => {
                match $d name {
                    $(
                        $crate::HashName::$variant => {
                            type $d H = $crate::$variant;
                            $d body
                        }
                    )*
                }
            };
        }
    };
}

merklab_names::hash_table!(byte_hashes, $);

impl HashName {
    /// The command-line name.
    pub const fn as_str(self) -> &'static str {
        self.id().name()
    }
}

impl fmt::Display for HashName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HashName {
    type Err = UnknownHash;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id = HashId::parse_among(s, |k| k == HashKind::Byte)?;
        // The byte rows are exactly this enum's variants.
        HashName::from_id(id).ok_or_else(|| UnknownHash {
            given: s.to_string(),
            expected: HashId::names(|k| k == HashKind::Byte),
        })
    }
}
