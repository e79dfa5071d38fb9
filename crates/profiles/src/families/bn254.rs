//! circom's Poseidon over BN254: byte leaves by [`BytesLeaf`], nodes `Poseidon(children)`
//! at arity 2 to 12, decimal digests as circom and zk-kit print them. Trees whose leaves
//! are field elements already are the `lean-imt` profile's.

use merklab_bn254::{Bn254Digest, Bn254HashName, BytesLeaf, CircomPoseidon};
use merklab_core::{Compression, DomainTags};
use merklab_names::HashId;

use super::{untagged, FieldFamily};
use crate::ProfileError;

impl FieldFamily for Bn254HashName {
    type Digest = Bn254Digest;
    type LeafHash = BytesLeaf;

    fn from_id(id: HashId) -> Option<Self> {
        Bn254HashName::from_id(id)
    }
    fn leaf_hash(self) -> BytesLeaf {
        BytesLeaf
    }
    fn compression<const K: usize>(
        self,
        tags: DomainTags,
    ) -> Result<impl Compression<K, Digest = Bn254Digest> + 'static, ProfileError> {
        untagged(self, tags)?;
        Ok(CircomPoseidon::<K>::new()?)
    }
    fn parse_digest(text: &str) -> Result<Bn254Digest, ProfileError> {
        Ok(Bn254Digest::from_decimal(text)?)
    }
}
