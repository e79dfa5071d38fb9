//! `Tree`: a tree built in memory from Python leaves, with the proof files
//! `merklab tree prove` writes, so either side checks the other's proofs.

use merklab_core::{hash_leaves, Compression, Digest, DomainTags, LeafHash, MerkleTree};
use merklab_profiles::{Layout, Options, Visit};
use pyo3::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::Display;

use crate::error;
use crate::family::{dispatch, parse, unsupported_standard, FamilyOp, Spec, Which};
use crate::leaves::Leaves;

/// A built tree, whatever its digest type and arity.
trait Built: Send + Sync {
    fn root(&self) -> String;
    fn leaf_count(&self) -> usize;
    fn depth(&self) -> usize;
    /// The proof file of the leaves at `positions` (sorted, distinct), as JSON.
    fn prove(&self, positions: &[usize]) -> Result<String, String>;
}

/// A digest as the command line prints it: hex for byte digests, `Nfield` for Aleo's,
/// and each field family's own form (decimal, `[e0, ..., e7]`, a `0x` word).
pub(crate) fn text<D: Display>(digest: &D) -> String {
    digest.to_string()
}

/// The proof file of a hash layout (`merklab tree prove --hash ...`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HashProof<D> {
    pub(crate) hash: String,
    pub(crate) tags: DomainTags,
    pub(crate) root: D,
    /// Proven leaf digests, in the order of the proof's indices.
    pub(crate) leaves: Vec<D>,
    pub(crate) proof: Value,
}

/// The proof file of a layered profile (`merklab tree prove --profile ...`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileProof {
    pub(crate) profile: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) depth: Option<u8>,
    pub(crate) root: String,
    pub(crate) leaves: Vec<String>,
    pub(crate) proof: Value,
}

fn core_proof<D: Digest, const K: usize>(
    tree: &MerkleTree<D, K>,
    positions: &[usize],
) -> Result<Value, String> {
    let proof = if let [position] = positions[..] {
        serde_json::to_value(tree.prove(position).map_err(|e| e.to_string())?)
    } else {
        serde_json::to_value(tree.prove_many(positions).map_err(|e| e.to_string())?)
    };
    proof.map_err(|e| e.to_string())
}

struct HashTree<D: Digest + Display, const K: usize> {
    spec: Spec,
    tree: MerkleTree<D, K>,
}

impl<D: Digest + Display, const K: usize> Built for HashTree<D, K> {
    fn root(&self) -> String {
        text(&self.tree.root())
    }
    fn leaf_count(&self) -> usize {
        self.tree.leaf_count()
    }
    fn depth(&self) -> usize {
        self.tree.depth()
    }
    fn prove(&self, positions: &[usize]) -> Result<String, String> {
        let file = HashProof {
            hash: self.spec.id.to_string(),
            tags: self.spec.tags,
            root: self.tree.root(),
            leaves: leaves_at(self.tree.leaves(), positions)?,
            proof: core_proof(&self.tree, positions)?,
        };
        serde_json::to_string_pretty(&file).map_err(|e| e.to_string())
    }
}

fn leaves_at<D: Copy>(leaves: &[D], positions: &[usize]) -> Result<Vec<D>, String> {
    positions
        .iter()
        .map(|&p| {
            leaves.get(p).copied().ok_or_else(|| {
                format!(
                    "index {p} is out of range: the tree has {} leaves",
                    leaves.len()
                )
            })
        })
        .collect()
}

struct ProfileTree<L: Layout<K>, const K: usize> {
    layout: L,
    tree: MerkleTree<L::Digest, K>,
}

impl<L: Layout<K>, const K: usize> Built for ProfileTree<L, K> {
    fn root(&self) -> String {
        self.layout.show(&self.tree.root())
    }
    fn leaf_count(&self) -> usize {
        self.tree.leaf_count()
    }
    fn depth(&self) -> usize {
        self.tree.depth()
    }
    fn prove(&self, positions: &[usize]) -> Result<String, String> {
        let leaves = leaves_at(self.tree.leaves(), positions)?;
        let file = ProfileProof {
            profile: L::NAME.to_string(),
            depth: self.layout.depth(),
            root: self.layout.show(&self.tree.root()),
            leaves: leaves.iter().map(|d| self.layout.show(d)).collect(),
            proof: core_proof(&self.tree, positions)?,
        };
        serde_json::to_string_pretty(&file).map_err(|e| e.to_string())
    }
}

