//! Building the tables from snarkVM's bases and checking them against snarkVM.

use snarkvm_console::algorithms::BHP;
use snarkvm_console::network::{Network, BHP_1024, BHP_256, BHP_512, BHP_768};
use snarkvm_console::prelude::{Environment, ProjectiveCurve};
use snarkvm_console::types::Group;
use snarkvm_fields::{Field as _, Zero};

use super::pinned;
use super::registry::max_input_bits;
use super::sum::{affine_x, digest_words, low64_of};
use super::{
    ifma, FixedBhp, Fq, Memory, Projective, Wide, DIGEST_BITS, DIGEST_GROUP, FOLD_MAX, INPUT_WORDS,
    TRIPLET, WIDE_POINT_BYTES, WIDE_POINT_STRIDE,
};
use crate::family::BhpSize;
use crate::Aleo;

/// Points normalized with one shared inversion while building the tables: all
/// of a narrow set's (an inversion costs as much as a few dozen additions), a
/// bounded temporary for the wide ones.
const NORMALIZE_POINTS: usize = 1 << 14;

/// What the tables need from one of snarkVM's BHP instances.
struct Params {
    domain: &'static [bool],
    /// Triplets per window.
    window: usize,
    /// Windows.
    windows: usize,
    bases: &'static [Vec<Group<Aleo>>],
}

/// snarkVM's instance of `size` (the same the network's `hash_bhp*` use); for
/// BHP256 its domain and bases come from [`pinned`] without building snarkVM's
/// instance, unless that data failed to load.
fn params(size: BhpSize) -> Params {
    fn of<const NUM_WINDOWS: u8, const WINDOW_SIZE: u8>(
        bhp: &'static BHP<Aleo, NUM_WINDOWS, WINDOW_SIZE>,
    ) -> Params {
        Params {
            domain: bhp.domain(),
            window: usize::from(bhp.window_size()),
            windows: usize::from(bhp.num_windows()),
            bases: bhp.bases(),
        }
    }
    match size {
        BhpSize::Bhp256 => match pinned::pinned() {
            Some(data) => Params {
                domain: pinned::domain(),
                window: pinned::WINDOW,
                windows: pinned::WINDOWS,
                bases: &data.bases,
            },
            None => of(&BHP_256),
        },
        BhpSize::Bhp512 => of(&BHP_512),
        BhpSize::Bhp768 => of(&BHP_768),
        BhpSize::Bhp1024 => of(&BHP_1024),
    }
}

