//! A holder who edits a value in their own certificate keeps the root and the
//! issuer's signature whenever the new value has the old value's field. The
//! verifier's check must refuse to judge such a value, for every operator.

use std::sync::OnceLock;

use merklab_zpass::flow::{
    check, CheckOptions, CheckReport, Predicate, Presentation, Reason, Request,
};
use merklab_zpass::sign::{sign_root, IssuerKey};
use merklab_zpass::{
    issue_str, Certificate, CertificateDocument, ClaimValue, InputFormat, IssueOptions, Issued,
    SaltSource, ValueType,
};

/// 2026-01-01T00:00:00Z (`date -u -d 2026-01-01 +%s`).
const NOW: u64 = 1_767_225_600;

struct World {
    issuer: IssuerKey,
    holder: IssuerKey,
    verifier: IssuerKey,
    doc: CertificateDocument,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let issuer = IssuerKey::generate();
        let holder = IssuerKey::generate();
        let text = format!(
            r#"{{"type": "KYC", "issuer": "{}", "subject": "{}", "country": "FR",
                "code": "BA", "sanctioned": true, "strikes": 1, "score": 720,
                "dob": 1199145600, "born": "2008"}}"#,
            issuer.address(),
            holder.address()
        );
        let options = IssueOptions {
            salts: SaltSource::Seeded("forged-values".into()),
            ..Default::default()
        };
        let mut doc = issue_str(&text, InputFormat::Json, &options).unwrap();
        let root = Issued::new(doc.certificate.clone()).unwrap().root();
        let signed = sign_root(&issuer, root).unwrap();
        doc.root = Some(root);
        doc.issuer_address = Some(signed.address);
        doc.signature = Some(signed.signature);
        World {
            issuer,
            holder,
            verifier: IssuerKey::generate(),
            doc,
        }
    })
}

/// The holder's edit: `key` now holds `value`. The edit is only an attack if the
/// root is unchanged, which the helper asserts.
fn forged(key: &str, value: ClaimValue) -> CertificateDocument {
    let w = world();
    let mut claims = w.doc.certificate.claims().to_vec();
    let claim = claims.iter_mut().find(|c| c.key == key).unwrap();
    assert_ne!(claim.value, value);
    claim.value = value;
    let mut doc = w.doc.clone();
    doc.certificate = Certificate::new(claims, w.doc.certificate.private().to_vec()).unwrap();
    assert_eq!(
        Issued::new(doc.certificate.clone()).unwrap().root(),
        w.doc.root.unwrap(),
        "the edit must keep the signed root"
    );
    doc
}

fn request(predicates: &[&str], types: &[(&str, ValueType)]) -> Request {
    let w = world();
    let mut r = Request::new(&w.verifier.address(), NOW, 600);
    r.trusted_issuers.push(w.issuer.address());
    for p in predicates {
        r.predicates.push(Predicate::parse_at(p, NOW).unwrap());
    }
    for (k, t) in types {
        r.types.insert(k.to_string(), *t);
    }
    r.sign(&w.verifier).unwrap();
    r
}

fn run(r: &Request, doc: &CertificateDocument) -> CheckReport {
    let p = Presentation::build(r, doc, &world().holder, NOW).unwrap();
    check(r, &p, &CheckOptions::at(NOW + 1))
}

fn assert_unbound(report: &CheckReport, key: &str) {
    assert!(!report.accepted, "accepted a forged `{key}`: {report:#?}");
    assert!(
        report
            .failures()
            .iter()
            .any(|r| matches!(r, Reason::Unbound { key: k, .. } if k == key)),
        "no Unbound reason for `{key}`: {report:#?}"
    );
}

fn s(t: &str) -> ClaimValue {
    ClaimValue::String(t.into())
}
fn int(t: &str) -> ClaimValue {
    ClaimValue::Integer(t.into())
}

#[test]
fn the_honest_values_pass_where_they_should() {
    let honest = &world().doc;
    assert!(run(&request(&["country == FR"], &[]), honest).accepted);
    assert!(!run(&request(&["country != FR"], &[]), honest).accepted);
    assert!(run(&request(&["score >= 700", "dob age>=18"], &[]), honest).accepted);
    // A string compared as a string, declared or natural.
    assert!(
        run(
            &request(&["code == BA"], &[("code", ValueType::String)]),
            honest
        )
        .accepted
    );
    assert!(run(&request(&["code in [BA, BB]"], &[]), honest).accepted);
    // Flags and 0/1 counts are judged once their type is declared.
    let flags = [
        ("sanctioned", ValueType::Boolean),
        ("strikes", ValueType::Integer),
    ];
    assert!(
        run(
            &request(&["sanctioned == true", "strikes < 2"], &flags),
            honest
        )
        .accepted
    );
}

#[test]
fn a_trailing_nul_never_passes_a_negative_condition() {
    let doc = forged("country", s("FR\0"));
    for pred in [
        "country != FR",
        "country in [\"FR\\u0000\"]",
        "country == \"FR\\u0000\"",
    ] {
        assert_unbound(&run(&request(&[pred], &[]), &doc), "country");
    }
    // Declaring the type does not make the NUL bound.
    let r = request(&["country != FR"], &[("country", ValueType::String)]);
    assert_unbound(&run(&r, &doc), "country");
}

