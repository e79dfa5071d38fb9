//! The issuer, holder and verifier workflow on ARC-0102 certificates.
//!
//! - the verifier writes a [`Request`]: keys to disclose, [`Predicate`]s, trusted
//!   issuer addresses, a fresh nonce and an expiry, signed with its Aleo key;
//! - the holder answers with a [`Presentation`]: the issuer-signed root, a
//!   value-inclusion proof for every key whose value the request needs, a
//!   key-inclusion proof for keys it only asks to exist, and the holder's
//!   signature over all of it, which names the request's digest, nonce and verifier;
//! - the verifier runs [`check`], which returns a [`CheckReport`] listing every
//!   condition and the [`Reason`] of each one that failed.
//!
//! Formats (JSON, through serde) are described in `docs/flows.md`. Digests are
//! SHA3-256 (the `sha3` crate, RustCrypto) over a domain tag and the document's
//! serde_json encoding without its signature; signatures are Aleo Schnorr
//! signatures over the first 31 digest bytes as one `field`, so Leo's
//! `signature::verify(sig, addr, digest)` could check them too.
//!
//! ```no_run
//! use merklab_zpass::flow::{check, CheckOptions, Predicate, Presentation, Request};
//! use merklab_zpass::sign::{sign_root, IssuerKey};
//! # fn demo(doc: merklab_zpass::CertificateDocument, issuer: IssuerKey) -> Result<(), merklab_zpass::ZpassError> {
//! let verifier = IssuerKey::try_generate()?;
//! let holder = IssuerKey::try_generate()?;
//! let now = merklab_zpass::flow::now_unix();
//! let mut request = Request::new(&verifier.address(), now, 600);
//! request.trusted_issuers.push(issuer.address());
//! request.predicates.push(Predicate::parse("dob age>=18")?);
//! request.sign(&verifier)?;
//! let presentation = Presentation::build(&request, &doc, &holder, now)?;
//! let report = check(&request, &presentation, &CheckOptions::at(now));
//! assert!(report.accepted);
//! # Ok(()) }
//! ```

mod check;
mod predicate;
mod presentation;
mod request;

pub use check::{check, CheckOptions, CheckReport, Condition, Reason};
pub use predicate::{age_cutoff, compare_integers, DobFormat, Predicate};
pub use presentation::{DisclosedClaim, IncludedKey, Presentation, PRESENTATION_KIND};
pub use request::{Request, MAX_TTL_SECONDS, REQUEST_KIND};

use merklab_aleo::{field_from_le_bytes_mod_p, Field};
use sha3::{Digest as _, Sha3_256};

use crate::error::ZpassError;
use crate::json::Node;
use crate::limits::Limits;

/// Longest sibling path accepted from a presentation (a Leo `[u64; 32]` holds 32).
pub const MAX_SIBLINGS: usize = merklab_aleo::literal::LEO_PROOF_LEN;

/// Seconds since the Unix epoch from the system clock (0 if the clock is before 1970).
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A fresh nonce: a v4 UUID (122 random bits from the OS CSPRNG through `getrandom`).
pub fn fresh_nonce() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// SHA3-256 of a domain tag, a zero byte and `body`.
pub(crate) fn tagged_digest(domain: &str, body: &[u8]) -> [u8; 32] {
    let mut h = Sha3_256::new();
    h.update(domain.as_bytes());
    h.update([0u8]);
    h.update(body);
    h.finalize().into()
}

/// The field a digest is signed as: its first 31 bytes, little-endian (248 bits,
/// always below the field modulus, so distinct prefixes give distinct fields).
pub fn digest_field(digest: &[u8; 32]) -> Field {
    field_from_le_bytes_mod_p(&digest[..31])
}

