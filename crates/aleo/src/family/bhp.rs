//! BHP (256 to 1024) as a function and as a tree backend over the children's bits.

use merklab_core::{Compression, DomainTags, LeafHash};
use snarkvm_console::network::Network;
use snarkvm_console::prelude::{ToBits, Zero};

use super::FIELD_BITS;
use crate::fast::PackedBits;
use crate::{snarkvm_error, Aleo, AleoError, Config, Field, FieldDigest};

/// BHP's input chunk size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BhpSize {
    /// `hash.bhp256`.
    Bhp256,
    /// `hash.bhp512`.
    Bhp512,
    /// `hash.bhp768`.
    Bhp768,
    /// `hash.bhp1024`.
    Bhp1024,
}

/// BHP over bits, returning the x-coordinate of the hashed group point (`Aleo::hash_bhp*`).
pub fn bhp_hash(size: BhpSize, bits: &[bool]) -> Result<Field, AleoError> {
    match size {
        BhpSize::Bhp256 => Aleo::hash_bhp256(bits),
        BhpSize::Bhp512 => Aleo::hash_bhp512(bits),
        BhpSize::Bhp768 => Aleo::hash_bhp768(bits),
        BhpSize::Bhp1024 => Aleo::hash_bhp1024(bits),
    }
    .map_err(snarkvm_error)
}

/// BHP as a leaf hash over bits and a compression of any arity over the
/// children's 253-bit encodings, concatenated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bhp {
    /// The chunk size.
    pub size: BhpSize,
    /// Whether leaves and nodes get distinct `false` / `true` prefix bits.
    pub tags: DomainTags,
    /// Reference or fast implementation, and whether batches use AVX-512 IFMA.
    pub config: Config,
}

impl Bhp {
    /// BHP with this size and tag mode, on [`Config::DEFAULT`].
    pub const fn new(size: BhpSize, tags: DomainTags) -> Self {
        Self {
            size,
            tags,
            config: Config::DEFAULT,
        }
    }

    /// The same hash computed with `config` (same values).
    pub const fn with_config(self, config: Config) -> Self {
        Self { config, ..self }
    }

    /// BHP of `bits`, with a leading tag bit when tags are on.
    pub fn hash_bits(&self, tag: bool, bits: &[bool]) -> Result<Field, AleoError> {
        let mut out = [FieldDigest(Field::zero())];
        x_coordinates(vec![self.hash_group(tag, bits)?], &mut out);
        Ok(out[0].0)
    }

    /// BHP-to-group of `bits` (with the tag bit when tags are on), before the
    /// affine normalization that [`Bhp::hash_bits`] ends with.
    fn hash_group(&self, tag: bool, bits: &[bool]) -> Result<Projective, AleoError> {
        let group = |bits: &[bool]| match self.size {
            BhpSize::Bhp256 => Aleo::hash_to_group_bhp256(bits),
            BhpSize::Bhp512 => Aleo::hash_to_group_bhp512(bits),
            BhpSize::Bhp768 => Aleo::hash_to_group_bhp768(bits),
            BhpSize::Bhp1024 => Aleo::hash_to_group_bhp1024(bits),
        };
        let point = if self.tags == DomainTags::Tagged {
            let mut buf = Vec::with_capacity(bits.len() + 1);
            buf.push(tag);
            buf.extend_from_slice(bits);
            group(&buf)
        } else {
            group(bits)
        };
        point.map(|g| *g).map_err(snarkvm_error)
    }

    /// A leaf's point. snarkVM prepends its 252 domain and length bits to every
    /// input, more than any BHP size's one-window minimum (at most 171 bits), and
    /// splits long input over iterations, so no input length is refused.
    fn leaf_group(&self, input: &[bool]) -> Projective {
        match self.hash_group(false, input) {
            Ok(p) => p,
            Err(e) => unreachable!("BHP over {} bits failed: {e}", input.len()),
        }
    }

    /// The tag bit that precedes every input when tags are on.
    fn tagged(&self, tag: bool) -> Option<PackedBits> {
        let mut bits = PackedBits::new();
        if self.tags == DomainTags::Tagged {
            bits.push_bits(u64::from(tag), 1)?;
        }
        Some(bits)
    }

