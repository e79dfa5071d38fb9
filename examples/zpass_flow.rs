//! Issuer, holder, verifier: the whole ARC-0102 off-chain flow in one run.
//!
//! `cargo run --example zpass_flow`
//!
//! 1. the issuer makes a key, issues a certificate to the holder and signs its root;
//! 2. the verifier writes a request (disclose `name`; `dob` at least 18 years;
//!    `country` in a list; `email` must exist) with a fresh nonce, signed;
//! 3. the holder answers with a presentation bound to that request;
//! 4. the verifier checks it and prints each condition;
//! 5. the same presentation replayed to a new request is refused.

use merklab_zpass::flow::{check, now_unix, CheckOptions, Predicate, Presentation, Request};
use merklab_zpass::sign::{sign_root, IssuerKey};
use merklab_zpass::{issue_str, InputFormat, IssueOptions, Issued};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = now_unix();

    // 1. Issuer.
    let issuer = IssuerKey::try_generate()?;
    let holder = IssuerKey::try_generate()?;
    let credential = format!(
        r#"{{"type": "KYC", "issuer": "{}", "subject": "{}",
            "name": "Alice Wonderland", "dob": 946684800, "country": "FR",
            "email": "alice@example.org", "passport": "X1234567"}}"#,
        issuer.address(),
        holder.address()
    );
    let mut cert = issue_str(&credential, InputFormat::Json, &IssueOptions::default())?;
    let root = Issued::new(cert.certificate.clone())?.root();
    let signed = sign_root(&issuer, root)?;
    cert.root = Some(root);
    cert.issuer_address = Some(signed.address);
    cert.signature = Some(signed.signature);
    println!("issuer   {} signed root {root}u64", issuer.address());

    // 2. Verifier.
    let verifier = IssuerKey::try_generate()?;
    let mut request = Request::new(&verifier.address(), now, 600);
    request.cert_type = Some("KYC".into());
    request.trusted_issuers.push(issuer.address());
    request.disclose.push("name".into());
    for expr in ["dob age>=18", "country in [FR, DE, IT]", "email exists"] {
        request.predicates.push(Predicate::parse_at(expr, now)?);
    }
    request.sign(&verifier)?;
    println!(
        "verifier {} request nonce {}",
        verifier.address(),
        request.nonce
    );

    // 3. Holder.
    let presentation = Presentation::build(&request, &cert, &holder, now)?;
    println!("holder   {} presentation:", holder.address());
    println!("{}", presentation.to_json()?);

    // 4. Verifier checks.
    let report = check(&request, &presentation, &CheckOptions::at(now));
    for c in &report.conditions {
        match &c.failure {
            None => println!("  ok    {}", c.check),
            Some(reason) => println!("  FAIL  {}: {reason}", c.check),
        }
    }
    if !report.accepted {
        return Err("the presentation was rejected".into());
    }
    println!("ACCEPTED; the verifier learned:");
    for (key, value) in &report.disclosed {
        println!("  {key} = {value}");
    }

    // 5. A replay to a fresh request fails on the nonce.
    let mut again = Request::new(&verifier.address(), now, 600);
    again.trusted_issuers = request.trusted_issuers.clone();
    again.predicates = request.predicates.clone();
    again.sign(&verifier)?;
    let replay = check(&again, &presentation, &CheckOptions::at(now));
    match replay.first_failure() {
        Some(reason) => println!("replayed to a new request: rejected ({reason})"),
        None => return Err("a replayed presentation was accepted".into()),
    }
    Ok(())
}
