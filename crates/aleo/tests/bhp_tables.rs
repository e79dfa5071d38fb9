//! BHP batches on the fast path (fixed-length tables built from snarkVM's bases,
//! eight at a time with AVX-512 IFMA where the CPU has it) against snarkvm-console's
//! `Aleo::hash_bhp*` called on the same bits, hash by hash.

use merklab_aleo::family::{Bhp, BhpSize, FIELD_BITS};
use merklab_aleo::{field_from_u128, Aleo, Config, Field, FieldDigest, HashPath, Simd};
use merklab_core::{Compression, DomainTags, LeafHash};
use proptest::prelude::*;
use snarkvm_console::network::Network;
use snarkvm_console::prelude::ToBits;

/// snarkVM's BHP of `bits` for `size`.
fn snarkvm(size: BhpSize, bits: &[bool]) -> Field {
    let out = match size {
        BhpSize::Bhp256 => Aleo::hash_bhp256(bits),
        BhpSize::Bhp512 => Aleo::hash_bhp512(bits),
        BhpSize::Bhp768 => Aleo::hash_bhp768(bits),
        BhpSize::Bhp1024 => Aleo::hash_bhp1024(bits),
    };
    out.unwrap_or_else(|e| panic!("{size:?} over {} bits: {e}", bits.len()))
}

/// `n` field elements spread over the field (large values, not small integers).
fn fields(n: usize, seed: u64) -> Vec<Field> {
    (0..n as u64)
        .map(|i| {
            let a = (i + seed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let b = (i ^ seed).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            let f = field_from_u128(u128::from(a) << 64 | u128::from(b));
            // Cube, so the top limbs are used too.
            f * f * f
        })
        .collect()
}

/// The leaf hash over each input, with snarkVM's tag bit when tagged.
fn expected_leaf(size: BhpSize, tags: DomainTags, input: &[bool]) -> Field {
    let mut bits = Vec::new();
    if tags == DomainTags::Tagged {
        bits.push(false);
    }
    bits.extend_from_slice(input);
    snarkvm(size, &bits)
}

/// The node hash over `children`, with snarkVM's tag bit when tagged.
fn expected_node(size: BhpSize, tags: DomainTags, children: &[FieldDigest]) -> Field {
    let mut bits = Vec::new();
    if tags == DomainTags::Tagged {
        bits.push(true);
    }
    for c in children {
        bits.extend(c.0.to_bits_le());
    }
    snarkvm(size, &bits)
}

fn check_leaves(size: BhpSize, tags: DomainTags, inputs: &[Vec<bool>]) {
    check_leaves_on(size, tags, Simd::Auto, inputs);
}

fn check_leaves_on(size: BhpSize, tags: DomainTags, simd: Simd, inputs: &[Vec<bool>]) {
    let hash = Bhp::new(size, tags).with_config(Config::new(HashPath::Fast, simd));
    let refs: Vec<&[bool]> = inputs.iter().map(Vec::as_slice).collect();
    let mut out = vec![FieldDigest(Field::from_u128(0)); inputs.len()];
    hash.hash_leaf_batch(&refs, &mut out);
    for (i, (got, input)) in out.iter().zip(inputs).enumerate() {
        assert_eq!(
            got.0,
            expected_leaf(size, tags, input),
            "{size:?} {tags:?} leaf {i} of {} ({} bits)",
            inputs.len(),
            input.len()
        );
    }
}

fn check_nodes<const K: usize>(size: BhpSize, tags: DomainTags, children: &[FieldDigest]) {
    check_nodes_on::<K>(size, tags, Simd::Auto, children);
}

fn check_nodes_on<const K: usize>(
    size: BhpSize,
    tags: DomainTags,
    simd: Simd,
    children: &[FieldDigest],
) {
    let hash = Bhp::new(size, tags).with_config(Config::new(HashPath::Fast, simd));
    let mut out = vec![FieldDigest(Field::from_u128(0)); children.len() / K];
    Compression::<K>::compress_batch(&hash, children, &mut out);
    for (i, (got, group)) in out.iter().zip(children.chunks_exact(K)).enumerate() {
        assert_eq!(
            got.0,
            expected_node(size, tags, group),
            "{size:?} {tags:?} arity {K} node {i} of {}",
            out.len()
        );
    }
}

fn digests(n: usize, seed: u64) -> Vec<FieldDigest> {
    fields(n, seed).into_iter().map(FieldDigest).collect()
}

/// snarkVM's tree layout: BHP1024 over a tagged field element, BHP512 over a
/// tagged pair; batch lengths cover every remainder modulo the eight IFMA lanes.
#[test]
fn snarkvm_tree_hashes_match_hash_by_hash() {
    for n in [1, 7, 8, 9, 16, 23, 64] {
        let leaves: Vec<Vec<bool>> = fields(n, n as u64).iter().map(|f| f.to_bits_le()).collect();
        assert_eq!(leaves[0].len(), FIELD_BITS);
        check_leaves(BhpSize::Bhp1024, DomainTags::Tagged, &leaves);
        check_nodes::<2>(
            BhpSize::Bhp512,
            DomainTags::Tagged,
            &digests(2 * n, n as u64),
        );
    }
    // Single calls use the tables once they exist.
    let (leaf, node) = (
        Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged),
        Bhp::new(BhpSize::Bhp512, DomainTags::Tagged),
    );
    for (i, f) in fields(5, 99).iter().enumerate() {
        let bits = f.to_bits_le();
        assert_eq!(
            leaf.hash_leaf(&bits).0,
            expected_leaf(BhpSize::Bhp1024, DomainTags::Tagged, &bits),
            "single leaf {i}"
        );
        let pair = [FieldDigest(*f), FieldDigest(-*f)];
        assert_eq!(
            Compression::<2>::compress(&node, &pair).0,
            expected_node(BhpSize::Bhp512, DomainTags::Tagged, &pair),
            "single node {i}"
        );
    }
}

