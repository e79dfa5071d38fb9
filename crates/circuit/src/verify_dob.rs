//! ARC-0102's `verify_dob` in circuit, instruction by instruction.
//!
//! [`Form::Spec`] replays the instruction sequence Leo 4.0.2 compiles the
//! spec's verifier to (`verify_dob_loop2.aleo` for two proof levels): each
//! `hash_merge` computes `hash.sha3_256 ... as u64` of both operand orders and
//! keeps one with `ternary`. The other forms change only the merge or the hash.
//!
//! The count is the function body, what snarkVM's `execute_function` counts
//! between verifying the request (which injects the inputs) and building the
//! response: snarkVM's `num_function_constraints`.

use serde::Serialize;
use snarkvm_circuit::prelude::{
    Boolean, Compare, Equal, Field, Inject, Mode, Ternary, ToBits, U64,
};
use snarkvm_circuit::program::Literal;
use snarkvm_circuit::{Aleo, Circuit, Environment};
use snarkvm_console::program::LiteralType;

use crate::ops::{hash_merge_spec, hash_merge_swap, instruction, Variant, A};
use crate::{CircuitError, Cost};

/// The spec's DOB key identifier (`DOB_IDENTIFIER`).
pub const DOB_IDENTIFIER: u64 = 7553963441159233578;
/// The spec's root (`ROOT`).
pub const ROOT: u64 = 7849773981907115583;
/// The constraint count the spec reports for `verify_dob` (`leo run`, loop `0..2`).
pub const SPEC_REPORTED: u64 = 1_508_343;

/// Which verifier to synthesize.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// The spec as Leo compiles it: both ternary arms hashed.
    Spec,
    /// Sort the pair with one `lt` and two `ternary`, then hash once.
    Swap,
    /// [`Form::Swap`] with `hash.psd2 ... as u64` in place of `hash.sha3_256 ... as u64`.
    Poseidon2U64,
    /// Field digests throughout: `hash.psd2 x as field` leaves, sorted field pairs
    /// hashed with Poseidon2 over the two fields, a `[field; 32]` proof.
    Poseidon2Field,
}

impl Form {
    /// Every form.
    pub const ALL: [Self; 4] = [
        Self::Spec,
        Self::Swap,
        Self::Poseidon2U64,
        Self::Poseidon2Field,
    ];

    /// A short name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Spec => "spec (both arms hashed)",
            Self::Swap => "swap, hash once",
            Self::Poseidon2U64 => "swap, hash.psd2 as u64",
            Self::Poseidon2Field => "Poseidon2 field digests",
        }
    }
}

/// The cost of one `verify_dob` form, with a breakdown by part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The form.
    pub form: Form,
    /// Proof levels the loop processes.
    pub levels: usize,
    /// Constraints and variables of the function body.
    pub total: Cost,
    /// Injecting the private inputs and decomposing the two fields (counted by
    /// snarkVM in the request, not here).
    pub inputs: Cost,
    /// Parts, in order, each with how many times it ran and its summed cost.
    pub parts: Vec<Part>,
}

/// One line of a breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// What ran.
    pub what: String,
    /// How many times.
    pub count: u32,
    /// Summed cost.
    pub cost: Cost,
}

struct Recorder {
    last: Cost,
    parts: Vec<Part>,
}

impl Recorder {
    fn now() -> Cost {
        Cost {
            constraints: Circuit::num_constraints(),
            variables: Circuit::num_variables(),
        }
    }
    fn new() -> Self {
        Self {
            last: Self::now(),
            parts: Vec::new(),
        }
    }
    fn mark(&mut self, what: &str) {
        let now = Self::now();
        let cost = now - self.last;
        self.last = now;
        match self.parts.iter_mut().find(|p| p.what == what) {
            Some(p) => {
                p.count += 1;
                p.cost = p.cost + cost;
            }
            None => self.parts.push(Part {
                what: what.to_string(),
                count: 1,
                cost,
            }),
        }
    }
}

enum Digest {
    U(U64<A>),
    F(Field<A>),
}

fn u64_const(v: u64) -> U64<A> {
    U64::constant(snarkvm_console::types::U64::new(v))
}

fn hash_leaf(form: Form, x: &Field<A>) -> Result<Digest, CircuitError> {
    let (variant, dest) = match form {
        Form::Spec | Form::Swap => (Variant::Sha3_256, LiteralType::U64),
        Form::Poseidon2U64 => (Variant::Psd2, LiteralType::U64),
        Form::Poseidon2Field => (Variant::Psd2, LiteralType::Field),
    };
    match instruction(variant, false, &Literal::Field(x.clone()), dest)? {
        Literal::U64(v) => Ok(Digest::U(v)),
        Literal::Field(f) => Ok(Digest::F(f)),
        _ => Err(CircuitError::SnarkVm("unexpected hash output type".into())),
    }
}

