// Every fuzz target's body as a plain function of the input bytes, so the same
// checks run under libFuzzer (fuzz/fuzz_targets/*.rs) and, replaying the committed
// seeds, under `cargo test` (tests/fuzz_seeds.rs in the root package).
#![allow(dead_code)]

use arbitrary::{Arbitrary, Unstructured};
use merklab_aleo::{
    encode_to_f, field_from_le_bytes_mod_p, field_from_u128, field_to_decimal, literal, Config,
    Field, HashPath, Simd, U64Hash,
};
use merklab_core::{
    verify, verify_many, BinaryCodec, LeafOrder, MerkleTree, MultiProof, Proof, StreamingBuilder,
};
use merklab_hashes::{Digest32, HashName};
use merklab_zpass::ClaimHashes;
use merklab_zpass::{
    issue_str, verify_disclosure, ArrayStyle, Certificate, CertificateDocument, Claim, ClaimProof,
    ClaimValue, InputFormat, IssueOptions, Issued, Reveal, SaltSource, Verdict,
};

#[path = "common.rs"]
pub mod common;

#[path = "plonky3_check.rs"]
pub mod plonky3_check;

#[path = "miden_check.rs"]
pub mod miden_check;

#[path = "bn254_check.rs"]
pub mod bn254_check;

/// A check: panics when an invariant fails.
pub type Check = fn(&[u8]);

/// Every target by name, with its check (the seed replay walks this list).
pub const TARGETS: [(&str, Check); 12] = [
    ("proof_decode_verify", proof_decode_verify),
    ("multiproof_verify", multiproof_verify),
    ("tree_build", tree_build),
    ("aleo_fast_vs_reference", aleo_fast_vs_reference),
    ("certificate_root", certificate_root),
    ("disclosure_verify", disclosure_verify),
    ("aleo_literal", aleo_literal),
    ("encode_to_f", encode_to_f_check),
    ("presentation_check", presentation_check),
    ("plonky3_mmcs", plonky3_check::plonky3_mmcs),
    ("miden_tree", miden_check::miden_tree),
    ("lean_imt", bn254_check::lean_imt),
];

// ---------------------------------------------------------------- proofs

fn proof_decode_with<const K: usize>(shape: u8, backend: u8, body: &[u8]) {
    let n = 1 + (shape as usize % 40);
    let name = HashName::ALL[backend as usize % HashName::ALL.len()];
    let (hash, policy, tree) = common::honest_any::<K>(shape, n, name);
    let mut candidates: Vec<Proof<Digest32, K>> = Vec::new();
    if let Ok(p) = Proof::<Digest32, K>::from_binary(body) {
        assert_eq!(
            Proof::<Digest32, K>::from_binary(&p.to_binary()).as_ref(),
            Ok(&p)
        );
        candidates.push(p);
    }
    if let Ok(p) = serde_json::from_slice::<Proof<Digest32, K>>(body) {
        let text = serde_json::to_string(&p).expect("a decoded proof serializes");
        let again: Proof<Digest32, K> = serde_json::from_str(&text).expect("and reads back");
        assert_eq!(again, p);
        candidates.push(p);
    }
    for proof in candidates {
        // Try the claimed leaf and a forged one.
        let claimed = tree
            .leaves()
            .get(proof.leaf_index as usize)
            .copied()
            .unwrap_or_else(|| common::leaf(u64::MAX));
        for leaf in [claimed, common::leaf(u64::MAX - 1)] {
            if verify(&hash, &policy, tree.root(), leaf, &proof).is_ok() {
                assert!(tree.leaves().contains(&leaf), "a forged leaf verified");
            }
        }
    }
}

/// Arbitrary bytes as a binary, then a JSON, proof for arity 2..16, every policy and
/// every byte backend: no panic; decoded proofs re-encode equal; a proof that
/// verifies proves a leaf that really is in the tree.
pub fn proof_decode_verify(data: &[u8]) {
    let [shape, arity, backend, body @ ..] = data else {
        return;
    };
    let (shape, backend) = (*shape, *backend);
    merklab_core::with_arity!(arity % 17, K => proof_decode_with::<K>(shape, backend, body),
        _ => proof_decode_with::<16>(shape, backend, body));
}

#[derive(Arbitrary, Debug)]
struct MultiInput {
    arity: u8,
    shape: u8,
    leaves: u16,
    pick: Vec<u16>,
    edits: Vec<(u8, u16, u8)>,
}

