//! The issuer, holder and verifier workflow: an accepted presentation, and each kind
//! of tampering or misuse rejected with its own reason.

use std::sync::OnceLock;

use merklab_zpass::flow::{
    check, CheckOptions, CheckReport, Predicate, Presentation, Reason, Request,
};
use merklab_zpass::sign::{sign_root, IssuerKey};
use merklab_zpass::{
    issue_str, CertificateDocument, ClaimValue, InputFormat, IssueOptions, Issued, SaltSource,
};

/// 2026-01-01T00:00:00Z (`date -u -d 2026-01-01 +%s`).
const NOW: u64 = 1_767_225_600;
/// 2008-01-01T00:00:00Z: 18 years old exactly on NOW.
const DOB: u64 = 1_199_145_600;

struct World {
    issuer: IssuerKey,
    rogue_issuer: IssuerKey,
    holder: IssuerKey,
    verifier: IssuerKey,
    other_verifier: IssuerKey,
    doc: CertificateDocument,
    rogue_doc: CertificateDocument,
}

fn certificate(issuer: &IssuerKey, holder: &IssuerKey) -> CertificateDocument {
    let text = format!(
        r#"{{"type": "KYC", "issuer": "{}", "subject": "{}", "name": "Alice Wonderland",
            "dob": {DOB}, "country": "FR", "score": 720, "email": "alice@example.org",
            "passport": "X1234567"}}"#,
        issuer.address(),
        holder.address()
    );
    let options = IssueOptions {
        salts: SaltSource::Seeded("flow-test".into()),
        ..Default::default()
    };
    let mut doc = issue_str(&text, InputFormat::Json, &options).unwrap();
    let root = Issued::new(doc.certificate.clone()).unwrap().root();
    let signed = sign_root(issuer, root).unwrap();
    doc.root = Some(root);
    doc.issuer_address = Some(signed.address);
    doc.signature = Some(signed.signature);
    doc
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let issuer = IssuerKey::generate();
        let rogue_issuer = IssuerKey::generate();
        let holder = IssuerKey::generate();
        World {
            doc: certificate(&issuer, &holder),
            rogue_doc: certificate(&rogue_issuer, &holder),
            issuer,
            rogue_issuer,
            holder,
            verifier: IssuerKey::generate(),
            other_verifier: IssuerKey::generate(),
        }
    })
}

/// The verifier asks for the name, an age, a country list, a score bound and an email's existence.
fn request_by(verifier: &IssuerKey, predicates: &[&str]) -> Request {
    let w = world();
    let mut r = Request::new(&verifier.address(), NOW, 600);
    r.cert_type = Some("KYC".into());
    r.trusted_issuers.push(w.issuer.address());
    r.disclose.push("name".into());
    for p in predicates {
        r.predicates.push(Predicate::parse_at(p, NOW).unwrap());
    }
    r.sign(verifier).unwrap();
    r
}

const PREDICATES: [&str; 4] = [
    "dob age>=18",
    "country in [FR, DE, IT]",
    "score >= 700",
    "email exists",
];

fn request() -> Request {
    request_by(&world().verifier, &PREDICATES)
}

fn present(request: &Request) -> Presentation {
    Presentation::build(request, &world().doc, &world().holder, NOW).unwrap()
}

fn first(report: &CheckReport) -> Reason {
    report
        .first_failure()
        .cloned()
        .unwrap_or_else(|| panic!("accepted, expected a rejection: {report:#?}"))
}

fn run(request: &Request, p: &Presentation) -> CheckReport {
    check(request, p, &CheckOptions::at(NOW + 10))
}

