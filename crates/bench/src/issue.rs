//! A whole ARC-0102 issuance with every claim's proof, counting hash calls: the
//! workload of the certificate benchmarks and of the docs' hash-count figures.

use merklab_aleo::{Config, Counting};
use merklab_zpass::{Certificate, Issued, KeyIdCache, ZpassError};

/// What [`issue_and_prove_all`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueReport {
    /// The root.
    pub root: u64,
    /// Proofs made (one value proof per claim).
    pub proofs: usize,
    /// `hash_to_u64` calls spent, counted by [`merklab_aleo::Counting`].
    pub hash_calls: u64,
}

/// Issues a certificate and every claim's value proof, counting this call's own hash
/// calls.
pub fn issue_and_prove_all(certificate: Certificate) -> Result<IssueReport, ZpassError> {
    issue_and_prove_all_with(Config::DEFAULT, certificate, None)
}

/// [`issue_and_prove_all`] with key identifiers from `cache`: the second and later
/// certificates of one schema spend one hash call fewer per claim.
pub fn issue_and_prove_all_cached(
    certificate: Certificate,
    cache: &KeyIdCache,
) -> Result<IssueReport, ZpassError> {
    issue_and_prove_all_with(Config::DEFAULT, certificate, Some(cache))
}

/// [`issue_and_prove_all`] hashing with `config` (a path and SIMD choice), with key
/// identifiers from `cache` when one is given; the same root on every path.
pub fn issue_and_prove_all_with(
    config: Config,
    certificate: Certificate,
    cache: Option<&KeyIdCache>,
) -> Result<IssueReport, ZpassError> {
    let hash = Counting::new(config);
    let issued = Issued::build(&hash, certificate, cache)?;
    let mut proofs = 0;
    for claim in issued.certificate().claims() {
        issued.prove_value(&claim.key)?;
        proofs += 1;
    }
    Ok(IssueReport {
        root: issued.root(),
        proofs,
        hash_calls: hash.calls(),
    })
}
