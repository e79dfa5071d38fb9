//! Which disclosed values the ARC-0102 commitment really binds ([`judge`]).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ClaimValue;

/// The longest string, in bytes, that `encodeToF` does not reduce mod p and that
/// no other string of the same type shares.
pub const MAX_BOUND_STRING_BYTES: usize = 31;

/// The type a verifier judges a claim as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// Text.
    String,
    /// A non-negative integer.
    Integer,
    /// `true` or `false`.
    Boolean,
}

impl ValueType {
    /// The name used in requests and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ValueType::String => "string",
            ValueType::Integer => "integer",
            ValueType::Boolean => "boolean",
        }
    }

    /// The type of `value`.
    pub fn of(value: &ClaimValue) -> Self {
        match value {
            ClaimValue::String(_) => ValueType::String,
            ClaimValue::Integer(_) => ValueType::Integer,
            ClaimValue::Bool(_) => ValueType::Boolean,
        }
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ValueType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "string" => Ok(ValueType::String),
            "integer" => Ok(ValueType::Integer),
            "boolean" | "bool" => Ok(ValueType::Boolean),
            other => Err(format!(
                "unknown value type `{}` (string, integer or boolean)",
                other.escape_debug()
            )),
        }
    }
}

/// Why a disclosed value is not the one the commitment binds.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unbound {
    /// `encodeToF` ignores trailing NUL bytes: the string without them has the same leaf.
    #[error("the string ends in a NUL byte, which encodeToF ignores: the commitment binds the string without it")]
    TrailingNul,
    /// `encodeToF` reduces strings of 32 bytes or more mod p: other strings share the leaf.
    #[error("a string of {len} bytes is reduced mod p by encodeToF, so other strings share its leaf (at most {MAX_BOUND_STRING_BYTES} bytes are bound)")]
    Reduced {
        /// The string's length in bytes.
        len: usize,
    },
    /// The value's type is not the one the request declares for the key.
    #[error("presented as {found}, but the request judges it as {declared}")]
    WrongType {
        /// The declared type.
        declared: ValueType,
        /// The presented type.
        found: ValueType,
    },
    /// The value's field has another reading of another type; nothing declares which.
    #[error("{value} shares its encoding with {other}; the request must declare the key's type")]
    Ambiguous {
        /// The presented value, as JSON.
        value: String,
        /// The other reading(s), in words.
        other: String,
    },
}

/// The value as JSON text, for messages (strings quoted and escaped).
fn shown(value: &ClaimValue) -> String {
    value.to_node().to_json_pretty().trim_end().to_string()
}

/// Printable text: valid UTF-8 with no control character, 1 to 31 bytes.
fn is_printable_text(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    (!text.is_empty()
        && bytes.len() <= MAX_BOUND_STRING_BYTES
        && !text.chars().any(char::is_control))
    .then_some(text)
}

/// Checks that the commitment binds `value` as presented, judged as `declared`
/// when the request declares a type for its key.
///
/// A leaf commits to `hash(field)`, not to a typed value: `encodeToF` drops
/// trailing NUL bytes and reduces strings of 32 bytes or more mod p, and strings,
/// integers and booleans share one field (`"BA"` and `16706`, `true` and `1`).
/// A holder may therefore present any value with the signed value's field. A
/// verifier that judged the presented text would judge a value the issuer never
/// signed, so every disclosed value passes this check before anything reads it:
///
/// 1. it must be the canonical value of its type: a string without trailing NUL
///    bytes and shorter than 32 bytes (the only strings no other string of its
///    type encodes to);
/// 2. its type must be the one the verifier declares for the key, when it does;
/// 3. without a declaration, it must be the *natural reading* of its field, the
///    one type an honest certificate would hold: printable text (UTF-8 without
///    control characters) is a string, other fields below 2^128 are integers, and
///    the fields `0` and `1` (booleans, `0`/`1`, `""`/`"\u{1}"`) and integers of
///    128 bits or more (which a reduced long string can reach) have none, so they
///    need a declaration.
///
/// A declaration states the verifier's knowledge of the issuer's schema; the rest
/// of the risk (an issuer that signs a string where the verifier expects an
/// integer) is removed only by a layout whose leaves tag the type, as
/// [`crate::hardened`] does.
pub fn judge(value: &ClaimValue, declared: Option<ValueType>) -> Result<(), Unbound> {
    if let ClaimValue::String(s) = value {
        if s.ends_with('\0') {
            return Err(Unbound::TrailingNul);
        }
        if s.len() > MAX_BOUND_STRING_BYTES {
            return Err(Unbound::Reduced { len: s.len() });
        }
    }
    let found = ValueType::of(value);
    if let Some(declared) = declared {
        return if declared == found {
            Ok(())
        } else {
            Err(Unbound::WrongType { declared, found })
        };
    }
    let ambiguous = |other: String| {
        Err(Unbound::Ambiguous {
            value: shown(value),
            other,
        })
    };
    match value {
        ClaimValue::Bool(b) => {
            let n = u8::from(*b);
            ambiguous(format!("the integer {n} and the string \"\\u{{{n}}}\""))
        }
        ClaimValue::Integer(digits) => match digits.parse::<u128>() {
            Err(_) => {
                ambiguous("strings of 32 bytes or more, which encodeToF reduces mod p".into())
            }
            Ok(n @ (0 | 1)) => {
                ambiguous(format!("the boolean {} and a one-character string", n == 1))
            }
            Ok(n) => {
                let bytes = n.to_le_bytes();
                let len = 16 - n.leading_zeros() as usize / 8;
                match is_printable_text(&bytes[..len]) {
                    Some(text) => ambiguous(format!(
                        "the string {}",
                        shown(&ClaimValue::String(text.into()))
                    )),
                    None => Ok(()),
                }
            }
        },
        ClaimValue::String(s) => match is_printable_text(s.as_bytes()) {
            Some(_) => Ok(()),
            None if s.is_empty() => ambiguous("the integer 0 and the boolean false".into()),
            None => ambiguous(
                "an integer (it holds control characters, so it is not plain text)".into(),
            ),
        },
    }
}