fn multiproof_with<const K: usize>(input: &MultiInput) {
    let n = 1 + input.leaves as usize % 200;
    let (hash, policy, tree) = common::honest::<K>(input.shape, n);
    let mut indices: Vec<usize> = input.pick.iter().map(|&p| p as usize % n).collect();
    indices.sort_unstable();
    indices.dedup();
    if indices.is_empty() {
        return;
    }
    let proof = tree.prove_many(&indices).expect("valid indices");
    let leaves: Vec<Digest32> = indices.iter().map(|&i| tree.leaves()[i]).collect();
    assert_eq!(
        verify_many(&hash, &policy, tree.root(), &leaves, &proof),
        Ok(())
    );
    for &i in &indices {
        let single = tree.prove(i).expect("valid index");
        assert_eq!(
            verify(&hash, &policy, tree.root(), tree.leaves()[i], &single),
            Ok(())
        );
    }
    let decoded = MultiProof::<Digest32, K>::from_binary(&proof.to_binary()).expect("round trip");
    assert_eq!(decoded, proof);

    let mut bad = proof.clone();
    let mut bad_leaves = leaves.clone();
    for &(op, at, byte) in &input.edits {
        match op % 6 {
            0 if !bad.siblings.is_empty() => {
                let j = at as usize % bad.siblings.len();
                bad.siblings[j].0[byte as usize % 32] ^= 1 | byte;
            }
            1 => bad.siblings.push(common::leaf(at as u64)),
            2 => {
                bad.siblings.pop();
            }
            3 if !bad.indices.is_empty() => {
                let j = at as usize % bad.indices.len();
                bad.indices[j] = bad.indices[j].wrapping_add(byte as u64);
            }
            4 => bad.leaf_count = bad.leaf_count.wrapping_add(at as u64),
            _ if !bad_leaves.is_empty() => {
                let j = at as usize % bad_leaves.len();
                bad_leaves[j] = common::leaf(byte as u64 + 1000);
            }
            _ => {}
        }
    }
    if verify_many(&hash, &policy, tree.root(), &bad_leaves, &bad).is_ok() {
        for (leaf, idx) in bad_leaves.iter().zip(&bad.indices) {
            assert!(
                tree.leaves().contains(leaf),
                "forged leaf verified at {idx}"
            );
        }
    }
}

/// An honest multiproof, then mutated: honest proofs and every single proof
/// verify; a mutated proof that verifies proves only real leaves.
pub fn multiproof_verify(data: &[u8]) {
    let Ok(input) = MultiInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    merklab_core::with_arity!(input.arity % 17, K => multiproof_with::<K>(&input),
        _ => multiproof_with::<16>(&input));
}

#[derive(Arbitrary, Debug)]
struct TreeInput {
    arity: u8,
    shape: u8,
    depth: u8,
    leaves: Vec<u16>,
}

fn tree_build_with<const K: usize>(input: &TreeInput) {
    let policy = common::policy_from(input.shape, input.depth as u32 % 12);
    let hash = common::Hash::new(merklab_core::DomainTags::Tagged);
    let leaves: Vec<Digest32> = input
        .leaves
        .iter()
        .take(400)
        .map(|&v| common::leaf(v as u64))
        .collect();
    let serial = MerkleTree::<Digest32, K>::build_serial(&hash, policy, leaves.clone());
    let parallel = MerkleTree::<Digest32, K>::build_with_cutoff(&hash, policy, leaves.clone(), 1);
    assert_eq!(serial, parallel);
    let mut stream = StreamingBuilder::<_, K>::new(&hash, policy);
    let mut ordered = leaves.clone();
    if policy.leaves == LeafOrder::Sorted {
        ordered.sort_unstable();
    }
    let mut pushed = Ok(());
    for l in ordered {
        pushed = pushed.and_then(|()| stream.push(l));
    }
    let streamed = pushed.and_then(|()| stream.root());
    match serial {
        Ok(tree) => {
            assert_eq!(streamed, Ok(tree.root()));
            for i in 0..tree.leaf_count() {
                let proof = tree.prove(i).expect("index in range");
                assert_eq!(
                    verify(&hash, &policy, tree.root(), tree.leaves()[i], &proof),
                    Ok(())
                );
            }
            let back =
                MerkleTree::<Digest32, K>::from_binary(&tree.to_binary()).expect("round trip");
            assert_eq!(back, tree);
            assert!(back.check(&hash));
        }
        Err(e) => assert!(
            streamed.is_err(),
            "batch failed with {e} but streaming gave a root"
        ),
    }
}

