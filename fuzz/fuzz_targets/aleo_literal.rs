// Aleo literal parsing: parse, print, parse. See checks::aleo_literal.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::aleo_literal(data));
