//! The normalized certificate (the reference SDK's `NormalizedRecord`), its text
//! form, and the document envelope that carries root, signature and metadata.

use merklab_aleo::literal;

use crate::error::ZpassError;
use crate::flatten::Flattened;
use crate::json::{parse_json_with, Node};
use crate::limits::Limits;
use crate::salt::{salt_problem, SaltSource};
use crate::value::ClaimValue;

/// Claims above this many are salted on the rayon pool (feature `parallel`).
#[cfg(feature = "parallel")]
const PARALLEL_CLAIMS: usize = 128;

/// One normalized claim: `key: salt value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Normalized (flattened) key, e.g. `address,city`.
    pub key: String,
    /// The salt, a UUID in practice; never contains a space.
    pub salt: String,
    /// The value.
    pub value: ClaimValue,
}

/// A normalized certificate: claims in input order and, for a selective disclosure,
/// the leaf hashes of the claims not revealed (the spec's `private` list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    claims: Vec<Claim>,
    private: Vec<u64>,
}

fn string_claim<'a>(claims: &'a [Claim], key: &'static str) -> Result<&'a str, ZpassError> {
    match claims.iter().find(|c| c.key == key) {
        None => Err(ZpassError::Missing(key)),
        Some(Claim {
            value: ClaimValue::String(s),
            ..
        }) => Ok(s),
        Some(_) => Err(ZpassError::key(
            key,
            "must be a string (it is part of every key identifier)",
        )),
    }
}

impl Certificate {
    /// Checks and wraps claims: keys unique and not reserved, salts without spaces,
    /// `type` and `issuer` present as strings.
    pub fn new(claims: Vec<Claim>, private: Vec<u64>) -> Result<Self, ZpassError> {
        let mut seen = std::collections::HashSet::with_capacity(claims.len());
        for claim in &claims {
            if crate::flatten::RESERVED.contains(&claim.key.as_str()) {
                return Err(ZpassError::key(
                    &claim.key,
                    "reserved key; it is never hashed",
                ));
            }
            if claim.key.is_empty() {
                return Err(ZpassError::key("", "empty key"));
            }
            if !seen.insert(claim.key.as_str()) {
                return Err(ZpassError::key(&claim.key, "appears twice"));
            }
            if let Some(why) = salt_problem(&claim.salt) {
                return Err(ZpassError::key(&claim.key, why));
            }
        }
        string_claim(&claims, "type")?;
        string_claim(&claims, "issuer")?;
        Ok(Self { claims, private })
    }

    /// Salts every flattened claim from `salts`.
    pub fn from_flattened(flat: &Flattened, salts: &SaltSource) -> Result<Self, ZpassError> {
        let salter = salts.salter();
        let claim = |(key, value): &(String, ClaimValue)| Claim {
            salt: salter.salt_for(key),
            key: key.clone(),
            value: value.clone(),
        };
        #[cfg(feature = "parallel")]
        if flat.entries.len() > PARALLEL_CLAIMS {
            use rayon::prelude::*;
            // A SHA-1 and three allocations a claim: worth a second thread early.
            let claims = flat
                .entries
                .par_iter()
                .with_min_len(64)
                .map(claim)
                .collect();
            return Self::new(claims, Vec::new());
        }
        Self::new(flat.entries.iter().map(claim).collect(), Vec::new())
    }

    /// The claims in input order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Leaf hashes of undisclosed claims (empty unless this is a disclosure).
    pub fn private(&self) -> &[u64] {
        &self.private
    }