/// The revealed claims among `claims` that the commitment does not bind, each with
/// why, judging each key as `declared` gives it. `type` and `issuer` are skipped:
/// every key identifier is built from them, they are not claims about the holder,
/// and a layout that tags nothing cannot bind them better.
pub fn unbound_claims<'a>(
    claims: impl IntoIterator<Item = (&'a str, &'a ClaimValue)>,
    declared: &BTreeMap<String, ValueType>,
) -> Vec<(String, Unbound)> {
    claims
        .into_iter()
        .filter(|(key, _)| !crate::disclosure::ALWAYS_REVEALED.contains(key))
        .filter_map(|(key, value)| {
            judge(value, declared.get(key).copied())
                .err()
                .map(|why| (key.to_string(), why))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use merklab_aleo::encode_to_f;

    use super::*;

    fn s(t: &str) -> ClaimValue {
        ClaimValue::String(t.into())
    }
    fn int(t: &str) -> ClaimValue {
        ClaimValue::Integer(t.into())
    }

    #[test]
    fn each_refused_value_really_shares_its_field() {
        // The refusals are only justified if the other reading has the same field.
        let pairs = [
            (s("FR\0"), s("FR")),
            (int("16706"), s("BA")),
            (ClaimValue::Bool(true), int("1")),
            (ClaimValue::Bool(false), s("")),
            (s("\u{12}"), int("18")),
        ];
        for (presented, other) in pairs {
            assert_eq!(
                presented.to_field().unwrap(),
                other.to_field().unwrap(),
                "{presented:?} vs {other:?}"
            );
            assert!(judge(&presented, None).is_err(), "{presented:?}");
        }
        assert_eq!(encode_to_f("BA"), int("16706").to_field().unwrap());
    }

    #[test]
    fn natural_readings_pass_undeclared() {
        for v in [
            s("FR"),
            s("Alice Wonderland"),
            s("Zoë"),
            int("1737213145"),
            int("19900115"),
            int("18"),
            int("700"),
            int("75001"),
        ] {
            assert_eq!(judge(&v, None), Ok(()), "{v:?}");
        }
    }

    #[test]
    fn printable_integers_and_flags_need_a_declaration() {
        for v in [
            int("16706"),
            int("65"),
            int("0"),
            int("1"),
            ClaimValue::Bool(true),
        ] {
            assert!(
                matches!(judge(&v, None), Err(Unbound::Ambiguous { .. })),
                "{v:?}"
            );
            assert_eq!(judge(&v, Some(ValueType::of(&v))), Ok(()), "{v:?}");
        }
        let big = (1u128 << 127).to_string() + "0";
        assert!(judge(&int(&big), None).is_err());
        assert_eq!(judge(&int(&big), Some(ValueType::Integer)), Ok(()));
    }

    #[test]
    fn declarations_fix_the_type_but_not_the_encoding() {
        assert_eq!(
            judge(&int("16706"), Some(ValueType::String)),
            Err(Unbound::WrongType {
                declared: ValueType::String,
                found: ValueType::Integer
            })
        );
        assert_eq!(
            judge(&s("FR\0"), Some(ValueType::String)),
            Err(Unbound::TrailingNul)
        );
        let long = "a".repeat(32);
        assert_eq!(
            judge(&s(&long), Some(ValueType::String)),
            Err(Unbound::Reduced { len: 32 })
        );
        assert_eq!(judge(&s(&long[..31]), None), Ok(()));
    }

    #[test]
    fn type_names_round_trip() {
        for t in [ValueType::String, ValueType::Integer, ValueType::Boolean] {
            assert_eq!(t.name().parse::<ValueType>(), Ok(t));
        }
        assert!("float".parse::<ValueType>().is_err());
    }
}
