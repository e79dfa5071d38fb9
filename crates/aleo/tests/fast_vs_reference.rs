//! Differential tests: every fast-path function returns what snarkvm-console returns.

use merklab_aleo::{encode_to_f, field_from_u128, Aleo, Config, Field, U64Hash};
use proptest::prelude::*;
use snarkvm_console::prelude::{Environment, One, Zero};
use snarkvm_console::program::Literal;
use snarkvm_console::types::{Boolean, Scalar, I128, I16, I32, I64, I8, U16, U32, U64, U8};

/// A field element from 32 random bytes, reduced mod p (covers the whole field).
fn field_from_bytes(bytes: &[u8; 32]) -> Field {
    use snarkvm_fields::PrimeField;
    Field::new(<Aleo as Environment>::Field::from_bytes_le_mod_order(bytes))
}

/// Fields near the edges: p - k, 2^j - k and 2^j + k for small k.
fn edge_field() -> impl Strategy<Value = Field> {
    (0u8..3, 0u128..1000, 0u32..253).prop_map(|(kind, k, j)| {
        let two_j = (0..j).fold(Field::one(), |acc, _| acc + acc);
        match kind {
            0 => Field::zero() - field_from_u128(k),
            1 => two_j - field_from_u128(k),
            _ => two_j + field_from_u128(k),
        }
    })
}

fn any_field() -> impl Strategy<Value = Field> {
    prop_oneof![
        any::<[u8; 32]>().prop_map(|b| field_from_bytes(&b)),
        edge_field()
    ]
}

fn any_u64() -> impl Strategy<Value = u64> {
    prop_oneof![
        any::<u64>(),
        Just(0),
        Just(1),
        Just(u64::MAX),
        Just(u64::MAX - 1)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn field(f in any_field()) {
        prop_assert_eq!(Config::FAST.hash_field(&f), Config::REFERENCE.hash_field(&f));
    }

    #[test]
    fn u128_values(v in prop_oneof![any::<u128>(), Just(0u128), Just(u128::MAX), (0u32..128).prop_map(|s| 1u128 << s)]) {
        prop_assert_eq!(Config::FAST.hash_u128(v), Config::REFERENCE.hash_u128(v));
    }

    #[test]
    fn u64_values(v in any_u64()) {
        prop_assert_eq!(Config::FAST.hash_u64(v), Config::REFERENCE.hash_u64(v));
    }

    #[test]
    fn merge(a in any_u64(), b in any_u64()) {
        prop_assert_eq!(Config::FAST.hash_merge(a, b), Config::REFERENCE.hash_merge(a, b));
    }

    #[test]
    fn strings(s in ".{0,80}", bytes in prop::collection::vec(any::<u8>(), 0..100)) {
        prop_assert_eq!(Config::FAST.hash_string(&s), Config::REFERENCE.hash_string(&s));
        // Byte strings of every length around the 31/32-byte reduction boundary.
        let ascii: String = bytes.iter().map(|b| char::from(b % 95 + 32)).collect();
        prop_assert_eq!(Config::FAST.hash_string(&ascii), Config::REFERENCE.hash_string(&ascii));
        prop_assert_eq!(Config::FAST.hash_string(&ascii), Config::FAST.hash_field(&encode_to_f(&ascii)));
    }

    #[test]
    fn other_literals(x in any::<u128>(), b in any::<bool>(), bytes in any::<[u8; 32]>()) {
        use snarkvm_fields::PrimeField;
        let scalar = <<Aleo as Environment>::Scalar as PrimeField>::from_bytes_le_mod_order(&bytes);
        let literals: Vec<Literal<Aleo>> = vec![
            Literal::Boolean(Boolean::new(b)),
            Literal::U8(U8::new(x as u8)),
            Literal::U16(U16::new(x as u16)),
            Literal::U32(U32::new(x as u32)),
            Literal::U64(U64::new(x as u64)),
            Literal::I8(I8::new(x as i8)),
            Literal::I16(I16::new(x as i16)),
            Literal::I32(I32::new(x as i32)),
            Literal::I64(I64::new(x as i64)),
            Literal::I128(I128::new(x as i128)),
            Literal::Scalar(Scalar::new(scalar)),
            Literal::Field(field_from_bytes(&bytes)),
        ];
        for literal in &literals {
            prop_assert_eq!(Config::FAST.hash_to_u64(literal).unwrap(), Config::REFERENCE.hash_to_u64(literal).unwrap(), "{}", literal);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn batches_equal_single_reference_calls(
        fields in prop::collection::vec(any_field(), 0..150),
        pairs in prop::collection::vec((any_u64(), any_u64()), 0..150),
        values in prop::collection::vec(any::<u128>(), 0..40),
        strings in prop::collection::vec(".{0,50}", 0..40),
    ) {
        // 150 crosses the size where the fast batch splits over the rayon pool.
        let expected: Vec<u64> = fields.iter().map(|x| Config::REFERENCE.hash_field(x)).collect();
        prop_assert_eq!(Config::FAST.hash_field_batch(&fields), expected.clone());
        prop_assert_eq!(Config::REFERENCE.hash_field_batch(&fields), expected);
        let expected: Vec<u64> = pairs.iter().map(|&(a, b)| Config::REFERENCE.hash_merge(a, b)).collect();
        prop_assert_eq!(Config::FAST.hash_merge_batch(&pairs), expected);
        let expected: Vec<u64> = values.iter().map(|v| Config::REFERENCE.hash_u128(*v)).collect();
        prop_assert_eq!(Config::FAST.hash_u128_batch(&values), expected);
        let as_u64: Vec<u64> = values.iter().map(|v| *v as u64).collect();
        let expected: Vec<u64> = as_u64.iter().map(|v| Config::REFERENCE.hash_u64(*v)).collect();
        prop_assert_eq!(Config::FAST.hash_u64_batch(&as_u64), expected);
        let expected: Vec<u64> = strings.iter().map(|s| Config::REFERENCE.hash_string(s)).collect();
        let strs: Vec<&str> = strings.iter().map(String::as_str).collect();
        prop_assert_eq!(Config::FAST.hash_string_batch(&strs), expected);
    }
}

#[test]
fn tables_pass_their_self_check() {
    assert!(merklab_aleo::warm_up());
}

#[test]
fn fixed_edge_values() {
    let p_minus_1 = Field::zero() - Field::one();
    for f in [
        Field::zero(),
        Field::one(),
        p_minus_1,
        p_minus_1 - Field::one(),
    ] {
        assert_eq!(
            Config::FAST.hash_field(&f),
            Config::REFERENCE.hash_field(&f)
        );
    }
    for (a, b) in [
        (0, 0),
        (u64::MAX, u64::MAX),
        (0, u64::MAX),
        (u64::MAX - 1, u64::MAX),
    ] {
        assert_eq!(
            Config::FAST.hash_merge(a, b),
            Config::REFERENCE.hash_merge(a, b),
            "{a} {b}"
        );
    }
    for s in [
        "",
        "\0",
        "a",
        "KYCaleo123456dob",
        &"x".repeat(31),
        &"x".repeat(32),
        &"\u{10ffff}".repeat(20),
    ] {
        assert_eq!(
            Config::FAST.hash_string(s),
            Config::REFERENCE.hash_string(s),
            "{s:?}"
        );
    }
}
