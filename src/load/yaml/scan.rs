//! Scans YAML text for characters that must never reach a page or a terminal.
//!
//! Two ways a control character gets into a value: written literally in the file (any byte
//! below 0x20 except tab, line feed and carriage return, DEL, or a C1 character U+0080–U+009F),
//! or written as a double-quoted escape (`"\e"`, `"\0"`, `"\x1b"`, `"\u009b"`…). The first is
//! found in the raw text, the second in the decoded scalars of the event stream. A `!!binary`
//! scalar is found the same way: its decoded bytes are never checked by anyone, so it is refused.

use serde_saphyr::granit_parser::{Event, Parser};

/// Something found in the text, at a 1-based line and column.
#[derive(Debug, PartialEq, Eq)]
pub enum Finding {
    /// A control character written literally.
    Raw { line: u64, column: u64, ch: char },
    /// A control character produced by an escape in a quoted scalar that starts here.
    Escaped { line: u64, column: u64, ch: char },
    /// A `!!binary` scalar.
    Binary { line: u64, column: u64 },
    /// The text looks like UTF-16 read as UTF-8 (every other byte is NUL).
    Utf16,
}

/// Tells whether a decoded character is refused in a value.
pub fn is_forbidden(ch: char) -> bool {
    ch.is_control() && !matches!(ch, '\t' | '\n' | '\r')
}

/// Finds the first forbidden character in the file, or a sign that it is UTF-16.
pub fn raw(text: &str) -> Option<Finding> {
    let bytes = text.as_bytes();
    let quick = bytes
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
        || bytes
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]));
    if !quick {
        return None;
    }
    if looks_like_utf16(bytes) {
        return Some(Finding::Utf16);
    }
    let (mut line, mut column) = (1u64, 1u64);
    for ch in text.chars() {
        if is_forbidden(ch) {
            return Some(Finding::Raw { line, column, ch });
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    None
}

/// UTF-16 text of mostly ASCII characters has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.len() < 4 {
        return false;
    }
    let sample = &bytes[..bytes.len().min(512) & !1];
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let half = sample.len() / 2;
    even.max(odd) * 4 >= half * 3 && even.min(odd) * 4 < half
}

/// Finds the first scalar whose decoded value holds a forbidden character, or a `!!binary`
/// scalar. Only worth running when the text holds a backslash or a `!!binary` tag; stops
/// quietly at a syntax error, which the deserializer reports.
pub fn decoded(text: &str) -> Option<Finding> {
    if !text.contains('\\') && !text.contains("!!binary") {
        return None;
    }
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else {
            return None;
        };
        if let Event::Scalar(value, _, _, tag) = &event {
            let line = span.start.line() as u64;
            let column = span.start.col() as u64 + 1;
            if tag.as_deref().is_some_and(|t| t.suffix() == "binary") {
                return Some(Finding::Binary { line, column });
            }
            if let Some(ch) = value.chars().find(|c| is_forbidden(*c)) {
                return Some(Finding::Escaped { line, column, ch });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literal_controls_at_their_place() {
        assert_eq!(
            raw("a: b\nc: d\u{1b}e\n"),
            Some(Finding::Raw {
                line: 2,
                column: 5,
                ch: '\u{1b}'
            })
        );
        assert_eq!(
            raw("a: \u{9b}\n"),
            Some(Finding::Raw {
                line: 1,
                column: 4,
                ch: '\u{9b}'
            })
        );
        assert_eq!(raw("a: \"b\tc\"\r\nd: |\n  e\n"), None);
    }

    #[test]
    fn recognises_utf16_without_bom() {
        let text: String = "name: \"Namur\"\nins: 1\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .map(char::from)
            .collect();
        assert_eq!(raw(&text), Some(Finding::Utf16));
    }

    #[test]
    fn finds_escaped_controls_and_binary() {
        assert_eq!(
            decoded("a: ok\nb: \"x\\ey\"\n"),
            Some(Finding::Escaped {
                line: 2,
                column: 4,
                ch: '\u{1b}'
            })
        );
        assert_eq!(decoded("a: \"tab\\there\\nand line\"\n"), None);
        assert_eq!(decoded("a: 'C:\\evidence'\nb: C:\\x00\n"), None);
        assert_eq!(
            decoded("a: !!binary aGVsbG8=\n"),
            Some(Finding::Binary {
                line: 1,
                column: 13
            })
        );
    }
}
