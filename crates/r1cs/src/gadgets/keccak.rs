//! Keccak-256 and SHA3-256 over the children's bytes: `merklab-hashes`' `Keccak256`
//! and `Sha3_256` natively; in circuit, Keccak-f[1600] written here on
//! `ark-r1cs-std`'s `UInt64` (arkworks 0.6 has no Keccak gadget), with the sponge of
//! FIPS 202: rate 136 bytes, lanes little-endian, the two padding rules differing in
//! their first byte (0x01 Keccak, 0x06 SHA3). Round constants and rotation offsets
//! are FIPS 202's (section 3.2).

use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::SynthesisError;
use merklab_hashes::{ByteHasher, Keccak256, Sha3_256};

use crate::Fr;

use merklab_hashes::keccak_f::{RATE, ROTATIONS, ROUND_CONSTANTS};

/// Which padding rule: Keccak's original or FIPS 202's SHA3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// First padding byte 0x01 (Ethereum's Keccak-256).
    Keccak,
    /// First padding byte 0x06 (SHA3-256).
    Sha3,
}

/// The native hash of the concatenated children.
pub fn native(padding: Padding, children: &[[u8; 32]]) -> [u8; 32] {
    fn run<H: ByteHasher>(children: &[[u8; 32]]) -> [u8; 32] {
        let mut state = H::start();
        for c in children {
            H::absorb(&mut state, c);
        }
        H::finish(state)
    }
    match padding {
        Padding::Keccak => run::<Keccak256>(children),
        Padding::Sha3 => run::<Sha3_256>(children),
    }
}

type Lane = UInt64<Fr>;

/// Keccak-f[1600] on 25 lanes, `state[x + 5 y]`.
fn permute(state: &mut [Lane; 25]) {
    for rc in ROUND_CONSTANTS {
        // theta
        let c: Vec<Lane> = (0..5)
            .map(|x| (1..5).fold(state[x].clone(), |acc, y| acc ^ &state[x + 5 * y]))
            .collect();
        for x in 0..5 {
            let d = &c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                state[x + 5 * y] ^= &d;
            }
        }
        // rho and pi: B[y, 2x + 3y] = rot(A[x, y])
        let mut b: [Lane; 25] = std::array::from_fn(|_| Lane::constant(0));
        for x in 0..5 {
            for y in 0..5 {
                b[y + 5 * ((2 * x + 3 * y) % 5)] =
                    state[x + 5 * y].rotate_left(ROTATIONS[x][y] as usize);
            }
        }
        // chi
        for y in 0..5 {
            for x in 0..5 {
                let not_next = !&b[(x + 1) % 5 + 5 * y];
                state[x + 5 * y] = &b[x + 5 * y] ^ (not_next & &b[(x + 2) % 5 + 5 * y]);
            }
        }
        // iota
        state[0] ^= rc;
    }
}

/// The gadget over the concatenated children's bytes.
pub fn gadget(padding: Padding, bytes: &[UInt8<Fr>]) -> Result<Vec<UInt8<Fr>>, SynthesisError> {
    let mut message = bytes.to_vec();
    message.push(UInt8::constant(match padding {
        Padding::Keccak => 0x01,
        Padding::Sha3 => 0x06,
    }));
    while !message.len().is_multiple_of(RATE) {
        message.push(UInt8::constant(0));
    }
    let last = message.len() - 1;
    message[last] = &message[last] | UInt8::constant(0x80);
    let mut state: [Lane; 25] = std::array::from_fn(|_| Lane::constant(0));
    for block in message.chunks(RATE) {
        for (lane, word) in state.iter_mut().zip(block.chunks(8)) {
            *lane ^= Lane::from_bytes_le(word)?;
        }
        permute(&mut state);
    }
    Ok(state[..4]
        .iter()
        .map(|lane| lane.to_bytes_le())
        .collect::<Result<Vec<_>, _>>()?
        .concat())
}
