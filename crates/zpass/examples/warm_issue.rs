//! A warm process issuing 1,000-claim certificates and every claim's proof, over and
//! over: the time per certificate once the tables are built, as a service sees it.
//!
//! `cargo run --release -p merklab-zpass --example warm_issue -- [N] [widest]`
//! (N certificates, default 100; `widest` hashes on the widest digest tables instead
//! of those sized for one certificate). `RAYON_NUM_THREADS` sets the threads. One
//! certificate is issued before the clock starts, so the tables' build and the
//! thread pool's start are not in the figure. The second line splits the time by
//! phase (parse and salt, hash and build, prove), so a profile names the phase
//! that does not scale.

use std::time::{Duration, Instant};

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
    let mut phases = [Duration::ZERO; 3];
    let mut proofs = 0;
    let mut start = Instant::now();
    // Round 0 builds the tables and starts the pool: it is not timed.
    for round in 0..=n {
        if round == 1 {
            phases = [Duration::ZERO; 3];
            proofs = 0;
            start = Instant::now();
        }
        let t0 = Instant::now();
        let certificate = issue_str(&doc, InputFormat::Json, &options)?.certificate;
        let t1 = Instant::now();
        let issued = if widest {
            Issued::new_with(&Config::path(HashPath::Fast), certificate)?
        } else {
            Issued::new(certificate)?
        };
        let t2 = Instant::now();
        proofs += issued.prove_all(Reveal::Value)?.len();
        let t3 = Instant::now();
        phases[0] += t1 - t0;
        phases[1] += t2 - t1;
        phases[2] += t3 - t2;
    }
    let per = |d: Duration| d / n.max(1);
    println!(
        "{:?} per certificate ({proofs} proofs in all)",
        per(start.elapsed())
    );
    println!(
        "phases per certificate: parse+salt {:?}, hash+tree {:?}, prove {:?}",
        per(phases[0]),
        per(phases[1]),
        per(phases[2])
    );
    Ok(())
}
