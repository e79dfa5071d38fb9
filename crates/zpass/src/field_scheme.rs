//! The zPass certificate model with field digests instead of ARC-0102's `u64`s.
//!
//! Same claims, same leaf structure (`key id`, `salt hash`, `value hash`,
//! `data = merge(salt, value)`, `leaf = merge(key id, data)`), same tree shape
//! (sorted leaves, sorted pairs, a lone node promoted), but every hash is
//! Poseidon2 over Aleo's field and every digest is a 253-bit field element:
//!
//! - [`FieldProfile::Poseidon2`]: a drop-in for ARC-0102: `encodeToF` inputs,
//!   `hash.psd2`'s sponge over one element for hashes and over the sorted pair
//!   for merges. Collisions cost about 2^126 work instead of 2^32, but the
//!   encoding keeps `encodeToF`'s ambiguities.
//! - [`FieldProfile::DomainSeparated`]: every input packed without loss
//!   ([`PackedBytes`]: length-prefixed, never reduced), the three key parts kept
//!   apart, each role (key id, salt, string / integer / boolean value, data, leaf)
//!   hashed under its own tag, and tree nodes tagged apart from leaves
//!   (`1field` first, as snarkVM's Poseidon Merkle trees do).

use merklab_aleo::family::{PackedBytes, Poseidon, PoseidonRate};
use merklab_aleo::{encode_to_f, field_from_u128, Field, FieldDigest};
use merklab_core::{fold_sorted_pairs, DomainTags, MerkleTree};

use crate::certificate::{Certificate, Claim};
use crate::error::ZpassError;
use crate::scheme::POLICY;
use crate::value::ClaimValue;

/// A binary tree of field digests.
pub type FieldTree = MerkleTree<FieldDigest, 2>;

/// Which field instantiation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldProfile {
    /// ARC-0102's structure with Poseidon2 and 253-bit digests.
    Poseidon2,
    /// Injective encodings, one tag per role, nodes tagged apart from leaves.
    DomainSeparated,
}

impl FieldProfile {
    /// The node compression: Poseidon2, tagged (`1field` first) when domain-separated.
    pub fn compression(self) -> Poseidon {
        let tags = match self {
            Self::Poseidon2 => DomainTags::None,
            Self::DomainSeparated => DomainTags::Tagged,
        };
        Poseidon::new(PoseidonRate::Psd2, tags)
    }
}

/// Every intermediate digest of one claim's leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldClaimHashes {
    /// Hash of type, issuer and key.
    pub key_identifier: FieldDigest,
    /// Hash of the salt.
    pub salt_hash: FieldDigest,
    /// Hash of the value.
    pub value_hash: FieldDigest,
    /// Merge of salt hash and value hash.
    pub data_hash: FieldDigest,
    /// Merge of key identifier and data hash.
    pub leaf: FieldDigest,
}

/// Role tags of the domain-separated profile: short ASCII labels as field
/// elements (under 31 bytes, so `encodeToF` is exact on them).
mod tag {
    pub const KEY: &str = "merklab/zpass/key";
    pub const SALT: &str = "merklab/zpass/salt";
    pub const STRING: &str = "merklab/zpass/value/string";
    pub const INTEGER: &str = "merklab/zpass/value/integer";
    pub const BOOL: &str = "merklab/zpass/value/bool";
    pub const DATA: &str = "merklab/zpass/data";
    pub const LEAF: &str = "merklab/zpass/leaf";
}

fn psd2(input: &[Field]) -> FieldDigest {
    // Poseidon with no tags is the plain sponge over `input`.
    merklab_core::LeafHash::hash_leaf(&Poseidon::new(PoseidonRate::Psd2, DomainTags::None), input)
}

fn tagged(tag: &str, parts: &[Field]) -> FieldDigest {
    let mut input = Vec::with_capacity(parts.len() + 1);
    input.push(encode_to_f(tag));
    input.extend_from_slice(parts);
    psd2(&input)
}

fn sorted(a: FieldDigest, b: FieldDigest) -> [Field; 2] {
    if a <= b {
        [a.0, b.0]
    } else {
        [b.0, a.0]
    }
}

