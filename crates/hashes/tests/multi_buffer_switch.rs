//! The multi-buffer choice is a value: both sides of a comparison run the code
//! they name, whatever other tests do meanwhile.

use merklab_core::{ByteDigest, Compression, DomainTags};
use merklab_hashes::{AnyByteHash, ByteHash, ByteHasher, HashName, MultiBuffer, Sha256, Sha3_256};

fn avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[test]
fn switching_the_path_off_gives_the_same_digests() {
    let messages: Vec<u8> = (0..64 * 24).map(|i| (i * 31 % 251) as u8).collect();
    let mut on = vec![ByteDigest([0u8; 32]); 24];
    let mut off = on.clone();
    let lanes_on = Sha3_256::hash_each(MultiBuffer::Auto, &messages, 64, &mut on);
    let lanes_off = Sha3_256::hash_each(MultiBuffer::Off, &messages, 64, &mut off);
    assert_eq!(on, off);
    assert_eq!(lanes_off, 0);
    assert!(!MultiBuffer::Off.active());
    // Where the CPU has AVX-512, the multi-buffer side really ran eight-lane code.
    assert_eq!(lanes_on, if avx512() { 24 } else { 0 });
    assert_eq!(MultiBuffer::Auto.active(), avx512());

    let mut on = vec![ByteDigest([0u8; 32]); 32];
    let mut off = on.clone();
    let lanes_on = Sha256::hash_each(MultiBuffer::Auto, &messages[..64 * 16], 32, &mut on);
    let lanes_off = Sha256::hash_each(MultiBuffer::Off, &messages[..64 * 16], 32, &mut off);
    assert_eq!(on, off);
    assert_eq!(lanes_off, 0);
    assert_eq!(lanes_on, if avx512() { 32 } else { 0 });
}

#[test]
fn tree_hashes_with_and_without_multi_buffer_agree() {
    let children: Vec<_> = (0..40u8).map(|i| ByteDigest([i; 32])).collect();
    let on = ByteHash::<Sha3_256>::tagged();
    let off = on.with_multi_buffer(MultiBuffer::Off);
    assert_eq!(off.multi_buffer(), MultiBuffer::Off);
    let mut a = vec![ByteDigest([0u8; 32]); 20];
    let mut b = a.clone();
    <ByteHash<Sha3_256> as Compression<2>>::compress_batch(&on, &children, &mut a);
    <ByteHash<Sha3_256> as Compression<2>>::compress_batch(&off, &children, &mut b);
    assert_eq!(a, b);
    let any = AnyByteHash::new(HashName::Sha3_256, DomainTags::Tagged);
    let mut c = vec![ByteDigest([0u8; 32]); 20];
    <AnyByteHash as Compression<2>>::compress_batch(
        &any.with_multi_buffer(MultiBuffer::Off),
        &children,
        &mut c,
    );
    assert_eq!(a, c);
}
