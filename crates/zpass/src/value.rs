//! Claim values and how each kind becomes an Aleo field (the spec's "Aleo
//! Compatible Data Conversion").

use merklab_aleo::{encode_to_f, field_from_decimal, field_from_u128, hash_field, Field};

use crate::error::ZpassError;
use crate::json::Node;

/// The field modulus p of Aleo's scalar field (BLS12-377 Fr) in decimal.
pub const FIELD_MODULUS: &str =
    "8444461749428370424248824938781546531375899335154063827935233455917409239041";

/// A claim value: what ARC-0102 can hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClaimValue {
    /// Text, hashed as `encodeToF(text)`.
    String(String),
    /// A non-negative integer below the field modulus, in canonical decimal.
    Integer(String),
    /// A boolean, hashed as `0field` / `1field` as the reference SDK does.
    Bool(bool),
}

impl ClaimValue {
    /// The field element the spec hashes for this value.
    pub fn to_field(&self) -> Result<Field, ZpassError> {
        match self {
            ClaimValue::String(s) => Ok(encode_to_f(s)),
            ClaimValue::Integer(d) => Ok(field_from_decimal(d)?),
            ClaimValue::Bool(b) => Ok(field_from_u128(u128::from(*b))),
        }
    }

    /// `hashField` of the value's field: the spec's `value_hash`.
    pub fn hash(&self) -> Result<u64, ZpassError> {
        Ok(hash_field(&self.to_field()?))
    }

    /// The value as the spec's text form writes it (`1737213145`, `Alice Wonderland`).
    pub fn text(&self) -> String {
        match self {
            ClaimValue::String(s) => s.clone(),
            ClaimValue::Integer(d) => d.clone(),
            ClaimValue::Bool(b) => b.to_string(),
        }
    }

    /// The value as a document node (integers stay exact JSON numbers).
    pub fn to_node(&self) -> Node {
        match self {
            ClaimValue::String(s) => Node::String(s.clone()),
            ClaimValue::Integer(d) => Node::Number(d.clone()),
            ClaimValue::Bool(b) => Node::Bool(*b),
        }
    }

    /// Reads a scalar node as a claim value; the error names `key`.
    pub fn from_node(key: &str, node: &Node) -> Result<Self, ZpassError> {
        match node {
            Node::String(s) => Ok(ClaimValue::String(s.clone())),
            Node::Bool(b) => Ok(ClaimValue::Bool(*b)),
            Node::Number(text) => parse_integer(key, text).map(ClaimValue::Integer),
            Node::Null => Err(ZpassError::key(
                key,
                "null is not a value ARC-0102 can hash",
            )),
            Node::Object(_) | Node::Array(_) => Err(ZpassError::key(
                key,
                format!(
                    "expected a string, integer or boolean, found {}",
                    node.kind()
                ),
            )),
        }
    }
}

/// Number text for a message: whole if short, else its head and length.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}... ({} chars)", &text[..cut], text.len()),
        None => text.to_string(),
    }
}

/// Checks number text is a non-negative integer below the field modulus; returns it
/// in canonical decimal (no leading zeros, no sign).
fn parse_integer(key: &str, text: &str) -> Result<String, ZpassError> {
    if text.starts_with('-') {
        return Err(ZpassError::key(
            key,
            format!(
                "negative number {}: only non-negative integers map to a field",
                short(text)
            ),
        ));
    }
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ZpassError::key(
            key,
            format!("{} is not an integer (floats are not supported; write the value as a string or scale it)", short(text)),
        ));
    }
    let canonical = digits.trim_start_matches('0');
    let canonical = if canonical.is_empty() { "0" } else { canonical };
    let below = canonical.len() < FIELD_MODULUS.len()
        || (canonical.len() == FIELD_MODULUS.len() && canonical < FIELD_MODULUS);
    if !below {
        // A hostile number may run to megabytes: name it by its head and length.
        let shown = if canonical.len() > 90 {
            format!("{}... ({} digits)", &canonical[..20], canonical.len())
        } else {
            canonical.to_string()
        };
        return Err(ZpassError::key(
            key,
            format!("integer {shown} is not below the field modulus {FIELD_MODULUS}"),
        ));
    }
    Ok(canonical.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(text: &str) -> Result<ClaimValue, ZpassError> {
        ClaimValue::from_node("k", &Node::Number(text.into()))
    }

    #[test]
    fn integers_are_checked_against_the_modulus() {
        assert_eq!(int("0").unwrap(), ClaimValue::Integer("0".into()));
        assert_eq!(int("007").unwrap(), ClaimValue::Integer("7".into()));
        // p - 1 is the largest field element; p itself is not one.
        let p_minus_1 =
            "8444461749428370424248824938781546531375899335154063827935233455917409239040";
        assert!(int(p_minus_1).is_ok());
        let err = int(FIELD_MODULUS).unwrap_err().to_string();
        assert!(err.contains("`k`") && err.contains("modulus"), "{err}");
        assert!(int(&format!("{FIELD_MODULUS}0")).is_err());
        for bad in ["-1", "1.5", "1e3", "2.0", "inf", "NaN", ""] {
            let err = int(bad).unwrap_err().to_string();
            assert!(err.contains("`k`"), "{bad}: {err}");
        }
    }
}
