//! What a layout's keyword arguments name, and the one place that turns a name into
//! the library's hash types: byte hashes, Aleo's Poseidon over packed byte leaves, the
//! other proof systems' field families (as `merklab tree --hash` takes them), and every
//! layered profile.

use merklab_aleo::family::{FieldHashName, PackedBytes, Poseidon, PoseidonRate};
use merklab_aleo::FieldDigest;
use merklab_core::{with_arity, Compression, DomainTags, LeafHash, OddNode, PairOrder, Policy};
use merklab_hashes::{AnyByteHash, HashName};
use merklab_names::{HashId, HashKind};
use merklab_profiles::families::{self, is_field_hash, with_family, FieldFamily};
use merklab_profiles::{Layout, Named, Options, Profile, Visit};
use merklab_store::LayoutSpec;
use pyo3::prelude::*;
use std::fmt::Display;

use crate::error;

/// The kinds of hash `hash=` takes.
fn tree_hash(kind: HashKind) -> bool {
    matches!(
        kind,
        HashKind::Byte
            | HashKind::AleoField
            | HashKind::Bn254Field
            | HashKind::Plonky3Field
            | HashKind::MidenField
    )
}

/// A tree hash chosen by name.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Family {
    /// A byte hash.
    Byte(HashName),
    /// Aleo's Poseidon at a rate, over byte leaves packed into field elements.
    Poseidon(PoseidonRate),
    /// A field family's hash (circom Poseidon, Plonky3's Poseidon2, Miden's), over byte
    /// leaves as that family encodes them.
    Field(HashId),
}

/// A layout named by hash, arity, policy and tags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    pub(crate) id: HashId,
    pub(crate) family: Family,
    pub(crate) arity: usize,
    pub(crate) policy: Policy,
    pub(crate) tags: DomainTags,
}

/// What the layout keywords name: a hash layout or a profile.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Which {
    /// `hash=`, `arity=`, `pairs=`, `odd=`, `tags=`.
    Hash(Spec),
    /// `profile=` (and `depth=` for snarkVM's).
    Profile(Profile, Options),
}

/// Parses the layout keywords; `profile` takes precedence over the others.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse(
    hash: &str,
    arity: usize,
    pairs: &str,
    odd: &str,
    tags: &str,
    profile: Option<&str>,
    depth: Option<u8>,
) -> PyResult<Which> {
    if let Some(name) = profile {
        let profile: Profile = name.parse().map_err(error)?;
        let mut options = Options::default();
        if let Some(d) = depth {
            options.depth = d;
        }
        return Ok(Which::Profile(profile, options));
    }
    let id = HashId::parse_among(hash, tree_hash).map_err(error)?;
    let family = match (id.kind(), HashName::from_id(id), FieldHashName::from_id(id)) {
        (HashKind::Byte, Some(name), _) => Family::Byte(name),
        (_, _, Some(FieldHashName::Psd2)) => Family::Poseidon(PoseidonRate::Psd2),
        (_, _, Some(FieldHashName::Psd4)) => Family::Poseidon(PoseidonRate::Psd4),
        (_, _, Some(FieldHashName::Psd8)) => Family::Poseidon(PoseidonRate::Psd8),
        _ if is_field_hash(id) => Family::Field(id),
        _ => {
            return Err(error(format!(
                "{id} builds no tree over byte leaves here: use a byte hash, an Aleo Poseidon (psd2, psd4, psd8), a field family's hash, or a profile"
            )))
        }
    };
    if !(2..=16).contains(&arity) {
        return Err(error(format!("arity {arity} is not supported (2 to 16)")));
    }
    let policy = Policy {
        pairs: pairs.parse::<PairOrder>().map_err(error)?,
        leaves: merklab_core::LeafOrder::AsGiven,
        odd: odd.parse::<OddNode>().map_err(error)?,
    };
    Ok(Which::Hash(Spec {
        id,
        family,
        arity,
        policy,
        tags: tags.parse().map_err(error)?,
    }))
}

/// Aleo's Poseidon over a byte leaf: the bytes packed injectively into field elements
/// (length first, then 31-byte chunks), then the Poseidon leaf hash.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PackedPoseidon(pub(crate) Poseidon);

impl LeafHash for PackedPoseidon {
    type Input = [u8];
    type Digest = FieldDigest;
    fn hash_leaf(&self, input: &[u8]) -> FieldDigest {
        self.0.hash_leaf(&PackedBytes::pack(input))
    }
}

/// An operation over one hash layout, written once for every family and arity.
pub(crate) trait FamilyOp {
    /// What it returns.
    type Output;
    /// Runs with the layout's byte-leaf hash and compression at arity `K`.
    fn run<L, C, const K: usize>(self, spec: &Spec, leaf: L, compression: C) -> Self::Output
    where
        L: LeafHash<Input = [u8]> + 'static,
        L::Digest: Display,
        C: Compression<K, Digest = L::Digest> + 'static;
}

