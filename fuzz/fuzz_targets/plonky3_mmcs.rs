// Plonky3: digest parsing, and the plonky3-mmcs root and proofs against Plonky3's
// MerkleTreeMmcs. See checks::plonky3_check::plonky3_mmcs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::plonky3_check::plonky3_mmcs(data));
