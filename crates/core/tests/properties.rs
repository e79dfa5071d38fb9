//! Property tests of the core over a real hash (SHA3-256, in `common`), for every
//! arity 2..=16, every policy (pair order x leaf order x odd-node rule, fixed depths
//! included) and both tag modes, with 1..=300 leaves.

use std::time::{Duration, Instant};

use merklab_core::{
    verify, verify_many, BinaryCodec, ByteDigest, DomainTags, LeafHash, LeafOrder, MerkleTree,
    MultiProof, OddNode, PairOrder, Policy, Proof, StreamingBuilder, TreeError, VerifyError,
    MAX_DEPTH,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError};

mod common;

use common::D;

type Hash = common::Sha3;

/// Calls `$f::<K>(args)` for a runtime arity in 2..=16.
macro_rules! with_arity {
    ($k:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match $k {
            2 => $f::<2>($($arg),*),
            3 => $f::<3>($($arg),*),
            4 => $f::<4>($($arg),*),
            5 => $f::<5>($($arg),*),
            6 => $f::<6>($($arg),*),
            7 => $f::<7>($($arg),*),
            8 => $f::<8>($($arg),*),
            9 => $f::<9>($($arg),*),
            10 => $f::<10>($($arg),*),
            11 => $f::<11>($($arg),*),
            12 => $f::<12>($($arg),*),
            13 => $f::<13>($($arg),*),
            14 => $f::<14>($($arg),*),
            15 => $f::<15>($($arg),*),
            16 => $f::<16>($($arg),*),
            other => Err(TestCaseError::fail(format!("arity {other} outside 2..=16"))),
        }
    };
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Failing inputs are printed; no regression files are written into the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

/// One tree: arity, leaf count, policy, tag mode and a seed for the leaf values.
#[derive(Clone, Debug)]
struct Setup {
    k: usize,
    n: usize,
    policy: Policy,
    tags: DomainTags,
    seed: u64,
}

impl Setup {
    fn hash(&self) -> Hash {
        Hash::new(self.tags)
    }

    /// Pairwise distinct leaf digests.
    fn leaves(&self) -> Vec<D> {
        let hash = self.hash();
        (0..self.n as u64)
            .map(|i| hash.hash_leaf(&[self.seed.to_le_bytes(), i.to_le_bytes()].concat()))
            .collect()
    }

    /// Leaf digests where every `period`-th value repeats.
    fn leaves_with_repeats(&self, period: usize) -> Vec<D> {
        let hash = self.hash();
        (0..self.n)
            .map(|i| hash.hash_leaf(&((i % period.max(1)) as u64 ^ self.seed).to_le_bytes()))
            .collect()
    }
}

/// Smallest `d` with `k^d >= n`.
fn min_depth(k: usize, n: usize) -> u32 {
    let mut d = 0;
    let mut cap = 1usize;
    while cap < n {
        cap = cap.saturating_mul(k);
        d += 1;
    }
    d
}

fn setup_strategy() -> impl Strategy<Value = Setup> {
    (
        2usize..=16,
        prop_oneof![1usize..=20, 1usize..=300],
        any::<bool>(),
        any::<bool>(),
        0u8..4,
        0u32..=2,
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(
            |(k, n, sorted_pairs, sorted_leaves, odd, extra, tagged, seed)| {
                let odd = match odd {
                    0 => OddNode::Promote,
                    1 => OddNode::Duplicate,
                    2 => OddNode::Zero,
                    _ => OddNode::Depth(min_depth(k, n) + extra),
                };
                Setup {
                    k,
                    n,
                    policy: Policy {
                        pairs: if sorted_pairs {
                            PairOrder::Sorted
                        } else {
                            PairOrder::Positional
                        },
                        leaves: if sorted_leaves {
                            LeafOrder::Sorted
                        } else {
                            LeafOrder::AsGiven
                        },
                        odd,
                    },
                    tags: if tagged {
                        DomainTags::Tagged
                    } else {
                        DomainTags::None
                    },
                    seed,
                }
            },
        )
}

fn flip(d: D, bit: usize) -> D {
    let mut out = d;
    out.0[(bit / 8) % 32] ^= 1 << (bit % 8);
    out
}

/// What verifying one leaf's path depends on, level by level, from a model of the
/// layer sizes written here: the group size and the leaf's slot in it. With sorted
/// pairs the slot drops out, except that `Duplicate` copies the group's last node.
/// Two (count, index) claims with equal signatures run the same computation over the
/// same siblings; different signatures give a different root (barring collisions).
fn path_signature(k: usize, policy: &Policy, count: u64, index: u64) -> Option<Vec<(u64, u64)>> {
    let k = k as u64;
    if count == 0 || index >= count {
        return None;
    }
    let mut sizes = Vec::new();
    let mut n = count;
    match policy.odd {
        OddNode::Depth(d) => {
            if d > MAX_DEPTH {
                return None;
            }
            let capacity = (0..d).fold(1u128, |c, _| (c * u128::from(k)).min(1 << 65));
            if u128::from(count) > capacity {
                return None;
            }
            for _ in 0..d {
                sizes.push(n);
                n = n.div_ceil(k);
            }
        }
        _ => {
            while n > 1 {
                sizes.push(n);
                n = n.div_ceil(k);
            }
        }
    }
    let mut pos = index;
    let signature = sizes
        .iter()
        .map(|&size| {
            let start = pos / k * k;
            let m = (size - start).min(k);
            let slot = pos - start;
            pos /= k;
            match policy.pairs {
                PairOrder::Positional => (m, slot),
                PairOrder::Sorted => (
                    m,
                    u64::from(policy.odd == OddNode::Duplicate && m < k && slot == m - 1),
                ),
            }
        })
        .collect();
    Some(signature)
}

// ---------------------------------------------------------------------------
// Proofs verify; tampering fails.

fn check_proofs<const K: usize>(
    s: &Setup,
    pick: Index,
    bit: usize,
    other_counts: &[u64],
    other_indices: &[Index],
) -> Result<(), TestCaseError> {
    let hash = s.hash();
    let policy = s.policy;
    let tree = MerkleTree::<D, K>::build(&hash, policy, s.leaves())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let root = tree.root();
    for (i, &leaf) in tree.leaves().iter().enumerate() {
        let proof = tree.prove(i).unwrap();
        prop_assert_eq!(proof.leaf_index, i as u64);
        prop_assert_eq!(proof.leaf_count, s.n as u64);
        prop_assert_eq!(verify(&hash, &policy, root, leaf, &proof), Ok(()));
    }
    prop_assert!(tree.prove(s.n).is_err());

    let i = pick.index(s.n);
    let leaf = tree.leaves()[i];
    let proof = tree.prove(i).unwrap();
    let check = |leaf: D, p: &Proof<D, K>| verify(&hash, &policy, root, leaf, p);

    for at in 0..proof.siblings.len() {
        let mut p = proof.clone();
        p.siblings[at] = flip(p.siblings[at], bit);
        prop_assert!(check(leaf, &p).is_err(), "sibling {} changed", at);
    }
    prop_assert_eq!(
        check(flip(leaf, bit), &proof),
        Err(VerifyError::RootMismatch)
    );
    prop_assert!(verify(&hash, &policy, flip(root, bit), leaf, &proof).is_err());

    let mut short = proof.clone();
    if short.siblings.pop().is_some() {
        prop_assert!(
            matches!(check(leaf, &short), Err(VerifyError::SiblingCount { .. })),
            "one sibling fewer"
        );
    }
    let mut long = proof.clone();
    long.siblings.push(leaf);
    prop_assert!(
        matches!(check(leaf, &long), Err(VerifyError::SiblingCount { .. })),
        "one sibling more"
    );

    // Another index: fails under positional pairs; under sorted pairs it passes exactly
    // when the path has the same shape (sorted trees do not bind the index).
    let own = path_signature(K, &policy, s.n as u64, i as u64);
    let indices = other_indices.iter().map(|x| x.index(s.n) as u64).chain([
        0,
        s.n as u64 - 1,
        s.n as u64,
        s.n as u64 + 1,
        u64::MAX,
    ]);
    for j in indices.filter(|&j| j != i as u64) {
        let mut p = proof.clone();
        p.leaf_index = j;
        let expect = path_signature(K, &policy, s.n as u64, j) == own;
        if policy.pairs == PairOrder::Positional {
            prop_assert!(!expect);
        }
        prop_assert_eq!(check(leaf, &p).is_ok(), expect, "leaf index {}", j);
    }

    // Another leaf count: passes exactly when this leaf's path keeps its shape (a root
    // does not commit to the leaf count; only the path is checked).
    let n = s.n as u64;
    let counts = other_counts.iter().copied().chain([
        0,
        1,
        n - 1,
        n + 1,
        n.saturating_mul(K as u64),
        i as u64,
        u64::MAX,
    ]);
    for c in counts.filter(|&c| c != n) {
        let mut p = proof.clone();
        p.leaf_count = c;
        let expect = path_signature(K, &policy, c, i as u64) == own;
        prop_assert_eq!(check(leaf, &p).is_ok(), expect, "leaf count {}", c);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(4096))]
    #[test]
    fn proofs_verify_and_tampering_fails(
        s in setup_strategy(),
        pick in any::<Index>(),
        bit in 0usize..256,
        other_counts in prop::collection::vec(prop_oneof![1u64..=400, any::<u64>()], 0..6),
        other_indices in prop::collection::vec(any::<Index>(), 0..12),
    ) {
        with_arity!(s.k, check_proofs(&s, pick, bit, &other_counts, &other_indices))?;
    }
}

// ---------------------------------------------------------------------------
// Serial, parallel and streaming builds agree.

fn check_builders<const K: usize>(s: &Setup, repeats: Option<usize>) -> Result<(), TestCaseError> {
    let hash = s.hash();
    let policy = s.policy;
    let leaves = match repeats {
        Some(period) => s.leaves_with_repeats(period),
        None => s.leaves(),
    };
    let serial = MerkleTree::<D, K>::build_serial(&hash, policy, leaves.clone()).unwrap();
    let parallel = MerkleTree::<D, K>::build(&hash, policy, leaves.clone()).unwrap();
    // A cutoff of 1 sends every layer (and the leaf sort) through rayon.
    let forced = MerkleTree::<D, K>::build_with_cutoff(&hash, policy, leaves.clone(), 1).unwrap();
    prop_assert_eq!(&serial, &parallel);
    prop_assert_eq!(&serial, &forced);
    prop_assert!(serial.check(&hash));
    prop_assert_eq!(serial.leaf_count(), s.n);

    let mut stream_leaves = leaves.clone();
    if policy.leaves == LeafOrder::Sorted {
        stream_leaves.sort();
    }
    let mut stream = StreamingBuilder::<Hash, K>::new(hash, policy);
    for &leaf in &stream_leaves {
        stream.push(leaf).unwrap();
    }
    prop_assert_eq!(stream.len(), s.n as u64);
    prop_assert_eq!(stream.root(), Ok(serial.root()));

    if policy.leaves == LeafOrder::Sorted {
        // Unsorted input is refused at the first descent.
        let descent = leaves.windows(2).position(|w| w[1] < w[0]);
        let mut stream = StreamingBuilder::<Hash, K>::new(hash, policy);
        let refused = leaves.iter().position(|&l| stream.push(l).is_err());
        prop_assert_eq!(refused, descent.map(|p| p + 1));
    }

    if let OddNode::Depth(d) = policy.odd {
        // One leaf more than a full fixed-depth tree holds is refused by both builders.
        let capacity = (0..d).try_fold(1usize, |c, _| c.checked_mul(K).filter(|&c| c <= 4096));
        if let Some(capacity) = capacity {
            let over: Vec<D> = (0..=capacity as u64)
                .map(|i| hash.hash_leaf(&i.to_le_bytes()))
                .collect();
            let built = MerkleTree::<D, K>::build(
                &hash,
                policy.with_leaves(LeafOrder::AsGiven),
                over.clone(),
            );
            let is_too_many = matches!(built, Err(TreeError::TooManyLeaves { .. }));
            prop_assert!(is_too_many);
            let mut stream =
                StreamingBuilder::<Hash, K>::new(hash, policy.with_leaves(LeafOrder::AsGiven));
            let refused = over.iter().position(|&l| stream.push(l).is_err());
            prop_assert_eq!(refused, Some(capacity));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(2048))]
    #[test]
    fn serial_parallel_and_streaming_roots_agree(
        s in setup_strategy(),
        repeats in prop::option::of(1usize..8),
    ) {
        with_arity!(s.k, check_builders(&s, repeats))?;
    }
}

// ---------------------------------------------------------------------------
// Multiproofs.

fn check_multiproof<const K: usize>(
    s: &Setup,
    picks: &[Index],
    tampered: &[Index],
    bit: usize,
) -> Result<(), TestCaseError> {
    let hash = s.hash();
    let policy = s.policy;
    let tree = MerkleTree::<D, K>::build(&hash, policy, s.leaves()).unwrap();
    let root = tree.root();
    // Indices in the order drawn (not sorted): prove_many takes any order.
    let mut asked: Vec<usize> = Vec::new();
    for p in picks {
        let i = p.index(s.n);
        if !asked.contains(&i) {
            asked.push(i);
        }
    }
    let proof = tree.prove_many(&asked).unwrap();
    let mut sorted = asked.clone();
    sorted.sort_unstable();
    prop_assert_eq!(
        &proof.indices,
        &sorted.iter().map(|&i| i as u64).collect::<Vec<_>>()
    );
    let leaves: Vec<D> = sorted.iter().map(|&i| tree.leaves()[i]).collect();
    prop_assert_eq!(verify_many(&hash, &policy, root, &leaves, &proof), Ok(()));

    // Tamper some of the proven leaves: the multiproof verifies exactly when every
    // single proof does, and the single proofs of untouched leaves still verify.
    let mut bad = leaves.clone();
    let mut touched = vec![false; bad.len()];
    for t in tampered {
        let at = t.index(bad.len());
        if !touched[at] {
            touched[at] = true;
            bad[at] = flip(bad[at], bit);
        }
    }
    let mut singles_ok = true;
    for ((&i, &l), &t) in sorted.iter().zip(&bad).zip(&touched) {
        let ok = verify(&hash, &policy, root, l, &tree.prove(i).unwrap()).is_ok();
        prop_assert_eq!(ok, !t, "single proof of leaf {}, tampered {}", i, t);
        singles_ok &= ok;
    }
    prop_assert_eq!(
        verify_many(&hash, &policy, root, &bad, &proof).is_ok(),
        singles_ok
    );

    // Sibling changes, count changes and index abuse are all refused.
    for at in 0..proof.siblings.len() {
        let mut p = proof.clone();
        p.siblings[at] = flip(p.siblings[at], bit);
        prop_assert!(verify_many(&hash, &policy, root, &leaves, &p).is_err());
    }
    let mut p = proof.clone();
    p.siblings.push(root);
    prop_assert!(verify_many(&hash, &policy, root, &leaves, &p).is_err());
    if !proof.siblings.is_empty() {
        let mut p = proof.clone();
        p.siblings.pop();
        prop_assert!(verify_many(&hash, &policy, root, &leaves, &p).is_err());
    }
    prop_assert!(verify_many(&hash, &policy, root, &leaves[1..], &proof).is_err());
    let mut p = proof.clone();
    p.indices.reverse();
    if p.indices.len() > 1 {
        prop_assert!(verify_many(&hash, &policy, root, &leaves, &p).is_err());
    }
    let mut p = proof.clone();
    p.indices.push(*p.indices.last().unwrap());
    let mut more = leaves.clone();
    more.push(*leaves.last().unwrap());
    prop_assert!(verify_many(&hash, &policy, root, &more, &p).is_err());
    prop_assert!(tree.prove_many(&[]).is_err());
    prop_assert!(tree.prove_many(&[asked[0], asked[0]]).is_err());
    prop_assert!(tree.prove_many(&[s.n]).is_err());

    // A multiproof of every leaf needs no siblings.
    let all: Vec<usize> = (0..s.n).collect();
    let full = tree.prove_many(&all).unwrap();
    prop_assert!(full.siblings.is_empty());
    prop_assert_eq!(
        verify_many(&hash, &policy, root, tree.leaves(), &full),
        Ok(())
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(2048))]
    #[test]
    fn multiproofs_verify_like_their_single_proofs(
        s in setup_strategy(),
        picks in prop::collection::vec(any::<Index>(), 1..24),
        tampered in prop::collection::vec(any::<Index>(), 0..3),
        bit in 0usize..256,
    ) {
        with_arity!(s.k, check_multiproof(&s, &picks, &tampered, bit))?;
    }
}