#[test]
fn an_honest_presentation_is_accepted_and_shows_only_what_was_asked() {
    let r = request();
    let p = present(&r);
    let report = run(&r, &p);
    assert!(report.accepted, "{report:#?}");
    assert!(report
        .conditions
        .iter()
        .all(|c| c.passed && c.failure.is_none()));
    assert!(report.first_failure().is_none());

    // Values: the disclosed name, the three predicate keys, and subject (holder binding).
    let mut shown: Vec<&str> = p.disclosed.iter().map(|d| d.key.as_str()).collect();
    shown.sort_unstable();
    assert_eq!(shown, ["country", "dob", "name", "score", "subject"]);
    // `email exists` is a key-inclusion proof: no salt, no value.
    let included: Vec<&str> = p.included.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(included, ["email"]);

    let json = p.to_json().unwrap();
    for secret in ["alice@example.org", "X1234567", "passport"] {
        assert!(!json.contains(secret), "{secret} leaked into {json}");
    }
    for key in ["email", "passport", "type", "issuer"] {
        let salt = &world().doc.certificate.get(key).unwrap().salt;
        assert!(!json.contains(salt.as_str()), "salt of {key} leaked");
    }
    assert!(report
        .disclosed
        .contains(&("name".to_string(), "Alice Wonderland".to_string())));
}

#[test]
fn documents_round_trip_through_json() {
    let r = request();
    let p = present(&r);
    let r2 = Request::parse(&r.to_json().unwrap()).unwrap();
    let p2 = Presentation::parse(&p.to_json().unwrap()).unwrap();
    assert_eq!(r2, r);
    assert_eq!(p2, p);
    assert!(run(&r2, &p2).accepted);
    // Unknown members are refused: nothing unsigned rides along.
    let extra = r.to_json().unwrap().replacen('{', "{\"note\": \"hi\",", 1);
    assert!(Request::parse(&extra).is_err());
    // Reasons serialize with their tag.
    let expired = check(&r, &p, &CheckOptions::at(r.expires_at + 1));
    let text = serde_json::to_string(&expired).unwrap();
    assert!(text.contains("\"reason\":\"Expired\""), "{text}");
}

#[test]
fn presentations_refuse_unknown_members_and_non_canonical_literals() {
    let p = present(&request());
    let json = p.to_json().unwrap();
    let root = format!("\"{}u64\"", p.root);
    assert!(json.contains(&root), "{json}");
    for (edit, needle) in [
        (
            json.replacen('{', "{\"note\": \"hi\",", 1),
            "unknown field `note`",
        ),
        (
            json.replace(&root, &format!("\"0{}u64\"", p.root)),
            "not a canonical u64 literal",
        ),
        (
            json.replace(&root, &format!("\" {}u64\"", p.root)),
            "not a canonical u64 literal",
        ),
    ] {
        let err = Presentation::parse(&edit).unwrap_err().to_string();
        assert!(err.contains(needle), "{err}");
    }
    let sibling = format!("\"{}u64\"", p.disclosed[0].proof[0]);
    let padded = json.replacen(
        &sibling,
        &format!("\"00{}u64\"", p.disclosed[0].proof[0]),
        1,
    );
    assert_ne!(padded, json);
    let err = Presentation::parse(&padded).unwrap_err().to_string();
    assert!(err.contains("not a canonical u64 literal"), "{err}");
}

/// Tampering by the holder, who then re-signs its binding: only the forged part fails.
fn tampered(edit: impl FnOnce(&mut Presentation)) -> (CheckReport, CheckReport) {
    let r = request();
    let mut p = present(&r);
    edit(&mut p);
    let unsigned = run(&r, &p);
    p.sign_holder(&world().holder).unwrap();
    (unsigned, run(&r, &p))
}

fn idx(p: &Presentation, key: &str) -> usize {
    p.disclosed.iter().position(|d| d.key == key).unwrap()
}

#[test]
fn a_tampered_value_fails_inclusion() {
    let (unsigned, resigned) = tampered(|p| {
        let i = idx(p, "score");
        p.disclosed[i].value = ClaimValue::Integer("800".into());
    });
    assert!(unsigned
        .failures()
        .iter()
        .any(|r| matches!(r, Reason::BadHolderBinding { .. })));
    assert!(matches!(first(&resigned), Reason::InclusionFailed { key, .. } if key == "score"));
    // The forged value is not evaluated: the predicate has no proven value.
    assert!(!resigned.disclosed.iter().any(|(k, _)| k == "score"));
}

