//! Stage 2, check: every Markdown link and image destination against the URL policy of
//! [`crate::markdown::urls`] (the renderer applies the same policy again), and the
//! intercommunales' websites in `parcours.toml`. Pure: text in, located diagnostics out.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::markdown::urls::UrlProblem;

/// Where a text field starts in its file, to turn an offset in the text into a file position.
#[derive(Clone, Copy, Debug)]
pub(super) struct Origin {
    line: u64,
    /// Column of the text's first character, when known (0: report columns within the text).
    column: u64,
    /// A block scalar: every line of the text is a line of the file, indented like the first.
    block: bool,
}

impl Origin {
    /// A text whose first line is `line` of the file (columns are counted within the text).
    pub(super) fn line(line: u64) -> Self {
        Origin {
            line,
            column: 0,
            block: false,
        }
    }

    /// A YAML string value, placed by its span.
    pub(super) fn of(value: &Spanned<String>) -> Self {
        let at = &value.referenced;
        let multi_line = value.value.trim_end().contains('\n');
        // A quoted scalar's span starts at its quote.
        let quoted = !multi_line && at.span().len() > value.value.len() as u64;
        Origin {
            line: at.line(),
            column: at.column() + u64::from(quoted),
            block: multi_line,
        }
    }

    pub(super) fn place(&self, text: &str, offset: usize) -> (u64, u64) {
        let (l, c) = crate::config::line_column(text, offset);
        let column = match (self.column, self.block || l == 1) {
            (0, _) | (_, false) => c,
            (start, true) => start + c - 1,
        };
        (self.line + l - 1, column)
    }
}

/// Shows a destination in a message: control characters escaped, at most 80 characters.
fn shown(dest: &str) -> String {
    let mut out: String = dest
        .chars()
        .take(80)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if dest.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Reports every refused link or image and every link without text in the Markdown `text`
/// of `path`, which starts at `origin`.
pub(super) fn check_markdown(
    path: &str,
    text: &str,
    origin: Origin,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for p in crate::markdown::problems(text) {
        let (line, column) = origin.place(text, p.offset);
        let dest = shown(&p.dest);
        let (message, help) = match &p.problem {
            UrlProblem::Scheme(scheme) => (
                f("diag.link-scheme", &[&dest, &shown(scheme)]),
                t("help.link-scheme"),
            ),
            UrlProblem::NetworkPath => (f("diag.link-network", &[&dest]), t("help.link-network")),
            UrlProblem::RemoteImage => (f("diag.image-remote", &[&dest]), t("help.image-remote")),
            UrlProblem::EmptyText => (f("diag.link-empty", &[&dest]), t("help.link-empty")),
        };
        diagnostics.push(Diagnostic::error(path, line, column, message).with_help(help));
    }
}

/// Warns about the raw HTML of a handbook text (chapter or methodology description) that
/// pages will not show, since only a small allow-list is kept.
pub(super) fn check_authored_html(
    path: &str,
    text: &str,
    origin: Origin,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (offset, what) in crate::markdown::removed_html(text) {
        let (line, column) = origin.place(text, offset);
        let allowed = crate::markdown::AUTHORED_EXTRA_TAGS.join(", ");
        diagnostics.push(
            Diagnostic::warning(path, line, column, f("diag.html-removed", &[&shown(&what)]))
                .with_help(f("help.html-removed", &[&allowed])),
        );
    }
}

#[derive(Deserialize)]
struct Sites {
    #[serde(default)]
    intercommunales: std::collections::BTreeMap<String, Site>,
}

#[derive(Deserialize)]
struct Site {
    #[serde(default)]
    website: Option<toml::Spanned<String>>,
}

/// Reports every intercommunale `website` of `parcours.toml` (its `text`) that is not an
/// `http://` or `https://` address.
pub fn check_websites(text: &str) -> Vec<Diagnostic> {
    // The configuration's own errors are reported by its parser; nothing to add here.
    let Ok(sites) = toml::from_str::<Sites>(text) else {
        return Vec::new();
    };
    sites
        .intercommunales
        .iter()
        .filter_map(|(id, site)| {
            let website = site.website.as_ref()?;
            let url = website.get_ref().trim();
            let lower = url.to_ascii_lowercase();
            let ok = ["http://", "https://"].iter().any(|p| {
                lower.starts_with(p) && lower.len() > p.len() && !url.contains(char::is_control)
            });
            if ok {
                return None;
            }
            let (line, column) = crate::config::line_column(text, website.span().start);
            Some(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    line,
                    column,
                    f("diag.website-scheme", &[&shown(url), &shown(id)]),
                )
                .with_help(t("help.website-scheme")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Field {
        #[allow(dead_code)]
        k: u8,
        summary: Spanned<String>,
    }

    fn located(yaml: &str) -> Vec<(u64, u64, String)> {
        let field: Field = crate::load::yaml::parse_yaml("a.yaml", yaml).unwrap();
        let mut out = Vec::new();
        check_markdown(
            "a.yaml",
            &field.summary.value,
            Origin::of(&field.summary),
            &mut out,
        );
        out.into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn issue_11_locates_a_bad_link_in_a_block_scalar() {
        let d = located("k: 1\nsummary: |\n  Texte.\n  Voir [ici](javascript:alert(1)).\n");
        assert_eq!((d[0].0, d[0].1), (4, 8), "{d:?}");
        assert!(d[0].2.contains("javascript"), "{d:?}");
    }

    #[test]
    fn issue_11_locates_a_bad_image_in_plain_and_quoted_scalars() {
        let d = located("k: 1\nsummary: a ![](https://evil.example/p.gif)\n");
        assert_eq!((d[0].0, d[0].1), (2, 12), "{d:?}");
        let d = located("k: 1\nsummary: \"a [](https://example.org)\"\n");
        assert_eq!((d[0].0, d[0].1), (2, 13), "{d:?}");
    }

    #[test]
    fn warns_where_handbook_html_is_removed() {
        let mut out = Vec::new();
        let text = "Le <abbr title=\"x\">RGPD</abbr>.\n\n<div style=\"x\">a</div>\n";
        check_authored_html("c.md", text, Origin::line(5), &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|d| (d.line, d.column, d.message.clone()))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (7, 1));
        assert!(found[0].2.contains("<div>"), "{found:?}");
    }

    #[test]
    fn issue_11_websites_must_be_http() {
        let text =
            "title = \"x\"\n[intercommunales.a]\nname = \"A\"\nwebsite = \"javascript:alert(1)\"\n\
            [intercommunales.b]\nname = \"B\"\nwebsite = \"https://b.example\"\n";
        let d = check_websites(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (4, 11));
        assert!(
            d[0].message.contains("javascript:alert(1)"),
            "{}",
            d[0].message
        );
    }
}
