//! A fixed amount of circom Poseidon work by one implementation, for CPU-time
//! comparisons under `perf stat -e task-clock` (a loaded machine disturbs CPU time far
//! less than wall time):
//!
//! `cargo run --release --example bn254_cpu -- SIDE WORK COUNT`
//!
//! - SIDE: `merklab` (the arithmetic selected for this CPU), `adx`, `portable`, or
//!   `light` (`light-poseidon` 0.5);
//! - WORK: `hash2` / `hash4` (COUNT hashes of 2 or 4 inputs in a chain, each output the
//!   next first input) or `tree12` / `tree16` (COUNT `lean-imt` roots of 2^12 or 2^16
//!   leaves on one thread; `light` hashes the same binary tree level by level).
//!
//! It prints the last output, so the sides can be checked equal.

use std::process::ExitCode;

use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_bn254::{poseidon, poseidon_with, Arithmetic, Bn254Digest, Fr};
use merklab_profiles::lean_imt::LeanImt;
use merklab_profiles::Layout;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [side, work, count] = args.as_slice() else {
        eprintln!("usage: bn254_cpu merklab|adx|portable|light hash2|hash4|tree12|tree16 COUNT");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("COUNT '{count}' is not a number");
        return ExitCode::from(2);
    };
    let arith = match side.as_str() {
        "merklab" | "light" => None,
        "adx" => Some(Arithmetic::Adx),
        "portable" => Some(Arithmetic::Portable),
        _ => {
            eprintln!("SIDE '{side}' is not merklab, adx, portable or light");
            return ExitCode::from(2);
        }
    };
    let light = side == "light";
    let out = match work.as_str() {
        "hash2" | "hash4" => {
            let n = if work == "hash2" { 2 } else { 4 };
            let mut x = merklab_bench::bn254_leaves(n);
            let mut peer = Poseidon::<Fr>::new_circom(n).expect("circom parameters");
            for _ in 0..count {
                x[0] = match (light, arith) {
                    (true, _) => peer.hash(&x).expect("hash"),
                    (false, None) => poseidon(&x).expect("hash"),
                    (false, Some(a)) => poseidon_with(a, &x).expect("arithmetic available"),
                };
            }
            x[0]
        }
        "tree12" | "tree16" => {
            if arith.is_some() {
                eprintln!("trees run on the selected arithmetic: use merklab or light");
                return ExitCode::from(2);
            }
            let raw = merklab_bench::bn254_leaves(if work == "tree12" { 1 << 12 } else { 1 << 16 });
            let leaves: Vec<Bn254Digest> = raw.iter().copied().map(Bn254Digest).collect();
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .expect("a thread pool");
            let mut root = Fr::from(0u64);
            for _ in 0..count {
                root = if light {
                    merklab_bench::light_root(&raw).expect("root")
                } else {
                    pool.install(|| LeanImt.build(&leaves).expect("leaves").root().0)
                };
            }
            root
        }
        _ => {
            eprintln!("WORK '{work}' is not hash2, hash4, tree12 or tree16");
            return ExitCode::from(2);
        }
    };
    println!("{}", Bn254Digest(out));
    ExitCode::SUCCESS
}