/// The same with the IFMA form switched off, and for the edge values 0, 1 and p − 1.
#[test]
fn scalar_form_and_edge_values_match() {
    let edges = [
        Field::from_u128(0),
        Field::from_u128(1),
        -Field::from_u128(1),
    ];
    let children: Vec<FieldDigest> = (0..24)
        .map(|i| FieldDigest(edges[i % 3] + edges[i / 3 % 3]))
        .collect();
    let leaves: Vec<Vec<bool>> = children.iter().map(|c| c.0.to_bits_le()).collect();
    for simd in [Simd::Off, Simd::Auto] {
        check_nodes_on::<2>(BhpSize::Bhp512, DomainTags::Tagged, simd, &children);
        check_leaves_on(BhpSize::Bhp1024, DomainTags::Tagged, simd, &leaves);
    }
}

/// Other sizes, arities and tag modes: every length up to one BHP iteration
/// takes the tables, longer ones snarkVM itself; both must give snarkVM's values.
#[test]
fn other_sizes_arities_and_untagged() {
    let c = digests(48, 5);
    for tags in [DomainTags::Tagged, DomainTags::None] {
        check_nodes::<2>(BhpSize::Bhp768, tags, &c);
        check_nodes::<3>(BhpSize::Bhp768, tags, &c);
        check_nodes::<4>(BhpSize::Bhp1024, tags, &c);
        // Two children exceed one BHP256 iteration (261 bits): snarkVM itself.
        check_nodes::<2>(BhpSize::Bhp256, tags, &c[..16]);
        // Leaves of other lengths, including ones no whole group divides.
        for len in [100, 261] {
            let leaves: Vec<Vec<bool>> = (0..9u64)
                .map(|i| (0..len).map(|j| (i * 31 + j as u64 * 7) % 5 < 2).collect())
                .collect();
            check_leaves(BhpSize::Bhp256, tags, &leaves);
            check_leaves(BhpSize::Bhp512, tags, &leaves);
        }
    }
}

/// Leaves of different lengths in one run are hashed one by one, still equal.
#[test]
fn mixed_length_runs_match() {
    let leaves: Vec<Vec<bool>> = (0..12)
        .map(|i| (0..FIELD_BITS + i % 3).map(|j| (i + j) % 3 == 0).collect())
        .collect();
    check_leaves(BhpSize::Bhp1024, DomainTags::Tagged, &leaves);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_node_runs_match(seeds in proptest::collection::vec(any::<u128>(), 2..34)) {
        let children: Vec<FieldDigest> = seeds
            .iter()
            .map(|s| {
                let f = field_from_u128(*s);
                FieldDigest(f * f * f)
            })
            .collect();
        let even = children.len() / 2 * 2;
        check_nodes::<2>(BhpSize::Bhp512, DomainTags::Tagged, &children[..even]);
    }

    #[test]
    fn random_leaf_runs_match(leaves in proptest::collection::vec(
        proptest::collection::vec(any::<bool>(), FIELD_BITS..=FIELD_BITS), 1..20)) {
        check_leaves(BhpSize::Bhp1024, DomainTags::Tagged, &leaves);
    }
}
