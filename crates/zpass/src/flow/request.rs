//! The verifier's signed request: what to disclose and prove, whom to trust, until when.

use std::collections::{BTreeMap, HashSet};

use merklab_aleo::account::{check_address, verify_field, IssuerKey};
use serde::{Deserialize, Serialize};

use super::{digest_field, fresh_nonce, tagged_digest, Predicate};
use crate::binding::ValueType;
use crate::error::ZpassError;
use crate::limits::Limits;

/// The `kind` of a request document.
pub const REQUEST_KIND: &str = "merklab-zpass-request/1";

/// Domain tag of the request digest.
const REQUEST_DOMAIN: &str = "merklab/zpass-request/v1";

/// The longest a request may stay valid: ten years of 365 days. A request is
/// answered within minutes; a window of centuries is a typo or an attempt to
/// make a nonce replayable forever.
pub const MAX_TTL_SECONDS: u64 = 10 * 365 * 86_400;

fn yes() -> bool {
    true
}

/// A verifier's request (zkPass's "Data Verification Request"), signed with the
/// verifier's Aleo key over [`Request::digest`]. Unknown JSON members are refused,
/// so nothing unsigned can ride along.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Always [`REQUEST_KIND`].
    pub kind: String,
    /// The verifier's Aleo address; the signature must be by this key.
    pub verifier: String,
    /// A fresh random value; a presentation answers exactly one nonce.
    pub nonce: String,
    /// When the request was made, seconds since the Unix epoch.
    pub issued_at: u64,
    /// Last second (inclusive) at which a presentation is accepted.
    pub expires_at: u64,
    /// The certificate type (`type` claim) required, if any.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub cert_type: Option<String>,
    /// Issuer addresses whose root signatures the verifier accepts.
    pub trusted_issuers: Vec<String>,
    /// Keys whose values must be disclosed.
    #[serde(default)]
    pub disclose: Vec<String>,
    /// Conditions on values.
    #[serde(default)]
    pub predicates: Vec<Predicate>,
    /// The type the verifier judges each listed key as: what it knows of the
    /// issuer's schema, since ARC-0102 leaves do not bind a value's type
    /// (see [`crate::judge`]). Keys not listed are judged by their natural reading.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, ValueType>,
    /// Whether the holder must be the certificate's `subject`: the holder then
    /// discloses `subject` and signs with that address's key.
    #[serde(default = "yes")]
    pub bind_subject: bool,
    /// The verifier's signature (`sign1...`) over [`Request::digest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl Request {
    /// [`Request::new`], refusing a `ttl` above [`MAX_TTL_SECONDS`] or an expiry
    /// past `u64::MAX` instead of clamping it.
    pub fn try_new(verifier: &str, now: u64, ttl: u64) -> Result<Self, ZpassError> {
        if ttl > MAX_TTL_SECONDS {
            return Err(ZpassError::doc(format!(
                "a ttl of {ttl} s is above the limit of {MAX_TTL_SECONDS} s (ten years)"
            )));
        }
        if now.checked_add(ttl).is_none() {
            return Err(ZpassError::doc(format!(
                "issue time {now} plus ttl {ttl} s overflows the expiry (u64 seconds)"
            )));
        }
        Ok(Self::new(verifier, now, ttl))
    }

    /// An unsigned request by `verifier`, made at `now`, valid for `ttl` seconds,
    /// with a fresh nonce, subject binding on, and nothing asked yet. The expiry
    /// saturates at `u64::MAX`; [`Request::try_new`] refuses that instead, and
    /// [`Request::validate`] refuses windows above [`MAX_TTL_SECONDS`].
    pub fn new(verifier: &str, now: u64, ttl: u64) -> Self {
        Self {
            kind: REQUEST_KIND.to_string(),
            verifier: verifier.to_string(),
            nonce: fresh_nonce(),
            issued_at: now,
            expires_at: now.saturating_add(ttl),
            cert_type: None,
            trusted_issuers: Vec::new(),
            disclose: Vec::new(),
            predicates: Vec::new(),
            types: BTreeMap::new(),
            bind_subject: true,
            signature: None,
        }
    }

    /// Checks the request is well formed: kind, addresses, nonce, window, keys and
    /// predicates. Says nothing about the signature (see [`Request::signature_valid`]).
    pub fn validate(&self) -> Result<(), ZpassError> {
        if self.kind != REQUEST_KIND {
            return Err(ZpassError::doc(format!(
                "request kind `{}` is not `{REQUEST_KIND}`",
                self.kind
            )));
        }
        check_address(&self.verifier)?;
        for issuer in &self.trusted_issuers {
            check_address(issuer)?;
        }
        if self.trusted_issuers.is_empty() {
            return Err(ZpassError::doc("the request trusts no issuer"));
        }
        if self.nonce.trim().len() < 16 {
            return Err(ZpassError::doc(
                "the request nonce is shorter than 16 characters",
            ));
        }
        if self.expires_at < self.issued_at {
            return Err(ZpassError::doc("the request expires before it is issued"));
        }
        if self.expires_at - self.issued_at > MAX_TTL_SECONDS {
            return Err(ZpassError::doc(format!(
                "the request stays valid {} s, above the limit of {MAX_TTL_SECONDS} s (ten years)",
                self.expires_at - self.issued_at
            )));
        }
        for key in &self.disclose {
            if key.is_empty() {
                return Err(ZpassError::doc("the request discloses an empty key"));
            }
        }
        self.predicates.iter().try_for_each(Predicate::validate)?;
        if self.types.keys().any(String::is_empty) {
            return Err(ZpassError::doc(
                "the request declares a type for an empty key",
            ));
        }
        for p in &self.predicates {
            let Some(declared) = self.types.get(p.key()) else {
                continue;
            };
            let judged = p.judged_types();
            if !judged.is_empty() && !judged.contains(declared) {
                return Err(ZpassError::key(
                    p.key(),
                    format!("declared {declared}, but `{p}` judges another type"),
                ));
            }
        }
        Ok(())
    }

    /// The type the request declares for `key`, if any.
    pub fn declared_type(&self, key: &str) -> Option<ValueType> {
        self.types.get(key).copied()
    }

    /// SHA3-256 over the domain tag and the request's JSON without `signature`:
    /// what the verifier signs and the holder's presentation names.
    pub fn digest(&self) -> Result<[u8; 32], ZpassError> {
        let mut unsigned = self.clone();
        unsigned.signature = None;
        let body = serde_json::to_vec(&unsigned).map_err(|e| ZpassError::doc(e.to_string()))?;
        Ok(tagged_digest(REQUEST_DOMAIN, &body))
    }

    /// [`Request::digest`] in lowercase hex.
    pub fn digest_hex(&self) -> Result<String, ZpassError> {
        Ok(hex::encode(self.digest()?))
    }

    /// Validates, then signs as `key`, which becomes the request's verifier.
    pub fn sign(&mut self, key: &IssuerKey) -> Result<(), ZpassError> {
        self.verifier = key.address();
        self.signature = None;
        self.validate()?;
        self.signature = Some(key.try_sign_field(&digest_field(&self.digest()?))?);
        Ok(())
    }

    /// Whether the signature is the verifier's over this request. Missing or
    /// malformed signatures are `false`, not errors: the caller reports them.
    pub fn signature_valid(&self) -> bool {
        let (Some(sig), Ok(digest)) = (&self.signature, self.digest()) else {
            return false;
        };
        verify_field(&self.verifier, sig, &digest_field(&digest)).unwrap_or(false)
    }

    /// Keys whose values a presentation must disclose: the `disclose` list, then
    /// keys of predicates evaluated in the clear, then `subject` when bound.
    pub fn value_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        // A set beside the list keeps a long request linear.
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |k: &str| {
            if seen.insert(k.to_string()) {
                keys.push(k.to_string());
            }
        };
        self.disclose.iter().for_each(|k| add(k));
        self.predicates
            .iter()
            .filter(|p| p.needs_value())
            .for_each(|p| add(p.key()));
        if self.bind_subject {
            add("subject");
        }
        keys
    }

    /// Keys only asked to exist: proven by key inclusion, value hidden.
    pub fn key_only_keys(&self) -> Vec<String> {
        let value_keys = self.value_keys();
        let mut seen: HashSet<&str> = value_keys.iter().map(String::as_str).collect();
        let mut keys: Vec<String> = Vec::new();
        for p in self.predicates.iter().filter(|p| !p.needs_value()) {
            if seen.insert(p.key()) {
                keys.push(p.key().to_string());
            }
        }
        keys
    }

    /// The request as pretty JSON.
    pub fn to_json(&self) -> Result<String, ZpassError> {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .map_err(|e| ZpassError::doc(e.to_string()))
    }

    /// Parses and validates a request document (the signature is checked by [`super::check`]).
    pub fn parse(text: &str) -> Result<Self, ZpassError> {
        Self::parse_with(text, Limits::DEFAULT)
    }

    /// [`Self::parse`] under `limits`.
    pub fn parse_with(text: &str, limits: Limits) -> Result<Self, ZpassError> {
        super::exact_numbers(text, "request", limits)?;
        let request: Self =
            serde_json::from_str(text).map_err(|source| ZpassError::JsonDocument {
                what: "request",
                source,
            })?;
        request.validate()?;
        Ok(request)
    }
}
