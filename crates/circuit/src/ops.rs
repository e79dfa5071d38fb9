//! Leaf hashes, node compressions, Merkle paths and `hash.*` instructions in circuit.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use snarkvm_circuit::prelude::{
    Boolean, Compare, Field, FromBits, Inject, Mode, Ternary, ToBits, ToField, ToFields, U64,
};
use snarkvm_circuit::program::{Literal, Plaintext};
use snarkvm_circuit::{Aleo, AleoV0, Circuit, Environment};
use snarkvm_console::network::MainnetV0;
use snarkvm_console::program::LiteralType;

use merklab_names::HashId;

use crate::{measure, CircuitError, Cost};

/// The circuit network every count is taken on (MainnetV0's circuit).
pub type A = AleoV0;
type ConsoleField = snarkvm_console::types::Field<MainnetV0>;

/// A hash backend whose in-circuit cost can be measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    /// Poseidon rate 2 over field elements (`Aleo::hash_psd2`).
    Poseidon2,
    /// Poseidon rate 4.
    Poseidon4,
    /// Poseidon rate 8.
    Poseidon8,
    /// BHP256 over the children's 253-bit encodings.
    Bhp256,
    /// BHP512.
    Bhp512,
    /// BHP768.
    Bhp768,
    /// BHP1024.
    Bhp1024,
    /// Pedersen64: leaves of at most 64 bits only.
    Ped64,
    /// Pedersen128: leaves of at most 128 bits only.
    Ped128,
    /// Raw SHA3-256 over 256-bit byte digests (`Aleo::hash_sha3_256`, no BHP step).
    Sha3_256,
    /// Raw Keccak-256 over 256-bit byte digests.
    Keccak256,
    /// ARC-0102: u64 digests, `hash.sha3_256 ... as u64` leaves, `hashMerge` as the
    /// spec writes it (both ternary arms hashed).
    Arc0102,
    /// ARC-0102 rewritten: sort the pair with one comparison and a swap, hash once.
    Arc0102Swap,
}

impl Backend {
    /// Every backend.
    pub const ALL: [Self; 13] = [
        Self::Poseidon2,
        Self::Poseidon4,
        Self::Poseidon8,
        Self::Bhp256,
        Self::Bhp512,
        Self::Bhp768,
        Self::Bhp1024,
        Self::Ped64,
        Self::Ped128,
        Self::Sha3_256,
        Self::Keccak256,
        Self::Arc0102,
        Self::Arc0102Swap,
    ];

    /// The registry entry this circuit implements.
    pub const fn id(self) -> HashId {
        match self {
            Self::Poseidon2 => HashId::Psd2,
            Self::Poseidon4 => HashId::Psd4,
            Self::Poseidon8 => HashId::Psd8,
            Self::Bhp256 => HashId::Bhp256,
            Self::Bhp512 => HashId::Bhp512,
            Self::Bhp768 => HashId::Bhp768,
            Self::Bhp1024 => HashId::Bhp1024,
            Self::Ped64 => HashId::Ped64,
            Self::Ped128 => HashId::Ped128,
            Self::Sha3_256 => HashId::Sha3_256,
            Self::Keccak256 => HashId::Keccak256,
            Self::Arc0102 => HashId::Arc0102,
            Self::Arc0102Swap => HashId::Arc0102Swap,
        }
    }