#[test]
fn a_tampered_salt_fails_inclusion() {
    let (_, report) = tampered(|p| {
        let i = idx(p, "dob");
        p.disclosed[i].salt = "00000000-0000-4000-8000-000000000000".into();
    });
    assert!(matches!(first(&report), Reason::InclusionFailed { key, .. } if key == "dob"));
}

#[test]
fn a_tampered_proof_fails_inclusion() {
    let (_, report) = tampered(|p| {
        let i = idx(p, "name");
        p.disclosed[i].proof[0] ^= 1;
    });
    assert!(matches!(first(&report), Reason::InclusionFailed { key, .. } if key == "name"));
    let (_, report) = tampered(|p| p.included[0].data_hash ^= 1);
    assert!(matches!(first(&report), Reason::InclusionFailed { key, .. } if key == "email"));
}

#[test]
fn a_tampered_root_fails_the_issuer_signature() {
    let (_, report) = tampered(|p| p.root ^= 1);
    assert!(
        matches!(first(&report), Reason::BadIssuerSignature { .. }),
        "{report:#?}"
    );
}

#[test]
fn a_tampered_issuer_signature_fails() {
    let other = world().issuer.sign_u64(12345);
    let (_, report) = tampered(|p| p.issuer_signature = other);
    assert!(matches!(first(&report), Reason::BadIssuerSignature { .. }));
    let (_, report) = tampered(|p| p.issuer_signature = "sign1notasignature".into());
    assert!(matches!(first(&report), Reason::BadIssuerSignature { .. }));
}

#[test]
fn an_untrusted_issuer_is_rejected() {
    let w = world();
    let r = request();
    let p = Presentation::build(&r, &w.rogue_doc, &w.holder, NOW).unwrap();
    let report = run(&r, &p);
    assert!(
        matches!(first(&report), Reason::UntrustedIssuer { address } if *address == w.rogue_issuer.address())
    );
    // Claiming the trusted issuer's address with the rogue's signature does not help.
    let mut forged = p.clone();
    forged.issuer_address = w.issuer.address();
    forged.sign_holder(&w.holder).unwrap();
    assert!(matches!(
        first(&run(&r, &forged)),
        Reason::BadIssuerSignature { .. }
    ));
}

#[test]
fn an_expired_request_is_rejected() {
    let r = request();
    let p = present(&r);
    assert!(check(&r, &p, &CheckOptions::at(r.expires_at)).accepted);
    let report = check(&r, &p, &CheckOptions::at(r.expires_at + 1));
    assert_eq!(report.failures().len(), 1, "{report:#?}");
    assert!(matches!(first(&report), Reason::Expired { .. }));
    // The holder refuses to answer an expired request.
    assert!(Presentation::build(&r, &world().doc, &world().holder, r.expires_at + 1).is_err());
}

#[test]
fn a_presentation_replayed_to_a_new_request_is_rejected() {
    let first_request = request();
    let p = present(&first_request);
    let second_request = request();
    assert_ne!(first_request.nonce, second_request.nonce);
    let report = run(&second_request, &p);
    assert!(
        matches!(first(&report), Reason::NonceMismatch { .. }),
        "{report:#?}"
    );
}

