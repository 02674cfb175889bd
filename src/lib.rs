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
//! 3. [`score`]: the model → [`score::Scored`], every visible audit scored once (scores, links,
//!    recommendations, peers, progress); later stages only read it.
//! 4. [`render`]: the scored model → pages, every page through the theme's Tera templates, into
//!    a [`render::Sink`]: memory ([`build_site`], the preview) or a staging folder ([`build`]).
//! 5. [`site::Staging`]: the staging folder, swapped in for the output atomically. The only
//!    stage that writes.
//!
//! Content problems are data ([`diagnostic::Diagnostic`]), never panics: all are collected and
//! reported at once, and nothing is written when one is an error.

pub mod aggregate;
pub mod capture;
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
pub mod render;
pub mod review;
pub mod scaffold;
pub mod score;
pub mod serve;
pub mod site;
pub mod statbel;
#[cfg(test)]
pub mod testkit;
pub mod typo;

use std::path::{Path, PathBuf};

use anyhow::Result;

use diagnostic::Diagnostic;
pub use names::{is_slug, slugify};
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
    /// The compiled templates and the static files.
    pub theme: render::CompiledTheme,
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
    let unsafe_output = check_output(options, &project, &mut outcome.output);
    outcome.extend(unsafe_output);
    outcome.notes = project.notes.clone();
    let templates = project.theme.templates.clone();
    let statics = project.theme.statics.clone();
    let tera = render::templates::compile_templates(&templates);
    let (mut model, checked) = check::check_all(project);
    outcome.extend(checked);
    let preview = match options.drafts {
        true => review::Preview::Show,
        false => review::Preview::Off,
    };
    outcome.extend(review::settle(&mut model, preview));
    let model = (!outcome.failed() && !model.methodologies.is_empty()).then_some(model);
    if let Some(draft) = model.as_ref().and_then(|m| m.draft.as_ref()) {
        outcome.notes.push(i18n::f("versions.draft", &[draft]));
    }
    let tera = tera.map_err(|ds| outcome.extend(ds)).ok();
    let prepared = match (model, tera) {
        (Some(model), Some(tera)) if !outcome.failed() => Some(Prepared {
            model,
            theme: render::CompiledTheme {
                tera,
                templates,
                statics,
            },
        }),
        _ => None,
    };
    Ok((prepared, outcome))
}

/// Resolves where the site goes into `output` and returns what makes that place unsafe.
fn check_output(
    options: &Options,
    project: &load::Project,
    output: &mut PathBuf,
) -> Vec<Diagnostic> {
    let (configured, origin) = match &options.output {
        Some(output) => (output.display().to_string(), output::Origin::CommandLine),
        None => (
            project.config.output.clone(),
            output::Origin::Config(&project.config_text),
        ),
    };
    *output = match &options.output {
        Some(output) => output.clone(),
        None => options.root.join(&project.config.output),
    };
    let unsafe_output = output::check_output(&options.root, output, &configured, origin);
    if options.writes && unsafe_output.is_empty() {
        return output::check_existing(output, origin);
    }
    unsafe_output
}

/// Runs load → check → score → render in memory. Writes nothing.
pub fn build_site(options: &Options) -> Result<Outcome> {
    let (prepared, mut outcome) = prepare(options)?;
    let Some(p) = prepared else {
        return Ok(outcome);
    };
    let scored = score::score(&p.model, options.drafts);
    let sink = render::MemorySink::default();
    let rendered = render::render(&scored, &p.theme, &render::Selection::all(), &sink)?;
    if rendered.errors.is_empty() {
        let site = sink.into_site();
        outcome.files = site.len();
        outcome.site = Some(site);
    }
    outcome.extend(rendered.errors);
    Ok(outcome)
}

/// Runs load → check → score → render → write: the pages go straight into a staging folder,
/// which replaces the output only when no diagnostic is an error.
///
/// Memory does not grow with the number of communes: each job's pages are written as soon as
/// they are rendered. The bytes are those of [`build_site`]; the test suite compares the two.
pub fn build(options: &Options) -> Result<Outcome> {
    let options = &Options {
        writes: true,
        ..options.clone()
    };
    let (prepared, mut outcome) = prepare(options)?;
    let Some(p) = prepared else {
        return Ok(outcome);
    };
    let scored = score::score(&p.model, options.drafts);
    let staging = site::Staging::create(&outcome.output)?;
    let rendered = render::render(&scored, &p.theme, &render::Selection::all(), &staging)?;
    if rendered.errors.is_empty() {
        outcome.files = rendered.files;
        outcome.notes.extend(staging.commit()?);
    }
    outcome.extend(rendered.errors);
    Ok(outcome)
}

/// Returns the repository-relative form of `path` for messages.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
