//! The verifier's check of a presentation against its own request.

use std::collections::{HashMap, HashSet};

use merklab_aleo::{encode_to_f, literal};
use serde::Serialize;

use super::{Presentation, Request};
use crate::binding;
use crate::proof::Verdict;
use crate::sign::verify_root_signature;
use crate::ClaimValue;

/// Why a condition failed. JSON: `{"reason": "Expired", "expires_at": 10, "now": 11}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "reason")]
pub enum Reason {
    /// The request is not signed by its stated verifier.
    #[error("the request is not signed by its verifier {verifier}")]
    BadRequestSignature {
        /// The request's verifier address.
        verifier: String,
    },
    /// The request or the presentation is for another verifier.
    #[error("made for verifier {found}, not {expected}")]
    WrongVerifier {
        /// The verifier checking.
        expected: String,
        /// The verifier named.
        found: String,
    },
    /// The presentation answers another nonce (another request, or a replay).
    #[error("the presentation answers nonce {found}, not this request's {expected}")]
    NonceMismatch {
        /// This request's nonce.
        expected: String,
        /// The presentation's nonce.
        found: String,
    },
    /// The presentation names another request digest (the request was altered).
    #[error("the presentation answers request {found}, not this one ({expected})")]
    RequestMismatch {
        /// This request's digest (hex).
        expected: String,
        /// The digest the presentation names.
        found: String,
    },
    /// The request's validity window has ended.
    #[error("the request expired at {expires_at}; it is now {now}")]
    Expired {
        /// The request's expiry.
        expires_at: u64,
        /// The time of the check.
        now: u64,
    },
    /// The request is dated in the future.
    #[error("the request is issued at {issued_at}, after now ({now})")]
    NotYetValid {
        /// The request's issue time.
        issued_at: u64,
        /// The time of the check.
        now: u64,
    },
    /// The root is signed by an address the request does not trust.
    #[error("issuer {address} is not trusted by the request")]
    UntrustedIssuer {
        /// The signing address.
        address: String,
    },
    /// The issuer signature does not verify over the root.
    #[error("the issuer signature does not verify over the root: {detail}")]
    BadIssuerSignature {
        /// What failed.
        detail: String,
    },
    /// The holder signature does not verify over the presentation.
    #[error("the holder signature by {holder} does not verify over the presentation")]
    BadHolderBinding {
        /// The holder address.
        holder: String,
    },
    /// The holder is not the certificate's `subject`.
    #[error("the certificate's subject {subject} is not the holder {holder}")]
    HolderNotSubject {
        /// The disclosed subject.
        subject: String,
        /// The holder address.
        holder: String,
    },
    /// The certificate type differs from the requested one.
    #[error("certificate type `{found}`, not the requested `{expected}`")]
    WrongCertificateType {
        /// The requested type.
        expected: String,
        /// The presented type.
        found: String,
    },
    /// A required key is not in the presentation.
    #[error("`{key}` is not presented")]
    Missing {
        /// The key.
        key: String,
    },
    /// A proof does not lead from the claim to the signed root.
    #[error("`{key}`: inclusion proof fails: {detail}")]
    InclusionFailed {
        /// The key.
        key: String,
        /// What failed.
        detail: String,
    },
    /// A condition on a value does not hold.
    #[error("`{key}`: {detail}")]
    PredicateFailed {
        /// The key.
        key: String,
        /// The condition and the value's failure.
        detail: String,
    },
    /// A disclosed value is not the one the commitment binds: another value shares
    /// its leaf (see [`crate::judge`]), so it is not judged.
    #[error("`{key}`: not bound by the certificate: {detail}")]
    Unbound {
        /// The key.
        key: String,
        /// Why the value is not bound.
        detail: String,
    },
    /// The presentation reveals or proves something the request did not ask for.
    #[error("`{key}` was not requested")]
    Unrequested {
        /// The key.
        key: String,
    },
    /// The presentation is of the wrong kind or shape.
    #[error("malformed presentation: {detail}")]
    Malformed {
        /// What is wrong.
        detail: String,
    },
}

/// One condition the check evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// What was checked, in a few words (`issuer signature`, `predicate dob age>=18`).
    pub check: String,
    /// Whether it held.
    pub passed: bool,
    /// Why not, when it did not.
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub failure: Option<Reason>,
}

/// The verifier's result: every condition, whether all held, and what the holder disclosed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// True only if every condition passed.
    pub accepted: bool,
    /// Every condition in the order evaluated.
    pub conditions: Vec<Condition>,
    /// Disclosed values whose proofs verified, by key (what the verifier learns).
    pub disclosed: Vec<(String, String)>,
}

impl CheckReport {
    /// The reasons of the failed conditions, in order.
    pub fn failures(&self) -> Vec<&Reason> {
        self.conditions
            .iter()
            .filter_map(|c| c.failure.as_ref())
            .collect()
    }

    /// The first failed condition's reason, if any.
    pub fn first_failure(&self) -> Option<&Reason> {
        self.failures().into_iter().next()
    }
}