#[test]
fn a_presentation_replayed_to_another_verifier_is_rejected() {
    let w = world();
    let p = present(&request());
    let theirs = request_by(&w.other_verifier, &PREDICATES);
    let report = run(&theirs, &p);
    assert!(
        matches!(first(&report), Reason::WrongVerifier { .. }),
        "{report:#?}"
    );
    // Even with the original nonce copied into its own request.
    let mut copied = theirs.clone();
    copied.nonce = p.nonce.clone();
    copied.sign(&w.other_verifier).unwrap();
    assert!(matches!(
        first(&run(&copied, &p)),
        Reason::WrongVerifier { .. }
    ));
    // And a verifier checking someone else's request names it.
    let mut opts = CheckOptions::at(NOW);
    opts.verifier = Some(w.other_verifier.address());
    assert!(matches!(
        first(&check(&request(), &p, &opts)),
        Reason::WrongVerifier { .. }
    ));
}

#[test]
fn an_unmet_predicate_is_rejected() {
    let r = request_by(&world().verifier, &["score >= 800"]);
    let report = run(&r, &present(&r));
    assert!(matches!(first(&report), Reason::PredicateFailed { key, .. } if key == "score"));
    let r = request_by(&world().verifier, &["dob age>=19"]);
    assert!(
        matches!(first(&run(&r, &present(&r))), Reason::PredicateFailed { key, .. } if key == "dob")
    );
    let r = request_by(&world().verifier, &["country in [DE, IT]"]);
    assert!(
        matches!(first(&run(&r, &present(&r))), Reason::PredicateFailed { key, .. } if key == "country")
    );
}

#[test]
fn a_missing_or_unrequested_claim_is_rejected() {
    let (_, report) = tampered(|p| {
        let i = idx(p, "name");
        p.disclosed.remove(i);
    });
    assert!(matches!(first(&report), Reason::Missing { key } if key == "name"));

    // Disclosing more than asked (here the passport) is refused too.
    let w = world();
    let issued = Issued::new(w.doc.certificate.clone()).unwrap();
    let extra = issued.prove_value("passport").unwrap();
    let (_, report) = tampered(|p| {
        let merklab_zpass::Opening::Value { salt, value } = extra.opening.clone() else {
            unreachable!()
        };
        p.disclosed.push(merklab_zpass::flow::DisclosedClaim {
            key: "passport".into(),
            salt,
            value,
            proof: extra.siblings.clone(),
        });
    });
    assert!(matches!(first(&report), Reason::Unrequested { key } if key == "passport"));
}

#[test]
fn an_altered_request_fails_its_signature() {
    let r = request();
    let p = present(&r);
    let mut altered = r.clone();
    altered.trusted_issuers.push(world().rogue_issuer.address());
    let report = run(&altered, &p);
    assert!(matches!(first(&report), Reason::BadRequestSignature { .. }));
    assert!(report
        .failures()
        .iter()
        .any(|r| matches!(r, Reason::RequestMismatch { .. })));
    // A holder does not answer it.
    assert!(Presentation::build(&altered, &world().doc, &world().holder, NOW).is_err());
}

#[test]
fn the_holder_must_be_the_subject() {
    let w = world();
    let r = request();
    // Someone else holding the signed certificate cannot build a presentation...
    assert!(Presentation::build(&r, &w.doc, &w.verifier, NOW).is_err());
    // ...nor re-sign the real holder's one.
    let mut p = present(&r);
    p.sign_holder(&w.other_verifier).unwrap();
    let report = run(&r, &p);
    assert!(
        matches!(first(&report), Reason::HolderNotSubject { .. }),
        "{report:#?}"
    );
    // Without subject binding, any holder key answers (and the request says so).
    let mut loose = Request::new(&w.verifier.address(), NOW, 600);
    loose.trusted_issuers.push(w.issuer.address());
    loose.bind_subject = false;
    loose
        .predicates
        .push(Predicate::parse_at("score > 719", NOW).unwrap());
    loose.sign(&w.verifier).unwrap();
    let p = Presentation::build(&loose, &w.doc, &w.other_verifier, NOW).unwrap();
    assert!(run(&loose, &p).accepted);
    assert_eq!(p.disclosed.len(), 1);
}

mod leo_predicate {
    use super::*;
    use merklab_zpass::leo::{export, export_predicate, LeoComparison};

