// The fast Aleo hash paths against snarkvm-console. See checks::aleo_fast_vs_reference.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::aleo_fast_vs_reference(data));
