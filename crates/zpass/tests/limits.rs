//! Parse limits are values: two bounds used at the same time in one process each
//! hold for their own reader, for every reader of a document.

use std::sync::{Barrier, OnceLock};

use merklab_zpass::flow::{Predicate, Presentation, Request};
use merklab_zpass::json::{parse_json, parse_json_with, DEFAULT_MAX_VALUES};
use merklab_zpass::sign::{sign_root, IssuerKey};
use merklab_zpass::{
    issue_str_with, CertificateDocument, ClaimProof, InputFormat, IssueOptions, Issued, Limits,
    SaltSource, ZpassError,
};

/// 2026-01-01T00:00:00Z (`date -u -d 2026-01-01 +%s`).
const NOW: u64 = 1_767_225_600;

/// Rounds each thread runs, so the two bounds are in use at overlapping times.
const ROUNDS: usize = 40;

/// Values in a JSON text as serde_json counts them: every object, array and scalar.
fn values(text: &str) -> usize {
    fn count(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Object(m) => m.values().map(count).sum(),
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    count(&serde_json::from_str(text).expect("a JSON document"))
}

/// One document of each kind merklab reads, as text.
struct Documents {
    claims: String,
    certificate: String,
    proof: String,
    request: String,
    presentation: String,
}

fn documents() -> &'static Documents {
    static DOCS: OnceLock<Documents> = OnceLock::new();
    DOCS.get_or_init(|| {
        let issuer = IssuerKey::generate();
        let holder = IssuerKey::generate();
        let verifier = IssuerKey::generate();
        let claims = format!(
            r#"{{"type": "KYC", "issuer": "{}", "subject": "{}", "name": "Alice",
                "dob": 1199145600, "tags": ["a", "b", "c"], "address": {{"city": "Lyon"}}}}"#,
            issuer.address(),
            holder.address()
        );
        let options = IssueOptions {
            salts: SaltSource::Seeded("limits-test".into()),
            ..Default::default()
        };
        let mut doc = issue_str_with(&claims, InputFormat::Json, &options, Limits::DEFAULT)
            .expect("issue the test certificate");
        let issued = Issued::new(doc.certificate.clone()).expect("hash the certificate");
        let signed = sign_root(&issuer, issued.root()).expect("sign the root");
        doc.root = Some(issued.root());
        doc.issuer_address = Some(signed.address);
        doc.signature = Some(signed.signature);
        let proof = issued.prove_value("name").expect("prove name");
        let mut request = Request::new(&verifier.address(), NOW, 600);
        request.trusted_issuers.push(issuer.address());
        request.disclose.push("name".into());
        request
            .predicates
            .push(Predicate::parse_at("dob age>=18", NOW).expect("a predicate"));
        request.sign(&verifier).expect("sign the request");
        let presentation =
            Presentation::build(&request, &doc, &holder, NOW).expect("build a presentation");
        Documents {
            claims,
            certificate: doc.to_json(),
            proof: proof.to_json().expect("proof JSON"),
            request: request.to_json().expect("request JSON"),
            presentation: presentation.to_json().expect("presentation JSON"),
        }
    })
}

type Reader = fn(&str, Limits) -> Result<(), ZpassError>;

/// Every reader of a document, with a document it reads.
fn readers() -> Vec<(&'static str, &'static str, Reader)> {
    let d = documents();
    vec![
        ("parse_json_with", &d.certificate, |t, l| {
            parse_json_with(t, l).map(drop)
        }),
        ("issue_str_with", &d.claims, |t, l| {
            let options = IssueOptions {
                salts: SaltSource::Seeded("limits-test".into()),
                ..Default::default()
            };
            issue_str_with(t, InputFormat::Json, &options, l).map(drop)
        }),
        ("CertificateDocument::parse_with", &d.certificate, |t, l| {
            CertificateDocument::parse_with(t, l).map(drop)
        }),
        ("ClaimProof::parse_with", &d.proof, |t, l| {
            ClaimProof::parse_with(t, l).map(drop)
        }),
        ("Request::parse_with", &d.request, |t, l| {
            Request::parse_with(t, l).map(drop)
        }),
        ("Presentation::parse_with", &d.presentation, |t, l| {
            Presentation::parse_with(t, l).map(drop)
        }),
    ]
}

#[test]
fn two_bounds_at_once_each_hold_for_their_own_reader() {
    for (name, text, read) in readers() {
        let n = values(text);
        let start = Barrier::new(2);
        std::thread::scope(|s| {
            let tight = s.spawn(|| {
                start.wait();
                for _ in 0..ROUNDS {
                    let err = read(text, Limits::with_max_values(n - 1))
                        .expect_err("one value over the bound");
                    assert!(
                        matches!(err, ZpassError::TooManyValues(l) if l == n - 1),
                        "{name}: {err}"
                    );
                    assert!(
                        err.to_string()
                            .contains(&format!("more than {} values", n - 1)),
                        "{name}: {err}"
                    );
                }
            });
            let exact = s.spawn(|| {
                start.wait();
                for _ in 0..ROUNDS {
                    if let Err(e) = read(text, Limits::with_max_values(n)) {
                        panic!("{name}: {n} values under a bound of {n}: {e}");
                    }
                }
            });
            tight.join().expect("the tight reader");
            exact.join().expect("the exact reader");
        });
    }
}

#[test]
fn readers_without_limits_use_the_default_bound() {
    // An array of DEFAULT_MAX_VALUES zeros: one value more than the default allows.
    let mut text = String::with_capacity(2 * DEFAULT_MAX_VALUES + 2);
    text.push('[');
    for i in 0..DEFAULT_MAX_VALUES {
        text.push_str(if i == 0 { "0" } else { ",0" });
    }
    text.push(']');
    assert_eq!(values(&text), DEFAULT_MAX_VALUES + 1);
    let err = parse_json(&text).expect_err("over the default bound");
    assert!(
        matches!(err, ZpassError::TooManyValues(DEFAULT_MAX_VALUES)),
        "{err}"
    );
    assert!(parse_json_with(&text, Limits::with_max_values(DEFAULT_MAX_VALUES + 1)).is_ok());
    assert_eq!(Limits::default(), Limits::DEFAULT);
    assert_eq!(Limits::DEFAULT.max_values, DEFAULT_MAX_VALUES);
    // The convenience readers refuse it under the default too, whatever the document kind.
    let err = CertificateDocument::parse(&text).expect_err("over the default bound");
    assert!(
        matches!(err, ZpassError::TooManyValues(DEFAULT_MAX_VALUES)),
        "{err}"
    );
    let err = ClaimProof::parse(&text).expect_err("over the default bound");
    assert!(
        matches!(err, ZpassError::TooManyValues(DEFAULT_MAX_VALUES)),
        "{err}"
    );
}
