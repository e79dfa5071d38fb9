//! The `hardened` zPass profile: the certificate model of ARC-0102 with each of its
//! known weaknesses removed (see `docs/security.md`).
//!
//! | ARC-0102 | hardened |
//! | --- | --- |
//! | `encodeToF`: mod p, trailing NULs vanish, `type + issuer + key` undelimited | [`PackedBytes`]: length first, 31-byte chunks, each part packed on its own |
//! | 64-bit digests (collision ~2^32) | 253-bit field digests (Poseidon2, collision ~2^126) |
//! | one untagged hash for every role | one tag per role (key, salt, value kinds, data, leaf); nodes prefixed `1field` |
//! | sorted pairs, no index in a proof | positional pairs; a proof binds leaf index and leaf count |
//! | `[u64; 32]` proofs ended by `0u64` | proofs carry their length; a zero digest is just a digest |
//! | signature over the root only | signature over `H(tag, root, leaf count, issuer, signer, subject)` |
//!
//! Claims are hashed as [`FieldProfile::DomainSeparated`] does; leaves are still
//! sorted by digest, so their order reveals nothing about the claims.

use merklab_aleo::account::{verify_field, IssuerKey};
use merklab_aleo::family::{PackedBytes, Poseidon, PoseidonRate};
use merklab_aleo::{encode_to_f, field_from_u128, Field, FieldDigest};
use merklab_core::{
    verify, DomainTags, LeafHash, LeafOrder, MerkleTree, OddNode, PairOrder, Policy, Proof,
};

use crate::certificate::{Certificate, Claim};
use crate::error::ZpassError;
use crate::field_scheme::{FieldClaimHashes, FieldProfile};
use crate::proof::Verdict;
use crate::value::ClaimValue;

/// The hardened tree layout: positional pairs (a proof binds its index), leaves
/// sorted by digest, a lone node promoted (safe here: nodes are tagged apart from
/// leaves, so a promoted node cannot pose as a leaf).
pub const POLICY: Policy = Policy::new()
    .with_pairs(PairOrder::Positional)
    .with_leaves(LeafOrder::Sorted)
    .with_odd(OddNode::Promote);

/// The tag of the signed binding message.
pub const BINDING_TAG: &str = "merklab/zpass/binding";

/// A hardened certificate tree: binary, field digests.
pub type HardenedTree = MerkleTree<FieldDigest, 2>;

/// Node compression: Poseidon2 over `(1field, left, right)`.
pub fn compression() -> Poseidon {
    Poseidon::new(PoseidonRate::Psd2, DomainTags::Tagged)
}

/// Every digest of one claim, as [`FieldProfile::DomainSeparated`] computes them.
pub fn claim_hashes(
    cert_type: &str,
    issuer: &str,
    claim: &Claim,
) -> Result<FieldClaimHashes, ZpassError> {
    FieldClaimHashes::of(FieldProfile::DomainSeparated, cert_type, issuer, claim)
}

/// The hardened encoder for a string: its length, then its bytes in 31-byte chunks.
/// Injective on byte strings, unlike `encodeToF`.
pub fn encode(s: &str) -> Vec<Field> {
    PackedBytes::pack(s.as_bytes())
}

/// A certificate hashed under the hardened profile.
#[derive(Clone, Debug)]
pub struct HardenedIssued {
    certificate: Certificate,
    hashes: Vec<FieldClaimHashes>,
    tree: HardenedTree,
}

impl HardenedIssued {
    /// Hashes every claim and builds the tree. A disclosure (`private` list of
    /// ARC-0102 `u64` leaves) has no meaning here and is rejected.
    pub fn new(certificate: Certificate) -> Result<Self, ZpassError> {
        if !certificate.private().is_empty() {
            return Err(ZpassError::doc(
                "a hardened certificate cannot take ARC-0102 u64 private leaves",
            ));
        }
        let (t, i) = (certificate.cert_type(), certificate.issuer());
        let hashes = certificate
            .claims()
            .iter()
            .map(|c| claim_hashes(t, i, c))
            .collect::<Result<Vec<_>, _>>()?;
        let leaves = hashes.iter().map(|h| h.leaf).collect();
        let tree = HardenedTree::build(&compression(), POLICY, leaves)?;
        Ok(Self {
            certificate,
            hashes,
            tree,
        })
    }

    /// The root.
    pub fn root(&self) -> FieldDigest {
        self.tree.root()
    }

    /// Number of leaves (claims).
    pub fn leaf_count(&self) -> u64 {
        self.tree.leaf_count() as u64
    }

    /// The tree.
    pub fn tree(&self) -> &HardenedTree {
        &self.tree
    }

