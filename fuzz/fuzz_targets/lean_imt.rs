// circom Poseidon over BN254: field-element text and bytes, byte leaves, and the
// lean-imt root and proofs against light-poseidon. See checks::bn254_check::lean_imt.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::bn254_check::lean_imt(data));
