//! `merklab tree --profile ...`, `merklab tree consistency` and `merklab profiles` end to end,
//! checked against published values (RFC 6962 test data, Bitcoin block 100000, the
//! OpenZeppelin README example, the ARC-0102 spec example).

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::code;

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run merklab")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const CT_LEAVES: &str =
    "0x\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n";
const CT_ROOT_8: &str = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
const CT_ROOT_6: &str = "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef";

#[test]
fn lists_profiles() {
    let o = run(&["profiles"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for name in [
        "rfc6962",
        "openzeppelin",
        "bitcoin",
        "snarkvm-bhp",
        "snarkvm-poseidon",
        "arc0102",
        "lean-imt",
        "plonky3-mmcs",
        "miden",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} missing from:\n{out}"
        );
    }
}

#[test]
fn rfc6962_root_proof_and_consistency() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "ct.txt", CT_LEAVES);
    let o = run(&["tree", "root", "--profile", "rfc6962", "--leaves", &leaves]);
    assert_eq!((code(&o), stdout(&o)), (0, CT_ROOT_8.to_string()));

    let proof = dir.path().join("p.json");
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "rfc6962",
        "--leaves",
        &leaves,
        "--index",
        "5",
        "-o",
        proof.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    let text = std::fs::read_to_string(&proof).unwrap();
    // The published audit path of leaf 6 (1-based) in the 8-leaf tree.
    assert!(text.contains("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            proof.to_str().unwrap()
        ])),
        0
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            proof.to_str().unwrap(),
            "--root",
            CT_ROOT_6
        ])),
        1
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            proof.to_str().unwrap(),
            "--profile",
            "bitcoin"
        ])),
        2
    );

    let c = dir.path().join("c.json");
    let o = run(&[
        "tree",
        "consistency",
        "--profile",
        "rfc6962",
        "--leaves",
        &leaves,
        "--old-size",
        "6",
        "-o",
        c.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&c).unwrap()).unwrap();
    assert_eq!(file["old_root"], CT_ROOT_6);
    assert_eq!(file["new_root"], CT_ROOT_8);
    assert_eq!(
        file["proof"][0],
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "verify-consistency",
            "--proof",
            c.to_str().unwrap()
        ])),
        0
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "verify-consistency",
            "--proof",
            c.to_str().unwrap(),
            "--old-root",
            CT_ROOT_8
        ])),
        1
    );
    let o = run(&[
        "tree",
        "consistency",
        "--profile",
        "rfc6962",
        "--leaves",
        &leaves,
        "--old-size",
        "9",
    ]);
    assert_eq!(code(&o), 2);
    let o = run(&[
        "tree",
        "consistency",
        "--profile",
        "bitcoin",
        "--leaves",
        &leaves,
        "--old-size",
        "2",
    ]);
    assert_eq!(code(&o), 2);
    let garbage = write(
        dir.path(),
        "g.json",
        "{\"profile\":\"rfc6962\",\"old_size\":1}",
    );
    assert_eq!(
        code(&run(&["tree", "verify-consistency", "--proof", &garbage])),
        2
    );
}

#[test]
fn bitcoin_block_100000() {
    let dir = tempfile::tempdir().unwrap();
    let txids = write(
        dir.path(),
        "b.txt",
        "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87\n\
         fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4\n\
         6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4\n\
         e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d\n",
    );
    let o = run(&["tree", "root", "--profile", "bitcoin", "--leaves", &txids]);
    assert_eq!(
        stdout(&o),
        "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766"
    );
    let proof = dir.path().join("p.json");
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "bitcoin",
        "--leaves",
        &txids,
        "--index",
        "0,3",
        "-o",
        proof.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            proof.to_str().unwrap()
        ])),
        0
    );
    let bad = write(dir.path(), "bad.txt", "abcd\n");
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "bitcoin",
            "--leaves",
            &bad
        ])),
        2
    );
}

#[test]
fn openzeppelin_readme_example_and_dump() {
    let dir = tempfile::tempdir().unwrap();
    let values = write(
        dir.path(),
        "v.txt",
        "[\"0x1111111111111111111111111111111111111111\", \"5000000000000000000\"]\n\
         [\"0x2222222222222222222222222222222222222222\", \"2500000000000000000\"]\n",
    );
    let dump = dir.path().join("tree.json");
    let o = run(&[
        "tree",
        "root",
        "--profile",
        "openzeppelin",
        "--leaf-type",
        "address,uint256",
        "--leaves",
        &values,
        "--dump",
        dump.to_str().unwrap(),
    ]);
    let root = "0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77";
    assert_eq!((code(&o), stdout(&o)), (0, root.to_string()));
    let d: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&dump).unwrap()).unwrap();
    assert_eq!(d["format"], "standard-v1");
    assert_eq!(d["tree"][0], root);
    // The dump reads back as a leaves file.
    let o = run(&[
        "tree",
        "root",
        "--profile",
        "openzeppelin",
        "--leaves",
        dump.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&o), root);
    let multi = dir.path().join("m.json");
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "openzeppelin",
        "--leaves",
        dump.to_str().unwrap(),
        "--index",
        "0,1",
        "-o",
        multi.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&multi).unwrap()).unwrap();
    assert!(m["multiproof"]["proofFlags"].is_array());
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            multi.to_str().unwrap()
        ])),
        0
    );
    let other = "0x".to_string() + &"00".repeat(32);
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            multi.to_str().unwrap(),
            "--root",
            &other
        ])),
        1
    );
    // bytes32 lines without --leaf-type.
    let b32 = write(
        dir.path(),
        "b.txt",
        &format!("0x{}\n0x{}\n", "11".repeat(32), "22".repeat(32)),
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "openzeppelin",
            "--leaves",
            &b32
        ])),
        0
    );
    let bad = write(dir.path(), "bad.txt", "[\"0x11\", \"5\"]\n");
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "openzeppelin",
            "--leaf-type",
            "address,uint256",
            "--leaves",
            &bad
        ])),
        2
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "rfc6962",
            "--leaves",
            &b32,
            "--dump",
            dump.to_str().unwrap()
        ])),
        2
    );
}

#[test]
fn arc0102_and_snarkvm() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(
        dir.path(),
        "z.txt",
        "3493762364786270799u64\n2885257838413858146\n1977705045598954156\n3824841577554724530\n",
    );
    let o = run(&["tree", "root", "--profile", "arc0102", "--leaves", &leaves]);
    assert_eq!(stdout(&o), "7849773981907115583u64");
    let fields = write(dir.path(), "f.txt", "1field 2field\n3\n4,5,6\n");
    let proof = dir.path().join("p.json");
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "snarkvm-poseidon",
        "--depth",
        "8",
        "--leaves",
        &fields,
        "--index",
        "2",
        "-o",
        proof.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            proof.to_str().unwrap()
        ])),
        0
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "verify",
            "--proof",
            proof.to_str().unwrap(),
            "--root",
            "5field"
        ])),
        1
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "snarkvm-poseidon",
            "--depth",
            "1",
            "--leaves",
            &fields
        ])),
        2
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "snarkvm-poseidon",
            "--depth",
            "0",
            "--leaves",
            &fields
        ])),
        2
    );
    assert_eq!(
        code(&run(&[
            "tree",
            "root",
            "--profile",
            "rfc6962",
            "--hash",
            "sha256",
            "--leaves",
            &fields
        ])),
        2
    );
}
