//! A small real hash for the core's own tests: SHA3-256, with a tag byte first when
//! domain tags are on (`0x00` for leaves, `0x01` for nodes).
//!
//! The byte backends live in merklab-hashes, which depends on this crate; a
//! dev-dependency on it would link a second copy of the core whose traits the backends
//! implement instead of these, so the tests carry their own hash.

use merklab_core::{ByteDigest, Compression, DomainTags, LeafHash};
use sha3::{Digest as _, Sha3_256};

/// A 32-byte digest.
pub type D = ByteDigest<32>;

/// SHA3-256 leaves and nodes, tagged or not.
#[derive(Clone, Copy, Debug)]
pub struct Sha3 {
    tags: DomainTags,
}

impl Sha3 {
    /// A hash in the given tag mode.
    pub const fn new(tags: DomainTags) -> Self {
        Self { tags }
    }

    /// Leaves and nodes hashed as they are.
    pub const fn untagged() -> Self {
        Self::new(DomainTags::None)
    }

    fn start(&self, tag: u8) -> Sha3_256 {
        let mut h = Sha3_256::new();
        if self.tags == DomainTags::Tagged {
            h.update([tag]);
        }
        h
    }
}

impl LeafHash for Sha3 {
    type Input = [u8];
    type Digest = D;
    fn hash_leaf(&self, input: &[u8]) -> D {
        let mut h = self.start(0x00);
        h.update(input);
        ByteDigest(h.finalize().into())
    }
}

impl<const K: usize> Compression<K> for Sha3 {
    type Digest = D;
    fn compress(&self, children: &[D; K]) -> D {
        Compression::<K>::compress_short_group(self, children)
    }
    /// The same hash over fewer children.
    fn compress_short_group(&self, children: &[D]) -> D {
        let mut h = self.start(0x01);
        for c in children {
            h.update(c.0);
        }
        ByteDigest(h.finalize().into())
    }
}