    /// The circuit of a registry entry, if there is one.
    pub fn from_id(id: HashId) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.id() == id)
    }

    /// The name used on the command line and in tables (the registry's).
    pub const fn name(self) -> &'static str {
        self.id().name()
    }

    fn digest(self) -> DigestKind {
        match self {
            Self::Sha3_256 | Self::Keccak256 => DigestKind::Bits256,
            Self::Arc0102 | Self::Arc0102Swap => DigestKind::U64,
            _ => DigestKind::Field,
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Backend {
    type Err = CircuitError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || {
            let names: Vec<&str> = Self::ALL.iter().map(|b| b.name()).collect();
            CircuitError::NotAvailable(format!(
                "backend '{s}' (expected one of {})",
                names.join(", ")
            ))
        };
        s.parse::<HashId>()
            .ok()
            .and_then(Self::from_id)
            .ok_or_else(unknown)
    }
}

/// How a path verifier places the current node among its siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PathMode {
    /// The leaf index, as private bits, selects each node's slot.
    Positional,
    /// Binary sorted pairs: one comparison and a swap per level, no index.
    Sorted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DigestKind {
    Field,
    U64,
    Bits256,
}

/// A digest inside the circuit.
#[derive(Clone)]
enum Node {
    F(Field<A>),
    U(U64<A>),
    Bits(Vec<Boolean<A>>),
}

impl Node {
    /// A private digest of the given kind with a value derived from `seed`.
    fn new(kind: DigestKind, mode: Mode, seed: u64) -> Self {
        match kind {
            DigestKind::Field => Node::F(Field::new(mode, sample_field(seed))),
            DigestKind::U64 => Node::U(U64::new(
                mode,
                snarkvm_console::types::U64::new(sample_u64(seed)),
            )),
            DigestKind::Bits256 => {
                let v = sample_u64(seed);
                Node::Bits(
                    (0..256)
                        .map(|i| Boolean::new(mode, (v.rotate_left(i) ^ u64::from(i)) & 1 == 1))
                        .collect(),
                )
            }
        }
    }

    fn ternary(cond: &Boolean<A>, a: &Node, b: &Node) -> Result<Node, CircuitError> {
        match (a, b) {
            (Node::F(x), Node::F(y)) => Ok(Node::F(Field::ternary(cond, x, y))),
            (Node::U(x), Node::U(y)) => Ok(Node::U(U64::ternary(cond, x, y))),
            (Node::Bits(x), Node::Bits(y)) => Ok(Node::Bits(
                x.iter()
                    .zip(y)
                    .map(|(p, q)| Boolean::ternary(cond, p, q))
                    .collect(),
            )),
            _ => Err(CircuitError::SnarkVm("mixed digest kinds".into())),
        }
    }

    /// Enforces `self == other` with linear packing (one constraint per field element).
    fn assert_eq(&self, other: &Node) -> Result<(), CircuitError> {
        let unsat = |_| CircuitError::Unsatisfied("root equality".into());
        match (self, other) {
            (Node::F(x), Node::F(y)) => Circuit::assert_eq(x, y).map_err(unsat),
            (Node::U(x), Node::U(y)) => {
                Circuit::assert_eq(x.to_field(), y.to_field()).map_err(unsat)
            }
            (Node::Bits(x), Node::Bits(y)) => {
                for (p, q) in x.chunks(128).zip(y.chunks(128)) {
                    Circuit::assert_eq(Field::from_bits_le(p), Field::from_bits_le(q))
                        .map_err(unsat)?;
                }
                Ok(())
            }
            _ => Err(CircuitError::SnarkVm("mixed digest kinds".into())),
        }
    }
}

/// A deterministic field element below 2^250 (constraint counts do not depend on values).
fn sample_field(seed: u64) -> ConsoleField {
    let bits: Vec<bool> = (0..250u32)
        .map(|i| (sample_u64(seed.wrapping_add(u64::from(i / 64))) >> (i % 64)) & 1 == 1)
        .collect();
    // 250 bits are below the modulus, so this cannot fail.
    <ConsoleField as snarkvm_console::prelude::FromBits>::from_bits_le(&bits)
        .unwrap_or_else(|_| ConsoleField::from_u128(u128::from(seed)))
}

/// A deterministic 64-bit sample (splitmix64).
fn sample_u64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `hash.sha3_256 x into y as u64` for a u64-digest pair operand, as ARC-0102's hashMerge builds it.
fn merge_operand_hash(lo: &U64<A>, hi: &U64<A>) -> Result<U64<A>, CircuitError> {
    let base = Literal::U128(snarkvm_circuit::prelude::U128::constant(
        snarkvm_console::types::U128::new((1u128 << 64) + 1),
    ));
    let lo = Literal::U64(lo.clone())
        .cast(LiteralType::U128)
        .map_err(snarkvm)?;
    let hi = Literal::U64(hi.clone())
        .cast(LiteralType::U128)
        .map_err(snarkvm)?;
    let operand = match (lo, hi, base) {
        (Literal::U128(lo), Literal::U128(hi), Literal::U128(base)) => &(&lo * &base) + &hi,
        _ => {
            return Err(CircuitError::SnarkVm(
                "cast to u128 gave another type".into(),
            ))
        }
    };
    match instruction(
        Variant::Sha3_256,
        false,
        &Literal::U128(operand),
        LiteralType::U64,
    )? {
        Literal::U64(v) => Ok(v),
        _ => Err(CircuitError::SnarkVm(
            "hash as u64 gave another type".into(),
        )),
    }
}

/// ARC-0102's `hash_merge` closure as Leo compiles it: both orders hashed, then a ternary.
pub(crate) fn hash_merge_spec(a: &U64<A>, b: &U64<A>) -> Result<U64<A>, CircuitError> {
    let lt = a.is_less_than(b);
    let first = merge_operand_hash(a, b)?;
    let second = merge_operand_hash(b, a)?;
    Ok(U64::ternary(&lt, &first, &second))
}

/// hashMerge rewritten: one comparison, a swap, one hash.
pub(crate) fn hash_merge_swap(a: &U64<A>, b: &U64<A>) -> Result<U64<A>, CircuitError> {
    let lt = a.is_less_than(b);
    let lo = U64::ternary(&lt, a, b);
    let hi = U64::ternary(&lt, b, a);
    merge_operand_hash(&lo, &hi)
}

/// Compresses `children` with `backend` (arity = `children.len()`).
fn compress(backend: Backend, children: &[Node]) -> Result<Node, CircuitError> {
    let fields = || -> Result<Vec<Field<A>>, CircuitError> {
        children
            .iter()
            .map(|c| match c {
                Node::F(f) => Ok(f.clone()),
                _ => Err(CircuitError::SnarkVm("expected field digests".into())),
            })
            .collect()
    };
    let field_bits = || -> Result<Vec<Boolean<A>>, CircuitError> {
        Ok(fields()?.iter().flat_map(|f| f.to_bits_le()).collect())
    };
    let byte_bits = || -> Result<Vec<Boolean<A>>, CircuitError> {
        let mut out = Vec::with_capacity(256 * children.len());
        for c in children {
            match c {
                Node::Bits(b) => out.extend(b.iter().cloned()),
                _ => return Err(CircuitError::SnarkVm("expected byte digests".into())),
            }
        }
        Ok(out)
    };
    Ok(match backend {
        Backend::Poseidon2 => Node::F(A::hash_psd2(&fields()?)),
        Backend::Poseidon4 => Node::F(A::hash_psd4(&fields()?)),
        Backend::Poseidon8 => Node::F(A::hash_psd8(&fields()?)),
        Backend::Bhp256 => Node::F(A::hash_bhp256(&field_bits()?)),
        Backend::Bhp512 => Node::F(A::hash_bhp512(&field_bits()?)),
        Backend::Bhp768 => Node::F(A::hash_bhp768(&field_bits()?)),
        Backend::Bhp1024 => Node::F(A::hash_bhp1024(&field_bits()?)),
        Backend::Sha3_256 => Node::Bits(A::hash_sha3_256(&byte_bits()?)),
        Backend::Keccak256 => Node::Bits(A::hash_keccak256(&byte_bits()?)),
        Backend::Arc0102 | Backend::Arc0102Swap => {
            let (a, b) = match children {
                [Node::U(a), Node::U(b)] => (a, b),
                _ => {
                    return Err(CircuitError::Arity(
                        children.len(),
                        "2 (ARC-0102 merges pairs)",
                    ))
                }
            };
            Node::U(if backend == Backend::Arc0102 {
                hash_merge_spec(a, b)?
            } else {
                hash_merge_swap(a, b)?
            })
        }
        Backend::Ped64 | Backend::Ped128 => {
            return Err(CircuitError::NotAvailable(format!(
                "{backend} node compression (input above its bit limit)"
            )))
        }
    })
}

/// One leaf hash with a private input: one field element for Poseidon (the
/// encoded value), that element's 253 bits for BHP (decomposition included),
/// a 64-bit value for Pedersen, a 256-bit input for SHA3/Keccak, and
/// `hash.sha3_256 x as u64` of a field for ARC-0102.
pub fn leaf_cost(backend: Backend) -> Result<Cost, CircuitError> {
    let what = format!("{backend} leaf");
    match backend {
        Backend::Poseidon2
        | Backend::Poseidon4
        | Backend::Poseidon8
        | Backend::Bhp256
        | Backend::Bhp512
        | Backend::Bhp768
        | Backend::Bhp1024 => measure(
            &what,
            || Node::new(DigestKind::Field, Mode::Private, 1),
            |x| compress(backend, &[x]),
        ),
        Backend::Ped64 | Backend::Ped128 => measure(
            &what,
            || {
                (0..64u64)
                    .map(|i| Boolean::<A>::new(Mode::Private, (sample_u64(7) >> i) & 1 == 1))
                    .collect::<Vec<_>>()
            },
            |bits| {
                Ok(if backend == Backend::Ped64 {
                    A::hash_ped64(&bits)
                } else {
                    A::hash_ped128(&bits)
                })
            },
        ),
        Backend::Sha3_256 | Backend::Keccak256 => measure(
            &what,
            || Node::new(DigestKind::Bits256, Mode::Private, 1),
            |x| compress(backend, &[x]),
        ),
        Backend::Arc0102 | Backend::Arc0102Swap => measure(
            &what,
            || Literal::Field(Field::<A>::new(Mode::Private, sample_field(1))),
            |x| instruction(Variant::Sha3_256, false, &x, LiteralType::U64),
        ),
    }
}

/// One node compression of `k` private children.
pub fn node_cost(backend: Backend, k: usize) -> Result<Cost, CircuitError> {
    if !(2..=16).contains(&k) {
        return Err(CircuitError::Arity(k, "2 to 16"));
    }
    let kind = backend.digest();
    measure(
        &format!("{backend} node, arity {k}"),
        || {
            (0..k as u64)
                .map(|i| Node::new(kind, Mode::Private, i + 10))
                .collect::<Vec<_>>()
        },
        |children| compress(backend, &children),
    )
}

/// Verifying a Merkle path of depth `depth` and arity `k`: the leaf digest is
/// given (private); the count covers injecting the siblings (private), the
/// index bits (private, positional mode), the root (public), the selection,
/// the `depth` compressions and the final root equality.
///
/// Positional mode needs `k` a power of two; sorted mode is binary only.
/// ARC-0102 backends are sorted by construction (their merge sorts), so they
/// take sorted mode, where no extra comparison is added.
pub fn path_cost(
    backend: Backend,
    k: usize,
    depth: usize,
    mode: PathMode,
) -> Result<Cost, CircuitError> {
    let kind = check_path(backend, k, mode)?;
    measure(
        &format!("{backend} path, arity {k}, depth {depth}, {mode:?}"),
        || Node::new(kind, Mode::Private, 1),
        |leaf| synthesize_path(backend, k, depth, mode, leaf),
    )
}

/// Whether a path of `backend` at arity `k` exists in `mode`; its digest kind if so.
fn check_path(backend: Backend, k: usize, mode: PathMode) -> Result<DigestKind, CircuitError> {
    if !k.is_power_of_two() || !(2..=16).contains(&k) {
        return Err(CircuitError::Arity(k, "2, 4, 8 or 16"));
    }
    if matches!(backend, Backend::Ped64 | Backend::Ped128) {
        return Err(CircuitError::NotAvailable(format!(
            "{backend} node compression"
        )));
    }
    let arc = matches!(backend, Backend::Arc0102 | Backend::Arc0102Swap);
    match (mode, arc) {
        (PathMode::Sorted, _) if k != 2 => {
            return Err(CircuitError::Arity(k, "2 for sorted pairs"))
        }
        (PathMode::Positional, true) => {
            return Err(CircuitError::NotAvailable(format!(
                "{backend} positional paths"
            )))
        }
        (PathMode::Sorted, false) if backend.digest() != DigestKind::Field => {
            return Err(CircuitError::NotAvailable(format!(
                "{backend} sorted pairs (256-bit comparison)"
            )))
        }
        _ => {}
    }
    Ok(backend.digest())
}

/// Synthesizes, in the thread's circuit, the path of [`path_cost`] with a fresh
/// private leaf, and returns whether that circuit is satisfied; the circuit is
/// left in the environment for the caller to eject (a proof system's input).
pub(crate) fn synthesize_fresh_path(
    backend: Backend,
    k: usize,
    depth: usize,
    mode: PathMode,
) -> Result<bool, CircuitError> {
    let kind = check_path(backend, k, mode)?;
    crate::warm_up();
    Circuit::reset();
    let leaf = Node::new(kind, Mode::Private, 1);
    synthesize_path(backend, k, depth, mode, leaf)?;
    Ok(Circuit::is_satisfied())
}

/// The `depth` levels above `leaf`, then the root (public) and its equality.
fn synthesize_path(
    backend: Backend,
    k: usize,
    depth: usize,
    mode: PathMode,
    leaf: Node,
) -> Result<(), CircuitError> {
    let arc = matches!(backend, Backend::Arc0102 | Backend::Arc0102Swap);
    let kind = backend.digest();
    let bits_per_level = k.trailing_zeros() as usize;
    let mut node = leaf;
    for level in 0..depth {
        let seed = 1000 + (level * 16) as u64;
        let siblings: Vec<Node> = (0..k - 1)
            .map(|j| Node::new(kind, Mode::Private, seed + j as u64))
            .collect();
        node = match mode {
            PathMode::Sorted if arc => compress(backend, &[node, siblings[0].clone()])?,
            PathMode::Sorted => {
                let (cur, sib) = match (&node, &siblings[0]) {
                    (Node::F(c), Node::F(s)) => (c, s),
                    _ => {
                        return Err(CircuitError::SnarkVm(
                            "sorted pairs need field digests".into(),
                        ))
                    }
                };
                let lt = cur.is_less_than(sib);
                let lo = Field::ternary(&lt, cur, sib);
                let hi = Field::ternary(&lt, sib, cur);
                compress(backend, &[Node::F(lo), Node::F(hi)])?
            }
            PathMode::Positional => {
                let position = sample_u64(seed) as usize % k;
                let bits: Vec<Boolean<A>> = (0..bits_per_level)
                    .map(|b| Boolean::new(Mode::Private, (position >> b) & 1 == 1))
                    .collect();
                let children = place(&node, &siblings, &bits, k)?;
                compress(backend, &children)?
            }
        };
    }
    let root_value = node_value(&node);
    let root = match root_value {
        NodeValue::F(f) => Node::F(Field::new(Mode::Public, f)),
        NodeValue::U(u) => Node::U(U64::new(Mode::Public, snarkvm_console::types::U64::new(u))),
        NodeValue::Bits(b) => Node::Bits(
            b.into_iter()
                .map(|x| Boolean::new(Mode::Public, x))
                .collect(),
        ),
    };
    node.assert_eq(&root)
}

enum NodeValue {
    F(ConsoleField),
    U(u64),
    Bits(Vec<bool>),
}

fn node_value(node: &Node) -> NodeValue {
    use snarkvm_circuit::prelude::Eject;
    match node {
        Node::F(f) => NodeValue::F(f.eject_value()),
        Node::U(u) => NodeValue::U(*u.eject_value()),
        Node::Bits(b) => NodeValue::Bits(b.iter().map(|x| x.eject_value()).collect()),
    }
}

/// Places `cur` at the slot its index bits name and the `k - 1` siblings around it.
///
/// One-hot selectors `eq_j = (position == j)` come from the bits; slot j holds
/// `cur` if `eq_j`, else sibling j-1 when the position is below j, else sibling j.
fn place(
    cur: &Node,
    siblings: &[Node],
    bits: &[Boolean<A>],
    k: usize,
) -> Result<Vec<Node>, CircuitError> {
    let eq: Vec<Boolean<A>> = (0..k)
        .map(|j| {
            bits.iter()
                .enumerate()
                .map(|(b, bit)| if (j >> b) & 1 == 1 { bit.clone() } else { !bit })
                .reduce(|x, y| &x & &y)
                .unwrap_or_else(|| Boolean::constant(true))
        })
        .collect();
    let mut below = Boolean::<A>::constant(false); // position < j
    let mut out = Vec::with_capacity(k);
    for j in 0..k {
        let sibling = if j == 0 {
            siblings[0].clone()
        } else if j == k - 1 {
            siblings[k - 2].clone()
        } else {
            Node::ternary(&below, &siblings[j - 1], &siblings[j])?
        };
        out.push(Node::ternary(&eq[j], cur, &sibling)?);
        below = &below | &eq[j];
    }
    Ok(out)
}

/// The hash of a `hash.*` instruction, as in snarkVM's `do_hash!` (shared with the native family).
pub use merklab_aleo::family::HashVariant as Variant;

fn snarkvm(e: impl fmt::Display) -> CircuitError {
    CircuitError::SnarkVm(e.to_string())
}

/// Synthesizes one `hash.*` instruction on a circuit literal, as snarkVM's
/// `HashInstruction::execute` does (non-raw: the plaintext bits or fields;
/// raw: the literal's bits or fields alone), with a lossy cast to `destination`.
pub fn instruction(
    variant: Variant,
    raw: bool,
    input: &Literal<A>,
    destination: LiteralType,
) -> Result<Literal<A>, CircuitError> {
    use snarkvm_circuit::prelude::{ToBitsRaw, ToFieldsRaw};
    let plaintext = Plaintext::Literal(input.clone(), Default::default());
    let bits = || {
        if raw {
            plaintext.to_bits_raw_le()
        } else {
            plaintext.to_bits_le()
        }
    };
    let fields = || {
        if raw {
            plaintext.to_fields_raw()
        } else {
            plaintext.to_fields()
        }
    };
    let output: Literal<A> = match variant {
        Variant::Bhp256 => Literal::Group(A::hash_to_group_bhp256(&bits())),
        Variant::Bhp512 => Literal::Group(A::hash_to_group_bhp512(&bits())),
        Variant::Bhp768 => Literal::Group(A::hash_to_group_bhp768(&bits())),
        Variant::Bhp1024 => Literal::Group(A::hash_to_group_bhp1024(&bits())),
        Variant::Keccak256 => Literal::Group(A::hash_to_group_bhp256(&A::hash_keccak256(&bits()))),
        Variant::Keccak384 => Literal::Group(A::hash_to_group_bhp512(&A::hash_keccak384(&bits()))),
        Variant::Keccak512 => Literal::Group(A::hash_to_group_bhp512(&A::hash_keccak512(&bits()))),
        Variant::Ped64 => Literal::Group(A::hash_to_group_ped64(&bits())),
        Variant::Ped128 => Literal::Group(A::hash_to_group_ped128(&bits())),
        Variant::Psd2 => Literal::Field(A::hash_psd2(&fields())),
        Variant::Psd4 => Literal::Field(A::hash_psd4(&fields())),
        Variant::Psd8 => Literal::Field(A::hash_psd8(&fields())),
        Variant::Sha3_256 => Literal::Group(A::hash_to_group_bhp256(&A::hash_sha3_256(&bits()))),
        Variant::Sha3_384 => Literal::Group(A::hash_to_group_bhp512(&A::hash_sha3_384(&bits()))),
        Variant::Sha3_512 => Literal::Group(A::hash_to_group_bhp512(&A::hash_sha3_512(&bits()))),
    };
    output.cast_lossy(destination).map_err(snarkvm)
}

/// Constraints of one `hash.*` instruction whose input is a private literal of
/// type `input` (`field`, `u64` or `u128`), with destination `u64` or `field`.
///
/// Pedersen rejects inputs above its bit limit, which snarkVM reports as an error.
pub fn instruction_cost(
    variant: Variant,
    input: LiteralType,
    destination: LiteralType,
) -> Result<Cost, CircuitError> {
    let value = match input {
        LiteralType::Field => snarkvm_console::program::Literal::Field(sample_field(3)),
        LiteralType::U64 => {
            snarkvm_console::program::Literal::U64(snarkvm_console::types::U64::new(sample_u64(3)))
        }
        LiteralType::U128 => {
            snarkvm_console::program::Literal::U128(snarkvm_console::types::U128::new(
                u128::from(sample_u64(3)) << 60 | u128::from(sample_u64(4)),
            ))
        }
        LiteralType::U8 => snarkvm_console::program::Literal::U8(snarkvm_console::types::U8::new(
            sample_u64(3) as u8,
        )),
        other => {
            return Err(CircuitError::NotAvailable(format!(
                "{other} inputs in this table"
            )))
        }
    };
    if matches!(variant, Variant::Ped64 | Variant::Ped128) {
        let limit = if variant == Variant::Ped64 { 64 } else { 128 };
        // 2 variant bits, 8 type bits, 16 size bits precede the value.
        let bits = 26 + input.size_in_bits::<MainnetV0>() as usize;
        if bits > limit {
            return Err(CircuitError::NotAvailable(format!(
                "{} on a {input} ({bits} plaintext bits, at most {limit})",
                variant.opcode()
            )));
        }
    }
    measure(
        &format!("{} {input} as {destination}", variant.opcode()),
        || Literal::<A>::new(Mode::Private, value),
        |x| instruction(variant, false, &x, destination),
    )
}
