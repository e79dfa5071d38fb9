// encodeToF: algebraic invariants and fast vs reference hashing. See checks::encode_to_f_check.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::encode_to_f_check(data));
