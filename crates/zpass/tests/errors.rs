//! Inputs ARC-0102 cannot hash are errors that name the key.

use merklab_zpass::{issue_str, CertificateDocument, InputFormat, IssueOptions};

fn issue_err(text: &str, format: InputFormat) -> String {
    match issue_str(text, format, &IssueOptions::default()) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn json_errors_name_the_key() {
    let base = r#""type": "KYC", "issuer": "aleo1x""#;
    let too_big = "8444461749428370424248824938781546531375899335154063827935233455917409239041";
    let cases = [
        (format!("{{{base}, \"height\": 1.75}}"), "`height`"),
        (format!("{{{base}, \"score\": -3}}"), "`score`"),
        (format!("{{{base}, \"nick\": null}}"), "`nick`"),
        (format!("{{{base}, \"big\": {too_big}}}"), "`big`"),
        (format!("{{{base}, \"exp\": 1e5}}"), "`exp`"),
        (
            format!("{{{base}, \"a\": {{\"b\": 1}}, \"a,b\": 2}}"),
            "`a,b`",
        ),
        (
            format!("{{{base}, \"t\": [1, 2], \"t[],1\": 3}}"),
            "`t[],1`",
        ),
        (
            format!("{{{base}, \"deep\": {{\"x\": [0.5]}}}}"),
            "`deep,x[],0`",
        ),
        ("{\"issuer\": \"aleo1x\"}".to_string(), "`type`"),
        ("{\"type\": \"KYC\"}".to_string(), "`issuer`"),
        ("{\"type\": 5, \"issuer\": \"i\"}".to_string(), "`type`"),
    ];
    for (text, needle) in cases {
        let err = issue_err(&text, InputFormat::Json);
        assert!(err.contains(needle), "{text}: {err}");
    }
}

#[test]
fn yaml_errors_name_the_key() {
    let cases = [
        ("type: KYC\nissuer: x\nheight: 1.75\n", "`height`"),
        ("type: KYC\nissuer: x\nscore: -3\n", "`score`"),
        ("type: KYC\nissuer: x\nnick: ~\n", "`nick`"),
        (
            "type: KYC\nissuer: x\nbig: 99999999999999999999999999999999999999999999999999999999999999999999999999999\n",
            "`big`: integer 99999999999999999999999999999999999999999999999999999999999999999999999999999 is not below",
        ),
    ];
    for (text, needle) in cases {
        let err = issue_err(text, InputFormat::Yaml);
        assert!(err.contains(needle), "{text}: {err}");
    }
    // YAML reads an integer above u128::MAX through f64; it still hashes as the
    // integer it is written as, exactly as in JSON.
    let digits = "999999999999999999999999999999999999999999";
    let yaml = issue_str(
        &format!("type: KYC\nissuer: x\nbig: {digits}\n"),
        InputFormat::Yaml,
        &IssueOptions::default(),
    )
    .unwrap();
    let json = issue_str(
        &format!("{{\"type\": \"KYC\", \"issuer\": \"x\", \"big\": {digits}}}"),
        InputFormat::Json,
        &IssueOptions::default(),
    )
    .unwrap();
    let value = |d: &CertificateDocument| d.certificate.get("big").unwrap().value.clone();
    assert_eq!(value(&yaml), value(&json));
}

#[test]
fn big_integers_below_the_modulus_stay_exact() {
    let p_minus_1 = "8444461749428370424248824938781546531375899335154063827935233455917409239040";
    let text = format!(r#"{{"type": "KYC", "issuer": "aleo1x", "big": {p_minus_1}}}"#);
    let doc = issue_str(&text, InputFormat::Json, &IssueOptions::default()).unwrap();
    let json = doc.to_json();
    assert!(json.contains(&format!("\"value\": {p_minus_1}")), "{json}");
    assert_eq!(CertificateDocument::parse(&json).unwrap(), doc);
}

#[test]
fn normalized_records_are_checked_too() {
    let good = r#"{"type": {"salt": "s1", "value": "KYC"}, "issuer": {"salt": "s2", "value": "i"}"#;
    let cases = [
        (
            format!("{good}, \"x\": {{\"salt\": \"has space\", \"value\": 1}}}}"),
            "`x`",
        ),
        (
            format!("{good}, \"x\": {{\"salt\": \"\", \"value\": 1}}}}"),
            "`x`",
        ),
        (
            format!("{good}, \"x\": {{\"salt\": \"s\", \"value\": 1.5}}}}"),
            "`x`",
        ),
        (format!("{good}, \"x\": {{\"salt\": \"s\"}}}}"), "`x`"),
        (
            format!("{good}, \"x\": {{\"salt\": \"s\", \"value\": 1, \"extra\": 2}}}}"),
            "`x`",
        ),
        (
            format!("{good}, \"private\": [\"12\", \"oops\"]}}"),
            "private",
        ),
    ];
    for (text, needle) in cases {
        let err = CertificateDocument::parse(&text).unwrap_err().to_string();
        assert!(err.contains(needle), "{text}: {err}");
    }
}

#[test]
fn an_empty_salt_seed_is_refused() {
    let options = IssueOptions {
        salts: merklab_zpass::SaltSource::Seeded(String::new()),
        ..IssueOptions::default()
    };
    let err = issue_str(
        r#"{"type": "KYC", "issuer": "x"}"#,
        InputFormat::Json,
        &options,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("seed is empty"), "{err}");
}

/// Claims are hashed in runs spread over threads, but a certificate with several
/// unhashable values reports the first of them in claim order, as one pass would.
#[test]
fn the_first_bad_value_in_claim_order_is_the_error() {
    use merklab_zpass::{Certificate, Claim, ClaimValue, Issued};
    // The field modulus plus one and plus two: neither is a field element.
    let first = "8444461749428370424248824938781546531375899335154063827935233455917409239042";
    let later = "8444461749428370424248824938781546531375899335154063827935233455917409239043";
    let mut claims = vec![
        Claim {
            key: "type".into(),
            salt: "s-type".into(),
            value: ClaimValue::String("KYC".into()),
        },
        Claim {
            key: "issuer".into(),
            salt: "s-issuer".into(),
            value: ClaimValue::String("aleo1x".into()),
        },
    ];
    for i in 0..300 {
        let value = match i {
            40 => first.to_string(),
            250 => later.to_string(),
            _ => i.to_string(),
        };
        claims.push(Claim {
            key: format!("k{i}"),
            salt: format!("s{i}"),
            value: ClaimValue::Integer(value),
        });
    }
    let certificate = Certificate::new(claims, Vec::new()).expect("well-formed claims");
    let err = Issued::new(certificate)
        .expect_err("unhashable values")
        .to_string();
    assert!(err.contains(first), "{err}");
    assert!(!err.contains(later), "{err}");
}
