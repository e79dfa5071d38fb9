//! The ARC-0102 weaknesses of ../shared/ARC0102-NOTES.md, each shown on the real
//! layout, and each shown gone under the `hardened` profile.

use std::collections::HashMap;

use merklab_aleo::account::IssuerKey;
use merklab_aleo::{encode_to_f, hash_merge, hash_string, hash_u64_batch, literal, Arc0102Merge};
use merklab_aleo::{FieldDigest, FIELD_MODULUS_DECIMAL};
use merklab_core::{verify, Digest, LeafHash, MerkleTree, Proof};
use merklab_zpass::hardened::{self, HardenedIssued};
use merklab_zpass::sign::{sign_root, verify_root_signature};
use merklab_zpass::{key_identifier, root_from_siblings, ClaimHashes, POLICY};
use merklab_zpass::{Certificate, Claim, ClaimValue, Issued, Opening, Verdict};

fn claim(key: &str, salt: &str, value: ClaimValue) -> Claim {
    Claim {
        key: key.into(),
        salt: salt.into(),
        value,
    }
}

fn s(v: &str) -> ClaimValue {
    ClaimValue::String(v.into())
}

fn certificate(extra: Vec<Claim>) -> Certificate {
    let mut claims = vec![
        claim("type", "salt-type", s("KYC")),
        claim("issuer", "salt-issuer", s("aleo123456")),
        claim("name", "salt-name", s("Alice Wonderland")),
        claim("dob", "salt-dob", ClaimValue::Integer("1737213145".into())),
        claim("adult", "salt-adult", ClaimValue::Bool(true)),
    ];
    claims.extend(extra);
    Certificate::new(claims, Vec::new()).unwrap()
}