/// Arbitrary arity, policy and leaves: serial == parallel == streaming; every
/// proof verifies; serialized trees round-trip.
pub fn tree_build(data: &[u8]) {
    let Ok(input) = TreeInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    merklab_core::with_arity!(input.arity % 17, K => tree_build_with::<K>(&input),
        _ => tree_build_with::<16>(&input));
}

// ---------------------------------------------------------------- Aleo

fn u128_from(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = bytes.len().min(16);
    buf[..n].copy_from_slice(&bytes[..n]);
    u128::from_le_bytes(buf)
}

fn u64_from(bytes: &[u8]) -> u64 {
    u128_from(&bytes[..bytes.len().min(8)]) as u64
}

/// Arbitrary bytes as fields, u128s, u64 pairs, strings, batches and Poseidon
/// inputs: the fast hash path returns exactly what snarkvm-console (the reference
/// path) returns.
pub fn aleo_fast_vs_reference(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // Each reference hash costs tens of microseconds: keep inputs small.
    let rest = &rest[..rest.len().min(256)];
    match mode % 8 {
        0 => {
            let f = field_from_le_bytes_mod_p(rest);
            assert_eq!(
                Config::FAST.hash_field(&f),
                Config::REFERENCE.hash_field(&f)
            );
        }
        1 => {
            // Just below the modulus: p - k.
            let f = field_from_u128(0) - field_from_u128(u128_from(rest));
            assert_eq!(
                Config::FAST.hash_field(&f),
                Config::REFERENCE.hash_field(&f)
            );
        }
        2 => {
            let v = u128_from(rest);
            assert_eq!(Config::FAST.hash_u128(v), Config::REFERENCE.hash_u128(v));
            assert_eq!(
                Config::FAST.hash_u64(v as u64),
                Config::REFERENCE.hash_u64(v as u64)
            );
        }
        3 => {
            let pairs: Vec<(u64, u64)> = rest
                .chunks(16)
                .take(8)
                .map(|c| (u64_from(c), u64_from(c.get(8..).unwrap_or(&[]))))
                .collect();
            let expected: Vec<u64> = pairs
                .iter()
                .map(|&(a, b)| Config::REFERENCE.hash_merge(a, b))
                .collect();
            assert_eq!(Config::FAST.hash_merge_batch(&pairs), expected);
            if let Some(&(a, b)) = pairs.first() {
                assert_eq!(Config::FAST.hash_merge(a, b), expected[0]);
            }
        }
        4 => {
            let s = String::from_utf8_lossy(rest);
            assert_eq!(
                Config::FAST.hash_string(&s),
                Config::REFERENCE.hash_string(&s)
            );
        }
        5 => {
            // Poseidon2/4/8 over up to 9 fields (past a chunk for every rate).
            use merklab_aleo::family::{
                poseidon_hash_many_on, poseidon_hash_on, poseidon_hash_to_group_on, PoseidonRate,
            };
            let rates = [PoseidonRate::Psd2, PoseidonRate::Psd4, PoseidonRate::Psd8];
            let rate = rates[usize::from(mode / 7) % rates.len()];
            let fields: Vec<Field> = rest
                .chunks(32)
                .take(9)
                .map(field_from_le_bytes_mod_p)
                .collect();
            assert_eq!(
                poseidon_hash_on(HashPath::Fast, rate, &fields).ok(),
                poseidon_hash_on(HashPath::Reference, rate, &fields).ok()
            );
            let outputs = u16::from(mode % 3) + 1;
            assert_eq!(
                poseidon_hash_many_on(HashPath::Fast, rate, &fields, outputs),
                poseidon_hash_many_on(HashPath::Reference, rate, &fields, outputs)
            );
            assert_eq!(
                poseidon_hash_to_group_on(HashPath::Fast, rate, &fields).ok(),
                poseidon_hash_to_group_on(HashPath::Reference, rate, &fields).ok()
            );
        }
        6 => {
            // snarkVM's tree hashes on the fixed-length tables: BHP512 over tagged
            // pairs and BHP1024 over tagged fields, against snarkVM hash by hash.
            use merklab_aleo::family::{bhp_hash, Bhp, BhpSize, FIELD_BITS};
            use merklab_aleo::FieldDigest;
            use merklab_core::{Compression, DomainTags, LeafHash};
            // Up to 16 fields: eight pairs build the node tables (and fill one IFMA
            // group); cubes spread the short chunks over the whole field.
            let digests: Vec<FieldDigest> = rest
                .chunks(16)
                .take(16)
                .map(|c| {
                    let f = field_from_le_bytes_mod_p(c);
                    FieldDigest(f * f * f)
                })
                .collect();
            let bits = |d: &FieldDigest| -> Vec<bool> {
                let b = d.to_bytes();
                (0..FIELD_BITS)
                    .map(|i| b[i / 8] >> (i % 8) & 1 == 1)
                    .collect()
            };
            let simd = if mode & 8 == 0 { Simd::Auto } else { Simd::Off };
            let config = Config::new(HashPath::Fast, simd);
            let node = Bhp::new(BhpSize::Bhp512, DomainTags::Tagged).with_config(config);
            let mut out = vec![FieldDigest(field_from_u128(0)); digests.len() / 2];
            Compression::<2>::compress_batch(&node, &digests, &mut out);
            for (got, pair) in out.iter().zip(digests.chunks_exact(2)) {
                let mut input = vec![true];
                input.extend(bits(&pair[0]));
                input.extend(bits(&pair[1]));
                assert_eq!(Some(got.0), bhp_hash(BhpSize::Bhp512, &input).ok());
            }
            let leaves: Vec<Vec<bool>> = digests.iter().map(bits).collect();
            let refs: Vec<&[bool]> = leaves.iter().map(Vec::as_slice).collect();
            let mut out = vec![FieldDigest(field_from_u128(0)); leaves.len()];
            Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged)
                .with_config(config)
                .hash_leaf_batch(&refs, &mut out);
            for (got, leaf) in out.iter().zip(&leaves) {
                let mut input = vec![false];
                input.extend(leaf);
                assert_eq!(Some(got.0), bhp_hash(BhpSize::Bhp1024, &input).ok());
            }
        }
        _ => {
            // Up to 12 fields: a group of eight for the IFMA form, plus a remainder.
            let fields: Vec<_> = rest
                .chunks(21)
                .take(12)
                .map(field_from_le_bytes_mod_p)
                .collect();
            let expected: Vec<u64> = fields
                .iter()
                .map(|x| Config::REFERENCE.hash_field(x))
                .collect();
            assert_eq!(Config::FAST.hash_field_batch(&fields), expected);
            let scalar = Config::SCALAR.hash_field_batch(&fields);
            assert_eq!(scalar, expected);
        }
    }
}