    /// Digests of every claim, in claim order.
    pub fn hashes(&self) -> &[FieldClaimHashes] {
        &self.hashes
    }

    /// The certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The value-inclusion proof of `key`: the claim and its indexed path.
    pub fn prove_value(&self, key: &str) -> Result<HardenedProof, ZpassError> {
        let (claim, h) = self
            .certificate
            .claims()
            .iter()
            .zip(&self.hashes)
            .find(|(c, _)| c.key == key)
            .ok_or_else(|| ZpassError::UnknownKey(key.to_string()))?;
        let index = self
            .tree
            .position_of(&h.leaf)
            .ok_or_else(|| ZpassError::doc(format!("leaf of `{key}` is not in the tree")))?;
        Ok(HardenedProof {
            cert_type: self.certificate.cert_type().to_string(),
            issuer: self.certificate.issuer().to_string(),
            key: key.to_string(),
            salt: claim.salt.clone(),
            value: claim.value.clone(),
            path: self.tree.prove(index)?,
        })
    }
}

/// A hardened value-inclusion proof: the opened claim and a path that binds its
/// index and the leaf count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HardenedProof {
    /// Certificate type.
    pub cert_type: String,
    /// Issuer.
    pub issuer: String,
    /// The normalized key.
    pub key: String,
    /// The salt.
    pub salt: String,
    /// The value.
    pub value: ClaimValue,
    /// Leaf index, leaf count and siblings.
    pub path: Proof<FieldDigest, 2>,
}

impl HardenedProof {
    /// The leaf the opening hashes to.
    pub fn leaf(&self) -> Result<FieldDigest, ZpassError> {
        let claim = Claim {
            key: self.key.clone(),
            salt: self.salt.clone(),
            value: self.value.clone(),
        };
        Ok(claim_hashes(&self.cert_type, &self.issuer, &claim)?.leaf)
    }

    /// Checks the proof against a root the verifier trusts. A malformed path (wrong
    /// sibling count, index out of range, other layout) is a rejection naming why.
    pub fn verify(&self, trusted_root: FieldDigest) -> Result<Verdict, ZpassError> {
        let leaf = self.leaf()?;
        Ok(
            match verify(&compression(), &POLICY, trusted_root, leaf, &self.path) {
                Ok(()) => Verdict::Accepted,
                Err(e) => Verdict::Rejected(format!("hardened proof of `{}`: {e}", self.key)),
            },
        )
    }
}

/// The one field element the issuer signs: Poseidon2 over the binding tag, the
/// root, the leaf count, and the packed issuer claim, signer address and subject.
pub fn binding(
    root: FieldDigest,
    leaf_count: u64,
    issuer: &str,
    signer: &str,
    subject: &str,
) -> Result<Field, ZpassError> {
    let mut input = vec![
        encode_to_f(BINDING_TAG),
        root.0,
        field_from_u128(u128::from(leaf_count)),
    ];
    for part in [issuer, signer.trim(), subject.trim()] {
        input.extend(encode(part));
    }
    let poseidon = Poseidon::new(PoseidonRate::Psd2, DomainTags::None);
    Ok(poseidon.hash_leaf(&input).0)
}

/// A signature over a [`binding`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundSignature {
    /// The signer's Aleo address.
    pub address: String,
    /// The certificate owner the signature is for.
    pub subject: String,
    /// `sign1...` over the binding, as Leo's `signature::verify` checks a `field`.
    pub signature: String,
}

/// Signs the root of `issued` for `subject`.
pub fn sign(
    key: &IssuerKey,
    issued: &HardenedIssued,
    subject: &str,
) -> Result<BoundSignature, ZpassError> {
    let address = key.address();
    let message = binding(
        issued.root(),
        issued.leaf_count(),
        issued.certificate().issuer(),
        &address,
        subject,
    )?;
    Ok(BoundSignature {
        signature: key.try_sign_field(&message)?,
        address,
        subject: subject.to_string(),
    })
}

/// Checks a bound signature for `root` with `leaf_count` claims, issuer claim
/// `issuer`, presented by `subject`. Malformed addresses or signatures are errors;
/// a signature for another root, count, issuer, signer or subject is a rejection.
pub fn verify_signature(
    signature: &BoundSignature,
    root: FieldDigest,
    leaf_count: u64,
    issuer: &str,
    subject: &str,
) -> Result<Verdict, ZpassError> {
    let message = binding(root, leaf_count, issuer, &signature.address, subject)?;
    if verify_field(&signature.address, &signature.signature, &message)? {
        Ok(Verdict::Accepted)
    } else {
        Ok(Verdict::Rejected(format!(
            "the signature is not {}'s over this root, issuer and subject `{subject}`",
            signature.address.trim()
        )))
    }
}
