//! Offchain selective disclosure: revealed claims plus the `private` list of the
//! other leaves' hashes, from which a verifier recomputes the root.

use std::collections::HashSet;

use merklab_aleo::literal;

use crate::certificate::{Certificate, CertificateDocument};
use crate::error::ZpassError;
use crate::proof::Verdict;
use crate::scheme::Issued;

/// Claims a disclosure always reveals: every key identifier is built from them.
pub const ALWAYS_REVEALED: [&str; 2] = ["type", "issuer"];

impl Issued {
    /// A disclosure revealing `keys` (plus `type` and `issuer`); every other leaf
    /// goes into `private`, sorted so its order says nothing about the claims.
    pub fn disclose(&self, keys: &[&str]) -> Result<Certificate, ZpassError> {
        for key in keys {
            self.claim(key)?;
        }
        // A set keeps a long --reveal list linear in the certificate's size.
        let keys: HashSet<&str> = keys.iter().copied().collect();
        let mut revealed = Vec::new();
        let mut private: Vec<u64> = self.certificate().private().to_vec();
        for (claim, h) in self.certificate().claims().iter().zip(self.hashes()) {
            if ALWAYS_REVEALED.contains(&claim.key.as_str()) || keys.contains(claim.key.as_str()) {
                revealed.push(claim.clone());
            } else {
                private.push(h.leaf);
            }
        }
        private.sort_unstable();
        Certificate::new(revealed, private)
    }
}

/// Recomputes a disclosure's (or certificate's) root and checks it against the root
/// the verifier trusts and the root the document states, when given.
pub fn verify_disclosure(
    doc: &CertificateDocument,
    trusted_root: Option<u64>,
) -> Result<(u64, Verdict), ZpassError> {
    let root = Issued::new(doc.certificate.clone())?.root();
    for (what, expected) in [("trusted", trusted_root), ("stated", doc.root)] {
        if let Some(expected) = expected {
            if expected != root {
                return Ok((
                    root,
                    Verdict::Rejected(format!(
                        "the recomputed root {} differs from the {what} root {}",
                        literal::format_u64(root),
                        literal::format_u64(expected)
                    )),
                ));
            }
        }
    }
    Ok((root, Verdict::Accepted))
}
