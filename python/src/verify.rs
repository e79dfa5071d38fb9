//! `verify`: checks a proof file from `Tree.prove` or `merklab tree prove`, as
//! `merklab tree verify` does.

use merklab_core::{
    verify as verify_one, verify_many, verify_many_with_size, verify_with_size, Compression,
    Digest, LeafHash, MultiProof, Proof, VerifyError,
};
use merklab_profiles::{Layout, Options, Profile, Visit};
use pyo3::prelude::*;
use serde_json::Value;
use std::fmt::Display;

use crate::error;
use crate::family::{dispatch, parse, unsupported_standard, FamilyOp, Spec, Which};
use crate::tree::{HashProof, ProfileProof};

/// Whether a proof's outcome is a verdict (`Ok(bool)`) or a malformed proof (`Err`).
fn verdict(outcome: Result<(), VerifyError>) -> Result<bool, String> {
    match outcome {
        Ok(()) => Ok(true),
        Err(e) if e.is_rejection() => Ok(false),
        Err(e) => Err(format!("malformed proof: {e}")),
    }
}

/// Checks a core proof or multiproof (`proof`) of `leaves` under `root`.
fn check<D: Digest, C: Compression<K, Digest = D>, const K: usize>(
    compression: &C,
    proof: &Value,
    root: D,
    leaves: &[D],
    size: Option<u64>,
    claimed: impl Fn(u64) -> Result<(), String>,
) -> Result<bool, String> {
    if proof.get("indices").is_some() {
        let proof: MultiProof<D, K> = serde_json::from_value(proof.clone())
            .map_err(|e| format!("malformed multiproof: {e}"))?;
        claimed(proof.leaf_count)?;
        let policy = proof.policy;
        verdict(match size {
            Some(n) => verify_many_with_size(compression, &policy, root, leaves, &proof, n),
            None => verify_many(compression, &policy, root, leaves, &proof),
        })
    } else {
        let proof: Proof<D, K> =
            serde_json::from_value(proof.clone()).map_err(|e| format!("malformed proof: {e}"))?;
        claimed(proof.leaf_count)?;
        let [leaf] = leaves[..] else {
            return Err(format!(
                "a single-leaf proof needs exactly one entry in \"leaves\", found {}",
                leaves.len()
            ));
        };
        let policy = proof.policy;
        verdict(match size {
            Some(n) => verify_with_size(compression, &policy, root, leaf, &proof, n),
            None => verify_one(compression, &policy, root, leaf, &proof),
        })
    }
}

struct VerifyHash<'a> {
    file: Value,
    root: Option<&'a str>,
    size: Option<u64>,
}

impl FamilyOp for VerifyHash<'_> {
    type Output = Result<bool, String>;
    fn run<L, C, const K: usize>(self, _: &Spec, _: L, compression: C) -> Self::Output
    where
        L: LeafHash<Input = [u8]> + 'static,
        L::Digest: Display,
        C: Compression<K, Digest = L::Digest> + 'static,
    {
        let file: HashProof<L::Digest> = serde_json::from_value(self.file)
            .map_err(|e| format!("not a merklab tree proof: {e}"))?;
        let root = match self.root {
            // A digest printed as a string (hex, decimal, `Nfield`, a `0x` word), or as
            // the JSON its text is (`[e0, ..., e7]`).
            Some(text) => serde_json::from_value(Value::String(text.to_string()))
                .or_else(|e| serde_json::from_str(text).map_err(|_| e))
                .map_err(|e| format!("root: {e}"))?,
            None => file.root,
        };
        check(
            &compression,
            &file.proof,
            root,
            &file.leaves,
            self.size,
            |_| Ok(()),
        )
    }
}

struct VerifyProfile<'a> {
    file: ProfileProof,
    root: Option<&'a str>,
    size: Option<u64>,
}

impl Visit for VerifyProfile<'_> {
    type Output = Result<bool, String>;
    fn layout<L: Layout<K>, const K: usize>(self) -> Self::Output {
        let mut options = Options::default();
        if let Some(d) = self.file.depth {
            options.depth = d;
        }
        let layout = L::from_options(&options).map_err(|e| e.to_string())?;
        let root = layout
            .parse_digest(self.root.unwrap_or(&self.file.root))
            .map_err(|e| format!("root: {e}"))?;
        let leaves = self
            .file
            .leaves
            .iter()
            .map(|l| layout.parse_digest(l))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("leaves: {e}"))?;
        let claimed = |n: u64| {
            layout
                .check_leaf_count(usize::try_from(n).unwrap_or(usize::MAX))
                .map_err(|e| format!("malformed proof: its leaf count: {e}"))
        };
        check(
            &layout.compression(),
            &self.file.proof,
            root,
            &leaves,
            self.size,
            claimed,
        )
    }
    fn standard(self) -> Self::Output {
        Err(unsupported_standard().to_string())
    }
}

/// Whether `proof` (a proof file's JSON text) holds: `True`, or `False` for a proof
/// that does not; a malformed proof raises. `root` replaces the file's root (its text
/// form), `size` pins the tree's leaf count.
#[pyfunction]
#[pyo3(signature = (proof, root = None, size = None))]
pub(crate) fn verify(
    py: Python<'_>,
    proof: &str,
    root: Option<&str>,
    size: Option<u64>,
) -> PyResult<bool> {
    let value: Value =
        serde_json::from_str(proof).map_err(|e| error(format!("not a merklab tree proof: {e}")))?;
    if let Some(name) = value.get("profile").and_then(Value::as_str) {
        let profile: Profile = name.parse().map_err(error)?;
        let file: ProfileProof = serde_json::from_value(value)
            .map_err(|e| error(format!("not a merklab profile proof: {e}")))?;
        return py
            .detach(|| profile.visit(VerifyProfile { file, root, size }))
            .map_err(error);
    }
    let hash = value
        .get("hash")
        .and_then(Value::as_str)
        .ok_or_else(|| error("not a merklab tree proof: it names no hash and no profile"))?;
    let tags = value.get("tags").and_then(Value::as_str).unwrap_or("none");
    let arity = value
        .get("proof")
        .and_then(|p| p.get("arity"))
        .and_then(Value::as_u64)
        .ok_or_else(|| error("the proof has no arity"))?;
    let arity = usize::try_from(arity).map_err(error)?;
    let Which::Hash(spec) = parse(hash, arity, "positional", "promote", tags, None, None)? else {
        return Err(error("not a hash layout"));
    };
    let op = VerifyHash {
        file: value,
        root,
        size,
    };
    py.detach(|| dispatch(&spec, op))?.map_err(error)
}