// ---------------------------------------------------------------------------
// Serialization round trips; decoding hostile bytes.

fn truncations(len: usize, cuts: &[Index]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..len.min(48)).collect();
    out.extend(cuts.iter().map(|c| c.index(len)));
    out.push(len.saturating_sub(1));
    out
}

fn round_trip<T>(value: &T, cuts: &[Index], byte: Index, bit: u8) -> Result<(), TestCaseError>
where
    T: BinaryCodec + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    prop_assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value);
    let bytes = value.to_binary();
    prop_assert_eq!(&T::from_binary(&bytes).unwrap(), value);
    for cut in truncations(bytes.len(), cuts) {
        prop_assert!(T::from_binary(&bytes[..cut]).is_err(), "prefix of {}", cut);
    }
    let mut longer = bytes.clone();
    longer.push(0);
    prop_assert!(T::from_binary(&longer).is_err());
    // A flipped bit may still decode (a digest bit); it must not panic.
    let mut flipped = bytes.clone();
    let at = byte.index(flipped.len());
    flipped[at] ^= 1 << (bit % 8);
    let _ = T::from_binary(&flipped);
    // Another arity in JSON is refused.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["arity"] = serde_json::json!(17);
    prop_assert!(serde_json::from_value::<T>(v).is_err());
    Ok(())
}