/// 256^31 as a field element: `encodeToF` of 31 zero bytes then a one.
fn two_pow_248() -> Field {
    let mut bytes = [0u8; 32];
    bytes[31] = 1;
    field_from_le_bytes_mod_p(&bytes)
}

/// `encodeToF` on arbitrary strings: no panic; short strings map to their own
/// little-endian integer (injective below 32 bytes); longer ones split as
/// `low 31 bytes + 256^31 * rest` (the reduction is consistent); trailing NULs add
/// nothing (the documented weakness); the fast hash of the encoding equals the
/// reference hash.
pub fn encode_to_f_check(data: &[u8]) {
    let data = &data[..data.len().min(300)];
    let s = String::from_utf8_lossy(data);
    let bytes = s.as_bytes();
    let f = encode_to_f(&s);
    assert_eq!(f, field_from_le_bytes_mod_p(bytes));
    if bytes.len() < 32 {
        // The canonical decimal of the field is the integer the bytes spell (LE).
        let mut value = num_from_le(bytes);
        value.reverse();
        let expected: String = if value.is_empty() {
            "0".into()
        } else {
            value.iter().map(|d| char::from(b'0' + d)).collect()
        };
        assert_eq!(field_to_decimal(&f), expected);
    } else {
        let (low, high) = bytes.split_at(31);
        let recombined =
            field_from_le_bytes_mod_p(low) + two_pow_248() * field_from_le_bytes_mod_p(high);
        assert_eq!(f, recombined);
    }
    let mut padded = s.to_string();
    padded.push('\0');
    assert_eq!(encode_to_f(&padded), f);
    if data.len() <= 64 {
        assert_eq!(
            Config::FAST.hash_string(&s),
            Config::REFERENCE.hash_string(&s)
        );
    }
}

