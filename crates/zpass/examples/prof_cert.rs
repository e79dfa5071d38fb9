use merklab_zpass::{issue_str, InputFormat, IssueOptions, Issued, Reveal, SaltSource};
fn main() {
    let mut doc = String::from("{\"type\":\"KYC\",\"issuer\":\"aleo1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"");
    for i in 0..998 {
        doc.push_str(&format!(",\"k{i:05}\":{}", 1_000_000 + i));
    }
    doc.push('}');
    let n: usize = std::env::args().nth(1).map_or(100, |s| s.parse().unwrap());
    let t = std::time::Instant::now();
    let mut r = 0u64;
    for _ in 0..n {
        let options = IssueOptions {
            salts: SaltSource::Seeded("s".into()),
            ..Default::default()
        };
        let d = issue_str(&doc, InputFormat::Json, &options).unwrap();
        let issued = Issued::new(d.certificate).unwrap();
        let p = issued.prove_all(Reveal::Value).unwrap();
        r ^= issued.root() ^ p.len() as u64;
    }
    println!("{r} {:?} per cert", t.elapsed() / n as u32);
}
