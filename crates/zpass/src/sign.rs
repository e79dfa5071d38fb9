//! Issuer signatures over the root, as Leo's `signature::verify(sig, issuer, hash)`
//! checks them (an Aleo Schnorr signature over the `u64` root's field encoding).

use merklab_aleo::account::verify_u64;
pub use merklab_aleo::account::IssuerKey;
use merklab_aleo::literal;

use crate::error::ZpassError;
use crate::proof::Verdict;

/// A root, the address of the key that signed it and the signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRoot {
    /// The certificate hash.
    pub root: u64,
    /// The issuer's Aleo address (`aleo1...`).
    pub address: String,
    /// The signature (`sign1...`).
    pub signature: String,
}

/// Signs `root` with the issuer's key.
pub fn sign_root(key: &IssuerKey, root: u64) -> Result<SignedRoot, ZpassError> {
    Ok(SignedRoot {
        root,
        address: key.address(),
        signature: key.try_sign_u64(root)?,
    })
}

/// Checks a signature over `root` by `address`. Unparseable addresses or signatures
/// are errors; a well-formed signature that does not match is a rejection.
pub fn verify_root_signature(
    address: &str,
    signature: &str,
    root: u64,
) -> Result<Verdict, ZpassError> {
    if verify_u64(address.trim(), signature.trim(), root)? {
        Ok(Verdict::Accepted)
    } else {
        Ok(Verdict::Rejected(format!(
            "the signature is not {address}'s signature over {}",
            literal::format_u64(root)
        )))
    }
}
