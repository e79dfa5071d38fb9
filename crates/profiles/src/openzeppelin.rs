//! OpenZeppelin's `StandardMerkleTree` (`@openzeppelin/merkle-tree`): each value is a tuple
//! of ABI-typed fields; its leaf is `keccak256(keccak256(abi.encode(values)))`; leaves are
//! sorted (stably, bytewise) and placed in the heap shape ([`HeapTree`]), whose nodes hash
//! the sorted pair. Proofs are sibling lists; multiproofs are `(leaves, proof, proofFlags)`;
//! a tree is exchanged as a `standard-v1` JSON dump.

use merklab_core::{
    heap::{self, HeapMultiProof, HeapTree},
    ByteDigest, VerifyError,
};
use merklab_hashes::{ByteHash, ByteHasher, Digest32, Keccak256};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::abi::{self, AbiType};
use crate::{parse_hex32, Named, ProfileError};

/// The `openzeppelin` profile. Not a [`crate::Layout`]: the tree is heap-shaped, not
/// layered (five leaves already give a root no layered policy gives), its leaves are
/// ABI-typed values and it is exchanged as `standard-v1` dumps; [`StandardTree`] holds it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenZeppelin;

impl Named for OpenZeppelin {
    const NAME: &'static str = "openzeppelin";
    const DESCRIPTION: &'static str =
        "OpenZeppelin StandardMerkleTree: Keccak-256 of abi.encode twice, sorted pairs, heap shape, standard-v1 dumps";
}

/// `keccak256(left ‖ right)`; the heap sorts each pair first.
pub const NODE_HASH: ByteHash<Keccak256> = ByteHash::untagged();

/// The dump format this module reads and writes.
pub const FORMAT: &str = "standard-v1";

/// `keccak256(keccak256(abi.encode(values)))`.
pub fn leaf_hash(types: &[AbiType], values: &[Value]) -> Result<Digest32, ProfileError> {
    let encoded = abi::encode(types, values)?;
    Ok(ByteDigest(Keccak256::hash(&Keccak256::hash(&encoded))))
}

/// A digest as OpenZeppelin writes it: `0x` and lowercase hex.
pub fn to_hex(d: &Digest32) -> String {
    format!("0x{}", d.to_hex())
}

/// Parses a `0x`-prefixed (or bare) 32-byte hex digest.
pub fn from_hex(text: &str) -> Result<Digest32, ProfileError> {
    parse_hex32(text).map(ByteDigest)
}

fn values_of(value: &Value) -> Result<&[Value], ProfileError> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| {
        ProfileError::input(format!(
            "a tree value must be a JSON array of fields, got {value}"
        ))
    })
}

/// A `StandardMerkleTree`: the values, their types and the heap of hashes.
#[derive(Clone, Debug, PartialEq)]
pub struct StandardTree {
    encoding: Vec<AbiType>,
    values: Vec<Value>,
    tree_index: Vec<usize>,
    heap: HeapTree<Digest32>,
}

/// One entry of a dump's `values`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DumpValue {
    /// The field values as given.
    pub value: Value,
    /// Where the leaf is in `tree`.
    pub tree_index: usize,
}

/// The `standard-v1` dump: `{format, leafEncoding, tree, values}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dump {
    /// Always `standard-v1`.
    pub format: String,
    /// ABI type names of the fields.
    pub leaf_encoding: Vec<String>,
    /// Heap nodes, root first, `0x` hex.
    pub tree: Vec<String>,
    /// Values in input order with their leaf positions.
    pub values: Vec<DumpValue>,
}

/// A multiproof with the proven values in place of their hashes (`getMultiProof`'s output).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueMultiProof {
    /// The proven values, in the order the proof consumes them.
    pub leaves: Vec<Value>,
    /// Sibling hashes, `0x` hex.
    pub proof: Vec<String>,
    /// One flag per node hash.
    pub proof_flags: Vec<bool>,
}