fn check_codecs<const K: usize>(
    s: &Setup,
    picks: &[Index],
    cuts: &[Index],
    byte: Index,
    bit: u8,
) -> Result<(), TestCaseError> {
    let hash = s.hash();
    let tree = MerkleTree::<D, K>::build(&hash, s.policy, s.leaves()).unwrap();
    let proof = tree.prove(picks[0].index(s.n)).unwrap();
    let indices: Vec<usize> = picks.iter().map(|p| p.index(s.n)).collect();
    let mut indices_unique = indices.clone();
    indices_unique.sort_unstable();
    indices_unique.dedup();
    let multi = tree.prove_many(&indices_unique).unwrap();
    round_trip(&proof, cuts, byte, bit)?;
    round_trip(&multi, cuts, byte, bit)?;
    round_trip(&tree, cuts, byte, bit)?;

    // A decoded tree checks against the hash; a changed inner node does not.
    let decoded = MerkleTree::<D, K>::from_binary(&tree.to_binary()).unwrap();
    prop_assert!(decoded.check(&hash));
    if tree.depth() > 0 {
        // (With no inner nodes the root is the leaf itself and nothing can disagree.)
        let mut nodes: Vec<D> = tree.nodes().copied().collect();
        let last = nodes.len() - 1;
        nodes[last] = flip(nodes[last], usize::from(bit));
        let bad = MerkleTree::<D, K>::from_nodes(s.policy, s.n, nodes).unwrap();
        prop_assert!(!bad.check(&hash));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1024))]
    #[test]
    fn codecs_round_trip_and_reject_damage(
        s in setup_strategy(),
        picks in prop::collection::vec(any::<Index>(), 1..10),
        cuts in prop::collection::vec(any::<Index>(), 0..16),
        byte in any::<Index>(),
        bit in any::<u8>(),
    ) {
        with_arity!(s.k, check_codecs(&s, &picks, &cuts, byte, bit))?;
    }

    #[test]
    fn decoding_random_bytes_fails_without_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        magic in 0usize..4,
        k in 2usize..=16,
    ) {
        // Raw random bytes carry no magic and are refused.
        if !bytes.starts_with(b"MK") {
            prop_assert!(Proof::<D, 2>::from_binary(&bytes).is_err());
            prop_assert!(MultiProof::<D, 2>::from_binary(&bytes).is_err());
            prop_assert!(MerkleTree::<D, 2>::from_binary(&bytes).is_err());
        }
        // Behind a valid magic and arity, decoding reaches the deeper fields; no panic.
        let mut framed = [b"MKP1", b"MKM1", b"MKT1", b"MKX1"][magic].to_vec();
        framed.push(k as u8);
        framed.extend_from_slice(&bytes);
        with_arity!(k, decode_all(&framed))?;
    }
}