    /// The claim under `key`.
    pub fn get(&self, key: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.key == key)
    }

    /// The certificate type (the `type` claim's value).
    pub fn cert_type(&self) -> &str {
        string_claim(&self.claims, "type").unwrap_or_default()
    }

    /// The issuer (the `issuer` claim's value).
    pub fn issuer(&self) -> &str {
        string_claim(&self.claims, "issuer").unwrap_or_default()
    }

    /// The NormalizedRecord JSON object, plus `private` for a disclosure.
    pub fn to_node(&self) -> Node {
        let mut members: Vec<(String, Node)> = self
            .claims
            .iter()
            .map(|c| {
                (
                    c.key.clone(),
                    Node::Object(vec![
                        ("salt".into(), Node::String(c.salt.clone())),
                        ("value".into(), c.value.to_node()),
                    ]),
                )
            })
            .collect();
        if !self.private.is_empty() {
            members.push((
                "private".into(),
                Node::Array(
                    self.private
                        .iter()
                        .map(|h| Node::String(literal::format_u64(*h)))
                        .collect(),
                ),
            ));
        }
        Node::Object(members)
    }

    /// Reads a NormalizedRecord object (with an optional `private` list).
    pub fn from_node(node: &Node) -> Result<Self, ZpassError> {
        let Node::Object(members) = node else {
            return Err(ZpassError::doc(format!(
                "a normalized certificate is an object of {{\"salt\", \"value\"}} claims, found {}",
                node.kind()
            )));
        };
        let mut claims = Vec::with_capacity(members.len());
        let mut private = Vec::new();
        for (key, entry) in members {
            match key.as_str() {
                "private" => private = parse_u64_list("private", entry)?,
                "metadata" => {}
                _ => claims.push(claim_from_node(key, entry)?),
            }
        }
        Self::new(claims, private)
    }

    /// The spec's text form: one `key:salt value` line per claim. A key, salt or
    /// value holding a control character (a newline would start a line that reads
    /// as another claim, an escape sequence could rewrite the terminal) or a
    /// Unicode line or paragraph separator has no faithful text form: refused,
    /// naming the key; the JSON document carries such values exactly.
    pub fn to_text(&self) -> Result<String, ZpassError> {
        let mut out = String::new();
        for c in &self.claims {
            let value = c.value.text();
            for (what, text) in [
                ("key", c.key.as_str()),
                ("salt", &c.salt),
                ("value", &value),
            ] {
                if let Some(bad) = text
                    .chars()
                    .find(|ch| ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}'))
                {
                    return Err(ZpassError::key(
                        c.key.escape_debug().to_string(),
                        format!(
                            "the {what} holds U+{:04X}, a control or line-separator character the text form cannot show on one line (use the JSON document)",
                            u32::from(bad)
                        ),
                    ));
                }
            }
            out.push_str(&format!("{}:{} {value}\n", c.key, c.salt));
        }
        if !self.private.is_empty() {
            out.push_str("private: [\n");
            for h in &self.private {
                out.push_str(&format!("{},\n", literal::format_u64(*h)));
            }
            out.push_str("]\n");
        }
        Ok(out)
    }
}

fn claim_from_node(key: &str, entry: &Node) -> Result<Claim, ZpassError> {
    let Node::Object(fields) = entry else {
        return Err(ZpassError::key(
            key,
            format!("expected {{\"salt\", \"value\"}}, found {}", entry.kind()),
        ));
    };
    if let Some((other, _)) = fields.iter().find(|(k, _)| k != "salt" && k != "value") {
        return Err(ZpassError::key(key, format!("unexpected field `{other}`")));
    }
    let salt = match entry.get("salt") {
        Some(Node::String(s)) => s.clone(),
        Some(other) => {
            return Err(ZpassError::key(
                key,
                format!("the salt must be a string, found {}", other.kind()),
            ))
        }
        None => return Err(ZpassError::key(key, "no salt")),
    };
    let value = entry
        .get("value")
        .ok_or_else(|| ZpassError::key(key, "no value"))?;
    Ok(Claim {
        key: key.to_string(),
        salt,
        value: ClaimValue::from_node(key, value)?,
    })
}

/// Parses a `u64` literal (`123u64`) found in field `what` of a document.
pub fn parse_u64_field(what: &str, node: &Node) -> Result<u64, ZpassError> {
    match node {
        Node::String(s) => {
            literal::parse_u64_canonical(s).map_err(|e| ZpassError::doc(format!("`{what}`: {e}")))
        }
        other => Err(ZpassError::doc(format!(
            "`{what}` must be a u64 literal string such as \"42u64\", found {}",
            other.kind()
        ))),
    }
}

/// Parses a list of `u64` literals found in field `what`.
pub fn parse_u64_list(what: &str, node: &Node) -> Result<Vec<u64>, ZpassError> {
    match node {
        Node::Array(items) => items.iter().map(|i| parse_u64_field(what, i)).collect(),
        other => Err(ZpassError::doc(format!(
            "`{what}` must be a list of u64 literals, found {}",
            other.kind()
        ))),
    }
}

