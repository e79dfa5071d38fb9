//! ARC-0102 as one instantiation of the generic core: `u64` digests, arity 2,
//! sorted leaves, sorted pairs, a lone node promoted, `hashMerge` as compression.

use std::collections::HashMap;

use merklab_aleo::{
    encode_to_f, hash_merge, hash_string, Arc0102Merge, Config, U64Hash, ARC0102_PARALLEL_CUTOFF,
};
use merklab_core::{fold_sorted_pairs, LeafOrder, MerkleTree, OddNode, PairOrder, Policy};
#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::certificate::{Certificate, Claim};
use crate::error::ZpassError;
use crate::key_cache::KeyIdCache;

/// The tree layout of ARC-0102. The spec is silent on odd layers; promotion is what
/// the reference SDK (merkletreejs defaults) does, so roots agree for every size.
pub const POLICY: Policy = Policy::new()
    .with_pairs(PairOrder::Sorted)
    .with_leaves(LeafOrder::Sorted)
    .with_odd(OddNode::Promote);

/// An ARC-0102 tree: binary, `u64` nodes.
pub type Arc0102Tree = MerkleTree<u64, 2>;

/// Claims hashed together: a multiple of the eight lanes of the IFMA kernel, large
/// enough that a run's field inversions stay a small share (three per run), small
/// enough that a 1,000-claim certificate gives each of two threads several runs.
const CLAIM_RUN: usize = 64;

/// Hashes of `claims` claims' leaves: three field hashes and two merges each.
fn claim_hashes(claims: usize) -> u64 {
    5 * claims as u64
}

/// `hash_to_u64(encodeToF(type + issuer + key))`, no delimiters (as the spec writes it).
pub fn key_identifier(cert_type: &str, issuer: &str, key: &str) -> u64 {
    hash_string(&format!("{cert_type}{issuer}{key}"))
}

/// Every intermediate value of one claim's leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimHashes {
    /// `hash(type + issuer + key)`.
    pub key_identifier: u64,
    /// `hashField(encodeToF(salt))`.
    pub salt_hash: u64,
    /// `hashField(value as field)`.
    pub value_hash: u64,
    /// `hashMerge(salt_hash, value_hash)`: what a key-inclusion proof reveals.
    pub data_hash: u64,
    /// `hashMerge(key_identifier, data_hash)`.
    pub leaf: u64,
}

impl ClaimHashes {
    /// Hashes one claim of a certificate with type `cert_type` and issuer `issuer`.
    pub fn of(cert_type: &str, issuer: &str, claim: &Claim) -> Result<Self, ZpassError> {
        let key_identifier = key_identifier(cert_type, issuer, &claim.key);
        let salt_hash = hash_string(&claim.salt);
        let value_hash = claim.value.hash()?;
        let data_hash = hash_merge(salt_hash, value_hash);
        Ok(Self {
            key_identifier,
            salt_hash,
            value_hash,
            data_hash,
            leaf: hash_merge(key_identifier, data_hash),
        })
    }
}

impl ClaimHashes {
    /// [`ClaimHashes::of`] for every claim, in claim order, with the hashes of all
    /// claims computed together in three batches (key ids, salts and values; then
    /// data hashes; then leaves), which the fast hash path turns into shared field
    /// inversions and spreads over the rayon pool.
    pub fn of_all(
        cert_type: &str,
        issuer: &str,
        claims: &[Claim],
    ) -> Result<Vec<Self>, ZpassError> {
        Self::of_all_cached(cert_type, issuer, claims, None)
    }

    /// [`ClaimHashes::of_all`], taking the key identifiers from `cache` when it holds
    /// this schema and storing them there when it does not; the hashes are identical
    /// with or without a cache.
    pub fn of_all_cached(
        cert_type: &str,
        issuer: &str,
        claims: &[Claim],
        cache: Option<&KeyIdCache>,
    ) -> Result<Vec<Self>, ZpassError> {
        let hash = Config::for_hashes(claim_hashes(claims.len()));
        Self::of_all_with(&hash, cert_type, issuer, claims, cache)
    }