/// Decimal digits (least significant first) of a little-endian byte string, by
/// schoolbook base conversion: an oracle that shares no code with snarkVM.
fn num_from_le(bytes: &[u8]) -> Vec<u8> {
    let mut digits: Vec<u8> = Vec::new();
    for &byte in bytes.iter().rev() {
        // digits = digits * 256 + byte
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            let v = u32::from(*d) * 256 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    digits
}

/// Aleo literals: whatever parses prints back to text that parses to the same
/// value; parsed digits equal the input digits without `_`; Leo proof padding keeps
/// the siblings and pads with zeros.
pub fn aleo_literal(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(&data[..data.len().min(2048)]) else {
        return;
    };
    let digits_of = |t: &str, suffix: &str| -> String {
        let t = t.trim();
        t.strip_suffix(suffix)
            .unwrap_or(t)
            .chars()
            .filter(|&c| c != '_')
            .collect()
    };
    if let Ok(v) = literal::parse_u64(text) {
        let printed = literal::format_u64(v);
        assert_eq!(literal::parse_u64(&printed), Ok(v));
        // Independent of the parser: the digits themselves, read by std.
        let digits = digits_of(text, "u64");
        assert_eq!(digits.parse::<u64>().ok(), Some(v), "{text:?}");
    }
    if let Ok(f) = literal::parse_field(text) {
        let printed = literal::format_field(&f);
        assert_eq!(literal::parse_field(&printed), Ok(f));
        assert_eq!(field_to_decimal(&f), digits_of(text, "field"));
    }
    if let Ok(list) = literal::parse_u64_array(text) {
        let printed = literal::format_u64_array(&list);
        assert_eq!(literal::parse_u64_array(&printed).as_ref(), Ok(&list));
        if let Ok(padded) = literal::leo_proof_array(&list) {
            assert!(list.len() <= 32 && !list.contains(&0));
            assert_eq!(&padded[..list.len()], &list[..]);
            assert!(padded[list.len()..].iter().all(|&x| x == 0));
        } else {
            assert!(list.len() > 32 || list.contains(&0));
        }
    }
    // Every u64 prints and parses back.
    let v = u64_from(data);
    assert_eq!(literal::parse_u64(&literal::format_u64(v)), Ok(v));
}

// ---------------------------------------------------------------- zPass

/// Most claims a fuzzed certificate may have before it is skipped: each claim
/// costs about five Aleo hashes.
const MAX_FUZZ_CLAIMS: usize = 40;

/// Certificates (JSON or YAML, either array style) through normalization to the
/// root: no panic; an accepted certificate hashes; the issued document written as
/// JSON reads back to the same certificate, root and metadata; the root does not
/// depend on the order of the claims (leaves are sorted).
pub fn certificate_root(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(&rest[..rest.len().min(4096)]) else {
        return;
    };
    let format = if mode & 1 == 0 {
        InputFormat::Json
    } else {
        InputFormat::Yaml
    };
    let arrays = if mode & 2 == 0 {
        ArrayStyle::Spec
    } else {
        ArrayStyle::Sdk
    };
    let options = IssueOptions {
        salts: SaltSource::Seeded("fuzz".into()),
        arrays,
    };
    let Ok(mut doc) = issue_str(text, format, &options) else {
        return;
    };
    if doc.certificate.claims().len() > MAX_FUZZ_CLAIMS {
        return;
    }
    let issued = Issued::new(doc.certificate.clone()).expect("an accepted certificate hashes");
    doc.root = Some(issued.root());

    let back = CertificateDocument::parse(&doc.to_json()).expect("an issued document reads back");
    assert_eq!(back, doc);
    let again = Issued::new(back.certificate).expect("the reread certificate hashes");
    assert_eq!(again.root(), issued.root());

    let mut reversed = doc.certificate.claims().to_vec();
    reversed.reverse();
    let reversed = Certificate::new(reversed, Vec::new()).expect("same claims, other order");
    let reordered = Issued::new(reversed).expect("the reordered certificate hashes");
    assert_eq!(reordered.root(), issued.root());
}

fn sample_claim(key: &str, salt: &str, value: ClaimValue) -> Claim {
    Claim {
        key: key.into(),
        salt: salt.into(),
        value,
    }
}

/// A small certificate with fixed salts.
fn sample_certificate() -> Certificate {
    let s = |v: &str| ClaimValue::String(v.into());
    let claims = vec![
        sample_claim("type", "salt-type", s("KYC")),
        sample_claim("issuer", "salt-issuer", s("aleo123456")),
        sample_claim("name", "salt-name", s("Alice Wonderland")),
        sample_claim("dob", "salt-dob", ClaimValue::Integer("1737213145".into())),
        sample_claim("adult", "salt-adult", ClaimValue::Bool(true)),
        sample_claim("address,city", "salt-city", s("Oslo")),
    ];
    Certificate::new(claims, Vec::new()).expect("the sample certificate is valid")
}

/// Disclosure documents. Mode 0: arbitrary text as a document, verified against its
/// own root: no panic, and acceptance means the stated root is the recomputed one.
/// Mode 1: a disclosure built from a valid certificate verifies against its root,
/// also after a JSON round trip; edited by the input, it verifies only if every
/// revealed claim hashes to a leaf of the original tree and every private leaf is one.
pub fn disclosure_verify(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 4 == 3 {
        return proof_bundle_edits(rest);
    }
    if mode % 2 == 0 {
        let Ok(text) = std::str::from_utf8(&rest[..rest.len().min(4096)]) else {
            return;
        };
        let Ok(doc) = CertificateDocument::parse(text) else {
            return;
        };
        if doc.certificate.claims().len() + doc.certificate.private().len() > MAX_FUZZ_CLAIMS {
            return;
        }
        if let Ok((root, Verdict::Accepted)) = verify_disclosure(&doc, None) {
            if let Some(stated) = doc.root {
                assert_eq!(stated, root);
            }
        }
        return;
    }
    let original = Issued::new(sample_certificate()).expect("the sample hashes");
    let keys = ["name", "dob", "adult", "address,city"];
    let pick = rest.first().copied().unwrap_or(0);
    let reveal: Vec<&str> = keys
        .iter()
        .enumerate()
        .filter(|(i, _)| pick >> i & 1 == 1)
        .map(|(_, k)| *k)
        .collect();
    let disclosed = CertificateDocument {
        certificate: original.disclose(&reveal).expect("known keys"),
        root: Some(original.root()),
        issuer_address: None,
        signature: None,
        metadata: None,
    };
    let (root, verdict) = verify_disclosure(&disclosed, Some(original.root())).expect("verifies");
    assert_eq!((root, verdict), (original.root(), Verdict::Accepted));
    let mut text = disclosed.to_json().into_bytes();
    let reread = CertificateDocument::parse(std::str::from_utf8(&text).expect("utf-8"))
        .expect("a written disclosure reads back");
    assert_eq!(reread, disclosed);

    apply_edits(&mut text, rest.get(1..).unwrap_or(&[]));
    let Ok(edited) = std::str::from_utf8(&text) else {
        return;
    };
    let Ok(doc) = CertificateDocument::parse(edited) else {
        return;
    };
    if let Ok((_, Verdict::Accepted)) = verify_disclosure(&doc, Some(original.root())) {
        let cert = &doc.certificate;
        for claim in cert.claims() {
            // A changed claim may still hash to its leaf (encodeToF drops trailing
            // NULs); it must never hash to a leaf the issuer did not sign.
            let h = ClaimHashes::of(cert.cert_type(), cert.issuer(), claim).expect("hashes");
            assert!(
                original.leaves().contains(&h.leaf),
                "forged claim {claim:?} verified"
            );
        }
        for leaf in cert.private() {
            assert!(original.leaves().contains(leaf), "forged private leaf");
        }
    }
}

/// Edits: (position, byte, op) triples, at most eight; op even replaces, odd inserts.
fn apply_edits(text: &mut Vec<u8>, edits: &[u8]) {
    for edit in edits.chunks_exact(3).take(8) {
        let at = usize::from(edit[0]) * 7 % (text.len() + 1);
        if edit[2] % 2 == 0 && at < text.len() {
            text[at] = edit[1];
        } else {
            text.insert(at, edit[1]);
        }
    }
}

/// `zpass prove --all`'s bundle reads back as written; edited, every proof in it that
/// still verifies proves a leaf the issuer signed.
fn proof_bundle_edits(edits: &[u8]) {
    let original = Issued::new(sample_certificate()).expect("the sample hashes");
    let proofs = original
        .prove_all(Reveal::Value)
        .expect("every claim proves");
    let written = ClaimProof::many_to_json(&proofs).expect("a bundle writes");
    let node = merklab_zpass::json::parse_json(&written).expect("a written bundle parses");
    assert_eq!(
        ClaimProof::many_from_node(&node).expect("reads back"),
        proofs
    );
    let mut text = written.into_bytes();
    apply_edits(&mut text, edits);
    let Ok(edited) = std::str::from_utf8(&text) else {
        return;
    };
    let Ok(node) = merklab_zpass::json::parse_json(edited) else {
        return;
    };
    let Ok(bundle) = ClaimProof::many_from_node(&node) else {
        return;
    };
    for proof in &bundle {
        if let Ok(Verdict::Accepted) = proof.verify(original.root()) {
            assert!(
                original.leaves().contains(&proof.leaf),
                "forged proof {proof:?} verified"
            );
        }
    }
}

// ---------------------------------------------------------------- the verifier's check

/// The issuer, holder and verifier of the flow target, with the holder's signed
/// certificate: values of every type, and values whose fields other values share.
struct FlowWorld {
    issuer: merklab_zpass::sign::IssuerKey,
    holder: merklab_zpass::sign::IssuerKey,
    verifier: merklab_zpass::sign::IssuerKey,
    doc: CertificateDocument,
}

/// Keys of the flow certificate, in the order the fuzz input indexes them.
const FLOW_KEYS: [&str; 11] = [
    "subject", "country", "code", "flag", "count", "zero", "score", "name", "note", "empty", "dob",
];

/// `2026-01-01T00:00:00Z`, the flow target's clock.
const FLOW_NOW: u64 = 1_767_225_600;

fn flow_world() -> &'static FlowWorld {
    use merklab_zpass::sign::{sign_root, IssuerKey};
    static WORLD: std::sync::OnceLock<FlowWorld> = std::sync::OnceLock::new();
    WORLD.get_or_init(|| {
        let issuer = IssuerKey::generate();
        let holder = IssuerKey::generate();
        let text = format!(
            r#"{{"type": "KYC", "issuer": "{}", "subject": "{}", "country": "FR", "code": "BA",
                "flag": true, "count": 1, "zero": 0, "score": 720, "name": "Alice",
                "note": "a string of forty bytes, reduced mod p!", "empty": "",
                "dob": 1199145600}}"#,
            issuer.address(),
            holder.address()
        );
        let options = IssueOptions {
            salts: SaltSource::Seeded("flow-fuzz".into()),
            ..Default::default()
        };
        let mut doc =
            issue_str(&text, InputFormat::Json, &options).expect("the flow sample issues");
        let root = Issued::new(doc.certificate.clone())
            .expect("it hashes")
            .root();
        let signed = sign_root(&issuer, root).expect("it signs");
        doc.root = Some(root);
        doc.issuer_address = Some(signed.address);
        doc.signature = Some(signed.signature);
        FlowWorld {
            issuer,
            holder,
            verifier: IssuerKey::generate(),
            doc,
        }
    })
}

