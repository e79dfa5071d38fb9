//! snarkVM's BHP256 bases and the digest tables' known answers, read from
//! `crates/aleo/data/bhp256.txt` rather than taken from snarkVM's `BHP_256`.
//!
//! snarkVM builds its `BHP_256` instance on first use, lookup tables and all
//! (about 40 ms of one core), which a process that hashes a few dozen digests
//! cannot amortize. The bases are facts of the network (each window's generator
//! is a hash to the curve of `Aleo.BHP.3.57.AleoBHP256.{window}`, then doubled four
//! times per position), so they are stored as data; the tests below tie the file
//! to snarkVM, and regenerate it with
//! `cargo test -p merklab-aleo --lib regenerate_bhp256_data -- --ignored`.
//!
//! The known answers are snarkVM's x-coordinates for the self-check's probes of
//! 256-bit inputs, so digest tables of every group width are checked without
//! snarkVM's statics.

use std::sync::OnceLock;

use snarkvm_console::prelude::{AffineCurve, Environment};
use snarkvm_console::types::Group;
use snarkvm_fields::PrimeField;

use super::Fq;
use crate::Aleo;

/// BHP256's domain separator.
const DOMAIN: &str = "AleoBHP256";
/// Bits the domain is padded to: a field's data bits less the 64 length bits.
const DOMAIN_BITS: usize = 252 - 64;

/// The domain prefix of every BHP256 preimage: the UTF-8 bits of [`DOMAIN`],
/// least significant first, zero-padded to [`DOMAIN_BITS`], then reversed (as
/// snarkVM's `setup` lays it out).
pub(super) fn domain() -> &'static [bool] {
    static BITS: OnceLock<Vec<bool>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits: Vec<bool> = DOMAIN
            .bytes()
            .flat_map(|b| (0..8).map(move |i| (b >> i) & 1 == 1))
            .collect();
        bits.resize(DOMAIN_BITS, false);
        bits.reverse();
        bits
    })
}

/// The data: `base WINDOW INDEX X Y` and `probe I X` lines, canonical integers in
/// big-endian hex.
const DATA: &str = include_str!("../../../data/bhp256.txt");

/// BHP256's windows and triplets per window.
pub(super) const WINDOWS: usize = 3;
/// Triplets per window of BHP256.
pub(super) const WINDOW: usize = 57;

/// What the file holds, parsed.
pub(super) struct Pinned {
    /// `bases[window][index]`, as snarkVM's `BHP_256.bases()`.
    pub(super) bases: Vec<Vec<Group<Aleo>>>,
    /// snarkVM's x-coordinate of each self-check probe of a 256-bit input.
    pub(super) probes: Vec<Fq>,
}

/// The parsed data; `None` if the file were malformed or a base off the curve
/// (then the digest tables come from snarkVM's own instance).
pub(super) fn pinned() -> Option<&'static Pinned> {
    static PINNED: OnceLock<Option<Pinned>> = OnceLock::new();
    PINNED.get_or_init(|| parse(DATA)).as_ref()
}

/// A field element from 64 hex digits (big-endian canonical integer).
fn field_hex(hex: &str) -> Option<Fq> {
    if hex.len() != 64 {
        return None;
    }
    let mut limbs = [0u64; 4];
    for (i, limb) in limbs.iter_mut().enumerate() {
        let start = 64 - 16 * (i + 1);
        *limb = u64::from_str_radix(hex.get(start..start + 16)?, 16).ok()?;
    }
    Fq::from_bigint(snarkvm_utilities::BigInteger256::new(limbs))
}