    /// [`ClaimHashes::of_all_cached`] computed with `hash` (a configuration, or a
    /// [`merklab_aleo::Counting`] wrapper that counts the evaluations).
    pub fn of_all_with<H: U64Hash>(
        hash: &H,
        cert_type: &str,
        issuer: &str,
        claims: &[Claim],
        cache: Option<&KeyIdCache>,
    ) -> Result<Vec<Self>, ZpassError> {
        let cached = cache.and_then(|c| c.get(cert_type, issuer, claims));
        let prefix = format!("{cert_type}{issuer}");
        let chunk = |start: usize, claims: &[Claim]| {
            let ids = cached
                .as_ref()
                .and_then(|ids| ids.get(start..start + claims.len()));
            Self::of_chunk(hash, &prefix, claims, ids)
        };
        let hashes = for_chunks(claims, chunk)?;
        if cached.is_none() {
            if let Some(cache) = cache {
                let ids: Vec<u64> = hashes.iter().map(|h| h.key_identifier).collect();
                cache.insert(cert_type, issuer, claims, &ids);
            }
        }
        Ok(hashes)
    }

    /// The hashes of a run of claims, in three batches (key ids, salts and values;
    /// then data hashes; then leaves), the key ids taken from `ids` when given.
    fn of_chunk<H: U64Hash>(
        hash: &H,
        prefix: &str,
        claims: &[Claim],
        ids: Option<&[u64]>,
    ) -> Result<Vec<Self>, ZpassError> {
        let n = claims.len();
        let id_fields = if ids.is_some() { 0 } else { n };
        let mut fields = Vec::with_capacity(id_fields + 2 * n);
        if ids.is_none() {
            let mut key = String::with_capacity(prefix.len() + 32);
            for claim in claims {
                key.clear();
                key.push_str(prefix);
                key.push_str(&claim.key);
                fields.push(encode_to_f(&key));
            }
        }
        fields.extend(claims.iter().map(|c| encode_to_f(&c.salt)));
        for claim in claims {
            fields.push(claim.value.to_field()?);
        }
        let hashed = hash.hash_field_batch(&fields);
        let (hashed_ids, rest) = hashed.split_at(id_fields.min(hashed.len()));
        let ids = ids.unwrap_or(hashed_ids);
        let (salts, values) = rest.split_at(n.min(rest.len()));
        let pairs: Vec<(u64, u64)> = salts.iter().copied().zip(values.iter().copied()).collect();
        let data = hash.hash_merge_batch(&pairs);
        let pairs: Vec<(u64, u64)> = ids.iter().copied().zip(data.iter().copied()).collect();
        let leaves = hash.hash_merge_batch(&pairs);
        Ok((0..n.min(leaves.len()).min(ids.len()))
            .map(|k| Self {
                key_identifier: ids[k],
                salt_hash: salts[k],
                value_hash: values[k],
                data_hash: data[k],
                leaf: leaves[k],
            })
            .collect())
    }
}

/// `f(start, run)` over runs of `CLAIM_RUN` claims, concatenated in claim order,
/// the runs spread over the rayon pool (feature `parallel`); the error of the
/// earliest failing run, as a serial pass would give.
fn for_chunks<T: Send>(
    claims: &[Claim],
    f: impl Fn(usize, &[Claim]) -> Result<Vec<T>, ZpassError> + Sync,
) -> Result<Vec<T>, ZpassError> {
    #[cfg(feature = "parallel")]
    let runs: Vec<Result<Vec<T>, ZpassError>> = claims
        .par_chunks(CLAIM_RUN)
        .enumerate()
        .map(|(i, run)| f(i * CLAIM_RUN, run))
        .collect();
    #[cfg(not(feature = "parallel"))]
    let runs: Vec<Result<Vec<T>, ZpassError>> = claims
        .chunks(CLAIM_RUN)
        .enumerate()
        .map(|(i, run)| f(i * CLAIM_RUN, run))
        .collect();
    let mut out = Vec::with_capacity(claims.len());
    for run in runs {
        out.extend(run?);
    }
    Ok(out)
}

/// A certificate with every claim hashed and its tree built.
#[derive(Clone, Debug)]
pub struct Issued {
    certificate: Certificate,
    hashes: Vec<ClaimHashes>,
    tree: Arc0102Tree,
    /// Claim index by key, so that proving every key is linear, not quadratic.
    by_key: HashMap<String, usize>,
}

