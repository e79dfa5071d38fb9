//! The Aleo hash family against snarkvm-console called the way snarkVM calls it,
//! against the ARC-0102 seed vectors, and against snarkVM's own Merkle trees.

use merklab_aleo::family::{
    bhp_hash, hash_instruction, pedersen_hash, poseidon_hash, Bhp, BhpSize, EncodeToF,
    FieldHashName, HashDestination, HashOpcode, HashVariant, PackedBytes, Pedersen, PedersenSize,
    PlaintextFields, Poseidon, PoseidonRate,
};
use merklab_aleo::{encode_to_f, field_from_u128, Aleo, Field, FieldDigest};
use merklab_core::{Compression, DomainTags, Encoder, LeafHash, MerkleTree, Policy};
use snarkvm_console::network::Network;
use snarkvm_console::prelude::{FromBits, ToBits};
use snarkvm_console::program::Literal;
use snarkvm_console::types::{U128, U64, U8};

fn op(text: &str) -> HashOpcode {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn as_u64(l: &Literal<Aleo>) -> u64 {
    match l {
        Literal::U64(v) => **v,
        other => panic!("expected u64, got {other}"),
    }
}

fn as_field(l: &Literal<Aleo>) -> Field {
    match l {
        Literal::Field(f) => *f,
        other => panic!("expected field, got {other}"),
    }
}

/// Little-endian bits of `v`, `n` of them.
fn le_bits(v: u128, n: usize) -> Vec<bool> {
    (0..n).map(|i| i < 128 && (v >> i) & 1 == 1).collect()
}

/// The plaintext bits of a field literal written out from the format itself:
/// variant [0,0], type id 2 (u8 LE), size 253 (u16 LE), then the value's bits.
fn field_plaintext_bits(f: &Field) -> Vec<bool> {
    let mut bits = vec![false, false];
    bits.extend(le_bits(2, 8));
    bits.extend(le_bits(253, 16));
    bits.extend(f.to_bits_le());
    bits
}

#[test]
fn sha3_256_as_u64_reproduces_the_seed_value_hashes() {
    // Seed vectors: value hash of "KYC" and of "aleo123456" (encodeToF, then hash.sha3_256 as u64).
    for (text, expected) in [
        ("KYC", 11957017686122452459u64),
        ("aleo123456", 3389449752597723648u64),
    ] {
        let out = hash_instruction(
            &op("hash.sha3_256 as u64"),
            &Literal::Field(encode_to_f(text)),
        )
        .unwrap();
        assert_eq!(as_u64(&out), expected, "{text}");
    }
    // dob: a non-negative integer value hashes as that field.
    let dob = hash_instruction(
        &op("hash.sha3_256 as u64"),
        &Literal::Field(field_from_u128(1737213145)),
    )
    .unwrap();
    assert_eq!(as_u64(&dob), 905007618703667086);
}

#[test]
fn psd_instructions_hash_the_packed_plaintext_bits() {
    let f = field_from_u128(0xDEAD_BEEF_u128 << 90);
    let mut bits = field_plaintext_bits(&f);
    bits.push(true); // the terminus bit of to_fields()
    let packed: Vec<Field> = bits
        .chunks(252)
        .map(|c| Field::from_bits_le(c).unwrap())
        .collect();
    assert_eq!(packed.len(), 2); // 279 bits + 1 span two field elements
    assert_eq!(PlaintextFields.encode(&Literal::Field(f)).unwrap(), packed);
    for (text, rate) in [
        ("hash.psd2", PoseidonRate::Psd2),
        ("hash.psd4", PoseidonRate::Psd4),
        ("hash.psd8", PoseidonRate::Psd8),
    ] {
        let expected = poseidon_hash(rate, &packed).unwrap();
        let got = hash_instruction(&op(&format!("{text} as field")), &Literal::Field(f)).unwrap();
        assert_eq!(as_field(&got), expected, "{text}");
        let low = hash_instruction(&op(&format!("{text} as u64")), &Literal::Field(f)).unwrap();
        let expected_low: u64 = expected.to_bits_le()[..64]
            .iter()
            .rev()
            .fold(0, |acc, &b| (acc << 1) | u64::from(b));
        assert_eq!(as_u64(&low), expected_low, "{text} as u64");
    }
}

#[test]
fn bit_hashes_go_through_the_group_and_keep_the_x_coordinate() {
    // hash_bhp* returns the x-coordinate directly; the instruction goes through
    // hash_to_group and a lossy cast: both must agree.
    let input = Literal::U64(U64::new(0x0123_4567_89AB_CDEF));
    let mut bits = vec![false, false];
    bits.extend(le_bits(12, 8)); // u64 type id
    bits.extend(le_bits(64, 16));
    bits.extend(le_bits(0x0123_4567_89AB_CDEF, 64));
    for (text, size) in [
        ("hash.bhp256", BhpSize::Bhp256),
        ("hash.bhp512", BhpSize::Bhp512),
        ("hash.bhp768", BhpSize::Bhp768),
        ("hash.bhp1024", BhpSize::Bhp1024),
    ] {
        let got = hash_instruction(&op(&format!("{text} as field")), &input).unwrap();
        assert_eq!(as_field(&got), bhp_hash(size, &bits).unwrap(), "{text}");
    }
    let got = hash_instruction(&op("hash.ped128 as field"), &input).unwrap();
    assert_eq!(
        as_field(&got),
        pedersen_hash(PedersenSize::Ped128, &bits).unwrap()
    );
    // SHA3 and Keccak: the digest bits, then BHP256 (256-bit) or BHP512 (384/512-bit).
    let sha = Aleo::hash_sha3_256(&bits).unwrap();
    let got = hash_instruction(&op("hash.sha3_256 as field"), &input).unwrap();
    assert_eq!(as_field(&got), Aleo::hash_bhp256(&sha).unwrap());
    let kec = Aleo::hash_keccak384(&bits).unwrap();
    let got = hash_instruction(&op("hash.keccak384 as field"), &input).unwrap();
    assert_eq!(as_field(&got), Aleo::hash_bhp512(&kec).unwrap());
}

#[test]
fn every_opcode_u64_is_the_low_bits_of_its_field() {
    let input = Literal::U8(U8::new(200));
    for opcode in HashOpcode::all()
        .into_iter()
        .filter(|o| o.destination == HashDestination::Field)
    {
        let field = hash_instruction(&opcode, &input);
        let u64_op = HashOpcode {
            destination: HashDestination::U64,
            ..opcode
        };
        let low = hash_instruction(&u64_op, &input);
        match (field, low) {
            (Ok(f), Ok(u)) => {
                let f = as_field(&f);
                let expected: u64 = f.to_bits_le()[..64]
                    .iter()
                    .rev()
                    .fold(0, |acc, &b| (acc << 1) | u64::from(b));
                assert_eq!(as_u64(&u), expected, "{opcode}");
            }
            (Err(_), Err(_)) => {}
            (f, u) => panic!("{opcode}: field {f:?} but u64 {u:?}"),
        }
    }
}

#[test]
fn raw_forms_and_input_limits() {
    // .raw hashes the value's bits alone.
    let v = 0xFEED_u64;
    let raw =
        hash_instruction(&op("hash.bhp256.raw as field"), &Literal::U64(U64::new(v))).unwrap();
    assert_eq!(
        as_field(&raw),
        bhp_hash(BhpSize::Bhp256, &le_bits(u128::from(v), 64)).unwrap()
    );
    let sha = hash_instruction(
        &op("hash.sha3_256.raw as field"),
        &Literal::U64(U64::new(v)),
    )
    .unwrap();
    let digest = Aleo::hash_sha3_256(&le_bits(u128::from(v), 64)).unwrap();
    assert_eq!(as_field(&sha), Aleo::hash_bhp256(&digest).unwrap());
    // A field has 253 bits, not a whole number of bytes: SHA3/Keccak .raw refuse it.
    assert!(hash_instruction(
        &op("hash.sha3_256.raw as u64"),
        &Literal::Field(field_from_u128(5))
    )
    .is_err());
    assert!(hash_instruction(
        &op("hash.keccak256.raw as u64"),
        &Literal::Field(field_from_u128(5))
    )
    .is_err());
    // psd.raw of a field packs its 253 bits into 252-bit chunks: two elements.
    let f = field_from_u128(77);
    let chunks: Vec<Field> = f
        .to_bits_le()
        .chunks(252)
        .map(|c| Field::from_bits_le(c).unwrap())
        .collect();
    let got = hash_instruction(&op("hash.psd2.raw as field"), &Literal::Field(f)).unwrap();
    assert_eq!(as_field(&got), Aleo::hash_psd2(&chunks).unwrap());
    // Pedersen64: a u64 literal is 90 plaintext bits, too many; a u8 (34 bits) fits.
    assert!(hash_instruction(&op("hash.ped64 as field"), &Literal::U64(U64::new(1))).is_err());
    assert!(hash_instruction(&op("hash.ped64 as field"), &Literal::U8(U8::new(1))).is_ok());
    assert!(hash_instruction(&op("hash.ped128 as u64"), &Literal::U128(U128::new(1))).is_err());
}

#[test]
fn opcodes_parse_and_print() {
    let all = HashOpcode::all();
    assert_eq!(all.len(), 60);
    for o in &all {
        assert_eq!(&o.to_string().parse::<HashOpcode>().unwrap(), o);
    }
    assert_eq!(
        op("hash.keccak512.raw as u64").variant,
        HashVariant::Keccak512
    );
    for bad in [
        "hash.sha3_256",
        "hash.sha3_256 as u32",
        "hash.md5 as u64",
        "hash.psd2 as field x",
        "",
        "as u64",
    ] {
        assert!(bad.parse::<HashOpcode>().is_err(), "{bad:?}");
    }
    assert_eq!(
        "psd4".parse::<FieldHashName>().unwrap(),
        FieldHashName::Psd4
    );
    assert_eq!(
        "poseidon3".parse::<FieldHashName>().unwrap_err().to_string(),
        "unknown hash 'poseidon3' (expected one of poseidon2, poseidon4, poseidon8, bhp256, bhp512, bhp768, bhp1024)"
    );
    assert!("sha3-256".parse::<FieldHashName>().is_err());
    for name in FieldHashName::ALL {
        assert_eq!(name.to_string().parse::<FieldHashName>(), Ok(name));
    }
}

fn leaf_fields(i: u128) -> Vec<Field> {
    vec![field_from_u128(i * 7 + 1), field_from_u128(i << 70)]
}

#[test]
fn tagged_poseidon_tree_equals_snarkvm_merkle_tree_psd() {
    // snarkVM's Poseidon Merkle tree: Poseidon4 leaves prefixed 0field, Poseidon2 nodes prefixed 1field.
    let leaves: Vec<Vec<Field>> = (0..8).map(leaf_fields).collect();
    let reference = Aleo::merkle_tree_psd::<3>(&leaves).unwrap();
    let leaf_hash = Poseidon::new(PoseidonRate::Psd4, DomainTags::Tagged);
    let node = Poseidon::new(PoseidonRate::Psd2, DomainTags::Tagged);
    let digests: Vec<FieldDigest> = leaves.iter().map(|l| leaf_hash.hash_leaf(l)).collect();
    let tree = MerkleTree::<FieldDigest, 2>::build(&node, Policy::new(), digests).unwrap();
    assert_eq!(tree.root().0, *reference.root());
    // Untagged differs: the tags are what makes the layouts equal.
    let plain = Poseidon::new(PoseidonRate::Psd2, DomainTags::None);
    let d: Vec<FieldDigest> = leaves.iter().map(|l| leaf_hash.hash_leaf(l)).collect();
    let other = MerkleTree::<FieldDigest, 2>::build(&plain, Policy::new(), d).unwrap();
    assert_ne!(other.root(), tree.root());
}

#[test]
fn tagged_bhp_tree_equals_snarkvm_merkle_tree_bhp() {
    // snarkVM's BHP Merkle tree: BHP1024 leaves prefixed `false`, BHP512 nodes prefixed `true`.
    let leaves: Vec<Vec<bool>> = (0..4u128).map(|i| le_bits(i * 0x1F1F + 3, 100)).collect();
    let reference = Aleo::merkle_tree_bhp::<2>(&leaves).unwrap();
    let leaf_hash = Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged);
    let node = Bhp::new(BhpSize::Bhp512, DomainTags::Tagged);
    let digests: Vec<FieldDigest> = leaves.iter().map(|l| leaf_hash.hash_leaf(l)).collect();
    let tree = MerkleTree::<FieldDigest, 2>::build(&node, Policy::new(), digests).unwrap();
    assert_eq!(tree.root().0, *reference.root());
}