/// Refuses a member of `node` not in `known`: nothing unchecked rides along in a
/// document, and a padded document costs no more than its parse.
pub fn deny_unknown(node: &Node, known: &[&str], document: &str) -> Result<(), ZpassError> {
    if let Node::Object(members) = node {
        if let Some((other, _)) = members.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(ZpassError::doc(format!(
                "unexpected member `{other}` in {document}"
            )));
        }
    }
    Ok(())
}

/// Reads an optional string member `what`.
pub fn opt_string(node: &Node, what: &str) -> Result<Option<String>, ZpassError> {
    match node.get(what) {
        None | Some(Node::Null) => Ok(None),
        Some(Node::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(ZpassError::doc(format!(
            "`{what}` must be a string, found {}",
            other.kind()
        ))),
    }
}

/// A certificate document as `merklab zpass issue` writes it:
/// `{"certificate": {NormalizedRecord}, "root": "...u64", "issuer_address"?, "signature"?, "metadata"?}`.
/// A bare NormalizedRecord reads as a document with only `certificate`.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateDocument {
    /// The normalized certificate (or disclosure).
    pub certificate: Certificate,
    /// The root as issued, when recorded.
    pub root: Option<u64>,
    /// The issuer's Aleo address, when signed.
    pub issuer_address: Option<String>,
    /// The issuer's signature over the root, when signed.
    pub signature: Option<String>,
    /// The input's unhashed `metadata`, carried along.
    pub metadata: Option<Node>,
}

impl CertificateDocument {
    /// A document holding just a certificate.
    pub fn bare(certificate: Certificate) -> Self {
        Self {
            certificate,
            root: None,
            issuer_address: None,
            signature: None,
            metadata: None,
        }
    }

    /// Whether a parsed object is an envelope rather than a bare record: its
    /// `certificate` member is an object that is not itself a `{salt, value}` claim.
    pub fn is_envelope(node: &Node) -> bool {
        match node.get("certificate") {
            Some(inner @ Node::Object(_)) => !matches!(inner.get("salt"), Some(Node::String(_))),
            _ => false,
        }
    }

    /// Reads an envelope or a bare NormalizedRecord from a parsed node.
    pub fn from_node(node: &Node) -> Result<Self, ZpassError> {
        if !Self::is_envelope(node) {
            return Ok(Self::bare(Certificate::from_node(node)?));
        }
        if !matches!(node, Node::Object(_)) {
            return Err(ZpassError::doc("a certificate document must be an object"));
        }
        deny_unknown(
            node,
            &[
                "certificate",
                "root",
                "issuer_address",
                "signature",
                "metadata",
            ],
            "a certificate document",
        )?;
        let certificate = Certificate::from_node(node.get("certificate").unwrap_or(&Node::Null))?;
        let root = match node.get("root") {
            None | Some(Node::Null) => None,
            Some(r) => Some(parse_u64_field("root", r)?),
        };
        Ok(Self {
            certificate,
            root,
            issuer_address: opt_string(node, "issuer_address")?,
            signature: opt_string(node, "signature")?,
            metadata: node.get("metadata").cloned(),
        })
    }

    /// Parses JSON text: an envelope or a bare NormalizedRecord.
    pub fn parse(text: &str) -> Result<Self, ZpassError> {
        Self::parse_with(text, Limits::DEFAULT)
    }

    /// [`Self::parse`] under `limits`.
    pub fn parse_with(text: &str, limits: Limits) -> Result<Self, ZpassError> {
        Self::from_node(&parse_json_with(text, limits)?)
    }

    /// The envelope as pretty JSON.
    pub fn to_json(&self) -> String {
        let mut members = vec![("certificate".to_string(), self.certificate.to_node())];
        if let Some(root) = self.root {
            members.push(("root".into(), Node::String(literal::format_u64(root))));
        }
        if let Some(a) = &self.issuer_address {
            members.push(("issuer_address".into(), Node::String(a.clone())));
        }
        if let Some(s) = &self.signature {
            members.push(("signature".into(), Node::String(s.clone())));
        }
        if let Some(m) = &self.metadata {
            members.push(("metadata".into(), m.clone()));
        }
        Node::Object(members).to_json_pretty()
    }
}
