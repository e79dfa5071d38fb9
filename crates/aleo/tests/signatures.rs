//! Issuer keys and u64 signatures as Leo's `signature::verify(sig, addr, msg)` checks them.

use std::str::FromStr;

use merklab_aleo::account::{u64_message, verify_u64, IssuerKey};
use merklab_aleo::{Aleo, AleoError};
use snarkvm_console::account::Signature;
use snarkvm_console::prelude::{FromBytes, ToBytes};
use snarkvm_console::program::{ToFields, Value};

#[test]
fn message_is_value_to_fields_of_the_literal() {
    // The parsed-literal path Leo's verifier takes, against our direct construction.
    for msg in [0u64, 1, 7_849_773_981_907_115_583, u64::MAX] {
        let parsed = Value::<Aleo>::from_str(&format!("{msg}u64")).unwrap();
        assert_eq!(u64_message(msg).unwrap(), parsed.to_fields().unwrap());
    }
}

#[test]
fn sign_then_verify() {
    let key = IssuerKey::generate();
    let other = IssuerKey::generate();
    let addr = key.address();
    assert!(addr.starts_with("aleo1"));
    assert_ne!(addr, other.address());

    let root = 7_849_773_981_907_115_583u64;
    let sig = key.sign_u64(root);
    assert!(sig.starts_with("sign1"));
    assert_eq!(verify_u64(&addr, &sig, root), Ok(true));
    // Another message, another address.
    assert_eq!(verify_u64(&addr, &sig, root + 1), Ok(false));
    assert_eq!(verify_u64(&other.address(), &sig, root), Ok(false));
    // Another signature by another key over the same message does not verify for this address.
    assert_eq!(verify_u64(&addr, &other.sign_u64(root), root), Ok(false));
}

#[test]
fn tampered_signature_fails() {
    let key = IssuerKey::generate();
    let msg = 42u64;
    let sig = key.sign_u64(msg);

    // A changed character breaks the bech32m checksum: a malformed signature.
    let mut chars: Vec<char> = sig.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'q' { 'p' } else { 'q' };
    let broken: String = chars.into_iter().collect();
    assert!(matches!(
        verify_u64(&key.address(), &broken, msg),
        Err(AleoError::InvalidSignature(_))
    ));

    // A well-formed signature whose challenge scalar changed: it parses but does not verify.
    let parsed = Signature::<Aleo>::from_str(&sig).unwrap();
    let mut bytes = parsed.to_bytes_le().unwrap();
    bytes[0] ^= 1; // lowest byte of the challenge scalar
    let altered = Signature::<Aleo>::read_le(&bytes[..]).unwrap().to_string();
    assert_ne!(altered, sig);
    assert_eq!(verify_u64(&key.address(), &altered, msg), Ok(false));
}

#[test]
fn key_string_round_trip_and_debug_hides_secret() {
    let key = IssuerKey::generate();
    let secret = key.to_secret_string();
    assert!(secret.starts_with("APrivateKey1"));
    let again = IssuerKey::from_str_key(&secret).unwrap();
    assert_eq!(again.address(), key.address());
    assert_eq!(again.to_secret_string(), secret);
    // A signature by the reparsed key verifies against the original address.
    assert_eq!(verify_u64(&key.address(), &again.sign_u64(5), 5), Ok(true));

    let debug = format!("{key:?}");
    assert!(!debug.contains(&secret), "{debug}");
    assert!(!debug.contains("APrivateKey1"), "{debug}");
    assert!(debug.contains(&key.address()), "{debug}");
}

#[test]
fn published_development_key_derives_its_address() {
    // snarkOS's development key for node 0 and the address it prints for it.
    let key =
        IssuerKey::from_str_key("APrivateKey1zkp8CZNn3yeCseEtxuVPbDCwSyhGW6yZKUYKfgXmcpoGPWH")
            .unwrap();
    assert_eq!(
        key.address(),
        "aleo1rhgdu77hgyqd3xjj8ucu3jj9r2krwz6mnzyd80gncr5fxcwlh5rsvzp9px"
    );
    let sig = key.sign_u64(7_849_773_981_907_115_583);
    assert_eq!(
        verify_u64(
            "aleo1rhgdu77hgyqd3xjj8ucu3jj9r2krwz6mnzyd80gncr5fxcwlh5rsvzp9px",
            &sig,
            7_849_773_981_907_115_583
        ),
        Ok(true)
    );
}

#[test]
fn bad_private_keys_are_errors() {
    for bad in [
        "",
        "APrivateKey1",
        "hello",
        "APrivateKey1zkp0000000000000000000000000000000000000000",
        "🙂",
    ] {
        // The variant carries no text, so the (possibly secret) input is never echoed.
        assert_eq!(
            IssuerKey::from_str_key(bad).unwrap_err(),
            AleoError::InvalidPrivateKey,
            "{bad:?}"
        );
    }
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let key = IssuerKey::generate();
    let addr = key.address();
    let sig = key.sign_u64(1);

    for bad_addr in [
        "",
        "aleo1",
        "aleo1qqqq",
        "garbage",
        "sign1abc",
        &sig,
        "aleo1🙂",
        &addr[..addr.len() - 1],
    ] {
        assert!(
            matches!(
                verify_u64(bad_addr, &sig, 1),
                Err(AleoError::InvalidAddress { .. })
            ),
            "{bad_addr:?}"
        );
    }
    for bad_sig in [
        "",
        "sign1",
        "sign1qqqq",
        "garbage",
        &addr,
        "sign1🙂",
        &sig[..sig.len() - 1],
    ] {
        assert!(
            matches!(
                verify_u64(&addr, bad_sig, 1),
                Err(AleoError::InvalidSignature(_))
            ),
            "{bad_sig:?}"
        );
    }
}
