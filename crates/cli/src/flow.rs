//! `merklab request`, `merklab present`, `merklab check`: the verifier's signed
//! request, the holder's presentation, the verifier's check; and the Leo predicate
//! export behind `merklab zpass leo --predicate`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use merklab_aleo::account::check_address;
use merklab_zpass::flow::{
    check, now_unix, CheckOptions, Predicate, Presentation, Request, MAX_TTL_SECONDS,
};
use merklab_zpass::json::Node;
use merklab_zpass::{leo, CertificateDocument, Issued, Limits, ValueType};

use crate::io::{emit, is_stdout, read_text, write_atomic};
use crate::keys::load_key;
use crate::terminal::{safe, safe_path};

/// Environment variable holding the verifier's private key (`APrivateKey1...`).
const VERIFIER_KEY_ENV: &str = "MERKLAB_VERIFIER_KEY";
/// Environment variable holding the holder's private key (`APrivateKey1...`).
const HOLDER_KEY_ENV: &str = "MERKLAB_HOLDER_KEY";

/// `merklab request`.
#[derive(Args)]
pub struct RequestArgs {
    /// An issuer address whose signed roots are accepted (repeat for several).
    #[arg(long = "trust", value_name = "ADDRESS", required = true)]
    trusted_issuers: Vec<String>,
    /// A key whose value must be disclosed (repeat for several).
    #[arg(long, value_name = "KEY")]
    disclose: Vec<String>,
    /// A condition, e.g. `score >= 700`, `country in [FR, DE]`, `dob age>=18`,
    /// `dob age>=18 yyyymmdd`, `email exists` (repeat for several).
    #[arg(long, value_name = "EXPR")]
    predicate: Vec<String>,
    /// The certificate type required (`type` claim).
    #[arg(long = "type", value_name = "TYPE")]
    cert_type: Option<String>,
    /// The type a key is judged as, `KEY=string|integer|boolean` (repeat for several).
    /// ARC-0102 leaves do not bind a value's type: without this, values whose
    /// encoding another type shares (`true` and `1`, `16706` and `"BA"`) are refused.
    #[arg(long = "value-type", value_name = "KEY=TYPE")]
    value_types: Vec<String>,
    /// Seconds the request stays valid, at most 315360000 (ten years).
    #[arg(long, default_value_t = 600)]
    ttl: u64,
    /// Do not require the holder to be the certificate's `subject`.
    #[arg(long)]
    no_subject_binding: bool,
    /// The verifier's private key file (default: the MERKLAB_VERIFIER_KEY environment variable).
    #[arg(long, value_name = "KEYFILE")]
    key_file: Option<PathBuf>,
    /// The time to issue at, seconds since 1970 (default: now; also the `age>=` reference).
    #[arg(long, value_name = "SECONDS")]
    now: Option<u64>,
    /// Print the summary as JSON (on standard error when the request goes to standard output).
    #[arg(long)]
    json: bool,
    /// Write the request here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// `merklab present`.
#[derive(Args)]
pub struct PresentArgs {
    /// The verifier's request (JSON).
    request: PathBuf,
    /// The signed certificate document (`merklab zpass issue --sign`).
    certificate: PathBuf,
    /// The holder's private key file (default: the MERKLAB_HOLDER_KEY environment variable).
    #[arg(long, value_name = "KEYFILE")]
    key_file: Option<PathBuf>,
    /// The time to check the request's expiry at, seconds since 1970 (default: now).
    #[arg(long, value_name = "SECONDS")]
    now: Option<u64>,
    /// Print the summary as JSON (on standard error when the presentation goes to standard output).
    #[arg(long)]
    json: bool,
    /// Write the presentation here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// `merklab check`.
#[derive(Args)]
pub struct CheckArgs {
    /// The request the verifier made (JSON).
    request: PathBuf,
    /// The holder's presentation (JSON).
    presentation: PathBuf,
    /// The verifier's own address: the request must be its own.
    #[arg(long, value_name = "ADDRESS")]
    verifier: Option<String>,
    /// The time of the check, seconds since 1970 (default: now).
    #[arg(long, value_name = "SECONDS")]
    now: Option<u64>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also write the JSON report here (atomically).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn json_text<T: serde::Serialize>(value: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

/// Writes a document to `-o` (then prints the summary on stdout) or prints the
/// document on stdout (then the summary, text or `--json`, goes to stderr, so
/// stdout stays one document that can be piped).
fn deliver(
    document: &str,
    output: Option<&Path>,
    summary: &str,
    summary_json: &str,
    json: bool,
) -> Result<()> {
    match output {
        Some(path) if !is_stdout(path) => {
            write_atomic(path, document.as_bytes())?;
            emit(None, if json { summary_json } else { summary })
        }
        _ => {
            emit(None, document)?;
            eprint!("{}", if json { summary_json } else { summary });
            Ok(())
        }
    }
}

/// Runs `merklab request`.
/// Reads `KEY=TYPE` for `--value-type`.
pub fn parse_value_type(decl: &str) -> Result<(String, ValueType)> {
    let (key, ty) = decl
        .split_once('=')
        .filter(|(k, _)| !k.trim().is_empty())
        .ok_or_else(|| anyhow!("--value-type `{}`: expected KEY=TYPE", decl.escape_debug()))?;
    let ty = ty
        .trim()
        .parse::<ValueType>()
        .map_err(|e| anyhow!("--value-type `{}`: {e}", decl.escape_debug()))?;
    Ok((key.trim().to_string(), ty))
}

pub fn request(args: RequestArgs) -> Result<()> {
    // Every argument is checked before the key is read.
    let now = args.now.unwrap_or_else(now_unix);
    if args.ttl > MAX_TTL_SECONDS {
        bail!(
            "--ttl {} is above the limit of {MAX_TTL_SECONDS} seconds (ten years)",
            args.ttl
        );
    }
    if now.checked_add(args.ttl).is_none() {
        bail!(
            "--now {now} plus --ttl {} overflows the expiry time",
            args.ttl
        );
    }
    let mut predicates = Vec::new();
    for expr in &args.predicate {
        predicates.push(Predicate::parse_at(expr, now).with_context(|| "--predicate".to_string())?);
    }
    let mut types = BTreeMap::new();
    for decl in &args.value_types {
        let (key, ty) = parse_value_type(decl)?;
        types.insert(key, ty);
    }
    let key = load_key(args.key_file.as_deref(), VERIFIER_KEY_ENV, "verifier")?;
    let mut request = Request::try_new(&key.address(), now, args.ttl)?;
    request.predicates = predicates;
    request.trusted_issuers = args
        .trusted_issuers
        .iter()
        .map(|a| a.trim().to_string())
        .collect();
    request.disclose = args.disclose;
    request.cert_type = args.cert_type;
    request.bind_subject = !args.no_subject_binding;
    request.types = types;
    request.sign(&key)?;
    let digest = request.digest_hex()?;
    let mut summary = format!(
        "request by {}\n  nonce    {}\n  digest   {digest}\n  expires  {} ({} s)\n",
        safe(&request.verifier),
        safe(&request.nonce),
        request.expires_at,
        args.ttl
    );
    for p in &request.predicates {
        summary.push_str(&format!("  require  {}\n", safe(&p.to_string())));
    }
    for k in &request.disclose {
        summary.push_str(&format!("  disclose {}\n", safe(k)));
    }
    for (k, ty) in &request.types {
        summary.push_str(&format!("  judge    {k} as {ty}\n"));
    }
    let summary_json = json_text(&serde_json::json!({
        "verifier": request.verifier,
        "nonce": request.nonce,
        "digest": digest,
        "expires_at": request.expires_at,
    }))?;
    deliver(
        &request.to_json()?,
        args.output.as_deref(),
        &summary,
        &summary_json,
        args.json,
    )
}

fn read_request(path: &Path, limits: Limits) -> Result<Request> {
    Request::parse_with(&read_text(path)?, limits).with_context(|| path.display().to_string())
}

/// Runs `merklab present`.
pub fn present(args: PresentArgs, limits: Limits) -> Result<()> {
    let request = read_request(&args.request, limits)?;
    let text = read_text(&args.certificate)?;
    let doc = CertificateDocument::parse_with(&text, limits)
        .with_context(|| args.certificate.display().to_string())?;
    let key = load_key(args.key_file.as_deref(), HOLDER_KEY_ENV, "holder")?;
    let now = args.now.unwrap_or_else(now_unix);
    let p = Presentation::build(&request, &doc, &key, now)?;
    let disclosed: Vec<&str> = p.disclosed.iter().map(|d| d.key.as_str()).collect();
    let included: Vec<&str> = p.included.iter().map(|d| d.key.as_str()).collect();
    let summary = format!(
        "presentation by {} for verifier {}\n  nonce     {}\n  disclosed {}\n  key only  {}\n",
        safe(&p.holder),
        safe(&p.verifier),
        safe(&p.nonce),
        safe(&disclosed.join(", ")),
        if included.is_empty() {
            "-".to_string()
        } else {
            safe(&included.join(", ")).into_owned()
        }
    );
    let summary_json = json_text(&serde_json::json!({
        "holder": p.holder,
        "verifier": p.verifier,
        "nonce": p.nonce,
        "disclosed": disclosed,
        "key_only": included,
    }))?;
    deliver(
        &p.to_json()?,
        args.output.as_deref(),
        &summary,
        &summary_json,
        args.json,
    )
}

/// Runs `merklab check`: exit 0 accepted, 1 rejected (first reason on stderr), 2 bad input.
pub fn check_cmd(args: CheckArgs, limits: Limits) -> Result<()> {
    // An address that cannot be one is bad input (exit 2), not a rejection.
    if let Some(me) = &args.verifier {
        check_address(me).map_err(|e| anyhow!("--verifier: {e}"))?;
    }
    let request = read_request(&args.request, limits)?;
    let p = Presentation::parse_with(&read_text(&args.presentation)?, limits)
        .with_context(|| args.presentation.display().to_string())?;
    let options = CheckOptions {
        verifier: args.verifier.map(|v| v.trim().to_string()),
        ..CheckOptions::at(args.now.unwrap_or_else(now_unix))
    };
    let report = check(&request, &p, &options);
    let json = json_text(&report)?;
    if let Some(path) = &args.output {
        write_atomic(path, json.as_bytes())?;
    }
    if args.json {
        emit(None, &json)?;
    } else {
        let mut text = String::from(if report.accepted {
            "ACCEPTED\n"
        } else {
            "REJECTED\n"
        });
        for c in &report.conditions {
            let check = safe(&c.check);
            match &c.failure {
                None => text.push_str(&format!("  ok    {check}\n")),
                Some(reason) => {
                    text.push_str(&format!("  FAIL  {check}: {}\n", safe(&reason.to_string())))
                }
            }
        }
        for (k, v) in &report.disclosed {
            text.push_str(&format!(
                "  disclosed {} = {}\n",
                safe(k),
                safe(&v.to_string())
            ));
        }
        emit(None, &text)?;
    }
    match report.first_failure() {
        None => Ok(()),
        Some(reason) => {
            let name = serde_json::to_value(reason)
                .ok()
                .and_then(|v| v.get("reason").and_then(|r| r.as_str()).map(str::to_string))
                .unwrap_or_default();
            Err(crate::rejected(format!(
                "presentation rejected ({name}): {reason}"
            )))
        }
    }
}

/// `merklab zpass leo --key K --predicate EXPR`: a Leo program proving the condition
/// on the key's value with the value private. `EXPR` may omit the key (`age>=18`, `>= 700`).
pub fn leo_predicate(
    input: &Path,
    key: &str,
    expr: &str,
    json: bool,
    output: Option<&Path>,
    limits: Limits,
) -> Result<()> {
    let now = now_unix();
    let lead = expr.trim_start();
    let known = ["==", "!=", "<=", ">=", "<", ">", "age>="];
    if lead.starts_with(['=', '!', '<', '>']) && !known.iter().any(|op| lead.starts_with(op)) {
        bail!(
            "--predicate: `{expr}` does not start with an operator (==, !=, <, <=, >, >=, age>=)"
        );
    }
    let predicate = match Predicate::parse_at(expr, now) {
        Ok(p) if p.key() == key => p,
        first => match Predicate::parse_at(&format!("{key} {expr}"), now) {
            // `score >= 700` given with --key dob must not become a condition on `dob score`.
            Ok(p) if p.key() == key => p,
            Ok(_) => match first {
                Ok(p) => bail!(
                    "--predicate: `{expr}` is a condition on `{}`, not on --key `{key}`",
                    p.key()
                ),
                Err(_) => bail!(
                    "--predicate: `{expr}` does not start with an operator (==, !=, <, <=, >, >=, age>=)"
                ),
            },
            Err(e) => return Err(anyhow!(e).context("--predicate")),
        },
    };
    // Operators with no single-threshold program are refused before any file is read.
    leo::predicate_threshold(&predicate).context("--predicate")?;
    let text = read_text(input)?;
    let doc = CertificateDocument::parse_with(&text, limits)
        .with_context(|| input.display().to_string())?;
    let issued = Issued::new(doc.certificate)?;
    let proof = issued.prove_value(key)?;
    let e = leo::export_predicate(&proof, &predicate)?;
    if let Some(path) = output {
        let is_file = path.extension().is_some_and(|x| x == "leo");
        if is_file {
            write_atomic(path, e.export.source.as_bytes())?;
        } else {
            let src = path.join("src");
            std::fs::create_dir_all(&src)
                .with_context(|| format!("cannot create {}", src.display()))?;
            write_atomic(&src.join("main.leo"), e.export.source.as_bytes())?;
            write_atomic(&path.join("program.json"), e.export.manifest().as_bytes())?;
            write_atomic(&path.join("inputs.json"), e.inputs_json().as_bytes())?;
        }
        eprintln!(
            "wrote {} (program {}.aleo)",
            safe_path(path),
            safe(&e.export.program)
        );
    }
    if json {
        let Node::Object(mut members) = merklab_zpass::json::parse_json(&e.inputs_json())? else {
            bail!("internal: the inputs document is not an object");
        };
        members.push(("predicate".into(), Node::String(predicate.to_string())));
        if output.is_none() {
            members.push(("source".into(), Node::String(e.export.source.clone())));
        }
        return emit(None, &Node::Object(members).to_json_pretty());
    }
    if output.is_some() {
        return emit(None, &e.export.run_line());
    }
    let mut text = e.export.source.clone();
    text.push_str(&format!(
        "// condition: {}\n// {}\n",
        safe(&predicate.to_string()),
        safe(&e.export.run_line())
    ));
    emit(None, &text)
}
