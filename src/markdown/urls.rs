//! The URL policy of every Markdown destination: which links and images may reach a page.
//!
//! Links may use `http`, `https`, `mailto`, the handbook's own schemes ([`super::SCHEMES`]),
//! relative paths, queries and fragments. Images may only be relative: a page loads nothing
//! from another origin. `check` reports every refused destination; the renderer never emits one.

/// Why a destination is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// A link whose scheme is not allowed (`javascript:`, `data:`, `file:` …), lower-cased.
    Scheme(String),
    /// A link that names another host without a scheme (`//host/…`).
    NetworkPath,
    /// An image that is not a relative URL (`https://…`, `//host/…`, `data:…`).
    RemoteImage,
    /// A link with no text: it would have no accessible name.
    EmptyText,
}

/// The link schemes allowed besides the handbook's own.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Removes what browsers ignore when they read a URL: leading spaces and control characters,
/// and tabs and line breaks anywhere (`java&#x09;script:` is `javascript:` to a browser).
fn normalised(dest: &str) -> String {
    dest.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// Returns the scheme of `dest` as written, when the text before the first `/`, `?` or `#`
/// holds a colon; anything with such a colon is treated as a scheme, valid or not, so no
/// browser can read a scheme the policy did not see.
pub fn scheme(dest: &str) -> Option<String> {
    let dest = normalised(dest);
    let end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    dest[..end].find(':').map(|colon| dest[..colon].to_string())
}

fn is_network_path(dest: &str) -> bool {
    normalised(dest).starts_with("//")
}

/// Tells why the link destination `dest` is refused, or `None` when it may be emitted.
pub fn link_problem(dest: &str) -> Option<UrlProblem> {
    match scheme(dest) {
        Some(s) if super::SCHEMES.contains(&s.as_str()) => None,
        Some(s) if LINK_SCHEMES.contains(&s.to_ascii_lowercase().as_str()) => None,
        Some(s) => Some(UrlProblem::Scheme(s.to_ascii_lowercase())),
        None if is_network_path(dest) => Some(UrlProblem::NetworkPath),
        None => None,
    }
}

/// Tells why the image source `dest` is refused, or `None` when it is a relative URL.
pub fn image_problem(dest: &str) -> Option<UrlProblem> {
    (scheme(dest).is_some() || is_network_path(dest)).then_some(UrlProblem::RemoteImage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_relative_and_internal_links() {
        for ok in [
            "https://example.org/x",
            "HTTP://example.org",
            "mailto:a@b.be",
            "../a.html#x",
            "#plan",
            "?q=1",
            "critere:stationner.tarifs",
            "a/b:c",
        ] {
            assert_eq!(link_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn refuses_other_schemes_in_every_spelling() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "Critere:x",
            "x:y",
        ] {
            assert!(
                matches!(link_problem(bad), Some(UrlProblem::Scheme(_))),
                "{bad:?}"
            );
        }
        assert_eq!(
            link_problem("JaVaScRiPt:x"),
            Some(UrlProblem::Scheme("javascript".into()))
        );
    }

    #[test]
    fn refuses_network_paths_and_backslash_tricks() {
        for bad in [
            "//evil.example/x",
            "\\\\evil.example",
            "/\\evil.example",
            " //x",
        ] {
            assert_eq!(link_problem(bad), Some(UrlProblem::NetworkPath), "{bad:?}");
        }
    }

    #[test]
    fn images_must_be_relative() {
        assert_eq!(image_problem("../static/plan.png"), None);
        assert_eq!(image_problem("/static/plan.png"), None);
        for bad in [
            "https://evil.example/p.gif",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "critere:x",
        ] {
            assert_eq!(image_problem(bad), Some(UrlProblem::RemoteImage), "{bad}");
        }
        assert_eq!(
            image_problem("//evil.example/p.gif"),
            Some(UrlProblem::RemoteImage)
        );
    }
}
