//! Aleo literal syntax for the values ARC-0102 passes to Leo: `u64`, `field` and `[u64; N]`.
//!
//! Digits follow Aleo's grammar: a digit first, then digits or `_` separators
//! (`1_000u64`). Surrounding whitespace is ignored. Negative literals are rejected.

use crate::{field_from_decimal, AleoError, Field};

/// Length of the proof array a Leo verifier takes (`[u64; 32]`).
pub const LEO_PROOF_LEN: usize = 32;

/// Formats a u64 as an Aleo literal: `123u64`.
pub fn format_u64(v: u64) -> String {
    format!("{v}u64")
}

/// Parses `123u64`; a bare `123` (no suffix) is accepted too.
pub fn parse_u64(s: &str) -> Result<u64, AleoError> {
    let t = s.trim();
    let digits = t.strip_suffix("u64").unwrap_or(t);
    aleo_digits(digits)
        .and_then(|d| d.parse::<u64>().ok())
        .ok_or_else(|| invalid("u64", s))
}

/// Parses a `u64` literal only in the form [`format_u64`] writes: decimal digits
/// without sign, separators, leading zeros or surrounding space, then `u64`.
///
/// Documents are read with this, so one value has one spelling: a document that
/// differs from its canonical form is malformed rather than silently rewritten.
pub fn parse_u64_canonical(s: &str) -> Result<u64, AleoError> {
    let v = parse_u64(s)?;
    let canonical = format_u64(v);
    if s != canonical {
        return Err(AleoError::NonCanonicalLiteral {
            expected: "u64",
            given: s.to_string(),
            canonical,
        });
    }
    Ok(v)
}

/// Formats a field element as an Aleo literal: `5field`.
pub fn format_field(f: &Field) -> String {
    f.to_string()
}

/// Parses `5field`: canonical digits (no leading zero), below the field modulus.
pub fn parse_field(s: &str) -> Result<Field, AleoError> {
    let t = s.trim();
    let digits = t
        .strip_suffix("field")
        .and_then(aleo_digits)
        .ok_or_else(|| invalid("field", s))?;
    field_from_decimal(&digits).map_err(|e| match e {
        AleoError::FieldOverflow(_) => e,
        _ => invalid("field", s),
    })
}

/// Formats a u64 array as an Aleo literal: `[1u64, 0u64]`.
pub fn format_u64_array(v: &[u64]) -> String {
    let mut out = String::with_capacity(2 + v.len() * 24);
    out.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&x.to_string());
        out.push_str("u64");
    }
    out.push(']');
    out
}

/// Parses `[1u64, 0u64]` (elements as [`parse_u64`] takes them; `[]` is empty).
pub fn parse_u64_array(s: &str) -> Result<Vec<u64>, AleoError> {
    let inner = s
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .ok_or_else(|| invalid("[u64]", s))?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|e| parse_u64(e).map_err(|_| invalid("[u64]", s)))
        .collect()
}

/// Pads a sibling path with `0u64` to the `[u64; 32]` a Leo verifier takes.
///
/// Errors if there are more than 32 siblings, or if a sibling is 0 (a zero
/// would end the path early in Leo).
pub fn leo_proof_array(siblings: &[u64]) -> Result<[u64; LEO_PROOF_LEN], AleoError> {
    if siblings.len() > LEO_PROOF_LEN {
        return Err(AleoError::ProofTooLong(siblings.len()));
    }
    if let Some(i) = siblings.iter().position(|&s| s == 0) {
        return Err(AleoError::ZeroSibling(i));
    }
    let mut out = [0u64; LEO_PROOF_LEN];
    out.iter_mut().zip(siblings).for_each(|(o, s)| *o = *s);
    Ok(out)
}

/// Aleo's digit grammar: a digit, then digits or `_`; returns the digits without `_`.
fn aleo_digits(s: &str) -> Option<String> {
    let first = s.bytes().next()?;
    if !first.is_ascii_digit() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        return None;
    }
    Some(s.chars().filter(|&c| c != '_').collect())
}

/// An [`AleoError::InvalidLiteral`] for `given`.
fn invalid(expected: &'static str, given: &str) -> AleoError {
    AleoError::InvalidLiteral {
        expected,
        given: given.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_grammar() {
        assert_eq!(aleo_digits("1_000").as_deref(), Some("1000"));
        assert_eq!(aleo_digits("_1"), None);
        assert_eq!(aleo_digits(""), None);
        assert_eq!(aleo_digits("1 0"), None);
    }

    #[test]
    fn canonical_u64_has_one_spelling() {
        assert_eq!(parse_u64_canonical("0u64"), Ok(0));
        assert_eq!(parse_u64_canonical("18446744073709551615u64"), Ok(u64::MAX));
        for (given, canonical) in [
            ("007u64", "7u64"),
            ("00u64", "0u64"),
            ("1_000u64", "1000u64"),
            ("5", "5u64"),
            (" 5u64", "5u64"),
            ("5u64\n", "5u64"),
        ] {
            let err = parse_u64_canonical(given).unwrap_err();
            assert_eq!(
                err,
                AleoError::NonCanonicalLiteral {
                    expected: "u64",
                    given: given.to_string(),
                    canonical: canonical.to_string(),
                },
                "{given:?}"
            );
        }
        for bad in [
            "+5u64",
            "-5u64",
            "1.0u64",
            "1e3u64",
            "",
            "u64",
            "18446744073709551616u64",
        ] {
            assert!(
                matches!(
                    parse_u64_canonical(bad),
                    Err(AleoError::InvalidLiteral { .. })
                ),
                "{bad:?}"
            );
        }
    }
}
