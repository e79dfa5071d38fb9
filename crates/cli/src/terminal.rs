//! Text from files and flags, made safe to print for a person.
//!
//! Nonces, keys, values, addresses and paths come from whoever wrote the file.
//! Printed raw, a newline in them forges a line of output (`ACCEPTED`), an escape
//! sequence drives the terminal, and a bidirectional override reorders what is
//! shown. Every such character is printed as `\u{..}` (its code point in hex), one
//! style for all of them so an escaped character is never mistaken for another.
//! JSON output needs none of this: serde escapes control characters itself.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` acts on a terminal or on the layout of the text around it instead
/// of printing: C0 controls (newline and tab included), DEL, C1 controls, the
/// Unicode line and paragraph separators, and the bidirectional marks, embeddings,
/// overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every [`is_unsafe`] character written as `\u{..}`; borrowed when
/// there is none, which is the common case.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as [`safe`] text: file names may hold any byte but `/` and NUL.
pub fn safe_path(path: &std::path::Path) -> String {
    safe(&path.display().to_string()).into_owned()
}

/// `lines` made [`safe`] each and joined by newlines.
pub fn safe_lines<S: AsRef<str>>(lines: &[S]) -> String {
    lines
        .iter()
        .map(|l| safe(l.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Alice, 75001 Paris: é 名 ✓ \\u{1b}";
        assert!(matches!(safe(text), std::borrow::Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn every_control_and_direction_mark_is_escaped() {
        assert_eq!(safe("a\nACCEPTED"), "a\\u{a}ACCEPTED");
        assert_eq!(safe("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(safe("tab\there\r"), "tab\\u{9}here\\u{d}");
        assert_eq!(safe("nul\0del\u{7f}"), "nul\\u{0}del\\u{7f}");
        assert_eq!(safe("c1 \u{9b}31m"), "c1 \\u{9b}31m");
        assert_eq!(safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(safe("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(safe("line\u{2028}sep"), "line\\u{2028}sep");
    }

    #[test]
    fn escaped_text_has_no_unsafe_character_left() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let escaped = safe(&all);
        assert!(!escaped.chars().any(super::is_unsafe));
        assert!(escaped.contains("\\u{85}"));
    }
}
