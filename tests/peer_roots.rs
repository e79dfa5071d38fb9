//! The peers `merklab bench` and the criterion suites compare against build the same
//! trees: `rs_merkle` (SHA-256, and SHA3-256 through its `Hasher` trait) for merklab's
//! default binary policy, and snarkVM's own `MerkleTree` (Poseidon and BHP) for the
//! `snarkvm` profile's layout with `merklab_aleo::family` hashes. Each side is an
//! independent implementation, so equal roots over many leaf counts check both; the
//! SHA3-256 adapter is the harness's own (`merklab_bench::RsSha3`).

use merklab::aleo::family::{Bhp, BhpSize, Poseidon, PoseidonRate};
use merklab::aleo::{field_from_u128, Aleo, Field};
use merklab::core::{ByteDigest, DomainTags, MerkleTree, Policy};
use merklab::hashes::{ByteHash, ByteHasher, Sha256, Sha3_256};
use merklab_bench::RsSha3;
use snarkvm_console::network::Network;
use snarkvm_console::prelude::ToBits;

fn leaves(n: usize) -> Vec<[u8; 32]> {
    (0..n as u32)
        .map(|i| <sha2::Sha256 as sha2::Digest>::digest(i.to_le_bytes()).into())
        .collect()
}

fn merklab_root<H: ByteHasher>(raw: &[[u8; 32]]) -> [u8; 32] {
    let digests = raw.iter().map(|l| ByteDigest(*l)).collect();
    MerkleTree::<_, 2>::build(&ByteHash::<H>::untagged(), Policy::new(), digests)
        .expect("non-empty")
        .root()
        .0
}

#[test]
fn rs_merkle_roots_match_for_every_leaf_count_up_to_70_and_a_large_tree() {
    for n in (1..=70).chain([1000, 4097]) {
        let raw = leaves(n);
        assert_eq!(
            rs_merkle::MerkleTree::<rs_merkle::algorithms::Sha256>::from_leaves(&raw).root(),
            Some(merklab_root::<Sha256>(&raw)),
            "sha256, {n} leaves"
        );
        assert_eq!(
            rs_merkle::MerkleTree::<RsSha3>::from_leaves(&raw).root(),
            Some(merklab_root::<Sha3_256>(&raw)),
            "sha3-256, {n} leaves"
        );
    }
}

#[test]
fn rs_sha3_hasher_is_fips_202_sha3_256() {
    // FIPS 202 SHA3-256 of "abc".
    assert_eq!(
        hex::encode(<RsSha3 as rs_merkle::Hasher>::hash(b"abc")),
        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
    );
}

fn fields(n: usize) -> Vec<Field> {
    (0..n as u128)
        .map(|i| field_from_u128(i * 7919 + 3))
        .collect()
}

#[test]
fn snarkvm_poseidon_and_bhp_roots_match() {
    const DEPTH: u8 = 32;
    let policy = merklab_profiles::snarkvm::policy(DEPTH);
    let psd = (
        Poseidon::new(PoseidonRate::Psd4, DomainTags::Tagged),
        Poseidon::new(PoseidonRate::Psd2, DomainTags::Tagged),
    );
    let bhp = (
        Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged),
        Bhp::new(BhpSize::Bhp512, DomainTags::Tagged),
    );
    for n in [1, 2, 3, 5, 8, 13, 33] {
        let f = fields(n);
        let psd_leaves: Vec<Vec<Field>> = f.iter().map(|x| vec![*x]).collect();
        let ours = MerkleTree::<_, 2>::from_inputs(&psd.0, &psd.1, policy, &psd_leaves)
            .expect("leaves")
            .root();
        let theirs = Aleo::merkle_tree_psd::<DEPTH>(&psd_leaves).expect("snarkVM tree");
        assert_eq!(ours.0, *theirs.root(), "poseidon, {n} leaves");

        let bhp_leaves: Vec<Vec<bool>> = f.iter().map(|x| x.to_bits_le()).collect();
        let ours = MerkleTree::<_, 2>::from_inputs(&bhp.0, &bhp.1, policy, &bhp_leaves)
            .expect("leaves")
            .root();
        let theirs = Aleo::merkle_tree_bhp::<DEPTH>(&bhp_leaves).expect("snarkVM tree");
        assert_eq!(ours.0, *theirs.root(), "bhp, {n} leaves");
    }
}