/// Builds a hash layout's tree from byte leaves.
struct BuildHash<'a> {
    leaves: &'a [&'a [u8]],
}

impl FamilyOp for BuildHash<'_> {
    type Output = Result<Box<dyn Built>, String>;
    fn run<L, C, const K: usize>(self, spec: &Spec, leaf: L, compression: C) -> Self::Output
    where
        L: LeafHash<Input = [u8]> + 'static,
        L::Digest: Display,
        C: Compression<K, Digest = L::Digest> + 'static,
    {
        let digests = hash_leaves(&leaf, self.leaves);
        let tree = MerkleTree::<L::Digest, K>::build(&compression, spec.policy, digests)
            .map_err(|e| e.to_string())?;
        Ok(Box::new(HashTree { spec: *spec, tree }))
    }
}

/// Builds a profile's tree from the lines of its leaves file.
struct BuildProfile<'a> {
    options: Options,
    lines: &'a [String],
}

impl Visit for BuildProfile<'_> {
    type Output = Result<Box<dyn Built>, String>;
    fn layout<L: Layout<K>, const K: usize>(self) -> Self::Output {
        let layout = L::from_options(&self.options).map_err(|e| e.to_string())?;
        let leaves = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                layout
                    .parse_leaf(line.trim())
                    .map_err(|e| format!("leaf {i}: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let digests = hash_leaves(&layout.leaf_hash(), &leaves);
        layout
            .check_leaf_count(digests.len())
            .map_err(|e| e.to_string())?;
        let tree = MerkleTree::build_with_cutoff(
            &layout.compression(),
            layout.policy(),
            digests,
            L::PARALLEL_CUTOFF,
        )
        .map_err(|e| e.to_string())?;
        Ok(Box::new(ProfileTree { layout, tree }))
    }
    fn standard(self) -> Self::Output {
        Err(unsupported_standard().to_string())
    }
}

/// A Merkle tree built in memory (the Python `merklab.Tree` wraps it).
#[pyclass(module = "merklab._native", frozen)]
pub struct Tree {
    inner: Box<dyn Built>,
}

#[pymethods]
impl Tree {
    /// Builds the tree over `leaves` (the GIL is released while it hashes).
    #[new]
    #[pyo3(signature = (leaves, *, hash = "sha3-256", arity = 2, pairs = "positional", odd = "promote", tags = "none", profile = None, depth = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        leaves: &Bound<'_, PyAny>,
        hash: &str,
        arity: usize,
        pairs: &str,
        odd: &str,
        tags: &str,
        profile: Option<&str>,
        depth: Option<u8>,
    ) -> PyResult<Self> {
        let which = parse(hash, arity, pairs, odd, tags, profile, depth)?;
        let leaves = Leaves::read(leaves)?;
        let built = match which {
            Which::Hash(spec) => {
                let slices = leaves.slices()?;
                py.detach(|| dispatch(&spec, BuildHash { leaves: &slices }))?
            }
            Which::Profile(profile, options) => {
                let lines = leaves.lines()?;
                py.detach(|| {
                    profile.visit(BuildProfile {
                        options,
                        lines: &lines,
                    })
                })
            }
        };
        Ok(Self {
            inner: built.map_err(error)?,
        })
    }

    /// The root, as the command line prints it.
    #[getter]
    fn root(&self) -> String {
        self.inner.root()
    }

    /// Levels above the leaves.
    #[getter]
    fn depth(&self) -> usize {
        self.inner.depth()
    }

    fn __len__(&self) -> usize {
        self.inner.leaf_count()
    }

    /// The proof file (JSON) of the leaves at `indices`: a proof for one, a multiproof
    /// for several.
    fn prove_json(&self, py: Python<'_>, indices: Vec<usize>) -> PyResult<String> {
        let mut positions = indices;
        positions.sort_unstable();
        if let Some(w) = positions.windows(2).find(|w| w[0] == w[1]) {
            return Err(error(format!("index {} is named twice", w[0])));
        }
        if positions.is_empty() {
            return Err(error("no index to prove"));
        }
        py.detach(|| self.inner.prove(&positions)).map_err(error)
    }
}
