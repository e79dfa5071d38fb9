//! Byte hash backends for merklab.
//!
//! Each backend is a [`ByteHasher`]; [`ByteHash<H>`] turns it into a leaf hash and a
//! compression of any arity: a node hashes its children's digests concatenated,
//! with a tag byte first when domain tags are on (`0x00` for leaves, `0x01` for nodes).

// Unsafe code is denied everywhere but the calls into the AVX-512 functions after
// the CPU check (keccak_x8.rs, sha256_x16.rs).
#![deny(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::marker::PhantomData;

pub mod keccak_f;
mod keccak_x8;
#[macro_use]
mod name;
mod sha256_serial;
mod sha256_x16;

pub use name::{HashName, UnknownHash};

use merklab_core::{ByteDigest, Compression, DomainTags, LeafHash};

/// 32-byte digests, as every backend here produces.
pub type Digest32 = ByteDigest<32>;

/// Node messages up to this length (arity 4 with a tag) are assembled on the stack.
const SMALL_NODE: usize = 1 + 32 * 4;
/// Parents assembled per [`ByteHasher::hash_each`] call: two sixteen-lane SHA-256
/// passes, four eight-lane Keccak passes.
const BATCH: usize = 32;

/// Leaf prefix when domain tags are on.
pub const LEAF_TAG: u8 = 0x00;
/// Node prefix when domain tags are on.
pub const NODE_TAG: u8 = 0x01;

/// A byte hash with a 32-byte output, used incrementally.
pub trait ByteHasher: Send + Sync + 'static {
    /// The command-line name (`sha3-256`, ...).
    const NAME: &'static str;
    /// An in-progress hash.
    type State;
    /// A fresh state.
    fn start() -> Self::State;
    /// Absorbs bytes.
    fn absorb(state: &mut Self::State, bytes: &[u8]);
    /// Finishes the hash.
    fn finish(state: Self::State) -> [u8; 32];
    /// Hashes one message in full.
    fn hash(bytes: &[u8]) -> [u8; 32] {
        let mut s = Self::start();
        Self::absorb(&mut s, bytes);
        Self::finish(s)
    }
    /// Hashes each `len`-byte message of `messages` (laid end to end) into `out`.
    /// Backends with a multi-buffer form (SHA3-256, Keccak-256 and SHA-256 on AVX-512)
    /// override it and use it unless `mode` is [`MultiBuffer::Off`]; the result is the
    /// same as hashing one message at a time. Returns how many messages the
    /// multi-buffer form hashed (0 for the serial path), so a test can tell which
    /// code ran.
    fn hash_each(mode: MultiBuffer, messages: &[u8], len: usize, out: &mut [Digest32]) -> usize {
        let _ = mode;
        hash_each_serial::<Self>(messages, len, out);
        0
    }
}

fn hash_each_serial<H: ByteHasher + ?Sized>(messages: &[u8], len: usize, out: &mut [Digest32]) {
    if len == 0 {
        out.fill(ByteDigest(H::hash(&[])));
        return;
    }
    for (message, slot) in messages.chunks_exact(len).zip(out) {
        *slot = ByteDigest(H::hash(message));
    }
}

/// Whether tree layers may hash SHA3-256 and Keccak-256 nodes eight at a time and
/// SHA-256 nodes sixteen at a time (AVX-512). A value carried by [`ByteHash`] and
/// [`AnyByteHash`] rather than a process-wide switch, so that a comparison of the
/// two forms cannot have its sides changed by another thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MultiBuffer {
    /// Use the multi-buffer forms where the CPU has AVX-512.
    #[default]
    Auto,
    /// One message at a time (same digests; for comparing the two).
    Off,
}

impl MultiBuffer {
    /// Whether this choice runs the multi-buffer forms on this CPU.
    pub fn active(self) -> bool {
        self == MultiBuffer::Auto && avx512_available()
    }
}

/// Whether this CPU runs the multi-buffer forms (AVX-512F; AVX2 for lane reads).
pub(crate) fn avx512_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Groups this small or smaller go through SHA-NI one message at a time, which
/// beats sixteen lanes with most of them idle.
const SHA256_MIN_GROUP: usize = 4;

/// SHA-256 one message at a time, with the run's padding written once.
fn sha256_each_serial(messages: &[u8], len: usize, out: &mut [Digest32]) {
    if !sha256_serial::hash_all(messages, len, out) {
        hash_each_serial::<Sha256>(messages, len, out);
    }
}

