// Arbitrary arity, policy and leaves: serial, parallel and streaming builds agree.
// See checks::tree_build.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::tree_build(data));