fn merge(form: Form, a: &Digest, b: &Digest) -> Result<Digest, CircuitError> {
    match (form, a, b) {
        (Form::Spec, Digest::U(a), Digest::U(b)) => Ok(Digest::U(hash_merge_spec(a, b)?)),
        (Form::Swap, Digest::U(a), Digest::U(b)) => Ok(Digest::U(hash_merge_swap(a, b)?)),
        (Form::Poseidon2U64, Digest::U(a), Digest::U(b)) => {
            // Same operand as hashMerge, hashed with hash.psd2 as u64.
            let lt = a.is_less_than(b);
            let lo = U64::ternary(&lt, a, b);
            let hi = U64::ternary(&lt, b, a);
            let cast = |x: &U64<A>| Literal::U64(x.clone()).cast(LiteralType::U128);
            let base = snarkvm_circuit::prelude::U128::<A>::constant(
                snarkvm_console::types::U128::new((1u128 << 64) + 1),
            );
            let operand = match (cast(&lo), cast(&hi)) {
                (Ok(Literal::U128(lo)), Ok(Literal::U128(hi))) => &(&lo * &base) + &hi,
                _ => return Err(CircuitError::SnarkVm("cast to u128 failed".into())),
            };
            match instruction(
                Variant::Psd2,
                false,
                &Literal::U128(operand),
                LiteralType::U64,
            )? {
                Literal::U64(v) => Ok(Digest::U(v)),
                _ => Err(CircuitError::SnarkVm("unexpected hash output type".into())),
            }
        }
        (Form::Poseidon2Field, Digest::F(a), Digest::F(b)) => {
            let lt = a.is_less_than(b);
            let lo = Field::ternary(&lt, a, b);
            let hi = Field::ternary(&lt, b, a);
            Ok(Digest::F(A::hash_psd2(&[lo, hi])))
        }
        _ => Err(CircuitError::SnarkVm(
            "digest kind does not match the form".into(),
        )),
    }
}

fn select(cond: &Boolean<A>, a: &Digest, b: &Digest) -> Result<Digest, CircuitError> {
    match (a, b) {
        (Digest::U(a), Digest::U(b)) => Ok(Digest::U(U64::ternary(cond, a, b))),
        (Digest::F(a), Digest::F(b)) => Ok(Digest::F(Field::ternary(cond, a, b))),
        _ => Err(CircuitError::SnarkVm("mixed digest kinds".into())),
    }
}

fn is_nonzero(d: &Digest) -> Boolean<A> {
    match d {
        Digest::U(v) => v.is_not_equal(&u64_const(0)),
        Digest::F(f) => f.is_not_equal(&Field::constant(snarkvm_console::types::Field::from_u128(
            0,
        ))),
    }
}

/// Synthesizes `verify_dob` in the given form with `levels` proof levels (the
/// spec's reported count is for `levels = 2`; its current text loops over 32).
///
/// Inputs: two private fields (encoded salt, value) and a private `[u64; 32]`
/// (or `[field; 32]`) proof whose first `levels` siblings are non-zero. Every
/// arithmetic and hash instruction runs on circuit values as snarkVM executes it.
pub fn verify_dob(form: Form, levels: usize) -> Result<Report, CircuitError> {
    if levels > 32 {
        return Err(CircuitError::Arity(levels, "at most 32 proof levels"));
    }
    crate::warm_up();
    Circuit::reset();
    let result = synthesize(form, levels);
    let satisfied = Circuit::is_satisfied();
    Circuit::reset();
    let report = result?;
    if !satisfied {
        return Err(CircuitError::Unsatisfied(format!(
            "verify_dob ({})",
            form.name()
        )));
    }
    Ok(report)
}