/// [`ByteHasher::hash_each`] for SHA-256: sixteen messages per AVX-512 pass.
fn sha256_each(mode: MultiBuffer, messages: &[u8], len: usize, out: &mut [Digest32]) -> usize {
    if len == 0 || len > sha256_x16::MAX_LEN || !mode.active() {
        sha256_each_serial(messages, len, out);
        return 0;
    }
    let mut full = out.len() / sha256_x16::LANES * sha256_x16::LANES;
    if out.len() - full > SHA256_MIN_GROUP {
        full = out.len();
    }
    let (head, rest) = out.split_at_mut(full);
    let (head_messages, rest_messages) = messages.split_at((full * len).min(messages.len()));
    let mut lanes = head.len();
    if head.is_empty() || !sha256_x16::hash_all(head_messages, len, head) {
        sha256_each_serial(head_messages, len, head);
        lanes = 0;
    }
    sha256_each_serial(rest_messages, len, rest);
    lanes
}

/// [`ByteHasher::hash_each`] for the Keccak family: eight messages per AVX-512
/// permutation when each fits one block, the serial path otherwise.
fn keccak_each<H: ByteHasher>(
    mode: MultiBuffer,
    pad: u8,
    messages: &[u8],
    len: usize,
    out: &mut [Digest32],
) -> usize {
    if len == 0 || len > keccak_x8::MAX_SINGLE_BLOCK || !mode.active() {
        hash_each_serial::<H>(messages, len, out);
        return 0;
    }
    let mut lanes = 0;
    for (slots, group) in out.chunks_mut(8).zip(messages.chunks(8 * len)) {
        let mut blocks = [[0u64; keccak_x8::RATE / 8]; 8];
        for (block, message) in blocks.iter_mut().zip(group.chunks_exact(len)) {
            if let Some(padded) = keccak_x8::pad_block(message, pad) {
                *block = padded;
            }
        }
        match keccak_x8::hash8(&blocks) {
            Some(digests) => {
                for (slot, digest) in slots.iter_mut().zip(digests) {
                    *slot = ByteDigest(digest);
                }
                lanes += slots.len();
            }
            None => hash_each_serial::<H>(group, len, slots),
        }
    }
    lanes
}

macro_rules! rustcrypto_hasher {
    ($(#[$doc:meta])* $name:ident, $inner:ty $(, keccak_pad = $pad:literal)? $(, each = $each:path)?) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;
        impl ByteHasher for $name {
            const NAME: &'static str = merklab_names::HashId::$name.name();
            type State = $inner;
            fn start() -> Self::State {
                <$inner as sha2::Digest>::new()
            }
            fn absorb(state: &mut Self::State, bytes: &[u8]) {
                sha2::Digest::update(state, bytes);
            }
            fn finish(state: Self::State) -> [u8; 32] {
                sha2::Digest::finalize(state).into()
            }
            $(
                fn hash_each(mode: MultiBuffer, messages: &[u8], len: usize, out: &mut [Digest32]) -> usize {
                    keccak_each::<Self>(mode, $pad, messages, len, out)
                }
            )?
            $(
                fn hash_each(mode: MultiBuffer, messages: &[u8], len: usize, out: &mut [Digest32]) -> usize {
                    $each(mode, messages, len, out)
                }
            )?
        }
    };
}

rustcrypto_hasher!(
    /// SHA3-256 (FIPS 202), from the `sha3` crate.
    Sha3_256, sha3::Sha3_256, keccak_pad = 0x06);
rustcrypto_hasher!(
    /// Keccak-256 with the original padding (Ethereum's), from the `sha3` crate.
    Keccak256, sha3::Keccak256, keccak_pad = 0x01);
rustcrypto_hasher!(
    /// SHA-256 (FIPS 180-4), from the `sha2` crate.
    Sha256, sha2::Sha256, each = sha256_each);
rustcrypto_hasher!(
    /// BLAKE2s with a 256-bit output, from the `blake2` crate.
    Blake2s256, blake2::Blake2s256);
rustcrypto_hasher!(
    /// BLAKE2b with a 256-bit output (parameter block digest length 32), from the `blake2` crate.
    Blake2b256, blake2::Blake2b<blake2::digest::consts::U32>);

/// BLAKE3 (default mode, 32-byte output), from the `blake3` crate.
#[derive(Clone, Copy, Debug, Default)]
pub struct Blake3;

impl ByteHasher for Blake3 {
    const NAME: &'static str = merklab_names::HashId::Blake3.name();
    type State = blake3::Hasher;
    fn start() -> Self::State {
        blake3::Hasher::new()
    }
    fn absorb(state: &mut Self::State, bytes: &[u8]) {
        state.update(bytes);
    }
    fn finish(state: Self::State) -> [u8; 32] {
        state.finalize().into()
    }
}

/// A byte hash used as a leaf hash and as a compression of any arity.
pub struct ByteHash<H> {
    tags: DomainTags,
    multi_buffer: MultiBuffer,
    _hasher: PhantomData<fn() -> H>,
}

impl<H> Clone for ByteHash<H> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<H> Copy for ByteHash<H> {}

impl<H> fmt::Debug for ByteHash<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ByteHash({}, tags {}, {:?})",
            std::any::type_name::<H>(),
            self.tags,
            self.multi_buffer
        )
    }
}

