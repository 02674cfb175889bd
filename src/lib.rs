//! # parcours
//!
//! A static-site generator for the Walloon *Smart Commerce* programme: it turns a Git repository
//! of methodology content and per-commune audit files into a versioned public handbook and
//! per-commune report sites.
//!
//! The pipeline, one stage per module:
//!
//! 1. [`load`]: the repository → raw files parsed (YAML, Markdown front matter, theme), with a
//!    diagnostic for every syntax or type problem. The only stage that reads the disk.
//! 2. [`check`]: raw values → the resolved [`check::Model`], every reference checked.
//! 3. [`score`]: (methodology, audit) → [`score::Scorecard`]; [`recommend`] ranks actions.
//! 4. [`render`]: model → [`site::Site`], every page through the theme's Tera templates.
//! 5. [`site::write_site`]: the site → the output folder, swapped in atomically. The only stage
//!    that writes.
//!
//! Content problems are data ([`diagnostic::Diagnostic`]), never panics: all are collected and
//! reported at once, and nothing is written when one is an error.

pub mod check;
pub mod config;
pub mod diagnostic;
pub mod format;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod recommend;
pub mod render;
pub mod score;
pub mod site;
pub mod theme;
pub mod versions;

use std::path::{Path, PathBuf};

use anyhow::Result;

use diagnostic::Diagnostic;
pub use render::RenderOptions;
use site::Site;

/// What the command line asks of a build.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The repository root.
    pub root: PathBuf,
    /// Overrides the configured output folder.
    pub output: Option<PathBuf>,
    /// Publish drafts (audits and the unreleased methodology), with a banner.
    pub drafts: bool,
}

/// The result of a build or check: the site when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Outcome {
    /// The rendered site, when nothing stopped it.
    pub site: Option<Site>,
    /// Every problem found, sorted; warnings included.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the site goes.
    pub output: PathBuf,
}

/// Runs load → check → score → render in memory. Writes nothing.
pub fn build_site(options: &Options) -> Result<Outcome> {
    let (project, mut diagnostics) = load::load(&options.root)?;
    let default_output = options.root.join("build");
    let Some(project) = project else {
        diagnostic::sort(&mut diagnostics);
        return Ok(Outcome { site: None, diagnostics, output: default_output });
    };
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&project.config.output));
    let templates = project.templates.clone();
    let statics = project.statics.clone();
    let tera = theme::compile_templates(&templates);
    let (model, checked) = check::check(project);
    diagnostics.extend(checked);
    let tera = match tera {
        Ok(tera) => Some(tera),
        Err(ds) => {
            diagnostics.extend(ds);
            None
        }
    };
    let site = match (model, tera) {
        (Some(model), Some(tera)) if !diagnostics.iter().any(Diagnostic::is_error) => {
            let render_options = RenderOptions { drafts: options.drafts };
            match render::render_site(&model, &tera, &templates, &statics, &render_options) {
                Ok(site) => Some(site),
                Err(ds) => {
                    diagnostics.extend(ds);
                    None
                }
            }
        }
        _ => None,
    };
    diagnostic::sort(&mut diagnostics);
    Ok(Outcome { site, diagnostics, output })
}

/// Builds the site and writes it, unless a diagnostic is an error.
pub fn build(options: &Options) -> Result<Outcome> {
    let outcome = build_site(options)?;
    if let Some(site) = &outcome.site {
        site::write_site(site, &outcome.output)?;
    }
    Ok(outcome)
}

/// Tells whether `s` is a non-empty `[a-z0-9-]` slug that neither starts nor ends with `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Makes a slug from any text: lowercase ASCII, accents folded, other characters as `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'œ' => 'o',
            'æ' => 'a',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if folded == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(folded);
    }
    out.trim_end_matches('-').to_string()
}

/// Returns the repository-relative form of `path` for messages.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("la-louviere"));
        assert!(!is_slug("La_Louvière"));
        assert_eq!(slugify("La Louvière"), "la-louviere");
        assert_eq!(slugify("Braine-l’Alleud"), "braine-l-alleud");
    }
}
