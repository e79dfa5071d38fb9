//! The BabyBear and KoalaBear hashes against Plonky3's own pieces, each built here from
//! the field crate's default permutation, and Plonky3's published known answers.

use merklab_core::{Compression, DecodeError, Digest, LeafHash};
use merklab_plonky3::{
    BabyBear, BytesLeaf, Digest8, KoalaBear, Plonky3Error, Poseidon2Compress, RowLeaf,
};
use p3_baby_bear::default_babybear_poseidon2_16;
use p3_field::PrimeCharacteristicRing;
use p3_koala_bear::default_koalabear_poseidon2_16;
use p3_symmetric::{
    CryptographicHasher, PaddingFreeSponge, Permutation, PseudoCompressionFunction,
    TruncatedPermutation,
};

fn bb(values: [u32; 8]) -> Digest8<BabyBear> {
    Digest8::from_u32s(values).unwrap()
}

/// p3-baby-bear 0.8's known answer for `default_babybear_poseidon2_16`
/// (`test_default_babybear_poseidon2_width_16`).
#[test]
fn babybear_permutation_is_plonky3s_default() {
    let input = BabyBear::new_array([
        894848333, 1437655012, 1200606629, 1690012884, 71131202, 1749206695, 1717947831, 120589055,
        19776022, 42382981, 1831865506, 724844064, 171220207, 1299207443, 227047920, 1783754913,
    ]);
    let expected = BabyBear::new_array([
        516096821, 90309867, 1101817252, 1660784290, 360715097, 1789519026, 1788910906, 563338433,
        319524748, 1741414159, 1650859320, 894311162, 1121347488, 1692793758, 1052633829,
        1344246938,
    ]);
    assert_eq!(default_babybear_poseidon2_16().permute(input), expected);
    // The compression is the permutation's first eight outputs.
    let left: [BabyBear; 8] = input[..8].try_into().unwrap();
    let right: [BabyBear; 8] = input[8..].try_into().unwrap();
    let node = Poseidon2Compress::<BabyBear>::new().compress(&[Digest8(left), Digest8(right)]);
    assert_eq!(node.0[..], expected[..8]);
}

/// p3-koala-bear 0.8's known answer (`test_default_koalabear_poseidon2_width_16`).
#[test]
fn koalabear_compression_is_plonky3s_default_permutation() {
    let input = KoalaBear::new_array([
        894848333, 1437655012, 1200606629, 1690012884, 71131202, 1749206695, 1717947831, 120589055,
        19776022, 42382981, 1831865506, 724844064, 171220207, 1299207443, 227047920, 1783754913,
    ]);
    let expected = KoalaBear::new_array([
        1934285469, 604889435, 133449501, 1026180808, 1830659359, 176667110, 1391183747, 351743874,
        1238264085, 1292768839, 2023573270, 1201586780, 1360691759, 1230682461, 748270449,
        651545025,
    ]);
    assert_eq!(default_koalabear_poseidon2_16().permute(input), expected);
    let left: [KoalaBear; 8] = input[..8].try_into().unwrap();
    let right: [KoalaBear; 8] = input[8..].try_into().unwrap();
    let node = Poseidon2Compress::<KoalaBear>::new().compress(&[Digest8(left), Digest8(right)]);
    assert_eq!(node.0[..], expected[..8]);
}

#[test]
fn rows_hash_as_plonky3s_padding_free_sponge() {
    let sponge = PaddingFreeSponge::<_, 16, 8, 8>::new(default_babybear_poseidon2_16());
    for width in [1usize, 7, 8, 9, 16, 17, 40] {
        let row: Vec<BabyBear> = (0..width as u32)
            .map(|i| BabyBear::from_u32(i * 7919 + 1))
            .collect();
        assert_eq!(
            RowLeaf::new().hash_leaf(&row[..]).0,
            sponge.hash_slice(&row)
        );
    }
    let sponge = PaddingFreeSponge::<_, 16, 8, 8>::new(default_koalabear_poseidon2_16());
    let row: Vec<KoalaBear> = (0..11u32).map(KoalaBear::from_u32).collect();
    assert_eq!(
        RowLeaf::new().hash_leaf(&row[..]).0,
        sponge.hash_slice(&row)
    );
}

#[test]
fn nodes_compress_as_plonky3s_truncated_permutation() {
    let compress = TruncatedPermutation::<_, 2, 8, 16>::new(default_babybear_poseidon2_16());
    let a = bb([1, 2, 3, 4, 5, 6, 7, 8]);
    let b = bb([9, 10, 11, 12, 13, 14, 15, 2013265920]);
    let ours = Poseidon2Compress::new();
    assert_eq!(ours.compress(&[a, b]).0, compress.compress([a.0, b.0]));
    let mut out = [Digest8::zero(); 2];
    ours.compress_batch(&[a, b, b, a], &mut out);
    assert_eq!(out[1].0, compress.compress([b.0, a.0]));
}

