// Decodes arbitrary bytes as a proof (binary, then JSON) for every arity, policy and
// byte backend, and verifies it against an honest tree. See checks::proof_decode_verify.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::proof_decode_verify(data));
