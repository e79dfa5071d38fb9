//! The eight-way SHA3-256/Keccak-256 path against the `sha3` crate and the
//! sixteen-way SHA-256 path against the `sha2` crate, message by message, for
//! every length around the block limits and batch sizes that leave partial groups.

use merklab_core::{ByteDigest, Compression, DomainTags};
use merklab_hashes::{ByteHash, ByteHasher, Digest32, Keccak256, MultiBuffer, Sha256, Sha3_256};
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

const KECCAK_LENGTHS: &[usize] = &[
    0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 134, 135, 136, 137, 200,
];

/// SHA-256 lengths: either side of where the padding needs a second block (55/56),
/// of block boundaries, of the multi-buffer limit (1,024), and common node sizes.
const SHA256_LENGTHS: &[usize] = &[
    0, 1, 3, 31, 32, 33, 55, 56, 57, 63, 64, 65, 96, 97, 118, 119, 120, 127, 128, 129, 183, 184,
    191, 192, 256, 257, 513, 1023, 1024, 1025,
];

fn check_each<H: ByteHasher>(lengths: &[usize], oracle: impl Fn(&[u8]) -> [u8; 32]) {
    check_each_in::<H>(MultiBuffer::Auto, lengths, &oracle);
}

fn check_each_in<H: ByteHasher>(
    mode: MultiBuffer,
    lengths: &[usize],
    oracle: &dyn Fn(&[u8]) -> [u8; 32],
) {
    for &len in lengths {
        for count in [1, 2, 4, 5, 7, 8, 9, 15, 16, 17, 20, 21, 32, 33, 64] {
            let messages = bytes((len * 1000 + count) as u64, len * count);
            let mut out = vec![ByteDigest([0u8; 32]); count];
            H::hash_each(mode, &messages, len, &mut out);
            for k in 0..count {
                let expected = oracle(&messages[k * len..(k + 1) * len]);
                assert_eq!(
                    out[k].0,
                    expected,
                    "{} {mode:?} len {len} count {count} message {k}",
                    H::NAME
                );
            }
        }
    }
}

#[test]
fn sha3_256_each_matches_the_sha3_crate() {
    eprintln!("multi-buffer path active: {}", MultiBuffer::Auto.active());
    check_each::<Sha3_256>(KECCAK_LENGTHS, |m| sha3::Sha3_256::digest(m).into());
}

#[test]
fn keccak_256_each_matches_the_sha3_crate() {
    check_each::<Keccak256>(KECCAK_LENGTHS, |m| sha3::Keccak256::digest(m).into());
}

#[test]
fn sha256_each_matches_the_sha2_crate() {
    check_each::<Sha256>(SHA256_LENGTHS, |m| sha2::Sha256::digest(m).into());
}

/// Lengths either side of the longest message the serial run path pads itself
/// (1,079 bytes, seventeen blocks with padding).
const SHA256_SERIAL_LENGTHS: &[usize] = &[1015, 1016, 1078, 1079, 1080, 1100];

#[test]
fn sha256_each_serial_matches_the_sha2_crate() {
    let oracle = |m: &[u8]| -> [u8; 32] { sha2::Sha256::digest(m).into() };
    check_each_in::<Sha256>(MultiBuffer::Off, SHA256_LENGTHS, &oracle);
    check_each_in::<Sha256>(MultiBuffer::Off, SHA256_SERIAL_LENGTHS, &oracle);
}

/// A node's message (tag byte, then the children), for hashing directly with an oracle.
fn node_message(tags: DomainTags, children: &[Digest32]) -> Vec<u8> {
    let mut m = Vec::new();
    if tags == DomainTags::Tagged {
        m.push(0x01);
    }
    for c in children {
        m.extend_from_slice(&c.0);
    }
    m
}

fn check_batch<H: ByteHasher, const K: usize>(oracle: fn(&[u8]) -> [u8; 32]) {
    for (tags, mode) in [DomainTags::None, DomainTags::Tagged]
        .into_iter()
        .flat_map(|t| [(t, MultiBuffer::Auto), (t, MultiBuffer::Off)])
    {
        let c = ByteHash::<H>::new(tags).with_multi_buffer(mode);
        for parents in [1usize, 5, 8, 13, 16, 21, 31, 32, 33, 64, 100] {
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
                let expected = oracle(&node_message(tags, &children[p * K..(p + 1) * K]));
                assert_eq!(
                    got.0,
                    expected,
                    "{} arity {K} tags {tags} {mode:?} parent {p}",
                    H::NAME
                );
            }
        }
    }
}

fn sha3_oracle(m: &[u8]) -> [u8; 32] {
    sha3::Sha3_256::digest(m).into()
}

fn sha256_oracle(m: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(m).into()
}

#[test]
fn compress_batch_matches_nodes_hashed_by_hand() {
    check_batch::<Sha3_256, 2>(sha3_oracle);
    check_batch::<Sha3_256, 3>(sha3_oracle);
    check_batch::<Sha3_256, 4>(sha3_oracle);
    check_batch::<Sha3_256, 5>(sha3_oracle);
    check_batch::<Sha3_256, 8>(sha3_oracle);
}

#[test]
fn sha256_compress_batch_matches_nodes_hashed_by_hand() {
    check_batch::<Sha256, 2>(sha256_oracle);
    check_batch::<Sha256, 3>(sha256_oracle);
    check_batch::<Sha256, 4>(sha256_oracle);
    check_batch::<Sha256, 8>(sha256_oracle);
    check_batch::<Sha256, 16>(sha256_oracle);
    check_batch::<Sha256, 32>(sha256_oracle);
}