impl<H: ByteHasher> ByteHash<H> {
    /// With the given tag mode.
    pub const fn new(tags: DomainTags) -> Self {
        Self {
            tags,
            multi_buffer: MultiBuffer::Auto,
            _hasher: PhantomData,
        }
    }
    /// The same hash with the multi-buffer forms allowed or not (same digests).
    pub const fn with_multi_buffer(self, multi_buffer: MultiBuffer) -> Self {
        Self {
            multi_buffer,
            ..self
        }
    }
    /// Whether node runs may use the multi-buffer forms.
    pub fn multi_buffer(&self) -> MultiBuffer {
        self.multi_buffer
    }
    /// Leaves and nodes hashed as they are.
    pub const fn untagged() -> Self {
        Self::new(DomainTags::None)
    }
    /// Leaves prefixed with `0x00`, nodes with `0x01`.
    pub const fn tagged() -> Self {
        Self::new(DomainTags::Tagged)
    }
    /// The tag mode.
    pub fn tags(&self) -> DomainTags {
        self.tags
    }
    /// The node hash: tag (when on), then the children's bytes, concatenated.
    #[inline]
    fn hash_node(&self, children: &[Digest32]) -> Digest32 {
        let mut s = self.start_with(NODE_TAG);
        for c in children {
            H::absorb(&mut s, &c.0);
        }
        ByteDigest(H::finish(s))
    }
    fn start_with(&self, tag: u8) -> H::State {
        let mut s = H::start();
        if self.tags == DomainTags::Tagged {
            H::absorb(&mut s, &[tag]);
        }
        s
    }
}

impl<H: ByteHasher> LeafHash for ByteHash<H> {
    type Input = [u8];
    type Digest = Digest32;
    fn hash_leaf(&self, input: &[u8]) -> Digest32 {
        let mut s = self.start_with(LEAF_TAG);
        H::absorb(&mut s, input);
        ByteDigest(H::finish(s))
    }
}

impl<H: ByteHasher, const K: usize> Compression<K> for ByteHash<H> {
    type Digest = Digest32;
    #[inline]
    fn compress(&self, children: &[Digest32; K]) -> Digest32 {
        self.hash_node(children)
    }

    /// The same hash over the group's 2 to `K - 1` children.
    fn compress_short_group(&self, children: &[Digest32]) -> Digest32 {
        self.hash_node(children)
    }

    /// Hashes the run's node messages with [`ByteHasher::hash_each`] (eight or
    /// sixteen at a time where the backend can). Untagged, a node's message is its
    /// children as they lie, so the run is read in place; tagged, each message is laid
    /// end to end with its tag first.
    fn compress_batch(&self, children: &[Digest32], out: &mut [Digest32]) {
        let tagged = self.tags == DomainTags::Tagged;
        let len = usize::from(tagged) + 32 * K;
        if !tagged {
            let n = out.len().min(children.len() / K);
            let messages = Digest32::concat(&children[..K * n]);
            H::hash_each(self.multi_buffer, messages, len, &mut out[..n]);
            return;
        }
        if len <= SMALL_NODE {
            // BATCH parents at a time through a stack buffer: no allocation per run.
            let mut buf = [0u8; BATCH * SMALL_NODE];
            for (groups, slots) in children.chunks(BATCH * K).zip(out.chunks_mut(BATCH)) {
                let mut end = 0;
                for group in groups.chunks_exact(K).take(slots.len()) {
                    if tagged {
                        buf[end] = NODE_TAG;
                        end += 1;
                    }
                    for child in group {
                        buf[end..end + 32].copy_from_slice(&child.0);
                        end += 32;
                    }
                }
                H::hash_each(self.multi_buffer, &buf[..end], len, slots);
            }
            return;
        }
        let mut messages = Vec::with_capacity(len * out.len());
        for group in children.chunks_exact(K).take(out.len()) {
            if tagged {
                messages.push(NODE_TAG);
            }
            for child in group {
                messages.extend_from_slice(&child.0);
            }
        }
        H::hash_each(self.multi_buffer, &messages, len, out);
    }
}

/// A byte backend chosen at run time: one type for every [`HashName`], so code that
/// is generic over the arity need not also be instantiated once per backend.
///
/// Each call dispatches on the name (a predictable branch); [`ByteHash<H>`] remains
/// the zero-dispatch form for code that knows its backend statically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnyByteHash {
    name: HashName,
    tags: DomainTags,
    multi_buffer: MultiBuffer,
}