impl StandardTree {
    /// Builds the tree (`StandardMerkleTree.of(values, leafEncoding)`); each value is a
    /// JSON array with one entry per type.
    pub fn of(values: Vec<Value>, encoding: &[AbiType]) -> Result<Self, ProfileError> {
        let mut hashed: Vec<(Digest32, usize)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| Ok((leaf_hash(encoding, values_of(v)?)?, i)))
            .collect::<Result<_, ProfileError>>()?;
        // Stable, like JavaScript's sort: equal hashes keep input order.
        hashed.sort_by_key(|h| h.0);
        let leaves: Vec<Digest32> = hashed.iter().map(|h| h.0).collect();
        let heap = HeapTree::build(&NODE_HASH, &leaves)?;
        let len = heap.nodes().len();
        let mut tree_index = vec![0; values.len()];
        for (leaf, &(_, value_index)) in hashed.iter().enumerate() {
            tree_index[value_index] = len - 1 - leaf;
        }
        Ok(Self {
            encoding: encoding.to_vec(),
            values,
            tree_index,
            heap,
        })
    }

    /// The root.
    pub fn root(&self) -> Digest32 {
        self.heap.root()
    }

    /// The heap of hashes.
    pub fn heap(&self) -> &HeapTree<Digest32> {
        &self.heap
    }

    /// The field types.
    pub fn encoding(&self) -> &[AbiType] {
        &self.encoding
    }

    /// The values, in input order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The heap index of value `i`'s leaf.
    pub fn tree_index(&self, value: usize) -> Option<usize> {
        self.tree_index.get(value).copied()
    }

    fn leaf_position(&self, value: usize) -> Result<usize, ProfileError> {
        let node = self.tree_index(value).ok_or_else(|| {
            ProfileError::input(format!(
                "value index {value} is out of range for {} values",
                self.values.len()
            ))
        })?;
        Ok(self.heap.nodes().len() - 1 - node)
    }

    /// The proof of value `i` (`getProof(i)`).
    pub fn get_proof(&self, value: usize) -> Result<Vec<Digest32>, ProfileError> {
        Ok(self.heap.prove(self.leaf_position(value)?)?)
    }

    /// The multiproof of several values (`getMultiProof(indices)`).
    pub fn get_multiproof(&self, values: &[usize]) -> Result<ValueMultiProof, ProfileError> {
        let positions = values
            .iter()
            .map(|&v| self.leaf_position(v))
            .collect::<Result<Vec<_>, _>>()?;
        let mp = self.heap.prove_many(&positions)?;
        let len = self.heap.nodes().len();
        // The proof lists leaves by descending heap index; map each back to its value.
        let mut nodes: Vec<usize> = positions.iter().map(|p| len - 1 - p).collect();
        nodes.sort_unstable_by(|a, b| b.cmp(a));
        let leaves = nodes
            .iter()
            .map(|&n| {
                let vi = self.tree_index.iter().position(|&t| t == n).unwrap_or(0);
                self.values.get(vi).cloned().unwrap_or(Value::Null)
            })
            .collect();
        Ok(ValueMultiProof {
            leaves,
            proof: mp.proof.iter().map(to_hex).collect(),
            proof_flags: mp.proof_flags,
        })
    }

    /// The `standard-v1` dump.
    pub fn dump(&self) -> Dump {
        Dump {
            format: FORMAT.to_string(),
            leaf_encoding: self.encoding.iter().map(ToString::to_string).collect(),
            tree: self.heap.nodes().iter().map(to_hex).collect(),
            values: self
                .values
                .iter()
                .zip(&self.tree_index)
                .map(|(v, &t)| DumpValue {
                    value: v.clone(),
                    tree_index: t,
                })
                .collect(),
        }
    }

    /// Loads and checks a dump (`StandardMerkleTree.load`): the format, the types, that
    /// every value hashes to the leaf at its index, and every inner node.
    pub fn load(dump: Dump) -> Result<Self, ProfileError> {
        if dump.format != FORMAT {
            return Err(ProfileError::input(format!(
                "unknown dump format '{}' (expected {FORMAT})",
                dump.format
            )));
        }
        let encoding = dump
            .leaf_encoding
            .iter()
            .map(|t| t.parse())
            .collect::<Result<Vec<AbiType>, _>>()?;
        let nodes = dump
            .tree
            .iter()
            .map(|h| from_hex(h))
            .collect::<Result<Vec<_>, _>>()?;
        if nodes.is_empty() {
            return Err(ProfileError::input("the dump's tree is empty"));
        }
        let heap = HeapTree::from_nodes(nodes).map_err(|e| ProfileError::input(e.to_string()))?;
        if heap.leaf_count() != dump.values.len() {
            return Err(ProfileError::input(format!(
                "the dump's tree has {} leaves but {} values",
                heap.leaf_count(),
                dump.values.len()
            )));
        }
        let mut seen = vec![false; heap.nodes().len()];
        for (i, v) in dump.values.iter().enumerate() {
            let t = v.tree_index;
            if !heap.is_leaf_node(t) || seen[t] {
                return Err(ProfileError::input(format!(
                    "value {i} has an invalid or repeated treeIndex {t}"
                )));
            }
            seen[t] = true;
            if leaf_hash(&encoding, values_of(&v.value)?)? != heap.nodes()[t] {
                return Err(ProfileError::input(format!(
                    "value {i} does not hash to the leaf at treeIndex {t}"
                )));
            }
        }
        if !heap.check(&NODE_HASH) {
            return Err(ProfileError::input(
                "the dump's tree is not a valid Merkle tree",
            ));
        }
        Ok(Self {
            encoding,
            tree_index: dump.values.iter().map(|v| v.tree_index).collect(),
            values: dump.values.into_iter().map(|v| v.value).collect(),
            heap,
        })
    }
}

/// `StandardMerkleTree.verify(root, leafEncoding, value, proof)`.
pub fn verify(
    root: Digest32,
    encoding: &[AbiType],
    value: &Value,
    proof: &[Digest32],
) -> Result<bool, ProfileError> {
    let leaf = leaf_hash(encoding, values_of(value)?)?;
    Ok(heap::process_proof(&NODE_HASH, leaf, proof) == root)
}

/// `StandardMerkleTree.verifyMultiProof(root, leafEncoding, multiproof)`; a malformed
/// multiproof is an error, a well-formed one for another root is `Ok(false)`.
///
/// Unlike OpenZeppelin's, a multiproof of no leaves is an error: OpenZeppelin returns
/// its single proof entry as the root, so `{leaves: [], proof: [root]}` passes for any
/// root while proving nothing.
pub fn verify_multiproof(
    root: Digest32,
    encoding: &[AbiType],
    multiproof: &ValueMultiProof,
) -> Result<bool, ProfileError> {
    if multiproof.leaves.is_empty() {
        return Err(ProfileError::input(
            "the multiproof proves no leaves (a multiproof of no leaves holds for any root)",
        ));
    }
    let leaves = multiproof
        .leaves
        .iter()
        .map(|v| leaf_hash(encoding, values_of(v)?))
        .collect::<Result<Vec<_>, _>>()?;
    let proof = multiproof
        .proof
        .iter()
        .map(|h| from_hex(h))
        .collect::<Result<Vec<_>, _>>()?;
    let hashed = HeapMultiProof {
        leaves,
        proof,
        proof_flags: multiproof.proof_flags.clone(),
    };
    match heap::verify_many(&NODE_HASH, root, &hashed) {
        Ok(()) => Ok(true),
        Err(VerifyError::RootMismatch) => Ok(false),
        Err(e) => Err(e.into()),
    }
}