/// Runs `op` on the hash types `spec` names.
pub(crate) fn dispatch<O: FamilyOp>(spec: &Spec, op: O) -> PyResult<O::Output> {
    with_arity!(spec.arity, K => match spec.family {
        Family::Byte(name) => {
            let hash = AnyByteHash::new(name, spec.tags);
            Ok(op.run::<_, _, K>(spec, hash, hash))
        }
        Family::Poseidon(rate) => {
            let hash = Poseidon::new(rate, spec.tags);
            Ok(op.run::<_, _, K>(spec, PackedPoseidon(hash), hash))
        }
        Family::Field(id) => with_family(id, OnFamily::<O, K> { spec, op })
            .map_err(|_| error(format!("{id} is not a field family's hash")))?,
    }, _ => Err(error(format!("arity {} is not supported (2 to 16)", spec.arity))))
}

/// `op` handed to the field family `spec` names, at arity `K`.
struct OnFamily<'a, O, const K: usize> {
    spec: &'a Spec,
    op: O,
}

impl<O: FamilyOp, const K: usize> families::FamilyOp for OnFamily<'_, O, K> {
    type Output = PyResult<O::Output>;
    fn run<F: FieldFamily>(self, hash: F) -> Self::Output {
        let compression = hash.compression::<K>(self.spec.tags).map_err(error)?;
        Ok(self
            .op
            .run::<_, _, K>(self.spec, hash.leaf_hash(), compression))
    }
}

/// The store and shard record of a layout.
pub(crate) fn layout_spec(which: &Which) -> PyResult<LayoutSpec> {
    match which {
        Which::Hash(spec) => Ok(LayoutSpec {
            hash: spec.id.to_string(),
            tags: spec.tags,
            profile: None,
            arity: spec.arity,
            policy: spec.policy,
        }),
        Which::Profile(profile, options) => profile.visit(ProfileSpec(*options)),
    }
}

/// The layout record of a profile.
struct ProfileSpec(Options);

impl Visit for ProfileSpec {
    type Output = PyResult<LayoutSpec>;
    fn layout<L: Layout<K>, const K: usize>(self) -> PyResult<LayoutSpec> {
        let layout = L::from_options(&self.0).map_err(error)?;
        // rfc6962 is recorded as the command line records it, so its shards merge there.
        let hash = if L::NAME == merklab_profiles::rfc6962::Rfc6962::NAME {
            HashName::Sha256.to_string()
        } else {
            L::NAME.to_string()
        };
        Ok(LayoutSpec {
            hash,
            tags: if L::TAGGED {
                DomainTags::Tagged
            } else {
                DomainTags::None
            },
            profile: Some(L::NAME.to_string()),
            arity: K,
            policy: layout.policy(),
        })
    }
    fn standard(self) -> PyResult<LayoutSpec> {
        Err(unsupported_standard())
    }
}

/// The refusal of OpenZeppelin's heap-shaped tree, which is not a layered tree.
pub(crate) fn unsupported_standard() -> PyErr {
    error("the openzeppelin profile is a heap-shaped tree of ABI values; the Python package builds layered trees only")
}

/// The layout a shard or store record names.
pub(crate) fn which_of(spec: &LayoutSpec) -> PyResult<Which> {
    if let Some(name) = &spec.profile {
        let profile: Profile = name.parse().map_err(error)?;
        let mut options = Options::default();
        if let Some(d) = spec.policy.odd.fixed_depth() {
            options.depth = u8::try_from(d).map_err(error)?;
        }
        return Ok(Which::Profile(profile, options));
    }
    let tags = spec.tags.to_string();
    let pairs = spec.policy.pairs.to_string();
    let odd = spec.policy.odd.to_string();
    parse(&spec.hash, spec.arity, &pairs, &odd, &tags, None, None)
}

/// The layout record (JSON) the keywords name, as shard files and stores record it;
/// raises on a bad layout, so a driver can check one before it starts any work.
#[pyfunction]
#[pyo3(signature = (*, hash = "sha3-256", arity = 2, pairs = "positional", odd = "promote", tags = "none", profile = None, depth = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn layout(
    hash: &str,
    arity: usize,
    pairs: &str,
    odd: &str,
    tags: &str,
    profile: Option<&str>,
    depth: Option<u8>,
) -> PyResult<String> {
    let which = parse(hash, arity, pairs, odd, tags, profile, depth)?;
    serde_json::to_string(&layout_spec(&which)?).map_err(error)
}

/// Every hash `hash=` takes, by canonical name.
#[pyfunction]
pub(crate) fn hashes() -> Vec<&'static str> {
    HashId::filtered(tree_hash)
        .filter(|id| {
            HashName::from_id(*id).is_some()
                || is_field_hash(*id)
                || matches!(
                    FieldHashName::from_id(*id),
                    Some(FieldHashName::Psd2 | FieldHashName::Psd4 | FieldHashName::Psd8)
                )
        })
        .map(HashId::name)
        .collect()
}

/// Every profile `profile=` takes (the layered ones), by name.
#[pyfunction]
pub(crate) fn profiles() -> Vec<&'static str> {
    Profile::ALL
        .iter()
        .filter(|p| p.name() != merklab_profiles::openzeppelin::OpenZeppelin::NAME)
        .map(|p| p.name())
        .collect()
}