impl AnyByteHash {
    /// The backend `name` with the given tag mode.
    pub const fn new(name: HashName, tags: DomainTags) -> Self {
        Self {
            name,
            tags,
            multi_buffer: MultiBuffer::Auto,
        }
    }
    /// The same hash with the multi-buffer forms allowed or not (same digests).
    pub const fn with_multi_buffer(self, multi_buffer: MultiBuffer) -> Self {
        Self {
            multi_buffer,
            ..self
        }
    }
    /// The static form of this backend with this tag mode and multi-buffer choice.
    fn typed<H: ByteHasher>(&self) -> ByteHash<H> {
        ByteHash::<H>::new(self.tags).with_multi_buffer(self.multi_buffer)
    }
    /// The backend's name.
    pub fn name(&self) -> HashName {
        self.name
    }
    /// The tag mode.
    pub fn tags(&self) -> DomainTags {
        self.tags
    }
}

impl LeafHash for AnyByteHash {
    type Input = [u8];
    type Digest = Digest32;
    fn hash_leaf(&self, input: &[u8]) -> Digest32 {
        with_hasher!(self.name, H => self.typed::<H>().hash_leaf(input))
    }
}

impl<const K: usize> Compression<K> for AnyByteHash {
    type Digest = Digest32;
    #[inline]
    fn compress(&self, children: &[Digest32; K]) -> Digest32 {
        with_hasher!(self.name, H => <ByteHash<H> as Compression<K>>::compress(&self.typed::<H>(), children))
    }
    fn compress_short_group(&self, children: &[Digest32]) -> Digest32 {
        with_hasher!(self.name, H => <ByteHash<H> as Compression<K>>::compress_short_group(&self.typed::<H>(), children))
    }
    fn compress_batch(&self, children: &[Digest32], out: &mut [Digest32]) {
        with_hasher!(self.name, H => <ByteHash<H> as Compression<K>>::compress_batch(&self.typed::<H>(), children, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Digests of "abc" from the standards' published examples
    // (FIPS 180-4 and FIPS 202 example values, RFC 7693 appendix, the BLAKE3 and Keccak teams' vectors).
    #[test]
    fn known_answers_for_abc() {
        let cases: [(&str, [u8; 32]); 6] = [
            ("sha3-256", Sha3_256::hash(b"abc")),
            ("keccak-256", Keccak256::hash(b"abc")),
            ("sha256", Sha256::hash(b"abc")),
            ("blake2s-256", Blake2s256::hash(b"abc")),
            ("blake2b-256", Blake2b256::hash(b"abc")),
            ("blake3", Blake3::hash(b"abc")),
        ];
        let expected = [
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
            "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
        ];
        for ((name, got), want) in cases.iter().zip(expected) {
            assert_eq!(hex::encode(got), want, "{name}");
        }
    }

    #[test]
    fn tags_change_leaf_and_node_hashes() {
        let plain = ByteHash::<Sha256>::untagged();
        let tagged = ByteHash::<Sha256>::tagged();
        assert_eq!(plain.hash_leaf(b"x").0, Sha256::hash(b"x"));
        assert_eq!(tagged.hash_leaf(b"x").0, Sha256::hash(b"\x00x"));
        let a = plain.hash_leaf(b"a");
        let node = <ByteHash<Sha256> as Compression<2>>::compress(&tagged, &[a, a]);
        let mut input = vec![1u8];
        input.extend_from_slice(&a.0);
        input.extend_from_slice(&a.0);
        assert_eq!(node.0, Sha256::hash(&input));
    }

    #[test]
    fn run_time_choice_matches_static_backend() {
        let a = ByteHash::<Blake2b256>::tagged().hash_leaf(b"x");
        let any = AnyByteHash::new(HashName::Blake2b256, DomainTags::Tagged);
        assert_eq!(any.hash_leaf(b"x"), a);
        let node = <AnyByteHash as Compression<3>>::compress(&any, &[a, a, a]);
        assert_eq!(
            node,
            <ByteHash<Blake2b256> as Compression<3>>::compress(&ByteHash::tagged(), &[a, a, a])
        );
        assert_ne!(
            AnyByteHash::new(HashName::Blake3, DomainTags::Tagged).hash_leaf(b"x"),
            a
        );
    }

    #[test]
    fn names_round_trip() {
        for h in HashName::ALL {
            assert_eq!(h.as_str().parse::<HashName>(), Ok(h));
        }
        assert_eq!(
            "sha3".parse::<HashName>().unwrap_err().to_string(),
            "unknown hash 'sha3' (expected one of sha3-256, keccak-256, sha256, blake2s-256, blake2b-256, blake3)"
        );
        // A registry name of another kind is not a byte backend.
        assert!("poseidon2".parse::<HashName>().is_err());
        // The backends' own names are the registry's.
        assert_eq!(Sha3_256::NAME, "sha3-256");
        assert_eq!(Blake3::NAME, "blake3");
    }
}
