// zPass certificates (JSON, YAML) through normalization to the root.
// See checks::certificate_root.
#![no_main]

use libfuzzer_sys::fuzz_target;

use merklab_fuzz_checks as checks;

fuzz_target!(|data: &[u8]| checks::certificate_root(data));
