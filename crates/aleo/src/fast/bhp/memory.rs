//! Table memory: where the precomputed points live and how one is read.

use snarkvm_fields::Zero;

use super::{ifma, Fq, POINT_BYTES, WIDE_POINT_BYTES, WIDE_POINT_STRIDE};

/// Table memory: an anonymous mapping advised for transparent huge pages, since
/// random lookups over megabytes of 4 KiB pages mostly miss the TLB; the heap if
/// the mapping fails.
pub(super) enum Memory {
    Map(memmap2::MmapMut),
    Heap(Vec<u8>),
}

impl Memory {
    /// Zeroed memory for `points` points.
    pub(super) fn zeroed(points: usize) -> Self {
        Self::zeroed_bytes(points * POINT_BYTES)
    }

    /// `len` zeroed bytes.
    pub(super) fn zeroed_bytes(len: usize) -> Self {
        match memmap2::MmapOptions::new().len(len).map_anon() {
            Ok(map) => {
                // Only advice: without huge pages the tables work the same, slower.
                #[cfg(target_os = "linux")]
                let _ = map.advise(memmap2::Advice::HugePage);
                Memory::Map(map)
            }
            Err(_) => Memory::Heap(vec![0; len]),
        }
    }

    pub(super) fn bytes(&self) -> &[u8] {
        match self {
            Memory::Map(m) => m,
            Memory::Heap(v) => v,
        }
    }

    pub(super) fn bytes_mut(&mut self) -> &mut [u8] {
        match self {
            Memory::Map(m) => m,
            Memory::Heap(v) => v,
        }
    }

    /// Point `i` as three field elements (Montgomery limbs, as snarkVM stores them).
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> Option<[Fq; 3]> {
        let bytes = self.bytes().get(i * POINT_BYTES..(i + 1) * POINT_BYTES)?;
        let mut out = [Fq::zero(); 3];
        for (f, chunk) in out.iter_mut().zip(bytes.chunks_exact(32)) {
            for (limb, b) in f.0 .0.iter_mut().zip(chunk.chunks_exact(8)) {
                let mut word = [0u8; 8];
                word.copy_from_slice(b);
                *limb = u64::from_le_bytes(word);
            }
        }
        Some(out)
    }

    /// Point `i` of the IFMA form: fifteen 64-bit words.
    #[inline(always)]
    pub(super) fn words(&self, i: usize) -> Option<[u64; ifma::POINT_WORDS]> {
        let bytes = self
            .bytes()
            .get(i * WIDE_POINT_STRIDE..i * WIDE_POINT_STRIDE + WIDE_POINT_BYTES)?;
        let mut out = [0u64; ifma::POINT_WORDS];
        for (w, b) in out.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(b);
            *w = u64::from_le_bytes(word);
        }
        Some(out)
    }

    /// Stores `points` from point index 0 on.
    pub(super) fn fill(&mut self, points: impl Iterator<Item = [Fq; 3]>) {
        for (slot, point) in self.bytes_mut().chunks_exact_mut(POINT_BYTES).zip(points) {
            for (chunk, f) in slot.chunks_exact_mut(32).zip(point) {
                for (b, limb) in chunk.chunks_exact_mut(8).zip(f.0 .0) {
                    b.copy_from_slice(&limb.to_le_bytes());
                }
            }
        }
    }

    /// Points stored.
    pub(super) fn points(&self) -> usize {
        self.bytes().len() / POINT_BYTES
    }
}
