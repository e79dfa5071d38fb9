//! Why a certificate, proof or document could not be read or built.

use merklab_aleo::AleoError;
use merklab_core::TreeError;
use thiserror::Error;

/// Every failure of this crate; messages are one line and name the key at fault.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ZpassError {
    /// Malformed JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A JSON document that does not have the shape of `what` (a request, a
    /// presentation); the parser's error is the source.
    #[error("invalid JSON: {what}: {source}")]
    JsonDocument {
        /// The document it was read as.
        what: &'static str,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// YAML over the limits merklab reads.
    #[error("invalid YAML: {0}")]
    Yaml(String),
    /// YAML that does not parse; the parser's error is the source.
    #[error("invalid YAML: {0}")]
    YamlSyntax(#[source] serde_norway::Error),
    /// A claim whose key, value or salt is not acceptable.
    #[error("key `{key}`: {why}")]
    Key {
        /// The (flattened) key.
        key: String,
        /// What is wrong with it.
        why: String,
    },
    /// A required claim is absent.
    #[error("the certificate has no `{0}` claim; `type` and `issuer` are required")]
    Missing(&'static str),
    /// A document holding more values than the configured bound.
    #[error("the document holds more than {0} values (objects, arrays and scalars); `--max-values N` raises the limit")]
    TooManyValues(usize),
    /// A document (certificate, proof, disclosure, signature) of the wrong shape.
    #[error("{0}")]
    Document(String),
    /// A key that the certificate does not hold.
    #[error("the certificate has no key `{0}`")]
    UnknownKey(String),
    /// An Aleo literal, key or signature that could not be parsed or made.
    #[error(transparent)]
    Aleo(#[from] AleoError),
    /// The tree could not be built or a proof made.
    #[error(transparent)]
    Tree(#[from] TreeError),
}

impl ZpassError {
    /// A problem with the claim under `key`.
    pub fn key(key: impl Into<String>, why: impl Into<String>) -> Self {
        ZpassError::Key {
            key: key.into(),
            why: why.into(),
        }
    }

    /// A document-shape problem.
    pub fn doc(why: impl Into<String>) -> Self {
        ZpassError::Document(why.into())
    }
}
