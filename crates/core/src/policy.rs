//! Per-tree choices: pair order, leaf order, odd-node handling and domain tags.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Deepest fixed depth accepted by [`OddNode::Depth`], [`OddNode::Extend`] and by verifiers.
pub const MAX_DEPTH: u32 = 256;

/// How the children of a node are ordered before compression.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PairOrder {
    /// Children in tree position order; proofs carry the leaf index.
    #[default]
    Positional,
    /// Children sorted ascending first, so a node does not depend on child order.
    Sorted,
}

/// How leaves are ordered before the bottom layer is formed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LeafOrder {
    /// Leaves in the order given.
    #[default]
    #[serde(rename = "given")]
    AsGiven,
    /// Leaf digests sorted ascending (ARC-0102, OpenZeppelin-style trees).
    Sorted,
}

/// What happens to the last group of a layer when it has fewer than `K` nodes.
///
/// A lone node left over is handled as named. For arity above 2, a last group of
/// several (2..K) nodes is: compressed as it stands, over just those nodes, under
/// `Promote`; filled with copies of its last node under `Duplicate`; filled with
/// zero digests under `Zero`; filled with the level's empty digest under `Depth` and
/// `Extend`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OddNode {
    /// A lone last node is carried up unchanged.
    #[default]
    Promote,
    /// The last node is repeated until its group is full.
    Duplicate,
    /// The group is filled with all-zero digests.
    Zero,
    /// The tree has exactly this depth; missing nodes are the level's empty digest
    /// (zero at the leaves, `compress([empty; K])` one level up, and so on).
    Depth(u32),
    /// The tree has exactly this depth, padded as snarkVM's `MerkleTree` pads: the empty
    /// leaf is `e = compress([zero; K])`; below the level where the real nodes meet in one
    /// node, a short group is filled with the level's empty digest (`e` at the leaves,
    /// `compress([empty; K])` one level up, and so on); above it, the lone node is
    /// compressed with `K - 1` copies of `e` at every level up to the fixed depth.
    /// An empty leaf set has the single leaf `e`.
    Extend(u32),
}

/// Whether leaf and node hash inputs carry distinct prefixes.
///
/// A property of the hashing instantiation: byte backends prefix `0x00` to leaf
/// input and `0x01` to node input when tagged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DomainTags {
    /// Leaves and nodes hash their input as is.
    #[default]
    None,
    /// Leaves and nodes hash distinct one-symbol prefixes first.
    Tagged,
}

/// The structural choices of one tree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Policy {
    /// Child order within a node.
    pub pairs: PairOrder,
    /// Leaf order at the bottom layer.
    pub leaves: LeafOrder,
    /// Last-group handling.
    pub odd: OddNode,
}

impl OddNode {
    /// The fixed depth of `Depth` and `Extend`, `None` for the other rules.
    pub const fn fixed_depth(self) -> Option<u32> {
        match self {
            Self::Depth(d) | Self::Extend(d) => Some(d),
            _ => None,
        }
    }
}

impl Policy {
    /// Positional pairs, leaves as given, lone nodes promoted.
    pub const fn new() -> Self {
        Self {
            pairs: PairOrder::Positional,
            leaves: LeafOrder::AsGiven,
            odd: OddNode::Promote,
        }
    }
    /// Same policy with another pair order.
    pub const fn with_pairs(mut self, pairs: PairOrder) -> Self {
        self.pairs = pairs;
        self
    }
    /// Same policy with another leaf order.
    pub const fn with_leaves(mut self, leaves: LeafOrder) -> Self {
        self.leaves = leaves;
        self
    }
    /// Same policy with another odd-node rule.
    pub const fn with_odd(mut self, odd: OddNode) -> Self {
        self.odd = odd;
        self
    }
}

/// A command-line or config word that names no policy value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{given}' (expected {expected})")]
pub struct ParsePolicyError {
    what: &'static str,
    given: String,
    expected: &'static str,
}

impl ParsePolicyError {
    fn new(what: &'static str, given: &str, expected: &'static str) -> Self {
        Self {
            what,
            given: given.to_string(),
            expected,
        }
    }
}

