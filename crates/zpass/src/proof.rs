//! Value-inclusion and key-inclusion proofs, their documents and offline checks.

use merklab_aleo::{hash_merge, hash_string, literal};

use crate::certificate::{deny_unknown, opt_string, parse_u64_field, parse_u64_list, Claim};
use crate::error::ZpassError;
use crate::json::{parse_json_with, Node};
use crate::limits::Limits;
use crate::scheme::{key_identifier, root_from_siblings, ClaimHashes, Issued};
use crate::value::ClaimValue;

/// Certificates with more claims than this are proven on the rayon pool (feature
/// `parallel`).
#[cfg(feature = "parallel")]
const PARALLEL_PROOFS: usize = 128;

/// The outcome of a check that ran: accepted, or rejected with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Everything matched.
    Accepted,
    /// Something did not match; the reason in one line.
    Rejected(String),
}

impl Verdict {
    /// Whether the check passed.
    pub fn is_accepted(&self) -> bool {
        matches!(self, Verdict::Accepted)
    }
}

/// What a proof reveals about the proven claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Value inclusion: the salt and the value.
    Value {
        /// The salt.
        salt: String,
        /// The value.
        value: ClaimValue,
    },
    /// Key inclusion: only `hashMerge(salt_hash, value_hash)`.
    Key {
        /// The claim's data hash.
        data_hash: u64,
    },
}

/// A proof that a claim under `key` is in the certificate with root `root`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimProof {
    /// Certificate type (public model data; part of the key identifier).
    pub cert_type: String,
    /// Issuer (public model data; part of the key identifier).
    pub issuer: String,
    /// The normalized key.
    pub key: String,
    /// `hash(type + issuer + key)`.
    pub key_identifier: u64,
    /// What is revealed.
    pub opening: Opening,
    /// The leaf digest.
    pub leaf: u64,
    /// Siblings from leaf to root, unpadded.
    pub siblings: Vec<u64>,
    /// The root the proof was made for.
    pub root: u64,
}

/// What a proof opens: the salt and value, or only the data hash (key inclusion).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reveal {
    /// Value inclusion: [`Opening::Value`].
    #[default]
    Value,
    /// Key inclusion: [`Opening::Key`].
    Key,
}

impl Issued {
    /// The proof of `key` that opens what `reveal` says.
    pub fn prove(&self, key: &str, reveal: Reveal) -> Result<ClaimProof, ZpassError> {
        match reveal {
            Reveal::Value => self.prove_value(key),
            Reveal::Key => self.prove_key(key),
        }
    }

    /// One proof per key, in the order given; the first unknown key is the error.
    pub fn prove_many<'a>(
        &self,
        keys: impl IntoIterator<Item = &'a str>,
        reveal: Reveal,
    ) -> Result<Vec<ClaimProof>, ZpassError> {
        keys.into_iter().map(|k| self.prove(k, reveal)).collect()
    }

    /// A proof of every claim, in claim order: what a holder keeps to answer any
    /// later request without the issuer, from one tree build.
    pub fn prove_all(&self, reveal: Reveal) -> Result<Vec<ClaimProof>, ZpassError> {
        let claims = self.certificate().claims();
        let prove = |(claim, h): (&Claim, &ClaimHashes)| self.proof_of(claim, h, reveal);
        #[cfg(feature = "parallel")]
        if claims.len() > PARALLEL_PROOFS {
            use rayon::prelude::*;
            return claims
                .par_iter()
                .zip(self.hashes())
                .with_min_len(64)
                .map(prove)
                .collect();
        }
        claims.iter().zip(self.hashes()).map(prove).collect()
    }

    /// The proof of one claim with its hashes, opening what `reveal` says.
    fn proof_of(
        &self,
        claim: &Claim,
        h: &ClaimHashes,
        reveal: Reveal,
    ) -> Result<ClaimProof, ZpassError> {
        let opening = match reveal {
            Reveal::Value => Opening::Value {
                salt: claim.salt.clone(),
                value: claim.value.clone(),
            },
            Reveal::Key => Opening::Key {
                data_hash: h.data_hash,
            },
        };
        self.make_proof(&claim.key, h.key_identifier, h.leaf, opening)
    }

    /// The value-inclusion proof of `key`: salt, value and siblings.
    pub fn prove_value(&self, key: &str) -> Result<ClaimProof, ZpassError> {
        let (claim, h) = self.claim(key)?;
        self.make_proof(
            key,
            h.key_identifier,
            h.leaf,
            Opening::Value {
                salt: claim.salt.clone(),
                value: claim.value.clone(),
            },
        )
    }

    /// The key-inclusion proof of `key`: the data hash and siblings, hiding salt and value.
    pub fn prove_key(&self, key: &str) -> Result<ClaimProof, ZpassError> {
        let (_, h) = self.claim(key)?;
        self.make_proof(
            key,
            h.key_identifier,
            h.leaf,
            Opening::Key {
                data_hash: h.data_hash,
            },
        )
    }

    fn make_proof(
        &self,
        key: &str,
        key_identifier: u64,
        leaf: u64,
        opening: Opening,
    ) -> Result<ClaimProof, ZpassError> {
        Ok(ClaimProof {
            cert_type: self.certificate().cert_type().to_string(),
            issuer: self.certificate().issuer().to_string(),
            key: key.to_string(),
            key_identifier,
            opening,
            leaf,
            siblings: self.siblings_of(leaf)?,
            root: self.root(),
        })
    }
}

