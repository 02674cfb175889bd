//! Stage 1, load: the only stage that reads the repository. Path → raw values + diagnostics.
//!
//! Reads `parcours.toml`, `content/methodology.yaml`, `content/handbook/**.md`,
//! `communes/<slug>/commune.yaml` and `communes/<slug>/audits/*.yaml`, and the theme.
//! Files are visited in sorted order. Syntax and type errors become diagnostics; nothing
//! is cross-checked here (that is `check`'s job).

mod communes;
mod content;
pub mod fs;
mod git;
mod history;
pub mod raw;
pub mod theme;
pub mod versions;
pub mod yaml;

use std::path::Path;

use anyhow::Result;

use crate::config::{parse_config, Config, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::i18n::t;
pub use communes::{ParseCache, RawCommuneDir};
pub use content::{parse_edition, Edition, RawChapter, RESERVED_CHAPTERS};
pub use fs::{decode, io_diagnostic, io_reason, Files, Repo};
use theme::Theme;

/// Where the methodology lives in a repository.
pub const METHODOLOGY_FILE: &str = "content/methodology.yaml";
/// Where handbook chapters live.
pub const HANDBOOK_DIR: &str = "content/handbook";

/// Everything read from the repository, parsed but not cross-checked.
#[derive(Debug)]
pub struct Project {
    /// Site configuration.
    pub config: Config,
    /// The text of `parcours.toml`, to locate its keys in later messages.
    pub config_text: String,
    /// Methodology editions: the working tree, and released versions when known.
    pub editions: Vec<Edition>,
    /// Communes, sorted by slug.
    pub communes: Vec<RawCommuneDir>,
    /// The theme's templates and static files.
    pub theme: Theme,
    /// Lines for the person running the build: where the methodology versions came from.
    pub notes: Vec<String>,
    /// The `git` command that completes this clone when it lacks tags or history.
    pub fetch_hint: Option<String>,
    /// Released labels re-pointed since their release (errata to check).
    pub repointed: Vec<versions::Repointed>,
}

/// Reads the repository at `root` into a project, with every content problem as a diagnostic.
///
/// Returns `Err` only for I/O failures (unreadable folder), not for bad content.
pub fn load(root: &Path) -> Result<(Option<Project>, Vec<Diagnostic>)> {
    load_with(root, None)
}

/// Reads the repository like [`load`], reusing and refreshing `cache` for audit files.
pub fn load_with(
    root: &Path,
    cache: Option<&mut ParseCache>,
) -> Result<(Option<Project>, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let repo = Repo::new(root);
    let config_text = match repo.read_file(CONFIG_FILE) {
        Ok(Some(bytes)) => match decode(CONFIG_FILE, &bytes) {
            Ok(text) => text,
            Err(d) => return Ok((None, vec![d])),
        },
        Ok(None) => {
            diagnostics.push(
                Diagnostic::error(CONFIG_FILE, 0, 0, t("diag.no-config"))
                    .with_help(t("help.no-config")),
            );
            return Ok((None, diagnostics));
        }
        Err(d) => return Ok((None, vec![d])),
    };
    let config = match parse_config(&config_text) {
        Ok(config) => config,
        Err(d) => return Ok((None, vec![d])),
    };
    diagnostics.extend(crate::config::check_names(&config, &config_text));

    let content = repo.read_tree("content", &mut diagnostics);
    let methodology_is_dir = diagnostics
        .iter()
        .any(|d| d.path == METHODOLOGY_FILE && d.message == t("diag.is-a-dir"));
    let working = parse_edition(None, None, &content, &mut diagnostics);
    if methodology_is_dir {
        let missing = t("diag.no-methodology");
        diagnostics.retain(|d| !(d.path == METHODOLOGY_FILE && d.message == missing));
    }
    let tree = versions::WorkingTree {
        label: working
            .methodology
            .as_ref()
            .map(|m| m.version.value.as_str()),
        files: &content,
    };
    let released = versions::load_released(root, &config, &config_text, &tree, &mut diagnostics)?;
    let mut editions = vec![working];
    editions.extend(released.editions);

    let communes = communes::load_communes(&repo, &mut diagnostics, cache);
    let theme = theme::load_theme(&repo, &config.theme, &mut diagnostics);
    Ok((
        Some(Project {
            config,
            config_text,
            editions,
            communes,
            theme,
            notes: released.notes,
            fetch_hint: released.fetch_hint,
            repointed: released.repointed,
        }),
        diagnostics,
    ))
}