#[test]
fn byte_leaves_are_the_sponge_over_length_and_3_byte_limbs() {
    let sponge = PaddingFreeSponge::<_, 16, 8, 8>::new(default_babybear_poseidon2_16());
    // "abcd": length 4 as three 24-bit limbs, then "abc" and "d" little-endian.
    let elements = BabyBear::new_array([4, 0, 0, 0x63_62_61, 0x64]);
    assert_eq!(
        BytesLeaf::<BabyBear>::new().hash_leaf(b"abcd").0,
        sponge.hash_slice(&elements)
    );
    let leaf = BytesLeaf::<KoalaBear>::new();
    assert_ne!(leaf.hash_leaf(&[1]), leaf.hash_leaf(&[1, 0]));
    assert_ne!(leaf.hash_leaf(&[]), leaf.hash_leaf(&[0]));
}

#[test]
fn digests_print_and_parse_as_decimal_arrays() {
    let d = bb([0, 1, 2, 3, 4, 5, 6, 2013265920]);
    let text = d.to_string();
    assert_eq!(text, "[0, 1, 2, 3, 4, 5, 6, 2013265920]");
    assert_eq!(text.parse::<Digest8<BabyBear>>().unwrap(), d);
    assert_eq!(
        "0 1 2 3 4 5 6 2013265920"
            .parse::<Digest8<BabyBear>>()
            .unwrap(),
        d
    );
    assert_eq!(
        "[0,1,2,3,4,5,6,2013265921]".parse::<Digest8<BabyBear>>(),
        Err(Plonky3Error::TooLarge {
            value: "2013265921".into(),
            field: "BabyBear",
            modulus: "2013265921".into()
        })
    );
    assert!("[0,1,2,3,4,5,6,2130706432]"
        .parse::<Digest8<KoalaBear>>()
        .is_ok());
    assert!(matches!(
        "[0,1,2,3,4,5,6,2130706433]".parse::<Digest8<KoalaBear>>(),
        Err(Plonky3Error::TooLarge { .. })
    ));
    assert!(matches!(
        "[1, 2, 3]".parse::<Digest8<BabyBear>>(),
        Err(Plonky3Error::DigestLength { found: 3, .. })
    ));
    assert!(matches!(
        "[1, 2, 3, 4, 5, 6, 7, -8]".parse::<Digest8<BabyBear>>(),
        Err(Plonky3Error::NotDecimal { .. })
    ));
    assert!(matches!(
        "[1, 2, 3, 4, 5, 6, 7, 99999999999999999999]".parse::<Digest8<BabyBear>>(),
        Err(Plonky3Error::TooLarge { .. })
    ));
}

#[test]
fn bytes_are_canonical_little_endian_u32s_and_checked() {
    let d = bb([0x0102, 0, 0, 0, 0, 0, 0, 7]);
    let mut bytes = Vec::new();
    d.write_bytes(&mut bytes);
    assert_eq!(bytes.len(), 32);
    assert_eq!(&bytes[..4], &[2, 1, 0, 0]);
    assert_eq!(&bytes[28..], &[7, 0, 0, 0]);
    assert_eq!(Digest8::<BabyBear>::read_bytes(&bytes).unwrap(), d);
    let mut too_large = bytes.clone();
    too_large[28..].copy_from_slice(&2013265921u32.to_le_bytes());
    assert!(matches!(
        Digest8::<BabyBear>::read_bytes(&too_large),
        Err(DecodeError::Invalid { .. })
    ));
    assert!(matches!(
        Digest8::<BabyBear>::read_bytes(&bytes[1..]),
        Err(DecodeError::DigestLength {
            expected: 32,
            found: 31
        })
    ));
}

#[test]
fn json_is_an_array_of_numbers() {
    let d = bb([1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(serde_json::to_string(&d).unwrap(), "[1,2,3,4,5,6,7,8]");
    assert_eq!(
        serde_json::from_str::<Digest8<BabyBear>>("[1,2,3,4,5,6,7,8]").unwrap(),
        d
    );
    for bad in [
        "[1,2,3,4,5,6,7,2013265921]",
        "[1,2,3]",
        "[1,2,3,4,5,6,7,4294967296]",
        "\"x\"",
    ] {
        assert!(
            serde_json::from_str::<Digest8<BabyBear>>(bad).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn order_is_by_canonical_values() {
    let small = bb([1, 0, 0, 0, 0, 0, 0, 0]);
    let large = bb([2013265920, 0, 0, 0, 0, 0, 0, 0]);
    assert!(small < large);
    assert!(Digest8::<BabyBear>::zero() < small);
    assert_eq!(Digest8::<BabyBear>::zero().0, [BabyBear::ZERO; 8]);
}
