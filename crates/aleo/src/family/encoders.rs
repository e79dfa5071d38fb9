//! Field encoders: strings, bytes and literals as field elements.

use merklab_core::Encoder;
use snarkvm_console::prelude::{FromBits, SizeInDataBits, ToFields};
use snarkvm_console::program::{Literal, Plaintext};

use crate::{encode_to_f, snarkvm_error, Aleo, AleoError, Field};

/// Aleo's `encodeToF` as an [`Encoder`]: UTF-8 bytes, little-endian, mod p (not injective).
#[derive(Clone, Copy, Debug, Default)]
pub struct EncodeToF;

impl Encoder<str> for EncodeToF {
    type Output = Field;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &str) -> Result<Field, Self::Error> {
        Ok(encode_to_f(value))
    }
}

/// Bytes packed into field elements without loss: the byte length first (one
/// element), then 31-byte little-endian chunks, each below 2^248 and so never reduced.
///
/// Injective: the length fixes the chunk count and the last chunk's size, and
/// every chunk is its bytes' integer exactly.
#[derive(Clone, Copy, Debug, Default)]
pub struct PackedBytes;

/// Bytes per field element in [`PackedBytes`].
pub const PACKED_CHUNK_BYTES: usize = 31;

impl PackedBytes {
    /// Packs `bytes`: `[len, chunk_0, chunk_1, ...]`.
    pub fn pack(bytes: &[u8]) -> Vec<Field> {
        let mut out = Vec::with_capacity(1 + bytes.len().div_ceil(PACKED_CHUNK_BYTES));
        out.push(Field::from_u128(bytes.len() as u128));
        for chunk in bytes.chunks(PACKED_CHUNK_BYTES) {
            let bits: Vec<bool> = chunk
                .iter()
                .flat_map(|b| (0..8).map(move |i| (b >> i) & 1 == 1))
                .collect();
            // At most 248 bits, below the field's 252 data bits: never fails.
            match Field::from_bits_le(&bits) {
                Ok(f) => out.push(f),
                Err(e) => unreachable!("{} bits did not fit a field element: {e}", bits.len()),
            }
        }
        out
    }
}

impl Encoder<[u8]> for PackedBytes {
    type Output = Vec<Field>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &[u8]) -> Result<Vec<Field>, Self::Error> {
        Ok(Self::pack(value))
    }
}

impl Encoder<str> for PackedBytes {
    type Output = Vec<Field>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &str) -> Result<Vec<Field>, Self::Error> {
        Ok(Self::pack(value.as_bytes()))
    }
}

/// A literal as snarkVM's `Plaintext::to_fields()` packs it (what `hash.psd*` hashes):
/// its plaintext bits, a terminating 1, in 252-bit little-endian chunks.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlaintextFields;

impl Encoder<Literal<Aleo>> for PlaintextFields {
    type Output = Vec<Field>;
    type Error = AleoError;
    fn encode(&self, value: &Literal<Aleo>) -> Result<Vec<Field>, AleoError> {
        Plaintext::from(value.clone())
            .to_fields()
            .map_err(snarkvm_error)
    }
}

/// Data bits per field element in `to_fields()` packing (252 on Aleo).
pub fn field_data_bits() -> usize {
    Field::size_in_data_bits()
}
