//! The checkpoint body of C2SP tlog-checkpoint (<https://c2sp.org/tlog-checkpoint>):
//! the text a log signs to commit to one tree size and root.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::error::StoreError;

/// Why `origin` cannot be a checkpoint's origin line, if so. The spec asks for a
/// schema-less URL without Unicode spaces or `+` (the signed-note key names it becomes
/// part of cannot hold them), and note text holds no control characters.
pub fn check_origin(origin: &str) -> Result<(), StoreError> {
    let bad = |why: &str| Err(StoreError::BadSetting(format!("origin {origin:?} {why}")));
    if origin.is_empty() {
        return bad("is empty");
    }
    if let Some(c) = origin.chars().find(|c| c.is_control()) {
        return bad(&format!("holds the control character {c:?}"));
    }
    if origin.chars().any(char::is_whitespace) {
        return bad("holds a space; a log origin is a schema-less URL such as example.com/log");
    }
    if origin.contains('+') {
        return bad("holds '+', which a signed note's key name cannot");
    }
    Ok(())
}

/// The checkpoint body for a tree of `size` leaves with root `root`: the origin line,
/// the size in decimal and the root in standard base64, each ending in a newline.
pub fn checkpoint_body(origin: &str, size: u64, root: &[u8]) -> Result<String, StoreError> {
    check_origin(origin)?;
    Ok(format!("{origin}\n{size}\n{}\n", STANDARD.encode(root)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_three_lines_and_bad_origins_are_refused() {
        let body = checkpoint_body("example.com/log", 7, &[0xff; 32]).unwrap();
        assert_eq!(
            body,
            "example.com/log\n7\n//////////////////////////////////////////8=\n"
        );
        for origin in ["", "a b", "a\nb", "a+b", "a\tb"] {
            assert!(checkpoint_body(origin, 1, &[0; 32]).is_err(), "{origin:?}");
        }
    }
}
