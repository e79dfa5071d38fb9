//! The `hash.*` instructions, evaluated as snarkVM's `do_hash!` evaluates them.

use std::fmt;
use std::str::FromStr;

use snarkvm_console::network::Network;
use snarkvm_console::prelude::{ToBits, ToFields, ToFieldsRaw};
use snarkvm_console::program::ToBitsRaw;
use snarkvm_console::program::{Literal, LiteralType, Plaintext};

use super::{poseidon_hash_on, PoseidonRate};
use crate::{snarkvm_error, Aleo, AleoError, Field, HashPath};

/// The hash of a `hash.*` instruction (snarkVM's variants 0 to 14 and their `.raw` forms).
///
/// Not the registry's hash names: these are the Aleo instruction set's opcodes,
/// spelled by snarkVM, and several name a pipeline (SHA3, then BHP to a group).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum HashVariant {
    /// `hash.bhp256`.
    Bhp256,
    /// `hash.bhp512`.
    Bhp512,
    /// `hash.bhp768`.
    Bhp768,
    /// `hash.bhp1024`.
    Bhp1024,
    /// `hash.keccak256`: Keccak-256, then BHP256 to a group point.
    Keccak256,
    /// `hash.keccak384`: Keccak-384, then BHP512 to a group point.
    Keccak384,
    /// `hash.keccak512`: Keccak-512, then BHP512 to a group point.
    Keccak512,
    /// `hash.ped64`.
    Ped64,
    /// `hash.ped128`.
    Ped128,
    /// `hash.psd2`.
    Psd2,
    /// `hash.psd4`.
    Psd4,
    /// `hash.psd8`.
    Psd8,
    /// `hash.sha3_256`: SHA3-256, then BHP256 to a group point.
    Sha3_256,
    /// `hash.sha3_384`: SHA3-384, then BHP512 to a group point.
    Sha3_384,
    /// `hash.sha3_512`: SHA3-512, then BHP512 to a group point.
    Sha3_512,
}

impl HashVariant {
    /// Every variant, in snarkVM's order.
    pub const ALL: [Self; 15] = [
        Self::Bhp256,
        Self::Bhp512,
        Self::Bhp768,
        Self::Bhp1024,
        Self::Keccak256,
        Self::Keccak384,
        Self::Keccak512,
        Self::Ped64,
        Self::Ped128,
        Self::Psd2,
        Self::Psd4,
        Self::Psd8,
        Self::Sha3_256,
        Self::Sha3_384,
        Self::Sha3_512,
    ];

    /// The opcode without `.raw` (`hash.bhp256`).
    pub const fn opcode(self) -> &'static str {
        match self {
            Self::Bhp256 => "hash.bhp256",
            Self::Bhp512 => "hash.bhp512",
            Self::Bhp768 => "hash.bhp768",
            Self::Bhp1024 => "hash.bhp1024",
            Self::Keccak256 => "hash.keccak256",
            Self::Keccak384 => "hash.keccak384",
            Self::Keccak512 => "hash.keccak512",
            Self::Ped64 => "hash.ped64",
            Self::Ped128 => "hash.ped128",
            Self::Psd2 => "hash.psd2",
            Self::Psd4 => "hash.psd4",
            Self::Psd8 => "hash.psd8",
            Self::Sha3_256 => "hash.sha3_256",
            Self::Sha3_384 => "hash.sha3_384",
            Self::Sha3_512 => "hash.sha3_512",
        }
    }

    /// Whether the hash reads field elements (Poseidon) rather than bits.
    pub const fn takes_fields(self) -> bool {
        matches!(self, Self::Psd2 | Self::Psd4 | Self::Psd8)
    }
}

/// Where a `hash.*` instruction writes: the `as` type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashDestination {
    /// `as u64`: the low 64 bits of the field (or of the point's x-coordinate).
    U64,
    /// `as field`: the field (or the point's x-coordinate).
    Field,
}

impl HashDestination {
    fn literal_type(self) -> LiteralType {
        match self {
            Self::U64 => LiteralType::U64,
            Self::Field => LiteralType::Field,
        }
    }
}

/// One `hash.*` instruction: the hash, whether it is the `.raw` form, and its destination.
///
/// Parses from text such as `hash.sha3_256 as u64` or `hash.bhp256.raw as field`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HashOpcode {
    /// The hash.
    pub variant: HashVariant,
    /// `.raw`: the literal's bits (or fields) without the plaintext header.
    pub raw: bool,
    /// The destination type.
    pub destination: HashDestination,
}

impl HashOpcode {
    /// Every instruction with a `u64` or `field` destination (60 of them).
    pub fn all() -> Vec<Self> {
        let mut out = Vec::new();
        for variant in HashVariant::ALL {
            for raw in [false, true] {
                for destination in [HashDestination::U64, HashDestination::Field] {
                    out.push(Self {
                        variant,
                        raw,
                        destination,
                    });
                }
            }
        }
        out
    }
}