impl ClaimProof {
    /// The siblings as the spec's `[u64; 32]` Leo input, padded with `0u64`.
    pub fn leo_proof(&self) -> Result<[u64; 32], ZpassError> {
        Ok(literal::leo_proof_array(&self.siblings)?)
    }

    /// The leaf the opening implies under this proof's key identifier.
    pub fn recomputed_leaf(&self) -> Result<u64, ZpassError> {
        let data = match &self.opening {
            Opening::Value { salt, value } => hash_merge(hash_string(salt), value.hash()?),
            Opening::Key { data_hash } => *data_hash,
        };
        Ok(hash_merge(self.key_identifier, data))
    }

    /// Checks the proof against a root the verifier trusts, recomputing the key
    /// identifier, the leaf and the path. Only malformed values are errors.
    pub fn verify(&self, trusted_root: u64) -> Result<Verdict, ZpassError> {
        let expected_id = key_identifier(&self.cert_type, &self.issuer, &self.key);
        if expected_id != self.key_identifier {
            return Ok(Verdict::Rejected(format!(
                "key identifier {} is not hash(type + issuer + \"{}\") = {}",
                literal::format_u64(self.key_identifier),
                self.key,
                literal::format_u64(expected_id)
            )));
        }
        let leaf = self.recomputed_leaf()?;
        if leaf != self.leaf {
            return Ok(Verdict::Rejected(format!(
                "the opening hashes to leaf {}, not the stated {}",
                literal::format_u64(leaf),
                literal::format_u64(self.leaf)
            )));
        }
        let root = root_from_siblings(leaf, &self.siblings);
        if root != trusted_root {
            return Ok(Verdict::Rejected(format!(
                "the path leads to root {}, not {}",
                literal::format_u64(root),
                literal::format_u64(trusted_root)
            )));
        }
        Ok(Verdict::Accepted)
    }

    /// The proof document (JSON), with the padded Leo literal alongside the list.
    pub fn to_json(&self) -> Result<String, ZpassError> {
        Ok(self.to_node()?.to_json_pretty())
    }

    /// Several proofs as one document: a JSON array of proof documents, each in the
    /// form [`Self::to_json`] writes.
    pub fn many_to_json(proofs: &[ClaimProof]) -> Result<String, ZpassError> {
        let nodes = proofs.iter().map(Self::to_node).collect::<Result<_, _>>()?;
        Ok(Node::Array(nodes).to_json_pretty())
    }

