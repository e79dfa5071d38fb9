//! Poseidon (rates 2, 4, 8) with the same outputs as snarkVM's `Poseidon2/4/8`,
//! restructured for speed.
//!
//! snarkVM's sponge (capacity 1, state `[capacity, rate..]`) absorbs the preimage
//! `domain || len(input) || 0^(RATE-2) || input` by adding `RATE` elements at a
//! time into the rate part, permuting between chunks, then squeezes by permuting
//! and reading the rate part. Each permutation round adds the round constants,
//! raises every element (full rounds) or the capacity element alone (partial
//! rounds) to `alpha`, and multiplies by the MDS matrix. This module computes the
//! same permutation, with the parameters and domain read from snarkVM's own
//! `POSEIDON_2/4/8` instances, in the optimized form of the Poseidon paper's
//! appendix B (Grassi et al., "Poseidon: A New Hash Function", USENIX Security 2021):
//!
//! - the permutation is [`merklab_poseidon::Plan`]'s (partial rounds with one scalar
//!   constant and a sparse matrix, `2t − 1` multiplications instead of `t²`);
//! - the first `RATE` preimage elements depend only on the input length, so the
//!   state after the first permutation is precomputed for short lengths.
//!
//! State lives in fixed arrays (no allocation per call), and the whole plan is
//! checked against snarkVM on build; should that check fail, callers compute
//! through snarkVM instead.

use std::sync::OnceLock;

use merklab_poseidon::{FieldOps, Params, Plan};
use snarkvm_console::algorithms::Elligator2;
use snarkvm_console::network::{Network, POSEIDON_2, POSEIDON_4, POSEIDON_8};
use snarkvm_console::types::Group;
use snarkvm_fields::{Field as _, One, PoseidonParameters, Zero};

use super::bhp::Fq;
use crate::family::PoseidonRate;
use crate::{snarkvm_error, Aleo, AleoError, Field};

/// Input lengths whose post-first-permutation state is precomputed.
const LENGTH_CACHE: usize = 64;

/// snarkVM's base field for a plan.
struct AleoOps;

impl FieldOps for AleoOps {
    type F = Fq;

    fn zero() -> Fq {
        Fq::zero()
    }

    fn one() -> Fq {
        Fq::one()
    }

    fn inverse(x: &Fq) -> Option<Fq> {
        x.inverse()
    }

    #[inline(always)]
    fn square(x: Fq) -> Fq {
        x.square()
    }
}

/// The optimized permutation and sponge of one rate (`T = RATE + 1` state elements).
pub(crate) struct Sponge<const T: usize> {
    /// snarkVM's domain separator for this rate.
    domain: Fq,
    /// The permutation.
    perm: Plan<AleoOps, T>,
    /// The state after absorbing the first chunk and permuting, by input length.
    after_first: Vec<[Fq; T]>,
}

impl<const T: usize> Sponge<T> {
    /// Builds the plan from snarkVM's parameters for rate `T − 1` and its domain.
    fn build<const RATE: usize>(
        domain: Fq,
        params: &PoseidonParameters<Fq, RATE, 1>,
    ) -> Option<Self> {
        if RATE + 1 != T || RATE < 2 {
            return None;
        }
        let perm = Plan::new(&Params {
            full_rounds: params.full_rounds,
            partial_rounds: params.partial_rounds,
            alpha: params.alpha,
            ark: params.ark.clone(),
            mds: params.mds.clone(),
        })
        .ok()?;
        let mut plan = Sponge {
            domain,
            perm,
            after_first: Vec::new(),
        };
        plan.after_first = (0..=LENGTH_CACHE)
            .map(|len| plan.first_chunk_permuted(len))
            .collect();
        Some(plan)
    }

    /// The Poseidon permutation (same result as snarkVM's `permute`).
    #[inline]
    fn permute(&self, s: &mut [Fq; T]) {
        self.perm.permute(s);
    }

    /// The state after absorbing `domain, len, 0..` (the first `RATE` preimage
    /// elements) and permuting.
    fn first_chunk_permuted(&self, len: usize) -> [Fq; T] {
        let mut s = [Fq::zero(); T];
        s[1] = self.domain;
        s[2] = Fq::from(len as u128);
        self.permute(&mut s);
        s
    }

    /// snarkVM's `hash_many(input, out.len())`, written into `out`.
    pub(crate) fn hash_many_into(&self, input: &[Fq], out: &mut [Fq]) {
        if out.is_empty() {
            return;
        }
        let rate = T - 1;
        let mut s = [Fq::zero(); T];
        if input.is_empty() {
            // The preimage is the first chunk alone, not permuted before squeezing.
            s[1] = self.domain;
        } else {
            s = match self.after_first.get(input.len()) {
                Some(state) => *state,
                None => self.first_chunk_permuted(input.len()),
            };
            // Where the next absorbed element goes, within the rate part.
            let mut pos = 0;
            for x in input {
                if pos == rate {
                    self.permute(&mut s);
                    pos = 0;
                }
                s[1 + pos] += x;
                pos += 1;
            }
        }
        // Squeeze: permute, read the rate part, permute again for more.
        self.permute(&mut s);
        let mut pos = 0;
        for o in out.iter_mut() {
            if pos == rate {
                self.permute(&mut s);
                pos = 0;
            }
            *o = s[1 + pos];
            pos += 1;
        }
    }

    /// snarkVM's `hash(input)`: the first squeezed element.
    #[inline]
    pub(crate) fn hash(&self, input: &[Fq]) -> Fq {
        let mut out = [Fq::zero()];
        self.hash_many_into(input, &mut out);
        out[0]
    }
}

