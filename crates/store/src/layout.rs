//! What a store or a shard was built with, recorded so a reader rebuilds the same hash.

use merklab_core::{DomainTags, LeafOrder, Policy};
use serde::{Deserialize, Serialize};

/// The layout of a stored tree: enough for a reader to choose the hash and check proofs.
///
/// The store itself is generic over the compression; this record is how a caller (the
/// CLI) names the one it used, and how two shards show they belong to one tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutSpec {
    /// The hash's canonical name.
    pub hash: String,
    /// Whether leaf and node inputs carry domain tags.
    pub tags: DomainTags,
    /// The named profile the layout came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Children per node.
    pub arity: usize,
    /// Pair order, leaf order and odd-node rule.
    pub policy: Policy,
}

impl LayoutSpec {
    /// The layout of an RFC 6962 log (the `rfc6962` profile, what tlog tiles serve):
    /// SHA-256 with its 0x00 and 0x01 domain tags, binary, the default policy.
    pub fn rfc6962() -> Self {
        LayoutSpec {
            hash: "sha256".into(),
            tags: DomainTags::Tagged,
            profile: Some("rfc6962".into()),
            arity: 2,
            policy: Policy::new(),
        }
    }

    /// Why this layout cannot be built from leaves streamed in order at arity `K`, if so.
    pub fn unsupported<const K: usize>(&self) -> Option<String> {
        if self.arity != K {
            return Some(format!(
                "the layout has arity {}, the compression {K}",
                self.arity
            ));
        }
        if self.policy.leaves == LeafOrder::Sorted {
            return Some(
                "sorted leaf order needs every leaf before the first node; sort the leaves \
                 and build with leaf order 'given' (the same tree when the input is sorted)"
                    .to_string(),
            );
        }
        None
    }

    /// The fields where `other` differs from this layout, for a mismatch error.
    pub fn differences(&self, other: &Self) -> String {
        let mut out = Vec::new();
        if self.hash != other.hash {
            out.push(format!("hash {} vs {}", self.hash, other.hash));
        }
        if self.tags != other.tags {
            out.push(format!("tags {:?} vs {:?}", self.tags, other.tags));
        }
        if self.profile != other.profile {
            out.push(format!("profile {:?} vs {:?}", self.profile, other.profile));
        }
        if self.arity != other.arity {
            out.push(format!("arity {} vs {}", self.arity, other.arity));
        }
        if self.policy != other.policy {
            out.push(format!("policy {} vs {}", self.policy, other.policy));
        }
        out.join(", ")
    }
}
