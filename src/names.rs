//! Names that become path components: one constructor, [`Slug::new`], for every one of them.
//!
//! Commune folders, chapter files, intercommunale ids and theme names all end up in a path
//! under the output folder. They pass through [`Slug::new`], which admits only `[a-z0-9-]`
//! (so `..`, `/`, `\`, absolute paths and drive letters cannot reach the file system) and
//! refuses the device names Windows reserves. [`safe_relative`] is the last line of defence:
//! the writer refuses any relative output path that is not made of such plain components.

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};

/// The longest slug admitted: well under every file system's 255-byte component limit.
pub const MAX_SLUG: usize = 100;

/// Device names that Windows reserves in any folder (`nul`, `com1`…), refused as slugs so that
/// a site built on Linux can be copied to a Windows share.
const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];

/// A validated name: non-empty `[a-z0-9-]`, neither starting nor ending with `-`, at most
/// [`MAX_SLUG`] bytes, and not a reserved device name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slug(String);

/// Why a name is not a slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlugError {
    /// Empty, or a character outside `[a-z0-9-]`, or a leading or trailing `-`.
    Form,
    /// Longer than [`MAX_SLUG`] bytes.
    TooLong,
    /// A device name Windows reserves.
    Reserved,
}

impl Slug {
    /// Validates `s` as a slug.
    pub fn new(s: &str) -> Result<Slug, SlugError> {
        let form_ok = !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !form_ok {
            return Err(SlugError::Form);
        }
        if s.len() > MAX_SLUG {
            return Err(SlugError::TooLong);
        }
        if is_reserved(s) {
            return Err(SlugError::Reserved);
        }
        Ok(Slug(s.to_string()))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The slug as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Tells whether `s` is a Windows device name (`con`, `nul`, `com1`, `lpt9`…).
fn is_reserved(s: &str) -> bool {
    if RESERVED.contains(&s) {
        return true;
    }
    let b = s.as_bytes();
    b.len() == 4 && (s.starts_with("com") || s.starts_with("lpt")) && (b'1'..=b'9').contains(&b[3])
}

/// The located error for a name that is not a slug, with a suggestion when one can be made.
pub fn slug_diagnostic(path: impl Into<String>, name: &str, error: SlugError) -> Diagnostic {
    let (message, help) = match error {
        SlugError::Form => {
            let suggestion = slugify(name);
            let help = if suggestion.is_empty() {
                t("help.slug-none").to_string()
            } else {
                f("help.slug", &[&suggestion])
            };
            (f("diag.bad-slug", &[&name]), help)
        }
        SlugError::TooLong => (
            f("diag.slug-too-long", &[&name, &MAX_SLUG]),
            f("help.slug", &[&slugify(name)]),
        ),
        SlugError::Reserved => (
            f("diag.slug-reserved", &[&name]),
            t("help.slug-reserved").to_string(),
        ),
    };
    Diagnostic::error(path, 0, 0, message).with_help(help)
}

/// Tells whether `s` is a valid slug (see [`Slug::new`]).
pub fn is_slug(s: &str) -> bool {
    Slug::new(s).is_ok()
}

/// Makes a slug from any text: lowercase ASCII, accents folded, other characters as `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let folded = match crate::format::fold_accent(c) {
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if folded == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(folded);
    }
    let mut out = out.trim_end_matches('-').to_string();
    out.truncate(MAX_SLUG);
    out.trim_end_matches('-').to_string()
}

/// Tells whether `rel` is a safe output path: `/`-separated, relative, every component plain
/// (no `.`, `..`, empty part, backslash, colon, NUL or other control character).
pub fn safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && rel.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && !part
                    .chars()
                    .any(|c| c == '\\' || c == ':' || c.is_control())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_admit_only_plain_names() {
        assert!(is_slug("la-louviere"));
        assert!(is_slug("2025-06"));
        for bad in [
            "", "..", ".", "a/b", "a\\b", "/etc", "C:", "La", "é", "-a", "a-", "a b", "nul",
            "com1", "lpt9", "a.b",
        ] {
            assert!(!is_slug(bad), "{bad:?} must not be a slug");
        }
        assert_eq!(Slug::new(&"a".repeat(101)), Err(SlugError::TooLong));
        assert_eq!(Slug::new("aux"), Err(SlugError::Reserved));
        assert!(is_slug("com10") && is_slug("console"));
    }

    #[test]
    fn slugify_always_makes_a_slug_or_nothing() {
        assert_eq!(slugify("La Louvière"), "la-louviere");
        assert_eq!(slugify("Braine-l’Alleud"), "braine-l-alleud");
        assert_eq!(slugify(&"Ab ".repeat(80)).len(), MAX_SLUG);
        assert!(is_slug(&slugify(&"Ab ".repeat(80))));
        assert_eq!(slugify("../.."), "");
    }

    #[test]
    fn output_paths_are_plain() {
        assert!(safe_relative("communes/namur/index.html"));
        assert!(safe_relative(".parcours-site"));
        for bad in [
            "",
            "/etc/passwd",
            "a//b",
            "../x",
            "a/../b",
            "a/./b",
            "a\\b",
            "c:/x",
            "a\u{0}b",
            "a/",
        ] {
            assert!(!safe_relative(bad), "{bad:?} must be refused");
        }
    }

    #[test]
    fn slugs_fold_accents_with_the_one_table_of_format() {
        assert_eq!(slugify("Cœur de Hesbaye"), "cour-de-hesbaye");
        for c in "àâäáãçéèêëîïíìôöóòõùûüúÿœæ".chars() {
            let folded = crate::format::fold_accent(c).to_string();
            assert_eq!(slugify(&c.to_string()), folded);
        }
    }
}
