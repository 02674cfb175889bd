//! Stage 1, load: the only stage that reads the repository. Path → raw values + diagnostics.
//!
//! Reads `parcours.toml`, `content/methodology.yaml`, `content/handbook/**.md`,
//! `communes/<slug>/commune.yaml` and `communes/<slug>/audits/*.yaml`, and the theme.
//! Files are visited in sorted order. Syntax and type errors become diagnostics; nothing
//! is cross-checked here (that is `check`'s job).

pub mod fs;
pub mod raw;
pub mod theme;
pub mod versions;
pub mod yaml;

use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::config::{parse_config, Config, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
pub use fs::{io_diagnostic, io_reason, Files, Repo};
use raw::{RawAudit, RawCommune, RawFrontMatter, RawMethodology};
use theme::Theme;
use yaml::parse_yaml;

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
}

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

/// A commune folder.
#[derive(Debug)]
pub struct RawCommuneDir {
    /// Folder name.
    pub slug: String,
    /// Repository path of `commune.yaml`.
    pub path: String,
    /// Identity, when it parsed.
    pub commune: Option<RawCommune>,
    /// Audits that parsed: (id, path, audit).
    pub audits: Vec<(String, String, RawAudit)>,
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

/// Reads the repository at `root` into a project, with every content problem as a diagnostic.
///
/// Returns `Err` only for I/O failures (unreadable folder), not for bad content.
pub fn load(root: &Path) -> Result<(Option<Project>, Vec<Diagnostic>)> {
    load_with(root, None)
}

/// Audit files parsed by an earlier load, reused while their bytes are unchanged: the preview
/// reloads the whole repository on every change, and parsing audits is most of a reload.
#[derive(Debug, Default)]
pub struct ParseCache {
    audits: std::collections::HashMap<String, (Vec<u8>, RawAudit)>,
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

    let communes = load_communes(&repo, &mut diagnostics, cache);
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
        }),
        diagnostics,
    ))
}

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

fn load_communes(
    repo: &Repo,
    diagnostics: &mut Vec<Diagnostic>,
    mut cache: Option<&mut ParseCache>,
) -> Vec<RawCommuneDir> {
    let mut communes = Vec::new();
    match repo.check_dir("communes") {
        Ok(true) => {}
        Ok(false) => return communes,
        Err(d) => {
            diagnostics.push(d);
            return communes;
        }
    }
    let entries = match std::fs::read_dir(repo.root.join("communes")) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(io_diagnostic("communes", &e));
            return communes;
        }
    };
    let mut folders: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                // Files beside the folders (a README) and hidden entries are not communes.
                if name.starts_with('.') || !path.is_dir() {
                    continue;
                }
                if path.is_symlink() && !repo.inside(&path) {
                    diagnostics.push(
                        Diagnostic::error(format!("communes/{name}"), 0, 0, t("diag.link-outside"))
                            .with_help(t("help.link-outside")),
                    );
                    continue;
                }
                folders.push(path);
            }
            Err(e) => diagnostics.push(io_diagnostic("communes", &e)),
        }
    }
    folders.sort();
    // Communes are independent: parse them on every core, keeping folder order.
    let known = cache.as_deref();
    let loaded: Vec<(Option<RawCommuneDir>, Vec<Diagnostic>, Vec<Parsed>)> = folders
        .par_iter()
        .map(|folder| {
            let mut local = Vec::new();
            let mut parsed = known.map(|_| Vec::new());
            let commune = load_commune(repo, folder, &mut local, known, parsed.as_mut());
            (commune, local, parsed.unwrap_or_default())
        })
        .collect();
    for (commune, local, parsed) in loaded {
        diagnostics.extend(local);
        communes.extend(commune);
        if let Some(cache) = cache.as_deref_mut() {
            for (path, bytes, audit) in parsed {
                cache.audits.insert(path, (bytes, audit));
            }
        }
    }
    communes
}

/// An audit file parsed anew: (repository path, bytes, value), for the cache.
type Parsed = (String, Vec<u8>, RawAudit);