/// The self-check's probes for `input_bits`-bit inputs, as little-endian words:
/// all zeros, all ones, and six mixed bit patterns, one per IFMA lane.
pub(super) fn probes(input_bits: usize) -> Vec<Vec<u64>> {
    let words = input_bits.div_ceil(64);
    (0..ifma::LANES as u64)
        .map(|i| {
            let mut w = vec![0u64; words];
            for k in 0..input_bits {
                let mixed = ((i << 32 | k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
                    .rotate_left(17)
                    .wrapping_mul(0xbf58_476d_1ce4_e5b9);
                let bit = match i {
                    0 => 0,
                    1 => 1,
                    _ => mixed >> 63,
                };
                w[k / 64] |= bit << (k % 64);
            }
            w
        })
        .collect()
}

/// What snarkVM answers for `probes`: the known answers for BHP256 over 256
/// bits (pinned from snarkVM, so no snarkVM instance is built), else snarkVM itself.
fn expected_answers(size: BhpSize, input_bits: usize, probes: &[Vec<u64>]) -> Option<Vec<Fq>> {
    if size == BhpSize::Bhp256 && input_bits == DIGEST_BITS {
        if let Some(data) = pinned::pinned() {
            return (data.probes.len() == probes.len()).then(|| data.probes.clone());
        }
    }
    probes
        .iter()
        .map(|p| reference_x(size, &bits_of(p, input_bits)))
        .collect()
}

/// The x-coordinate of snarkVM's BHP-to-group of `bits` with its instance of `size`.
pub(super) fn reference_x(size: BhpSize, bits: &[bool]) -> Option<Fq> {
    let group = match size {
        BhpSize::Bhp256 => Aleo::hash_to_group_bhp256(bits),
        BhpSize::Bhp512 => Aleo::hash_to_group_bhp512(bits),
        BhpSize::Bhp768 => Aleo::hash_to_group_bhp768(bits),
        BhpSize::Bhp1024 => Aleo::hash_to_group_bhp1024(bits),
    };
    group.ok().map(|g| *g.to_x_coordinate())
}

impl Wide {
    /// Converts the scalar tables.
    fn new(first: &Memory, rest: &Memory) -> Option<Self> {
        let constants = ifma::Constants::new()?;
        let convert = |memory: &Memory| -> Option<Memory> {
            let mut out = Memory::zeroed_bytes(memory.points() * WIDE_POINT_STRIDE);
            // Coordinate by coordinate: five 52-bit limbs, little-endian words.
            for (i, slot) in out
                .bytes_mut()
                .chunks_exact_mut(WIDE_POINT_STRIDE)
                .enumerate()
            {
                for (coord, f) in slot[..WIDE_POINT_BYTES]
                    .chunks_exact_mut(WIDE_POINT_BYTES / 3)
                    .zip(&memory.get(i)?)
                {
                    for (b, w) in coord.chunks_exact_mut(8).zip(constants.encode(f)) {
                        b.copy_from_slice(&w.to_le_bytes());
                    }
                }
            }
            Some(out)
        };
        Some(Self {
            first: convert(first)?,
            rest: convert(rest)?,
            constants,
        })
    }
}

/// The bits of `words` up to `len`, little-endian.
pub(super) fn bits_of(words: &[u64], len: usize) -> Vec<bool> {
    (0..len)
        .map(|i| words.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1))
        .collect()
}

/// Low 64 bits of the x-coordinate, computed by snarkVM itself (fallback and self-check).
pub(crate) fn reference_low64(digest: &[u8; 32]) -> u64 {
    match reference_x(
        BhpSize::Bhp256,
        &bits_of(&digest_words(digest), DIGEST_BITS),
    ) {
        Some(x) => low64_of(&x),
        // 256 bits are always a valid BHP256 input.
        None => unreachable!("BHP256 rejected a 256-bit input"),
    }
}

impl FixedBhp {
    /// Builds the tables and checks them against snarkVM on a few inputs; the IFMA
    /// form is dropped alone if only it disagrees.
    pub(super) fn build_checked(
        size: BhpSize,
        input_bits: usize,
        group_triplets: usize,
    ) -> Option<Self> {
        let mut tables = Self::build(size, input_bits, group_triplets)?;
        let probes = probes(input_bits);
        let expected = expected_answers(size, input_bits, &probes)?;
        let scalar: Vec<(Fq, Fq)> = probes.iter().map(|p| tables.xz(p)).collect();
        if affine_x(&scalar)? != expected {
            return None;
        }
        let mut scratch = Vec::new();
        let refs: [&[u64]; ifma::LANES] = core::array::from_fn(|i| probes[i].as_slice());
        let wide_agrees = tables
            .xz8(refs, &mut scratch)
            .and_then(|xz| affine_x(&xz))
            .is_some_and(|x| x == expected);
        if !wide_agrees {
            tables.wide = None;
        }
        Some(tables)
    }

    /// Builds the tables from snarkVM's bases and domain for `size`, for inputs of
    /// `input_bits` bits read `group_triplets` triplets per lookup; `None` if
    /// snarkVM would hash such inputs in more than one iteration.
    fn build(size: BhpSize, input_bits: usize, group_triplets: usize) -> Option<Self> {
        let Params {
            domain,
            window,
            windows,
            bases,
        } = params(size);
        // The preimage prefix: the domain, then the input length as 64 LE bits.
        let mut prefix: Vec<bool> = domain.to_vec();
        prefix.extend((0..64).map(|i| (input_bits as u64 >> i) & 1 == 1));
        // The layout below needs the input to start on a triplet boundary (it does:
        // 252 bits), and the whole preimage to fit one iteration.
        let triplets = (prefix.len() + input_bits).div_ceil(TRIPLET);
        if !prefix.len().is_multiple_of(TRIPLET)
            || input_bits == 0
            || input_bits > INPUT_WORDS * 64
            || window * windows * TRIPLET - prefix.len() != max_input_bits(size)
            || !(1..=DIGEST_GROUP).contains(&group_triplets)
            || prefix.len() + input_bits > window * windows * TRIPLET
            || bases.len() * window < triplets
        {
            return None;
        }
        let first_var = prefix.len() / TRIPLET;
        let group_bits = TRIPLET * group_triplets;
        let (full, tail) = (input_bits / group_bits, input_bits % group_bits);
        let (fold_bits, rest_groups) = match (full, tail) {
            (0, _) => (0, 0),
            (_, 0) => (0, full - 1),
            (_, t) if t <= FOLD_MAX => (t, full - 1),
            _ => (0, full),
        };
        // Triplet t with bits b adds ±(1 + b0 + 2·b1)·G_t, exactly as snarkVM's lookup.
        let term = |t: usize, b: usize| -> Projective {
            if t >= triplets {
                return Projective::zero();
            }
            let g: Projective = *bases[t / window][t % window];
            let mut p = g;
            if b & 1 != 0 {
                p += &g;
            }
            if b & 2 != 0 {
                p += &g.double();
            }
            if b & 4 != 0 {
                -p
            } else {
                p
            }
        };
        let mut constant = Projective::zero();
        for t in 0..first_var {
            let b = (0..TRIPLET).fold(0, |acc, i| {
                acc | (usize::from(prefix[t * TRIPLET + i]) << i)
            });
            constant += &term(t, b);
        }
        // The sums of one table: each listed triplet with how many of its values,
        // the first listed in the lowest index bits.
        let table = |start: Projective, listed: &[(usize, usize)]| -> Vec<Projective> {
            let mut table = vec![start];
            for &(t, values) in listed {
                let lookup: Vec<Projective> = (0..values).map(|b| term(t, b)).collect();
                // The new index bits (above the current ones) select this triplet's term.
                table = lookup
                    .iter()
                    .flat_map(|l| table.iter().map(move |p| *p + l))
                    .collect();
            }
            table
        };
        let group = |g: usize| (0..group_triplets).map(move |j| first_var + g * group_triplets + j);
        // Serial on purpose: this runs inside a table initializer, where a rayon job
        // could wait on pool threads that are themselves blocked on it.
        let mut listed: Vec<(usize, usize)> = group(0).map(|t| (t, 1 << TRIPLET)).collect();
        if fold_bits > 0 {
            listed.push((
                first_var + (rest_groups + 1) * group_triplets,
                1 << fold_bits,
            ));
        }
        let mut first_table = table(constant, &listed);
        Projective::batch_normalization(&mut first_table);
        let half = 1 << (group_bits - 1);
        let mut first = Memory::zeroed(first_table.len());
        first.fill(first_table.iter().map(|p| [p.x, p.y, p.x * p.y]));
        let d2 = <Aleo as Environment>::EDWARDS_D.double();
        let mut rest = Memory::zeroed(rest_groups * half);
        // Groups normalized together (one field inversion for all their points),
        // as many as keep the unnormalized points within NORMALIZE_POINTS.
        let per_batch = (NORMALIZE_POINTS / half).max(1);
        rest.fill((1..=rest_groups).step_by(per_batch).flat_map(|g0| {
            let mut points: Vec<Projective> = (g0..(g0 + per_batch).min(rest_groups + 1))
                .flat_map(|g| {
                    let mut listed: Vec<(usize, usize)> =
                        group(g).map(|t| (t, 1 << TRIPLET)).collect();
                    // Only the half whose top sign bit is clear is stored.
                    if let Some(top) = listed.last_mut() {
                        top.1 = 1 << (TRIPLET - 1);
                    }
                    table(Projective::zero(), &listed)
                })
                .collect();
            Projective::batch_normalization(&mut points);
            points
                .into_iter()
                .map(move |p| [p.y + p.x, p.y - p.x, p.x * p.y * d2])
        }));
        let wide = if ifma::available() {
            Wide::new(&first, &rest)
        } else {
            None
        };
        Some(Self {
            input_bits,
            group_bits,
            fold_bits,
            rest_groups,
            half,
            sign_bits: (0..group_triplets).fold(0, |acc, j| acc | 1 << (TRIPLET * j + 2)),
            first,
            rest,
            wide,
        })
    }

    /// Whether the tables carry the IFMA form (the CPU has it and it passed its check).
    pub(crate) fn has_wide(&self) -> bool {
        self.wide.is_some()
    }
}

impl FixedBhp {
    /// Input bits read per lookup.
    pub(crate) fn lookup_bits(&self) -> usize {
        self.group_bits
    }

    /// Bytes of table memory, the IFMA form included.
    pub(crate) fn bytes(&self) -> usize {
        let wide = self
            .wide
            .as_ref()
            .map_or(0, |w| w.first.bytes().len() + w.rest.bytes().len());
        self.first.bytes().len() + self.rest.bytes().len() + wide
    }
}
