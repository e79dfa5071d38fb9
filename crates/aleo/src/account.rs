//! Issuer keys and signatures over a `u64` root that Leo's `signature::verify` accepts.
//!
//! Leo's `signature::verify(sig, addr, msg)` runs snarkVM's `sign.verify`,
//! which checks an Aleo Schnorr signature over `Value::to_fields()` of the
//! message: for a `u64` that is one field element (the literal's plaintext
//! bits, then a terminating 1). Signing the raw bytes would not verify in Leo.

use std::fmt;
use std::str::FromStr;

use rand::rngs::{ChaCha20Rng, SysRng};
use rand::{SeedableRng, TryRng};
use snarkvm_console::account::{Address, PrivateKey, Signature};
use snarkvm_console::program::{Literal, Plaintext, ToFields, Value};
use snarkvm_console::types::U64;

use crate::{Aleo, AleoError, Field};

/// An issuer's Aleo private key with its address; `Debug` shows only the address.
#[derive(Clone)]
pub struct IssuerKey {
    key: PrivateKey<Aleo>,
    address: Address<Aleo>,
}

impl IssuerKey {
    /// A fresh key from the OS CSPRNG.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness; see [`IssuerKey::try_generate`].
    pub fn generate() -> Self {
        match Self::try_generate() {
            Ok(key) => key,
            Err(e) => panic!("cannot generate an issuer key: {e}"),
        }
    }

    /// A fresh key from the OS CSPRNG, or an error if the OS has no randomness to give.
    pub fn try_generate() -> Result<Self, AleoError> {
        let key = PrivateKey::<Aleo>::new(&mut os_rng()?)
            .map_err(|e| AleoError::SnarkVm(e.to_string()))?;
        Self::from_private_key(key)
    }

    /// Parses an `APrivateKey1...` string.
    pub fn from_str_key(s: &str) -> Result<Self, AleoError> {
        // snarkVM's message may quote the input; it is a secret, so it is dropped.
        let key =
            PrivateKey::<Aleo>::from_str(s.trim()).map_err(|_| AleoError::InvalidPrivateKey)?;
        Self::from_private_key(key)
    }

    /// The `APrivateKey1...` string (a secret: handle with care).
    pub fn to_secret_string(&self) -> String {
        self.key.to_string()
    }

    /// The issuer's `aleo1...` address.
    pub fn address(&self) -> String {
        self.address.to_string()
    }

    /// Signs `msg` as Leo's `signature::verify(sig, addr, msg)` expects; returns `sign1...`.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness; see [`IssuerKey::try_sign_u64`].
    pub fn sign_u64(&self, msg: u64) -> String {
        match self.try_sign_u64(msg) {
            Ok(sig) => sig,
            Err(e) => panic!("cannot sign: {e}"),
        }
    }

    /// [`IssuerKey::sign_u64`], with an error instead of a panic if randomness is unavailable.
    pub fn try_sign_u64(&self, msg: u64) -> Result<String, AleoError> {
        let fields = u64_message(msg)?;
        Signature::sign(&self.key, &fields, &mut os_rng()?)
            .map(|sig| sig.to_string())
            .map_err(|e| AleoError::SnarkVm(e.to_string()))
    }

    /// Signs a `field` message as Leo's `signature::verify(sig, addr, msg)` expects
    /// for `msg: field`; returns `sign1...`. Used for digests wider than 64 bits.
    pub fn try_sign_field(&self, msg: &Field) -> Result<String, AleoError> {
        let fields = field_message(msg)?;
        Signature::sign(&self.key, &fields, &mut os_rng()?)
            .map(|sig| sig.to_string())
            .map_err(|e| AleoError::SnarkVm(e.to_string()))
    }

    /// The snarkVM private key.
    pub fn private_key(&self) -> &PrivateKey<Aleo> {
        &self.key
    }

    /// Pairs a private key with its derived address.
    fn from_private_key(key: PrivateKey<Aleo>) -> Result<Self, AleoError> {
        let address = Address::try_from(&key).map_err(|_| AleoError::InvalidPrivateKey)?;
        Ok(Self { key, address })
    }
}

impl fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerKey")
            .field("address", &self.address.to_string())
            .finish_non_exhaustive()
    }
}

/// Checks a `sign1...` signature by `address` over `msg`, as Leo's `signature::verify` does.
///
/// The signature is over `Value::from_str("<msg>u64").to_fields()`. A malformed
/// address or signature is an error naming which; a well-formed signature
/// that does not match is `Ok(false)`.
pub fn verify_u64(address: &str, signature: &str, msg: u64) -> Result<bool, AleoError> {
    let addr =
        Address::<Aleo>::from_str(address.trim()).map_err(|e| AleoError::InvalidAddress {
            given: address.to_string(),
            reason: e.to_string(),
        })?;
    let sig = Signature::<Aleo>::from_str(signature.trim())
        .map_err(|e| AleoError::InvalidSignature(e.to_string()))?;
    Ok(sig.verify(&addr, &u64_message(msg)?))
}

/// Checks a `sign1...` signature by `address` over a `field` message, as Leo's
/// `signature::verify` does; errors and `Ok(false)` as in [`verify_u64`].
pub fn verify_field(address: &str, signature: &str, msg: &Field) -> Result<bool, AleoError> {
    let addr =
        Address::<Aleo>::from_str(address.trim()).map_err(|e| AleoError::InvalidAddress {
            given: address.to_string(),
            reason: e.to_string(),
        })?;
    let sig = Signature::<Aleo>::from_str(signature.trim())
        .map_err(|e| AleoError::InvalidSignature(e.to_string()))?;
    Ok(sig.verify(&addr, &field_message(msg)?))
}

/// The field elements a `field` message is signed as: `Value::to_fields()` of the literal.
pub fn field_message(msg: &Field) -> Result<Vec<Field>, AleoError> {
    Value::<Aleo>::Plaintext(Plaintext::from(Literal::Field(*msg)))
        .to_fields()
        .map_err(|e| AleoError::SnarkVm(e.to_string()))
}

/// Checks that `address` is a well-formed Aleo address.
pub fn check_address(address: &str) -> Result<(), AleoError> {
    Address::<Aleo>::from_str(address.trim())
        .map(|_| ())
        .map_err(|e| AleoError::InvalidAddress {
            given: address.to_string(),
            reason: e.to_string(),
        })
}

/// The field elements a `u64` message is signed as: `Value::to_fields()` of the literal.
pub fn u64_message(msg: u64) -> Result<Vec<Field>, AleoError> {
    Value::<Aleo>::Plaintext(Plaintext::from(Literal::U64(U64::new(msg))))
        .to_fields()
        .map_err(|e| AleoError::SnarkVm(e.to_string()))
}

/// A ChaCha20 CSPRNG seeded from the OS (snarkVM wants an infallible `CryptoRng`).
fn os_rng() -> Result<ChaCha20Rng, AleoError> {
    let mut seed = [0u8; 32];
    SysRng
        .try_fill_bytes(&mut seed)
        .map_err(|e| AleoError::Rng(e.to_string()))?;
    Ok(ChaCha20Rng::from_seed(seed))
}