impl FromStr for PairOrder {
    type Err = ParsePolicyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "positional" => Ok(Self::Positional),
            "sorted" => Ok(Self::Sorted),
            _ => Err(ParsePolicyError::new(
                "pair order",
                s,
                "positional or sorted",
            )),
        }
    }
}

impl FromStr for LeafOrder {
    type Err = ParsePolicyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "given" | "as-given" => Ok(Self::AsGiven),
            "sorted" => Ok(Self::Sorted),
            _ => Err(ParsePolicyError::new("leaf order", s, "given or sorted")),
        }
    }
}

impl FromStr for DomainTags {
    type Err = ParsePolicyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Self::None),
            "tagged" => Ok(Self::Tagged),
            _ => Err(ParsePolicyError::new("tag mode", s, "none or tagged")),
        }
    }
}

impl FromStr for OddNode {
    type Err = ParsePolicyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const EXPECTED: &str = "promote, duplicate, zero, depth:D or extend:D with D from 0 to 256";
        match s {
            "promote" => Ok(Self::Promote),
            "duplicate" => Ok(Self::Duplicate),
            "zero" => Ok(Self::Zero),
            _ => {
                let fixed = |prefix: &str| match s.strip_prefix(prefix).map(str::parse::<u32>) {
                    Some(Ok(depth)) if depth <= MAX_DEPTH => Some(depth),
                    _ => None,
                };
                if let Some(depth) = fixed("depth:") {
                    Ok(Self::Depth(depth))
                } else if let Some(depth) = fixed("extend:") {
                    Ok(Self::Extend(depth))
                } else {
                    Err(ParsePolicyError::new("odd-node policy", s, EXPECTED))
                }
            }
        }
    }
}

impl fmt::Display for PairOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Positional => "positional",
            Self::Sorted => "sorted",
        })
    }
}

impl fmt::Display for LeafOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::AsGiven => "given",
            Self::Sorted => "sorted",
        })
    }
}

impl fmt::Display for DomainTags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::None => "none",
            Self::Tagged => "tagged",
        })
    }
}

/// The words the command line takes: `pairs positional, leaves given, odd promote`.
impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pairs {}, leaves {}, odd {}",
            self.pairs, self.leaves, self.odd
        )
    }
}

impl fmt::Display for OddNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Promote => f.write_str("promote"),
            Self::Duplicate => f.write_str("duplicate"),
            Self::Zero => f.write_str("zero"),
            Self::Depth(d) => write!(f, "depth:{d}"),
            Self::Extend(d) => write!(f, "extend:{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_prints_as_the_words_that_parse_back_to_it() {
        let policy = Policy::new()
            .with_pairs(PairOrder::Sorted)
            .with_odd(OddNode::Extend(32));
        let text = policy.to_string();
        assert!(!text.contains('{') && !text.contains("Sorted"), "{text}");
        let words: Vec<&str> = text
            .split(", ")
            .map(|part| part.split_once(' ').map_or("", |(_, w)| w))
            .collect();
        assert_eq!(words.len(), 3, "{text}");
        assert_eq!(words[0].parse::<PairOrder>(), Ok(policy.pairs));
        assert_eq!(words[1].parse::<LeafOrder>(), Ok(policy.leaves));
        assert_eq!(words[2].parse::<OddNode>(), Ok(policy.odd));
    }

    #[test]
    fn parses_and_prints_round_trip() {
        for word in [
            "promote",
            "duplicate",
            "zero",
            "depth:0",
            "depth:20",
            "depth:256",
            "extend:0",
            "extend:32",
        ] {
            assert_eq!(word.parse::<OddNode>().unwrap().to_string(), word);
        }
        for bad in [
            "depth:",
            "depth:257",
            "depth:-1",
            "extend:257",
            "extend",
            "pad",
            "",
        ] {
            assert!(bad.parse::<OddNode>().is_err(), "{bad}");
        }
        assert_eq!("sorted".parse::<PairOrder>(), Ok(PairOrder::Sorted));
        assert!("Sorted".parse::<PairOrder>().is_err());
        assert_eq!("tagged".parse::<DomainTags>(), Ok(DomainTags::Tagged));
    }
}