impl FieldClaimHashes {
    /// Hashes one claim of a certificate with type `cert_type` and issuer `issuer`.
    pub fn of(
        profile: FieldProfile,
        cert_type: &str,
        issuer: &str,
        claim: &Claim,
    ) -> Result<Self, ZpassError> {
        match profile {
            FieldProfile::Poseidon2 => {
                let key_identifier =
                    psd2(&[encode_to_f(&format!("{cert_type}{issuer}{}", claim.key))]);
                let salt_hash = psd2(&[encode_to_f(&claim.salt)]);
                let value_hash = psd2(&[claim.value.to_field()?]);
                let data_hash = psd2(&sorted(salt_hash, value_hash));
                let leaf = psd2(&sorted(key_identifier, data_hash));
                Ok(Self {
                    key_identifier,
                    salt_hash,
                    value_hash,
                    data_hash,
                    leaf,
                })
            }
            FieldProfile::DomainSeparated => {
                let mut key_parts = PackedBytes::pack(cert_type.as_bytes());
                key_parts.extend(PackedBytes::pack(issuer.as_bytes()));
                key_parts.extend(PackedBytes::pack(claim.key.as_bytes()));
                let key_identifier = tagged(tag::KEY, &key_parts);
                let salt_hash = tagged(tag::SALT, &PackedBytes::pack(claim.salt.as_bytes()));
                let value_hash = match &claim.value {
                    ClaimValue::String(s) => tagged(tag::STRING, &PackedBytes::pack(s.as_bytes())),
                    ClaimValue::Integer(_) => tagged(tag::INTEGER, &[claim.value.to_field()?]),
                    ClaimValue::Bool(b) => tagged(tag::BOOL, &[field_from_u128(u128::from(*b))]),
                };
                // Positional (salt, value) and (key, data): the roles are fixed, no sorting needed.
                let data_hash = tagged(tag::DATA, &[salt_hash.0, value_hash.0]);
                let leaf = tagged(tag::LEAF, &[key_identifier.0, data_hash.0]);
                Ok(Self {
                    key_identifier,
                    salt_hash,
                    value_hash,
                    data_hash,
                    leaf,
                })
            }
        }
    }
}

/// A certificate hashed under a field profile, with its tree.
#[derive(Clone, Debug)]
pub struct FieldIssued {
    profile: FieldProfile,
    hashes: Vec<FieldClaimHashes>,
    tree: FieldTree,
}

impl FieldIssued {
    /// Hashes every claim and builds the tree (ARC-0102's layout).
    ///
    /// A selective disclosure's `private` list holds `u64` ARC-0102 leaves, which
    /// have no meaning here: such a certificate is rejected.
    pub fn new(profile: FieldProfile, certificate: &Certificate) -> Result<Self, ZpassError> {
        if !certificate.private().is_empty() {
            return Err(ZpassError::doc(
                "a field-digest certificate cannot take ARC-0102 u64 private leaves",
            ));
        }
        let (t, i) = (certificate.cert_type(), certificate.issuer());
        let hashes = certificate
            .claims()
            .iter()
            .map(|c| FieldClaimHashes::of(profile, t, i, c))
            .collect::<Result<Vec<_>, _>>()?;
        let leaves = hashes.iter().map(|h| h.leaf).collect();
        let tree = FieldTree::build(&profile.compression(), POLICY, leaves)?;
        Ok(Self {
            profile,
            hashes,
            tree,
        })
    }

    /// The profile.
    pub fn profile(&self) -> FieldProfile {
        self.profile
    }

    /// The root.
    pub fn root(&self) -> FieldDigest {
        self.tree.root()
    }

    /// The tree.
    pub fn tree(&self) -> &FieldTree {
        &self.tree
    }

    /// Intermediate digests of every claim, in claim order.
    pub fn hashes(&self) -> &[FieldClaimHashes] {
        &self.hashes
    }

    /// The sibling list (leaf to root) of a leaf digest.
    pub fn siblings_of(&self, leaf: &FieldDigest) -> Result<Vec<FieldDigest>, ZpassError> {
        let index = self
            .tree
            .position_of(leaf)
            .ok_or_else(|| ZpassError::doc(format!("leaf {leaf} is not in the tree")))?;
        Ok(self.tree.prove(index)?.siblings)
    }
}