impl Issued {
    /// Hashes every claim (in parallel when there are many) and builds the tree over
    /// those leaves plus the certificate's `private` leaf hashes.
    pub fn new(certificate: Certificate) -> Result<Self, ZpassError> {
        Self::build(&Self::config_for(&certificate), certificate, None)
    }

    /// [`Config::DEFAULT`] told how many hashes issuing `certificate` takes, so
    /// that a small certificate pays for small tables only.
    pub fn config_for(certificate: &Certificate) -> Config {
        let leaves = certificate.claims().len() + certificate.private().len();
        Config::for_hashes(claim_hashes(certificate.claims().len()) + leaves as u64)
    }

    /// [`Issued::new`] computed with `hash` (another path, or a counting wrapper);
    /// the same result for every configuration.
    pub fn new_with<H: U64Hash>(hash: &H, certificate: Certificate) -> Result<Self, ZpassError> {
        Self::build(hash, certificate, None)
    }

    /// [`Issued::new`] with the key identifiers taken from (or added to) `cache`,
    /// so that certificates of one schema hash each key once; same result as `new`.
    pub fn with_cache(certificate: Certificate, cache: &KeyIdCache) -> Result<Self, ZpassError> {
        Self::build(&Self::config_for(&certificate), certificate, Some(cache))
    }

    /// [`Issued::new`] computed with `hash`, taking key identifiers from (or adding
    /// them to) `cache` when one is given; the same result for every configuration.
    pub fn build<H: U64Hash>(
        hash: &H,
        certificate: Certificate,
        cache: Option<&KeyIdCache>,
    ) -> Result<Self, ZpassError> {
        let hashes = ClaimHashes::of_all_with(
            hash,
            certificate.cert_type(),
            certificate.issuer(),
            certificate.claims(),
            cache,
        )?;
        let mut leaves: Vec<u64> = hashes.iter().map(|h| h.leaf).collect();
        leaves.extend_from_slice(certificate.private());
        let tree = || {
            Arc0102Tree::build_with_cutoff(
                &Arc0102Merge(hash),
                POLICY,
                leaves,
                ARC0102_PARALLEL_CUTOFF,
            )
        };
        let by_key = || {
            certificate
                .claims()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.key.clone(), i))
                .collect()
        };
        // The index is a thousand small allocations: built beside the tree's top
        // levels, which keep one thread only.
        #[cfg(feature = "parallel")]
        let (tree, by_key) = rayon::join(tree, by_key);
        #[cfg(not(feature = "parallel"))]
        let (tree, by_key) = (tree(), by_key());
        let tree = tree?;
        Ok(Self {
            certificate,
            hashes,
            tree,
            by_key,
        })
    }

    /// The certificate hash (Merkle root).
    pub fn root(&self) -> u64 {
        self.tree.root()
    }

    /// The certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The tree.
    pub fn tree(&self) -> &Arc0102Tree {
        &self.tree
    }

    /// Leaves in tree order (ascending).
    pub fn leaves(&self) -> &[u64] {
        self.tree.leaves()
    }

    /// Intermediate hashes of every claim, in claim order.
    pub fn hashes(&self) -> &[ClaimHashes] {
        &self.hashes
    }

    /// Claim and intermediate hashes under `key`.
    pub fn claim(&self, key: &str) -> Result<(&Claim, &ClaimHashes), ZpassError> {
        let i = self.by_key.get(key).copied();
        i.and_then(|i| Some((self.certificate.claims().get(i)?, self.hashes.get(i)?)))
            .ok_or_else(|| ZpassError::UnknownKey(key.to_string()))
    }

    /// The sibling list (leaf to root, unpadded) of a leaf digest, from the core's proof.
    pub fn siblings_of(&self, leaf: u64) -> Result<Vec<u64>, ZpassError> {
        let index = self
            .tree
            .position_of(&leaf)
            .ok_or_else(|| ZpassError::doc(format!("leaf {leaf} is not in the tree")))?;
        Ok(self.tree.prove(index)?.siblings)
    }
}

/// Folds a leaf with its sibling list into the root it implies (sorted pairs, no index).
pub fn root_from_siblings(leaf: u64, siblings: &[u64]) -> u64 {
    fold_sorted_pairs(&Arc0102Merge::new(), leaf, siblings)
}