#[test]
fn a_string_presented_as_an_integer_is_not_judged() {
    // "BA" is 16706 as little-endian bytes: same field, same leaf.
    let doc = forged("code", int("16706"));
    for pred in [
        "code >= 10000",
        "code == 16706",
        "code != 1",
        "code < 20000",
    ] {
        assert_unbound(&run(&request(&[pred], &[]), &doc), "code");
    }
    // A verifier that declares `code` a string refuses the integer outright.
    let r = request(&["code != ZZ"], &[("code", ValueType::String)]);
    assert_unbound(&run(&r, &doc), "code");
}

#[test]
fn a_string_year_is_not_an_adult_date_of_birth() {
    // "2008" is the integer 942682162: 1999-11-15T16:09:22Z in seconds.
    let doc = forged("born", int("942682162"));
    assert_unbound(&run(&request(&["born age>=18"], &[]), &doc), "born");
    // The honest date of birth, a plain integer, needs no declaration.
    assert!(run(&request(&["dob age>=18"], &[]), &world().doc).accepted);
}

#[test]
fn booleans_and_small_integers_are_not_interchangeable() {
    // `true` is 1field: presented as the integer 1 it would pass `sanctioned < 2`
    // or `sanctioned != true` under plain value equality.
    let doc = forged("sanctioned", int("1"));
    for pred in ["sanctioned != true", "sanctioned < 2", "sanctioned == 1"] {
        assert_unbound(&run(&request(&[pred], &[]), &doc), "sanctioned");
    }
    let r = request(
        &["sanctioned != true"],
        &[("sanctioned", ValueType::Boolean)],
    );
    assert_unbound(&run(&r, &doc), "sanctioned");
    // And the reverse: the count 1 presented as `true`.
    let doc = forged("strikes", ClaimValue::Bool(true));
    let r = request(&["strikes < 1"], &[("strikes", ValueType::Integer)]);
    assert_unbound(&run(&r, &doc), "strikes");
    let r = request(&["strikes == true"], &[]);
    assert_unbound(&run(&r, &doc), "strikes");
}

#[test]
fn a_bare_disclosure_is_judged_too() {
    let w = world();
    let doc = forged("country", s("FR\0\0"));
    let mut r = Request::new(&w.verifier.address(), NOW, 600);
    r.trusted_issuers.push(w.issuer.address());
    r.disclose.push("country".into());
    r.sign(&w.verifier).unwrap();
    let report = run(&r, &doc);
    assert_unbound(&report, "country");
    assert!(report.disclosed.iter().all(|(k, _)| k != "country"));
}

#[test]
fn the_subject_is_bound_by_its_field_not_its_text() {
    let w = world();
    // The honest subject passes and shows as the holder's address.
    let r = request(&[], &[]);
    let report = run(&r, &w.doc);
    assert!(report.accepted, "{report:#?}");
    let subject = report
        .disclosed
        .iter()
        .find(|(k, _)| k == "subject")
        .unwrap();
    assert_eq!(subject.1, w.holder.address());
    // The holder's address with a NUL appended has the same field and the same
    // leaf: the check judges the field, so it passes as the holder's address, and
    // any other text is not the holder.
    let mut p = Presentation::build(&r, &w.doc, &w.holder, NOW).unwrap();
    let d = p.disclosed.iter_mut().find(|d| d.key == "subject").unwrap();
    d.value = s(&format!("{}\0", w.holder.address()));
    p.sign_holder(&w.holder).unwrap();
    let report = check(&r, &p, &CheckOptions::at(NOW + 1));
    assert!(report.accepted, "{report:#?}");
    let subject = report
        .disclosed
        .iter()
        .find(|(k, _)| k == "subject")
        .unwrap();
    assert_eq!(subject.1, w.holder.address());
}

#[test]
fn a_request_cannot_declare_a_type_its_predicates_contradict() {
    let w = world();
    let mut r = Request::new(&w.verifier.address(), NOW, 600);
    r.trusted_issuers.push(w.issuer.address());
    r.predicates
        .push(Predicate::parse_at("code >= 10", NOW).unwrap());
    r.types.insert("code".into(), ValueType::String);
    let err = r.sign(&w.verifier).unwrap_err().to_string();
    assert!(
        err.contains("code") && err.contains("declared string"),
        "{err}"
    );
}

#[test]
fn padding_with_unrequested_or_repeated_proofs_is_rejected() {
    let w = world();
    let r = request(&["country == FR", "score exists"], &[]);
    let mut p = Presentation::build(&r, &w.doc, &w.holder, NOW).unwrap();
    let honest_disclosed = p.disclosed[0].clone();
    let honest_included = p.included[0].clone();
    for i in 0..2_000 {
        let mut extra = honest_disclosed.clone();
        extra.key = format!("pad{i}");
        p.disclosed.push(extra);
        p.included.push(honest_included.clone());
    }
    p.sign_holder(&w.holder).unwrap();
    let report = check(&r, &p, &CheckOptions::at(NOW + 1));
    assert!(!report.accepted);
    let failures = report.failures();
    assert!(failures
        .iter()
        .any(|f| matches!(f, Reason::Unrequested { key } if key == "pad0")));
    assert!(failures
        .iter()
        .any(|f| matches!(f, Reason::Malformed { detail } if detail.contains("included twice"))));
}
