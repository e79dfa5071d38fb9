//! # merklab-zpass
//!
//! ARC-0102 zPass certificates on the generic merklab core. The tree is one
//! instantiation, [`POLICY`] over [`merklab_aleo::Arc0102Merge`]: `u64`
//! digests, arity 2, sorted leaves, sorted pairs, a lone node promoted.
//!
//! - [`flatten()`] turns hierarchical JSON or YAML into normalized `key,sub` claims;
//! - [`Certificate`] is the normalized record (the reference SDK's `NormalizedRecord`
//!   shape, so files move between the two), [`CertificateDocument`] its envelope
//!   with root, signature and metadata;
//! - [`Issued`] hashes every claim and builds the tree; it proves values and keys
//!   ([`ClaimProof`]) and makes selective disclosures; [`Issued::with_cache`] takes
//!   key identifiers from a [`KeyIdCache`], so certificates of one schema
//!   (type, issuer, keys) hash each key once;
//! - [`sign`] signs and checks roots with Aleo keys; [`leo`] exports verifiers;
//! - [`flow`] is the issuer, holder and verifier workflow: signed requests,
//!   presentations bound to them, and checks that name the failed condition;
//! - [`Limits`] bounds what one document may hold; every reader has a `_with`
//!   form taking one (the plain form reads under [`Limits::DEFAULT`]).
//!
//! ## Known weaknesses of the layout
//!
//! The layout is reproduced bit-exactly, weaknesses included:
//! - `encodeToF` is not injective: strings of 32 bytes or more are reduced mod p,
//!   trailing NUL bytes vanish, and `type + issuer + key` has no delimiters;
//! - digests are 64 bits: a collision costs about 2^32 work, a salt hides at most
//!   64 bits;
//! - leaves and inner nodes share one untagged hash, and sorted pairs bind no index;
//! - a sibling equal to `0u64` would end a Leo `[u64; 32]` proof early (refused here);
//! - signing only the root lets whoever holds `(root, signature)` present it as theirs.
//!
//! YAML is read with `serde_norway`, the maintained fork of the archived
//! `serde_yaml`. JSON is read into an ordered tree that keeps number text exact
//! ([`json::Node`]), so integers up to the field modulus survive unchanged.
//!
//! ```no_run
//! use merklab_zpass::{issue_str, InputFormat, IssueOptions, SaltSource};
//! let cert = issue_str(
//!     r#"{"type": "KYC", "issuer": "aleo123456", "dob": 1737213145}"#,
//!     InputFormat::Json,
//!     &IssueOptions { salts: SaltSource::Seeded("secret".into()), ..Default::default() },
//! ).unwrap();
//! let issued = merklab_zpass::Issued::new(cert.certificate).unwrap();
//! let proof = issued.prove_value("dob").unwrap();
//! assert!(proof.verify(issued.root()).unwrap().is_accepted());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Implementation modules are private: each of their types has one path, the crate
// root. The public modules below are namespaces whose names say what their items
// are for (`flow::check`, `leo::export`, `sign::sign_root`).
mod binding;
mod certificate;
mod disclosure;
mod error;
mod flatten;
mod key_cache;
mod limits;
mod proof;
mod salt;
mod scheme;
mod value;

pub mod field_scheme;
pub mod flow;
pub mod hardened;
pub mod json;
pub mod leo;
pub mod sign;

pub use binding::{judge, unbound_claims, Unbound, ValueType, MAX_BOUND_STRING_BYTES};
pub use certificate::{
    deny_unknown, opt_string, parse_u64_field, parse_u64_list, Certificate, CertificateDocument,
    Claim,
};
pub use disclosure::{verify_disclosure, ALWAYS_REVEALED};
pub use error::ZpassError;
pub use flatten::{flatten, ArrayStyle, Flattened, RESERVED};
pub use key_cache::KeyIdCache;
pub use limits::Limits;
pub use proof::{ClaimProof, Opening, Reveal, Verdict};
pub use salt::{random_salt, salt_problem, seeded_salt, SaltSource};
pub use scheme::{key_identifier, root_from_siblings, Arc0102Tree, ClaimHashes, Issued, POLICY};
pub use value::{ClaimValue, FIELD_MODULUS};

/// The input syntax of a hierarchical certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl InputFormat {
    /// Guesses the format from a file name: `.yaml`/`.yml` is YAML, anything else JSON.
    pub fn from_path(path: &std::path::Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => {
                InputFormat::Yaml
            }
            _ => InputFormat::Json,
        }
    }
}

/// How a certificate is issued.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssueOptions {
    /// Where salts come from.
    pub salts: SaltSource,
    /// How array elements are named.
    pub arrays: ArrayStyle,
}

/// Parses and normalizes a hierarchical certificate, salting every claim.
///
/// The returned document holds the certificate and its metadata; [`issue_str`]
/// does not hash (see [`Issued::new`]), so callers decide when to pay for it.
pub fn issue_str(
    text: &str,
    format: InputFormat,
    options: &IssueOptions,
) -> Result<CertificateDocument, ZpassError> {
    issue_str_with(text, format, options, Limits::DEFAULT)
}

/// [`issue_str`] reading `text` under `limits`.
pub fn issue_str_with(
    text: &str,
    format: InputFormat,
    options: &IssueOptions,
    limits: Limits,
) -> Result<CertificateDocument, ZpassError> {
    if matches!(&options.salts, SaltSource::Seeded(seed) if seed.is_empty()) {
        // Every salt would follow from the key names alone, so values could be guessed.
        return Err(ZpassError::doc(
            "the salt seed is empty; give a secret seed or use random salts",
        ));
    }
    let node = match format {
        InputFormat::Json => json::parse_json_with(text, limits)?,
        InputFormat::Yaml => json::parse_yaml_with(text, limits)?,
    };
    let flat = flatten(&node, options.arrays)?;
    let mut doc = CertificateDocument::bare(Certificate::from_flattened(&flat, &options.salts)?);
    doc.metadata = flat.metadata;
    Ok(doc)
}
