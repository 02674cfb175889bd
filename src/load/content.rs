//! Methodology content: `content/methodology.yaml` and the handbook's chapters, from the
//! working tree or from a Git reference, parsed into an [`Edition`].

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};

use super::fs::{decode, Files};
use super::raw::{RawFrontMatter, RawMethodology};
use super::yaml::parse_yaml;
use super::{HANDBOOK_DIR, METHODOLOGY_FILE};

/// One methodology edition: content read from the working tree or from a Git reference.
#[derive(Debug)]
pub struct Edition {
    /// The Git reference it was read from; `None` for the working tree.
    pub reference: Option<String>,
    /// The released label given by configuration or tag; `None` for the working tree.
    pub label: Option<String>,
    /// The methodology, when it parsed.
    pub methodology: Option<RawMethodology>,
    /// Handbook chapters that parsed.
    pub chapters: Vec<RawChapter>,
    /// Slugs of every chapter file, parsed or not, so links to a broken chapter still resolve.
    pub chapter_slugs: Vec<String>,
    /// A released edition whose label the working tree's `version:` still names, while its
    /// content differs: `check` decides whether that is an erratum or a change of meaning.
    pub edited: bool,
}

/// A chapter file, its front matter parsed.
#[derive(Debug)]
pub struct RawChapter {
    /// Repository-relative path.
    pub path: String,
    /// File stem.
    pub slug: String,
    /// Front matter.
    pub front: RawFrontMatter,
    /// Markdown body.
    pub body: String,
    /// Line where the body starts.
    pub body_line: u64,
}

/// Chapter names that generated handbook pages already take (`etapes.html`, `index.html`…).
pub const RESERVED_CHAPTERS: [&str; 9] = [
    "index",
    "etapes",
    "angles",
    "criteres",
    "sources",
    "actions",
    "echelle",
    "changements",
    "questionnaire",
];

/// Parses a content tree (working tree or Git reference) into an edition.
pub fn parse_edition(
    reference: Option<String>,
    label: Option<String>,
    files: &Files,
    diagnostics: &mut Vec<Diagnostic>,
) -> Edition {
    let prefix = reference
        .as_ref()
        .map(|r| format!("{r}:"))
        .unwrap_or_default();
    let mut local = Vec::new();
    let mut methodology = None;
    match files.iter().find(|(p, _)| p == METHODOLOGY_FILE) {
        None => local.push(
            Diagnostic::error(METHODOLOGY_FILE, 0, 0, t("diag.no-methodology"))
                .with_help(t("help.no-methodology")),
        ),
        Some((path, bytes)) => match decode(path, bytes) {
            Ok(text) => match parse_yaml::<RawMethodology>(path, &text) {
                Ok(m) => methodology = Some(m),
                Err(d) => local.push(d),
            },
            Err(d) => local.push(d),
        },
    }
    let mut chapters = Vec::new();
    let mut chapter_slugs = Vec::new();
    let mut chapters_seen: Vec<(String, String)> = Vec::new();
    for (path, bytes) in files {
        let Some(rest) = path.strip_prefix(&format!("{HANDBOOK_DIR}/")) else {
            continue;
        };
        if !rest.ends_with(".md") {
            continue;
        }
        let slug = Path::new(rest)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if let Err(e) = crate::names::Slug::new(&slug) {
            local.push(crate::names::slug_diagnostic(path.clone(), &slug, e));
            continue;
        }
        if RESERVED_CHAPTERS.contains(&slug.as_str()) {
            local.push(
                Diagnostic::error(path.clone(), 0, 0, f("diag.reserved-chapter", &[&slug]))
                    .with_help(f("help.reserved-chapter", &[&slug])),
            );
            continue;
        }
        if let Some((first, _)) = chapters_seen.iter().find(|(_, s)| *s == slug) {
            local.push(
                Diagnostic::error(
                    path.clone(),
                    0,
                    0,
                    f("diag.duplicate-chapter", &[&slug, first]),
                )
                .with_help(t("help.duplicate-chapter")),
            );
            continue;
        }
        chapters_seen.push((path.clone(), slug.clone()));
        chapter_slugs.push(slug.clone());
        let text = match decode(path, bytes) {
            Ok(text) => text,
            Err(d) => {
                local.push(d);
                continue;
            }
        };
        match parse_chapter(path, &slug, &text) {
            Ok(chapter) => chapters.push(chapter),
            Err(d) => local.push(d),
        }
    }
    diagnostics.extend(local.into_iter().map(|d| d.prefixed(&prefix)));
    Edition {
        reference,
        label,
        methodology,
        chapters,
        chapter_slugs,
        edited: false,
    }
}

/// Splits a chapter into front matter and body.
fn parse_chapter(path: &str, slug: &str, text: &str) -> Result<RawChapter, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Err(Diagnostic::error(path, 1, 1, t("diag.no-front-matter"))
            .with_help(t("help.front-matter")));
    };
    let end = after
        .find("\n---\n")
        .map(|i| (i, 5))
        .or_else(|| after.find("\n---\r\n").map(|i| (i, 6)))
        .or_else(|| after.strip_suffix("\n---").map(|s| (s.len(), 4)));
    let Some((end, marker)) = end else {
        return Err(
            Diagnostic::error(path, 1, 1, t("diag.unclosed-front-matter"))
                .with_help(t("help.front-matter")),
        );
    };
    let yaml = &after[..end + 1];
    let front: RawFrontMatter = parse_yaml(path, yaml).map_err(|mut d| {
        if d.line > 0 {
            d.line += 1;
        }
        d
    })?;
    let body_start = end + marker;
    let body = after.get(body_start..).unwrap_or("").to_string();
    let body_line = 2 + after[..body_start].matches('\n').count() as u64;
    Ok(RawChapter {
        path: path.to_string(),
        slug: slug.to_string(),
        front,
        body,
        body_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let c = parse_chapter("x.md", "x", "---\ntitle: T\norder: 3\n---\nHello\n").unwrap();
        assert_eq!((c.front.title.as_str(), c.front.order), ("T", 3));
        assert_eq!(c.body, "Hello\n");
        assert_eq!(c.body_line, 5);
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let d = parse_chapter("x.md", "x", "---\ntitle: T\nordre: 3\n---\n").unwrap_err();
        assert_eq!(d.line, 3);
    }
}
