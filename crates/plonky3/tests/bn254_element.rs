//! The BN254 digest's text, bytes and bounds.

use merklab_core::{DecodeError, Digest};
use merklab_plonky3::{Bn254Element, Plonky3Error, BN254_MODULUS_DECIMAL};

#[test]
fn decimal_is_exact_and_bounded() {
    let top = "21888242871839275222246405745257275088548364400416034343698204186575808495616";
    assert_eq!(Bn254Element::from_decimal(top).unwrap().to_string(), top);
    assert_eq!(
        Bn254Element::from_decimal("007").unwrap(),
        Bn254Element::from_u64(7)
    );
    assert!(matches!(
        Bn254Element::from_decimal(BN254_MODULUS_DECIMAL),
        Err(Plonky3Error::TooLarge { .. })
    ));
    for bad in ["", "-1", "0x10", " 1"] {
        assert!(matches!(
            Bn254Element::from_decimal(bad),
            Err(Plonky3Error::NotDecimal { .. })
        ));
    }
}

#[test]
fn bytes_are_big_endian_and_checked() {
    let d = Bn254Element::from_u64(0x0102);
    let mut bytes = Vec::new();
    d.write_bytes(&mut bytes);
    assert_eq!(bytes.len(), 32);
    assert_eq!(&bytes[30..], &[1, 2]);
    assert_eq!(Bn254Element::read_bytes(&bytes).unwrap(), d);
    assert!(matches!(
        Bn254Element::read_bytes(&[0xff; 32]),
        Err(DecodeError::Invalid { .. })
    ));
    assert!(Bn254Element::from_u64(3) < Bn254Element::from_u64(1 << 40));
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"258\"");
}
