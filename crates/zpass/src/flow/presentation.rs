//! The holder's answer to a request: just the proofs it asks for, bound to it.

use merklab_aleo::account::{verify_field, IssuerKey};
use merklab_aleo::literal;
use serde::{Deserialize, Serialize};

use super::{
    claim_value, digest_field, lit_u64, lit_u64_vec, tagged_digest, Request, MAX_SIBLINGS,
};
use crate::certificate::CertificateDocument;
use crate::error::ZpassError;
use crate::limits::Limits;
use crate::proof::{ClaimProof, Opening, Verdict};
use crate::scheme::{key_identifier, Issued};
use crate::sign::verify_root_signature;
use crate::ClaimValue;

/// The `kind` of a presentation document.
pub const PRESENTATION_KIND: &str = "merklab-zpass-presentation/1";

/// Domain tag of the digest the holder signs.
const PRESENTATION_DOMAIN: &str = "merklab/zpass-presentation/v1";

/// A disclosed claim with its value-inclusion proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosedClaim {
    /// The normalized key.
    pub key: String,
    /// The claim's salt.
    pub salt: String,
    /// The claim's value.
    #[serde(with = "claim_value")]
    pub value: ClaimValue,
    /// Siblings from the leaf to the root (unpadded).
    #[serde(with = "lit_u64_vec")]
    pub proof: Vec<u64>,
}

/// A key proven present without its value: `hashMerge(salt_hash, value_hash)` and siblings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncludedKey {
    /// The normalized key.
    pub key: String,
    /// `hashMerge(salt_hash, value_hash)`; reveals neither.
    #[serde(with = "lit_u64")]
    pub data_hash: u64,
    /// Siblings from the leaf to the root (unpadded).
    #[serde(with = "lit_u64_vec")]
    pub proof: Vec<u64>,
}

/// A holder's presentation for one request, signed by the holder over
/// [`Presentation::digest`] (which covers the request digest, nonce and verifier).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// Always [`PRESENTATION_KIND`].
    pub kind: String,
    /// The answered request's [`Request::digest`], hex.
    pub request_digest: String,
    /// The answered request's nonce.
    pub nonce: String,
    /// The answered request's verifier address.
    pub verifier: String,
    /// The answered request's expiry (seconds since the Unix epoch).
    pub expires_at: u64,
    /// The certificate type: part of every key identifier, so revealed by any proof.
    #[serde(rename = "type")]
    pub cert_type: String,
    /// The `issuer` claim's value: part of every key identifier.
    pub issuer: String,
    /// The certificate root.
    #[serde(with = "lit_u64")]
    pub root: u64,
    /// The address that signed the root.
    pub issuer_address: String,
    /// The issuer's signature over the root (`sign1...`).
    pub issuer_signature: String,
    /// Claims disclosed with salt, value and proof.
    pub disclosed: Vec<DisclosedClaim>,
    /// Keys proven present, values hidden.
    pub included: Vec<IncludedKey>,
    /// The holder's address; the holder signature is by this key.
    pub holder: String,
    /// The holder's signature over [`Presentation::digest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_signature: Option<String>,
}

fn siblings_ok(proof: &[u64]) -> Result<(), String> {
    if proof.len() > MAX_SIBLINGS {
        return Err(format!(
            "{} siblings; at most {MAX_SIBLINGS} are accepted",
            proof.len()
        ));
    }
    Ok(())
}

fn verdict(v: Result<Verdict, ZpassError>) -> Result<(), String> {
    match v {
        Ok(Verdict::Accepted) => Ok(()),
        Ok(Verdict::Rejected(why)) => Err(why),
        Err(e) => Err(e.to_string()),
    }
}

impl Presentation {
    /// Builds the holder's answer to `request` from a signed certificate document,
    /// signed with `holder`. It discloses [`Request::value_keys`], proves
    /// [`Request::key_only_keys`] by key inclusion, and nothing else.
    ///
    /// The holder checks what protects it first: the request's signature and expiry
    /// at `now`, the issuer's signature, and (with subject binding) that `holder` is
    /// the certificate's `subject`. Predicates are not checked here: the verifier does.
    pub fn build(
        request: &Request,
        doc: &CertificateDocument,
        holder: &IssuerKey,
        now: u64,
    ) -> Result<Self, ZpassError> {
        request.validate()?;
        if !request.signature_valid() {
            return Err(ZpassError::doc(
                "the request's signature is not its verifier's; refusing to answer",
            ));
        }
        if now > request.expires_at {
            return Err(ZpassError::doc(format!(
                "the request expired at {} (now {now})",
                request.expires_at
            )));
        }
        let (Some(issuer_address), Some(issuer_signature)) = (&doc.issuer_address, &doc.signature)
        else {
            return Err(ZpassError::doc(
                "the certificate is not signed (issue it with an issuer key)",
            ));
        };
        let issued = Issued::new(doc.certificate.clone())?;
        let root = issued.root();
        if let Some(stated) = doc.root {
            if stated != root {
                return Err(ZpassError::doc(format!(
                    "the certificate states root {} but hashes to {}",
                    literal::format_u64(stated),
                    literal::format_u64(root)
                )));
            }
        }
        if let Verdict::Rejected(why) =
            verify_root_signature(issuer_address, issuer_signature, root)?
        {
            return Err(ZpassError::doc(why));
        }
        if request.bind_subject {
            let subject = doc.certificate.get("subject").map(|c| c.value.text());
            if subject.as_deref() != Some(holder.address().as_str()) {
                return Err(ZpassError::key(
                    "subject",
                    format!(
                        "the request binds the holder to the certificate's subject, and the holder key's address {} is not it",
                        holder.address()
                    ),
                ));
            }
        }
        let mut disclosed = Vec::new();
        for key in request.value_keys() {
            let proof = issued.prove_value(&key)?;
            let Opening::Value { salt, value } = proof.opening else {
                return Err(ZpassError::doc("internal: a value proof without a value"));
            };
            disclosed.push(DisclosedClaim {
                key,
                salt,
                value,
                proof: proof.siblings,
            });
        }
        let mut included = Vec::new();
        for key in request.key_only_keys() {
            let proof = issued.prove_key(&key)?;
            let Opening::Key { data_hash } = proof.opening else {
                return Err(ZpassError::doc("internal: a key proof with a value"));
            };
            included.push(IncludedKey {
                key,
                data_hash,
                proof: proof.siblings,
            });
        }
        let mut presentation = Presentation {
            kind: PRESENTATION_KIND.to_string(),
            request_digest: request.digest_hex()?,
            nonce: request.nonce.clone(),
            verifier: request.verifier.clone(),
            expires_at: request.expires_at,
            cert_type: issued.certificate().cert_type().to_string(),
            issuer: issued.certificate().issuer().to_string(),
            root,
            issuer_address: issuer_address.trim().to_string(),
            issuer_signature: issuer_signature.trim().to_string(),
            disclosed,
            included,
            holder: holder.address(),
            holder_signature: None,
        };
        presentation.sign_holder(holder)?;
        Ok(presentation)
    }