/// Values with the field of `v` (what a holder can swap in and keep the leaf), and
/// one chosen by the input.
fn same_field_values(v: &ClaimValue, pick: u8, bytes: &[u8]) -> ClaimValue {
    let field = v.to_field().expect("a certificate value has a field");
    let decimal = field_to_decimal(&field);
    let as_text = decimal
        .parse::<u128>()
        .ok()
        .map(|n| n.to_le_bytes()[..16 - n.leading_zeros() as usize / 8].to_vec())
        .and_then(|b| String::from_utf8(b).ok());
    let nuls = 1 + (pick as usize / 8) % 3;
    match pick % 8 {
        0 => ClaimValue::Integer(decimal),
        1 => as_text.map_or_else(|| v.clone(), ClaimValue::String),
        2 => match v {
            ClaimValue::String(s) => ClaimValue::String(format!("{s}{}", "\0".repeat(nuls))),
            _ => as_text.map_or_else(
                || v.clone(),
                |t| ClaimValue::String(format!("{t}{}", "\0".repeat(nuls))),
            ),
        },
        3 if decimal == "0" || decimal == "1" => ClaimValue::Bool(decimal == "1"),
        4 => ClaimValue::String(String::from_utf8_lossy(bytes).into_owned()),
        5 => ClaimValue::Integer(
            u64::from_le_bytes(
                bytes
                    .iter()
                    .copied()
                    .chain([0; 8])
                    .take(8)
                    .collect::<Vec<_>>()
                    .try_into()
                    .unwrap(),
            )
            .to_string(),
        ),
        _ => v.clone(),
    }
}

