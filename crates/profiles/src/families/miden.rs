//! Miden's hashes: byte leaves by each hash's own `hash(bytes)`, nodes `merge` at arity
//! 2 and `merge_many` over the children's words above it, and digests printed as Miden
//! prints a word (`0x` and 64 hex digits).

use merklab_core::{Compression, DomainTags};
use merklab_miden::{MidenHash, MidenHashName, WordDigest};
use merklab_names::HashId;

use super::{untagged, FieldFamily};
use crate::ProfileError;

impl FieldFamily for MidenHashName {
    type Digest = WordDigest;
    type LeafHash = MidenHash<MidenHashName>;

    fn from_id(id: HashId) -> Option<Self> {
        MidenHashName::from_id(id)
    }
    fn leaf_hash(self) -> MidenHash<MidenHashName> {
        self.hash()
    }
    fn compression<const K: usize>(
        self,
        tags: DomainTags,
    ) -> Result<impl Compression<K, Digest = WordDigest> + 'static, ProfileError> {
        untagged(self, tags)?;
        Ok(self.hash())
    }
    fn parse_digest(text: &str) -> Result<WordDigest, ProfileError> {
        Ok(WordDigest::from_hex(text)?)
    }
}
