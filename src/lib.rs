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
//! 2. [`check`]: raw values → the resolved [`model::Model`], every reference checked.
//! 3. [`score`]: (methodology, audit) → [`score::Scorecard`]; [`recommend`] ranks actions.
//! 4. [`render`]: model → [`site::Site`], every page through the theme's Tera templates.
//! 5. [`site::write_site`]: the site → the output folder, swapped in atomically. The only stage
//!    that writes.
//!
//! Content problems are data ([`diagnostic::Diagnostic`]), never panics: all are collected and
//! reported at once, and nothing is written when one is an error.

pub mod aggregate;
pub mod changelog;
pub mod charts;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod i18n;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod model;
pub mod names;
pub mod output;
pub mod recommend;
pub mod render;
pub mod scaffold;
pub mod score;
pub mod serve;
pub mod site;
pub mod stream;
#[cfg(test)]
pub mod testkit;

use std::path::{Path, PathBuf};

use anyhow::Result;

use diagnostic::Diagnostic;
pub use names::{is_slug, slugify};
pub use render::RenderOptions;
use site::Site;

/// The number of Walloon communes since the 2025 merger of Bastogne and Bertogne (Statbel).
pub const WALLOON_COMMUNES: usize = 261;

/// What the command line asks of a build.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The repository root.
    pub root: PathBuf,
    /// Overrides the configured output folder.
    pub output: Option<PathBuf>,
    /// Publish drafts (audits and the unreleased methodology), with a banner.
    pub drafts: bool,
    /// The output folder will be replaced: also check what is there now ([`build`] sets it).
    pub writes: bool,
}

/// The result of a build or check: the site when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Outcome {
    /// The rendered site, when nothing stopped it and it was kept in memory.
    pub site: Option<Site>,
    /// Every problem found, sorted; warnings included.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the site goes.
    pub output: PathBuf,
    /// How many files were rendered (and written, for [`build`]).
    pub files: usize,
    /// Lines for the person running the build, e.g. where the methodology versions came from.
    pub notes: Vec<String>,
}

impl Outcome {
    /// Tells whether a diagnostic is an error.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Adds diagnostics, keeping them sorted.
    fn extend(&mut self, diagnostics: Vec<Diagnostic>) {
        self.diagnostics.extend(diagnostics);
        diagnostic::sort(&mut self.diagnostics);
    }
}

/// The checked model and the compiled theme: everything a render needs.
pub struct Prepared {
    /// The checked model.
    pub model: model::Model,
    /// The compiled templates.
    pub tera: tera::Tera,
    /// The theme's templates, for locating errors.
    pub templates: Vec<load::theme::Template>,
    /// Static files of the theme.
    pub statics: Vec<(String, Vec<u8>)>,
}

impl Prepared {
    /// Returns the render options a build with `options` uses.
    pub fn render_options(options: &Options) -> RenderOptions {
        RenderOptions {
            drafts: options.drafts,
            ..Default::default()
        }
    }
}

/// Runs load → check and compiles the theme; `None` when a diagnostic is an error.
pub fn prepare(options: &Options) -> Result<(Option<Prepared>, Outcome)> {
    prepare_with(options, None)
}

/// Runs [`prepare`], reusing and refreshing `cache` for the audit files (the preview's reloads).
pub fn prepare_with(
    options: &Options,
    cache: Option<&mut load::ParseCache>,
) -> Result<(Option<Prepared>, Outcome)> {
    let (project, diagnostics) = load::load_with(&options.root, cache)?;
    let mut outcome = Outcome {
        site: None,
        diagnostics,
        output: options.root.join("build"),
        files: 0,
        notes: Vec::new(),
    };
    let Some(project) = project else {
        outcome.extend(Vec::new());
        return Ok((None, outcome));
    };
    let (configured, origin) = match &options.output {
        Some(output) => (output.display().to_string(), output::Origin::CommandLine),
        None => (
            project.config.output.clone(),
            output::Origin::Config(&project.config_text),
        ),
    };
    outcome.output = match &options.output {
        Some(output) => output.clone(),
        None => options.root.join(&project.config.output),
    };
    let mut unsafe_output =
        output::check_output(&options.root, &outcome.output, &configured, origin);
    if options.writes && unsafe_output.is_empty() {
        unsafe_output = output::check_existing(&outcome.output, origin);
    }
    outcome.notes = project.notes.clone();
    let templates = project.theme.templates.clone();
    let statics = project.theme.statics.clone();
    let tera = render::templates::compile_templates(&templates);
    let (model, checked) = check::check(project);
    outcome.extend(unsafe_output);
    if let Some(draft) = model.as_ref().and_then(|m| m.draft.as_ref()) {
        outcome.notes.push(i18n::f("versions.draft", &[draft]));
    }
    outcome.extend(checked);
    let tera = tera.map_err(|ds| outcome.extend(ds)).ok();
    let prepared = match (model, tera) {
        (Some(model), Some(tera)) if !outcome.failed() => Some(Prepared {
            model,
            tera,
            templates,
            statics,
        }),
        _ => None,
    };
    Ok((prepared, outcome))
}

/// Runs load → check → score → render in memory. Writes nothing.
pub fn build_site(options: &Options) -> Result<Outcome> {
    let (prepared, mut outcome) = prepare(options)?;
    if let Some(p) = prepared {
        let render_options = Prepared::render_options(options);
        match render::render_site(&p.model, &p.tera, &p.templates, &p.statics, &render_options) {
            Ok(site) => {
                outcome.files = site.len();
                outcome.site = Some(site);
            }
            Err(ds) => outcome.extend(ds),
        }
    }
    Ok(outcome)
}

/// Builds the site and writes it, unless a diagnostic is an error.
///
/// Communes are rendered in parallel chunks written straight into the staging folder, so memory
/// does not grow with the number of pages; the output is the same as [`build_site`]'s.
pub fn build(options: &Options) -> Result<Outcome> {
    let options = &Options {
        writes: true,
        ..options.clone()
    };
    let (prepared, mut outcome) = prepare(options)?;
    if let Some(p) = prepared {
        let render_options = Prepared::render_options(options);
        match stream::write_site(&p, &render_options, &outcome.output)? {
            Ok((files, notes)) => {
                outcome.files = files;
                outcome.notes.extend(notes);
            }
            Err(ds) => outcome.extend(ds),
        }
    }
    Ok(outcome)
}

/// Returns the repository-relative form of `path` for messages.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
