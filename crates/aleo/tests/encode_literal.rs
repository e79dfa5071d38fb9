//! encodeToF against an independent big-integer computation, field decimals, and literal syntax.

use merklab_aleo::literal::{
    format_field, format_u64, format_u64_array, leo_proof_array, parse_field, parse_u64,
    parse_u64_array,
};
use merklab_aleo::{
    encode_to_f, field_from_decimal, field_from_u128, field_to_decimal, hash_merge, hash_u128,
    merge_operand, AleoError, Arc0102Merge, FIELD_MODULUS_DECIMAL, MERGE_BASE,
};
use merklab_core::Compression;
use num_bigint::BigUint;

/// encodeToF as the spec's JavaScript writes it, with num-bigint.
fn reference_encode(s: &str) -> String {
    let p: BigUint = FIELD_MODULUS_DECIMAL.parse().unwrap();
    (BigUint::from_bytes_le(s.as_bytes()) % p).to_str_radix(10)
}

#[test]
fn modulus_is_the_published_one() {
    // The modulus printed in the spec's encodeToF reference code.
    assert_eq!(
        FIELD_MODULUS_DECIMAL,
        "8444461749428370424248824938781546531375899335154063827935233455917409239041"
    );
}

#[test]
fn encode_to_f_matches_bigint_reduction() {
    let long = "x".repeat(1000);
    let cases = [
        "",
        "a",
        "KYC",
        "\u{0}",
        "a\u{0}\u{0}",
        "héllo wörld ✓",
        // 31, 32 and 33 bytes: around the width snarkVM converts without reduction.
        "0123456789012345678901234567890",
        "01234567890123456789012345678901",
        "012345678901234567890123456789012",
        // A 36-byte UUID salt and a key id built from a 63-char address.
        "2fc55f97-a9a3-4ed7-8815-634441580111",
        "KYCaleo1rhgdu77hgyqd3xjj8ucu3jj9r2krwz6mnzyd80gncr5fxcwlh5rsvzp9pxname",
        "\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}",
        &long,
    ];
    for s in cases {
        assert_eq!(
            field_to_decimal(&encode_to_f(s)),
            reference_encode(s),
            "{s:?}"
        );
    }
    // Every length to 130 bytes, high bytes included: across the 31-byte runs
    // the encoding is reduced in.
    for n in 1..=65 {
        for s in [
            "~".repeat(n),
            "\u{ff}".repeat(n),
            "\u{7ff}".repeat(n / 2 + 1),
        ] {
            assert_eq!(
                field_to_decimal(&encode_to_f(&s)),
                reference_encode(&s),
                "{s:?}"
            );
        }
    }
}

#[test]
fn encode_to_f_known_weaknesses() {
    // Trailing NULs vanish; p's own little-endian bytes encode to 0.
    assert_eq!(encode_to_f("ab"), encode_to_f("ab\u{0}"));
    assert_eq!(field_to_decimal(&encode_to_f("")), "0");
}

#[test]
fn field_decimal_round_trip() {
    let p_minus_1 = "8444461749428370424248824938781546531375899335154063827935233455917409239040";
    for dec in ["0", "1", "1737213145", p_minus_1] {
        assert_eq!(field_to_decimal(&field_from_decimal(dec).unwrap()), dec);
    }
    assert_eq!(
        field_from_decimal("340282366920938463463374607431768211455").unwrap(),
        field_from_u128(u128::MAX)
    );
    assert!(matches!(
        field_from_decimal(FIELD_MODULUS_DECIMAL),
        Err(AleoError::FieldOverflow(_))
    ));
    let p_plus_1 = "8444461749428370424248824938781546531375899335154063827935233455917409239042";
    assert!(matches!(
        field_from_decimal(p_plus_1),
        Err(AleoError::FieldOverflow(_))
    ));
    for bad in ["", "12a", "-5", "1.5", "0x10", "007", "5field", "1_0"] {
        assert!(
            matches!(field_from_decimal(bad), Err(AleoError::InvalidDecimal(_))),
            "{bad}"
        );
    }
}

