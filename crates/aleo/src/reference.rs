//! The reference path: every value computed by `snarkvm-console` itself, one call
//! at a time. It is the oracle the [`crate::fast`] path is tested against.

#[cfg(feature = "parallel")]
use rayon::prelude::*;
use snarkvm_console::network::Network;
use snarkvm_console::prelude::ToBits;
use snarkvm_console::program::{Literal, LiteralType, Plaintext};
use snarkvm_console::types::{U128, U64};

use crate::{encode_to_f, merge_operand_wrapping, snarkvm_error, Aleo, AleoError, Field};

/// Batches at least this long are spread over the rayon pool (feature `parallel`).
#[cfg(feature = "parallel")]
const PARALLEL_MIN: usize = 16;

/// Leo's `SHA3_256::hash_to_u64(x)`: `hash.sha3_256 x into y as u64` for any literal.
///
/// `low_64_bits(x_coordinate(BHP256_to_group(SHA3_256(plaintext_bits(x)))))`,
/// with the plaintext bits of `Plaintext::Literal(x)` (variant, type id, size, value).
pub fn hash_to_u64(literal: &Literal<Aleo>) -> Result<u64, AleoError> {
    let bits = Plaintext::from(literal.clone()).to_bits_le();
    let digest = Aleo::hash_sha3_256(&bits).map_err(snarkvm_error)?;
    let group = Aleo::hash_to_group_bhp256(&digest).map_err(snarkvm_error)?;
    match Literal::Group(group).cast_lossy(LiteralType::U64) {
        Ok(Literal::U64(value)) => Ok(*value),
        Ok(_) => Err(AleoError::SnarkVm(
            "cast to u64 yielded another type".to_string(),
        )),
        Err(e) => Err(snarkvm_error(e)),
    }
}

/// `hash.sha3_256 x into y as u64` for a field literal x.
pub fn hash_field(f: &Field) -> u64 {
    hash_fixed(Literal::Field(*f))
}

/// `hash.sha3_256 x into y as u64` for a u128 literal x.
pub fn hash_u128(v: u128) -> u64 {
    hash_fixed(Literal::U128(U128::new(v)))
}

/// `hash.sha3_256 x into y as u64` for a u64 literal x.
pub fn hash_u64(v: u64) -> u64 {
    hash_fixed(Literal::U64(U64::new(v)))
}

/// hashField(encodeToF(s)).
pub fn hash_string(s: &str) -> u64 {
    hash_field(&encode_to_f(s))
}

/// hashMerge(a, b) = hash_u128(min * (2^64+1) + max) (see [`crate::hash_merge`]).
pub fn hash_merge(a: u64, b: u64) -> u64 {
    hash_u128(merge_operand_wrapping(a, b))
}

/// Maps `inputs` with `f`, on the rayon pool when there are many (feature `parallel`).
fn map<T: Sync>(inputs: &[T], f: impl Fn(&T) -> u64 + Sync + Send) -> Vec<u64> {
    #[cfg(feature = "parallel")]
    if inputs.len() >= PARALLEL_MIN {
        return inputs.par_iter().map(f).collect();
    }
    inputs.iter().map(f).collect()
}

/// [`hash_field`] of every element, in order (one snarkVM call each).
pub fn hash_field_batch(fields: &[Field]) -> Vec<u64> {
    map(fields, hash_field)
}

/// [`hash_u128`] of every element, in order.
pub fn hash_u128_batch(values: &[u128]) -> Vec<u64> {
    map(values, |v| hash_u128(*v))
}

/// [`hash_u64`] of every element, in order.
pub fn hash_u64_batch(values: &[u64]) -> Vec<u64> {
    map(values, |v| hash_u64(*v))
}

/// [`hash_string`] of every element, in order.
pub fn hash_string_batch<S: AsRef<str> + Sync>(strings: &[S]) -> Vec<u64> {
    map(strings, |s| hash_string(s.as_ref()))
}

/// [`hash_merge`] of every pair, in order.
pub fn hash_merge_batch(pairs: &[(u64, u64)]) -> Vec<u64> {
    map(pairs, |&(a, b)| hash_merge(a, b))
}

/// Hashes a fixed-size numeric literal, for which snarkVM cannot fail.
fn hash_fixed(literal: Literal<Aleo>) -> u64 {
    match hash_to_u64(&literal) {
        Ok(v) => v,
        // SHA3-256 always yields 256 bits, which BHP256 always accepts, and a
        // group point always casts to u64: an error here is a snarkVM defect.
        Err(e) => unreachable!("hash_to_u64 of a {} literal failed: {e}", literal.to_type()),
    }
}

/// `hash.psd*`: Poseidon with this rate over field elements (`Aleo::hash_psd*`).
pub fn poseidon_hash(
    rate: crate::family::PoseidonRate,
    input: &[Field],
) -> Result<Field, AleoError> {
    use crate::family::PoseidonRate as R;
    match rate {
        R::Psd2 => Aleo::hash_psd2(input),
        R::Psd4 => Aleo::hash_psd4(input),
        R::Psd8 => Aleo::hash_psd8(input),
    }
    .map_err(snarkvm_error)
}

/// Poseidon with this rate, squeezing `num_outputs` elements (`Aleo::hash_many_psd*`).
pub fn poseidon_hash_many(
    rate: crate::family::PoseidonRate,
    input: &[Field],
    num_outputs: u16,
) -> Vec<Field> {
    use crate::family::PoseidonRate as R;
    match rate {
        R::Psd2 => Aleo::hash_many_psd2(input, num_outputs),
        R::Psd4 => Aleo::hash_many_psd4(input, num_outputs),
        R::Psd8 => Aleo::hash_many_psd8(input, num_outputs),
    }
}

/// Poseidon hash-to-group with this rate (`Aleo::hash_to_group_psd*`).
pub fn poseidon_hash_to_group(
    rate: crate::family::PoseidonRate,
    input: &[Field],
) -> Result<snarkvm_console::types::Group<Aleo>, AleoError> {
    use crate::family::PoseidonRate as R;
    match rate {
        R::Psd2 => Aleo::hash_to_group_psd2(input),
        R::Psd4 => Aleo::hash_to_group_psd4(input),
        R::Psd8 => Aleo::hash_to_group_psd8(input),
    }
    .map_err(snarkvm_error)
}
