// circom's Poseidon over BN254 under fuzzing: decimal and byte field elements, the
// byte-leaf encoder, and the lean-imt tree against light-poseidon's hashes.

use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_bn254::{Bn254Digest, BytesLeaf, CircomPoseidon, Fr, CHUNK_BYTES, MAX_INPUTS};
use merklab_core::{verify_with_size, Compression, Digest, MerkleTree};

/// The BN254 scalar field's modulus, big-endian (EIP-196's group order r).
const MODULUS_BE: [u8; 32] = [
    0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
    0x28, 0x33, 0xe8, 0x48, 0x79, 0xb9, 0x70, 0x91, 0x43, 0xe1, 0xf5, 0x93, 0xf0, 0x00, 0x00, 0x01,
];

/// circom's `Poseidon(inputs)` as light-poseidon computes it.
fn light(inputs: &[Fr]) -> Fr {
    Poseidon::<Fr>::new_circom(inputs.len())
        .and_then(|mut h| h.hash(inputs))
        .expect("light-poseidon hashes 1 to 12 inputs")
}

/// The byte-leaf encoding as its documentation states it, hashed by light-poseidon:
/// `Poseidon(len, c1..c11)`, then `Poseidon(h, c12..c22)`, ... over 31-byte big-endian
/// chunks.
fn light_bytes_leaf(data: &[u8]) -> Fr {
    let chunks: Vec<Fr> = data.chunks(CHUNK_BYTES).map(be_to_fr).collect();
    let mut head = Fr::from(data.len() as u64);
    let mut rest = chunks.as_slice();
    loop {
        let take = rest.len().min(MAX_INPUTS - 1);
        let mut block = vec![head];
        block.extend_from_slice(&rest[..take]);
        head = light(&block);
        rest = &rest[take..];
        if rest.is_empty() {
            return head;
        }
    }
}

/// A big-endian integer as a field element, a byte at a time in the field (not through
/// arkworks' byte readers, which the encoder uses).
fn be_to_fr(bytes: &[u8]) -> Fr {
    bytes.iter().fold(Fr::from(0u64), |acc, &b| {
        acc * Fr::from(256u64) + Fr::from(u64::from(b))
    })
}

/// Decimal digits without leading zeros ("0" for zero).
fn canonical_decimal(text: &str) -> &str {
    let trimmed = text.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

/// Whether canonical decimal digits name a number at or above the modulus.
fn decimal_at_or_above_modulus(digits: &str) -> bool {
    let modulus = merklab_bn254::MODULUS_DECIMAL;
    digits.len() > modulus.len() || (digits.len() == modulus.len() && digits >= modulus)
}

/// zk-kit's LeanIMT root by light-poseidon, level by level: pairs hashed, a last lone
/// node carried up unhashed.
fn light_lean_imt_root(leaves: &[Fr]) -> Fr {
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| {
                if pair.len() == 2 {
                    light(pair)
                } else {
                    pair[0]
                }
            })
            .collect();
    }
    level[0]
}

/// Decimal and byte field elements parse only below the modulus and round-trip; byte
/// leaves hash as their documented encoding does under light-poseidon; circom Poseidon
/// of 2 to 12 children equals light-poseidon's; a lean-imt tree over elements cut from
/// the input has LeanIMT's root, every proof verifies, and a changed leaf or sibling
/// verifies only for the leaf.
pub fn lean_imt(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Bn254Digest::from_decimal(&text) {
        Ok(d) => {
            assert_eq!(
                d.to_string(),
                canonical_decimal(&text),
                "printed as written"
            );
            assert_eq!(Bn254Digest::from_decimal(&d.to_string()), Ok(d));
        }
        Err(_) => assert!(
            text.is_empty()
                || !text.bytes().all(|b| b.is_ascii_digit())
                || decimal_at_or_above_modulus(canonical_decimal(&text)),
            "refused a decimal below the modulus: {text}"
        ),
    }
    if let Some(bytes) = data.get(..32) {
        match Bn254Digest::read_bytes(bytes) {
            Ok(d) => assert_eq!(d.to_be_bytes(), bytes, "canonical bytes re-encode equal"),
            Err(_) => assert!(bytes >= &MODULUS_BE[..], "refused bytes below the modulus"),
        }
    }
    let cut = data.len().min(200);
    assert_eq!(
        BytesLeaf::hash(&data[..cut]).0,
        light_bytes_leaf(&data[..cut]),
        "byte leaf of {cut} bytes"
    );

    let [count, index, salt, body @ ..] = data else {
        return;
    };
    let elements: Vec<Fr> = (0..MAX_INPUTS)
        .map(|i| {
            let chunk = body.chunks(CHUNK_BYTES).nth(i).unwrap_or(&[]);
            be_to_fr(chunk) + Fr::from((i as u64) << 8 | u64::from(*salt))
        })
        .collect();
    let arity = 2 + usize::from(*count) % (MAX_INPUTS - 1);
    let digests: Vec<Bn254Digest> = elements[..arity].iter().copied().map(Bn254Digest).collect();
    let ours = match arity {
        2 => compress::<2>(&digests),
        3 => compress::<3>(&digests),
        4 => compress::<4>(&digests),
        5 => compress::<5>(&digests),
        8 => compress::<8>(&digests),
        12 => compress::<12>(&digests),
        _ => None,
    };
    if let Some(ours) = ours {
        assert_eq!(
            ours.0,
            light(&elements[..arity]),
            "Poseidon of {arity} inputs"
        );
    }

    let n = 1 + usize::from(*count) % 64;
    let leaves: Vec<Bn254Digest> = (0..n)
        .map(|i| Bn254Digest(elements[i % MAX_INPUTS] + Fr::from(i as u64 * 7919)))
        .collect();
    let compress = merklab_profiles::lean_imt::COMPRESSION;
    let policy = merklab_profiles::lean_imt::POLICY;
    let tree = MerkleTree::<_, 2>::build(&compress, policy, leaves.clone()).expect("a tree");
    let raw: Vec<Fr> = leaves.iter().map(|d| d.0).collect();
    assert_eq!(tree.root().0, light_lean_imt_root(&raw), "LeanIMT's root");

    let index = usize::from(*index) % n;
    let mut proof = tree.prove(index).expect("a proof");
    let size = n as u64;
    let root = tree.root();
    assert_eq!(
        verify_with_size(&compress, &policy, root, leaves[index], &proof, size),
        Ok(())
    );
    let forged = Bn254Digest::from_u64(u64::from(*salt));
    if verify_with_size(&compress, &policy, root, forged, &proof, size).is_ok() {
        assert_eq!(forged, leaves[index]);
    }
    if let Some(sibling) = proof.siblings.first_mut() {
        sibling.0 += Fr::from(1u64);
        assert!(
            verify_with_size(&compress, &policy, root, leaves[index], &proof, size).is_err(),
            "a changed sibling verified"
        );
    }
}

/// `CircomPoseidon<K>` over exactly `K` children.
fn compress<const K: usize>(children: &[Bn254Digest]) -> Option<Bn254Digest> {
    let group: &[Bn254Digest; K] = children.try_into().ok()?;
    Some(CircomPoseidon::<K>::new().ok()?.compress(group))
}