/// snarkVM refuses no BHP input length (its 252 prefix bits exceed every size's
/// one-window minimum), so a leaf of any length, even empty, is snarkVM's own hash.
#[test]
fn bhp_leaves_of_any_length_are_snarkvms_hash() {
    for size in [
        BhpSize::Bhp256,
        BhpSize::Bhp512,
        BhpSize::Bhp768,
        BhpSize::Bhp1024,
    ] {
        let untagged = Bhp::new(size, DomainTags::None);
        for len in [0, 1, 2, 3, 64, 2000] {
            let bits = le_bits(0x1234_5678_9abc_def1, 64.min(len));
            let bits: Vec<bool> = bits.iter().copied().cycle().take(len).collect();
            let expected = bhp_hash(size, &bits).unwrap();
            assert_eq!(
                untagged.hash_leaf(&bits).0,
                expected,
                "{size:?}, {len} bits"
            );
        }
    }
}

#[test]
fn poseidon_compression_is_the_sponge_over_the_children() {
    let kids: Vec<FieldDigest> = (1..=5).map(|i| FieldDigest(field_from_u128(i))).collect();
    for (rate, k) in [
        (PoseidonRate::Psd2, 2),
        (PoseidonRate::Psd4, 4),
        (PoseidonRate::Psd8, 5),
    ] {
        let c = Poseidon::new(rate, DomainTags::None);
        let fields: Vec<Field> = kids[..k].iter().map(|d| d.0).collect();
        let got = Compression::<8>::compress_short_group(&c, &kids[..k]);
        assert_eq!(got.0, poseidon_hash(rate, &fields).unwrap());
    }
    // Every field hash compresses distinct inputs to distinct digests, and order matters.
    for name in FieldHashName::ALL {
        let c = name.compression(DomainTags::None);
        let ab = Compression::<2>::compress(&c, &[kids[0], kids[1]]);
        let ba = Compression::<2>::compress(&c, &[kids[1], kids[0]]);
        assert_ne!(ab, ba, "{name}");
    }
}