/// Parses [`DATA`].
fn parse(text: &str) -> Option<Pinned> {
    let mut bases: Vec<Vec<Group<Aleo>>> =
        (0..WINDOWS).map(|_| Vec::with_capacity(WINDOW)).collect();
    let mut probes = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split_ascii_whitespace().collect();
        match fields.as_slice() {
            ["base", w, i, x, y] => {
                let (w, i): (usize, usize) = (w.parse().ok()?, i.parse().ok()?);
                let window: &mut Vec<Group<Aleo>> = bases.get_mut(w)?;
                // In file order only, so that the index names the position.
                if window.len() != i {
                    return None;
                }
                let point = <Aleo as Environment>::Affine::from_coordinates_unchecked((
                    field_hex(x)?,
                    field_hex(y)?,
                ));
                // On the curve (cheap); membership of the prime-order subgroup is
                // not rechecked here: the known answers check the tables built from
                // these points.
                if !point.is_on_curve() {
                    return None;
                }
                window.push(Group::new(point));
            }
            ["probe", i, x] => {
                if probes.len() != i.parse::<usize>().ok()? {
                    return None;
                }
                probes.push(field_hex(x)?);
            }
            _ => return None,
        }
    }
    let complete = bases.iter().all(|w| w.len() == WINDOW) && !probes.is_empty();
    complete.then_some(Pinned { bases, probes })
}

#[cfg(test)]
mod tests {
    use snarkvm_console::network::BHP_256;
    use snarkvm_fields::PrimeField;

    use super::super::build::{bits_of, probes, reference_x};
    use super::super::DIGEST_BITS;
    use super::*;
    use crate::family::BhpSize;

    /// Canonical big-endian hex of a field element.
    fn hex(f: &Fq) -> String {
        f.to_bigint()
            .0
            .iter()
            .rev()
            .map(|l| format!("{l:016x}"))
            .collect()
    }

    /// The data file as computed from snarkVM now.
    fn generated() -> String {
        let mut out = String::from(
            "# snarkVM's BHP256 (MainnetV0, domain \"AleoBHP256\"): bases and known answers.\n\
             # Generated from snarkVM by\n\
             #   cargo test -p merklab-aleo --lib regenerate_bhp256_data -- --ignored\n\
             # base WINDOW INDEX X Y: BHP_256.bases()[WINDOW][INDEX], affine, canonical hex.\n\
             # probe I X: x of BHP256-to-group of the self-check's probe I (256 bits).\n",
        );
        for (w, window) in BHP_256.bases().iter().enumerate() {
            for (i, g) in window.iter().enumerate() {
                let (x, y) = (*g.to_x_coordinate(), *g.to_y_coordinate());
                out.push_str(&format!("base {w} {i} {} {}\n", hex(&x), hex(&y)));
            }
        }
        for (i, p) in probes(DIGEST_BITS).iter().enumerate() {
            let x = reference_x(BhpSize::Bhp256, &bits_of(p, DIGEST_BITS))
                .expect("256 bits fit BHP256");
            out.push_str(&format!("probe {i} {}\n", hex(&x)));
        }
        out
    }

    #[test]
    fn domain_is_snarkvms() {
        assert_eq!(domain(), BHP_256.domain());
    }

    #[test]
    fn bhp256_data_is_snarkvms() {
        assert_eq!(DATA, generated());
    }

    #[test]
    fn parsed_bases_and_answers_equal_snarkvms() {
        let pinned = pinned().expect("the data parses");
        assert_eq!(&pinned.bases, &**BHP_256.bases());
        let expected: Vec<Fq> = probes(DIGEST_BITS)
            .iter()
            .map(|p| reference_x(BhpSize::Bhp256, &bits_of(p, DIGEST_BITS)).unwrap())
            .collect();
        assert_eq!(pinned.probes, expected);
    }

    #[test]
    fn malformed_data_is_refused() {
        let good = DATA;
        assert!(parse(good).is_some());
        // A base moved off the curve, a missing line, a stray line.
        let line = good.lines().find(|l| l.starts_with("base 1 7 ")).unwrap();
        let mut bad = line.to_string();
        let last = bad.pop().unwrap();
        bad.push(if last == '0' { '1' } else { '0' });
        assert!(parse(&good.replace(line, &bad)).is_none());
        assert!(parse(&good.replace(&format!("{line}\n"), "")).is_none());
        assert!(parse(&format!("{good}extra 1\n")).is_none());
    }

    #[test]
    #[ignore = "writes crates/aleo/data/bhp256.txt from snarkVM"]
    fn regenerate_bhp256_data() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/bhp256.txt");
        std::fs::write(path, generated()).unwrap();
    }
}
