//! Compact binary encoding of proofs, multiproofs and trees.
//!
//! Layout (all integers little-endian): a 4-byte magic (`MKP1` proof, `MKM1`
//! multiproof, `MKT1` tree), the arity (u8), the policy (pair order u8, leaf order
//! u8, odd rule u8, fixed depth u32), the leaf count (u64), then per kind:
//! proof: leaf index (u64), sibling count (u32), siblings;
//! multiproof: index count (u32), indices (u64 each), sibling count (u32), siblings;
//! tree: node count (u64), nodes. Digests are `Digest::BYTES` bytes each.
//! Decoding checks every length against the bytes present before allocating.

use crate::digest::Digest;
use crate::error::DecodeError;
use crate::policy::{LeafOrder, OddNode, PairOrder, Policy};
use crate::proof::{MultiProof, Proof};
use crate::tree::MerkleTree;

const PROOF_MAGIC: &[u8; 4] = b"MKP1";
const MULTI_MAGIC: &[u8; 4] = b"MKM1";
const TREE_MAGIC: &[u8; 4] = b"MKT1";

/// Binary encoding for merklab's public data.
pub trait BinaryCodec: Sized {
    /// Encodes to bytes.
    fn to_binary(&self) -> Vec<u8>;
    /// Decodes exactly one value from `bytes`, with no bytes left over.
    fn from_binary(bytes: &[u8]) -> Result<Self, DecodeError>;
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], DecodeError> {
        if self.bytes.len() < n {
            return Err(DecodeError::Truncated(what));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }
    fn u8(&mut self, what: &'static str) -> Result<u8, DecodeError> {
        Ok(self.take(1, what)?[0])
    }
    fn u32(&mut self, what: &'static str) -> Result<u32, DecodeError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &'static str) -> Result<u64, DecodeError> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8, what)?);
        Ok(u64::from_le_bytes(a))
    }
    fn count(&mut self, item_bytes: usize, what: &'static str) -> Result<usize, DecodeError> {
        let n = self.u32(what)? as usize;
        self.check_room(n, item_bytes, what)?;
        Ok(n)
    }
    fn check_room(
        &self,
        n: usize,
        item_bytes: usize,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        match n.checked_mul(item_bytes) {
            Some(total) if total <= self.bytes.len() => Ok(()),
            _ => Err(DecodeError::Truncated(what)),
        }
    }
    fn digests<D: Digest>(&mut self, n: usize, what: &'static str) -> Result<Vec<D>, DecodeError> {
        self.check_room(n, D::BYTES, what)?;
        (0..n)
            .map(|_| D::read_bytes(self.take(D::BYTES, what)?))
            .collect()
    }
    fn finish(&self) -> Result<(), DecodeError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::Trailing(self.bytes.len()))
        }
    }
}

fn write_header(
    out: &mut Vec<u8>,
    magic: &[u8; 4],
    arity: usize,
    policy: &Policy,
    leaf_count: u64,
) {
    out.extend_from_slice(magic);
    out.push(arity as u8);
    out.push(match policy.pairs {
        PairOrder::Positional => 0,
        PairOrder::Sorted => 1,
    });
    out.push(match policy.leaves {
        LeafOrder::AsGiven => 0,
        LeafOrder::Sorted => 1,
    });
    let (odd, depth) = match policy.odd {
        OddNode::Promote => (0, 0),
        OddNode::Duplicate => (1, 0),
        OddNode::Zero => (2, 0),
        OddNode::Depth(d) => (3, d),
        OddNode::Extend(d) => (4, d),
    };
    out.push(odd);
    out.extend_from_slice(&depth.to_le_bytes());
    out.extend_from_slice(&leaf_count.to_le_bytes());
}

fn read_header(
    r: &mut Reader<'_>,
    magic: &[u8; 4],
    what: &'static str,
) -> Result<(usize, Policy, u64), DecodeError> {
    if r.take(4, what)? != magic {
        return Err(DecodeError::BadHeader(what));
    }
    let arity = r.u8("arity")? as usize;
    if !(2..=crate::MAX_ARITY).contains(&arity) {
        return Err(DecodeError::Invalid {
            field: "arity",
            why: format!("{arity} is not in 2..=16"),
        });
    }
    let pairs = match r.u8("pair order")? {
        0 => PairOrder::Positional,
        1 => PairOrder::Sorted,
        b => {
            return Err(DecodeError::Invalid {
                field: "pair order",
                why: format!("unknown code {b}"),
            })
        }
    };
    let leaves = match r.u8("leaf order")? {
        0 => LeafOrder::AsGiven,
        1 => LeafOrder::Sorted,
        b => {
            return Err(DecodeError::Invalid {
                field: "leaf order",
                why: format!("unknown code {b}"),
            })
        }
    };
    let code = r.u8("odd-node rule")?;
    let depth = r.u32("depth")?;
    let odd = match code {
        0 => OddNode::Promote,
        1 => OddNode::Duplicate,
        2 => OddNode::Zero,
        3 if depth <= crate::MAX_DEPTH => OddNode::Depth(depth),
        4 if depth <= crate::MAX_DEPTH => OddNode::Extend(depth),
        _ => {
            return Err(DecodeError::Invalid {
                field: "odd-node rule",
                why: format!("code {code}, depth {depth}"),
            })
        }
    };
    let leaf_count = r.u64("leaf count")?;
    Ok((arity, Policy { pairs, leaves, odd }, leaf_count))
}

