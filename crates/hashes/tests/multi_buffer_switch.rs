//! The multi-buffer switch (its own test binary: it changes process-wide state).

use merklab_core::ByteDigest;
use merklab_hashes::{multi_buffer_active, set_multi_buffer, ByteHasher, Sha3_256};

#[test]
fn switching_the_path_off_gives_the_same_digests() {
    let messages: Vec<u8> = (0..64 * 24).map(|i| (i * 31 % 251) as u8).collect();
    let mut on = vec![ByteDigest([0u8; 32]); 24];
    let mut off = on.clone();
    Sha3_256::hash_each(&messages, 64, &mut on);
    set_multi_buffer(false);
    assert!(!multi_buffer_active());
    Sha3_256::hash_each(&messages, 64, &mut off);
    set_multi_buffer(true);
    assert_eq!(on, off);
}
