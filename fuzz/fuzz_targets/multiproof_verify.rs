// Builds an honest multiproof, mutates it as the input says, and verifies.
// See checks::multiproof_verify.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::multiproof_verify(data));