fn expect_arity<const K: usize>(arity: usize) -> Result<(), DecodeError> {
    if arity == K {
        Ok(())
    } else {
        Err(DecodeError::Invalid {
            field: "arity",
            why: format!("encoded for arity {arity}, expected {K}"),
        })
    }
}

fn write_digests<'a, D: Digest + 'a>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'a D>) {
    for d in items {
        d.write_bytes(out);
    }
}

impl<D: Digest, const K: usize> BinaryCodec for Proof<D, K> {
    fn to_binary(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.siblings.len() * D::BYTES);
        write_header(&mut out, PROOF_MAGIC, K, &self.policy, self.leaf_count);
        out.extend_from_slice(&self.leaf_index.to_le_bytes());
        out.extend_from_slice(&(self.siblings.len() as u32).to_le_bytes());
        write_digests(&mut out, &self.siblings);
        out
    }
    fn from_binary(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader { bytes };
        let (arity, policy, leaf_count) = read_header(&mut r, PROOF_MAGIC, "proof")?;
        expect_arity::<K>(arity)?;
        let leaf_index = r.u64("leaf index")?;
        let n = r.count(D::BYTES, "siblings")?;
        let siblings = r.digests(n, "siblings")?;
        r.finish()?;
        Ok(Self {
            policy,
            leaf_count,
            leaf_index,
            siblings,
        })
    }
}

impl<D: Digest, const K: usize> BinaryCodec for MultiProof<D, K> {
    fn to_binary(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(32 + self.indices.len() * 8 + self.siblings.len() * D::BYTES);
        write_header(&mut out, MULTI_MAGIC, K, &self.policy, self.leaf_count);
        out.extend_from_slice(&(self.indices.len() as u32).to_le_bytes());
        for i in &self.indices {
            out.extend_from_slice(&i.to_le_bytes());
        }
        out.extend_from_slice(&(self.siblings.len() as u32).to_le_bytes());
        write_digests(&mut out, &self.siblings);
        out
    }
    fn from_binary(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader { bytes };
        let (arity, policy, leaf_count) = read_header(&mut r, MULTI_MAGIC, "multiproof")?;
        expect_arity::<K>(arity)?;
        let n = r.count(8, "indices")?;
        let indices = (0..n)
            .map(|_| r.u64("indices"))
            .collect::<Result<Vec<_>, _>>()?;
        let m = r.count(D::BYTES, "siblings")?;
        let siblings = r.digests(m, "siblings")?;
        r.finish()?;
        Ok(Self {
            policy,
            leaf_count,
            indices,
            siblings,
        })
    }
}

impl<D: Digest, const K: usize> BinaryCodec for MerkleTree<D, K> {
    fn to_binary(&self) -> Vec<u8> {
        let count = self.node_count();
        let mut out = Vec::with_capacity(32 + count * D::BYTES);
        write_header(
            &mut out,
            TREE_MAGIC,
            K,
            &self.policy(),
            self.leaf_count() as u64,
        );
        out.extend_from_slice(&(count as u64).to_le_bytes());
        write_digests(&mut out, self.nodes());
        out
    }
    fn from_binary(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut r = Reader { bytes };
        let (arity, policy, leaf_count) = read_header(&mut r, TREE_MAGIC, "tree")?;
        expect_arity::<K>(arity)?;
        let n =
            usize::try_from(r.u64("node count")?).map_err(|_| DecodeError::Truncated("nodes"))?;
        let nodes = r.digests(n, "nodes")?;
        r.finish()?;
        let leaf_count = usize::try_from(leaf_count).map_err(|_| DecodeError::Invalid {
            field: "leaf count",
            why: "too large".into(),
        })?;
        MerkleTree::from_nodes(policy, leaf_count, nodes)
    }
}
