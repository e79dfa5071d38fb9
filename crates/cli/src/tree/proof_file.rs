//! The proof file `merklab tree prove` writes and `merklab tree verify` reads, for any
//! digest type: byte hashes write hex digests, BN254 hashes decimal ones.

use anyhow::{bail, Context, Result};
use merklab_core::{
    verify, verify_many, verify_many_with_size, verify_with_size, Compression, Digest, DomainTags,
    MerkleTree, MultiProof, PairOrder, Proof, VerifyError,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{untagged_note, LayoutArgs};
use crate::io::emit;

/// The layout, the root and the proven leaf digests beside the core proof.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProofFile<D> {
    pub(super) hash: String,
    pub(super) tags: DomainTags,
    pub(super) root: D,
    /// Proven leaf digests, in the order of the proof's indices.
    pub(super) leaves: Vec<D>,
    pub(super) proof: Value,
}

impl<D: Digest + Serialize + DeserializeOwned> ProofFile<D> {
    /// The proof of the leaves at `positions` (one: a proof; several: a multiproof).
    pub(super) fn of<const K: usize>(
        layout: &LayoutArgs,
        tree: &MerkleTree<D, K>,
        positions: &[usize],
    ) -> Result<Self> {
        let proof = if let [position] = positions[..] {
            serde_json::to_value(tree.prove(position)?)?
        } else {
            serde_json::to_value(tree.prove_many(positions)?)?
        };
        Ok(Self {
            hash: layout.hash.to_string(),
            tags: layout.tags,
            root: tree.root(),
            leaves: positions.iter().map(|&p| tree.leaves()[p]).collect(),
            proof,
        })
    }

    /// The proof's arity, which picks the compression to check it with.
    pub(super) fn arity(&self) -> Result<u64> {
        self.proof
            .get("arity")
            .and_then(Value::as_u64)
            .context("the proof has no arity")
    }

    /// Checks the proof against `root` under `compression`; also returns the proof's
    /// pair order, for the note on untagged trees.
    pub(super) fn check<C: Compression<K, Digest = D>, const K: usize>(
        &self,
        compression: &C,
        root: D,
        size: Option<u64>,
    ) -> Result<(Result<(), VerifyError>, PairOrder)> {
        let value = self.proof.clone();
        if value.get("indices").is_some() {
            let proof: MultiProof<D, K> =
                serde_json::from_value(value).context("malformed multiproof")?;
            let policy = proof.policy;
            let outcome = match size {
                Some(n) => {
                    verify_many_with_size(compression, &policy, root, &self.leaves, &proof, n)
                }
                None => verify_many(compression, &policy, root, &self.leaves, &proof),
            };
            Ok((outcome, policy.pairs))
        } else {
            let proof: Proof<D, K> = serde_json::from_value(value).context("malformed proof")?;
            let [leaf] = self.leaves[..] else {
                bail!(
                    "a single-leaf proof needs exactly one entry in \"leaves\", found {}",
                    self.leaves.len()
                );
            };
            let policy = proof.policy;
            let outcome = match size {
                Some(n) => verify_with_size(compression, &policy, root, leaf, &proof, n),
                None => verify(compression, &policy, root, leaf, &proof),
            };
            Ok((outcome, policy.pairs))
        }
    }

    /// Says what [`Self::check`] found: `valid: ...` (with the note an untagged tree
    /// needs), exit 1 for a rejected proof, exit 2 for a malformed one.
    pub(super) fn report(
        &self,
        (outcome, pairs): (Result<(), VerifyError>, PairOrder),
        size: Option<u64>,
        root: &str,
    ) -> Result<()> {
        match outcome {
            Ok(()) => {
                if self.tags == DomainTags::None {
                    if let Some(note) = untagged_note(pairs == PairOrder::Sorted, size) {
                        eprintln!("{note}");
                    }
                }
                emit(
                    None,
                    &format!("valid: {} leaf(s) under root {root}", self.leaves.len()),
                )
            }
            Err(e) if e.is_rejection() => Err(crate::rejected(format!("invalid proof: {e}"))),
            Err(e) => bail!("malformed proof: {e}"),
        }
    }
}