fn decode_all<const K: usize>(bytes: &[u8]) -> Result<(), TestCaseError> {
    let _ = Proof::<D, K>::from_binary(bytes);
    let _ = MultiProof::<D, K>::from_binary(bytes);
    if let Ok(tree) = MerkleTree::<D, K>::from_binary(bytes) {
        // Whatever decoded is internally consistent enough to query.
        let _ = tree.root();
        let _ = tree.check(&Hash::untagged());
        let _ = tree.prove(0);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Sorted pairs: child order does not matter.

/// Fisher-Yates with drawn positions.
fn shuffle<T>(items: &mut [T], keys: &[Index]) {
    for i in (1..items.len()).rev() {
        let j = keys.get(i).map_or(0, |k| k.index(i + 1));
        items.swap(i, j);
    }
}

fn check_sorted_pairs<const K: usize>(
    s: &Setup,
    group_len: Index,
    keys: &[Index],
) -> Result<(), TestCaseError> {
    let hash = s.hash();
    let sorted = s.policy.with_pairs(PairOrder::Sorted);

    // One group of 1..=K nodes: its parent (the root of a one-group tree) does not
    // depend on the order of the nodes, except that Duplicate copies the last one.
    let m = group_len.index(K) + 1;
    let group: Vec<D> = s.leaves().into_iter().cycle().take(m).collect();
    let mut permuted = group.clone();
    let keep_last = sorted.odd == OddNode::Duplicate && m < K;
    let end = if keep_last { m - 1 } else { m };
    shuffle(&mut permuted[..end], keys);
    let policy = sorted
        .with_leaves(LeafOrder::AsGiven)
        .with_odd(match sorted.odd {
            OddNode::Depth(_) => OddNode::Depth(1),
            other => other,
        });
    let a = MerkleTree::<D, K>::build(&hash, policy, group.clone()).unwrap();
    let b = MerkleTree::<D, K>::build(&hash, policy, permuted.clone()).unwrap();
    prop_assert_eq!(a.root(), b.root());
    if m >= 2 && permuted != group {
        // The same permutation does change a positional parent.
        let positional = policy.with_pairs(PairOrder::Positional);
        let c = MerkleTree::<D, K>::build(&hash, positional, group).unwrap();
        let d = MerkleTree::<D, K>::build(&hash, positional, permuted).unwrap();
        prop_assert_ne!(c.root(), d.root());
    }

    // Whole trees with sorted pairs and sorted leaves: any leaf permutation, same tree.
    let both = sorted.with_leaves(LeafOrder::Sorted);
    let leaves = s.leaves_with_repeats(s.n / 2 + 1);
    let mut shuffled = leaves.clone();
    shuffle(&mut shuffled, keys);
    let t1 = MerkleTree::<D, K>::build(&hash, both, leaves).unwrap();
    let t2 = MerkleTree::<D, K>::build(&hash, both, shuffled).unwrap();
    prop_assert_eq!(t1.root(), t2.root());
    prop_assert_eq!(&t1, &t2);
    Ok(())
}

proptest! {
    #![proptest_config(config(2048))]
    #[test]
    fn sorted_pairs_ignore_child_order(
        s in setup_strategy(),
        group_len in any::<Index>(),
        keys in prop::collection::vec(any::<Index>(), 300),
    ) {
        with_arity!(s.k, check_sorted_pairs(&s, group_len, &keys))?;
    }
}

// ---------------------------------------------------------------------------
// Hostile proofs.

fn odd_strategy() -> impl Strategy<Value = OddNode> {
    prop_oneof![
        Just(OddNode::Promote),
        Just(OddNode::Duplicate),
        Just(OddNode::Zero),
        (0u32..=40).prop_map(OddNode::Depth),
        Just(OddNode::Depth(MAX_DEPTH)),
        Just(OddNode::Depth(MAX_DEPTH + 1)),
        Just(OddNode::Depth(u32::MAX)),
        any::<u32>().prop_map(OddNode::Depth),
    ]
}

fn count_strategy() -> impl Strategy<Value = u64> {
    prop_oneof![
        0u64..=4,
        0u64..=400,
        Just(u64::MAX),
        Just(u64::MAX - 1),
        any::<u64>()
    ]
}

fn digest_strategy() -> impl Strategy<Value = D> {
    any::<[u8; 32]>().prop_map(ByteDigest)
}

fn check_hostile<const K: usize>(
    policy: Policy,
    count: u64,
    index: u64,
    indices: Vec<u64>,
    siblings: Vec<D>,
    leaf: D,
    root: D,
) -> Result<(), TestCaseError> {
    let hash = Hash::untagged();
    let start = Instant::now();
    let proof = Proof::<D, K> {
        policy,
        leaf_count: count,
        leaf_index: index,
        siblings: siblings.clone(),
    };
    let got = verify(&hash, &policy, root, leaf, &proof);
    prop_assert!(got.is_err());
    if count == 0 {
        prop_assert!(got.is_err());
    }
    if matches!(policy.odd, OddNode::Depth(d) if d > MAX_DEPTH) {
        prop_assert!(matches!(got, Err(VerifyError::DepthTooLarge(_))));
    }
    // A proof made for another policy is refused before anything else.
    let other = policy.with_pairs(match policy.pairs {
        PairOrder::Sorted => PairOrder::Positional,
        PairOrder::Positional => PairOrder::Sorted,
    });
    prop_assert!(matches!(
        verify(&hash, &other, root, leaf, &proof),
        Err(VerifyError::LayoutMismatch(_))
    ));

    let leaves = vec![leaf; indices.len()];
    let multi = MultiProof::<D, K> {
        policy,
        leaf_count: count,
        indices,
        siblings,
    };
    prop_assert!(verify_many(&hash, &policy, root, &leaves, &multi).is_err());
    prop_assert!(verify_many(&hash, &policy, root, &[], &multi).is_err());
    // Hostile input costs no more than the proof's own size (and a bounded depth).
    prop_assert!(start.elapsed() < Duration::from_secs(2));
    Ok(())
}

proptest! {
    #![proptest_config(config(8192))]
    #[test]
    fn hostile_proofs_are_refused_without_panic(
        k in 2usize..=16,
        pairs in any::<bool>(),
        odd in odd_strategy(),
        count in count_strategy(),
        index in count_strategy(),
        indices in prop::collection::vec(count_strategy(), 0..12),
        siblings in prop::collection::vec(digest_strategy(), 0..48),
        leaf in digest_strategy(),
        root in digest_strategy(),
    ) {
        let policy = Policy::new()
            .with_pairs(if pairs { PairOrder::Sorted } else { PairOrder::Positional })
            .with_odd(odd);
        with_arity!(k, check_hostile(policy, count, index, indices, siblings, leaf, root))?;
    }
}

/// Named hostile cases, each with the error it must produce.
#[test]
fn hostile_proofs_give_the_named_errors() {
    let hash = Hash::untagged();
    let leaf = ByteDigest([7u8; 32]);
    let tree = MerkleTree::<D, 4>::build(
        &hash,
        Policy::new(),
        (0..10u8).map(|b| ByteDigest([b; 32])).collect(),
    )
    .unwrap();
    let root = tree.root();
    let good = tree.prove(3).unwrap();
    let run = |p: &Proof<D, 4>| verify(&hash, &p.policy.clone(), root, leaf, p);

    let mut p = good.clone();
    p.leaf_count = 0;
    assert_eq!(run(&p), Err(VerifyError::BadLeafCount(0)));

    let mut p = good.clone();
    p.leaf_index = 10;
    assert_eq!(
        run(&p),
        Err(VerifyError::IndexOutOfRange {
            index: 10,
            leaves: 10
        })
    );

    let mut p = good.clone();
    p.leaf_count = u64::MAX;
    assert!(matches!(run(&p), Err(VerifyError::SiblingCount { .. })));
    p.leaf_index = u64::MAX - 1;
    assert!(matches!(run(&p), Err(VerifyError::SiblingCount { .. })));

    for d in [MAX_DEPTH + 1, u32::MAX] {
        let mut p = good.clone();
        p.policy = Policy::new().with_odd(OddNode::Depth(d));
        assert_eq!(run(&p), Err(VerifyError::DepthTooLarge(d)));
    }

    // The deepest allowed depth with the largest count: a shape check, no panic.
    let mut p = good.clone();
    p.policy = Policy::new().with_odd(OddNode::Depth(MAX_DEPTH));
    p.leaf_count = u64::MAX;
    p.leaf_index = u64::MAX - 1;
    assert!(matches!(run(&p), Err(VerifyError::SiblingCount { .. })));

    // More leaves than a fixed depth holds.
    let mut p = good.clone();
    p.policy = Policy::new().with_odd(OddNode::Depth(1));
    p.leaf_count = 5;
    assert_eq!(run(&p), Err(VerifyError::BadLeafCount(5)));

    let mut p = good.clone();
    p.siblings.push(leaf);
    assert!(matches!(
        run(&p),
        Err(VerifyError::SiblingCount { found, .. }) if found == good.siblings.len() + 1
    ));
    let mut p = good;
    p.siblings.clear();
    assert!(matches!(
        run(&p),
        Err(VerifyError::SiblingCount { found: 0, .. })
    ));
}

/// A streaming builder under a depth beyond the maximum refuses leaves at once
/// instead of spending time on the impossible capacity.
#[test]
fn streaming_refuses_too_deep_policies_promptly() {
    let hash = Hash::untagged();
    for d in [MAX_DEPTH + 1, u32::MAX] {
        let start = Instant::now();
        let mut stream =
            StreamingBuilder::<Hash, 16>::new(hash, Policy::new().with_odd(OddNode::Depth(d)));
        let pushed = (0..4u8)
            .map(|b| stream.push(ByteDigest([b; 32])))
            .collect::<Vec<_>>();
        assert!(
            pushed
                .iter()
                .all(|r| *r == Err(TreeError::DepthTooLarge(d))),
            "depth {d}: {pushed:?}"
        );
        assert_eq!(stream.root(), Err(TreeError::DepthTooLarge(d)));
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "depth {d} took {:?}",
            start.elapsed()
        );
    }
    let mut stream =
        StreamingBuilder::<Hash, 2>::new(hash, Policy::new().with_odd(OddNode::Depth(MAX_DEPTH)));
    assert_eq!(stream.push(ByteDigest([1; 32])), Ok(()));
    assert!(stream.root().is_ok());
}

/// A tree whose layers above the leaves take more than a mebibyte, the size from
/// which the parallel build zeroes them on rayon: the parallel tree equals the serial
/// one, every full pair's parent is its two children compressed, and the nodes come
/// out leaves first, layer after layer, and back in through `from_nodes`.
#[test]
fn large_trees_keep_their_layers_apart_and_in_order() {
    use merklab_core::Compression;
    let hash = Hash::untagged();
    let inputs: Vec<[u8; 4]> = (0u32..40_003).map(u32::to_le_bytes).collect();
    let leaves: Vec<D> = inputs.iter().map(|i| hash.hash_leaf(i)).collect();
    // The batched leaf hashing, over a count no batch divides, gives the same digests.
    assert_eq!(merklab_core::hash_leaves(&hash, &inputs), leaves);
    let serial = MerkleTree::<D, 2>::build_serial(&hash, Policy::new(), leaves.clone()).unwrap();
    let parallel = MerkleTree::<D, 2>::build(&hash, Policy::new(), leaves.clone()).unwrap();
    assert_eq!(serial, parallel);
    assert_eq!(serial.leaves(), &leaves[..]);
    let mut layers = Vec::new();
    for level in 0..=serial.depth() {
        let layer = serial.layer(level).unwrap();
        if level > 0 {
            let below = serial.layer(level - 1).unwrap();
            assert_eq!(layer.len(), below.len().div_ceil(2), "level {level}");
            for (i, parent) in layer.iter().enumerate().take(below.len() / 2) {
                let children = [below[2 * i], below[2 * i + 1]];
                assert_eq!(*parent, hash.compress(&children), "level {level}, node {i}");
            }
        }
        layers.extend_from_slice(layer);
    }
    assert_eq!(serial.layer(serial.depth()).unwrap(), &[serial.root()]);
    assert!(serial.layer(serial.depth() + 1).is_none());
    let nodes: Vec<D> = serial.nodes().copied().collect();
    assert_eq!(nodes, layers);
    assert_eq!(serial.node_count(), nodes.len());
    let back = MerkleTree::<D, 2>::from_nodes(Policy::new(), leaves.len(), nodes).unwrap();
    assert_eq!(back, serial);
}