    /// Leaves through the fast path's fixed-length tables, if it is on and serves
    /// their (common) length.
    fn fast_leaves(&self, inputs: &[&[bool]]) -> Option<Vec<Field>> {
        if !self.config.path.is_fast() {
            return None;
        }
        let packed = inputs
            .iter()
            .map(|input| {
                let mut bits = self.tagged(false)?;
                for chunk in input.chunks(64) {
                    let word = chunk
                        .iter()
                        .enumerate()
                        .fold(0u64, |w, (i, b)| w | u64::from(*b) << i);
                    bits.push_bits(word, chunk.len())?;
                }
                Some(bits)
            })
            .collect::<Option<Vec<_>>>()?;
        crate::fast::bhp_x_batch(self.size, self.config.simd, &packed)
    }

    /// Nodes of `K` children each through the fast path's fixed-length tables.
    fn fast_nodes<const K: usize>(
        &self,
        children: &[FieldDigest],
        count: usize,
    ) -> Option<Vec<Field>> {
        if !self.config.path.is_fast() || children.len() < K * count {
            return None;
        }
        let packed = children
            .chunks_exact(K)
            .take(count)
            .map(|group| {
                let mut bits = self.tagged(true)?;
                for child in group {
                    bits.push_field(&child.0)?;
                }
                Some(bits)
            })
            .collect::<Option<Vec<_>>>()?;
        crate::fast::bhp_x_batch(self.size, self.config.simd, &packed)
    }

    /// A node's point over its children's bits.
    fn node_group(&self, children: &[FieldDigest]) -> Projective {
        let mut bits = Vec::with_capacity(children.len() * FIELD_BITS);
        for child in children {
            child.0.write_bits_le(&mut bits);
        }
        // Two or more 253-bit children are always long enough for every BHP size.
        match self.hash_group(true, &bits) {
            Ok(p) => p,
            Err(e) => unreachable!("BHP over {} bits failed: {e}", bits.len()),
        }
    }
}

/// A group element of the Aleo curve, in snarkVM's extended coordinates.
type Projective = <Aleo as snarkvm_console::prelude::Environment>::Projective;

/// The x-coordinates of `points` (BHP's output), with one field inversion for all
/// of them (Montgomery's trick, in snarkVM's `batch_normalization`).
fn x_coordinates(mut points: Vec<Projective>, out: &mut [FieldDigest]) {
    use snarkvm_console::prelude::ProjectiveCurve;
    Projective::batch_normalization(&mut points);
    // Normalized points have Z = 1, so X is the affine x-coordinate.
    for (slot, p) in out.iter_mut().zip(points) {
        *slot = FieldDigest(Field::new(p.x));
    }
}

/// Field elements into digest slots, in order.
fn write_fields(xs: Vec<Field>, out: &mut [FieldDigest]) {
    for (slot, x) in out.iter_mut().zip(xs) {
        *slot = FieldDigest(x);
    }
}

impl LeafHash for Bhp {
    type Input = [bool];
    type Digest = FieldDigest;
    /// Through the tables of [`LeafHash::hash_leaf_batch`] once a batch has built them.
    fn hash_leaf(&self, input: &[bool]) -> FieldDigest {
        let mut out = [FieldDigest(Field::zero())];
        self.hash_leaf_batch(&[input], &mut out);
        out[0]
    }

    /// On the fast path, runs of one length go through tables built from
    /// snarkVM's bases (the same values, about twice as fast, eight at a time with
    /// AVX-512 IFMA where the CPU has it).
    fn hash_leaf_batch(&self, inputs: &[&[bool]], out: &mut [FieldDigest]) {
        match self.fast_leaves(inputs) {
            Some(xs) => write_fields(xs, out),
            None => x_coordinates(inputs.iter().map(|i| self.leaf_group(i)).collect(), out),
        }
    }
}

impl<const K: usize> Compression<K> for Bhp {
    type Digest = FieldDigest;
    /// Through the tables of [`Compression::compress_batch`] once a batch has built them.
    fn compress(&self, children: &[FieldDigest; K]) -> FieldDigest {
        let mut out = [FieldDigest(Field::zero())];
        Compression::<K>::compress_batch(self, children, &mut out);
        out[0]
    }

    /// The same hash over the group's 2 to `K - 1` children (no table has that length).
    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        let mut out = [FieldDigest(Field::zero())];
        x_coordinates(vec![self.node_group(children)], &mut out);
        out[0]
    }

    /// The run's points first, then one inversion for all of them; on
    /// the fast path the points come from the fixed-length tables, as for leaves.
    fn compress_batch(&self, children: &[FieldDigest], out: &mut [FieldDigest]) {
        if let Some(xs) = self.fast_nodes::<K>(children, out.len()) {
            return write_fields(xs, out);
        }
        let points = children
            .chunks_exact(K)
            .take(out.len())
            .map(|group| self.node_group(group))
            .collect();
        x_coordinates(points, out);
    }
}
