// Disclosure documents: hostile ones, and honest ones edited. See checks::disclosure_verify.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::disclosure_verify(data));
