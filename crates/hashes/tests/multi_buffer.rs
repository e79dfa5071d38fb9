//! The eight-way SHA3-256/Keccak-256 path against the `sha3` crate, message by
//! message, for every length around the one-block limit and batch sizes that
//! leave partial groups of eight.

use merklab_core::{ByteDigest, Compression, DomainTags};
use merklab_hashes::{multi_buffer_active, ByteHash, ByteHasher, Digest32, Keccak256, Sha3_256};
use sha3::Digest as _;

/// Deterministic bytes (xorshift), so a failure reproduces.
fn bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn check_each<H: ByteHasher>(oracle: impl Fn(&[u8]) -> [u8; 32]) {
    for len in [
        0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 134, 135, 136, 137, 200,
    ] {
        for count in [1, 2, 7, 8, 9, 16, 17, 64] {
            let messages = bytes((len * 1000 + count) as u64, len * count);
            let mut out = vec![ByteDigest([0u8; 32]); count];
            H::hash_each(&messages, len, &mut out);
            for k in 0..count {
                let expected = oracle(&messages[k * len..(k + 1) * len]);
                assert_eq!(
                    out[k].0,
                    expected,
                    "{} len {len} count {count} message {k}",
                    H::NAME
                );
            }
        }
    }
}

#[test]
fn sha3_256_each_matches_the_sha3_crate() {
    eprintln!("multi-buffer path active: {}", multi_buffer_active());
    check_each::<Sha3_256>(|m| sha3::Sha3_256::digest(m).into());
}

#[test]
fn keccak_256_each_matches_the_sha3_crate() {
    check_each::<Keccak256>(|m| sha3::Keccak256::digest(m).into());
}

/// A node of arity K over the given children, hashed directly with the `sha3` crate.
fn node_by_hand(tags: DomainTags, children: &[Digest32]) -> [u8; 32] {
    let mut h = sha3::Sha3_256::new();
    if tags == DomainTags::Tagged {
        h.update([0x01]);
    }
    for c in children {
        h.update(c.0);
    }
    h.finalize().into()
}

fn check_batch<const K: usize>() {
    for tags in [DomainTags::None, DomainTags::Tagged] {
        let c = ByteHash::<Sha3_256>::new(tags);
        for parents in [1usize, 5, 8, 13, 64] {
            let children: Vec<Digest32> = (0..parents * K)
                .map(|i| {
                    let mut d = [0u8; 32];
                    d.copy_from_slice(&bytes(i as u64 + 7, 32));
                    ByteDigest(d)
                })
                .collect();
            let mut out = vec![ByteDigest([0u8; 32]); parents];
            Compression::<K>::compress_batch(&c, &children, &mut out);
            for (p, got) in out.iter().enumerate() {
                let expected = node_by_hand(tags, &children[p * K..(p + 1) * K]);
                assert_eq!(got.0, expected, "arity {K} tags {tags} parent {p}");
            }
        }
    }
}

#[test]
fn compress_batch_matches_nodes_hashed_by_hand() {
    check_batch::<2>();
    check_batch::<3>();
    check_batch::<4>();
    check_batch::<5>();
    check_batch::<8>();
}