#[test]
fn u64_literals() {
    for v in [0, 1, 123, u64::MAX] {
        let s = format_u64(v);
        assert_eq!(s, format!("{v}u64"));
        assert_eq!(parse_u64(&s).unwrap(), v);
    }
    assert_eq!(parse_u64("123").unwrap(), 123);
    assert_eq!(parse_u64(" 7u64\n").unwrap(), 7);
    assert_eq!(parse_u64("1_000u64").unwrap(), 1000);
    assert_eq!(parse_u64("18446744073709551615u64").unwrap(), u64::MAX);
    for bad in [
        "12u32",
        "-1u64",
        "-1",
        "18446744073709551616u64",
        "18446744073709551616",
        "",
        "u64",
        "+1u64",
        "1u64u64",
        "1 u64",
        "_1u64",
        "0x10u64",
        "1.0u64",
        "12field",
    ] {
        assert!(
            matches!(
                parse_u64(bad),
                Err(AleoError::InvalidLiteral {
                    expected: "u64",
                    ..
                })
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn field_literals() {
    let big = "7304753691959740694777277560332690949244175568276288257230442595215705351000";
    for dec in ["0", "5", big] {
        let lit = format!("{dec}field");
        let f = parse_field(&lit).unwrap();
        assert_eq!(format_field(&f), lit);
        assert_eq!(field_to_decimal(&f), dec);
    }
    assert_eq!(
        parse_field("1_737_213_145field").unwrap(),
        field_from_u128(1_737_213_145)
    );
    for bad in [
        "5", "5u64", "-1field", "field", "05field", "5 field", "5fields", "0x5field",
    ] {
        assert!(
            matches!(
                parse_field(bad),
                Err(AleoError::InvalidLiteral {
                    expected: "field",
                    ..
                })
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        parse_field(&format!("{FIELD_MODULUS_DECIMAL}field")),
        Err(AleoError::FieldOverflow(_))
    ));
}

#[test]
fn u64_array_literals() {
    assert_eq!(format_u64_array(&[1, 0]), "[1u64, 0u64]");
    assert_eq!(format_u64_array(&[]), "[]");
    for v in [vec![], vec![5], vec![1, 0, u64::MAX]] {
        assert_eq!(parse_u64_array(&format_u64_array(&v)).unwrap(), v);
    }
    assert_eq!(parse_u64_array("[1u64,2u64]").unwrap(), vec![1, 2]);
    assert_eq!(parse_u64_array(" [ 1u64 ,\n 2 ] ").unwrap(), vec![1, 2]);
    for bad in [
        "[1u64,",
        "[1u64,]",
        "[,1u64]",
        "1u64, 2u64",
        "[1u64 2u64]",
        "[1u32]",
        "[-1u64]",
        "[[1u64]]",
        "[18446744073709551616u64]",
        "",
        "[",
    ] {
        assert!(
            matches!(
                parse_u64_array(bad),
                Err(AleoError::InvalidLiteral {
                    expected: "[u64]",
                    ..
                })
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn leo_proof_array_padding_and_errors() {
    let a = leo_proof_array(&[7, 9]).unwrap();
    assert_eq!(a.len(), 32);
    assert_eq!(&a[..2], &[7, 9]);
    assert!(a[2..].iter().all(|&x| x == 0));
    assert_eq!(leo_proof_array(&[]).unwrap(), [0u64; 32]);
    let full: Vec<u64> = (1..=32).collect();
    assert_eq!(leo_proof_array(&full).unwrap().to_vec(), full);
    let over: Vec<u64> = (1..=33).collect();
    assert_eq!(leo_proof_array(&over), Err(AleoError::ProofTooLong(33)));
    assert_eq!(leo_proof_array(&[3, 0, 4]), Err(AleoError::ZeroSibling(1)));
}

#[test]
fn merge_operand_and_symmetry() {
    assert_eq!(merge_operand(5, 2), Some(2 * MERGE_BASE + 5));
    assert_eq!(merge_operand(2, 5), merge_operand(5, 2));
    assert_eq!(merge_operand(u64::MAX, u64::MAX), None);
    // hash_merge hashes exactly that operand, in either argument order.
    assert_eq!(hash_merge(5, 2), hash_u128(2 * MERGE_BASE + 5));
    assert_eq!(hash_merge(2, 5), hash_merge(5, 2));
    // The overflowing pair does not panic.
    let _ = hash_merge(u64::MAX, u64::MAX);
}

#[test]
fn compression_over_two_children_is_hash_merge() {
    assert_eq!(Arc0102Merge::new().compress(&[9, 4]), hash_merge(4, 9));
    assert_eq!(Arc0102Merge::new().compress_short_group(&[4]), 4);
    assert_eq!(Arc0102Merge::new().compress_short_group(&[]), 0);
}