    /// Reads a document of several proofs ([`Self::many_to_json`]'s array).
    pub fn many_from_node(node: &Node) -> Result<Vec<Self>, ZpassError> {
        let Node::Array(items) = node else {
            return Err(ZpassError::doc(
                "a proof bundle must be a JSON array of proofs",
            ));
        };
        if items.is_empty() {
            return Err(ZpassError::doc("the proof bundle holds no proof"));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                Self::from_node(item).map_err(|e| ZpassError::doc(format!("proof {}: {e}", i + 1)))
            })
            .collect()
    }

    /// The proof document as a JSON tree.
    pub fn to_node(&self) -> Result<Node, ZpassError> {
        let u = |v: u64| Node::String(literal::format_u64(v));
        let mut m = vec![
            (
                "kind".to_string(),
                Node::String(
                    match self.opening {
                        Opening::Value { .. } => "arc0102-value-proof",
                        Opening::Key { .. } => "arc0102-key-proof",
                    }
                    .into(),
                ),
            ),
            ("type".into(), Node::String(self.cert_type.clone())),
            ("issuer".into(), Node::String(self.issuer.clone())),
            ("key".into(), Node::String(self.key.clone())),
            ("key_identifier".into(), u(self.key_identifier)),
        ];
        match &self.opening {
            Opening::Value { salt, value } => {
                m.push(("salt".into(), Node::String(salt.clone())));
                m.push(("value".into(), value.to_node()));
            }
            Opening::Key { data_hash } => m.push(("data_hash".into(), u(*data_hash))),
        }
        m.push(("leaf".into(), u(self.leaf)));
        m.push((
            "proof".into(),
            Node::Array(self.siblings.iter().map(|s| u(*s)).collect()),
        ));
        m.push((
            "leo_proof".into(),
            Node::String(literal::format_u64_array(&self.leo_proof()?)),
        ));
        m.push(("root".into(), u(self.root)));
        Ok(Node::Object(m))
    }

    /// Reads a proof document. Members other than the kind's are refused, and the
    /// derived `leo_proof`, when present, must be `proof` padded as [`Self::leo_proof`]
    /// writes it: a Leo verifier given it must check the same path.
    pub fn from_node(node: &Node) -> Result<Self, ZpassError> {
        let kind = opt_string(node, "kind")?.unwrap_or_default();
        let need = |what: &str| {
            node.get(what)
                .ok_or_else(|| ZpassError::doc(format!("the proof has no `{what}`")))
        };
        let need_str = |what: &str| -> Result<String, ZpassError> {
            opt_string(node, what)?
                .ok_or_else(|| ZpassError::doc(format!("the proof has no `{what}`")))
        };
        let key = need_str("key")?;
        let opening = match kind.as_str() {
            "arc0102-value-proof" => Opening::Value {
                salt: need_str("salt")?,
                value: ClaimValue::from_node(&key, need("value")?)?,
            },
            "arc0102-key-proof" => Opening::Key {
                data_hash: parse_u64_field("data_hash", need("data_hash")?)?,
            },
            other => {
                return Err(ZpassError::doc(format!(
                "unknown proof kind `{other}` (expected arc0102-value-proof or arc0102-key-proof)"
            )))
            }
        };
        let opening_members: &[&str] = match opening {
            Opening::Value { .. } => &["salt", "value"],
            Opening::Key { .. } => &["data_hash"],
        };
        let known: Vec<&str> = PROOF_MEMBERS
            .iter()
            .chain(opening_members)
            .copied()
            .collect();
        deny_unknown(node, &known, &format!("an {kind} document"))?;
        let siblings = parse_siblings(need("proof")?)?;
        if let Some(leo) = node.get("leo_proof") {
            check_leo_proof(leo, &siblings)?;
        }
        Ok(Self {
            cert_type: need_str("type")?,
            issuer: need_str("issuer")?,
            key_identifier: parse_u64_field("key_identifier", need("key_identifier")?)?,
            opening,
            leaf: parse_u64_field("leaf", need("leaf")?)?,
            siblings,
            root: parse_u64_field("root", need("root")?)?,
            key,
        })
    }

    /// Parses a proof document.
    pub fn parse(text: &str) -> Result<Self, ZpassError> {
        Self::parse_with(text, Limits::DEFAULT)
    }

    /// [`Self::parse`] under `limits`.
    pub fn parse_with(text: &str, limits: Limits) -> Result<Self, ZpassError> {
        Self::from_node(&parse_json_with(text, limits)?)
    }
}

/// Members every proof document may hold, besides its opening's.
const PROOF_MEMBERS: [&str; 9] = [
    "kind",
    "type",
    "issuer",
    "key",
    "key_identifier",
    "leaf",
    "proof",
    "leo_proof",
    "root",
];

/// Checks a document's `leo_proof` is its `siblings` padded with `0u64` to 32, in
/// the form [`literal::format_u64_array`] writes; the error names the first
/// entry that differs.
fn check_leo_proof(node: &Node, siblings: &[u64]) -> Result<(), ZpassError> {
    let expected = literal::leo_proof_array(siblings)?;
    let Node::String(text) = node else {
        return Err(ZpassError::doc(format!(
            "`leo_proof` must be a [u64; 32] literal string, found {}",
            node.kind()
        )));
    };
    if *text == literal::format_u64_array(&expected) {
        return Ok(());
    }
    let given = literal::parse_u64_array(text)
        .map_err(|_| ZpassError::doc("`leo_proof` is not a [u64; 32] literal"))?;
    if given.len() != expected.len() {
        return Err(ZpassError::doc(format!(
            "`leo_proof` has {} entries; a Leo proof has {}",
            given.len(),
            expected.len()
        )));
    }
    if let Some(i) = (0..expected.len()).find(|&i| given[i] != expected[i]) {
        return Err(ZpassError::doc(format!(
            "`leo_proof` entry {i} is {}, but `proof` padded with 0u64 gives {}",
            literal::format_u64(given[i]),
            literal::format_u64(expected[i])
        )));
    }
    Err(ZpassError::doc(
        "`leo_proof` is not in canonical form (`[1u64, 2u64, 0u64, ...]`, one space after each comma)",
    ))
}

/// The `proof` list: u64 literals that fit the Leo verifier's `[u64; 32]`, none of
/// them `0u64` (Leo would stop at it and fold a different root).
fn parse_siblings(node: &Node) -> Result<Vec<u64>, ZpassError> {
    let siblings = parse_u64_list("proof", node)?;
    literal::leo_proof_array(&siblings).map_err(|e| ZpassError::doc(format!("`proof`: {e}")))?;
    Ok(siblings)
}