#[test]
fn pedersen_leaf_hashes_64_bits() {
    let p = Pedersen(PedersenSize::Ped64);
    assert_eq!(
        p.hash_leaf(&0xABCD).0,
        pedersen_hash(PedersenSize::Ped64, &le_bits(0xABCD, 64)).unwrap()
    );
    assert!(pedersen_hash(PedersenSize::Ped64, &le_bits(1, 65)).is_err());
}

#[test]
fn packed_bytes_is_injective_where_encode_to_f_is_not() {
    // encodeToF drops trailing NULs and wraps 32+ byte strings; PackedBytes does neither.
    assert_eq!(
        EncodeToF.encode("ab").unwrap(),
        EncodeToF.encode("ab\0").unwrap()
    );
    assert_ne!(
        PackedBytes.encode("ab").unwrap(),
        PackedBytes.encode("ab\0").unwrap()
    );
    let inputs: Vec<Vec<u8>> = vec![
        vec![],
        vec![0],
        vec![0, 0],
        vec![1],
        vec![0xFF; 31],
        vec![0xFF; 32],
        [vec![0xFF; 31], vec![0]].concat(),
        vec![7; 62],
        vec![7; 63],
    ];
    let packed: Vec<Vec<Field>> = inputs.iter().map(|b| PackedBytes::pack(b)).collect();
    for i in 0..packed.len() {
        for j in i + 1..packed.len() {
            assert_ne!(packed[i], packed[j], "{:?} vs {:?}", inputs[i], inputs[j]);
        }
    }
    // Length first, then 31-byte chunks: 63 bytes -> 1 + 3 elements, each exact (no reduction).
    let p = PackedBytes::pack(&[0xFF; 63]);
    assert_eq!(p.len(), 4);
    assert_eq!(p[0], field_from_u128(63));
    let top = p[1].to_bits_le();
    assert!(top[..248].iter().all(|&b| b) && top[248..].iter().all(|&b| !b));
    assert_eq!(p[3], field_from_u128(0xFF));
}
