//! zPass (ARC-0102) from Python: issue a certificate, prove claims, verify a proof,
//! in the documents `merklab zpass issue/prove/verify` read and write.

use merklab_aleo::literal;
use merklab_zpass::{
    issue_str_with, ArrayStyle, CertificateDocument, ClaimProof, InputFormat, IssueOptions, Issued,
    Limits, Reveal, SaltSource, ZpassError,
};
use pyo3::prelude::*;

use crate::error;

/// The bounds a call reads its document under: the default unless `max_values` is given.
fn limits(max_values: Option<usize>) -> Limits {
    max_values.map_or(Limits::DEFAULT, Limits::with_max_values)
}

/// The certificate document (JSON, with its root) for the hierarchical claims in
/// `text` (`format` "json" or "yaml"); salts are seeded from `seed`, or random.
/// `text` may hold at most `max_values` values (the CLI's `--max-values`).
#[pyfunction]
#[pyo3(signature = (text, *, format = "json", seed = None, sdk_arrays = false, max_values = None))]
pub(crate) fn zpass_issue(
    py: Python<'_>,
    text: &str,
    format: &str,
    seed: Option<String>,
    sdk_arrays: bool,
    max_values: Option<usize>,
) -> PyResult<String> {
    let format = match format {
        "json" => InputFormat::Json,
        "yaml" => InputFormat::Yaml,
        other => return Err(error(format!("format '{other}' is not json or yaml"))),
    };
    if seed.as_deref().is_some_and(str::is_empty) {
        return Err(error(
            "--seed is empty; give a secret seed, or omit --seed for random salts",
        ));
    }
    let options = IssueOptions {
        salts: seed.map_or(SaltSource::Random, SaltSource::Seeded),
        arrays: if sdk_arrays {
            ArrayStyle::Sdk
        } else {
            ArrayStyle::Spec
        },
    };
    py.detach(|| -> Result<String, ZpassError> {
        let mut doc = issue_str_with(text, format, &options, limits(max_values))?;
        let issued = Issued::new(doc.certificate.clone())?;
        doc.root = Some(issued.root());
        Ok(doc.to_json())
    })
    .map_err(error)
}

/// Proofs (JSON) of the claims `keys` of a certificate document: one proof document
/// for one key, an array for several, every claim for none. `reveal` is "value" (the
/// claim's value is disclosed) or "key" (only that the key is present). The
/// document may hold at most `max_values` values.
#[pyfunction]
#[pyo3(signature = (document, keys = None, *, reveal = "value", max_values = None))]
pub(crate) fn zpass_prove(
    py: Python<'_>,
    document: &str,
    keys: Option<Vec<String>>,
    reveal: &str,
    max_values: Option<usize>,
) -> PyResult<String> {
    let reveal = match reveal {
        "value" => Reveal::Value,
        "key" => Reveal::Key,
        other => return Err(error(format!("reveal '{other}' is not value or key"))),
    };
    py.detach(|| {
        let doc = CertificateDocument::parse_with(document, limits(max_values))?;
        let issued = Issued::new(doc.certificate)?;
        match keys.as_deref() {
            Some([key]) => issued.prove_many([key.as_str()], reveal)?[0].to_json(),
            Some(keys) if !keys.is_empty() => ClaimProof::many_to_json(
                &issued.prove_many(keys.iter().map(String::as_str), reveal)?,
            ),
            _ => ClaimProof::many_to_json(&issued.prove_all(reveal)?),
        }
    })
    .map_err(error)
}

/// Whether one claim proof (JSON from `zpass_prove` or `merklab zpass prove`) holds
/// under the trusted `root` (`123u64` or an int); a malformed proof, or one of more
/// than `max_values` values, raises.
#[pyfunction]
#[pyo3(signature = (proof, root, *, max_values = None))]
pub(crate) fn zpass_verify(
    py: Python<'_>,
    proof: &str,
    root: &Bound<'_, PyAny>,
    max_values: Option<usize>,
) -> PyResult<bool> {
    let root = match root.extract::<u64>() {
        Ok(v) => v,
        Err(_) => {
            let text: String = root.extract()?;
            literal::parse_u64(&text).map_err(|e| error(format!("--root: {e}")))?
        }
    };
    py.detach(|| -> Result<bool, ZpassError> {
        let proof = ClaimProof::parse_with(proof, limits(max_values))?;
        Ok(proof.verify(root)?.is_accepted())
    })
    .map_err(error)
}