/// The field modulus as little-endian bytes, from its decimal text (schoolbook
/// conversion: shares no code with snarkVM).
fn modulus_le() -> Vec<u8> {
    let mut bytes: Vec<u8> = Vec::new();
    for d in FIELD_MODULUS_DECIMAL.bytes() {
        let mut carry = u32::from(d - b'0');
        for b in bytes.iter_mut() {
            let v = u32::from(*b) * 10 + carry;
            *b = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    bytes
}

/// `p * k` as little-endian bytes.
fn times(p: &[u8], k: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(p.len() + 4);
    let mut carry = 0u64;
    for &b in p {
        let v = u64::from(b) * u64::from(k) + carry;
        out.push((v & 0xff) as u8);
        carry = v >> 8;
    }
    while carry > 0 {
        out.push((carry & 0xff) as u8);
        carry >>= 8;
    }
    out
}

/// ASCII byte strings `a`, `b` with `int(b) = int(a) + m`, if byte-by-byte choice
/// allows it (it does unless a byte to add is exactly 0x80).
fn ascii_pair(m: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut carry = 0u16;
    for &mi in m {
        let d = u16::from(mi) + carry;
        let (ai, bi, c) = match d % 256 {
            // Small addend: a printable byte plus it stays ASCII.
            x if x <= 0x5e => (0x20, 0x20 + x, d / 256),
            x if x <= 0x7f => (0x00, x, d / 256),
            x if x >= 0x81 => (0x7f, 0x7f + x - 256, 1),
            _ => return None,
        };
        a.push(ai as u8);
        b.push(bi as u8);
        carry = c;
    }
    if carry > 0 {
        b.push(carry as u8);
        a.push(0);
    }
    // The same byte on top of both keeps int(b) - int(a) = m and avoids a trailing NUL.
    a.push(b'!');
    b.push(b'!');
    Some((a, b))
}

/// Two distinct ASCII strings whose integers differ by a multiple of p, so that
/// `encodeToF` maps both to the same field element.
fn mod_p_pair() -> (String, String) {
    let p = modulus_le();
    let (a, b) = (1..1000)
        .find_map(|k| ascii_pair(&times(&p, k)))
        .expect("some small multiple of p has no 0x80 byte");
    (
        String::from_utf8(a).expect("ASCII"),
        String::from_utf8(b).expect("ASCII"),
    )
}

#[test]
fn encode_to_f_drops_trailing_nul() {
    assert_ne!("Alice", "Alice\0");
    assert_eq!(encode_to_f("Alice"), encode_to_f("Alice\0"));
    assert_eq!(hash_string("Alice"), hash_string("Alice\0\0\0"));
    // Hardened: the length comes first, so the two differ.
    assert_ne!(hardened::encode("Alice"), hardened::encode("Alice\0"));
}

#[test]
fn encode_to_f_wraps_mod_p() {
    let (a, b) = mod_p_pair();
    assert_ne!(a, b);
    assert!(a.len() >= 32 && b.len() >= 32);
    assert_eq!(encode_to_f(&a), encode_to_f(&b));
    assert_ne!(hardened::encode(&a), hardened::encode(&b));
}

#[test]
fn key_parts_have_no_delimiter() {
    // "KYC" + "aleo1" + "x" == "KYCa" + "leo1" + "x".
    assert_eq!(
        key_identifier("KYC", "aleo1", "x"),
        key_identifier("KYCa", "leo1", "x")
    );
    let c = claim("x", "salt", s("v"));
    let h1 = hardened::claim_hashes("KYC", "aleo1", &c).unwrap();
    let h2 = hardened::claim_hashes("KYCa", "leo1", &c).unwrap();
    assert_ne!(h1.key_identifier, h2.key_identifier);
}

#[test]
fn an_encoding_collision_forges_a_value_proof() {
    let (a, b) = mod_p_pair();
    let cert = certificate(vec![claim("note", "salt-note", s(&a))]);
    let issued = Issued::new(cert.clone()).unwrap();
    let mut proof = issued.prove_value("note").unwrap();
    assert!(proof.verify(issued.root()).unwrap().is_accepted());
    // The holder claims `note` is b, a string the issuer never signed.
    proof.opening = Opening::Value {
        salt: "salt-note".into(),
        value: s(&b),
    };
    assert!(proof.verify(issued.root()).unwrap().is_accepted());

    // Hardened: the same substitution is rejected.
    let hard = HardenedIssued::new(cert).unwrap();
    let mut hp = hard.prove_value("note").unwrap();
    assert_eq!(hp.verify(hard.root()).unwrap(), Verdict::Accepted);
    hp.value = s(&b);
    assert!(!hp.verify(hard.root()).unwrap().is_accepted());
}

#[test]
fn string_and_integer_values_collide() {
    // "\u{5}" and 5 are both the field 5.
    let cert = certificate(vec![claim("level", "salt-level", s("\u{5}"))]);
    let issued = Issued::new(cert.clone()).unwrap();
    let mut proof = issued.prove_value("level").unwrap();
    proof.opening = Opening::Value {
        salt: "salt-level".into(),
        value: ClaimValue::Integer("5".into()),
    };
    assert!(proof.verify(issued.root()).unwrap().is_accepted());
    let hard = HardenedIssued::new(cert).unwrap();
    let mut hp = hard.prove_value("level").unwrap();
    hp.value = ClaimValue::Integer("5".into());
    assert!(!hp.verify(hard.root()).unwrap().is_accepted());
}

/// Evaluations until the first collision among the low `bits` bits of ARC-0102's
/// `hash_to_u64` over fresh inputs (trial `t` uses inputs `t << 40 | i`).
fn birthday(bits: u32, trial: u64) -> u64 {
    let mask = (1u64 << bits) - 1;
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut next = 0u64;
    loop {
        let inputs: Vec<u64> = (next..next + 256).map(|i| trial << 40 | i).collect();
        for (input, h) in inputs.iter().zip(hash_u64_batch(&inputs)) {
            next += 1;
            if let Some(&other) = seen.get(&(h & mask)) {
                assert_ne!(other, *input);
                return next;
            }
            seen.insert(h & mask, *input);
        }
    }
}

#[test]
fn truncated_digest_collisions_cost_two_to_the_half_bits() {
    const TRIALS: u64 = 12;
    let mut means = Vec::new();
    for bits in [16u32, 18, 20, 22] {
        let total: u64 = (0..TRIALS).map(|t| birthday(bits, t + 1)).sum();
        let mean = total as f64 / TRIALS as f64;
        // Birthday bound: about sqrt(pi/2 * 2^bits) evaluations on average.
        let expected = (std::f64::consts::FRAC_PI_2 * 2f64.powi(bits as i32)).sqrt();
        assert!(
            mean > expected / 2.0 && mean < expected * 2.0,
            "{bits} bits: mean {mean:.0} evaluations, expected about {expected:.0}"
        );
        means.push(mean);
    }
    // Two more bits, twice the work: 2^(bits/2).
    let growth = (means[3] / means[0]).powf(1.0 / 3.0);
    assert!(
        (1.4..2.8).contains(&growth),
        "work grows {growth:.2}x per 2 bits"
    );
    // At 64 bits that is about 2^32 evaluations: a few hours on one machine.
}

#[test]
fn sorted_pairs_bind_no_position() {
    let leaves: Vec<u64> = (1..=8u64).map(|i| i * 0x1234_5678_9abc).collect();
    let tree = MerkleTree::<u64, 2>::build(&Arc0102Merge::new(), POLICY, leaves).unwrap();
    let proof = tree.prove(2).unwrap();
    let leaf = tree.leaves()[2];
    // Leaf 2 also "verifies" at index 3: its sibling swapped places, same parent.
    let moved = Proof {
        leaf_index: 3,
        ..proof.clone()
    };
    assert!(verify(&Arc0102Merge::new(), &POLICY, tree.root(), leaf, &moved).is_ok());

    let hard_leaves: Vec<FieldDigest> = (1..=8u64)
        .map(|i| {
            hardened::claim_hashes("T", "I", &claim("k", &format!("s{i}"), s("v")))
                .unwrap()
                .leaf
        })
        .collect();
    let c = hardened::compression();
    let tree = MerkleTree::<FieldDigest, 2>::build(&c, hardened::POLICY, hard_leaves).unwrap();
    let proof = tree.prove(2).unwrap();
    let leaf = tree.leaves()[2];
    assert!(verify(&c, &hardened::POLICY, tree.root(), leaf, &proof).is_ok());
    let moved = Proof {
        leaf_index: 3,
        ..proof
    };
    assert!(verify(&c, &hardened::POLICY, tree.root(), leaf, &moved).is_err());
}

#[test]
fn inner_nodes_pass_as_leaves() {
    let leaves: Vec<u64> = (1..=4u64).map(|i| i * 0x0101_0101_0101).collect();
    let tree = MerkleTree::<u64, 2>::build(&Arc0102Merge::new(), POLICY, leaves).unwrap();
    let l = tree.leaves();
    let left = hash_merge(l[0], l[1]);
    let right = hash_merge(l[2], l[3]);
    assert_eq!(hash_merge(left, right), tree.root());
    // The inner node `left` with the one-sibling path [right] folds to the root: a
    // verifier of ARC-0102 paths accepts a node as a leaf.
    assert_eq!(root_from_siblings(left, &[right]), tree.root());
    // And a two-leaf tree over the two inner nodes has the same root.
    let short =
        MerkleTree::<u64, 2>::build(&Arc0102Merge::new(), POLICY, vec![left, right]).unwrap();
    assert_eq!(short.root(), tree.root());

    // Hardened: nodes are hashed under `1field`, leaves under the leaf tag, and a
    // proof binds the leaf count, so neither trick works.
    let c = hardened::compression();
    let hl: Vec<FieldDigest> = (1..=4u64)
        .map(|i| {
            hardened::claim_hashes("T", "I", &claim("k", &format!("s{i}"), s("v")))
                .unwrap()
                .leaf
        })
        .collect();
    let tree = MerkleTree::<FieldDigest, 2>::build(&c, hardened::POLICY, hl).unwrap();
    let l = tree.leaves();
    let node =
        |a: FieldDigest, b: FieldDigest| merklab_core::Compression::<2>::compress(&c, &[a, b]);
    let (left, right) = (node(l[0], l[1]), node(l[2], l[3]));
    assert_eq!(node(left, right), tree.root());
    let short =
        MerkleTree::<FieldDigest, 2>::build(&c, hardened::POLICY, vec![left, right]).unwrap();
    assert_eq!(
        short.root(),
        tree.root(),
        "the tree shape itself is the same"
    );
    // ...but no claim hashes to `left`: a hardened leaf is the leaf-tag hash of a
    // claim, and a node is Poseidon over (1field, l, r); the leaf hash of the two
    // children as a claim's parts is not the node.
    let as_leaf = merklab_aleo::family::Poseidon::new(
        merklab_aleo::family::PoseidonRate::Psd2,
        merklab_core::DomainTags::Tagged,
    )
    .hash_leaf(&[l[0].0, l[1].0]);
    assert_ne!(as_leaf, left);
    // A path for `left` as leaf 0 of 4 has the wrong sibling count.
    let forged: Proof<FieldDigest, 2> = Proof {
        policy: hardened::POLICY,
        leaf_count: 4,
        leaf_index: 0,
        siblings: vec![right],
    };
    assert!(verify(&c, &hardened::POLICY, tree.root(), left, &forged).is_err());
}

#[test]
fn a_zero_sibling_ends_a_leo_proof_early() {
    let leaf = 0x1111_2222_3333_4444u64;
    let path = [0x5555_6666_7777_8888u64, 0, 0x9999_aaaa_bbbb_ccccu64];
    // Leo's loop stops at the first 0u64: it sees only the first sibling.
    let leo_root = root_from_siblings(leaf, &path[..1]);
    assert_ne!(leo_root, root_from_siblings(leaf, &path));
    // merklab refuses to export such a path.
    assert!(literal::leo_proof_array(&path).is_err());
    // Hardened proofs carry their length; a zero digest is an ordinary digest.
    let c = hardened::compression();
    let leaves: Vec<FieldDigest> = (0..3u128)
        .map(|i| FieldDigest(merklab_aleo::field_from_u128(i)))
        .collect();
    let tree = MerkleTree::<FieldDigest, 2>::build(&c, hardened::POLICY, leaves).unwrap();
    assert!(tree.leaves().contains(&FieldDigest::zero()));
    for i in 0..3 {
        let proof = tree.prove(i).unwrap();
        assert!(verify(&c, &hardened::POLICY, tree.root(), tree.leaves()[i], &proof).is_ok());
    }
}

#[test]
fn a_root_signature_binds_no_subject() {
    let key = IssuerKey::generate();
    let cert = certificate(Vec::new());
    let issued = Issued::new(cert.clone()).unwrap();
    let signed = sign_root(&key, issued.root()).unwrap();
    // Whoever holds (root, signature) presents it; nothing names the owner, so the
    // check accepts for Alice and Mallory alike (the verifier has no subject to pass).
    for _presenter in ["aleo1alice", "aleo1mallory"] {
        assert!(
            verify_root_signature(&signed.address, &signed.signature, issued.root())
                .unwrap()
                .is_accepted()
        );
    }

    let hard = HardenedIssued::new(cert).unwrap();
    let bound = hardened::sign(&key, &hard, "aleo1alice").unwrap();
    let check = |root, count, issuer: &str, subject: &str| {
        hardened::verify_signature(&bound, root, count, issuer, subject)
            .unwrap()
            .is_accepted()
    };
    let n = hard.leaf_count();
    assert!(check(hard.root(), n, "aleo123456", "aleo1alice"));
    assert!(!check(hard.root(), n, "aleo123456", "aleo1mallory"));
    assert!(!check(hard.root(), n, "aleo999999", "aleo1alice"));
    assert!(!check(hard.root(), n + 1, "aleo123456", "aleo1alice"));
    let other = HardenedIssued::new(certificate(vec![claim("x", "sx", s("y"))])).unwrap();
    assert!(!check(other.root(), n, "aleo123456", "aleo1alice"));
    // Another key's address with this signature: rejected.
    let stranger = IssuerKey::generate();
    let mut moved = bound.clone();
    moved.address = stranger.address();
    assert!(
        !hardened::verify_signature(&moved, hard.root(), n, "aleo123456", "aleo1alice")
            .unwrap()
            .is_accepted()
    );
}

#[test]
fn salts_hide_at_most_64_bits() {
    // The salt enters the leaf only through hash_to_u64(encodeToF(salt)): 2^64
    // possible salt hashes however long the salt. Two salts with the same encoding
    // are interchangeable in a proof.
    let c = claim("dob", "salt-dob", ClaimValue::Integer("1".into()));
    let h = ClaimHashes::of("KYC", "aleo123456", &c).unwrap();
    let c2 = claim("dob", "salt-dob\0", ClaimValue::Integer("1".into()));
    assert_eq!(
        ClaimHashes::of("KYC", "aleo123456", &c2).unwrap().leaf,
        h.leaf
    );
    let hard1 = hardened::claim_hashes("KYC", "aleo123456", &c).unwrap();
    let hard2 = hardened::claim_hashes("KYC", "aleo123456", &c2).unwrap();
    assert_ne!(hard1.leaf, hard2.leaf);
    // A hardened digest is a field element: 253 bits.
    assert_eq!(FieldDigest::BYTES * 8, 256);
}