impl fmt::Display for HashOpcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = if self.raw { ".raw" } else { "" };
        let dest = match self.destination {
            HashDestination::U64 => "u64",
            HashDestination::Field => "field",
        };
        write!(f, "{}{raw} as {dest}", self.variant.opcode())
    }
}

impl FromStr for HashOpcode {
    type Err = AleoError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || AleoError::InvalidLiteral {
            expected: "hash opcode",
            given: s.to_string(),
        };
        let mut words = s.split_whitespace();
        let (op, as_word, dest) = (words.next(), words.next(), words.next());
        if words.next().is_some() || as_word != Some("as") {
            return Err(bad());
        }
        let destination = match dest {
            Some("u64") => HashDestination::U64,
            Some("field") => HashDestination::Field,
            _ => return Err(bad()),
        };
        let op = op.ok_or_else(bad)?;
        let (base, raw) = match op.strip_suffix(".raw") {
            Some(base) => (base, true),
            None => (op, false),
        };
        let variant = HashVariant::ALL
            .into_iter()
            .find(|v| v.opcode() == base)
            .ok_or_else(bad)?;
        Ok(Self {
            variant,
            raw,
            destination,
        })
    }
}

/// Evaluates one `hash.*` instruction on a literal, bit-exact with snarkVM's `do_hash!`.
///
/// The input is `Plaintext::Literal(input)`: its `to_bits_le()` (two variant bits,
/// type id, size, value) or `to_fields()` (those bits, a terminating 1, 252-bit
/// chunks); the `.raw` forms use the value's bits alone (`to_bits_raw_le()`,
/// `to_fields_raw()`), and SHA3/Keccak `.raw` require a whole number of bytes.
/// Bit hashes go to a group point (SHA3/Keccak through BHP256 or BHP512 first);
/// the result is cast lossily to the destination: a point's x-coordinate, then
/// its low 64 bits for `u64`.
pub fn hash_instruction(
    opcode: &HashOpcode,
    input: &Literal<Aleo>,
) -> Result<Literal<Aleo>, AleoError> {
    hash_instruction_on(HashPath::Auto, opcode, input)
}

/// [`hash_instruction`] with Poseidon computed on `path` (same values).
pub fn hash_instruction_on(
    path: HashPath,
    opcode: &HashOpcode,
    input: &Literal<Aleo>,
) -> Result<Literal<Aleo>, AleoError> {
    use HashVariant as V;
    let plaintext = Plaintext::from(input.clone());
    let bits = || -> Result<Vec<bool>, AleoError> {
        if opcode.raw {
            let bits = plaintext.to_bits_raw_le();
            let byte_hash = matches!(
                opcode.variant,
                V::Keccak256
                    | V::Keccak384
                    | V::Keccak512
                    | V::Sha3_256
                    | V::Sha3_384
                    | V::Sha3_512
            );
            if byte_hash && bits.len() % 8 != 0 {
                return Err(AleoError::SnarkVm(format!(
                    "the opcode '{}.raw' expects input whose size in bits is a multiple of 8",
                    opcode.variant.opcode()
                )));
            }
            Ok(bits)
        } else {
            Ok(plaintext.to_bits_le())
        }
    };
    let fields = || -> Result<Vec<Field>, AleoError> {
        if opcode.raw {
            plaintext.to_fields_raw()
        } else {
            plaintext.to_fields()
        }
        .map_err(snarkvm_error)
    };
    let e = snarkvm_error;
    let output: Literal<Aleo> = match opcode.variant {
        V::Bhp256 => Aleo::hash_to_group_bhp256(&bits()?).map_err(e)?.into(),
        V::Bhp512 => Aleo::hash_to_group_bhp512(&bits()?).map_err(e)?.into(),
        V::Bhp768 => Aleo::hash_to_group_bhp768(&bits()?).map_err(e)?.into(),
        V::Bhp1024 => Aleo::hash_to_group_bhp1024(&bits()?).map_err(e)?.into(),
        V::Keccak256 => Aleo::hash_to_group_bhp256(&Aleo::hash_keccak256(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Keccak384 => Aleo::hash_to_group_bhp512(&Aleo::hash_keccak384(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Keccak512 => Aleo::hash_to_group_bhp512(&Aleo::hash_keccak512(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Ped64 => Aleo::hash_to_group_ped64(&bits()?).map_err(e)?.into(),
        V::Ped128 => Aleo::hash_to_group_ped128(&bits()?).map_err(e)?.into(),
        V::Psd2 => poseidon_hash_on(path, PoseidonRate::Psd2, &fields()?)?.into(),
        V::Psd4 => poseidon_hash_on(path, PoseidonRate::Psd4, &fields()?)?.into(),
        V::Psd8 => poseidon_hash_on(path, PoseidonRate::Psd8, &fields()?)?.into(),
        V::Sha3_256 => Aleo::hash_to_group_bhp256(&Aleo::hash_sha3_256(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Sha3_384 => Aleo::hash_to_group_bhp512(&Aleo::hash_sha3_384(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Sha3_512 => Aleo::hash_to_group_bhp512(&Aleo::hash_sha3_512(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
    };
    output
        .cast_lossy(opcode.destination.literal_type())
        .map_err(e)
}