/// Refuses a flow document (`what`: request, presentation) holding more values
/// than `limits` allow, or a JSON number other than a plain integer up to
/// `u64::MAX`, naming the number as written. Every number these documents carry
/// is one (larger claim values are written `{"integer": "digits"}`); serde_json
/// reads any other through `f64`, so its own message would show `1e98` for a
/// 99-digit integer. Text that is not JSON is left for serde to report.
pub(crate) fn exact_numbers(text: &str, what: &str, limits: Limits) -> Result<(), ZpassError> {
    fn walk(node: &Node, path: &mut String, what: &str) -> Result<(), ZpassError> {
        match node {
            Node::Object(members) => members.iter().try_for_each(|(k, v)| {
                let len = path.len();
                path.push_str(&format!(".{}", k.escape_debug()));
                walk(v, path, what)?;
                path.truncate(len);
                Ok(())
            }),
            Node::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(v, path, what)?;
                path.truncate(len);
                Ok(())
            }),
            Node::Number(n)
                if n.bytes().all(|b| b.is_ascii_digit()) && n.parse::<u64>().is_ok() =>
            {
                Ok(())
            }
            Node::Number(n) => {
                let shown = match n.char_indices().nth(40) {
                    Some((cut, _)) => format!("{}... ({} chars)", &n[..cut], n.len()),
                    None => n.clone(),
                };
                let why = if n.starts_with('-') {
                    "is negative".to_string()
                } else if n.bytes().all(|b| b.is_ascii_digit()) {
                    "is above u64::MAX (write a larger claim value as {\"integer\": \"digits\"})"
                        .to_string()
                } else {
                    "is not an integer".to_string()
                };
                let at = if path.is_empty() {
                    "the document"
                } else {
                    &path[1..]
                };
                Err(ZpassError::doc(format!(
                    "{what}: {at}: the number {shown} {why}"
                )))
            }
            _ => Ok(()),
        }
    }
    match crate::json::parse_json_with(text, limits) {
        Ok(node) => walk(&node, &mut String::new(), what),
        Err(e @ ZpassError::TooManyValues(_)) => Err(e),
        Err(_) => Ok(()),
    }
}

/// serde for `u64` as an Aleo literal string (`"123u64"`), as every other merklab
/// document, in canonical form only.
pub(crate) mod lit_u64 {
    use merklab_aleo::literal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&literal::format_u64(*v))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let text = String::deserialize(d)?;
        literal::parse_u64_canonical(&text).map_err(serde::de::Error::custom)
    }
}

/// serde for `Vec<u64>` as a list of Aleo literal strings.
pub(crate) mod lit_u64_vec {
    use merklab_aleo::literal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| literal::format_u64(*x)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let items = Vec::<String>::deserialize(d)?;
        items
            .iter()
            .map(|t| literal::parse_u64_canonical(t).map_err(serde::de::Error::custom))
            .collect()
    }
}

/// serde for a [`ClaimValue`](crate::ClaimValue): a JSON string, boolean, or
/// non-negative integer; integers above `u64::MAX` as `{"integer": "digits"}`
/// because serde_json (without `arbitrary_precision`) would read them as floats.
pub(crate) mod claim_value {
    use serde::de::{self, MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};

    use crate::json::Node;
    use crate::ClaimValue;

    pub fn serialize<S: Serializer>(v: &ClaimValue, s: S) -> Result<S::Ok, S::Error> {
        match v {
            ClaimValue::String(t) => s.serialize_str(t),
            ClaimValue::Bool(b) => s.serialize_bool(*b),
            ClaimValue::Integer(d) => match d.parse::<u64>() {
                Ok(n) => s.serialize_u64(n),
                Err(_) => {
                    let mut m = s.serialize_map(Some(1))?;
                    m.serialize_entry("integer", d)?;
                    m.end()
                }
            },
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ClaimValue, D::Error> {
        d.deserialize_any(ValueVisitor)
    }

    /// The wrapper serde needs to put a claim value inside a `Vec`.
    #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(transparent)]
    pub struct Wrapped(#[serde(with = "self")] pub ClaimValue);

    struct ValueVisitor;

    fn from_node<E: de::Error>(node: Node) -> Result<ClaimValue, E> {
        ClaimValue::from_node("value", &node).map_err(E::custom)
    }

    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = ClaimValue;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string, a boolean, a non-negative integer or {\"integer\": \"digits\"}")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<ClaimValue, E> {
            Ok(ClaimValue::Bool(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<ClaimValue, E> {
            Ok(ClaimValue::Integer(v.to_string()))
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<ClaimValue, E> {
            Ok(ClaimValue::Integer(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<ClaimValue, E> {
            from_node(Node::Number(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<ClaimValue, E> {
            from_node(Node::Number(format!("{v:?}")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<ClaimValue, E> {
            Ok(ClaimValue::String(v.to_string()))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ClaimValue, A::Error> {
            let Some((k, digits)) = map.next_entry::<String, String>()? else {
                return Err(de::Error::custom("expected {\"integer\": \"digits\"}"));
            };
            if k != "integer" || map.next_key::<String>()?.is_some() {
                return Err(de::Error::custom("expected {\"integer\": \"digits\"}"));
            }
            from_node(Node::Number(digits))
        }
    }
}