    /// SHA3-256 over the domain tag and the presentation's JSON without
    /// `holder_signature`: every member, so the request digest, nonce, verifier,
    /// expiry, root and proofs are all bound to the holder's key.
    pub fn digest(&self) -> Result<[u8; 32], ZpassError> {
        let mut unsigned = self.clone();
        unsigned.holder_signature = None;
        let body = serde_json::to_vec(&unsigned).map_err(|e| ZpassError::doc(e.to_string()))?;
        Ok(tagged_digest(PRESENTATION_DOMAIN, &body))
    }

    /// Signs as `key`, which becomes the presentation's holder.
    pub fn sign_holder(&mut self, key: &IssuerKey) -> Result<(), ZpassError> {
        self.holder = key.address();
        self.holder_signature = None;
        self.holder_signature = Some(key.try_sign_field(&digest_field(&self.digest()?))?);
        Ok(())
    }

    /// Whether the holder signature is the holder's over this presentation.
    pub fn holder_signature_valid(&self) -> bool {
        let (Some(sig), Ok(digest)) = (&self.holder_signature, self.digest()) else {
            return false;
        };
        verify_field(&self.holder, sig, &digest_field(&digest)).unwrap_or(false)
    }

    /// The disclosed claim under `key`.
    pub fn disclosed(&self, key: &str) -> Option<&DisclosedClaim> {
        self.disclosed.iter().find(|d| d.key == key)
    }

    /// Checks a disclosed claim's value-inclusion proof against this presentation's
    /// root, recomputing its key identifier from `type`, `issuer` and the key.
    pub fn verify_disclosed(&self, claim: &DisclosedClaim) -> Result<(), String> {
        siblings_ok(&claim.proof)?;
        self.verify_opening(
            &claim.key,
            Opening::Value {
                salt: claim.salt.clone(),
                value: claim.value.clone(),
            },
            &claim.proof,
        )
    }

    /// Checks a key-inclusion proof against this presentation's root.
    pub fn verify_included(&self, included: &IncludedKey) -> Result<(), String> {
        siblings_ok(&included.proof)?;
        self.verify_opening(
            &included.key,
            Opening::Key {
                data_hash: included.data_hash,
            },
            &included.proof,
        )
    }

    fn verify_opening(&self, key: &str, opening: Opening, siblings: &[u64]) -> Result<(), String> {
        let mut proof = ClaimProof {
            cert_type: self.cert_type.clone(),
            issuer: self.issuer.clone(),
            key: key.to_string(),
            key_identifier: key_identifier(&self.cert_type, &self.issuer, key),
            opening,
            leaf: 0,
            siblings: siblings.to_vec(),
            root: self.root,
        };
        proof.leaf = proof.recomputed_leaf().map_err(|e| e.to_string())?;
        verdict(proof.verify(self.root))
    }

    /// The presentation as pretty JSON.
    pub fn to_json(&self) -> Result<String, ZpassError> {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .map_err(|e| ZpassError::doc(e.to_string()))
    }

    /// Parses a presentation document (its content is judged by [`super::check`]).
    pub fn parse(text: &str) -> Result<Self, ZpassError> {
        Self::parse_with(text, Limits::DEFAULT)
    }

    /// [`Self::parse`] under `limits`.
    pub fn parse_with(text: &str, limits: Limits) -> Result<Self, ZpassError> {
        super::exact_numbers(text, "presentation", limits)?;
        let p: Self = serde_json::from_str(text).map_err(|source| ZpassError::JsonDocument {
            what: "presentation",
            source,
        })?;
        if p.kind != PRESENTATION_KIND {
            return Err(ZpassError::doc(format!(
                "presentation kind `{}` is not `{PRESENTATION_KIND}`",
                p.kind
            )));
        }
        Ok(p)
    }
}