/// Folds a leaf with its sibling list into the root it implies (sorted pairs, no index).
pub fn field_root_from_siblings(
    profile: FieldProfile,
    leaf: FieldDigest,
    siblings: &[FieldDigest],
) -> FieldDigest {
    fold_sorted_pairs(&profile.compression(), leaf, siblings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(key: &str, salt: &str, value: ClaimValue) -> Claim {
        Claim {
            key: key.into(),
            salt: salt.into(),
            value,
        }
    }

    fn sample(cert_type: &str, issuer: &str, extra: Vec<Claim>) -> Certificate {
        let mut claims = vec![
            claim("type", "s-type", ClaimValue::String(cert_type.into())),
            claim("issuer", "s-issuer", ClaimValue::String(issuer.into())),
            claim(
                "name",
                "s-name",
                ClaimValue::String("Alice Wonderland".into()),
            ),
            claim("dob", "s-dob", ClaimValue::Integer("1737213145".into())),
        ];
        claims.extend(extra);
        Certificate::new(claims, Vec::new()).unwrap()
    }

    #[test]
    fn proofs_fold_to_the_root_in_both_profiles() {
        let cert = sample(
            "KYC",
            "aleo123456",
            vec![claim("adult", "s-adult", ClaimValue::Bool(true))],
        );
        let mut roots = Vec::new();
        for profile in [FieldProfile::Poseidon2, FieldProfile::DomainSeparated] {
            let issued = FieldIssued::new(profile, &cert).unwrap();
            for h in issued.hashes() {
                let siblings = issued.siblings_of(&h.leaf).unwrap();
                assert_eq!(
                    field_root_from_siblings(profile, h.leaf, &siblings),
                    issued.root()
                );
                // A changed leaf does not fold to the root.
                assert_ne!(
                    field_root_from_siblings(profile, h.data_hash, &siblings),
                    issued.root()
                );
            }
            roots.push(issued.root());
        }
        assert_ne!(roots[0], roots[1]);
    }

    #[test]
    fn domain_separation_removes_the_delimiter_and_type_ambiguities() {
        let a = claim("x", "s", ClaimValue::String("\u{5}".into()));
        let b = claim("x", "s", ClaimValue::Integer("5".into()));
        // type + issuer concatenate to the same string; "\u{5}" and 5 are the same field.
        let plain_a = FieldClaimHashes::of(FieldProfile::Poseidon2, "KYC", "aleo1", &a).unwrap();
        let plain_b = FieldClaimHashes::of(FieldProfile::Poseidon2, "KYCa", "leo1", &b).unwrap();
        assert_eq!(plain_a.key_identifier, plain_b.key_identifier);
        assert_eq!(plain_a.value_hash, plain_b.value_hash);
        let sep_a =
            FieldClaimHashes::of(FieldProfile::DomainSeparated, "KYC", "aleo1", &a).unwrap();
        let sep_b =
            FieldClaimHashes::of(FieldProfile::DomainSeparated, "KYCa", "leo1", &b).unwrap();
        assert_ne!(sep_a.key_identifier, sep_b.key_identifier);
        assert_ne!(sep_a.value_hash, sep_b.value_hash);
        // A 40-byte salt wraps mod p under encodeToF; packing keeps the two apart.
        let long = "0123456789012345678901234567890123456789";
        let other = format!("{long}\0");
        let s1 = FieldClaimHashes::of(
            FieldProfile::Poseidon2,
            "T",
            "I",
            &claim("k", long, ClaimValue::Bool(true)),
        )
        .unwrap();
        let s2 = FieldClaimHashes::of(
            FieldProfile::Poseidon2,
            "T",
            "I",
            &claim("k", &other, ClaimValue::Bool(true)),
        )
        .unwrap();
        assert_eq!(s1.salt_hash, s2.salt_hash);
        let d1 = FieldClaimHashes::of(
            FieldProfile::DomainSeparated,
            "T",
            "I",
            &claim("k", long, ClaimValue::Bool(true)),
        )
        .unwrap();
        let d2 = FieldClaimHashes::of(
            FieldProfile::DomainSeparated,
            "T",
            "I",
            &claim("k", &other, ClaimValue::Bool(true)),
        )
        .unwrap();
        assert_ne!(d1.salt_hash, d2.salt_hash);
    }

    #[test]
    fn poseidon2_profile_is_poseidon2_over_one_and_two_elements() {
        use merklab_aleo::family::poseidon_hash;
        let cert = sample("KYC", "aleo123456", Vec::new());
        let issued = FieldIssued::new(FieldProfile::Poseidon2, &cert).unwrap();
        let h = &issued.hashes()[3];
        let value = poseidon_hash(PoseidonRate::Psd2, &[field_from_u128(1737213145)]).unwrap();
        assert_eq!(h.value_hash.0, value);
        let salt = poseidon_hash(PoseidonRate::Psd2, &[encode_to_f("s-dob")]).unwrap();
        let (lo, hi) = if FieldDigest(salt) <= FieldDigest(value) {
            (salt, value)
        } else {
            (value, salt)
        };
        assert_eq!(
            h.data_hash.0,
            poseidon_hash(PoseidonRate::Psd2, &[lo, hi]).unwrap()
        );
    }

    #[test]
    fn rejects_u64_private_leaves() {
        let cert =
            Certificate::new(sample("KYC", "i", Vec::new()).claims().to_vec(), vec![5]).unwrap();
        assert!(FieldIssued::new(FieldProfile::Poseidon2, &cert).is_err());
    }
}
