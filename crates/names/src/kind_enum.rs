//! [`kind_enum!`]: a family's name enum from the registry rows of its kind.

/// Defines a family's name enum from the [`crate::hash_table!`] rows of one kind:
/// the variants in the registry's order, `ALL`, `id`, `from_id`, `name`, `Display`,
/// and `FromStr` (names and aliases of the kind; an unknown word lists them).
///
/// ```
/// merklab_names::kind_enum!(Bn254Field, Bn254Names, "The BN254 hashes.");
/// assert_eq!(Bn254Names::ALL.len(), 1);
/// assert_eq!(Bn254Names::PoseidonBn254.id().name(), "poseidon-bn254");
/// assert!("sha256".parse::<Bn254Names>().unwrap_err().to_string().contains("poseidon-bn254"));
/// ```
#[macro_export]
macro_rules! kind_enum {
    ($kind:ident, $name:ident, $doc:literal) => {
        $crate::hash_table!($crate::__kind_enum_rows, $kind, $name, $doc);
    };
}

/// The rows `kind_enum!` keeps, one at a time: the table's callback.
#[doc(hidden)]
#[macro_export]
macro_rules! __kind_enum_rows {
    ([$kind:ident $name:ident $doc:literal] $($rows:tt)*) => {
        $crate::__kind_enum_rows!(@keep $kind $name $doc [] $($rows)*);
    };
    (@keep $kind:ident $name:ident $doc:literal [$($kept:tt)*]
        ($variant:ident, $n:literal, [$($alias:literal),*], $row_kind:ident, $desc:literal)
        $($rest:tt)*) => {
        $crate::__same_kind!($row_kind $kind
            { $crate::__kind_enum_rows!(@keep $kind $name $doc [$($kept)* ($variant, $desc)] $($rest)*); }
            { $crate::__kind_enum_rows!(@keep $kind $name $doc [$($kept)*] $($rest)*); }
        );
    };
    (@keep $kind:ident $name:ident $doc:literal [$(($variant:ident, $desc:literal))*]) => {
        #[doc = $doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl $name {
            /// Every hash of the kind, in the registry's order.
            pub const ALL: [Self; [$(stringify!($variant)),*].len()] = [$(Self::$variant),*];

            /// The registry entry.
            pub const fn id(self) -> $crate::HashId {
                match self {
                    $(Self::$variant => $crate::HashId::$variant,)*
                }
            }

            /// The hash of a registry entry, if it is of this kind.
            pub const fn from_id(id: $crate::HashId) -> Option<Self> {
                match id {
                    $($crate::HashId::$variant => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The command-line name.
            pub const fn name(self) -> &'static str {
                self.id().name()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownHash;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let of_kind = |k| k == $crate::HashKind::$kind;
                let id = $crate::HashId::parse_among(s, of_kind)?;
                Self::from_id(id).ok_or_else(|| $crate::UnknownHash {
                    given: s.to_string(),
                    expected: $crate::HashId::names(of_kind),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// Expands the first block when two kinds are the same word, else the second:
/// one arm per [`crate::HashKind`], since a macro compares words only by matching.
#[doc(hidden)]
#[macro_export]
macro_rules! __same_kind {
    (Byte Byte {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    (AleoField AleoField {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    (AleoLeaf AleoLeaf {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    (Arc0102 Arc0102 {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    (Bn254Field Bn254Field {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    (Plonky3Field Plonky3Field {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    (MidenField MidenField {$($yes:tt)*} {$($no:tt)*}) => { $($yes)* };
    ($a:ident $b:ident {$($yes:tt)*} {$($no:tt)*}) => { $($no)* };
}