/// The verifier's side of the check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// The time of the check, seconds since the Unix epoch.
    pub now: u64,
    /// The verifier's own address: the request must be its own (default: trust the
    /// request's `verifier`, which its signature then vouches for).
    pub verifier: Option<String>,
    /// Seconds a request may be dated in the future (clock skew).
    pub max_skew: u64,
}

impl CheckOptions {
    /// A check at `now`, any verifier, 60 seconds of skew.
    pub fn at(now: u64) -> Self {
        Self {
            now,
            verifier: None,
            max_skew: 60,
        }
    }
}

struct Conditions(Vec<Condition>);

impl Conditions {
    fn push(&mut self, check: impl Into<String>, failure: Option<Reason>) {
        self.0.push(Condition {
            check: check.into(),
            passed: failure.is_none(),
            failure,
        });
    }
}

fn fails_if(bad: bool, reason: impl FnOnce() -> Reason) -> Option<Reason> {
    bad.then(reason)
}

/// Checks `presentation` against the verifier's `request`: the request signature,
/// verifier, nonce, request digest and window; the issuer's trust and signature
/// over the root; the certificate type; the holder binding; every inclusion proof;
/// every requested key; every predicate; and that nothing unrequested is shown.
/// All conditions are evaluated, so the report lists every failure, not only the first.
pub fn check(
    request: &Request,
    presentation: &Presentation,
    options: &CheckOptions,
) -> CheckReport {
    let mut c = Conditions(Vec::new());
    let p = presentation;

    c.push(
        "presentation kind",
        fails_if(p.kind != super::PRESENTATION_KIND, || Reason::Malformed {
            detail: format!("kind `{}`", p.kind),
        }),
    );
    c.push(
        "request signature",
        fails_if(!request.signature_valid(), || Reason::BadRequestSignature {
            verifier: request.verifier.clone(),
        }),
    );
    if let Some(me) = &options.verifier {
        c.push(
            "request is this verifier's",
            fails_if(request.verifier != *me, || Reason::WrongVerifier {
                expected: me.clone(),
                found: request.verifier.clone(),
            }),
        );
    }
    c.push(
        "presentation is for this verifier",
        fails_if(p.verifier != request.verifier, || Reason::WrongVerifier {
            expected: request.verifier.clone(),
            found: p.verifier.clone(),
        }),
    );
    c.push(
        "nonce",
        fails_if(p.nonce != request.nonce, || Reason::NonceMismatch {
            expected: request.nonce.clone(),
            found: p.nonce.clone(),
        }),
    );
    let digest = request.digest_hex().unwrap_or_default();
    c.push(
        "request digest",
        fails_if(
            p.request_digest != digest || p.expires_at != request.expires_at,
            || Reason::RequestMismatch {
                expected: digest.clone(),
                found: p.request_digest.clone(),
            },
        ),
    );
    c.push(
        "not expired",
        fails_if(options.now > request.expires_at, || Reason::Expired {
            expires_at: request.expires_at,
            now: options.now,
        }),
    );
    c.push(
        "not dated in the future",
        fails_if(
            request.issued_at > options.now.saturating_add(options.max_skew),
            || Reason::NotYetValid {
                issued_at: request.issued_at,
                now: options.now,
            },
        ),
    );
    c.push(
        "issuer trusted",
        fails_if(
            !request
                .trusted_issuers
                .iter()
                .any(|t| t.trim() == p.issuer_address.trim()),
            || Reason::UntrustedIssuer {
                address: p.issuer_address.clone(),
            },
        ),
    );
    let issuer_sig = match verify_root_signature(&p.issuer_address, &p.issuer_signature, p.root) {
        Ok(Verdict::Accepted) => None,
        Ok(Verdict::Rejected(detail)) => Some(Reason::BadIssuerSignature { detail }),
        Err(e) => Some(Reason::BadIssuerSignature {
            detail: e.to_string(),
        }),
    };
    c.push(
        format!("issuer signature over root {}", literal::format_u64(p.root)),
        issuer_sig,
    );
    if let Some(expected) = &request.cert_type {
        c.push(
            "certificate type",
            fails_if(p.cert_type != *expected, || Reason::WrongCertificateType {
                expected: expected.clone(),
                found: p.cert_type.clone(),
            }),
        );
    }
    c.push(
        "holder signature",
        fails_if(!p.holder_signature_valid(), || Reason::BadHolderBinding {
            holder: p.holder.clone(),
        }),
    );

    // Inclusion of everything shown; remember which values verified and are bound.
    // Under subject binding, `subject` (an address, longer than any bound string) is
    // judged by its field against the holder's address instead.
    let subject_by_field = |key: &str| request.bind_subject && key == "subject";
    // Sets and maps keep the check linear in the presentation's size.
    let mut verified: Vec<(&str, &ClaimValue)> = Vec::new();
    let mut unbound: HashMap<&str, String> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // Proofs of keys the request does not ask for are not verified (they are
    // reported as unrequested below), so the work is bounded by the request.
    let value_keys: HashSet<String> = request.value_keys().into_iter().collect();
    let key_only: HashSet<String> = request.key_only_keys().into_iter().collect();
    for d in &p.disclosed {
        let duplicate = !seen.insert(&d.key);
        if !duplicate && !value_keys.contains(&d.key) {
            continue;
        }
        let failure = if duplicate {
            Some(Reason::Malformed {
                detail: format!("`{}` is disclosed twice", d.key),
            })
        } else {
            p.verify_disclosed(d)
                .err()
                .map(|detail| Reason::InclusionFailed {
                    key: d.key.clone(),
                    detail,
                })
        };
        c.push(format!("value inclusion of `{}`", d.key), failure.clone());
        if failure.is_some() {
            continue;
        }
        if subject_by_field(&d.key) {
            verified.push((&d.key, &d.value));
            continue;
        }
        match binding::judge(&d.value, request.declared_type(&d.key)) {
            Ok(()) => verified.push((&d.key, &d.value)),
            Err(why) => {
                let detail = why.to_string();
                c.push(
                    format!("value of `{}` bound", d.key),
                    Some(Reason::Unbound {
                        key: d.key.clone(),
                        detail: detail.clone(),
                    }),
                );
                unbound.insert(&d.key, detail);
            }
        }
    }
    let mut included: HashSet<&str> = HashSet::new();
    let mut seen_included: HashSet<&str> = HashSet::new();
    for k in &p.included {
        let duplicate = !seen_included.insert(&k.key);
        if !duplicate && !key_only.contains(&k.key) {
            continue;
        }
        let failure = if duplicate {
            Some(Reason::Malformed {
                detail: format!("`{}` is included twice", k.key),
            })
        } else {
            p.verify_included(k)
                .err()
                .map(|detail| Reason::InclusionFailed {
                    key: k.key.clone(),
                    detail,
                })
        };
        if failure.is_none() {
            included.insert(&k.key);
        }
        c.push(format!("key inclusion of `{}`", k.key), failure);
    }
    let verified_by_key: HashMap<&str, &ClaimValue> = verified.iter().copied().collect();
    let value_of = |key: &str| verified_by_key.get(key).copied();
    let shown = |key: &str| seen.contains(key);
    let included: HashSet<&str> = included.into_iter().collect();

    // Everything the request needs, present (a failed proof was reported above).
    for key in request.value_keys() {
        c.push(
            format!("`{key}` disclosed"),
            fails_if(!shown(&key), || Reason::Missing { key: key.clone() }),
        );
    }
    if request.bind_subject {
        if let Some(subject) = value_of("subject") {
            // The leaf binds only the subject's field: compare fields, so a string
            // that reduces to the holder's address but reads otherwise, or the
            // reverse, cannot pass.
            let is_holder = matches!(subject, ClaimValue::String(_))
                && subject.to_field().ok() == Some(encode_to_f(&p.holder));
            c.push(
                "holder is the subject",
                fails_if(!is_holder, || Reason::HolderNotSubject {
                    subject: subject.text(),
                    holder: p.holder.clone(),
                }),
            );
        }
    }
    for pred in &request.predicates {
        let key = pred.key();
        let failure = if pred.needs_value() {
            match value_of(key) {
                _ if unbound.contains_key(key) => Some(Reason::Unbound {
                    key: key.to_string(),
                    detail: unbound[key].clone(),
                }),
                Some(v) => pred
                    .evaluate(v)
                    .err()
                    .map(|detail| Reason::PredicateFailed {
                        key: key.to_string(),
                        detail,
                    }),
                // Missing or unproven: reported above; the condition cannot hold.
                None => Some(Reason::Missing {
                    key: key.to_string(),
                }),
            }
        } else if included.contains(key) || value_of(key).is_some() {
            None
        } else {
            Some(Reason::Missing {
                key: key.to_string(),
            })
        };
        c.push(format!("predicate {pred}"), failure);
    }

    // Nothing beyond the request.
    for d in &p.disclosed {
        if !value_keys.contains(&d.key) {
            c.push(
                format!("`{}` requested", d.key),
                Some(Reason::Unrequested { key: d.key.clone() }),
            );
        }
    }
    for k in &p.included {
        if !key_only.contains(&k.key) {
            c.push(
                format!("`{}` requested", k.key),
                Some(Reason::Unrequested { key: k.key.clone() }),
            );
        }
    }

    let accepted = c.0.iter().all(|x| x.passed);
    CheckReport {
        accepted,
        conditions: c.0,
        disclosed: verified
            .iter()
            .map(|(k, v)| {
                // A subject that passed binding is shown as the holder's address,
                // the reading its field binds.
                let text = if subject_by_field(k) && accepted {
                    p.holder.clone()
                } else {
                    v.text()
                };
                (k.to_string(), text)
            })
            .collect(),
    }
}
