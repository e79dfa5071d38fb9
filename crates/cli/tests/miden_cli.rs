//! The `miden` profile from the command line: roots equal to miden-crypto's own
//! `MerkleTree`, proofs that verify and reject, and the words and leaf counts Miden
//! refuses, each exit 2 with existing files left intact.

use miden_crypto::merkle::MerkleTree;
use miden_crypto::{Felt, Word};

mod common;
use common::{code, run, stderr, stdout, write};

/// `n` words, and the leaves file that lists them as Miden prints them.
fn words(n: u64) -> (Vec<Word>, String) {
    let words: Vec<Word> = (0..n)
        .map(|i| {
            Word::new(std::array::from_fn(|j| {
                Felt::new((i + 1) * 0x0123_4567_89ab + j as u64 * (Felt::ORDER / 5)).unwrap()
            }))
        })
        .collect();
    let text = words.iter().map(|w| format!("{}\n", w.to_hex())).collect();
    (words, text)
}

#[test]
fn miden_root_and_proof_match_miden_crypto() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["profiles"]);
    assert!(
        stdout(&o).lines().any(|l| l.starts_with("miden ")),
        "{}",
        stdout(&o)
    );

    let (words, text) = words(8);
    let leaves = write(dir.path(), "words.txt", &text);
    let root = MerkleTree::new(&words).unwrap().root().to_hex();
    let o = run(&["tree", "root", "--profile", "miden", "--leaves", &leaves]);
    assert_eq!(
        (code(&o), stdout(&o).trim()),
        (0, root.as_str()),
        "{}",
        stderr(&o)
    );

    let proof = dir.path().join("p.json");
    let proof = proof.to_str().unwrap();
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "miden",
        "--leaves",
        &leaves,
        "--index",
        "5",
        "-o",
        proof,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(proof).unwrap()).unwrap();
    assert_eq!(file["root"], root.as_str());
    assert_eq!(file["leaves"][0], words[5].to_hex().as_str());
    let o = run(&["tree", "verify", "--proof", proof, "--size", "8"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let other = words[0].to_hex();
    let o = run(&["tree", "verify", "--proof", proof, "--root", &other]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));

    // A proof that claims a tree of three leaves is of no tree Miden builds.
    let mut claim = file.clone();
    claim["proof"]["leaf_count"] = 3.into();
    let claim = write(dir.path(), "claim.json", &claim.to_string());
    let o = run(&["tree", "verify", "--proof", &claim]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("power of two"), "{}", stderr(&o));
}

#[test]
fn miden_refuses_bad_words_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = write(dir.path(), "out.json", "kept\n");
    let (_, text) = words(3);
    let three = write(dir.path(), "three.txt", &text);
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "miden",
        "--leaves",
        &three,
        "--index",
        "0",
        "-o",
        &out,
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("power of two") && err.contains("not 3"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept\n");

    let (_, text) = words(2);
    let high = format!("0x{}{}", "00".repeat(24), "ff".repeat(8));
    let bad = write(dir.path(), "bad.txt", &format!("{text}{high}\n"));
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "miden",
        "--leaves",
        &bad,
        "--index",
        "0",
        "-o",
        &out,
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("bad.txt:3") && err.contains(&high), "{err}");
    assert!(
        err.contains(&Felt::ORDER.to_string()) && err.contains("element 3"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept\n");

    let short = write(dir.path(), "short.txt", "0x1234\n0x00\n");
    let o = run(&["tree", "root", "--profile", "miden", "--leaves", &short]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not a Miden word"), "{}", stderr(&o));
}

/// `tree root --hash rpo256` over byte leaves: each leaf is miden-crypto's
/// `Rpo256::hash(bytes)` and each node its `Rpo256::merge`, computed here from
/// miden-crypto directly; a proof from the same command verifies, and a tagged form
/// is refused.
#[test]
fn rpo256_byte_leaves_match_miden_crypto() {
    use miden_crypto::hash::rpo::Rpo256;
    let dir = tempfile::tempdir().unwrap();
    let leaves: Vec<Vec<u8>> = vec![vec![0x00], vec![0x01], vec![0x02, 0x03], b"miden".to_vec()];
    let text: String = leaves
        .iter()
        .map(|l| {
            format!(
                "{}\n",
                l.iter().map(|b| format!("{b:02x}")).collect::<String>()
            )
        })
        .collect();
    let file = write(dir.path(), "leaves.txt", &text);
    let hashed: Vec<Word> = leaves.iter().map(|l| Rpo256::hash(l)).collect();
    let left = Rpo256::merge(&[hashed[0], hashed[1]]);
    let right = Rpo256::merge(&[hashed[2], hashed[3]]);
    let root = Rpo256::merge(&[left, right]);

    let o = run(&["tree", "root", "--hash", "rpo256", "--leaves", &file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), root.to_hex());

    let proof = dir.path().join("proof.json");
    let o = run(&[
        "tree",
        "prove",
        "--hash",
        "rpo256",
        "--leaves",
        &file,
        "--index",
        "2",
        "-o",
        proof.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&[
        "tree",
        "verify",
        "--proof",
        proof.to_str().unwrap(),
        "--size",
        "4",
        "--root",
        &root.to_hex(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = run(&[
        "tree", "root", "--hash", "rpo256", "--tags", "tagged", "--leaves", &file,
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no domain-tagged form"),
        "{}",
        stderr(&o)
    );
}
