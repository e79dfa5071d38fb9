//! A warm process issuing 1,000-claim certificates and every claim's proof, over and
//! over: the time per certificate once the tables are built, as a service sees it.
//!
//! `cargo run --release -p merklab-zpass --example warm_issue -- [N] [widest]`
//! (N certificates, default 100; `widest` hashes on the widest digest tables instead
//! of those sized for one certificate). `RAYON_NUM_THREADS` sets the threads.

use std::time::Instant;

use merklab_aleo::{Config, HashPath};
use merklab_zpass::{issue_str, InputFormat, IssueOptions, Issued, Reveal, SaltSource};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().map_or(Ok(100), |s| s.parse())?;
    let widest = args.next().as_deref() == Some("widest");
    let mut doc = String::from(
        r#"{"type":"KYC","issuer":"aleo1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq""#,
    );
    for i in 0..998 {
        doc.push_str(&format!(r#","k{i:05}":{}"#, 1_000_000 + i));
    }
    doc.push('}');
    let options = IssueOptions {
        salts: SaltSource::Seeded("warm".into()),
        ..Default::default()
    };
    let start = Instant::now();
    let mut proofs = 0;
    for _ in 0..n {
        let certificate = issue_str(&doc, InputFormat::Json, &options)?.certificate;
        let issued = if widest {
            Issued::new_with(&Config::path(HashPath::Fast), certificate)?
        } else {
            Issued::new(certificate)?
        };
        proofs += issued.prove_all(Reveal::Value)?.len();
    }
    println!(
        "{:?} per certificate ({proofs} proofs in all)",
        start.elapsed() / n.max(1)
    );
    Ok(())
}
