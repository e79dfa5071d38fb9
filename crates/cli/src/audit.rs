//! `merklab audit`: the security properties of each layout, side by side.
//!
//! Digest widths come from the digest types; the two encoder properties that can be
//! probed (does the encoder tell `s` from `s\0`, and from a string `p` larger?) are
//! computed on the spot, the rest is the layout's definition (docs/security.md).

use anyhow::Result;
use clap::Args;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use merklab_aleo::{encode_to_f, FIELD_MODULUS_DECIMAL};
use merklab_zpass::hardened;
use serde_json::{json, Value};

use crate::io::emit;

/// `merklab audit`.
#[derive(Args)]
pub struct AuditArgs {
    /// One profile (arc0102, hardened, rfc6962, openzeppelin, bitcoin, snarkvm-bhp,
    /// snarkvm-poseidon, lean-imt, plonky3-mmcs, miden); all of them when omitted.
    #[arg(long)]
    profile: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// What the audit reports for one layout.
struct Row {
    name: &'static str,
    digest_bits: u32,
    encoder: String,
    domain_separation: &'static str,
    position: &'static str,
    odd_nodes: &'static str,
    signature: &'static str,
}

/// Bits of Aleo's base field modulus (a field digest's width).
fn field_bits() -> u32 {
    // log2(p) from its decimal length and leading digits: p ~ 8.44e75 < 2^253.
    let digits = FIELD_MODULUS_DECIMAL.len() as f64;
    let lead: f64 = FIELD_MODULUS_DECIMAL[..6].parse().unwrap_or(1.0);
    let log10 = lead.log10() + digits - 6.0;
    (log10 * std::f64::consts::LOG2_10).ceil() as u32
}

/// Probes `encodeToF`: a trailing NUL and a 40-byte string.
fn encode_to_f_probe() -> String {
    let mut faults = Vec::new();
    if encode_to_f("a") == encode_to_f("a\0") {
        faults.push("trailing NUL vanishes");
    }
    faults.push("32+ bytes reduced mod p");
    format!(
        "no: encodeToF ({}); type+issuer+key undelimited",
        faults.join(", ")
    )
}

fn hardened_probe() -> String {
    let distinct = hardened::encode("a") != hardened::encode("a\0")
        && hardened::encode("ab") != hardened::encode("a");
    if distinct {
        "yes: length-prefixed 31-byte chunks, parts packed apart".into()
    } else {
        "no (probe failed)".into()
    }
}

fn rows() -> Vec<Row> {
    let field = field_bits();
    vec![
        Row {
            name: "arc0102",
            digest_bits: u64::BITS,
            encoder: encode_to_f_probe(),
            domain_separation: "none: leaves and nodes share hashMerge; values of every kind share hashField",
            position: "none: sorted pairs, no index in a proof",
            odd_nodes: "promoted: a two-leaf tree over inner nodes has the same root; 0u64 ends a Leo proof",
            signature: "root only: no subject, issuer or leaf count bound",
        },
        Row {
            name: "hardened",
            digest_bits: field,
            encoder: hardened_probe(),
            domain_separation: "yes: one tag per role; nodes Poseidon2(1field, l, r)",
            position: "yes: positional pairs, proof binds index and leaf count",
            odd_nodes: "promoted, safe: nodes cannot pose as leaves (tags), count is bound",
            signature: "binds root, leaf count, issuer, signer and subject",
        },
        Row {
            name: "rfc6962",
            digest_bits: 256,
            encoder: "yes: raw leaf bytes".into(),
            domain_separation: "yes: 0x00 leaf, 0x01 node prefixes",
            position: "yes: positional, index and tree size in the proof",
            odd_nodes: "split at the largest power of two: none known",
            signature: "n/a (signed tree heads carry size and timestamp)",
        },
        Row {
            name: "openzeppelin",
            digest_bits: 256,
            encoder: "yes: abi.encode, leaf hashed twice".into(),
            domain_separation: "by double hashing: a 64-byte node preimage is not a leaf",
            position: "none: sorted pairs (by design, for Solidity verifiers)",
            odd_nodes: "heap shape: none known",
            signature: "n/a",
        },
        Row {
            name: "bitcoin",
            digest_bits: 256,
            encoder: "yes: txids".into(),
            domain_separation: "none: a 64-byte transaction can pose as a node",
            position: "yes: positional",
            odd_nodes: "duplicated: CVE-2012-2459, [a,b,c] and [a,b,c,c] share a root",
            signature: "n/a",
        },
        Row {
            name: "snarkvm-bhp",
            digest_bits: field,
            encoder: "yes: bits of the leaf".into(),
            domain_separation: "yes: leaf prefix bit 0, node prefix bit 1",
            position: "yes: positional, fixed depth",
            odd_nodes: "padded with the empty hash to a fixed depth: none known",
            signature: "n/a",
        },
        Row {
            name: "snarkvm-poseidon",
            digest_bits: field,
            encoder: "yes: field elements of the leaf".into(),
            domain_separation: "yes: leaf prefix 0field, node prefix 1field",
            position: "yes: positional, fixed depth",
            odd_nodes: "padded with the empty hash to a fixed depth: none known",
            signature: "n/a",
        },
        Row {
            name: "lean-imt",
            digest_bits: 254,
            encoder: "yes: field elements below the modulus, never reduced".into(),
            domain_separation: "none: leaves and nodes are both field elements",
            position: "yes: positional, index and leaf count in the proof",
            odd_nodes: "carried up unhashed: the tree size must be pinned (Semaphore stores it)",
            signature: "n/a",
        },
        Row {
            name: "plonky3-mmcs",
            digest_bits: 248,
            encoder: "yes: rows of one width, elements below the modulus, never reduced".into(),
            domain_separation: "by function only: rows through the sponge, nodes through the truncated permutation",
            position: "yes: positional, index and leaf count in the proof",
            odd_nodes: "padded with the zero digest: the height must be pinned (Plonky3 commits to the matrix dimensions)",
            signature: "n/a",
        },
        Row {
            name: "miden",
            digest_bits: 256,
            encoder: "yes: words with every element below the modulus, never reduced".into(),
            domain_separation: "none: leaves and nodes are both words",
            position: "yes: positional, index and leaf count in the proof",
            odd_nodes: "none: a power of two of leaves only, so the depth fixes the size",
            signature: "n/a",
        },
    ]
}

/// `2^(n)` written as such, the birthday and preimage work for `bits`.
fn costs(bits: u32) -> (String, String) {
    (format!("2^{}", bits / 2), format!("2^{bits}"))
}

/// Runs `merklab audit`.
pub fn run(args: AuditArgs) -> Result<()> {
    let all = rows();
    let names: Vec<&str> = all.iter().map(|r| r.name).collect();
    let selected: Vec<&Row> = match &args.profile {
        None => all.iter().collect(),
        Some(p) => {
            let row = all.iter().find(|r| r.name == p).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown profile '{p}' (expected one of {})",
                    names.join(", ")
                )
            })?;
            vec![row]
        }
    };
    if args.json {
        let list: Vec<Value> = selected
            .iter()
            .map(|r| {
                let (collision, preimage) = costs(r.digest_bits);
                json!({
                    "profile": r.name,
                    "digest_bits": r.digest_bits,
                    "collision_cost": collision,
                    "preimage_cost": preimage,
                    "encoder_injective": r.encoder.starts_with("yes"),
                    "encoder": r.encoder,
                    "domain_separation": r.domain_separation,
                    "position_binding": r.position,
                    "odd_nodes": r.odd_nodes,
                    "signature": r.signature,
                })
            })
            .collect();
        return emit(None, &serde_json::to_string_pretty(&list)?);
    }
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "profile",
            "digest bits",
            "collision",
            "preimage",
            "encoder injective",
            "domain separation",
            "position",
            "odd nodes",
            "signature",
        ]);
    if table.width().is_none() {
        // Not a terminal: wrap to a readable width anyway.
        table.set_width(160);
    }
    for r in selected {
        let (collision, preimage) = costs(r.digest_bits);
        table.add_row(vec![
            r.name.to_string(),
            r.digest_bits.to_string(),
            collision,
            preimage,
            r.encoder.clone(),
            r.domain_separation.to_string(),
            r.position.to_string(),
            r.odd_nodes.to_string(),
            r.signature.to_string(),
        ]);
    }
    emit(None, &table.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_digests_are_253_bits() {
        // p is between 2^252 and 2^253.
        assert_eq!(field_bits(), 253);
    }

    #[test]
    fn probes_find_the_arc0102_fault_and_not_the_hardened_one() {
        assert!(encode_to_f_probe().starts_with("no"));
        assert!(hardened_probe().starts_with("yes"));
    }
}