fn synthesize(form: Form, levels: usize) -> Result<Report, CircuitError> {
    let start = Recorder::now();
    let salt = Field::<A>::new(
        Mode::Private,
        snarkvm_console::types::Field::from_u128(0x5A17_u128 << 100),
    );
    let value = Field::<A>::new(
        Mode::Private,
        snarkvm_console::types::Field::from_u128(1737213145),
    );
    let proof: Vec<Digest> = (0..32u64)
        .map(|i| {
            // Non-zero siblings for the first `levels` entries, zeros after.
            let v = if (i as usize) < levels {
                0x1234_5678_9ABC_DEF0u64.rotate_left(i as u32 * 7) | 1
            } else {
                0
            };
            match form {
                Form::Poseidon2Field => Digest::F(Field::new(
                    Mode::Private,
                    snarkvm_console::types::Field::from_u128(u128::from(v)),
                )),
                _ => Digest::U(U64::new(Mode::Private, snarkvm_console::types::U64::new(v))),
            }
        })
        .collect();
    // snarkVM's request check hashes each private input (its input ID), which
    // decomposes the two fields into bits; the body reuses those cached bits.
    let _ = (salt.to_bits_le(), value.to_bits_le());
    let inputs = Recorder::now() - start;

    let mut rec = Recorder::new();
    let leaf_label = match form {
        Form::Spec | Form::Swap => "hash_field: hash.sha3_256 field as u64",
        Form::Poseidon2U64 => "hash_field: hash.psd2 field as u64",
        Form::Poseidon2Field => "hash_field: hash.psd2 field as field",
    };
    let merge_label = match form {
        Form::Spec => "hash_merge (2 x hash.sha3_256 u128 as u64 + glue)",
        Form::Swap => "hash_merge (swap + 1 x hash.sha3_256 u128 as u64)",
        Form::Poseidon2U64 => "hash_merge (swap + 1 x hash.psd2 u128 as u64)",
        Form::Poseidon2Field => "merge (field lt + swap + Poseidon2 of 2 fields)",
    };
    let h_salt = hash_leaf(form, &salt)?;
    rec.mark(leaf_label);
    let h_value = hash_leaf(form, &value)?;
    rec.mark(leaf_label);
    let leaf = merge(form, &h_salt, &h_value)?;
    rec.mark(merge_label);
    let id = match form {
        Form::Poseidon2Field => Digest::F(Field::constant(
            snarkvm_console::types::Field::from_u128(u128::from(DOB_IDENTIFIER)),
        )),
        _ => Digest::U(u64_const(DOB_IDENTIFIER)),
    };
    let mut computed = merge(form, &id, &leaf)?;
    rec.mark("hash_merge with the constant DOB_IDENTIFIER");
    let mut zero_found = Boolean::<A>::constant(false);
    for sibling in proof.iter().take(levels) {
        // `proof[i] != 0 && !zero_found`, as Leo lowers it.
        let nonzero = is_nonzero(sibling);
        let take = &nonzero & &!&zero_found;
        rec.mark("loop glue (is.neq, and, not, ternary)");
        let merged = merge(form, &computed, sibling)?;
        rec.mark(merge_label);
        computed = select(&take, &merged, &computed)?;
        zero_found = Boolean::ternary(&take, &Boolean::constant(false), &Boolean::constant(true));
        rec.mark("loop glue (is.neq, and, not, ternary)");
    }
    let _ok = match &computed {
        Digest::U(v) => v.is_equal(&u64_const(ROOT)),
        Digest::F(f) => f.is_equal(&Field::constant(snarkvm_console::types::Field::from_u128(
            u128::from(ROOT),
        ))),
    };
    rec.mark("is.eq root");
    let total = Recorder::now() - start - inputs;
    Ok(Report {
        form,
        levels,
        total,
        inputs,
        parts: rec.parts,
    })
}

/// The cost of each piece of one `hash.sha3_256 x as u64` on a private u128,
/// measured separately: SHA3-256 of the 154 plaintext bits, BHP256 of the 256
/// digest bits to a group point, and the lossy cast to u64.
pub fn sha3_to_u64_pieces() -> Result<Vec<Part>, CircuitError> {
    let bits_in = || -> Vec<Boolean<A>> {
        (0..154)
            .map(|i| Boolean::new(Mode::Private, i % 3 == 0))
            .collect()
    };
    let sha3 = crate::measure("sha3_256 of 154 bits", bits_in, |b| {
        Ok(A::hash_sha3_256(&b))
    })?;
    let bhp = crate::measure(
        "bhp256 to group of 256 bits",
        || {
            (0..256)
                .map(|i| Boolean::<A>::new(Mode::Private, i % 5 == 0))
                .collect::<Vec<_>>()
        },
        |b| Ok(A::hash_to_group_bhp256(&b)),
    )?;
    let cast = crate::measure(
        "group as u64",
        || {
            A::hash_to_group_bhp256(
                &(0..256)
                    .map(|i| Boolean::<A>::new(Mode::Private, i % 5 == 0))
                    .collect::<Vec<_>>(),
            )
        },
        |g| {
            Literal::Group(g)
                .cast_lossy(LiteralType::U64)
                .map_err(|e| CircuitError::SnarkVm(e.to_string()))
        },
    )?;
    let whole =
        crate::ops::instruction_cost(Variant::Sha3_256, LiteralType::U128, LiteralType::U64)?;
    // The plaintext header and u128 value bits are constants or existing bits: free.
    let _ = Field::<A>::constant(snarkvm_console::types::Field::from_u128(0)).to_bits_le();
    Ok(vec![
        Part {
            what: "SHA3-256 (Keccak-f over 154 input bits)".into(),
            count: 1,
            cost: sha3,
        },
        Part {
            what: "BHP256 hash-to-group of the 256-bit digest".into(),
            count: 1,
            cost: bhp,
        },
        Part {
            what: "cast group x-coordinate to u64 (lossy)".into(),
            count: 1,
            cost: cast,
        },
        Part {
            what: "whole instruction, u128 input".into(),
            count: 1,
            cost: whole,
        },
    ])
}
