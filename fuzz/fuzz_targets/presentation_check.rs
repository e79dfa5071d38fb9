// The verifier's check of presentations a holder edited. See checks::presentation_check.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::presentation_check(data));
