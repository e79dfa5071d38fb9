//! Known-answer Merkle roots from an independent Python implementation of the tree
//! definitions (`tests/vectors/gen_tree_vectors.py`, output in
//! `tests/vectors/tree-roots.json`): every byte hash, arity 2..=16, both pair orders,
//! every odd-node policy and both tag modes. Each case is also built with the
//! streaming builder, and the proofs of its first and last leaves are verified.

use std::collections::BTreeSet;

use merklab_core::{
    verify, DomainTags, LeafHash, LeafOrder, MerkleTree, OddNode, PairOrder, Policy,
    StreamingBuilder,
};
use merklab_hashes::{with_hasher, ByteHash, ByteHasher, Digest32, HashName};
use serde_json::Value;

const VECTORS: &str = include_str!("vectors/tree-roots.json");

/// One known-answer case, parsed.
struct Case {
    number: usize,
    hash: HashName,
    arity: usize,
    tags: DomainTags,
    policy: Policy,
    leaves: Vec<Vec<u8>>,
    root: Digest32,
}

fn field<'a>(case: &'a Value, name: &str, number: usize) -> &'a Value {
    case.get(name)
        .unwrap_or_else(|| panic!("case {number} has no '{name}'"))
}

fn text<'a>(case: &'a Value, name: &str, number: usize) -> &'a str {
    field(case, name, number)
        .as_str()
        .unwrap_or_else(|| panic!("case {number}: '{name}' is not a string"))
}

fn parse_case(number: usize, case: &Value) -> Case {
    let hash: HashName = text(case, "hash", number)
        .parse()
        .unwrap_or_else(|e| panic!("case {number}: {e}"));
    let arity = field(case, "arity", number)
        .as_u64()
        .unwrap_or_else(|| panic!("case {number}: arity is not a number")) as usize;
    let pairs: PairOrder = text(case, "pairs", number).parse().unwrap();
    let odd: OddNode = text(case, "odd", number).parse().unwrap();
    let tags: DomainTags = text(case, "tags", number).parse().unwrap();
    let leaves = field(case, "leaves", number)
        .as_array()
        .unwrap_or_else(|| panic!("case {number}: leaves is not a list"))
        .iter()
        .map(|l| hex::decode(l.as_str().unwrap()).unwrap())
        .collect();
    let root = Digest32::from_hex(text(case, "root", number)).unwrap();
    Case {
        number,
        hash,
        arity,
        tags,
        policy: Policy {
            pairs,
            leaves: LeafOrder::AsGiven,
            odd,
        },
        leaves,
        root,
    }
}

/// Checks one case at arity `K` with hash `H`; returns a description of the first mismatch.
fn check_case<H: ByteHasher, const K: usize>(case: &Case) -> Result<(), String> {
    let hash = ByteHash::<H>::new(case.tags);
    let leaves: Vec<Digest32> = case.leaves.iter().map(|l| hash.hash_leaf(l)).collect();
    let tree = MerkleTree::<Digest32, K>::build(&hash, case.policy, leaves.clone())
        .map_err(|e| format!("build failed: {e}"))?;
    if tree.root() != case.root {
        return Err(format!(
            "built root {} differs from the vector {}",
            tree.root(),
            case.root
        ));
    }

    let mut stream = StreamingBuilder::<ByteHash<H>, K>::new(hash, case.policy);
    for &leaf in &leaves {
        stream
            .push(leaf)
            .map_err(|e| format!("streaming push failed: {e}"))?;
    }
    let streamed = stream
        .root()
        .map_err(|e| format!("streaming root failed: {e}"))?;
    if streamed != case.root {
        return Err(format!(
            "streamed root {streamed} differs from the vector {}",
            case.root
        ));
    }

    if let Some(last) = leaves.len().checked_sub(1) {
        for index in [0, last] {
            let proof = tree
                .prove(index)
                .map_err(|e| format!("prove({index}) failed: {e}"))?;
            verify(&hash, &case.policy, case.root, leaves[index], &proof)
                .map_err(|e| format!("proof of leaf {index} does not verify: {e}"))?;
            // The same proof must not verify against a different root.
            let mut wrong = case.root;
            wrong.0[31] ^= 1;
            if verify(&hash, &case.policy, wrong, leaves[index], &proof).is_ok() {
                return Err(format!(
                    "proof of leaf {index} verifies against a wrong root"
                ));
            }
        }
    }
    Ok(())
}

/// Calls `check_case::<H, K>` for the runtime arity `$k`.
macro_rules! dispatch_arity {
    ($k:expr, $H:ty, $case:expr) => {
        match $k {
            2 => check_case::<$H, 2>($case),
            3 => check_case::<$H, 3>($case),
            4 => check_case::<$H, 4>($case),
            5 => check_case::<$H, 5>($case),
            6 => check_case::<$H, 6>($case),
            7 => check_case::<$H, 7>($case),
            8 => check_case::<$H, 8>($case),
            9 => check_case::<$H, 9>($case),
            10 => check_case::<$H, 10>($case),
            11 => check_case::<$H, 11>($case),
            12 => check_case::<$H, 12>($case),
            13 => check_case::<$H, 13>($case),
            14 => check_case::<$H, 14>($case),
            15 => check_case::<$H, 15>($case),
            16 => check_case::<$H, 16>($case),
            other => Err(format!("arity {other} is outside 2..=16")),
        }
    };
}

#[test]
fn roots_match_independent_vectors() {
    let doc: Value = serde_json::from_str(VECTORS).expect("tree-roots.json is valid JSON");
    let generated_by = doc["generated_by"].as_str().unwrap_or_default();
    assert!(
        generated_by.contains("gen_tree_vectors.py"),
        "generated_by names the generator: {generated_by:?}"
    );
    let cases: Vec<Case> = doc["cases"]
        .as_array()
        .expect("a 'cases' list")
        .iter()
        .enumerate()
        .map(|(n, c)| parse_case(n, c))
        .collect();

    // The file must cover the whole space, so a truncated or narrowed file cannot pass.
    assert!(cases.len() >= 2000, "only {} cases", cases.len());
    let mut seen = BTreeSet::new();
    for c in &cases {
        let odd = match c.policy.odd {
            OddNode::Depth(_) => "depth".to_string(),
            other => other.to_string(),
        };
        seen.insert((
            c.hash.as_str(),
            c.arity,
            c.policy.pairs.to_string(),
            odd,
            c.tags.to_string(),
        ));
    }
    let coverage_needed = HashName::ALL.len() * 15 * 2 * 4 * 2;
    assert_eq!(
        seen.len(),
        coverage_needed,
        "every hash x arity x pairs x odd x tags combination has a case"
    );
    assert!(cases.iter().any(|c| c.leaves.is_empty()));
    assert!(cases.iter().any(|c| c.leaves.len() >= 100));
    assert!(cases.iter().any(|c| c.leaves.iter().any(Vec::is_empty)));

    let mut failures = Vec::new();
    for case in &cases {
        let result = with_hasher!(case.hash, H => dispatch_arity!(case.arity, H, case));
        if let Err(why) = result {
            failures.push(format!(
                "case {} ({} K={} {:?} tags {}, {} leaves): {why}",
                case.number,
                case.hash,
                case.arity,
                case.policy,
                case.tags,
                case.leaves.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed; first ones:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