/// Reads one commune folder: its identity and its audits; `None` when its name is not a slug
/// or the folder cannot be read. Audits whose bytes are in `known` are not parsed again; those
/// parsed go to `parsed`.
fn load_commune(
    repo: &Repo,
    folder: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    known: Option<&ParseCache>,
    mut parsed: Option<&mut Vec<Parsed>>,
) -> Option<RawCommuneDir> {
    let slug = folder
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let rel = format!("communes/{slug}");
    if let Err(e) = crate::names::Slug::new(&slug) {
        diagnostics.push(crate::names::slug_diagnostic(rel, &slug, e));
        return None;
    }
    if let Err(e) = std::fs::read_dir(folder) {
        diagnostics.push(io_diagnostic(&rel, &e));
        return None;
    }
    let path = format!("{rel}/commune.yaml");
    let commune = match repo.read_file(&path) {
        Ok(Some(bytes)) => match decode(&path, &bytes) {
            Ok(text) => parse_yaml::<RawCommune>(&path, &text)
                .map_err(|d| diagnostics.push(d))
                .ok(),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        Ok(None) => {
            diagnostics.push(
                Diagnostic::error(path.clone(), 0, 0, t("diag.no-commune-file"))
                    .with_help(t("help.no-commune-file")),
            );
            None
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    let mut audits = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for (audit_path, bytes) in repo.read_tree(&format!("{rel}/audits"), diagnostics) {
        let name = audit_path.rsplit('/').next().unwrap_or_default();
        let Some(id) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            diagnostics.push(
                Diagnostic::warning(audit_path.clone(), 0, 0, t("diag.not-yaml"))
                    .with_help(t("help.audit-name")),
            );
            continue;
        };
        if !is_audit_id(id) {
            diagnostics.push(
                Diagnostic::error(audit_path.clone(), 0, 0, f("diag.bad-audit-id", &[&id]))
                    .with_help(t("help.audit-name")),
            );
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(seen_id, _)| seen_id == id) {
            diagnostics.push(
                Diagnostic::error(
                    audit_path.clone(),
                    0,
                    0,
                    f("diag.duplicate-audit", &[&id, first]),
                )
                .with_help(t("help.duplicate-audit")),
            );
            continue;
        }
        seen.push((id.to_string(), audit_path.clone()));
        let cached = known.and_then(|c| c.audits.get(&audit_path));
        if let Some((_, audit)) = cached.filter(|(b, _)| *b == bytes) {
            audits.push((id.to_string(), audit_path, audit.clone()));
            continue;
        }
        match decode(&audit_path, &bytes) {
            Ok(text) => match parse_yaml::<RawAudit>(&audit_path, &text) {
                Ok(audit) => {
                    if let Some(parsed) = parsed.as_deref_mut() {
                        parsed.push((audit_path.clone(), bytes, audit.clone()));
                    }
                    audits.push((id.to_string(), audit_path, audit))
                }
                Err(d) => diagnostics.push(d),
            },
            Err(d) => diagnostics.push(d),
        }
    }
    Some(RawCommuneDir {
        slug,
        path,
        commune,
        audits,
    })
}

/// Tells whether an audit file stem is `YYYY-MM` with a real month.
pub fn is_audit_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && matches!(id[5..].parse::<u8>(), Ok(1..=12))
        && b[5..].iter().all(u8::is_ascii_digit)
}

/// Decodes UTF-8, pointing at the first invalid byte otherwise.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = crate::config::line_column(valid, valid.len());
            Err(Diagnostic::error(path, line, column, t("diag.not-utf8"))
                .with_help(t("help.not-utf8")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_ids_are_year_and_month() {
        assert!(is_audit_id("2025-03"));
        assert!(!is_audit_id("2025-13"));
        assert!(!is_audit_id("2025-3"));
        assert!(!is_audit_id("mars-2025"));
    }

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

    #[test]
    fn non_utf8_points_at_the_byte() {
        let d = decode("a.yaml", b"ab\ncd\xff").unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
    }
}