    fn dob_export() -> merklab_zpass::leo::PredicateExport {
        let issued = Issued::new(world().doc.certificate.clone()).unwrap();
        let proof = issued.prove_value("dob").unwrap();
        let age = Predicate::parse_at("dob age>=18", NOW).unwrap();
        export_predicate(&proof, &age).unwrap()
    }

    #[test]
    fn the_age_program_takes_the_cutoff_as_public_threshold_and_the_value_privately() {
        let e = dob_export();
        assert_eq!(e.comparison, LeoComparison::Le);
        let issued = Issued::new(world().doc.certificate.clone()).unwrap();
        let names: Vec<(&str, &str)> = e
            .inputs
            .iter()
            .map(|i| (i.name.as_str(), i.visibility))
            .collect();
        assert_eq!(
            names,
            [
                ("root", "public"),
                ("key_identifier", "public"),
                ("threshold", "public"),
                ("encoded_salt", "private"),
                ("value", "private"),
                ("proof", "private")
            ]
        );
        assert_eq!(e.export.run_args[0], format!("{}u64", issued.root()));
        // 2008-01-01T23:59:59Z: the last second of the latest birthday that is 18 on 2026-01-01.
        assert_eq!(e.export.run_args[2], "1199231999field");
        assert_eq!(e.export.run_args[4], format!("{DOB}field"));
        // The value is an input, never a constant of the program.
        assert!(!e.export.source.contains(&DOB.to_string()));
        assert!(e.export.source.contains("assert(value <= threshold);"));
        assert!(e.inputs_json().contains("\"visibility\": \"public\""));
        // Membership has no single threshold.
        let proof = issued.prove_value("country").unwrap();
        let member = Predicate::parse_at("country in [FR, DE]", NOW).unwrap();
        assert!(export_predicate(&proof, &member).is_err());
        // A predicate about another key is refused.
        let proof = issued.prove_value("score").unwrap();
        assert!(
            export_predicate(&proof, &Predicate::parse_at("dob age>=18", NOW).unwrap()).is_err()
        );
    }

    fn leo_package(dir: &std::path::Path, e: &merklab_zpass::leo::LeoExport) {
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/main.leo"), &e.source).unwrap();
        std::fs::write(dir.join("program.json"), e.manifest()).unwrap();
    }

    fn leo_run(
        leo: &str,
        dir: &std::path::Path,
        e: &merklab_zpass::leo::LeoExport,
    ) -> (bool, String) {
        let out = std::process::Command::new(leo)
            .arg("run")
            .arg(&e.function)
            .args(&e.run_args)
            .current_dir(dir)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// Compiles and runs the exported programs with Leo: `LEO=/path/to/leo cargo test
    /// -p merklab-zpass --test flow -- --ignored`.
    #[test]
    #[ignore = "needs a Leo binary in $LEO"]
    fn leo_accepts_the_holders_private_inputs() {
        let Ok(leo) = std::env::var("LEO") else {
            eprintln!("LEO is not set; skipping");
            return;
        };
        let base = std::env::temp_dir().join(format!("merklab-leo-test-{}", std::process::id()));
        let predicate = dob_export();
        let issued = Issued::new(world().doc.certificate.clone()).unwrap();
        let verifier = export(&issued.prove_value("dob").unwrap()).unwrap();
        for e in [&predicate.export, &verifier] {
            let dir = base.join(&e.program);
            leo_package(&dir, e);
            let (ok, text) = leo_run(&leo, &dir, e);
            assert!(ok && text.contains("true"), "{}:\n{text}", e.function);
        }
        // A threshold the value does not meet: no execution.
        let mut too_young = predicate.export.clone();
        too_young.run_args[2] = format!("{}field", DOB - 1);
        let (ok, text) = leo_run(&leo, &base.join(&too_young.program), &too_young);
        assert!(!ok || !text.contains("• true"), "{text}");
        let _ = std::fs::remove_dir_all(&base);
    }
}
