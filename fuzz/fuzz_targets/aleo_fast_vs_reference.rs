// Arbitrary bytes as fields, u128s, u64 pairs, strings and batches. Invariant:
// the fast hash path returns exactly what snarkvm-console (the reference path) returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use merklab_aleo::{fast, field_from_le_bytes_mod_p, field_from_u128, reference};

fn u128_from(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = bytes.len().min(16);
    buf[..n].copy_from_slice(&bytes[..n]);
    u128::from_le_bytes(buf)
}

fn u64_from(bytes: &[u8]) -> u64 {
    u128_from(&bytes[..bytes.len().min(8)]) as u64
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // Each reference hash costs tens of microseconds: keep inputs small.
    let rest = &rest[..rest.len().min(256)];
    match mode % 6 {
        0 => {
            let f = field_from_le_bytes_mod_p(rest);
            assert_eq!(fast::hash_field(&f), reference::hash_field(&f));
        }
        1 => {
            // Just below the modulus: p - k.
            let f = field_from_u128(0) - field_from_u128(u128_from(rest));
            assert_eq!(fast::hash_field(&f), reference::hash_field(&f));
        }
        2 => {
            let v = u128_from(rest);
            assert_eq!(fast::hash_u128(v), reference::hash_u128(v));
            assert_eq!(fast::hash_u64(v as u64), reference::hash_u64(v as u64));
        }
        3 => {
            let pairs: Vec<(u64, u64)> = rest
                .chunks(16)
                .take(8)
                .map(|c| (u64_from(c), u64_from(c.get(8..).unwrap_or(&[]))))
                .collect();
            let expected: Vec<u64> = pairs
                .iter()
                .map(|&(a, b)| reference::hash_merge(a, b))
                .collect();
            assert_eq!(fast::hash_merge_batch(&pairs), expected);
            if let Some(&(a, b)) = pairs.first() {
                assert_eq!(fast::hash_merge(a, b), expected[0]);
            }
        }
        4 => {
            let s = String::from_utf8_lossy(rest);
            assert_eq!(fast::hash_string(&s), reference::hash_string(&s));
        }
        _ => {
            let fields: Vec<_> = rest
                .chunks(33)
                .take(8)
                .map(field_from_le_bytes_mod_p)
                .collect();
            let expected: Vec<u64> = fields.iter().map(reference::hash_field).collect();
            assert_eq!(fast::hash_field_batch(&fields), expected);
        }
    }
});