/// The three plans, built on first use; `None` where a plan failed its self-check.
struct Plans {
    psd2: Option<Sponge<3>>,
    psd4: Option<Sponge<5>>,
    psd8: Option<Sponge<9>>,
}

static PLANS: OnceLock<Plans> = OnceLock::new();

/// A few inputs of lengths around the chunk and cache boundaries, for the self-check.
fn probes() -> Vec<Vec<Field>> {
    [0usize, 1, 2, 3, 7, 8, 9, 17, LENGTH_CACHE + 1]
        .iter()
        .map(|&n| {
            (0..n)
                .map(|i| Field::from_u128((i as u128 + 1) * 0x9e37_79b9_7f4a_7c15 + n as u128))
                .collect()
        })
        .collect()
}

/// Whether `plan` reproduces `reference` (one and three outputs) on the probes.
fn agrees<const T: usize>(
    plan: &Sponge<T>,
    reference: impl Fn(&[Field], u16) -> Vec<Field>,
) -> bool {
    probes().iter().all(|input| {
        let raw: Vec<Fq> = input.iter().map(|f| **f).collect();
        let mut out = [Fq::zero(); 3];
        plan.hash_many_into(&raw, &mut out);
        let expect: Vec<Fq> = reference(input, 3).iter().map(|f| **f).collect();
        expect == out && plan.hash(&raw) == out[0]
    })
}

fn build_plans() -> Plans {
    let psd2 = Sponge::<3>::build(*POSEIDON_2.domain(), POSEIDON_2.parameters())
        .filter(|p| agrees(p, Aleo::hash_many_psd2));
    let psd4 = Sponge::<5>::build(*POSEIDON_4.domain(), POSEIDON_4.parameters())
        .filter(|p| agrees(p, Aleo::hash_many_psd4));
    let psd8 = Sponge::<9>::build(*POSEIDON_8.domain(), POSEIDON_8.parameters())
        .filter(|p| agrees(p, Aleo::hash_many_psd8));
    Plans { psd2, psd4, psd8 }
}

fn plans() -> &'static Plans {
    PLANS.get_or_init(build_plans)
}

/// Builds the Poseidon plans now; returns whether all three passed their self-check.
pub fn warm_up() -> bool {
    let p = plans();
    p.psd2.is_some() && p.psd4.is_some() && p.psd8.is_some()
}

/// Field elements as snarkVM's inner field type, without copying them one by one.
#[inline]
fn raw(input: &[Field]) -> impl Iterator<Item = Fq> + '_ {
    input.iter().map(|f| **f)
}

/// Runs `f` on the input as a slice of the inner field type (on the stack when short).
#[inline]
fn with_raw<R>(input: &[Field], f: impl FnOnce(&[Fq]) -> R) -> R {
    const STACK: usize = 32;
    if input.len() <= STACK {
        let mut buf = [Fq::zero(); STACK];
        for (slot, x) in buf.iter_mut().zip(raw(input)) {
            *slot = x;
        }
        f(&buf[..input.len()])
    } else {
        let buf: Vec<Fq> = raw(input).collect();
        f(&buf)
    }
}

/// `hash.psd*`: Poseidon with this rate over `input` (same value as `Aleo::hash_psd*`).
pub fn hash(rate: PoseidonRate, input: &[Field]) -> Result<Field, AleoError> {
    let p = plans();
    let out = with_raw(input, |x| match rate {
        PoseidonRate::Psd2 => p.psd2.as_ref().map(|plan| plan.hash(x)),
        PoseidonRate::Psd4 => p.psd4.as_ref().map(|plan| plan.hash(x)),
        PoseidonRate::Psd8 => p.psd8.as_ref().map(|plan| plan.hash(x)),
    });
    match out {
        Some(f) => Ok(Field::new(f)),
        None => crate::reference::poseidon_hash(rate, input),
    }
}

/// Poseidon with this rate, squeezing `num_outputs` elements (same as `Aleo::hash_many_psd*`).
pub fn hash_many(rate: PoseidonRate, input: &[Field], num_outputs: u16) -> Vec<Field> {
    let p = plans();
    let mut out = vec![Fq::zero(); usize::from(num_outputs)];
    let done = with_raw(input, |x| match rate {
        PoseidonRate::Psd2 => p.psd2.as_ref().map(|plan| plan.hash_many_into(x, &mut out)),
        PoseidonRate::Psd4 => p.psd4.as_ref().map(|plan| plan.hash_many_into(x, &mut out)),
        PoseidonRate::Psd8 => p.psd8.as_ref().map(|plan| plan.hash_many_into(x, &mut out)),
    });
    match done {
        Some(()) => out.into_iter().map(Field::new).collect(),
        None => crate::reference::poseidon_hash_many(rate, input, num_outputs),
    }
}

/// Poseidon hash-to-group: the sum of the Elligator 2 maps of the first two squeezed
/// elements (same as `Aleo::hash_to_group_psd*`; empty input is an error there too).
pub fn hash_to_group(rate: PoseidonRate, input: &[Field]) -> Result<Group<Aleo>, AleoError> {
    if input.is_empty() {
        return Err(AleoError::SnarkVm(
            "Input to hash to group cannot be empty".to_string(),
        ));
    }
    let out = hash_many(rate, input, 2);
    let encode = |f: &Field| Elligator2::<Aleo>::encode(f).map_err(snarkvm_error);
    match out.as_slice() {
        [a, b] => Ok(encode(a)?.0 + encode(b)?.0),
        _ => Err(AleoError::SnarkVm(
            "Poseidon failed to compute hash to group on the given input".to_string(),
        )),
    }
}
