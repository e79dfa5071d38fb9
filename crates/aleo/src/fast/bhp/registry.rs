//! Which table sets exist: the BHP256 digest tables and up to sixteen tree sets,
//! each built once, on a private pool.

use std::sync::{Mutex, OnceLock};

use super::{pinned, FixedBhp, DIGEST_BITS, DIGEST_GROUP, INPUT_WORDS, TREE_GROUP, TRIPLET};
use crate::family::BhpSize;

/// The BHP256 tables for 256-bit digests by group width (entry `g - 1` reads `g`
/// triplets per lookup), each built on first use; `None` if it failed its self-check.
static DIGEST: [OnceLock<Option<FixedBhp>>; DIGEST_GROUP] =
    [const { OnceLock::new() }; DIGEST_GROUP];

/// The widest BHP256 digest tables (15-bit lookups), if they reproduce snarkVM
/// (they always should; if not, callers fall back to snarkVM itself, so a result
/// is never wrong).
pub(crate) fn tables() -> Option<&'static FixedBhp> {
    digest_tables(DIGEST_GROUP)
}

/// The BHP256 digest tables of `group_triplets` triplets per lookup (1 to
/// [`DIGEST_GROUP`]), built on first use; `None` for another width or if they
/// failed their self-check.
pub(crate) fn digest_tables(group_triplets: usize) -> Option<&'static FixedBhp> {
    DIGEST
        .get(group_triplets.checked_sub(1)?)?
        .get_or_init(|| {
            let build = || FixedBhp::build_checked(BhpSize::Bhp256, DIGEST_BITS, group_triplets);
            // From the pinned data the build touches no snarkVM static and no
            // pool, so it runs here; from snarkVM's instance, on a private pool.
            if pinned::pinned().is_some() {
                build()
            } else {
                build_in_own_pool(build)
            }
        })
        .as_ref()
}

/// The digest tables built so far that passed their self-check, narrowest first.
pub(crate) fn built_digest_tables() -> impl Iterator<Item = &'static FixedBhp> {
    DIGEST.iter().filter_map(|cell| cell.get()?.as_ref())
}

/// Table sets other than the digest tables: at most this many (size, length) pairs.
const MAX_SETS: usize = 16;

/// The longest input snarkVM hashes in one iteration with `size`: its windows ×
/// triplets per window × 3 bits, less the 252 domain and length bits (`build`
/// checks this against the instance itself).
pub(super) fn max_input_bits(size: BhpSize) -> usize {
    let (windows, window) = match size {
        BhpSize::Bhp256 => (3, 57),
        BhpSize::Bhp512 => (6, 43),
        BhpSize::Bhp768 => (15, 23),
        BhpSize::Bhp1024 => (8, 54),
    };
    windows * window * TRIPLET - 252
}

/// The table sets built so far, each initialized once.
type Sets = Vec<((BhpSize, usize), &'static OnceLock<Option<FixedBhp>>)>;
static SETS: Mutex<Sets> = Mutex::new(Vec::new());

/// The tree tables (12-bit groups) of `size` for `input_bits`-bit inputs, built on
/// first use; `None` for lengths snarkVM hashes in more than one iteration, when
/// [`MAX_SETS`] other sets already exist, or if the tables failed their self-check.
/// With `build` false, only tables built before are returned.
pub(crate) fn fixed(size: BhpSize, input_bits: usize, build: bool) -> Option<&'static FixedBhp> {
    if input_bits == 0 || input_bits > max_input_bits(size).min(INPUT_WORDS * 64) {
        return None;
    }
    let cell = {
        // A poisoned lock only means another thread panicked mid-lookup; the list is intact.
        let mut sets = SETS.lock().unwrap_or_else(|e| e.into_inner());
        match sets.iter().find(|(key, _)| *key == (size, input_bits)) {
            Some((_, cell)) => *cell,
            None if build && sets.len() < MAX_SETS => {
                let cell: &'static OnceLock<Option<FixedBhp>> = Box::leak(Box::default());
                sets.push(((size, input_bits), cell));
                cell
            }
            None => return None,
        }
    };
    if !build {
        return cell.get()?.as_ref();
    }
    cell.get_or_init(|| build_in_own_pool(|| FixedBhp::build_checked(size, input_bits, TREE_GROUP)))
        .as_ref()
}

/// `build` on a private rayon pool, driven from a plain thread.
///
/// snarkVM sets up its BHP bases (its lazily built statics) with parallel
/// iterators on first use. On the
/// global pool those jobs could wait forever for workers that are themselves
/// blocked on a table initializer (a batch split over the pool while another
/// thread builds the tables). And a pool worker that waited on `install` directly
/// would run other jobs meanwhile, which could re-enter that initializer. A plain
/// thread that joins avoids both.
///
/// Without the `parallel` feature merklab puts no work on any pool, and the build
/// runs on the plain thread alone.
fn build_in_own_pool(build: impl FnOnce() -> Option<FixedBhp> + Send) -> Option<FixedBhp> {
    #[cfg(feature = "parallel")]
    let private = || match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(build),
        Err(_) => build(),
    };
    #[cfg(not(feature = "parallel"))]
    let private = build;
    std::thread::scope(|s| s.spawn(private).join().ok().flatten())
}

/// Measured cost of each digest table width (index `g - 1` for `g` triplets per
/// lookup) on the development machine (AMD EPYC, one core): microseconds to build
/// and self-check the tables (the IFMA form included)...
const BUILD_MICROS: [u64; DIGEST_GROUP] = [800, 1_500, 6_000, 32_000, 265_000];
/// ... nanoseconds per hash summed one at a time ...
const SCALAR_NANOS: [u64; DIGEST_GROUP] = [24_000, 7_700, 5_100, 4_500, 3_800];
/// ... and eight at a time with AVX-512 IFMA, where narrow tables lose little
/// (the multiplications, not the lookups, dominate).
const VECTOR_NANOS: [u64; DIGEST_GROUP] = [3_300, 1_700, 1_200, 1_180, 1_110];

/// The digest tables that compute `hashes` hashes soonest (summed eight at a
/// time with IFMA if `vector`): tables already built cost nothing more, others
/// their build; `None` if the chosen tables failed their self-check (callers
/// then compute through snarkVM).
pub(crate) fn tables_for(hashes: u64, vector: bool) -> Option<&'static FixedBhp> {
    let per_hash = if vector { VECTOR_NANOS } else { SCALAR_NANOS };
    let cost = |g: usize| -> u64 {
        let build = match DIGEST[g - 1].get() {
            Some(Some(_)) => 0,
            _ => BUILD_MICROS[g - 1].saturating_mul(1_000),
        };
        build.saturating_add(hashes.saturating_mul(per_hash[g - 1]))
    };
    let best = (1..=DIGEST_GROUP).min_by_key(|&g| cost(g))?;
    digest_tables(best)
}
