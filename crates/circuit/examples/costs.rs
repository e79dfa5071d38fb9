//! Prints every circuit count docs/hash-choices.md quotes, as Markdown tables.
//!
//! `cargo run --release -p merklab-circuit --example costs -- [leaf|node|path|instructions|dob|all]`

use merklab_circuit::ops::Variant;
use merklab_circuit::verify_dob::{sha3_to_u64_pieces, verify_dob, Form, SPEC_REPORTED};
use merklab_circuit::{instruction_cost, leaf_cost, node_cost, path_cost, Backend, PathMode};
use snarkvm_console::program::LiteralType;

fn cell<E: std::fmt::Display>(r: Result<merklab_circuit::Cost, E>) -> String {
    match r {
        Ok(c) => format!("{} / {}", c.constraints, c.variables),
        Err(_) => "n/a".to_string(),
    }
}

fn leaf_and_node() {
    println!("| backend | leaf (constraints / variables) | node k=2 | node k=4 | node k=8 |");
    println!("|---|---|---|---|---|");
    for b in Backend::ALL {
        let nodes: Vec<String> = [2, 4, 8].iter().map(|&k| cell(node_cost(b, k))).collect();
        println!("| {b} | {} | {} |", cell(leaf_cost(b)), nodes.join(" | "));
    }
}

fn paths() {
    println!("| backend | mode | k | path(1) | path(2) | per level | path(32) synthesized | path(1) + 31 x per level |");
    println!("|---|---|---|---|---|---|---|---|");
    for b in Backend::ALL {
        for k in [2usize, 4, 8] {
            for mode in [PathMode::Positional, PathMode::Sorted] {
                let (Ok(one), Ok(two)) = (path_cost(b, k, 1, mode), path_cost(b, k, 2, mode))
                else {
                    continue;
                };
                let delta = two.constraints - one.constraints;
                // Byte hashes at depth 32 are millions of constraints: synthesize depth 4 instead.
                let big = matches!(
                    b,
                    Backend::Sha3_256
                        | Backend::Keccak256
                        | Backend::Arc0102
                        | Backend::Arc0102Swap
                );
                let check_depth = if big { 4 } else { 32 };
                let direct = path_cost(b, k, check_depth, mode)
                    .map(|c| c.constraints)
                    .unwrap_or(0);
                let predicted = one.constraints + (check_depth as u64 - 1) * delta;
                assert_eq!(direct, predicted, "{b} k={k} {mode:?}: not linear in depth");
                let d32 = one.constraints + 31 * delta;
                let shown = if big {
                    format!("(depth 4: {direct})")
                } else {
                    direct.to_string()
                };
                println!(
                    "| {b} | {mode:?} | {k} | {} | {} | {delta} | {shown} | {d32} |",
                    one.constraints, two.constraints
                );
            }
        }
    }
}

fn instructions() {
    println!("| instruction | field input as field | field input as u64 | u64 input as u64 | u128 input as u64 |");
    println!("|---|---|---|---|---|");
    for v in Variant::ALL {
        let c = |i, d| cell(instruction_cost(v, i, d));
        println!(
            "| {} | {} | {} | {} | {} |",
            v.opcode(),
            c(LiteralType::Field, LiteralType::Field),
            c(LiteralType::Field, LiteralType::U64),
            c(LiteralType::U64, LiteralType::U64),
            c(LiteralType::U128, LiteralType::U64)
        );
    }
}

fn dob() {
    for levels in [2usize, 32] {
        println!("\n### verify_dob, {levels} proof levels\n");
        println!("| form | constraints | variables |");
        println!("|---|---|---|");
        for form in Form::ALL {
            match verify_dob(form, levels) {
                Ok(r) => println!(
                    "| {} | {} | {} |",
                    form.name(),
                    r.total.constraints,
                    r.total.variables
                ),
                Err(e) => println!("| {} | error: {e} | |", form.name()),
            }
        }
    }
    println!("\n### Breakdown of the spec form, 2 levels (reported by Leo: {SPEC_REPORTED})\n");
    if let Ok(r) = verify_dob(Form::Spec, 2) {
        println!("| part | times | constraints | variables |");
        println!("|---|---|---|---|");
        for p in &r.parts {
            println!(
                "| {} | {} | {} | {} |",
                p.what, p.count, p.cost.constraints, p.cost.variables
            );
        }
        println!(
            "| **total (function body)** | | **{}** | {} |",
            r.total.constraints, r.total.variables
        );
        println!(
            "| private inputs (counted in the request by snarkVM) | | {} | {} |",
            r.inputs.constraints, r.inputs.variables
        );
    }
    println!("\n### One `hash.sha3_256 x as u64` on a u128, by piece\n");
    if let Ok(parts) = sha3_to_u64_pieces() {
        println!("| piece | constraints | variables |");
        println!("|---|---|---|");
        for p in parts {
            println!(
                "| {} | {} | {} |",
                p.what, p.cost.constraints, p.cost.variables
            );
        }
    }
}

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".to_string());
    let all = what == "all";
    if all || what == "leaf" || what == "node" {
        println!("\n## Leaf hash and node compression\n");
        leaf_and_node();
    }
    if all || what == "path" {
        println!("\n## Merkle path verification\n");
        paths();
    }
    if all || what == "instructions" {
        println!("\n## hash.* instructions\n");
        instructions();
    }
    if all || what == "dob" {
        println!("\n## verify_dob\n");
        dob();
    }
}
