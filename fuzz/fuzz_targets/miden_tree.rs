// Miden: word parsing, and the miden profile's root and proofs against miden-crypto's
// MerkleTree. See checks::miden_check::miden_tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::miden_check::miden_tree(data));