#[derive(Arbitrary, Debug)]
struct FlowInput {
    bind_subject: bool,
    disclose: Vec<u8>,
    predicates: Vec<(u8, u8, u8, Vec<u8>)>,
    types: Vec<(u8, u8)>,
    edits: Vec<(u8, u8, Vec<u8>)>,
}

/// A request built by the input, the honest presentation, then the holder's edits of
/// disclosed values (same-field swaps, NUL padding, other types, arbitrary values),
/// re-signed by the holder: whenever the verifier's check accepts, every disclosed
/// value is the one the issuer signed, in value and in type (the subject, judged by
/// its field, shows as the holder's address, the signed subject).
pub fn presentation_check(data: &[u8]) {
    use merklab_zpass::flow::{check, CheckOptions, Predicate, Presentation, Request};
    use merklab_zpass::ValueType;

    let Ok(input) = FlowInput::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let w = flow_world();
    let original = |key: &str| w.doc.certificate.get(key).map(|c| c.value.clone());
    let key_at = |i: u8| FLOW_KEYS[i as usize % FLOW_KEYS.len()];

    let mut request = Request::new(&w.verifier.address(), FLOW_NOW, 600);
    request.trusted_issuers.push(w.issuer.address());
    request.bind_subject = input.bind_subject;
    request.disclose = input
        .disclose
        .iter()
        .take(4)
        .map(|&i| key_at(i).to_string())
        .collect();
    for (key, op, pick, bytes) in input.predicates.iter().take(4) {
        let key = key_at(*key);
        let base = original(key).expect("every flow key is in the certificate");
        let lit = same_field_values(&base, *pick, bytes);
        let shown = lit.to_node().to_json_pretty().trim_end().to_string();
        let expr = match op % 8 {
            0 => format!("{key} == {shown}"),
            1 => format!("{key} != {shown}"),
            2 => format!("{key} in [{shown}, \"zz\"]"),
            3 => format!("{key} >= {}", pick),
            4 => format!("{key} < {}", u32::from(*pick) * 1000),
            5 => format!("{key} age>=18"),
            6 => format!("{key} exists"),
            _ => format!("{key} > 0"),
        };
        if let Ok(p) = Predicate::parse_at(&expr, FLOW_NOW) {
            request.predicates.push(p);
        }
    }
    for (key, ty) in input.types.iter().take(3) {
        let ty = [ValueType::String, ValueType::Integer, ValueType::Boolean][*ty as usize % 3];
        request.types.insert(key_at(*key).to_string(), ty);
    }
    if request.sign(&w.verifier).is_err() {
        return;
    }
    let Ok(mut presentation) = Presentation::build(&request, &w.doc, &w.holder, FLOW_NOW) else {
        return;
    };
    for (which, pick, bytes) in input.edits.iter().take(4) {
        let n = presentation.disclosed.len();
        if n == 0 {
            break;
        }
        let d = &mut presentation.disclosed[*which as usize % n];
        d.value = same_field_values(&d.value, *pick, bytes);
    }
    presentation
        .sign_holder(&w.holder)
        .expect("the holder signs");
    let report = check(&request, &presentation, &CheckOptions::at(FLOW_NOW + 1));
    if !report.accepted {
        return;
    }
    for d in &presentation.disclosed {
        let signed = original(&d.key).expect("a disclosed key is in the certificate");
        if request.bind_subject && d.key == "subject" {
            continue;
        }
        match request.types.get(&d.key) {
            // A declaration that contradicts the issuer's schema is the verifier's own
            // error, the residual risk of the layout (docs/security.md): the value
            // accepted then has the declared type and the signed value's field.
            Some(&declared) if declared != ValueType::of(&signed) => {
                assert_eq!(ValueType::of(&d.value), declared);
                assert_eq!(d.value.to_field().ok(), signed.to_field().ok());
            }
            _ => assert_eq!(
                d.value, signed,
                "accepted `{}` as a value the issuer did not sign",
                d.key
            ),
        }
    }
    for (key, text) in &report.disclosed {
        let signed = original(key).expect("a reported key is in the certificate");
        if request
            .types
            .get(key)
            .is_some_and(|&t| t != ValueType::of(&signed))
        {
            continue;
        }
        assert_eq!(
            *text,
            signed.text(),
            "the report shows `{key}` as a value the issuer did not sign"
        );
    }
}
